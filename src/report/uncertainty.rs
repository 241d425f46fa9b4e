//! "How sure are we?": the view model of switching values, swings and the
//! simulation, in words and figures people can check.

use serde::Serialize;

use crate::compute::Uncertainty;
use crate::compute::sensitivity::Sensitivity;
use crate::format::{money_exact, number, percent, ratio};
use crate::model::{Analysis, Assumption};

/// Most swings shown in the tornado chart and its table.
pub const TORNADO_ROWS: usize = 10;

/// Bars of the simulation's histogram.
const BINS: usize = 24;

/// How an assumption is named in sentences.
pub fn assumption_label(assumption: Assumption) -> &'static str {
    match assumption {
        Assumption::Quantity => "quantity",
        Assumption::Proxy => "proxy",
        Assumption::Deadweight => "deadweight",
        Assumption::Displacement => "displacement",
        Assumption::Attribution => "attribution",
        Assumption::DropOff => "drop-off",
        Assumption::Duration => "duration",
    }
}

/// A value of an assumption, as people write it, with enough digits that a
/// value near zero (or near 100%) is not shown as exactly that.
pub fn show(assumption: Assumption, value: f64, currency: &str) -> String {
    match assumption {
        Assumption::Quantity if value != 0.0 && value.abs() < 1.0 => format!("{value:.3}"),
        Assumption::Quantity => number(value, if (value - value.round()).abs() < 0.05 { 0 } else { 1 }),
        Assumption::Proxy if value != 0.0 && value.abs() < 0.01 => format!("{value:.5}"),
        Assumption::Proxy => money_exact(value, currency),
        Assumption::Duration if value == 1.0 => "1 year".to_owned(),
        Assumption::Duration => format!("{} years", number(value, 0)),
        _ if value > 0.0 && value < 0.0005 || value < 1.0 && value > 0.9995 => {
            format!("{:.3}%", value * 100.0)
        }
        _ => percent(value),
    }
}

/// "fall by 78%, from £14,433.00 to £3,120.50", or "rise from 25% to 83%".
pub fn switching_change(s: &Sensitivity, currency: &str) -> String {
    let Some(target) = s.switching_value else { return String::new() };
    let direction = if target < s.value { "fall" } else { "rise" };
    let (from, to) = (show(s.assumption, s.value, currency), show(s.assumption, target, currency));
    match s.assumption {
        Assumption::Quantity | Assumption::Proxy if s.value != 0.0 => {
            let change = ((target - s.value) / s.value).abs();
            format!("{direction} by {}, from {from} to {to}", percent(change))
        }
        _ => format!("{direction} from {from} to {to}"),
    }
}

/// One switching value, in words.
#[derive(Debug, Clone, Serialize)]
pub struct SwitchView {
    /// The outcome's (or input's) description (Markdown).
    pub outcome: String,
    /// "proxy", "deadweight", "value", "quantities (scaled together)"…
    pub assumption: String,
    /// "fall by 78%, from £14,433.00 to £3,120.50".
    pub change: String,
}

/// One swing.
#[derive(Debug, Clone, Serialize)]
pub struct SwingView {
    /// The outcome's, input's or exclusion's description (Markdown).
    pub outcome: String,
    /// The assumption.
    pub assumption: String,
    /// Its low value.
    pub low: String,
    /// Its high value.
    pub high: String,
    /// The ratio at the low value.
    pub low_ratio: String,
    /// The ratio at the high value.
    pub high_ratio: String,
}

/// The ratio under one discount rate.
#[derive(Debug, Clone, Serialize)]
pub struct RateView {
    /// "3.5% a year", "Green Book schedule".
    pub rate: String,
    /// "4.27 : 1".
    pub ratio: String,
}

/// The simulation's summary.
#[derive(Debug, Clone, Serialize)]
pub struct SimulationView {
    /// "10,000".
    pub draws: String,
    /// The seed.
    pub seed: u64,
    /// 5th percentile ratio.
    pub p5: String,
    /// Median ratio.
    pub p50: String,
    /// 95th percentile ratio.
    pub p95: String,
    /// Mean ratio.
    pub mean: String,
    /// Chance the ratio is below 1 : 1.
    pub below_one: String,
}

/// The whole section.
#[derive(Debug, Clone, Serialize)]
pub struct UncertaintyView {
    /// Assumptions that could bring the ratio to 1 : 1, in file order.
    pub switching: Vec<SwitchView>,
    /// How many tested assumptions cannot, within their possible range.
    pub no_switching: usize,
    /// "the other 4 assumptions tested" or "the other assumption tested".
    pub no_switching_phrase: String,
    /// The sentence on the assumptions that cannot bring the ratio to 1 : 1:
    /// "For the other 4 assumptions tested, no value within the possible range …".
    pub no_switching_sentence: String,
    /// The largest swings, largest first.
    pub swings: Vec<SwingView>,
    /// The simulation, when there is one.
    pub simulation: Option<SimulationView>,
    /// The ratio under each discount rate.
    pub discount_scenarios: Vec<RateView>,
    /// What else is moved, beyond each outcome's assumptions.
    pub scope: &'static str,
}

/// The numbers behind the tornado chart and the histogram.
#[derive(Debug, Clone, Serialize, Default)]
pub struct UncertaintyCharts {
    /// The ratio as computed.
    pub ratio: f64,
    /// (label, ratio at low, ratio at high) of the largest swings, largest first.
    pub tornado: Vec<(String, f64, f64)>,
    /// (from, to, draws) of each histogram bar, when there is a simulation.
    pub histogram: Vec<(f64, f64, u32)>,
    /// The 5th and 95th percentiles, for the band.
    pub band: Option<(f64, f64)>,
}

/// A swing of any kind, before it is put in words: an outcome's assumption,
/// an input's value, a schedule scaled, or an exclusion included.
struct Swing {
    subject: String,
    assumption: String,
    low: String,
    high: String,
    low_ratio: f64,
    high_ratio: f64,
}

/// Builds the section and its chart data.
pub fn build(
    analysis: &Analysis,
    results: &crate::compute::Results,
    uncertainty: &Uncertainty,
    sroi_ratio: f64,
) -> (UncertaintyView, UncertaintyCharts) {
    let c = analysis.currency.as_str();
    let description = |s: &Sensitivity| analysis.outcomes[s.outcome].description.clone();
    let tested = uncertainty.sensitivity.iter().filter(|s| s.assumption != Assumption::Duration);
    // A re-based proxy's switching value is in the analysis's prices; say so,
    // and give it in the prices the proxy is written in, as a user would edit it.
    let change = |s: &Sensitivity| {
        let plain = switching_words(analysis, s);
        let proxy = &analysis.outcomes[s.outcome].proxy;
        match (s.assumption, proxy.written, analysis.price_year, s.switching_value) {
            (Assumption::Proxy, Some((written, year)), Some(to), Some(target)) if proxy.value != 0.0 => {
                format!(
                    "{plain} in {to} prices ({} as written, in {year} prices)",
                    money_exact(target * written / proxy.value, c)
                )
            }
            _ => plain,
        }
    };
    let inputs = &uncertainty.inputs;
    let schedules = &uncertainty.schedules;
    let input_name = |i: usize| {
        let input = &analysis.inputs[i];
        input.description.clone().unwrap_or_else(|| input.id.clone())
    };
    let mut switching: Vec<SwitchView> = tested
        .clone()
        .filter(|s| s.switching_value.is_some())
        .map(|s| SwitchView {
            outcome: description(s),
            assumption: assumption_label(s.assumption).to_owned(),
            change: change(s),
        })
        .collect();
    for i in inputs {
        if let Some(target) = i.switching_value {
            let direction = if target < i.value { "fall" } else { "rise" };
            let by = if i.value != 0.0 {
                format!(" by {},", percent(((target - i.value) / i.value).abs()))
            } else {
                String::new()
            };
            switching.push(SwitchView {
                outcome: input_name(i.input),
                assumption: "value".to_owned(),
                change: format!(
                    "{direction}{by} from {} to {}",
                    money_exact(i.value, c),
                    money_exact(target, c)
                ),
            });
        }
    }
    for s in schedules {
        if let Some(scale) = s.switching_scale {
            let direction = if scale < 1.0 { "fall" } else { "rise" };
            switching.push(SwitchView {
                outcome: analysis.outcomes[s.outcome].description.clone(),
                assumption: "quantities (all years scaled together)".to_owned(),
                change: format!(
                    "{direction} by {}, to {} of the schedule written",
                    percent((scale - 1.0).abs()),
                    percent(scale)
                ),
            });
        }
    }
    let no_switching = tested.clone().filter(|s| s.switching_value.is_none()).count()
        + inputs.iter().filter(|i| i.switching_value.is_none()).count()
        + schedules.iter().filter(|s| s.switching_scale.is_none()).count();

    // Every row tested, by what it moves and its two ratios; only the
    // largest TORNADO_ROWS are put into words (a large analysis tests tens
    // of thousands).
    enum Moved {
        Assumption(usize),
        Input(usize),
        Schedule(usize),
        Exclusion(usize),
    }
    let exclusions: Vec<_> = crate::compute::exclusions::exclusions(analysis, results)
        .into_iter()
        .filter(|e| e.present_value != 0.0)
        .collect();
    let mut moved: Vec<(Moved, f64, f64)> = (uncertainty.sensitivity.iter().enumerate())
        .map(|(k, s)| (Moved::Assumption(k), s.low_ratio, s.high_ratio))
        .chain(inputs.iter().enumerate().map(|(k, i)| (Moved::Input(k), i.low_ratio, i.high_ratio)))
        .chain(schedules.iter().enumerate().map(|(k, s)| (Moved::Schedule(k), s.low_ratio, s.high_ratio)))
        .chain(
            exclusions
                .iter()
                .enumerate()
                .map(|(k, e)| (Moved::Exclusion(k), sroi_ratio, e.sroi_ratio_if_included)),
        )
        .collect();
    // The largest swings first; ties keep their order.
    moved.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
    moved.truncate(TORNADO_ROWS);
    let swings: Vec<Swing> = moved
        .into_iter()
        .map(|(what, low_ratio, high_ratio)| {
            let (subject, assumption, low, high) = match what {
                Moved::Assumption(k) => {
                    let s = &uncertainty.sensitivity[k];
                    (
                        description(s),
                        assumption_label(s.assumption).to_owned(),
                        show(s.assumption, s.low, c),
                        show(s.assumption, s.high, c),
                    )
                }
                Moved::Input(k) => {
                    let i = &inputs[k];
                    let assumption = if i.in_kind { "value (in kind)" } else { "value" };
                    (
                        input_name(i.input),
                        assumption.to_owned(),
                        money_exact(i.low, c),
                        money_exact(i.high, c),
                    )
                }
                Moved::Schedule(k) => (
                    analysis.outcomes[schedules[k].outcome].description.clone(),
                    "schedule".to_owned(),
                    percent(crate::compute::scenarios::SCHEDULE_SWING.0),
                    percent(crate::compute::scenarios::SCHEDULE_SWING.1),
                ),
                Moved::Exclusion(k) => {
                    let e = &exclusions[k];
                    let subject = match e.kind {
                        crate::compute::exclusions::ExclusionKind::Stakeholder => {
                            analysis.stakeholders[e.index].name.clone()
                        }
                        crate::compute::exclusions::ExclusionKind::Outcome => {
                            analysis.outcomes[e.index].description.clone()
                        }
                    };
                    (subject, "exclusion".to_owned(), "excluded".to_owned(), "included".to_owned())
                }
            };
            Swing { subject, assumption, low, high, low_ratio, high_ratio }
        })
        .collect();

    let no_switching_phrase = if no_switching == 1 {
        "the other assumption tested".to_owned()
    } else {
        format!("the other {no_switching} assumptions tested")
    };
    let view = UncertaintyView {
        no_switching_sentence: no_switching_sentence(&switching, &no_switching_phrase),
        scope: "Beyond each outcome's assumptions, each input's value is moved too (an input given in kind down to zero, others 20% either way), each schedule's quantities are scaled together, each exclusion is included, and the discount rate is set to 0%, 1.5%, 3.5% and 6% a year and to the Green Book schedule.",
        switching,
        no_switching,
        no_switching_phrase,
        swings: swings
            .iter()
            .map(|s| SwingView {
                outcome: s.subject.clone(),
                assumption: s.assumption.clone(),
                low: s.low.clone(),
                high: s.high.clone(),
                low_ratio: ratio(s.low_ratio),
                high_ratio: ratio(s.high_ratio),
            })
            .collect(),
        simulation: uncertainty.simulation.as_ref().map(|s| SimulationView {
            draws: number(f64::from(s.draws), 0),
            seed: s.seed,
            p5: ratio(s.p5),
            p50: ratio(s.p50),
            p95: ratio(s.p95),
            mean: ratio(s.mean),
            below_one: percent(s.probability_below_one),
        }),
        discount_scenarios: uncertainty
            .discount_scenarios
            .iter()
            .map(|d| {
                let label = if d.rate == "green-book" {
                    "Green Book schedule".to_owned()
                } else {
                    format!("{} a year", d.rate)
                };
                RateView { rate: label, ratio: ratio(d.sroi_ratio) }
            })
            .collect(),
    };
    let charts = UncertaintyCharts {
        ratio: sroi_ratio,
        tornado: swings
            .iter()
            .map(|s| {
                // The assumption first, so a long outcome name is what gets cut.
                let label = format!("{}: {}", capitalise(&s.assumption), s.subject);
                (label, s.low_ratio, s.high_ratio)
            })
            .collect(),
        histogram: uncertainty.simulation.as_ref().map(|s| histogram(&s.ratios)).unwrap_or_default(),
        band: uncertainty.simulation.as_ref().map(|s| (s.p5, s.p95)),
    };
    (view, charts)
}

/// [`switching_change`], and where a quantity would have to exceed the
/// stakeholder group's size, that it is out of reach: the same words in the
/// terminal, HTML and PDF.
pub fn switching_words(analysis: &Analysis, s: &Sensitivity) -> String {
    let plain = switching_change(s, &analysis.currency);
    let group = &analysis.stakeholders[analysis.outcomes[s.outcome].stakeholder];
    match (s.assumption, s.switching_value, group.size) {
        (Assumption::Quantity, Some(target), Some(size)) if target > size => {
            format!("{plain}: out of reach, as the group has {} in all", number(size, 0))
        }
        _ => plain,
    }
}

/// The sentence after the switching values: no value of the other
/// assumptions (`others`, "the other 4 assumptions tested") brings the ratio
/// to 1 : 1 (all of them when there are no `switching` values).
fn no_switching_sentence(switching: &[SwitchView], others: &str) -> String {
    let none = if switching.is_empty() { "No value".to_owned() } else { format!("For {others}, no value") };
    format!(
        "{none} within the possible range (quantities of zero or more, proxies that keep their sign, percentages from 0% to 100%) brings the ratio to 1 : 1 on its own. Durations move in whole years, so they have no exact switching value; the swings below show what a year more or less does."
    )
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Equal-width bars over the range of sorted `ratios`.
fn histogram(ratios: &[f64]) -> Vec<(f64, f64, u32)> {
    let (Some(&min), Some(&max)) = (ratios.first(), ratios.last()) else { return Vec::new() };
    if max <= min {
        return vec![(min, min, ratios.len() as u32)];
    }
    let width = (max - min) / BINS as f64;
    let mut counts = [0u32; BINS];
    for r in ratios {
        counts[(((r - min) / width) as usize).min(BINS - 1)] += 1;
    }
    counts
        .iter()
        .enumerate()
        .map(|(i, n)| (min + width * i as f64, min + width * (i + 1) as f64, *n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(assumption: Assumption, value: f64, switching: f64) -> Sensitivity {
        Sensitivity {
            outcome: 0,
            assumption,
            value,
            switching_value: Some(switching),
            low: 0.0,
            high: 0.0,
            low_ratio: 0.0,
            high_ratio: 0.0,
        }
    }

    #[test]
    fn switching_values_read_as_sentences() {
        // The proxy from £14,433 to £3,120.50 falls by 78.4%.
        assert_eq!(
            switching_change(&row(Assumption::Proxy, 14_433.0, 3120.5), "GBP"),
            "fall by 78.4%, from £14,433.00 to £3,120.50"
        );
        assert_eq!(switching_change(&row(Assumption::Deadweight, 0.25, 0.83), "GBP"), "rise from 25% to 83%");
        assert_eq!(
            switching_change(&row(Assumption::Quantity, 38.0, 9.2), "GBP"),
            "fall by 75.8%, from 38 to 9.2"
        );
    }

    #[test]
    fn the_histogram_counts_every_draw() {
        let ratios: Vec<f64> = (0..1000).map(|i| 1.0 + f64::from(i) / 1000.0).collect();
        let bars = histogram(&ratios);
        assert_eq!(bars.len(), BINS);
        assert_eq!(bars.iter().map(|b| b.2).sum::<u32>(), 1000);
        assert_eq!(histogram(&[2.0, 2.0]), vec![(2.0, 2.0, 2)]);
    }
}
