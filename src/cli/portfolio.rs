//! `sroi portfolio DIR|MANIFEST`: reads the manifest (or the folder), makes
//! the statement through the [pipeline](crate::pipeline), prints it or writes
//! the files.

use std::io::Write as _;
use std::path::Path;

use super::{Exit, Streams};
use crate::diag::Diagnostic;
use crate::pipeline::{self, Format};

/// What `sroi portfolio` was asked for.
pub(super) struct Asked<'a> {
    pub(super) path: &'a Path,
    pub(super) json: bool,
    pub(super) formats: &'a [Format],
    pub(super) out: &'a Path,
    pub(super) templates: Option<&'a Path>,
    /// `--quiet` (no progress bar either) and `--deny warnings`.
    pub(super) findings: super::args::Findings,
    /// With `--year`: the year and the one basis it is stated on.
    pub(super) basis: Option<pipeline::YearBasis>,
    /// With `--year`: last year's statement JSON.
    pub(super) previous: Option<&'a Path>,
}

pub(super) fn run(asked: &Asked<'_>, streams: &mut Streams<'_>) -> Exit {
    let path = asked.path;
    let manifest = if path.is_dir() {
        match crate::load::manifest::from_folder(path) {
            Ok(manifest) => manifest,
            Err(error) => {
                let problem =
                    Diagnostic::error("unreadable-folder", format!("cannot read the folder: {error}"));
                super::problem(Some(&path.display().to_string()), problem, streams);
                return Exit::Failed;
            }
        }
    } else {
        let source = match super::read(&path.to_string_lossy(), streams) {
            Ok(source) => source,
            Err(code) => return code,
        };
        match crate::load::manifest::read_manifest(&source) {
            Ok(manifest) => manifest,
            Err(diagnostics) => {
                super::print_diagnostics(&diagnostics, &source, streams);
                return Exit::Invalid;
            }
        }
    };
    if manifest.entries.is_empty() {
        let problem = Diagnostic::error("empty-portfolio", "the portfolio has no analyses")
            .hint("a folder needs .yaml analysis files in it; a manifest lists them under `analyses:`");
        super::problem(Some(&path.display().to_string()), problem, streams);
        return Exit::Invalid;
    }
    // A progress bar on a terminal, for long runs; it draws on stderr and is gone when done.
    use std::io::IsTerminal as _;
    let bar = if asked.findings.quiet || !std::io::stderr().is_terminal() || manifest.entries.len() < 100 {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(manifest.entries.len() as u64)
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} analyses ({eta} left)") {
        bar.set_style(style);
    }
    // Last year's statement is read first: a wrong file stops the run before any work.
    let previous = match asked.previous {
        Some(file) => {
            let source = match super::read(&file.to_string_lossy(), streams) {
                Ok(source) => source,
                Err(code) => return code,
            };
            match crate::load::previous::read(&source) {
                Ok(previous) => Some(previous),
                Err(diagnostic) => {
                    super::print_diagnostics(&[diagnostic], &source, streams);
                    return Exit::Invalid;
                }
            }
        }
        None => None,
    };
    let contracts = manifest.entries.iter().filter(|e| e.is_contract()).count();
    let mut about_run = None;
    if contracts > 0 && asked.basis.is_none() {
        let problem = Diagnostic::warning(
            "contracts-need-a-year",
            format!(
                "{contracts} {} not counted: a contract's value is stated for one year",
                if contracts == 1 { "contract is" } else { "contracts are" }
            ),
        )
        .hint("give the year, e.g. `--year 2026/27`, to count contracts' committed, delivered and validated value");
        about_run = Some(problem);
    }
    let pipeline::Stated { mut statement, findings } = match &asked.basis {
        Some(basis) => pipeline::statement_of_year(&manifest, basis, streams.color, &|| bar.inc(1)),
        None => pipeline::statement(&manifest, streams.color, &|| bar.inc(1)),
    };
    bar.finish_and_clear();
    if let Some(previous) = &previous {
        let change = crate::compute::statement::change(&statement, previous);
        if let Some(totals) = statement.in_year.as_mut() {
            totals.change = change;
        }
    }
    for failure in &statement.failed {
        let _ = writeln!(streams.err, "{}", crate::diag::escape_controls(&failure.error));
    }
    let failed = if statement.failed.is_empty() { Exit::Ok } else { Exit::Invalid };
    let mut found = super::findings::Found::new(streams.color);
    for summary in findings {
        found.summary(summary);
    }
    if let Some(problem) = about_run {
        found.run(Some(&path.display().to_string()), problem);
    }
    let stopped = if asked.formats.is_empty() { "nothing was printed" } else { "nothing was written" };
    if let Err(code) = found.print(asked.findings, stopped, streams) {
        return code.max(failed);
    }
    if asked.formats.is_empty() {
        let written = if asked.json {
            super::write_json(&crate::render::statement::json(&statement), streams)
        } else {
            super::write_text(&crate::render::statement::text(&statement), streams)
        };
        return written.max(failed);
    }
    let stem = match path.file_stem() {
        Some(stem) if path != Path::new("-") => stem.to_string_lossy().into_owned(),
        _ => "portfolio".to_owned(),
    };
    let stamp = crate::report::Stamp::at(streams.now);
    let outputs = pipeline::statement_outputs(&statement, stamp, asked.formats, asked.templates);
    let inputs = [path.to_path_buf()];
    let written = super::Written {
        stem: &stem,
        name: &stem,
        out: asked.out,
        inputs: (&inputs, "manifest"),
        order: &[],
    };
    super::write_outputs(outputs, &written, "statement", streams).max(failed)
}
