//! Stage 4a, the report view model: every figure of a report formatted once,
//! for people, so that the HTML and PDF reports show the same numbers and
//! their templates stay free of logic.
//!
//! Nothing here is HTML. Narrative fields hold the user's Markdown; each
//! renderer turns it into its own form through [`crate::markdown`].

pub mod assurance;
pub mod bids;
pub mod comparison;
pub mod date;
pub mod monitor;
pub mod printed;
pub mod quality;
pub mod statement;
pub mod uncertainty;
pub mod words;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Serialize;

/// The language of a document when its analysis names none (SPEC §9).
pub const DEFAULT_LANG: &str = "en-GB";

/// What made a page: `sroi` and its version.
pub(crate) fn generator() -> String {
    format!("sroi {}", env!("CARGO_PKG_VERSION"))
}

/// What a comparison or statement page says about itself: when it was made
/// (from `SOURCE_DATE_EPOCH` when set), by what, and in the house colours.
#[derive(Debug, Serialize)]
pub struct Stamp {
    pub(crate) date: String,
    pub(crate) generator: String,
    pub(crate) accent: String,
    /// The accent darkened for text on white.
    pub(crate) accent_text: String,
    /// When the page was made, in seconds since 1970.
    #[serde(skip)]
    pub(crate) timestamp: i64,
    /// `accent_text` as a colour, for charts and the PDF.
    #[serde(skip)]
    pub(crate) ink: crate::colour::Rgb,
}

impl Stamp {
    /// A stamp for a page made at `timestamp` (seconds since 1970), which
    /// the command line reads once, from `SOURCE_DATE_EPOCH` when set.
    pub fn at(timestamp: i64) -> Stamp {
        let accent = crate::colour::DEFAULT_ACCENT;
        let ink = accent.darkened_for_contrast(crate::colour::TEXT_CONTRAST);
        Stamp {
            date: date::long(date::from_unix_seconds(timestamp)),
            generator: generator(),
            accent: accent.hex(),
            accent_text: ink.hex(),
            timestamp,
            ink,
        }
    }
}

use crate::compute::Results;
use crate::compute::waterfall::waterfall;
use crate::format::{headline, money, money_exact, number, percent, ratio};
use crate::model::{Analysis, AnalysisKind, DiscountRate, InputValue, Profile, Timing};

/// A whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The language of the text, for `lang` attributes and PDF metadata.
    pub lang: String,
    /// The analysis's title.
    pub title: String,
    /// The organisation, if given.
    pub organisation: Option<String>,
    /// "Evaluative SROI analysis" or "Forecast SROI analysis".
    pub kind: &'static str,
    /// "1 April 2025 to 31 March 2026".
    pub period: Option<String>,
    /// The date the report was made (from `SOURCE_DATE_EPOCH` when set).
    pub date: String,
    /// The same moment, in seconds since 1970 (UTC), for document metadata.
    pub timestamp: i64,
    /// "sroi 0.1.0".
    pub generator: String,
    /// ISO 4217 code.
    pub currency: String,
    /// The summary, as Markdown.
    pub summary: Option<String>,
    /// The figures a reader sees first.
    pub headline: Headline,
    /// Every stakeholder, included or not, in file order.
    pub stakeholders: Vec<StakeholderView>,
    /// The investment, in file order.
    pub inputs: Vec<InputView>,
    /// Σ of discounted inputs.
    pub inputs_total: String,
    /// What the programme does.
    pub outputs: Vec<OutputView>,
    /// The impact map, one row per outcome.
    pub outcomes: Vec<OutcomeView>,
    /// Each financial proxy used, with its provenance.
    pub proxies: Vec<ProxyView>,
    /// The year-by-year table.
    pub years: Vec<YearView>,
    /// The year table's totals.
    pub years_total: YearView,
    /// Names of included stakeholders, the columns of the value-by-year table.
    pub year_columns: Vec<String>,
    /// From gross value to present value.
    pub waterfall: Vec<Step>,
    /// How the figures were reached.
    pub method: Method,
    /// Value types, observed and projected value, evidence and the materiality register.
    pub assurance: assurance::AssuranceView,
    /// How sure the figures are.
    pub uncertainty: uncertainty::UncertaintyView,
    /// Quality findings and assumptions against published practice.
    pub quality: quality::QualityView,
    /// Colours.
    pub theme: ThemeView,
    /// The data behind the charts.
    pub charts: ChartData,
    /// The logo's text alternative: "Northfield Community Association logo".
    pub logo_alt: String,
    /// What the PDF prints of each long table, and what it says of the rest.
    pub printed: printed::Printed,
    /// The headings, captions, column headers and fixed sentences.
    pub words: &'static words::Words,
}

/// The headline figures.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    /// "4.28 : 1".
    pub ratio: String,
    /// "For every £1 invested, £4.28 of social value is created."
    pub sentence: String,
    /// Present value.
    pub present_value: String,
    /// Investment.
    pub investment: String,
    /// Net present value.
    pub net_present_value: String,
    /// Net SROI ratio.
    pub net_ratio: String,
    /// "5.7 months", or why there is none.
    pub payback: String,
    /// The share of value resting on evidence, "42%".
    pub evidence_share: String,
    /// Observed present value.
    pub observed: String,
    /// Projected present value.
    pub projected: String,
}

/// A stakeholder, in the scope section and value tables.
#[derive(Debug, Clone, Serialize)]
pub struct StakeholderView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// "120 people", if known.
    pub size: Option<String>,
    /// How it was engaged, as Markdown.
    pub engagement: Option<String>,
    /// Why it is excluded, if it is.
    pub excluded: Option<String>,
    /// Whether its value is counted: "Yes", or "No: " and why not.
    pub counted: String,
    /// Its present value, or "Excluded".
    pub present_value: String,
    /// Share of the total present value.
    pub share: String,
    /// Number of its outcomes.
    pub outcomes: usize,
}

/// One input.
#[derive(Debug, Clone, Serialize)]
pub struct InputView {
    /// Its id.
    pub id: String,
    /// What it is, as Markdown.
    pub description: String,
    /// Who contributed it.
    pub stakeholder: Option<String>,
    /// "£150,000" or "1,200 hours × £12.21".
    pub valuation: String,
    /// The amount.
    pub amount: String,
    /// "Year 0" etc.
    pub year: String,
    /// Discounted amount.
    pub present_value: String,
}

/// One output.
#[derive(Debug, Clone, Serialize)]
pub struct OutputView {
    /// Its id.
    pub id: String,
    /// What it is, as Markdown.
    pub description: String,
    /// "120 participants".
    pub quantity: Option<String>,
    /// Descriptions of the inputs it uses.
    pub inputs: Vec<String>,
}

/// One row of the impact map.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeView {
    /// Its id.
    pub id: String,
    /// What changes, as Markdown.
    pub description: String,
    /// The stakeholder's name.
    pub stakeholder: String,
    /// How it is measured.
    pub indicator: Option<String>,
    /// "38", or the schedule "24, 18, 12".
    pub quantity: String,
    /// What the quantity counts, for a library proxy that says: "one WELLBY …".
    pub unit: Option<String>,
    /// The proxy value as used, with pence.
    pub proxy_value: String,
    /// "£14,433.00 in 2014 prices re-based to £18,201.42 in 2025 prices", when re-based.
    pub rebasing: Option<String>,
    /// What the proxy measures.
    pub proxy_description: Option<String>,
    /// Where it comes from.
    pub proxy_source: Option<String>,
    /// "3 years".
    pub duration: String,
    /// "Year 1".
    pub start: String,
    /// "25%".
    pub deadweight: String,
    /// "10%".
    pub displacement: String,
    /// "30%".
    pub attribution: String,
    /// "20%", or "schedule".
    pub drop_off: String,
    /// First-year impact.
    pub impact: String,
    /// Present value, or "Excluded".
    pub present_value: String,
    /// Whether it or its stakeholder is excluded.
    pub excluded: bool,
    /// The outcome's own reason for being left out, if it has one.
    pub exclusion: Option<String>,
    /// Whether it records a harm (negative proxy).
    pub harm: bool,
    /// "Fiscal", "Economic" or "Social".
    pub value_type: &'static str,
    /// What lies behind each assumption, in the order of the input format.
    pub evidence: Vec<assurance::EvidenceView>,
}

/// A financial proxy used, and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct ProxyView {
    /// What it values.
    pub name: String,
    /// Its value as written, with its price year: "£13,000.00 (2019 prices)".
    pub value: String,
    /// Where it comes from.
    pub source: String,
    /// Its licence, for library proxies that give one.
    pub licence: Option<String>,
    /// Where its source is published (http or https only).
    pub url: Option<String>,
    /// Its id in a proxy library, when named by id.
    pub library_id: Option<String>,
    /// The outcomes valued with it.
    pub outcomes: Vec<String>,
    /// How many of `outcomes` the PDF names, and how many more there are.
    pub printed_uses: printed::Cut,
}

/// One year of value (or the totals row).
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// "Year 1", or "Total".
    pub label: String,
    /// Undiscounted value of each included stakeholder, as in [`Report::year_columns`].
    pub by_stakeholder: Vec<String>,
    /// Undiscounted value.
    pub value: String,
    /// "0.9662".
    pub discount_factor: String,
    /// Present value.
    pub present_value: String,
}

/// One step of the waterfall.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// "Less deadweight".
    pub label: &'static str,
    /// The amount, formatted ("-£120,635" for a deduction).
    pub amount: String,
    /// True for the first and last bars, which are totals rather than changes.
    pub total: bool,
}

/// How the figures were reached.
#[derive(Debug, Clone, Serialize)]
pub struct Method {
    /// "3.5% a year".
    pub discount_rate: String,
    /// Where in the year values fall, in words.
    pub timing: String,
    /// Price year, in words.
    pub price_year: String,
    /// Currency, in words.
    pub currency: String,
    /// The longest duration and the horizon, in words.
    pub horizon: String,
    /// How payback is counted, with the Guide's simple formula beside it.
    pub payback: String,
}

/// Colours for the report.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    /// The accent, as given (or the default).
    pub accent: String,
    /// The accent, darkened if needed to reach 4.5:1 on white, for text.
    pub accent_text: String,
}

/// The numbers behind the charts; each renderer draws them its own way.
#[derive(Debug, Clone, Serialize)]
pub struct ChartData {
    /// (stakeholder, present value) of included stakeholders.
    pub by_stakeholder: Vec<(String, f64)>,
    /// Years shown in the value-over-time chart.
    pub years: Vec<u32>,
    /// (stakeholder, undiscounted value each year) of included stakeholders.
    pub over_time: Vec<(String, Vec<f64>)>,
    /// (label, amount) for the waterfall: gross, then the deductions, then present value.
    pub waterfall: Vec<(&'static str, f64)>,
    /// The theory of change.
    pub theory_of_change: TheoryOfChange,
    /// The currency, for axis labels.
    pub currency: String,
    /// The tornado chart and the histogram.
    pub uncertainty: uncertainty::UncertaintyCharts,
    /// (label, value, p10, median, p90) of the percentage assumptions.
    pub benchmarks: quality::ChartRows,
}

/// Inputs → outputs → outcomes → stakeholders, as columns of labelled boxes
/// and the links between them.
#[derive(Debug, Clone, Serialize, Default)]
pub struct TheoryOfChange {
    /// Labels of the inputs.
    pub inputs: Vec<String>,
    /// Labels of the outputs.
    pub outputs: Vec<String>,
    /// Labels of the outcomes.
    pub outcomes: Vec<String>,
    /// Labels of the stakeholders with outcomes.
    pub stakeholders: Vec<String>,
    /// (input, output) index pairs.
    pub input_links: Vec<(usize, usize)>,
    /// (output, outcome) index pairs.
    pub output_links: Vec<(usize, usize)>,
    /// (outcome, stakeholder) index pairs, into `stakeholders`.
    pub outcome_links: Vec<(usize, usize)>,
    /// Why the diagram is not drawn, when a column has more than
    /// [`MAX_DIAGRAM_BOXES`] boxes: where the links are instead.
    pub undrawn: Option<String>,
}

/// Most boxes in one column of the theory of change's diagram: beyond, a
/// diagram (13 MB of SVG for 20,000 outcomes) cannot be read, and the
/// report says where the links are instead.
pub const MAX_DIAGRAM_BOXES: usize = 500;

/// Why a theory of change with these columns is not drawn, if it is not.
fn undrawn(toc: &TheoryOfChange) -> Option<String> {
    let columns = [
        (toc.inputs.len(), "inputs"),
        (toc.outputs.len(), "outputs"),
        (toc.outcomes.len(), "outcomes"),
        (toc.stakeholders.len(), "stakeholder groups"),
    ];
    let (most, what) = columns.into_iter().max_by_key(|(n, _)| *n)?;
    (most > MAX_DIAGRAM_BOXES).then(|| {
        format!(
            "This analysis has {} {what}, too many to draw as one readable diagram. The impact map lists every outcome with its stakeholder, and the workbook (`sroi report -f xlsx`) links every outcome to its outputs.",
            number(most as f64, 0)
        )
    })
}

fn plural(n: f64, one: &str, many: &str) -> String {
    let word = if n == 1.0 { one } else { many };
    let digits = if n.fract() == 0.0 { number(n, 0) } else { number(n, 2) };
    format!("{digits} {word}")
}

/// Builds the view model. `timestamp` is when the report is made, in seconds
/// since 1970, which the command line reads once, at the edge.
pub fn build(
    analysis: &Analysis,
    results: &Results,
    uncertainty: &crate::compute::Uncertainty,
    findings: &[crate::diag::Diagnostic],
    timestamp: i64,
) -> Report {
    let date = date::from_unix_seconds(timestamp);
    let (quality, benchmark_rows) =
        quality::build(analysis, results.sroi_ratio, findings, &crate::quality::benchmarks());
    let (uncertainty, uncertainty_charts) =
        uncertainty::build(analysis, results, uncertainty, results.sroi_ratio);
    let c = analysis.currency.as_str();
    let pv = results.present_value;
    let stakeholder_name = |i: usize| analysis.stakeholders[i].name.clone();

    let stakeholders = analysis
        .stakeholders
        .iter()
        .zip(&results.stakeholders)
        .enumerate()
        .map(|(i, (s, r))| StakeholderView {
            id: s.id.clone(),
            name: s.name.clone(),
            size: s.size.map(|n| plural(n, "person", "people")),
            engagement: s.engagement.clone(),
            excluded: s.excluded.clone(),
            counted: s.excluded.as_ref().map_or_else(|| "Yes".to_owned(), |reason| format!("No: {reason}")),
            present_value: if s.is_excluded() { "Excluded".into() } else { money(r.present_value, c) },
            share: if s.is_excluded() || pv == 0.0 { "–".into() } else { percent(r.present_value / pv) },
            outcomes: analysis.outcomes.iter().filter(|o| o.stakeholder == i).count(),
        })
        .collect();

    let inputs = analysis
        .inputs
        .iter()
        .zip(&results.inputs)
        .map(|(input, r)| InputView {
            id: input.id.clone(),
            description: input.description.clone().unwrap_or_else(|| input.id.clone()),
            stakeholder: input.stakeholder.map(stakeholder_name),
            valuation: match input.value {
                InputValue::Amount(amount) => money(amount, c),
                InputValue::Time { hours, rate } => {
                    format!("{} × {}", plural(hours, "hour", "hours"), money_exact(rate, c))
                }
            },
            amount: money(r.amount, c),
            year: format!("Year {}", input.year),
            present_value: money(r.present_value, c),
        })
        .collect();

    let input_label =
        |i: usize| analysis.inputs[i].description.clone().unwrap_or_else(|| analysis.inputs[i].id.clone());
    let outputs = analysis
        .outputs
        .iter()
        .map(|o| OutputView {
            id: o.id.clone(),
            description: o.description.clone().unwrap_or_else(|| o.id.clone()),
            quantity: o.quantity.map(|q| match &o.unit {
                Some(unit) => format!("{} {unit}", number(q, if q.fract() == 0.0 { 0 } else { 2 })),
                None => number(q, if q.fract() == 0.0 { 0 } else { 2 }),
            }),
            inputs: o.inputs.iter().map(|&i| input_label(i)).collect(),
        })
        .collect();

    let quantity = |q: f64| number(q, if q.fract() == 0.0 { 0 } else { 2 });
    let outcomes: Vec<OutcomeView> = analysis
        .outcomes
        .iter()
        .zip(&results.outcomes)
        .map(|(o, r)| {
            let (quantity_text, drop_off) = match &o.profile {
                Profile::Constant { quantity: q, drop_off, .. } => (quantity(*q), percent(*drop_off)),
                Profile::Schedule(qs) => {
                    (qs.iter().map(|q| quantity(*q)).collect::<Vec<_>>().join(", "), "By schedule".to_owned())
                }
            };
            let years = o.profile.years();
            OutcomeView {
                id: o.id.clone(),
                description: o.description.clone(),
                stakeholder: stakeholder_name(o.stakeholder),
                indicator: o.indicator.clone(),
                quantity: quantity_text,
                unit: o.proxy.library.as_ref().and_then(|l| l.unit.clone()),
                proxy_value: money_exact(o.proxy.value, c),
                rebasing: o.proxy.written.zip(analysis.price_year).map(|((value, year), to)| {
                    format!(
                        "{} in {year} prices, re-based to {} in {to} prices",
                        money_exact(value, c),
                        money_exact(o.proxy.value, c)
                    )
                }),
                proxy_description: o.proxy.description.clone(),
                proxy_source: o.proxy.source.clone(),
                duration: plural(f64::from(years), "year", "years"),
                start: format!("Year {}", o.start),
                deadweight: percent(o.deadweight),
                displacement: percent(o.displacement),
                attribution: percent(o.attribution),
                drop_off,
                impact: money(r.impact, c),
                present_value: if r.excluded { "Excluded".into() } else { money(r.present_value, c) },
                excluded: r.excluded,
                exclusion: o.excluded.clone(),
                harm: o.proxy.value < 0.0,
                value_type: assurance::value_type_label(o.value_type),
                evidence: assurance::outcome_evidence(o),
            }
        })
        .collect();

    let mut proxies: Vec<ProxyView> = Vec::new();
    // Where each proxy (by name, value and source) is in `proxies`.
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    for o in &analysis.outcomes {
        let p = &o.proxy;
        let (written, year) = p.written.map_or((p.value, p.price_year), |(v, y)| (v, Some(y)));
        let value = match year {
            Some(y) => format!("{} ({y} prices)", money_exact(written, c)),
            None => money_exact(written, c),
        };
        let name = p.description.clone().unwrap_or_else(|| format!("Proxy for {}", o.description));
        let source = p.source.clone().unwrap_or_else(|| "Not given".to_owned());
        let library = p.library.as_ref();
        match seen.entry((name.clone(), value.clone(), source.clone())) {
            Entry::Occupied(at) => {
                proxies[*at.get()].outcomes.push(o.description.clone());
            }
            Entry::Vacant(at) => {
                at.insert(proxies.len());
                proxies.push(ProxyView {
                    name,
                    value,
                    source,
                    licence: library.and_then(|l| l.licence.clone()),
                    url: library
                        .and_then(|l| l.url.clone())
                        .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
                    library_id: library.map(|l| l.id.clone()),
                    outcomes: vec![o.description.clone()],
                    printed_uses: printed::Cut::uses(1),
                });
            }
        }
    }
    for proxy in &mut proxies {
        proxy.printed_uses = printed::Cut::uses(proxy.outcomes.len());
    }

    let included: Vec<usize> =
        (0..analysis.stakeholders.len()).filter(|&i| !analysis.stakeholders[i].is_excluded()).collect();
    let years: Vec<YearView> = results
        .years
        .iter()
        .map(|y| YearView {
            label: format!("Year {}", y.year),
            by_stakeholder: included
                .iter()
                .map(|&i| money(results.stakeholders[i].values[(y.year - 1) as usize], c))
                .collect(),
            value: money(y.value, c),
            discount_factor: format!("{:.4}", y.discount_factor),
            present_value: money(y.present_value, c),
        })
        .collect();
    let years_total = YearView {
        label: "Total".into(),
        by_stakeholder: included
            .iter()
            .map(|&i| money(results.stakeholders[i].values.iter().sum(), c))
            .collect(),
        value: money(results.years.iter().map(|y| y.value).sum(), c),
        discount_factor: String::new(),
        present_value: money(pv, c),
    };

    let w = waterfall(analysis, results);
    let steps: Vec<(&'static str, f64)> = vec![
        ("Gross value (all years)", w.gross),
        ("Less deadweight", -w.deadweight),
        ("Less displacement", -w.displacement),
        ("Less attribution", -w.attribution),
        ("Less drop-off", -w.drop_off),
        ("Less discounting", -w.discounting),
        ("Present value", w.present_value),
    ];

    let accent = analysis.theme.accent.as_ref().map_or(crate::colour::DEFAULT_ACCENT, |a| a.value);
    let assurance_view = assurance::view(analysis, results);
    let printed = printed::printed(
        outcomes.len(),
        (uncertainty.swings.len(), quality.findings.len(), uncertainty.switching.len()),
        proxies.len(),
        included.len(),
    );
    Report {
        lang: analysis.lang.clone().unwrap_or_else(|| DEFAULT_LANG.to_owned()),
        title: analysis.title.clone(),
        organisation: analysis.organisation.clone(),
        kind: match analysis.kind {
            AnalysisKind::Evaluative => "Evaluative SROI analysis",
            AnalysisKind::Forecast => "Forecast SROI analysis",
        },
        period: analysis.period.map(|p| format!("{} to {}", date::long(p.start), date::long(p.end))),
        date: date::long(date),
        timestamp,
        generator: generator(),
        currency: analysis.currency.clone(),
        summary: analysis.summary.clone(),
        headline: Headline {
            ratio: ratio(results.sroi_ratio),
            sentence: headline(results.sroi_ratio, c, analysis.kind == crate::model::AnalysisKind::Forecast),
            present_value: money(pv, c),
            investment: money(results.investment, c),
            net_present_value: money(results.net_present_value, c),
            net_ratio: ratio(results.net_sroi_ratio),
            payback: payback(results),
            evidence_share: assurance_view.evidence_share.clone(),
            observed: assurance_view.observed.clone(),
            projected: assurance_view.projected.clone(),
        },
        stakeholders,
        inputs,
        inputs_total: money(results.investment, c),
        outputs,
        outcomes,
        proxies,
        years,
        years_total,
        year_columns: included.iter().map(|&i| stakeholder_name(i)).collect(),
        waterfall: steps
            .iter()
            .enumerate()
            .map(|(i, (label, amount))| Step {
                label,
                amount: money(*amount, c),
                total: i == 0 || i == steps.len() - 1,
            })
            .collect(),
        method: method(analysis, results),
        assurance: assurance_view,
        uncertainty,
        quality,
        theme: ThemeView {
            accent: accent.hex(),
            accent_text: accent.darkened_for_contrast(crate::colour::TEXT_CONTRAST).hex(),
        },
        charts: ChartData {
            by_stakeholder: included
                .iter()
                .map(|&i| (stakeholder_name(i), results.stakeholders[i].present_value))
                .collect(),
            years: results.years.iter().map(|y| y.year).collect(),
            over_time: included
                .iter()
                .map(|&i| (stakeholder_name(i), results.stakeholders[i].values.clone()))
                .collect(),
            waterfall: steps,
            theory_of_change: theory_of_change(analysis),
            currency: analysis.currency.clone(),
            uncertainty: uncertainty_charts,
            benchmarks: benchmark_rows,
        },
        logo_alt: match &analysis.organisation {
            Some(organisation) => format!("{organisation} logo"),
            None => "Organisation logo".to_owned(),
        },
        printed,
        words: &words::WORDS,
    }
}

/// The payback period in words (SPEC §2: the month in which the
/// cumulative present value reaches the investment), the same in every report.
pub fn payback(results: &Results) -> String {
    match results.payback_months {
        None => "Not paid back: the present value of all years is less than the investment".to_owned(),
        Some(m) if m < 0.1 => "Under 0.1 months".to_owned(),
        Some(m) => format!("{} months", number(m, 1)),
    }
}

/// The method section's sentence on payback: how it is counted, and what
/// the Guide's simple formula gives for comparison.
pub fn payback_method(results: &Results) -> String {
    let guide = match results.guide_payback_months {
        None => "gives none, as year 1 creates no value".to_owned(),
        Some(m) => format!("gives {} months", number(m, 1)),
    };
    format!(
        "Payback is the month in which the cumulative present value of the years reaches the investment; \
         none when it never does. The Guide's simple formula, the investment divided by a month of \
         year 1's value, {guide}: it assumes year 1's value goes on undiminished and undiscounted."
    )
}

fn method(analysis: &Analysis, results: &Results) -> Method {
    let discount_rate = match analysis.settings.discount_rate {
        DiscountRate::Constant(rate) => format!("{} a year", percent(rate)),
        DiscountRate::GreenBook => {
            "HM Treasury Green Book schedule: 3.5% a year for years 1 to 30, then 3.0% to year 75, declining after".into()
        }
    };
    let timing = match analysis.settings.discount_timing {
        Timing::End => {
            "Values are taken to fall at the end of each year, as the SROI Guide does: year 1 is discounted once."
        }
        Timing::Mid => {
            "Values are taken to fall half-way through each year: year 1 is discounted by half a year."
        }
        Timing::Start => "Values are taken to fall at the start of each year: year 1 is not discounted.",
    };
    let any_proxy_year = analysis.outcomes.iter().any(|o| o.proxy.price_year.is_some());
    let rebased = analysis.outcomes.iter().any(|o| o.proxy.written.is_some());
    let price_year = match analysis.price_year {
        Some(year) if rebased && analysis.indices.is_empty() => format!(
            "Figures are in {year} prices; proxies of other years are re-based with {} (HM Treasury, {}).",
            crate::deflator::gdp_deflators().describe(),
            crate::deflator::gdp_deflators().licence
        ),
        Some(year) if rebased => {
            format!(
                "Figures are in {year} prices; proxies of other years are re-based with the analysis's own price indices."
            )
        }
        Some(year) => format!("Figures are in {year} prices."),
        None if any_proxy_year => {
            "No price year is given, so proxies from different years are used as written, without re-basing."
                .into()
        }
        None => "No price years are given; proxies are used as written.".into(),
    };

    let longest = analysis.outcomes.iter().map(|o| o.profile.years()).max().unwrap_or(0);
    Method {
        discount_rate,
        timing: timing.into(),
        price_year,
        currency: format!("All money is in {}.", analysis.currency),
        horizon: format!(
            "The longest outcome lasts {}; values are counted over {}.",
            plural(f64::from(longest), "year", "years"),
            plural(results.years.len() as f64, "year", "years")
        ),
        payback: payback_method(results),
    }
}

fn theory_of_change(analysis: &Analysis) -> TheoryOfChange {
    let mut toc = TheoryOfChange {
        inputs: analysis
            .inputs
            .iter()
            .map(|i| i.description.clone().unwrap_or_else(|| i.id.clone()))
            .collect(),
        outputs: analysis
            .outputs
            .iter()
            .map(|o| o.description.clone().unwrap_or_else(|| o.id.clone()))
            .collect(),
        outcomes: analysis.outcomes.iter().map(|o| o.description.clone()).collect(),
        ..TheoryOfChange::default()
    };
    let mut stakeholder_index: Vec<Option<usize>> = vec![None; analysis.stakeholders.len()];
    for (o, outcome) in analysis.outcomes.iter().enumerate() {
        let s = *stakeholder_index[outcome.stakeholder].get_or_insert_with(|| {
            toc.stakeholders.push(analysis.stakeholders[outcome.stakeholder].name.clone());
            toc.stakeholders.len() - 1
        });
        toc.outcome_links.push((o, s));
        toc.output_links.extend(outcome.outputs.iter().map(|&p| (p, o)));
    }
    for (p, output) in analysis.outputs.iter().enumerate() {
        toc.input_links.extend(output.inputs.iter().map(|&i| (i, p)));
    }
    toc.undrawn = undrawn(&toc);
    toc
}
