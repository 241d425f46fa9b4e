//! The tender evaluation (`sroi bids`) as text for a terminal, JSON (SPEC
//! §7) and CSV (one row per offer and commitment), from its view.

use std::fmt::Write as _;

use crate::report::bids::BidsView;

/// The evaluation as a table and the panel's flags, for a terminal.
pub fn text(view: &BidsView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", view.title);
    let _ = writeln!(out, "{}\n", view.headline);
    let width = view.offers.iter().map(|o| o.supplier.chars().count()).max().unwrap_or(8).max(8);
    let _ = writeln!(
        out,
        "{:<4} {:<width$} {:>8} {:>14} {:>14} {:>10}",
        "Rank",
        "Supplier",
        "Score",
        "Social value",
        "Gross value",
        format!("Per {}", view.unit_of_money)
    );
    for o in &view.offers {
        let _ = writeln!(
            out,
            "{:<4} {:<width$} {:>8} {:>14} {:>14} {:>10}",
            o.rank, o.supplier, o.score, o.social_value, o.gross_value, o.value_per_pound
        );
    }
    let _ =
        writeln!(out, "\nScores are out of {} points ({} of the tender score).", view.points, view.weighting);
    for o in &view.offers {
        let _ = writeln!(out, "\n{} ({}): {}", o.supplier, o.file, o.how_scored);
        for flag in &o.flags {
            let _ = writeln!(out, "  flag: {flag}");
        }
    }
    out
}

/// The figures as JSON, keys as SPEC §7 names them.
pub fn json(view: &BidsView) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&view.figures).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// One row per commitment of each offer, with the offer's totals, in full precision.
pub fn csv(view: &BidsView) -> Vec<u8> {
    use super::csv::text;
    let mut w = super::csv::writer();
    let _ = w.write_record([
        "file",
        "supplier",
        "supplier_size",
        "rank",
        "score",
        "contract_value",
        "offer_social_value",
        "offer_weighted_value",
        "measure",
        "quantities",
        "gross_value",
        "social_value",
    ]);
    for o in &view.figures.offers {
        for c in &o.commitments {
            let quantities: Vec<String> = c.quantities.iter().map(f64::to_string).collect();
            let _ = w.write_record([
                text(&o.file).as_ref(),
                text(&o.supplier).as_ref(),
                o.supplier_size,
                &o.rank.to_string(),
                &o.score.to_string(),
                &o.contract_value.to_string(),
                &o.social_value.to_string(),
                &o.weighted_value.to_string(),
                text(&c.measure).as_ref(),
                &quantities.join(" "),
                &c.gross_value.to_string(),
                &c.social_value.to_string(),
            ]);
        }
    }
    super::csv::finish(w)
}
