//! A social value statement over many analyses (SPEC §8): totals and
//! breakdowns, as pure arithmetic over analyses already loaded and computed.
//!
//! Only a small summary of each analysis ([`Item`]) is kept, so memory grows
//! with the number of analyses, not with their size. The loading and the
//! parallel loop are the pipeline's ([`crate::pipeline`]); the words are
//! [`crate::report::statement`]'s.

use serde::Serialize;

use crate::compute::Results;
use crate::model::Analysis;

/// The statement: totals, breakdowns and every analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The statement's title.
    pub title: String,
    /// The year it covers.
    pub year: Option<i32>,
    /// Who publishes it.
    pub organisation: Option<String>,
    /// ISO 4217 code of every money figure.
    pub currency: String,
    /// Number of analyses named, including those that failed.
    #[serde(rename = "analyses")]
    pub count: usize,
    /// Analyses that could not be counted, with why.
    pub failed: Vec<Failed>,
    /// Σ present value of the analyses counted.
    pub present_value: f64,
    /// Σ investment of the analyses counted.
    pub investment: f64,
    /// `present_value / investment`; 0 when nothing was counted.
    pub sroi_ratio: f64,
    /// Present value by outcome theme; an outcome with several themes counts in each.
    pub by_theme: Vec<ByTheme>,
    /// Present value and investment by supplier (or the analysis's organisation).
    pub by_organisation: Vec<ByOrganisation>,
    /// Present value by stakeholder group, matched by name across analyses.
    pub by_stakeholder: Vec<ByStakeholder>,
    /// Every analysis counted, in file order.
    pub items: Vec<Item>,
}

/// An analysis that could not be counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failed {
    /// The file.
    pub file: String,
    /// The first error, as `FILE:LINE:COL: message`.
    pub error: String,
}

/// One theme's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByTheme {
    /// The theme, or `(no theme)`.
    pub theme: String,
    /// Present value of its outcomes.
    pub present_value: f64,
}

/// One organisation's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByOrganisation {
    /// The supplier, or the analysis's organisation, or `(not given)`.
    pub organisation: String,
    /// Σ present value of its analyses.
    pub present_value: f64,
    /// Σ investment of its analyses.
    pub investment: f64,
}

/// One stakeholder group's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByStakeholder {
    /// The group's name.
    pub stakeholder: String,
    /// Σ present value for it.
    pub present_value: f64,
}

/// One analysis counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// The file.
    pub file: String,
    /// Its title.
    pub title: String,
    /// Supplier, or the analysis's organisation.
    pub organisation: Option<String>,
    /// Contract reference from the manifest.
    pub contract: Option<String>,
    /// Area from the manifest.
    pub area: Option<String>,
    /// Evaluative or forecast.
    pub kind: crate::model::AnalysisKind,
    /// Its present value.
    pub present_value: f64,
    /// Its investment.
    pub investment: f64,
    /// Its ratio.
    pub sroi_ratio: f64,
    #[serde(skip)]
    themes: Vec<(String, f64)>,
    #[serde(skip)]
    stakeholders: Vec<(String, f64)>,
    #[serde(skip)]
    currency: String,
}

const NO_THEME: &str = "(no theme)";
const NOT_GIVEN: &str = "(not given)";

/// What a statement's manifest says of it and of its analyses, beside the analyses themselves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct About {
    /// The statement's title.
    pub title: String,
    /// The year it covers.
    pub year: Option<i32>,
    /// Who publishes it.
    pub organisation: Option<String>,
    /// Number of analyses named, including those that fail.
    pub count: usize,
}

/// What the manifest says of one analysis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// Contract reference.
    pub contract: Option<String>,
    /// The supplier or grantee; the analysis's own `organisation:` when not given.
    pub supplier: Option<String>,
    /// Area served.
    pub area: Option<String>,
}

impl Item {
    /// What the statement keeps of one analysis read from `file`.
    pub fn of(file: String, metadata: &Metadata, analysis: Analysis, results: &Results) -> Item {
        let themes = tally(analysis.outcomes.iter().zip(&results.outcomes).flat_map(|(outcome, result)| {
            let themes: Vec<&str> = if outcome.themes.is_empty() {
                vec![NO_THEME]
            } else {
                outcome.themes.iter().map(String::as_str).collect()
            };
            themes.into_iter().map(|theme| (theme, [result.present_value]))
        }))
        .into_iter()
        .map(|(theme, [value])| (theme, value))
        .collect();
        Item {
            title: analysis.title.clone(),
            organisation: metadata.supplier.clone().or_else(|| analysis.organisation.clone()),
            contract: metadata.contract.clone(),
            area: metadata.area.clone(),
            kind: analysis.kind,
            present_value: results.present_value,
            investment: results.investment,
            sroi_ratio: results.sroi_ratio,
            themes,
            stakeholders: analysis
                .stakeholders
                .iter()
                .zip(&results.stakeholders)
                // A group an analysis leaves out of its value adds nothing, and is not listed as if it did.
                .filter(|(s, _)| !s.is_excluded())
                .map(|(s, r)| (s.name.clone(), r.present_value))
                .collect(),
            currency: analysis.currency,
            file,
        }
    }
}

/// Adds up the analyses of a statement, each an [`Item`] or the reason it
/// failed, in the manifest's order. Analyses in another currency than most
/// are not counted: money in different currencies cannot be added up.
pub fn statement(about: &About, results: Vec<Result<Item, Failed>>) -> Statement {
    // The currency most analyses use (the first seen, on a tie); the others cannot be added in.
    let currencies =
        tally(results.iter().filter_map(|r| r.as_ref().ok()).map(|i| (i.currency.as_str(), [1.0])));
    let most = currencies.iter().map(|(_, [n])| *n).fold(0.0, f64::max);
    let currency = currencies.iter().find(|(_, [n])| *n == most).map_or("GBP", |(c, _)| c).to_owned();
    let mut items = Vec::new();
    let mut failed = Vec::new();
    for result in results {
        match result {
            Ok(item) if item.currency != currency => failed.push(Failed {
                error: format!(
                    "{}: error: the analysis is in {}, but most of the portfolio is in {currency}; money in different currencies cannot be added up",
                    item.file, item.currency
                ),
                file: item.file,
            }),
            Ok(item) => items.push(item),
            Err(failure) => failed.push(failure),
        }
    }
    let present_value: f64 = items.iter().map(|i| i.present_value).sum();
    let investment: f64 = items.iter().map(|i| i.investment).sum();

    let themes = tally(items.iter().flat_map(|i| i.themes.iter().map(|(t, v)| (t.as_str(), [*v]))));
    let stakeholders =
        tally(items.iter().flat_map(|i| i.stakeholders.iter().map(|(s, v)| (s.as_str(), [*v]))));
    let organisations = tally(
        items
            .iter()
            .map(|i| (i.organisation.as_deref().unwrap_or(NOT_GIVEN), [i.present_value, i.investment])),
    );
    let themes = largest_first(
        themes.into_iter().map(|(theme, [present_value])| ByTheme { theme, present_value }).collect(),
        |t| t.present_value,
    );
    let stakeholders = largest_first(
        stakeholders
            .into_iter()
            .map(|(stakeholder, [present_value])| ByStakeholder { stakeholder, present_value })
            .collect(),
        |s| s.present_value,
    );
    let organisations = largest_first(
        organisations
            .into_iter()
            .map(|(organisation, [present_value, investment])| ByOrganisation {
                organisation,
                present_value,
                investment,
            })
            .collect(),
        |o| o.present_value,
    );

    Statement {
        title: about.title.clone(),
        year: about.year,
        organisation: about.organisation.clone(),
        currency,
        count: about.count,
        failed,
        present_value,
        investment,
        sroi_ratio: if investment > 0.0 { present_value / investment } else { 0.0 },
        by_theme: themes,
        by_organisation: organisations,
        by_stakeholder: stakeholders,
        items,
    }
}

/// Sums the amounts of each key, keys in the order first seen (so results
/// never depend on hashing) and amounts added in the order given.
fn tally<'a, const N: usize>(
    entries: impl IntoIterator<Item = (&'a str, [f64; N])>,
) -> Vec<(String, [f64; N])> {
    let mut totals: Vec<(String, [f64; N])> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (key, amounts) in entries {
        let i = *index.entry(key).or_insert_with(|| {
            totals.push((key.to_owned(), [0.0; N]));
            totals.len() - 1
        });
        for (total, amount) in totals[i].1.iter_mut().zip(amounts) {
            *total += amount;
        }
    }
    totals
}

/// `rows` by present value, largest first; ties keep their order.
pub fn largest_first<T>(mut rows: Vec<T>, present_value: impl Fn(&T) -> f64) -> Vec<T> {
    rows.sort_by(|a, b| present_value(b).total_cmp(&present_value(a)));
    rows
}
