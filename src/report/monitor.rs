//! Contract monitoring (`sroi monitor`) as people and machines read it: the
//! committed → delivered → validated ledger per measure and period, its
//! status, the evidence of each return, and every sentence about them
//! (SPEC §8), shared by the text, HTML and PDF.

use serde::Serialize;

use super::Stamp;
use crate::compute::monitor::{Ledger, Status};
use crate::format::{money, percent};
use crate::model::commission::{Framework, Offer, Returns};

/// The JSON document of SPEC §8.
#[derive(Debug, Serialize)]
pub struct Figures {
    /// The contract's id.
    pub contract: String,
    /// The supplier's name.
    pub supplier: String,
    /// The offer's name.
    pub offer: String,
    /// The currency of the values.
    pub currency: String,
    /// One per period.
    pub periods: Vec<PeriodFigures>,
    /// Validated quantities × proxy.
    pub gross_value_delivered: f64,
    /// Net and discounted.
    pub social_value_delivered: f64,
}

/// One period's ledger.
#[derive(Debug, Serialize)]
pub struct PeriodFigures {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day.
    pub end: String,
    /// One per measure.
    pub measures: Vec<MeasureFigures>,
}

/// One measure at a period's end.
#[derive(Debug, Serialize)]
pub struct MeasureFigures {
    /// The measure id.
    pub measure: String,
    /// Whether the offer commits to it.
    pub committed: bool,
    /// Committed by the period's end.
    pub committed_to_date: f64,
    /// Delivered so far.
    pub delivered_to_date: f64,
    /// Validated so far.
    pub validated_to_date: f64,
    /// `green`, `amber` or `red`.
    pub status: &'static str,
}

/// A ledger row as people read it.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// "KV-W1 Residents …".
    pub measure: String,
    /// The unit.
    pub unit: String,
    /// Committed to date.
    pub committed: String,
    /// Delivered to date.
    pub delivered: String,
    /// Validated to date.
    pub validated: String,
    /// Delivered ÷ committed, "96%", or "–" with nothing committed.
    pub share: String,
    /// "Green", "Amber", "Red", or "Not committed".
    pub status: &'static str,
    /// `green`, `amber`, `red` or `none`, for styling (the word says it too).
    pub class: &'static str,
}

/// One period as people read it.
#[derive(Debug, Serialize)]
pub struct PeriodView {
    /// "Period 2: 1 January 2027 to 30 September 2027".
    pub title: String,
    /// The ledger rows at its end.
    pub rows: Vec<RowView>,
    /// Each return of the period, with its evidence.
    pub returns: Vec<ReturnLine>,
}

/// One return with its evidence.
#[derive(Debug, Serialize)]
pub struct ReturnLine {
    /// The measure.
    pub measure: String,
    /// "3 FTE".
    pub quantity: String,
    /// The evidence, or "None given".
    pub evidence: String,
    /// "Validated" or "Not yet validated".
    pub validated: &'static str,
}

/// The whole monitoring report.
#[derive(Debug, Serialize)]
pub struct MonitorView {
    /// `en-GB`.
    pub lang: &'static str,
    /// The returns' name.
    pub title: String,
    /// The contract's id.
    pub contract: String,
    /// The supplier.
    pub supplier: String,
    /// The offer's name.
    pub offer: String,
    /// The framework's name.
    pub framework: String,
    /// The council.
    pub organisation: Option<String>,
    /// When, by what, in which colours.
    pub(crate) stamp: Stamp,
    /// "1 July 2026 to 30 June 2030".
    pub term: String,
    /// The first sentence a contract manager reads.
    pub headline: String,
    /// Headline figures: (label, value).
    pub figures: Vec<(String, String)>,
    /// "As at 30 September 2027".
    pub latest_title: String,
    /// Periods, latest first.
    pub periods: Vec<PeriodView>,
    /// Where the periods not shown are, when there are more than [`MAX_PERIODS`].
    pub earlier_note: Option<String>,
    /// Deliveries of measures the offer never committed to.
    pub uncommitted: Vec<String>,
    /// How it is worked out.
    pub method: Vec<String>,
    /// For the chart: period labels.
    #[serde(skip)]
    pub chart_periods: Vec<String>,
    /// For the chart: (series name, value at each period's end).
    #[serde(skip)]
    pub chart_series: Vec<(String, Vec<f64>)>,
    /// The currency code.
    pub currency: String,
    /// The JSON figures.
    #[serde(skip)]
    pub data: Figures,
}

fn measure_name(framework: &Framework, index: usize) -> String {
    let m = &framework.measures[index];
    match &m.code {
        Some(code) => format!("{code} {}", m.description),
        None => m.description.clone(),
    }
}

fn long(date: crate::model::Date) -> String {
    super::date::long(date)
}

/// Most periods shown, latest first, in the HTML and PDF ledgers.
pub const MAX_PERIODS: usize = 12;

/// The view of a ledger.
pub fn view(
    framework: &Framework,
    offer: &Offer,
    returns: &Returns,
    ledger: &Ledger,
    stamp: Stamp,
) -> MonitorView {
    let c = framework.currency.as_str();
    let data = Figures {
        contract: offer.contract.id.clone(),
        supplier: offer.supplier.clone(),
        offer: offer.name.clone(),
        currency: framework.currency.clone(),
        periods: returns
            .periods
            .iter()
            .zip(&ledger.periods)
            .map(|(p, l)| PeriodFigures {
                start: p.start.to_string(),
                end: p.end.to_string(),
                measures: l
                    .rows
                    .iter()
                    .map(|r| MeasureFigures {
                        measure: framework.measures[r.measure].id.clone(),
                        committed: r.committed,
                        committed_to_date: r.committed_to_date,
                        delivered_to_date: r.delivered_to_date,
                        validated_to_date: r.validated_to_date,
                        status: r.status.word(),
                    })
                    .collect(),
            })
            .collect(),
        gross_value_delivered: ledger.gross_value_delivered,
        social_value_delivered: ledger.social_value_delivered,
    };
    let mut periods: Vec<PeriodView> = returns
        .periods
        .iter()
        .zip(&ledger.periods)
        .enumerate()
        .map(|(i, (p, l))| PeriodView {
            title: format!("Period {}: {} to {}", i + 1, long(p.start), long(p.end)),
            rows: l
                .rows
                .iter()
                .map(|r| {
                    let unit = framework.measures[r.measure].unit.clone();
                    let (status, class) = match (r.committed, r.status) {
                        (false, _) => ("Not committed", "none"),
                        (true, Status::Green) => ("Green", "green"),
                        (true, Status::Amber) => ("Amber", "amber"),
                        (true, Status::Red) => ("Red", "red"),
                    };
                    RowView {
                        measure: measure_name(framework, r.measure),
                        committed: amount(r.committed_to_date, &unit, c),
                        delivered: amount(r.delivered_to_date, &unit, c),
                        validated: amount(r.validated_to_date, &unit, c),
                        share: if r.committed_to_date > 0.0 {
                            percent(r.delivered_to_date / r.committed_to_date)
                        } else {
                            "–".to_owned()
                        },
                        status,
                        class,
                        unit,
                    }
                })
                .collect(),
            returns: returns
                .delivered
                .iter()
                .filter(|d| d.period == i)
                .map(|d| ReturnLine {
                    measure: measure_name(framework, d.measure),
                    quantity: super::bids::amount(d.quantity, &framework.measures[d.measure].unit, c),
                    evidence: d.evidence.clone().unwrap_or_else(|| "None given".to_owned()),
                    validated: if d.validated { "Validated" } else { "Not yet validated" },
                })
                .collect(),
        })
        .collect();
    periods.reverse();
    let earlier = periods.len().saturating_sub(MAX_PERIODS);
    periods.truncate(MAX_PERIODS);
    let earlier_note = (earlier > 0).then(|| {
        format!(
            "The {earlier} earlier periods are in the chart above, and period by period in the CSV and JSON."
        )
    });
    let last = ledger.periods.last();
    let counts =
        |s: Status| last.map_or(0, |l| l.rows.iter().filter(|r| r.committed && r.status == s).count());
    let (green, amber, red) = (counts(Status::Green), counts(Status::Amber), counts(Status::Red));
    let end = returns.periods.last().map(|p| long(p.end)).unwrap_or_default();
    let headline = match last {
        None => "There are no returns yet.".to_owned(),
        Some(l) => format!(
            "By {end}, {} of net value was committed and {} delivered, of which {} is validated. Of {} measures committed, {green} are green, {amber} amber and {red} red.",
            money(l.committed_value, c),
            money(l.delivered_value, c),
            money(l.validated_value, c),
            green + amber + red
        ),
    };
    let mut uncommitted: Vec<String> = Vec::new();
    for d in &returns.delivered {
        if !offer.commitments.iter().any(|x| x.measure == d.measure) {
            let text = format!(
                "{}: delivered in period {}, though the offer never committed to it; it is not counted against the commitments",
                measure_name(framework, d.measure),
                d.period + 1
            );
            if !uncommitted.contains(&text) {
                uncommitted.push(text);
            }
        }
    }
    let figures = vec![
        (
            "Committed to date (net)".to_owned(),
            last.map_or_else(String::new, |l| money(l.committed_value, c)),
        ),
        (
            "Delivered to date (net)".to_owned(),
            last.map_or_else(String::new, |l| money(l.delivered_value, c)),
        ),
        (
            "Validated to date (net)".to_owned(),
            last.map_or_else(String::new, |l| money(l.validated_value, c)),
        ),
        (
            "Social value delivered (validated, discounted)".to_owned(),
            money(ledger.social_value_delivered, c),
        ),
        ("Gross value delivered (validated)".to_owned(), money(ledger.gross_value_delivered, c)),
    ];
    let method = vec![
        "Committed to date at a period's end is the commitment of every contract year that ended by then, plus the current contract year's commitment pro rata by days (the year's days up to and including the period's end, over its 365 or 366 days).".to_owned(),
        "Delivered and validated to date add up the returns of the periods so far. Only returns the council has validated against their evidence count as value delivered.".to_owned(),
        format!("Status compares delivered with committed to date: green at {} or more, amber at {} or more, red below. A measure with nothing yet due is green.", percent(framework.rag.green), percent(framework.rag.amber)),
        format!("Values use the framework's proxy for each measure, net of its deadweight, displacement and attribution. Social value delivered is also discounted at {} a year, a period counting in the contract year its last day falls in; the committed, delivered and validated values to date are net but not discounted.", super::bids::discount_words(framework)),
    ];
    MonitorView {
        lang: crate::report::DEFAULT_LANG,
        title: returns.name.clone(),
        contract: offer.contract.id.clone(),
        supplier: offer.supplier.clone(),
        offer: offer.name.clone(),
        framework: framework.name.clone(),
        organisation: framework.organisation.clone(),
        stamp,
        term: format!("{} to {}", long(offer.contract.start), long(offer.contract.end())),
        headline,
        figures,
        latest_title: format!("As at {end}"),
        periods,
        earlier_note,
        uncommitted,
        method,
        chart_periods: returns.periods.iter().map(|p| p.end.to_string()).collect(),
        chart_series: vec![
            ("Committed".to_owned(), ledger.periods.iter().map(|l| l.committed_value).collect()),
            ("Delivered".to_owned(), ledger.periods.iter().map(|l| l.delivered_value).collect()),
            ("Validated".to_owned(), ledger.periods.iter().map(|l| l.validated_value).collect()),
        ],
        currency: framework.currency.clone(),
        data,
    }
}

/// A to-date quantity with its unit: to one decimal (none when whole), or as money.
fn amount(q: f64, unit: &str, currency: &str) -> String {
    super::bids::amount_with(q, unit, currency, |q| {
        let text = crate::format::number(q, 1);
        text.strip_suffix(".0").map_or_else(|| text.clone(), str::to_owned)
    })
}
