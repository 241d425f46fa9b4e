//! Stage 4, render: figures in, bytes out. Renderers do no I/O.

pub mod bids;
pub mod comparison;
pub mod csv;
pub mod html;
pub mod json;
pub mod monitor;
pub mod pdf;
pub mod statement;
pub mod text;
pub mod xlsx;
