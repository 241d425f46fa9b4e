//! The quality findings summary that every command reading analyses or
//! commissioning files prints on standard error, where people look: each
//! warning as `sroi check` prints it (the place, the source line, a caret,
//! hints), then a line of counts for the file, notes counted and left to
//! `check`. `--quiet` silences it; `--deny warnings` makes any warning fail
//! the run, with a closing line that says so.

use std::io::Write as _;

use super::args::Findings;
use super::{Exit, Streams};
use crate::diag::{self, Diagnostic, Severity, Summary};
use crate::source::SourceFile;

/// `1 warning`, `3 warnings`.
pub(super) fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// The closing line of a run that `--deny warnings` fails:
/// `failed: 3 warnings and --deny warnings`.
pub(super) fn denied(warnings: usize) -> String {
    format!("failed: {} and --deny warnings", count(warnings, "warning"))
}

/// What a run found, file by file, printed as one summary by [`Found::print`].
pub(crate) struct Found {
    /// Whether the warnings are rendered in colour.
    color: bool,
    /// Each file read with warnings or notes (a valid file has no errors).
    files: Vec<Summary>,
    /// Warnings about the run itself rather than a place in a file (a file
    /// named twice), with the name they are about.
    run: Vec<(Option<String>, Diagnostic)>,
}

impl Found {
    /// Nothing found yet; warnings will be rendered in colour when `color`.
    pub(crate) fn new(color: bool) -> Self {
        Found { color, files: Vec::new(), run: Vec::new() }
    }

    /// Adds what a file said: its own warnings and the quality findings.
    pub(crate) fn file(&mut self, source: &SourceFile, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.files.push(Summary::of(diagnostics.into_iter().collect(), source, self.color));
    }

    /// Adds a file's summary made elsewhere (by the pipeline, in parallel).
    pub(crate) fn summary(&mut self, summary: Summary) {
        self.files.push(summary);
    }

    /// Adds a warning about the run, not placed in a file.
    pub(crate) fn run(&mut self, name: Option<&str>, diagnostic: Diagnostic) {
        self.run.push((name.map(str::to_owned), diagnostic));
    }

    /// How many warnings were found in all.
    pub(crate) fn warnings(&self) -> usize {
        let in_files: usize = self.files.iter().map(|s| s.warnings).sum();
        in_files + self.run.iter().filter(|(_, d)| d.severity == Severity::Warning).count()
    }

    /// Prints the summary on stderr (nothing with `--quiet`): each file's
    /// warnings, then `FILE: 3 warnings, 5 notes`, with where to see the notes.
    /// With `--deny warnings` and any warning, prints `failed: N warnings and
    /// --deny warnings; {stopped}` (even with `--quiet`) and gives exit 1, so the
    /// command stops before it prints or writes anything else.
    pub(crate) fn print(
        &self,
        asked: Findings,
        stopped: &str,
        streams: &mut Streams<'_>,
    ) -> Result<(), Exit> {
        if !asked.quiet {
            for file in &self.files {
                let _ = write!(streams.err, "{}", file.shown);
                if file.warnings + file.notes == 0 {
                    continue;
                }
                let name = diag::escape_controls(&file.name);
                let asked_again = if file.name == "<stdin>" { "-".into() } else { name.clone() };
                let see = match file.notes {
                    0 => String::new(),
                    1 => format!("; `sroi check {asked_again}` shows the note"),
                    _ => format!("; `sroi check {asked_again}` shows the notes"),
                };
                let (warnings, notes) = (count(file.warnings, "warning"), count(file.notes, "note"));
                let _ = writeln!(streams.err, "{name}: {warnings}, {notes}{see}");
            }
            for (name, diagnostic) in &self.run {
                super::problem(name.as_deref(), diagnostic.clone(), streams);
            }
        }
        let warnings = self.warnings();
        if asked.deny_warnings() && warnings > 0 {
            let _ = writeln!(streams.err, "{}; {stopped}", denied(warnings));
            return Err(Exit::Invalid);
        }
        Ok(())
    }
}
