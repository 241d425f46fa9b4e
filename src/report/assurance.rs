//! The view of what an assurer asks of the figures (SPEC §6): the value by
//! type, observed against projected, the share resting on evidence, the
//! materiality register, and each outcome's evidence for the impact map.
//! Words are built here once, so HTML and PDF say the same thing.

use serde::Serialize;

use crate::compute::Results;
use crate::compute::assurance::{evidence_share, observed_and_projected, value_types};
use crate::compute::exclusions::{ExclusionKind, exclusions};
use crate::format::{money, percent, ratio};
use crate::model::{Analysis, AnalysisKind, Evidence, Outcome, ValueType};

/// The assurance figures and the materiality register.
#[derive(Debug, Clone, Serialize)]
pub struct AssuranceView {
    /// Fiscal, economic and social value, in that order.
    pub value_types: Vec<ValueTypeView>,
    /// Present value of the observed years.
    pub observed: String,
    /// Present value of the projected years.
    pub projected: String,
    /// What is observed and projected, in a sentence.
    pub observed_sentence: String,
    /// "42%": the share of value whose quantity, deadweight and attribution carry evidence.
    pub evidence_share: String,
    /// What the evidence share means, in a sentence.
    pub evidence_sentence: String,
    /// The threshold, "1%".
    pub materiality: String,
    /// What the register holds, in a sentence.
    pub register_sentence: String,
    /// Every exclusion.
    pub register: Vec<ExclusionView>,
    /// The assurance checklist ([`crate::checklist`]), one row a question.
    pub checklist: Vec<ChecklistRow>,
    /// "20 questions: 11 met, 5 partly, 3 not met, 1 cannot tell".
    pub checklist_summary: String,
}

/// One question of the assurance checklist, in words.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistRow {
    /// "1. Involve stakeholders", on the first question of each principle; else empty.
    pub principle: String,
    /// The question.
    pub question: &'static str,
    /// "Met", "Partly", "Not met", "Cannot tell".
    pub answer: String,
    /// `met`, `partly`, `not-met`, `cannot-tell`, for styling.
    pub answer_class: String,
    /// Why.
    pub finding: String,
    /// "line 85: `outcomes[into-work].evidence.quantity`".
    pub place: String,
}

fn checklist_rows(questions: &[crate::checklist::Question]) -> (Vec<ChecklistRow>, String) {
    let mut rows = Vec::new();
    let mut last = None;
    let mut n = 0;
    let mut counts = [0usize; 4];
    for q in questions {
        let principle = if last == Some(q.principle) {
            String::new()
        } else {
            last = Some(q.principle);
            n += 1;
            let label = q.principle.label();
            let mut chars = label.chars();
            let title: String =
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            format!("{n}. {title}")
        };
        let word = q.answer.word();
        counts[match q.answer {
            crate::checklist::Answer::Met => 0,
            crate::checklist::Answer::Partly => 1,
            crate::checklist::Answer::NotMet => 2,
            crate::checklist::Answer::CannotTell => 3,
        }] += 1;
        let mut chars = word.chars();
        rows.push(ChecklistRow {
            principle,
            question: q.question,
            answer: chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default(),
            answer_class: word.replace(' ', "-"),
            finding: q.finding.clone(),
            place: q.place.describe().replace('`', ""),
        });
    }
    let summary = format!(
        "{} questions: {} met, {} partly, {} not met, {} cannot tell.",
        questions.len(),
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    (rows, summary)
}

/// One type of value.
#[derive(Debug, Clone, Serialize)]
pub struct ValueTypeView {
    /// "Fiscal".
    pub label: &'static str,
    /// What it covers.
    pub covers: &'static str,
    /// Its present value.
    pub present_value: String,
    /// Its share of the present value.
    pub share: String,
}

/// One line of the materiality register.
#[derive(Debug, Clone, Serialize)]
pub struct ExclusionView {
    /// "Stakeholder group" or "Outcome".
    pub kind: &'static str,
    /// The group's name or the outcome's description.
    pub name: String,
    /// The reason given.
    pub reason: String,
    /// The present value it would add.
    pub present_value: String,
    /// Its size as a share of the present value.
    pub share: String,
    /// The ratio with it included.
    pub ratio_if_included: String,
    /// Whether it reaches the materiality threshold.
    pub material: bool,
    /// "Material: must be argued" or "Below the threshold".
    pub verdict: String,
}

/// The evidence of one assumption, for the impact map.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// "Quantity".
    pub assumption: String,
    /// "Follow-up survey at six months (survey, sample 84, strong)".
    pub text: String,
}

fn type_words(t: ValueType) -> (&'static str, &'static str) {
    match t {
        ValueType::Fiscal => ("Fiscal", "savings to the public purse"),
        ValueType::Economic => ("Economic", "earnings and output"),
        ValueType::Social => ("Social", "wellbeing, health and the rest"),
    }
}

/// "Quantity", "Drop-off": an evidence key as a reader says it.
pub fn assumption_words(what: &str) -> String {
    let spaced = what.replace('_', "-");
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// One piece of evidence in words: its source, then method, sample and grade.
pub fn evidence_text(e: &Evidence) -> String {
    let mut about = Vec::new();
    about.extend(e.method.map(|m| m.word().replace('-', " ")));
    about.extend(e.sample.map(|n| format!("sample {}", crate::format::number(n, 0))));
    about.extend(e.grade.map(|g| format!("{} evidence", g.word())));
    if about.is_empty() { e.source.clone() } else { format!("{} ({})", e.source, about.join(", ")) }
}

/// The evidence rows of `outcome`'s impact-map entry.
pub fn outcome_evidence(outcome: &Outcome) -> Vec<EvidenceView> {
    outcome
        .evidence
        .iter()
        .map(|e| EvidenceView { assumption: assumption_words(e.what), text: evidence_text(e) })
        .collect()
}

/// "Social", for the impact map.
pub fn value_type_label(t: ValueType) -> &'static str {
    type_words(t).0
}

/// Builds the assurance view of `analysis`, whose figures are `results`.
pub fn view(analysis: &Analysis, results: &Results) -> AssuranceView {
    let c = analysis.currency.as_str();
    let pv = results.present_value;
    let share = |v: f64| if pv != 0.0 { percent(v / pv) } else { "–".to_owned() };
    let split = value_types(analysis, results);
    let value_types = ValueType::ALL
        .iter()
        .zip(split)
        .map(|(&t, v)| {
            let (label, covers) = type_words(t);
            ValueTypeView { label, covers, present_value: money(v, c), share: share(v) }
        })
        .collect();
    let (observed, projected) = observed_and_projected(analysis, results);
    let observed_sentence = match analysis.kind {
        AnalysisKind::Forecast => {
            format!("A forecast: all {} of the present value is projected.", money(projected, c))
        }
        AnalysisKind::Evaluative if projected == 0.0 => {
            "All of the present value is in years the evaluation observed.".to_owned()
        }
        AnalysisKind::Evaluative => format!(
            "{} ({}) is in years the evaluation observed; {} ({}) is projected into years after its period. The observed value alone gives {}.",
            money(observed, c),
            share(observed),
            money(projected, c),
            share(projected),
            ratio(observed / results.investment)
        ),
    };
    let evidenced = evidence_share(analysis, results);
    let materiality = analysis.settings.materiality;
    let list = exclusions(analysis, results);
    let register: Vec<ExclusionView> = list
        .iter()
        .map(|e| {
            let material = e.is_material(pv, materiality);
            let (kind, name) = match e.kind {
                ExclusionKind::Stakeholder => {
                    ("Stakeholder group", analysis.stakeholders[e.index].name.clone())
                }
                ExclusionKind::Outcome => ("Outcome", analysis.outcomes[e.index].description.clone()),
            };
            let size = e.share(pv);
            ExclusionView {
                kind,
                name,
                reason: e.reason.clone(),
                present_value: money(e.present_value, c),
                share: if size.is_finite() { percent(size) } else { "–".to_owned() },
                ratio_if_included: ratio(e.sroi_ratio_if_included),
                material,
                verdict: if material && e.present_value < 0.0 {
                    "An excluded harm: must be argued with evidence".to_owned()
                } else if material {
                    format!("Material (at least {}): must be argued with evidence", percent(materiality))
                } else if e.present_value == 0.0 {
                    "Holds no valued outcome".to_owned()
                } else {
                    format!("Below the {} threshold", percent(materiality))
                },
            }
        })
        .collect();
    let material = register.iter().filter(|e| e.material).count();
    let register_sentence = match (register.len(), material) {
        (0, _) => "Nothing is excluded: every stakeholder group and outcome is counted.".to_owned(),
        (n, 0) => format!(
            "{} excluded; none reaches the materiality threshold of {} of the present value.",
            super::plural(n as f64, "item is", "items are"),
            percent(materiality)
        ),
        (n, m) => format!(
            "{} excluded; {} at least {} of the present value, so the reason must be argued with evidence. Each line gives the value it would add and the ratio with it included.",
            super::plural(n as f64, "item is", "items are"),
            if m == 1 { "1 is worth".to_owned() } else { format!("{m} are worth") },
            percent(materiality)
        ),
    };
    let (checklist, checklist_summary) = checklist_rows(&crate::checklist::checklist(analysis, results));
    AssuranceView {
        checklist,
        checklist_summary,
        value_types,
        observed: money(observed, c),
        projected: money(projected, c),
        observed_sentence,
        evidence_share: percent(evidenced),
        evidence_sentence: format!(
            "{} of the present value comes from outcomes whose quantity, deadweight and attribution all cite evidence.",
            percent(evidenced)
        ),
        materiality: percent(materiality),
        register_sentence,
        register,
    }
}
