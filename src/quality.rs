//! Quality checks (`sroi check`, SPEC §3): the analysis held against the
//! eight principles of social value, and against the assumptions of
//! published analyses (`data/benchmarks.yaml`, shipped with its source).
//!
//! Findings are diagnostics with a stable code, a severity, a location, a
//! hint and the principle they serve. They never stop a report: they say
//! where an analysis may over-claim or leave readers unable to check it.

use serde::Deserialize;

use crate::compute::Results;
use crate::diag::{Diagnostic, Principle};
use crate::format::{percent, ratio};
use crate::model::{Analysis, Outcome, Profile};
use crate::source::Loc;

/// The distribution of one assumption in published analyses.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spread {
    /// How many analyses gave it.
    pub n: u32,
    /// Median.
    pub median: f64,
    /// 10th percentile, where known.
    pub p10: Option<f64>,
    /// 90th percentile, where known.
    pub p90: Option<f64>,
}

/// Published practice, as shipped in `data/benchmarks.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmarks {
    /// Where the figures come from.
    pub source: String,
    /// Deadweight.
    pub deadweight: Spread,
    /// Attribution.
    pub attribution: Spread,
    /// Drop-off.
    pub drop_off: Spread,
    /// Discount rate.
    pub discount_rate: Spread,
    /// The SROI ratio.
    pub sroi_ratio: Spread,
}

/// The shipped benchmarks file.
pub const BENCHMARKS: &str = include_str!("../data/benchmarks.yaml");

/// The shipped benchmarks. The file is part of the build and tested to parse.
/// Parsed once per process: a portfolio checks thousands of analyses against them.
pub fn benchmarks() -> Benchmarks {
    static PARSED: std::sync::LazyLock<Benchmarks> = std::sync::LazyLock::new(|| {
        serde_saphyr::from_str(BENCHMARKS)
            .unwrap_or_else(|e| unreachable!("data/benchmarks.yaml is tested to parse: {e}"))
    });
    PARSED.clone()
}

/// Durations longer than this need evidence that the change lasts.
pub const LONG_DURATION: u32 = 5;

/// How findings name an outcome: by what changes, as readers of a report know it.
fn named(o: &Outcome) -> String {
    let short: String = o.description.chars().take(60).collect();
    let cut = if short.chars().count() < o.description.chars().count() { "…" } else { "" };
    format!("“{}{cut}”", short.trim_end())
}

/// SPEC §6: each exclusion worth at least `settings.materiality` of the
/// present value (by size: a harm as much as a gain) must be argued.
fn material_exclusions(analysis: &Analysis, results: &Results) -> Vec<Diagnostic> {
    use crate::compute::exclusions::{ExclusionKind, exclusions};
    let c = analysis.currency.as_str();
    let materiality = analysis.settings.materiality;
    exclusions(analysis, results)
        .into_iter()
        .filter(|e| e.is_material(results.present_value, materiality))
        .map(|e| {
            let (what, loc) = match e.kind {
                ExclusionKind::Stakeholder => {
                    let s = &analysis.stakeholders[e.index];
                    (format!("the excluded group {}", s.name), s.loc)
                }
                ExclusionKind::Outcome => {
                    let o = &analysis.outcomes[e.index];
                    (format!("the excluded outcome {}", named(o)), o.loc)
                }
            };
            let share = e.share(results.present_value);
            let share = if share.is_finite() { percent(share) } else { "all".to_owned() };
            let (verb, principle) = if e.present_value < 0.0 {
                ("holds a harm of", Principle::DoNotOverClaim)
            } else {
                ("holds", Principle::OnlyIncludeWhatIsMaterial)
            };
            Diagnostic::warning(
                "material-exclusion",
                format!(
                    "{what} {verb} {} ({share} of the present value): with it the ratio is {}, not {}",
                    crate::format::money(e.present_value, c),
                    ratio(e.sroi_ratio_if_included),
                    ratio(results.sroi_ratio)
                ),
            )
            .at(loc)
            .hint(format!(
                "an excluded harm, or an exclusion of {} or more of the value, must be argued with evidence, not assumed: include it, or show in `excluded:` why it is not material (settings.materiality sets the threshold)",
                percent(materiality)
            ))
            .principle(principle)
        })
        .collect()
}

/// A library proxy whose unit is not a person (one WELLBY, one tonne of
/// CO2e) valued over a quantity equal to the group's size: most likely the
/// people were counted, not the units, and each valued at a whole unit.
fn units_not_people(analysis: &Analysis, included: &[&Outcome]) -> Vec<Diagnostic> {
    let underived = included.iter().filter_map(|o| {
        let library = o.proxy.library.as_ref().filter(|l| !l.counts_people())?;
        (o.evidence_for("quantity").is_none()).then(|| {
            Diagnostic::note(
                "quantity-not-derived",
                format!(
                    "{} counts units of `{}` ({}), not people, but does not say how the number was reached",
                    named(o),
                    library.id,
                    library.unit.as_deref().unwrap_or("")
                ),
            )
            .at(o.loc)
            .hint("add `evidence: { quantity: { source: …, method: … } }` saying how the units were counted (for WELLBYs: people × the measured rise in life satisfaction)")
            .principle(Principle::BeTransparent)
        })
    });
    let group_sized = included
        .iter()
        .filter_map(|o| {
            let library = o.proxy.library.as_ref().filter(|l| !l.counts_people())?;
            let size = analysis.stakeholders[o.stakeholder].size?;
            let Profile::Constant { quantity, .. } = o.profile else { return None };
            (quantity == size).then(|| {
                Diagnostic::warning(
                    "quantity-is-group-size",
                    format!(
                        "{} counts {} units of `{}` ({}), the size of its group: people, not units, may have been counted",
                        named(o),
                        crate::format::number(quantity, 0),
                        library.id,
                        library.unit.as_deref().unwrap_or("")
                    ),
                )
                .at(o.loc)
                .hint("give the quantity in the proxy's units (for a WELLBY, people × the rise in life satisfaction), and say how it was reached in `indicator:` or `evidence: { quantity: … }`")
                .principle(Principle::DoNotOverClaim)
            })
        });
    group_sized.chain(underived).collect()
}

/// SPEC §6: each outcome with at least 10% of the value whose quantity,
/// deadweight or attribution has no evidence; an evaluative analysis that is
/// mostly projected value.
fn evidence_findings(analysis: &Analysis, results: &Results) -> Vec<Diagnostic> {
    use crate::compute::assurance::{EVIDENCED, observed_and_projected};
    let mut out = Vec::new();
    let size: f64 = results.outcomes.iter().map(|r| r.present_value.abs()).sum();
    for (o, r) in analysis.outcomes.iter().zip(&results.outcomes) {
        let share = if size > 0.0 { r.present_value.abs() / size } else { 0.0 };
        let missing: Vec<&str> =
            EVIDENCED.iter().copied().filter(|what| o.evidence_for(what).is_none()).collect();
        if r.excluded || share < 0.1 || missing.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "missing-evidence",
                format!(
                    "{} holds {} of the value, but its {} {} no evidence",
                    named(o),
                    percent(share),
                    crate::load::decode::quoted_list(missing.iter().copied()).replace('`', ""),
                    if missing.len() == 1 { "has" } else { "have" }
                ),
            )
            .at(o.loc)
            .hint(format!(
                "say where each figure comes from under `evidence:`, such as `evidence: {{ {}: {{ source: Follow-up survey, method: survey, sample: 84, grade: moderate }} }}`",
                missing[0]
            ))
            .principle(Principle::BeTransparent),
        );
    }
    let (observed, projected) = observed_and_projected(analysis, results);
    if analysis.kind == crate::model::AnalysisKind::Evaluative && projected > observed && projected > 0.0 {
        let share = projected / (observed + projected).max(f64::MIN_POSITIVE);
        out.push(
            Diagnostic::warning(
                "mostly-projected",
                format!(
                    "this evaluation is mostly projection: {} of its present value is in years after its period",
                    percent(share)
                ),
            )
            .at(Loc::START)
            .hint("say so where the ratio is quoted, give the observed ratio beside it, or shorten durations to what was seen")
            .principle(Principle::DoNotOverClaim),
        );
    }
    out
}

/// A fiscal saving that is a transfer of the money a participant gains: a
/// benefit no longer paid, counted beside the earnings that replaced it.
pub(crate) fn transfer_double_counts(included: &[&Outcome]) -> Vec<Diagnostic> {
    use crate::model::ValueType;
    let text = |o: &Outcome| {
        let p = &o.proxy;
        [p.description.as_deref(), p.source.as_deref(), p.library.as_ref().map(|l| l.id.as_str())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let is_benefit = |o: &Outcome| {
        let t = text(o);
        t.contains("benefit") || t.contains("universal credit") || t.contains("allowance")
    };
    let is_earnings = |o: &Outcome| {
        let t = text(o);
        o.value_type == ValueType::Economic || t.contains("earnings") || t.contains(" wage")
    };
    // Earnings written net of the benefit they replace ("net of Universal
    // Credit") are already right: the saving beside them is the state's share.
    let earnings: Vec<&&Outcome> =
        included.iter().filter(|o| is_earnings(o) && !is_benefit(o) && !text(o).contains("net of")).collect();
    let Some(first) = earnings.first() else {
        return Vec::new();
    };
    included
        .iter()
        .filter(|o| is_benefit(o) && (o.value_type == ValueType::Fiscal || o.value_type == ValueType::Social))
        .filter(|o| !earnings.iter().any(|e| e.id == o.id))
        .map(|o| {
            Diagnostic::warning(
                "transfer-double-count",
                format!(
                    "{} counts a benefit no longer paid beside {}: the benefit is a transfer, so the same money is counted twice",
                    named(o),
                    named(first)
                ),
            )
            .at(o.loc)
            .hint(format!(
                "value the participant's gain net of the benefit lost (earnings − benefit) in {}, saying `net of` in its proxy's description, and keep the saving as `value_type: fiscal`; or leave the saving out with `excluded:` and the reason",
                named(first)
            ))
            .principle(Principle::DoNotOverClaim)
        })
        .collect()
}

/// The mean of `f` over included outcomes, if there are any.
fn mean(outcomes: &[&Outcome], f: impl Fn(&Outcome) -> Option<f64>) -> Option<f64> {
    let values: Vec<f64> = outcomes.iter().filter_map(|o| f(o)).collect();
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Every quality finding of `analysis`, whose figures are `results`.
pub fn findings(analysis: &Analysis, results: &Results, benchmarks: &Benchmarks) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let included: Vec<&Outcome> = analysis.outcomes.iter().filter(|o| analysis.is_counted(o)).collect();
    let first = included.first().map_or(Loc::START, |o| o.loc);

    if !analysis.stakeholders.is_empty() && analysis.stakeholders.iter().all(|s| s.is_excluded()) {
        out.push(
            Diagnostic::warning(
                "nothing-counted",
                "every stakeholder is excluded, so the analysis counts no value at all",
            )
            .at(analysis.stakeholders[0].loc)
            .hint("count the groups whose change the analysis is about: remove `excluded:` from them")
            .principle(Principle::OnlyIncludeWhatIsMaterial),
        );
    }
    let draws = analysis.settings.simulation.draws;
    if (1..1000).contains(&draws) && analysis.outcomes.iter().any(|o| !o.ranges.is_empty()) {
        out.push(
            Diagnostic::warning(
                "few-draws",
                format!("the simulation makes only {draws} draws, too few for stable percentiles"),
            )
            .at(Loc::START)
            .hint("use 10,000 draws (the default), or `draws: 0` to turn the simulation off")
            .principle(Principle::VerifyTheResult),
        );
    }

    // Do not over-claim: the three adjustments, drop-off and duration.
    if !included.is_empty() && included.iter().all(|o| o.deadweight == 0.0) {
        out.push(
            Diagnostic::warning("no-deadweight", "no outcome has any deadweight: all the change is claimed as the programme's")
                .at(first)
                .hint("estimate what would have happened anyway, from a comparison group or national trends, and give it as `deadweight:`")
                .principle(Principle::DoNotOverClaim),
        );
    }
    if !included.is_empty() && included.iter().all(|o| o.attribution == 0.0) {
        out.push(
            Diagnostic::warning("no-attribution", "no outcome has any attribution: nobody else is credited with any of the change")
                .at(first)
                .hint("ask stakeholders who else contributed (family, other services) and give their share as `attribution:`")
                .principle(Principle::DoNotOverClaim),
        );
    }
    if !included.is_empty() && included.iter().all(|o| o.displacement == 0.0) {
        out.push(
            Diagnostic::note("no-displacement", "no outcome has any displacement; if none displaces value elsewhere, say why in the report")
                .at(first)
                .hint("consider whether an outcome moves a benefit from someone else (a job another person would have had)")
                .principle(Principle::DoNotOverClaim),
        );
    }
    for o in &included {
        if let Profile::Constant { duration, drop_off, .. } = o.profile {
            // For a harm (a negative proxy), leaving out drop-off under-claims: no warning.
            if duration > 1 && drop_off == 0.0 && o.proxy.value > 0.0 {
                out.push(
                    Diagnostic::warning("no-drop-off", format!("{} lasts {duration} years with no drop-off", named(o)))
                        .at(o.loc)
                        .hint("most change fades: give a `drop_off:` for each year after the first, or evidence that it does not")
                        .principle(Principle::DoNotOverClaim),
                );
            }
            if duration > LONG_DURATION {
                out.push(
                    Diagnostic::warning("long-duration", format!("{} is valued for {duration} years, over {LONG_DURATION}", named(o)))
                        .at(o.loc)
                        .hint("durations beyond five years need evidence that the change lasts; otherwise shorten it")
                        .principle(Principle::DoNotOverClaim),
                );
            }
        }
    }

    // Be transparent: every value traceable to a source.
    for o in &analysis.outcomes {
        if o.proxy.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            out.push(
                Diagnostic::warning(
                    "proxy-without-source",
                    format!("the proxy of {} has no source", named(o)),
                )
                .at(o.loc)
                .hint("add `source:` to the proxy: the publication, table and year its value comes from")
                .principle(Principle::BeTransparent),
            );
        }
    }

    // Involve stakeholders; understand what changes.
    for (i, s) in analysis.stakeholders.iter().enumerate() {
        if s.is_excluded() {
            continue;
        }
        if s.engagement.as_deref().is_none_or(|e| e.trim().is_empty()) {
            out.push(
                Diagnostic::warning("no-engagement", format!("there is no evidence that {} were involved", s.name))
                    .at(s.loc)
                    .hint("add `engagement:`: how the group was asked what changed for them (surveys, interviews, focus groups)")
                    .principle(Principle::InvolveStakeholders),
            );
        }
        if !analysis.outcomes.iter().any(|o| o.stakeholder == i) {
            out.push(
                Diagnostic::warning(
                    "stakeholder-without-outcomes",
                    format!("{} are counted but have no outcomes", s.name),
                )
                .at(s.loc)
                .hint("add what changes for the group, or exclude it with `excluded:` and the reason")
                .principle(Principle::UnderstandWhatChanges),
            );
        }
    }
    if analysis.outputs.is_empty() {
        if !analysis.outcomes.is_empty() {
            out.push(
                Diagnostic::note("no-outputs", "the analysis has no outputs, so the theory of change does not show how outcomes arise")
                    .at(Loc::START)
                    .hint("list what the programme delivers under `outputs:` and link outcomes to them with `outputs: [...]`")
                    .principle(Principle::UnderstandWhatChanges),
            );
        }
    } else {
        for o in analysis.outcomes.iter().filter(|o| o.outputs.is_empty()) {
            out.push(
                Diagnostic::warning(
                    "outcome-without-output",
                    format!("{} is not linked to any output", named(o)),
                )
                .at(o.loc)
                .hint("say which outputs lead to it with `outputs: [...]`")
                .principle(Principle::UnderstandWhatChanges),
            );
        }
    }
    if !analysis.outcomes.is_empty() && analysis.outcomes.iter().all(|o| o.proxy.value >= 0.0) {
        out.push(
            Diagnostic::note(
                "no-negative-outcome",
                "no negative outcome is valued; the principles ask for unintended and negative change too",
            )
            .at(first)
            .hint("if stakeholders reported any harm, value it with a negative proxy")
            .principle(Principle::UnderstandWhatChanges),
        );
    }

    out.extend(material_exclusions(analysis, results));
    out.extend(units_not_people(analysis, &included));
    out.extend(evidence_findings(analysis, results));
    out.extend(transfer_double_counts(&included));

    // Verify the result: concentration and plausibility against published practice.
    // An outcome's share is of the value created before harms, so that a harm
    // cannot make one outcome "carry" more than all of it.
    let created: f64 = results.outcomes.iter().map(|r| r.present_value.max(0.0)).sum();
    if created > 0.0 {
        for (o, r) in analysis.outcomes.iter().zip(&results.outcomes) {
            let share = r.present_value / created;
            if share > 0.5 && included.len() > 1 {
                out.push(
                    Diagnostic::note(
                        "dominant-outcome",
                        format!("{} carries {} of the value", named(o), percent(share)),
                    )
                    .at(o.loc)
                    .hint(
                        "the result rests on this outcome: check its quantity, proxy and adjustments hardest",
                    )
                    .principle(Principle::VerifyTheResult),
                );
            }
        }
    }
    let published =
        |name: &str, value: f64, spread: Spread, show: &dyn Fn(f64) -> String| -> Option<Diagnostic> {
            let (p10, p90) = (spread.p10?, spread.p90?);
            let side = if value < p10 {
                "below the 10th percentile"
            } else if value > p90 {
                "above the 90th percentile"
            } else {
                return None;
            };
            Some(
            Diagnostic::note(
                "outside-published-range",
                format!(
                    "the average {name} ({}) is {side} of published analyses ({} to {}, median {}, n = {})",
                    show(value),
                    show(p10),
                    show(p90),
                    show(spread.median),
                    spread.n
                ),
            )
            .at(first)
            .hint(format!("an unusual {name} may be right, but say why; source: {}", benchmarks.source))
            .principle(Principle::DoNotOverClaim),
        )
        };
    let pct = |v: f64| percent(v);
    out.extend(
        mean(&included, |o| Some(o.deadweight))
            .and_then(|v| published("deadweight", v, benchmarks.deadweight, &pct)),
    );
    out.extend(
        mean(&included, |o| Some(o.attribution))
            .and_then(|v| published("attribution", v, benchmarks.attribution, &pct)),
    );
    out.extend(
        crate::compute::average_drop_off(analysis)
            .and_then(|v| published("drop-off", v, benchmarks.drop_off, &pct)),
    );
    if let Some(p90) = benchmarks.sroi_ratio.p90
        && results.sroi_ratio > p90
    {
        out.push(
            Diagnostic::warning(
                "high-ratio",
                format!(
                    "the ratio of {} is above {}, the 90th percentile of published analyses",
                    ratio(results.sroi_ratio),
                    ratio(p90)
                ),
            )
            .at(Loc::START)
            .hint(format!("very high ratios are usually over-claimed: check quantities, proxies and adjustments; source: {}", benchmarks.source))
            .principle(Principle::VerifyTheResult),
        );
    }
    out.sort_by_key(|d| d.loc.map(|l| (l.line, l.column)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn the_shipped_benchmarks_load_with_their_source() {
        let b = benchmarks();
        assert!(b.source.contains("Social Value International"));
        assert_eq!(b.sroi_ratio.p90, Some(10.22));
        assert_eq!((b.deadweight.n, b.attribution.n, b.drop_off.n), (154, 216, 90));
    }

    fn codes(text: &str) -> Vec<&'static str> {
        let source = SourceFile::new("t.yaml", text);
        let (a, _) = crate::analyse(&source).unwrap_or_else(|d| panic!("{d:?}"));
        let r = crate::compute::compute(&a);
        findings(&a, &r, &benchmarks()).into_iter().map(|d| d.code).collect()
    }

    const CAREFUL: &str = "sroi: 1\ntitle: t\nstakeholders: [{id: s, name: S, engagement: Survey}, {id: h, name: H, engagement: Survey}]\ninputs: [{id: i, amount: 10000}]\noutputs: [{id: o, description: Sessions}]\noutcomes:\n  - {id: a, stakeholder: s, outputs: [o], description: A, evidence: {quantity: {source: Survey}, deadweight: {source: ONS}, attribution: {source: Interviews}}, quantity: 10, proxy: {value: 1000, source: Book}, duration: 2, deadweight: 20%, displacement: 5%, attribution: 25%, drop_off: 20%}\n  - {id: b, stakeholder: s, outputs: [o], description: B, evidence: {quantity: {source: Survey}, deadweight: {source: ONS}, attribution: {source: Interviews}}, quantity: 10, proxy: {value: 900, source: Book}, deadweight: 20%, attribution: 25%}\n  - {id: c, stakeholder: s, outputs: [o], description: C, evidence: {quantity: {source: Survey}, deadweight: {source: ONS}, attribution: {source: Interviews}}, quantity: 10, proxy: {value: 950, source: Book}, deadweight: 20%, attribution: 25%}\n  - {id: harm, stakeholder: h, outputs: [o], description: H, quantity: 1, proxy: {value: -100, source: Book}, deadweight: 20%, attribution: 25%}\n";

    #[test]
    fn a_careful_analysis_has_no_findings() {
        assert_eq!(codes(CAREFUL), Vec::<&str>::new());
    }

    #[test]
    fn each_check_fires_on_a_case_made_to_trip_it() {
        let trip = |from: &str, to: &str, code: &str| {
            assert!(CAREFUL.contains(from), "{from}");
            let found = codes(&CAREFUL.replace(from, to));
            assert!(found.contains(&code), "{code} not in {found:?}");
        };
        let no_dw = CAREFUL.replace("deadweight: 20%, ", "");
        assert!(codes(&no_dw).contains(&"no-deadweight"));
        assert!(codes(&CAREFUL.replace("attribution: 25%", "attribution: 0%")).contains(&"no-attribution"));
        assert!(codes(&CAREFUL.replace("displacement: 5%, ", "")).contains(&"no-displacement"));
        trip("drop_off: 20%", "drop_off: 0%", "no-drop-off");
        trip("duration: 2,", "duration: 8,", "long-duration");
        trip("value: 900, source: Book", "value: 900", "proxy-without-source");
        trip("{id: h, name: H, engagement: Survey}", "{id: h, name: H}", "no-engagement");
        trip(
            "{id: h, name: H, engagement: Survey}",
            "{id: h, name: H, engagement: Survey}, {id: x, name: X, engagement: Survey}",
            "stakeholder-without-outcomes",
        );
        trip("{id: b, stakeholder: s, outputs: [o],", "{id: b, stakeholder: s,", "outcome-without-output");
        trip("value: -100", "value: 100", "no-negative-outcome");
        trip("quantity: 10, proxy: {value: 1000", "quantity: 100, proxy: {value: 1000", "dominant-outcome");
        trip("deadweight: 20%", "deadweight: 90%", "outside-published-range");
        trip("amount: 10000", "amount: 100", "high-ratio");
        trip(&format!("description: B, {E}"), "description: B, ", "missing-evidence");
        trip("description: C,", "description: C, excluded: Not yet measured,", "material-exclusion");
        trip("duration: 2,", "duration: 9,", "mostly-projected");
    }

    const E: &str = "evidence: {quantity: {source: Survey}, deadweight: {source: ONS}, attribution: {source: Interviews}}, ";

    #[test]
    fn a_wellby_quantity_equal_to_the_group_is_questioned() {
        let text = |q: &str| {
            format!(
                "sroi: 1\ntitle: t\nstakeholders: [{{id: s, name: S, size: 150, engagement: Survey}}]\ninputs: [{{id: i, amount: 10000}}]\noutcomes:\n  - {{id: w, stakeholder: s, description: W, quantity: {q}, proxy: wellby, deadweight: 20%, attribution: 25%}}\n"
            )
        };
        assert!(codes(&text("150")).contains(&"quantity-is-group-size"));
        // 150 people each 0.1 points happier: 15 WELLBYs.
        assert!(!codes(&text("15")).contains(&"quantity-is-group-size"));
        // Without evidence for the quantity, it is not said how 15 was reached.
        assert!(codes(&text("15")).contains(&"quantity-not-derived"));
        let said = text("15").replace("proxy: wellby,", "proxy: wellby, evidence: {quantity: {source: Survey of 150 members with a mean rise of 0.1 points}},");
        assert!(!codes(&said).contains(&"quantity-not-derived"), "{:?}", codes(&said));
    }

    #[test]
    fn a_benefit_saving_beside_earnings_is_a_double_count_unless_the_earnings_are_net() {
        let both = CAREFUL
            .replace(
                "value: 1000, source: Book",
                "value: 1000, source: A year's earnings at the National Living Wage",
            )
            .replace("value: 900, source: Book", "value: 900, source: Universal Credit no longer paid");
        assert!(codes(&both).contains(&"transfer-double-count"), "{:?}", codes(&both));
        let net = both.replace("A year's earnings", "A year's earnings net of Universal Credit");
        assert!(!codes(&net).contains(&"transfer-double-count"));
    }

    #[test]
    fn an_outcome_share_counts_value_created_before_harms_so_never_exceeds_all_of_it() {
        // A harm of 1 × −£30,000 × 0.8 × 0.75 = −£18,000 (−£17,391 today) against
        // a: £5,700 + £4,560 (£9,764 today), b: £5,217, c: £5,507 today. The
        // present value is £3,097, of which a would "carry" 315%; of the
        // £20,488 created before harms it carries 47.7%: not dominant.
        let harmful =
            CAREFUL.replace("quantity: 1, proxy: {value: -100", "quantity: 1, proxy: {value: -30000");
        assert!(!codes(&harmful).contains(&"dominant-outcome"), "{:?}", codes(&harmful));
        // Without the harm, a larger `a` still trips it (see each_check_fires…).
    }
}
