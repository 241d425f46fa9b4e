//! "Quality and assumptions": the findings of the quality checks, and the
//! analysis's assumptions placed against published practice.

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::format::{percent, ratio};
use crate::model::Analysis;
use crate::quality::{Benchmarks, Spread};

/// One finding, in words.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// "Warning" or "Note".
    pub severity: &'static str,
    /// The principle it serves, in words.
    pub principle: Option<&'static str>,
    /// What was found.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// One assumption against published practice.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    /// "Average deadweight".
    pub label: &'static str,
    /// This analysis.
    pub value: String,
    /// 10th percentile of published analyses.
    pub p10: String,
    /// Their median.
    pub median: String,
    /// Their 90th percentile.
    pub p90: String,
    /// "within the range", "below the range", "above the range".
    pub placement: &'static str,
}

/// The whole section.
#[derive(Debug, Clone, Serialize)]
pub struct QualityView {
    /// Warnings first, then notes.
    pub findings: Vec<FindingView>,
    /// Deadweight, attribution, drop-off and the ratio against published analyses.
    pub comparisons: Vec<ComparisonView>,
    /// Where the published figures come from.
    pub source: String,
}

/// (label, this analysis, p10, median, p90) of the percentage assumptions, for the chart.
pub type ChartRows = Vec<(&'static str, f64, f64, f64, f64)>;

fn placement(value: f64, spread: &Spread) -> &'static str {
    match (spread.p10, spread.p90) {
        (Some(p10), _) if value < p10 => "below the range",
        (_, Some(p90)) if value > p90 => "above the range",
        _ => "within the range",
    }
}

/// Builds the section and its chart rows.
pub fn build(
    analysis: &Analysis,
    sroi_ratio: f64,
    findings: &[Diagnostic],
    benchmarks: &Benchmarks,
) -> (QualityView, ChartRows) {
    // Only findings about the analysis against the principles; a pale accent, say, is about the report.
    let mut ordered: Vec<&Diagnostic> =
        findings.iter().filter(|d| d.severity != Severity::Error && d.principle.is_some()).collect();
    ordered.sort_by_key(|d| d.severity);
    let findings = ordered
        .iter()
        .map(|d| FindingView {
            severity: if d.severity == Severity::Warning { "Warning" } else { "Note" },
            principle: d.principle.map(crate::diag::Principle::label),
            // Backticks mark ids and keys on a terminal; reports show the plain words.
            message: d.message.replace('`', ""),
            // Hints are for the analysis's author, not its readers: reports leave them out.
            hint: None,
        })
        .collect();
    let included: Vec<_> = analysis.outcomes.iter().filter(|o| analysis.is_counted(o)).collect();
    let mean =
        |values: Vec<f64>| (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
    let deadweight = mean(included.iter().map(|o| o.deadweight).collect());
    let attribution = mean(included.iter().map(|o| o.attribution).collect());
    let drop_off = crate::compute::average_drop_off(analysis);
    let mut comparisons = Vec::new();
    let mut rows = Vec::new();
    for (label, short, value, spread) in [
        ("Average deadweight", "Deadweight", deadweight, benchmarks.deadweight),
        ("Average attribution", "Attribution", attribution, benchmarks.attribution),
        ("Average drop-off (outcomes over a year)", "Drop-off", drop_off, benchmarks.drop_off),
    ] {
        let (Some(value), Some(p10), Some(p90)) = (value, spread.p10, spread.p90) else { continue };
        comparisons.push(ComparisonView {
            label,
            value: percent(value),
            p10: percent(p10),
            median: percent(spread.median),
            p90: percent(p90),
            placement: placement(value, &spread),
        });
        rows.push((short, value, p10, spread.median, p90));
    }
    let r = benchmarks.sroi_ratio;
    if let (Some(p10), Some(p90)) = (r.p10, r.p90) {
        comparisons.push(ComparisonView {
            label: "SROI ratio",
            value: ratio(sroi_ratio),
            p10: ratio(p10),
            median: ratio(r.median),
            p90: ratio(p90),
            placement: placement(sroi_ratio, &r),
        });
    }
    (QualityView { findings, comparisons, source: benchmarks.source.clone() }, rows)
}
