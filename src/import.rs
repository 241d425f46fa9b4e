//! `sroi import`: reads a workbook in the layout `sroi report -f xlsx` writes
//! ([`crate::render::xlsx`]), perhaps edited in Excel or LibreOffice since,
//! back into an analysis in the input format (SPEC §1), so a round trip
//! YAML → workbook → YAML keeps every figure.
//!
//! Only input cells and the text beside them are read, by their column
//! headings; no cell sroi writes as a formula is, so a workbook whose
//! spreadsheet recalculated, dropped or changed its results imports the same.
//! (An input cell a user turned into a formula is read at the value their
//! spreadsheet computed for it.)
//!
//! What a workbook cannot carry is left out of the analysis it gives: the
//! `theme:` block, `proxy_files:` and `indices:`, and which library entry a
//! proxy came from. Each proxy is written at the value the workbook holds, in
//! the analysis's prices, so a proxy re-based on the way out is not re-based
//! again on the way back.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde::Serialize;

use crate::model::{AnalysisKind, Assumption, Date, Timing};
use crate::render::xlsx::{about, heading, sheet_name, timing_words};

/// A workbook larger than this is refused before it is unzipped.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// A sheet with more cells than this is refused as it is read: the layout
/// needs a few per outcome, and a hostile sheet could hold millions.
const MAX_CELLS: usize = 1_000_000;

/// Why a workbook could not be imported: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The sheet and cell, e.g. `'Impact map'!F3`, or the sheet alone.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub hint: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: error: {}\nhint: {}", self.place, self.message, self.hint)
    }
}

/// An analysis read from a workbook: its YAML, and where in the workbook
/// each part of it came from.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The analysis in the input format.
    pub yaml: String,
    /// (path such as `outcomes/into-work/deadweight`, cell such as `'Impact map'!F2`).
    places: Vec<(String, String)>,
}

impl Imported {
    /// The workbook cell (or sheet row) that line `line` (1-based) of the YAML came from, when known.
    pub fn place_of_line(&self, line: u32) -> Option<&str> {
        let path = yaml_path(&self.yaml, line)?;
        let mut parts: Vec<&str> = path.split('/').collect();
        while !parts.is_empty() {
            let key = parts.join("/");
            if let Some((_, place)) = self.places.iter().find(|(p, _)| *p == key) {
                return Some(place);
            }
            parts.pop();
        }
        None
    }
}

/// The keys leading to line `line` (1-based) of the imported YAML, with a
/// list item's position after its section: `outcomes/#2/range/deadweight`
/// for a line in the third outcome. (By position, not id: a row copied in a
/// spreadsheet repeats its id.) Read off the located node tree of
/// [`crate::load`], the same parser that reports the line.
fn yaml_path(yaml: &str, line: u32) -> Option<String> {
    let source = crate::source::SourceFile::new("imported.yaml", yaml);
    let root = crate::load::parse_yaml(&source).ok()?;
    let mut path = Vec::new();
    walk(&root, line, 0, &mut path);
    (!path.is_empty()).then(|| path.join("/"))
}

/// Adds to `path` the keys (and, for the sections' lists, the positions) of
/// the nodes under `node` that line `line` falls in.
fn walk(node: &crate::load::Node, line: u32, depth: usize, path: &mut Vec<String>) {
    use crate::load::Kind;
    match &node.kind {
        Kind::Map(entries) => {
            if let Some((key, value)) = entries.iter().take_while(|(key, _)| key.loc.line <= line).last() {
                path.push(key.name.clone());
                walk(value, line, depth + 1, path);
            }
        }
        Kind::Seq(items) => {
            let before = items.iter().take_while(|item| item.loc.line <= line).count();
            if let Some(item) = before.checked_sub(1).map(|i| &items[i]) {
                // Only a section's list (outcomes, inputs, ...) numbers its items.
                if depth == 1 {
                    path.push(format!("#{}", before - 1));
                }
                walk(item, line, depth + 1, path);
            }
        }
        _ => {}
    }
}

/// The analysis in `bytes` (an xlsx workbook) as YAML in the input format,
/// headed by a comment naming `name`; or every problem found.
pub fn workbook(bytes: &[u8], name: &str) -> Result<Imported, Vec<ImportError>> {
    let mut errors = Vec::new();
    let mut places = Vec::new();
    let doc = read(bytes, &mut errors, &mut places);
    match doc {
        Some(doc) if errors.is_empty() => {
            let yaml = serde_saphyr::to_string(&doc).map_err(|error| {
                vec![ImportError {
                    place: name.to_owned(),
                    message: format!("cannot write the analysis as YAML: {error}"),
                    hint: "this is a fault in sroi; please report it with the workbook".to_owned(),
                }]
            })?;
            let yaml = format!(
                "# Imported from {name} by sroi {}: check it with `sroi check`.\n{yaml}",
                env!("CARGO_PKG_VERSION")
            );
            Ok(Imported { yaml, places })
        }
        _ => Err(errors),
    }
}

type Book = Xlsx<Cursor<Vec<u8>>>;

/// Most bytes one part of a workbook (a sheet, the shared strings) may
/// inflate to: a 2,000-outcome impact map is about 5 MB. A 1.25 MB workbook
/// whose shared strings inflated to 510 MB took 1.65 GB to read.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;

/// Most bytes all parts of a workbook may inflate to together.
pub const MAX_INFLATED_BYTES: u64 = 128 * 1024 * 1024;

/// Inflates every part of the workbook into nothing, counting, and stops at
/// the first part (or the total) over its limit, before calamine keeps any
/// of it in memory. Sizes the zip declares are not trusted: the bytes are.
fn check_inflated_sizes(bytes: &[u8]) -> Result<(), ImportError> {
    use std::io::Read as _;
    let too_large = |message: String| {
        ImportError {
        place: "the workbook".to_owned(),
        message,
        hint: "import reads the workbooks `sroi report -f xlsx` writes; for very large analyses split the programme and combine the parts with `sroi portfolio`".to_owned(),
    }
    };
    // Not a zip: calamine says so in its own words below.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let mut total = 0u64;
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index(index) else { return Ok(()) };
        let name = part.name().map(|n| crate::diag::escape_controls(&n).into_owned()).unwrap_or_default();
        if part.size() > MAX_PART_BYTES {
            return Err(too_large(format!(
                "the part `{name}` inflates to {} MB; a part may be at most {} MB",
                part.size() / 1_000_000,
                MAX_PART_BYTES / 1_000_000
            )));
        }
        let inflated = std::io::copy(&mut part.take(MAX_PART_BYTES + 1), &mut std::io::sink()).unwrap_or(0);
        if inflated > MAX_PART_BYTES {
            return Err(too_large(format!(
                "the part `{name}` inflates to more than {} MB, the limit for a part",
                MAX_PART_BYTES / 1_000_000
            )));
        }
        total += inflated;
        if total > MAX_INFLATED_BYTES {
            return Err(too_large(format!(
                "the workbook inflates to more than {} MB, the limit for a workbook",
                MAX_INFLATED_BYTES / 1_000_000
            )));
        }
    }
    Ok(())
}

fn read(bytes: &[u8], errors: &mut Vec<ImportError>, places: &mut Vec<(String, String)>) -> Option<Analysis> {
    if let Err(error) = check_inflated_sizes(bytes) {
        errors.push(error);
        return None;
    }
    let mut book: Book = match Xlsx::new(Cursor::new(bytes.to_vec())) {
        Ok(book) => book,
        Err(error) => {
            errors.push(ImportError {
                place: "the workbook".to_owned(),
                message: format!("not an xlsx workbook: {error}"),
                hint: "import reads the .xlsx files `sroi report -f xlsx` writes; save other formats as .xlsx first"
                    .to_owned(),
            });
            return None;
        }
    };
    let summary = Sheet::open(&mut book, sheet_name::SUMMARY, errors);
    let stakeholders = Sheet::open(&mut book, sheet_name::STAKEHOLDERS, errors);
    let inputs = Sheet::open(&mut book, sheet_name::INPUTS, errors);
    let map = Sheet::open(&mut book, sheet_name::IMPACT_MAP, errors);
    let outputs = Sheet::optional(&mut book, sheet_name::OUTPUTS, errors);
    let schedules = Sheet::optional(&mut book, sheet_name::SCHEDULES, errors);
    let ranges = Sheet::optional(&mut book, sheet_name::RANGES, errors);
    // Every sheet there is is read, so one run reports every problem.
    let doc = summary.as_ref().map(|sheet| read_summary(sheet, errors));
    let read_stakeholders = stakeholders.as_ref().map(|sheet| read_stakeholders(sheet, errors));
    let read_inputs = inputs.as_ref().map(|sheet| read_inputs(sheet, errors));
    let read_outputs = outputs.as_ref().map(|sheet| read_outputs(sheet, errors));
    let mut outcomes = map.as_ref().map(|sheet| read_outcomes(sheet, schedules.as_ref(), errors));
    if let (Some(ranges), Some(outcomes)) = (&ranges, &mut outcomes) {
        read_ranges(ranges, outcomes, errors);
    }
    if let Some(sheet) = &summary {
        summary_places(sheet, places);
    }
    let mut outcome_ids = Vec::new();
    for (sheet, section, columns) in [
        (&stakeholders, "stakeholders", &STAKEHOLDER_COLUMNS[..]),
        (&inputs, "inputs", &INPUT_COLUMNS[..]),
        (&outputs, "outputs", &OUTPUT_COLUMNS[..]),
        (&map, "outcomes", &OUTCOME_COLUMNS[..]),
    ] {
        if let Some(sheet) = sheet {
            let ids = row_places(sheet, section, columns, places);
            if section == "outcomes" {
                outcome_ids = ids;
            }
        }
    }
    // Schedules and ranges name their outcome by id: each is placed at every outcome with that id.
    let mut by_outcome = |sheet: &Sheet, headings: [&str; 2], path: &dyn Fn(&Sheet, u32) -> String| {
        let [id_col, value_col] = headings.map(|h| sheet.column(h));
        let (Some(id_col), Some(value_col)) = (id_col, value_col) else {
            return;
        };
        for row in sheet.rows(Some(id_col)) {
            let id = sheet.text((row, id_col), &mut Vec::new()).unwrap_or_default();
            for (k, _) in outcome_ids.iter().enumerate().filter(|(_, o)| **o == id) {
                places.push((format!("outcomes/#{k}/{}", path(sheet, row)), sheet.place((row, value_col))));
            }
        }
    };
    if let Some(sheet) = &schedules {
        by_outcome(sheet, [heading::OUTCOME, &heading::schedule_year(1)], &|_, _| "schedule".to_owned());
    }
    if let Some(sheet) = &ranges {
        let assumption = |sheet: &Sheet, row: u32| {
            let col = sheet.column(heading::ASSUMPTION);
            let key = col.and_then(|c| sheet.text((row, c), &mut Vec::new())).unwrap_or_default();
            format!("range/{}", key.trim())
        };
        by_outcome(sheet, [heading::OUTCOME, heading::LOW], &assumption);
    }
    let mut doc = doc?;
    doc.stakeholders = read_stakeholders?;
    doc.inputs = read_inputs?;
    doc.outputs = read_outputs.unwrap_or_default();
    doc.outcomes = outcomes?;
    // A proxy is in the prices the workbook holds it in: the analysis's.
    for outcome in &mut doc.outcomes {
        outcome.proxy.price_year = doc.price_year;
    }
    Some(doc)
}

/// (key in the input format, heading) of each column read; the first is the id.
const STAKEHOLDER_COLUMNS: [(&str, &str); 6] = [
    ("id", heading::ID),
    ("name", heading::STAKEHOLDER),
    ("size", heading::SIZE),
    ("engagement", heading::INVOLVED),
    ("excluded", heading::COUNTED),
    ("excluded", heading::WHY_NOT_COUNTED),
];
const INPUT_COLUMNS: [(&str, &str); 7] = [
    ("id", heading::ID),
    ("description", heading::DESCRIPTION),
    ("hours", heading::HOURS),
    ("rate", heading::RATE),
    ("amount", heading::AMOUNT),
    ("year", heading::YEAR),
    ("stakeholder", heading::CONTRIBUTED_BY),
];
const OUTPUT_COLUMNS: [(&str, &str); 5] = [
    ("id", heading::ID),
    ("description", heading::DESCRIPTION),
    ("quantity", heading::QUANTITY),
    ("unit", heading::UNIT),
    ("inputs", heading::INPUTS),
];
const OUTCOME_COLUMNS: [(&str, &str); 16] = [
    ("id", heading::OUTCOME),
    ("stakeholder", heading::STAKEHOLDER),
    ("description", heading::DESCRIPTION),
    ("quantity", heading::QUANTITY_YEAR_1),
    ("proxy/value", heading::PROXY),
    ("deadweight", heading::DEADWEIGHT),
    ("displacement", heading::DISPLACEMENT),
    ("attribution", heading::ATTRIBUTION),
    ("drop_off", heading::DROP_OFF),
    ("start", heading::FIRST_YEAR),
    ("duration", heading::YEARS),
    ("proxy/source", heading::PROXY_SOURCE),
    ("indicator", heading::INDICATOR),
    ("proxy/description", heading::PROXY_MEASURES),
    ("themes", heading::THEMES),
    ("outputs", heading::OUTPUTS),
];

/// Each row's cells, by the path of the key they give (`outcomes/#0/deadweight`
/// for the first outcome), in the order the readers read the rows; returns each row's id.
fn row_places(
    sheet: &Sheet,
    section: &str,
    columns: &[(&str, &str)],
    places: &mut Vec<(String, String)>,
) -> Vec<String> {
    let cols: Vec<Option<u32>> = columns.iter().map(|(_, heading)| sheet.column(heading)).collect();
    let Some(Some(id_col)) = cols.first().copied() else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for row in sheet.rows(Some(id_col)) {
        let id = sheet.text((row, id_col), &mut Vec::new()).unwrap_or_default();
        if section == "inputs" && id == "Total" {
            continue;
        }
        let k = ids.len();
        places.push((format!("{section}/#{k}"), format!("{} row {}", sheet.quoted, row + 1)));
        for ((key, _), col) in columns.iter().zip(&cols).skip(1) {
            if let Some(col) = col {
                places.push((format!("{section}/#{k}/{key}"), sheet.place((row, *col))));
            }
        }
        ids.push(id);
    }
    ids
}

/// The Summary's cells, by the path of the key they give.
fn summary_places(sheet: &Sheet, places: &mut Vec<(String, String)>) {
    places.push(("title".to_owned(), sheet.place((0, 0))));
    for (path, label) in [
        ("settings/discount_rate", about::DISCOUNT_RATE),
        ("settings/discount_timing", about::TIMING),
        ("settings/simulation/draws", about::DRAWS),
        ("settings/simulation/seed", about::SEED),
        ("organisation", about::ORGANISATION),
        ("area", about::AREA),
        ("kind", about::KIND),
        ("currency", about::CURRENCY),
        ("price_year", about::PRICE_YEAR),
        ("period/start", about::PERIOD_START),
        ("period/end", about::PERIOD_END),
        ("summary", about::SUMMARY),
    ] {
        if let Some(row) = sheet.labelled(label) {
            places.push((path.to_owned(), sheet.place((row, 1))));
        }
    }
}

/// The headings of `columns`, to look up with [`Sheet::columns`].
fn headings<const N: usize>(columns: [(&'static str, &'static str); N]) -> [&'static str; N] {
    columns.map(|(_, heading)| heading)
}

fn read_summary(sheet: &Sheet, errors: &mut Vec<ImportError>) -> Analysis {
    // A Summary with sroi's figures but not its About rows is from an earlier
    // sroi; one with neither is not sroi's at all. Either way, one error says so.
    let ours = sheet.labelled(about::PRESENT_VALUE).is_some();
    let layout = match (ours, sheet.labelled(about::ABOUT).is_some()) {
        (_, true) => None,
        (true, false) => {
            Some(format!("no `{}` rows: the workbook was written by an earlier sroi", about::ABOUT))
        }
        (false, _) => Some("the sheet is not in the layout `sroi report -f xlsx` writes".to_owned()),
    };
    if let Some(message) = &layout {
        errors.push(ImportError {
            place: sheet.quoted.clone(),
            message: message.clone(),
            hint: "write the workbook again from its YAML with this sroi (`sroi report FILE -f xlsx`)"
                .to_owned(),
        });
    }
    let title = sheet.text((0, 0), errors).unwrap_or_default();
    if title.is_empty() && layout.is_none() {
        errors.push(sheet.error((0, 0), "the title (cell A1) is empty", "type the analysis's title in A1"));
    }
    let value = |label: &str, errors: &mut Vec<ImportError>| match sheet.labelled(label) {
        Some(row) => Some((row, 1)),
        None if layout.is_some() => None,
        None => {
            errors.push(ImportError {
                place: sheet.quoted.clone(),
                message: format!("no row labelled `{label}` in column A"),
                hint: format!("put `{label}` back in column A with its value in column B"),
            });
            None
        }
    };
    let text = |label: &str, errors: &mut Vec<ImportError>| {
        value(label, errors).and_then(|cell| sheet.text(cell, errors)).filter(|t| !t.is_empty())
    };
    // A text longer than a cell holds runs on across the row (see `xlsx::write_long_text`).
    let long_text = |label: &str, errors: &mut Vec<ImportError>| {
        let (row, _) = value(label, errors)?;
        let parts: Vec<String> = (1..=sheet.last.1)
            .map_while(|col| match sheet.cell((row, col)) {
                Data::Empty => None,
                _ => sheet.text((row, col), errors),
            })
            .collect();
        Some(parts.concat()).filter(|t| !t.is_empty())
    };
    let discount_rate = value(about::DISCOUNT_RATE, errors).and_then(|cell| match sheet.cell(cell) {
        Data::String(s) if s.trim() == about::GREEN_BOOK => Some(Rate::GreenBook),
        Data::String(s) if s.trim().eq_ignore_ascii_case("green-book") => Some(Rate::GreenBook),
        Data::String(s) if crate::format::percent_or_number(s).is_none() => {
            errors.push(sheet.error(
                cell,
                &format!("`{s}` is not a discount rate"),
                &format!("type a rate such as 3.5%, or `{}`", about::GREEN_BOOK),
            ));
            None
        }
        _ => sheet.number(cell, errors).map(|rate| Rate::Constant(Percent(rate))),
    });
    let timings = [Timing::End, Timing::Mid, Timing::Start];
    let timing = value(about::TIMING, errors).and_then(|cell| {
        let words = sheet.text(cell, errors)?;
        let timing = timings.into_iter().find(|&t| timing_words(t) == words.trim());
        if timing.is_none() {
            let known: Vec<String> = timings.iter().map(|&t| format!("`{}`", timing_words(t))).collect();
            errors.push(sheet.error(
                cell,
                &format!("`{words}` is not a timing sroi knows"),
                &format!("write {}", known.join(", ")),
            ));
        }
        timing
    });
    let kinds = [AnalysisKind::Evaluative, AnalysisKind::Forecast];
    let kind = text(about::KIND, errors).unwrap_or_else(|| AnalysisKind::Evaluative.word().to_owned());
    if !kinds.iter().any(|k| k.word() == kind)
        && let Some(row) = sheet.labelled(about::KIND)
    {
        let known: Vec<String> = kinds.iter().map(|k| format!("`{}`", k.word())).collect();
        errors.push(sheet.error(
            (row, 1),
            &format!("`{kind}` is not a kind of analysis"),
            &format!("write {}", known.join(" or ")),
        ));
    }
    let date = |label: &str, errors: &mut Vec<ImportError>| {
        let cell = value(label, errors)?;
        let date = match sheet.cell(cell) {
            Data::DateTime(serial) => Some(date_of_serial(serial.as_f64())),
            _ => Date::parse(&sheet.text(cell, errors)?.to_string()),
        };
        if date.is_none() && !matches!(sheet.cell(cell), Data::Empty) {
            errors.push(sheet.error(cell, "not a date", "write the date as YYYY-MM-DD, e.g. 2025-04-01"));
        }
        date
    };
    let (start, end) = (date(about::PERIOD_START, errors), date(about::PERIOD_END, errors));
    let whole = |label: &str, errors: &mut Vec<ImportError>| {
        let cell = value(label, errors)?;
        sheet.whole(cell, errors)
    };
    let price_year = whole(about::PRICE_YEAR, errors);
    let draws = whole(about::DRAWS, errors);
    let seed = value(about::SEED, errors).and_then(|cell| {
        let text = sheet.text(cell, errors)?;
        let seed = text.trim().parse::<u64>().ok();
        if seed.is_none() && !text.trim().is_empty() {
            errors.push(sheet.error(cell, "the seed is not a whole number", "write a whole number, e.g. 1"));
        }
        seed
    });
    let defaults = crate::model::SimulationSettings::default();
    let (draws, seed) = (draws.unwrap_or(i64::from(defaults.draws)), seed.unwrap_or(defaults.seed));
    Analysis {
        sroi: 1,
        title,
        organisation: text(about::ORGANISATION, errors),
        // A workbook written before `area:` has no Area row: no area, not an error.
        area: sheet
            .labelled(about::AREA)
            .and_then(|row| sheet.text((row, 1), errors))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        kind,
        period: start.zip(end).map(|(start, end)| Period { start: start.to_string(), end: end.to_string() }),
        currency: text(about::CURRENCY, errors).unwrap_or_else(|| "GBP".to_owned()),
        price_year,
        summary: long_text(about::SUMMARY, errors),
        settings: Settings {
            discount_rate: discount_rate.unwrap_or(Rate::Constant(Percent(0.035))),
            discount_timing: timing.unwrap_or(Timing::End).word(),
            simulation: (draws != i64::from(defaults.draws) || seed != defaults.seed)
                .then_some(Simulation { draws, seed }),
        },
        stakeholders: Vec::new(),
        inputs: Vec::new(),
        outputs: Vec::new(),
        outcomes: Vec::new(),
    }
}

fn read_stakeholders(sheet: &Sheet, errors: &mut Vec<ImportError>) -> Vec<Stakeholder> {
    let [id, name, size, engagement, counted, why] = sheet.columns(headings(STAKEHOLDER_COLUMNS), errors);
    sheet
        .rows(id)
        .map(|row| {
            let counted = counted.and_then(|c| sheet.text((row, c), errors)).unwrap_or_default();
            let why = why.and_then(|c| sheet.text((row, c), errors)).filter(|w| !w.is_empty());
            let excluded = match counted.trim().to_lowercase().as_str() {
                "no" => Some(why.unwrap_or_else(|| "Marked as not counted in the workbook".to_owned())),
                _ => None,
            };
            Stakeholder {
                id: sheet.text((row, id.unwrap_or(0)), errors).unwrap_or_default(),
                name: name.and_then(|c| sheet.text((row, c), errors)).unwrap_or_default(),
                size: size.and_then(|c| sheet.number((row, c), errors)).map(Num),
                engagement: engagement.and_then(|c| sheet.text((row, c), errors)).filter(|t| !t.is_empty()),
                excluded,
            }
        })
        .collect()
}

fn read_inputs(sheet: &Sheet, errors: &mut Vec<ImportError>) -> Vec<Input> {
    let [id, description, hours, rate, amount, year, by] = sheet.columns(headings(INPUT_COLUMNS), errors);
    sheet
        .rows(id)
        .filter(|&row| !matches!(sheet.cell((row, id.unwrap_or(0))), Data::String(s) if s == "Total"))
        .map(|row| {
            let hours = hours.and_then(|c| sheet.number((row, c), errors));
            let rate = rate.and_then(|c| sheet.number((row, c), errors));
            // An in-kind input's amount is a formula (hours × rate): not read.
            let amount = if hours.is_some() || rate.is_some() {
                None
            } else {
                amount.and_then(|c| sheet.number((row, c), errors))
            };
            Input {
                id: sheet.text((row, id.unwrap_or(0)), errors).unwrap_or_default(),
                stakeholder: by.and_then(|c| sheet.text((row, c), errors)).filter(|t| !t.is_empty()),
                description: description.and_then(|c| sheet.text((row, c), errors)).filter(|t| !t.is_empty()),
                amount: amount.map(Num),
                hours: hours.map(Num),
                rate: rate.map(Num),
                year: year.and_then(|c| sheet.whole((row, c), errors)).filter(|&y| y != 0),
            }
        })
        .collect()
}

fn read_outputs(sheet: &Sheet, errors: &mut Vec<ImportError>) -> Vec<Output> {
    let [id, description, quantity, unit, inputs] = sheet.columns(headings(OUTPUT_COLUMNS), errors);
    sheet
        .rows(id)
        .map(|row| Output {
            id: sheet.text((row, id.unwrap_or(0)), errors).unwrap_or_default(),
            description: description.and_then(|c| sheet.text((row, c), errors)).filter(|t| !t.is_empty()),
            quantity: quantity.and_then(|c| sheet.number((row, c), errors)).map(Num),
            unit: unit.and_then(|c| sheet.text((row, c), errors)).filter(|t| !t.is_empty()),
            inputs: inputs.map(|c| sheet.list((row, c), errors)).unwrap_or_default(),
        })
        .collect()
}

fn read_outcomes(sheet: &Sheet, schedules: Option<&Sheet>, errors: &mut Vec<ImportError>) -> Vec<Outcome> {
    let [
        id,
        stakeholder,
        description,
        quantity,
        proxy,
        deadweight,
        displacement,
        attribution,
        drop_off,
        start,
        years,
        source,
        indicator,
        measures,
        themes,
        outputs,
    ] = sheet.columns(headings(OUTCOME_COLUMNS), errors);
    let scheduled: Vec<(String, Vec<f64>)> = schedules.map(|s| read_schedules(s, errors)).unwrap_or_default();
    let (value_type, excluded) = (sheet.column(heading::VALUE_TYPE), sheet.column(heading::EXCLUDED_BECAUSE));
    let ids: Vec<String> =
        sheet.rows(id).filter_map(|row| sheet.text((row, id.unwrap_or(0)), errors)).collect();
    if let Some(schedules) = schedules {
        for ((outcome, _), row) in scheduled.iter().zip(schedules.rows(Some(0))) {
            if !ids.contains(outcome) {
                errors.push(schedules.error(
                    (row, 0),
                    &format!("no outcome `{outcome}` in the Impact map"),
                    "use an id from the Impact map's Outcome column",
                ));
            }
        }
    }
    sheet
        .rows(id)
        .map(|row| {
            let text = |col: Option<u32>, errors: &mut Vec<ImportError>| {
                col.and_then(|c| sheet.text((row, c), errors)).filter(|t| !t.is_empty())
            };
            let number = |col: Option<u32>, errors: &mut Vec<ImportError>| {
                col.and_then(|c| sheet.number((row, c), errors))
            };
            let percent = |col: Option<u32>, errors: &mut Vec<ImportError>| number(col, errors).map(Percent);
            let id = text(id, errors).unwrap_or_default();
            if let Some(c) = proxy
                && matches!(sheet.cell((row, c)), Data::Empty)
            {
                errors.push(sheet.error(
                    (row, c),
                    &format!("outcome `{id}` has no financial proxy"),
                    "type the value of one unit of the outcome",
                ));
            }
            let schedule: Option<Vec<Num>> = scheduled
                .iter()
                .find(|(outcome, _)| *outcome == id)
                .map(|(_, q)| q.iter().copied().map(Num).collect());
            let constant = schedule.is_none();
            if let Some(c) = quantity
                && constant
                && sheet.formulas.get(&(row, c)).is_some_and(|f| f.contains("Schedules!"))
            {
                errors.push(sheet.error(
                    (row, c),
                    &format!("the quantity is taken from the Schedules sheet, which has no row for `{id}`"),
                    "give the outcome the same id on both sheets, or type its quantity here",
                ));
            }
            Outcome {
                stakeholder: text(stakeholder, errors).unwrap_or_default(),
                outputs: outputs.map(|c| sheet.list((row, c), errors)).unwrap_or_default(),
                description: text(description, errors).unwrap_or_default(),
                indicator: text(indicator, errors),
                // A scheduled outcome's quantity is a formula over its schedule: not read.
                quantity: if constant { number(quantity, errors).map(Num) } else { None },
                proxy: Proxy {
                    value: Num(number(proxy, errors).unwrap_or(0.0)),
                    description: text(measures, errors),
                    source: text(source, errors),
                    price_year: None,
                },
                duration: if constant { years.and_then(|c| sheet.whole((row, c), errors)) } else { None },
                start: start.and_then(|c| sheet.whole((row, c), errors)).filter(|&s| s != 1),
                deadweight: percent(deadweight, errors),
                displacement: percent(displacement, errors),
                attribution: percent(attribution, errors),
                drop_off: if constant { percent(drop_off, errors) } else { None },
                schedule,
                range: Ranges::default(),
                themes: themes.map(|c| sheet.lines((row, c), errors)).unwrap_or_default(),
                // Social is the default: left out, as a file written by hand would.
                value_type: text(value_type, errors).filter(|t| t != "social"),
                excluded: text(excluded, errors),
                id,
            }
        })
        .collect()
}

/// Each scheduled outcome's quantities, year by year, up to its first empty cell.
fn read_schedules(sheet: &Sheet, errors: &mut Vec<ImportError>) -> Vec<(String, Vec<f64>)> {
    let [id] = sheet.columns([heading::OUTCOME], errors);
    let last = sheet.last.1;
    sheet
        .rows(id)
        .map(|row| {
            let quantities = (1..=last)
                .map_while(|col| match sheet.cell((row, col)) {
                    Data::Empty => None,
                    _ => Some(sheet.number((row, col), errors).unwrap_or(0.0)),
                })
                .collect();
            (sheet.text((row, id.unwrap_or(0)), errors).unwrap_or_default(), quantities)
        })
        .collect()
}

fn read_ranges(sheet: &Sheet, outcomes: &mut [Outcome], errors: &mut Vec<ImportError>) {
    let [outcome, assumption, low, high] =
        sheet.columns([heading::OUTCOME, heading::ASSUMPTION, heading::LOW, heading::HIGH], errors);
    for row in sheet.rows(outcome) {
        let id = sheet.text((row, outcome.unwrap_or(0)), errors).unwrap_or_default();
        let key = assumption.and_then(|c| sheet.text((row, c), errors)).unwrap_or_default();
        let Some(which) = Assumption::ALL.into_iter().find(|a| a.key() == key.trim()) else {
            errors.push(sheet.error(
                (row, assumption.unwrap_or(1)),
                &format!("`{key}` is not an assumption a range can vary"),
                "write one of quantity, proxy, deadweight, displacement, attribution, drop_off, duration",
            ));
            continue;
        };
        let (Some(low), Some(high)) = (
            low.and_then(|c| sheet.number((row, c), errors)),
            high.and_then(|c| sheet.number((row, c), errors)),
        ) else {
            errors.push(sheet.error(
                (row, 2),
                "the range needs both a low and a high value",
                "fill in Low and High",
            ));
            continue;
        };
        let Some(target) = outcomes.iter_mut().find(|o| o.id == id) else {
            errors.push(sheet.error(
                (row, outcome.unwrap_or(0)),
                &format!("no outcome `{id}` in the Impact map"),
                "use an id from the Impact map's Outcome column",
            ));
            continue;
        };
        target.range.set(which, low, high);
    }
}

/// A worksheet's cells, their formulas, and the columns its heading row names.
struct Sheet {
    /// The name as a formula writes it: `Summary`, `'Impact map'`.
    quoted: String,
    /// Held sparse: a cell far down or across costs nothing.
    cells: HashMap<(u32, u32), Data>,
    formulas: HashMap<(u32, u32), String>,
    /// The last row and column with a cell.
    last: (u32, u32),
    headings: Vec<(String, u32)>,
    /// Whether a heading row with none of the headings has been reported.
    headless: std::cell::Cell<bool>,
}

impl Sheet {
    fn load(book: &mut Book, name: &str, errors: &mut Vec<ImportError>) -> Option<Option<Sheet>> {
        if !book.sheet_names().iter().any(|n| n == name) {
            return Some(None);
        }
        let quoted = if name.contains(' ') { format!("'{name}'") } else { name.to_owned() };
        let failed = |message: String| ImportError {
            place: quoted.clone(),
            message,
            hint: "open the workbook in a spreadsheet, save it as .xlsx, and import it again".to_owned(),
        };
        let mut sheet = Sheet {
            quoted: quoted.clone(),
            cells: HashMap::new(),
            formulas: HashMap::new(),
            last: (0, 0),
            headings: Vec::new(),
            headless: std::cell::Cell::new(false),
        };
        let mut reader = match book.worksheet_cells_reader(name) {
            Ok(reader) => reader,
            Err(error) => {
                errors.push(failed(format!("cannot read the sheet: {error}")));
                return None;
            }
        };
        loop {
            match reader.next_cell_with_formula() {
                Ok(Some(cell)) => {
                    if sheet.cells.len() >= MAX_CELLS {
                        errors.push(failed(format!("the sheet has more than {MAX_CELLS} cells")));
                        return None;
                    }
                    sheet.last = (sheet.last.0.max(cell.pos.0), sheet.last.1.max(cell.pos.1));
                    if let Some(formula) = cell.formula {
                        sheet.formulas.insert(cell.pos, formula);
                    }
                    sheet.cells.insert(cell.pos, Data::from(cell.value));
                }
                Ok(None) => break,
                Err(error) => {
                    errors.push(failed(format!("cannot read the sheet: {error}")));
                    return None;
                }
            }
        }
        sheet.headings = (0..=sheet.last.1)
            .filter_map(|col| match sheet.cell((0, col)) {
                Data::String(s) => Some((s.trim().to_owned(), col)),
                _ => None,
            })
            .collect();
        Some(Some(sheet))
    }

    /// A sheet the layout always has.
    fn open(book: &mut Book, name: &str, errors: &mut Vec<ImportError>) -> Option<Sheet> {
        let sheet = Sheet::load(book, name, errors)?;
        if sheet.is_none() {
            errors.push(ImportError {
                place: "the workbook".to_owned(),
                message: format!("it has no `{name}` sheet"),
                hint: "import reads the layout `sroi report -f xlsx` writes; keep its sheets and their names"
                    .to_owned(),
            });
        }
        sheet
    }

    /// A sheet the layout has only when the analysis needs it.
    fn optional(book: &mut Book, name: &str, errors: &mut Vec<ImportError>) -> Option<Sheet> {
        Sheet::load(book, name, errors).flatten()
    }

    /// The column headed `name`.
    fn column(&self, name: &str) -> Option<u32> {
        self.headings.iter().find(|(h, _)| h.eq_ignore_ascii_case(name)).map(|(_, c)| *c)
    }

    /// The columns headed `names`; a missing heading is an error.
    fn columns<const N: usize>(&self, names: [&str; N], errors: &mut Vec<ImportError>) -> [Option<u32>; N] {
        // A sheet without any of them is said once, not once a column.
        if names.iter().all(|name| self.column(name).is_none()) {
            if !self.headless.replace(true) {
                errors.push(ImportError {
                    place: self.quoted.clone(),
                    message: "row 1 has none of the column headings sroi writes".to_owned(),
                    hint: "import reads the layout `sroi report -f xlsx` writes; keep its headings in row 1"
                        .to_owned(),
                });
            }
            return [None; N];
        }
        names.map(|name| {
            let col = self.column(name);
            if col.is_none() {
                errors.push(ImportError {
                    place: self.quoted.clone(),
                    message: format!("no column headed `{name}` in row 1"),
                    hint: format!("put the heading `{name}` back above its column"),
                });
            }
            col
        })
    }

    /// Rows after the heading with something in column `id`.
    fn rows(&self, id: Option<u32>) -> impl Iterator<Item = u32> + '_ {
        (1..=self.last.0).filter(move |&row| id.is_some_and(|c| !matches!(self.cell((row, c)), Data::Empty)))
    }

    /// The row whose column A reads `label`.
    fn labelled(&self, label: &str) -> Option<u32> {
        (0..=self.last.0).find(|&row| matches!(self.cell((row, 0)), Data::String(s) if s.trim() == label))
    }

    fn cell(&self, (row, col): (u32, u32)) -> &Data {
        self.cells.get(&(row, col)).unwrap_or(&Data::Empty)
    }

    /// A cell's name, e.g. `'Impact map'!F3`.
    fn place(&self, (row, col): (u32, u32)) -> String {
        let letter = rust_xlsxwriter::column_number_to_name(u16::try_from(col).unwrap_or(u16::MAX));
        format!("{}!{letter}{}", self.quoted, row + 1)
    }

    fn error(&self, cell: (u32, u32), message: &str, hint: &str) -> ImportError {
        ImportError { place: self.place(cell), message: message.to_owned(), hint: hint.to_owned() }
    }

    /// The cell as text: numbers in their shortest exact form; empty is "".
    fn text(&self, cell: (u32, u32), errors: &mut Vec<ImportError>) -> Option<String> {
        match self.cell(cell) {
            Data::String(s) => Some(s.clone()),
            Data::Empty => Some(String::new()),
            Data::Float(x) => Some(x.to_string()),
            Data::Int(x) => Some(x.to_string()),
            Data::Bool(b) => Some(if *b { "Yes" } else { "No" }.to_owned()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
            Data::DateTime(serial) => Some(date_of_serial(serial.as_f64()).to_string()),
            Data::Error(error) => {
                errors.push(self.error(
                    cell,
                    &format!("the cell holds an error ({error})"),
                    "type the text in again",
                ));
                None
            }
        }
    }

    /// The cell as a number; `None` when empty or when it is not a number (an error).
    fn number(&self, cell: (u32, u32), errors: &mut Vec<ImportError>) -> Option<f64> {
        match self.cell(cell) {
            Data::Float(x) if x.is_finite() => Some(*x),
            Data::Int(x) => Some(*x as f64),
            Data::Empty => None,
            Data::String(s) if s.trim().is_empty() => None,
            Data::String(s) => crate::format::percent_or_number(s).or_else(|| {
                errors.push(self.error(
                    cell,
                    &format!("`{s}` is not a number"),
                    "type a number, e.g. 120 or 25%",
                ));
                None
            }),
            other => {
                errors.push(self.error(
                    cell,
                    &format!("expected a number, found {other}"),
                    "type a number, e.g. 120",
                ));
                None
            }
        }
    }

    /// The cell as a whole number.
    fn whole(&self, cell: (u32, u32), errors: &mut Vec<ImportError>) -> Option<i64> {
        let x = self.number(cell, errors)?;
        if x.fract() != 0.0 || x.abs() > 1e15 {
            errors.push(self.error(
                cell,
                &format!("{x} is not a whole number"),
                "type a whole number, e.g. 3",
            ));
            return None;
        }
        Some(x as i64)
    }

    /// The cell as a comma-separated list of ids.
    fn list(&self, cell: (u32, u32), errors: &mut Vec<ImportError>) -> Vec<String> {
        let text = self.text(cell, errors).unwrap_or_default();
        text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    }

    /// The cell as names, one per line (names may hold commas).
    fn lines(&self, cell: (u32, u32), errors: &mut Vec<ImportError>) -> Vec<String> {
        let text = self.text(cell, errors).unwrap_or_default();
        text.lines().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    }
}

/// The date of an Excel serial day number (1900 system; serial 25569 is 1970-01-01).
fn date_of_serial(serial: f64) -> Date {
    // Clamped to the days Excel can show, 1900-01-01 to 9999-12-31.
    let day = serial.clamp(1.0, 2_958_465.0).floor() as i64;
    crate::report::date::from_unix_seconds((day - 25_569) * 86_400)
}

// The analysis as the input format writes it (SPEC §1), field by field in its order.

#[derive(Serialize)]
struct Analysis {
    sroi: u32,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    organisation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<String>,
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<Period>,
    currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    price_year: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    settings: Settings,
    stakeholders: Vec<Stakeholder>,
    inputs: Vec<Input>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    outputs: Vec<Output>,
    outcomes: Vec<Outcome>,
}

#[derive(Serialize)]
struct Period {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct Settings {
    discount_rate: Rate,
    discount_timing: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    simulation: Option<Simulation>,
}

#[derive(Serialize)]
struct Simulation {
    draws: i64,
    seed: u64,
}

enum Rate {
    Constant(Percent),
    GreenBook,
}

#[derive(Serialize)]
struct Stakeholder {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    engagement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    excluded: Option<String>,
}

#[derive(Serialize)]
struct Input {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    stakeholder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rate: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i64>,
}

#[derive(Serialize)]
struct Output {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    inputs: Vec<String>,
}

#[derive(Serialize)]
struct Outcome {
    id: String,
    stakeholder: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    outputs: Vec<String>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<Num>,
    proxy: Proxy,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadweight: Option<Percent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    displacement: Option<Percent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<Percent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    drop_off: Option<Percent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule: Option<Vec<Num>>,
    #[serde(skip_serializing_if = "Ranges::is_empty")]
    range: Ranges,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    themes: Vec<String>,
    /// Optional columns (SPEC §6); workbooks written before them have neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    value_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    excluded: Option<String>,
}

#[derive(Serialize)]
struct Proxy {
    value: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price_year: Option<i64>,
}

/// `range:`, in the order SPEC §1 lists the assumptions.
#[derive(Serialize, Default)]
struct Ranges {
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<[Num; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proxy: Option<[Num; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadweight: Option<[Percent; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    displacement: Option<[Percent; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<[Percent; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    drop_off: Option<[Percent; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<[Num; 2]>,
}

impl Ranges {
    fn is_empty(&self) -> bool {
        self.quantity.is_none()
            && self.proxy.is_none()
            && self.deadweight.is_none()
            && self.displacement.is_none()
            && self.attribution.is_none()
            && self.drop_off.is_none()
            && self.duration.is_none()
    }

    fn set(&mut self, which: Assumption, low: f64, high: f64) {
        let pair = [Num(low), Num(high)];
        let percents = [Percent(low), Percent(high)];
        match which {
            Assumption::Quantity => self.quantity = Some(pair),
            Assumption::Proxy => self.proxy = Some(pair),
            Assumption::Deadweight => self.deadweight = Some(percents),
            Assumption::Displacement => self.displacement = Some(percents),
            Assumption::Attribution => self.attribution = Some(percents),
            Assumption::DropOff => self.drop_off = Some(percents),
            Assumption::Duration => self.duration = Some(pair),
        }
    }
}

/// A number, written without a decimal point when it is whole (`120`, not `120.0`).
#[derive(Clone, Copy)]
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Whole numbers below 2^53 are exactly integers.
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

/// A fraction written as the shortest percentage that reads back as exactly
/// the same number (`0.25` → `25%`, `0.035` → `3.5%`), else as the fraction.
#[derive(Clone, Copy)]
struct Percent(f64);

impl Percent {
    fn words(self) -> Option<String> {
        (0..=15).find_map(|digits| {
            let text = format!("{:.digits$}", self.0 * 100.0);
            let text =
                if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
            (text.parse::<f64>().ok()? / 100.0 == self.0).then(|| format!("{text}%"))
        })
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.words() {
            Some(words) => serializer.serialize_str(&words),
            None => serializer.serialize_f64(self.0),
        }
    }
}

impl Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Rate::Constant(percent) => percent.serialize(serializer),
            Rate::GreenBook => serializer.serialize_str("green-book"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_written_as_people_write_them_and_read_back_exactly() {
        assert_eq!(Percent(0.25).words().as_deref(), Some("25%"));
        assert_eq!(Percent(0.035).words().as_deref(), Some("3.5%"));
        assert_eq!(Percent(0.0).words().as_deref(), Some("0%"));
        assert_eq!(Percent(1.0).words().as_deref(), Some("100%"));
        // A fraction no short percentage reads back as exactly stays a fraction.
        for x in [1.0 / 3.0, 0.1 + 0.2, 0.123_456_789_012_345_67] {
            if let Some(words) = Percent(x).words() {
                let back = words.trim_end_matches('%').parse::<f64>().unwrap_or(f64::NAN) / 100.0;
                assert!(back == x, "{x} as {words}");
            }
        }
    }

    #[test]
    fn a_small_workbook_that_inflates_past_the_limit_is_refused_before_it_is_read() {
        use std::io::Write as _;
        // 33 MiB of one letter deflates to about 33 KB, and inflates past the 32 MiB part limit.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", options).expect("part");
        let block = vec![b'a'; 1024 * 1024];
        for _ in 0..33 {
            zip.write_all(&block).expect("write");
        }
        let bytes = zip.finish().expect("zip").into_inner();
        assert!(bytes.len() < 1_000_000, "the file itself is small: {}", bytes.len());
        let Err(errors) = workbook(&bytes, "bomb.xlsx") else { panic!("a workbook bomb was imported") };
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("`xl/sharedStrings.xml` inflates to"), "{}", errors[0].message);
    }

    #[test]
    fn excel_serial_days_are_calendar_dates() {
        assert_eq!(date_of_serial(45_748.0).to_string(), "2025-04-01");
        assert_eq!(date_of_serial(25_569.0).to_string(), "1970-01-01");
        assert_eq!(date_of_serial(61.0).to_string(), "1900-03-01");
    }
}
