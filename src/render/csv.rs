//! `sroi report -f csv`: the impact map and the year table as CSV (RFC 4180,
//! UTF-8 with a byte order mark, CRLF line ends), for spreadsheets. Numbers are written in full
//! precision, percentages as fractions, so a spreadsheet can recompute them.

use crate::compute::Results;
use crate::model::{Analysis, Profile};

/// A CSV writer with RFC 4180 line ends. The file starts with a UTF-8 byte
/// order mark, without which Excel reads `£` as `Â£`.
pub fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec())
}

/// The written bytes; writing to memory cannot fail.
pub fn finish(writer: csv::Writer<Vec<u8>>) -> Vec<u8> {
    writer.into_inner().unwrap_or_default()
}

/// The first characters that make a spreadsheet read a cell as a formula:
/// `= + - @`, their full-width forms (`＝ ＋ － ＠`, which some spreadsheets
/// fold to the ASCII ones), and a tab or carriage return before one.
const FORMULA_STARTS: [char; 10] =
    ['=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'];

/// Untrusted text for a cell. A spreadsheet runs a cell starting with `=`,
/// `+`, `-` or `@` as a formula (also after leading spaces, which some
/// trim), so such text gets a leading apostrophe, which spreadsheets show as
/// plain text (OWASP's advice on CSV injection).
pub fn text(value: &str) -> std::borrow::Cow<'_, str> {
    if value.trim_start_matches(' ').starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// One row per outcome: who, what, the figures it rests on, and what it is worth.
pub fn impact_map(analysis: &Analysis, results: &Results) -> Vec<u8> {
    let mut w = writer();
    let _ = w.write_record([
        "stakeholder",
        "outcome",
        "description",
        "indicator",
        "quantity",
        "schedule",
        "proxy_value",
        "proxy_source",
        "deadweight",
        "displacement",
        "attribution",
        "drop_off",
        "start",
        "duration",
        "excluded",
        "gross_value",
        "impact",
        "present_value",
    ]);
    for (outcome, result) in analysis.outcomes.iter().zip(&results.outcomes) {
        let (quantity, schedule, drop_off) = match &outcome.profile {
            Profile::Constant { quantity, drop_off, .. } => {
                (quantity.to_string(), String::new(), drop_off.to_string())
            }
            Profile::Schedule(quantities) => (
                quantities.first().copied().unwrap_or(0.0).to_string(),
                quantities.iter().map(f64::to_string).collect::<Vec<_>>().join(" "),
                String::new(),
            ),
        };
        let _ = w.write_record([
            &*text(&analysis.stakeholders[outcome.stakeholder].name),
            &*text(&outcome.id),
            &*text(&outcome.description),
            &*text(outcome.indicator.as_deref().unwrap_or("")),
            quantity.as_str(),
            &schedule,
            &outcome.proxy.value.to_string(),
            &*text(outcome.proxy.source.as_deref().unwrap_or("")),
            &outcome.deadweight.to_string(),
            &outcome.displacement.to_string(),
            &outcome.attribution.to_string(),
            &drop_off,
            &outcome.start.to_string(),
            &outcome.profile.years().to_string(),
            if result.excluded { "yes" } else { "no" },
            &result.gross_value.to_string(),
            &result.impact.to_string(),
            &result.present_value.to_string(),
        ]);
    }
    finish(w)
}

/// One row per year: value, discount factor, present value.
pub fn years(results: &Results) -> Vec<u8> {
    let mut w = writer();
    let _ = w.write_record(["year", "value", "discount_factor", "present_value"]);
    for y in &results.years {
        let _ = w.write_record([
            y.year.to_string(),
            y.value.to_string(),
            y.discount_factor.to_string(),
            y.present_value.to_string(),
        ]);
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn formula_starts_are_neutralised_also_full_width_and_after_spaces() {
        for cell in [
            "=1+1",
            "+1",
            "-2",
            "@SUM(A1)",
            "\t=1",
            "\u{ff1d}HYPERLINK(\"x\")",
            "\u{ff0b}1",
            "\u{ff0d}1",
            "\u{ff20}A",
            "  =1",
        ] {
            assert_eq!(text(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["Young people", "1 = 1", "", "\u{2212}2 (a minus sign, not a formula)"] {
            assert_eq!(text(cell), cell, "{cell:?}");
        }
    }
}
