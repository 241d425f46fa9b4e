//! Offers and returns, [raw](crate::load::commission) → [model](crate::model::commission),
//! against the framework (and offer) they name: commitments to known
//! measures with a quantity per contract year, periods inside the contract,
//! returns for periods that exist. Quantities are never negative.

use crate::diag::{Diagnostic, has_errors};
use crate::load::commission::{RawCommitment, RawDelivery, RawOffer, RawReturns};
use crate::model::commission::{Commitment, Contract, Delivery, Framework, Offer, ReturnPeriod, Returns};
use crate::source::{Loc, Located};

use super::{MAX_CONTRACT_YEARS, error, nearest_hint, version};

fn measure_index(name: &Located<String>, framework: &Framework, d: &mut Vec<Diagnostic>) -> Option<usize> {
    let found = framework.measures.iter().position(|m| m.id == name.value);
    if found.is_none() {
        let ids: Vec<&str> = framework.measures.iter().map(|m| m.id.as_str()).collect();
        error(
            d,
            "unknown-measure",
            name.loc,
            format!("the framework `{}` has no measure `{}`", framework.name, name.value),
            nearest_hint(&name.value, &ids, "measure"),
        );
    }
    found
}

fn not_negative(q: &Located<f64>, d: &mut Vec<Diagnostic>) -> Option<f64> {
    if q.value < 0.0 {
        error(
            d,
            "negative-quantity",
            q.loc,
            "a quantity is never negative".to_owned(),
            "write what was committed or delivered, `0` for nothing".to_owned(),
        );
        return None;
    }
    Some(q.value)
}

/// Validates an offer against its framework; problems go to `d`.
pub fn offer(raw: RawOffer, framework: &Framework, d: &mut Vec<Diagnostic>) -> Option<Offer> {
    let before = d.len();
    version(raw.sroi.as_ref(), d);
    let contract = raw.contract.as_ref().and_then(|c| {
        let value = c.value.as_ref()?;
        if value.value <= 0.0 {
            error(
                d,
                "bad-contract-value",
                value.loc,
                "the contract's value must be above zero".to_owned(),
                format!("write the whole contract's value over all its years, in {}", framework.currency),
            );
        }
        let years = c.years.as_ref()?;
        if !(1..=MAX_CONTRACT_YEARS).contains(&years.value) {
            error(
                d,
                "bad-years",
                years.loc,
                format!("a contract runs for 1 to {MAX_CONTRACT_YEARS} whole years"),
                "write the contract's length in years, such as `years: 3`".to_owned(),
            );
            return None;
        }
        Some(Contract {
            id: c.id.as_ref()?.value.clone(),
            value: value.value,
            start: c.start.as_ref()?.value,
            years: years.value as u32,
        })
    });
    if raw.commitments.absent {
        error(
            d,
            "missing-key",
            Loc::START,
            "an offer needs `commitments`".to_owned(),
            "list what the supplier commits to: `commitments: [{ measure: …, quantity: […], how: … }]`"
                .to_owned(),
        );
    }
    let mut commitments: Vec<Commitment> = Vec::new();
    for c in &raw.commitments.items {
        if let Some(commitment) = commitment(c, framework, contract.as_ref(), &commitments, d) {
            commitments.push(commitment);
        }
    }
    let (name, size) = raw.supplier.unwrap_or((None, None));
    if has_errors(&d[before..]) {
        return None;
    }
    Some(Offer {
        name: raw.name?.value,
        supplier: name?.value,
        size: size?.value,
        area: raw.area.map(|a| a.value),
        contract: contract?,
        commitments,
        loc: raw.commitments.loc,
    })
}

fn commitment(
    c: &RawCommitment,
    framework: &Framework,
    contract: Option<&Contract>,
    earlier: &[Commitment],
    d: &mut Vec<Diagnostic>,
) -> Option<Commitment> {
    let measure = c.measure.as_ref().and_then(|m| measure_index(m, framework, d));
    if let (Some(i), Some(name)) = (measure, &c.measure)
        && earlier.iter().any(|e| e.measure == i)
    {
        error(
            d,
            "duplicate-commitment",
            name.loc,
            format!("`{}` is committed to twice", name.value),
            "give one commitment per measure, with a quantity for each contract year".to_owned(),
        );
        return None;
    }
    let quantity = c.quantity.as_ref()?;
    let values: Vec<f64> = quantity.value.iter().filter_map(|q| not_negative(q, d)).collect();
    if values.len() != quantity.value.len() {
        return None;
    }
    let years = contract?.years as usize;
    let quantities = if c.each_year {
        vec![values[0]; years]
    } else if values.len() == years {
        values
    } else {
        error(
            d,
            "wrong-year-count",
            quantity.loc,
            format!("{} quantities for a contract of {years} years", values.len()),
            format!(
                "give one quantity for each contract year, such as `[{}]`, or one number for the same each year",
                vec!["10"; years].join(", ")
            ),
        );
        return None;
    };
    Some(Commitment {
        measure: measure?,
        quantities,
        how: c.how.as_ref().map(|h| h.value.trim().to_owned()).filter(|h| !h.is_empty()),
        loc: c.loc,
    })
}

/// Validates delivery returns against their offer; problems go to `d`.
pub fn returns(
    raw: RawReturns,
    offer: &Offer,
    framework: &Framework,
    d: &mut Vec<Diagnostic>,
) -> Option<Returns> {
    let before = d.len();
    version(raw.sroi.as_ref(), d);
    let (first, last) = (offer.contract.start, offer.contract.end());
    let mut periods: Vec<ReturnPeriod> = Vec::new();
    let mut all_read = raw.periods.complete;
    for p in &raw.periods.items {
        let (Some(start), Some(end)) = (&p.start, &p.end) else {
            all_read = false;
            continue;
        };
        let span = format!("the contract runs from {first} to {last}");
        if end.value < start.value {
            error(
                d,
                "bad-period",
                end.loc,
                "the period ends before it starts".to_owned(),
                "write `{ start: …, end: … }` with the end on or after the start".to_owned(),
            );
        } else if start.value < first || end.value > last {
            let loc = if start.value < first { start.loc } else { end.loc };
            error(
                d,
                "period-outside-contract",
                loc,
                format!(
                    "the period {} to {} is outside the contract `{}`",
                    start.value, end.value, offer.contract.id
                ),
                span,
            );
        } else if let Some(previous) = periods.last().filter(|q| start.value <= q.end) {
            error(
                d,
                "overlapping-periods",
                start.loc,
                format!("the period starts on or before the end of the one before it ({})", previous.end),
                "list periods in order, each starting after the last one ends".to_owned(),
            );
        }
        periods.push(ReturnPeriod { start: start.value, end: end.value });
    }
    let mut delivered = Vec::new();
    for r in &raw.delivered.items {
        if let Some(delivery) = delivery(r, offer, framework, &periods, all_read, d) {
            delivered.push(delivery);
        }
    }
    if has_errors(&d[before..]) {
        return None;
    }
    Some(Returns { name: raw.name?.value, periods, delivered })
}

fn delivery(
    r: &RawDelivery,
    offer: &Offer,
    framework: &Framework,
    periods: &[ReturnPeriod],
    periods_complete: bool,
    d: &mut Vec<Diagnostic>,
) -> Option<Delivery> {
    let measure = r.measure.as_ref().and_then(|m| measure_index(m, framework, d));
    if let (Some(i), Some(name)) = (measure, &r.measure)
        && !offer.commitments.iter().any(|c| c.measure == i)
    {
        d.push(
            Diagnostic::warning("not-committed", format!("the offer `{}` never committed to `{}`", offer.name, name.value))
                .at(name.loc)
                .hint("it is shown apart from the commitments and not counted against them; check the measure, or agree a variation to the contract"),
        );
    }
    let period = r.period.as_ref().and_then(|p| {
        if p.value >= 1 && (p.value as usize) <= periods.len() {
            Some(p.value as usize - 1)
        } else {
            if periods_complete {
                let count = periods.len();
                let plural = if count == 1 { "" } else { "s" };
                error(d, "unknown-period", p.loc, format!("there is no period {}: the returns have {count} period{plural}", p.value), format!("periods are numbered from 1 in the order of `periods:`; add the period, or use 1 to {count}"));
            }
            None
        }
    });
    let quantity = r.quantity.as_ref().and_then(|q| not_negative(q, d));
    Some(Delivery {
        measure: measure?,
        period: period?,
        quantity: quantity?,
        evidence: r.evidence.as_ref().map(|e| e.value.clone()).filter(|e| !e.trim().is_empty()),
        validated: r.validated.as_ref().is_some_and(|v| v.value),
    })
}
