//! Checking the shape of a node tree: known keys, value types, required fields.
//!
//! A [`Decoder`] collects diagnostics as it goes; a value of the wrong type is
//! reported and then treated as absent, so decoding always runs to the end of
//! the file and reports everything in one go.

use crate::diag::Diagnostic;
use crate::source::{Loc, Located};
use crate::suggest;

use super::node::{Key, Kind, Node};

/// Collects the diagnostics of one file while its nodes are decoded.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Everything found so far, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Decoder {
    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn mismatch(&mut self, node: &Node, expected: &str) {
        let found = match &node.kind {
            Kind::Str(s) if s.chars().count() <= 40 => format!("`{s}`"),
            other => other.describe().to_owned(),
        };
        let mut diagnostic =
            Diagnostic::error("wrong-type", format!("expected {expected}, found {found}")).at(node.loc);
        if let Kind::Str(s) = &node.kind
            && expected.contains("number")
        {
            let cleaned: String =
                s.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
            if !cleaned.is_empty() && cleaned.parse::<f64>().is_ok() {
                diagnostic = diagnostic.hint(format!(
                    "write numbers without quotes, currency signs or thousands separators: `{cleaned}`"
                ));
            }
        }
        self.report(diagnostic);
    }

    /// Opens a mapping whose keys are checked against `known`. `what` names the
    /// mapping in messages ("an outcome").
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        what: &'static str,
        known: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        match &node.kind {
            Kind::Map(entries) => Some(Fields {
                entries,
                used: vec![false; entries.len()],
                invalid: Vec::new(),
                what,
                known,
                loc: node.loc,
            }),
            _ => {
                self.mismatch(node, &format!("{what} written as `key: value` lines"));
                None
            }
        }
    }

    /// Text. Whole numbers are taken as their digits (`id: 2025`).
    pub fn text(&mut self, node: &Node) -> Option<Located<String>> {
        match &node.kind {
            Kind::Str(s) => Some(Located::new(s.clone(), node.loc)),
            Kind::Int(i) => Some(Located::new(i.to_string(), node.loc)),
            _ => {
                self.mismatch(node, "text");
                None
            }
        }
    }

    /// A finite number.
    pub fn number(&mut self, node: &Node) -> Option<Located<f64>> {
        match node.kind {
            Kind::Int(i) => Some(Located::new(i as f64, node.loc)),
            Kind::Float(f) if f.is_finite() => Some(Located::new(f, node.loc)),
            Kind::Float(f) => {
                let spelling = if f.is_nan() {
                    ".nan"
                } else if f > 0.0 {
                    ".inf"
                } else {
                    "-.inf"
                };
                self.report(
                    Diagnostic::error("not-finite", format!("numbers must be finite, found `{spelling}`"))
                        .at(node.loc)
                        .hint("give an ordinary number such as `1200` or `0.5`"),
                );
                None
            }
            _ => {
                self.mismatch(node, "a number");
                None
            }
        }
    }

    /// A whole number (`3`, or `3.0`).
    pub fn whole(&mut self, node: &Node) -> Option<Located<i64>> {
        match node.kind {
            Kind::Int(i) => Some(Located::new(i, node.loc)),
            Kind::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => {
                Some(Located::new(f as i64, node.loc))
            }
            Kind::Float(f) => {
                self.report(
                    Diagnostic::error("not-whole", format!("expected a whole number, found `{f}`"))
                        .at(node.loc)
                        .hint("years and durations are whole numbers, such as `3`"),
                );
                None
            }
            _ => {
                self.mismatch(node, "a whole number");
                None
            }
        }
    }

    /// A percentage as a fraction: `25%`, `12.5%` or `0.25`. A bare number
    /// above 1 is refused, since `25` could mean 25% or 2,500%.
    pub fn percentage(&mut self, node: &Node) -> Option<Located<f64>> {
        let spelling_hint = "percentages are written `25%` or `0.25`";
        let (value, bare) = match &node.kind {
            Kind::Int(_) | Kind::Float(_) => (self.number(node)?.value, true),
            Kind::Str(s) => match s.trim().strip_suffix('%').map(|n| n.trim().parse::<f64>()) {
                Some(Ok(n)) if n.is_finite() => (n / 100.0, false),
                _ => match s.trim().parse::<f64>() {
                    Ok(n) if n.is_finite() => (n, true),
                    _ => {
                        self.report(
                            Diagnostic::error("wrong-type", format!("expected a percentage, found `{s}`"))
                                .at(node.loc)
                                .hint(spelling_hint),
                        );
                        return None;
                    }
                },
            },
            _ => {
                self.mismatch(node, "a percentage");
                return None;
            }
        };
        if bare && value > 1.0 {
            self.report(
                Diagnostic::error("bare-percentage", format!("`{value}` is not a percentage"))
                    .at(node.loc)
                    .hint(format!("{spelling_hint}: write `{value}%` or `{}`", value / 100.0)),
            );
            return None;
        }
        Some(Located::new(value, node.loc))
    }

    /// One of a fixed set of keywords, mapped to its value.
    pub fn keyword<T: Copy>(&mut self, node: &Node, choices: &[(&str, T)]) -> Option<Located<T>> {
        let names = || choices.iter().map(|(name, _)| *name);
        let Kind::Str(word) = &node.kind else {
            self.mismatch(node, &format!("one of {}", quoted_list(names())));
            return None;
        };
        if let Some((_, value)) = choices.iter().find(|(name, _)| name == word) {
            return Some(Located::new(*value, node.loc));
        }
        self.report(
            Diagnostic::error("unknown-keyword", format!("`{word}` is not one of {}", quoted_list(names())))
                .at(node.loc)
                .maybe_hint(suggest::did_you_mean(word, names())),
        );
        None
    }

    /// A list whose items are read with `item`, with whether every item was
    /// usable; bad items are reported and dropped.
    pub fn list_complete<T>(
        &mut self,
        node: &Node,
        item: impl FnMut(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<(Located<Vec<T>>, bool)> {
        let total = match &node.kind {
            Kind::Seq(items) => items.len(),
            _ => 0,
        };
        let list = self.list(node, item)?;
        let complete = list.value.len() == total;
        Some((list, complete))
    }

    /// A list whose items are read with `item`; bad items are reported and dropped.
    pub fn list<T>(
        &mut self,
        node: &Node,
        mut item: impl FnMut(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<Located<Vec<T>>> {
        match &node.kind {
            Kind::Seq(items) => {
                Some(Located::new(items.iter().filter_map(|n| item(&mut *self, n)).collect(), node.loc))
            }
            _ => {
                self.report(
                    Diagnostic::error(
                        "wrong-type",
                        format!("expected a list, found {}", node.kind.describe()),
                    )
                    .at(node.loc)
                    .hint("write a list as `[a, b]` or as lines starting with `- `"),
                );
                None
            }
        }
    }

    /// A list of ids (`[grant, mentoring]`).
    pub fn ids(&mut self, node: &Node) -> Option<Located<Vec<Located<String>>>> {
        self.list(node, Decoder::text)
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node) -> Option<Located<crate::model::Date>> {
        let text = self.text(node)?;
        match crate::model::Date::parse(&text.value) {
            Some(date) => Some(Located::new(date, node.loc)),
            None => {
                self.report(
                    Diagnostic::error("bad-date", format!("`{}` is not a date", text.value))
                        .at(node.loc)
                        .hint("dates are written year-month-day, such as `2025-04-01`"),
                );
                None
            }
        }
    }
}

/// The entries of one mapping, read key by key; [`Fields::finish`] then
/// reports the keys nobody asked for.
pub struct Fields<'n> {
    entries: &'n [(Key, Node)],
    used: Vec<bool>,
    invalid: Vec<&'static str>,
    what: &'static str,
    known: &'static [&'static str],
    /// Where the mapping starts.
    pub loc: Loc,
}

impl<'n> Fields<'n> {
    /// The node under `key`, if present.
    pub fn node(&mut self, key: &'static str) -> Option<&'n Node> {
        debug_assert!(self.known.contains(&key), "{key} is not declared for {}", self.what);
        let index = self.entries.iter().position(|(k, _)| k.name == key)?;
        self.used[index] = true;
        Some(&self.entries[index].1)
    }

    /// Reads a present, non-null node with `read`, remembering the key when
    /// the value was unusable.
    fn read<T>(
        &mut self,
        d: &mut Decoder,
        key: &'static str,
        node: &Node,
        read: impl FnOnce(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<T> {
        let value = read(d, node);
        if value.is_none() {
            self.mark_invalid(key);
        }
        value
    }

    /// Reads an optional field. `null` counts as absent.
    pub fn optional<T>(
        &mut self,
        d: &mut Decoder,
        key: &'static str,
        read: impl FnOnce(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<T> {
        let node = self.node(key).filter(|n| n.kind != Kind::Null)?;
        self.read(d, key, node, read)
    }

    /// Reads a required field, reporting it when missing.
    pub fn required<T>(
        &mut self,
        d: &mut Decoder,
        key: &'static str,
        read: impl FnOnce(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<T> {
        match self.node(key) {
            Some(node) if node.kind != Kind::Null => self.read(d, key, node, read),
            _ => {
                d.report(
                    Diagnostic::error("missing-key", format!("{} needs `{key}`", self.what))
                        .at(self.loc)
                        .hint(format!("add a line `{key}: …` to {}", self.what)),
                );
                None
            }
        }
    }

    /// Records that `key`, though present, did not give a usable value.
    pub fn mark_invalid(&mut self, key: &'static str) {
        self.invalid.push(key);
    }

    /// Reports every key that no read asked for, and returns the keys that
    /// were present but unusable (already reported), so that later checks do
    /// not report them again as missing.
    pub fn finish(self, d: &mut Decoder) -> Vec<&'static str> {
        for ((key, _), used) in self.entries.iter().zip(self.used) {
            if used {
                continue;
            }
            let known = self.known.iter().copied();
            let hint = suggest::did_you_mean(&key.name, known.clone())
                .unwrap_or_else(|| format!("{} may have: {}", self.what, quoted_list(known)));
            let message = format!("unknown key `{}` in {}", key.name, self.what);
            let loc = Loc { len: key.name.len(), ..key.loc };
            d.report(Diagnostic::error("unknown-key", message).at(loc).hint(hint));
        }
        self.invalid
    }
}

/// `` `a`, `b` or `c` ``.
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| format!("`{i}`")).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
