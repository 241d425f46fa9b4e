//! Sensitivity beyond each outcome's own assumptions, as the Guide's §5.4
//! asks (SPEC §6): each input's value, each schedule's quantities scaled
//! together, and the discount rate.
//!
//! Present value is a sum over outcomes and investment a sum over inputs, so
//! every row here moves one term of one sum and leaves the rest alone; no
//! row recomputes the analysis:
//!
//! ```text
//! input i valued a:       ratio(a) = PV / (I − d_i a_i + d_i a)        switching a* = (PV − I + d_i a_i) / d_i
//! schedule o scaled by s: ratio(s) = (PV − PV_o + s PV_o) / I          switching s* = (I − PV + PV_o) / PV_o
//! ```
//!
//! with `d_i` the input's discount factor and `PV_o` the outcome's present
//! value. A switching value below zero is `None`: no value gets there. Only
//! the discount-rate scenarios recompute, once per rate, because the rate
//! moves every term at once.

use super::{Results, compute_with};
use crate::model::{Analysis, DiscountRate, InputValue, Profile};

/// The swing of a schedule's quantities, all scaled together: ±20%.
pub const SCHEDULE_SWING: (f64, f64) = (0.8, 1.2);

/// One input's value, tested.
#[derive(Debug, Clone, PartialEq)]
pub struct InputSensitivity {
    /// Index into [`Analysis::inputs`].
    pub input: usize,
    /// Its value now (`amount`, or `hours × rate`).
    pub value: f64,
    /// Whether it is given in kind (time, or said to be "in kind"): its low swing is zero.
    pub in_kind: bool,
    /// The value at which the ratio is exactly 1, if it is zero or more.
    pub switching_value: Option<f64>,
    /// The low end of the swing: zero for an in-kind input, else −20%.
    pub low: f64,
    /// The high end: +20%.
    pub high: f64,
    /// The ratio at `low`.
    pub low_ratio: f64,
    /// The ratio at `high`.
    pub high_ratio: f64,
}

/// One schedule outcome's quantities, scaled together.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleSensitivity {
    /// Index into [`Analysis::outcomes`].
    pub outcome: usize,
    /// The scale at which the ratio is exactly 1 (1 is the schedule as written), if zero or more.
    pub switching_scale: Option<f64>,
    /// The ratio with every quantity at 80%.
    pub low_ratio: f64,
    /// The ratio with every quantity at 120%.
    pub high_ratio: f64,
}

/// The ratio under one discount rate.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscountScenario {
    /// `"0%"`, `"1.5%"`, `"3.5%"`, `"6%"` or `"green-book"`.
    pub rate: &'static str,
    /// The SROI ratio under it, timing unchanged.
    pub sroi_ratio: f64,
}

/// Whether an input is given in kind: volunteer time, or an amount said to be
/// given "in kind" in its description.
pub fn is_in_kind(input: &crate::model::Input) -> bool {
    matches!(input.value, InputValue::Time { .. })
        || input.description.as_deref().is_some_and(|d| d.to_lowercase().contains("in kind"))
}

/// Each input of `analysis`, whose figures are `results`, valued from its low to its high.
pub fn inputs(analysis: &Analysis, results: &Results) -> Vec<InputSensitivity> {
    let (pv, investment) = (results.present_value, results.investment);
    analysis
        .inputs
        .iter()
        .zip(&results.inputs)
        .enumerate()
        .map(|(i, (input, r))| {
            let factor = if r.amount != 0.0 { r.present_value / r.amount } else { 1.0 };
            let rest = investment - r.present_value;
            let ratio_at = |a: f64| pv / (rest + factor * a);
            let in_kind = is_in_kind(input);
            let (low, high) = (if in_kind { 0.0 } else { 0.8 * r.amount }, 1.2 * r.amount);
            let switching = (pv - rest) / factor;
            InputSensitivity {
                input: i,
                value: r.amount,
                in_kind,
                switching_value: (switching >= 0.0 && switching.is_finite()).then_some(switching),
                low,
                high,
                low_ratio: ratio_at(low),
                high_ratio: ratio_at(high),
            }
        })
        .collect()
}

/// Each counted schedule outcome, its quantities scaled together.
pub fn schedules(analysis: &Analysis, results: &Results) -> Vec<ScheduleSensitivity> {
    let (pv, investment) = (results.present_value, results.investment);
    analysis
        .outcomes
        .iter()
        .zip(&results.outcomes)
        .enumerate()
        .filter(|(_, (o, r))| matches!(o.profile, Profile::Schedule(_)) && !r.excluded)
        .map(|(index, (_, r))| {
            let own = r.present_value;
            let ratio_at = |s: f64| (pv - own + s * own) / investment;
            let switching = (investment - pv + own) / own;
            ScheduleSensitivity {
                outcome: index,
                switching_scale: (own != 0.0 && switching >= 0.0).then_some(switching),
                low_ratio: ratio_at(SCHEDULE_SWING.0),
                high_ratio: ratio_at(SCHEDULE_SWING.1),
            }
        })
        .collect()
}

/// The ratio at 0%, 1.5%, 3.5%, 6% and the Green Book schedule, the timing as the analysis has it.
pub fn discount_scenarios(analysis: &Analysis) -> Vec<DiscountScenario> {
    [
        ("0%", DiscountRate::Constant(0.0)),
        ("1.5%", DiscountRate::Constant(0.015)),
        ("3.5%", DiscountRate::Constant(0.035)),
        ("6%", DiscountRate::Constant(0.06)),
        ("green-book", DiscountRate::GreenBook),
    ]
    .into_iter()
    .map(|(rate, discount_rate)| {
        let settings = crate::model::Settings { discount_rate, ..analysis.settings };
        DiscountScenario { rate, sroi_ratio: compute_with(analysis, settings).sroi_ratio }
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::compute;
    use crate::model::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    /// £3,000 of value in year 1 at 0%; £1,000 of grant and 100 h × £10 of time.
    fn analysis() -> Analysis {
        let o = Outcome::new("o", 0, 100.0, Profile::Constant { quantity: 30.0, duration: 1, drop_off: 0.0 });
        let time = Input::new("time", InputValue::Time { hours: 100.0, rate: 10.0 }, 0);
        let inputs = vec![Input::new("grant", InputValue::Amount(1000.0), 0), time];
        let mut a = Analysis::new("t", vec![Stakeholder::new("s", "S")], inputs, vec![o]);
        a.settings.discount_rate = DiscountRate::Constant(0.0);
        a
    }

    #[test]
    fn an_in_kind_input_swings_to_zero_and_its_switching_value_is_linear() {
        // PV £3,000 over £2,000: 1.5 : 1. Time valued at £0: 3,000 / 1,000 = 3;
        // at +20% (£1,200): 3,000 / 2,200. The ratio is 1 when the time is
        // worth 3,000 − 1,000 = £2,000.
        let a = analysis();
        let r = compute(&a);
        let rows = inputs(&a, &r);
        let time = &rows[1];
        assert!(time.in_kind && time.low == 0.0);
        assert!(close(time.low_ratio, 3.0) && close(time.high_ratio, 3000.0 / 2200.0));
        assert!(close(time.switching_value.expect("reachable"), 2000.0));
        // The grant swings ±20%: 3,000 / 1,800 and 3,000 / 2,200.
        let grant = &rows[0];
        assert!(!grant.in_kind && close(grant.low, 800.0) && close(grant.low_ratio, 3000.0 / 1800.0));
        // Each switching value, put back, gives 1 : 1 by a full recomputation.
        for row in &rows {
            let mut changed = a.clone();
            changed.inputs[row.input].value = InputValue::Amount(row.switching_value.expect("reachable"));
            assert!(close(compute(&changed).sroi_ratio, 1.0));
        }
    }

    #[test]
    fn a_later_input_is_discounted_in_its_swing() {
        // At 10%, a £1,100 input in year 1 is £1,000 today: investment £2,000
        // with the £1,000 grant. Its switching value: PV £3,000 / 1.1 of
        // value… value is in year 1 too: £3,000 / 1.1 = £2,727.27; the input
        // must be worth (2,727.27 − 1,000) × 1.1 = £1,900 as written.
        let mut a = analysis();
        a.settings.discount_rate = DiscountRate::Constant(0.1);
        a.inputs[1] = Input::new("later", InputValue::Amount(1100.0), 1);
        let r = compute(&a);
        let row = &inputs(&a, &r)[1];
        assert!(close(row.switching_value.expect("reachable"), 1900.0));
    }

    #[test]
    fn a_schedule_scales_together() {
        // A schedule of [10, 20] × £100 at 0% is £3,000; with £2,000 invested
        // at 80% it is 2,400 / 2,000 = 1.2, at 120% 1.8; 1 : 1 at 2/3.
        let mut a = analysis();
        a.outcomes[0].profile = Profile::Schedule(vec![10.0, 20.0]);
        let r = compute(&a);
        let rows = schedules(&a, &r);
        assert_eq!(rows.len(), 1);
        assert!(close(rows[0].low_ratio, 1.2) && close(rows[0].high_ratio, 1.8));
        assert!(close(rows[0].switching_scale.expect("reachable"), 2.0 / 3.0));
    }

    #[test]
    fn discount_scenarios_cover_the_five_rates() {
        // Value in year 2 only: £3,000 at 0% is 1.5 : 1; at 6%, 3,000 / 1.06² / 2,000.
        let mut a = analysis();
        a.outcomes[0].start = 2;
        let rows = discount_scenarios(&a);
        let rates: Vec<&str> = rows.iter().map(|s| s.rate).collect();
        assert_eq!(rates, ["0%", "1.5%", "3.5%", "6%", "green-book"]);
        assert!(close(rows[0].sroi_ratio, 1.5));
        assert!(close(rows[3].sroi_ratio, 3000.0 / 1.06_f64.powi(2) / 2000.0));
        assert!(close(rows[4].sroi_ratio, rows[2].sroi_ratio), "the Green Book is 3.5% in years 1-30");
    }
}
