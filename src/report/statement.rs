//! The view of a social value statement: every figure formatted for people
//! and every sentence about them, so the HTML page and the PDF say the same
//! words.

use serde::Serialize;

use crate::compute::statement::{Failed, Item, Statement, largest_first};
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
        year: statement.year,
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
        method_notes: vec![
            "Each analysis is computed on its own, with its own discounting, price year and assumptions, exactly as its own report shows it. The statement adds their present values and investments; the overall ratio is the total present value divided by the total investment. Ratios of analyses made in different ways are not comparable one by one: use “sroi compare --rebase” for a like-for-like view.",
            "Themes come from the “themes:” tags of each outcome; outcomes without one are shown as “(no theme)”. Organisations come from the manifest's “supplier:”, or else the analysis's own organisation.",
        ],
        chart: statement.by_theme.iter().map(|t| (t.theme.clone(), t.present_value)).collect(),
        currency: statement.currency.clone(),
        total: statement.present_value,
    }
}
