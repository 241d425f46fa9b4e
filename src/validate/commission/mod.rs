//! Commissioning files, [raw](crate::load::commission) → [model](crate::model::commission):
//! ranges, references to measures and priorities, contract years and
//! periods. Every problem is collected; a model is returned only when the
//! file has no error.

use crate::diag::{Diagnostic, has_errors};
mod offers;

pub use offers::{offer, returns};

use crate::load::commission::{RawFramework, RawMeasure, RawMeasureProxy};
use crate::model::commission::{Framework, Measure, Priority, Rag};
use crate::model::{DiscountRate, Proxy, Settings};
use crate::source::{Loc, Located};
use crate::suggest;

use super::FORMAT_VERSION;

/// Longest contract, in years.
pub const MAX_CONTRACT_YEARS: i64 = 50;

fn error(diagnostics: &mut Vec<Diagnostic>, code: &'static str, loc: Loc, message: String, hint: String) {
    diagnostics.push(Diagnostic::error(code, message).at(loc).hint(hint));
}

fn version(raw: Option<&Located<i64>>, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(v) = raw.filter(|v| v.value != FORMAT_VERSION) {
        error(
            diagnostics,
            "unsupported-version",
            v.loc,
            format!("format version {} is not supported", v.value),
            format!("this sroi reads format version {FORMAT_VERSION}: write `sroi: {FORMAT_VERSION}`"),
        );
    }
}

fn fraction(p: Option<&Located<f64>>, what: &str, default: f64, d: &mut Vec<Diagnostic>) -> Option<f64> {
    match p {
        None => Some(default),
        Some(p) if (0.0..=1.0).contains(&p.value) => Some(p.value),
        Some(p) => {
            error(
                d,
                "percentage-out-of-range",
                p.loc,
                format!("{what} must lie between 0% and 100%"),
                "write a percentage such as `25%`, or a fraction such as `0.25`".to_owned(),
            );
            None
        }
    }
}

/// The hint for an id that is not among `known` (`what`: "measure"): the
/// likely typo when there is one, else the nearest and the list.
pub fn nearest_hint(word: &str, known: &[&str], what: &str) -> String {
    if let Some(hint) = suggest::did_you_mean(word, known.iter().copied()) {
        return hint;
    }
    let nearest = known
        .iter()
        .min_by_key(|k| strsim::damerau_levenshtein(&word.to_lowercase(), &k.to_lowercase()))
        .map(|k| format!("the nearest {what} is `{k}`; "))
        .unwrap_or_default();
    let shown: Vec<String> = known.iter().take(16).map(|k| format!("`{k}`")).collect();
    let more = if known.len() > 16 { ", …" } else { "" };
    format!("{nearest}the framework's {what}s are {}{more}", shown.join(", "))
}

/// Validates a framework; problems go to `d`.
pub fn framework(raw: RawFramework, d: &mut Vec<Diagnostic>) -> Option<Framework> {
    let before = d.len();
    version(raw.sroi.as_ref(), d);
    let currency = raw.currency.as_ref().map_or_else(|| "GBP".to_owned(), |c| c.value.clone());
    if let Some(c) = raw.currency.as_ref().filter(|c| !crate::currency::is_known(&c.value)) {
        error(
            d,
            "bad-currency",
            c.loc,
            format!("`{}` is not an ISO 4217 currency code", c.value),
            "use an ISO 4217 code, such as `GBP`, `EUR` or `USD`".to_owned(),
        );
    }
    let year = |y: &Located<i64>, d: &mut Vec<Diagnostic>| {
        if (1800..=2200).contains(&y.value) {
            Some(y.value as i32)
        } else {
            error(
                d,
                "bad-year",
                y.loc,
                format!("`{}` is not a plausible year", y.value),
                "write a calendar year such as `2025`".to_owned(),
            );
            None
        }
    };
    let price_year = raw.price_year.as_ref().and_then(|y| year(y, d));
    let indices: Vec<(i32, f64, Loc)> =
        raw.indices.iter().filter_map(|(y, i)| Some((year(y, d)?, i.value, y.loc))).collect();
    let weighting = fraction(raw.weighting.as_ref(), "the weighting", 0.0, d);
    let mut settings = Settings::default();
    if let Some(rate) = &raw.settings.discount_rate {
        match rate.value {
            DiscountRate::Constant(r) if !(0.0..=1.0).contains(&r) => error(
                d,
                "percentage-out-of-range",
                rate.loc,
                "the discount rate must lie between 0% and 100%".to_owned(),
                "the Green Book's rate is `3.5%`".to_owned(),
            ),
            value => settings.discount_rate = value,
        }
    }
    if let Some(timing) = &raw.settings.discount_timing {
        settings.discount_timing = timing.value;
    }
    let mut rag = Rag::default();
    if let Some((green, amber, loc)) = &raw.rag {
        let over = |p: &Option<Located<f64>>| p.as_ref().map(|p| Located::new(p.value, p.loc));
        if let Some(g) = over(green).filter(|g| g.value >= 0.0) {
            rag.green = g.value;
        }
        if let Some(a) = fraction(amber.as_ref(), "the amber threshold", rag.amber, d) {
            rag.amber = a;
        }
        if rag.amber > rag.green {
            error(
                d,
                "bad-rag",
                *loc,
                "the amber threshold is above the green one".to_owned(),
                "green is the higher share of the commitment, such as `rag: { green: 95%, amber: 75% }`"
                    .to_owned(),
            );
        }
    }
    let mut priorities: Vec<Priority> = Vec::new();
    for p in &raw.priorities.items {
        let (Some(id), Some(name)) = (&p.id, &p.name) else { continue };
        if priorities.iter().any(|q| q.id == id.value) {
            error(
                d,
                "duplicate-id",
                id.loc,
                format!("the priority id `{}` is used twice", id.value),
                "give each priority its own id".to_owned(),
            );
            continue;
        }
        let weight = match &p.weight {
            Some(w) if w.value < 0.0 => {
                error(
                    d,
                    "negative-weight",
                    w.loc,
                    "a priority's weight is not negative".to_owned(),
                    "weights such as `3` for the first priority and `1` for others".to_owned(),
                );
                continue;
            }
            Some(w) => w.value,
            None => 1.0,
        };
        priorities.push(Priority { id: id.value.clone(), name: name.value.clone(), weight });
    }
    if priorities.is_empty() && raw.priorities.complete {
        error(
            d,
            "no-priorities",
            raw.priorities.loc,
            "the framework has no priorities".to_owned(),
            "list the council's outcomes under `priorities:`, first priority first".to_owned(),
        );
    }
    let prices = Prices { year: price_year, year_loc: raw.price_year.as_ref().map(|y| y.loc), indices };
    let library = crate::library::shipped();
    let mut measures: Vec<Measure> = Vec::new();
    for m in &raw.measures.items {
        if let Some(id) = &m.id
            && measures.iter().any(|q| q.id == id.value)
        {
            error(
                d,
                "duplicate-id",
                id.loc,
                format!("the measure id `{}` is used twice", id.value),
                "give each measure its own id".to_owned(),
            );
            continue;
        }
        if let Some(measure) =
            measure(m, &priorities, raw.priorities.complete, &prices, &library, &currency, d)
        {
            measures.push(measure);
        }
    }
    if raw.measures.items.is_empty() && raw.measures.complete {
        error(
            d,
            "no-measures",
            raw.measures.loc,
            "the framework has no measures".to_owned(),
            "list what suppliers may commit to under `measures:`".to_owned(),
        );
    }
    if has_errors(&d[before..]) {
        return None;
    }
    Some(Framework {
        name: raw.name?.value,
        organisation: raw.organisation.map(|o| o.value),
        currency,
        price_year,
        weighting: weighting?,
        settings,
        rag,
        priorities,
        measures,
    })
}

/// A framework's price year and indices, for re-basing proxies.
struct Prices {
    year: Option<i32>,
    year_loc: Option<Loc>,
    indices: Vec<(i32, f64, Loc)>,
}

impl Prices {
    /// SPEC §2: `value × index[framework year] / index[proxy year]` when the years differ.
    fn rebase(&self, value: f64, year: Option<i32>, loc: Loc, d: &mut Vec<Diagnostic>) -> Option<Proxy> {
        let mut proxy =
            Proxy { value, written: None, description: None, source: None, price_year: year, library: None };
        let (Some(own), Some(year)) = (self.year, year) else { return Some(proxy) };
        if own == year {
            return Some(proxy);
        }
        let index = |y: i32| self.indices.iter().find(|(iy, _, _)| *iy == y).map(|(_, i, _)| *i);
        match (index(year), index(own)) {
            (Some(from), Some(to)) => {
                proxy.value = value * to / from;
                proxy.written = Some((value, year));
                Some(proxy)
            }
            (from, _) => {
                let missing = if from.is_none() { year } else { own };
                error(
                    d,
                    "missing-index",
                    if from.is_none() { loc } else { self.year_loc.unwrap_or(loc) },
                    format!(
                        "there is no price index for {missing}, so this proxy cannot be re-based from {year} to {own} prices"
                    ),
                    format!(
                        "give the framework `indices:` from one published series (HM Treasury's GDP deflators, for UK values): `indices: {{ {year}: …, {own}: … }}`"
                    ),
                );
                None
            }
        }
    }
}

fn measure(
    m: &RawMeasure,
    priorities: &[Priority],
    priorities_complete: bool,
    prices: &Prices,
    library: &[crate::library::LibraryProxy],
    currency: &str,
    d: &mut Vec<Diagnostic>,
) -> Option<Measure> {
    let priority = m.priority.as_ref().and_then(|p| match priorities.iter().position(|q| q.id == p.value) {
        Some(i) => Some(i),
        None if !priorities_complete || priorities.is_empty() => None,
        None => {
            let ids: Vec<&str> = priorities.iter().map(|q| q.id.as_str()).collect();
            error(
                d,
                "unknown-priority",
                p.loc,
                format!("there is no priority `{}`", p.value),
                nearest_hint(&p.value, &ids, "priority"),
            );
            None
        }
    });
    let deadweight = fraction(m.deadweight.as_ref(), "deadweight", 0.0, d);
    let displacement = fraction(m.displacement.as_ref(), "displacement", 0.0, d);
    let attribution = fraction(m.attribution.as_ref(), "attribution", 0.0, d);
    let proxy = match m.proxy.as_ref()? {
        RawMeasureProxy::Inline(p) => {
            let value = p.value.as_ref()?;
            if value.value < 0.0 {
                error(
                    d,
                    "negative-proxy",
                    value.loc,
                    "a measure's value per unit is not negative".to_owned(),
                    "a framework values what the council wants; leave harms to the analyses".to_owned(),
                );
                return None;
            }
            let year = p.price_year.as_ref().map(|y| y.value as i32);
            let mut proxy =
                prices.rebase(value.value, year, p.price_year.as_ref().map_or(p.loc, |y| y.loc), d)?;
            proxy.description = p.description.as_ref().map(|x| x.value.clone());
            proxy.source = p.source.as_ref().map(|x| x.value.clone());
            proxy
        }
        RawMeasureProxy::Id(id) => {
            let Some(entry) = library.iter().find(|l| l.id == id.value) else {
                let ids: Vec<&str> = library.iter().map(|l| l.id.as_str()).collect();
                error(
                    d,
                    "unknown-proxy",
                    id.loc,
                    format!("there is no proxy `{}`", id.value),
                    nearest_hint(&id.value, &ids, "library proxy"),
                );
                return None;
            };
            if entry.currency_or_gbp() != currency {
                error(
                    d,
                    "proxy-currency",
                    id.loc,
                    format!(
                        "the proxy `{}` is in {}, but the framework is in {currency}",
                        entry.id,
                        entry.currency_or_gbp()
                    ),
                    "write the proxy out in the framework's currency".to_owned(),
                );
                return None;
            }
            let mut proxy = prices.rebase(entry.value, entry.price_year, id.loc, d)?;
            proxy.description = Some(entry.name.clone());
            proxy.source = Some(entry.source.clone());
            proxy.library = Some(crate::model::LibraryRef {
                id: entry.id.clone(),
                url: entry.url.clone(),
                licence: entry.licence.clone(),
                unit: entry.unit.clone(),
            });
            proxy
        }
    };
    Some(Measure {
        id: m.id.as_ref()?.value.clone(),
        code: m.code.as_ref().map(|c| c.value.clone()),
        priority: priority?,
        description: m.description.as_ref()?.value.clone(),
        unit: m.unit.as_ref()?.value.clone(),
        proxy,
        deadweight: deadweight?,
        displacement: displacement?,
        attribution: attribution?,
        evidence: m.evidence.as_ref().map(|e| e.value.clone()).filter(|e| !e.trim().is_empty()),
    })
}
