//! `sroi` turns a YAML theory of change into a Social Return on Investment
//! analysis: it applies financial proxies, deadweight, displacement,
//! attribution and drop-off, discounts to present value, and reports the
//! figures.
//!
//! # Stages
//!
//! Data flows one way; each stage knows only the stages before it (held by
//! `tests/it/architecture.rs`).
//!
//! 1. [`load`]: bytes → YAML node tree → raw structs, with every shape problem
//!    (unknown key, wrong type, missing field) located and collected; also
//!    portfolio manifests ([`load::manifest`]) and a user's templates
//!    ([`load::templates`]).
//! 2. [`validate`]: raw structs → [`model`], checking ranges, references and
//!    the rules of SPEC §1, again collecting every problem.
//! 3. [`compute`]: pure arithmetic (SPEC §2, §3): values, discounting,
//!    totals, sensitivity and simulation; comparisons under common settings
//!    ([`compute::comparison`]) and statements over many analyses
//!    ([`compute::statement`]). [`quality`] holds the results against the
//!    principles.
//! 4. [`report`]: the views: every figure formatted and every sentence
//!    written once, for a report, a comparison ([`report::comparison`]) and
//!    a statement ([`report::statement`]); [`charts`] draws their charts.
//! 5. [`render`]: views (and, for data exports, results) → bytes: HTML, PDF,
//!    JSON, CSV, xlsx and terminal tables. No I/O.
//! 6. [`pipeline`]: the commands over many files end to end (paths in, named
//!    outputs and diagnostics out, rayon over files).
//! 7. [`cli`]: parses arguments, calls the stages or the pipeline, prints,
//!    writes through [`output`], sets the exit code; the clock is read here
//!    once ([`cli::now`]). `sroi watch` serves the HTML report through
//!    [`serve`], a loopback web server with live reload.
//!
//! Commissioning (SPEC §7, §8) runs the same stages over frameworks, offers
//! and returns: [`load::commission`], [`validate::commission`],
//! [`compute::bids`] and [`compute::monitor`], [`report::bids`] and
//! [`report::monitor`], with [`pipeline::commissioning`] running them end to end for
//! `sroi bids` and `sroi monitor`.
//!
//! Leaf modules used by all: [`model`], [`diag`] (diagnostics), [`source`]
//! (files and locations), [`suggest`] ("did you mean"), [`format`] (figures
//! and sentences for people), [`output`] (atomic file writes), [`synthetic`]
//! (generated analyses for benchmarks and stress tests).
//!
//! ```
//! let source = sroi::source::SourceFile::new("example.yaml", sroi::cli::init::EXAMPLE);
//! let (analysis, _warnings) = sroi::analyse(&source).expect("the example is valid");
//! let results = sroi::compute::compute(&analysis);
//! assert!(results.sroi_ratio > 1.0);
//! ```

pub mod charts;
pub mod checklist;
pub mod cli;
pub mod colour;
pub mod compute;
pub mod currency;
pub mod deflator;
pub mod diag;
pub mod format;
pub mod import;
pub mod library;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod quality;
pub mod render;
pub mod report;
pub mod serve;
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
    match analyse_any(source) {
        Analysed::Analysis(analysed) => analysed,
        Analysed::Other(kind, loc) => Err(vec![
            Diagnostic::error("wrong-kind", format!("this is {}, not an SROI analysis", kind.describe()))
                .at(loc)
                .hint("frameworks and offers are read by `sroi bids`, returns by `sroi monitor`; `sroi check` checks every kind"),
        ]),
    }
}

/// What [`analyse_any`] found a file to be.
#[derive(Debug)]
// Made once per file and matched at once: boxing the analysis buys nothing.
#[allow(clippy::large_enum_variant)]
pub enum Analysed {
    /// An analysis (or not YAML at all): as [`analyse`] returns it.
    Analysis(Result<(Analysis, Vec<Diagnostic>), Vec<Diagnostic>>),
    /// A framework, offer or returns file, whose document starts at the place given.
    Other(load::kind::FileKind, source::Loc),
}

/// [`analyse`] of any kind of file, saying which kind it is (so that `check`
/// reads every file once). The YAML is read straight from the parser's
/// events where it can be, each stakeholder, input, output and outcome
/// decoded and freed as soon as it is parsed, so a large analysis is never
/// held whole as a tree.
pub fn analyse_any(source: &SourceFile) -> Analysed {
    let mut decoder = load::decode::Decoder::new(source.text.clone());
    let mut items = load::raw::Items::default();
    let streamed = load::parse_yaml_handing_over(source, &load::raw::LISTS, &mut |key, node| {
        items.read(&mut decoder, key, &node);
    });
    let raw = match streamed {
        Some(root) => match load::kind::kind_of(&root) {
            load::kind::FileKind::Analysis => load::raw::analysis_with(&mut decoder, &root, items),
            other => return Analysed::Other(other, root.loc),
        },
        // Read by serde-saphyr instead; what was handed over is forgotten first.
        None => {
            drop(items);
            drop(decoder);
            return analyse_whole(source);
        }
    };
    Analysed::Analysis(validated(source, raw, decoder.diagnostics))
}

/// [`analyse_any`] through serde-saphyr's whole tree, for the files that
/// need its rules or have a YAML error.
fn analyse_whole(source: &SourceFile) -> Analysed {
    let root = match load::parse_yaml_slowly(source, load::MAX_EVENTS) {
        Ok(root) => root,
        Err(diagnostic) => return Analysed::Analysis(Err(vec![diagnostic])),
    };
    match load::kind::kind_of(&root) {
        load::kind::FileKind::Analysis => {
            let mut decoder = load::decode::Decoder::new(source.text.clone());
            let raw = load::raw::analysis_of(&mut decoder, root);
            Analysed::Analysis(validated(source, raw, decoder.diagnostics))
        }
        other => Analysed::Other(other, root.loc),
    }
}

/// Validates what was decoded, with the proxies the analysis names.
fn validated(
    source: &SourceFile,
    raw: load::raw::RawAnalysis,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<(Analysis, Vec<Diagnostic>), Vec<Diagnostic>> {
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
    let folder = load::named::folder_of(&source.name);
    // Each file is read once, however often (or however spelt) it is named.
    let mut seen = std::collections::BTreeSet::new();
    for file in &raw.proxy_files {
        let read = load::named::read_named(
            &folder,
            file,
            "the proxy file",
            "unreadable-proxy-file",
            load::named::MAX_PROXY_FILE_BYTES,
        );
        let named = match read {
            Ok(named) => named,
            Err(error) => {
                diagnostics.push(error.diagnostic);
                continue;
            }
        };
        if !seen.insert(named.path.canonicalize().unwrap_or_else(|_| named.path.clone())) {
            continue;
        }
        let name = named.path.to_string_lossy().into_owned();
        match load::source_from_bytes(name, named.bytes) {
            Ok(text) => match library::parse(std::sync::Arc::new(text)) {
                Ok(entries) => proxies.extend(entries),
                Err(errors) => diagnostics.extend(errors),
            },
            Err(load::ReadError::Invalid { file: text, diagnostic }) => {
                diagnostics.push(diagnostic.in_file(std::sync::Arc::new(text)));
            }
            Err(load::ReadError::Io { source: error, .. }) => diagnostics.push(
                Diagnostic::error("unreadable-proxy-file", format!("cannot read the proxy file: {error}"))
                    .at(file.loc),
            ),
        }
    }
    proxies.extend(library::shipped());
    proxies
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model and every diagnostic are the same whether the lists'
    /// items were decoded as they were parsed or from serde-saphyr's whole
    /// tree, on every YAML file of the repository and mutations of them.
    #[test]
    fn decoding_items_as_they_are_parsed_changes_nothing() {
        let mut compared = 0;
        for (name, text) in load::events::tests::yaml_files_and_mutations(12) {
            let source = SourceFile::new(name, text);
            let streamed = format!("{:?}", analyse_any(&source));
            let whole = format!("{:?}", analyse_whole(&source));
            assert_eq!(streamed, whole, "{}", source.text);
            compared += 1;
        }
        assert!(compared > 500, "{compared} files compared");
    }
}
