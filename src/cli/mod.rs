//! Stage 5, the command line (SPEC §4): parses arguments and wires the stages.
//!
//! [`run`] takes the arguments and output streams and returns the exit code,
//! so tests drive the whole tool in-process.

mod args;
pub mod assurance;
pub mod bids;
mod calc;
pub mod check;
mod clock;
mod compare;
mod findings;
pub mod import;
pub mod init;
pub mod monitor;
mod portfolio;
pub mod proxies;
pub mod report;
mod watch;
mod write;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser as _;

use crate::diag::{self, Diagnostic};
use crate::load::{self, ReadError};
use crate::model::Analysis;
use crate::source::SourceFile;

/// Exit codes (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Success; warnings allowed.
    Ok = 0,
    /// The input is invalid.
    Invalid = 1,
    /// The tool could not do its job: unreadable file, unwritable output.
    Failed = 2,
}

/// Where output goes, and whether diagnostics are coloured.
pub struct Streams<'a> {
    /// Results.
    pub out: Box<dyn Write + 'a>,
    /// Diagnostics and messages.
    pub err: Box<dyn Write + 'a>,
    /// ANSI colour in diagnostics (only on a terminal, never with `NO_COLOR`).
    pub color: bool,
    /// When the command runs, in seconds since 1970: read once, at the edge,
    /// by [`clock::now`] (`SOURCE_DATE_EPOCH` when set), and dating every report.
    pub now: i64,
}

pub use args::{CompareFormat, Deny, PrintFormat, TimingArg};
pub use clock::now;
pub(crate) use write::{Written, html_bytes, write_json, write_new, write_out, write_outputs, write_text};

/// Runs the tool with `args` (the first is the program name).
pub fn run<I, T>(args: I, streams: &mut Streams<'_>) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match args::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let text = if streams.color { err.render().ansi().to_string() } else { err.render().to_string() };
            return if err.use_stderr() {
                let _ = write!(streams.err, "{text}");
                Exit::Failed
            } else {
                let _ = write!(streams.out, "{text}");
                Exit::Ok
            };
        }
    };
    use args::Command;
    match cli.command {
        Command::Init { dir, templates: true, .. } => init::templates(&dir, streams),
        Command::Init { dir, framework, offer, returns, .. } if framework || offer || returns => {
            init::commissioning(&dir, (framework, offer, returns), streams)
        }
        Command::Init { dir, .. } => init::run(&dir, streams),
        Command::Bids { framework, offers, print, files_written: f, findings } => {
            bids::run(&framework, &offers, &bids::Asked::new(&print, &f, findings), streams)
        }
        Command::Monitor { offer, returns, print, files_written: f, findings } => {
            monitor::run(&offer, &returns, &bids::Asked::new(&print, &f, findings), streams)
        }
        Command::Report { file, formats, output, templates, findings } => {
            report::run(&file, &formats, (&output, templates.as_deref()), findings, streams)
        }
        Command::Check { files, .. } if stdin_twice(&files, streams) => Exit::Failed,
        Command::Check { files, print, assurance: true, .. } => {
            assurance::run(&files, print.format(), streams)
        }
        Command::Check { files, print, findings, assurance: false } => {
            check::run(&files, print.format(), findings, streams)
        }
        Command::Calc { file, print, findings } => calc::run(&file, print.json(), findings, streams),
        Command::Compare {
            files,
            print,
            files_written: f,
            findings,
            rebase,
            discount_rate,
            timing,
            price_year,
        } => {
            let rebase = rebase.then(|| compare::rebase(discount_rate, timing, price_year));
            let asked = compare::Asked {
                files: &files,
                json: print.json(),
                formats: &f.formats,
                out: &f.output,
                templates: f.templates.as_deref(),
                rebase,
                findings,
            };
            compare::run(&asked, streams)
        }
        Command::Portfolio {
            path,
            print,
            files_written: f,
            findings,
            year,
            discount_rate,
            timing,
            price_year,
            previous,
        } => {
            let basis = year.map(|year| crate::pipeline::YearBasis {
                year,
                rebase: compare::rebase(discount_rate, timing, price_year),
            });
            let asked = portfolio::Asked {
                path: &path,
                json: print.json(),
                formats: &f.formats,
                out: &f.output,
                templates: f.templates.as_deref(),
                findings,
                basis,
                previous: previous.as_deref(),
            };
            portfolio::run(&asked, streams)
        }
        Command::Import { workbook, output } => import::run(&workbook, output.as_deref(), streams),
        Command::Schema { statement: false } => write_out(init::SCHEMA.as_bytes(), streams),
        Command::Schema { statement: true } => write_out(init::STATEMENT_SCHEMA.as_bytes(), streams),
        Command::Proxies { files, action } => proxies::run(&action, &files, streams),
        Command::Watch { file, port, templates } => watch::run(&file, port, templates.as_deref(), streams),
    }
}

/// Reads and validates one analysis, printing its errors if it is invalid.
/// Returns the analysis and its warnings (for [`findings::Found`] to print),
/// or the exit code to stop with.
pub fn load(path: &str, streams: &mut Streams<'_>) -> Result<(SourceFile, Analysis, Vec<Diagnostic>), Exit> {
    let source = read(path, streams)?;
    let analysis = crate::analyse(&source);
    analysed(source, analysis, streams)
}

/// A file the [pipeline](crate::pipeline) read and analysed, its errors
/// printed as [`load`] prints them: its path, text, analysis and warnings,
/// or the exit code.
pub(crate) fn loaded(
    analysed: crate::pipeline::Analysed,
    streams: &mut Streams<'_>,
) -> Result<(String, SourceFile, Analysis, Vec<Diagnostic>), Exit> {
    let read = match analysed.read {
        Ok(read) => read,
        Err(error) => return Err(unreadable(error, streams)),
    };
    let (source, analysis, warnings) = self::analysed(read.source, read.analysis, streams)?;
    Ok((analysed.path, source, analysis, warnings))
}

fn analysed(
    source: SourceFile,
    analysis: Result<(Analysis, Vec<Diagnostic>), Vec<Diagnostic>>,
    streams: &mut Streams<'_>,
) -> Result<(SourceFile, Analysis, Vec<Diagnostic>), Exit> {
    match analysis {
        Ok((analysis, warnings)) => Ok((source, analysis, warnings)),
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, &source, streams);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let plural = if errors == 1 { "" } else { "s" };
            let _ = writeln!(streams.err, "{}: {errors} error{plural}; nothing was computed", source.name);
            Err(Exit::Invalid)
        }
    }
}

/// Reads a file (or standard input for `-`), printing why it cannot be read:
/// exit 2 when the system refuses, 1 when the file is too large or not UTF-8.
pub(crate) fn read(path: &str, streams: &mut Streams<'_>) -> Result<SourceFile, Exit> {
    load::read_source(path).map_err(|error| unreadable(error, streams))
}

/// Says why a file cannot be read: exit 2 when the system refuses, 1 when the
/// file is too large or not UTF-8.
fn unreadable(error: ReadError, streams: &mut Streams<'_>) -> Exit {
    match error {
        ReadError::Io { name, source } => {
            problem(
                Some(&name),
                Diagnostic::error("unreadable-file", format!("cannot read the file: {source}")),
                streams,
            );
            Exit::Failed
        }
        ReadError::Invalid { file, diagnostic } => {
            print_diagnostics(&[*diagnostic], &file, streams);
            Exit::Invalid
        }
    }
}

/// Whether `files` name standard input (`-`) more than once, which cannot be
/// read twice; says so when it does.
fn stdin_twice(files: &[String], streams: &mut Streams<'_>) -> bool {
    let twice = files.iter().filter(|f| *f == "-").count() > 1;
    if twice {
        problem(
            None,
            Diagnostic::error("stdin-twice", "standard input (`-`) can be read only once"),
            streams,
        );
    }
    twice
}

/// Prints a problem that has no place in a file (SPEC §4's format without
/// the line and caret): every such error and warning of the command line
/// goes through here.
pub(crate) fn problem(name: Option<&str>, diagnostic: Diagnostic, streams: &mut Streams<'_>) {
    let _ = write!(streams.err, "{}", diag::render_unplaced(name, &diagnostic, streams.color));
}

pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic], source: &SourceFile, streams: &mut Streams<'_>) {
    let _ = write!(streams.err, "{}", diag::render_all(diagnostics, source, streams.color));
}
