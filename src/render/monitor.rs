//! Contract monitoring (`sroi monitor`) as text for a terminal, JSON (SPEC
//! §8) and CSV (one row per period and measure), from its view.

use std::fmt::Write as _;

use crate::report::monitor::MonitorView;

/// The latest ledger and the headline, for a terminal.
pub fn text(view: &MonitorView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n{} · {} · {}\n", view.title, view.contract, view.supplier, view.term);
    let _ = writeln!(out, "{}\n", view.headline);
    if let Some(latest) = view.periods.first() {
        let _ = writeln!(out, "{}", latest.title);
        let width = latest.rows.iter().map(|r| r.measure.chars().count().min(48)).max().unwrap_or(8).max(8);
        let _ = writeln!(
            out,
            "{:<width$} {:>16} {:>16} {:>16} {:>6}  Status",
            "Measure", "Committed", "Delivered", "Validated", "Share"
        );
        for r in &latest.rows {
            let name: String = r.measure.chars().take(48).collect();
            let _ = writeln!(
                out,
                "{name:<width$} {:>16} {:>16} {:>16} {:>6}  {}",
                r.committed, r.delivered, r.validated, r.share, r.status
            );
        }
    }
    for (label, value) in &view.figures {
        let _ = writeln!(out, "{label}: {value}");
    }
    for note in &view.uncommitted {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

/// The figures as JSON, keys as SPEC §8 names them.
pub fn json(view: &MonitorView) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&view.data).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// One row per period and measure, in full precision.
pub fn csv(view: &MonitorView) -> Vec<u8> {
    use super::csv::text;
    let mut w = super::csv::writer();
    let _ = w.write_record([
        "contract",
        "supplier",
        "period",
        "start",
        "end",
        "measure",
        "committed",
        "committed_to_date",
        "delivered_to_date",
        "validated_to_date",
        "status",
    ]);
    let f = &view.data;
    for (i, p) in f.periods.iter().enumerate() {
        for m in &p.measures {
            let _ = w.write_record([
                text(&f.contract).as_ref(),
                text(&f.supplier).as_ref(),
                &(i + 1).to_string(),
                &p.start,
                &p.end,
                text(&m.measure).as_ref(),
                if m.committed { "true" } else { "false" },
                &m.committed_to_date.to_string(),
                &m.delivered_to_date.to_string(),
                &m.validated_to_date.to_string(),
                m.status,
            ]);
        }
    }
    super::csv::finish(w)
}
