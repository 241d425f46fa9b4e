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

/// Untrusted text for a cell. A spreadsheet runs a cell starting with `=`,
/// `+`, `-` or `@` as a formula, so such text gets a leading apostrophe, which
/// spreadsheets show as plain text (OWASP's advice on CSV injection).
pub fn text(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
