//! The assurance checklist (SPEC §6, `sroi check --assurance`): the
//! questions a Social Value International report assurer asks, answered from
//! the file alone, at least two for each of the eight principles. Each answer
//! is `met`, `partly`, `not met` or `cannot tell`, with the place in the file
//! (or the missing key) that decides it.
//!
//! The file can show what was done, not whether it was done well: an answer
//! of `met` says the file holds what the question asks for, and an assurer
//! still reads it.

use serde::Serialize;

use crate::compute::Results;
use crate::diag::Principle;
use crate::model::{Analysis, Outcome};
use crate::source::Loc;

/// How far the file answers a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Answer {
    /// The file holds what the question asks for.
    #[serde(rename = "met")]
    Met,
    /// Some of it.
    #[serde(rename = "partly")]
    Partly,
    /// None of it, or the file shows the opposite.
    #[serde(rename = "not met")]
    NotMet,
    /// The file cannot show it either way.
    #[serde(rename = "cannot tell")]
    CannotTell,
}

impl Answer {
    /// "met", "partly", "not met", "cannot tell".
    pub fn word(self) -> &'static str {
        match self {
            Answer::Met => "met",
            Answer::Partly => "partly",
            Answer::NotMet => "not met",
            Answer::CannotTell => "cannot tell",
        }
    }

    /// Met when all `n` of `total` hold, not met when none, partly between.
    fn share(n: usize, total: usize) -> Answer {
        match (n, total) {
            (_, 0) => Answer::CannotTell,
            (n, t) if n == t => Answer::Met,
            (0, _) => Answer::NotMet,
            _ => Answer::Partly,
        }
    }
}

/// What decides an answer: a place in the file, a key that is missing, or both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// 1-based line, when the place is written.
    pub line: Option<u32>,
    /// 1-based column.
    pub column: Option<u32>,
    /// The key, as a path: `outcomes[into-work].evidence.deadweight`.
    pub key: String,
    /// True when the key is missing (it is what the file would need).
    pub missing: bool,
}

impl Place {
    fn at(loc: Loc, key: impl Into<String>) -> Place {
        Place { line: Some(loc.line), column: Some(loc.column), key: key.into(), missing: false }
    }
    fn missing_at(loc: Loc, key: impl Into<String>) -> Place {
        Place { missing: true, ..Place::at(loc, key) }
    }
    fn key(key: impl Into<String>) -> Place {
        Place { line: None, column: None, key: key.into(), missing: false }
    }
    fn missing(key: impl Into<String>) -> Place {
        Place { line: None, column: None, key: key.into(), missing: true }
    }

    /// "line 85, `outcomes[into-work].deadweight`", or "missing `summary`".
    pub fn describe(&self) -> String {
        let key = if self.missing { format!("missing `{}`", self.key) } else { format!("`{}`", self.key) };
        match self.line {
            Some(line) => format!("line {line}: {key}"),
            None => key,
        }
    }
}

/// One question, answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// The principle it tests.
    pub principle: Principle,
    /// A stable id, such as `engagement-recorded`.
    pub id: &'static str,
    /// The question an assurer asks.
    pub question: &'static str,
    /// The answer.
    pub answer: Answer,
    /// Why, in a sentence.
    pub finding: String,
    /// What decides it.
    pub place: Place,
}

/// Engagement text that says engagement has not happened.
fn is_placeholder(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.is_empty()
        || ["n/a", "na", "none", "tbc", "tbd", "todo", "-", "not yet", "planned", "to be", "will be"]
            .iter()
            .any(|p| t == *p || t.starts_with(&format!("{p} ")) || t.contains(&format!(" {p} ")))
        || t.contains("not yet done")
}

fn key(o: &Outcome, what: &str) -> String {
    format!("outcomes[{}].{what}", o.id)
}

/// The checklist for `analysis`, whose figures are `results`.
/// What every question reads: the analysis, its figures, and the counted outcomes.
pub(crate) struct Ctx<'a> {
    analysis: &'a Analysis,
    results: &'a Results,
    counted: Vec<&'a Outcome>,
    first_loc: Loc,
    /// Σ |present value| of the outcomes, for each one's share.
    size: f64,
}

impl Ctx<'_> {
    /// The outcome's share of the size of all value.
    fn share_of(&self, o: &Outcome) -> f64 {
        let i = self.analysis.outcomes.iter().position(|x| std::ptr::eq(x, o)).unwrap_or(0);
        if self.size > 0.0 { self.results.outcomes[i].present_value.abs() / self.size } else { 0.0 }
    }
}

/// The checklist for `analysis`, whose figures are `results`: principles 1
/// to 4 ([`scope`]), then 5 to 8 ([`claims`]).
pub fn checklist(analysis: &Analysis, results: &Results) -> Vec<Question> {
    let counted: Vec<&Outcome> = analysis.outcomes.iter().filter(|o| analysis.is_counted(o)).collect();
    let first_loc = counted.first().map_or(Loc::START, |o| o.loc);
    let size = results.outcomes.iter().map(|r| r.present_value.abs()).sum();
    let c = Ctx { analysis, results, counted, first_loc, size };
    let mut q = Vec::new();
    scope::ask(&c, &mut q);
    claims::ask(&c, &mut q);
    q
}

mod claims;
mod scope;

#[cfg(test)]
mod tests;
