//! Principles 1 to 4 of the checklist: involve stakeholders, understand what
//! changes, value the things that matter, only include what is material.

use super::{Answer, Ctx, Place, Question, is_placeholder, key};
use crate::compute::exclusions::{ExclusionKind, exclusions};
use crate::diag::Principle;
use crate::format::percent;
use crate::model::{EvidenceMethod, Outcome};
use crate::source::Loc;

/// Asks this part's questions of `c`, adding them to `q`.
pub(super) fn ask(c: &Ctx<'_>, q: &mut Vec<Question>) {
    use Principle::*;
    let (analysis, results, counted, first_loc) = (c.analysis, c.results, &c.counted, c.first_loc);
    let mut ask = |principle, id, question, answer, finding: String, place| {
        q.push(Question { principle, id, question, answer, finding, place });
    };
    let groups: Vec<_> = analysis.stakeholders.iter().filter(|s| !s.is_excluded()).collect();

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
            Some(o) if o.evidence_for("quantity").is_some() => {
                Place::at(o.loc, key(o, "evidence.quantity.method"))
            }
            Some(o) => Place::missing_at(o.loc, key(o, "evidence.quantity")),
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
        "Is everything left out below the materiality threshold, and no harm left out unargued?",
        if material.is_empty() { Answer::Met } else { Answer::NotMet },
        if material.is_empty() {
            format!(
                "{} excluded; none reaches {} of the present value",
                list.len(),
                percent(analysis.settings.materiality)
            )
        } else {
            format!(
                "{} of {} exclusions hold a harm or reach {} of the present value; their reasons must be argued with evidence",
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
}
