//! Writes a synthetic tender and contract for `scripts/bench-commissioning.sh`:
//! `cargo run --release --example commissioning -- DIR 200 10`.
//! Arguments: the folder (created), the number of offers (default 200) and
//! the contract's years of monthly returns (default 10). The framework is
//! the example one; each offer commits to a varying set of its measures,
//! and the first offer has a return for every measure it commits to in every month.

use std::fmt::Write as _;

const MEASURES: [&str; 14] = [
    "jobs-25-plus",
    "jobs-under-25",
    "apprenticeship-weeks",
    "placement-weeks",
    "training-hours",
    "careers-hours",
    "sme-spend",
    "vcse-spend",
    "carbon-saved",
    "trees-planted",
    "waste-diverted",
    "volunteering-hours",
    "community-donations",
    "mentoring-hours",
];

/// A small deterministic generator (xorshift), so runs repeat.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn offer(seed: u64, years: u32) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut text = format!(
        "sroi: 1\noffer: Generated offer {seed}\nframework: framework.yaml\nsupplier: {{ name: Supplier {seed} Ltd, size: sme }}\ncontract: {{ id: GEN-1, value: 25000000, start: 2026-04-01, years: {years} }}\ncommitments:\n"
    );
    for (i, measure) in MEASURES.iter().enumerate() {
        if seed > 1 && next(&mut state).is_multiple_of(3) {
            continue;
        }
        let scale = if i == 6 || i == 7 || i == 12 { 10_000 } else { 1 };
        let quantities: Vec<String> =
            (0..years).map(|_| ((next(&mut state) % 40 + 1) * scale).to_string()).collect();
        let _ = writeln!(
            text,
            "  - measure: {measure}\n    quantity: [{}]\n    how: Plan {seed}-{i}",
            quantities.join(", ")
        );
    }
    text
}

fn returns(years: u32) -> String {
    let mut text =
        "sroi: 1\nreturns: Generated monthly returns\noffer: offer-0001.yaml\nperiods:\n".to_owned();
    let months = years * 12;
    for m in 0..months {
        let (y, month) = (2026 + (m + 3) / 12, (m + 3) % 12 + 1);
        let days = match month {
            2 if y % 4 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        let _ = writeln!(text, "  - {{ start: {y}-{month:02}-01, end: {y}-{month:02}-{days} }}");
    }
    text.push_str("delivered:\n");
    let mut state = 7_u64;
    for m in 1..=months {
        for measure in MEASURES {
            let validated = !next(&mut state).is_multiple_of(4);
            let _ = writeln!(
                text,
                "  - {{ measure: {measure}, period: {m}, quantity: {}, evidence: Return {m}, validated: {validated} }}",
                next(&mut state) % 5
            );
        }
    }
    text
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "synthetic-tender".to_owned()));
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let years: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("framework.yaml"), sroi::cli::init::COMMISSIONING[0].1)?;
    for seed in 1..=count {
        std::fs::write(dir.join(format!("offer-{seed:04}.yaml")), offer(seed, years))?;
    }
    std::fs::write(dir.join("returns.yaml"), returns(years))?;
    eprintln!(
        "wrote a framework, {count} offers of {years} years and {} monthly periods of returns",
        years * 12
    );
    Ok(())
}
