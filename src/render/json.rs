//! The machine-readable results of SPEC §5: `sroi calc --json`.
//!
//! Numbers are plain JSON numbers in full precision. Keys may be added in
//! later versions, never renamed.

use serde::Serialize;

use crate::compute::Results;
use crate::model::{Analysis, AnalysisKind, DiscountRate, Timing};

#[derive(Serialize)]
struct Document<'a> {
    title: &'a str,
    organisation: Option<&'a str>,
    kind: AnalysisKind,
    currency: &'a str,
    price_year: Option<i32>,
    present_value: f64,
    investment: f64,
    net_present_value: f64,
    sroi_ratio: f64,
    net_sroi_ratio: f64,
    payback_months: Option<f64>,
    gross_value: f64,
    settings: SettingsJson,
    outcomes: Vec<OutcomeJson<'a>>,
    stakeholders: Vec<StakeholderJson<'a>>,
    inputs: Vec<InputJson<'a>>,
    years: Vec<YearJson>,
}

#[derive(Serialize)]
struct SettingsJson {
    /// A fraction, or `"green-book"`.
    discount_rate: serde_json::Value,
    discount_timing: Timing,
}

#[derive(Serialize)]
struct OutcomeJson<'a> {
    id: &'a str,
    stakeholder: &'a str,
    description: &'a str,
    gross_value: f64,
    impact: f64,
    values: Vec<f64>,
    present_value: f64,
    excluded: bool,
}

#[derive(Serialize)]
struct StakeholderJson<'a> {
    id: &'a str,
    name: &'a str,
    present_value: f64,
    excluded: bool,
}

#[derive(Serialize)]
struct InputJson<'a> {
    id: &'a str,
    amount: f64,
    year: u32,
    present_value: f64,
}

#[derive(Serialize)]
struct YearJson {
    year: u32,
    value: f64,
    discount_factor: f64,
    present_value: f64,
}

/// `-0.0` (from a zero times a negative proxy) prints as `0.0`.
fn n(value: f64) -> f64 {
    value + 0.0
}

/// The SPEC §5 object for `analysis` and its `results`, pretty-printed, with a final newline.
pub fn render(analysis: &Analysis, results: &Results) -> Vec<u8> {
    let document = Document {
        title: &analysis.title,
        organisation: analysis.organisation.as_deref(),
        kind: analysis.kind,
        currency: &analysis.currency,
        price_year: analysis.price_year,
        present_value: n(results.present_value),
        investment: n(results.investment),
        net_present_value: n(results.net_present_value),
        sroi_ratio: n(results.sroi_ratio),
        net_sroi_ratio: n(results.net_sroi_ratio),
        payback_months: results.payback_months.map(n),
        gross_value: n(results.gross_value),
        settings: SettingsJson {
            discount_rate: match analysis.settings.discount_rate {
                DiscountRate::Constant(rate) => rate.into(),
                DiscountRate::GreenBook => "green-book".into(),
            },
            discount_timing: analysis.settings.discount_timing,
        },
        outcomes: analysis
            .outcomes
            .iter()
            .zip(&results.outcomes)
            .map(|(o, r)| OutcomeJson {
                id: &o.id,
                stakeholder: &analysis.stakeholders[o.stakeholder].id,
                description: &o.description,
                gross_value: n(r.gross_value),
                impact: n(r.impact),
                values: r.values.iter().copied().map(n).collect(),
                present_value: n(r.present_value),
                excluded: r.excluded,
            })
            .collect(),
        stakeholders: analysis
            .stakeholders
            .iter()
            .zip(&results.stakeholders)
            .map(|(s, r)| StakeholderJson {
                id: &s.id,
                name: &s.name,
                present_value: n(r.present_value),
                excluded: s.is_excluded(),
            })
            .collect(),
        inputs: analysis
            .inputs
            .iter()
            .zip(&results.inputs)
            .map(|(i, r)| InputJson {
                id: &i.id,
                amount: r.amount,
                year: i.year,
                present_value: n(r.present_value),
            })
            .collect(),
        years: results
            .years
            .iter()
            .map(|y| YearJson {
                year: y.year,
                value: n(y.value),
                discount_factor: y.discount_factor,
                present_value: n(y.present_value),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&document).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
