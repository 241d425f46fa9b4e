//! `sroi report` end to end, past reading the analysis: its logo read
//! through [`crate::load::logo`], and every requested format made, one at a
//! time, as named outputs.

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
    /// The analysis's warnings, then the quality findings (SPEC §3).
    pub findings: Vec<Diagnostic>,
    /// When the report is dated (seconds since 1970).
    pub now: i64,
    /// The theme's logo, when it names one.
    pub logo: Option<Image>,
    /// The view of the report, built the first time a page or PDF asks for it
    /// (the figures alone make the JSON, CSV and workbook).
    pub view: std::sync::OnceLock<crate::report::Report>,
}

impl Prepared {
    /// The view of the report, dated [`Prepared::now`].
    pub fn report(&self) -> &crate::report::Report {
        self.view.get_or_init(|| {
            crate::report::build(&self.analysis, &self.results, &self.uncertainty, &self.findings, self.now)
        })
    }
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
        .and_then(|t| crate::render::html::render(prepared.report(), prepared.logo.as_ref(), &t))
}

/// The outputs of a report in each of `formats` (each once, in order; CSV
/// is two files), the workbook dated `now` (seconds since 1970), each made
/// only when the one before has been taken, so that a run holds one at a
/// time; or, when a workbook is asked for and a text of the analysis is too
/// long for an Excel cell, those texts, and nothing is made.
pub fn report_outputs<'a>(
    prepared: &'a Prepared,
    formats: &[ReportFormat],
    templates: Option<&'a Path>,
    now: i64,
) -> Result<impl Iterator<Item = Output<'a>> + 'a, Vec<Diagnostic>> {
    use crate::load::limits::{EXCEL_CELL_CHARS, long_texts};
    if formats.contains(&ReportFormat::Xlsx) {
        let long = long_texts(&prepared.source, EXCEL_CELL_CHARS, "an Excel cell");
        if !long.is_empty() {
            return Err(long);
        }
    }
    let Prepared { analysis, results, uncertainty, logo, .. } = prepared;
    Ok(super::unique(formats).into_iter().flat_map(move |format| {
        let extension = format.extension();
        let one = |made: Made<'a>| vec![Output { suffix: "", extension, made }];
        match format {
            ReportFormat::Csv => {
                let impact_map = crate::render::csv::impact_map(analysis, results);
                let years = crate::render::csv::years(results);
                vec![
                    Output { suffix: "-impact-map", extension, made: Made::Bytes(impact_map) },
                    Output { suffix: "-years", extension, made: Made::Bytes(years) },
                ]
            }
            ReportFormat::Xlsx => one(Made::Workbook(crate::render::xlsx::render(
                analysis,
                results,
                crate::render::xlsx::Cached::Results,
                now,
            ))),
            ReportFormat::Json => one(Made::Stream(Box::new(move |out: &mut dyn std::io::Write| {
                crate::render::json::write(analysis, results, uncertainty, out)
            }))),
            ReportFormat::Pdf => one(Made::Pdf(crate::render::pdf::render(prepared.report(), logo.as_ref()))),
            ReportFormat::Html => one(match super::templates(templates) {
                Ok(templates) => Made::Page(Box::new(move |out: &mut dyn std::io::Write| {
                    crate::render::html::render_to(prepared.report(), logo.as_ref(), &templates, out)
                })),
                Err(error) => Made::Html(Err(error)),
            }),
        }
    }))
}
