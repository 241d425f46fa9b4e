//! The materiality register (SPEC §6): every exclusion, a stakeholder group
//! or an outcome, with the present value it would add and the ratio with it
//! included.
//!
//! Present value is a sum over outcomes, so including an exclusion adds the
//! present values of the outcomes it holds back and nothing else:
//!
//! ```text
//! present_value_if_included = present_value + Σ PV of the outcomes it leaves out
//! sroi_ratio_if_included    = present_value_if_included / investment
//! ```
//!
//! An outcome excluded in its own right is listed on its own, and left out
//! of its group's line, so no value is listed twice.

use super::{Results, outcome_values};
use crate::model::Analysis;

/// What an exclusion leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionKind {
    /// A stakeholder group, `excluded:` on the group.
    Stakeholder,
    /// One outcome, `excluded:` on the outcome.
    Outcome,
}

/// One line of the materiality register.
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    /// A group or an outcome.
    pub kind: ExclusionKind,
    /// Index into the analysis's stakeholders or outcomes, by `kind`.
    pub index: usize,
    /// Its id.
    pub id: String,
    /// The reason given.
    pub reason: String,
    /// The present value it would add (a harm's is negative).
    pub present_value: f64,
    /// The ratio were it included.
    pub sroi_ratio_if_included: f64,
    /// Indices of the outcomes it leaves out.
    pub outcomes: Vec<usize>,
}

impl Exclusion {
    /// `|present_value|` as a share of the analysis's present value; infinite
    /// when that is zero and this is not.
    pub fn share(&self, present_value: f64) -> f64 {
        if self.present_value == 0.0 {
            0.0
        } else if present_value == 0.0 {
            f64::INFINITY
        } else {
            (self.present_value / present_value).abs()
        }
    }

    /// SPEC §6: an excluded harm, or any exclusion whose value is at least
    /// `materiality` of the present value, must be argued, not assumed.
    pub fn is_material(&self, present_value: f64, materiality: f64) -> bool {
        self.present_value < 0.0 || (self.present_value != 0.0 && self.share(present_value) >= materiality)
    }
}

/// The present value `analysis`'s outcome `o` would have were it counted.
fn would_be_present_value(analysis: &Analysis, results: &Results, o: usize) -> f64 {
    let horizon = results.years.len() as u32;
    outcome_values(&analysis.outcomes[o], horizon)
        .iter()
        .zip(&results.years)
        .map(|(value, year)| value * year.discount_factor)
        .sum()
}

/// Every exclusion of `analysis`, groups first then outcomes, each in file order.
pub fn exclusions(analysis: &Analysis, results: &Results) -> Vec<Exclusion> {
    let line = |kind, index, id: &str, reason: &str, outcomes: Vec<usize>| {
        let present_value: f64 = outcomes.iter().map(|&o| would_be_present_value(analysis, results, o)).sum();
        Exclusion {
            kind,
            index,
            id: id.to_owned(),
            reason: reason.to_owned(),
            present_value,
            sroi_ratio_if_included: (results.present_value + present_value) / results.investment,
            outcomes,
        }
    };
    let groups = analysis.stakeholders.iter().enumerate().filter_map(|(s, group)| {
        let reason = group.excluded.as_deref()?;
        let held: Vec<usize> = (0..analysis.outcomes.len())
            .filter(|&o| analysis.outcomes[o].stakeholder == s && analysis.outcomes[o].excluded.is_none())
            .collect();
        Some(line(ExclusionKind::Stakeholder, s, &group.id, reason, held))
    });
    let outcomes = analysis.outcomes.iter().enumerate().filter_map(|(o, outcome)| {
        let reason = outcome.excluded.as_deref()?;
        Some(line(ExclusionKind::Outcome, o, &outcome.id, reason, vec![o]))
    });
    groups.chain(outcomes).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::compute;
    use crate::model::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    /// Group `a` counted, group `b` excluded; 0% discounting so sums are plain.
    fn analysis(outcomes: Vec<Outcome>) -> Analysis {
        let b = Stakeholder { excluded: Some("not material".into()), ..Stakeholder::new("b", "B") };
        let inputs = vec![Input::new("i", InputValue::Amount(1000.0), 0)];
        let mut a = Analysis::new("t", vec![Stakeholder::new("a", "A"), b], inputs, outcomes);
        a.settings.discount_rate = DiscountRate::Constant(0.0);
        a
    }

    fn outcome(id: &str, stakeholder: usize, quantity: f64, proxy: f64, duration: u32) -> Outcome {
        Outcome::new(id, stakeholder, proxy, Profile::Constant { quantity, duration, drop_off: 0.0 })
    }

    #[test]
    fn an_excluded_harm_shows_the_ratio_it_hides() {
        // Counted: 10 × £200 = £2,000 over £1,000 invested, 2 : 1. The excluded
        // group's harm, 5 × −£300 for 2 years = −£3,000, would make it
        // (2,000 − 3,000) / 1,000 = −1 : 1.
        let a = analysis(vec![outcome("good", 0, 10.0, 200.0, 1), outcome("harm", 1, 5.0, -300.0, 2)]);
        let r = compute(&a);
        assert!(close(r.sroi_ratio, 2.0));
        let list = exclusions(&a, &r);
        assert_eq!(list.len(), 1);
        let e = &list[0];
        assert_eq!(
            (e.kind, e.id.as_str(), e.reason.as_str()),
            (ExclusionKind::Stakeholder, "b", "not material")
        );
        assert!(close(e.present_value, -3000.0));
        assert!(close(e.sroi_ratio_if_included, -1.0));
        // |−3,000| is 150% of £2,000: material at 1%.
        assert!(e.is_material(r.present_value, 0.01));
    }

    #[test]
    fn an_excluded_outcome_is_listed_alone_and_not_again_under_its_group() {
        // Outcome `small` of group a: 1 × £10 = £10, excluded: 10 / 2,000 = 0.5%,
        // not material at 1%; ratio with it (2,000 + 10) / 1,000 = 2.01.
        // Outcome `also` of the excluded group b is excluded itself too: it is
        // listed on its own (£50), and the group's line holds only `harm`.
        let mut small = outcome("small", 0, 1.0, 10.0, 1);
        small.excluded = Some("too small to measure".into());
        let mut also = outcome("also", 1, 1.0, 50.0, 1);
        also.excluded = Some("counted elsewhere".into());
        let a = analysis(vec![
            outcome("good", 0, 10.0, 200.0, 1),
            small,
            outcome("harm", 1, 1.0, -100.0, 1),
            also,
        ]);
        let r = compute(&a);
        assert!(close(r.present_value, 2000.0), "neither excluded outcome counts");
        let list = exclusions(&a, &r);
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["b", "small", "also"]);
        assert!(close(list[0].present_value, -100.0), "the group's line is its harm only");
        // A harm is never left out unargued, however small: 100 / 2,000 is 5%, but 1% of it would do.
        assert!(list[0].is_material(r.present_value, 0.5));
        assert!(close(list[0].sroi_ratio_if_included, 1.9));
        assert!(close(list[1].present_value, 10.0));
        assert!(close(list[1].sroi_ratio_if_included, 2.01));
        assert!(!list[1].is_material(r.present_value, 0.01));
        assert!(list[1].is_material(r.present_value, 0.005), "at 0.5% it is");
        assert!(close(list[2].sroi_ratio_if_included, 2.05));
    }

    #[test]
    fn an_exclusion_is_discounted_like_counted_value() {
        // At 10%, an excluded £1,100 in year 1 and £1,210 in year 2 is £2,000 today.
        let mut a = analysis(vec![outcome("good", 0, 1.0, 1000.0, 1)]);
        let mut later = Outcome::new("later", 0, 1.0, Profile::Schedule(vec![1100.0, 1210.0]));
        later.excluded = Some("not yet evidenced".into());
        a.outcomes.push(later);
        a.settings.discount_rate = DiscountRate::Constant(0.1);
        let r = compute(&a);
        let list = exclusions(&a, &r);
        // Group b is listed too, holding nothing: excluded, with no value either way.
        assert_eq!(list[0].present_value, 0.0);
        assert!(!list[0].is_material(r.present_value, 0.01));
        assert!(close(list[1].present_value, 2000.0));
        assert!(close(list[1].sroi_ratio_if_included, (1000.0 / 1.1 + 2000.0) / 1000.0));
    }
}
