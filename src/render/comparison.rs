//! A comparison's bytes for machines and terminals: JSON of the figures, and
//! tables of the [view](crate::report::comparison::View), which holds every
//! word and formatted figure the HTML and PDF pages show too.

use std::fmt::Write as _;

use serde::Serialize;

use crate::compute::comparison::{Compared, Rebase};
use crate::model::{DiscountRate, Timing};
use crate::render::text::{Align, Table};
use crate::report::comparison::View;

#[derive(Serialize)]
struct Document<'a> {
    analyses: &'a [Compared],
    settings: Option<SettingsJson>,
}

#[derive(Serialize)]
struct SettingsJson {
    discount_rate: serde_json::Value,
    discount_timing: Timing,
    price_year: Option<i32>,
}

/// The comparison as JSON: `{"analyses": [...], "settings": {...}}`; `settings` is
/// the common settings of `--rebase`, or null.
pub fn json(analyses: &[Compared], rebase: Option<&Rebase>) -> Vec<u8> {
    let settings = rebase.map(|r| SettingsJson {
        discount_rate: match r.discount_rate {
            DiscountRate::Constant(rate) => serde_json::json!(rate),
            DiscountRate::GreenBook => serde_json::json!("green-book"),
        },
        discount_timing: r.timing,
        price_year: r.price_year,
    });
    let mut bytes =
        serde_json::to_vec_pretty(&Document { analyses, settings }).expect("a comparison always serialises");
    bytes.push(b'\n');
    bytes
}

/// The comparison as tables, for the terminal.
pub fn text(view: &View) -> String {
    let mut out = String::new();
    let mut headline = Table::new(&[
        ("Analysis", Align::Left),
        ("File", Align::Left),
        ("Kind", Align::Left),
        ("Ratio", Align::Right),
        ("5–95% range", Align::Right),
        ("Present value", Align::Right),
        ("Investment", Align::Right),
    ]);
    for row in &view.analyses {
        headline.row(vec![
            row.title.clone(),
            row.file.clone(),
            row.kind.to_owned(),
            row.ratio.clone(),
            row.range.clone(),
            row.present_value.clone(),
            row.investment.clone(),
        ]);
    }
    let _ = writeln!(out, "Each analysis as written\n");
    headline.render(&mut out);

    if let Some(rebase) = &view.rebase {
        let _ = writeln!(out, "\nRe-based: {rebase}\n");
        let mut table = Table::new(&[
            ("Analysis", Align::Left),
            ("Ratio as written", Align::Right),
            ("Re-based ratio", Align::Right),
            ("Re-based present value", Align::Right),
            ("Re-based investment", Align::Right),
        ]);
        for row in &view.analyses {
            table.row(vec![
                row.title.clone(),
                row.ratio.clone(),
                row.rebased_ratio.clone(),
                row.rebased_present_value.clone(),
                row.rebased_investment.clone(),
            ]);
        }
        table.render(&mut out);
    }

    let _ = writeln!(out, "\nMethod differences that make raw ratios non-comparable\n");
    let mut method = Table::new(&[
        ("Analysis", Align::Left),
        ("Discounting", Align::Left),
        ("Prices", Align::Right),
        ("Deadweight", Align::Right),
        ("Attribution", Align::Right),
        ("Displacement", Align::Right),
        ("Drop-off", Align::Right),
        ("Longest", Align::Right),
        ("Top outcome", Align::Right),
    ]);
    for m in &view.method {
        method.row(vec![
            m.title.clone(),
            m.discounting.clone(),
            m.prices.clone(),
            m.deadweight.clone(),
            m.attribution.clone(),
            m.displacement.clone(),
            m.drop_off.clone(),
            m.longest.clone(),
            m.top_outcome.clone(),
        ]);
    }
    method.render(&mut out);
    let _ = writeln!(out, "  {}", view.method_note);
    if !view.differences.is_empty() {
        let _ = writeln!(out, "\nWhat makes them differ\n");
        for difference in &view.differences {
            let _ = writeln!(out, "  - {difference}");
        }
    }

    let _ = writeln!(out, "\nValue per unit of currency invested, by stakeholder group\n");
    let mut groups =
        Table::new(&[("Analysis", Align::Left), ("Stakeholder", Align::Left), ("Value", Align::Right)]);
    for g in &view.groups {
        groups.row(vec![g.analysis.clone(), g.stakeholder.clone(), g.value.clone()]);
    }
    groups.render(&mut out);

    if let Some(note) = &view.currencies {
        let _ = writeln!(out, "\nNote: {note}");
    }
    out
}
