//! A statement's bytes for machines and terminals: its JSON (the open data
//! other councils could publish), one CSV row per analysis, and tables.

use crate::compute::statement::{Statement, largest_first};

/// The statement as JSON.
pub fn json(statement: &Statement) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(statement).expect("a statement always serialises");
    bytes.push(b'\n');
    bytes
}

/// Every analysis as one CSV row (RFC 4180, UTF-8), failed ones with their error.
pub fn csv(statement: &Statement) -> Vec<u8> {
    let mut writer = crate::render::csv::writer();
    let header = [
        "file",
        "title",
        "organisation",
        "contract",
        "area",
        "kind",
        "investment",
        "present_value",
        "sroi_ratio",
        "error",
    ];
    let _ = writer.write_record(header);
    for item in &statement.items {
        let text = crate::render::csv::text;
        let _ = writer.write_record([
            &*text(&item.file),
            &*text(&item.title),
            &*text(item.organisation.as_deref().unwrap_or("")),
            &*text(item.contract.as_deref().unwrap_or("")),
            &*text(item.area.as_deref().unwrap_or("")),
            item.kind.word(),
            &item.investment.to_string(),
            &item.present_value.to_string(),
            &item.sroi_ratio.to_string(),
            "",
        ]);
    }
    for failure in &statement.failed {
        let text = crate::render::csv::text;
        let _ = writer.write_record([
            &*text(&failure.file),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            &*text(&failure.error),
        ]);
    }
    crate::render::csv::finish(writer)
}

/// The statement as tables, for the terminal.
pub fn text(statement: &Statement) -> String {
    use std::fmt::Write as _;

    use crate::format::{money, number, ratio};
    use crate::render::text::{Align, Table};
    let c = statement.currency.as_str();
    let mut out = String::new();
    let _ = writeln!(out, "{}", statement.title);
    if let Some(organisation) = &statement.organisation {
        let _ = writeln!(out, "{organisation}");
    }
    let counted = statement.items.len();
    let _ = writeln!(
        out,
        "\n{} {} counted of {}; present value {}, investment {}, ratio {}\n",
        number(counted as f64, 0),
        if counted == 1 { "analysis" } else { "analyses" },
        number(statement.count as f64, 0),
        money(statement.present_value, c),
        money(statement.investment, c),
        ratio(statement.sroi_ratio)
    );
    if let Some(note) = crate::report::statement::forecast_note(statement) {
        let _ = writeln!(out, "Note: {note}\n");
    }
    let share = |value: f64| {
        if statement.present_value > 0.0 {
            crate::format::percent(value / statement.present_value)
        } else {
            String::new()
        }
    };
    let mut themes =
        Table::new(&[("Theme", Align::Left), ("Present value", Align::Right), ("Share", Align::Right)]);
    for t in &statement.by_theme {
        themes.row(vec![t.theme.clone(), money(t.present_value, c), share(t.present_value)]);
    }
    themes.render(&mut out);
    let _ = writeln!(out, "  An outcome with several themes counts in each.\n");
    let mut organisations = Table::new(&[
        ("Organisation", Align::Left),
        ("Present value", Align::Right),
        ("Investment", Align::Right),
        ("Ratio", Align::Right),
    ]);
    for o in statement.by_organisation.iter().take(20) {
        let r = if o.investment > 0.0 { ratio(o.present_value / o.investment) } else { String::new() };
        organisations.row(vec![o.organisation.clone(), money(o.present_value, c), money(o.investment, c), r]);
    }
    organisations.render(&mut out);
    if statement.by_organisation.len() > 20 {
        let _ = writeln!(out, "  … and {} more; see the JSON or CSV.", statement.by_organisation.len() - 20);
    }
    let _ = writeln!(out);
    let mut groups = Table::new(&[("Stakeholder group", Align::Left), ("Present value", Align::Right)]);
    for s in statement.by_stakeholder.iter().take(20) {
        groups.row(vec![s.stakeholder.clone(), money(s.present_value, c)]);
    }
    groups.render(&mut out);
    if statement.by_stakeholder.len() > 20 {
        let _ = writeln!(out, "  … and {} more; see the JSON.", statement.by_stakeholder.len() - 20);
    }
    let _ = writeln!(out);
    let mut analyses = Table::new(&[
        ("Analysis", Align::Left),
        ("File", Align::Left),
        ("Present value", Align::Right),
        ("Investment", Align::Right),
        ("Ratio", Align::Right),
    ]);
    for item in largest_first(statement.items.iter().collect(), |i| i.present_value).iter().take(20) {
        analyses.row(vec![
            item.title.clone(),
            item.file.clone(),
            money(item.present_value, c),
            money(item.investment, c),
            ratio(item.sroi_ratio),
        ]);
    }
    analyses.render(&mut out);
    if statement.items.len() > 20 {
        let _ = writeln!(out, "  … and {} more; see the JSON or CSV.", statement.items.len() - 20);
    }
    if !statement.failed.is_empty() {
        let _ = writeln!(out, "\n{} not counted:", statement.failed.len());
        for f in &statement.failed {
            let _ = writeln!(out, "  {}", f.error);
        }
    }
    out
}
