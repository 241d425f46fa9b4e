//! Generated analyses of any size, for benchmarks and stress tests.
//!
//! The text is valid format-v1 YAML that exercises every feature (schedules,
//! in-kind inputs, later-year inputs, excluded stakeholders, ranges), with
//! figures varied deterministically so the same arguments give the same file.

use std::fmt::Write as _;

/// Options for [`analysis`].
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// How many outcomes.
    pub outcomes: usize,
    /// Characters in each outcome's description (at least 20), to stress layout.
    pub description_len: usize,
    /// Seed for the variation of figures.
    pub seed: u64,
}

impl Default for Shape {
    fn default() -> Self {
        Shape { outcomes: 30, description_len: 40, seed: 1 }
    }
}

/// A small, fast, deterministic mix of `seed` and `i` into `0..1`.
fn unit(seed: u64, i: u64) -> f64 {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// Themes given to outcomes in turn.
const THEMES: [&str; 5] = ["jobs", "skills", "health", "environment", "community"];

/// YAML for an analysis of the given shape.
pub fn analysis(shape: Shape) -> String {
    let stakeholders = (shape.outcomes / 10).clamp(3, 200);
    let mut y = String::with_capacity(shape.outcomes * 420 + 4096);
    let _ = writeln!(
        y,
        "sroi: 1\ntitle: Synthetic programme with {} outcomes\norganisation: Generated Trust {}",
        shape.outcomes,
        shape.seed % 100
    );
    y.push_str("kind: forecast\nperiod: { start: 2025-04-01, end: 2026-03-31 }\nsummary: |\n  A generated analysis for benchmarks. **Not real data.**\n");
    y.push_str("settings:\n  discount_rate: 3.5%\n  discount_timing: end\n\nstakeholders:\n");
    for s in 0..stakeholders {
        let excluded = if s == stakeholders - 1 {
            "\n    excluded: Not material for this synthetic analysis"
        } else {
            ""
        };
        let _ = writeln!(
            y,
            "  - id: group-{s}\n    name: Stakeholder group number {s}\n    size: {}\n    engagement: Survey (n={}) and interviews{excluded}",
            50 + s * 7,
            20 + s
        );
    }
    y.push_str("\ninputs:\n  - id: grant\n    stakeholder: group-0\n    description: Core grant\n    amount: 250000\n");
    y.push_str(
        "  - id: second-year\n    description: Second-year funding\n    amount: 120000\n    year: 1\n",
    );
    y.push_str("  - id: volunteers\n    stakeholder: group-1\n    description: Volunteer time\n    hours: 3000\n    rate: 12.21\n");
    y.push_str("\noutputs:\n  - id: sessions\n    description: Sessions delivered\n    quantity: 500\n    unit: sessions\n    inputs: [grant, volunteers]\n");
    y.push_str("\noutcomes:\n");
    let filler = "and a longer description to stress the layout of reports ";
    for i in 0..shape.outcomes {
        let r = |k: u64| unit(shape.seed, (i as u64) * 16 + k);
        let mut description = format!("Outcome {i}: people feel better supported ");
        while description.chars().count() < shape.description_len {
            description.push_str(filler);
        }
        let description: String = description.chars().take(shape.description_len.max(20)).collect();
        let quantity = (5.0 + r(0) * 95.0).round();
        let proxy = (100.0 + r(1) * 9900.0).round();
        let deadweight = (r(2) * 40.0).round();
        let attribution = (r(3) * 40.0).round();
        let displacement = (r(4) * 20.0).round();
        let _ = write!(
            y,
            "  - id: outcome-{i}\n    stakeholder: group-{}\n    themes: [{}]\n    outputs: [sessions]\n    description: \"{description}\"\n    indicator: Self-reported change at follow-up\n",
            i % stakeholders,
            THEMES[(i + shape.seed as usize) % THEMES.len()]
        );
        let proxy_value = if i % 17 == 16 { -proxy / 10.0 } else { proxy };
        let _ = writeln!(
            y,
            "    proxy: {{ value: {proxy_value}, description: Value of the change, source: Generated }}"
        );
        if i % 7 == 3 {
            let _ = writeln!(
                y,
                "    schedule: [{quantity}, {}, {}]",
                (quantity * 0.8).round(),
                (quantity * 0.5).round()
            );
        } else {
            let duration = 1 + (r(5) * 4.0) as u32;
            let drop_off = (r(6) * 50.0).round();
            let _ =
                writeln!(y, "    quantity: {quantity}\n    duration: {duration}\n    drop_off: {drop_off}%");
        }
        let _ = writeln!(
            y,
            "    start: {}\n    deadweight: {deadweight}%\n    displacement: {displacement}%\n    attribution: {attribution}%",
            1 + (i % 5 == 4) as u32
        );
        let (lo, hi) = if proxy_value < 0.0 {
            (proxy_value * 1.5, proxy_value * 0.5)
        } else {
            (proxy_value * 0.7, proxy_value * 1.3)
        };
        let _ = writeln!(
            y,
            "    range:\n      proxy: [{lo}, {hi}]\n      deadweight: [0%, {}%]",
            (deadweight + 10.0).min(100.0)
        );
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_analyses_are_valid_and_deterministic() {
        for outcomes in [1, 30, 200] {
            let text = analysis(Shape { outcomes, description_len: 120, seed: 7 });
            assert_eq!(text, analysis(Shape { outcomes, description_len: 120, seed: 7 }));
            let source = crate::source::SourceFile::new("synthetic.yaml", text);
            let (a, _) = crate::analyse(&source)
                .unwrap_or_else(|d| panic!("{}", crate::diag::render_all(&d, &source, false)));
            assert_eq!(a.outcomes.len(), outcomes);
            assert!(a.outcomes.iter().all(|o| o.description.chars().count() == 120));
        }
    }
}
