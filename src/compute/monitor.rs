//! Contract monitoring (SPEC §8): what was committed by each period's end,
//! what was delivered and validated, the status of each measure, and the
//! value of what was validated.
//!
//! Committed to date at a period's end `E` is the commitment of every
//! contract year that ended by `E`, plus the current year's commitment pro
//! rata by days (the days of that year up to and including `E`, over the
//! year's days: 365, or 366 when it holds a 29 February). Delivered and
//! validated to date are sums over the periods so far. A measure is green
//! when delivered ÷ committed to date is at least `rag.green`, amber when at
//! least `rag.amber`, else red; with nothing committed yet it is green.
//!
//! Value delivered uses validated quantities with the measure's proxy and
//! adjustments as in §7; a period's value is discounted as the contract year
//! its last day falls in.

use super::discount::Discounting;
use crate::model::Date;
use crate::model::commission::{Contract, Framework, Offer, Returns};

/// Delivery against commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// At or above the green threshold.
    Green,
    /// At or above the amber threshold.
    Amber,
    /// Below it.
    Red,
}

impl Status {
    /// `green`, `amber` or `red`.
    pub fn word(self) -> &'static str {
        match self {
            Status::Green => "green",
            Status::Amber => "amber",
            Status::Red => "red",
        }
    }
}

/// One measure at one period's end.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into the framework's measures.
    pub measure: usize,
    /// Whether the offer commits to it (a delivery of another is a warning).
    pub committed: bool,
    /// Committed by the period's end.
    pub committed_to_date: f64,
    /// Delivered in this and earlier periods.
    pub delivered_to_date: f64,
    /// Validated in this and earlier periods.
    pub validated_to_date: f64,
    /// Delivered against committed.
    pub status: Status,
}

/// The ledger at one period's end.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodLedger {
    /// The contract year (1-based) its last day falls in.
    pub contract_year: u32,
    /// One row per measure: committed ones in the offer's order, then others.
    pub rows: Vec<Row>,
    /// Net value (undiscounted) of what was committed by then.
    pub committed_value: f64,
    /// Net value (undiscounted) of what was delivered by then.
    pub delivered_value: f64,
    /// Net value (undiscounted) of what was validated by then.
    pub validated_value: f64,
}

/// The whole ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// One per period, in order.
    pub periods: Vec<PeriodLedger>,
    /// Validated quantities × proxy.
    pub gross_value_delivered: f64,
    /// Net of the measures' adjustments and discounted.
    pub social_value_delivered: f64,
}

/// The contract year (1-based) that `date` falls in; 0 before the contract.
pub fn contract_year(contract: &Contract, date: Date) -> u32 {
    (1..=contract.years + 1).take_while(|k| contract.year_start(*k) <= date).last().unwrap_or(0)
}

/// The commitment due by the end of `date` for quantities by contract year.
pub fn committed_to_date(contract: &Contract, quantities: &[f64], date: Date) -> f64 {
    let mut total = 0.0;
    for (index, quantity) in quantities.iter().enumerate() {
        let k = index as u32 + 1;
        let (start, next) = (contract.year_start(k), contract.year_start(k + 1));
        if next <= date {
            total += quantity;
        } else if start <= date {
            let days = (next.day_number() - start.day_number()) as f64;
            let elapsed = (date.day_number() - start.day_number() + 1) as f64;
            total += quantity * elapsed / days;
        }
    }
    total
}

fn status(delivered: f64, committed: f64, framework: &Framework) -> Status {
    if committed <= 0.0 {
        return Status::Green;
    }
    let share = delivered / committed;
    if share >= framework.rag.green {
        Status::Green
    } else if share >= framework.rag.amber {
        Status::Amber
    } else {
        Status::Red
    }
}

/// The ledger of `returns` against `offer`.
pub fn monitor(framework: &Framework, offer: &Offer, returns: &Returns) -> Ledger {
    let contract = &offer.contract;
    let discounting = Discounting::new(framework.settings, contract.years);
    let mut measures: Vec<usize> = offer.commitments.iter().map(|c| c.measure).collect();
    for d in &returns.delivered {
        if !measures.contains(&d.measure) {
            measures.push(d.measure);
        }
    }
    let net = |measure: usize, quantity: f64| {
        let m = &framework.measures[measure];
        quantity * m.proxy.value * m.net_share()
    };
    let (mut gross_value, mut social_value) = (0.0, 0.0);
    let mut periods = Vec::with_capacity(returns.periods.len());
    for (p, period) in returns.periods.iter().enumerate() {
        let year = contract_year(contract, period.end).clamp(1, contract.years);
        let mut ledger = PeriodLedger {
            contract_year: year,
            rows: Vec::with_capacity(measures.len()),
            committed_value: 0.0,
            delivered_value: 0.0,
            validated_value: 0.0,
        };
        for d in returns.delivered.iter().filter(|d| d.period == p && d.validated) {
            let m = &framework.measures[d.measure];
            gross_value += d.quantity * m.proxy.value;
            social_value += net(d.measure, d.quantity) * discounting.factor(year);
        }
        for &measure in &measures {
            let commitment = offer.commitments.iter().find(|c| c.measure == measure);
            let committed =
                commitment.map_or(0.0, |c| committed_to_date(contract, &c.quantities, period.end));
            let so_far = returns.delivered.iter().filter(|d| d.measure == measure && d.period <= p);
            let delivered: f64 = so_far.clone().map(|d| d.quantity).sum();
            let validated: f64 = so_far.filter(|d| d.validated).map(|d| d.quantity).sum();
            ledger.committed_value += net(measure, committed);
            ledger.delivered_value += net(measure, delivered);
            ledger.validated_value += net(measure, validated);
            ledger.rows.push(Row {
                measure,
                committed: commitment.is_some(),
                committed_to_date: committed,
                delivered_to_date: delivered,
                validated_to_date: validated,
                status: status(delivered, committed, framework),
            });
        }
        periods.push(ledger);
    }
    Ledger { periods, gross_value_delivered: gross_value, social_value_delivered: social_value }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::bids::tests::{framework, offer};
    use crate::model::commission::{Delivery, ReturnPeriod};

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    fn contract(start: &str, years: u32) -> Contract {
        Contract { id: "C".into(), value: 1.0, start: date(start), years }
    }

    #[test]
    fn pro_rata_by_days_across_a_leap_year() {
        // Contract year 2 runs 2027-04-01 to 2028-03-31: 366 days, since it
        // holds 29 February 2028. By 2028-02-29 year 1 (12) is due in full,
        // and of year 2's 24, the days 2027-04-01..2028-02-29: 30+31+30+31+
        // 31+30+31+30+31+31+29 = 335, so 24 × 335 / 366 = 21.967...
        let c = contract("2026-04-01", 3);
        let due = committed_to_date(&c, &[12.0, 24.0, 36.0], date("2028-02-29"));
        assert!((due - (12.0 + 24.0 * 335.0 / 366.0)).abs() < 1e-12, "{due}");
        // Year 1 has 365 days: half-way (2026-09-30, day 183) is 12 × 183 / 365.
        let half = committed_to_date(&c, &[12.0, 24.0, 36.0], date("2026-09-30"));
        assert!((half - 12.0 * 183.0 / 365.0).abs() < 1e-12);
        // After the end, everything is due.
        assert_eq!(committed_to_date(&c, &[12.0, 24.0, 36.0], date("2030-01-01")), 72.0);
    }

    #[test]
    fn a_period_that_straddles_a_contract_year_end() {
        // A period 2027-01-01 to 2027-06-30: by its end year 1 (10) ended on
        // 2027-03-31, and year 2 (20, 366 days) has run 30 + 31 + 30 = 91
        // days: 10 + 20 × 91 / 366 = 14.972...; the period counts as year 2.
        let c = contract("2026-04-01", 2);
        let due = committed_to_date(&c, &[10.0, 20.0], date("2027-06-30"));
        assert!((due - (10.0 + 20.0 * 91.0 / 366.0)).abs() < 1e-12, "{due}");
        assert_eq!(contract_year(&c, date("2027-06-30")), 2);
        assert_eq!(contract_year(&c, date("2027-03-31")), 1);
    }

    #[test]
    fn ledger_status_and_validated_value() {
        // Jobs committed [10, 10] from 2026-04-01. Period 1 ends 2026-09-30:
        // 10 × 183/365 = 5.014 due; 5 + 0 + 4 = 9 delivered (green), of
        // which 4 validated. Period 2 ends 2027-03-31: year 1's 10 due; 2
        // more delivered and validated: 11 delivered (green), 6 validated.
        // Trees were never committed: 5 delivered, shown apart, green.
        // Value: 6 validated jobs × 28,000 + 5 trees × 100 = 168,500 gross;
        // net 6 × 20,160 + 500 = 121,460, all in contract year 1, discounted
        // by 1.035: 117,352.66.
        let f = framework();
        let o = offer(1_000_000.0, vec![(0, vec![10.0, 10.0])]);
        let periods = vec![
            ReturnPeriod { start: date("2026-04-01"), end: date("2026-09-30") },
            ReturnPeriod { start: date("2026-10-01"), end: date("2027-03-31") },
        ];
        let delivery = |measure, period, quantity, validated| Delivery {
            measure,
            period,
            quantity,
            evidence: None,
            validated,
        };
        let returns = Returns {
            name: "R".into(),
            periods,
            delivered: vec![
                delivery(0, 0, 5.0, false),
                delivery(0, 0, 0.0, false),
                delivery(0, 0, 4.0, true),
                delivery(0, 1, 2.0, true),
                delivery(1, 1, 5.0, true),
            ],
        };
        let ledger = monitor(&f, &o, &returns);
        let first = &ledger.periods[0].rows[0];
        assert!((first.committed_to_date - 10.0 * 183.0 / 365.0).abs() < 1e-12);
        assert_eq!((first.delivered_to_date, first.validated_to_date), (9.0, 4.0));
        assert_eq!(first.status, Status::Green);
        let second = &ledger.periods[1].rows[0];
        assert_eq!(
            (second.committed_to_date, second.delivered_to_date, second.status),
            (10.0, 11.0, Status::Green)
        );
        let trees = &ledger.periods[1].rows[1];
        assert!(!trees.committed && trees.status == Status::Green && trees.validated_to_date == 5.0);
        assert!((ledger.gross_value_delivered - (6.0 * 28_000.0 + 500.0)).abs() < 1e-9);
        let social = (6.0 * 20_160.0 + 500.0) / 1.035;
        assert!((ledger.social_value_delivered - social).abs() < 1e-6, "{}", ledger.social_value_delivered);
        assert!((social - 117_352.66).abs() < 0.01, "{social}");
    }

    #[test]
    fn status_thresholds() {
        let f = framework();
        assert_eq!(status(95.0, 100.0, &f), Status::Green);
        assert_eq!(status(94.9, 100.0, &f), Status::Amber);
        assert_eq!(status(75.0, 100.0, &f), Status::Amber);
        assert_eq!(status(74.9, 100.0, &f), Status::Red);
        assert_eq!(status(0.0, 0.0, &f), Status::Green);
    }
}
