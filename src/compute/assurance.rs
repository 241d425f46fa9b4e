//! The headline figures an assurer asks for (SPEC §6), each a sum over the
//! outcomes or years already computed: value by type, the share of value
//! resting on evidence, and observed against projected value.

use super::Results;
use crate::model::{Analysis, AnalysisKind, ValueType};

/// The assumptions whose evidence `evidence_share` counts: SPEC §6.
pub const EVIDENCED: [&str; 3] = ["quantity", "deadweight", "attribution"];

/// Present value split by [`ValueType`]: fiscal, economic, social. Excluded
/// outcomes have no present value, so they add nothing.
pub fn value_types(analysis: &Analysis, results: &Results) -> [f64; 3] {
    let mut split = [0.0; 3];
    for (o, r) in analysis.outcomes.iter().zip(&results.outcomes) {
        let k = ValueType::ALL.iter().position(|&t| t == o.value_type).unwrap_or(2);
        split[k] += r.present_value;
    }
    split
}

/// Whether an outcome's quantity, deadweight and attribution all carry evidence.
pub fn is_evidenced(outcome: &crate::model::Outcome) -> bool {
    EVIDENCED.iter().all(|what| outcome.evidence_for(what).is_some())
}

/// The share of the present value whose quantity, deadweight and attribution
/// all carry evidence. Shares are of the size of each outcome's value
/// (`Σ |PV| evidenced / Σ |PV|`), so that a harm cannot push the share
/// above 100%; 0 when nothing has value.
pub fn evidence_share(analysis: &Analysis, results: &Results) -> f64 {
    let (mut evidenced, mut all) = (0.0, 0.0);
    for (o, r) in analysis.outcomes.iter().zip(&results.outcomes) {
        all += r.present_value.abs();
        if is_evidenced(o) {
            evidenced += r.present_value.abs();
        }
    }
    if all > 0.0 { evidenced / all } else { 0.0 }
}

/// Whether year `t` (1-based) is observed: SPEC §6. In an evaluative
/// analysis, year `t` begins at the period's start plus `t − 1` years and is
/// observed when that is on or before the period's end; year 1 always is. A
/// forecast observes nothing.
pub fn is_observed(analysis: &Analysis, t: u32) -> bool {
    if analysis.kind == AnalysisKind::Forecast {
        return false;
    }
    if t <= 1 {
        return true;
    }
    analysis.period.is_some_and(|p| {
        let begins = (p.start.year + (t as i32 - 1), p.start.month, p.start.day);
        begins <= (p.end.year, p.end.month, p.end.day)
    })
}

/// `(observed, projected)` present value: the years' present values split by [`is_observed`].
pub fn observed_and_projected(analysis: &Analysis, results: &Results) -> (f64, f64) {
    results.years.iter().fold((0.0, 0.0), |(seen, projected), y| {
        if is_observed(analysis, y.year) {
            (seen + y.present_value, projected)
        } else {
            (seen, projected + y.present_value)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::compute;
    use crate::model::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// £1,000 a year for three years at 0%, against £1,000.
    fn three_years() -> Analysis {
        let o = Outcome::new("o", 0, 100.0, Profile::Constant { quantity: 10.0, duration: 3, drop_off: 0.0 });
        let inputs = vec![Input::new("i", InputValue::Amount(1000.0), 0)];
        let mut a = Analysis::new("t", vec![Stakeholder::new("s", "S")], inputs, vec![o]);
        a.settings.discount_rate = DiscountRate::Constant(0.0);
        a
    }

    #[test]
    fn a_one_year_period_observes_year_1_only() {
        // 2025-04-01 to 2026-03-31: year 2 begins 2026-04-01, after the end.
        // Observed £1,000 (year 1), projected £2,000 (years 2 and 3).
        let mut a = three_years();
        a.period = Some(Period { start: date(2025, 4, 1), end: date(2026, 3, 31) });
        let (seen, projected) = observed_and_projected(&a, &compute(&a));
        assert!(close(seen, 1000.0) && close(projected, 2000.0), "{seen} {projected}");
    }

    #[test]
    fn a_two_year_period_observes_years_1_and_2() {
        // 2024-04-01 to 2026-03-31: year 2 begins 2025-04-01, within; year 3
        // begins 2026-04-01, after. Observed £2,000, projected £1,000.
        let mut a = three_years();
        a.period = Some(Period { start: date(2024, 4, 1), end: date(2026, 3, 31) });
        let (seen, projected) = observed_and_projected(&a, &compute(&a));
        assert!(close(seen, 2000.0) && close(projected, 1000.0), "{seen} {projected}");
        // A year that begins on the period's last day is observed.
        a.period = Some(Period { start: date(2024, 4, 1), end: date(2025, 4, 1) });
        let (seen, _) = observed_and_projected(&a, &compute(&a));
        assert!(close(seen, 2000.0));
    }

    #[test]
    fn without_a_period_year_1_is_observed_and_a_forecast_observes_nothing() {
        let mut a = three_years();
        let (seen, projected) = observed_and_projected(&a, &compute(&a));
        assert!(close(seen, 1000.0) && close(projected, 2000.0));
        a.kind = AnalysisKind::Forecast;
        let (seen, projected) = observed_and_projected(&a, &compute(&a));
        assert!(close(seen, 0.0) && close(projected, 3000.0));
    }

    #[test]
    fn value_types_and_evidence_share_split_the_present_value() {
        // Fiscal £600 (evidenced) and social £400 with a −£100 harm (not):
        // the split is 600 / 0 / 300; evidence covers 600 of |600|+|400|+|−100| = 1,100.
        let mut fiscal =
            Outcome::new("f", 0, 60.0, Profile::Constant { quantity: 10.0, duration: 1, drop_off: 0.0 });
        fiscal.value_type = ValueType::Fiscal;
        for what in EVIDENCED {
            fiscal.evidence.push(Evidence {
                what,
                source: "records".into(),
                method: None,
                sample: None,
                grade: None,
            });
        }
        let social =
            Outcome::new("s", 0, 40.0, Profile::Constant { quantity: 10.0, duration: 1, drop_off: 0.0 });
        let harm =
            Outcome::new("h", 0, -10.0, Profile::Constant { quantity: 10.0, duration: 1, drop_off: 0.0 });
        let mut a = three_years();
        a.outcomes = vec![fiscal, social, harm];
        let r = compute(&a);
        let split = value_types(&a, &r);
        assert!(close(split[0], 600.0) && close(split[1], 0.0) && close(split[2], 300.0), "{split:?}");
        assert!(close(split.iter().sum(), r.present_value));
        assert!(close(evidence_share(&a, &r), 600.0 / 1100.0));
    }
}
