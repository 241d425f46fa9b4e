//! A contract's part in a statement year (SPEC §8): the net value (as in §7,
//! undiscounted) of what it committed, delivered and had validated in the
//! year, pro rata by days for a contract year or return period that
//! straddles it.

use super::calendar::Span;
use super::in_year::StatementYear;
use super::monitor::Status;
use crate::model::commission::{Framework, Offer, Returns};

/// A contract's value in a statement year, net and undiscounted.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractYear {
    /// Of the commitments of the contract years in the statement year.
    pub committed: f64,
    /// Of the deliveries returned for periods in the year, validated or not.
    pub delivered: f64,
    /// Of the deliveries the council has validated.
    pub validated: f64,
    /// Delivered against committed, by the framework's thresholds.
    pub status: Status,
    /// The same three figures for each of the framework's priorities, in its
    /// order (the priority of each measure committed or delivered): `[committed,
    /// delivered, validated]`.
    pub by_priority: Vec<[f64; 3]>,
}

/// The contract of `offer` in `year`, with `returns` delivered against it;
/// `None` when no day of the contract falls in the year.
pub fn contract_in_year(
    framework: &Framework,
    offer: &Offer,
    returns: &Returns,
    year: &StatementYear,
) -> Option<ContractYear> {
    let contract = &offer.contract;
    let whole = Span { start: contract.start, end: contract.year_start(contract.years + 1) };
    if whole.overlap(&year.span) == 0 {
        return None;
    }
    let net = |measure: usize, quantity: f64| {
        let m = &framework.measures[measure];
        quantity * m.proxy.value * m.net_share()
    };
    let mut by_priority = vec![[0.0; 3]; framework.priorities.len()];
    let priority = |measure: usize| framework.measures[measure].priority;
    let mut committed = 0.0;
    for commitment in &offer.commitments {
        for (k, quantity) in (1u32..).zip(&commitment.quantities) {
            let span = Span { start: contract.year_start(k), end: contract.year_start(k + 1) };
            let value = span.pro_rata(net(commitment.measure, *quantity), &year.span);
            committed += value;
            by_priority[priority(commitment.measure)][0] += value;
        }
    }
    let (mut delivered, mut validated) = (0.0, 0.0);
    for delivery in &returns.delivered {
        let period = &returns.periods[delivery.period];
        let span = Span::inclusive(period.start, period.end);
        let value = span.pro_rata(net(delivery.measure, delivery.quantity), &year.span);
        delivered += value;
        by_priority[priority(delivery.measure)][1] += value;
        if delivery.validated {
            validated += value;
            by_priority[priority(delivery.measure)][2] += value;
        }
    }
    let status = if committed <= 0.0 || delivered / committed >= framework.rag.green {
        Status::Green
    } else if delivered / committed >= framework.rag.amber {
        Status::Amber
    } else {
        Status::Red
    };
    Some(ContractYear { committed, delivered, validated, status, by_priority })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn d(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    /// The example framework, offer and returns of `sroi init --returns`, with
    /// one measure made simple: a proxy of £1,000 and no adjustments.
    fn contract() -> (Framework, Offer, Returns) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/commissioning");
        let offer = dir.join("offer-greenway.yaml");
        let returns = dir.join("returns-greenway.yaml");
        let m = crate::pipeline::commissioning::monitor(&offer.to_string_lossy(), &returns.to_string_lossy())
            .unwrap_or_else(|_| panic!("the fixtures load"));
        let (mut framework, mut offer, mut returns) = (m.framework.value, m.offer.value, m.returns.value);
        let measure = offer.commitments[0].measure;
        let m = &mut framework.measures[measure];
        m.proxy.value = 1000.0;
        (m.deadweight, m.displacement, m.attribution) = (0.0, 0.0, 0.0);
        offer.commitments.truncate(1);
        offer.contract.start = d("2026-07-01");
        offer.commitments[0].quantities = vec![10.0, 20.0, 20.0, 20.0];
        returns.periods = vec![
            crate::model::commission::ReturnPeriod { start: d("2026-07-01"), end: d("2026-12-31") },
            crate::model::commission::ReturnPeriod { start: d("2027-01-01"), end: d("2027-09-30") },
        ];
        returns.delivered.retain(|x| x.measure == measure);
        returns.delivered.truncate(2);
        for (i, x) in returns.delivered.iter_mut().enumerate() {
            (x.period, x.quantity, x.validated) = (i, 4.0, i == 0);
        }
        (framework, offer, returns)
    }

    #[test]
    fn a_contract_year_straddling_the_statement_counts_pro_rata_by_days() {
        let (framework, offer, returns) = contract();
        assert_eq!(returns.delivered.len(), 2, "two deliveries of the measure");
        let year = StatementYear::parse("2026/27").expect("year");
        let c = contract_in_year(&framework, &offer, &returns, &year).expect("in the year");
        // Contract year 1 (1 Jul 2026 – 30 Jun 2027, 365 days) has 274 days in
        // 2026/27 (1 Jul – 31 Mar); year 2 starts after it. 10 × £1,000 × 274/365.
        assert_eq!(c.committed, 10_000.0 * 274.0 / 365.0);
        // Period 1 (Jul–Dec 2026) lies inside: £4,000, validated. Period 2
        // (1 Jan – 30 Sep 2027, 273 days) has 90 days inside: £4,000 × 90/273.
        assert_eq!(c.delivered, 4000.0 + 4000.0 * 90.0 / 273.0);
        assert_eq!(c.validated, 4000.0);
        // 5,318.68 delivered against 7,506.85 committed is 70.9%: amber at the
        // example's thresholds (green 90%, amber 70%).
        assert!(
            c.delivered / c.committed >= framework.rag.amber
                && c.delivered / c.committed < framework.rag.green
        );
        assert_eq!(c.status, Status::Amber);
        // The one measure kept (jobs-25-plus) serves the framework's first
        // priority: all three figures are that priority's; the others have none.
        let first = framework.measures[offer.commitments[0].measure].priority;
        assert_eq!(first, 0);
        assert_eq!(c.by_priority.len(), framework.priorities.len());
        assert_eq!(c.by_priority[first], [c.committed, c.delivered, c.validated]);
        assert!(c.by_priority.iter().skip(1).all(|p| *p == [0.0; 3]));
    }

    #[test]
    fn each_priority_has_the_value_of_its_own_measures() {
        // The whole fixture: every measure's value goes to its own priority,
        // and the priorities add up to the contract's totals.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/commissioning");
        let m = crate::pipeline::commissioning::monitor(
            &dir.join("offer-greenway.yaml").to_string_lossy(),
            &dir.join("returns-greenway.yaml").to_string_lossy(),
        )
        .unwrap_or_else(|_| panic!("the fixtures load"));
        let (framework, offer, returns) = (m.framework.value, m.offer.value, m.returns.value);
        let year = StatementYear::parse("2026/27").expect("year");
        let c = contract_in_year(&framework, &offer, &returns, &year).expect("in the year");
        for (i, total) in [c.committed, c.delivered, c.validated].into_iter().enumerate() {
            let sum: f64 = c.by_priority.iter().map(|p| p[i]).sum();
            assert!((sum - total).abs() < 1e-6 * total.max(1.0), "figure {i}: {sum} against {total}");
        }
        // Trees planted (the greener priority) in period 1 (Jul–Dec 2026, inside
        // 2026/27) and period 2 (Jan–Sep 2027, 90 of 273 days inside), both validated.
        let greener = framework.priorities.iter().position(|p| p.id == "greener").expect("greener");
        let trees = framework.measures.iter().find(|m| m.id == "trees-planted").expect("trees");
        let carbon = framework.measures.iter().find(|m| m.id == "carbon-saved").expect("carbon");
        let validated = trees.proxy.value * trees.net_share() * (120.0 + 260.0 * 90.0 / 273.0);
        assert!((c.by_priority[greener][2] - validated).abs() < 1e-6, "{:?}", c.by_priority[greener]);
        // Carbon saved (22 t in period 2) was returned but not validated: delivered only.
        let claimed = carbon.proxy.value * carbon.net_share() * 22.0 * 90.0 / 273.0;
        assert!((c.by_priority[greener][1] - validated - claimed).abs() < 1e-6);
    }

    #[test]
    fn a_year_the_contract_does_not_reach_is_none() {
        let (framework, offer, returns) = contract();
        let before = StatementYear::parse("2025/26").expect("year");
        assert_eq!(contract_in_year(&framework, &offer, &returns, &before), None);
        let after = StatementYear::parse("2031/32").expect("year");
        assert_eq!(contract_in_year(&framework, &offer, &returns, &after), None);
    }
}
