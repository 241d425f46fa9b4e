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
use crate::compute::assurance::{EVIDENCED, evidence_share, observed_and_projected};
use crate::compute::exclusions::{ExclusionKind, exclusions};
use crate::diag::Principle;
use crate::format::percent;
use crate::model::{Analysis, AnalysisKind, EvidenceMethod, Grade, Outcome, Profile};
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
pub fn checklist(analysis: &Analysis, results: &Results) -> Vec<Question> {
    use Principle::*;
    let counted: Vec<&Outcome> = analysis.outcomes.iter().filter(|o| analysis.is_counted(o)).collect();
    let groups: Vec<_> = analysis.stakeholders.iter().filter(|s| !s.is_excluded()).collect();
    let size: f64 = results.outcomes.iter().map(|r| r.present_value.abs()).sum();
    let share_of = |o: &Outcome| {
        let i = analysis.outcomes.iter().position(|x| std::ptr::eq(x, o)).unwrap_or(0);
        if size > 0.0 { results.outcomes[i].present_value.abs() / size } else { 0.0 }
    };
    let first_loc = counted.first().map_or(Loc::START, |o| o.loc);
    let mut q = Vec::new();
    let mut ask = |principle, id, question, answer, finding: String, place| {
        q.push(Question { principle, id, question, answer, finding, place });
    };

    // 1. Involve stakeholders.
    let engaged: Vec<_> =
        groups.iter().filter(|s| s.engagement.as_deref().is_some_and(|e| !is_placeholder(e))).collect();
    let not_engaged = groups.iter().find(|s| s.engagement.as_deref().is_none_or(is_placeholder));
    ask(
        InvolveStakeholders,
        "engagement-recorded",
        "Does every counted stakeholder group record how it was involved?",
        Answer::share(engaged.len(), groups.len()),
        match not_engaged {
            Some(s) => format!(
                "{} of {} counted groups record real engagement; {} does not (\"{}\")",
                engaged.len(),
                groups.len(),
                s.name,
                s.engagement.as_deref().unwrap_or("nothing")
            ),
            None => format!("all {} counted groups say how they were involved", groups.len()),
        },
        match not_engaged {
            Some(s) if s.engagement.is_none() => {
                Place::missing_at(s.loc, format!("stakeholders[{}].engagement", s.id))
            }
            Some(s) => Place::at(s.loc, format!("stakeholders[{}].engagement", s.id)),
            None => Place::at(groups.first().map_or(Loc::START, |s| s.loc), "stakeholders"),
        },
    );
    let heard = |o: &&&Outcome| {
        o.evidence_for("quantity")
            .and_then(|e| e.method)
            .is_some_and(|m| matches!(m, EvidenceMethod::Survey | EvidenceMethod::Interviews))
    };
    let with_quantity_evidence = counted.iter().filter(|o| o.evidence_for("quantity").is_some()).count();
    let unheard = counted.iter().find(|o| !heard(o));
    ask(
        InvolveStakeholders,
        "stakeholders-set-quantities",
        "Do stakeholders' own accounts (surveys, interviews) stand behind how many experienced each outcome?",
        if with_quantity_evidence == 0 {
            Answer::CannotTell
        } else {
            Answer::share(counted.iter().filter(heard).count(), counted.len())
        },
        format!(
            "{} of {} counted outcomes cite a survey or interviews for their quantity",
            counted.iter().filter(heard).count(),
            counted.len()
        ),
        match unheard {
            Some(o) => Place::missing_at(o.loc, key(o, "evidence.quantity.method")),
            None => Place::at(first_loc, "outcomes"),
        },
    );

    // 2. Understand what changes.
    let linked = counted.iter().filter(|o| !o.outputs.is_empty()).count();
    let unlinked = counted.iter().find(|o| o.outputs.is_empty());
    ask(
        UnderstandWhatChanges,
        "theory-of-change",
        "Is each outcome linked to the outputs that lead to it (a theory of change)?",
        Answer::share(linked, counted.len()),
        format!("{linked} of {} counted outcomes name their outputs", counted.len()),
        match unlinked {
            Some(o) => Place::missing_at(o.loc, key(o, "outputs")),
            None => Place::at(first_loc, "outcomes[].outputs"),
        },
    );
    let indicated =
        counted.iter().filter(|o| o.indicator.as_deref().is_some_and(|i| !i.trim().is_empty())).count();
    let no_indicator = counted.iter().find(|o| o.indicator.as_deref().is_none_or(|i| i.trim().is_empty()));
    ask(
        UnderstandWhatChanges,
        "indicators",
        "Does each outcome say how the change was measured (an indicator)?",
        Answer::share(indicated, counted.len()),
        format!("{indicated} of {} counted outcomes give an indicator", counted.len()),
        match no_indicator {
            Some(o) => Place::missing_at(o.loc, key(o, "indicator")),
            None => Place::at(first_loc, "outcomes[].indicator"),
        },
    );
    let harm = analysis.outcomes.iter().find(|o| o.proxy.value < 0.0);
    ask(
        UnderstandWhatChanges,
        "negative-change",
        "Were negative and unintended changes looked for and valued?",
        if harm.is_some() { Answer::Met } else { Answer::CannotTell },
        match harm {
            Some(o) => format!("a harm is valued: \"{}\"", o.description),
            None => {
                "no harm is valued; the file cannot show whether any was looked for and none found".to_owned()
            }
        },
        match harm {
            Some(o) => Place::at(o.loc, key(o, "proxy.value")),
            None => Place::missing("outcomes[].proxy.value (negative, for a harm)"),
        },
    );

    // 3. Value the things that matter.
    let sourced =
        analysis.outcomes.iter().filter(|o| o.proxy.source.as_deref().is_some_and(|s| !s.trim().is_empty()));
    let unsourced =
        analysis.outcomes.iter().find(|o| o.proxy.source.as_deref().is_none_or(|s| s.trim().is_empty()));
    ask(
        ValueWhatMatters,
        "proxy-sources",
        "Does every financial proxy cite where its value comes from?",
        Answer::share(sourced.count(), analysis.outcomes.len()),
        match unsourced {
            Some(o) => format!("the proxy of \"{}\" has no source", o.description),
            None => "every proxy cites a source".to_owned(),
        },
        match unsourced {
            Some(o) => Place::missing_at(o.loc, key(o, "proxy.source")),
            None => Place::at(first_loc, "outcomes[].proxy.source"),
        },
    );
    let placeholder = |o: &&&Outcome| {
        let text = format!(
            "{} {}",
            o.proxy.source.as_deref().unwrap_or(""),
            o.proxy.description.as_deref().unwrap_or("")
        );
        text.to_lowercase().contains("illustrative")
    };
    let placeholders: Vec<_> = counted.iter().filter(placeholder).collect();
    ask(
        ValueWhatMatters,
        "proxies-not-placeholders",
        "Are the proxies real published or measured values, not placeholders?",
        Answer::share(counted.len() - placeholders.len(), counted.len()),
        if placeholders.is_empty() {
            "no counted proxy calls itself illustrative".to_owned()
        } else {
            format!(
                "{} of {} counted proxies call themselves illustrative",
                placeholders.len(),
                counted.len()
            )
        },
        match placeholders.first() {
            Some(o) => Place::at(o.loc, key(o, "proxy.source")),
            None => Place::at(first_loc, "outcomes[].proxy"),
        },
    );
    let years: Vec<i32> = analysis.outcomes.iter().filter_map(|o| o.proxy.price_year).collect();
    let mixed = years.iter().any(|&y| Some(y) != years.first().copied());
    ask(
        ValueWhatMatters,
        "one-price-year",
        "Are all values in one year's prices?",
        match (analysis.price_year, years.is_empty(), mixed) {
            (Some(_), _, _) => Answer::Met,
            (None, true, _) => Answer::CannotTell,
            (None, false, true) => Answer::NotMet,
            (None, false, false) => Answer::Partly,
        },
        match analysis.price_year {
            Some(y) => format!("the analysis is in {y} prices and proxies of other years are re-based"),
            None if years.is_empty() => "no price year is given anywhere".to_owned(),
            None if mixed => "proxies are in different years' prices and nothing is re-based".to_owned(),
            None => "proxies give one price year but the analysis gives none".to_owned(),
        },
        match analysis.price_year {
            Some(_) => Place::key("price_year"),
            None => Place::missing("price_year"),
        },
    );

    // 4. Only include what is material.
    let list = exclusions(analysis, results);
    let material: Vec<_> =
        list.iter().filter(|e| e.is_material(results.present_value, analysis.settings.materiality)).collect();
    let place_of = |e: &crate::compute::exclusions::Exclusion| match e.kind {
        ExclusionKind::Stakeholder => {
            Place::at(analysis.stakeholders[e.index].loc, format!("stakeholders[{}].excluded", e.id))
        }
        ExclusionKind::Outcome => {
            Place::at(analysis.outcomes[e.index].loc, format!("outcomes[{}].excluded", e.id))
        }
    };
    ask(
        OnlyIncludeWhatIsMaterial,
        "exclusions-below-threshold",
        "Is everything left out below the materiality threshold?",
        if material.is_empty() { Answer::Met } else { Answer::NotMet },
        if material.is_empty() {
            format!(
                "{} excluded; none reaches {} of the present value",
                list.len(),
                percent(analysis.settings.materiality)
            )
        } else {
            format!(
                "{} of {} exclusions reach {} of the present value; their reasons must be argued with evidence",
                material.len(),
                list.len(),
                percent(analysis.settings.materiality)
            )
        },
        material.first().map_or_else(|| Place::key("settings.materiality"), |e| place_of(e)),
    );
    let hidden_harm = list.iter().find(|e| e.present_value < 0.0);
    ask(
        OnlyIncludeWhatIsMaterial,
        "no-harm-excluded",
        "Is every harm counted rather than excluded?",
        if hidden_harm.is_some() { Answer::NotMet } else { Answer::Met },
        match hidden_harm {
            Some(e) => format!(
                "excluding `{}` leaves out a harm; with it the ratio is {}",
                e.id,
                crate::format::ratio(e.sroi_ratio_if_included)
            ),
            None => "no exclusion holds a harm".to_owned(),
        },
        hidden_harm.map_or_else(|| Place::key("excluded"), place_of),
    );

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
    let double = crate::quality::transfer_double_counts(&counted);
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
    q
}

#[cfg(test)]
mod tests;
