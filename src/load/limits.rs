//! Limits of the output formats checked against the file before anything is
//! written: a report run either writes every format asked for or none.
//!
//! Excel holds at most 32,767 characters in a cell; a longer text (a
//! 40,000-character summary) made the workbook fail after the HTML, PDF and
//! JSON were already written, with no place named. [`long_texts`] finds
//! every such text in the file, located, so the run can stop first.

use crate::diag::Diagnostic;
use crate::source::SourceFile;

use super::{Kind, Node};

/// Most characters Excel keeps in one cell.
pub const EXCEL_CELL_CHARS: usize = 32_767;

/// An error at each text of `source` longer than `max_chars` characters
/// (`format` names the output that cannot hold it, "an Excel cell").
pub fn long_texts(source: &SourceFile, max_chars: usize, format: &str) -> Vec<Diagnostic> {
    // No text can be longer than the whole file.
    if source.text.len() <= max_chars {
        return Vec::new();
    }
    // Each item of the long lists is walked as it is parsed, then freed, as
    // the analysis itself is read: the whole tree of a large file is several
    // times its size.
    let mut long: Vec<(String, crate::source::Loc, usize)> = Vec::new();
    use super::raw::LISTS;
    // How many items of each list were handed over.
    let mut handed = [0usize; LISTS.len()];
    let streamed = super::parse_yaml_handing_over(source, &LISTS, &mut |key, node| {
        let Some(list) = LISTS.iter().position(|l| *l == key) else { return };
        let index = handed[list];
        handed[list] += 1;
        walk(&node, &format!("{key}[{index}]"), max_chars, &mut |path, node, chars| {
            long.push((path.to_owned(), node.loc, chars));
        });
    });
    let root = match streamed {
        Some(root) => root,
        // Read by serde-saphyr instead; what was found is found again.
        None => {
            long.clear();
            let Ok(root) = super::parse_yaml(source) else { return Vec::new() };
            root
        }
    };
    walk(&root, "", max_chars, &mut |path, node, chars| long.push((path.to_owned(), node.loc, chars)));
    long.sort_by_key(|(_, loc, _)| (loc.line, loc.column));
    long.into_iter()
        .map(|(path, loc, chars)| {
            Diagnostic::error(
                "text-too-long",
                format!("`{path}` is {chars} characters long; {format} holds at most {max_chars}"),
            )
            .at(loc)
            .hint("shorten it (link to the full text instead), or leave `xlsx` out of `-f`")
        })
        .collect()
}

fn walk(node: &Node, path: &str, max: usize, found: &mut dyn FnMut(&str, &Node, usize)) {
    match &node.kind {
        // Bytes are at least characters: count only the texts that may be too long.
        Kind::Str(text) if text.len() > max => {
            let chars = text.chars().count();
            if chars > max {
                found(path, node, chars);
            }
        }
        Kind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), max, found);
            }
        }
        Kind::Map(entries) => {
            for (key, value) in entries {
                let path = if path.is_empty() { key.name.clone() } else { format!("{path}.{}", key.name) };
                walk(value, &path, max, found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_longer_than_a_cell_are_found_where_they_are_written() {
        let long = "x".repeat(EXCEL_CELL_CHARS + 1);
        let text = format!(
            "sroi: 1\ntitle: {long}\nstakeholders:\n  - {{ id: a, name: \"{long}\" }}\n  - {{ id: b, name: {long} }}\nsummary: {long}\n"
        );
        let found = long_texts(&SourceFile::new("a.yaml", text), EXCEL_CELL_CHARS, "an Excel cell");
        let places: Vec<(u32, &str)> =
            found.iter().map(|d| (d.loc.map_or(0, |l| l.line), d.message.as_str())).collect();
        assert_eq!(places.iter().map(|p| p.0).collect::<Vec<_>>(), [2, 4, 5, 6], "{places:?}");
        assert!(places[0].1.starts_with("`title` is 32768 characters long"), "{places:?}");
        assert!(places[1].1.starts_with("`stakeholders[0].name` is 32768 characters long"), "{places:?}");
        assert!(places[2].1.starts_with("`stakeholders[1].name`"), "{places:?}");
        assert!(places[3].1.starts_with("`summary`"), "{places:?}");
        let short = SourceFile::new("a.yaml", "summary: short\n");
        assert!(long_texts(&short, EXCEL_CELL_CHARS, "an Excel cell").is_empty());
    }
}
