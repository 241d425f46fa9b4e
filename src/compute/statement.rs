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
    /// The year it covers: the manifest's `year:`, or with `--year` the statement year (`"2026/27"`).
    pub year: Option<Year>,
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
    /// With `--year`: the value of the year, and what was not counted.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub in_year: Option<InYearTotals>,
}

/// The year a statement covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Year {
    /// The manifest's `year:` (a number, as statements without `--year` give it).
    Manifest(i32),
    /// The statement year of `--year`, as written (`2026/27`, `2026`).
    Statement(String),
}

/// A statement of one year (`--year`): its in-year value, never added to the
/// lifetime present value, and why analyses were left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InYearTotals {
    /// Σ in-year value delivered: the observed years of evaluative analyses, and contracts' validated deliveries.
    pub in_year_value: f64,
    /// Σ in-year value of what is forecast: forecasts, and evaluations' projected years.
    pub forecast_in_year_value: f64,
    /// Σ present value of the analyses counted, over their whole lives, on the statement's basis.
    pub lifetime_present_value: f64,
    /// Σ value delivered in the year by evaluations (their observed years).
    pub analyses_in_year_value: f64,
    /// Σ validated value of the contracts' deliveries in the year.
    pub validated_value: f64,
    /// Σ value the contracts returned as delivered but not yet validated: claimed, not counted.
    pub claimed_value: f64,
    /// Σ value the contracts committed for the year.
    pub committed_value: f64,
    /// Every contract counted, with its committed, delivered and validated value and status.
    pub contracts: Vec<ContractRow>,
    /// The contracts by supplier size, in the order micro, sme, vcse, large.
    pub by_supplier_size: Vec<BySupplierSize>,
    /// Value by the priorities of the frameworks the contracts' offers name, in
    /// each framework's order: the contracts' measures, and the outcomes of
    /// analyses tagged with a theme that is a priority's id.
    pub by_priority: Vec<ByPriority>,
    /// Analyses and contracts left out, with why.
    pub not_counted: Vec<NotCounted>,
    /// In-year and lifetime value by area (the manifest's `area:`), largest first.
    pub by_area: Vec<ByArea>,
    /// How the analyses' own methods differed from the statement's basis, and what was done.
    pub basis: Vec<String>,
    /// With `--previous`: the change since last year's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

/// Last year's statement (its JSON, from `--previous`), as far as year-on-year change needs it.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
pub struct Previous {
    /// Its year (`2025/26`).
    pub year: Option<serde_json::Value>,
    /// Its value delivered in the year.
    pub in_year_value: Option<f64>,
    /// Its value forecast for the year.
    pub forecast_in_year_value: Option<f64>,
    /// Its lifetime present value.
    pub lifetime_present_value: Option<f64>,
    /// Its themes.
    #[serde(default)]
    pub by_theme: Vec<PreviousRow>,
    /// Its areas.
    #[serde(default)]
    pub by_area: Vec<PreviousRow>,
    /// Its framework priorities.
    #[serde(default)]
    pub by_priority: Vec<PreviousPriority>,
}

/// One framework priority of last year's statement and what it delivered.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
pub struct PreviousPriority {
    /// The framework's name.
    pub framework: String,
    /// The priority's id.
    pub priority: String,
    /// Its name, as last year's framework gave it.
    #[serde(default)]
    pub name: String,
    /// What it delivered in the year.
    pub in_year_value: Option<f64>,
}

/// One row of last year's breakdowns: a theme or an area and what it delivered.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
pub struct PreviousRow {
    /// The theme.
    #[serde(alias = "area")]
    pub theme: String,
    /// What it delivered in the year.
    pub in_year_value: Option<f64>,
}

/// Year-on-year change (`--previous`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Last year's label, when its statement gives one.
    pub previous_year: Option<String>,
    /// Value delivered in the year, last year and this.
    pub in_year_value: Moved,
    /// Value forecast for the year, last year and this.
    pub forecast_in_year_value: Moved,
    /// Lifetime present value of the analyses counted, last year and this.
    pub lifetime_present_value: Moved,
    /// Value delivered by theme; a theme in only one year counts 0 in the other.
    pub by_theme: Vec<MovedRow>,
    /// Value delivered by area.
    pub by_area: Vec<MovedRow>,
    /// Value delivered by framework priority, matched by framework and priority id.
    pub by_priority: Vec<MovedPriority>,
}

/// One framework priority's value delivered, last year and this.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovedPriority {
    /// The framework's name.
    pub framework: String,
    /// The priority's id.
    pub priority: String,
    /// Its name (this year's, or last year's when only last year had it).
    pub name: String,
    /// Its figures.
    #[serde(flatten)]
    pub moved: Moved,
}

/// A figure last year and this.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Moved {
    /// Last year's.
    pub previous: f64,
    /// This year's.
    pub now: f64,
    /// `now - previous`.
    pub change: f64,
}

impl Moved {
    fn of(previous: f64, now: f64) -> Moved {
        Moved { previous, now, change: now - previous }
    }
}

/// One theme's or area's value delivered, last year and this.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovedRow {
    /// The theme or area.
    pub name: String,
    /// Its figures.
    #[serde(flatten)]
    pub moved: Moved,
}

/// This statement's year against `previous`: totals, and each theme and area
/// in this year's order, then those only last year had.
pub fn change(now: &Statement, previous: &Previous) -> Option<Change> {
    let totals = now.in_year.as_ref()?;
    let rows = |now: Vec<(&str, f64)>, before: &[PreviousRow]| -> Vec<MovedRow> {
        let mut rows: Vec<MovedRow> = now
            .iter()
            .map(|(name, value)| {
                let last =
                    before.iter().find(|r| r.theme == *name).and_then(|r| r.in_year_value).unwrap_or(0.0);
                MovedRow { name: (*name).to_owned(), moved: Moved::of(last, *value) }
            })
            .collect();
        for row in before.iter().filter(|r| !now.iter().any(|(name, _)| *name == r.theme)) {
            rows.push(MovedRow {
                name: row.theme.clone(),
                moved: Moved::of(row.in_year_value.unwrap_or(0.0), 0.0),
            });
        }
        rows
    };
    let previous_year = previous.year.as_ref().map(|y| match y {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    Some(Change {
        previous_year,
        in_year_value: Moved::of(previous.in_year_value.unwrap_or(0.0), totals.in_year_value),
        forecast_in_year_value: Moved::of(
            previous.forecast_in_year_value.unwrap_or(0.0),
            totals.forecast_in_year_value,
        ),
        lifetime_present_value: Moved::of(
            previous.lifetime_present_value.unwrap_or(0.0),
            totals.lifetime_present_value,
        ),
        by_theme: rows(
            now.by_theme.iter().map(|t| (t.theme.as_str(), t.in_year_value.unwrap_or(0.0))).collect(),
            &previous.by_theme,
        ),
        by_area: rows(
            totals.by_area.iter().map(|a| (a.area.as_str(), a.in_year_value)).collect(),
            &previous.by_area,
        ),
        by_priority: priority_change(&totals.by_priority, &previous.by_priority),
    })
}

/// Each priority of this year's statement against last year's, then those only last year had.
fn priority_change(now: &[ByPriority], before: &[PreviousPriority]) -> Vec<MovedPriority> {
    let same = |p: &PreviousPriority, q: &ByPriority| p.framework == q.framework && p.priority == q.priority;
    let mut rows: Vec<MovedPriority> = now
        .iter()
        .map(|q| {
            let last = before.iter().find(|p| same(p, q)).and_then(|p| p.in_year_value).unwrap_or(0.0);
            MovedPriority {
                framework: q.framework.clone(),
                priority: q.priority.clone(),
                name: q.name.clone(),
                moved: Moved::of(last, q.in_year_value),
            }
        })
        .collect();
    for p in before.iter().filter(|p| !now.iter().any(|q| same(p, q))) {
        rows.push(MovedPriority {
            framework: p.framework.clone(),
            priority: p.priority.clone(),
            name: if p.name.is_empty() { p.priority.clone() } else { p.name.clone() },
            moved: Moved::of(p.in_year_value.unwrap_or(0.0), 0.0),
        });
    }
    rows
}

/// An analysis left out of a statement year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCounted {
    /// The file.
    pub file: String,
    /// Its title, when it could be read.
    pub title: Option<String>,
    /// Why, for a reader.
    pub why: String,
}

/// One area's share of a statement year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByArea {
    /// The area, or `(not given)`.
    pub area: String,
    /// Σ in-year value delivered: evaluations' observed years and contracts' validated deliveries.
    pub in_year_value: f64,
    /// Σ value its contracts returned as delivered but the council has not validated: not counted.
    pub claimed_value: f64,
    /// Σ in-year value forecast.
    pub forecast_in_year_value: f64,
    /// Σ lifetime present value.
    pub lifetime_present_value: f64,
}

/// One priority of a council's outcomes framework in a statement year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByPriority {
    /// The framework's name (`framework:`).
    pub framework: String,
    /// The priority's id.
    pub priority: String,
    /// What the council wants, as the framework says it.
    pub name: String,
    /// Σ value delivered: `analyses_in_year_value + validated_value`.
    pub in_year_value: f64,
    /// Σ value delivered in the year by evaluations' outcomes tagged with the priority's id as a theme.
    pub analyses_in_year_value: f64,
    /// Σ in-year value forecast for those outcomes.
    pub forecast_in_year_value: f64,
    /// Σ net value the contracts committed for the year to the priority's measures.
    pub committed_value: f64,
    /// Σ value the contracts returned as delivered to its measures, validated or not.
    pub delivered_value: f64,
    /// Σ of that the council has validated.
    pub validated_value: f64,
    /// Σ of that not yet validated: claimed, not counted as delivered.
    pub claimed_value: f64,
}

/// A priority's part of one contract in a statement year.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityShare {
    /// The priority's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `[committed, delivered, validated]`, net and undiscounted.
    pub values: [f64; 3],
}

/// How an analysis of a statement was made, before it was put on the statement's basis.
#[derive(Debug, Clone)]
pub struct Own {
    /// Its own discounting.
    pub settings: crate::model::Settings,
    /// Its own price year.
    pub price_year: Option<i32>,
}

/// A contract of a statement year: what it committed, delivered and had
/// validated in the year (net, undiscounted), and its status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractRow {
    /// Its returns file.
    pub file: String,
    /// The council's contract reference.
    pub contract: String,
    /// The supplier.
    pub supplier: String,
    /// `micro`, `sme`, `large` or `vcse`.
    pub supplier_size: &'static str,
    /// Its area, from the manifest or the offer.
    pub area: Option<String>,
    /// The framework its offer is scored against (`framework:`'s name).
    pub framework: String,
    /// Every priority of the framework, in its order, with the contract's value for it.
    #[serde(skip)]
    pub priorities: Vec<PriorityShare>,
    /// Net value of the commitments of the contract years in the year.
    pub committed_value: f64,
    /// Net value of the deliveries returned for the year, validated or not.
    pub delivered_value: f64,
    /// Net value of the deliveries the council has validated.
    pub validated_value: f64,
    /// `green`, `amber` or `red`: delivered against committed.
    pub status: &'static str,
}

/// One supplier size's contracts in a statement year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BySupplierSize {
    /// `micro`, `sme`, `large` or `vcse`.
    pub size: String,
    /// How many contracts.
    pub contracts: usize,
    /// Σ committed value.
    pub committed_value: f64,
    /// Σ delivered value.
    pub delivered_value: f64,
    /// Σ validated value.
    pub validated_value: f64,
    /// Σ delivered value not yet validated: claimed, not counted as delivered.
    pub claimed_value: f64,
}

/// What became of one analysis of a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Summary {
    /// Counted.
    Counted(Box<Item>),
    /// Read, but left out of the statement year.
    NotCounted(NotCounted),
    /// Not read: invalid, unreadable, or in another currency.
    Failed(Failed),
    /// A contract counted in the year.
    Contract(ContractRow),
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
    /// With `--year`: the in-year value its outcomes delivered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_year_value: Option<f64>,
    /// With `--year`: the in-year value its outcomes are forecast to create.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast_in_year_value: Option<f64>,
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
    /// With `--year`: its value in the year from the years it observed, undiscounted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_year_value: Option<f64>,
    /// With `--year`: its value in the year from the years it projects, undiscounted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast_in_year_value: Option<f64>,
    #[serde(skip)]
    themes: Vec<(String, f64)>,
    /// With `--year`: each theme's in-year value, [delivered, forecast].
    #[serde(skip)]
    themes_in_year: Vec<(String, [f64; 2])>,
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
    /// The item with its value in the statement year, in total and by theme,
    /// from each year's `shares` of it.
    pub fn in_year(
        mut self,
        analysis: &Analysis,
        results: &Results,
        shares: &[crate::compute::in_year::Share],
    ) -> Item {
        use crate::compute::in_year::split;
        let values: Vec<f64> = results.years.iter().map(|y| y.value).collect();
        let total = split(&values, shares);
        self.in_year_value = Some(total.delivered);
        self.forecast_in_year_value = Some(total.forecast);
        self.themes_in_year =
            tally(analysis.outcomes.iter().zip(&results.outcomes).flat_map(|(outcome, result)| {
                let part = split(&result.values, shares);
                theme_names(outcome).into_iter().map(move |theme| (theme, [part.delivered, part.forecast]))
            }));
        self
    }

    /// What the statement keeps of one analysis read from `file`.
    pub fn of(file: String, metadata: &Metadata, analysis: &Analysis, results: &Results) -> Item {
        let themes = tally(analysis.outcomes.iter().zip(&results.outcomes).flat_map(|(outcome, result)| {
            theme_names(outcome).into_iter().map(|theme| (theme, [result.present_value]))
        }))
        .into_iter()
        .map(|(theme, [value])| (theme, value))
        .collect();
        Item {
            title: analysis.title.clone(),
            organisation: metadata.supplier.clone().or_else(|| analysis.organisation.clone()),
            contract: metadata.contract.clone(),
            // The manifest's area for it, else the analysis's own `area:`.
            area: metadata.area.clone().or_else(|| analysis.area.clone()),
            kind: analysis.kind,
            present_value: results.present_value,
            investment: results.investment,
            sroi_ratio: results.sroi_ratio,
            in_year_value: None,
            forecast_in_year_value: None,
            themes,
            themes_in_year: Vec::new(),
            stakeholders: analysis
                .stakeholders
                .iter()
                .zip(&results.stakeholders)
                // A group an analysis leaves out of its value adds nothing, and is not listed as if it did.
                .filter(|(s, _)| !s.is_excluded())
                .map(|(s, r)| (s.name.clone(), r.present_value))
                .collect(),
            currency: analysis.currency.clone(),
            file,
        }
    }
}

/// An outcome's themes, or `(no theme)`.
fn theme_names(outcome: &crate::model::Outcome) -> Vec<&str> {
    if outcome.themes.is_empty() {
        vec![NO_THEME]
    } else {
        outcome.themes.iter().map(String::as_str).collect()
    }
}

/// Adds up the analyses of a statement, each an [`Item`] or the reason it
/// failed, in the manifest's order. Analyses in another currency than most
/// are not counted: money in different currencies cannot be added up.
pub fn statement(about: &About, results: Vec<Result<Item, Failed>>) -> Statement {
    statement_of(
        about,
        results
            .into_iter()
            .map(|r| r.map_or_else(Summary::Failed, |item| Summary::Counted(Box::new(item))))
            .collect(),
        None,
    )
}

/// A statement of one year (`--year`): the analyses' in-year value apart from
/// their lifetime present value, `basis` saying how their methods were made
/// one (for the reader), and those left out listed with why.
pub fn statement_of_year(
    about: &About,
    summaries: Vec<Summary>,
    year: &str,
    basis: Vec<String>,
) -> Statement {
    statement_of(about, summaries, Some((year, basis)))
}

fn statement_of(about: &About, summaries: Vec<Summary>, year: Option<(&str, Vec<String>)>) -> Statement {
    let mut not_counted = Vec::new();
    let mut contracts: Vec<ContractRow> = Vec::new();
    let mut results = Vec::with_capacity(summaries.len());
    for summary in summaries {
        match summary {
            Summary::Counted(item) => results.push(Ok(*item)),
            Summary::Failed(failed) => results.push(Err(failed)),
            Summary::NotCounted(left_out) => not_counted.push(left_out),
            Summary::Contract(row) => contracts.push(row),
        }
    }
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
    let in_year_themes: std::collections::HashMap<String, [f64; 2]> =
        tally(items.iter().flat_map(|i| i.themes_in_year.iter().map(|(t, v)| (t.as_str(), *v))))
            .into_iter()
            .collect();
    let themes: Vec<ByTheme> = themes
        .into_iter()
        .map(|(theme, [present_value])| {
            let in_year = year.as_ref().map(|_| in_year_themes.get(&theme).copied().unwrap_or([0.0, 0.0]));
            ByTheme {
                present_value,
                in_year_value: in_year.map(|[delivered, _]| delivered),
                forecast_in_year_value: in_year.map(|[_, forecast]| forecast),
                theme,
            }
        })
        .collect();
    // A statement of one year ranks themes by what they delivered in it.
    let themes = match year {
        Some(_) => largest_first(themes, |t| t.in_year_value.unwrap_or(0.0)),
        None => largest_first(themes, |t| t.present_value),
    };
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

    let analyses_in_year: f64 = items.iter().filter_map(|i| i.in_year_value).sum();
    let validated: f64 = contracts.iter().map(|c| c.validated_value).sum();
    let in_year = year.map(|(label, basis)| {
        // Contracts add their validated value to their area's; what is only
        // claimed, or committed, is not value delivered.
        let areas = tally(
            items
                .iter()
                .map(|i| {
                    let area = i.area.as_deref().unwrap_or(NOT_GIVEN);
                    let (delivered, forecast) =
                        (i.in_year_value.unwrap_or(0.0), i.forecast_in_year_value.unwrap_or(0.0));
                    (area, [delivered, 0.0, forecast, i.present_value])
                })
                .chain(contracts.iter().map(|c| {
                    let claimed = c.delivered_value - c.validated_value;
                    (c.area.as_deref().unwrap_or(NOT_GIVEN), [c.validated_value, claimed, 0.0, 0.0])
                })),
        );
        let by_area = largest_first(
            areas
                .into_iter()
                .map(
                    |(
                        area,
                        [in_year_value, claimed_value, forecast_in_year_value, lifetime_present_value],
                    )| ByArea {
                        area,
                        in_year_value,
                        claimed_value,
                        forecast_in_year_value,
                        lifetime_present_value,
                    },
                )
                .collect(),
            |a| a.in_year_value + a.forecast_in_year_value,
        );
        (
            label.to_owned(),
            InYearTotals {
                in_year_value: analyses_in_year + validated,
                analyses_in_year_value: analyses_in_year,
                validated_value: validated,
                claimed_value: contracts.iter().map(|c| c.delivered_value - c.validated_value).sum(),
                committed_value: contracts.iter().map(|c| c.committed_value).sum(),
                by_supplier_size: by_supplier_size(&contracts),
                by_priority: by_priority(&contracts, &items),
                contracts,
                forecast_in_year_value: items.iter().filter_map(|i| i.forecast_in_year_value).sum(),
                lifetime_present_value: present_value,
                not_counted,
                by_area,
                basis,
                change: None,
            },
        )
    });
    let (year, in_year) = match in_year {
        Some((label, totals)) => (Some(Year::Statement(label)), Some(totals)),
        None => (about.year.map(Year::Manifest), None),
    };
    Statement {
        title: about.title.clone(),
        year,
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
        in_year,
    }
}

/// Value by the priorities of the frameworks `contracts` are scored against:
/// every priority of each framework (in the order the frameworks are first
/// met, each in its own priority order), with the contracts' committed,
/// delivered and validated value for its measures, and the in-year value of
/// the outcomes of `items` tagged with a theme that is the priority's id.
///
/// Frameworks give their priorities no themes, so the id is the one link an
/// analysis has to a priority (`themes: [skills]` to `- { id: skills, ... }`).
/// An outcome with two such themes counts in both priorities, as it counts in
/// both themes; and in each framework that has the id.
fn by_priority(contracts: &[ContractRow], items: &[Item]) -> Vec<ByPriority> {
    let mut rows: Vec<ByPriority> = Vec::new();
    let mut index: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::new();
    for contract in contracts {
        for share in &contract.priorities {
            let i = *index.entry((contract.framework.as_str(), share.id.as_str())).or_insert_with(|| {
                rows.push(ByPriority {
                    framework: contract.framework.clone(),
                    priority: share.id.clone(),
                    name: share.name.clone(),
                    in_year_value: 0.0,
                    analyses_in_year_value: 0.0,
                    forecast_in_year_value: 0.0,
                    committed_value: 0.0,
                    delivered_value: 0.0,
                    validated_value: 0.0,
                    claimed_value: 0.0,
                });
                rows.len() - 1
            });
            let [committed, delivered, validated] = share.values;
            let row = &mut rows[i];
            row.committed_value += committed;
            row.delivered_value += delivered;
            row.validated_value += validated;
            row.claimed_value += delivered - validated;
        }
    }
    if rows.is_empty() {
        return rows;
    }
    let themes = tally(items.iter().flat_map(|i| i.themes_in_year.iter().map(|(t, v)| (t.as_str(), *v))));
    for row in &mut rows {
        if let Some((_, [delivered, forecast])) = themes.iter().find(|(theme, _)| *theme == row.priority) {
            row.analyses_in_year_value += delivered;
            row.forecast_in_year_value += forecast;
        }
        row.in_year_value = row.analyses_in_year_value + row.validated_value;
    }
    rows
}

/// The contracts by supplier size: micro, sme, vcse, large, those with none left out.
fn by_supplier_size(contracts: &[ContractRow]) -> Vec<BySupplierSize> {
    ["micro", "sme", "vcse", "large"]
        .into_iter()
        .filter_map(|size| {
            let of: Vec<&ContractRow> = contracts.iter().filter(|c| c.supplier_size == size).collect();
            (!of.is_empty()).then(|| BySupplierSize {
                size: size.to_owned(),
                contracts: of.len(),
                committed_value: of.iter().map(|c| c.committed_value).sum(),
                delivered_value: of.iter().map(|c| c.delivered_value).sum(),
                validated_value: of.iter().map(|c| c.validated_value).sum(),
                claimed_value: of.iter().map(|c| c.delivered_value - c.validated_value).sum(),
            })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An evaluation whose outcomes deliver `themes` (theme, [delivered, forecast]) in the year.
    fn item(title: &str, themes: &[(&str, [f64; 2])]) -> Item {
        let delivered = themes.iter().map(|(_, [d, _])| d).sum();
        let forecast = themes.iter().map(|(_, [_, f])| f).sum();
        Item {
            file: format!("{title}.yaml"),
            title: title.to_owned(),
            organisation: None,
            contract: None,
            area: None,
            kind: crate::model::AnalysisKind::Evaluative,
            present_value: 1000.0,
            investment: 100.0,
            sroi_ratio: 10.0,
            in_year_value: Some(delivered),
            forecast_in_year_value: Some(forecast),
            themes: themes.iter().map(|(t, _)| ((*t).to_owned(), 1000.0)).collect(),
            themes_in_year: themes.iter().map(|(t, v)| ((*t).to_owned(), *v)).collect(),
            stakeholders: Vec::new(),
            currency: "GBP".to_owned(),
        }
    }

    /// A contract under `framework` with `[committed, delivered, validated]` for each of its priorities.
    fn contract(framework: &str, area: Option<&str>, priorities: &[(&str, [f64; 3])]) -> ContractRow {
        let sum = |i: usize| priorities.iter().map(|(_, v)| v[i]).sum();
        ContractRow {
            file: "returns.yaml".to_owned(),
            contract: "C-1".to_owned(),
            supplier: "Supplier".to_owned(),
            supplier_size: "sme",
            area: area.map(str::to_owned),
            framework: framework.to_owned(),
            priorities: priorities
                .iter()
                .map(|(id, values)| PriorityShare {
                    id: (*id).to_owned(),
                    name: format!("The {id} priority"),
                    values: *values,
                })
                .collect(),
            committed_value: sum(0),
            delivered_value: sum(1),
            validated_value: sum(2),
            status: "green",
        }
    }

    fn year(summaries: Vec<Summary>) -> InYearTotals {
        let about = About { title: "S".to_owned(), count: summaries.len(), ..About::default() };
        statement_of_year(&about, summaries, "2026/27", Vec::new()).in_year.expect("a year statement")
    }

    #[test]
    fn priorities_add_contracts_and_the_outcomes_tagged_with_their_id() {
        let totals = year(vec![
            Summary::Counted(Box::new(item("Garden", &[("skills", [50.0, 5.0]), ("health", [70.0, 0.0])]))),
            Summary::Contract(contract(
                "Kestrel",
                Some("North"),
                &[("good-work", [1000.0, 800.0, 600.0]), ("skills", [200.0, 100.0, 100.0])],
            )),
            Summary::Contract(contract(
                "Kestrel",
                None,
                &[("good-work", [500.0, 400.0, 0.0]), ("skills", [0.0, 0.0, 0.0])],
            )),
        ]);
        let p = &totals.by_priority;
        // Every priority of the framework, once, in its order.
        assert_eq!(p.iter().map(|r| r.priority.as_str()).collect::<Vec<_>>(), ["good-work", "skills"]);
        assert_eq!(p[0].name, "The good-work priority");
        assert_eq!(
            (p[0].committed_value, p[0].delivered_value, p[0].validated_value, p[0].claimed_value),
            (1500.0, 1200.0, 600.0, 600.0)
        );
        // No analysis is tagged good-work: its delivered value is what the council validated.
        assert_eq!((p[0].analyses_in_year_value, p[0].in_year_value), (0.0, 600.0));
        // The garden's skills outcome counts under the skills priority; its health outcome under none.
        assert_eq!((p[1].analyses_in_year_value, p[1].forecast_in_year_value), (50.0, 5.0));
        assert_eq!(p[1].in_year_value, 150.0);
        // Areas and supplier sizes say what is claimed beside what is validated.
        let north = totals.by_area.iter().find(|a| a.area == "North").expect("North");
        assert_eq!((north.in_year_value, north.claimed_value), (700.0, 200.0));
        let not_given = totals.by_area.iter().find(|a| a.area == NOT_GIVEN).expect("no area");
        assert_eq!((not_given.in_year_value, not_given.claimed_value), (120.0, 400.0));
        assert_eq!(totals.by_supplier_size[0].claimed_value, 600.0);
        assert_eq!(totals.claimed_value, 600.0);
    }

    #[test]
    fn no_contract_no_priorities_and_two_frameworks_stay_apart() {
        let alone = year(vec![Summary::Counted(Box::new(item("Garden", &[("skills", [50.0, 0.0])])))]);
        assert!(alone.by_priority.is_empty(), "an analysis alone names no framework");
        let two = year(vec![
            Summary::Counted(Box::new(item("Garden", &[("skills", [50.0, 0.0])]))),
            Summary::Contract(contract("Kestrel", None, &[("skills", [10.0, 10.0, 10.0])])),
            Summary::Contract(contract("Riverside", None, &[("skills", [20.0, 20.0, 0.0])])),
        ]);
        let rows: Vec<(&str, f64)> =
            two.by_priority.iter().map(|r| (r.framework.as_str(), r.in_year_value)).collect();
        // The same id in two frameworks is two rows; the outcome counts under each.
        assert_eq!(rows, [("Kestrel", 60.0), ("Riverside", 50.0)]);
    }

    #[test]
    fn the_change_matches_priorities_by_framework_and_id() {
        let about = About { title: "S".to_owned(), count: 1, ..About::default() };
        let now = statement_of_year(
            &about,
            vec![Summary::Contract(contract("Kestrel", None, &[("skills", [10.0, 10.0, 8.0])]))],
            "2026/27",
            Vec::new(),
        );
        let previous = Previous {
            in_year_value: Some(3.0),
            by_priority: vec![
                PreviousPriority {
                    framework: "Kestrel".to_owned(),
                    priority: "skills".to_owned(),
                    name: "Skills".to_owned(),
                    in_year_value: Some(3.0),
                },
                PreviousPriority {
                    framework: "Kestrel".to_owned(),
                    priority: "green".to_owned(),
                    name: String::new(),
                    in_year_value: Some(2.0),
                },
            ],
            ..Previous::default()
        };
        let change = change(&now, &previous).expect("a year statement");
        let rows: Vec<(&str, f64, f64)> =
            change.by_priority.iter().map(|r| (r.name.as_str(), r.moved.previous, r.moved.now)).collect();
        // This year's name; a priority only last year had keeps its id when it gave no name.
        assert_eq!(rows, [("The skills priority", 3.0, 8.0), ("green", 2.0, 0.0)]);
        assert_eq!(change.by_priority[0].moved.change, 5.0);
    }
}
