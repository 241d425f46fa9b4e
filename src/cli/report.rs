//! `sroi report`: writes the reports of one analysis, atomically.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

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

/// Reads the theme's logo: a path relative to the analysis's folder that may
/// not leave it, of a known image type.
fn read_logo(logo: &Located<String>, analysis_path: &str) -> Result<Image, LogoError> {
    let invalid = |message: String, hint: &str| LogoError {
        diagnostic: Diagnostic::error("bad-logo", message).at(logo.loc).hint(hint),
        exit: Exit::Invalid,
    };
    let relative = Path::new(&logo.value);
    let leaves = relative.is_absolute()
        || relative
            .components()
            .try_fold(0i32, |depth, c| match c {
                Component::ParentDir => (depth > 0).then_some(depth - 1),
                Component::Normal(_) => Some(depth + 1),
                Component::CurDir => Some(depth),
                Component::RootDir | Component::Prefix(_) => None,
            })
            .is_none();
    if relative.is_absolute() {
        return Err(invalid(
            format!("the logo `{}` is an absolute path", logo.value),
            "give the path relative to the analysis's folder, such as `images/logo.png`",
        ));
    }
    if leaves {
        return Err(invalid(
            format!("the logo `{}` is outside the analysis's folder", logo.value),
            "put the image in the analysis's folder (or below it) and give its path relative to the analysis",
        ));
    }
    let base = match Path::new(analysis_path).parent() {
        Some(p) if analysis_path != "-" && !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let path = base.join(relative);
    let unreadable = |error: std::io::Error| LogoError {
        diagnostic: Diagnostic::error(
            "unreadable-logo",
            format!("cannot read the logo `{}`: {error}", path.display()),
        )
        .at(logo.loc)
        .hint("check the path; it is relative to the analysis file's folder"),
        exit: Exit::Failed,
    };
    // A symbolic link may still lead out of the folder: compare the real paths.
    let real = path.canonicalize().map_err(unreadable)?;
    let real_base = base.canonicalize().map_err(unreadable)?;
    if !real.starts_with(&real_base) {
        return Err(invalid(
            format!("the logo `{}` leads outside the analysis's folder", logo.value),
            "copy the image into the analysis's folder instead of linking to it",
        ));
    }
    let size = std::fs::metadata(&real).map_err(unreadable)?.len();
    if size > MAX_LOGO_BYTES {
        return Err(invalid(
            format!("the logo is {} KB; a logo may be at most {} KB", size / 1024, MAX_LOGO_BYTES / 1024),
            "export a smaller image; a logo is shown at most 14 rem wide",
        ));
    }
    let bytes = std::fs::read(&real).map_err(unreadable)?;
    let mime = image_type(&bytes).ok_or_else(|| {
        invalid(
            format!("the logo `{}` is not a PNG, JPEG, GIF, WebP or SVG image", logo.value),
            "save the logo as PNG or SVG",
        )
    })?;
    Ok(Image { mime, bytes })
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

/// `sroi report FILE -f FORMATS -o DIR [--templates DIR]`.
pub fn run(
    path: &str,
    formats: &[Format],
    out: &Path,
    templates: Option<&Path>,
    streams: &mut Streams<'_>,
) -> Exit {
    let (source, analysis, warnings) = match super::load(path, streams) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let results = crate::compute::compute(&analysis);
    let uncertainty = crate::compute::uncertainty(&analysis, &results);
    let mut findings = warnings;
    findings.extend(crate::quality::findings(&analysis, &results, &crate::quality::benchmarks()));
    let report = crate::report::build(&analysis, &results, &uncertainty, &findings, streams.now);
    let logo = match &analysis.theme.logo {
        Some(logo) => match read_logo(logo, path) {
            Ok(image) => Some(image),
            Err(LogoError { diagnostic, exit }) => {
                print_diagnostics(&[diagnostic], &source, streams);
                return exit;
            }
        },
        None => None,
    };
    let stem = if path == "-" {
        "report".to_owned()
    } else {
        Path::new(path).file_stem().map_or_else(|| "report".to_owned(), |s| s.to_string_lossy().into_owned())
    };
    if let Err(code) = super::create_output_folder(out, streams) {
        return code;
    }
    for format in crate::pipeline::unique(formats) {
        let files = match format {
            Format::Csv => vec![
                ("-impact-map", crate::render::csv::impact_map(&analysis, &results)),
                ("-years", crate::render::csv::years(&results)),
            ],
            Format::Xlsx => {
                match crate::render::xlsx::render(
                    &analysis,
                    &results,
                    crate::render::xlsx::Cached::Results,
                    streams.now,
                ) {
                    Ok(bytes) => vec![("", bytes)],
                    Err(error) => {
                        let _ = writeln!(
                            streams.err,
                            "{}: error: cannot make the workbook: {error}",
                            source.name
                        );
                        return Exit::Failed;
                    }
                }
            }
            Format::Json => vec![("", crate::render::json::render(&analysis, &results, &uncertainty))],
            Format::Pdf => {
                match super::pdf_bytes(
                    crate::render::pdf::render(&report, logo.as_ref()),
                    &source.name,
                    "report",
                    streams,
                ) {
                    Ok(bytes) => vec![("", bytes)],
                    Err(code) => return code,
                }
            }
            Format::Html => {
                let made = crate::pipeline::templates(templates)
                    .and_then(|t| crate::render::html::render(&report, logo.as_ref(), &t));
                match super::html_bytes(made, &source.name, "report", streams) {
                    Ok(bytes) => vec![("", bytes)],
                    Err(code) => return code,
                }
            }
        };
        for (suffix, bytes) in files {
            let target = out.join(format!("{stem}{suffix}.{}", format.extension()));
            if let Err(code) =
                super::write_output(&target, &bytes, (&[Path::new(path)], "analysis"), "report", streams)
            {
                return code;
            }
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
