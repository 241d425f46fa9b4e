//! Checking the shape of a node tree: known keys, value types, required fields.
//!
//! A [`Decoder`] collects diagnostics as it goes; a value of the wrong type is
//! reported and then treated as absent (and remembered as such, so that no
//! later check reports it again as missing), so decoding always runs to the
//! end of the file and reports everything in one go.

use crate::diag::Diagnostic;
use crate::source::{Loc, Located};
use crate::suggest;

use super::node::{Key, Kind, Node};

/// Largest magnitude accepted for any number: a quadrillion. Beyond it,
/// products of quantities and proxies could overflow to infinity.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Collects the diagnostics of one file while its nodes are decoded.
#[derive(Debug)]
pub struct Decoder {
    /// The file's text, to quote values as they were written.
    source: std::sync::Arc<str>,
    /// Everything found so far, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Decoder {
    /// A decoder for a document parsed from `source`.
    pub fn new(source: impl Into<std::sync::Arc<str>>) -> Self {
        Decoder { source: source.into(), diagnostics: Vec::new() }
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The comment written straight after `key:` on its line (`accent: #ffcc00`
    /// gives `#ffcc00`), where the user probably meant a value.
    fn comment_after(&self, key: &Key) -> Option<String> {
        let rest = self.source.get(key.loc.offset.saturating_add(key.name.len())..)?;
        let line = rest.lines().next()?.trim_start();
        let after = line.strip_prefix(':')?.trim();
        let after = after.strip_suffix(['}', ',']).unwrap_or(after).trim();
        // `key: # to do` is a note; `key: #ffcc00` (no space after `#`) a value.
        let value = after.strip_prefix('#')?;
        value.starts_with(|c: char| !c.is_whitespace()).then(|| after.to_owned())
    }

    /// A scalar as the user wrote it (`25.0`, `0x10`, `No`), when its place is known.
    pub fn spelling(&self, node: &Node) -> String {
        let written =
            self.source.get(node.loc.offset..node.loc.offset.saturating_add(node.loc.len)).map(str::trim);
        match (&node.kind, written) {
            (Kind::Str(s), _) => s.clone(),
            (_, Some(text)) if !text.is_empty() && !text.contains('\n') => text.to_owned(),
            (Kind::Int(i), _) => i.to_string(),
            (Kind::Float(f), _) => f.to_string(),
            (Kind::Bool(b), _) => b.to_string(),
            (other, _) => other.describe().to_owned(),
        }
    }

    fn mismatch(&mut self, node: &Node, expected: &str) {
        let found = match &node.kind {
            // Quoted, so that `"1000"` reads as the text it is.
            Kind::Str(s) if s.chars().count() <= 40 => format!("the text \"{s}\""),
            Kind::Str(_) => "text".to_owned(),
            Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) => format!("`{}`", self.spelling(node)),
            other => other.describe().to_owned(),
        };
        let mut diagnostic =
            Diagnostic::error("wrong-type", format!("expected {expected}, found {found}")).at(node.loc);
        let hint = match &node.kind {
            Kind::Str(s) if expected.contains("number") => {
                let cleaned: String =
                    s.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
                (!cleaned.is_empty() && cleaned.parse::<f64>().is_ok()).then(|| {
                    format!(
                        "write numbers without quotes, currency signs or thousands separators: `{cleaned}`"
                    )
                })
            }
            Kind::Seq(_) if expected.contains("percentage") => {
                Some("write a single percentage such as `25%`".to_owned())
            }
            Kind::Seq(_) | Kind::Map(_) if expected == "text" => {
                Some("text is written on one line after the colon, or as a block after `|`".to_owned())
            }
            Kind::Null => Some("give a value after the colon, or delete the line".to_owned()),
            _ => None,
        };
        diagnostic = diagnostic.maybe_hint(hint);
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
                missing: Vec::new(),
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

    /// Text. Other scalars are taken as written (`title: 2025`, `name: No`).
    pub fn text(&mut self, node: &Node) -> Option<Located<String>> {
        match &node.kind {
            Kind::Str(s) => Some(Located::new(s.clone(), node.loc)),
            Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) => {
                Some(Located::new(self.spelling(node), node.loc))
            }
            _ => {
                self.mismatch(node, "text");
                None
            }
        }
    }

    /// A language tag (BCP 47's shape: a 2- or 3-letter language, then
    /// subtags such as a region), e.g. `en-GB` or `cy`.
    pub fn language(&mut self, node: &Node) -> Option<Located<String>> {
        let tag = self.text(node)?;
        let mut parts = tag.value.split('-');
        let language = parts.next().unwrap_or_default();
        let well_formed = (2..=3).contains(&language.len())
            && language.chars().all(|c| c.is_ascii_alphabetic())
            && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if !well_formed {
            self.report(
                Diagnostic::error("invalid-language", format!("`{}` is not a language tag", tag.value))
                    .at(node.loc)
                    .hint("write a language tag such as `en-GB` (British English), `cy` (Welsh) or `ga` (Irish); reports and PDFs declare it to screen readers"),
            );
            return None;
        }
        Some(tag)
    }

    /// A finite number, at most a quadrillion in size.
    pub fn number(&mut self, node: &Node) -> Option<Located<f64>> {
        let value = match node.kind {
            Kind::Int(i) => i as f64,
            Kind::Float(f) => f,
            _ => {
                self.mismatch(node, "a number");
                return None;
            }
        };
        if !value.is_finite() || value.abs() > MAX_MAGNITUDE {
            let spelling = self.spelling(node);
            self.report(
                Diagnostic::error(
                    "number-too-large",
                    format!("`{spelling}` is not a number sroi can work with"),
                )
                .at(node.loc)
                .hint("numbers must be finite and at most 1,000,000,000,000,000 in size"),
            );
            return None;
        }
        Some(Located::new(value, node.loc))
    }

    /// A whole number (`3`, or `3.0`).
    pub fn whole(&mut self, node: &Node) -> Option<Located<i64>> {
        match node.kind {
            Kind::Int(i) => Some(Located::new(i, node.loc)),
            Kind::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < MAX_MAGNITUDE => {
                Some(Located::new(f as i64, node.loc))
            }
            Kind::Float(_) => {
                let spelling = self.spelling(node);
                self.report(
                    Diagnostic::error("not-whole", format!("expected a whole number, found `{spelling}`"))
                        .at(node.loc)
                        .hint("years, durations and counts of people are whole numbers, such as `3`"),
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
        let spelling = self.spelling(node);
        let (value, bare) = match &node.kind {
            Kind::Int(_) | Kind::Float(_) => (self.number(node)?.value, true),
            Kind::Str(s) => match s.trim().strip_suffix('%').map(|n| n.trim().parse::<f64>()) {
                Some(Ok(n)) if n.is_finite() => (n / 100.0, false),
                _ => {
                    self.report(
                        Diagnostic::error("wrong-type", format!("expected a percentage, found `{s}`"))
                            .at(node.loc)
                            .hint("write percentages with a `%` sign, `25%`, or as a fraction, `0.25`"),
                    );
                    return None;
                }
            },
            _ => {
                self.mismatch(node, "a percentage");
                return None;
            }
        };
        if bare && value > 1.0 {
            let hint = if value <= 100.0 {
                format!(
                    "write percentages with a `%` sign or as a fraction: `{spelling}%` or `{}`",
                    value / 100.0
                )
            } else {
                "percentages lie between 0% and 100%, written `25%` or `0.25`".to_owned()
            };
            self.report(
                Diagnostic::error("bare-percentage", format!("`{spelling}` is not a percentage"))
                    .at(node.loc)
                    .hint(hint),
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
/// reports the keys nobody asked for and the required ones that are missing.
pub struct Fields<'n> {
    entries: &'n [(Key, Node)],
    used: Vec<bool>,
    invalid: Vec<&'static str>,
    missing: Vec<&'static str>,
    what: &'static str,
    known: &'static [&'static str],
    /// Where the mapping starts.
    pub loc: Loc,
}

impl<'n> Fields<'n> {
    /// The key and node of `key`, if present.
    fn entry(&mut self, key: &'static str) -> Option<&'n (Key, Node)> {
        debug_assert!(self.known.contains(&key), "{key} is not declared for {}", self.what);
        let index = self.entries.iter().position(|(k, _)| k.name == key)?;
        self.used[index] = true;
        Some(&self.entries[index])
    }

    /// The node under `key`, if present.
    pub fn node(&mut self, key: &'static str) -> Option<&'n Node> {
        self.entry(key).map(|(_, node)| node)
    }

    /// Reads a present node with `read`. A key with no value is an error
    /// (`deadweight:` must not silently mean 0%); any unusable value is
    /// remembered, so it is not reported again as missing.
    fn read<T>(
        &mut self,
        d: &mut Decoder,
        (key, node): &(Key, Node),
        name: &'static str,
        read: impl FnOnce(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<T> {
        let value = if node.kind == Kind::Null {
            d.report(
                Diagnostic::error("empty-value", format!("`{name}` has no value"))
                    .at(Loc { len: key.name.len(), ..key.loc })
                    .hint(match d.comment_after(key) {
                        Some(comment) => format!(
                            "`#` starts a comment in YAML, so `{comment}` was read as one; \
                             put the value in quotes: `{}: \"{comment}\"`",
                            key.name
                        ),
                        None => "give a value after the colon, or delete the line".to_owned(),
                    }),
            );
            None
        } else {
            read(d, node)
        };
        if value.is_none() {
            self.mark_invalid(name);
        }
        value
    }

    /// Reads an optional field.
    pub fn optional<T>(
        &mut self,
        d: &mut Decoder,
        key: &'static str,
        read: impl FnOnce(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<T> {
        let entry = self.entry(key)?;
        self.read(d, entry, key, read)
    }

    /// Reads a required field; a missing one is reported by [`Fields::finish`].
    pub fn required<T>(
        &mut self,
        d: &mut Decoder,
        key: &'static str,
        read: impl FnOnce(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<T> {
        match self.entry(key) {
            Some(entry) => self.read(d, entry, key, read),
            None => {
                self.missing.push(key);
                None
            }
        }
    }

    /// Records that `key`, though present, did not give a usable value.
    pub fn mark_invalid(&mut self, key: &'static str) {
        self.invalid.push(key);
    }

    /// Reports every key that no read asked for, with the likely intended key,
    /// and every required key that is missing, unless a misspelt key already
    /// stands for it. Returns the keys that were present but unusable, or
    /// misspelt, so that later checks do not report their absence again.
    pub fn finish(mut self, d: &mut Decoder) -> Vec<&'static str> {
        let mut meant = Vec::new();
        for ((key, _), used) in self.entries.iter().zip(&self.used) {
            if *used {
                continue;
            }
            let known = self.known.iter().copied();
            let closest = suggest::closest(&key.name, known.clone());
            let hint = match closest {
                Some(intended) => format!("did you mean `{intended}`?"),
                None => format!("{} may have: {}", self.what, quoted_list(known)),
            };
            meant.extend(closest);
            let message = format!("unknown key `{}` in {}", key.name, self.what);
            let loc = Loc { len: key.name.len(), ..key.loc };
            d.report(Diagnostic::error("unknown-key", message).at(loc).hint(hint));
        }
        for key in &self.missing {
            if meant.contains(key) {
                continue;
            }
            d.report(
                Diagnostic::error("missing-key", format!("{} needs `{key}`", self.what))
                    .at(self.loc)
                    .hint(format!("add a line `{key}: …` to {}", self.what)),
            );
        }
        self.invalid.extend(meant);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key_at(source: &str, name: &str) -> Key {
        let offset = source.find(name).expect("key in source");
        Key { name: name.to_owned(), loc: Loc { offset, len: name.len(), ..Loc::default() } }
    }

    #[test]
    fn a_colour_read_as_a_comment_is_found_after_its_key() {
        let source = "theme:\n  accent: #ffcc00\n  logo: x.png\n";
        let d = Decoder::new(source);
        assert_eq!(d.comment_after(&key_at(source, "accent")).as_deref(), Some("#ffcc00"));
    }

    #[test]
    fn a_note_after_an_empty_key_is_not_taken_for_a_value() {
        // `# ` with a space is how people write comments: no quoting hint.
        let source = "deadweight:   # to be decided\nlogo:\n";
        let d = Decoder::new(source);
        assert_eq!(d.comment_after(&key_at(source, "deadweight")), None);
        assert_eq!(d.comment_after(&key_at(source, "logo")), None);
    }
}
