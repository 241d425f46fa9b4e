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
//! Commissioning (SPEC §7, §8) runs the same stages over frameworks, offers
//! and returns: [`load::commission`], [`validate::commission`],
//! [`compute::bids`] and [`compute::monitor`], [`report::bids`] and
//! [`report::monitor`], with [`commissioning`] running them end to end for
//! `sroi bids` and `sroi monitor`.
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
pub mod commissioning;
pub mod compare;
pub mod compute;
pub mod currency;
pub mod diag;
pub mod format;
pub mod import;
pub mod library;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod portfolio;
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
    let kind = load::kind::kind_of(&root);
    if kind != load::kind::FileKind::Analysis {
        return Err(vec![
            Diagnostic::error("wrong-kind", format!("this is {}, not an SROI analysis", kind.describe()))
                .at(root.loc)
                .hint("frameworks and offers are read by `sroi bids`, returns by `sroi monitor`; `sroi check` checks every kind"),
        ]);
    }
    let mut decoder = load::decode::Decoder::new(&source.text);
    let raw = load::raw::analysis(&mut decoder, &root);
    let mut diagnostics = decoder.diagnostics;
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();
    let library = gather_library(source, &raw, &mut diagnostics);
    let library_complete = diagnostics.iter().filter(|d| d.is_error()).count() == errors_before;
    let analysis = validate::validate(raw, &library, library_complete, &mut diagnostics);
    diagnostics.sort_by_key(|d| (d.file.as_ref().map(|f| f.name.clone()), d.loc.map(|l| (l.line, l.column))));
    match analysis {
        Some(analysis) if !diag::has_errors(&diagnostics) => Ok((analysis, diagnostics)),
        _ => Err(diagnostics),
    }
}

/// The proxies an analysis may name by id, first match winning: its own
/// (`proxies:`), those of its `proxy_files:` (read relative to the analysis's
/// folder, or the current folder for standard input), then sroi's library.
fn gather_library(
    source: &SourceFile,
    raw: &load::raw::RawAnalysis,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<library::LibraryProxy> {
    let mut proxies = raw.proxies.clone();
    let folder = match std::path::Path::new(&source.name).parent() {
        Some(p) if source.name != "<stdin>" && !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    for file in &raw.proxy_files {
        let path = folder.join(&file.value);
        let read = load::read_source(&path.to_string_lossy());
        match read {
            Ok(text) => match library::parse(std::sync::Arc::new(text)) {
                Ok(entries) => proxies.extend(entries),
                Err(errors) => diagnostics.extend(errors),
            },
            Err(load::ReadError::Invalid { file: text, diagnostic }) => {
                diagnostics.push(diagnostic.in_file(std::sync::Arc::new(text)));
            }
            Err(load::ReadError::Io { source: error, .. }) => diagnostics.push(
                Diagnostic::error(
                    "unreadable-proxy-file",
                    format!("cannot read the proxy file `{}`: {error}", path.display()),
                )
                .at(file.loc)
                .hint("proxy files are given relative to the analysis's folder"),
            ),
        }
    }
    proxies.extend(library::shipped());
    proxies
}
