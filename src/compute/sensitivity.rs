//! How far each assumption can move before the programme stops paying back.
//!
//! The ratio is `(PV_rest + PV_o(θ)) / investment`, where `PV_o(θ)` is the
//! present value of one outcome as a function of one of its assumptions and
//! `PV_rest` is everything else. The **switching value** is the `θ` at which
//! the ratio is exactly 1, that is `PV_o(θ) = investment − PV_rest`:
//!
//! - quantity and proxy: `PV_o` is proportional to them, so `θ* = target / k`
//!   with `k = PV_o(1)`;
//! - deadweight, displacement and attribution: `PV_o = (1 − θ) · k`, so
//!   `θ* = 1 − target / k` with `k = PV_o(0)`;
//! - drop-off: `PV_o` is a polynomial in `(1 − θ)`, monotonic on 0..1, so
//!   the root is found by bisection.
//!
//! A switching value outside the assumption's range (a quantity below zero, a
//! proxy changing sign, a percentage outside 0..100%) is `None`: no value
//! gets there. **Swings** move one assumption at a time to a low and a high
//! value (its `range:` where given, else ±20% for quantity and proxy, ±10
//! points for percentages, ±1 year for duration) and give the ratio at each.

use super::{Discounting, outcome_values};
use crate::model::{Analysis, Assumption, Outcome, Profile};

/// One assumption of one outcome, tested.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// Index into [`Analysis::outcomes`].
    pub outcome: usize,
    /// Which assumption.
    pub assumption: Assumption,
    /// Its value now (fractions for percentages, years for duration).
    pub value: f64,
    /// The value at which the ratio is exactly 1, if one in range exists
    /// (never given for duration, which moves in whole years).
    pub switching_value: Option<f64>,
    /// The low end of the swing.
    pub low: f64,
    /// The high end of the swing.
    pub high: f64,
    /// The ratio with the assumption at `low`.
    pub low_ratio: f64,
    /// The ratio with the assumption at `high`.
    pub high_ratio: f64,
}

/// The outcome's value of `assumption`.
pub fn get(outcome: &Outcome, assumption: Assumption) -> Option<f64> {
    Some(match (assumption, &outcome.profile) {
        (Assumption::Quantity, Profile::Constant { quantity, .. }) => *quantity,
        (Assumption::DropOff, Profile::Constant { drop_off, .. }) => *drop_off,
        (Assumption::Duration, Profile::Constant { duration, .. }) => f64::from(*duration),
        (Assumption::Quantity | Assumption::DropOff | Assumption::Duration, Profile::Schedule(_)) => {
            return None;
        }
        (Assumption::Proxy, _) => outcome.proxy.value,
        (Assumption::Deadweight, _) => outcome.deadweight,
        (Assumption::Displacement, _) => outcome.displacement,
        (Assumption::Attribution, _) => outcome.attribution,
    })
}

/// The outcome with `assumption` set to `value` (duration rounded to whole years, 1..=50).
pub fn set(outcome: &Outcome, assumption: Assumption, value: f64) -> Outcome {
    let mut o = outcome.clone();
    apply(&mut o, assumption, value);
    o
}

/// Puts `assumption` of `changed` back to what it is in `outcome`.
fn restore(changed: &mut Outcome, outcome: &Outcome, assumption: Assumption) {
    match assumption {
        Assumption::Quantity | Assumption::DropOff | Assumption::Duration => {
            changed.profile.clone_from(&outcome.profile)
        }
        Assumption::Proxy => changed.proxy.value = outcome.proxy.value,
        Assumption::Deadweight => changed.deadweight = outcome.deadweight,
        Assumption::Displacement => changed.displacement = outcome.displacement,
        Assumption::Attribution => changed.attribution = outcome.attribution,
    }
}

/// Sets `assumption` of `o` to `value` in place.
pub fn apply(o: &mut Outcome, assumption: Assumption, value: f64) {
    match (assumption, &mut o.profile) {
        (Assumption::Quantity, Profile::Constant { quantity, .. }) => *quantity = value,
        (Assumption::DropOff, Profile::Constant { drop_off, .. }) => *drop_off = value,
        (Assumption::Duration, Profile::Constant { duration, .. }) => *duration = whole_years(value),
        (Assumption::Proxy, _) => o.proxy.value = value,
        (Assumption::Deadweight, _) => o.deadweight = value,
        (Assumption::Displacement, _) => o.displacement = value,
        (Assumption::Attribution, _) => o.attribution = value,
        _ => {}
    }
}

/// Present value of one outcome under `discounting`, which must reach its last year.
pub fn outcome_present_value(outcome: &Outcome, discounting: &Discounting) -> f64 {
    let values = outcome_values(outcome, outcome.last_year());
    values.iter().enumerate().map(|(i, v)| v * discounting.factor(i as u32 + 1)).sum()
}

/// The same, without allocating: `factors[t - 1]` discounts year `t`.
pub fn outcome_present_value_with(outcome: &Outcome, factors: &[f64]) -> f64 {
    Figures::of(outcome).present_value_with(factors)
}

/// What an outcome's present value is made of (proxy value, the three
/// adjustments, start and profile), copied out of it: the simulation's
/// working copy, changed draw by draw, a few words an outcome where a clone
/// would carry its text, links and evidence for every chunk of draws. A
/// schedule is borrowed, as no assumption a draw changes is in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures<'a> {
    proxy: f64,
    deadweight: f64,
    displacement: f64,
    attribution: f64,
    start: u32,
    profile: Shape<'a>,
}

/// A [`Profile`], with a schedule borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape<'a> {
    Constant { quantity: f64, duration: u32, drop_off: f64 },
    Schedule(&'a [f64]),
}

impl<'a> Figures<'a> {
    /// The figures of `outcome`.
    pub fn of(outcome: &'a Outcome) -> Figures<'a> {
        Figures {
            proxy: outcome.proxy.value,
            deadweight: outcome.deadweight,
            displacement: outcome.displacement,
            attribution: outcome.attribution,
            start: outcome.start,
            profile: match &outcome.profile {
                Profile::Constant { quantity, duration, drop_off } => {
                    Shape::Constant { quantity: *quantity, duration: *duration, drop_off: *drop_off }
                }
                Profile::Schedule(quantities) => Shape::Schedule(quantities),
            },
        }
    }

    /// [`apply`] to the figures.
    pub fn apply(&mut self, assumption: Assumption, value: f64) {
        match (assumption, &mut self.profile) {
            (Assumption::Quantity, Shape::Constant { quantity, .. }) => *quantity = value,
            (Assumption::DropOff, Shape::Constant { drop_off, .. }) => *drop_off = value,
            (Assumption::Duration, Shape::Constant { duration, .. }) => *duration = whole_years(value),
            (Assumption::Proxy, _) => self.proxy = value,
            (Assumption::Deadweight, _) => self.deadweight = value,
            (Assumption::Displacement, _) => self.displacement = value,
            (Assumption::Attribution, _) => self.attribution = value,
            _ => {}
        }
    }

    /// The present value: `factors[t - 1]` discounts year `t`.
    pub fn present_value_with(&self, factors: &[f64]) -> f64 {
        let unit = self.proxy * super::share(self.deadweight, self.displacement, self.attribution);
        let first = (self.start - 1) as usize;
        match self.profile {
            Shape::Constant { quantity, duration, drop_off } => {
                let mut remaining = quantity * unit;
                let mut total = 0.0;
                for factor in factors.iter().skip(first).take(duration as usize) {
                    total += remaining * factor;
                    remaining *= 1.0 - drop_off;
                }
                total
            }
            Shape::Schedule(quantities) => {
                quantities.iter().zip(factors.iter().skip(first)).map(|(q, f)| q * unit * f).sum()
            }
        }
    }
}

/// A duration drawn or swung to `value`: whole years, 1..=50.
fn whole_years(value: f64) -> u32 {
    value.round().clamp(1.0, 50.0) as u32
}

/// The default swing of an assumption around `value`, clamped to its range.
fn default_swing(assumption: Assumption, value: f64) -> (f64, f64) {
    match assumption {
        Assumption::Quantity | Assumption::Proxy => {
            let (a, b) = (value * 0.8, value * 1.2);
            (a.min(b), a.max(b))
        }
        Assumption::Duration => ((value - 1.0).max(1.0), (value + 1.0).min(50.0)),
        _ => ((value - 0.1).max(0.0), (value + 0.1).min(1.0)),
    }
}

/// Bisection for the root of a continuous `f` on `[lo, hi]` where it changes sign.
fn bisect(mut f: impl FnMut(f64) -> f64, mut lo: f64, mut hi: f64) -> Option<f64> {
    let (mut f_lo, f_hi) = (f(lo), f(hi));
    if f_lo == 0.0 {
        return Some(lo);
    }
    if f_hi == 0.0 {
        return Some(hi);
    }
    if f_lo.signum() == f_hi.signum() {
        return None;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        let f_mid = f(mid);
        if f_mid == 0.0 || (hi - lo) < 1e-15 {
            return Some(mid);
        }
        if f_mid.signum() == f_lo.signum() {
            lo = mid;
            f_lo = f_mid;
        } else {
            hi = mid;
        }
    }
    Some(0.5 * (lo + hi))
}

/// Every switching value and swing of `analysis`, given its present value
/// and investment (from [`super::compute`]).
pub fn sensitivity(analysis: &Analysis, present_value: f64, investment: f64) -> Vec<Sensitivity> {
    let horizon = analysis.outcomes.iter().map(|o| o.last_year() + 1).max().unwrap_or(1).max(51);
    let discounting = Discounting::new(analysis.settings, horizon);
    // At most one row per assumption of each outcome, allocated once (a
    // vector grown by doubling holds up to twice that, and both copies while it grows).
    let mut out = Vec::with_capacity(analysis.outcomes.len() * Assumption::ALL.len());
    for (index, outcome) in analysis.outcomes.iter().enumerate() {
        if !analysis.is_counted(outcome) {
            continue;
        }
        let own = outcome_present_value(outcome, &discounting);
        let rest = present_value - own;
        let target = investment - rest;
        // One copy of the outcome, changed one assumption at a time and put
        // back, rather than a copy (with all its text) for every value tried.
        let mut changed = outcome.clone();
        let mut pv_with = |assumption, value| {
            apply(&mut changed, assumption, value);
            let pv = outcome_present_value(&changed, &discounting);
            restore(&mut changed, outcome, assumption);
            pv
        };
        for assumption in Assumption::ALL {
            let Some(value) = get(outcome, assumption) else { continue };
            let switching_value = match assumption {
                Assumption::Quantity => {
                    let k = pv_with(assumption, 1.0);
                    (k != 0.0).then(|| target / k).filter(|q| *q >= 0.0)
                }
                Assumption::Proxy => {
                    let k = pv_with(assumption, 1.0);
                    (k != 0.0)
                        .then(|| target / k)
                        .filter(|p| if value == 0.0 { *p >= 0.0 } else { p * value > 0.0 })
                }
                Assumption::Deadweight | Assumption::Displacement | Assumption::Attribution => {
                    let k = pv_with(assumption, 0.0);
                    (k != 0.0).then(|| 1.0 - target / k).filter(|p| (0.0..=1.0).contains(p))
                }
                Assumption::DropOff => bisect(|d| pv_with(assumption, d) - target, 0.0, 1.0),
                Assumption::Duration => None,
            };
            let range = outcome.ranges.iter().find(|r| r.assumption == assumption);
            let (low, high) = range.map_or_else(|| default_swing(assumption, value), |r| (r.low, r.high));
            out.push(Sensitivity {
                outcome: index,
                assumption,
                value,
                switching_value,
                low,
                high,
                low_ratio: (rest + pv_with(assumption, low)) / investment,
                high_ratio: (rest + pv_with(assumption, high)) / investment,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn analysis(path: &str) -> Analysis {
        let text = std::fs::read_to_string(path).expect("fixture");
        crate::analyse(&SourceFile::new(path, text)).expect("valid").0
    }

    #[test]
    fn every_switching_value_brings_the_ratio_to_one() {
        let mut checked = 0;
        for path in [
            "fixtures/youth-into-work.yaml",
            "fixtures/befriending-forecast.yaml",
            "fixtures/community-garden.yaml",
        ] {
            let a = analysis(path);
            let r = super::super::compute(&a);
            let found = sensitivity(&a, r.present_value, r.investment);
            for s in found.iter().filter(|s| s.switching_value.is_some()) {
                let mut changed = a.clone();
                changed.outcomes[s.outcome] =
                    set(&a.outcomes[s.outcome], s.assumption, s.switching_value.unwrap_or(f64::NAN));
                let ratio = super::super::compute(&changed).sroi_ratio;
                assert!(
                    (ratio - 1.0).abs() < 1e-9,
                    "{path}: {:?} of outcome {} gives {ratio}",
                    s.assumption,
                    s.outcome
                );
                checked += 1;
            }
        }
        // Youth Into Work (3.36 : 1) has none in range; the other two have several.
        assert!(checked >= 5, "only {checked} switching values");
    }

    #[test]
    fn a_proxy_switching_value_worked_by_hand() {
        // Youth Into Work: PV £573,053.46 against £170,652 invested. The
        // into-work outcome is worth £365,758.07, so the rest is £207,295.39 and
        // the outcome must fall to £170,652 − £207,295.39 = −£36,643.39: its proxy
        // would have to turn negative, so there is no switching value. Its
        // deadweight, though: PV at 0% is £365,758.07 / 0.75 = £487,677.43, and
        // 1 − (−36,643.39 / 487,677.43) = 1.075 lies outside 0..1: none either.
        let a = analysis("fixtures/youth-into-work.yaml");
        let r = super::super::compute(&a);
        let found = sensitivity(&a, r.present_value, r.investment);
        let into_work =
            |assumption| found.iter().find(|s| s.outcome == 0 && s.assumption == assumption).expect("row");
        assert_eq!(into_work(Assumption::Proxy).switching_value, None);
        assert_eq!(into_work(Assumption::Deadweight).switching_value, None);
        // The garden is below 1:1 (0.7077); the food-spend proxy would have to rise.
        let g = analysis("fixtures/community-garden.yaml");
        let r = super::super::compute(&g);
        let food = sensitivity(&g, r.present_value, r.investment)
            .into_iter()
            .find(|s| s.outcome == 1 && s.assumption == Assumption::Proxy)
            .expect("row");
        // food-spend PV = 45 × p × 0.9 / 1.035; the rest is PV − 6,075 / 1.035.
        let rest = r.present_value - 6075.0 / 1.035;
        let p = (r.investment - rest) * 1.035 / (45.0 * 0.9);
        assert!((food.switching_value.expect("exists") - p).abs() < 1e-6);
        assert!(food.switching_value.expect("exists") > 150.0);
    }

    #[test]
    fn drop_off_switching_value_is_found_by_bisection() {
        // One outcome worth £1,000 a year for 5 years at 3.5% (end of year):
        // at 0% drop-off PV = 1,000 × 4.5151 = £4,515; at 100% only year 1
        // counts, £966. Against £3,000 invested the root lies in between.
        let text = "sroi: 1\ntitle: t\nstakeholders: [{id: s, name: S}]\ninputs: [{id: i, amount: 3000}]\noutcomes:\n  - {id: o, stakeholder: s, description: d, quantity: 10, proxy: {value: 100}, duration: 5, drop_off: 10%}\n";
        let a = crate::analyse(&SourceFile::new("t.yaml", text)).expect("valid").0;
        let r = super::super::compute(&a);
        let found = sensitivity(&a, r.present_value, r.investment);
        let d = found
            .iter()
            .find(|s| s.assumption == Assumption::DropOff)
            .and_then(|s| s.switching_value)
            .expect("root");
        assert!((0.1..1.0).contains(&d), "{d}");
        let pv: f64 = (0..5).map(|i| 1000.0 * (1.0 - d).powi(i) / 1.035_f64.powi(i + 1)).sum();
        assert!((pv - 3000.0).abs() < 1e-6, "{pv}");
    }

    #[test]
    fn swings_use_ranges_or_the_defaults() {
        let a = analysis("fixtures/youth-into-work.yaml");
        let r = super::super::compute(&a);
        let found = sensitivity(&a, r.present_value, r.investment);
        let row = |outcome, assumption| {
            found.iter().find(|s| s.outcome == outcome && s.assumption == assumption).expect("row")
        };
        // into-work gives `quantity: [30, 45]`.
        assert_eq!((row(0, Assumption::Quantity).low, row(0, Assumption::Quantity).high), (30.0, 45.0));
        // Its proxy has no range: ±20% of £8,894.64.
        let proxy = row(0, Assumption::Proxy);
        assert!((proxy.low - 7115.712).abs() < 1e-9 && (proxy.high - 10_673.568).abs() < 1e-9);
        // Displacement 10% swings to 0% and 20%; duration 3 to 2 and 4.
        assert_eq!((row(0, Assumption::Displacement).low, row(0, Assumption::Displacement).high), (0.0, 0.2));
        assert_eq!((row(0, Assumption::Duration).low, row(0, Assumption::Duration).high), (2.0, 4.0));
        // A swing at the current value gives the current ratio.
        assert!(proxy.low_ratio < r.sroi_ratio && proxy.high_ratio > r.sroi_ratio);
        // The schedule outcome has no quantity, drop-off or duration to vary.
        assert!(found.iter().all(|s| !(s.outcome == 2
            && matches!(s.assumption, Assumption::Quantity | Assumption::DropOff | Assumption::Duration))));
        // The excluded employers' outcome is not tested.
        assert!(found.iter().all(|s| s.outcome != 4));
    }
}
