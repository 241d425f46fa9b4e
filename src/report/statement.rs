//! The view of a social value statement: every figure formatted for people
//! and every sentence about them, so the HTML page and the PDF say the same
//! words.

use serde::Serialize;

use crate::compute::statement::{ByPriority, Failed, Item, Statement, Year, largest_first};
use crate::model::AnalysisKind;

/// A statement that adds forecasts to evaluations says how much of its value
/// is expected rather than created; `None` when there are no forecasts.
pub fn forecast_note(statement: &Statement) -> Option<String> {
    use crate::format::{money, number, percent};
    let forecasts: Vec<&Item> = statement.items.iter().filter(|i| i.kind == AnalysisKind::Forecast).collect();
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
    pub(crate) year: Option<String>,
    /// What the page is, with its year: `Social value statement · 2026/27`.
    pub(crate) kind: String,
    /// Its date, maker and colours (`date`, `generator`, `accent`, `accent_text` to templates).
    #[serde(flatten)]
    pub(crate) stamp: crate::report::Stamp,
    pub(crate) ratio: String,
    pub(crate) sentence: String,
    pub(crate) present_value: String,
    pub(crate) investment: String,
    pub(crate) counted: String,
    /// What `counted` counts.
    pub(crate) counted_label: &'static str,
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
    /// How the statement is made, paragraph by paragraph, for a reader.
    pub(crate) method_notes: Vec<String>,
    /// What the page says of analyses that could not be read, without naming files.
    pub(crate) failed_note: Option<String>,
    /// With `--year`: the year's value, apart from lifetime value, and what was left out.
    pub(crate) year_view: Option<YearView>,
    /// How much of the value is forecast, when any is.
    pub(crate) forecast_note: Option<String>,
    /// A chart for each breakdown that has at least two rows and a value that is not zero.
    pub charts: Vec<ChartView>,
    /// ISO 4217 code.
    #[serde(skip)]
    pub currency: String,
}

/// Which breakdown a chart is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    /// By outcome theme.
    Theme,
    /// By framework priority.
    Priority,
    /// By organisation.
    Organisation,
    /// By supplier size.
    SupplierSize,
    /// By area.
    Area,
}

/// One breakdown's chart: horizontal bars, with the words the HTML page and the
/// PDF both give it (its title, and its description as the text alternative).
#[derive(Debug, Serialize)]
pub struct ChartView {
    /// The breakdown it shows.
    pub breakdown: Breakdown,
    /// Its title: `Value delivered in 2026/27 by area`.
    pub title: String,
    /// What it shows, with every bar's figure, for people who cannot see it.
    pub description: String,
    /// (label, amount) for each bar, first at the top.
    #[serde(skip)]
    pub rows: Vec<(String, f64)>,
    /// The whole each bar's share is of.
    #[serde(skip)]
    pub total: f64,
}

/// The most bars a breakdown's chart shows; the table beside it has every row.
pub const CHART_ROWS: usize = 12;

impl View {
    /// The chart of `breakdown`, when the statement has one.
    pub fn chart(&self, breakdown: Breakdown) -> Option<&ChartView> {
        self.charts.iter().find(|c| c.breakdown == breakdown)
    }
}

/// The chart of `rows` (all of them; the chart keeps the first [`CHART_ROWS`]),
/// titled `what` (`Value delivered in 2026/27 by area`); `None` with fewer than
/// two rows, or when every amount is zero (there would be nothing to see).
fn chart_of(
    breakdown: Breakdown,
    what: String,
    rows: Vec<(String, f64)>,
    total: f64,
    currency: &str,
) -> Option<ChartView> {
    use crate::format::{money, number, percent};
    if rows.len() < 2 || rows.iter().all(|(_, v)| *v == 0.0) {
        return None;
    }
    let all = rows.len();
    let rows: Vec<(String, f64)> = rows.into_iter().take(CHART_ROWS).collect();
    let title = if all > CHART_ROWS {
        format!("{what} (the first {} of {})", number(rows.len() as f64, 0), number(all as f64, 0))
    } else {
        what
    };
    let bars: Vec<String> = rows
        .iter()
        .map(|(name, value)| {
            let share = if total != 0.0 { format!(" ({})", percent(value / total)) } else { String::new() };
            format!("{name}: {}{share}", money(*value, currency))
        })
        .collect();
    let description = format!(
        "{title}, as a horizontal bar chart with one bar for each row of the table below. {}.",
        bars.join("; ")
    );
    Some(ChartView { breakdown, title, description, rows, total })
}

/// The charts of a statement: by theme and organisation, and in a statement of
/// one year by framework priority, supplier size and area too.
fn charts(statement: &Statement) -> Vec<ChartView> {
    let c = statement.currency.as_str();
    let mut charts = Vec::new();
    let year = statement.in_year.as_ref().zip(statement.year.as_ref().map(year_label));
    charts.extend(match &year {
        Some((totals, label)) => chart_of(
            Breakdown::Theme,
            format!("Value delivered in {label} by theme"),
            statement.by_theme.iter().map(|t| (t.theme.clone(), t.in_year_value.unwrap_or(0.0))).collect(),
            totals.in_year_value,
            c,
        ),
        None => chart_of(
            Breakdown::Theme,
            "Present value by theme".to_owned(),
            statement.by_theme.iter().map(|t| (t.theme.clone(), t.present_value)).collect(),
            statement.present_value,
            c,
        ),
    });
    if let Some((totals, label)) = &year {
        let frameworks = distinct_frameworks(&totals.by_priority);
        let rows: Vec<(String, f64)> =
            totals.by_priority.iter().map(|p| (priority_label(p, frameworks), p.in_year_value)).collect();
        let total = rows.iter().map(|(_, v)| v).sum();
        charts.extend(chart_of(
            Breakdown::Priority,
            format!("Value delivered in {label} by framework priority"),
            rows,
            total,
            c,
        ));
    }
    charts.extend(chart_of(
        Breakdown::Organisation,
        if year.is_some() {
            "Lifetime present value by organisation".to_owned()
        } else {
            "Present value by organisation".to_owned()
        },
        statement.by_organisation.iter().map(|o| (o.organisation.clone(), o.present_value)).collect(),
        statement.present_value,
        c,
    ));
    if let Some((totals, label)) = &year {
        charts.extend(chart_of(
            Breakdown::SupplierSize,
            format!("Contracts' validated value in {label} by supplier size"),
            totals
                .by_supplier_size
                .iter()
                .map(|z| (size_words(&z.size).to_owned(), z.validated_value))
                .collect(),
            totals.validated_value,
            c,
        ));
        charts.extend(chart_of(
            Breakdown::Area,
            format!("Value delivered in {label} by area"),
            totals.by_area.iter().map(|a| (a.area.clone(), a.in_year_value)).collect(),
            totals.in_year_value,
            c,
        ));
    }
    charts
}

/// How many frameworks the priorities come from.
fn distinct_frameworks(rows: &[ByPriority]) -> usize {
    let mut names: Vec<&str> = rows.iter().map(|p| p.framework.as_str()).collect();
    names.dedup();
    names.len()
}

/// A priority's name, and its framework's when the statement has more than one.
fn priority_label(p: &ByPriority, frameworks: usize) -> String {
    if frameworks > 1 { format!("{} ({})", p.name, p.framework) } else { p.name.clone() }
}

/// A statement of one year, as people read it.
#[derive(Debug, Serialize)]
pub(crate) struct YearView {
    /// `2026/27`.
    pub(crate) label: String,
    /// The headline figure's label and value: the value delivered in the year.
    pub(crate) headline_label: String,
    pub(crate) delivered: String,
    pub(crate) forecast: String,
    pub(crate) lifetime: String,
    /// What the headline figure is, in a sentence.
    pub(crate) sentence: String,
    /// What is forecast for the year, and why it is apart.
    pub(crate) forecast_sentence: String,
    /// What the lifetime present value is, and that it is never added to the year's.
    pub(crate) lifetime_sentence: String,
    /// Theme rows: name, delivered, forecast, lifetime.
    pub(crate) themes: Vec<YearRow>,
    /// The theme that delivered most in the year, or `None` when none delivered anything.
    pub(crate) largest_theme: String,
    /// Area rows.
    pub(crate) areas: Vec<YearRow>,
    /// Each analysis left out: its title and why.
    pub(crate) not_counted: Vec<LeftOut>,
    /// How the analyses were put on one basis.
    pub(crate) basis: Vec<String>,
    /// With `--previous`: the change since last year.
    pub(crate) change: Option<ChangeView>,
    /// The contracts counted, and what they committed, delivered and had validated.
    pub(crate) contracts: Vec<ContractView>,
    /// What the contracts add up to, validated apart from claimed.
    pub(crate) contract_sentence: Option<String>,
    /// `1 of 3`: contracts whose delivery is on track (green).
    pub(crate) on_track: Option<String>,
    /// The contracts by supplier size.
    pub(crate) sizes: Vec<SizeView>,
    /// Value by framework priority (when contracts name a framework).
    pub(crate) priorities: Vec<PriorityView>,
    pub(crate) priority_caption: String,
    /// How the priorities' values are made, for a reader.
    pub(crate) priority_note: String,
    /// Whether any contract is counted: the area table then shows what is claimed.
    pub(crate) has_contracts: bool,
    pub(crate) contracts_caption: String,
    pub(crate) sizes_caption: String,
    /// Table captions.
    pub(crate) theme_caption: String,
    pub(crate) area_caption: String,
    pub(crate) analyses_caption: String,
}

/// The change since last year's statement.
#[derive(Debug, Serialize)]
pub(crate) struct ChangeView {
    pub(crate) heading: String,
    pub(crate) sentence: String,
    pub(crate) caption: String,
    pub(crate) previous_label: String,
    pub(crate) now_label: String,
    /// Totals, then themes, then areas.
    pub(crate) rows: Vec<ChangeRow>,
}

/// One figure last year and this.
#[derive(Debug, Serialize)]
pub(crate) struct ChangeRow {
    pub(crate) name: String,
    pub(crate) previous: String,
    pub(crate) now: String,
    pub(crate) change: String,
}

/// One contract of the year.
#[derive(Debug, Serialize)]
pub(crate) struct ContractView {
    pub(crate) contract: String,
    pub(crate) supplier: String,
    pub(crate) size: &'static str,
    pub(crate) area: String,
    pub(crate) committed: String,
    pub(crate) delivered: String,
    pub(crate) validated: String,
    /// `On track (green)`, in words as well as colour.
    pub(crate) status: String,
    /// `green`, `amber` or `red`, for the page's colour.
    pub(crate) status_class: &'static str,
}

/// One supplier size's contracts.
#[derive(Debug, Serialize)]
pub(crate) struct SizeView {
    pub(crate) size: &'static str,
    pub(crate) contracts: String,
    pub(crate) committed: String,
    pub(crate) delivered: String,
    pub(crate) validated: String,
    pub(crate) claimed: String,
}

/// One framework priority in the year.
#[derive(Debug, Serialize)]
pub(crate) struct PriorityView {
    /// Its name, and its framework's when the statement has several.
    pub(crate) name: String,
    pub(crate) committed: String,
    /// Delivered: evaluations' outcomes for it and contracts' validated deliveries.
    pub(crate) delivered: String,
    pub(crate) validated: String,
    pub(crate) claimed: String,
    pub(crate) forecast: String,
}

/// A supplier size as procurement rules say it.
pub fn size_words(size: &str) -> &'static str {
    match size {
        "micro" => "Micro business",
        "sme" => "Small or medium enterprise",
        "vcse" => "Voluntary, community or social enterprise",
        _ => "Large business",
    }
}

/// One row of a year's breakdown.
#[derive(Debug, Serialize)]
pub(crate) struct YearRow {
    pub(crate) name: String,
    pub(crate) delivered: String,
    /// What contracts returned for it but the council has not validated (areas only).
    pub(crate) claimed: String,
    pub(crate) forecast: String,
    pub(crate) lifetime: String,
}

/// An analysis left out of the year.
#[derive(Debug, Serialize)]
pub(crate) struct LeftOut {
    pub(crate) title: String,
    pub(crate) why: String,
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
    /// With `--year`: its in-year value delivered and forecast.
    pub(crate) delivered: String,
    pub(crate) forecast: String,
    pub(crate) file: String,
    pub(crate) organisation: String,
    pub(crate) contract: String,
    pub(crate) area: String,
    pub(crate) kind: &'static str,
    pub(crate) investment: String,
    pub(crate) present_value: String,
    pub(crate) ratio: String,
}

/// Why an analysis could not be put on the statement's basis, for a reader.
pub fn why_not_rebased(error: &crate::compute::comparison::RebaseError) -> String {
    format!("Its figures cannot be put on the statement's basis: {error}.")
}

/// Why an analysis adds nothing to the statement year, for a reader.
pub fn why_not_in_year(reason: &crate::compute::in_year::NotInYear, year: &str) -> String {
    use crate::compute::in_year::NotInYear;
    match reason {
        NotInYear::NoPeriod => format!("It gives no period, so its years cannot be placed in {year}."),
        NotInYear::Outside { first, end } => {
            let last = crate::report::date::long(end.minus_one_day());
            format!("Its years run from {} to {last}, outside {year}.", crate::report::date::long(*first))
        }
    }
}

/// Why a contract adds nothing to the statement year, for a reader.
pub fn why_contract_not_in_year(offer: &crate::model::commission::Offer, year: &str) -> String {
    let c = &offer.contract;
    format!(
        "The contract runs from {} to {}, outside {year}.",
        crate::report::date::long(c.start),
        crate::report::date::long(c.end())
    )
}

/// How the analyses' own methods differed from the statement's basis, and
/// what was done about it, one sentence each, for a reader.
pub fn basis_sentences(
    rebase: &crate::compute::comparison::Rebase,
    own: &[crate::compute::statement::Own],
) -> Vec<String> {
    let settings = crate::model::Settings {
        discount_rate: rebase.discount_rate,
        discount_timing: rebase.timing,
        ..Default::default()
    };
    let common = crate::format::describe_discounting(&settings);
    let counted = |n: usize| {
        if n == 1 {
            "1 analysis".to_owned()
        } else {
            format!("{} analyses", crate::format::number(n as f64, 0))
        }
    };
    let mut out = Vec::new();
    let other = own
        .iter()
        .filter(|o| {
            o.settings.discount_rate != rebase.discount_rate || o.settings.discount_timing != rebase.timing
        })
        .count();
    out.push(match other {
        0 => format!("Every analysis is discounted as the statement is: {common}."),
        n => format!(
            "{} used other discounting than the statement's; {} re-computed at {common}.",
            counted(n),
            if n == 1 { "it was" } else { "they were" }
        ),
    });
    let mut years: Vec<i32> = own.iter().filter_map(|o| o.price_year).collect();
    years.sort_unstable();
    years.dedup();
    let unknown = own.iter().filter(|o| o.price_year.is_none()).count();
    match rebase.price_year {
        Some(target) => {
            let moved = own.iter().filter(|o| o.price_year.is_some_and(|y| y != target)).count();
            if moved > 0 {
                out.push(format!(
                    "{} in other years' prices {} moved to {target} prices.",
                    counted(moved),
                    if moved == 1 { "was" } else { "were" }
                ));
            }
        }
        None if years.len() > 1 || (unknown > 0 && !years.is_empty()) => {
            let list: Vec<String> = years.iter().map(i32::to_string).collect();
            out.push(format!(
                "Their money is in different years' prices ({}{}) and was not moved to one year, so amounts of different analyses are not quite like for like.",
                list.join(", "),
                if unknown > 0 { ", and some not given" } else { "" }
            ));
        }
        None => {}
    }
    out
}

/// How the statement is made, for a reader (not an operator).
fn method_notes(statement: &Statement) -> Vec<String> {
    let mut notes = Vec::new();
    match statement.in_year.as_ref().zip(statement.year.as_ref()) {
        Some((totals, year)) => {
            let label = year_label(year);
            notes.push(format!(
                "The statement covers {label}. Each analysis counts the value of the years that fall in {label}: an analysis year runs from the start of its period for twelve months, and counts by the share of its days inside {label}. In-year value is not discounted."
            ));
            notes.push("Value delivered comes from the years an evaluation observed, up to the end of its period. Forecasts, and the years an evaluation projects beyond its period, are shown apart as forecast value: they are expected, not delivered.".to_owned());
            notes.push("Lifetime present value is each analysis's value over all its years, discounted to the present. It answers a different question from the value of one year, so the statement shows it beside the year's value and never adds the two.".to_owned());
            notes.extend(totals.basis.iter().cloned());
        }
        None => notes.push("Each analysis is worked out on its own, with its own discounting, price year and assumptions, exactly as its own report shows it. The statement adds their present values and investments; the overall ratio is the total present value divided by the total investment. Ratios of analyses made in different ways are not comparable one by one.".to_owned()),
    }
    notes.push("Themes come from the themes each outcome is tagged with; outcomes without one are shown as “(no theme)”. Organisations are the supplier the statement names for an analysis, or else the analysis's own organisation.".to_owned());
    notes
}

/// A statement's year as written: `2025`, `2026/27`.
fn year_label(year: &Year) -> String {
    match year {
        Year::Manifest(year) => year.to_string(),
        Year::Statement(label) => label.clone(),
    }
}

/// Formats the statement for the HTML template.
pub fn view(statement: &Statement, stamp: crate::report::Stamp) -> View {
    use crate::format::{Forecast, headline_for, money, number, percent, ratio};
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
        year: statement.year.as_ref().map(year_label),
        kind: match &statement.year {
            Some(year) => format!("Social value statement · {}", year_label(year)),
            None => "Social value statement".to_owned(),
        },
        stamp,
        ratio: ratio(statement.sroi_ratio),
        sentence: {
            let forecasts = statement.items.iter().filter(|i| i.kind == AnalysisKind::Forecast).count();
            let forecast = match forecasts {
                0 => Forecast::None,
                n if n == statement.items.len() => Forecast::All,
                _ => Forecast::Some,
            };
            headline_for("Across the analyses counted, for every", statement.sroi_ratio, c, forecast)
        },
        forecast_note: forecast_note(statement),
        present_value: money(statement.present_value, c),
        investment: money(statement.investment, c),
        counted: count(statement.items.len() + statement.in_year.as_ref().map_or(0, |t| t.contracts.len())),
        counted_label: match statement.in_year.as_ref().is_some_and(|t| !t.contracts.is_empty()) {
            true => "Analyses and contracts counted",
            false => "Analyses counted",
        },
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
                delivered: i.in_year_value.map_or_else(String::new, |v| money(v, c)),
                forecast: i.forecast_in_year_value.map_or_else(String::new, |v| money(v, c)),
                file: i.file.clone(),
                organisation: i.organisation.clone().unwrap_or_default(),
                contract: i.contract.clone().unwrap_or_default(),
                area: i.area.clone().unwrap_or_default(),
                kind: match i.kind {
                    AnalysisKind::Evaluative => "Evaluative",
                    AnalysisKind::Forecast => "Forecast",
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
        method_notes: method_notes(statement),
        failed_note: (!statement.failed.is_empty()).then(|| {
            let n = statement.failed.len();
            format!(
                "{} could not be read, or {} in another currency than the rest; {} left out of every total. The statement's data files name {} and say why.",
                if n == 1 { "1 file".to_owned() } else { format!("{} files", count(n)) },
                if n == 1 { "is" } else { "are" },
                if n == 1 { "it is" } else { "they are" },
                if n == 1 { "it" } else { "them" },
            )
        }),
        year_view: statement.in_year.as_ref().zip(statement.year.as_ref()).map(|(totals, year)| {
            let label = year_label(year);
            let year_row = |name: &str, delivered: f64, claimed: Option<f64>, forecast: f64, lifetime: f64| YearRow {
                name: name.to_owned(),
                delivered: money(delivered, c),
                claimed: claimed.map_or_else(String::new, |v| money(v, c)),
                forecast: money(forecast, c),
                lifetime: money(lifetime, c),
            };
            YearView {
                headline_label: format!("Social value delivered in {label}"),
                delivered: money(totals.in_year_value, c),
                forecast: money(totals.forecast_in_year_value, c),
                lifetime: money(totals.lifetime_present_value, c),
                sentence: if totals.contracts.is_empty() {
                    format!(
                        "In {label}, the analyses counted delivered {} of social value: each analysis year's value, undiscounted, in the share of its days that fall in {label}, from the years each evaluation observed.",
                        money(totals.in_year_value, c)
                    )
                } else {
                    format!(
                        "In {label}, {} of social value was delivered: {} from the years evaluations observed, and {} that contracts delivered and the council validated. Values are undiscounted, in the share of their days that fall in {label}.",
                        money(totals.in_year_value, c),
                        money(totals.analyses_in_year_value, c),
                        money(totals.validated_value, c)
                    )
                },
                forecast_sentence: format!(
                    "A further {} is forecast for {label}: the value of forecasts, and of years that evaluations project beyond what they observed. It is expected, not delivered, and is not part of the figure above.",
                    money(totals.forecast_in_year_value, c)
                ),
                lifetime_sentence: format!(
                    "Over their whole lives, the analyses counted are worth {} in present value. That is a different measure from the value of one year, and the two are never added together.",
                    money(totals.lifetime_present_value, c)
                ),
                themes: statement
                    .by_theme
                    .iter()
                    .map(|t| {
                        year_row(&t.theme, t.in_year_value.unwrap_or(0.0), None, t.forecast_in_year_value.unwrap_or(0.0), t.present_value)
                    })
                    .collect(),
                largest_theme: statement
                    .by_theme
                    .first()
                    .filter(|t| t.in_year_value.unwrap_or(0.0) > 0.0)
                    // Only analyses have themes: a year of contracts alone has delivered none.
                    .map_or_else(|| "No theme delivered value".to_owned(), |t| t.theme.clone()),
                areas: totals
                    .by_area
                    .iter()
                    .map(|a| year_row(&a.area, a.in_year_value, Some(a.claimed_value), a.forecast_in_year_value, a.lifetime_present_value))
                    .collect(),
                not_counted: totals
                    .not_counted
                    .iter()
                    .map(|n| LeftOut {
                        title: n.title.clone().unwrap_or_else(|| "An analysis".to_owned()),
                        why: n.why.clone(),
                    })
                    .collect(),
                basis: totals.basis.clone(),
                contracts: totals
                    .contracts
                    .iter()
                    .take(SHOWN)
                    .map(|k| ContractView {
                        contract: k.contract.clone(),
                        supplier: k.supplier.clone(),
                        size: size_words(k.supplier_size),
                        area: k.area.clone().unwrap_or_default(),
                        committed: money(k.committed_value, c),
                        delivered: money(k.delivered_value, c),
                        validated: money(k.validated_value, c),
                        status: match k.status {
                            "green" => "On track (green)".to_owned(),
                            "amber" => "Behind (amber)".to_owned(),
                            _ => "Well behind (red)".to_owned(),
                        },
                        status_class: k.status,
                    })
                    .collect(),
                contract_sentence: (!totals.contracts.is_empty()).then(|| {
                    let n = totals.contracts.len();
                    format!(
                        "The {} counted committed {} of social value for {label} and returned {} as delivered, of which the council has validated {}. Only validated value counts as delivered; the {} claimed but not yet validated does not.",
                        if n == 1 { "contract".to_owned() } else { format!("{} contracts", count(n)) },
                        money(totals.committed_value, c),
                        money(totals.validated_value + totals.claimed_value, c),
                        money(totals.validated_value, c),
                        money(totals.claimed_value, c),
                    )
                }),
                on_track: (!totals.contracts.is_empty()).then(|| {
                    let green = totals.contracts.iter().filter(|k| k.status == "green").count();
                    format!("{} of {}", count(green), count(totals.contracts.len()))
                }),
                sizes: totals
                    .by_supplier_size
                    .iter()
                    .map(|z| SizeView {
                        size: size_words(&z.size),
                        contracts: count(z.contracts),
                        committed: money(z.committed_value, c),
                        delivered: money(z.delivered_value, c),
                        validated: money(z.validated_value, c),
                        claimed: money(z.claimed_value, c),
                    })
                    .collect(),
                priorities: {
                    let frameworks = distinct_frameworks(&totals.by_priority);
                    totals
                        .by_priority
                        .iter()
                        .map(|p| PriorityView {
                            name: priority_label(p, frameworks),
                            committed: money(p.committed_value, c),
                            delivered: money(p.in_year_value, c),
                            validated: money(p.validated_value, c),
                            claimed: money(p.claimed_value, c),
                            forecast: money(p.forecast_in_year_value, c),
                        })
                        .collect()
                },
                priority_caption: {
                    let mut names: Vec<&str> = totals.by_priority.iter().map(|p| p.framework.as_str()).collect();
                    names.dedup();
                    format!(
                        "Value in {label} by the priorities of {}, in the council's order: committed, delivered (evaluations' outcomes and validated deliveries), claimed but not validated, and forecast",
                        match names.as_slice() {
                            [one] => one.to_string(),
                            _ => "the contracts' frameworks".to_owned(),
                        }
                    )
                },
                priority_note: "A contract's commitments and deliveries count under the priority of each measure. An analysis counts under a priority when an outcome is tagged with the priority's id as its theme (themes: [skills] for the priority skills); an outcome with two such themes counts under both, so the rows are not added together.".to_owned(),
                has_contracts: !totals.contracts.is_empty(),
                contracts_caption: format!("Each contract's social value in {label}: committed, returned as delivered, and validated by the council (net of deadweight, displacement and attribution, undiscounted)"),
                sizes_caption: format!("Contracts in {label} by the size of their supplier"),
                change: totals.change.as_ref().map(|change| {
                    let last = change.previous_year.clone().unwrap_or_else(|| "last year".to_owned());
                    let signed = |v: f64| if v > 0.0 { format!("+{}", money(v, c)) } else { money(v, c) };
                    let row = |name: String, m: &crate::compute::statement::Moved| ChangeRow {
                        name,
                        previous: money(m.previous, c),
                        now: money(m.now, c),
                        change: signed(m.change),
                    };
                    let mut rows = vec![
                        row("Delivered in the year".to_owned(), &change.in_year_value),
                        row("Forecast for the year".to_owned(), &change.forecast_in_year_value),
                        row("Lifetime present value".to_owned(), &change.lifetime_present_value),
                    ];
                    rows.extend(change.by_theme.iter().map(|t| row(format!("Theme: {}", t.name), &t.moved)));
                    rows.extend(change.by_area.iter().map(|a| row(format!("Area: {}", a.name), &a.moved)));
                    rows.extend(change.by_priority.iter().map(|p| row(format!("Priority: {}", p.name), &p.moved)));
                    ChangeView {
                        heading: format!("Change since {last}"),
                        sentence: format!(
                            "Value delivered in {label} was {} against {} in {last} ({}). Analyses counted in each year differ, so the change is of the statements, not of any one programme.",
                            money(change.in_year_value.now, c),
                            money(change.in_year_value.previous, c),
                            signed(change.in_year_value.change)
                        ),
                        caption: format!("Each figure in {last} and {label}; themes, areas and framework priorities by value delivered in the year"),
                        previous_label: last,
                        now_label: label.clone(),
                        rows,
                    }
                }),
                theme_caption: format!(
                    "Value by theme in {label}, delivered and forecast, and over the analyses' lives; an outcome with several themes counts in each."
                ),
                area_caption: format!("Value by area in {label}, largest first: delivered, claimed by contracts but not validated, forecast, and over the analyses' lives"),
                analyses_caption: format!("Every analysis counted, with its value in {label} and over its life, largest present value first"),
                label,
            }
        }),
        charts: charts(statement),
        currency: statement.currency.clone(),
    }
}
