//! The machine-readable results of SPEC §5: `sroi calc --json`.
//!
//! Numbers are plain JSON numbers in full precision. Keys may be added in
//! later versions, never renamed.

use serde::Serialize;

use crate::compute::{Results, Uncertainty, assurance};
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
    guide_payback_months: Option<f64>,
    gross_value: f64,
    evidence_share: f64,
    observed_present_value: f64,
    projected_present_value: f64,
    value_types: ValueTypesJson,
    exclusions: Vec<ExclusionJson>,
    settings: SettingsJson,
    outcomes: Vec<OutcomeJson<'a>>,
    stakeholders: Vec<StakeholderJson<'a>>,
    inputs: Vec<InputJson<'a>>,
    years: Vec<YearJson>,
    sensitivity: Vec<SensitivityJson<'a>>,
    discount_scenarios: Vec<DiscountScenarioJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    simulation: Option<SimulationJson>,
}

#[derive(Serialize)]
struct ValueTypesJson {
    fiscal: f64,
    economic: f64,
    social: f64,
}

#[derive(Serialize)]
struct ExclusionJson {
    kind: crate::compute::exclusions::ExclusionKind,
    id: String,
    reason: String,
    present_value: f64,
    sroi_ratio_if_included: f64,
}

#[derive(Serialize)]
struct DiscountScenarioJson {
    rate: &'static str,
    sroi_ratio: f64,
}

/// A sensitivity row: an outcome's assumption, an input's value (`input` in
/// place of `outcome`, assumption `value`), or a schedule's quantities scaled
/// together (assumption `schedule`, values as scales of the schedule written).
#[derive(Serialize)]
struct SensitivityJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<&'a str>,
    assumption: &'static str,
    value: f64,
    switching_value: Option<f64>,
    low: f64,
    high: f64,
    low_ratio: f64,
    high_ratio: f64,
}

#[derive(Serialize)]
struct SimulationJson {
    draws: u32,
    seed: u64,
    p5: f64,
    p50: f64,
    p95: f64,
    mean: f64,
    probability_below_one: f64,
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
    /// The proxy value as used: re-based to the analysis's price year where needed.
    proxy_value: f64,
    gross_value: f64,
    impact: f64,
    values: Vec<f64>,
    present_value: f64,
    /// True when the outcome or its group is excluded.
    excluded: bool,
    /// The outcome's own `excluded:` reason, if it has one.
    exclusion_reason: Option<&'a str>,
    value_type: crate::model::ValueType,
    /// By assumption key, in the order of the input format.
    evidence: serde_json::Map<String, serde_json::Value>,
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

/// The SPEC §5 object for `analysis`, its `results` and their `uncertainty`,
/// pretty-printed, with a final newline. Percentages are fractions.
pub fn render(analysis: &Analysis, results: &Results, uncertainty: &Uncertainty) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail, and the document serialises whole.
    let _ = write(analysis, results, uncertainty, &mut bytes);
    bytes
}

/// [`render`]'s bytes, written to `out` as they are made rather than held
/// (the JSON of a large analysis is several times the size of its YAML).
pub fn write(
    analysis: &Analysis,
    results: &Results,
    uncertainty: &Uncertainty,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &document(analysis, results, uncertainty))?;
    out.write_all(b"\n")
}

/// The document [`render`] and [`write`] serialise.
fn document<'a>(analysis: &'a Analysis, results: &'a Results, uncertainty: &'a Uncertainty) -> Document<'a> {
    let (observed, projected) = assurance::observed_and_projected(analysis, results);
    let [fiscal, economic, social] = assurance::value_types(analysis, results);
    let exclusions = crate::compute::exclusions::exclusions(analysis, results);
    Document {
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
        guide_payback_months: results.guide_payback_months.map(n),
        gross_value: n(results.gross_value),
        evidence_share: assurance::evidence_share(analysis, results),
        observed_present_value: n(observed),
        projected_present_value: n(projected),
        value_types: ValueTypesJson { fiscal: n(fiscal), economic: n(economic), social: n(social) },
        exclusions: exclusions
            .into_iter()
            .map(|e| ExclusionJson {
                kind: e.kind,
                id: e.id,
                reason: e.reason,
                present_value: n(e.present_value),
                sroi_ratio_if_included: n(e.sroi_ratio_if_included),
            })
            .collect(),
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
                proxy_value: n(o.proxy.value),
                gross_value: n(r.gross_value),
                impact: n(r.impact),
                values: r.values.iter().copied().map(n).collect(),
                present_value: n(r.present_value),
                excluded: r.excluded,
                exclusion_reason: o.excluded.as_deref(),
                value_type: o.value_type,
                evidence: o
                    .evidence
                    .iter()
                    .map(|e| (e.what.to_owned(), serde_json::to_value(e).unwrap_or_default()))
                    .collect(),
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
        sensitivity: uncertainty
            .sensitivity
            .iter()
            .map(|s| SensitivityJson {
                outcome: Some(&analysis.outcomes[s.outcome].id),
                input: None,
                assumption: s.assumption.key(),
                value: n(s.value),
                switching_value: s.switching_value.map(n),
                low: n(s.low),
                high: n(s.high),
                low_ratio: n(s.low_ratio),
                high_ratio: n(s.high_ratio),
            })
            .chain(uncertainty.inputs.iter().map(|i| SensitivityJson {
                outcome: None,
                input: Some(&analysis.inputs[i.input].id),
                assumption: "value",
                value: n(i.value),
                switching_value: i.switching_value.map(n),
                low: n(i.low),
                high: n(i.high),
                low_ratio: n(i.low_ratio),
                high_ratio: n(i.high_ratio),
            }))
            .chain(uncertainty.schedules.iter().map(|s| SensitivityJson {
                outcome: Some(&analysis.outcomes[s.outcome].id),
                input: None,
                assumption: "schedule",
                value: 1.0,
                switching_value: s.switching_scale.map(n),
                low: crate::compute::scenarios::SCHEDULE_SWING.0,
                high: crate::compute::scenarios::SCHEDULE_SWING.1,
                low_ratio: n(s.low_ratio),
                high_ratio: n(s.high_ratio),
            }))
            .collect(),
        discount_scenarios: uncertainty
            .discount_scenarios
            .iter()
            .map(|d| DiscountScenarioJson { rate: d.rate, sroi_ratio: n(d.sroi_ratio) })
            .collect(),
        simulation: uncertainty.simulation.as_ref().map(|s| SimulationJson {
            draws: s.draws,
            seed: s.seed,
            p5: n(s.p5),
            p50: n(s.p50),
            p95: n(s.p95),
            mean: n(s.mean),
            probability_below_one: s.probability_below_one,
        }),
    }
}
