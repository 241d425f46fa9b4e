//! The quality findings summary that every command reading analyses or
//! commissioning files prints on standard error, where people look: each
//! warning as `sroi check` prints it (the place, the source line, a caret,
//! hints), then a line of counts for the file, notes counted and left to
//! `check`. `--quiet` silences it; `--deny warnings` makes any warning fail
//! the run, with a closing line that says so.

use std::borrow::Cow;
use std::io::Write as _;

use super::args::Findings;
use super::{Exit, Streams};
use crate::diag::{self, Diagnostic, Severity};
use crate::source::SourceFile;

/// `1 warning`, `3 warnings`.
pub(super) fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// How many warnings and notes there are among `diagnostics`.
pub(super) fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let notes = diagnostics.iter().filter(|d| d.severity == Severity::Note).count();
    (warnings, notes)
}

/// The closing line of a run that `--deny warnings` fails:
/// `failed: 3 warnings and --deny warnings`.
pub(super) fn denied(warnings: usize) -> String {
    format!("failed: {} and --deny warnings", count(warnings, "warning"))
}

/// Diagnostics in file order, as `check` prints them: by the file they are
/// in (another file's, such as an offer's framework, apart), then line and column.
pub(super) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.file.as_ref().map(|f| f.name.clone()), d.loc.map(|l| (l.line, l.column))));
}

/// What a run found, file by file, printed as one summary by [`Found::print`].
#[derive(Default)]
pub(crate) struct Found<'a> {
    /// Each file read, with its warnings and notes (a valid file has no errors).
    files: Vec<(Cow<'a, SourceFile>, Vec<Diagnostic>)>,
    /// Warnings about the run itself rather than a place in a file (a file
    /// named twice), with the name they are about.
    run: Vec<(Option<String>, Diagnostic)>,
}

impl<'a> Found<'a> {
    /// Adds what a file said: its own warnings and the quality findings.
    pub(crate) fn file(&mut self, source: &'a SourceFile, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.push(Cow::Borrowed(source), diagnostics.into_iter().collect());
    }

    /// Adds what a file said, the file kept here.
    pub(crate) fn file_owned(&mut self, source: SourceFile, diagnostics: Vec<Diagnostic>) {
        self.push(Cow::Owned(source), diagnostics);
    }

    fn push(&mut self, source: Cow<'a, SourceFile>, mut diagnostics: Vec<Diagnostic>) {
        sort(&mut diagnostics);
        self.files.push((source, diagnostics));
    }

    /// Adds a warning about the run, not placed in a file.
    pub(crate) fn run(&mut self, name: Option<&str>, diagnostic: Diagnostic) {
        self.run.push((name.map(str::to_owned), diagnostic));
    }

    /// How many warnings were found in all.
    pub(crate) fn warnings(&self) -> usize {
        let in_files: usize = self.files.iter().map(|(_, d)| counts(d).0).sum();
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
            for (source, diagnostics) in &self.files {
                let warnings: Vec<Diagnostic> =
                    diagnostics.iter().filter(|d| d.severity != Severity::Note).cloned().collect();
                let _ = write!(streams.err, "{}", diag::render_all(&warnings, source, streams.color));
                let (warnings, notes) = counts(diagnostics);
                if warnings + notes == 0 {
                    continue;
                }
                let name = diag::escape_controls(&source.name);
                let asked_again = if source.name == "<stdin>" { "-".into() } else { name.clone() };
                let see = if notes == 0 {
                    String::new()
                } else {
                    format!(
                        "; `sroi check {asked_again}` shows the {}",
                        if notes == 1 { "note" } else { "notes" }
                    )
                };
                let _ = writeln!(
                    streams.err,
                    "{name}: {}, {}{see}",
                    count(warnings, "warning"),
                    count(notes, "note")
                );
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
