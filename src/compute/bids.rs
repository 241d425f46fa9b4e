//! Scoring bids against an outcomes framework (SPEC §7).
//!
//! For each commitment and contract year `k`: `gross = quantity_k × proxy`
//! (the proxy already in the framework's prices), `net = gross × (1 − dw)(1 −
//! ds)(1 − at)` with the measure's defaults, discounted as in §2 with
//! contract year `k` as year `k`. Per offer: `gross_value` is the sum of
//! gross, `social_value` the sum of discounted net, `value_per_pound` the
//! social value per unit of contract value, `weighted_value` each measure's
//! discounted net times its priority's weight, and `score = weighting × 100
//! × weighted_value / the highest weighted_value` (0 when that is not
//! positive), ranked by score.

use super::discount::Discounting;
use crate::model::commission::{Framework, Offer};

/// One commitment's values.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentValue {
    /// Index into the framework's measures.
    pub measure: usize,
    /// Quantity each contract year.
    pub quantities: Vec<f64>,
    /// Gross value each contract year.
    pub gross: Vec<f64>,
    /// Net value each contract year, undiscounted.
    pub net: Vec<f64>,
    /// Sum of `gross`.
    pub gross_value: f64,
    /// Sum of the discounted net values.
    pub social_value: f64,
    /// `social_value` times the priority's weight.
    pub weighted_value: f64,
}

/// Something a tender panel should look at.
#[derive(Debug, Clone, PartialEq)]
pub enum Flag {
    /// In `year`, a commitment's gross value is above what the contract pays in a year.
    AboveContractYear {
        /// Index into the offer's commitments.
        commitment: usize,
        /// The contract year (1-based) where it is highest above.
        year: u32,
        /// Its gross value that year.
        gross: f64,
        /// The contract's value per year.
        annual: f64,
    },
    /// The offer's total gross value is above the contract's whole value.
    AboveContract {
        /// The offer's gross value.
        gross: f64,
    },
    /// A commitment without a delivery plan (`how:`).
    NoPlan {
        /// Index into the offer's commitments.
        commitment: usize,
    },
    /// Nothing is committed to the framework's first priority.
    NothingForFirstPriority,
}

/// One offer's values, score and rank.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferValue {
    /// Each commitment, in the offer's order.
    pub commitments: Vec<CommitmentValue>,
    /// Sum of gross values.
    pub gross_value: f64,
    /// Sum of net values, undiscounted.
    pub net_value: f64,
    /// Sum of discounted net values.
    pub social_value: f64,
    /// `social_value / contract value`.
    pub value_per_pound: f64,
    /// Sum of discounted net times priority weight.
    pub weighted_value: f64,
    /// Social value by priority, in the framework's order.
    pub by_priority: Vec<f64>,
    /// Points out of 100 for social value.
    pub score: f64,
    /// 1 for the highest score; equal scores share a rank.
    pub rank: usize,
    /// What the panel should look at.
    pub flags: Vec<Flag>,
}

/// All offers scored together.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Each offer, in the order given.
    pub offers: Vec<OfferValue>,
    /// The highest weighted value, which scores full marks.
    pub best_weighted_value: f64,
}

/// Values one offer, before scoring against the others.
pub fn value(framework: &Framework, offer: &Offer) -> OfferValue {
    let discounting = Discounting::new(framework.settings, offer.contract.years);
    let mut by_priority = vec![0.0; framework.priorities.len()];
    let mut flags = Vec::new();
    let annual = offer.contract.value / f64::from(offer.contract.years);
    let commitments: Vec<CommitmentValue> = offer
        .commitments
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let measure = &framework.measures[c.measure];
            let gross: Vec<f64> = c.quantities.iter().map(|q| q * measure.proxy.value).collect();
            let net: Vec<f64> = gross.iter().map(|g| g * measure.net_share()).collect();
            let social_value: f64 =
                net.iter().enumerate().map(|(k, n)| n * discounting.factor(k as u32 + 1)).sum();
            let weight = framework.priorities[measure.priority].weight;
            by_priority[measure.priority] += social_value;
            // The year furthest above what the contract pays in a year; the first of equals.
            let mut above: Option<(usize, &f64)> = None;
            for (k, g) in gross.iter().enumerate().filter(|(_, g)| **g > annual) {
                if above.is_none_or(|(_, best)| g > best) {
                    above = Some((k, g));
                }
            }
            if let Some((k, g)) = above {
                flags.push(Flag::AboveContractYear {
                    commitment: index,
                    year: k as u32 + 1,
                    gross: *g,
                    annual,
                });
            }
            if c.how.is_none() {
                flags.push(Flag::NoPlan { commitment: index });
            }
            CommitmentValue {
                measure: c.measure,
                quantities: c.quantities.clone(),
                gross_value: gross.iter().sum(),
                gross,
                net,
                social_value,
                weighted_value: social_value * weight,
            }
        })
        .collect();
    let gross_value: f64 = commitments.iter().map(|c| c.gross_value).sum();
    if gross_value > offer.contract.value {
        flags.push(Flag::AboveContract { gross: gross_value });
    }
    let first_priority = commitments
        .iter()
        .any(|c| framework.measures[c.measure].priority == 0 && c.quantities.iter().any(|q| *q > 0.0));
    if !first_priority && !framework.priorities.is_empty() {
        flags.push(Flag::NothingForFirstPriority);
    }
    let social_value: f64 = commitments.iter().map(|c| c.social_value).sum();
    OfferValue {
        gross_value,
        net_value: commitments.iter().map(|c| c.net.iter().sum::<f64>()).sum(),
        social_value,
        value_per_pound: social_value / offer.contract.value,
        weighted_value: commitments.iter().map(|c| c.weighted_value).sum(),
        by_priority,
        score: 0.0,
        rank: 0,
        flags,
        commitments,
    }
}

/// Values every offer, then scores and ranks them against each other.
pub fn evaluate(framework: &Framework, offers: &[&Offer]) -> Evaluation {
    let mut values: Vec<OfferValue> = offers.iter().map(|o| value(framework, o)).collect();
    let best = values.iter().map(|v| v.weighted_value).fold(f64::NEG_INFINITY, f64::max);
    for v in &mut values {
        v.score = if best > 0.0 { framework.weighting * 100.0 * v.weighted_value / best } else { 0.0 };
    }
    let scores: Vec<f64> = values.iter().map(|v| v.score).collect();
    for v in &mut values {
        v.rank = 1 + scores.iter().filter(|s| **s > v.score).count();
    }
    Evaluation { offers: values, best_weighted_value: best.max(0.0) }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::commission::{Commitment, Contract, Measure, Priority, Rag, SupplierSize};
    use crate::model::{Date, Proxy, Settings};

    pub(crate) fn measure(id: &str, priority: usize, proxy: f64, dw: f64, at: f64) -> Measure {
        Measure {
            id: id.into(),
            code: None,
            priority,
            description: id.into(),
            unit: "unit".into(),
            proxy: Proxy {
                value: proxy,
                written: None,
                description: None,
                source: None,
                price_year: None,
                library: None,
            },
            deadweight: dw,
            displacement: 0.0,
            attribution: at,
            evidence: None,
        }
    }

    /// Two priorities (weights 3 and 1), a jobs measure at £28,000 with 20%
    /// deadweight and 10% attribution (net share 0.72), and a tree measure at
    /// £100 with none; 3.5%, end of year.
    pub(crate) fn framework() -> Framework {
        Framework {
            name: "F".into(),
            organisation: None,
            currency: "GBP".into(),
            price_year: Some(2025),
            weighting: 0.2,
            settings: Settings::default(),
            rag: Rag::default(),
            priorities: vec![
                Priority { id: "work".into(), name: "Work".into(), weight: 3.0 },
                Priority { id: "green".into(), name: "Green".into(), weight: 1.0 },
            ],
            measures: vec![measure("jobs", 0, 28_000.0, 0.2, 0.1), measure("trees", 1, 100.0, 0.0, 0.0)],
        }
    }

    pub(crate) fn offer(value: f64, commitments: Vec<(usize, Vec<f64>)>) -> Offer {
        let years = commitments.first().map_or(2, |c| c.1.len() as u32);
        Offer {
            name: "O".into(),
            supplier: "S".into(),
            size: SupplierSize::Sme,
            area: None,
            contract: Contract {
                id: "C".into(),
                value,
                start: Date::parse("2026-04-01").expect("a date"),
                years,
            },
            commitments: commitments
                .into_iter()
                .map(|(measure, quantities)| Commitment {
                    measure,
                    quantities,
                    how: Some("plan".into()),
                    loc: Default::default(),
                })
                .collect(),
            loc: Default::default(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.abs().max(1.0)
    }

    #[test]
    fn values_are_net_and_discounted_by_contract_year() {
        // Jobs [2, 3]: gross 56,000 + 84,000 = 140,000; net × 0.72 = 40,320
        // and 60,480; discounted 40,320 / 1.035 + 60,480 / 1.035² =
        // 38,956.52 + 56,458.73 = 95,415.25.
        let v = value(&framework(), &offer(1_000_000.0, vec![(0, vec![2.0, 3.0])]));
        assert!(close(v.gross_value, 140_000.0));
        assert!(close(v.net_value, 100_800.0));
        let expected = 40_320.0 / 1.035 + 60_480.0 / 1.071_225;
        assert!(close(v.social_value, expected), "{}", v.social_value);
        assert!((expected - 95_415.25).abs() < 0.005, "{expected}");
        assert!(close(v.weighted_value, 3.0 * expected));
        assert!(close(v.value_per_pound, expected / 1_000_000.0));
        assert!(close(v.by_priority[0], expected) && v.by_priority[1] == 0.0);
        assert!(v.flags.is_empty(), "{:?}", v.flags);
    }

    #[test]
    fn the_best_weighted_value_scores_the_whole_weighting() {
        // A: 1,000 trees each of two years: 100,000 a year net, discounted
        // 96,618.36 + 93,351.07 = 189,969.43, weight 1.
        // B: 1 job each year: 20,160 a year net, discounted 19,478.26 +
        // 18,819.56 = 38,297.83, weight 3: 114,893.48.
        // A is best: 20 points; B 20 × 114,893.48 / 189,969.43 = 12.10.
        let f = framework();
        let a = offer(1_000_000.0, vec![(1, vec![1000.0, 1000.0])]);
        let b = offer(1_000_000.0, vec![(0, vec![1.0, 1.0])]);
        let e = evaluate(&f, &[&a, &b]);
        assert!(close(e.offers[0].score, 20.0));
        let (wa, wb) = (e.offers[0].weighted_value, e.offers[1].weighted_value);
        assert!(close(wa, 189_969.43) && close(wb, 114_893.48), "{wa} {wb}");
        assert!(close(e.offers[1].score, 20.0 * wb / wa));
        assert!((e.offers[1].score - 12.10).abs() < 0.005);
        assert_eq!((e.offers[0].rank, e.offers[1].rank), (1, 2));
        assert_eq!(e.offers[0].flags, vec![Flag::NothingForFirstPriority]);
    }

    #[test]
    fn nothing_committed_scores_zero_and_equal_scores_share_a_rank() {
        let f = framework();
        let a = offer(1_000.0, vec![(0, vec![0.0, 0.0])]);
        let b = offer(1_000.0, vec![(0, vec![0.0, 0.0])]);
        let e = evaluate(&f, &[&a, &b]);
        assert!(e.offers.iter().all(|o| o.score == 0.0 && o.rank == 1));
    }

    #[test]
    fn of_equal_years_above_the_contract_the_first_is_named() {
        // £100,000 over 2 years pays £50,000 a year; 2 jobs are £56,000 both years.
        let v = value(&framework(), &offer(100_000.0, vec![(0, vec![2.0, 2.0])]));
        assert!(v.flags.contains(&Flag::AboveContractYear {
            commitment: 0,
            year: 1,
            gross: 56_000.0,
            annual: 50_000.0
        }));
    }

    #[test]
    fn a_commitment_above_what_the_contract_pays_is_flagged() {
        // £300,000 over 2 years pays £150,000 a year; 6 jobs at £28,000 are
        // £168,000 gross in year 2 (4 in year 1: £112,000, under it).
        let mut o = offer(300_000.0, vec![(0, vec![4.0, 6.0])]);
        o.commitments[0].how = None;
        let v = value(&framework(), &o);
        assert!(v.flags.contains(&Flag::AboveContractYear {
            commitment: 0,
            year: 2,
            gross: 168_000.0,
            annual: 150_000.0
        }));
        assert!(!v.flags.contains(&Flag::AboveContract { gross: 280_000.0 }));
        assert!(v.flags.contains(&Flag::NoPlan { commitment: 0 }));
    }
}
