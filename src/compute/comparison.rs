//! Programmes side by side, like for like: each analysis's own figures,
//! the method choices that move a ratio (discount rate and timing, price
//! year, average deadweight and attribution, durations, how much rests on one
//! outcome), and the figures again under one set of settings ([`Rebase`]).
//!
//! Pure arithmetic over analyses already validated; the words people read
//! are built in [`crate::report::comparison`].

use serde::Serialize;

use crate::compute::{self, Results};
use crate::model::{Analysis, AnalysisKind, DiscountRate, InputValue, Timing};

/// The settings every analysis is re-computed under.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rebase {
    /// The discount rate; the tool's default (3.5%) when not given.
    pub discount_rate: DiscountRate,
    /// Where in each year values fall; end of year when not given.
    pub timing: Timing,
    /// The price year every money figure is moved to, with each analysis's own `indices:`.
    pub price_year: Option<i32>,
}

/// Why an analysis cannot be re-based.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RebaseError {
    /// The analysis does not say which year's prices it is in.
    #[error("cannot move the figures to {target} prices: the analysis has no `price_year:`")]
    NoPriceYear {
        /// The price year asked for.
        target: i32,
    },
    /// An index needed to move prices is missing.
    #[error("cannot move the figures from {from} to {target} prices: `indices:` has no entry for {missing}")]
    NoIndex {
        /// The analysis's price year.
        from: i32,
        /// The price year asked for.
        target: i32,
        /// The year without an index.
        missing: i32,
    },
}

/// `analysis` as if it had been written with `rebase`'s settings: the same
/// outcomes, discounted the same way as every other analysis in the comparison,
/// with every money figure in the same year's prices.
pub fn rebased(analysis: &Analysis, rebase: &Rebase) -> Result<Analysis, RebaseError> {
    let mut out = analysis.clone();
    out.settings.discount_rate = rebase.discount_rate;
    out.settings.discount_timing = rebase.timing;
    if let Some(target) = rebase.price_year {
        let from = analysis.price_year.ok_or(RebaseError::NoPriceYear { target })?;
        if from != target {
            let index = |year: i32| {
                compute::prices::index_of(&analysis.indices, year).ok_or(RebaseError::NoIndex {
                    from,
                    target,
                    missing: year,
                })
            };
            // The year asked for is looked up first, so its absence is what is reported.
            let to_index = index(target)?;
            let from_index = index(from)?;
            let rebase = |value: &mut f64| *value = compute::prices::rebase(*value, from_index, to_index);
            for outcome in &mut out.outcomes {
                rebase(&mut outcome.proxy.value);
            }
            for input in &mut out.inputs {
                match &mut input.value {
                    InputValue::Amount(amount) => rebase(amount),
                    InputValue::Time { rate, .. } => rebase(rate),
                }
            }
        }
        out.price_year = Some(target);
    }
    Ok(out)
}

/// One analysis in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    /// The file it was read from, as given.
    pub file: String,
    /// Its title.
    pub title: String,
    /// ISO 4217 code of its money figures.
    pub currency: String,
    /// Evaluative or forecast.
    pub kind: AnalysisKind,
    /// Its own ratio, as `sroi calc` gives it.
    pub sroi_ratio: f64,
    /// Its own present value.
    pub present_value: f64,
    /// Its own discounted investment.
    pub investment: f64,
    /// 5th and 95th percentile of the ratio, when the analysis has a simulation.
    pub ratio_p5: Option<f64>,
    /// See `ratio_p5`.
    pub ratio_p95: Option<f64>,
    /// The ratio under the comparison's common settings (with `--rebase`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebased_ratio: Option<f64>,
    /// Present value under the common settings (with `--rebase`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebased_present_value: Option<f64>,
    /// Investment under the common settings (with `--rebase`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebased_investment: Option<f64>,
    /// Value per unit of currency invested, by stakeholder group.
    pub by_stakeholder: Vec<StakeholderShare>,
    /// The method choices that make raw ratios differ.
    pub method: Method,
}

/// Value per unit invested for one stakeholder group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StakeholderShare {
    /// The group's name.
    pub stakeholder: String,
    /// Its present value divided by the investment.
    pub value_per_unit_invested: f64,
}

/// The choices of method behind one analysis's ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    /// The discounting in words, e.g. `3.5%, end of year`.
    pub discounting: String,
    /// The year whose prices the figures are in.
    pub price_year: Option<i32>,
    /// Mean deadweight over the included outcomes (each outcome counts once).
    pub average_deadweight: f64,
    /// Mean attribution over the included outcomes.
    pub average_attribution: f64,
    /// Mean displacement over the included outcomes.
    pub average_displacement: f64,
    /// Mean yearly drop-off over the counted outcomes that last more than a year ([`compute::average_drop_off`]).
    pub average_drop_off: f64,
    /// Longest number of years any outcome is valued for.
    pub longest_duration: u32,
    /// Share of the present value from the single largest outcome.
    pub largest_outcome_share: f64,
}

/// Compares analyses (with the files they came from), re-basing each when `rebase` is given.
pub fn compare(
    analyses: &[(String, Analysis)],
    rebase: Option<&Rebase>,
) -> Result<Vec<Compared>, Vec<(String, RebaseError)>> {
    use rayon::prelude::*;
    let compared: Vec<Result<Compared, (String, RebaseError)>> = analyses
        .par_iter()
        .map(|(file, analysis)| {
            let results = compute::compute(analysis);
            // Only the simulation's 5–95% range is shown, not the sensitivity analysis.
            let simulation =
                compute::simulation::simulate(analysis, results.present_value, results.investment);
            let again = match rebase {
                Some(r) => Some(compute::compute(&rebased(analysis, r).map_err(|e| (file.clone(), e))?)),
                None => None,
            };
            Ok(Compared {
                file: file.clone(),
                title: analysis.title.clone(),
                currency: analysis.currency.clone(),
                kind: analysis.kind,
                sroi_ratio: results.sroi_ratio,
                present_value: results.present_value,
                investment: results.investment,
                ratio_p5: simulation.as_ref().map(|s| s.p5),
                ratio_p95: simulation.as_ref().map(|s| s.p95),
                rebased_ratio: again.as_ref().map(|r| r.sroi_ratio),
                rebased_present_value: again.as_ref().map(|r| r.present_value),
                rebased_investment: again.as_ref().map(|r| r.investment),
                by_stakeholder: analysis
                    .stakeholders
                    .iter()
                    .zip(&results.stakeholders)
                    .filter(|(s, _)| s.excluded.is_none())
                    .map(|(s, r)| StakeholderShare {
                        stakeholder: s.name.clone(),
                        value_per_unit_invested: r.present_value / results.investment,
                    })
                    .collect(),
                method: method(analysis, &results),
            })
        })
        .collect();
    let failures: Vec<(String, RebaseError)> =
        compared.iter().filter_map(|c| c.as_ref().err().cloned()).collect();
    if failures.is_empty() {
        Ok(compared.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(failures)
    }
}

impl RebaseError {
    /// How to fix it.
    pub fn hint(&self) -> String {
        match self {
            RebaseError::NoPriceYear { target } => format!(
                "add `price_year:` to the analysis, and under `indices:` the index of that year and of {target}"
            ),
            RebaseError::NoIndex { missing, .. } => {
                format!("add the index of {missing} under `indices:`, from the same series as the others")
            }
        }
    }
}

fn method(analysis: &Analysis, results: &Results) -> Method {
    let included: Vec<_> = analysis.outcomes.iter().filter(|o| analysis.is_counted(o)).collect();
    let mean = |values: Vec<f64>| {
        if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
    };
    let largest = results.outcomes.iter().map(|o| o.present_value).fold(0.0, f64::max);
    Method {
        discounting: crate::format::describe_discounting_brief(&analysis.settings),
        price_year: analysis.price_year,
        average_deadweight: mean(included.iter().map(|o| o.deadweight).collect()),
        average_attribution: mean(included.iter().map(|o| o.attribution).collect()),
        average_displacement: mean(included.iter().map(|o| o.displacement).collect()),
        // The one definition reports and checks use (outcomes lasting more than a year).
        average_drop_off: compute::average_drop_off(analysis).unwrap_or(0.0),
        longest_duration: included.iter().map(|o| o.profile.years()).max().unwrap_or(0),
        largest_outcome_share: if results.present_value > 0.0 {
            largest / results.present_value
        } else {
            0.0
        },
    }
}
