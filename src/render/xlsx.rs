//! `sroi report -f xlsx`: the impact map as an Excel workbook whose every
//! derived figure is a live formula over the input cells.
//!
//! An assurer clicks into a cell and follows the arithmetic; changing a
//! deadweight, a proxy or the discount rate in Excel or LibreOffice
//! recalculates the ratio. Input cells are blue, as modellers mark them.
//! Every formula also carries the result sroi computed, so viewers that do not
//! recalculate still show the right numbers.
//!
//! Sheets: Summary (named cells `PresentValue`, `Investment`,
//! `NetPresentValue`, `SROIRatio`, `NetSROIRatio`, and `DiscountRate` for a
//! constant rate), Stakeholders, Inputs, Impact map (one row per outcome),
//! Values (each outcome's undiscounted value by year), Schedules (when an
//! outcome has a `schedule:`), Ranges (when an outcome has a `range:`) and
//! Years (discounting, year by year); Outputs when the analysis has any.
//!
//! The Summary's "About the analysis" rows, and the text columns at the right
//! of each sheet, carry what the figures do not (kind, period, indicators,
//! themes, links), so `sroi import` can read the workbook back into the same
//! analysis ([`crate::import`]).

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError, column_number_to_name,
};

use crate::compute::Results;
use crate::model::{Analysis, Assumption, DiscountRate, InputValue, Profile, Timing};

/// The Summary sheet's labels of what the figures do not carry, in column A,
/// each with its value in column B (read back by [`crate::import`]).
pub(crate) mod about {
    pub const ORGANISATION: &str = "Organisation";
    /// Optional: a workbook written before `area:` has no such row.
    pub const AREA: &str = "Area (ward or place)";
    pub const KIND: &str = "Kind (evaluative or forecast)";
    pub const CURRENCY: &str = "Currency";
    pub const PRICE_YEAR: &str = "Price year";
    pub const PERIOD_START: &str = "Period start";
    pub const PERIOD_END: &str = "Period end";
    pub const DRAWS: &str = "Simulation draws";
    pub const SEED: &str = "Simulation seed";
    pub const SUMMARY: &str = "Summary (Markdown)";
    /// The heading of these rows.
    pub const ABOUT: &str = "About the analysis";
    /// The label of the first figure, by which a Summary sroi wrote is known.
    pub const PRESENT_VALUE: &str = "Present value";
    pub const DISCOUNT_RATE: &str = "Discount rate";
    pub const TIMING: &str = "Values fall";
    /// What `DISCOUNT_RATE` holds for the Green Book schedule.
    pub const GREEN_BOOK: &str = "Green Book schedule (see Years)";
}

/// The names of the sheets [`crate::import`] reads.
pub(crate) mod sheet_name {
    pub const SUMMARY: &str = "Summary";
    pub const STAKEHOLDERS: &str = "Stakeholders";
    pub const INPUTS: &str = "Inputs";
    pub const IMPACT_MAP: &str = "Impact map";
    pub const OUTPUTS: &str = "Outputs";
    pub const SCHEDULES: &str = "Schedules";
    pub const RANGES: &str = "Ranges";
}

/// The column headings [`crate::import`] finds its columns by; the writer
/// uses the same constants, so the two cannot drift apart.
pub(crate) mod heading {
    pub const ID: &str = "Id";
    pub const STAKEHOLDER: &str = "Stakeholder";
    pub const SIZE: &str = "Size";
    pub const INVOLVED: &str = "How they were involved";
    pub const COUNTED: &str = "Counted (Yes/No)";
    pub const WHY_NOT_COUNTED: &str = "Why not counted";
    /// Impact map: `value_type` (SPEC §6).
    pub const VALUE_TYPE: &str = "Value type";
    /// Impact map: an outcome's own `excluded:` reason.
    pub const EXCLUDED_BECAUSE: &str = "Excluded because";
    pub const DESCRIPTION: &str = "Description";
    pub const HOURS: &str = "Hours";
    pub const RATE: &str = "Rate";
    pub const AMOUNT: &str = "Amount";
    pub const YEAR: &str = "Year";
    pub const CONTRIBUTED_BY: &str = "Contributed by (stakeholder)";
    pub const OUTCOME: &str = "Outcome";
    pub const QUANTITY_YEAR_1: &str = "Quantity (year 1)";
    pub const PROXY: &str = "Financial proxy";
    pub const DEADWEIGHT: &str = "Deadweight";
    pub const DISPLACEMENT: &str = "Displacement";
    pub const ATTRIBUTION: &str = "Attribution";
    pub const DROP_OFF: &str = "Drop-off";
    pub const FIRST_YEAR: &str = "First year";
    pub const YEARS: &str = "Years";
    pub const PROXY_SOURCE: &str = "Proxy source";
    pub const INDICATOR: &str = "Indicator";
    pub const PROXY_MEASURES: &str = "Proxy measures";
    pub const THEMES: &str = "Themes (one per line)";
    pub const OUTPUTS: &str = "Outputs (ids, comma-separated)";
    pub const QUANTITY: &str = "Quantity";
    pub const UNIT: &str = "Unit";
    pub const INPUTS: &str = "Inputs (ids, comma-separated)";
    pub const ASSUMPTION: &str = "Assumption";
    pub const LOW: &str = "Low";
    pub const HIGH: &str = "High";

    /// The Schedules sheet's heading of the `k`th year of an outcome.
    pub fn schedule_year(k: u16) -> String {
        format!("Quantity, year {k} of the outcome")
    }
}

/// How the Summary's "Values fall" row words each timing.
pub(crate) fn timing_words(timing: Timing) -> &'static str {
    match timing {
        Timing::End => "at the end of each year",
        Timing::Mid => "half-way through each year",
        Timing::Start => "at the start of each year",
    }
}

/// Whether formulas carry sroi's results for viewers that do not recalculate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cached {
    /// With results (what users get).
    Results,
    /// Without: a spreadsheet must recalculate to show anything, which is how
    /// tests prove the formulas themselves.
    Nothing,
}

/// The Summary's payback where the value of all years falls short.
const NOT_PAID_BACK: &str = "Not paid back";

struct Formats {
    header: Format,
    title: Format,
    input_money: Format,
    input_number: Format,
    input_percent: Format,
    input_text: Format,
    money: Format,
    money_bold: Format,
    number: Format,
    factor: Format,
    percent: Format,
    ratio: Format,
    months: Format,
    year: Format,
    text: Format,
    bold: Format,
    /// The Summary's Markdown summary: wrapped, so it prints whole.
    input_wrapped: Format,
}

impl Formats {
    fn new(currency: &str) -> Formats {
        let money = crate::format::spreadsheet_money(currency);
        let blue = Color::RGB(0x0000_66CC);
        let input = |f: Format| f.set_font_color(blue);
        Formats {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Bottom),
            title: Format::new().set_bold().set_font_size(14),
            input_money: input(Format::new().set_num_format(&money)),
            input_number: input(Format::new()),
            input_percent: input(Format::new().set_num_format("0.0%")),
            input_text: input(Format::new()),
            money: Format::new().set_num_format(&money),
            money_bold: Format::new().set_num_format(&money).set_bold(),
            number: Format::new(),
            factor: Format::new().set_num_format("0.000000"),
            percent: Format::new().set_num_format("0.0%"),
            ratio: Format::new().set_num_format("0.00\" : 1\"").set_bold(),
            months: Format::new().set_num_format("0.0\" months\""),
            year: Format::new().set_num_format("\"Year \"0").set_bold().set_border_bottom(FormatBorder::Thin),
            // Not wrapped: spreadsheets do not grow rows to fit wrapped text they did not type.
            text: Format::new(),
            bold: Format::new().set_bold(),
            input_wrapped: input(Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top)),
        }
    }
}

/// The width of the Summary's column B, which holds the wrapped summary.
const SUMMARY_WIDTH: f64 = 60.0;

/// Builds formulas with or without cached results.
struct Writer {
    cached: Cached,
}

impl Writer {
    fn formula(&self, text: String, result: f64) -> Formula {
        let formula = Formula::new(text);
        match self.cached {
            Cached::Results => formula.set_result(result.to_string()),
            Cached::Nothing => formula,
        }
    }

    /// A formula whose result may be a number or, where none exists, a text.
    fn put_or_text(
        &self,
        sheet: &mut Worksheet,
        (row, col): (u32, u16),
        text: String,
        result: Option<f64>,
        otherwise: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let formula = Formula::new(text);
        let formula = match (self.cached, result) {
            (Cached::Results, Some(result)) => formula.set_result(result.to_string()),
            (Cached::Results, None) => formula.set_result(otherwise),
            (Cached::Nothing, _) => formula,
        };
        sheet.write_formula_with_format(row, col, formula, format)?;
        Ok(())
    }

    fn put(
        &self,
        sheet: &mut Worksheet,
        (row, col): (u32, u16),
        text: String,
        result: f64,
        format: &Format,
    ) -> Result<(), XlsxError> {
        sheet.write_formula_with_format(row, col, self.formula(text, result), format)?;
        Ok(())
    }
}

fn header(sheet: &mut Worksheet, titles: &[(&str, f64)], format: &Format) -> Result<(), XlsxError> {
    for (col, (title, width)) in (0u16..).zip(titles) {
        sheet.write_string_with_format(0, col, *title, format)?;
        sheet.set_column_width(col, *width)?;
    }
    // Room for two-line headers.
    sheet.set_row_height(0, 30)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A cell holds at most 32,767 characters (UTF-16 units): a longer text
/// runs on into the cells to its right, 16,000 characters to a cell.
pub(crate) fn write_long_text(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        sheet.write_string_with_format(row, col, "", format)?;
    }
    for (i, chunk) in (0u16..).zip(chars.chunks(16_000)) {
        sheet.write_string_with_format(row, col + i, chunk.iter().collect::<String>(), format)?;
    }
    Ok(())
}

/// What a cell of an input kind takes, checked where it is typed: Excel and
/// LibreOffice show the message on entering the cell and refuse other values,
/// as `sroi import` would.
#[derive(Clone, Copy)]
enum Takes {
    /// 0% to 100% (stored as a fraction 0..1).
    Percentage,
    /// A number not below zero.
    Quantity,
}

impl Takes {
    fn validation(self) -> Result<DataValidation, XlsxError> {
        let (rule, title, message) = match self {
            Takes::Percentage => (
                DataValidationRule::Between(0.0, 1.0),
                "A percentage",
                "A percentage from 0% to 100%, such as 25% (type the % sign).",
            ),
            Takes::Quantity => (
                DataValidationRule::GreaterThanOrEqualTo(0.0),
                "A quantity",
                "How many: a number not below zero, such as 40.",
            ),
        };
        DataValidation::new()
            .allow_decimal_number(rule)
            .set_input_title(title)?
            .set_input_message(message)?
            .set_error_title(title)?
            .set_error_message(message)
            .map(|v| v.set_error_style(DataValidationErrorStyle::Stop))
    }
}

/// Checks the cells `first..=last` (row, column) against what they take.
fn validate(
    sheet: &mut Worksheet,
    first: (u32, u16),
    last: (u32, u16),
    takes: Takes,
) -> Result<(), XlsxError> {
    if last.0 >= first.0 && last.1 >= first.1 {
        sheet.add_data_validation(first.0, first.1, last.0, last.1, &takes.validation()?)?;
    }
    Ok(())
}

/// Every sheet prints landscape, one page wide, with its heading rows
/// repeated at the top of each page.
fn set_up_printing(book: &mut Workbook) -> Result<(), XlsxError> {
    for sheet in book.worksheets_mut() {
        // A4 (paper size 9), as UK councils print; otherwise the reader's locale decides.
        sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
        match sheet.name().as_str() {
            // Top and bottom margins of 0.55 inch (Excel's are 0.75), so the
            // About rows and the summary's paragraph stay on one landscape page.
            sheet_name::SUMMARY => {
                sheet.set_margins(0.7, 0.7, 0.55, 0.55, 0.3, 0.3);
            }
            // The year numbers and the discount factors.
            "Values" => {
                sheet.set_repeat_rows(0, 1)?;
            }
            _ => {
                sheet.set_repeat_rows(0, 0)?;
            }
        }
    }
    Ok(())
}

/// A row tall enough for `text` wrapped in a column `width` characters wide,
/// within the 409 points a row may have.
fn wrapped_height(text: &str, width: f64) -> f64 {
    let per_line = width.max(1.0);
    let lines: f64 = text
        .lines()
        .map(|line| (line.chars().count() as f64 / per_line).ceil().max(1.0))
        .sum::<f64>()
        .max(1.0);
    (lines * 15.0).min(409.0)
}

/// `col` as a letter, e.g. 0 → `A`.
fn col(col: u16) -> String {
    column_number_to_name(col)
}

/// Outcomes above which the sheets are written row by row to temporary
/// files (rust_xlsxwriter's "low memory" mode) instead of held cell by cell:
/// about 8 KB a row held (the workbook of 20,000 outcomes alone took 368 MB
/// held, 193 MB row by row). The cells are the same
/// (a test reads both back); the XML leaves out the rows' optional `spans`.
pub const ROW_BY_ROW_FROM: usize = 1_000;

/// The workbook's bytes.
pub fn render(
    analysis: &Analysis,
    results: &Results,
    cached: Cached,
    created: i64,
) -> Result<Vec<u8>, XlsxError> {
    let mut bytes = Vec::new();
    render_in(analysis, results, cached, created, analysis.outcomes.len() > ROW_BY_ROW_FROM, &mut bytes)?;
    Ok(bytes)
}

/// Why a workbook could not be written where it was going.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// The workbook could not be made (rust_xlsxwriter says why: a cell,
    /// or its own temporary files).
    #[error(transparent)]
    Make(XlsxError),
    /// Its file could not be written.
    #[error(transparent)]
    Write(#[from] std::io::Error),
}

/// Writes the workbook into `out` as it is zipped (the same bytes as
/// [`render`], never held whole); a failure to write `out` is told from
/// the workbook's own.
pub fn write(
    analysis: &Analysis,
    results: &Results,
    cached: Cached,
    created: i64,
    out: &mut (dyn std::io::Write + Send),
) -> Result<(), WorkbookError> {
    // rust_xlsxwriter wraps the writer's error as its own: it is kept here.
    let mut out = crate::output::Kept::new(out);
    let row_by_row = analysis.outcomes.len() > ROW_BY_ROW_FROM;
    match (render_in(analysis, results, cached, created, row_by_row, &mut out), out.error) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(error)) => Err(WorkbookError::Write(error)),
        (Err(error), None) => Err(WorkbookError::Make(error)),
    }
}

/// A new sheet named `name`: held in memory, or written row by row (each
/// row must then be written whole before the next, in order).
fn new_sheet<'b>(
    book: &'b mut Workbook,
    name: &str,
    row_by_row: bool,
) -> Result<&'b mut Worksheet, XlsxError> {
    let sheet = if row_by_row { book.add_worksheet_with_low_memory()? } else { book.add_worksheet() };
    sheet.set_name(name)
}

/// The workbook, its sheets written row by row or not, written into `out`.
fn render_in(
    analysis: &Analysis,
    results: &Results,
    cached: Cached,
    created: i64,
    row_by_row: bool,
    out: impl std::io::Write + Send,
) -> Result<(), XlsxError> {
    let f = Formats::new(&analysis.currency);
    let w = Writer { cached };
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_timestamp(created)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&analysis.title)
            .set_author(analysis.organisation.as_deref().unwrap_or(""))
            .set_comment(format!("Made with sroi {}", env!("CARGO_PKG_VERSION")))
            .set_creation_datetime(&created),
    );
    let horizon = u16::try_from(results.years.len()).unwrap_or(u16::MAX).min(16_000);
    let outcomes = u32::try_from(analysis.outcomes.len()).unwrap_or(u32::MAX);
    let inputs = u32::try_from(analysis.inputs.len()).unwrap_or(u32::MAX);
    let stakeholder_row = |index: usize| index as u32 + 2;
    let map_row = |index: u32| index + 2;
    let values_row = |index: u32| index + 3;
    let values_total_row = outcomes + 3;
    let year_col = |t: u16| 2 + t - 1; // Values: year t in column C onwards.
    let last_year_col = col(year_col(horizon.max(1)));
    let years_row = |t: u32| t + 2; // Years: year 0 on row 2.
    let inputs_total_row = inputs + 2;
    let schedules: Vec<usize> = analysis
        .outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| matches!(o.profile, Profile::Schedule(_)))
        .map(|(i, _)| i)
        .collect();
    // The Schedules sheet's row of each outcome with a schedule.
    let mut schedule_row = vec![0u32; analysis.outcomes.len()];
    for (row, &i) in (2u32..).zip(&schedules) {
        schedule_row[i] = row;
    }

    // Summary.
    // Always held: a few cells, and its last row's height would be written
    // twice row by row (rust_xlsxwriter 0.102 repeats a last row with options).
    let summary = new_sheet(&mut book, sheet_name::SUMMARY, false)?;
    summary.set_column_width(0, 28)?;
    // Wide enough for the summary's text to wrap into a readable paragraph.
    summary.set_column_width(1, SUMMARY_WIDTH)?;
    summary.write_string_with_format(0, 0, &analysis.title, &f.title)?;
    summary.write_string(1, 0, "Blue cells are inputs; every other figure is a formula over them.")?;
    summary.write_string_with_format(3, 0, about::DISCOUNT_RATE, &f.bold)?;
    match analysis.settings.discount_rate {
        DiscountRate::Constant(rate) => {
            summary.write_number_with_format(3, 1, rate, &f.input_percent)?;
        }
        DiscountRate::GreenBook => {
            summary.write_string(3, 1, about::GREEN_BOOK)?;
        }
    }
    summary.write_string_with_format(4, 0, about::TIMING, &f.bold)?;
    summary.write_string(4, 1, timing_words(analysis.settings.discount_timing))?;
    let figures = [
        (
            about::PRESENT_VALUE,
            format!("=SUM('Impact map'!O2:O{})", outcomes + 1),
            results.present_value,
            &f.money_bold,
        ),
        ("Investment", format!("=Inputs!H{inputs_total_row}"), results.investment, &f.money_bold),
        ("Net present value", "=B6-B7".to_owned(), results.net_present_value, &f.money_bold),
        ("SROI ratio", "=B6/B7".to_owned(), results.sroi_ratio, &f.ratio),
        ("Net SROI ratio", "=B8/B7".to_owned(), results.net_sroi_ratio, &f.ratio),
    ];
    for (row, (label, formula, result, format)) in (5u32..).zip(figures) {
        summary.write_string_with_format(row, 0, label, &f.bold)?;
        w.put(summary, (row, 1), formula, result, format)?;
    }
    // Payback (SPEC §2): the first month the Years sheet's cumulative present
    // value reaches the investment; and the Guide's simple formula.
    let last_year = years_row(u32::from(horizon));
    summary.write_string_with_format(10, 0, "Payback", &f.bold)?;
    w.put_or_text(
        summary,
        (10, 1),
        format!("=IF(COUNT(Years!H3:H{last_year})=0,\"{NOT_PAID_BACK}\",MIN(Years!H3:H{last_year}))"),
        results.payback_months,
        NOT_PAID_BACK,
        &f.months,
    )?;
    summary.write_string_with_format(11, 0, "Payback, Guide's formula", &f.bold)?;
    w.put_or_text(
        summary,
        (11, 1),
        "=IF(Years!E3>0,B7/(Years!E3/12),\"none\")".to_owned(),
        results.guide_payback_months,
        "none",
        &f.months,
    )?;
    // Present value by type (SPEC §6): the Impact map's present values summed by its Value type column.
    let split = crate::compute::assurance::value_types(analysis, results);
    for ((row, t), value) in (12u32..).zip(crate::model::ValueType::ALL).zip(split) {
        let word = t.word();
        let label = format!("{}{} value", word[..1].to_uppercase(), &word[1..]);
        summary.write_string_with_format(row, 0, label, &f.bold)?;
        let formula = format!("=SUMIF('Impact map'!U2:U{0},\"{word}\",'Impact map'!O2:O{0})", outcomes + 1);
        w.put(summary, (row, 1), formula, value, &f.money)?;
    }
    summary.write_string_with_format(15, 0, about::ABOUT, &f.bold)?;
    let period = |date: fn(&crate::model::Period) -> crate::model::Date| {
        analysis.period.as_ref().map(|p| date(p).to_string()).unwrap_or_default()
    };
    let simulation = analysis.settings.simulation;
    let rows: [(&str, Option<f64>, String); 9] = [
        (about::ORGANISATION, None, analysis.organisation.clone().unwrap_or_default()),
        (about::AREA, None, analysis.area.clone().unwrap_or_default()),
        (about::KIND, None, analysis.kind.word().to_owned()),
        (about::CURRENCY, None, analysis.currency.clone()),
        (about::PRICE_YEAR, analysis.price_year.map(f64::from), String::new()),
        (about::PERIOD_START, None, period(|p| p.start)),
        (about::PERIOD_END, None, period(|p| p.end)),
        (about::DRAWS, Some(f64::from(simulation.draws)), String::new()),
        // Seeds above 2^53 do not survive a spreadsheet's numbers: they are text.
        (about::SEED, None, simulation.seed.to_string()),
    ];
    let mut row = 16u32;
    for (label, number, text) in rows {
        summary.write_string_with_format(row, 0, label, &f.bold)?;
        match number {
            Some(number) => summary.write_number_with_format(row, 1, number, &f.input_number)?,
            None => summary.write_string_with_format(row, 1, text, &f.input_text)?,
        };
        row += 1;
    }
    summary.write_string_with_format(row, 0, about::SUMMARY, &f.bold)?;
    let text = analysis.summary.as_deref().unwrap_or("");
    write_long_text(summary, (row, 1), text, &f.input_wrapped)?;
    summary.set_row_height(row, wrapped_height(text, SUMMARY_WIDTH))?;
    match analysis.settings.discount_rate {
        DiscountRate::Constant(_) => validate(summary, (3, 1), (3, 1), Takes::Percentage)?,
        DiscountRate::GreenBook => {}
    }

    // Stakeholders.
    let sheet = new_sheet(&mut book, sheet_name::STAKEHOLDERS, row_by_row)?;
    header(
        sheet,
        &[
            (heading::ID, 18.0),
            (heading::STAKEHOLDER, 34.0),
            (heading::SIZE, 10.0),
            (heading::INVOLVED, 40.0),
            (heading::COUNTED, 12.0),
            ("Present value", 16.0),
            (heading::WHY_NOT_COUNTED, 40.0),
        ],
        &f.header,
    )?;
    for (i, (s, r)) in analysis.stakeholders.iter().zip(&results.stakeholders).enumerate() {
        let row = stakeholder_row(i) - 1;
        sheet.write_string(row, 0, &s.id)?;
        sheet.write_string_with_format(row, 1, &s.name, &f.text)?;
        if let Some(size) = s.size {
            sheet.write_number_with_format(row, 2, size, &f.number)?;
        }
        sheet.write_string_with_format(row, 3, s.engagement.as_deref().unwrap_or(""), &f.text)?;
        sheet.write_string_with_format(row, 4, if s.is_excluded() { "No" } else { "Yes" }, &f.input_text)?;
        let formula = format!(
            "=SUMIF('Impact map'!$B$2:$B${},A{},'Impact map'!$O$2:$O${})",
            outcomes + 1,
            row + 1,
            outcomes + 1
        );
        w.put(sheet, (row, 5), formula, r.present_value, &f.money)?;
        sheet.write_string_with_format(row, 6, s.excluded.as_deref().unwrap_or(""), &f.input_text)?;
    }

    // Inputs.
    let sheet = new_sheet(&mut book, sheet_name::INPUTS, row_by_row)?;
    header(
        sheet,
        &[
            (heading::ID, 18.0),
            (heading::DESCRIPTION, 34.0),
            (heading::HOURS, 10.0),
            (heading::RATE, 12.0),
            (heading::AMOUNT, 16.0),
            (heading::YEAR, 8.0),
            ("Discount factor", 14.0),
            ("Present value", 16.0),
            (heading::CONTRIBUTED_BY, 18.0),
        ],
        &f.header,
    )?;
    for (i, (input, r)) in (0u32..).zip(analysis.inputs.iter().zip(&results.inputs)) {
        let row = i + 1;
        let r1 = row + 1;
        sheet.write_string(row, 0, &input.id)?;
        sheet.write_string_with_format(row, 1, input.description.as_deref().unwrap_or(""), &f.text)?;
        match input.value {
            InputValue::Amount(amount) => {
                sheet.write_number_with_format(row, 4, amount, &f.input_money)?;
            }
            InputValue::Time { hours, rate } => {
                sheet.write_number_with_format(row, 2, hours, &f.input_number)?;
                sheet.write_number_with_format(row, 3, rate, &f.input_money)?;
                w.put(sheet, (row, 4), format!("=C{r1}*D{r1}"), r.amount, &f.money)?;
            }
        }
        sheet.write_number_with_format(row, 5, f64::from(input.year), &f.input_number)?;
        let factor = r.present_value / r.amount;
        let factor = if factor.is_finite() { factor } else { 1.0 };
        let formula = format!("=INDEX(Years!$D$2:$D${},F{r1}+1)", years_row(u32::from(horizon)));
        w.put(sheet, (row, 6), formula, factor, &f.factor)?;
        w.put(sheet, (row, 7), format!("=E{r1}*G{r1}"), r.present_value, &f.money)?;
        if let Some(s) = input.stakeholder {
            sheet.write_string(row, 8, &analysis.stakeholders[s].id)?;
        }
    }
    sheet.write_string_with_format(inputs_total_row - 1, 0, "Total", &f.bold)?;
    w.put(
        sheet,
        (inputs_total_row - 1, 7),
        format!("=SUM(H2:H{})", inputs_total_row - 1),
        results.investment,
        &f.money_bold,
    )?;

    // Impact map.
    let sheet = new_sheet(&mut book, sheet_name::IMPACT_MAP, row_by_row)?;
    header(
        sheet,
        &[
            (heading::OUTCOME, 18.0),
            (heading::STAKEHOLDER, 18.0),
            (heading::DESCRIPTION, 36.0),
            (heading::QUANTITY_YEAR_1, 11.0),
            (heading::PROXY, 14.0),
            (heading::DEADWEIGHT, 11.0),
            (heading::DISPLACEMENT, 12.0),
            (heading::ATTRIBUTION, 11.0),
            (heading::DROP_OFF, 10.0),
            (heading::FIRST_YEAR, 9.0),
            (heading::YEARS, 8.0),
            ("Counted (1/0)", 10.0),
            ("Gross value", 16.0),
            ("Impact (year 1)", 16.0),
            ("Present value", 16.0),
            (heading::PROXY_SOURCE, 40.0),
            (heading::INDICATOR, 40.0),
            (heading::PROXY_MEASURES, 30.0),
            (heading::THEMES, 20.0),
            (heading::OUTPUTS, 20.0),
            (heading::VALUE_TYPE, 10.0),
            (heading::EXCLUDED_BECAUSE, 30.0),
        ],
        &f.header,
    )?;
    // One column of evidence for each assumption (SPEC §6), after the rest.
    for (col, what) in (22u16..).zip(crate::model::EVIDENCE_KEYS) {
        let title = format!("Evidence: {}", what.replace('_', "-"));
        sheet.write_string_with_format(0, col, title, &f.header)?;
        sheet.set_column_width(col, 30)?;
    }
    for (i, (o, r)) in (0u32..).zip(analysis.outcomes.iter().zip(&results.outcomes)) {
        let row = map_row(i) - 1;
        let r1 = row + 1;
        sheet.write_string(row, 0, &o.id)?;
        sheet.write_string(row, 1, &analysis.stakeholders[o.stakeholder].id)?;
        sheet.write_string_with_format(row, 2, &o.description, &f.text)?;
        match &o.profile {
            Profile::Constant { quantity, drop_off, .. } => {
                sheet.write_number_with_format(row, 3, *quantity, &f.input_number)?;
                sheet.write_number_with_format(row, 8, *drop_off, &f.input_percent)?;
            }
            Profile::Schedule(quantities) => {
                let first = quantities.first().copied().unwrap_or(0.0);
                w.put(
                    sheet,
                    (row, 3),
                    format!("=Schedules!B{}", schedule_row[i as usize]),
                    first,
                    &f.number,
                )?;
            }
        }
        sheet.write_number_with_format(row, 4, o.proxy.value, &f.input_money)?;
        sheet.write_number_with_format(row, 5, o.deadweight, &f.input_percent)?;
        sheet.write_number_with_format(row, 6, o.displacement, &f.input_percent)?;
        sheet.write_number_with_format(row, 7, o.attribution, &f.input_percent)?;
        sheet.write_number_with_format(row, 9, f64::from(o.start), &f.input_number)?;
        sheet.write_number_with_format(row, 10, f64::from(o.profile.years()), &f.input_number)?;
        // Not counted when the group is excluded or the outcome has a reason to be left out.
        let counted =
            format!("=IF(OR(Stakeholders!E{}=\"No\",LEN(V{r1})>0),0,1)", stakeholder_row(o.stakeholder));
        w.put(sheet, (row, 11), counted, if r.excluded { 0.0 } else { 1.0 }, &f.number)?;
        w.put(sheet, (row, 12), format!("=D{r1}*E{r1}"), r.gross_value, &f.money)?;
        w.put(sheet, (row, 13), format!("=M{r1}*(1-F{r1})*(1-G{r1})*(1-H{r1})"), r.impact, &f.money)?;
        let v = values_row(i);
        let pv = format!("=SUMPRODUCT(Values!C{v}:{last_year_col}{v},Values!$C$2:${last_year_col}$2)");
        w.put(sheet, (row, 14), pv, r.present_value, &f.money)?;
        sheet.write_string_with_format(row, 15, o.proxy.source.as_deref().unwrap_or(""), &f.text)?;
        sheet.write_string_with_format(row, 16, o.indicator.as_deref().unwrap_or(""), &f.text)?;
        sheet.write_string_with_format(row, 17, o.proxy.description.as_deref().unwrap_or(""), &f.text)?;
        sheet.write_string(row, 18, o.themes.join("\n"))?;
        let outputs: Vec<&str> = o.outputs.iter().map(|&k| analysis.outputs[k].id.as_str()).collect();
        sheet.write_string(row, 19, outputs.join(", "))?;
        sheet.write_string(row, 20, o.value_type.word())?;
        sheet.write_string_with_format(row, 21, o.excluded.as_deref().unwrap_or(""), &f.input_text)?;
        for (col, what) in (22u16..).zip(crate::model::EVIDENCE_KEYS) {
            if let Some(e) = o.evidence_for(what) {
                sheet.write_string_with_format(
                    row,
                    col,
                    crate::report::assurance::evidence_text(e),
                    &f.text,
                )?;
            }
        }
    }

    // Quantity (year 1), then deadweight, displacement, attribution and drop-off.
    validate(sheet, (1, 3), (outcomes, 3), Takes::Quantity)?;
    validate(sheet, (1, 5), (outcomes, 8), Takes::Percentage)?;

    // Outputs.
    if !analysis.outputs.is_empty() {
        let sheet = new_sheet(&mut book, sheet_name::OUTPUTS, row_by_row)?;
        header(
            sheet,
            &[
                (heading::ID, 18.0),
                (heading::DESCRIPTION, 36.0),
                (heading::QUANTITY, 10.0),
                (heading::UNIT, 16.0),
                (heading::INPUTS, 24.0),
            ],
            &f.header,
        )?;
        for (row, output) in (1u32..).zip(&analysis.outputs) {
            sheet.write_string(row, 0, &output.id)?;
            sheet.write_string_with_format(row, 1, output.description.as_deref().unwrap_or(""), &f.text)?;
            if let Some(quantity) = output.quantity {
                sheet.write_number_with_format(row, 2, quantity, &f.input_number)?;
            }
            sheet.write_string(row, 3, output.unit.as_deref().unwrap_or(""))?;
            let inputs: Vec<&str> = output.inputs.iter().map(|&k| analysis.inputs[k].id.as_str()).collect();
            sheet.write_string(row, 4, inputs.join(", "))?;
        }
        let last = u32::try_from(analysis.outputs.len()).unwrap_or(u32::MAX);
        validate(sheet, (1, 2), (last, 2), Takes::Quantity)?;
    }

    // Values.
    let sheet = new_sheet(&mut book, "Values", row_by_row)?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 18)?;
    sheet.write_string_with_format(0, 0, heading::OUTCOME, &f.header)?;
    sheet.write_string_with_format(0, 1, heading::STAKEHOLDER, &f.header)?;
    // Row by row: the years' numbers, then their discount factors.
    for t in 1u16..=horizon {
        let c = year_col(t);
        sheet.set_column_width(c, 14)?;
        sheet.write_number_with_format(0, c, f64::from(t), &f.year)?;
    }
    sheet.write_string_with_format(1, 0, "Discount factor", &f.bold)?;
    for (t, year) in (1u16..=horizon).zip(&results.years) {
        let c = year_col(t);
        w.put(
            sheet,
            (1, c),
            format!("=Years!D{}", years_row(u32::from(t))),
            year.discount_factor,
            &f.factor,
        )?;
    }
    sheet.set_freeze_panes(2, 2)?;
    for (i, (o, r)) in (0u32..).zip(analysis.outcomes.iter().zip(&results.outcomes)) {
        let row = values_row(i) - 1;
        let m = map_row(i);
        sheet.write_string(row, 0, &o.id)?;
        sheet.write_string(row, 1, &analysis.stakeholders[o.stakeholder].id)?;
        for t in 1u16..=horizon {
            let c = year_col(t);
            let cached = r.values.get(usize::from(t) - 1).copied().unwrap_or(0.0);
            let here = col(c);
            let formula = match &o.profile {
                Profile::Constant { .. } => format!(
                    "=IF(AND({here}$1>='Impact map'!$J{m},{here}$1<'Impact map'!$J{m}+'Impact map'!$K{m}),\
                     'Impact map'!$N{m}*(1-'Impact map'!$I{m})^({here}$1-'Impact map'!$J{m}),0)*'Impact map'!$L{m}"
                ),
                Profile::Schedule(quantities) => {
                    let k = i64::from(t) - i64::from(o.start);
                    match usize::try_from(k).ok().filter(|k| *k < quantities.len()) {
                        Some(k) => {
                            let s = schedule_row[i as usize];
                            let q = col(1 + u16::try_from(k).unwrap_or(0));
                            format!(
                                "=Schedules!{q}{s}*'Impact map'!$E{m}*(1-'Impact map'!$F{m})*(1-'Impact map'!$G{m})\
                                 *(1-'Impact map'!$H{m})*'Impact map'!$L{m}"
                            )
                        }
                        None => {
                            sheet.write_number_with_format(row, c, 0.0, &f.money)?;
                            continue;
                        }
                    }
                }
            };
            w.put(sheet, (row, c), formula, cached, &f.money)?;
        }
    }
    sheet.write_string_with_format(values_total_row - 1, 0, "Total", &f.bold)?;
    for (t, year) in (1u16..=horizon).zip(&results.years) {
        let here = col(year_col(t));
        let formula = format!("=SUM({here}3:{here}{})", values_total_row - 1);
        w.put(sheet, (values_total_row - 1, year_col(t)), formula, year.value, &f.money_bold)?;
    }

    // Schedules.
    if !schedules.is_empty() {
        let sheet = new_sheet(&mut book, sheet_name::SCHEDULES, row_by_row)?;
        sheet.set_column_width(0, 22)?;
        sheet.write_string_with_format(0, 0, heading::OUTCOME, &f.header)?;
        let longest = schedules
            .iter()
            .map(|&i| analysis.outcomes[i].profile.years())
            .max()
            .map_or(0, |n| u16::try_from(n).unwrap_or(u16::MAX));
        for k in 1..=longest {
            sheet.write_string_with_format(0, k, heading::schedule_year(k), &f.header)?;
            sheet.set_column_width(k, 14)?;
        }
        sheet.set_freeze_panes(1, 1)?;
        for (row, &i) in (1u32..).zip(&schedules) {
            let o = &analysis.outcomes[i];
            sheet.write_string(row, 0, &o.id)?;
            if let Profile::Schedule(quantities) = &o.profile {
                for (k, q) in (1u16..).zip(quantities) {
                    sheet.write_number_with_format(row, k, *q, &f.input_number)?;
                }
            }
        }
        let last = u32::try_from(schedules.len()).unwrap_or(u32::MAX);
        validate(sheet, (1, 1), (last, longest), Takes::Quantity)?;
    }

    // Ranges.
    if analysis.outcomes.iter().any(|o| !o.ranges.is_empty()) {
        let sheet = new_sheet(&mut book, sheet_name::RANGES, row_by_row)?;
        header(
            sheet,
            &[
                (heading::OUTCOME, 18.0),
                (heading::ASSUMPTION, 14.0),
                (heading::LOW, 14.0),
                (heading::HIGH, 14.0),
            ],
            &f.header,
        )?;
        let ranges = analysis.outcomes.iter().flat_map(|o| o.ranges.iter().map(move |r| (o, r)));
        for (row, (o, range)) in (1u32..).zip(ranges) {
            sheet.write_string(row, 0, &o.id)?;
            sheet.write_string(row, 1, range.assumption.key())?;
            let format = match range.assumption {
                a if a.is_percentage() => &f.input_percent,
                Assumption::Proxy => &f.input_money,
                _ => &f.input_number,
            };
            sheet.write_number_with_format(row, 2, range.low, format)?;
            sheet.write_number_with_format(row, 3, range.high, format)?;
            match range.assumption {
                a if a.is_percentage() => validate(sheet, (row, 2), (row, 3), Takes::Percentage)?,
                Assumption::Quantity => validate(sheet, (row, 2), (row, 3), Takes::Quantity)?,
                _ => {}
            }
        }
    }

    // Years.
    let sheet = new_sheet(&mut book, "Years", row_by_row)?;
    header(
        sheet,
        &[
            ("Year", 8.0),
            ("Discount rate", 12.0),
            ("Cumulative factor", 14.0),
            ("Discount factor applied", 14.0),
            ("Value", 16.0),
            ("Present value", 16.0),
            ("Cumulative present value", 16.0),
            ("Payback month", 12.0),
        ],
        &f.header,
    )?;
    sheet.write_number(1, 0, 0.0)?;
    sheet.write_number_with_format(1, 6, 0.0, &f.money)?;
    let mut cumulative_value = 0.0;
    sheet.write_number_with_format(1, 2, 1.0, &f.factor)?;
    sheet.write_number_with_format(1, 3, 1.0, &f.factor)?;
    let mut cumulative = 1.0;
    for (t, year) in (1u32..).zip(&results.years) {
        let row = years_row(t) - 1;
        let (r1, prev) = (row + 1, row);
        let rate = analysis.settings.discount_rate.rate(t);
        cumulative /= 1.0 + rate;
        sheet.write_number(row, 0, f64::from(t))?;
        match analysis.settings.discount_rate {
            DiscountRate::Constant(_) => {
                w.put(sheet, (row, 1), "=DiscountRate".to_owned(), rate, &f.percent)?
            }
            DiscountRate::GreenBook => {
                sheet.write_number_with_format(row, 1, rate, &f.input_percent)?;
                validate(sheet, (row, 1), (row, 1), Takes::Percentage)?;
            }
        }
        w.put(sheet, (row, 2), format!("=C{prev}/(1+B{r1})"), cumulative, &f.factor)?;
        let applied = match analysis.settings.discount_timing {
            Timing::End => format!("=C{r1}"),
            Timing::Mid => format!("=C{prev}/(1+B{r1})^0.5"),
            Timing::Start => format!("=C{prev}"),
        };
        w.put(sheet, (row, 3), applied, year.discount_factor, &f.factor)?;
        let here = col(year_col(u16::try_from(t).unwrap_or(u16::MAX)));
        w.put(sheet, (row, 4), format!("=Values!{here}{values_total_row}"), year.value, &f.money)?;
        w.put(sheet, (row, 5), format!("=E{r1}*D{r1}"), year.present_value, &f.money)?;
        let before = cumulative_value;
        cumulative_value += year.present_value;
        w.put(sheet, (row, 6), format!("=G{prev}+F{r1}"), cumulative_value, &f.money)?;
        // The year the running total first reaches the investment holds the month.
        let crosses = before < results.investment && cumulative_value >= results.investment;
        let month = crosses
            .then(|| 12.0 * f64::from(t - 1) + 12.0 * (results.investment - before) / year.present_value);
        w.put_or_text(
            sheet,
            (row, 7),
            format!(
                "=IF(AND(G{prev}<Investment,G{r1}>=Investment,F{r1}>0),12*(A{r1}-1)+12*(Investment-G{prev})/F{r1},\"\")"
            ),
            month,
            "",
            &f.months,
        )?;
    }
    let total = years_row(u32::from(horizon)) + 1;
    sheet.write_string_with_format(total - 1, 0, "Total", &f.bold)?;
    let value_sum: f64 = results.years.iter().map(|y| y.value).sum();
    w.put(sheet, (total - 1, 4), format!("=SUM(E3:E{})", total - 1), value_sum, &f.money_bold)?;
    w.put(sheet, (total - 1, 5), format!("=SUM(F3:F{})", total - 1), results.present_value, &f.money_bold)?;

    for (name, cell) in [
        ("PresentValue", "=Summary!$B$6"),
        ("Investment", "=Summary!$B$7"),
        ("NetPresentValue", "=Summary!$B$8"),
        ("SROIRatio", "=Summary!$B$9"),
        ("NetSROIRatio", "=Summary!$B$10"),
    ] {
        book.define_name(name, cell)?;
    }
    if let DiscountRate::Constant(_) = analysis.settings.discount_rate {
        book.define_name("DiscountRate", "=Summary!$B$4")?;
    }
    set_up_printing(&mut book)?;
    book.save_to_writer(out)
}

#[cfg(test)]
mod tests {
    use calamine::{Reader, Xlsx};

    /// Every sheet's name, values and formulas, as a reader sees them.
    fn cells(bytes: Vec<u8>) -> Vec<(String, String, String)> {
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
        book.sheet_names()
            .into_iter()
            .map(|name| {
                let values = book.worksheet_range(&name).expect("values");
                let formulas = book.worksheet_formula(&name).expect("formulas");
                let values = format!("{:?} {:?}", values.start(), values.rows().collect::<Vec<_>>());
                let formulas = format!("{:?} {:?}", formulas.start(), formulas.rows().collect::<Vec<_>>());
                (name, values, formulas)
            })
            .collect()
    }

    /// Each sheet's `<row r="N">` elements name every row once, in order
    /// (a reader may refuse a sheet that repeats one).
    fn rows_once_in_order(bytes: &[u8], path: &std::path::Path) {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).expect("a part");
            let name = part.name().expect("a part's name").into_owned();
            if !name.starts_with("xl/worksheets/sheet") {
                continue;
            }
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut part, &mut xml).expect("XML");
            let rows: Vec<u32> = xml
                .split("<row r=\"")
                .skip(1)
                .map(|rest| rest[..rest.find('"').expect("a quote")].parse().expect("a row number"))
                .collect();
            assert!(rows.windows(2).all(|w| w[0] < w[1]), "{}, {name}: rows {rows:?}", path.display());
        }
    }

    /// A file that is full.
    struct Full;

    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"))
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_workbook_that_cannot_be_written_says_so_and_is_not_blamed_on_the_workbook() {
        let text = std::fs::read_to_string("fixtures/youth-into-work.yaml").expect("fixture");
        let source = crate::source::SourceFile::new("youth-into-work.yaml", &text);
        let (analysis, _) = crate::analyse(&source).expect("valid");
        let results = crate::compute::compute(&analysis);
        match super::write(&analysis, &results, super::Cached::Results, 0, &mut Full) {
            Err(super::WorkbookError::Write(error)) => {
                assert_eq!(error.kind(), std::io::ErrorKind::StorageFull)
            }
            other => panic!("expected a write error, got {other:?}"),
        }
    }

    #[test]
    fn a_workbook_written_row_by_row_has_the_cells_of_one_held_in_memory() {
        let mut seen = 0;
        for dir in ["fixtures", "tests/fixtures/valid"] {
            for entry in std::fs::read_dir(dir).expect("fixtures") {
                let path = entry.expect("entry").path();
                let Ok(text) = std::fs::read_to_string(&path) else { continue };
                let source = crate::source::SourceFile::new("f.yaml", &text);
                let Ok((analysis, _)) = crate::analyse(&source) else { continue };
                let results = crate::compute::compute(&analysis);
                let made = |row_by_row| {
                    let mut bytes = Vec::new();
                    super::render_in(
                        &analysis,
                        &results,
                        super::Cached::Results,
                        1_700_000_000,
                        row_by_row,
                        &mut bytes,
                    )
                    .expect("a workbook");
                    bytes
                };
                let by_row_bytes = made(true);
                rows_once_in_order(&by_row_bytes, &path);
                let (held, by_row) = (cells(made(false)), cells(by_row_bytes));
                assert_eq!(held.len(), by_row.len(), "{}", path.display());
                for (h, r) in held.iter().zip(&by_row) {
                    assert_eq!(h, r, "{}, sheet {}", path.display(), h.0);
                }
                seen += 1;
            }
        }
        assert!(seen >= 6, "the fixtures were written both ways ({seen})");
    }
}
