//! `sroi portfolio`: many analyses aggregated into one social value statement.
//!
//! A portfolio is a folder of analyses, or a manifest naming them (globs
//! allowed) with optional metadata per file. Every analysis is loaded and
//! computed in parallel; one that fails is listed with its error and the rest
//! still count. Only a small summary of each analysis is kept, so memory grows
//! with the number of analyses, not with their size.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::load::decode::Decoder;
use crate::load::node::{Kind, Node};
use crate::source::SourceFile;

/// What to aggregate: the statement's title and the analyses with their metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The statement's title.
    pub title: String,
    /// The year the statement covers.
    pub year: Option<i32>,
    /// Who publishes it.
    pub organisation: Option<String>,
    /// The analyses, in order, each once.
    pub entries: Vec<Entry>,
}

/// One analysis of a portfolio, with the manifest's metadata for it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// The analysis file.
    pub file: PathBuf,
    /// Contract reference.
    pub contract: Option<String>,
    /// The supplier or grantee; the analysis's own `organisation:` when not given.
    pub supplier: Option<String>,
    /// Area served.
    pub area: Option<String>,
}

const MANIFEST_KEYS: &[&str] = &["title", "year", "organisation", "analyses"];
const ENTRY_KEYS: &[&str] = &["file", "contract", "supplier", "area"];

/// Every `.yaml`/`.yml` file under `dir` (recursively, sorted by path), titled after the folder.
pub fn from_folder(dir: &Path) -> std::io::Result<Manifest> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            // Linked folders are not followed: they would count analyses twice, or loop.
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if !(kind.is_symlink() && path.is_dir())
                && path.extension().is_some_and(|e| e == "yaml" || e == "yml")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut seen = std::collections::HashSet::new();
    files.retain(|file| seen.insert(identity(file)));
    let title = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Portfolio".to_owned());
    Ok(Manifest {
        title,
        year: None,
        organisation: None,
        entries: files.into_iter().map(|file| Entry { file, ..Entry::default() }).collect(),
    })
}

/// What makes two paths the same file: the real path when it can be found
/// (`a/../a/x.yaml`, links), else the path as written.
pub(crate) fn identity(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Reads a manifest. Files and globs are relative to the manifest's folder.
///
/// ```yaml
/// title: Social value statement 2025/26
/// year: 2025
/// organisation: Northfield Council
/// analyses:
///   - contracts/*.yaml
///   - { file: grants/garden.yaml, contract: G-104, supplier: Northfield Garden, area: North }
/// ```
pub fn read_manifest(source: &SourceFile) -> Result<Manifest, Vec<Diagnostic>> {
    let root = crate::load::parse_yaml(source).map_err(|d| vec![d])?;
    let base = Path::new(&source.name).parent().map(Path::to_path_buf).unwrap_or_default();
    let mut d = Decoder::new(&source.text);
    let Some(mut m) = d.map(&root, "a portfolio manifest", MANIFEST_KEYS) else {
        return Err(d.diagnostics);
    };
    let title = m.required(&mut d, "title", Decoder::text);
    let year = m.optional(&mut d, "year", Decoder::whole);
    let organisation = m.optional(&mut d, "organisation", Decoder::text);
    let analyses = m.required(&mut d, "analyses", |d, n| d.list(n, |d, n| entry(d, n, &base)));
    m.finish(&mut d);
    let (Some(title), Some(analyses)) = (title, analyses) else {
        return Err(d.diagnostics);
    };
    if !d.diagnostics.is_empty() {
        return Err(d.diagnostics);
    }
    let mut entries: Vec<Entry> = Vec::new();
    // A file matched twice is counted once; metadata written for it later wins
    // (so `contracts/*.yaml` can be followed by details for one contract).
    let mut seen = std::collections::HashMap::new();
    // A glob such as `*.yaml` beside the manifest matches the manifest too.
    seen.insert(identity(Path::new(&source.name)), usize::MAX);
    for group in analyses.value {
        for entry in group {
            let has_metadata = entry.contract.is_some() || entry.supplier.is_some() || entry.area.is_some();
            let id = identity(&entry.file);
            match seen.get(&id) {
                Some(&usize::MAX) => {}
                Some(&i) if has_metadata => entries[i] = entry,
                Some(_) => {}
                None => {
                    seen.insert(id, entries.len());
                    entries.push(entry);
                }
            }
        }
    }
    Ok(Manifest {
        title: title.value,
        year: year.and_then(|y| i32::try_from(y.value).ok()),
        organisation: organisation.map(|o| o.value),
        entries,
    })
}

/// One item of `analyses:`: a path or glob, or a mapping with `file:` and metadata.
fn entry(d: &mut Decoder, node: &Node, base: &Path) -> Option<Vec<Entry>> {
    let (pattern, contract, supplier, area) = if let Kind::Map(_) = node.kind {
        let mut m = d.map(node, "an analysis of the portfolio", ENTRY_KEYS)?;
        let file = m.required(d, "file", Decoder::text);
        let contract = m.optional(d, "contract", Decoder::text).map(|t| t.value);
        let supplier = m.optional(d, "supplier", Decoder::text).map(|t| t.value);
        let area = m.optional(d, "area", Decoder::text).map(|t| t.value);
        m.finish(d);
        (file?, contract, supplier, area)
    } else {
        (d.text(node)?, None, None, None)
    };
    let full = base.join(&pattern.value);
    let files: Vec<PathBuf> = match glob::glob(&full.to_string_lossy()) {
        Ok(paths) => paths.filter_map(Result::ok).filter(|p| p.is_file()).collect(),
        Err(error) => {
            d.diagnostics.push(
                Diagnostic::error(
                    "bad-glob",
                    format!("`{}` is not a valid file pattern: {}", pattern.value, error.msg),
                )
                .at(pattern.loc)
                .hint("use `*` for any part of a name and `**` for any folders, e.g. `contracts/**/*.yaml`"),
            );
            return None;
        }
    };
    if files.is_empty() {
        d.diagnostics.push(
            Diagnostic::error("no-such-analysis", format!("no file matches `{}`", pattern.value))
                .at(pattern.loc)
                .hint("paths and patterns are relative to the manifest's folder"),
        );
        return None;
    }
    Some(
        files
            .into_iter()
            .map(|file| Entry {
                file,
                contract: contract.clone(),
                supplier: supplier.clone(),
                area: area.clone(),
            })
            .collect(),
    )
}

/// The statement: totals, breakdowns and every analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The statement's title.
    pub title: String,
    /// The year it covers.
    pub year: Option<i32>,
    /// Who publishes it.
    pub organisation: Option<String>,
    /// ISO 4217 code of every money figure.
    pub currency: String,
    /// Number of analyses named, including those that failed.
    #[serde(rename = "analyses")]
    pub count: usize,
    /// Analyses that could not be counted, with why.
    pub failed: Vec<Failed>,
    /// Σ present value of the analyses counted.
    pub present_value: f64,
    /// Σ investment of the analyses counted.
    pub investment: f64,
    /// `present_value / investment`; 0 when nothing was counted.
    pub sroi_ratio: f64,
    /// Present value by outcome theme; an outcome with several themes counts in each.
    pub by_theme: Vec<ByTheme>,
    /// Present value and investment by supplier (or the analysis's organisation).
    pub by_organisation: Vec<ByOrganisation>,
    /// Present value by stakeholder group, matched by name across analyses.
    pub by_stakeholder: Vec<ByStakeholder>,
    /// Every analysis counted, in file order.
    pub items: Vec<Item>,
}

/// An analysis that could not be counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failed {
    /// The file.
    pub file: String,
    /// The first error, as `FILE:LINE:COL: message`.
    pub error: String,
}

/// One theme's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByTheme {
    /// The theme, or `(no theme)`.
    pub theme: String,
    /// Present value of its outcomes.
    pub present_value: f64,
}

/// One organisation's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByOrganisation {
    /// The supplier, or the analysis's organisation, or `(not given)`.
    pub organisation: String,
    /// Σ present value of its analyses.
    pub present_value: f64,
    /// Σ investment of its analyses.
    pub investment: f64,
}

/// One stakeholder group's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByStakeholder {
    /// The group's name.
    pub stakeholder: String,
    /// Σ present value for it.
    pub present_value: f64,
}

/// One analysis counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// The file.
    pub file: String,
    /// Its title.
    pub title: String,
    /// Supplier, or the analysis's organisation.
    pub organisation: Option<String>,
    /// Contract reference from the manifest.
    pub contract: Option<String>,
    /// Area from the manifest.
    pub area: Option<String>,
    /// Evaluative or forecast.
    pub kind: crate::model::AnalysisKind,
    /// Its present value.
    pub present_value: f64,
    /// Its investment.
    pub investment: f64,
    /// Its ratio.
    pub sroi_ratio: f64,
    #[serde(skip)]
    themes: Vec<(String, f64)>,
    #[serde(skip)]
    stakeholders: Vec<(String, f64)>,
    #[serde(skip)]
    currency: String,
}

const NO_THEME: &str = "(no theme)";
const NOT_GIVEN: &str = "(not given)";

/// Loads, computes and aggregates every analysis of `manifest`, in parallel,
/// calling `done` after each analysis (for a progress bar).
pub fn statement(manifest: &Manifest, done: &(dyn Fn() + Sync)) -> Statement {
    use rayon::prelude::*;
    let results: Vec<Result<Item, Failed>> = manifest
        .entries
        .par_iter()
        .map(|entry| {
            let result = summarise(entry);
            done();
            result
        })
        .collect();
    // The currency most analyses use (the first seen, on a tie); the others cannot be added in.
    let currencies =
        tally(results.iter().filter_map(|r| r.as_ref().ok()).map(|i| (i.currency.as_str(), [1.0])));
    let most = currencies.iter().map(|(_, [n])| *n).fold(0.0, f64::max);
    let currency = currencies.iter().find(|(_, [n])| *n == most).map_or("GBP", |(c, _)| c).to_owned();
    let mut items = Vec::new();
    let mut failed = Vec::new();
    for result in results {
        match result {
            Ok(item) if item.currency != currency => failed.push(Failed {
                error: format!(
                    "{}: error: the analysis is in {}, but most of the portfolio is in {currency}; money in different currencies cannot be added up",
                    item.file, item.currency
                ),
                file: item.file,
            }),
            Ok(item) => items.push(item),
            Err(failure) => failed.push(failure),
        }
    }
    let present_value: f64 = items.iter().map(|i| i.present_value).sum();
    let investment: f64 = items.iter().map(|i| i.investment).sum();

    let themes = tally(items.iter().flat_map(|i| i.themes.iter().map(|(t, v)| (t.as_str(), [*v]))));
    let stakeholders =
        tally(items.iter().flat_map(|i| i.stakeholders.iter().map(|(s, v)| (s.as_str(), [*v]))));
    let organisations = tally(
        items
            .iter()
            .map(|i| (i.organisation.as_deref().unwrap_or(NOT_GIVEN), [i.present_value, i.investment])),
    );
    let themes = largest_first(
        themes.into_iter().map(|(theme, [present_value])| ByTheme { theme, present_value }).collect(),
        |t| t.present_value,
    );
    let stakeholders = largest_first(
        stakeholders
            .into_iter()
            .map(|(stakeholder, [present_value])| ByStakeholder { stakeholder, present_value })
            .collect(),
        |s| s.present_value,
    );
    let organisations = largest_first(
        organisations
            .into_iter()
            .map(|(organisation, [present_value, investment])| ByOrganisation {
                organisation,
                present_value,
                investment,
            })
            .collect(),
        |o| o.present_value,
    );

    Statement {
        title: manifest.title.clone(),
        year: manifest.year,
        organisation: manifest.organisation.clone(),
        currency,
        count: manifest.entries.len(),
        failed,
        present_value,
        investment,
        sroi_ratio: if investment > 0.0 { present_value / investment } else { 0.0 },
        by_theme: themes,
        by_organisation: organisations,
        by_stakeholder: stakeholders,
        items,
    }
}

/// Sums the amounts of each key, keys in the order first seen (so results
/// never depend on hashing) and amounts added in the order given.
fn tally<'a, const N: usize>(
    entries: impl IntoIterator<Item = (&'a str, [f64; N])>,
) -> Vec<(String, [f64; N])> {
    let mut totals: Vec<(String, [f64; N])> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (key, amounts) in entries {
        let i = *index.entry(key).or_insert_with(|| {
            totals.push((key.to_owned(), [0.0; N]));
            totals.len() - 1
        });
        for (total, amount) in totals[i].1.iter_mut().zip(amounts) {
            *total += amount;
        }
    }
    totals
}

/// `rows` by present value, largest first; ties keep their order.
fn largest_first<T>(mut rows: Vec<T>, present_value: impl Fn(&T) -> f64) -> Vec<T> {
    rows.sort_by(|a, b| present_value(b).total_cmp(&present_value(a)));
    rows
}

/// Loads and computes one analysis, keeping only what the statement needs.
fn summarise(entry: &Entry) -> Result<Item, Failed> {
    let file = entry.file.to_string_lossy().into_owned();
    let fail = |error: String| Failed { file: file.clone(), error };
    let source = crate::load::read_source(&file).map_err(|e| match e {
        crate::load::ReadError::Io { name, source } => {
            fail(format!("{name}: error: cannot read the file: {source}"))
        }
        crate::load::ReadError::Invalid { file, diagnostic } => fail(one_line(&diagnostic, &file)),
    })?;
    let (analysis, _) = crate::analyse(&source).map_err(|diagnostics| {
        let first = diagnostics.iter().find(|d| d.is_error()).or(diagnostics.first());
        fail(
            first.map_or_else(|| format!("{file}: error: the analysis is invalid"), |d| one_line(d, &source)),
        )
    })?;
    let results = crate::compute::compute(&analysis);
    let themes = tally(analysis.outcomes.iter().zip(&results.outcomes).flat_map(|(outcome, result)| {
        let themes: Vec<&str> = if outcome.themes.is_empty() {
            vec![NO_THEME]
        } else {
            outcome.themes.iter().map(String::as_str).collect()
        };
        themes.into_iter().map(|theme| (theme, [result.present_value]))
    }))
    .into_iter()
    .map(|(theme, [value])| (theme, value))
    .collect();
    Ok(Item {
        title: analysis.title.clone(),
        organisation: entry.supplier.clone().or_else(|| analysis.organisation.clone()),
        contract: entry.contract.clone(),
        area: entry.area.clone(),
        kind: analysis.kind,
        present_value: results.present_value,
        investment: results.investment,
        sroi_ratio: results.sroi_ratio,
        themes,
        stakeholders: analysis
            .stakeholders
            .iter()
            .zip(&results.stakeholders)
            // A group an analysis leaves out of its value adds nothing, and is not listed as if it did.
            .filter(|(s, _)| !s.is_excluded())
            .map(|(s, r)| (s.name.clone(), r.present_value))
            .collect(),
        currency: analysis.currency,
        file,
    })
}

/// A diagnostic as one line: `FILE:LINE:COL: error: message`.
fn one_line(diagnostic: &Diagnostic, source: &SourceFile) -> String {
    let name = diagnostic.file.as_ref().map_or(source.name.as_str(), |f| f.name.as_str());
    match diagnostic.loc {
        Some(loc) => format!("{name}:{}:{}: error: {}", loc.line, loc.column, diagnostic.message),
        None => format!("{name}: error: {}", diagnostic.message),
    }
}

/// The statement as JSON.
pub fn json(statement: &Statement) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(statement).expect("a statement always serialises");
    bytes.push(b'\n');
    bytes
}

/// Every analysis as one CSV row (RFC 4180, UTF-8), failed ones with their error.
pub fn csv(statement: &Statement) -> Vec<u8> {
    let mut writer = crate::render::csv::writer();
    let header = [
        "file",
        "title",
        "organisation",
        "contract",
        "area",
        "kind",
        "investment",
        "present_value",
        "sroi_ratio",
        "error",
    ];
    let _ = writer.write_record(header);
    for item in &statement.items {
        let text = crate::render::csv::text;
        let _ = writer.write_record([
            &*text(&item.file),
            &*text(&item.title),
            &*text(item.organisation.as_deref().unwrap_or("")),
            &*text(item.contract.as_deref().unwrap_or("")),
            &*text(item.area.as_deref().unwrap_or("")),
            item.kind.word(),
            &item.investment.to_string(),
            &item.present_value.to_string(),
            &item.sroi_ratio.to_string(),
            "",
        ]);
    }
    for failure in &statement.failed {
        let text = crate::render::csv::text;
        let _ = writer.write_record([
            &*text(&failure.file),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            &*text(&failure.error),
        ]);
    }
    crate::render::csv::finish(writer)
}

/// The statement as tables, for the terminal.
pub fn text(statement: &Statement) -> String {
    use std::fmt::Write as _;

    use crate::format::{money, number, ratio};
    use crate::render::text::{Align, Table};
    let c = statement.currency.as_str();
    let mut out = String::new();
    let _ = writeln!(out, "{}", statement.title);
    if let Some(organisation) = &statement.organisation {
        let _ = writeln!(out, "{organisation}");
    }
    let counted = statement.items.len();
    let _ = writeln!(
        out,
        "\n{} {} counted of {}; present value {}, investment {}, ratio {}\n",
        number(counted as f64, 0),
        if counted == 1 { "analysis" } else { "analyses" },
        number(statement.count as f64, 0),
        money(statement.present_value, c),
        money(statement.investment, c),
        ratio(statement.sroi_ratio)
    );
    if let Some(note) = forecast_note(statement) {
        let _ = writeln!(out, "Note: {note}\n");
    }
    let share = |value: f64| {
        if statement.present_value > 0.0 {
            crate::format::percent(value / statement.present_value)
        } else {
            String::new()
        }
    };
    let mut themes =
        Table::new(&[("Theme", Align::Left), ("Present value", Align::Right), ("Share", Align::Right)]);
    for t in &statement.by_theme {
        themes.row(vec![t.theme.clone(), money(t.present_value, c), share(t.present_value)]);
    }
    themes.render(&mut out);
    let _ = writeln!(out, "  An outcome with several themes counts in each.\n");
    let mut organisations = Table::new(&[
        ("Organisation", Align::Left),
        ("Present value", Align::Right),
        ("Investment", Align::Right),
        ("Ratio", Align::Right),
    ]);
    for o in statement.by_organisation.iter().take(20) {
        let r = if o.investment > 0.0 { ratio(o.present_value / o.investment) } else { String::new() };
        organisations.row(vec![o.organisation.clone(), money(o.present_value, c), money(o.investment, c), r]);
    }
    organisations.render(&mut out);
    if statement.by_organisation.len() > 20 {
        let _ = writeln!(out, "  … and {} more; see the JSON or CSV.", statement.by_organisation.len() - 20);
    }
    let _ = writeln!(out);
    let mut groups = Table::new(&[("Stakeholder group", Align::Left), ("Present value", Align::Right)]);
    for s in statement.by_stakeholder.iter().take(20) {
        groups.row(vec![s.stakeholder.clone(), money(s.present_value, c)]);
    }
    groups.render(&mut out);
    if statement.by_stakeholder.len() > 20 {
        let _ = writeln!(out, "  … and {} more; see the JSON.", statement.by_stakeholder.len() - 20);
    }
    let _ = writeln!(out);
    let mut analyses = Table::new(&[
        ("Analysis", Align::Left),
        ("File", Align::Left),
        ("Present value", Align::Right),
        ("Investment", Align::Right),
        ("Ratio", Align::Right),
    ]);
    for item in largest_first(statement.items.iter().collect(), |i| i.present_value).iter().take(20) {
        analyses.row(vec![
            item.title.clone(),
            item.file.clone(),
            money(item.present_value, c),
            money(item.investment, c),
            ratio(item.sroi_ratio),
        ]);
    }
    analyses.render(&mut out);
    if statement.items.len() > 20 {
        let _ = writeln!(out, "  … and {} more; see the JSON or CSV.", statement.items.len() - 20);
    }
    if !statement.failed.is_empty() {
        let _ = writeln!(out, "\n{} not counted:", statement.failed.len());
        for f in &statement.failed {
            let _ = writeln!(out, "  {}", f.error);
        }
    }
    out
}

/// A statement that adds forecasts to evaluations says how much of its value
/// is expected rather than created; `None` when there are no forecasts.
pub fn forecast_note(statement: &Statement) -> Option<String> {
    use crate::format::{money, number, percent};
    let forecasts: Vec<&Item> =
        statement.items.iter().filter(|i| i.kind == crate::model::AnalysisKind::Forecast).collect();
    if forecasts.is_empty() {
        return None;
    }
    let value: f64 = forecasts.iter().map(|i| i.present_value).sum();
    let share = if statement.present_value > 0.0 {
        format!(" ({} of the total)", percent(value / statement.present_value))
    } else {
        String::new()
    };
    let (n, counted) = (forecasts.len(), statement.items.len());
    Some(format!(
        "{} of the {} analyses counted {}: {}{share} is value expected, not yet created.",
        number(n as f64, 0),
        number(counted as f64, 0),
        if n == 1 { "is a forecast" } else { "are forecasts" },
        money(value, &statement.currency),
    ))
}

/// Rows of each table shown in the HTML statement; the rest are in the JSON and CSV.
const SHOWN: usize = 200;

/// The statement as the HTML template sees it: every figure formatted.
#[derive(Debug, Serialize)]
pub struct View {
    pub(crate) title: String,
    pub(crate) organisation: Option<String>,
    pub(crate) year: Option<i32>,
    /// Its date, maker and colours (`date`, `generator`, `accent`, `accent_text` to templates).
    #[serde(flatten)]
    pub(crate) stamp: crate::report::Stamp,
    pub(crate) ratio: String,
    pub(crate) sentence: String,
    pub(crate) present_value: String,
    pub(crate) investment: String,
    pub(crate) counted: String,
    pub(crate) count: String,
    pub(crate) themes: Vec<Row>,
    pub(crate) organisations: Vec<Row>,
    pub(crate) organisations_more: Option<String>,
    pub(crate) stakeholders: Vec<Row>,
    pub(crate) stakeholders_more: Option<String>,
    pub(crate) analyses: Vec<AnalysisRow>,
    pub(crate) analyses_more: Option<String>,
    pub(crate) failed: Vec<Failed>,
    pub(crate) failed_count: String,
    pub(crate) failed_more: Option<String>,
    /// How the statement is made, paragraph by paragraph.
    pub(crate) method_notes: Vec<&'static str>,
    /// How much of the value is forecast, when any is.
    pub(crate) forecast_note: Option<String>,
    /// (theme, present value), for the chart.
    #[serde(skip)]
    pub chart: Vec<(String, f64)>,
    /// ISO 4217 code.
    #[serde(skip)]
    pub currency: String,
    /// The total present value, which theme shares are of.
    #[serde(skip)]
    pub total: f64,
}

#[derive(Debug, Serialize)]
pub(crate) struct Row {
    pub(crate) name: String,
    pub(crate) present_value: String,
    pub(crate) investment: String,
    pub(crate) share: String,
    pub(crate) ratio: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct AnalysisRow {
    pub(crate) title: String,
    pub(crate) file: String,
    pub(crate) organisation: String,
    pub(crate) contract: String,
    pub(crate) area: String,
    pub(crate) kind: &'static str,
    pub(crate) investment: String,
    pub(crate) present_value: String,
    pub(crate) ratio: String,
}

/// Formats the statement for the HTML template.
pub fn view(statement: &Statement) -> View {
    use crate::format::{headline, money, number, percent, ratio};
    let c = statement.currency.as_str();
    let count = |n: usize| number(n as f64, 0);
    let more = |total: usize| (total > SHOWN).then(|| count(total - SHOWN));
    let share = |v: f64| {
        if statement.present_value > 0.0 { percent(v / statement.present_value) } else { String::new() }
    };
    let row = |name: &str, pv: f64, investment: Option<f64>| Row {
        name: name.to_owned(),
        present_value: money(pv, c),
        investment: investment.map_or_else(String::new, |i| money(i, c)),
        share: share(pv),
        ratio: investment.filter(|i| *i > 0.0).map_or_else(String::new, |i| ratio(pv / i)),
    };
    let largest = largest_first(statement.items.iter().collect::<Vec<&Item>>(), |i| i.present_value);
    View {
        title: statement.title.clone(),
        organisation: statement.organisation.clone(),
        year: statement.year,
        stamp: crate::report::Stamp::now(),
        ratio: ratio(statement.sroi_ratio),
        sentence: {
            let forecasts = statement.items.iter().filter(|i| i.kind == crate::model::AnalysisKind::Forecast);
            let all_forecast =
                forecasts.clone().count() == statement.items.len() && !statement.items.is_empty();
            let some_forecast = forecasts.count() > 0;
            let sentence = headline(statement.sroi_ratio, c, all_forecast).replacen(
                "For every",
                "Across the analyses counted, for every",
                1,
            );
            if some_forecast && !all_forecast {
                sentence.replacen(" is created.", " is created or forecast.", 1)
            } else {
                sentence
            }
        },
        forecast_note: forecast_note(statement),
        present_value: money(statement.present_value, c),
        investment: money(statement.investment, c),
        counted: count(statement.items.len()),
        count: count(statement.count),
        themes: statement.by_theme.iter().map(|t| row(&t.theme, t.present_value, None)).collect(),
        organisations: statement
            .by_organisation
            .iter()
            .take(SHOWN)
            .map(|o| row(&o.organisation, o.present_value, Some(o.investment)))
            .collect(),
        organisations_more: more(statement.by_organisation.len()),
        stakeholders: statement
            .by_stakeholder
            .iter()
            .take(SHOWN)
            .map(|s| row(&s.stakeholder, s.present_value, None))
            .collect(),
        stakeholders_more: more(statement.by_stakeholder.len()),
        analyses: largest
            .iter()
            .take(SHOWN)
            .map(|i| AnalysisRow {
                title: i.title.clone(),
                file: i.file.clone(),
                organisation: i.organisation.clone().unwrap_or_default(),
                contract: i.contract.clone().unwrap_or_default(),
                area: i.area.clone().unwrap_or_default(),
                kind: match i.kind {
                    crate::model::AnalysisKind::Evaluative => "Evaluative",
                    crate::model::AnalysisKind::Forecast => "Forecast",
                },
                investment: money(i.investment, c),
                present_value: money(i.present_value, c),
                ratio: ratio(i.sroi_ratio),
            })
            .collect(),
        analyses_more: more(statement.items.len()),
        failed: statement.failed.iter().take(SHOWN).cloned().collect(),
        failed_count: count(statement.failed.len()),
        failed_more: more(statement.failed.len()),
        method_notes: vec![
            "Each analysis is computed on its own, with its own discounting, price year and assumptions, exactly as its own report shows it. The statement adds their present values and investments; the overall ratio is the total present value divided by the total investment. Ratios of analyses made in different ways are not comparable one by one: use “sroi compare --rebase” for a like-for-like view.",
            "Themes come from the “themes:” tags of each outcome; outcomes without one are shown as “(no theme)”. Organisations come from the manifest's “supplier:”, or else the analysis's own organisation.",
        ],
        chart: statement.by_theme.iter().map(|t| (t.theme.clone(), t.present_value)).collect(),
        currency: statement.currency.clone(),
        total: statement.present_value,
    }
}
