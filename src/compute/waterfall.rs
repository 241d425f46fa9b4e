//! From gross value to present value, step by step: how much each
//! adjustment takes away, over every year each outcome lasts.
//!
//! For each included outcome and year `t` of its life, with quantity `q(t)`
//! before drop-off (`quantity` every year, or the schedule's entry):
//!
//! ```text
//! gross         = q(t) × proxy
//! deadweight    = gross × dw
//! displacement  = gross × (1 − dw) × ds
//! attribution   = gross × (1 − dw)(1 − ds) × at
//! drop-off      = gross × (1 − dw)(1 − ds)(1 − at) − value(t)
//! discounting   = value(t) − value(t) × discount(t)
//! ```
//!
//! so that `gross − deadweight − displacement − attribution − drop-off −
//! discounting = present value`, exactly.

use super::{Results, claimable_share};
use crate::model::{Analysis, Profile};

/// The amounts each step removes (negative where an outcome is a harm).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Waterfall {
    /// Σ quantity × proxy over every year, before any adjustment.
    pub gross: f64,
    /// Taken away by deadweight.
    pub deadweight: f64,
    /// Taken away by displacement.
    pub displacement: f64,
    /// Taken away by attribution.
    pub attribution: f64,
    /// Taken away by drop-off.
    pub drop_off: f64,
    /// Taken away by discounting.
    pub discounting: f64,
    /// What is left: the present value.
    pub present_value: f64,
}

/// The waterfall of `analysis`, whose figures are `results`.
pub fn waterfall(analysis: &Analysis, results: &Results) -> Waterfall {
    let mut w = Waterfall { present_value: results.present_value, ..Waterfall::default() };
    for (outcome, result) in analysis.outcomes.iter().zip(&results.outcomes) {
        if result.excluded {
            continue;
        }
        let first = (outcome.start - 1) as usize;
        for (i, value) in result.values.iter().enumerate().skip(first).take(outcome.profile.years() as usize)
        {
            let quantity = match &outcome.profile {
                Profile::Constant { quantity, .. } => *quantity,
                Profile::Schedule(quantities) => quantities[i - first],
            };
            let gross = quantity * outcome.proxy.value;
            let after_deadweight = gross * (1.0 - outcome.deadweight);
            let after_displacement = after_deadweight * (1.0 - outcome.displacement);
            let claimable = gross * claimable_share(outcome);
            w.gross += gross;
            w.deadweight += gross - after_deadweight;
            w.displacement += after_deadweight - after_displacement;
            w.attribution += after_displacement - claimable;
            w.drop_off += claimable - value;
            w.discounting += value * (1.0 - results.years[i].discount_factor);
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

    #[test]
    fn the_steps_add_up_to_the_present_value() {
        for path in [
            "fixtures/youth-into-work.yaml",
            "fixtures/befriending-forecast.yaml",
            "fixtures/community-garden.yaml",
        ] {
            let text = std::fs::read_to_string(path).expect("fixture");
            let (analysis, _) = crate::analyse(&SourceFile::new(path, text)).expect("valid");
            let results = super::super::compute(&analysis);
            let w = super::waterfall(&analysis, &results);
            let left = w.gross - w.deadweight - w.displacement - w.attribution - w.drop_off - w.discounting;
            assert!((left - w.present_value).abs() < 1e-6, "{path}: {left} != {}", w.present_value);
        }
    }

    #[test]
    fn youth_into_work_by_hand() {
        // into-work: 38 × £8,894.64 (earnings net of Universal Credit) =
        // £337,996.32 a year for 3 years; deadweight 25% of that is £84,499.08 a year.
        let text = std::fs::read_to_string("fixtures/youth-into-work.yaml").expect("fixture");
        let (analysis, _) = crate::analyse(&SourceFile::new("y", text)).expect("valid");
        let results = super::super::compute(&analysis);
        let w = super::waterfall(&analysis, &results);
        // Gross: into-work 3 × 337,996.32; off-benefits 2 × 144,542.88;
        // training (24 + 18 + 12) × 2,000; mentors 48,000.
        let gross = 3.0 * 337_996.32 + 2.0 * 144_542.88 + 54.0 * 2000.0 + 48_000.0;
        assert!((w.gross - gross).abs() < 1e-6, "{} != {gross}", w.gross);
        let deadweight = 3.0 * 84_499.08 + 2.0 * 36_135.72 + 54.0 * 600.0 + 9600.0;
        assert!((w.deadweight - deadweight).abs() < 1e-6);
    }
}
