//! The commissioning files as written (SPEC §7, §8): an outcomes framework
//! (`framework:`), a supplier's offer (`offer:`) and its delivery returns
//! (`returns:`), shape-checked with the same [`Decoder`] as analyses, every
//! field located. [`crate::validate::commission`] turns them into
//! [`crate::model::commission`] types.

use crate::model::Date;
use crate::source::{Loc, Located};

use super::decode::{Decoder, Fields};
use super::node::{Kind, Node};
use super::raw::{RawList, RawPeriod, RawProxy, RawSettings};

type L<T> = Located<T>;

/// `rag: { green, amber }` as written, and where the mapping is.
pub type RawRag = (Option<L<f64>>, Option<L<f64>>, Loc);

/// `supplier: { name, size }` as written.
pub type RawSupplier = (Option<L<String>>, Option<L<crate::model::commission::SupplierSize>>);

/// A framework file.
#[derive(Debug, Default)]
pub struct RawFramework {
    /// `sroi:`.
    pub sroi: Option<L<i64>>,
    /// `framework:`, its name.
    pub name: Option<L<String>>,
    /// `organisation:`.
    pub organisation: Option<L<String>>,
    /// `currency:`.
    pub currency: Option<L<String>>,
    /// `price_year:`.
    pub price_year: Option<L<i64>>,
    /// `indices:`, year → price index, for re-basing proxies.
    pub indices: Vec<(L<i64>, L<f64>)>,
    /// `weighting:`.
    pub weighting: Option<L<f64>>,
    /// `settings:`.
    pub settings: RawSettings,
    /// `rag: { green, amber }`.
    pub rag: Option<RawRag>,
    /// `priorities:`.
    pub priorities: RawList<RawPriority>,
    /// `measures:`.
    pub measures: RawList<RawMeasure>,
}

/// One entry of `priorities:`.
#[derive(Debug)]
pub struct RawPriority {
    /// Where the entry starts.
    pub loc: Loc,
    /// `id:`.
    pub id: Option<L<String>>,
    /// `name:`.
    pub name: Option<L<String>>,
    /// `weight:`.
    pub weight: Option<L<f64>>,
}

/// A measure's `proxy:`: written out, or the id of a library proxy.
#[derive(Debug)]
pub enum RawMeasureProxy {
    /// `proxy: { value: …, source: …, price_year: … }`.
    Inline(RawProxy),
    /// `proxy: national-living-wage-hour-2025`.
    Id(L<String>),
}

/// One entry of `measures:`.
#[derive(Debug)]
pub struct RawMeasure {
    /// Where the entry starts.
    pub loc: Loc,
    /// `id:`.
    pub id: Option<L<String>>,
    /// `code:`.
    pub code: Option<L<String>>,
    /// `priority:`.
    pub priority: Option<L<String>>,
    /// `description:`.
    pub description: Option<L<String>>,
    /// `unit:`.
    pub unit: Option<L<String>>,
    /// `proxy:`.
    pub proxy: Option<RawMeasureProxy>,
    /// `deadweight:`.
    pub deadweight: Option<L<f64>>,
    /// `displacement:`.
    pub displacement: Option<L<f64>>,
    /// `attribution:`.
    pub attribution: Option<L<f64>>,
    /// `evidence:`.
    pub evidence: Option<L<String>>,
}

/// An offer file.
#[derive(Debug, Default)]
pub struct RawOffer {
    /// `sroi:`.
    pub sroi: Option<L<i64>>,
    /// `offer:`, its name.
    pub name: Option<L<String>>,
    /// `framework:`, a path relative to the offer.
    pub framework: Option<L<String>>,
    /// `supplier: { name, size }`.
    pub supplier: Option<RawSupplier>,
    /// `area:`.
    pub area: Option<L<String>>,
    /// `contract:`.
    pub contract: Option<RawContract>,
    /// `commitments:`.
    pub commitments: RawList<RawCommitment>,
}

/// `contract: { id, value, start, years }`.
#[derive(Debug)]
pub struct RawContract {
    /// Where the mapping starts.
    pub loc: Loc,
    /// `id:`.
    pub id: Option<L<String>>,
    /// `value:`.
    pub value: Option<L<f64>>,
    /// `start:`.
    pub start: Option<L<Date>>,
    /// `years:`.
    pub years: Option<L<i64>>,
}

/// One entry of `commitments:`.
#[derive(Debug)]
pub struct RawCommitment {
    /// Where the entry starts.
    pub loc: Loc,
    /// `measure:`.
    pub measure: Option<L<String>>,
    /// `quantity:`, one per contract year (a single number: the same each year).
    pub quantity: Option<L<Vec<L<f64>>>>,
    /// Whether `quantity:` was a single number.
    pub each_year: bool,
    /// `how:`.
    pub how: Option<L<String>>,
}

/// A returns file.
#[derive(Debug, Default)]
pub struct RawReturns {
    /// `sroi:`.
    pub sroi: Option<L<i64>>,
    /// `returns:`, their name.
    pub name: Option<L<String>>,
    /// `offer:`, a path relative to the returns.
    pub offer: Option<L<String>>,
    /// `periods:`.
    pub periods: RawList<RawPeriod>,
    /// `delivered:`.
    pub delivered: RawList<RawDelivery>,
}

/// One entry of `delivered:`.
#[derive(Debug)]
pub struct RawDelivery {
    /// Where the entry starts.
    pub loc: Loc,
    /// `measure:`.
    pub measure: Option<L<String>>,
    /// `period:`, from 1.
    pub period: Option<L<i64>>,
    /// `quantity:`.
    pub quantity: Option<L<f64>>,
    /// `evidence:`.
    pub evidence: Option<L<String>>,
    /// `validated:`.
    pub validated: Option<L<bool>>,
}

/// Keys of a framework file.
pub const FRAMEWORK_KEYS: &[&str] = &[
    "sroi",
    "framework",
    "organisation",
    "currency",
    "price_year",
    "indices",
    "weighting",
    "settings",
    "rag",
    "priorities",
    "measures",
];
const RAG_KEYS: &[&str] = &["green", "amber"];
const PRIORITY_KEYS: &[&str] = &["id", "name", "weight"];
const MEASURE_KEYS: &[&str] = &[
    "id",
    "code",
    "priority",
    "description",
    "unit",
    "proxy",
    "deadweight",
    "displacement",
    "attribution",
    "evidence",
];
/// Keys of an offer file.
pub const OFFER_KEYS: &[&str] =
    &["sroi", "offer", "framework", "supplier", "area", "contract", "commitments"];
const SUPPLIER_KEYS: &[&str] = &["name", "size"];
const CONTRACT_KEYS: &[&str] = &["id", "value", "start", "years"];
const COMMITMENT_KEYS: &[&str] = &["measure", "quantity", "how"];
/// Keys of a returns file.
pub const RETURNS_KEYS: &[&str] = &["sroi", "returns", "offer", "periods", "delivered"];
const DELIVERY_KEYS: &[&str] = &["measure", "period", "quantity", "evidence", "validated"];

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
        None => RawList { items: Vec::new(), loc: node.loc, complete: false, absent: false },
    }
}

/// Decodes a framework document; problems are left in `d`.
pub fn framework(d: &mut Decoder, root: &Node) -> RawFramework {
    let Some(mut m) = d.map(root, "a framework", FRAMEWORK_KEYS) else {
        return RawFramework::default();
    };
    let raw = RawFramework {
        sroi: m.required(d, "sroi", Decoder::whole),
        name: m.required(d, "framework", Decoder::text),
        organisation: m.optional(d, "organisation", Decoder::text),
        currency: m.optional(d, "currency", Decoder::text),
        price_year: m.optional(d, "price_year", Decoder::whole),
        indices: m.optional(d, "indices", super::raw::indices).unwrap_or_default(),
        weighting: m.required(d, "weighting", Decoder::percentage),
        settings: m.optional(d, "settings", super::raw::settings).unwrap_or_default(),
        rag: m.optional(d, "rag", |d, n| {
            let mut r = d.map(n, "the delivery thresholds", RAG_KEYS)?;
            let pair =
                (r.optional(d, "green", Decoder::percentage), r.optional(d, "amber", Decoder::percentage));
            let _ = r.finish(d);
            Some((pair.0, pair.1, n.loc))
        }),
        priorities: list_of(&mut m, d, "priorities", priority),
        measures: list_of(&mut m, d, "measures", measure),
    };
    let _ = m.finish(d);
    raw
}

fn priority(d: &mut Decoder, node: &Node) -> Option<RawPriority> {
    let mut m = d.map(node, "a priority", PRIORITY_KEYS)?;
    let raw = RawPriority {
        loc: m.loc,
        id: m.required(d, "id", Decoder::text),
        name: m.required(d, "name", Decoder::text),
        weight: m.optional(d, "weight", Decoder::number),
    };
    let _ = m.finish(d);
    Some(raw)
}

fn measure(d: &mut Decoder, node: &Node) -> Option<RawMeasure> {
    let mut m = d.map(node, "a measure", MEASURE_KEYS)?;
    let raw = RawMeasure {
        loc: m.loc,
        id: m.required(d, "id", Decoder::text),
        code: m.optional(d, "code", Decoder::text),
        priority: m.required(d, "priority", Decoder::text),
        description: m.required(d, "description", Decoder::text),
        unit: m.required(d, "unit", Decoder::text),
        proxy: m.required(d, "proxy", |d, n| match n.kind {
            Kind::Str(_) => d.text(n).map(RawMeasureProxy::Id),
            _ => super::raw::proxy(d, n).map(RawMeasureProxy::Inline),
        }),
        deadweight: m.optional(d, "deadweight", Decoder::percentage),
        displacement: m.optional(d, "displacement", Decoder::percentage),
        attribution: m.optional(d, "attribution", Decoder::percentage),
        evidence: m.optional(d, "evidence", Decoder::text),
    };
    let _ = m.finish(d);
    Some(raw)
}

/// Decodes an offer document; problems are left in `d`.
pub fn offer(d: &mut Decoder, root: &Node) -> RawOffer {
    use crate::model::commission::SupplierSize;
    let Some(mut m) = d.map(root, "an offer", OFFER_KEYS) else {
        return RawOffer::default();
    };
    let raw = RawOffer {
        sroi: m.required(d, "sroi", Decoder::whole),
        name: m.required(d, "offer", Decoder::text),
        framework: m.required(d, "framework", Decoder::text),
        supplier: m.required(d, "supplier", |d, n| {
            let mut s = d.map(n, "the supplier", SUPPLIER_KEYS)?;
            let name = s.required(d, "name", Decoder::text);
            let size = s.required(d, "size", |d, n| {
                d.keyword(
                    n,
                    &[
                        ("micro", SupplierSize::Micro),
                        ("sme", SupplierSize::Sme),
                        ("large", SupplierSize::Large),
                        ("vcse", SupplierSize::Vcse),
                    ],
                )
            });
            let _ = s.finish(d);
            Some((name, size))
        }),
        area: m.optional(d, "area", Decoder::text),
        contract: m.required(d, "contract", contract),
        commitments: list_of(&mut m, d, "commitments", commitment),
    };
    let _ = m.finish(d);
    raw
}

fn contract(d: &mut Decoder, node: &Node) -> Option<RawContract> {
    let mut m = d.map(node, "the contract", CONTRACT_KEYS)?;
    let raw = RawContract {
        loc: m.loc,
        id: m.required(d, "id", Decoder::text),
        value: m.required(d, "value", Decoder::number),
        start: m.required(d, "start", Decoder::date),
        years: m.required(d, "years", Decoder::whole),
    };
    let _ = m.finish(d);
    Some(raw)
}

fn commitment(d: &mut Decoder, node: &Node) -> Option<RawCommitment> {
    let mut m = d.map(node, "a commitment", COMMITMENT_KEYS)?;
    let mut each_year = false;
    let raw = RawCommitment {
        loc: m.loc,
        measure: m.required(d, "measure", Decoder::text),
        quantity: m.required(d, "quantity", |d, n| match n.kind {
            Kind::Seq(_) => d.list(n, Decoder::number),
            _ => {
                each_year = true;
                d.number(n).map(|q| L::new(vec![q.clone()], q.loc))
            }
        }),
        each_year: false,
        how: m.optional(d, "how", Decoder::text),
    };
    let _ = m.finish(d);
    Some(RawCommitment { each_year, ..raw })
}

/// Decodes a returns document; problems are left in `d`.
pub fn returns(d: &mut Decoder, root: &Node) -> RawReturns {
    let Some(mut m) = d.map(root, "delivery returns", RETURNS_KEYS) else {
        return RawReturns::default();
    };
    let raw = RawReturns {
        sroi: m.required(d, "sroi", Decoder::whole),
        name: m.required(d, "returns", Decoder::text),
        offer: m.required(d, "offer", Decoder::text),
        periods: list_of(&mut m, d, "periods", super::raw::period),
        delivered: list_of(&mut m, d, "delivered", delivery),
    };
    let _ = m.finish(d);
    raw
}

fn delivery(d: &mut Decoder, node: &Node) -> Option<RawDelivery> {
    let mut m = d.map(node, "a return", DELIVERY_KEYS)?;
    let raw = RawDelivery {
        loc: m.loc,
        measure: m.required(d, "measure", Decoder::text),
        period: m.required(d, "period", Decoder::whole),
        quantity: m.required(d, "quantity", Decoder::number),
        evidence: m.optional(d, "evidence", Decoder::text),
        validated: m.optional(d, "validated", |d, n| match n.kind {
            Kind::Bool(b) => Some(L::new(b, n.loc)),
            _ => {
                d.diagnostics.push(
                    crate::diag::Diagnostic::error("wrong-type", "expected `true` or `false`")
                        .at(n.loc)
                        .hint("write `validated: true` once the council has checked the evidence"),
                );
                None
            }
        }),
    };
    let _ = m.finish(d);
    Some(raw)
}
