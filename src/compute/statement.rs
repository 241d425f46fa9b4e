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
    })
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
    /// Σ in-year value delivered.
    pub in_year_value: f64,
    /// Σ in-year value forecast.
    pub forecast_in_year_value: f64,
    /// Σ lifetime present value.
    pub lifetime_present_value: f64,
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
    let in_year =
        year.map(|(label, basis)| {
            // Contracts add their validated value to their area's; what is only
            // claimed, or committed, is not value delivered.
            let areas =
                tally(
                    items
                        .iter()
                        .map(|i| {
                            let area = i.area.as_deref().unwrap_or(NOT_GIVEN);
                            let (delivered, forecast) =
                                (i.in_year_value.unwrap_or(0.0), i.forecast_in_year_value.unwrap_or(0.0));
                            (area, [delivered, forecast, i.present_value])
                        })
                        .chain(contracts.iter().map(|c| {
                            (c.area.as_deref().unwrap_or(NOT_GIVEN), [c.validated_value, 0.0, 0.0])
                        })),
                );
            let by_area =
                largest_first(
                    areas
                        .into_iter()
                        .map(|(area, [in_year_value, forecast_in_year_value, lifetime_present_value])| {
                            ByArea { area, in_year_value, forecast_in_year_value, lifetime_present_value }
                        })
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
