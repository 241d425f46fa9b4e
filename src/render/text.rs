//! `sroi calc`'s readable summary: headline figures, then value by
//! stakeholder, by outcome and by year, as aligned plain-text tables.

use std::fmt::Write as _;

use crate::compute::{Results, Uncertainty};
use crate::format::{describe_discounting, headline, money, number, percent, ratio};
use crate::model::Analysis;

/// Value types, observed and projected value, evidence and the materiality
/// register, in the words of the HTML and PDF reports.
fn assurance(out: &mut String, a: &crate::report::assurance::AssuranceView) {
    let _ = writeln!(out, "\nValue by type");
    let mut types =
        Table::new(&[("Type", Align::Left), ("Present value", Align::Right), ("Share", Align::Right)]);
    for t in &a.value_types {
        types.row(vec![format!("{} ({})", t.label, t.covers), t.present_value.clone(), t.share.clone()]);
    }
    types.render(out);
    let _ = writeln!(out, "\n{}\n{}", a.observed_sentence, a.evidence_sentence);
    let _ = writeln!(out, "\nMateriality register\n{}", a.register_sentence);
    if a.register.is_empty() {
        return;
    }
    let mut register = Table::new(&[
        ("Excluded", Align::Left),
        ("Value it would add", Align::Right),
        ("Ratio if included", Align::Right),
        ("Materiality", Align::Left),
    ]);
    for e in &a.register {
        register.row(vec![
            format!("{}: {} ({})", e.kind, e.name, e.reason),
            e.present_value.clone(),
            e.ratio_if_included.clone(),
            e.verdict.clone(),
        ]);
    }
    register.render(out);
}

/// Column alignment.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// A plain-text table: a header row, a rule, and rows padded to the widest cell.
pub(crate) struct Table {
    headers: Vec<&'static str>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(columns: &[(&'static str, Align)]) -> Self {
        Table {
            headers: columns.iter().map(|c| c.0).collect(),
            align: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; only the first column (names) is cut, figures and
    /// sentences are shown whole.
    pub(crate) fn row(&mut self, mut cells: Vec<String>) {
        if let Some(first) = cells.first_mut()
            && let std::borrow::Cow::Owned(cut) = fit(first, MAX_CELL)
        {
            *first = cut;
        }
        self.rows.push(cells);
    }

    pub(crate) fn render(&self, out: &mut String) {
        use unicode_width::UnicodeWidthStr;
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|i| {
                self.rows.iter().map(|r| r[i].width()).chain([self.headers[i].width()]).max().unwrap_or(0)
            })
            .collect();
        let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
            let start = out.len();
            out.push_str("  ");
            for (i, ((cell, &width), align)) in cells.zip(&widths).zip(&self.align).enumerate() {
                if i > 0 {
                    out.push_str("  ");
                }
                // Pad by display width: CJK characters and emoji take two columns.
                let pad = width.saturating_sub(cell.width());
                match align {
                    Align::Left => {
                        out.push_str(cell);
                        out.extend(std::iter::repeat_n(' ', pad));
                    }
                    Align::Right => {
                        out.extend(std::iter::repeat_n(' ', pad));
                        out.push_str(cell);
                    }
                }
            }
            // The line's indent is kept even when every cell is empty.
            let kept = out[start + 2..].trim_end().len();
            out.truncate(start + 2 + kept);
            out.push('\n');
        };
        line(&mut self.headers.iter().copied(), out);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&mut rule.iter().map(String::as_str), out);
        for row in &self.rows {
            line(&mut row.iter().map(String::as_str), out);
        }
    }
}

/// Widest cell shown, in columns; longer text is cut with an ellipsis.
const MAX_CELL: usize = 44;

/// `text` cut to at most `max` display columns.
fn fit(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if width + w + 1 > max {
            break;
        }
        out.push(c);
        width += w;
    }
    out.push('…');
    std::borrow::Cow::Owned(out)
}

/// The summary `sroi calc` prints.
pub fn render(analysis: &Analysis, results: &Results, uncertainty: &Uncertainty) -> String {
    let c = analysis.currency.as_str();
    let mut out = String::new();
    let _ = writeln!(out, "{}", analysis.title);
    if let Some(organisation) = &analysis.organisation {
        let _ = writeln!(out, "{organisation}");
    }
    let _ = writeln!(
        out,
        "\n{}\n",
        headline(results.sroi_ratio, c, analysis.kind == crate::model::AnalysisKind::Forecast)
    );

    let mut figures = Table::new(&[("Figure", Align::Left), ("Value", Align::Right)]);
    let payback = crate::report::payback(results);
    let guide_payback = results
        .guide_payback_months
        .map_or_else(|| "none: no value in year 1".to_owned(), |m| format!("{} months", number(m, 1)));
    for (name, value) in [
        ("SROI ratio", ratio(results.sroi_ratio)),
        ("Net SROI ratio", ratio(results.net_sroi_ratio)),
        ("Present value", money(results.present_value, c)),
        ("Investment", money(results.investment, c)),
        ("Net present value", money(results.net_present_value, c)),
        ("Payback", payback),
        ("Payback, Guide's formula", guide_payback),
        ("Discounting", describe_discounting(&analysis.settings)),
    ] {
        figures.row(vec![name.to_owned(), value]);
    }
    figures.render(&mut out);

    let _ = writeln!(out, "\nValue by stakeholder");
    let mut by_stakeholder =
        Table::new(&[("Stakeholder", Align::Left), ("Present value", Align::Right), ("Share", Align::Right)]);
    for (s, r) in analysis.stakeholders.iter().zip(&results.stakeholders) {
        let share = if s.is_excluded() {
            "excluded".to_owned()
        } else if results.present_value != 0.0 {
            percent(r.present_value / results.present_value)
        } else {
            "-".to_owned()
        };
        by_stakeholder.row(vec![s.name.clone(), money(r.present_value, c), share]);
    }
    by_stakeholder.render(&mut out);
    assurance(&mut out, &crate::report::assurance::view(analysis, results));

    let _ = writeln!(out, "\nValue by outcome");
    let mut by_outcome = Table::new(&[
        ("Outcome", Align::Left),
        ("Stakeholder", Align::Left),
        ("Gross (year 1)", Align::Right),
        ("Impact", Align::Right),
        ("Present value", Align::Right),
    ]);
    for (o, r) in analysis.outcomes.iter().zip(&results.outcomes) {
        let stakeholder = &analysis.stakeholders[o.stakeholder];
        let pv = if r.excluded { "excluded".to_owned() } else { money(r.present_value, c) };
        by_outcome.row(vec![
            o.description.clone(),
            stakeholder.name.clone(),
            money(r.gross_value, c),
            money(r.impact, c),
            pv,
        ]);
    }
    by_outcome.render(&mut out);

    let _ = writeln!(out, "\nValue by year");
    let mut by_year = Table::new(&[
        ("Year", Align::Right),
        ("Value", Align::Right),
        ("Discount factor", Align::Right),
        ("Present value", Align::Right),
    ]);
    for y in &results.years {
        by_year.row(vec![
            y.year.to_string(),
            money(y.value, c),
            format!("{:.4}", y.discount_factor),
            money(y.present_value, c),
        ]);
    }
    by_year.row(vec![
        "Total".to_owned(),
        money(results.years.iter().map(|y| y.value).sum(), c),
        String::new(),
        money(results.present_value, c),
    ]);
    by_year.render(&mut out);
    let _ = writeln!(out, "\nHow sure are we?");
    // The same findings, in the same words, as the HTML and PDF reports.
    let (view, _) = crate::report::uncertainty::build(analysis, results, uncertainty, results.sroi_ratio);
    let switching = &view.switching;
    if switching.is_empty() {
        let _ = writeln!(
            out,
            "  No single assumption, moved within its possible range, brings the ratio to 1 : 1."
        );
    } else {
        let mut table = Table::new(&[
            ("Outcome or input", Align::Left),
            ("Assumption", Align::Left),
            ("To reach 1 : 1", Align::Left),
        ]);
        for s in switching {
            table.row(vec![s.outcome.clone(), s.assumption.clone(), s.change.clone()]);
        }
        table.render(&mut out);
    }
    let rates: Vec<String> =
        view.discount_scenarios.iter().map(|d| format!("{} {}", d.rate, d.ratio)).collect();
    let _ = writeln!(out, "  Other discount rates: {}", rates.join("; "));
    if let Some(sim) = &uncertainty.simulation {
        let _ = writeln!(
            out,
            "\n  Simulation ({} draw{}, seed {}): median {}, 90% between {} and {}; chance below 1 : 1: {}",
            number(f64::from(sim.draws), 0),
            if sim.draws == 1 { "" } else { "s" },
            sim.seed,
            ratio(sim.p50),
            ratio(sim.p5),
            ratio(sim.p95),
            percent(sim.probability_below_one)
        );
    }
    out
}
