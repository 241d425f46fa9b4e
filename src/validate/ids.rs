//! Ids: their spelling, their uniqueness, and references to them.

use crate::diag::Diagnostic;
use crate::load::raw::RawList;
use crate::source::Located;
use crate::suggest;

/// The ids of one kind of thing (stakeholders, inputs, outputs, outcomes), in
/// file order, so a reference resolves to an index.
pub struct Ids {
    what: &'static str,
    ids: Vec<String>,
    /// Each id's index, so checking and resolving cost the same for 10 or 100,000 ids.
    index: std::collections::HashMap<String, usize>,
    /// False when some item or id could not be read: an unresolved
    /// reference may then be a consequence of that error, so it is not reported.
    complete: bool,
}

impl Ids {
    /// Checks and records the ids of `items`; `what` names the kind ("stakeholder").
    /// An item whose id is missing or repeated still gets a slot, so indices
    /// line up with the items.
    pub fn register<T>(
        what: &'static str,
        items: &RawList<T>,
        id_of: impl Fn(&T) -> Option<&Located<String>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Ids {
        let mut ids: Vec<String> = Vec::with_capacity(items.items.len());
        let mut index = std::collections::HashMap::with_capacity(items.items.len());
        let mut complete = items.complete;
        for id in items.items.iter().map(id_of) {
            let Some(id) = id else {
                ids.push(String::new());
                complete = false;
                continue;
            };
            if let Some(problem) = spelling_problem(&id.value) {
                diagnostics.push(
                    Diagnostic::error("bad-id", format!("the {what} id `{}` {problem}", id.value))
                        .at(id.loc)
                        .hint(format!(
                            "ids use lowercase letters, digits and `-`, such as `{}`",
                            slug(&id.value)
                        )),
                );
            }
            if index.contains_key(&id.value) {
                diagnostics.push(
                    Diagnostic::error("duplicate-id", format!("the {what} id `{}` is used twice", id.value))
                        .at(id.loc)
                        .hint(format!("each {what} needs its own id; rename this one")),
                );
                ids.push(String::new());
            } else {
                if !id.value.is_empty() {
                    index.insert(id.value.clone(), ids.len());
                }
                ids.push(id.value.clone());
            }
        }
        Ids { what, ids, index, complete }
    }

    /// The index of the referenced id, or a located error with the nearest id.
    pub fn resolve(&self, reference: &Located<String>, diagnostics: &mut Vec<Diagnostic>) -> Option<usize> {
        if let Some(&index) = self.index.get(&reference.value) {
            return Some(index);
        }
        if !self.complete {
            return None;
        }
        // Only ids that are themselves valid are worth suggesting.
        let known = self.ids.iter().filter(|id| spelling_problem(id).is_none()).map(String::as_str);
        let hint = suggest::did_you_mean(&reference.value, known.clone()).unwrap_or_else(|| {
            let list: Vec<&str> = known.collect();
            if list.is_empty() {
                format!("the analysis defines no {}s yet", self.what)
            } else {
                format!("the {}s are: {}", self.what, super::super::load::decode::quoted_list(list))
            }
        });
        diagnostics.push(
            Diagnostic::error("unknown-id", format!("there is no {} `{}`", self.what, reference.value))
                .at(reference.loc)
                .hint(hint),
        );
        None
    }

    /// Resolves a list of references, dropping (and reporting) the unknown ones.
    pub fn resolve_all(
        &self,
        references: Option<&Located<Vec<Located<String>>>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        references
            .map(|list| list.value.iter().filter_map(|r| self.resolve(r, diagnostics)).collect())
            .unwrap_or_default()
    }
}

fn spelling_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("is empty")
    } else if !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        Some("may only have lowercase letters, digits and `-`")
    } else {
        None
    }
}

/// A valid id close to `text`: `Young People` → `young-people`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() { "my-id".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("Young People (16-24)"), "young-people-16-24");
        assert_eq!(slug("££"), "my-id");
        assert_eq!(spelling_problem(&slug("Über Group")), None);
    }
}
