//! Stage 3, compute: the arithmetic of SPEC §2, and nothing else.
//!
//! For an outcome with quantity `q`, proxy `p`, deadweight `dw`,
//! displacement `ds`, attribution `at`, drop-off `d`, first year `s` and
//! duration `n`:
//!
//! ```text
//! gross    = q × p
//! impact   = gross × (1 − dw) × (1 − ds) × (1 − at)
//! value(t) = impact × (1 − d)^(t − s)      for t = s … s + n − 1, else 0
//! ```
//!
//! A `schedule` outcome gives the quantity of each year instead:
//! `value(t) = schedule[t − s] × p × (1 − dw)(1 − ds)(1 − at)`; its gross and
//! impact are those of its first year. Outcomes of excluded stakeholders are
//! worked out but contribute nothing to the totals.
//!
//! Values are then discounted ([`discount`]) and summed:
//!
//! ```text
//! present_value     = Σ outcomes, years  value(t) × discount(t)
//! investment        = Σ inputs  amount × discount(year)
//! net_present_value = present_value − investment
//! sroi_ratio        = present_value / investment
//! net_sroi_ratio    = net_present_value / investment
//! payback_months    = 12 (k − 1) + 12 (investment − Σ PV of years 1 … k−1) / PV of year k,
//!                     k the first year whose cumulative present value reaches
//!                     the investment; none when no year does
//! guide_payback_months = investment / (year-1 value / 12), none if that value ≤ 0
//! ```
//!
//! Everything is kept in full `f64` precision; rounding is for display only.

pub mod assurance;
pub mod bids;
pub mod calendar;
pub mod comparison;
pub mod contract_year;
pub mod discount;
pub mod exclusions;
pub mod in_year;
pub mod monitor;
pub mod prices;
pub mod scenarios;
pub mod sensitivity;
pub mod simulation;
pub mod statement;
pub mod waterfall;

use crate::model::{Analysis, Outcome, Profile};

pub use discount::Discounting;

/// The figures of one analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Σ of discounted outcome values.
    pub present_value: f64,
    /// Σ of discounted inputs; always above zero.
    pub investment: f64,
    /// `present_value − investment`.
    pub net_present_value: f64,
    /// `present_value / investment`.
    pub sroi_ratio: f64,
    /// `net_present_value / investment`.
    pub net_sroi_ratio: f64,
    /// The month in which the cumulative present value reaches the
    /// investment ([`payback_months`]); `None` when it never does.
    pub payback_months: Option<f64>,
    /// The Guide's simple formula: months of year-1 value needed to repay the
    /// investment ([`guide_payback_months`]); `None` when year 1 creates no value.
    pub guide_payback_months: Option<f64>,
    /// Σ of gross values (first year) of included outcomes.
    pub gross_value: f64,
    /// One per outcome, in the analysis's order.
    pub outcomes: Vec<OutcomeResult>,
    /// One per stakeholder, in the analysis's order.
    pub stakeholders: Vec<StakeholderResult>,
    /// One per input, in the analysis's order.
    pub inputs: Vec<InputResult>,
    /// Years 1 to the last year any outcome is valued in.
    pub years: Vec<YearResult>,
}

/// The figures of one outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeResult {
    /// `quantity × proxy` (of the first year, for a schedule).
    pub gross_value: f64,
    /// Gross value after deadweight, displacement and attribution.
    pub impact: f64,
    /// Undiscounted value of each year; index 0 is year 1. Zero throughout for an excluded stakeholder.
    pub values: Vec<f64>,
    /// Σ of discounted values; zero for an excluded stakeholder.
    pub present_value: f64,
    /// Whether the outcome or its stakeholder is excluded, so nothing counts.
    pub excluded: bool,
}

/// The value created for one stakeholder.
#[derive(Debug, Clone, PartialEq)]
pub struct StakeholderResult {
    /// Σ of the present values of its outcomes.
    pub present_value: f64,
    /// Σ of its outcomes' undiscounted values in each year; index 0 is year 1.
    pub values: Vec<f64>,
}

/// One input, valued and discounted.
#[derive(Debug, Clone, PartialEq)]
pub struct InputResult {
    /// `amount`, or `hours × rate`.
    pub amount: f64,
    /// `amount × discount(year)`.
    pub present_value: f64,
}

/// The value of one year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearResult {
    /// 1-based year.
    pub year: u32,
    /// Σ of included outcome values in the year, undiscounted.
    pub value: f64,
    /// The factor applied to the year's value.
    pub discount_factor: f64,
    /// `value × discount_factor`.
    pub present_value: f64,
}

/// `(1 − dw)(1 − ds)(1 − at)`: the share of a change the programme can claim.
pub fn claimable_share(outcome: &Outcome) -> f64 {
    share(outcome.deadweight, outcome.displacement, outcome.attribution)
}

/// The share left once the three adjustments are taken off.
fn share(deadweight: f64, displacement: f64, attribution: f64) -> f64 {
    (1.0 - deadweight) * (1.0 - displacement) * (1.0 - attribution)
}

/// The average drop-off of `analysis`: the mean `drop_off` of the counted
/// outcomes that last more than one year with a constant profile, the only
/// ones drop-off acts on (a one-year outcome's 0% is no assumption at all,
/// and a schedule gives its quantities instead). `None` when there are none.
/// Reports, `check` and comparisons all use this one definition.
pub fn average_drop_off(analysis: &Analysis) -> Option<f64> {
    let drop_offs: Vec<f64> = analysis
        .outcomes
        .iter()
        .filter(|o| analysis.is_counted(o))
        .filter_map(|o| match o.profile {
            Profile::Constant { duration, drop_off, .. } if duration > 1 => Some(drop_off),
            _ => None,
        })
        .collect();
    (!drop_offs.is_empty()).then(|| drop_offs.iter().sum::<f64>() / drop_offs.len() as f64)
}

/// The outcome's undiscounted value in each year `1..=horizon`.
pub fn outcome_values(outcome: &Outcome, horizon: u32) -> Vec<f64> {
    let unit_impact = outcome.proxy.value * claimable_share(outcome);
    let mut values = vec![0.0; horizon as usize];
    let first = (outcome.start - 1) as usize;
    match &outcome.profile {
        Profile::Constant { quantity, duration, drop_off } => {
            let impact = quantity * unit_impact;
            let mut remaining = 1.0;
            for value in values.iter_mut().skip(first).take(*duration as usize) {
                *value = impact * remaining;
                remaining *= 1.0 - drop_off;
            }
        }
        Profile::Schedule(quantities) => {
            for (value, quantity) in values.iter_mut().skip(first).zip(quantities) {
                *value = quantity * unit_impact;
            }
        }
    }
    values
}

/// The first-year quantity: `quantity`, or the schedule's first entry.
fn first_quantity(outcome: &Outcome) -> f64 {
    match &outcome.profile {
        Profile::Constant { quantity, .. } => *quantity,
        Profile::Schedule(quantities) => quantities.first().copied().unwrap_or(0.0),
    }
}

/// The last year anything in the analysis is valued or spent in (at least 1).
pub fn horizon(analysis: &Analysis) -> u32 {
    let outcomes = analysis.outcomes.iter().map(Outcome::last_year);
    let inputs = analysis.inputs.iter().map(|i| i.year);
    outcomes.chain(inputs).max().unwrap_or(1).max(1)
}

/// Works out every figure of `analysis`.
pub fn compute(analysis: &Analysis) -> Results {
    compute_with(analysis, analysis.settings)
}

/// [`compute`] under other `settings` (another discount rate, say), without
/// a copy of the analysis.
pub fn compute_with(analysis: &Analysis, settings: crate::model::Settings) -> Results {
    let horizon = horizon(analysis);
    let discounting = Discounting::new(settings, horizon);
    let factors: Vec<f64> = (1..=horizon).map(|t| discounting.factor(t)).collect();

    let empty = StakeholderResult { present_value: 0.0, values: vec![0.0; horizon as usize] };
    let mut stakeholders = vec![empty; analysis.stakeholders.len()];
    let mut year_values = vec![0.0; horizon as usize];
    let mut gross_value = 0.0;
    let outcomes: Vec<OutcomeResult> = analysis
        .outcomes
        .iter()
        .map(|outcome| {
            let excluded = !analysis.is_counted(outcome);
            let gross = first_quantity(outcome) * outcome.proxy.value;
            let impact = gross * claimable_share(outcome);
            let values =
                if excluded { vec![0.0; horizon as usize] } else { outcome_values(outcome, horizon) };
            let present_value: f64 = values.iter().zip(&factors).map(|(v, f)| v * f).sum();
            if !excluded {
                gross_value += gross;
                let stakeholder = &mut stakeholders[outcome.stakeholder];
                stakeholder.present_value += present_value;
                for ((total, by_stakeholder), value) in
                    year_values.iter_mut().zip(&mut stakeholder.values).zip(&values)
                {
                    *total += value;
                    *by_stakeholder += value;
                }
            }
            OutcomeResult { gross_value: gross, impact, values, present_value, excluded }
        })
        .collect();

    let years: Vec<YearResult> = (1..=horizon)
        .zip(year_values.iter().zip(&factors))
        .map(|(year, (&value, &discount_factor))| YearResult {
            year,
            value,
            discount_factor,
            present_value: value * discount_factor,
        })
        .collect();
    let present_value: f64 = outcomes.iter().map(|o| o.present_value).sum();

    let inputs: Vec<InputResult> = analysis
        .inputs
        .iter()
        .map(|input| {
            let amount = input.amount();
            InputResult { amount, present_value: amount * discounting.factor(input.year) }
        })
        .collect();
    let investment: f64 = inputs.iter().map(|i| i.present_value).sum();

    let net_present_value = present_value - investment;
    Results {
        present_value,
        investment,
        net_present_value,
        sroi_ratio: present_value / investment,
        net_sroi_ratio: net_present_value / investment,
        payback_months: payback_months(&years, investment),
        guide_payback_months: guide_payback_months(&years, investment),
        gross_value,
        outcomes,
        stakeholders,
        inputs,
        years,
    }
}

/// SPEC §2's payback: the month in which the cumulative present value of
/// the years first reaches `investment` (the discounted investment, whatever
/// years it is spent in), interpolated within that year:
/// `12 (k − 1) + 12 (investment − PV of years 1 … k−1) / PV of year k`.
/// `None` when the value of all years never reaches it. The year `k` that
/// first crosses has a positive present value, since the running total rose
/// across the investment there.
pub fn payback_months(years: &[YearResult], investment: f64) -> Option<f64> {
    let mut before = 0.0;
    for (k, year) in (0u32..).zip(years) {
        let through = before + year.present_value;
        if through >= investment && year.present_value > 0.0 {
            let within = (investment - before).max(0.0) / year.present_value;
            return Some(12.0 * f64::from(k) + 12.0 * within);
        }
        before = through;
    }
    None
}

/// The Guide's simple payback: `investment / (year-1 value / 12)`, the
/// year-1 value undiscounted; `None` when year 1 creates no value.
pub fn guide_payback_months(years: &[YearResult], investment: f64) -> Option<f64> {
    let first_year_value = years.first().map_or(0.0, |y| y.value);
    (first_year_value > 0.0).then(|| investment / (first_year_value / 12.0))
}

#[cfg(test)]
mod tests;

/// How sure the figures are: switching values and swings of every
/// assumption, and the Monte Carlo simulation when ranges are given.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// One row per assumption of each included outcome.
    pub sensitivity: Vec<sensitivity::Sensitivity>,
    /// The simulation, when any `range:` exists and draws are not 0.
    pub simulation: Option<simulation::Simulation>,
    /// Each input's value, from its low (zero, in kind) to its high.
    pub inputs: Vec<scenarios::InputSensitivity>,
    /// Each schedule outcome's quantities, scaled together.
    pub schedules: Vec<scenarios::ScheduleSensitivity>,
    /// The ratio under 0%, 1.5%, 3.5%, 6% and the Green Book schedule.
    pub discount_scenarios: Vec<scenarios::DiscountScenario>,
}

/// Works out the uncertainty of `analysis`, whose figures are `results`.
pub fn uncertainty(analysis: &Analysis, results: &Results) -> Uncertainty {
    Uncertainty {
        sensitivity: sensitivity::sensitivity(analysis, results.present_value, results.investment),
        simulation: simulation::simulate(analysis, results.present_value, results.investment),
        inputs: scenarios::inputs(analysis, results),
        schedules: scenarios::schedules(analysis, results),
        discount_scenarios: scenarios::discount_scenarios(analysis),
    }
}
