//! `sroi` turns a YAML theory of change into a Social Return on Investment
//! analysis: it applies financial proxies, deadweight, displacement,
//! attribution and drop-off, discounts to present value, and reports the
//! figures.
//!
//! # Stages
//!
//! Data flows one way; each stage knows only the stages before it.
//!
//! 1. [`load`]: bytes → YAML node tree → raw structs, with every shape problem
//!    (unknown key, wrong type, missing field) located and collected.
//! 2. [`validate`]: raw structs → [`model`], checking ranges, references and
//!    the rules of SPEC §1, again collecting every problem.
//! 3. [`compute`]: pure arithmetic (SPEC §2): values, discounting, totals.
//! 4. [`render`]: results → bytes (JSON, a terminal table).
//! 5. [`cli`]: the command line, which wires the stages together.
//!
//! Leaf modules used by all: [`model`], [`diag`] (diagnostics), [`source`]
//! (files and locations), [`suggest`] ("did you mean"), [`format`] (figures
//! for people), [`output`] (atomic file writes), [`synthetic`] (generated
//! analyses for benchmarks and stress tests).
//!
//! ```
//! let source = sroi::source::SourceFile::new("example.yaml", sroi::cli::init::EXAMPLE);
//! let (analysis, _warnings) = sroi::analyse(&source).expect("the example is valid");
//! let results = sroi::compute::compute(&analysis);
//! assert!(results.sroi_ratio > 1.0);
//! ```

pub mod charts;
pub mod cli;
pub mod colour;
pub mod compute;
pub mod currency;
pub mod diag;
pub mod format;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod quality;
pub mod render;
pub mod report;
pub mod source;
pub mod suggest;
pub mod synthetic;
pub mod validate;

use diag::Diagnostic;
use model::Analysis;
use source::SourceFile;

/// Loads and validates an analysis. On success, the model and any warnings;
/// otherwise every diagnostic found, errors and warnings, in file order.
pub fn analyse(source: &SourceFile) -> Result<(Analysis, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root = load::parse_yaml(source).map_err(|d| vec![d])?;
    let mut decoder = load::decode::Decoder::new(&source.text);
    let raw = load::raw::analysis(&mut decoder, &root);
    let mut diagnostics = decoder.diagnostics;
    let analysis = validate::validate(raw, &mut diagnostics);
    diagnostics.sort_by_key(|d| d.loc.map(|l| (l.line, l.column)));
    match analysis {
        Some(analysis) if !diag::has_errors(&diagnostics) => Ok((analysis, diagnostics)),
        _ => Err(diagnostics),
    }
}
