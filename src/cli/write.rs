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
/// file beside `target`, as `write` makes its bytes, never for one of the
/// `inputs` (their `input_name`: "analysis", "manifest"); it is moved into
/// place by [`Staged::commit`](crate::output::Staged::commit), or removed.
fn stage_output(
    target: &std::path::Path,
    write: impl FnOnce(&mut (dyn std::io::Write + Send)) -> std::io::Result<()>,
    inputs: (&[&std::path::Path], &str),
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<crate::output::Staged, Exit> {
    not_an_input(target, inputs, what, streams)?;
    crate::output::stage(target, write).map_err(|error| {
        unwritable(target, what, &error, streams);
        Exit::Failed
    })
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

/// Writes a web page to a temporary file beside `target` as `render` makes
/// it, as [`stage_output`] does; a page that cannot be made is said to be
/// so (`name`: the file it is made from), as [`html_bytes`] says it.
fn stage_page(
    target: &std::path::Path,
    render: Box<crate::pipeline::WritesPage<'_>>,
    inputs: (&[&std::path::Path], &str),
    (name, what): (&str, &str),
    streams: &mut Streams<'_>,
) -> Result<crate::output::Staged, Exit> {
    use crate::render::html::HtmlError;
    not_an_input(target, inputs, what, streams)?;
    match crate::output::stage(target, render) {
        Ok(file) => Ok(file),
        Err(HtmlError::Write(error)) => {
            unwritable(target, what, &error, streams);
            Err(Exit::Failed)
        }
        Err(error) => Err(html_failed(error, name, what, streams)),
    }
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

/// Writes a workbook to a temporary file beside `target` as `write` zips
/// it, as [`stage_output`] does; a workbook that cannot be made is said to
/// be so (`name`: the file it is made from).
fn stage_workbook(
    target: &std::path::Path,
    write: Box<crate::pipeline::WritesBook<'_>>,
    inputs: (&[&std::path::Path], &str),
    (name, what): (&str, &str),
    streams: &mut Streams<'_>,
) -> Result<crate::output::Staged, Exit> {
    /// Why a workbook was not staged: its file could not be written, or
    /// the workbook made (its own temporary files, say).
    enum Failed {
        Write(std::io::Error),
        Make(rust_xlsxwriter::XlsxError),
    }
    impl From<std::io::Error> for Failed {
        fn from(error: std::io::Error) -> Self {
            Failed::Write(error)
        }
    }
    not_an_input(target, inputs, what, streams)?;
    let staged = crate::output::stage(target, |out| {
        let mut kept = crate::output::Kept::new(out);
        let made = write(&mut kept);
        match (made, kept.error) {
            (Ok(()), _) => Ok(()),
            (Err(_), Some(error)) => Err(Failed::Write(error)),
            (Err(error), None) => Err(Failed::Make(error)),
        }
    });
    match staged {
        Ok(file) => Ok(file),
        Err(Failed::Write(error)) => {
            unwritable(target, what, &error, streams);
            Err(Exit::Failed)
        }
        Err(Failed::Make(error)) => {
            let problem = Diagnostic::error("workbook-failed", format!("cannot make the workbook: {error}"));
            super::problem(Some(name), problem, streams);
            Err(Exit::Failed)
        }
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
            write.and_then(|write| stage_output(&target, write, inputs, what, streams))
        };
        let file = match output.made {
            Made::Stream(write) => stage(Ok(write), streams),
            Made::Bytes(bytes) => stage(whole(Ok(bytes)), streams),
            Made::Pdf(made) => stage(whole(pdf_bytes(made, name, what, streams)), streams),
            Made::Html(made) => stage(whole(html_bytes(made, name, what, streams)), streams),
            // So is a workbook, as it is zipped.
            Made::Workbook(write) => stage_workbook(&target, write, inputs, (name, what), streams),
            // A page is rendered into its file, and may fail as it is.
            Made::Page(render) => stage_page(&target, render, inputs, (name, what), streams),
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
