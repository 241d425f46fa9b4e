//! The commands over many files, and `sroi report` past reading its one
//! file ([`analysis`]), end to end: paths in, named outputs and diagnostics out.
//!
//! Each run goes through the same stages as a report: [`crate::load`] reads
//! the files (in parallel, with rayon), [`crate::validate`] and
//! [`crate::compute`] make the figures, [`crate::report`] the words and
//! [`crate::render`] the bytes. Nothing here prints or writes a file: the
//! command line prints what comes back, writes the outputs through
//! [`crate::output`] and sets the exit code. Every output is made before any
//! is written, so a run that cannot make one of them writes none.

pub mod analysis;
pub mod commissioning;

pub use analysis::{Prepared, ReportFormat, logo, report_html, report_outputs};

use rayon::prelude::*;

use crate::compute::comparison::{Compared, Rebase};
use crate::compute::in_year::StatementYear;
use crate::compute::statement::{About, Failed, Item, Metadata, NotCounted, Own, Statement, Summary};
use crate::diag::Diagnostic;
use crate::load::manifest::{Entry, Manifest};
use crate::model::Analysis;
use crate::render::html::{HtmlError, Templates};
use crate::render::pdf::{PdfError, Rendered};
use crate::report::Stamp;
use crate::source::SourceFile;

/// A file format a command over many files writes (`-f html,pdf,json,csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An accessible web page.
    Html,
    /// The same, typeset for A4.
    Pdf,
    /// The figures (as `--json` prints them).
    Json,
    /// One row per analysis, contract or commitment.
    Csv,
}

impl Format {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// The outputs in each of `formats` (each once, in order) that `make` makes;
/// a format it gives `None` for is not written.
pub fn outputs(formats: &[Format], make: impl Fn(Format) -> Option<Made<'static>>) -> Vec<Output<'static>> {
    unique(formats)
        .into_iter()
        .filter_map(|format| {
            make(format).map(|made| Output { suffix: "", extension: format.extension(), made })
        })
        .collect()
}

/// One output of a run, made (or ready to be written as it is made) but not yet written.
pub struct Output<'a> {
    /// What follows the name before the extension (`-breakdowns`), usually nothing.
    pub suffix: &'static str,
    /// The file's extension (`html`, `pdf`, ...).
    pub extension: &'static str,
    /// Its bytes, or why they could not be made.
    pub made: Made<'a>,
}

/// The bytes of an output, or why they could not be made (a PDF also says
/// what it had to leave out).
pub enum Made<'a> {
    /// Bytes that cannot fail to be made (JSON, CSV).
    Bytes(Vec<u8>),
    /// Bytes written into the file as they are made, never held whole (the
    /// JSON of a large analysis is several times its YAML).
    Stream(Box<Writes<'a>>),
    /// A PDF.
    Pdf(Result<Rendered, PdfError>),
    /// A web page.
    Html(Result<Vec<u8>, HtmlError>),
    /// A web page written into its file as it is rendered (a large
    /// report's page is several times its YAML).
    Page(Box<WritesPage<'a>>),
    /// An Excel workbook, written into its file as it is zipped.
    Workbook(Box<WritesBook<'a>>),
}

/// What writes a [`Made::Stream`]'s bytes into its file.
pub type Writes<'a> = dyn FnOnce(&mut (dyn std::io::Write + Send)) -> std::io::Result<()> + 'a;

/// What renders a [`Made::Page`] into its file.
pub type WritesPage<'a> = dyn FnOnce(&mut (dyn std::io::Write + Send)) -> Result<(), HtmlError> + 'a;

/// What writes a [`Made::Workbook`] into its file.
pub type WritesBook<'a> =
    dyn FnOnce(&mut (dyn std::io::Write + Send)) -> Result<(), crate::render::xlsx::WorkbookError> + 'a;

/// One file of a run, read and analysed.
pub struct Analysed {
    /// The file as given (`-` is standard input).
    pub path: String,
    /// What was read, or why nothing could be.
    pub read: Result<Read, crate::load::ReadError>,
}

/// A file that could be read: its text, and the analysis with its warnings
/// or every diagnostic that stopped it.
pub struct Read {
    /// The file's text, for printing diagnostics.
    pub source: SourceFile,
    /// The analysis and its warnings, or the diagnostics of an invalid file.
    pub analysis: Result<(Analysis, Vec<Diagnostic>), Vec<Diagnostic>>,
}

/// What the figures of one analysis are: everything its reports are made from but the view.
pub struct Computed {
    /// The figures (SPEC §2).
    pub results: crate::compute::Results,
    /// Sensitivity and simulation (SPEC §3).
    pub uncertainty: crate::compute::Uncertainty,
    /// The analysis's warnings, then the quality findings (SPEC §3).
    pub findings: Vec<Diagnostic>,
}

/// Computes an analysis and holds it against the principles: the one
/// wiring of compute and quality that `report`, the fuzz target and the
/// tests share.
pub fn computed(analysis: &Analysis, warnings: Vec<Diagnostic>) -> Computed {
    let results = crate::compute::compute(analysis);
    let uncertainty = crate::compute::uncertainty(analysis, &results);
    let findings = findings(analysis, &results, warnings);
    Computed { results, uncertainty, findings }
}

/// Everything a report of one analysis is made from.
pub struct Reported {
    /// The figures (SPEC §2).
    pub results: crate::compute::Results,
    /// Sensitivity and simulation (SPEC §3).
    pub uncertainty: crate::compute::Uncertainty,
    /// The analysis's warnings, then the quality findings (SPEC §3).
    pub findings: Vec<Diagnostic>,
    /// The view of the report, dated `now`.
    pub report: crate::report::Report,
}

/// [`computed`], with the report's view built, dated `now` (seconds since 1970).
pub fn report(analysis: &Analysis, warnings: Vec<Diagnostic>, now: i64) -> Reported {
    let Computed { results, uncertainty, findings } = computed(analysis, warnings);
    let report = crate::report::build(analysis, &results, &uncertainty, &findings, now);
    Reported { results, uncertainty, findings, report }
}

/// An analysis's warnings (from reading it), then what the quality checks
/// find in it and its figures (SPEC §3): everything `sroi check` says of a
/// valid analysis, and what every command that reads one summarises.
pub fn findings(
    analysis: &Analysis,
    results: &crate::compute::Results,
    warnings: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut findings = warnings;
    findings.extend(crate::quality::findings(analysis, results, &crate::quality::benchmarks()));
    findings
}

/// Reads and analyses each file, in parallel, in the order given.
pub fn analyse_files(paths: &[String]) -> Vec<Analysed> {
    paths
        .par_iter()
        .map(|path| Analysed {
            path: path.clone(),
            read: crate::load::read_source(path)
                .map(|source| Read { analysis: crate::analyse(&source), source }),
        })
        .collect()
}

/// The outputs of a comparison in each of `formats` (each once, in order).
pub fn comparison_outputs(
    analyses: &[Compared],
    rebase: Option<&Rebase>,
    stamp: Stamp,
    formats: &[Format],
    templates: Option<&std::path::Path>,
) -> Vec<Output<'static>> {
    let view = crate::report::comparison::view(analyses, rebase, stamp);
    // A comparison has no CSV: its rows are of different kinds.
    outputs(formats, |format| match format {
        Format::Json => Some(Made::Bytes(crate::render::comparison::json(analyses, rebase))),
        Format::Csv => None,
        Format::Pdf => Some(Made::Pdf(crate::render::pdf::comparison(&view))),
        Format::Html => Some(Made::Html(
            self::templates(templates).and_then(|t| crate::render::html::comparison(&view, &t)),
        )),
    })
}

/// A statement, and what the files it read said: the summary of each valid
/// file's warnings and quality findings (a file in error is one of the
/// statement's `failed`).
pub struct Stated {
    /// The statement.
    pub statement: Statement,
    /// Each file with warnings or notes, once, in the manifest's order.
    pub findings: Vec<crate::diag::Summary>,
}

/// What a file said, summarised in the worker that read it (rendered in
/// colour when `color`), so only the text shown is kept; `None` when it said nothing.
fn summary(said: commissioning::Said, color: bool) -> Option<crate::diag::Summary> {
    (!said.diagnostics.is_empty()).then(|| crate::diag::Summary::of(said.diagnostics, &said.source, color))
}

/// Each file's summary once (a framework many contracts name is read by each).
fn once(findings: impl IntoIterator<Item = crate::diag::Summary>) -> Vec<crate::diag::Summary> {
    let mut seen = std::collections::HashSet::new();
    findings.into_iter().filter(|summary| seen.insert(summary.name.clone())).collect()
}

/// Loads, computes and adds up every analysis of `manifest`, in parallel,
/// calling `done` after each analysis (for a progress bar); each file's
/// findings are summarised in colour when `color`.
pub fn statement(manifest: &Manifest, color: bool, done: &(dyn Fn() + Sync)) -> Stated {
    // Contracts have no present value to add: they count in statements of one year.
    let (results, findings): (Vec<Result<Item, Failed>>, Vec<Option<crate::diag::Summary>>) = manifest
        .entries
        .par_iter()
        .filter(|entry| !entry.is_contract())
        .map(|entry| {
            let result = match summarise(entry) {
                Ok((item, said)) => (Ok(item), summary(said, color)),
                Err(failed) => (Err(failed), None),
            };
            done();
            result
        })
        .unzip();
    let about = About {
        title: manifest.title.clone(),
        year: manifest.year,
        organisation: manifest.organisation.clone(),
        count: manifest.entries.len(),
    };
    let statement = crate::compute::statement::statement(&about, results);
    Stated { statement, findings: once(findings.into_iter().flatten()) }
}

/// What a statement of one year is made on: the year, and the one set of
/// settings (discounting, price year) every analysis is re-computed under.
#[derive(Debug, Clone)]
pub struct YearBasis {
    /// The statement year.
    pub year: StatementYear,
    /// The common settings, as `compare --rebase` uses them.
    pub rebase: Rebase,
}

/// Loads every analysis of `manifest` in parallel and states `basis.year` on
/// one basis: each analysis re-computed under `basis.rebase`, its value in the
/// year apart from its lifetime present value, those outside the year listed
/// with why; `done` is called after each analysis, and each file's findings
/// are summarised in colour when `color`.
pub fn statement_of_year(
    manifest: &Manifest,
    basis: &YearBasis,
    color: bool,
    done: &(dyn Fn() + Sync),
) -> Stated {
    type Said = Vec<crate::diag::Summary>;
    let (summaries, findings): (Vec<(Summary, Option<Own>)>, Vec<Said>) = manifest
        .entries
        .par_iter()
        .map(|entry| {
            let summary = if entry.is_contract() {
                let (summary, said) = summarise_contract(entry, basis);
                ((summary, None), said.into_iter().filter_map(|said| self::summary(said, color)).collect())
            } else {
                let (summary, own, said) = summarise_in_year(entry, basis);
                ((summary, own), said.and_then(|said| self::summary(said, color)).into_iter().collect())
            };
            done();
            summary
        })
        .unzip();
    let own: Vec<Own> = summaries.iter().filter_map(|(_, own)| own.clone()).collect();
    let sentences = crate::report::statement::basis_sentences(&basis.rebase, &own);
    let about = About {
        title: manifest.title.clone(),
        year: manifest.year,
        organisation: manifest.organisation.clone(),
        count: manifest.entries.len(),
    };
    let summaries = summaries.into_iter().map(|(summary, _)| summary).collect();
    let statement =
        crate::compute::statement::statement_of_year(&about, summaries, &basis.year.label, sentences);
    Stated { statement, findings: once(findings.into_iter().flatten()) }
}

/// One contract of a statement year: its offer (as given, or the one its
/// returns name), the framework the offer names, and what falls in the year;
/// with what the three files said.
fn summarise_contract(entry: &Entry, basis: &YearBasis) -> (Summary, Vec<commissioning::Said>) {
    let file = entry.file.to_string_lossy().into_owned();
    let returns = entry.returns.as_deref().unwrap_or(&entry.file).to_string_lossy().into_owned();
    let offer = match &entry.offer {
        Some(offer) => offer.to_string_lossy().into_owned(),
        None => match commissioning::offer_named_by(&returns) {
            Some(offer) => offer.to_string_lossy().into_owned(),
            None => {
                let error = format!(
                    "{returns}: error: the returns name no offer (`offer:`), so the contract cannot be read"
                );
                return (Summary::Failed(Failed { file, error }), Vec::new());
            }
        },
    };
    let m = match commissioning::monitor(&offer, &returns) {
        Ok(m) => m,
        Err(failure) => {
            return (
                Summary::Failed(Failed { file, error: commissioning::first_error(&failure) }),
                Vec::new(),
            );
        }
    };
    let (framework, offer, returns) = (&m.framework.value, &m.offer.value, &m.returns.value);
    let summary =
        match crate::compute::contract_year::contract_in_year(framework, offer, returns, &basis.year) {
            Some(year) => Summary::Contract(crate::compute::statement::ContractRow {
                file,
                contract: entry.contract.clone().unwrap_or_else(|| offer.contract.id.clone()),
                supplier: entry.supplier.clone().unwrap_or_else(|| offer.supplier.clone()),
                supplier_size: offer.size.word(),
                area: entry.area.clone().or_else(|| offer.area.clone()),
                framework: framework.name.clone(),
                priorities: framework
                    .priorities
                    .iter()
                    .zip(&year.by_priority)
                    .map(|(p, values)| crate::compute::statement::PriorityShare {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        values: *values,
                    })
                    .collect(),
                committed_value: year.committed,
                delivered_value: year.delivered,
                validated_value: year.validated,
                status: year.status.word(),
            }),
            None => Summary::NotCounted(NotCounted {
                file,
                title: Some(format!("{} ({})", offer.contract.id, offer.supplier)),
                why: crate::report::statement::why_contract_not_in_year(offer, &basis.year.label),
            }),
        };
    (summary, vec![m.framework.said, m.offer.said, m.returns.said])
}

/// One analysis of a statement year, and, when it is counted, what its own
/// method was; with what the file said when it is valid.
fn summarise_in_year(
    entry: &Entry,
    basis: &YearBasis,
) -> (Summary, Option<Own>, Option<commissioning::Said>) {
    let file = entry.file.to_string_lossy().into_owned();
    let (analysis, mut said) = match analysis_of(entry) {
        Ok(read) => read,
        Err(failed) => return (Summary::Failed(failed), None, None),
    };
    // The quality checks hold the analysis as written, not as re-based.
    said.diagnostics =
        findings(&analysis, &crate::compute::compute(&analysis), std::mem::take(&mut said.diagnostics));
    let said = Some(said);
    let not_counted = |why: String, analysis: &Analysis| {
        Summary::NotCounted(NotCounted { file: file.clone(), title: Some(analysis.title.clone()), why })
    };
    let own = Own { settings: analysis.settings, price_year: analysis.price_year };
    let rebased = match crate::compute::comparison::rebased(&analysis, &basis.rebase) {
        Ok(rebased) => rebased,
        Err(error) => {
            let why = crate::report::statement::why_not_rebased(&error);
            return (not_counted(why, &analysis), None, said);
        }
    };
    let results = crate::compute::compute(&rebased);
    match crate::compute::in_year::shares(&rebased, results.years.len(), &basis.year) {
        Ok(shares) => {
            let item = Item::of(file, &metadata(entry), &rebased, &results);
            (Summary::Counted(Box::new(item.in_year(&rebased, &results, &shares))), Some(own), said)
        }
        Err(reason) => {
            let why = crate::report::statement::why_not_in_year(&reason, &basis.year.label);
            (not_counted(why, &analysis), None, said)
        }
    }
}

/// The outputs of a statement in each of `formats` (each once, in order).
pub fn statement_outputs(
    statement: &Statement,
    stamp: Stamp,
    formats: &[Format],
    templates: Option<&std::path::Path>,
) -> Vec<Output<'static>> {
    let view = crate::report::statement::view(statement, stamp);
    let mut made = outputs(formats, |format| {
        Some(match format {
            Format::Json => Made::Bytes(crate::render::statement::json(statement)),
            Format::Csv => Made::Bytes(crate::render::statement::csv(statement)),
            Format::Pdf => Made::Pdf(crate::render::pdf::statement(&view)),
            Format::Html => {
                Made::Html(self::templates(templates).and_then(|t| crate::render::html::statement(&view, &t)))
            }
        })
    });
    // The CSV of the analyses has a companion: every breakdown, a row each (`NAME-breakdowns.csv`).
    if let Some(at) = made.iter().position(|o| o.extension == Format::Csv.extension()) {
        let breakdowns = Made::Bytes(crate::render::statement::breakdowns_csv(statement));
        made.insert(
            at + 1,
            Output { suffix: "-breakdowns", extension: Format::Csv.extension(), made: breakdowns },
        );
    }
    made
}

/// The built-in templates, with those of the folder `dir` (a user's
/// `--templates`) used instead or extending them.
pub fn templates(dir: Option<&std::path::Path>) -> Result<Templates, HtmlError> {
    match dir {
        Some(dir) => {
            let read = crate::load::templates::read(dir).map_err(|e| HtmlError::Read(Box::new(e)))?;
            Templates::new(&read)
        }
        None => Templates::new(&[]),
    }
}

/// Each item once, in the order first given (`-f html,pdf,html` is html, pdf).
pub fn unique<F: Copy + PartialEq>(items: &[F]) -> Vec<F> {
    let mut out: Vec<F> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(item) {
            out.push(*item);
        }
    }
    out
}

/// Loads and computes one analysis of a statement, keeping only what the
/// statement needs, and what the file said.
fn summarise(entry: &Entry) -> Result<(Item, commissioning::Said), Failed> {
    let (analysis, mut said) = analysis_of(entry)?;
    let results = crate::compute::compute(&analysis);
    said.diagnostics = findings(&analysis, &results, std::mem::take(&mut said.diagnostics));
    Ok((Item::of(entry.file.to_string_lossy().into_owned(), &metadata(entry), &analysis, &results), said))
}

/// The manifest's metadata of one analysis.
fn metadata(entry: &Entry) -> Metadata {
    Metadata { contract: entry.contract.clone(), supplier: entry.supplier.clone(), area: entry.area.clone() }
}

/// Reads and validates one analysis of a statement, with its warnings; a
/// failure keeps its first error.
fn analysis_of(entry: &Entry) -> Result<(Analysis, commissioning::Said), Failed> {
    let file = entry.file.to_string_lossy().into_owned();
    let fail = |error: String| Failed { file: file.clone(), error };
    let source = crate::load::read_source(&file).map_err(|e| match e {
        crate::load::ReadError::Io { name, source } => {
            fail(format!("{name}: error: cannot read the file: {source}"))
        }
        crate::load::ReadError::Invalid { file, diagnostic } => fail(one_line(&diagnostic, &file)),
    })?;
    let (analysis, warnings) = crate::analyse(&source).map_err(|diagnostics| {
        let first = diagnostics.iter().find(|d| d.is_error()).or(diagnostics.first());
        fail(
            first.map_or_else(|| format!("{file}: error: the analysis is invalid"), |d| one_line(d, &source)),
        )
    })?;
    Ok((analysis, commissioning::Said { source, diagnostics: warnings }))
}

/// A diagnostic as one line: `FILE:LINE:COL: error: message`.
fn one_line(diagnostic: &Diagnostic, source: &SourceFile) -> String {
    let name = diagnostic.file.as_ref().map_or(source.name.as_str(), |f| f.name.as_str());
    match diagnostic.loc {
        Some(loc) => format!("{name}:{}:{}: error: {}", loc.line, loc.column, diagnostic.message),
        None => format!("{name}: error: {}", diagnostic.message),
    }
}
