//! `sroi compare`: programmes side by side, like for like.
//!
//! Raw SROI ratios of two analyses are comparable only when they were made
//! the same way. A comparison therefore shows, beside each analysis's own
//! figures, the method choices that move a ratio (discount rate and timing,
//! price year, average deadweight and attribution, durations, how much rests
//! on one outcome), and can re-compute every analysis under one set of
//! settings ([`Rebase`]) so the ratios can be read together.

use std::fmt::Write as _;

use serde::Serialize;

use crate::compute::{self, Results};
use crate::format::{money, percent, ratio};
use crate::model::{Analysis, AnalysisKind, DiscountRate, InputValue, Timing};
use crate::render::text::{Align, Table, describe_discounting};

/// The settings every analysis is re-computed under.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rebase {
    /// The discount rate; the tool's default (3.5%) when not given.
    pub discount_rate: DiscountRate,
    /// Where in each year values fall; end of year when not given.
    pub timing: Timing,
    /// The price year every money figure is moved to, with each analysis's own `indices:`.
    pub price_year: Option<i32>,
}

/// Why an analysis cannot be re-based.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RebaseError {
    /// The analysis does not say which year's prices it is in.
    #[error("cannot move the figures to {target} prices: the analysis has no `price_year:`")]
    NoPriceYear {
        /// The price year asked for.
        target: i32,
    },
    /// An index needed to move prices is missing.
    #[error("cannot move the figures from {from} to {target} prices: `indices:` has no entry for {missing}")]
    NoIndex {
        /// The analysis's price year.
        from: i32,
        /// The price year asked for.
        target: i32,
        /// The year without an index.
        missing: i32,
    },
}

/// `analysis` as if it had been written with `rebase`'s settings: the same
/// outcomes, discounted the same way as every other analysis in the comparison,
/// with every money figure in the same year's prices.
pub fn rebased(analysis: &Analysis, rebase: &Rebase) -> Result<Analysis, RebaseError> {
    let mut out = analysis.clone();
    out.settings.discount_rate = rebase.discount_rate;
    out.settings.discount_timing = rebase.timing;
    if let Some(target) = rebase.price_year {
        let from = analysis.price_year.ok_or(RebaseError::NoPriceYear { target })?;
        let index = |year: i32| {
            analysis.indices.iter().find(|(y, _)| *y == year).map(|(_, v)| *v).ok_or(RebaseError::NoIndex {
                from,
                target,
                missing: year,
            })
        };
        let factor = if from == target { 1.0 } else { index(target)? / index(from)? };
        for outcome in &mut out.outcomes {
            outcome.proxy.value *= factor;
        }
        for input in &mut out.inputs {
            match &mut input.value {
                InputValue::Amount(amount) => *amount *= factor,
                InputValue::Time { rate, .. } => *rate *= factor,
            }
        }
        out.price_year = Some(target);
    }
    Ok(out)
}

/// One analysis in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    /// The file it was read from, as given.
    pub file: String,
    /// Its title.
    pub title: String,
    /// ISO 4217 code of its money figures.
    pub currency: String,
    /// Evaluative or forecast.
    pub kind: AnalysisKind,
    /// Its own ratio, as `sroi calc` gives it.
    pub sroi_ratio: f64,
    /// Its own present value.
    pub present_value: f64,
    /// Its own discounted investment.
    pub investment: f64,
    /// 5th and 95th percentile of the ratio, when the analysis has a simulation.
    pub ratio_p5: Option<f64>,
    /// See `ratio_p5`.
    pub ratio_p95: Option<f64>,
    /// The ratio under the comparison's common settings (with `--rebase`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebased_ratio: Option<f64>,
    /// Present value under the common settings (with `--rebase`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebased_present_value: Option<f64>,
    /// Investment under the common settings (with `--rebase`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebased_investment: Option<f64>,
    /// Value per unit of currency invested, by stakeholder group.
    pub by_stakeholder: Vec<StakeholderShare>,
    /// The method choices that make raw ratios differ.
    pub method: Method,
}

/// Value per unit invested for one stakeholder group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StakeholderShare {
    /// The group's name.
    pub stakeholder: String,
    /// Its present value divided by the investment.
    pub value_per_unit_invested: f64,
}

/// The choices of method behind one analysis's ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    /// The discounting in words, e.g. `3.5%, end of year`.
    pub discounting: String,
    /// The year whose prices the figures are in.
    pub price_year: Option<i32>,
    /// Mean deadweight over the included outcomes (each outcome counts once).
    pub average_deadweight: f64,
    /// Mean attribution over the included outcomes.
    pub average_attribution: f64,
    /// Mean displacement over the included outcomes.
    pub average_displacement: f64,
    /// Mean yearly drop-off over the included outcomes with a constant quantity.
    pub average_drop_off: f64,
    /// Longest number of years any outcome is valued for.
    pub longest_duration: u32,
    /// Share of the present value from the single largest outcome.
    pub largest_outcome_share: f64,
}

/// Compares analyses (with the files they came from), re-basing each when `rebase` is given.
pub fn compare(
    analyses: &[(String, Analysis)],
    rebase: Option<&Rebase>,
) -> Result<Vec<Compared>, Vec<(String, RebaseError)>> {
    use rayon::prelude::*;
    let compared: Vec<Result<Compared, (String, RebaseError)>> = analyses
        .par_iter()
        .map(|(file, analysis)| {
            let results = compute::compute(analysis);
            // Only the simulation's 5–95% range is shown, not the sensitivity analysis.
            let simulation =
                compute::simulation::simulate(analysis, results.present_value, results.investment);
            let again = match rebase {
                Some(r) => Some(compute::compute(&rebased(analysis, r).map_err(|e| (file.clone(), e))?)),
                None => None,
            };
            Ok(Compared {
                file: file.clone(),
                title: analysis.title.clone(),
                currency: analysis.currency.clone(),
                kind: analysis.kind,
                sroi_ratio: results.sroi_ratio,
                present_value: results.present_value,
                investment: results.investment,
                ratio_p5: simulation.as_ref().map(|s| s.p5),
                ratio_p95: simulation.as_ref().map(|s| s.p95),
                rebased_ratio: again.as_ref().map(|r| r.sroi_ratio),
                rebased_present_value: again.as_ref().map(|r| r.present_value),
                rebased_investment: again.as_ref().map(|r| r.investment),
                by_stakeholder: analysis
                    .stakeholders
                    .iter()
                    .zip(&results.stakeholders)
                    .filter(|(s, _)| s.excluded.is_none())
                    .map(|(s, r)| StakeholderShare {
                        stakeholder: s.name.clone(),
                        value_per_unit_invested: r.present_value / results.investment,
                    })
                    .collect(),
                method: method(analysis, &results),
            })
        })
        .collect();
    let failures: Vec<(String, RebaseError)> =
        compared.iter().filter_map(|c| c.as_ref().err().cloned()).collect();
    if failures.is_empty() {
        Ok(compared.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(failures)
    }
}

impl RebaseError {
    /// How to fix it.
    pub fn hint(&self) -> String {
        match self {
            RebaseError::NoPriceYear { target } => format!(
                "add `price_year:` to the analysis, and under `indices:` the index of that year and of {target}"
            ),
            RebaseError::NoIndex { missing, .. } => {
                format!("add the index of {missing} under `indices:`, from the same series as the others")
            }
        }
    }
}

fn method(analysis: &Analysis, results: &Results) -> Method {
    let included: Vec<_> = analysis
        .outcomes
        .iter()
        .filter(|o| analysis.stakeholders[o.stakeholder].excluded.is_none())
        .collect();
    let mean = |values: Vec<f64>| {
        if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
    };
    let drop_offs = included
        .iter()
        .filter_map(|o| match o.profile {
            crate::model::Profile::Constant { drop_off, .. } => Some(drop_off),
            crate::model::Profile::Schedule(_) => None,
        })
        .collect();
    let largest = results.outcomes.iter().map(|o| o.present_value).fold(0.0, f64::max);
    Method {
        discounting: describe_discounting(&analysis.settings)
            .replace(" (3.5% to year 30, then declining)", ""),
        price_year: analysis.price_year,
        average_deadweight: mean(included.iter().map(|o| o.deadweight).collect()),
        average_attribution: mean(included.iter().map(|o| o.attribution).collect()),
        average_displacement: mean(included.iter().map(|o| o.displacement).collect()),
        average_drop_off: mean(drop_offs),
        longest_duration: included.iter().map(|o| o.profile.years()).max().unwrap_or(0),
        largest_outcome_share: if results.present_value > 0.0 {
            largest / results.present_value
        } else {
            0.0
        },
    }
}

#[derive(Serialize)]
struct Document<'a> {
    analyses: &'a [Compared],
    settings: Option<SettingsJson>,
}

#[derive(Serialize)]
struct SettingsJson {
    discount_rate: serde_json::Value,
    discount_timing: Timing,
    price_year: Option<i32>,
}

/// The comparison as JSON: `{"analyses": [...], "settings": {...}}`; `settings` is
/// the common settings of `--rebase`, or null.
pub fn json(compared: &[Compared], rebase: Option<&Rebase>) -> Vec<u8> {
    let settings = rebase.map(|r| SettingsJson {
        discount_rate: match r.discount_rate {
            DiscountRate::Constant(rate) => serde_json::json!(rate),
            DiscountRate::GreenBook => serde_json::json!("green-book"),
        },
        discount_timing: r.timing,
        price_year: r.price_year,
    });
    let mut bytes = serde_json::to_vec_pretty(&Document { analyses: compared, settings })
        .expect("a comparison always serialises");
    bytes.push(b'\n');
    bytes
}

/// The comparison as tables, for the terminal.
pub fn text(compared: &[Compared], rebase: Option<&Rebase>) -> String {
    let mut out = String::new();
    let mut headline = Table::new(&[
        ("Analysis", Align::Left),
        ("File", Align::Left),
        ("Kind", Align::Left),
        ("Ratio", Align::Right),
        ("5–95% range", Align::Right),
        ("Present value", Align::Right),
        ("Investment", Align::Right),
    ]);
    for c in compared {
        let range = describe_range(c);
        headline.row(vec![
            c.title.clone(),
            c.file.clone(),
            c.kind.word().to_owned(),
            ratio(c.sroi_ratio),
            range,
            money(c.present_value, &c.currency),
            money(c.investment, &c.currency),
        ]);
    }
    let _ = writeln!(out, "Each analysis as written\n");
    headline.render(&mut out);

    if let Some(r) = rebase {
        let _ = writeln!(out, "\nRe-based: {}\n", describe_rebase(r));
        let mut table = Table::new(&[
            ("Analysis", Align::Left),
            ("Ratio as written", Align::Right),
            ("Re-based ratio", Align::Right),
            ("Re-based present value", Align::Right),
            ("Re-based investment", Align::Right),
        ]);
        for c in compared {
            table.row(vec![
                c.title.clone(),
                ratio(c.sroi_ratio),
                c.rebased_ratio.map_or_else(String::new, ratio),
                c.rebased_present_value.map_or_else(String::new, |v| money(v, &c.currency)),
                c.rebased_investment.map_or_else(String::new, |v| money(v, &c.currency)),
            ]);
        }
        table.render(&mut out);
    }

    let _ = writeln!(out, "\nMethod differences that make raw ratios non-comparable\n");
    let mut method = Table::new(&[
        ("Analysis", Align::Left),
        ("Discounting", Align::Left),
        ("Prices", Align::Right),
        ("Deadweight", Align::Right),
        ("Attribution", Align::Right),
        ("Displacement", Align::Right),
        ("Drop-off", Align::Right),
        ("Longest", Align::Right),
        ("Top outcome", Align::Right),
    ]);
    for c in compared {
        let m = &c.method;
        method.row(vec![
            c.title.clone(),
            m.discounting.clone(),
            m.price_year.map_or_else(|| "not given".to_owned(), |y| y.to_string()),
            percent(m.average_deadweight),
            percent(m.average_attribution),
            percent(m.average_displacement),
            percent(m.average_drop_off),
            format!("{} yr", m.longest_duration),
            percent(m.largest_outcome_share),
        ]);
    }
    method.render(&mut out);
    let _ = writeln!(
        out,
        "  Deadweight, attribution, displacement and drop-off are means over the included outcomes;\n  \
         \"Top outcome\" is the share of present value from the largest single outcome."
    );
    let differences = differences(compared, rebase);
    if !differences.is_empty() {
        let _ = writeln!(out, "\nWhat makes them differ\n");
        for difference in differences {
            let _ = writeln!(out, "  - {difference}");
        }
    }

    let _ = writeln!(out, "\nValue per unit of currency invested, by stakeholder group\n");
    let mut groups =
        Table::new(&[("Analysis", Align::Left), ("Stakeholder", Align::Left), ("Value", Align::Right)]);
    for c in compared {
        for s in &c.by_stakeholder {
            groups.row(vec![
                c.title.clone(),
                s.stakeholder.clone(),
                crate::format::money_exact(s.value_per_unit_invested, &c.currency),
            ]);
        }
    }
    groups.render(&mut out);

    let mut currencies: Vec<&str> = compared.iter().map(|c| c.currency.as_str()).collect();
    currencies.sort_unstable();
    currencies.dedup();
    if currencies.len() > 1 {
        let _ = writeln!(
            out,
            "\nNote: the analyses are in different currencies ({}); ratios can be read together, money figures cannot.",
            currencies.join(", ")
        );
    }
    out
}

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

/// The comparison for the HTML and PDF reports, dated from `SOURCE_DATE_EPOCH` when set.
pub fn view(compared: &[Compared], rebase: Option<&Rebase>) -> View {
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
        stamp: crate::report::Stamp::now(),
        rebase: rebase.map(describe_rebase),
        analyses,
        method,
        groups,
        differences: differences(compared, rebase),
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
