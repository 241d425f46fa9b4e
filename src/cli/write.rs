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

/// Writes one output file (`what`: "report", "statement") atomically, never
/// over one of the `inputs` (their `input_name`: "analysis", "manifest"), and says so.
fn write_output(
    target: &std::path::Path,
    bytes: &[u8],
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
    if let Err(error) = crate::output::write_atomic(target, bytes, crate::output::Existing::Replace) {
        let problem = Diagnostic::error(
            "unwritable-output",
            format!("cannot write the {what}: {error}; nothing was written"),
        );
        super::problem(Some(&target.display().to_string()), problem, streams);
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
    made.map_err(|error| {
        let problem = Diagnostic::error("html-failed", format!("cannot make the HTML {what}: {error}"));
        super::problem(Some(name), problem, streams);
        match error {
            // A broken template is the user's input; an unreadable one or a chart failure is ours.
            crate::render::html::HtmlError::Template { .. } => Exit::Invalid,
            _ => Exit::Failed,
        }
    })
}

/// A workbook's bytes; or, when it cannot be made, the exit code (having said why).
fn workbook_bytes(
    made: Result<Vec<u8>, rust_xlsxwriter::XlsxError>,
    name: &str,
    streams: &mut Streams<'_>,
) -> Result<Vec<u8>, Exit> {
    made.map_err(|error| {
        let problem = Diagnostic::error("workbook-failed", format!("cannot make the workbook: {error}"));
        super::problem(Some(name), problem, streams);
        Exit::Failed
    })
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
    let (stem, name) = (written.stem, written.name);
    let mut files = Vec::with_capacity(outputs.len());
    for output in outputs {
        let bytes = match output.made {
            Made::Bytes(bytes) => Ok(bytes),
            Made::Pdf(made) => pdf_bytes(made, name, what, streams),
            Made::Html(made) => html_bytes(made, name, what, streams),
            Made::Workbook(made) => workbook_bytes(made, name, streams),
        };
        match bytes {
            Ok(bytes) => {
                files.push((written.out.join(format!("{stem}{}.{}", output.suffix, output.extension)), bytes))
            }
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
