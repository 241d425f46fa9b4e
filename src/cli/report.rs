//! `sroi report`: writes the reports of one analysis, atomically.

use std::io::Write as _;
use std::path::Path;

use super::{Exit, Streams, print_diagnostics};
use crate::diag::Diagnostic;
use crate::render::html::Image;
use crate::source::Located;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained, accessible HTML page.
    Html,
    /// The same report typeset for A4, with embedded fonts.
    Pdf,
    /// The figures as JSON, as `sroi calc --json`.
    Json,
    /// The impact map (`NAME-impact-map.csv`) and the year table (`NAME-years.csv`).
    Csv,
    /// An Excel workbook whose figures are live formulas over the inputs.
    Xlsx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// Largest logo embedded, in bytes.
const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

/// What went wrong with a logo, and the exit code it deserves.
struct LogoError {
    diagnostic: Diagnostic,
    exit: Exit,
}

/// Reads the theme's logo: a regular file below the analysis's folder
/// (through [`crate::load::named::read_named`]), of a known image type.
fn read_logo(logo: &Located<String>, analysis_path: &str) -> Result<Image, LogoError> {
    let folder = crate::load::named::folder_of(analysis_path);
    let named = crate::load::named::read_named(&folder, logo, "the logo", "bad-logo", MAX_LOGO_BYTES)
        .map_err(|error| LogoError {
            diagnostic: error.diagnostic,
            exit: if error.unreadable { Exit::Failed } else { Exit::Invalid },
        })?;
    let mime = image_type(&named.bytes).ok_or_else(|| LogoError {
        diagnostic: Diagnostic::error(
            "bad-logo",
            format!(
                "the logo `{}` is not a PNG, JPEG, GIF, WebP or SVG image",
                crate::diag::escape_controls(&logo.value)
            ),
        )
        .at(logo.loc)
        .hint("save the logo as PNG or SVG"),
        exit: Exit::Invalid,
    })?;
    Ok(Image { mime, bytes: named.bytes })
}

/// The MIME type of an image, from its first bytes.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        // An SVG shown through <img> cannot run script, but it must be an SVG.
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
        head.contains("<svg").then_some("image/svg+xml")
    }
}

/// An analysis ready to render: read, validated and computed, its warnings
/// printed, and its logo read.
pub(crate) struct Prepared {
    pub(crate) source: crate::source::SourceFile,
    pub(crate) analysis: crate::model::Analysis,
    pub(crate) results: crate::compute::Results,
    pub(crate) uncertainty: crate::compute::Uncertainty,
    pub(crate) report: crate::report::Report,
    pub(crate) logo: Option<Image>,
}

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
    let crate::pipeline::Reported { results, uncertainty, findings, report } =
        crate::pipeline::report(&analysis, warnings, streams.now);
    let mut found = super::findings::Found::new(streams.color);
    found.file(&source, findings);
    found.print(asked, "nothing was written", streams)?;
    let logo = match &analysis.theme.logo {
        Some(logo) => match read_logo(logo, path) {
            Ok(image) => Some(image),
            Err(LogoError { diagnostic, exit }) => {
                print_diagnostics(&[diagnostic], &source, streams);
                return Err(exit);
            }
        },
        None => None,
    };
    Ok(Prepared { source, analysis, results, uncertainty, report, logo })
}

/// The HTML report of a prepared analysis, with the templates of `templates`
/// (or the built-in ones); or the exit code, having said why not.
pub(crate) fn html(
    prepared: &Prepared,
    templates: Option<&Path>,
    streams: &mut Streams<'_>,
) -> Result<Vec<u8>, Exit> {
    let made = crate::pipeline::templates(templates)
        .and_then(|t| crate::render::html::render(&prepared.report, prepared.logo.as_ref(), &t));
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
    let Prepared { source, analysis, results, uncertainty, report, logo } = &prepared;
    let stem = if path == "-" {
        "report".to_owned()
    } else {
        Path::new(path).file_stem().map_or_else(|| "report".to_owned(), |s| s.to_string_lossy().into_owned())
    };
    // All or nothing: every format is made before any file is written.
    if formats.contains(&Format::Xlsx) {
        let long =
            crate::load::limits::long_texts(source, crate::load::limits::EXCEL_CELL_CHARS, "an Excel cell");
        if !long.is_empty() {
            print_diagnostics(&long, source, streams);
            let _ = writeln!(streams.err, "{}: nothing was written", source.name);
            return Exit::Invalid;
        }
    }
    let mut made = Vec::new();
    for format in crate::pipeline::unique(formats) {
        let files = match format {
            Format::Csv => vec![
                ("-impact-map", crate::render::csv::impact_map(analysis, results)),
                ("-years", crate::render::csv::years(results)),
            ],
            Format::Xlsx => {
                match crate::render::xlsx::render(
                    analysis,
                    results,
                    crate::render::xlsx::Cached::Results,
                    streams.now,
                ) {
                    Ok(bytes) => vec![("", bytes)],
                    Err(error) => {
                        let problem = format!("cannot make the workbook: {error}");
                        super::problem(
                            Some(&source.name),
                            Diagnostic::error("workbook-failed", problem),
                            streams,
                        );
                        return Exit::Failed;
                    }
                }
            }
            Format::Json => vec![("", crate::render::json::render(analysis, results, uncertainty))],
            Format::Pdf => {
                match super::pdf_bytes(
                    crate::render::pdf::render(report, logo.as_ref()),
                    &source.name,
                    "report",
                    streams,
                ) {
                    Ok(bytes) => vec![("", bytes)],
                    Err(code) => return code,
                }
            }
            Format::Html => match html(&prepared, templates, streams) {
                Ok(bytes) => vec![("", bytes)],
                Err(code) => return code,
            },
        };
        for (suffix, bytes) in files {
            made.push((out.join(format!("{stem}{suffix}.{}", format.extension())), bytes));
        }
    }
    if let Err(code) = super::create_output_folder(out, streams) {
        return code;
    }
    for (target, bytes) in made {
        if let Err(code) =
            super::write_output(&target, &bytes, (&[Path::new(path)], "analysis"), "report", streams)
        {
            return code;
        }
    }
    Exit::Ok
}

#[cfg(test)]
mod tests {
    use super::image_type;

    #[test]
    fn images_are_recognised_by_their_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(image_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(image_type(b"<?xml version=\"1.0\"?><svg xmlns=\"\"/>"), Some("image/svg+xml"));
        assert_eq!(image_type(b"#!/bin/sh\necho hi"), None);
    }
}
