//! The report's own words: its section headings (which are also the entries
//! of the HTML's contents list and the PDF's bookmarks), sub-headings, the
//! sentences that open sections, table captions, column headers and the
//! labels of figures, written once so that the HTML and the PDF say the same.
//!
//! A [`Report`](super::Report) carries them as [`Report::words`](super::Report::words):
//! the template reads them from the context (`report.words`), the PDF from
//! the same field. Where one renderer prints a word the other does not (the
//! PDF lists the theory of change as a table when the diagram would not fit a
//! page; the HTML labels each cell of a stacked table), the item says so.

use serde::Serialize;

/// Every word of the report that is not about one analysis's figures.
#[derive(Debug, Serialize)]
pub struct Words {
    /// What a report is: the HTML's title and the PDF's subject end with it.
    pub(crate) document: &'static str,
    /// The heading of the HTML's contents list (the PDF's bookmarks are its contents).
    pub(crate) contents: &'static str,
    /// The section headings, in the order of the report.
    pub(crate) headings: Headings,
    /// Headings within sections.
    pub(crate) subheadings: Subheadings,
    /// The sentences that open sections.
    pub(crate) intros: Intros,
    /// Other fixed sentences.
    pub(crate) sentences: Sentences,
    /// Table captions (and a chart's title).
    pub(crate) captions: Captions,
    /// Column headers.
    pub(crate) columns: Columns,
    /// Labels of single figures: the headline, the method, the simulation.
    pub(crate) labels: Labels,
    /// What a table cell says when the analysis gives nothing for it.
    pub(crate) cells: Cells,
}

/// The section headings, which the HTML's contents list repeats.
#[derive(Debug, Serialize)]
pub struct Headings {
    /// The HTML's first section; the PDF's first page shows the figures without a heading.
    pub(crate) headline: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) scope: &'static str,
    pub(crate) theory: &'static str,
    pub(crate) impact_map: &'static str,
    pub(crate) assurance: &'static str,
    pub(crate) by_stakeholder: &'static str,
    pub(crate) over_time: &'static str,
    pub(crate) waterfall: &'static str,
    pub(crate) how_sure: &'static str,
    pub(crate) quality: &'static str,
    pub(crate) checklist: &'static str,
    pub(crate) inputs: &'static str,
    pub(crate) proxies: &'static str,
    pub(crate) method: &'static str,
    pub(crate) appendix: &'static str,
}

/// Headings within sections.
#[derive(Debug, Serialize)]
pub struct Subheadings {
    pub(crate) register: &'static str,
    pub(crate) switching: &'static str,
    pub(crate) simulation: &'static str,
}

/// The sentences that open sections; the report's own sentences about an
/// analysis (the scope of the sensitivity, the checklist's summary) follow
/// some of them.
#[derive(Debug, Serialize)]
pub struct Intros {
    pub(crate) theory: &'static str,
    pub(crate) impact_map: &'static str,
    pub(crate) over_time: &'static str,
    pub(crate) waterfall: &'static str,
    /// Followed by [`UncertaintyView::scope`](super::uncertainty::UncertaintyView::scope).
    pub(crate) how_sure: &'static str,
    pub(crate) quality: &'static str,
    /// Followed by [`AssuranceView::checklist_summary`](super::assurance::AssuranceView::checklist_summary).
    pub(crate) checklist: &'static str,
    pub(crate) proxies: &'static str,
    /// The method's opening sentence, which cites the Guide by its title.
    pub(crate) method: Cited,
}

/// A sentence that cites a work by its title: `before`, the title, `after`
/// (the HTML marks the title up as a citation).
#[derive(Debug, Serialize)]
pub struct Cited {
    pub(crate) before: &'static str,
    pub(crate) title: &'static str,
    pub(crate) after: &'static str,
}

/// Other fixed sentences.
#[derive(Debug, Serialize)]
pub struct Sentences {
    /// When the quality checks find nothing.
    pub(crate) nothing_found: &'static str,
    /// When no assumption has a range (Markdown).
    pub(crate) no_simulation: &'static str,
    /// Before the source of the published figures.
    pub(crate) published: &'static str,
}

/// Table captions.
#[derive(Debug, Serialize)]
pub struct Captions {
    pub(crate) scope: &'static str,
    /// PDF only: the theory of change as a table, when its diagram is taller than a page.
    pub(crate) theory_links: &'static str,
    pub(crate) impact_map: &'static str,
    pub(crate) evidence: &'static str,
    pub(crate) value_types: &'static str,
    pub(crate) register: &'static str,
    /// The title of the chart of value by stakeholder.
    pub(crate) by_stakeholder_chart: &'static str,
    pub(crate) by_stakeholder: &'static str,
    pub(crate) over_time: &'static str,
    pub(crate) waterfall: &'static str,
    pub(crate) swings: &'static str,
    pub(crate) discount: &'static str,
    pub(crate) simulation: &'static str,
    pub(crate) benchmark: &'static str,
    pub(crate) checklist: &'static str,
    pub(crate) inputs: &'static str,
    pub(crate) outputs: &'static str,
    pub(crate) proxies: &'static str,
    pub(crate) appendix: &'static str,
}

/// Column headers, each once however many tables print it.
#[derive(Debug, Serialize)]
pub struct Columns {
    pub(crate) stakeholder: &'static str,
    pub(crate) size: &'static str,
    pub(crate) involved: &'static str,
    pub(crate) counted: &'static str,
    pub(crate) present_value: &'static str,
    pub(crate) share: &'static str,
    pub(crate) outcome: &'static str,
    /// HTML only: the PDF gives the indicator under the outcome.
    pub(crate) indicator: &'static str,
    pub(crate) quantity: &'static str,
    pub(crate) proxy_and_source: &'static str,
    pub(crate) duration: &'static str,
    /// The four adjustments: the HTML's columns, the PDF's lines of [`Columns::adjustments`].
    pub(crate) deadweight: &'static str,
    pub(crate) displacement: &'static str,
    pub(crate) attribution: &'static str,
    pub(crate) drop_off: &'static str,
    /// PDF only: the four adjustments in one column, as an A4 page is too narrow for four.
    pub(crate) adjustments: &'static str,
    pub(crate) impact: &'static str,
    pub(crate) assumption: &'static str,
    pub(crate) evidence: &'static str,
    pub(crate) value_type: &'static str,
    pub(crate) covers: &'static str,
    pub(crate) excluded: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) reason: &'static str,
    pub(crate) would_add: &'static str,
    /// HTML only: the register's share column in full; the PDF's column is
    /// too narrow for it and says [`Columns::share`].
    pub(crate) share_of_present_value: &'static str,
    pub(crate) ratio_if_included: &'static str,
    pub(crate) materiality: &'static str,
    pub(crate) year: &'static str,
    pub(crate) total: &'static str,
    pub(crate) step: &'static str,
    pub(crate) amount: &'static str,
    pub(crate) low: &'static str,
    pub(crate) high: &'static str,
    pub(crate) ratio: &'static str,
    /// HTML only: a stacked row labels each cell, and the swings' two ratios need two names.
    pub(crate) ratio_at_low: &'static str,
    pub(crate) ratio_at_high: &'static str,
    pub(crate) discount_rate: &'static str,
    pub(crate) sroi_ratio: &'static str,
    /// PDF only: the simulation's table has a header row there.
    pub(crate) figure: &'static str,
    pub(crate) this_analysis: &'static str,
    pub(crate) p10: &'static str,
    pub(crate) median: &'static str,
    pub(crate) p90: &'static str,
    pub(crate) placement: &'static str,
    pub(crate) principle: &'static str,
    pub(crate) question: &'static str,
    pub(crate) answer: &'static str,
    pub(crate) finding: &'static str,
    pub(crate) decided_by: &'static str,
    pub(crate) input: &'static str,
    pub(crate) from: &'static str,
    pub(crate) valued_as: &'static str,
    pub(crate) output: &'static str,
    pub(crate) paid_for_by: &'static str,
    pub(crate) proxy: &'static str,
    pub(crate) value: &'static str,
    pub(crate) source: &'static str,
    pub(crate) licence: &'static str,
    pub(crate) used_for: &'static str,
    pub(crate) discount_factor: &'static str,
    /// PDF only: the theory of change as a table.
    pub(crate) from_outputs: &'static str,
    pub(crate) for_whom: &'static str,
}

/// Labels of single figures.
#[derive(Debug, Serialize)]
pub struct Labels {
    pub(crate) sroi_ratio: &'static str,
    pub(crate) present_value: &'static str,
    pub(crate) investment: &'static str,
    pub(crate) net_present_value: &'static str,
    pub(crate) net_ratio: &'static str,
    pub(crate) payback: &'static str,
    pub(crate) observed: &'static str,
    pub(crate) projected: &'static str,
    pub(crate) evidence_share: &'static str,
    pub(crate) discount_rate: &'static str,
    pub(crate) timing: &'static str,
    pub(crate) prices: &'static str,
    pub(crate) currency: &'static str,
    pub(crate) horizon: &'static str,
    pub(crate) p5: &'static str,
    pub(crate) median: &'static str,
    pub(crate) p95: &'static str,
    pub(crate) mean: &'static str,
    pub(crate) below_one: &'static str,
}

/// What a cell says when the analysis gives nothing for it, and the totals rows.
#[derive(Debug, Serialize)]
pub struct Cells {
    pub(crate) not_given: &'static str,
    pub(crate) no_engagement: &'static str,
    pub(crate) none_cited: &'static str,
    pub(crate) not_linked: &'static str,
    pub(crate) total: &'static str,
    pub(crate) total_investment: &'static str,
}

/// The words of every report.
pub const WORDS: Words = Words {
    document: "Social Return on Investment report",
    contents: "Contents",
    headings: Headings {
        headline: "Headline figures",
        summary: "Summary",
        scope: "Scope and stakeholders",
        theory: "Theory of change",
        impact_map: "Impact map",
        assurance: "Evidence, value types and the materiality register",
        by_stakeholder: "Value by stakeholder",
        over_time: "Value over time",
        waterfall: "From gross value to present value",
        how_sure: "How sure are we?",
        quality: "Quality and assumptions",
        checklist: "Assurance checklist",
        inputs: "Inputs and outputs",
        proxies: "Financial proxies",
        method: "Method and assumptions",
        appendix: "Appendix: year by year",
    },
    subheadings: Subheadings {
        register: "Materiality register",
        switching: "What it would take to reach 1 : 1",
        simulation: "Simulation",
    },
    intros: Intros {
        theory: "How the investment leads to change: each input pays for outputs, which lead to outcomes for stakeholders.",
        impact_map: "Each outcome, how it is measured and valued, and the share of it the programme can claim. Percentages are deducted in turn from the gross value (quantity × proxy).",
        over_time: "The value created in each year, before discounting, by stakeholder.",
        waterfall: "What each adjustment takes away, over every year the outcomes last: what would have happened anyway (deadweight), what moved from elsewhere (displacement), what others contributed (attribution), how outcomes fade (drop-off), and discounting to today's money.",
        how_sure: "A single ratio hides how much it depends on each assumption. Here each assumption is moved on its own, all else unchanged: to the value at which the ratio would fall (or rise) to 1 : 1, and to a low and a high value (the range given in the analysis, or else 20% either way for quantities and proxies, 10 percentage points for percentages and a year for durations).",
        quality: "The analysis checked against the eight principles of social value, and its assumptions placed against those of published analyses.",
        checklist: "The questions a report assurer asks under each of the eight principles of social value, answered from the analysis file alone. Each answer names the place in the file, or the key that is missing, that decides it; an answer of met says the file holds what is asked, and the assurer still reads it.",
        proxies: "Each value used for an outcome, as written and where it comes from.",
        method: Cited {
            before: "The analysis follows ",
            title: "A Guide to Social Return on Investment",
            after: " (Cabinet Office, 2009, revised 2012) and HM Treasury's Green Book. For each outcome, the impact is the quantity times the financial proxy, less deadweight, displacement and attribution; each later year loses the drop-off; each year's value is discounted to today.",
        },
    },
    sentences: Sentences {
        nothing_found: "The checks found nothing to remark on.",
        no_simulation: "No assumption has a range of plausible values (`range:` in the file), so no simulation was run. Giving low and high values for the most uncertain assumptions adds one.",
        published: "Published figures:",
    },
    captions: Captions {
        scope: "Stakeholders: who was involved, and whose value is counted",
        theory_links: "Theory of change: each outcome, the outputs that lead to it, and who experiences it",
        impact_map: "Impact map: outcomes, indicators, proxies and adjustments",
        evidence: "Impact map: the evidence behind each assumption",
        value_types: "Present value by type of value",
        register: "What is left out of the value, what it would add, and the ratio with it included",
        by_stakeholder_chart: "Present value by stakeholder",
        by_stakeholder: "Present value by stakeholder (the numbers in the chart)",
        over_time: "Value by year and stakeholder, undiscounted (the numbers in the chart)",
        waterfall: "From gross value to present value (the numbers in the chart)",
        swings: "The largest swings (the numbers in the chart)",
        discount: "The ratio under other discount rates (timing unchanged)",
        simulation: "The simulated ratio (the numbers behind the chart)",
        benchmark: "This analysis against published analyses (the numbers in the chart, and the ratio)",
        checklist: "Assurance checklist: question, answer, finding and the place that decides it",
        inputs: "Inputs: the investment, valued and discounted",
        outputs: "Outputs: what the programme delivered",
        proxies: "Financial proxies and their sources",
        appendix: "Value, discount factor and present value of each year",
    },
    columns: Columns {
        stakeholder: "Stakeholder",
        size: "Size",
        involved: "How they were involved",
        counted: "Counted in the value?",
        present_value: "Present value",
        share: "Share",
        outcome: "Outcome",
        indicator: "Indicator",
        quantity: "Quantity",
        proxy_and_source: "Financial proxy and source",
        duration: "Duration",
        deadweight: "Deadweight",
        displacement: "Displacement",
        attribution: "Attribution",
        drop_off: "Drop-off",
        adjustments: "Adjustments",
        impact: "Impact (year 1)",
        assumption: "Assumption",
        evidence: "Evidence (source, method, sample, grade)",
        value_type: "Type",
        covers: "Covers",
        excluded: "Excluded",
        kind: "Kind",
        reason: "Reason given",
        would_add: "Value it would add",
        share_of_present_value: "Share of present value",
        ratio_if_included: "Ratio if included",
        materiality: "Materiality",
        year: "Year",
        total: "Total",
        step: "Step",
        amount: "Amount",
        low: "Low",
        high: "High",
        ratio: "Ratio",
        ratio_at_low: "Ratio at low",
        ratio_at_high: "Ratio at high",
        discount_rate: "Discount rate",
        sroi_ratio: "SROI ratio",
        figure: "Figure",
        this_analysis: "This analysis",
        p10: "10th percentile",
        median: "Median",
        p90: "90th percentile",
        placement: "Placement",
        principle: "Principle",
        question: "Question",
        answer: "Answer",
        finding: "Finding",
        decided_by: "Decided by",
        input: "Input",
        from: "From",
        valued_as: "Valued as",
        output: "Output",
        paid_for_by: "Paid for by",
        proxy: "Proxy",
        value: "Value",
        source: "Source",
        licence: "Licence",
        used_for: "Used for",
        discount_factor: "Discount factor",
        from_outputs: "From outputs",
        for_whom: "For",
    },
    labels: Labels {
        sroi_ratio: "SROI ratio",
        present_value: "Present value",
        investment: "Investment",
        net_present_value: "Net present value",
        net_ratio: "Net SROI ratio",
        payback: "Payback",
        observed: "Observed value",
        projected: "Projected value",
        evidence_share: "Value resting on evidence",
        discount_rate: "Discount rate",
        timing: "Timing",
        prices: "Prices",
        currency: "Currency",
        horizon: "Time horizon",
        p5: "5th percentile",
        median: "Median",
        p95: "95th percentile",
        mean: "Mean",
        below_one: "Chance below 1 : 1",
    },
    cells: Cells {
        not_given: "Not given",
        no_engagement: "No engagement recorded",
        none_cited: "None cited",
        not_linked: "Not linked",
        total: "Total",
        total_investment: "Total investment",
    },
};

#[cfg(test)]
mod tests {
    use super::WORDS;

    /// The built-in report template.
    const TEMPLATE: &str = include_str!("../../templates/report.html");

    /// The text of every `<TAG …>text</TAG>` of the template.
    fn texts<'a>(tag: &str) -> Vec<&'a str> {
        let close = format!("</{tag}>");
        TEMPLATE
            .split(&format!("<{tag}"))
            .skip(1)
            .filter_map(|rest| rest.split_once('>').and_then(|(_, inner)| inner.split_once(close.as_str())))
            .map(|(text, _)| text)
            .collect()
    }

    #[test]
    fn the_template_types_no_heading_caption_or_column_header_of_its_own() {
        let headers: Vec<&str> = texts("th").into_iter().filter(|t| !t.starts_with("{{ ")).collect();
        // Narrow columns keep their hyphenation hints in HTML; the words are still these.
        let columns = &WORDS.columns;
        assert_eq!(
            headers.iter().map(|h| h.replace("&shy;", "")).collect::<Vec<_>>(),
            [columns.deadweight, columns.displacement, columns.attribution]
        );
        for tag in ["h2", "h3", "caption", "dt", "a"] {
            for text in texts(tag) {
                assert!(
                    text.starts_with("{{ ") || text.starts_with("<a ") || text.contains("{% "),
                    "<{tag}> types its own words: {text:?}"
                );
            }
        }
    }
}
