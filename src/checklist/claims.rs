//! Principles 5 to 8 of the checklist: do not over-claim, be transparent,
//! verify the result, be responsive.

use super::{Answer, Ctx, Place, Question, key};
use crate::compute::assurance::{EVIDENCED, evidence_share, observed_and_projected};
use crate::diag::Principle;
use crate::format::percent;
use crate::model::{AnalysisKind, EvidenceMethod, Grade, Outcome, Profile};

/// Asks this part's questions of `c`, adding them to `q`.
pub(super) fn ask(c: &Ctx<'_>, q: &mut Vec<Question>) {
    use Principle::*;
    let (analysis, results, counted, first_loc) = (c.analysis, c.results, &c.counted, c.first_loc);
    let share_of = |o: &Outcome| c.share_of(o);
    let mut ask = |principle, id, question, answer, finding: String, place| {
        q.push(Question { principle, id, question, answer, finding, place });
    };
    // 5. Do not over-claim.
    // A harm without deadweight or attribution is under-claimed, not over: only gains are asked.
    let gains: Vec<&&Outcome> = counted.iter().filter(|o| o.proxy.value > 0.0).collect();
    let adjusted = gains.iter().filter(|o| o.deadweight > 0.0 && o.attribution > 0.0).count();
    let unadjusted = gains.iter().find(|o| o.deadweight == 0.0 || o.attribution == 0.0);
    ask(
        DoNotOverClaim,
        "deadweight-and-attribution",
        "Does each outcome allow for what would have happened anyway and for others' part?",
        Answer::share(adjusted, gains.len()),
        format!("{adjusted} of {} counted gains have both deadweight and attribution", gains.len()),
        match unadjusted {
            Some(o) if o.deadweight == 0.0 => Place::at(o.loc, key(o, "deadweight")),
            Some(o) => Place::at(o.loc, key(o, "attribution")),
            None => Place::at(first_loc, "outcomes[].deadweight"),
        },
    );
    let lasting: Vec<_> = counted
        .iter()
        .filter(|o| {
            matches!(o.profile, Profile::Constant { duration, .. } if duration > 1) && o.proxy.value > 0.0
        })
        .collect();
    let fading = lasting
        .iter()
        .filter(|o| matches!(o.profile, Profile::Constant { drop_off, .. } if drop_off > 0.0))
        .count();
    let flat =
        lasting.iter().find(|o| matches!(o.profile, Profile::Constant { drop_off, .. } if drop_off == 0.0));
    let long = counted
        .iter()
        .find(|o| o.profile.years() > crate::quality::LONG_DURATION && o.evidence_for("duration").is_none());
    ask(
        DoNotOverClaim,
        "duration-and-drop-off",
        "Does value that lasts beyond a year drop off, within durations the evidence supports?",
        match (long, lasting.is_empty()) {
            (Some(_), _) => Answer::NotMet,
            (None, true) => Answer::Met,
            (None, false) => Answer::share(fading, lasting.len()),
        },
        match long {
            Some(o) => format!(
                "\"{}\" lasts {} years with no evidence for its duration",
                o.description,
                o.profile.years()
            ),
            None => format!(
                "{fading} of {} multi-year outcomes drop off; none lasts over {} years unevidenced",
                lasting.len(),
                crate::quality::LONG_DURATION
            ),
        },
        match (long, flat) {
            (Some(o), _) => Place::missing_at(o.loc, key(o, "evidence.duration")),
            (None, Some(o)) => Place::at(o.loc, key(o, "drop_off")),
            (None, None) => Place::at(first_loc, "outcomes[].drop_off"),
        },
    );
    let double = crate::quality::transfer_double_counts(counted);
    ask(
        DoNotOverClaim,
        "counted-once",
        "Is each change counted once, with no transfer (a benefit no longer paid) beside the earnings that replaced it?",
        if double.is_empty() { Answer::Met } else { Answer::NotMet },
        match double.first() {
            Some(d) => d.message.clone(),
            None => "no benefit saving is counted beside gross earnings".to_owned(),
        },
        match double.first().and_then(|d| counted.iter().find(|o| Some(o.loc) == d.loc)) {
            Some(o) => Place::at(o.loc, key(o, "proxy")),
            None => Place::key("outcomes[].value_type"),
        },
    );
    let (observed, projected) = observed_and_projected(analysis, results);
    ask(
        DoNotOverClaim,
        "observed-not-projected",
        "Is an evaluation's value mostly what was observed, not projected?",
        match analysis.kind {
            AnalysisKind::Forecast => Answer::Met,
            AnalysisKind::Evaluative if projected <= observed => Answer::Met,
            AnalysisKind::Evaluative if observed > 0.0 => Answer::Partly,
            AnalysisKind::Evaluative => Answer::NotMet,
        },
        match analysis.kind {
            AnalysisKind::Forecast => {
                "a forecast, and reported as one: all its value is projected".to_owned()
            }
            AnalysisKind::Evaluative => {
                let total = observed + projected;
                let share = if total != 0.0 { percent(projected / total) } else { "0%".to_owned() };
                format!("{share} of the present value is projected beyond the evaluation's period")
            }
        },
        match analysis.period {
            Some(_) => Place::key("period"),
            None => Place::missing("period"),
        },
    );

    // 6. Be transparent.
    let share = evidence_share(analysis, results);
    let unevidenced = counted
        .iter()
        .filter(|o| !crate::compute::assurance::is_evidenced(o))
        .max_by(|a, b| share_of(a).total_cmp(&share_of(b)));
    ask(
        BeTransparent,
        "evidence-share",
        "Does the value rest on cited evidence for quantity, deadweight and attribution?",
        if share >= 0.8 {
            Answer::Met
        } else if share > 0.0 {
            Answer::Partly
        } else {
            Answer::NotMet
        },
        format!(
            "{} of the present value rests on evidenced quantity, deadweight and attribution",
            percent(share)
        ),
        match unevidenced {
            Some(o) => {
                let what = EVIDENCED.iter().find(|w| o.evidence_for(w).is_none()).unwrap_or(&"quantity");
                Place::missing_at(o.loc, key(o, &format!("evidence.{what}")))
            }
            None => Place::at(first_loc, "outcomes[].evidence"),
        },
    );
    let entries: Vec<_> = counted.iter().flat_map(|o| o.evidence.iter().map(move |e| (o, e))).collect();
    let graded = entries.iter().filter(|(_, e)| e.grade.is_some() && e.method.is_some()).count();
    let ungraded = entries.iter().find(|(_, e)| e.grade.is_none() || e.method.is_none());
    ask(
        BeTransparent,
        "evidence-graded",
        "Does the evidence say how it was gathered and how strong it is?",
        Answer::share(graded, entries.len()),
        if entries.is_empty() {
            "no evidence is cited, so none is graded".to_owned()
        } else {
            format!("{graded} of {} pieces of evidence give a method and a grade", entries.len())
        },
        match ungraded {
            Some((o, e)) => Place::missing_at(o.loc, key(o, &format!("evidence.{}.grade", e.what))),
            None if entries.is_empty() => Place::missing("outcomes[].evidence"),
            None => Place::at(first_loc, "outcomes[].evidence"),
        },
    );

    // 7. Verify the result.
    let material_outcomes: Vec<_> = counted.iter().filter(|o| share_of(o) >= 0.1).collect();
    let ranged = material_outcomes.iter().filter(|o| !o.ranges.is_empty()).count();
    let unranged = material_outcomes.iter().find(|o| o.ranges.is_empty());
    ask(
        VerifyTheResult,
        "ranges",
        "Is the uncertainty of each material outcome (10% of the value or more) explored with a range?",
        Answer::share(ranged, material_outcomes.len()),
        format!("{ranged} of {} material outcomes give a `range:`", material_outcomes.len()),
        match unranged {
            Some(o) => Place::missing_at(o.loc, key(o, "range")),
            None => Place::at(first_loc, "outcomes[].range"),
        },
    );
    let largest = counted.iter().max_by(|a, b| share_of(a).total_cmp(&share_of(b)));
    let strength = largest.and_then(|o| o.evidence_for("quantity")).map(|e| {
        let independent = e.method.is_some_and(|m| {
            matches!(
                m,
                EvidenceMethod::Records | EvidenceMethod::ComparisonGroup | EvidenceMethod::PublishedStudy
            )
        });
        let weak = e.grade == Some(Grade::Weak) || e.method == Some(EvidenceMethod::Estimate);
        (independent, weak)
    });
    ask(
        VerifyTheResult,
        "largest-outcome-verified",
        "Is the largest outcome's quantity verified by records or a comparison, not only by estimate?",
        match strength {
            None => Answer::NotMet,
            Some((true, false)) => Answer::Met,
            Some((_, true)) => Answer::NotMet,
            Some((false, false)) => Answer::Partly,
        },
        match (largest, strength) {
            (Some(o), None) => format!(
                "\"{}\" ({} of the value) cites no evidence for its quantity",
                o.description,
                percent(share_of(o))
            ),
            (Some(o), Some((true, false))) => format!(
                "\"{}\" ({} of the value) rests on records or a comparison",
                o.description,
                percent(share_of(o))
            ),
            (Some(o), Some((_, true))) => format!(
                "\"{}\" ({} of the value) rests on weak evidence or an estimate",
                o.description,
                percent(share_of(o))
            ),
            (Some(o), Some((false, false))) => format!(
                "\"{}\" ({} of the value) rests on what stakeholders reported, not checked against records",
                o.description,
                percent(share_of(o))
            ),
            (None, _) => "nothing is counted".to_owned(),
        },
        match largest {
            Some(o) => Place::at(o.loc, key(o, "evidence.quantity")),
            None => Place::missing("outcomes"),
        },
    );

    // 8. Be responsive.
    let summary = analysis.summary.as_deref().unwrap_or("").to_lowercase();
    let response = ["will ", "recommend", "next year", "we plan", "in response", "improve", "change how"]
        .iter()
        .any(|w| summary.contains(w));
    ask(
        BeResponsive,
        "response-stated",
        "Does the analysis say what will be done in response to its findings?",
        match (analysis.summary.is_some(), response) {
            (false, _) => Answer::CannotTell,
            (true, true) => Answer::Partly,
            (true, false) => Answer::NotMet,
        },
        match (analysis.summary.is_some(), response) {
            (false, _) => "there is no summary to say it".to_owned(),
            (true, true) => "the summary speaks of what will change; an assurer reads whether it follows from the findings".to_owned(),
            (true, false) => "the summary describes the programme but not what will be done differently".to_owned(),
        },
        if analysis.summary.is_some() { Place::key("summary") } else { Place::missing("summary") },
    );
    let weak: Vec<_> = entries.iter().filter(|(_, e)| e.grade == Some(Grade::Weak)).collect();
    ask(
        BeResponsive,
        "weak-evidence-flagged",
        "Is weak evidence named, so that decisions can weigh it and the next analysis can improve it?",
        if entries.is_empty() {
            Answer::CannotTell
        } else if graded == entries.len() {
            Answer::Met
        } else {
            Answer::Partly
        },
        if entries.is_empty() {
            "no evidence is cited, so none is named weak".to_owned()
        } else {
            format!("{} of {} pieces of evidence are graded weak, and said so", weak.len(), entries.len())
        },
        match weak.first().or(ungraded.as_ref()) {
            Some((o, e)) => Place::at(o.loc, key(o, &format!("evidence.{}", e.what))),
            None => Place::missing("outcomes[].evidence"),
        },
    );
}
