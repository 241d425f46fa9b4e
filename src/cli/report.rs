//! `sroi report`: writes the reports of one analysis, atomically, made
//! through the [pipeline](crate::pipeline).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{Exit, Streams, print_diagnostics};
use crate::pipeline::Prepared;

/// A report format (`-f`).
pub use crate::pipeline::ReportFormat as Format;

/// Reads, validates and computes the analysis at `path`, dated `streams.now`,
/// printing the findings summary as `asked` (a bid writer goes straight to
/// `report`; `--deny warnings` stops here) and reading its logo; or the exit
/// code, having said why.
pub(super) fn prepare(
    path: &str,
    asked: super::args::Findings,
    streams: &mut Streams<'_>,
) -> Result<Prepared, Exit> {
    let (source, analysis, warnings) = super::load(path, streams)?;
    let crate::pipeline::Computed { results, uncertainty, findings } =
        crate::pipeline::computed(&analysis, warnings);
    let mut found = super::findings::Found::new(streams.color);
    found.file(&source, findings.clone());
    found.print(asked, "nothing was written", streams)?;
    let logo = crate::pipeline::logo(&analysis, path).map_err(|error| {
        print_diagnostics(&[error.diagnostic], &source, streams);
        if error.unreadable { Exit::Failed } else { Exit::Invalid }
    })?;
    let now = streams.now;
    Ok(Prepared {
        source,
        analysis,
        results,
        uncertainty,
        findings,
        now,
        logo,
        view: std::sync::OnceLock::new(),
    })
}

/// The HTML report of a prepared analysis, with the templates of `templates`
/// (or the built-in ones); or the exit code, having said why not.
pub(crate) fn html(
    prepared: &Prepared,
    templates: Option<&Path>,
    streams: &mut Streams<'_>,
) -> Result<Vec<u8>, Exit> {
    let made = crate::pipeline::report_html(prepared, templates);
    super::html_bytes(made, &prepared.source.name, "report", streams)
}

/// `sroi report FILE -f FORMATS -o DIR [--templates DIR]`: the findings
/// summary first, then the files.
pub(super) fn run(
    path: &str,
    formats: &[Format],
    (out, templates): (&Path, Option<&Path>),
    asked: super::args::Findings,
    streams: &mut Streams<'_>,
) -> Exit {
    let prepared = match prepare(path, asked, streams) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    let stem = if path == "-" {
        "report".to_owned()
    } else {
        Path::new(path).file_stem().map_or_else(|| "report".to_owned(), |s| s.to_string_lossy().into_owned())
    };
    let name = prepared.source.name.clone();
    // All or nothing: every format is made before any file is written.
    let outputs = match crate::pipeline::report_outputs(prepared, formats, templates, streams.now) {
        Ok(outputs) => outputs,
        Err((source, long)) => {
            print_diagnostics(&long, &source, streams);
            let _ = writeln!(streams.err, "{}: nothing was written", source.name);
            return Exit::Invalid;
        }
    };
    let inputs = [PathBuf::from(path)];
    // The files are made in the order that holds least at once, and said in the order asked for.
    let order: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
    let written =
        super::Written { stem: &stem, name: &name, out, inputs: (&inputs, "analysis"), order: &order };
    super::write_outputs(outputs, &written, "report", streams)
}
