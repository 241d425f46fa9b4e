//! Stage 2, validate: [`raw`](crate::load::raw) structs → [`model`](crate::model).
//!
//! Checks what the values *mean*: ranges of numbers, forms that exclude each
//! other, references between ids, and that there is an investment to divide
//! by. Every problem is collected; the model is returned only when there is no
//! error, so nothing downstream re-checks anything.

pub mod commission;
mod ids;

use crate::diag::{Diagnostic, has_errors};
use crate::load::raw::{
    RawAnalysis, RawInput, RawList, RawOutcome, RawOutput, RawProxyRef, RawRange, RawStakeholder,
};
use crate::model::{
    Analysis, AnalysisKind, Input, InputValue, Outcome, Output, Period, Profile, Proxy, Range, Settings,
    Stakeholder,
};
use crate::source::{Loc, Located};
use crate::suggest;

use ids::Ids;

/// The format version this build reads.
pub const FORMAT_VERSION: i64 = 1;
/// Longest duration, and latest start year, an outcome may have.
pub const MAX_YEARS: i64 = 50;
/// Most Monte Carlo draws.
pub const MAX_DRAWS: u32 = 10_000_000;
/// Latest year an input may be spent in.
pub const MAX_INPUT_YEAR: i64 = 50;

/// How years are counted (SPEC §2), for the hints of errors about years:
/// inputs from 0, outcomes from 1.
pub const YEARS_COUNTED: &str = "inputs count years from 0 (year 0, when the investment is made, is not \
     discounted) and outcomes from 1 (`start: 1` is the first year after it; an input of `year: 1` falls \
     in that same year)";

/// Most outcome-draws (draws × ranged outcomes) one simulation makes: about
/// a few seconds (2e10 took eleven minutes on this machine).
pub const MAX_SIMULATION_WORK: u64 = 100_000_000;

/// Longest summary, in characters: about 15,000 words, thirty pages.
pub const MAX_SUMMARY_CHARS: usize = 100_000;

/// Smallest total investment (0.01 of the currency, a penny): a ratio over
/// less is not a figure anyone could publish, and over 5e-324 it is infinite.
const MIN_INVESTMENT: f64 = 0.01;

/// A number as people write it: at most six decimals, no trailing zeros
/// (`100.49999999999999` → `100.5`).
fn show(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

/// Validates `raw`, adding every problem to `diagnostics`. Returns the model
/// when there is no error. `library` holds the proxies outcomes may name by
/// id, first match winning.
pub fn validate(
    raw: RawAnalysis,
    library: &[crate::library::LibraryProxy],
    library_complete: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Analysis> {
    let errors_before = diagnostics.len();
    let currency = raw.currency.as_ref().map_or_else(|| "GBP".to_owned(), |c| c.value.clone());
    let mut v = Validator { diagnostics, prices: Prices::default(), library, currency, library_complete };
    let analysis = v.analysis(raw);
    let new_errors = has_errors(&v.diagnostics[errors_before..]);
    if new_errors { None } else { analysis }
}

struct Validator<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    prices: Prices,
    /// Proxies outcomes may name by id: the analysis's own, its files', then sroi's.
    library: &'d [crate::library::LibraryProxy],
    /// The analysis's currency.
    currency: String,
    /// False when a proxy file could not be read, so an unknown id may be its consequence.
    library_complete: bool,
}

/// What re-basing proxies needs: the analysis's price year and the indices.
#[derive(Default)]
struct Prices {
    /// The analysis's price year, and where it is written.
    year: Option<Located<i32>>,
    /// Index by year.
    indices: std::collections::BTreeMap<i32, f64>,
    /// Whether the missing index of the analysis's own year was reported.
    reported_own_year: bool,
    /// Price years of proxies left as written because the analysis has none.
    unbased: Vec<(i32, Loc)>,
    /// False when some index could not be read, so a missing year may be its consequence.
    complete: bool,
    /// True when the indices are sroi's shipped GDP deflators, not the file's own.
    shipped: bool,
}

impl Validator<'_> {
    fn error(&mut self, code: &'static str, loc: Loc, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(code, message).at(loc).hint(hint));
    }

    fn analysis(&mut self, raw: RawAnalysis) -> Option<Analysis> {
        if let Some(version) = &raw.sroi
            && version.value != FORMAT_VERSION
        {
            self.error(
                "unsupported-version",
                version.loc,
                format!("format version {} is not supported", version.value),
                format!("this sroi reads format version {FORMAT_VERSION}: write `sroi: {FORMAT_VERSION}`"),
            );
        }
        let title = raw.title.as_ref().map(|t| t.value.trim().to_owned());
        if let (Some(t), Some(loc)) = (&title, raw.title.as_ref().map(|t| t.loc))
            && t.is_empty()
        {
            self.error(
                "empty-title",
                loc,
                "the title is empty",
                "give the analysis the name readers will know it by",
            );
        }
        let currency = raw.currency.as_ref().map_or_else(|| "GBP".to_owned(), |c| c.value.clone());
        if let Some(c) = &raw.currency
            && !crate::currency::is_known(&c.value)
        {
            let upper = c.value.trim().to_ascii_uppercase();
            let hint = if crate::currency::is_known(&upper) {
                format!("currency codes are written in capitals: `{upper}`")
            } else {
                suggest::did_you_mean(&upper, crate::currency::CODES.iter().copied())
                    .map(|d| format!("{d} Codes are ISO 4217, such as `GBP`, `EUR` or `USD`"))
                    .unwrap_or_else(|| "use an ISO 4217 code, such as `GBP`, `EUR` or `USD`".to_owned())
            };
            self.error(
                "bad-currency",
                c.loc,
                format!("`{}` is not an ISO 4217 currency code", c.value),
                hint,
            );
        }
        let price_year = raw.price_year.as_ref().and_then(|y| self.year(y, "price year"));
        self.prices.year = price_year.zip(raw.price_year.as_ref()).map(|(y, l)| Located::new(y, l.loc));
        let mut indices = Vec::new();
        self.prices.complete = raw.indices_complete;
        for (year, index) in &raw.indices {
            if let Some(y) = self.year(year, "year of a price index") {
                self.prices.indices.insert(y, index.value);
                indices.push((y, index.value));
            }
        }
        // Without `indices:`, HM Treasury's GDP deflators (SPEC §2); the
        // file's own series replaces them whole.
        self.prices.shipped = raw.indices.is_empty();
        if self.prices.shipped {
            self.prices.indices = crate::deflator::gdp_deflators().index.clone();
        }
        let period = raw.period.as_ref().and_then(|p| {
            let (start, end) = (p.start.as_ref()?, p.end.as_ref()?);
            if end.value < start.value {
                self.error(
                    "bad-period",
                    end.loc,
                    format!("the period ends ({}) before it starts ({})", end.value, start.value),
                    "swap `start` and `end`",
                );
            }
            Some(Period { start: start.value, end: end.value })
        });
        let mut settings = Settings {
            discount_rate: raw.settings.discount_rate.as_ref().map_or(
                Settings::default().discount_rate,
                |r| {
                    if let crate::model::DiscountRate::Constant(rate) = r.value {
                        self.percentage_in_range(&Located::new(rate, r.loc), "the discount rate");
                    }
                    r.value
                },
            ),
            discount_timing: raw
                .settings
                .discount_timing
                .as_ref()
                .map_or(Settings::default().discount_timing, |t| t.value),
            simulation: self.simulation(&raw.settings),
            materiality: raw.settings.materiality.as_ref().map_or(Settings::default().materiality, |m| {
                self.percentage_in_range(m, "the materiality threshold");
                m.value
            }),
        };

        let stakeholder_ids =
            Ids::register("stakeholder", &raw.stakeholders, |s| s.id.as_ref(), self.diagnostics);
        let input_ids = Ids::register("input", &raw.inputs, |i| i.id.as_ref(), self.diagnostics);
        let output_ids = Ids::register("output", &raw.outputs, |o| o.id.as_ref(), self.diagnostics);
        // Outcome ids are only checked for spelling and uniqueness; nothing refers to them yet.
        let _ = Ids::register("outcome", &raw.outcomes, |o| o.id.as_ref(), self.diagnostics);

        let stakeholders: Vec<_> = raw.stakeholders.items.iter().map(|s| self.stakeholder(s)).collect();
        let inputs: Vec<_> = raw.inputs.items.iter().map(|i| self.input(i, &stakeholder_ids)).collect();
        let outputs: Vec<_> = raw.outputs.items.iter().map(|o| self.output(o, &input_ids)).collect();
        let outcomes: Vec<_> =
            raw.outcomes.items.iter().map(|o| self.outcome(o, &stakeholder_ids, &output_ids)).collect();

        // Without a readable document or inputs list, these would only repeat an error already given.
        if raw.is_mapping && raw.inputs.complete {
            self.investment(&raw.inputs, &inputs);
        }
        settings.simulation.draws =
            self.simulation_budget(&raw.settings, settings.simulation.draws, &outcomes);
        self.warn_unbased(Loc::START);
        if raw.is_mapping && raw.outcomes.complete && raw.outcomes.items.is_empty() {
            self.diagnostics.push(
                Diagnostic::warning("no-outcomes", "the analysis has no outcomes, so its value is zero")
                    .at(raw.outcomes.loc)
                    .hint(
                        "list what changes for stakeholders under `outcomes:`; `sroi init` writes an example",
                    ),
            );
        }

        Some(Analysis {
            title: title?,
            organisation: raw.organisation.map(|o| o.value),
            area: raw.area.map(|a| a.value),
            lang: raw.lang.map(|a| a.value),
            kind: raw.kind.map_or(AnalysisKind::Evaluative, |k| k.value),
            period,
            currency,
            price_year,
            indices,
            summary: raw.summary.and_then(|s| self.summary(s)),
            settings,
            stakeholders: stakeholders.into_iter().collect::<Option<_>>()?,
            inputs: inputs.into_iter().collect::<Option<_>>()?,
            outputs: outputs.into_iter().collect::<Option<_>>()?,
            outcomes: outcomes.into_iter().collect::<Option<_>>()?,
            theme: self.theme(raw.theme),
        })
    }

    /// `draws` from 0 (off) to ten million; a seed of zero or more.
    fn simulation(&mut self, raw: &crate::load::raw::RawSettings) -> crate::model::SimulationSettings {
        let defaults = crate::model::SimulationSettings::default();
        let draws = raw.draws.as_ref().map_or(defaults.draws, |d| {
            u32::try_from(d.value).ok().filter(|n| *n <= MAX_DRAWS).unwrap_or_else(|| {
                self.error(
                    "out-of-range",
                    d.loc,
                    format!("`draws` must be between 0 and {MAX_DRAWS} (found {})", d.value),
                    "10000 draws give percentiles to about two decimal places; 0 turns the simulation off",
                );
                defaults.draws
            })
        });
        let seed = raw.seed.as_ref().map_or(defaults.seed, |s| {
            u64::try_from(s.value).unwrap_or_else(|_| {
                self.error(
                    "out-of-range",
                    s.loc,
                    format!("`seed` must be zero or more (found {})", s.value),
                    "any whole number of zero or more will do",
                );
                defaults.seed
            })
        });
        crate::model::SimulationSettings { draws, seed }
    }

    /// The simulation's work, draws × ranged outcomes, within
    /// [`MAX_SIMULATION_WORK`]: ten million draws over 2,000 ranged outcomes
    /// ran `calc` for eleven minutes. Draws written in the file that exceed
    /// it are an error; the default 10,000 is lowered to fit, with a warning.
    /// Returns the draws to make.
    fn simulation_budget(
        &mut self,
        raw: &crate::load::raw::RawSettings,
        draws: u32,
        outcomes: &[Option<Outcome>],
    ) -> u32 {
        let ranged = outcomes.iter().flatten().filter(|o| !o.ranges.is_empty()).count() as u64;
        let work = u64::from(draws) * ranged;
        if work <= MAX_SIMULATION_WORK {
            return draws;
        }
        let most = u32::try_from(MAX_SIMULATION_WORK / ranged.max(1)).unwrap_or(u32::MAX);
        let message = format!(
            "the simulation would value {ranged} ranged outcomes {draws} times ({work} outcome-draws); at most {MAX_SIMULATION_WORK} are made"
        );
        match &raw.draws {
            Some(written) => {
                self.error(
                    "simulation-too-large",
                    written.loc,
                    message,
                    format!(
                        "set `draws:` under `settings: simulation:` to at most {most}; 10000 draws give percentiles to about two decimal places"
                    ),
                );
                draws
            }
            None => {
                self.diagnostics.push(
                    Diagnostic::warning("simulation-too-large", format!("{message}, so {most} draws are made"))
                        .at(Loc::START)
                        .hint(format!(
                            "set `draws:` under `settings: simulation:` to at most {most} to say so, or to 0 to turn the simulation off"
                        )),
                );
                most
            }
        }
    }

    /// The summary, at most [`MAX_SUMMARY_CHARS`] long: a 10 MB summary took
    /// 935 MB to make the HTML and 2.8 GB for the PDF.
    fn summary(&mut self, summary: Located<String>) -> Option<String> {
        let chars = summary.value.chars().count();
        if chars > MAX_SUMMARY_CHARS {
            self.error(
                "summary-too-long",
                summary.loc,
                format!("the summary is {chars} characters long; a summary may be at most {MAX_SUMMARY_CHARS}"),
                "a summary is read in two minutes: keep the findings here and publish the full text elsewhere, with a link",
            );
            return None;
        }
        Some(summary.value)
    }

    /// At least one input, and a total above zero: the ratio divides by it.
    fn investment(&mut self, raw: &RawList<RawInput>, inputs: &[Option<Input>]) {
        if raw.items.is_empty() {
            self.error(
                "no-inputs",
                raw.loc,
                "the analysis has no inputs",
                "list what was invested under `inputs:`, such as `- { id: grant, description: Grant, amount: 50000 }`; the SROI ratio divides by it",
            );
        } else if inputs.iter().all(Option::is_some) {
            let total: f64 = inputs.iter().flatten().map(Input::amount).sum();
            if total <= 0.0 {
                self.error(
                    "zero-investment",
                    raw.loc,
                    "the total investment is zero",
                    "the SROI ratio divides value by investment, so it needs an investment above zero; value volunteer time with `hours` and `rate`",
                );
            } else if total < MIN_INVESTMENT {
                // 5e-324 is above zero, but a ratio over it is infinite.
                self.error(
                    "tiny-investment",
                    raw.loc,
                    format!("the total investment is {total:e}, less than 0.01 of the currency"),
                    "give the amounts in whole units of the currency (pounds, not millions of pounds); the SROI ratio divides by the investment",
                );
            }
        }
    }

    /// SPEC §2: a proxy of another price year than the analysis is re-based,
    /// `value × index[analysis year] / index[proxy year]`, before anything
    /// else. Where either year is missing, the value is used as written and a
    /// warning says so. Returns the value to use and, if re-based, the value
    /// as written with its year.
    fn rebase(
        &mut self,
        value: f64,
        year: Option<Located<i32>>,
        whole: Loc,
    ) -> Option<(f64, Option<(f64, i32)>)> {
        let own = self.prices.year.clone();
        let written = year.clone();
        let year = year.map(|y| y.value);
        match (own, year, written.as_ref()) {
            (Some(own), Some(year), Some(written)) if own.value != year => {
                let from = self.prices.indices.get(&year).copied();
                let to = self.prices.indices.get(&own.value).copied();
                if !self.prices.complete {
                    // An unreadable index has been reported; its year being missing follows from it.
                    return Some((crate::compute::prices::rebase(value, from?, to?), Some((value, year))));
                }
                let shipped = self.prices.shipped.then(|| {
                    let series = crate::deflator::gdp_deflators();
                    let (first, last) = series.span();
                    format!(
                        "sroi's {} ({}) cover {first}–{last}; for other years give the whole series under `indices:`, which replaces them",
                        series.name, series.edition
                    )
                });
                if to.is_none() && !self.prices.reported_own_year {
                    self.prices.reported_own_year = true;
                    let hint = shipped.clone().unwrap_or_else(|| format!("give the index of each year, from one published series (for UK values, HM Treasury's GDP deflators): `indices: {{ {year}: …, {}: … }}`", own.value));
                    self.error(
                        "missing-index",
                        own.loc,
                        format!("there is no price index for {}, the analysis's price year", own.value),
                        hint,
                    );
                }
                if from.is_none() {
                    let hint = shipped.unwrap_or_else(|| format!("add `{year}: …` under `indices:`, from the same series as the analysis's year (HM Treasury's GDP deflators, for UK values)"));
                    self.error(
                        "missing-index",
                        written.loc,
                        format!("there is no price index for {year}, so this proxy cannot be re-based to {} prices", own.value),
                        hint,
                    );
                }
                Some((crate::compute::prices::rebase(value, from?, to?), Some((value, year))))
            }
            (Some(own), None, _) => {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "proxy-without-price-year",
                        format!(
                            "this proxy has no price year, so it is used as written, as if in {} prices",
                            own.value
                        ),
                    )
                    .at(whole)
                    .hint("add `price_year:` to the proxy, the year of the prices its value is in"),
                );
                Some((value, None))
            }
            (None, Some(year), Some(written)) => {
                self.prices.unbased.push((year, written.loc));
                Some((value, None))
            }
            _ => Some((value, None)),
        }
    }

    /// Proxies of several price years with no analysis price year: nothing is re-based.
    fn warn_unbased(&mut self, analysis_loc: Loc) {
        let mut years: Vec<i32> = self.prices.unbased.iter().map(|(y, _)| *y).collect();
        years.sort_unstable();
        years.dedup();
        if years.is_empty() {
            return;
        }
        let list: Vec<String> = years.iter().map(i32::to_string).collect();
        self.diagnostics.push(
            Diagnostic::warning(
                "no-price-year",
                format!(
                    "proxies are in {} prices, but the analysis has no price year, so none is re-based",
                    list.join(" and ")
                ),
            )
            .at(self.prices.unbased.first().map_or(analysis_loc, |(_, loc)| *loc))
            .hint({
                let latest = years.last().copied().unwrap_or_default();
                let (first, last) = crate::deflator::gdp_deflators().span();
                if (first..=last).contains(&latest) {
                    format!("add `price_year: {latest}` to the analysis: sroi re-bases the others with HM Treasury's GDP deflators ({first}–{last}), or with the series you give under `indices:`")
                } else {
                    format!("add `price_year:` to the analysis; sroi's GDP deflators cover {first}–{last}, so for {latest} prices give the whole series under `indices:`")
                }
            })
            .principle(crate::diag::Principle::BeTransparent),
        );
    }

    /// `proxy: wellby`: the library proxy of that id, its provenance kept.
    fn library_proxy(&mut self, id: &Located<String>) -> Option<Proxy> {
        let Some(entry) = self.library.iter().find(|l| l.id == id.value).cloned() else {
            if !self.library_complete {
                // A proxy file could not be read (reported): the id may well be in it.
                return None;
            }
            let known: Vec<&str> = self.library.iter().map(|l| l.id.as_str()).collect();
            let hint = suggest::did_you_mean(&id.value, known.iter().copied())
                .unwrap_or_else(|| "see the proxies with `sroi proxies list`, or write the proxy out as `proxy: { value: …, source: … }`".to_owned());
            self.error("unknown-proxy", id.loc, format!("there is no proxy `{}`", id.value), hint);
            return None;
        };
        // An analysis's own proxies (no file) are in its currency unless they say otherwise.
        let currency = match (&entry.currency, &entry.file) {
            (Some(c), _) => c.clone(),
            (None, None) => self.currency.clone(),
            (None, Some(_)) => "GBP".to_owned(),
        };
        if currency != self.currency {
            self.error(
                "proxy-currency",
                id.loc,
                format!("the proxy `{}` is in {currency}, but the analysis is in {}", entry.id, self.currency),
                "use a proxy in the analysis's currency, or convert it and write it out as `proxy: { value: …, source: … }`",
            );
            return None;
        }
        let (value, written) =
            self.rebase(entry.value, entry.price_year.map(|y| Located::new(y, id.loc)), id.loc)?;
        let description = match &entry.unit {
            Some(unit) => format!("{} ({unit})", entry.name),
            None => entry.name.clone(),
        };
        Some(Proxy {
            value,
            written,
            description: Some(description),
            source: Some(entry.source.clone()),
            price_year: entry.price_year,
            library: Some(crate::model::LibraryRef {
                id: entry.id,
                url: entry.url,
                licence: entry.licence,
                unit: entry.unit,
            }),
        })
    }

    /// A pale accent still works: reports darken it for text, and say so here.
    fn theme(&mut self, raw: crate::load::raw::RawTheme) -> crate::model::Theme {
        use crate::colour::{Rgb, TEXT_CONTRAST};
        if let Some(accent) = &raw.accent {
            let contrast = accent.value.contrast(Rgb::PANEL);
            if contrast < TEXT_CONTRAST {
                let darker = accent.value.darkened_for_contrast(TEXT_CONTRAST);
                self.diagnostics.push(
                    Diagnostic::warning(
                        "low-contrast-accent",
                        format!("the accent colour has a contrast of {contrast:.1}:1 with the report's light backgrounds, below the 4.5:1 that WCAG 2.1 AA asks of text"),
                    )
                    .at(accent.loc)
                    .hint(format!("reports use {} instead for text and charts; choose a darker colour to control it", darker.hex())),
                );
            }
        }
        crate::model::Theme { logo: raw.logo, accent: raw.accent }
    }

    fn year(&mut self, year: &Located<i64>, what: &str) -> Option<i32> {
        if (1800..=2200).contains(&year.value) {
            i32::try_from(year.value).ok()
        } else {
            self.error(
                "bad-year",
                year.loc,
                format!("`{}` is not a plausible {what}", year.value),
                "write a calendar year such as `2025`",
            );
            None
        }
    }

    fn not_negative(&mut self, value: &Located<f64>, what: &str) -> Option<f64> {
        if value.value < 0.0 {
            // Only a quantity of outcome could be meant as a harm.
            let hint = if what.contains("quantity") {
                "give zero or more; a harm is recorded with a negative proxy value instead"
            } else {
                "give zero or more"
            };
            self.error(
                "negative",
                value.loc,
                format!("{what} cannot be negative (found {})", show(value.value)),
                hint,
            );
            return None;
        }
        Some(value.value)
    }

    fn percentage_in_range(&mut self, value: &Located<f64>, what: &str) -> Option<f64> {
        if !(0.0..=1.0).contains(&value.value) {
            self.error(
                "percentage-out-of-range",
                value.loc,
                format!("{what} must lie between 0% and 100% (found {}%)", show(value.value * 100.0)),
                "percentages are written `25%` or `0.25`",
            );
            return None;
        }
        Some(value.value)
    }

    /// A whole number of years in `min..=max`; `convention`, when given, says
    /// how that kind of year is counted, in the hint of the error.
    fn years(
        &mut self,
        value: &Located<i64>,
        what: &str,
        (min, max): (i64, i64),
        convention: Option<&str>,
    ) -> Option<u32> {
        if (min..=max).contains(&value.value) {
            u32::try_from(value.value).ok()
        } else {
            let mut hint = format!("{what} is a whole number of years from {min} to {max}");
            if let Some(convention) = convention {
                hint = format!("{hint}; {convention}");
            }
            self.error(
                "out-of-range",
                value.loc,
                format!("{what} must be between {min} and {max} (found {})", value.value),
                hint,
            );
            None
        }
    }

    fn stakeholder(&mut self, raw: &RawStakeholder) -> Option<Stakeholder> {
        let size = match &raw.size {
            Some(size) => Some(self.not_negative(size, "a stakeholder's size")?),
            None => None,
        };
        let excluded = raw.excluded.as_ref().map(|e| e.value.trim().to_owned()).filter(|e| !e.is_empty());
        Some(Stakeholder {
            id: raw.id.as_ref()?.value.clone(),
            name: raw.name.as_ref()?.value.clone(),
            size,
            engagement: raw.engagement.as_ref().map(|e| e.value.clone()),
            excluded,
            loc: raw.loc,
        })
    }

    fn input(&mut self, raw: &RawInput, stakeholders: &Ids) -> Option<Input> {
        // Every part is checked before any failure stops the input, so all its problems show at once.
        let stakeholder = raw.stakeholder.as_ref().map(|s| stakeholders.resolve(s, self.diagnostics));
        let value = self.input_value(raw);
        let year = match &raw.year {
            Some(year) => self.years(year, "an input's year", (0, MAX_INPUT_YEAR), Some(YEARS_COUNTED)),
            None => Some(0),
        };
        Some(Input {
            id: raw.id.as_ref()?.value.clone(),
            stakeholder: stakeholder.map_or(Some(None), |s| s.map(Some))?,
            description: raw.description.as_ref().map(|d| d.value.clone()),
            value: value?,
            year: year?,
            loc: raw.loc,
        })
    }

    /// `amount`, or `hours` and `rate`.
    fn input_value(&mut self, raw: &RawInput) -> Option<InputValue> {
        match (&raw.amount, &raw.hours, &raw.rate) {
            (Some(amount), None, None) => Some(InputValue::Amount(self.not_negative(amount, "an amount")?)),
            (None, Some(hours), Some(rate)) => {
                let hours = self.not_negative(hours, "hours");
                let rate = self.not_negative(rate, "a rate");
                Some(InputValue::Time { hours: hours?, rate: rate? })
            }
            (Some(amount), _, _) => {
                self.error(
                    "input-both-forms",
                    amount.loc,
                    "an input has either `amount` or `hours` and `rate`, not both",
                    "keep `amount` for money, or `hours` and `rate` for time given in kind",
                );
                None
            }
            // A value that was given but unreadable has been reported already.
            _ if raw.invalid.iter().any(|k| ["amount", "hours", "rate"].contains(k)) => None,
            (None, None, None) => {
                self.error(
                    "input-no-value",
                    raw.loc,
                    "an input needs `amount`, or `hours` and `rate`",
                    "add `amount: 50000` for money, or `hours: 1200` and `rate: 12.21` for volunteer time",
                );
                None
            }
            (None, hours, _) => {
                let (present, missing) = if hours.is_some() { ("hours", "rate") } else { ("rate", "hours") };
                self.error(
                    "input-half-time",
                    raw.loc,
                    format!("an input with `{present}` also needs `{missing}`"),
                    "time given in kind is valued as `hours` × `rate`",
                );
                None
            }
        }
    }

    fn output(&mut self, raw: &RawOutput, inputs: &Ids) -> Option<Output> {
        let links = inputs.resolve_all(raw.inputs.as_ref(), self.diagnostics);
        let quantity = match &raw.quantity {
            Some(q) => Some(self.not_negative(q, "a quantity")?),
            None => None,
        };
        if raw.inputs.as_ref().is_some_and(|l| l.value.len() != links.len()) {
            return None;
        }
        Some(Output {
            id: raw.id.as_ref()?.value.clone(),
            description: raw.description.as_ref().map(|d| d.value.clone()),
            quantity,
            unit: raw.unit.as_ref().map(|u| u.value.clone()),
            inputs: links,
            loc: raw.loc,
        })
    }

    fn outcome(&mut self, raw: &RawOutcome, stakeholders: &Ids, outputs: &Ids) -> Option<Outcome> {
        let stakeholder = raw.stakeholder.as_ref().and_then(|s| stakeholders.resolve(s, self.diagnostics));
        let output_links = outputs.resolve_all(raw.outputs.as_ref(), self.diagnostics);
        let links_ok = raw.outputs.as_ref().is_none_or(|l| l.value.len() == output_links.len());
        let profile = self.profile(raw);
        let start = match &raw.start {
            Some(start) => self.years(start, "`start`", (1, MAX_YEARS), Some(YEARS_COUNTED)),
            None => Some(1),
        };
        let mut percentage = |p: &Option<Located<f64>>, what: &str| match p {
            Some(p) => self.percentage_in_range(p, what),
            None => Some(0.0),
        };
        let deadweight = percentage(&raw.deadweight, "deadweight");
        let displacement = percentage(&raw.displacement, "displacement");
        let attribution = percentage(&raw.attribution, "attribution");
        let proxy = match raw.proxy.as_ref() {
            Some(RawProxyRef::Inline(p)) => (|| {
                let price_year = match &p.price_year {
                    Some(y) => Some(Located::new(self.year(y, "price year")?, y.loc)),
                    None => None,
                };
                let (value, written) = self.rebase(p.value.as_ref()?.value, price_year.clone(), p.loc)?;
                Some(Proxy {
                    value,
                    written,
                    description: p.description.as_ref().map(|d| d.value.clone()),
                    source: p.source.as_ref().map(|s| s.value.clone()),
                    price_year: price_year.map(|y| y.value),
                    library: None,
                })
            })(),
            Some(RawProxyRef::Id(id)) => self.library_proxy(id),
            None => None,
        };
        // Check every range before giving up, so all their problems are reported.
        let ranges: Vec<Option<Range>> = raw.range.iter().map(|r| self.range(r, raw)).collect();
        // A re-based proxy's range is in the prices it was written in: re-base it too.
        let factor = proxy
            .as_ref()
            .and_then(|p| p.written)
            .map_or(1.0, |(v, _)| if v == 0.0 { 1.0 } else { proxy.as_ref().map_or(v, |p| p.value) / v });
        let ranges: Vec<Option<Range>> = ranges
            .into_iter()
            .map(|r| {
                r.map(|r| match r.assumption {
                    crate::model::Assumption::Proxy => {
                        Range { low: r.low * factor, high: r.high * factor, ..r }
                    }
                    _ => r,
                })
            })
            .collect();
        let outcome = Outcome {
            id: raw.id.as_ref()?.value.clone(),
            stakeholder: stakeholder?,
            outputs: output_links,
            description: raw.description.as_ref()?.value.clone(),
            indicator: raw.indicator.as_ref().map(|i| i.value.clone()),
            proxy: proxy?,
            profile: profile?,
            start: start?,
            deadweight: deadweight?,
            displacement: displacement?,
            attribution: attribution?,
            ranges: ranges.into_iter().collect::<Option<Vec<_>>>()?,
            themes: raw.themes.as_ref().map(|t| theme_names(&t.value)).unwrap_or_default(),
            excluded: raw.excluded.as_ref().map(|e| e.value.trim().to_owned()).filter(|e| !e.is_empty()),
            value_type: raw.value_type.as_ref().map_or(crate::model::ValueType::Social, |v| v.value),
            evidence: self.evidence(raw)?,
            loc: raw.loc,
        };
        links_ok.then_some(outcome)
    }

    /// The outcome's `evidence:`, each entry with a source; a sample is a
    /// count, so not negative.
    fn evidence(&mut self, raw: &RawOutcome) -> Option<Vec<crate::model::Evidence>> {
        let mut out = Vec::new();
        let mut ok = true;
        for e in &raw.evidence {
            if let Some(sample) = &e.sample
                && !(sample.value.is_finite() && sample.value >= 0.0)
            {
                ok = false;
                self.error(
                    "bad-sample",
                    sample.loc,
                    "a sample is the number of respondents or records behind a figure, so it is not negative",
                    "write how many people answered or records were counted, such as `sample: 84`",
                );
            }
            let Some(source) = &e.source else {
                ok = false;
                continue;
            };
            out.push(crate::model::Evidence {
                what: e.what.value,
                source: source.value.clone(),
                method: e.method.as_ref().map(|m| m.value),
                sample: e.sample.as_ref().map(|s| s.value),
                grade: e.grade.as_ref().map(|g| g.value),
            });
        }
        ok.then_some(out)
    }

    /// `quantity`/`duration`/`drop_off`, or `schedule`, never both.
    fn profile(&mut self, raw: &RawOutcome) -> Option<Profile> {
        if let Some(schedule) = &raw.schedule {
            let clashing = [
                ("quantity", raw.quantity.as_ref().map(|q| q.loc)),
                ("duration", raw.duration.as_ref().map(|d| d.loc)),
                ("drop_off", raw.drop_off.as_ref().map(|d| d.loc)),
            ];
            let mut ok = true;
            for (key, loc) in clashing {
                if let Some(loc) = loc {
                    ok = false;
                    self.error(
                        "schedule-and-constant",
                        loc,
                        format!("an outcome with a `schedule` cannot also have `{key}`"),
                        format!("the schedule gives the quantity for each year; remove `{key}`, or remove `schedule`"),
                    );
                }
            }
            if schedule.value.is_empty() {
                self.error(
                    "empty-schedule",
                    schedule.loc,
                    "the schedule is empty",
                    "give a quantity for each year, such as `[38, 30, 20]`",
                );
                return None;
            }
            if schedule.value.len() > MAX_YEARS as usize {
                self.error(
                    "out-of-range",
                    schedule.loc,
                    format!(
                        "a schedule may cover at most {MAX_YEARS} years (found {})",
                        schedule.value.len()
                    ),
                    "value outcomes over the years they plausibly last",
                );
                return None;
            }
            let quantities: Option<Vec<f64>> =
                schedule.value.iter().map(|q| self.not_negative(q, "a quantity")).collect();
            return if ok { quantities.map(Profile::Schedule) } else { None };
        }
        let Some(quantity) = &raw.quantity else {
            if raw.invalid.contains(&"quantity") || raw.invalid.contains(&"schedule") {
                return None;
            }
            self.error(
                "missing-key",
                raw.loc,
                "an outcome needs `quantity` (or a `schedule`)",
                "add `quantity: 38`, the number of people experiencing the outcome, or `schedule: [38, 30, 20]` for each year",
            );
            return None;
        };
        let quantity = self.not_negative(quantity, "a quantity");
        let duration = match &raw.duration {
            Some(d) => self.years(d, "`duration`", (1, MAX_YEARS), None),
            None => Some(1),
        };
        let drop_off = match &raw.drop_off {
            Some(d) => self.percentage_in_range(d, "drop-off"),
            None => Some(0.0),
        };
        Some(Profile::Constant { quantity: quantity?, duration: duration?, drop_off: drop_off? })
    }

    /// A range must be ordered, sensible for its assumption, and contain the point value.
    fn range(&mut self, raw: &RawRange, outcome: &RawOutcome) -> Option<Range> {
        let assumption = raw.assumption.value;
        let key = assumption.key();
        let show = |v: f64| {
            if assumption.is_percentage() { crate::format::percent(v) } else { show(v) }
        };
        if raw.low.value > raw.high.value {
            self.error(
                "bad-range",
                raw.low.loc,
                format!(
                    "the range for `{key}` runs from {} down to {}",
                    show(raw.low.value),
                    show(raw.high.value)
                ),
                "write the lower value first: `[low, high]`",
            );
            return None;
        }
        use crate::model::Assumption as A;
        let value = |v: &Option<Located<f64>>, default: f64| v.as_ref().map_or(default, |v| v.value);
        if outcome.schedule.is_some() && matches!(assumption, A::Quantity | A::DropOff | A::Duration) {
            self.error(
                "range-on-schedule",
                raw.assumption.loc,
                format!("an outcome with a `schedule` has no single `{key}` to vary"),
                format!("remove `{key}` from `range:`"),
            );
            return None;
        }
        // The value the range is around, as written (or its default). When it
        // was unreadable it has been reported, and there is nothing to compare.
        let point = match assumption {
            _ if outcome.invalid.contains(&key) => None,
            A::Quantity => outcome.quantity.as_ref().map(|q| q.value),
            A::Proxy => match outcome.proxy.as_ref()? {
                RawProxyRef::Inline(p) => p.value.as_ref().map(|v| v.value),
                RawProxyRef::Id(id) => self.library.iter().find(|l| l.id == id.value).map(|l| l.value),
            },
            A::Deadweight => Some(value(&outcome.deadweight, 0.0)),
            A::Displacement => Some(value(&outcome.displacement, 0.0)),
            A::Attribution => Some(value(&outcome.attribution, 0.0)),
            A::DropOff => Some(value(&outcome.drop_off, 0.0)),
            A::Duration => Some(outcome.duration.as_ref().map_or(1.0, |d| d.value as f64)),
        };
        let (low, high) = (raw.low.value, raw.high.value);
        let valid = if assumption.is_percentage() {
            self.percentage_in_range(&raw.low, key).and(self.percentage_in_range(&raw.high, key)).is_some()
        } else if assumption == crate::model::Assumption::Duration {
            (1.0..=MAX_YEARS as f64).contains(&low) && (1.0..=MAX_YEARS as f64).contains(&high) || {
                self.error(
                    "out-of-range",
                    raw.low.loc,
                    format!("a duration range lies within 1..={MAX_YEARS} years"),
                    "give whole years such as `[2, 4]`",
                );
                false
            }
        } else if assumption == crate::model::Assumption::Quantity {
            self.not_negative(&raw.low, "a quantity").is_some()
        } else {
            true
        };
        if !valid {
            return None;
        }
        if let Some(point) = point
            && !(low..=high).contains(&point)
        {
            self.error(
                "point-outside-range",
                raw.assumption.loc,
                format!(
                        "the range for `{key}` ({} to {}) does not contain its value ({})",
                        show(low),
                        show(high),
                    show(point)
                ),
                "a range gives the lowest and highest plausible values around the one used: widen it or correct the value",
            );
            return None;
        }
        Some(Range { assumption, low, high })
    }
}

/// Theme tags as written, trimmed, blanks dropped, each once in first-seen order.
fn theme_names(written: &[Located<String>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for theme in written {
        let name = theme.value.trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}
