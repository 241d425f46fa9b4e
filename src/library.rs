//! Proxy libraries: lists of financial proxies with their provenance, that
//! analyses use by id (`proxy: wellby`).
//!
//! A library is a YAML list of entries. One ships with sroi
//! (`data/proxies.yaml`, openly licensed UK values only); an analysis may add
//! its own inline (`proxies:`) and in files (`proxy_files:`, relative to the
//! analysis). Entries are read with the same located decoding as analyses.

use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::load::decode::Decoder;
use crate::load::node::{Kind, Node};
use crate::source::{Loc, Located, SourceFile};

/// One proxy of a library.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryProxy {
    /// Unique within its library; what analyses refer to.
    pub id: String,
    /// What it values.
    pub name: String,
    /// Value of one unit.
    pub value: f64,
    /// The unit ("per person per year").
    pub unit: Option<String>,
    /// ISO 4217 code of `value`, when given: library files default to GBP,
    /// an analysis's own proxies to the analysis's currency.
    pub currency: Option<String>,
    /// The year whose prices `value` is in.
    pub price_year: Option<i32>,
    /// The publication and table it comes from.
    pub source: String,
    /// Where to find the source.
    pub url: Option<String>,
    /// The licence the value is used under.
    pub licence: Option<String>,
    /// How to use it well.
    pub notes: Option<String>,
    /// Words to search by.
    pub tags: Vec<String>,
    /// Where the entry is written.
    pub loc: Loc,
    /// The file it is in, when not the analysis.
    pub file: Option<Arc<SourceFile>>,
}

impl LibraryProxy {
    /// The currency, GBP when the entry gives none.
    pub fn currency_or_gbp(&self) -> &str {
        self.currency.as_deref().unwrap_or("GBP")
    }
}

/// The library that ships with sroi.
pub const SHIPPED: &str = include_str!("../data/proxies.yaml");

/// The name the shipped library is known by in messages.
pub const SHIPPED_NAME: &str = "sroi's proxy library";

const KEYS: &[&str] =
    &["id", "name", "value", "unit", "currency", "price_year", "source", "url", "licence", "notes", "tags"];

/// Reads one library entry; problems are left in `d`.
pub fn entry(d: &mut Decoder, node: &Node) -> Option<LibraryProxy> {
    let mut m = d.map(node, "a library proxy", KEYS)?;
    let id = m.required(d, "id", Decoder::text);
    let name = m.required(d, "name", Decoder::text);
    let value = m.required(d, "value", Decoder::number);
    let unit = m.optional(d, "unit", Decoder::text);
    let currency = m.optional(d, "currency", Decoder::text);
    let price_year = m.optional(d, "price_year", Decoder::whole);
    let source = m.required(d, "source", Decoder::text);
    let url = m.optional(d, "url", Decoder::text);
    let licence = m.optional(d, "licence", Decoder::text);
    let notes = m.optional(d, "notes", Decoder::text);
    let tags = m.optional(d, "tags", |d, n| d.list(n, Decoder::text));
    let _ = m.finish(d);
    let currency = currency.map(|c| c.value);
    if let Some(currency) = currency.as_deref().filter(|c| !crate::currency::is_known(c)) {
        d.diagnostics.push(
            Diagnostic::error("bad-currency", format!("`{currency}` is not an ISO 4217 currency code"))
                .at(node.loc)
                .hint("currency codes are three capital letters, such as `GBP`"),
        );
        return None;
    }
    let price_year = match price_year {
        Some(y) if (1800..=2200).contains(&y.value) => Some(y.value as i32),
        Some(y) => {
            d.diagnostics.push(
                Diagnostic::error("bad-year", format!("`{}` is not a plausible price year", y.value))
                    .at(y.loc)
                    .hint("write a calendar year such as `2025`"),
            );
            return None;
        }
        None => None,
    };
    Some(LibraryProxy {
        id: id?.value,
        name: name?.value,
        value: value?.value,
        unit: unit.map(|u| u.value),
        currency,
        price_year,
        source: source?.value,
        url: url.map(|u| u.value),
        licence: licence.map(|l| l.value),
        notes: notes.map(|n| n.value),
        tags: tags
            .map(|t| t.value.into_iter().map(|l: Located<String>| l.value).collect())
            .unwrap_or_default(),
        loc: node.loc,
        file: None,
    })
}

/// Reads a library file: a list of entries. Every problem is reported, each
/// located in `file`.
pub fn parse(file: Arc<SourceFile>) -> Result<Vec<LibraryProxy>, Vec<Diagnostic>> {
    let located = |d: Diagnostic| d.in_file(file.clone());
    let root = crate::load::parse_yaml(&file).map_err(|d| vec![located(d)])?;
    let mut d = Decoder::new(file.text.clone());
    let entries = match &root.kind {
        Kind::Seq(_) => d.list(&root, entry).map(|l| l.value).unwrap_or_default(),
        _ => {
            d.diagnostics.push(
                Diagnostic::error(
                    "wrong-type",
                    "a proxy library is a list of proxies, each starting with `- id:`",
                )
                .at(root.loc),
            );
            Vec::new()
        }
    };
    let mut ids: Vec<&str> = Vec::new();
    for e in &entries {
        if ids.contains(&e.id.as_str()) {
            d.diagnostics.push(
                Diagnostic::error("duplicate-id", format!("the proxy id `{}` is used twice", e.id))
                    .at(e.loc)
                    .hint("each proxy in a library needs its own id"),
            );
        }
        ids.push(&e.id);
    }
    if d.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(d.diagnostics.into_iter().map(located).collect());
    }
    Ok(entries.into_iter().map(|e| LibraryProxy { file: Some(file.clone()), ..e }).collect())
}

/// The shipped library. It is part of the build and tested to parse.
/// Parsed once per process: a portfolio resolves proxies for thousands of analyses.
pub fn shipped() -> Vec<LibraryProxy> {
    static PARSED: std::sync::LazyLock<Vec<LibraryProxy>> = std::sync::LazyLock::new(|| {
        parse(Arc::new(SourceFile::new(SHIPPED_NAME, SHIPPED)))
            .unwrap_or_else(|d| unreachable!("data/proxies.yaml is tested to parse: {d:?}"))
    });
    PARSED.clone()
}

/// Whether `proxy` matches every word of `query` in its id, name, unit, notes or tags.
pub fn matches(proxy: &LibraryProxy, query: &str) -> bool {
    let text = format!(
        "{} {} {} {} {}",
        proxy.id,
        proxy.name,
        proxy.unit.as_deref().unwrap_or(""),
        proxy.notes.as_deref().unwrap_or(""),
        proxy.tags.join(" ")
    )
    .to_lowercase();
    query.split_whitespace().all(|word| text.contains(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_proxy_has_a_source_and_a_licence() {
        let library = shipped();
        assert!(library.len() >= 5);
        for p in &library {
            assert!(!p.source.trim().is_empty(), "{}", p.id);
            assert!(p.licence.as_deref().is_some_and(|l| l.contains("Open Government Licence")), "{}", p.id);
            assert!(p.url.as_deref().is_some_and(|u| u.starts_with("https://www.gov.uk/")), "{}", p.id);
            assert!(p.price_year.is_some(), "{}", p.id);
            // What one unit is, so an outcome's quantity can count the right thing.
            assert!(p.unit.as_deref().is_some_and(|u| u.starts_with("one ")), "{}", p.id);
        }
        let wellby = library.iter().find(|p| p.id == "wellby").expect("wellby");
        assert_eq!((wellby.value, wellby.price_year), (13000.0, Some(2019)));
    }

    #[test]
    fn search_matches_every_word() {
        let library = shipped();
        let found: Vec<&str> =
            library.iter().filter(|p| matches(p, "living wage 2025")).map(|p| p.id.as_str()).collect();
        assert_eq!(found, vec!["national-living-wage-hour-2025"]);
        assert!(library.iter().any(|p| matches(p, "WELLBEING")));
    }

    #[test]
    fn a_broken_library_file_is_reported_in_that_file() {
        let file = Arc::new(SourceFile::new("mine.yaml", "- id: a\n  name: A\n  valeu: 3\n  source: S\n"));
        let errors = parse(file).expect_err("invalid");
        assert!(errors.iter().all(|d| d.file.as_ref().is_some_and(|f| f.name == "mine.yaml")));
        assert!(errors.iter().any(|d| d.code == "unknown-key"));
    }
}
