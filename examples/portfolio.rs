//! Writes a synthetic portfolio: `cargo run --release --example portfolio -- DIR 10000 12 1000`.
//! Arguments: the folder (created), the number of analyses (default 10,000),
//! the outcomes in each (default 12), and the contracts among them (default
//! 0): each contract an offer against the example framework and a year of
//! quarterly returns. Each analysis gets its own seed, so figures, themes and
//! organisations vary; a `portfolio.yaml` manifest names them all.

use std::fmt::Write as _;
use std::io::Write as _;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "synthetic-portfolio".to_owned()));
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let outcomes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(12);
    let contracts: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    std::fs::create_dir_all(dir.join("analyses"))?;
    for seed in 1..=count {
        let shape = sroi::synthetic::Shape { outcomes, description_len: 40, seed };
        std::fs::write(dir.join(format!("analyses/{seed:05}.yaml")), sroi::synthetic::analysis(shape))?;
    }
    if contracts > 0 {
        std::fs::create_dir_all(dir.join("contracts"))?;
        std::fs::write(dir.join("contracts/framework.yaml"), sroi::cli::init::COMMISSIONING[0].1)?;
    }
    for seed in 1..=contracts {
        let sizes = ["micro", "sme", "vcse", "large"];
        let size = sizes[(seed % 4) as usize];
        std::fs::write(
            dir.join(format!("contracts/offer-{seed:04}.yaml")),
            format!(
                "sroi: 1\noffer: Generated contract {seed}\nframework: framework.yaml\nsupplier: {{ name: Supplier {seed}, size: {size} }}\narea: Ward {}\ncontract: {{ id: GEN-{seed}, value: 2000000, start: 2025-10-01, years: 3 }}\ncommitments:\n  - {{ measure: jobs-25-plus, quantity: [{}, 4, 4], how: Local recruitment }}\n  - {{ measure: training-hours, quantity: [400, 400, 400], how: Accredited courses }}\n",
                seed % 12,
                seed % 5 + 1
            ),
        )?;
        let mut returns =
            format!("sroi: 1\nreturns: Generated returns {seed}\noffer: offer-{seed:04}.yaml\nperiods:\n");
        for (start, end) in [
            ("2025-10-01", "2025-12-31"),
            ("2026-01-01", "2026-03-31"),
            ("2026-04-01", "2026-06-30"),
            ("2026-07-01", "2026-09-30"),
        ] {
            writeln!(returns, "  - {{ start: {start}, end: {end} }}").expect("to a string");
        }
        returns.push_str("delivered:\n");
        for period in 1..=4 {
            writeln!(
                returns,
                "  - {{ measure: jobs-25-plus, period: {period}, quantity: 1, evidence: Payroll, validated: {} }}\n  - {{ measure: training-hours, period: {period}, quantity: 90, evidence: Registers, validated: true }}",
                (seed + period) % 3 != 0
            )
            .expect("to a string");
        }
        std::fs::write(dir.join(format!("contracts/returns-{seed:04}.yaml")), returns)?;
    }
    let mut manifest = std::fs::File::create(dir.join("portfolio.yaml"))?;
    writeln!(
        manifest,
        "title: Synthetic social value statement\nyear: 2025\norganisation: Generated Council\nanalyses:\n  - analyses/*.yaml"
    )?;
    if contracts > 0 {
        writeln!(manifest, "  - contracts/returns-*.yaml")?;
    }
    eprintln!(
        "wrote {count} analyses of {outcomes} outcomes, {contracts} contracts and {}",
        dir.join("portfolio.yaml").display()
    );
    Ok(())
}
