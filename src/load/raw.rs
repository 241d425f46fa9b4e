//! The analysis as written: SPEC §1's format, shape-checked but not yet
//! validated. Every field keeps its location; every field is optional here
//! (a missing required field has already been reported by the decoder), and
//! [`crate::validate`] turns these into the [`crate::model`] types.

use crate::model::{AnalysisKind, Assumption, Date, DiscountRate, Timing};
use crate::source::{Loc, Located};

use super::decode::{Decoder, Fields};
use super::node::{Kind, Node};

type L<T> = Located<T>;

/// A list of items, and whether every item in the file made it into `items`
/// (when not, references to missing ids are consequences, not new errors).
#[derive(Debug)]
pub struct RawList<T> {
    /// The items that decoded.
    pub items: Vec<T>,
    /// Where the list is, or the top of the file when it is absent.
    pub loc: Loc,
    /// False when the list, or any item of it, could not be read.
    pub complete: bool,
    /// True when the key is absent.
    pub absent: bool,
}

impl<T> Default for RawList<T> {
    fn default() -> Self {
        RawList { items: Vec::new(), loc: Loc::START, complete: true, absent: true }
    }
}

/// The top level of an analysis file.
#[derive(Debug, Default)]
pub struct RawAnalysis {
    /// False when the document is not a mapping at all.
    pub is_mapping: bool,
    /// `sroi:`, the format version.
    pub sroi: Option<L<i64>>,
    /// `title:`.
    pub title: Option<L<String>>,
    /// `organisation:`.
    pub organisation: Option<L<String>>,
    /// `area:`, the ward or place the programme serves (SPEC §8).
    pub area: Option<L<String>>,
    /// `lang:`, the language the analysis is written in (SPEC §9).
    pub lang: Option<L<String>>,
    /// `kind:`.
    pub kind: Option<L<AnalysisKind>>,
    /// `period:`.
    pub period: Option<RawPeriod>,
    /// `currency:`.
    pub currency: Option<L<String>>,
    /// `price_year:`.
    pub price_year: Option<L<i64>>,
    /// `summary:`.
    pub summary: Option<L<String>>,
    /// `proxies:`, a library of the analysis's own.
    pub proxies: Vec<crate::library::LibraryProxy>,
    /// `proxy_files:`, libraries in files, relative to the analysis.
    pub proxy_files: Vec<L<String>>,
    /// `indices:`, year → index.
    pub indices: Vec<(L<i64>, L<f64>)>,
    /// False when some entry of `indices:` could not be read.
    pub indices_complete: bool,
    /// `settings:`.
    pub settings: RawSettings,
    /// `theme:`.
    pub theme: RawTheme,
    /// `stakeholders:`.
    pub stakeholders: RawList<RawStakeholder>,
    /// `inputs:`.
    pub inputs: RawList<RawInput>,
    /// `outputs:`.
    pub outputs: RawList<RawOutput>,
    /// `outcomes:`.
    pub outcomes: RawList<RawOutcome>,
}

/// `period: {start, end}`.
#[derive(Debug)]
pub struct RawPeriod {
    /// First day.
    pub start: Option<L<Date>>,
    /// Last day.
    pub end: Option<L<Date>>,
}

/// `theme:`.
#[derive(Debug, Default)]
pub struct RawTheme {
    /// `logo:`, a path relative to the analysis.
    pub logo: Option<L<String>>,
    /// `accent:`, a colour.
    pub accent: Option<L<crate::colour::Rgb>>,
}

/// `settings:`.
#[derive(Debug, Default)]
pub struct RawSettings {
    /// `discount_rate:`.
    pub discount_rate: Option<L<DiscountRate>>,
    /// `discount_timing:`.
    pub discount_timing: Option<L<Timing>>,
    /// `simulation: {draws, seed}`.
    pub draws: Option<L<i64>>,
    /// `simulation: {seed}`.
    pub seed: Option<L<i64>>,
    /// `materiality:`, a share of the present value.
    pub materiality: Option<L<f64>>,
}

/// One entry of `stakeholders:`.
#[derive(Debug)]
pub struct RawStakeholder {
    /// Where the entry starts.
    pub loc: Loc,
    /// Keys present but unusable, already reported.
    pub invalid: Vec<&'static str>,
    /// `id:`.
    pub id: Option<L<String>>,
    /// `name:`.
    pub name: Option<L<String>>,
    /// `size:`.
    pub size: Option<L<f64>>,
    /// `engagement:`.
    pub engagement: Option<L<String>>,
    /// `excluded:`.
    pub excluded: Option<L<String>>,
}

/// One entry of `inputs:`.
#[derive(Debug)]
pub struct RawInput {
    /// Where the entry starts.
    pub loc: Loc,
    /// Keys present but unusable, already reported.
    pub invalid: Vec<&'static str>,
    /// `id:`.
    pub id: Option<L<String>>,
    /// `stakeholder:`.
    pub stakeholder: Option<L<String>>,
    /// `description:`.
    pub description: Option<L<String>>,
    /// `amount:`.
    pub amount: Option<L<f64>>,
    /// `hours:`.
    pub hours: Option<L<f64>>,
    /// `rate:`.
    pub rate: Option<L<f64>>,
    /// `year:`.
    pub year: Option<L<i64>>,
}

/// One entry of `outputs:`.
#[derive(Debug)]
pub struct RawOutput {
    /// Where the entry starts.
    pub loc: Loc,
    /// Keys present but unusable, already reported.
    pub invalid: Vec<&'static str>,
    /// `id:`.
    pub id: Option<L<String>>,
    /// `description:`.
    pub description: Option<L<String>>,
    /// `quantity:`.
    pub quantity: Option<L<f64>>,
    /// `unit:`.
    pub unit: Option<L<String>>,
    /// `inputs:`.
    pub inputs: Option<L<Vec<L<String>>>>,
}

/// One entry of `outcomes:`.
#[derive(Debug)]
pub struct RawOutcome {
    /// Where the entry starts.
    pub loc: Loc,
    /// Keys present but unusable, already reported.
    pub invalid: Vec<&'static str>,
    /// `id:`.
    pub id: Option<L<String>>,
    /// `stakeholder:`.
    pub stakeholder: Option<L<String>>,
    /// `outputs:`.
    pub outputs: Option<L<Vec<L<String>>>>,
    /// `description:`.
    pub description: Option<L<String>>,
    /// `indicator:`.
    pub indicator: Option<L<String>>,
    /// `quantity:`.
    pub quantity: Option<L<f64>>,
    /// `proxy:`, a mapping or the id of a library proxy.
    pub proxy: Option<RawProxyRef>,
    /// `duration:`.
    pub duration: Option<L<i64>>,
    /// `start:`.
    pub start: Option<L<i64>>,
    /// `deadweight:`.
    pub deadweight: Option<L<f64>>,
    /// `displacement:`.
    pub displacement: Option<L<f64>>,
    /// `attribution:`.
    pub attribution: Option<L<f64>>,
    /// `drop_off:`.
    pub drop_off: Option<L<f64>>,
    /// `schedule:`.
    pub schedule: Option<L<Vec<L<f64>>>>,
    /// `range:`, one pair per assumption.
    pub range: Vec<RawRange>,
    /// `themes:`, tags for grouping in a portfolio.
    pub themes: Option<L<Vec<L<String>>>>,
    /// `excluded:`, the reason the outcome is left out of the value.
    pub excluded: Option<L<String>>,
    /// `value_type:` fiscal, economic or social.
    pub value_type: Option<L<crate::model::ValueType>>,
    /// `evidence:`, by assumption key, in the order written.
    pub evidence: Vec<RawEvidence>,
}

/// One entry of an outcome's `evidence:`: what lies behind one assumption.
#[derive(Debug)]
pub struct RawEvidence {
    /// The assumption's key (`quantity`, `deadweight`, …, `start`), where written.
    pub what: L<&'static str>,
    /// `source:`.
    pub source: Option<L<String>>,
    /// `method:`.
    pub method: Option<L<crate::model::EvidenceMethod>>,
    /// `sample:`.
    pub sample: Option<L<f64>>,
    /// `grade:`.
    pub grade: Option<L<crate::model::Grade>>,
}

/// An outcome's `proxy:`: written out, or the id of a library proxy.
#[derive(Debug)]
pub enum RawProxyRef {
    /// `proxy: { value: …, source: … }`.
    Inline(RawProxy),
    /// `proxy: wellby`.
    Id(L<String>),
}

/// An outcome's `proxy:` mapping.
#[derive(Debug)]
pub struct RawProxy {
    /// Where the mapping starts.
    pub loc: Loc,
    /// Keys present but unusable, already reported.
    pub invalid: Vec<&'static str>,
    /// `value:`.
    pub value: Option<L<f64>>,
    /// `description:`.
    pub description: Option<L<String>>,
    /// `source:`.
    pub source: Option<L<String>>,
    /// `price_year:`.
    pub price_year: Option<L<i64>>,
}

/// One `assumption: [low, high]` entry of an outcome's `range:`.
#[derive(Debug)]
pub struct RawRange {
    /// Which assumption, and where its key is.
    pub assumption: L<Assumption>,
    /// The pair, in the assumption's own units (fractions for percentages).
    pub low: L<f64>,
    /// The upper end.
    pub high: L<f64>,
}

const TOP_KEYS: &[&str] = &[
    "sroi",
    "title",
    "organisation",
    "area",
    "lang",
    "kind",
    "period",
    "currency",
    "price_year",
    "summary",
    "proxies",
    "proxy_files",
    "indices",
    "settings",
    "theme",
    "stakeholders",
    "inputs",
    "outputs",
    "outcomes",
];
const PERIOD_KEYS: &[&str] = &["start", "end"];
const SETTINGS_KEYS: &[&str] = &["discount_rate", "discount_timing", "simulation", "materiality"];
const SIMULATION_KEYS: &[&str] = &["draws", "seed"];
const THEME_KEYS: &[&str] = &["logo", "accent"];
const STAKEHOLDER_KEYS: &[&str] = &["id", "name", "size", "engagement", "excluded"];
const INPUT_KEYS: &[&str] = &["id", "stakeholder", "description", "amount", "hours", "rate", "year"];
const OUTPUT_KEYS: &[&str] = &["id", "description", "quantity", "unit", "inputs"];
const OUTCOME_KEYS: &[&str] = &[
    "id",
    "stakeholder",
    "outputs",
    "description",
    "indicator",
    "quantity",
    "proxy",
    "duration",
    "start",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "schedule",
    "range",
    "themes",
    "excluded",
    "value_type",
    "evidence",
];
/// The assumptions `evidence:` may speak for: SPEC §6 (defined with the model, which every stage reads).
pub use crate::model::EVIDENCE_KEYS;
const EVIDENCE_ENTRY_KEYS: &[&str] = &["source", "method", "sample", "grade"];
const PROXY_KEYS: &[&str] = &["value", "description", "source", "price_year"];
const RANGE_KEYS: &[&str] =
    &["quantity", "proxy", "deadweight", "displacement", "attribution", "drop_off", "duration"];

/// Decodes a whole document; problems are left in `d`.
pub fn analysis(d: &mut Decoder, root: &Node) -> RawAnalysis {
    let Some(mut m) = d.map(root, "an analysis", TOP_KEYS) else {
        return RawAnalysis::default();
    };
    let raw = RawAnalysis {
        is_mapping: true,
        sroi: m.required(d, "sroi", Decoder::whole),
        title: m.required(d, "title", Decoder::text),
        organisation: m.optional(d, "organisation", Decoder::text),
        area: m.optional(d, "area", Decoder::text),
        lang: m.optional(d, "lang", Decoder::language),
        kind: m.optional(d, "kind", |d, n| {
            d.keyword(n, &[("evaluative", AnalysisKind::Evaluative), ("forecast", AnalysisKind::Forecast)])
        }),
        period: m.optional(d, "period", period),
        currency: m.optional(d, "currency", Decoder::text),
        price_year: m.optional(d, "price_year", Decoder::whole),
        summary: m.optional(d, "summary", Decoder::text),
        proxies: m
            .optional(d, "proxies", |d, n| d.list(n, crate::library::entry))
            .map(|l| l.value)
            .unwrap_or_default(),
        proxy_files: m.optional(d, "proxy_files", Decoder::ids).map(|l| l.value).unwrap_or_default(),
        indices: m.optional(d, "indices", indices).unwrap_or_default(),
        indices_complete: true,
        settings: m.optional(d, "settings", settings).unwrap_or_default(),
        theme: m.optional(d, "theme", theme).unwrap_or_default(),
        stakeholders: list_of(&mut m, d, "stakeholders", stakeholder),
        inputs: list_of(&mut m, d, "inputs", input),
        outputs: list_of(&mut m, d, "outputs", output),
        outcomes: list_of(&mut m, d, "outcomes", outcome),
    };
    // A list whose key is misspelt (`output:`) is there, just unreadable:
    // references to its ids are consequences, not new errors.
    let invalid = m.finish(d);
    let mut raw = raw;
    let written = match root.kind {
        Kind::Map(ref entries) => {
            entries.iter().find(|(k, _)| k.name == "indices").map_or(0, |(_, n)| match &n.kind {
                Kind::Map(e) => e.len(),
                _ => usize::MAX,
            })
        }
        _ => 0,
    };
    raw.indices_complete = written == raw.indices.len() && !invalid.contains(&"indices");
    for (key, complete) in [
        ("stakeholders", &mut raw.stakeholders.complete),
        ("inputs", &mut raw.inputs.complete),
        ("outputs", &mut raw.outputs.complete),
        ("outcomes", &mut raw.outcomes.complete),
    ] {
        if invalid.contains(&key) {
            *complete = false;
        }
    }
    raw
}

/// The top-level lists of an analysis, which the largest files are mostly
/// made of: read item by item ([`Items`]) so that their nodes can be freed
/// as they are read.
pub const LISTS: [&str; 4] = ["stakeholders", "inputs", "outputs", "outcomes"];

/// The items of the four [`LISTS`], read one by one apart from the rest of
/// the analysis: handed over by the YAML reader as each is parsed, or taken
/// out of a whole tree ([`analysis_of`]).
#[derive(Default)]
pub struct Items {
    stakeholders: Vec<RawStakeholder>,
    inputs: Vec<RawInput>,
    outputs: Vec<RawOutput>,
    outcomes: Vec<RawOutcome>,
    /// How many items of each list were given, read or not.
    given: [usize; 4],
}

impl Items {
    /// Reads one item of the list `key` (one of [`LISTS`]).
    pub fn read(&mut self, d: &mut Decoder, key: &str, node: &Node) {
        let Some(at) = LISTS.iter().position(|l| *l == key) else { return };
        self.given[at] += 1;
        match at {
            0 => self.stakeholders.extend(stakeholder(d, node)),
            1 => self.inputs.extend(input(d, node)),
            2 => self.outputs.extend(output(d, node)),
            _ => self.outcomes.extend(outcome(d, node)),
        }
    }
}

/// [`analysis`] of a tree it may take apart: the four [`LISTS`] are taken
/// out of the tree and read item by item, each item's nodes freed once
/// read, so the tree and the raw structs it becomes are never both whole in
/// memory. What is read, and every diagnostic, is the same.
pub fn analysis_of(d: &mut Decoder, mut root: Node) -> RawAnalysis {
    let mut items = Items::default();
    for key in LISTS {
        if let Some(taken) = take_items(&mut root, key) {
            for node in taken {
                items.read(d, key, &node);
            }
        }
    }
    analysis_with(d, &root, items)
}

/// [`analysis`] of a tree whose four [`LISTS`] are empty because their
/// items were read into `items` already.
pub fn analysis_with(d: &mut Decoder, root: &Node, items: Items) -> RawAnalysis {
    let mut raw = analysis(d, root);
    let Items { stakeholders, inputs, outputs, outcomes, given } = items;
    fill(&mut raw.stakeholders, stakeholders, given[0]);
    fill(&mut raw.inputs, inputs, given[1]);
    fill(&mut raw.outputs, outputs, given[2]);
    fill(&mut raw.outcomes, outcomes, given[3]);
    raw
}

/// The items of the top-level list `key`, taken out of the tree (which is
/// left holding an empty list in their place), when it is a list.
fn take_items(root: &mut Node, key: &str) -> Option<Vec<Node>> {
    let Kind::Map(entries) = &mut root.kind else { return None };
    let (_, node) = entries.iter_mut().find(|(k, _)| k.name == key)?;
    match &mut node.kind {
        Kind::Seq(items) => Some(std::mem::take(items)),
        _ => None,
    }
}

/// Puts the items read apart into their list, read from an empty one.
fn fill<T>(list: &mut RawList<T>, items: Vec<T>, given: usize) {
    if given == 0 {
        return;
    }
    list.complete &= items.len() == given;
    list.items = items;
}

fn list_of<T>(
    m: &mut Fields<'_>,
    d: &mut Decoder,
    key: &'static str,
    item: fn(&mut Decoder, &Node) -> Option<T>,
) -> RawList<T> {
    let Some(node) = m.node(key).filter(|n| n.kind != Kind::Null) else {
        return RawList::default();
    };
    match d.list_complete(node, item) {
        Some((list, complete)) => RawList { items: list.value, loc: list.loc, complete, absent: false },
        None => {
            m.mark_invalid(key);
            RawList { items: Vec::new(), loc: node.loc, complete: false, absent: false }
        }
    }
}

pub(crate) fn period(d: &mut Decoder, node: &Node) -> Option<RawPeriod> {
    let mut m = d.map(node, "a period", PERIOD_KEYS)?;
    let period =
        RawPeriod { start: m.required(d, "start", Decoder::date), end: m.required(d, "end", Decoder::date) };
    m.finish(d);
    Some(period)
}

pub(crate) fn settings(d: &mut Decoder, node: &Node) -> Option<RawSettings> {
    let mut m = d.map(node, "the settings", SETTINGS_KEYS)?;
    let (draws, seed) = m
        .optional(d, "simulation", |d, n| {
            let mut s = d.map(n, "the simulation settings", SIMULATION_KEYS)?;
            let pair = (s.optional(d, "draws", Decoder::whole), s.optional(d, "seed", Decoder::whole));
            let _ = s.finish(d);
            Some(pair)
        })
        .unwrap_or((None, None));
    let settings = RawSettings {
        discount_rate: m.optional(d, "discount_rate", discount_rate),
        discount_timing: m.optional(d, "discount_timing", |d, n| {
            d.keyword(n, &[("end", Timing::End), ("mid", Timing::Mid), ("start", Timing::Start)])
        }),
        draws,
        seed,
        materiality: m.optional(d, "materiality", Decoder::percentage),
    };
    let _ = m.finish(d);
    Some(settings)
}

/// `indices: { 2014: 83.2, 2025: 104.9 }`: a year and a positive index each.
pub(crate) fn indices(d: &mut Decoder, node: &Node) -> Option<Vec<(L<i64>, L<f64>)>> {
    let Kind::Map(entries) = &node.kind else {
        d.diagnostics.push(
            crate::diag::Diagnostic::error(
                "wrong-type",
                "expected price indices by year, such as `indices: { 2014: 83.2, 2025: 104.9 }`",
            )
            .at(node.loc),
        );
        return None;
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let year = key.name.trim().parse::<i64>();
        let index = d.number(value);
        match (year, index) {
            (Ok(year), Some(index)) if index.value > 0.0 => out.push((L::new(year, key.loc), index)),
            (Err(_), _) => d.diagnostics.push(
                crate::diag::Diagnostic::error("bad-year", format!("`{}` is not a year", key.name))
                    .at(Loc { len: key.name.len(), ..key.loc })
                    .hint("each entry of `indices:` is a year and its index, such as `2014: 83.2`"),
            ),
            (Ok(_), Some(index)) => d.diagnostics.push(
                crate::diag::Diagnostic::error("bad-index", "a price index must be above zero")
                    .at(index.loc)
                    .hint("copy the index of each year from one published series, such as HM Treasury's GDP deflators"),
            ),
            (Ok(_), None) => {}
        }
    }
    Some(out)
}

fn theme(d: &mut Decoder, node: &Node) -> Option<RawTheme> {
    let mut m = d.map(node, "the theme", THEME_KEYS)?;
    let theme =
        RawTheme { logo: m.optional(d, "logo", Decoder::text), accent: m.optional(d, "accent", colour) };
    let _ = m.finish(d);
    Some(theme)
}

/// `#1d4f91` or `#14c`.
fn colour(d: &mut Decoder, node: &Node) -> Option<L<crate::colour::Rgb>> {
    let text = d.text(node)?;
    match crate::colour::Rgb::parse(&text.value) {
        Some(rgb) => Some(L::new(rgb, text.loc)),
        None => {
            d.diagnostics.push(
                crate::diag::Diagnostic::error("bad-colour", format!("`{}` is not a colour", text.value))
                    .at(text.loc)
                    .hint("write colours as hexadecimal RGB in quotes, such as `\"#1d4f91\"`"),
            );
            None
        }
    }
}

/// `3.5%`, `0.035` or `green-book`.
fn discount_rate(d: &mut Decoder, node: &Node) -> Option<L<DiscountRate>> {
    if let Kind::Str(word) = &node.kind
        && !word.trim_end().ends_with('%')
        && word.trim().parse::<f64>().is_err()
    {
        return d.keyword(node, &[("green-book", DiscountRate::GreenBook)]);
    }
    d.percentage(node).map(|p| p.map(DiscountRate::Constant))
}

fn stakeholder(d: &mut Decoder, node: &Node) -> Option<RawStakeholder> {
    let mut m = d.map(node, "a stakeholder", STAKEHOLDER_KEYS)?;
    let mut raw = RawStakeholder {
        loc: m.loc,
        invalid: Vec::new(),
        id: m.required(d, "id", Decoder::text),
        name: m.required(d, "name", Decoder::text),
        size: m.optional(d, "size", |d, n| d.whole(n).map(|w| w.map(|v| v as f64))),
        engagement: m.optional(d, "engagement", Decoder::text),
        excluded: m.optional(d, "excluded", excluded),
    };
    raw.invalid = m.finish(d);
    Some(raw)
}

/// `excluded:` holds the reason; `""` means the group is included. A yes or
/// no (`true`, `yes`, `false`, `no`: a YAML bool) is an error: the reason is
/// what the report prints, and "yes" explains nothing.
fn excluded(d: &mut Decoder, node: &Node) -> Option<L<String>> {
    // YAML 1.2 reads `yes`, `no`, `on` and `off` as text; they are no reason either.
    let written = d.spelling(node);
    let yes_or_no = ["yes", "no", "y", "n", "on", "off", "true", "false"]
        .contains(&written.trim().to_lowercase().as_str());
    let no_reason = match node.kind {
        Kind::Bool(_) => true,
        Kind::Str(_) => yes_or_no,
        _ => false,
    };
    if !no_reason {
        return d.text(node);
    }
    d.diagnostics.push(
        crate::diag::Diagnostic::error(
            "excluded-without-reason",
            format!("`excluded` takes the reason it is left out, not `{written}`"),
        )
        .at(node.loc)
        .hint(
            "write the reason the group or outcome is left out, e.g. \
             `excluded: Not material: 3 people, under 1% of the value`; \
             to count it, delete the line",
        ),
    );
    None
}

fn input(d: &mut Decoder, node: &Node) -> Option<RawInput> {
    let mut m = d.map(node, "an input", INPUT_KEYS)?;
    let mut raw = RawInput {
        loc: m.loc,
        invalid: Vec::new(),
        id: m.required(d, "id", Decoder::text),
        stakeholder: m.optional(d, "stakeholder", Decoder::text),
        description: m.optional(d, "description", Decoder::text),
        amount: m.optional(d, "amount", Decoder::number),
        hours: m.optional(d, "hours", Decoder::number),
        rate: m.optional(d, "rate", Decoder::number),
        year: m.optional(d, "year", Decoder::whole),
    };
    raw.invalid = m.finish(d);
    Some(raw)
}

fn output(d: &mut Decoder, node: &Node) -> Option<RawOutput> {
    let mut m = d.map(node, "an output", OUTPUT_KEYS)?;
    let mut raw = RawOutput {
        loc: m.loc,
        invalid: Vec::new(),
        id: m.required(d, "id", Decoder::text),
        description: m.optional(d, "description", Decoder::text),
        quantity: m.optional(d, "quantity", Decoder::number),
        unit: m.optional(d, "unit", Decoder::text),
        inputs: m.optional(d, "inputs", Decoder::ids),
    };
    raw.invalid = m.finish(d);
    Some(raw)
}

fn outcome(d: &mut Decoder, node: &Node) -> Option<RawOutcome> {
    let mut m = d.map(node, "an outcome", OUTCOME_KEYS)?;
    let mut raw = RawOutcome {
        loc: m.loc,
        invalid: Vec::new(),
        id: m.required(d, "id", Decoder::text),
        stakeholder: m.required(d, "stakeholder", Decoder::text),
        outputs: m.optional(d, "outputs", Decoder::ids),
        description: m.required(d, "description", Decoder::text),
        indicator: m.optional(d, "indicator", Decoder::text),
        quantity: m.optional(d, "quantity", Decoder::number),
        proxy: m.required(d, "proxy", |d, n| match n.kind {
            Kind::Str(_) => d.text(n).map(RawProxyRef::Id),
            _ => proxy(d, n).map(RawProxyRef::Inline),
        }),
        duration: m.optional(d, "duration", Decoder::whole),
        start: m.optional(d, "start", Decoder::whole),
        deadweight: m.optional(d, "deadweight", Decoder::percentage),
        displacement: m.optional(d, "displacement", Decoder::percentage),
        attribution: m.optional(d, "attribution", Decoder::percentage),
        drop_off: m.optional(d, "drop_off", Decoder::percentage),
        schedule: m.optional(d, "schedule", |d, n| d.list(n, Decoder::number)),
        range: m.optional(d, "range", ranges).unwrap_or_default(),
        themes: m.optional(d, "themes", Decoder::ids),
        excluded: m.optional(d, "excluded", excluded),
        value_type: m.optional(d, "value_type", |d, n| {
            use crate::model::ValueType;
            d.keyword(
                n,
                &[
                    ("fiscal", ValueType::Fiscal),
                    ("economic", ValueType::Economic),
                    ("social", ValueType::Social),
                ],
            )
        }),
        evidence: m.optional(d, "evidence", evidence).unwrap_or_default(),
    };
    raw.invalid = m.finish(d);
    Some(raw)
}

pub(crate) fn proxy(d: &mut Decoder, node: &Node) -> Option<RawProxy> {
    if let Kind::Int(_) | Kind::Float(_) = node.kind {
        d.diagnostics.push(
            crate::diag::Diagnostic::error("wrong-type", "expected a proxy mapping or a proxy id, found a bare number")
                .at(node.loc)
                .hint("write the proxy as `proxy: { value: 14433, source: \"where the value comes from\" }`, or name a library proxy: `proxy: wellby`"),
        );
        return None;
    }
    let mut m = d.map(node, "a proxy", PROXY_KEYS)?;
    let mut raw = RawProxy {
        loc: m.loc,
        invalid: Vec::new(),
        value: m.required(d, "value", Decoder::number),
        description: m.optional(d, "description", Decoder::text),
        source: m.optional(d, "source", Decoder::text),
        price_year: m.optional(d, "price_year", Decoder::whole),
    };
    raw.invalid = m.finish(d);
    Some(raw)
}

/// `evidence: { quantity: { source, method, sample, grade }, … }`.
fn evidence(d: &mut Decoder, node: &Node) -> Option<Vec<RawEvidence>> {
    use crate::model::{EvidenceMethod, Grade};
    let mut m = d.map(node, "evidence by assumption", EVIDENCE_KEYS)?;
    let mut out = Vec::new();
    for &what in EVIDENCE_KEYS {
        let Some(entry) = m.node(what) else {
            continue;
        };
        let Some(mut e) = d.map(entry, "the evidence for one assumption", EVIDENCE_ENTRY_KEYS) else {
            continue;
        };
        let raw = RawEvidence {
            what: L::new(what, entry.loc),
            source: e.required(d, "source", Decoder::text),
            method: e.optional(d, "method", |d, n| {
                d.keyword(
                    n,
                    &[
                        ("survey", EvidenceMethod::Survey),
                        ("records", EvidenceMethod::Records),
                        ("interviews", EvidenceMethod::Interviews),
                        ("comparison-group", EvidenceMethod::ComparisonGroup),
                        ("published-study", EvidenceMethod::PublishedStudy),
                        ("estimate", EvidenceMethod::Estimate),
                    ],
                )
            }),
            sample: e.optional(d, "sample", Decoder::number),
            grade: e.optional(d, "grade", |d, n| {
                d.keyword(
                    n,
                    &[("strong", Grade::Strong), ("moderate", Grade::Moderate), ("weak", Grade::Weak)],
                )
            }),
        };
        let _ = e.finish(d);
        out.push(raw);
    }
    let _ = m.finish(d);
    Some(out)
}

fn ranges(d: &mut Decoder, node: &Node) -> Option<Vec<RawRange>> {
    let mut m = d.map(node, "a range", RANGE_KEYS)?;
    let mut out = Vec::new();
    for assumption in Assumption::ALL {
        let Some(pair) = m.node(assumption.key()) else {
            continue;
        };
        let read: fn(&mut Decoder, &Node) -> Option<L<f64>> = if assumption.is_percentage() {
            Decoder::percentage
        } else if assumption == Assumption::Duration {
            |d, n| d.whole(n).map(|w| w.map(|v| v as f64))
        } else {
            Decoder::number
        };
        match &pair.kind {
            Kind::Seq(items) if items.len() == 2 => {
                if let (Some(low), Some(high)) = (read(d, &items[0]), read(d, &items[1])) {
                    out.push(RawRange { assumption: L::new(assumption, pair.loc), low, high });
                }
            }
            _ => d.diagnostics.push(
                crate::diag::Diagnostic::error(
                    "bad-range",
                    format!("a range for `{}` is a pair `[low, high]`", assumption.key()),
                )
                .at(pair.loc)
                .hint(format!(
                    "for example `{}: {}`",
                    assumption.key(),
                    example_range(assumption)
                )),
            ),
        }
    }
    let _ = m.finish(d);
    Some(out)
}

fn example_range(assumption: Assumption) -> &'static str {
    match assumption {
        Assumption::Quantity => "[30, 45]",
        Assumption::Proxy => "[10000, 16000]",
        Assumption::Duration => "[2, 4]",
        _ => "[15%, 35%]",
    }
}
