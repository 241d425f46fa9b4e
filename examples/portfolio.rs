//! Writes a synthetic portfolio: `cargo run --release --example portfolio -- DIR 10000`.
//! Arguments: the folder (created), the number of analyses (default 10,000),
//! and the outcomes in each (default 12). Each analysis gets its own seed, so
//! figures, themes and organisations vary; a `portfolio.yaml` manifest names them all.

use std::io::Write as _;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "synthetic-portfolio".to_owned()));
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let outcomes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(12);
    std::fs::create_dir_all(dir.join("analyses"))?;
    for seed in 1..=count {
        let shape = sroi::synthetic::Shape { outcomes, description_len: 40, seed };
        std::fs::write(dir.join(format!("analyses/{seed:05}.yaml")), sroi::synthetic::analysis(shape))?;
    }
    let mut manifest = std::fs::File::create(dir.join("portfolio.yaml"))?;
    writeln!(
        manifest,
        "title: Synthetic social value statement\nyear: 2025\norganisation: Generated Council\nanalyses:\n  - analyses/*.yaml"
    )?;
    eprintln!("wrote {count} analyses of {outcomes} outcomes and {}", dir.join("portfolio.yaml").display());
    Ok(())
}
