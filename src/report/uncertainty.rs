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
    /// The outcome's description (Markdown).
    pub outcome: String,
    /// "proxy", "deadweight", …
    pub assumption: &'static str,
    /// "fall by 78%, from £14,433.00 to £3,120.50".
    pub change: String,
}

/// One swing.
#[derive(Debug, Clone, Serialize)]
pub struct SwingView {
    /// The outcome's description (Markdown).
    pub outcome: String,
    /// The assumption.
    pub assumption: &'static str,
    /// Its low value.
    pub low: String,
    /// Its high value.
    pub high: String,
    /// The ratio at the low value.
    pub low_ratio: String,
    /// The ratio at the high value.
    pub high_ratio: String,
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
    /// The largest swings, largest first.
    pub swings: Vec<SwingView>,
    /// The simulation, when there is one.
    pub simulation: Option<SimulationView>,
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

/// The largest swings first; ties keep file order.
fn largest(sensitivity: &[Sensitivity]) -> Vec<&Sensitivity> {
    let mut swings: Vec<&Sensitivity> = sensitivity.iter().collect();
    swings.sort_by(|a, b| (b.high_ratio - b.low_ratio).abs().total_cmp(&(a.high_ratio - a.low_ratio).abs()));
    swings.truncate(TORNADO_ROWS);
    swings
}

/// Builds the section and its chart data.
pub fn build(
    analysis: &Analysis,
    uncertainty: &Uncertainty,
    sroi_ratio: f64,
) -> (UncertaintyView, UncertaintyCharts) {
    let c = analysis.currency.as_str();
    let description = |s: &Sensitivity| analysis.outcomes[s.outcome].description.clone();
    let tested = uncertainty.sensitivity.iter().filter(|s| s.assumption != Assumption::Duration);
    let swings = largest(&uncertainty.sensitivity);
    // A re-based proxy's switching value is in the analysis's prices; say so,
    // and give it in the prices the proxy is written in, as a user would edit it.
    let change = |s: &Sensitivity| {
        let plain = switching_change(s, c);
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
    let no_switching = tested.clone().filter(|s| s.switching_value.is_none()).count();
    let view = UncertaintyView {
        switching: tested
            .clone()
            .filter(|s| s.switching_value.is_some())
            .map(|s| SwitchView {
                outcome: description(s),
                assumption: assumption_label(s.assumption),
                change: change(s),
            })
            .collect(),
        no_switching,
        no_switching_phrase: if no_switching == 1 {
            "the other assumption tested".to_owned()
        } else {
            format!("the other {no_switching} assumptions tested")
        },
        swings: swings
            .iter()
            .map(|s| SwingView {
                outcome: description(s),
                assumption: assumption_label(s.assumption),
                low: show(s.assumption, s.low, c),
                high: show(s.assumption, s.high, c),
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
    };
    let charts = UncertaintyCharts {
        ratio: sroi_ratio,
        tornado: swings
            .iter()
            .map(|s| {
                // The assumption first, so a long outcome name is what gets cut.
                let label = format!("{}: {}", capitalise(assumption_label(s.assumption)), description(s));
                (label, s.low_ratio, s.high_ratio)
            })
            .collect(),
        histogram: uncertainty.simulation.as_ref().map(|s| histogram(&s.ratios)).unwrap_or_default(),
        band: uncertainty.simulation.as_ref().map(|s| (s.p5, s.p95)),
    };
    (view, charts)
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
