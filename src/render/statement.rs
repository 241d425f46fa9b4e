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

/// Every breakdown of a statement as CSV (RFC 4180, UTF-8): one row per
/// theme, framework priority, area, supplier size and organisation, each with
/// the figures known for it; a cell is empty where the figure does not apply
/// (an organisation has no in-year value, a theme no committed value).
pub fn breakdowns_csv(statement: &Statement) -> Vec<u8> {
    let mut writer = crate::render::csv::writer();
    let _ = writer.write_record([
        "breakdown",
        "framework",
        "id",
        "name",
        "in_year_value",
        "validated_value",
        "claimed_value",
        "forecast_in_year_value",
        "committed_value",
        "present_value",
    ]);
    let text = crate::render::csv::text;
    let figure = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    let mut row = |kind: &str, framework: &str, id: &str, name: &str, figures: [Option<f64>; 6]| {
        let mut record = vec![
            kind.to_owned(),
            text(framework).into_owned(),
            text(id).into_owned(),
            text(name).into_owned(),
        ];
        record.extend(figures.map(figure));
        let _ = writer.write_record(&record);
    };
    for t in &statement.by_theme {
        let figures = [t.in_year_value, None, None, t.forecast_in_year_value, None, Some(t.present_value)];
        row("theme", "", "", &t.theme, figures);
    }
    if let Some(totals) = &statement.in_year {
        for p in &totals.by_priority {
            let figures = [
                Some(p.in_year_value),
                Some(p.validated_value),
                Some(p.claimed_value),
                Some(p.forecast_in_year_value),
                Some(p.committed_value),
                None,
            ];
            row("priority", &p.framework, &p.priority, &p.name, figures);
        }
        for a in &totals.by_area {
            let figures = [
                Some(a.in_year_value),
                None,
                Some(a.claimed_value),
                Some(a.forecast_in_year_value),
                None,
                Some(a.lifetime_present_value),
            ];
            row("area", "", "", &a.area, figures);
        }
        for z in &totals.by_supplier_size {
            let figures = [
                Some(z.validated_value),
                Some(z.validated_value),
                Some(z.claimed_value),
                None,
                Some(z.committed_value),
                None,
            ];
            row("supplier_size", "", &z.size, crate::report::statement::size_words(&z.size), figures);
        }
    }
    for o in &statement.by_organisation {
        row("organisation", "", "", &o.organisation, [None, None, None, None, None, Some(o.present_value)]);
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
    if let (Some(totals), Some(crate::compute::statement::Year::Statement(label))) =
        (&statement.in_year, &statement.year)
    {
        let _ = writeln!(
            out,
            "In {label}: delivered {} (evaluations {}, validated deliveries {}); claimed, not validated {}; forecast {}; lifetime present value {} (never added to the year's)\n",
            money(totals.in_year_value, c),
            money(totals.analyses_in_year_value, c),
            money(totals.validated_value, c),
            money(totals.claimed_value, c),
            money(totals.forecast_in_year_value, c),
            money(totals.lifetime_present_value, c),
        );
        if !totals.by_priority.is_empty() {
            let mut priorities = Table::new(&[
                ("Framework priority", Align::Left),
                ("Committed", Align::Right),
                ("Delivered", Align::Right),
                ("Validated", Align::Right),
                ("Claimed", Align::Right),
                ("Forecast", Align::Right),
            ]);
            for p in &totals.by_priority {
                priorities.row(vec![
                    p.name.clone(),
                    money(p.committed_value, c),
                    money(p.in_year_value, c),
                    money(p.validated_value, c),
                    money(p.claimed_value, c),
                    money(p.forecast_in_year_value, c),
                ]);
            }
            priorities.render(&mut out);
            let _ = writeln!(
                out,
                "  Delivered: evaluations' outcomes tagged with the priority's id, and validated deliveries.\n"
            );
        }
        let mut areas = Table::new(&[
            ("Area", Align::Left),
            ("Delivered", Align::Right),
            ("Claimed", Align::Right),
            ("Forecast", Align::Right),
            ("Lifetime", Align::Right),
        ]);
        for a in totals.by_area.iter().take(20) {
            areas.row(vec![
                a.area.clone(),
                money(a.in_year_value, c),
                money(a.claimed_value, c),
                money(a.forecast_in_year_value, c),
                money(a.lifetime_present_value, c),
            ]);
        }
        areas.render(&mut out);
        let _ = writeln!(out);
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
