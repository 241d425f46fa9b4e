//! Laws the arithmetic must obey whatever the numbers (proptest).

use proptest::prelude::*;
use sroi::compute::compute;
use sroi::model::*;

fn outcome_strategy(positive: bool) -> impl Strategy<Value = Outcome> {
    let proxy = if positive { (1.0..50_000.0f64).boxed() } else { (-5_000.0..50_000.0f64).boxed() };
    (0.0..500.0f64, proxy, 1u32..8, 1u32..4, 0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64).prop_map(
        |(quantity, value, duration, start, deadweight, displacement, attribution, drop_off)| Outcome {
            start,
            deadweight,
            displacement,
            attribution,
            ..Outcome::new("o", 0, value, Profile::Constant { quantity, duration, drop_off })
        },
    )
}

fn analysis_strategy(positive: bool) -> impl Strategy<Value = Analysis> {
    (prop::collection::vec(outcome_strategy(positive), 1..6), 1.0..1e6f64, 0u32..3, 0.0..0.1f64).prop_map(
        |(outcomes, amount, year, rate)| {
            let stakeholders = vec![Stakeholder::new("s", "s")];
            let inputs = vec![Input::new("i", InputValue::Amount(amount), year)];
            let mut analysis = Analysis::new("t", stakeholders, inputs, outcomes);
            analysis.settings.discount_rate = DiscountRate::Constant(rate);
            analysis
        },
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn ratio_with(analysis: &Analysis, change: impl Fn(&mut Outcome)) -> f64 {
    let mut changed = analysis.clone();
    change(&mut changed.outcomes[0]);
    compute(&changed).sroi_ratio
}

proptest! {
    #[test]
    fn ratio_is_linear_in_each_proxy(a in analysis_strategy(false), p1 in -1e4..1e5f64, p2 in -1e4..1e5f64) {
        // r(p) = c + k·p, so r(p2) − r(0) = (p2 / p1)·(r(p1) − r(0)) for any p1 ≠ 0.
        prop_assume!(p1.abs() > 1.0);
        let r0 = ratio_with(&a, |o| o.proxy.value = 0.0);
        let r1 = ratio_with(&a, |o| o.proxy.value = p1);
        let r2 = ratio_with(&a, |o| o.proxy.value = p2);
        let scale = r0.abs().max(r1.abs()).max(r2.abs()).max(1.0);
        prop_assert!(((r2 - r0) - (p2 / p1) * (r1 - r0)).abs() <= 1e-9 * scale);
    }

    #[test]
    fn ratio_is_linear_in_each_quantity(a in analysis_strategy(false), q1 in 1.0..1e3f64, q2 in 0.0..1e3f64) {
        let set = |q: f64| move |o: &mut Outcome| {
            if let Profile::Constant { quantity, .. } = &mut o.profile { *quantity = q; }
        };
        let (r0, r1, r2) = (ratio_with(&a, set(0.0)), ratio_with(&a, set(q1)), ratio_with(&a, set(q2)));
        let scale = r0.abs().max(r1.abs()).max(r2.abs()).max(1.0);
        prop_assert!(((r2 - r0) - (q2 / q1) * (r1 - r0)).abs() <= 1e-9 * scale);
    }

    #[test]
    fn no_adjustments_leave_impact_equal_to_gross(mut a in analysis_strategy(false)) {
        for o in &mut a.outcomes {
            (o.deadweight, o.displacement, o.attribution) = (0.0, 0.0, 0.0);
        }
        for r in compute(&a).outcomes {
            prop_assert_eq!(r.impact, r.gross_value);
        }
    }

    #[test]
    fn more_drop_off_never_raises_present_value(a in analysis_strategy(true), extra in 0.0..1.0f64) {
        // For outcomes of positive value; for a harm, drop-off shrinks the harm.
        let before = compute(&a).present_value;
        let mut more = a.clone();
        for o in &mut more.outcomes {
            if let Profile::Constant { drop_off, .. } = &mut o.profile {
                *drop_off += (1.0 - *drop_off) * extra;
            }
        }
        prop_assert!(compute(&more).present_value <= before * (1.0 + 1e-12));
    }

    #[test]
    fn mid_year_lies_between_end_and_start(a in analysis_strategy(true)) {
        let with = |timing| {
            let mut b = a.clone();
            b.settings.discount_timing = timing;
            compute(&b).present_value
        };
        let (end, mid, start) = (with(Timing::End), with(Timing::Mid), with(Timing::Start));
        prop_assert!(end <= mid * (1.0 + 1e-12) && mid <= start * (1.0 + 1e-12), "{end} {mid} {start}");
    }

    #[test]
    fn totals_are_the_sums_of_their_parts(a in analysis_strategy(false)) {
        let r = compute(&a);
        let by_outcome: f64 = r.outcomes.iter().map(|o| o.present_value).sum();
        let by_year: f64 = r.years.iter().map(|y| y.present_value).sum();
        let by_stakeholder: f64 = r.stakeholders.iter().map(|s| s.present_value).sum();
        prop_assert!(close(by_outcome, r.present_value));
        prop_assert!(close(by_year, r.present_value));
        prop_assert!(close(by_stakeholder, r.present_value));
        prop_assert!(close(r.net_present_value, r.present_value - r.investment));
    }
}

proptest! {
    #[test]
    fn payback_falls_in_the_year_the_cumulative_present_value_first_reaches_the_investment(
        a in analysis_strategy(true)
    ) {
        let r = compute(&a);
        let cumulative: Vec<f64> = r
            .years
            .iter()
            .scan(0.0, |total, y| { *total += y.present_value; Some(*total) })
            .collect();
        match r.payback_months {
            // Never paid back: no year's running total reaches the investment.
            None => prop_assert!(cumulative.iter().all(|c| *c < r.investment)),
            Some(months) => {
                // Year k = ceil(months / 12) (at least 1) is the first to reach it.
                let k = ((months / 12.0).ceil() as usize).max(1);
                prop_assert!(cumulative[k - 1] >= r.investment * (1.0 - 1e-12));
                if k > 1 {
                    prop_assert!(cumulative[k - 2] < r.investment * (1.0 + 1e-12));
                }
                prop_assert!(months >= 0.0 && months <= 12.0 * r.years.len() as f64 + 1e-9);
            }
        }
    }

    #[test]
    fn every_input_switching_value_brings_the_ratio_to_one(a in analysis_strategy(true)) {
        let r = compute(&a);
        for row in sroi::compute::scenarios::inputs(&a, &r) {
            if let Some(value) = row.switching_value {
                let mut changed = a.clone();
                changed.inputs[row.input].value = InputValue::Amount(value);
                prop_assume!(value > 0.0);
                prop_assert!(close(compute(&changed).sroi_ratio, 1.0), "{}", compute(&changed).sroi_ratio);
            }
        }
    }

    #[test]
    fn including_every_exclusion_adds_its_listed_value(a in analysis_strategy(false), excluded in 0usize..6) {
        // Exclude one outcome; including it again gives back the ratio it lists.
        let mut a = a;
        let o = excluded % a.outcomes.len();
        a.outcomes[o].excluded = Some("test".into());
        let r = compute(&a);
        let list = sroi::compute::exclusions::exclusions(&a, &r);
        prop_assert_eq!(list.len(), 1);
        let mut back = a.clone();
        back.outcomes[o].excluded = None;
        prop_assert!(close(compute(&back).sroi_ratio, list[0].sroi_ratio_if_included));
    }
}
