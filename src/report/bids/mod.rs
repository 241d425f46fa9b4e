//! The tender evaluation (`sroi bids`) as people and machines read it: every
//! heading, caption, sentence and flag, and every figure formatted once, so
//! the text, HTML and PDF say the same; and the figures in full precision
//! for JSON and CSV (SPEC §7).

use serde::Serialize;

mod figures;

pub use figures::{CommitmentFigures, Figures, FlagFigures, OfferFigures, figures};

use super::Stamp;
use crate::compute::bids::{Evaluation, Flag, OfferValue};
use crate::format::{money, money_exact, number, percent};
use crate::model::commission::{Framework, Offer};

/// An offer as the panel reads it.
#[derive(Debug, Serialize)]
pub struct OfferCard {
    /// "1", "2".
    pub rank: String,
    /// The supplier's name.
    pub supplier: String,
    /// "SME", "Large", "VCSE", "Micro".
    pub size: &'static str,
    /// The offer's name.
    pub name: String,
    /// The file.
    pub file: String,
    /// "12.35".
    pub score: String,
    /// Money figures.
    pub gross_value: String,
    /// Net, undiscounted.
    pub net_value: String,
    /// Net and discounted.
    pub social_value: String,
    /// "£0.12".
    pub value_per_pound: String,
    /// Weighted value.
    pub weighted_value: String,
    /// How the score was worked out, in one sentence.
    pub how_scored: String,
    /// The flags, as sentences.
    pub flags: Vec<String>,
    /// Each commitment.
    pub commitments: Vec<CommitmentLine>,
}

/// A commitment as the panel reads it.
#[derive(Debug, Serialize)]
pub struct CommitmentLine {
    /// "KV-W1 Residents …".
    pub measure: String,
    /// "6, 8, 8, 8 FTE".
    pub quantities: String,
    /// Gross value.
    pub gross_value: String,
    /// Net, discounted.
    pub social_value: String,
    /// The delivery plan, or "None given".
    pub how: String,
}

/// A row of the value-by-priority or value-by-measure table: a name and one cell per offer.
#[derive(Debug, Serialize)]
pub struct Line {
    /// What the row is.
    pub name: String,
    /// A second line: weight, or unit and proxy.
    pub detail: String,
    /// One cell per offer, in rank order.
    pub cells: Vec<String>,
}

/// The whole tender evaluation.
#[derive(Debug, Serialize)]
pub struct BidsView {
    /// `en-GB`.
    pub lang: &'static str,
    /// The framework's name.
    pub title: String,
    /// The council.
    pub organisation: Option<String>,
    /// When, by what, in which colours.
    pub(crate) stamp: Stamp,
    /// ISO 4217 code.
    pub currency: String,
    /// "15%".
    pub weighting: String,
    /// "15" points.
    pub points: String,
    /// "£1", for "per £1 of contract".
    pub unit_of_money: String,
    /// The contracts the offers are for.
    pub contracts: String,
    /// The first thing a panel reads.
    pub headline: String,
    /// The offers, best first.
    pub offers: Vec<OfferCard>,
    /// Suppliers in rank order, for table headings.
    pub columns: Vec<String>,
    /// Social value by measure (measures someone committed to), offers as
    /// columns; empty when there are more offers than [`MAX_COLUMNS`].
    pub measures: Vec<Line>,
    /// Why the value-by-measure table is left out, when it is.
    pub measures_note: Option<String>,
    /// Social value by priority with one row per offer (best first) and a
    /// column per priority: `priority_columns` head them.
    pub by_offer: Vec<Line>,
    /// "Residents out of work … (weight 3)", one per priority.
    pub priority_columns: Vec<String>,
    /// How the evaluation is worked out.
    pub method: Vec<String>,
    /// Where each measure's value comes from.
    pub sources: Vec<Line>,
    /// For the chart: priority names.
    #[serde(skip)]
    pub chart_priorities: Vec<String>,
    /// For the chart: (supplier, social value by priority), best first.
    #[serde(skip)]
    pub chart_offers: Vec<(String, Vec<f64>)>,
    /// The JSON figures.
    #[serde(skip)]
    pub figures: Figures,
}

fn size_word(size: crate::model::commission::SupplierSize) -> &'static str {
    use crate::model::commission::SupplierSize::*;
    match size {
        Micro => "Micro",
        Sme => "SME",
        Large => "Large",
        Vcse => "VCSE",
    }
}

/// "KV-W1 Residents aged 25 …" (the code, when there is one).
fn measure_name(framework: &Framework, index: usize) -> String {
    let m = &framework.measures[index];
    match &m.code {
        Some(code) => format!("{code} {}", m.description),
        None => m.description.clone(),
    }
}

/// A quantity as people write it: whole numbers without decimals, others with two.
pub fn quantity(q: f64) -> String {
    if q.fract() == 0.0 { number(q, 0) } else { number(q, 2) }
}

/// A quantity with its unit; a unit in money (`£ spent`) is shown as money: `£450,000 spent`.
pub fn amount(q: f64, unit: &str, currency: &str) -> String {
    amount_with(q, unit, currency, quantity)
}

/// [`amount`], with other quantities shown by `shown`.
pub fn amount_with(q: f64, unit: &str, currency: &str, shown: fn(f64) -> String) -> String {
    let symbol = crate::format::money(0.0, currency).trim_end_matches('0').to_owned();
    match unit.strip_prefix(symbol.as_str()).filter(|_| !symbol.is_empty()) {
        Some(rest) => format!("{}{rest}", crate::format::money(q, currency)),
        None => format!("{} {unit}", shown(q)),
    }
}

/// What a flag says, in one sentence.
pub fn flag_text(framework: &Framework, offer: &Offer, flag: &Flag) -> String {
    let c = &framework.currency;
    match flag {
        Flag::AboveContractYear { commitment, year, gross, annual } => {
            let commitment = &offer.commitments[*commitment];
            let m = &framework.measures[commitment.measure];
            format!(
                "{}: {} in contract year {year} are worth {} gross at {} each, more than the contract pays in a year ({}); ask how the contract can carry it",
                measure_name(framework, commitment.measure),
                amount(commitment.quantities[*year as usize - 1], &m.unit, c),
                money(*gross, c),
                money_exact(m.proxy.value, c),
                money(*annual, c)
            )
        }
        Flag::AboveContract { gross } => format!(
            "The commitments are worth {} gross, more than the whole contract ({})",
            money(*gross, c),
            money(offer.contract.value, c)
        ),
        Flag::NoPlan { commitment } => format!(
            "No delivery plan (`how:`) for {}",
            measure_name(framework, offer.commitments[*commitment].measure)
        ),
        Flag::NothingForFirstPriority => format!(
            "Commits nothing to the council's first priority, {}",
            framework.priorities.first().map_or("", |p| p.name.as_str())
        ),
    }
}

fn how_scored(framework: &Framework, v: &OfferValue, best: (&str, f64)) -> String {
    let c = &framework.currency;
    let points = points_of(framework);
    if best.1 <= 0.0 {
        return "No offer commits any value, so every offer scores 0 points.".to_owned();
    }
    if v.weighted_value == best.1 {
        return format!(
            "Its weighted value, {} (each commitment's net, discounted value times its priority's weight), is the highest, so it scores the full {points} points.",
            money(v.weighted_value, c)
        );
    }
    format!(
        "Its weighted value, {} (each commitment's net, discounted value times its priority's weight), divided by the highest, {} ({}), times {points} points: {} points.",
        money(v.weighted_value, c),
        money(best.1, c),
        best.0,
        number(v.score, 2)
    )
}

/// Most offers shown side by side as columns of the value-by-measure table.
pub const MAX_COLUMNS: usize = 8;

/// The view of an evaluation.
pub fn view(
    framework: &Framework,
    offers: &[(String, &Offer)],
    evaluation: &Evaluation,
    stamp: Stamp,
) -> BidsView {
    let c = framework.currency.as_str();
    let mut order: Vec<usize> = (0..offers.len()).collect();
    order.sort_by_key(|&i| evaluation.offers[i].rank);
    let best = order
        .first()
        .map_or(("", 0.0), |&i| (offers[i].1.supplier.as_str(), evaluation.offers[i].weighted_value));
    let cards: Vec<OfferCard> = order
        .iter()
        .map(|&i| {
            let ((file, offer), v) = (&offers[i], &evaluation.offers[i]);
            OfferCard {
                rank: v.rank.to_string(),
                supplier: offer.supplier.clone(),
                size: size_word(offer.size),
                name: offer.name.clone(),
                file: file.clone(),
                score: number(v.score, 2),
                gross_value: money(v.gross_value, c),
                net_value: money(v.net_value, c),
                social_value: money(v.social_value, c),
                value_per_pound: money_exact(v.value_per_pound, c),
                weighted_value: money(v.weighted_value, c),
                how_scored: how_scored(framework, v, best),
                flags: v.flags.iter().map(|f| flag_text(framework, offer, f)).collect(),
                commitments: v
                    .commitments
                    .iter()
                    .zip(&offer.commitments)
                    .map(|(cv, commitment)| CommitmentLine {
                        measure: measure_name(framework, cv.measure),
                        quantities: format!(
                            "{} {}",
                            cv.quantities.iter().map(|q| quantity(*q)).collect::<Vec<_>>().join(", "),
                            framework.measures[cv.measure].unit
                        ),
                        gross_value: money(cv.gross_value, c),
                        social_value: money(cv.social_value, c),
                        how: commitment.how.clone().unwrap_or_else(|| "None given".to_owned()),
                    })
                    .collect(),
            }
        })
        .collect();
    let by_offer = order
        .iter()
        .map(|&i| Line {
            name: offers[i].1.supplier.clone(),
            detail: format!("rank {}", evaluation.offers[i].rank),
            cells: evaluation.offers[i].by_priority.iter().map(|v| money(*v, c)).collect(),
        })
        .collect();
    let wide = offers.len() > MAX_COLUMNS;
    let measures = (0..framework.measures.len())
        .filter(|_| !wide)
        .filter(|m| offers.iter().any(|(_, o)| o.commitments.iter().any(|x| x.measure == *m)))
        .map(|m| {
            let measure = &framework.measures[m];
            Line {
                name: measure_name(framework, m),
                detail: format!(
                    "{} per {}, {} of it net",
                    money_exact(measure.proxy.value, c),
                    measure.unit,
                    percent(measure.net_share())
                ),
                cells: order
                    .iter()
                    .map(|&i| {
                        evaluation.offers[i]
                            .commitments
                            .iter()
                            .find(|x| x.measure == m)
                            .map_or_else(|| "–".to_owned(), |x| money(x.social_value, c))
                    })
                    .collect(),
            }
        })
        .collect();
    let sources = framework
        .measures
        .iter()
        .enumerate()
        .map(|(m, measure)| {
            let p = &measure.proxy;
            let mut detail = p.source.clone().unwrap_or_else(|| "No source given".to_owned());
            if let Some(l) = &p.library {
                detail.push_str(&format!(" (sroi's library: `{}`", l.id));
                if let Some(licence) = &l.licence {
                    detail.push_str(&format!(", {licence}"));
                }
                detail.push(')');
            }
            if let Some((value, year)) = p.written {
                detail.push_str(&format!("; {} in {year} prices, re-based", money_exact(value, c)));
            }
            Line {
                name: measure_name(framework, m),
                detail,
                cells: vec![
                    format!("{} per {}", money_exact(p.value, c), measure.unit),
                    percent(measure.deadweight),
                    percent(measure.displacement),
                    percent(measure.attribution),
                ],
            }
        })
        .collect();
    let points = points_of(framework);
    let headline = match cards.first() {
        None => "There are no offers.".to_owned(),
        Some(_) if best.1 <= 0.0 => {
            format!("No offer commits any value, so every offer scores 0 of {points} points.")
        }
        Some(first) => {
            let others = cards.iter().filter(|o| o.rank == "1").count();
            let tie =
                if others > 1 { format!(", tied with {} other offer(s)", others - 1) } else { String::new() };
            let flags = match first.flags.len() {
                0 => String::new(),
                1 => " The panel should question its one flag before relying on the score.".to_owned(),
                n => format!(" The panel should question its {n} flags before relying on the score."),
            };
            format!(
                "{} ranks first{tie}, with {} of {points} social value points: {} of net, discounted social value, {} for every {} of contract value.{flags}",
                first.supplier,
                first.score,
                first.social_value,
                first.value_per_pound,
                money(1.0, c)
            )
        }
    };
    let mut contracts: Vec<String> = offers.iter().map(|(_, o)| o.contract.id.clone()).collect();
    contracts.dedup();
    let method = vec![
        format!("Each commitment is valued for each contract year as quantity × the measure's proxy (in {} prices) = gross value; net value takes off the framework's deadweight, displacement and attribution for the measure: gross × (1 − deadweight) × (1 − displacement) × (1 − attribution). So scores rest on net values, not gross claims.", framework.price_year.map_or_else(|| "the framework's".to_owned(), |y| y.to_string())),
        format!("Net values are discounted at {} a year ({} of each year), contract year k as year k, and summed to the offer's social value. Value per {} is social value ÷ the contract's value.", discount_words(framework), framework.settings.discount_timing.word(), money(1.0, c)),
        "Weighted value is each commitment's social value times the weight of the measure's priority. The offer with the highest weighted value scores the full social value weighting; each other offer scores the weighting × its weighted value ÷ the highest. Offers are ranked by score; equal scores share a rank.".to_owned(),
        format!("Flags mark what a panel should question: a commitment worth more in a contract year (gross) than the contract pays in a year, commitments worth more than the whole contract, a commitment without a delivery plan (`how:`), and an offer that commits nothing to the first priority ({}). Flags do not change the score.", framework.priorities.first().map_or("", |p| p.name.as_str())),
    ];
    BidsView {
        lang: crate::report::DEFAULT_LANG,
        title: framework.name.clone(),
        organisation: framework.organisation.clone(),
        stamp,
        currency: framework.currency.clone(),
        weighting: percent(framework.weighting),
        points,
        unit_of_money: money(1.0, c),
        contracts: contracts.join(", "),
        headline,
        columns: cards.iter().map(|o| o.supplier.clone()).collect(),
        offers: cards,
        measures,
        measures_note: wide.then(|| format!("With {} offers, each offer's value by measure is in its commitments table above, and in the CSV.", offers.len())),
        by_offer,
        priority_columns: framework.priorities.iter().map(|p| format!("{} (weight {})", p.name, quantity(p.weight))).collect(),
        method,
        sources,
        chart_priorities: framework.priorities.iter().map(|p| p.name.clone()).collect(),
        chart_offers: order
            .iter()
            .map(|&i| (offers[i].1.supplier.clone(), evaluation.offers[i].by_priority.clone()))
            .collect(),
        figures: figures(framework, offers, evaluation),
    }
}

/// The points social value carries: "15", or "12.50".
fn points_of(framework: &Framework) -> String {
    let points = number(framework.weighting * 100.0, 2);
    points.strip_suffix(".00").map_or_else(|| points.clone(), str::to_owned)
}

/// "3.5%" or "the Green Book's declining rates".
pub fn discount_words(framework: &Framework) -> String {
    match framework.settings.discount_rate {
        crate::model::DiscountRate::Constant(r) => percent(r),
        crate::model::DiscountRate::GreenBook => "the Green Book's schedule of".to_owned(),
    }
}
