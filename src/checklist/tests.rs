//! The checklist answered for small analyses written to make each answer.

use super::*;
use crate::source::SourceFile;

fn answers(text: &str) -> Vec<Question> {
    let source = SourceFile::new("t.yaml", text);
    let (a, _) = crate::analyse(&source).unwrap_or_else(|d| panic!("{d:?}"));
    let r = crate::compute::compute(&a);
    checklist(&a, &r)
}

fn answer(questions: &[Question], id: &str) -> Answer {
    questions.iter().find(|q| q.id == id).unwrap_or_else(|| panic!("no question {id}")).answer
}

const BASE: &str = "sroi: 1
title: t
summary: We will recruit more volunteers next year.
price_year: 2024
period: { start: 2024-04-01, end: 2025-03-31 }
stakeholders:
  - { id: s, name: S, size: 50, engagement: Survey (n=40) }
  - { id: h, name: H, engagement: Interviews }
inputs: [{ id: i, amount: 10000 }]
outputs: [{ id: o, description: Sessions }]
outcomes:
  - id: a
    stakeholder: s
    outputs: [o]
    description: A
    indicator: Survey
    quantity: 10
    proxy: { value: 1000, source: Book, price_year: 2024 }
    deadweight: 20%
    attribution: 25%
    range: { quantity: [8, 12] }
    evidence:
      quantity: { source: Records, method: records, sample: 10, grade: strong }
      deadweight: { source: ONS, method: published-study, grade: moderate }
      attribution: { source: Survey, method: survey, sample: 40, grade: weak }
  - id: harm
    stakeholder: h
    outputs: [o]
    description: H
    indicator: Interviews
    quantity: 1
    proxy: { value: -10, source: Book, price_year: 2024 }
    deadweight: 20%
    attribution: 25%
";

#[test]
fn every_principle_has_at_least_two_questions() {
    let questions = answers(BASE);
    for p in [
        Principle::InvolveStakeholders,
        Principle::UnderstandWhatChanges,
        Principle::ValueWhatMatters,
        Principle::OnlyIncludeWhatIsMaterial,
        Principle::DoNotOverClaim,
        Principle::BeTransparent,
        Principle::VerifyTheResult,
        Principle::BeResponsive,
    ] {
        assert!(questions.iter().filter(|q| q.principle == p).count() >= 2, "{p:?}");
    }
}

#[test]
fn a_careful_file_meets_what_the_file_can_show() {
    let q = answers(BASE);
    for id in [
        "engagement-recorded",
        "theory-of-change",
        "indicators",
        "negative-change",
        "proxy-sources",
        "one-price-year",
        "exclusions-below-threshold",
        "no-harm-excluded",
        "deadweight-and-attribution",
        "observed-not-projected",
        "largest-outcome-verified",
        "weak-evidence-flagged",
    ] {
        assert_eq!(answer(&q, id), Answer::Met, "{id}");
    }
    // The harm's quantity has no evidence: only the larger outcome's does.
    assert_eq!(answer(&q, "stakeholders-set-quantities"), Answer::NotMet, "records, not a survey");
    assert_eq!(answer(&q, "response-stated"), Answer::Partly, "intent, which an assurer reads");
}

#[test]
fn engagement_not_yet_done_is_not_engagement() {
    let q = answers(&BASE.replace("engagement: Interviews", "engagement: N/A - not yet done"));
    assert_eq!(answer(&q, "engagement-recorded"), Answer::Partly);
    let place = &q.iter().find(|q| q.id == "engagement-recorded").expect("asked").place;
    assert_eq!(place.key, "stakeholders[h].engagement");
    assert_eq!(place.line, Some(8));
}

#[test]
fn an_excluded_harm_is_not_met_twice_over() {
    // The group's harm is 1 × −£10 × 0.6 = −£6, under 1% of £5,797, but a
    // harm left out all the same: SPEC §6 asks every excluded harm to be argued.
    let q = answers(
        &BASE.replace("engagement: Interviews }", "engagement: Interviews, excluded: Not material }"),
    );
    assert_eq!(answer(&q, "no-harm-excluded"), Answer::NotMet);
    assert_eq!(answer(&q, "exclusions-below-threshold"), Answer::NotMet);
    // A small gain left out is below the threshold.
    let small_gain = BASE
        .replace("engagement: Interviews }", "engagement: Interviews, excluded: Not material }")
        .replace("value: -10,", "value: 10,");
    assert_eq!(answer(&answers(&small_gain), "exclusions-below-threshold"), Answer::Met);
    let bigger = BASE
        .replace("engagement: Interviews }", "engagement: Interviews, excluded: Not material }")
        .replace("value: -10,", "value: -5000,");
    let q = answers(&bigger);
    assert_eq!(answer(&q, "exclusions-below-threshold"), Answer::NotMet);
    assert_eq!(
        q.iter().find(|q| q.id == "no-harm-excluded").expect("asked").place.key,
        "stakeholders[h].excluded"
    );
}

#[test]
fn missing_keys_are_named_as_missing() {
    let bare = BASE
        .replace("summary: We will recruit more volunteers next year.\n", "")
        .replace("price_year: 2024\n", "");
    let q = answers(&bare);
    assert_eq!(answer(&q, "response-stated"), Answer::CannotTell);
    let summary = &q.iter().find(|q| q.id == "response-stated").expect("asked").place;
    assert!(summary.missing && summary.key == "summary");
    assert_eq!(summary.describe(), "missing `summary`");
    assert_eq!(answer(&q, "one-price-year"), Answer::Partly, "proxies in 2024, the analysis in none");
}

#[test]
fn projected_value_in_an_evaluation_is_partly_met() {
    // Three years of value, the period one year: two thirds projected.
    let q = answers(&BASE.replace(
        "    deadweight: 20%\n    attribution: 25%\n    range",
        "    duration: 3\n    drop_off: 10%\n    deadweight: 20%\n    attribution: 25%\n    range",
    ));
    assert_eq!(answer(&q, "observed-not-projected"), Answer::Partly);
    assert_eq!(answer(&q, "duration-and-drop-off"), Answer::Met);
}
