//! `sroi report` end to end, past reading the analysis: its logo read
//! through [`crate::load::logo`], and every requested format made, as named
//! outputs, before any is written.

use std::path::Path;

use super::{Made, Output};
use crate::diag::Diagnostic;
use crate::load::named::NamedError;
use crate::model::{Analysis, Image};
use crate::render::html::HtmlError;
use crate::source::SourceFile;

/// A report format (`sroi report -f html,pdf,json,csv,xlsx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
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

impl ReportFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Pdf => "pdf",
            ReportFormat::Json => "json",
            ReportFormat::Csv => "csv",
            ReportFormat::Xlsx => "xlsx",
        }
    }
}

/// An analysis ready to render: read, validated and computed, with its logo.
pub struct Prepared {
    /// The file's text, for diagnostics and the workbook's limits.
    pub source: SourceFile,
    /// The analysis.
    pub analysis: Analysis,
    /// The figures (SPEC §2).
    pub results: crate::compute::Results,
    /// Sensitivity and simulation (SPEC §3).
    pub uncertainty: crate::compute::Uncertainty,
    /// The view of the report.
    pub report: crate::report::Report,
    /// The theme's logo, when it names one.
    pub logo: Option<Image>,
}

/// The logo the theme of `analysis` (read from the file called `name`, `-`
/// for standard input) names, read from beside the analysis; `None` when it
/// names none, or why it cannot be read or shown.
pub fn logo(analysis: &Analysis, name: &str) -> Result<Option<Image>, NamedError> {
    analysis.theme.logo.as_ref().map(|logo| crate::load::logo::read(logo, name)).transpose()
}

/// The HTML report of a prepared analysis, with the templates of `templates`
/// (or the built-in ones).
pub fn report_html(prepared: &Prepared, templates: Option<&Path>) -> Result<Vec<u8>, HtmlError> {
    super::templates(templates)
        .and_then(|t| crate::render::html::render(&prepared.report, prepared.logo.as_ref(), &t))
}

/// The outputs of a report in each of `formats` (each once, in order; CSV
/// is two files), the workbook dated `now` (seconds since 1970); or, when a
/// workbook is asked for and a text of the analysis is too long for an Excel
/// cell, those texts, and nothing is made.
pub fn report_outputs(
    prepared: &Prepared,
    formats: &[ReportFormat],
    templates: Option<&Path>,
    now: i64,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    use crate::load::limits::{EXCEL_CELL_CHARS, long_texts};
    if formats.contains(&ReportFormat::Xlsx) {
        let long = long_texts(&prepared.source, EXCEL_CELL_CHARS, "an Excel cell");
        if !long.is_empty() {
            return Err(long);
        }
    }
    let Prepared { analysis, results, uncertainty, report, logo, .. } = prepared;
    let mut made = Vec::new();
    for format in super::unique(formats) {
        let extension = format.extension();
        let one = |made: Made| Output { suffix: "", extension, made };
        match format {
            ReportFormat::Csv => {
                let impact_map = crate::render::csv::impact_map(analysis, results);
                made.push(Output { suffix: "-impact-map", extension, made: Made::Bytes(impact_map) });
                let years = crate::render::csv::years(results);
                made.push(Output { suffix: "-years", extension, made: Made::Bytes(years) });
            }
            ReportFormat::Xlsx => made.push(one(Made::Workbook(crate::render::xlsx::render(
                analysis,
                results,
                crate::render::xlsx::Cached::Results,
                now,
            )))),
            ReportFormat::Json => {
                made.push(one(Made::Bytes(crate::render::json::render(analysis, results, uncertainty))));
            }
            ReportFormat::Pdf => made.push(one(Made::Pdf(crate::render::pdf::render(report, logo.as_ref())))),
            ReportFormat::Html => made.push(one(Made::Html(report_html(prepared, templates)))),
        }
    }
    Ok(made)
}
