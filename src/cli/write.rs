//! Where the command line's outputs go: results to standard output, files
//! written atomically through [`crate::output`] and never over an input, and
//! a PDF's or page's failure said once.

use std::io::Write as _;

use super::{Exit, Streams};
use crate::diag::Diagnostic;

/// Creates the folder reports are written into.
fn create_output_folder(out: &std::path::Path, streams: &mut Streams<'_>) -> Result<(), Exit> {
    std::fs::create_dir_all(out).map_err(|error| {
        super::problem(
            Some(&out.display().to_string()),
            Diagnostic::error("unwritable-output", format!("cannot create the output folder: {error}")),
            streams,
        );
        Exit::Failed
    })
}

/// Writes one output file (`what`: "report", "statement") to a temporary
/// file beside `target`, as `write` makes it, never for one of the
/// `inputs` (their `input_name`: "analysis", "manifest"); it is moved into
/// place by [`Staged::commit`](crate::output::Staged::commit), or removed.
/// A failure is said: the file's as a file that cannot be written, an
/// output's that cannot be made as [`Failure::said`] says it (`name`: the
/// file it is made from).
fn stage_output<E: Failure>(
    target: &std::path::Path,
    write: impl FnOnce(&mut (dyn std::io::Write + Send)) -> Result<(), E>,
    inputs: (&[&std::path::Path], &str),
    (name, what): (&str, &str),
    streams: &mut Streams<'_>,
) -> Result<crate::output::Staged, Exit> {
    not_an_input(target, inputs, what, streams)?;
    crate::output::stage(target, write).map_err(|error| match error.written() {
        Ok(error) => {
            unwritable(target, what, &error, streams);
            Exit::Failed
        }
        Err(error) => error.said(name, what, streams),
    })
}

/// Why an output written into its file as it is made failed: the file (an
/// io error), or the making.
trait Failure: From<std::io::Error> {
    /// The file's own error, when it is that.
    fn written(self) -> Result<std::io::Error, Self>;
    /// Says why the output could not be made; its exit code.
    fn said(self, name: &str, what: &str, streams: &mut Streams<'_>) -> Exit;
}

impl Failure for std::io::Error {
    fn written(self) -> Result<std::io::Error, Self> {
        Ok(self)
    }

    fn said(self, _: &str, _: &str, _: &mut Streams<'_>) -> Exit {
        Exit::Failed
    }
}

impl Failure for crate::render::html::HtmlError {
    fn written(self) -> Result<std::io::Error, Self> {
        match self {
            crate::render::html::HtmlError::Write(error) => Ok(error),
            error => Err(error),
        }
    }

    fn said(self, name: &str, what: &str, streams: &mut Streams<'_>) -> Exit {
        html_failed(self, name, what, streams)
    }
}

impl Failure for crate::render::xlsx::WorkbookError {
    fn written(self) -> Result<std::io::Error, Self> {
        match self {
            crate::render::xlsx::WorkbookError::Write(error) => Ok(error),
            error => Err(error),
        }
    }

    fn said(self, name: &str, _: &str, streams: &mut Streams<'_>) -> Exit {
        let problem = Diagnostic::error("workbook-failed", format!("cannot make the workbook: {self}"));
        super::problem(Some(name), problem, streams);
        Exit::Failed
    }
}

/// Refuses (having said why) an output that would replace one of the
/// `inputs`, or a folder (found now, before any file of the run is moved
/// into place, not when it is that file's turn).
fn not_an_input(
    target: &std::path::Path,
    (inputs, input_name): (&[&std::path::Path], &str),
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<(), Exit> {
    if inputs.iter().any(|input| crate::output::same_file(target, input)) {
        let problem = Diagnostic::error(
            "output-is-input",
            format!("the {what} would replace the {input_name} itself; nothing was written"),
        )
        .hint(format!("write the {what} to another folder with `-o DIR`"));
        super::problem(Some(&target.display().to_string()), problem, streams);
        return Err(Exit::Failed);
    }
    if target.is_dir() {
        let problem = Diagnostic::error(
            "unwritable-output",
            format!("cannot write the {what}: a folder of that name is in the way; nothing was written"),
        )
        .hint("move or rename the folder, or write to another folder with `-o DIR`");
        super::problem(Some(&target.display().to_string()), problem, streams);
        return Err(Exit::Failed);
    }
    Ok(())
}

fn unwritable(target: &std::path::Path, what: &str, error: &std::io::Error, streams: &mut Streams<'_>) {
    let problem = Diagnostic::error(
        "unwritable-output",
        format!("cannot write the {what}: {error}; nothing was written"),
    );
    super::problem(Some(&target.display().to_string()), problem, streams);
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
            let problem = if error.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::error("file-exists", "the file already exists; it was left as it is")
                    .maybe_hint(hint.map(str::to_owned))
            } else {
                Diagnostic::error("unwritable-output", format!("cannot write the {what}: {error}"))
            };
            super::problem(Some(&path.display().to_string()), problem, streams);
            Exit::Failed
        }
    }
}

/// A PDF's bytes, with a warning when its font cannot show some of the
/// text; or, when it cannot be made, the exit code (having said why).
fn pdf_bytes(
    made: Result<crate::render::pdf::Rendered, crate::render::pdf::PdfError>,
    name: &str,
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<Vec<u8>, Exit> {
    match made {
        Ok(rendered) => {
            if !rendered.missing_glyphs.is_empty() {
                let shown: String = rendered.missing_glyphs.iter().take(20).collect();
                let problem = Diagnostic::warning(
                    "missing-glyphs",
                    format!(
                        "the PDF's font cannot show some characters ({shown}); they are left out of the PDF"
                    ),
                )
                .hint(format!("the HTML {what} shows them with the reader's own fonts"));
                super::problem(Some(name), problem, streams);
            }
            if let Some(why) = &rendered.logo_left_out {
                let problem =
                    Diagnostic::warning("logo-left-out", format!("the PDF {what} has no logo: {why}")).hint(
                        format!(
                            "give `theme: logo:` as a PNG or JPEG image; the HTML {what} shows it either way"
                        ),
                    );
                super::problem(Some(name), problem, streams);
            }
            Ok(rendered.bytes)
        }
        Err(error) => {
            let problem = Diagnostic::error("pdf-failed", format!("cannot make the PDF {what}: {error}"));
            super::problem(Some(name), problem, streams);
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
    made.map_err(|error| html_failed(error, name, what, streams))
}

/// Says why an HTML page could not be made; its exit code.
fn html_failed(
    error: crate::render::html::HtmlError,
    name: &str,
    what: &str,
    streams: &mut Streams<'_>,
) -> Exit {
    let problem = Diagnostic::error("html-failed", format!("cannot make the HTML {what}: {error}"));
    super::problem(Some(name), problem, streams);
    match error {
        // A broken template is the user's input; an unreadable one or a chart failure is ours.
        crate::render::html::HtmlError::Template { .. } => Exit::Invalid,
        _ => Exit::Failed,
    }
}

/// Writes a table or text for people: control characters from the files
/// shown escaped ([`crate::diag::escape_controls`]).
pub(crate) fn write_text(text: &str, streams: &mut Streams<'_>) -> Exit {
    write_out(crate::diag::escape_controls(text).as_bytes(), streams)
}

/// Writes JSON with no raw control character left in it ([`crate::diag::escape_json_controls`]).
pub(crate) fn write_json(json: &[u8], streams: &mut Streams<'_>) -> Exit {
    match std::str::from_utf8(json) {
        Ok(text) => write_out(crate::diag::escape_json_controls(text).as_bytes(), streams),
        Err(_) => write_out(json, streams),
    }
}

pub(crate) fn write_out(bytes: &[u8], streams: &mut Streams<'_>) -> Exit {
    let written = streams.out.write_all(bytes).and_then(|()| streams.out.flush());
    written_out(written, streams)
}

/// The exit code of a write to standard output, saying why it failed.
pub(crate) fn written_out(written: std::io::Result<()>, streams: &mut Streams<'_>) -> Exit {
    match written {
        Ok(()) => Exit::Ok,
        // A closed pipe (`sroi calc x | head`) is not worth an error message.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(err) => {
            super::problem(
                None,
                Diagnostic::error("unwritable-output", format!("cannot write the results: {err}")),
                streams,
            );
            Exit::Failed
        }
    }
}

/// Where the outputs of a command go: `OUT/STEM.EXTENSION`, never over one
/// of the `inputs` (named, in errors, as the second item says); messages
/// about an output name it `name` (the stem, or the file it is made from).
pub(crate) struct Written<'a> {
    pub(crate) stem: &'a str,
    pub(crate) name: &'a str,
    pub(crate) out: &'a std::path::Path,
    pub(crate) inputs: (&'a [std::path::PathBuf], &'a str),
    /// The extensions in the order the files are said to be written (the
    /// order they were asked for), when they are made in another; empty
    /// when they are said as made.
    pub(crate) order: &'a [&'a str],
}

/// Bytes made whole, as what writes them into their file.
fn whole(bytes: Result<Vec<u8>, Exit>) -> Result<Box<crate::pipeline::Writes<'static>>, Exit> {
    bytes.map(|bytes| Box::new(move |out: &mut (dyn std::io::Write + Send)| out.write_all(&bytes)) as Box<_>)
}

/// Writes the outputs of a run, each made and written to a temporary file
/// in turn (so a run holds one output at a time), then each moved into
/// place once all of them are written: a run that cannot make or write one
/// of them moves none, and leaves no file behind (having said why).
pub(crate) fn write_outputs<'a>(
    outputs: impl IntoIterator<Item = crate::pipeline::Output<'a>>,
    written: &Written<'_>,
    what: &str,
    streams: &mut Streams<'_>,
) -> Exit {
    use crate::pipeline::Made;
    let (stem, name) = (written.stem, written.name);
    // The folders this run makes (the output folder and any missing above
    // it), innermost first, to be removed again if the run writes nothing.
    let created: Vec<&std::path::Path> =
        written.out.ancestors().take_while(|dir| !dir.as_os_str().is_empty() && !dir.is_dir()).collect();
    if let Err(code) = create_output_folder(written.out, streams) {
        return code;
    }
    let inputs: Vec<&std::path::Path> = written.inputs.0.iter().map(std::path::PathBuf::as_path).collect();
    let inputs = (inputs.as_slice(), written.inputs.1);
    let mut staged = Vec::new();
    for output in outputs {
        let target = written.out.join(format!("{stem}{}.{}", output.suffix, output.extension));
        // A stream is written as it is made; bytes made whole are written, then dropped.
        let stage = |write: Result<Box<crate::pipeline::Writes<'_>>, Exit>, streams: &mut Streams<'_>| {
            write.and_then(|write| stage_output(&target, write, inputs, (name, what), streams))
        };
        let file = match output.made {
            Made::Stream(write) => stage(Ok(write), streams),
            Made::Bytes(bytes) => stage(whole(Ok(bytes)), streams),
            Made::Pdf(made) => stage(whole(pdf_bytes(made, name, what, streams)), streams),
            Made::Html(made) => stage(whole(html_bytes(made, name, what, streams)), streams),
            // A workbook is zipped into its file and a page rendered into
            // its file; either may fail as it is.
            Made::Workbook(write) => stage_output(&target, write, inputs, (name, what), streams),
            Made::Page(render) => stage_output(&target, render, inputs, (name, what), streams),
        };
        match file {
            Ok(file) => staged.push(file),
            Err(code) => {
                // The staged files are removed as they are dropped; so are the folders this run made.
                drop(staged);
                for dir in &created {
                    let _ = std::fs::remove_dir(dir);
                }
                return code;
            }
        }
    }
    let said = |file: &crate::output::Staged| {
        let extension = file.target().extension().map(|e| e.to_string_lossy());
        written.order.iter().position(|e| extension.as_deref() == Some(*e))
    };
    staged.sort_by_key(said);
    for file in staged {
        let target = file.target().to_path_buf();
        if let Err(error) = file.commit(crate::output::Existing::Replace) {
            unwritable(&target, what, &error, streams);
            return Exit::Failed;
        }
        let _ = writeln!(streams.out, "wrote {}", target.display());
    }
    Exit::Ok
}
