//! `sroi check`: validation and the quality checks, as text or JSON.

use std::io::Write as _;

use serde::Serialize;

use super::{Exit, Streams, print_diagnostics};
use crate::diag::{Diagnostic, Principle, Severity};
use crate::load::{self, ReadError};
use crate::source::SourceFile;

/// One finding in `--format json`.
#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    severity: Severity,
    principle: Option<Principle>,
    message: &'a str,
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    hints: &'a [String],
}

use super::findings::count;

/// Everything `check` has to say about one readable file, and a summary of it.
fn diagnose(source: &SourceFile) -> (Vec<Diagnostic>, Option<String>) {
    let analysed = match crate::analyse_any(source) {
        // Frameworks, offers and returns are checked as `sroi bids` and `sroi monitor` read them.
        // (They are small: parsed again, whole, for the checks of their kind.)
        crate::Analysed::Other(..) => match load::parse_yaml(source) {
            Ok(root) => match crate::pipeline::commissioning::check(source, &root) {
                Some(checked) => return checked,
                None => crate::analyse(source),
            },
            Err(diagnostic) => Err(vec![diagnostic]),
        },
        crate::Analysed::Analysis(analysed) => analysed,
    };
    match analysed {
        Ok((analysis, warnings)) => {
            let results = crate::compute::compute(&analysis);
            let mut diagnostics = crate::pipeline::findings(&analysis, &results, warnings);
            crate::diag::in_file_order(&mut diagnostics);
            let summary = [
                count(analysis.stakeholders.len(), "stakeholder"),
                count(analysis.inputs.len(), "input"),
                count(analysis.outputs.len(), "output"),
                count(analysis.outcomes.len(), "outcome"),
            ]
            .join(", ");
            (diagnostics, Some(summary))
        }
        Err(diagnostics) => (diagnostics, None),
    }
}

/// Checks every file; exits 2 if any is unreadable, else 1 if any is invalid
/// (or, with `--deny warnings`, has a warning), else 0. With `--quiet` only
/// errors are printed, and the line closing each file.
pub(super) fn run(
    files: &[String],
    format: super::PrintFormat,
    asked: super::args::Findings,
    streams: &mut Streams<'_>,
) -> Exit {
    let json = format == super::PrintFormat::Json;
    let deny_warnings = asked.deny_warnings();
    let mut worst = Exit::Ok;
    let mut checked: Vec<(SourceFile, Vec<Diagnostic>)> = Vec::new();
    for path in files {
        let (source, diagnostics, summary) = match load::read_source(path) {
            Ok(source) => {
                let (diagnostics, summary) = diagnose(&source);
                (source, diagnostics, summary)
            }
            Err(ReadError::Invalid { file, diagnostic }) => (file, vec![*diagnostic], None),
            Err(ReadError::Io { name, source }) => {
                let message = format!("cannot read the file: {source}");
                let diagnostic = Diagnostic::error("unreadable-file", message)
                    .hint("check the path and the file's permissions");
                if json {
                    // Say so in the JSON too, not only through the exit code.
                    checked.push((SourceFile::new(name, ""), vec![diagnostic]));
                } else {
                    super::problem(Some(&name), diagnostic, streams);
                }
                worst = worst.max(Exit::Failed);
                continue;
            }
        };
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
        let notes = diagnostics.len() - errors - warnings;
        if errors > 0 || (deny_warnings && warnings > 0) {
            worst = worst.max(Exit::Invalid);
        }
        if !json {
            if asked.quiet {
                let errors: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
                print_diagnostics(&errors, &source, streams);
            } else {
                print_diagnostics(&diagnostics, &source, streams);
            }
            match summary {
                Some(summary) if deny_warnings && warnings > 0 => {
                    // Never "ok" for a file that fails the run.
                    let line = format!(
                        "{}: {} ({summary}); {}",
                        source.name,
                        super::findings::denied(warnings),
                        count(notes, "note")
                    );
                    let _ = writeln!(streams.err, "{}", crate::diag::escape_controls(&line));
                }
                Some(summary) => {
                    let findings = if warnings + notes == 0 {
                        String::new()
                    } else {
                        format!("; {}, {}", count(warnings, "warning"), count(notes, "note"))
                    };
                    let line = format!("{}: ok ({summary}){findings}", source.name);
                    let _ = writeln!(streams.out, "{}", crate::diag::escape_controls(&line));
                }
                None => {
                    let _ = writeln!(
                        streams.err,
                        "{}: {}; nothing was computed",
                        source.name,
                        count(errors, "error")
                    );
                }
            }
        }
        checked.push((source, diagnostics));
    }
    if json {
        let findings: Vec<Finding<'_>> = checked
            .iter()
            .flat_map(|(source, diagnostics)| {
                diagnostics.iter().map(move |d| Finding {
                    code: d.code,
                    severity: d.severity,
                    principle: d.principle,
                    message: &d.message,
                    file: d.file.as_ref().map_or(&source.name, |f| &f.name),
                    line: d.loc.map(|l| l.line),
                    column: d.loc.map(|l| l.column),
                    hints: &d.hints,
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&findings).unwrap_or_else(|_| "[]".to_owned());
        text.push('\n');
        let _ = streams.out.write_all(crate::diag::escape_json_controls(&text).as_bytes());
    }
    worst
}
