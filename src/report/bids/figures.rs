//! The tender evaluation's figures in full precision, keyed as SPEC §7's
//! JSON names them, for `--json`, the JSON file and the CSV.

use serde::Serialize;

use super::flag_text;
use crate::compute::bids::{Evaluation, Flag};
use crate::model::commission::{Framework, Offer};

/// The JSON document of SPEC §7.
#[derive(Debug, Serialize)]
pub struct Figures {
    /// The framework's name.
    pub framework: String,
    /// Share of the tender score for social value, as a fraction.
    pub weighting: f64,
    /// The framework's currency.
    pub currency: String,
    /// Each offer, in the order given.
    pub offers: Vec<OfferFigures>,
}

/// One offer's figures.
#[derive(Debug, Serialize)]
pub struct OfferFigures {
    /// The offer file, as named.
    pub file: String,
    /// The supplier's name.
    pub supplier: String,
    /// `micro`, `sme`, `large` or `vcse`.
    pub supplier_size: &'static str,
    /// The contract's value.
    pub contract_value: f64,
    /// Sum of gross values.
    pub gross_value: f64,
    /// Sum of net values, undiscounted.
    pub net_value: f64,
    /// Sum of discounted net values.
    pub social_value: f64,
    /// Social value per unit of contract value.
    pub value_per_pound: f64,
    /// Discounted net values times priority weights.
    pub weighted_value: f64,
    /// Points for social value.
    pub score: f64,
    /// 1 is best.
    pub rank: usize,
    /// What the panel should look at.
    pub flags: Vec<FlagFigures>,
    /// Each commitment.
    pub commitments: Vec<CommitmentFigures>,
}

/// A flag, for machines.
#[derive(Debug, Serialize)]
pub struct FlagFigures {
    /// `above-contract-year`, `above-contract`, `no-plan` or `nothing-for-first-priority`.
    pub code: &'static str,
    /// The measure it is about, if one.
    pub measure: Option<String>,
    /// What it says.
    pub message: String,
}

/// One commitment's figures.
#[derive(Debug, Serialize)]
pub struct CommitmentFigures {
    /// The measure id.
    pub measure: String,
    /// Quantity each contract year.
    pub quantities: Vec<f64>,
    /// Sum of gross values.
    pub gross_value: f64,
    /// Sum of discounted net values.
    pub social_value: f64,
}

fn flag_code(flag: &Flag) -> &'static str {
    match flag {
        Flag::AboveContractYear { .. } => "above-contract-year",
        Flag::AboveContract { .. } => "above-contract",
        Flag::NoPlan { .. } => "no-plan",
        Flag::NothingForFirstPriority => "nothing-for-first-priority",
    }
}

fn flag_measure(framework: &Framework, offer: &Offer, flag: &Flag) -> Option<String> {
    match flag {
        Flag::AboveContractYear { commitment, .. } | Flag::NoPlan { commitment } => {
            Some(framework.measures[offer.commitments[*commitment].measure].id.clone())
        }
        _ => None,
    }
}

/// The figures of SPEC §7's JSON.
pub fn figures(framework: &Framework, offers: &[(String, &Offer)], evaluation: &Evaluation) -> Figures {
    let offers = offers
        .iter()
        .zip(&evaluation.offers)
        .map(|((file, offer), v)| OfferFigures {
            file: file.clone(),
            supplier: offer.supplier.clone(),
            supplier_size: offer.size.word(),
            contract_value: offer.contract.value,
            gross_value: v.gross_value,
            net_value: v.net_value,
            social_value: v.social_value,
            value_per_pound: v.value_per_pound,
            weighted_value: v.weighted_value,
            score: v.score,
            rank: v.rank,
            flags: v
                .flags
                .iter()
                .map(|f| FlagFigures {
                    code: flag_code(f),
                    measure: flag_measure(framework, offer, f),
                    message: flag_text(framework, offer, f),
                })
                .collect(),
            commitments: v
                .commitments
                .iter()
                .map(|c| CommitmentFigures {
                    measure: framework.measures[c.measure].id.clone(),
                    quantities: c.quantities.clone(),
                    gross_value: c.gross_value,
                    social_value: c.social_value,
                })
                .collect(),
        })
        .collect();
    Figures {
        framework: framework.name.clone(),
        weighting: framework.weighting,
        currency: framework.currency.clone(),
        offers,
    }
}
