//! The integration tests, as one test binary: each module drives the library
//! or the CLI as a user would. One binary links once, instead of once per file.

mod architecture;
mod cli;
mod cli_flags;
mod commissioning;
mod common;
mod compare;
mod diagnostics;
mod fixture_figures;
mod hostile;
mod html;
mod import;
mod mutated;
mod pdf;
mod portfolio;
mod properties;
mod schema;
mod watch;
mod xlsx;
