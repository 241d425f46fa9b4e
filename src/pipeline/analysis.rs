//! `sroi report` end to end, past reading the analysis: its logo read
//! through [`crate::load::logo`], and every requested format made, one at a
//! time, as named outputs.

use std::path::Path;
use std::sync::Arc;

use super::{Made, Output};
use crate::diag::Diagnostic;
use crate::load::named::NamedError;
use crate::model::{Analysis, Image};
use crate::render::html::{HtmlError, Templates};
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

/// What the formats made from the figures are made from, and the view is built from.
struct Figures {
    analysis: Arc<Analysis>,
    results: Arc<crate::compute::Results>,
    uncertainty: Arc<crate::compute::Uncertainty>,
    findings: Vec<Diagnostic>,
}

/// The outputs of a report ([`report_outputs`]), each made when the one
/// before has been taken: first the formats made from the figures alone
/// (JSON, CSV, workbook), then the view is built and the figures let go,
/// then the PDF, and the page last, which takes the view for its
/// template's copy of it.
pub struct ReportOutputs {
    /// The figures, until the view is built.
    figures: Option<Figures>,
    /// The formats made from the figures still to make, in order.
    from_figures: std::collections::VecDeque<ReportFormat>,
    /// The second file of a CSV.
    next: Option<Output<'static>>,
    /// The view, once built.
    view: Option<crate::report::Report>,
    /// Whether the PDF is still to make.
    pdf: bool,
    /// The page's templates (read before anything is made), while the page is still to make.
    html: Option<Result<Templates, HtmlError>>,
    logo: Option<Image>,
    now: i64,
}

impl Iterator for ReportOutputs {
    type Item = Output<'static>;

    fn next(&mut self) -> Option<Output<'static>> {
        if let Some(next) = self.next.take() {
            return Some(next);
        }
        // Templates that cannot be read stop the run before anything is made.
        if let Some(Err(_)) = &self.html {
            let error = self.html.take()?.err()?;
            return Some(Output { suffix: "", extension: "html", made: Made::Html(Err(error)) });
        }
        if let Some(figures) = &self.figures
            && let Some(format) = self.from_figures.pop_front()
        {
            let (output, then) = from_figures(format, figures, self.now);
            self.next = then;
            return Some(output);
        }
        // Only the PDF and the page are left: the view is built, and the figures let go.
        if let Some(Figures { analysis, results, uncertainty, findings }) = self.figures.take()
            && self.view.is_none()
            && (self.pdf || self.html.is_some())
        {
            self.view = Some(crate::report::build(&analysis, &results, &uncertainty, &findings, self.now));
        }
        if std::mem::take(&mut self.pdf) {
            let made = crate::render::pdf::render(self.view.as_ref()?, self.logo.as_ref());
            return Some(Output {
                suffix: "",
                extension: ReportFormat::Pdf.extension(),
                made: Made::Pdf(made),
            });
        }
        let templates = self.html.take()?.ok()?;
        let (report, logo) = (self.view.take()?, self.logo.take());
        let made = Made::Page(Box::new(move |out: &mut (dyn std::io::Write + Send)| {
            crate::render::html::render_owned(report, logo.as_ref(), &templates, out)
        }));
        Some(Output { suffix: "", extension: ReportFormat::Html.extension(), made })
    }
}

/// The output in `format` made from the figures (the workbook dated `now`),
/// and for CSV the second file.
fn from_figures(
    format: ReportFormat,
    figures: &Figures,
    now: i64,
) -> (Output<'static>, Option<Output<'static>>) {
    let extension = format.extension();
    let (analysis, results) = (Arc::clone(&figures.analysis), Arc::clone(&figures.results));
    let made = match format {
        ReportFormat::Csv => {
            let impact_map = crate::render::csv::impact_map(&analysis, &results);
            let years = crate::render::csv::years(&results);
            return (
                Output { suffix: "-impact-map", extension, made: Made::Bytes(impact_map) },
                Some(Output { suffix: "-years", extension, made: Made::Bytes(years) }),
            );
        }
        ReportFormat::Xlsx => Made::Workbook(Box::new(move |out: &mut (dyn std::io::Write + Send)| {
            crate::render::xlsx::write(&analysis, &results, crate::render::xlsx::Cached::Results, now, out)
        })),
        // The JSON (the other formats are not made from the figures alone),
        // written as it is made.
        _ => {
            let uncertainty = Arc::clone(&figures.uncertainty);
            Made::Stream(Box::new(move |out: &mut (dyn std::io::Write + Send)| {
                crate::render::json::write(&analysis, &results, &uncertainty, out)
            }))
        }
    };
    (Output { suffix: "", extension, made }, None)
}

/// The outputs of a report in each of `formats` (each once; CSV is two
/// files), the workbook dated `now` (seconds since 1970), as
/// [`ReportOutputs`] makes them: one at a time, each part of `prepared` let
/// go once nothing left needs it, so that a run of every format holds
/// little more than its largest. Refused, with the file's text back to
/// show them, when a workbook is asked for and a text of the analysis is
/// too long for an Excel cell; then nothing is made.
pub fn report_outputs(
    prepared: Prepared,
    formats: &[ReportFormat],
    templates: Option<&Path>,
    now: i64,
) -> Result<ReportOutputs, (SourceFile, Vec<Diagnostic>)> {
    use crate::load::limits::{EXCEL_CELL_CHARS, long_texts};
    let Prepared { source, analysis, results, uncertainty, findings, logo, view, .. } = prepared;
    if formats.contains(&ReportFormat::Xlsx) {
        let long = long_texts(&source, EXCEL_CELL_CHARS, "an Excel cell");
        if !long.is_empty() {
            return Err((source, long));
        }
    }
    let mut from_figures = super::unique(formats);
    from_figures.retain(|f| matches!(f, ReportFormat::Json | ReportFormat::Csv | ReportFormat::Xlsx));
    Ok(ReportOutputs {
        figures: Some(Figures {
            analysis: Arc::new(analysis),
            results: Arc::new(results),
            uncertainty: Arc::new(uncertainty),
            findings,
        }),
        from_figures: from_figures.into(),
        next: None,
        view: view.into_inner(),
        pdf: formats.contains(&ReportFormat::Pdf),
        html: formats.contains(&ReportFormat::Html).then(|| super::templates(templates)),
        logo,
        now,
    })
}
