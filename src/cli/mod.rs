//! Stage 5, the command line (SPEC §4): parses arguments and wires the stages.
//!
//! [`run`] takes the arguments and output streams and returns the exit code,
//! so tests drive the whole tool in-process.

mod args;
mod calc;
pub mod check;
mod clock;
mod compare;
pub mod import;
pub mod init;
mod portfolio;
pub mod proxies;
pub mod report;

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

pub use args::{CheckFormat, CompareFormat, Deny, PortfolioFormat, TimingArg};
pub use clock::now;

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
        Command::Init { dir, templates: false } => init::run(&dir, streams),
        Command::Init { dir, templates: true } => init::templates(&dir, streams),
        Command::Report { file, format, output, templates } => {
            report::run(&file, &format, &output, templates.as_deref(), streams)
        }
        Command::Check { files, .. } if stdin_twice(&files, streams) => Exit::Failed,
        Command::Check { files, format, deny } => check::run(&files, format, deny.is_some(), streams),
        Command::Calc { file, json } => calc::run(&file, json, streams),
        Command::Compare {
            files,
            json,
            format,
            output,
            templates,
            rebase,
            discount_rate,
            timing,
            price_year,
        } => {
            let rebase = rebase.then(|| compare::rebase(discount_rate, timing, price_year));
            let asked = compare::Asked {
                files: &files,
                json,
                formats: &format,
                out: &output,
                templates: templates.as_deref(),
                rebase,
            };
            compare::run(&asked, streams)
        }
        Command::Portfolio { path, json, format, output, quiet, templates } => {
            let asked = portfolio::Asked {
                path: &path,
                json,
                formats: &format,
                out: &output,
                templates: templates.as_deref(),
                quiet,
            };
            portfolio::run(&asked, streams)
        }
        Command::Import { workbook, output } => import::run(&workbook, output.as_deref(), streams),
        Command::Schema => write_out(init::SCHEMA.as_bytes(), streams),
        Command::Proxies { files, action } => proxies::run(&action, &files, streams),
    }
}

/// Reads and validates one analysis, printing its diagnostics. Returns the
/// analysis and its warnings, or the exit code to stop with.
pub fn load(path: &str, streams: &mut Streams<'_>) -> Result<(SourceFile, Analysis, Vec<Diagnostic>), Exit> {
    let source = read(path, streams)?;
    let analysis = crate::analyse(&source);
    analysed(source, analysis, streams)
}

/// A file the [pipeline](crate::pipeline) read and analysed, its
/// diagnostics printed as [`load`] prints them: its path and analysis, or
/// the exit code.
pub(crate) fn loaded(
    analysed: crate::pipeline::Analysed,
    streams: &mut Streams<'_>,
) -> Result<(String, Analysis), Exit> {
    let read = match analysed.read {
        Ok(read) => read,
        Err(error) => return Err(unreadable(error, streams)),
    };
    let (_, analysis, _) = self::analysed(read.source, read.analysis, streams)?;
    Ok((analysed.path, analysis))
}

fn analysed(
    source: SourceFile,
    analysis: Result<(Analysis, Vec<Diagnostic>), Vec<Diagnostic>>,
    streams: &mut Streams<'_>,
) -> Result<(SourceFile, Analysis, Vec<Diagnostic>), Exit> {
    match analysis {
        Ok((analysis, warnings)) => {
            print_diagnostics(&warnings, &source, streams);
            Ok((source, analysis, warnings))
        }
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
            let _ = writeln!(streams.err, "{name}: error: cannot read the file: {source}");
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
        let _ = writeln!(streams.err, "error: standard input (`-`) can be read only once");
    }
    twice
}

/// Creates the folder reports are written into.
pub(crate) fn create_output_folder(out: &std::path::Path, streams: &mut Streams<'_>) -> Result<(), Exit> {
    std::fs::create_dir_all(out).map_err(|error| {
        let _ = writeln!(streams.err, "{}: error: cannot create the output folder: {error}", out.display());
        Exit::Failed
    })
}

/// Writes one output file (`what`: "report", "statement") atomically, never
/// over one of the `inputs` (their `input_name`: "analysis", "manifest"), and says so.
pub(crate) fn write_output(
    target: &std::path::Path,
    bytes: &[u8],
    (inputs, input_name): (&[&std::path::Path], &str),
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<(), Exit> {
    if inputs.iter().any(|input| crate::output::same_file(target, input)) {
        let _ = writeln!(
            streams.err,
            "{}: error: the {what} would replace the {input_name} itself; nothing was written\nhint: write the {what} to another folder with `-o DIR`",
            target.display()
        );
        return Err(Exit::Failed);
    }
    if let Err(error) = crate::output::write_atomic(target, bytes, crate::output::Existing::Replace) {
        let _ = writeln!(
            streams.err,
            "{}: error: cannot write the {what}: {error}; nothing was written",
            target.display()
        );
        return Err(Exit::Failed);
    }
    let _ = writeln!(streams.out, "wrote {}", target.display());
    Ok(())
}

/// Writes a file that must not exist yet (one the user may since have
/// edited), atomically, and says so; `what` names it in errors, with a hint
/// for when it exists.
pub(crate) fn write_new(
    path: &std::path::Path,
    bytes: &[u8],
    (what, hint): (&str, Option<&str>),
    streams: &mut Streams<'_>,
) -> Exit {
    match crate::output::write_atomic(path, bytes, crate::output::Existing::Keep) {
        Ok(()) => {
            let _ = writeln!(streams.out, "wrote {}", path.display());
            Exit::Ok
        }
        Err(error) => {
            let reason = if error.kind() == std::io::ErrorKind::AlreadyExists {
                let hint = hint.map(|h| format!("\nhint: {h}")).unwrap_or_default();
                format!("the file already exists; it was left as it is{hint}")
            } else {
                format!("cannot write the {what}: {error}")
            };
            let _ = writeln!(streams.err, "{}: error: {reason}", path.display());
            Exit::Failed
        }
    }
}

pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic], source: &SourceFile, streams: &mut Streams<'_>) {
    let _ = write!(streams.err, "{}", diag::render_all(diagnostics, source, streams.color));
}

/// A PDF's bytes, with a warning when its font cannot show some of the
/// text; or, when it cannot be made, the exit code (having said why).
pub(crate) fn pdf_bytes(
    made: Result<crate::render::pdf::Rendered, crate::render::pdf::PdfError>,
    name: &str,
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<Vec<u8>, Exit> {
    match made {
        Ok(rendered) => {
            if !rendered.missing_glyphs.is_empty() {
                let shown: String = rendered.missing_glyphs.iter().take(20).collect();
                let _ = writeln!(
                    streams.err,
                    "{name}: warning: the PDF's font cannot show some characters ({shown}); they are left out of the PDF\nhint: the HTML {what} shows them with the reader's own fonts"
                );
            }
            if let Some(why) = &rendered.logo_left_out {
                let _ = writeln!(
                    streams.err,
                    "{name}: warning: the PDF {what} has no logo: {why}\nhint: give `theme: logo:` as a PNG or JPEG image; the HTML {what} shows it either way"
                );
            }
            Ok(rendered.bytes)
        }
        Err(error) => {
            let _ = writeln!(streams.err, "{name}: error: cannot make the PDF {what}: {error}");
            Err(Exit::Failed)
        }
    }
}

/// An HTML page's bytes; or, when it cannot be made, the exit code (having said why).
pub(crate) fn html_bytes(
    made: Result<Vec<u8>, crate::render::html::HtmlError>,
    name: &str,
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<Vec<u8>, Exit> {
    made.map_err(|error| {
        let _ = writeln!(streams.err, "{name}: error: cannot make the HTML {what}: {error}");
        match error {
            // A broken template is the user's input; an unreadable one or a chart failure is ours.
            crate::render::html::HtmlError::Template { .. } => Exit::Invalid,
            _ => Exit::Failed,
        }
    })
}

pub(crate) fn write_out(bytes: &[u8], streams: &mut Streams<'_>) -> Exit {
    match streams.out.write_all(bytes).and_then(|()| streams.out.flush()) {
        Ok(()) => Exit::Ok,
        // A closed pipe (`sroi calc x | head`) is not worth an error message.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(err) => {
            let _ = writeln!(streams.err, "error: cannot write the results: {err}");
            Exit::Failed
        }
    }
}

/// Where the outputs of a command over many files go: `OUT/STEM.EXTENSION`,
/// never over one of the `inputs` (named, in errors, as the second item says).
pub(crate) struct Written<'a> {
    pub(crate) stem: &'a str,
    pub(crate) out: &'a std::path::Path,
    pub(crate) inputs: (&'a [std::path::PathBuf], &'a str),
}

/// Writes the outputs of a run, each atomically, once every one of them has
/// been made: a run that cannot make one of them writes none (having said why).
pub(crate) fn write_outputs(
    outputs: Vec<crate::pipeline::Output>,
    written: &Written<'_>,
    what: &str,
    streams: &mut Streams<'_>,
) -> Exit {
    use crate::pipeline::Made;
    let name = written.stem;
    let mut files = Vec::with_capacity(outputs.len());
    for output in outputs {
        let bytes = match output.made {
            Made::Bytes(bytes) => Ok(bytes),
            Made::Pdf(made) => pdf_bytes(made, name, what, streams),
            Made::Html(made) => html_bytes(made, name, what, streams),
        };
        match bytes {
            Ok(bytes) => files.push((written.out.join(format!("{name}.{}", output.extension)), bytes)),
            Err(code) => return code,
        }
    }
    if let Err(code) = create_output_folder(written.out, streams) {
        return code;
    }
    let inputs: Vec<&std::path::Path> = written.inputs.0.iter().map(std::path::PathBuf::as_path).collect();
    for (target, bytes) in files {
        if let Err(code) = write_output(&target, &bytes, (&inputs, written.inputs.1), what, streams) {
            return code;
        }
    }
    Exit::Ok
}
