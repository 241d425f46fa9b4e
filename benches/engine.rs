//! Benchmarks of the core engine on a generated 2,000-outcome analysis
//! (`cargo bench --bench engine`). Targets (issue 2): `check` and
//! `calc --json` each under 100 ms on 2 cores.

use sroi::source::SourceFile;
use sroi::synthetic::{Shape, analysis};

fn main() {
    divan::main();
}

fn source(outcomes: usize) -> SourceFile {
    SourceFile::new("bench.yaml", analysis(Shape { outcomes, ..Shape::default() }))
}

/// What `sroi check` does: parse, decode and validate.
#[divan::bench(args = [30, 2000])]
fn check(bencher: divan::Bencher, outcomes: usize) {
    let source = source(outcomes);
    bencher.bench(|| sroi::analyse(divan::black_box(&source)).map(|(a, _)| a.outcomes.len()));
}

/// What `sroi calc --json` does: check, compute, and render the JSON.
#[divan::bench(args = [30, 2000])]
fn calc_json(bencher: divan::Bencher, outcomes: usize) {
    let source = source(outcomes);
    bencher.bench(|| {
        let (analysis, _) = sroi::analyse(divan::black_box(&source)).expect("valid");
        let results = sroi::compute::compute(&analysis);
        let uncertainty = sroi::compute::uncertainty(&analysis, &results);
        sroi::render::json::render(&analysis, &results, &uncertainty).len()
    });
}

/// The arithmetic alone.
#[divan::bench(args = [30, 2000])]
fn compute(bencher: divan::Bencher, outcomes: usize) {
    let (analysis, _) = sroi::analyse(&source(outcomes)).expect("valid");
    bencher.bench(|| sroi::compute::compute(divan::black_box(&analysis)).present_value);
}

/// YAML parsing alone, into the located node tree.
#[divan::bench(args = [2000])]
fn parse_yaml(bencher: divan::Bencher, outcomes: usize) {
    let source = source(outcomes);
    bencher.bench(|| sroi::load::parse_yaml(divan::black_box(&source)).is_ok());
}

/// What `sroi report -f html` does, less the file write: check, compute,
/// build the view model, draw the charts and render the templates.
/// Target (issue 3): under 50 ms for 30 outcomes.
#[divan::bench(args = [30, 200])]
fn report_html(bencher: divan::Bencher, outcomes: usize) {
    let source = source(outcomes);
    let templates = sroi::render::html::Templates::new(&[]).expect("embedded templates");
    let date = 1_767_225_600; // 1 January 2026
    bencher.bench(|| {
        let (analysis, _) = sroi::analyse(divan::black_box(&source)).expect("valid");
        let results = sroi::compute::compute(&analysis);
        let uncertainty = sroi::compute::uncertainty(&analysis, &results);
        let report = sroi::report::build(&analysis, &results, &uncertainty, &[], date);
        sroi::render::html::render(&report, None, &templates).expect("renders").len()
    });
}

/// What `sroi report -f pdf` does, less the file write: check, compute,
/// build the view model, typeset, draw the charts, subset the fonts and
/// serialise. Target (issue 4): under 200 ms for 30 outcomes.
#[divan::bench(args = [30, 200])]
fn report_pdf(bencher: divan::Bencher, outcomes: usize) {
    let source = source(outcomes);
    bencher.bench(|| {
        let (analysis, _) = sroi::analyse(divan::black_box(&source)).expect("valid");
        let results = sroi::compute::compute(&analysis);
        let uncertainty = sroi::compute::uncertainty(&analysis, &results);
        let report = sroi::report::build(&analysis, &results, &uncertainty, &[], 1_767_225_600);
        sroi::render::pdf::render(&report, None).expect("renders").bytes.len()
    });
}

/// An analysis whose every outcome has a range on every assumption it has.
fn fully_ranged(outcomes: usize, draws: u32) -> sroi::model::Analysis {
    use sroi::model::{Assumption, Range};
    let (mut analysis, _) = sroi::analyse(&source(outcomes)).expect("valid");
    analysis.settings.simulation.draws = draws;
    for outcome in &mut analysis.outcomes {
        outcome.ranges = Assumption::ALL
            .iter()
            .filter_map(|&a| {
                let v = sroi::compute::sensitivity::get(outcome, a)?;
                let (low, high) = match a {
                    Assumption::Quantity | Assumption::Proxy => {
                        ((v * 0.8).min(v * 1.2), (v * 0.8).max(v * 1.2))
                    }
                    Assumption::Duration => ((v - 1.0).max(1.0), v + 1.0),
                    _ => ((v - 0.1).max(0.0), (v + 0.1).min(1.0)),
                };
                Some(Range { assumption: a, low, high })
            })
            .collect();
    }
    analysis
}

/// The Monte Carlo simulation: 100,000 draws of a 50-outcome analysis with a
/// range on every assumption. Target (issue 5): under 1 s on 2 cores.
#[divan::bench(sample_count = 5)]
fn simulation_100k_draws_50_outcomes(bencher: divan::Bencher) {
    let analysis = fully_ranged(50, 100_000);
    let results = sroi::compute::compute(&analysis);
    bencher.bench(|| {
        sroi::compute::simulation::simulate(
            divan::black_box(&analysis),
            results.present_value,
            results.investment,
        )
        .map(|s| s.p50)
    });
}

/// Switching values and swings of a 50-outcome analysis.
#[divan::bench]
fn sensitivity_50_outcomes(bencher: divan::Bencher) {
    let analysis = fully_ranged(50, 0);
    let results = sroi::compute::compute(&analysis);
    bencher.bench(|| {
        sroi::compute::sensitivity::sensitivity(&analysis, results.present_value, results.investment).len()
    });
}
