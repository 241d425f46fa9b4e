//! Stage 4, render: figures in, bytes out. Renderers do no I/O.

pub mod csv;
pub mod html;
pub mod json;
pub mod pdf;
pub mod text;
pub mod xlsx;
