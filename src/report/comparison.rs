//! The view of a comparison: every figure formatted for people and every
//! sentence about them, so the HTML page, the PDF and the terminal say the
//! same words.

use serde::Serialize;

use crate::compute::comparison::{Compared, Method, Rebase};
use crate::format::{describe_discounting, money, percent, ratio};

/// The comparison as the HTML and PDF reports show it: every figure
/// formatted for people, and the charts' data.
#[derive(Debug, Serialize)]
pub struct View {
    pub(crate) title: String,
    /// Its date, maker and colours (`date`, `generator`, `accent`, `accent_text` to templates).
    #[serde(flatten)]
    pub(crate) stamp: crate::report::Stamp,
    /// The common settings in words, with `--rebase`.
    pub(crate) rebase: Option<String>,
    pub(crate) analyses: Vec<ViewRow>,
    pub(crate) method: Vec<MethodRow>,
    pub(crate) groups: Vec<GroupRow>,
    /// What differs between the analyses' methods, one sentence each.
    pub(crate) differences: Vec<String>,
    /// What the method table's figures are.
    pub(crate) method_note: &'static str,
    /// What to say when nothing differs.
    pub(crate) same_way: &'static str,
    /// What the value-mix chart's shares are of.
    pub(crate) mix_note: &'static str,
    /// How to read the comparison, paragraph by paragraph.
    pub(crate) reading: Vec<String>,
    /// A note when the analyses are in different currencies.
    pub(crate) currencies: Option<String>,
    #[serde(skip)]
    pub(crate) ratios: Vec<crate::charts::ratios::RatioRow>,
    #[serde(skip)]
    pub(crate) mix: Vec<(String, Vec<(String, f64)>)>,
}

/// One analysis's headline figures.
#[derive(Debug, Serialize)]
pub(crate) struct ViewRow {
    pub(crate) title: String,
    pub(crate) file: String,
    pub(crate) kind: &'static str,
    pub(crate) ratio: String,
    pub(crate) range: String,
    pub(crate) present_value: String,
    pub(crate) investment: String,
    pub(crate) rebased_ratio: String,
    pub(crate) rebased_present_value: String,
    pub(crate) rebased_investment: String,
}

/// One analysis's method choices.
#[derive(Debug, Serialize)]
pub(crate) struct MethodRow {
    pub(crate) title: String,
    pub(crate) discounting: String,
    pub(crate) prices: String,
    pub(crate) deadweight: String,
    pub(crate) attribution: String,
    pub(crate) displacement: String,
    pub(crate) drop_off: String,
    pub(crate) longest: String,
    pub(crate) top_outcome: String,
}

/// Value per unit invested for one group of one analysis.
#[derive(Debug, Serialize)]
pub(crate) struct GroupRow {
    pub(crate) analysis: String,
    pub(crate) stakeholder: String,
    pub(crate) value: String,
}

/// The common settings of `--rebase`, in words.
fn describe_rebase(r: &Rebase) -> String {
    let settings = crate::model::Settings {
        discount_rate: r.discount_rate,
        discount_timing: r.timing,
        ..Default::default()
    };
    let prices =
        r.price_year.map_or_else(|| "each analysis's own prices".to_owned(), |y| format!("{y} prices"));
    format!("{}, {prices}", describe_discounting(&settings))
}

/// The 5–95% range of the ratio, or why there is none.
fn describe_range(c: &Compared) -> String {
    match (c.ratio_p5, c.ratio_p95) {
        (Some(lo), Some(hi)) => {
            format!("{} to {}", crate::format::number(lo, 2), crate::format::number(hi, 2))
        }
        _ => "no simulation".to_owned(),
    }
}

/// The comparison for the HTML and PDF reports and the terminal, with its stamp.
pub fn view(compared: &[Compared], rebase: Option<&Rebase>, stamp: crate::report::Stamp) -> View {
    let analyses = compared
        .iter()
        .map(|c| ViewRow {
            title: c.title.clone(),
            file: c.file.clone(),
            kind: c.kind.word(),
            ratio: ratio(c.sroi_ratio),
            range: describe_range(c),
            present_value: money(c.present_value, &c.currency),
            investment: money(c.investment, &c.currency),
            rebased_ratio: c.rebased_ratio.map_or_else(String::new, ratio),
            rebased_present_value: c
                .rebased_present_value
                .map_or_else(String::new, |v| money(v, &c.currency)),
            rebased_investment: c.rebased_investment.map_or_else(String::new, |v| money(v, &c.currency)),
        })
        .collect();
    let method = compared
        .iter()
        .map(|c| {
            let m = &c.method;
            MethodRow {
                title: c.title.clone(),
                discounting: m.discounting.clone(),
                prices: m.price_year.map_or_else(|| "not given".to_owned(), |y| y.to_string()),
                deadweight: percent(m.average_deadweight),
                attribution: percent(m.average_attribution),
                displacement: percent(m.average_displacement),
                drop_off: percent(m.average_drop_off),
                longest: format!("{} years", m.longest_duration),
                top_outcome: percent(m.largest_outcome_share),
            }
        })
        .collect();
    let groups = compared
        .iter()
        .flat_map(|c| {
            c.by_stakeholder.iter().map(|s| GroupRow {
                analysis: c.title.clone(),
                stakeholder: s.stakeholder.clone(),
                value: crate::format::money_exact(s.value_per_unit_invested, &c.currency),
            })
        })
        .collect();
    let mut currencies: Vec<&str> = compared.iter().map(|c| c.currency.as_str()).collect();
    currencies.sort_unstable();
    currencies.dedup();
    View {
        title: match compared.len() {
            1 => "Comparison of 1 analysis".to_owned(),
            n => format!("Comparison of {n} analyses"),
        },
        stamp,
        rebase: rebase.map(describe_rebase),
        analyses,
        method,
        groups,
        differences: differences(compared, rebase),
        method_note: "Deadweight, attribution, displacement and drop-off are means over the included outcomes; “Top outcome” is the share of present value from the largest single outcome.",
        same_way: "The analyses were made the same way on every count below, so their ratios can be read together.",
        mix_note: "Each bar splits the value an analysis creates among the groups it goes to; a group whose value is negative (a harm) is left out of the bar and shown in the table.",
        reading: vec![
            "Each analysis is computed exactly as its own report computes it. A raw SROI ratio depends on choices of method as much as on the programme: the discount rate and when in the year values fall, the year whose prices money is in, how much change would have happened anyway (deadweight), is due to others (attribution) or moves elsewhere (displacement), how fast it fades (drop-off) and for how long it is counted. Ratios made with different choices are not comparable one by one.".to_owned(),
            format!(
                "{} The 5–95% range is that of the ratios of each analysis's own Monte Carlo simulation over its stated ranges; an analysis without ranges has none.",
                match rebase {
                    Some(r) => format!("The re-based figures re-compute every analysis with the same discounting and prices ({}); the assumptions about each outcome stay each analysis's own.", describe_rebase(r)),
                    None => "Run “sroi compare --rebase” to re-compute every analysis with the same discounting and prices.".to_owned(),
                }
            ),
        ],
        currencies: (currencies.len() > 1).then(|| {
            format!(
                "The analyses are in different currencies ({}): their ratios can be read together, their money figures cannot.",
                currencies.join(", ")
            )
        }),
        ratios: compared
            .iter()
            .map(|c| crate::charts::ratios::RatioRow {
                label: c.title.clone(),
                ratio: c.sroi_ratio,
                range: c.ratio_p5.zip(c.ratio_p95),
                rebased: c.rebased_ratio,
            })
            .collect(),
        mix: compared
            .iter()
            .map(|c| {
                let groups = c.by_stakeholder.iter().map(|s| (s.stakeholder.clone(), s.value_per_unit_invested));
                (c.title.clone(), groups.collect())
            })
            .collect(),
    }
}

/// The method choices that differ between the analyses, each as a sentence
/// an evaluator can act on.
fn differences(compared: &[Compared], rebase: Option<&Rebase>) -> Vec<String> {
    let mut out = Vec::new();
    let distinct = |values: Vec<String>| {
        let mut unique = values;
        unique.sort();
        unique.dedup();
        unique
    };
    let discounting = distinct(compared.iter().map(|c| c.method.discounting.clone()).collect());
    if discounting.len() > 1 {
        let advice = match rebase {
            Some(_) => "read the re-based ratios together, not the raw ones",
            None => "compare the re-based ratios (sroi compare --rebase), not the raw ones",
        };
        out.push(format!("They discount differently ({}): {advice}.", discounting.join("; ")));
    }
    let prices = distinct(
        compared
            .iter()
            .map(|c| c.method.price_year.map_or_else(|| "not given".to_owned(), |y| y.to_string()))
            .collect(),
    );
    if prices.len() > 1 {
        // Prices move present value and investment alike: ratios are unaffected, amounts are not.
        let every_year_given = compared.iter().all(|c| c.method.price_year.is_some());
        let advice = match rebase.and_then(|r| r.price_year) {
            Some(year) => format!("the re-based amounts are all in {year} prices"),
            None if every_year_given => {
                "their ratios can be read together, their amounts only once re-based with --price-year"
                    .to_owned()
            }
            None => "their ratios can be read together, their amounts cannot".to_owned(),
        };
        out.push(format!("Their money is in different years' prices ({}): {advice}.", prices.join(", ")));
    }
    let kinds = distinct(compared.iter().map(|c| c.kind.word().to_owned()).collect());
    if kinds.len() > 1 {
        out.push(
            "Some are forecasts and some evaluations: a forecast's ratio is what is expected, not what happened."
                .to_owned(),
        );
    }
    let spread = |name: &str, value: fn(&Method) -> f64| {
        let (lo, hi) = compared
            .iter()
            .map(|c| value(&c.method))
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        // Ten percentage points or more apart is a difference that moves ratios
        // (with room for 0.3 - 0.2 falling a hair short of 0.1).
        (hi - lo >= 0.1 - 1e-9).then(|| {
            format!(
                "Average {name} ranges from {} to {}: the ratios rest on different assumptions.",
                percent(lo),
                percent(hi)
            )
        })
    };
    out.extend(spread("deadweight", |m| m.average_deadweight));
    out.extend(spread("attribution", |m| m.average_attribution));
    out.extend(spread("displacement", |m| m.average_displacement));
    out.extend(spread("drop-off", |m| m.average_drop_off));
    let (short, long) = compared
        .iter()
        .map(|c| c.method.longest_duration)
        .fold((u32::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if long > short {
        out.push(format!("Outcomes are valued for up to {short} years in one and up to {long} in another."));
    }
    for c in compared.iter().filter(|c| c.method.largest_outcome_share > 0.5) {
        out.push(format!(
            "More than half of the value of “{}” rests on one outcome ({}): its ratio is only as sure as that outcome.",
            c.title,
            percent(c.method.largest_outcome_share)
        ));
    }
    out
}
