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
        sroi::render::json::render(&analysis, &results).len()
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
    let templates = sroi::render::html::Templates::load(None).expect("embedded templates");
    let date = 1_767_225_600; // 1 January 2026
    bencher.bench(|| {
        let (analysis, _) = sroi::analyse(divan::black_box(&source)).expect("valid");
        let results = sroi::compute::compute(&analysis);
        let report = sroi::report::build(&analysis, &results, date);
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
        let report = sroi::report::build(&analysis, &results, 1_767_225_600);
        sroi::render::pdf::render(&report).expect("renders").len()
    });
}
