//! Monte Carlo over the `range:` entries (SPEC §3): how sure the ratio is.
//!
//! Each draw samples every ranged assumption independently from a triangular
//! distribution (low, the value used, high) and recomputes the ratio. Draws
//! are made in fixed chunks, each with its own ChaCha8 stream of the seed, so
//! the same seed gives the same numbers bit for bit whatever the number of
//! threads.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::Discounting;
use super::sensitivity::{Figures, get, outcome_present_value_with};
use crate::model::{Analysis, Outcome, Range};

/// Draws per chunk, each chunk one random stream.
const CHUNK: u32 = 1024;

/// What the simulation found.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// Number of draws.
    pub draws: u32,
    /// The seed used.
    pub seed: u64,
    /// 5th percentile of the ratio.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Mean.
    pub mean: f64,
    /// Share of draws with a ratio below 1.
    pub probability_below_one: f64,
    /// Every draw's ratio, sorted, for the histogram.
    pub ratios: Vec<f64>,
}

/// A draw from the triangular distribution on `[low, high]` with mode `mode`,
/// by inverting its distribution function at `u` in `[0, 1)`.
pub fn triangular(low: f64, mode: f64, high: f64, u: f64) -> f64 {
    if high <= low {
        return low;
    }
    let cut = (mode - low) / (high - low);
    if u < cut {
        low + (u * (high - low) * (mode - low)).sqrt()
    } else {
        high - ((1.0 - u) * (high - low) * (high - mode)).sqrt()
    }
}

/// The `q` quantile of sorted `values`, interpolating between neighbours.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let position = q * (sorted.len() - 1) as f64;
    let (below, above) = (position.floor() as usize, position.ceil() as usize);
    sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
}

/// Runs the simulation, or `None` when nothing has a range or draws are 0.
pub fn simulate(analysis: &Analysis, present_value: f64, investment: f64) -> Option<Simulation> {
    let settings = analysis.settings.simulation;
    let ranged: Vec<(&Outcome, &[Range])> = analysis
        .outcomes
        .iter()
        .filter(|o| !o.ranges.is_empty() && analysis.is_counted(o))
        .map(|o| (o, o.ranges.as_slice()))
        .collect();
    if ranged.is_empty() || settings.draws == 0 {
        return None;
    }
    // Durations may be drawn up to 50 years.
    let horizon = analysis.outcomes.iter().map(|o| o.start + 50).max().unwrap_or(51);
    let discounting = Discounting::new(analysis.settings, horizon);
    let factors: Vec<f64> = (1..=horizon).map(|t| discounting.factor(t)).collect();
    let fixed =
        present_value - ranged.iter().map(|(o, _)| outcome_present_value_with(o, &factors)).sum::<f64>();

    let chunks = settings.draws.div_ceil(CHUNK);
    let mut ratios: Vec<f64> = (0..chunks)
        .into_par_iter()
        .flat_map_iter(|chunk| {
            let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
            rng.set_stream(u64::from(chunk));
            // Figures only: a copy of every ranged outcome for each chunk would take
            // as much memory again as the analysis, in each thread's own heap.
            let mut working: Vec<Figures> = ranged.iter().map(|(o, _)| Figures::of(o)).collect();
            let count = CHUNK.min(settings.draws - chunk * CHUNK);
            let (ranged, factors) = (&ranged, &factors);
            (0..count)
                .map(move |_| {
                    let mut total = fixed;
                    for ((original, ranges), outcome) in ranged.iter().zip(working.iter_mut()) {
                        for range in ranges.iter() {
                            let mode = get(original, range.assumption).unwrap_or(range.low);
                            let u: f64 = rng.random();
                            outcome.apply(range.assumption, triangular(range.low, mode, range.high, u));
                        }
                        total += outcome.present_value_with(factors);
                    }
                    total / investment
                })
                .collect::<Vec<f64>>()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let n = ratios.len() as f64;
    Some(Simulation {
        draws: settings.draws,
        seed: settings.seed,
        p5: quantile(&ratios, 0.05),
        p50: quantile(&ratios, 0.50),
        p95: quantile(&ratios, 0.95),
        mean: ratios.iter().sum::<f64>() / n,
        probability_below_one: ratios.iter().filter(|r| **r < 1.0).count() as f64 / n,
        ratios,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn analysis(text: &str) -> Analysis {
        crate::analyse(&SourceFile::new("t.yaml", text)).unwrap_or_else(|d| panic!("{d:?}")).0
    }

    fn one_outcome(range: &str, draws: u32) -> Analysis {
        analysis(&format!(
            "sroi: 1\ntitle: t\nsettings: {{ simulation: {{ draws: {draws}, seed: 7 }} }}\nstakeholders: [{{id: s, name: S}}]\ninputs: [{{id: i, amount: 1000}}]\noutcomes:\n  - {{id: o, stakeholder: s, description: d, quantity: 10, proxy: {{value: 200}}, duration: 2, range: {{ {range} }} }}\n"
        ))
    }

    fn run(a: &Analysis) -> Simulation {
        let r = super::super::compute(a);
        simulate(a, r.present_value, r.investment).expect("ranges exist")
    }

    #[test]
    fn the_triangular_inverse_matches_its_distribution() {
        // On [0, 10] with mode 2: F(2) = 0.2, so u = 0.2 maps to the mode and
        // the median solves (10 − m)² = 0.5 × 10 × 8, m = 10 − √40.
        assert!((triangular(0.0, 2.0, 10.0, 0.2) - 2.0).abs() < 1e-12);
        assert!((triangular(0.0, 2.0, 10.0, 0.5) - (10.0 - 40f64.sqrt())).abs() < 1e-12);
        assert_eq!(triangular(0.0, 2.0, 10.0, 0.0), 0.0);
        assert_eq!(triangular(5.0, 5.0, 5.0, 0.3), 5.0);
    }

    #[test]
    fn ranges_of_zero_width_give_the_point_ratio() {
        let a = one_outcome("proxy: [200, 200], quantity: [10, 10]", 500);
        let point = super::super::compute(&a).sroi_ratio;
        let s = run(&a);
        for value in [s.p5, s.p50, s.p95, s.mean] {
            assert!((value - point).abs() < 1e-12, "{value} != {point}");
        }
        assert_eq!(s.probability_below_one, 0.0);
    }

    #[test]
    fn a_single_ranged_proxy_has_the_analytic_median() {
        // The ratio is linear in the proxy, so its median is the ratio at the
        // proxy's median. Triangular(100, 200, 500): F(200) = 0.25 < 0.5, so
        // the median is 500 − √(0.5 × 400 × 300) = 255.05.
        let a = one_outcome("proxy: [100, 500]", 20_000);
        let s = run(&a);
        let median_proxy = 500.0 - (0.5 * 400.0 * 300.0_f64).sqrt();
        let expected = super::super::compute(&{
            let mut b = a.clone();
            b.outcomes[0].proxy.value = median_proxy;
            b
        })
        .sroi_ratio;
        assert!((s.p50 - expected).abs() / expected < 0.01, "{} vs {expected}", s.p50);
        assert!(s.p5 < s.p50 && s.p50 < s.p95);
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers_on_any_number_of_threads() {
        let a = one_outcome("proxy: [100, 500], deadweight: [0%, 30%], duration: [1, 4]", 5000);
        let on = |threads| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool").install(|| run(&a))
        };
        let (one, four) = (on(1), on(4));
        assert_eq!(one, four);
        assert_eq!(one, on(1), "and again");
        let mut other = a.clone();
        other.settings.simulation.seed = 8;
        assert_ne!(run(&other).p50, one.p50, "another seed, other draws");
    }

    #[test]
    fn an_outcomes_figures_value_it_as_the_outcome_does_under_every_change() {
        // The simulation works on `Figures`: a copy that forgot a figure the
        // arithmetic reads, or changed one otherwise than `apply` does, would
        // value draws wrongly.
        let factors: Vec<f64> = (1..=60).map(|t| 1.035f64.powi(-t)).collect();
        let mut seen = 0;
        for entry in std::fs::read_dir("fixtures").expect("fixtures") {
            let path = entry.expect("entry").path();
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let Ok((a, _)) = crate::analyse(&SourceFile::new("f.yaml", &text)) else { continue };
            for o in &a.outcomes {
                let mut whole = o.clone();
                let mut figures = Figures::of(o);
                for (assumption, value) in
                    crate::model::Assumption::ALL.into_iter().zip([7.0, 55.0, 0.3, 0.2, 0.1, 0.4, 3.0])
                {
                    crate::compute::sensitivity::apply(&mut whole, assumption, value);
                    figures.apply(assumption, value);
                    assert_eq!(Figures::of(&whole), figures, "{} after {assumption:?}", o.id);
                    let (w, f) =
                        (outcome_present_value_with(&whole, &factors), figures.present_value_with(&factors));
                    assert_eq!(w.to_bits(), f.to_bits(), "{} after {assumption:?}", o.id);
                    seen += 1;
                }
            }
        }
        assert!(seen > 50, "the fixtures' outcomes were tried ({seen})");
    }

    #[test]
    fn nothing_to_simulate_without_ranges_or_draws() {
        let a = one_outcome("", 1000);
        assert!(simulate(&a, 1.0, 1.0).is_none());
        let b = one_outcome("proxy: [100, 500]", 0);
        assert!(simulate(&b, 1.0, 1.0).is_none());
    }
}
