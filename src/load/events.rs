//! The located tree straight from the YAML parser's events, for the
//! documents that serde-saphyr would read into the same tree.
//!
//! serde-saphyr reads every node through serde's layers (a `Spanned` wrapper,
//! recorded keys, peeked events), which costs about three times what its
//! parser does. Most analyses use none of what those layers are for: no
//! tags, anchors, aliases or merge keys, one document, keys that are plain
//! words. For those, [`tree`] builds the [`Node`] tree from granit-parser's
//! events (the parser serde-saphyr itself runs, with the same options), and
//! resolves plain scalars by the same YAML 1.2 rules. For anything else,
//! and for every error, it gives up (`None`) and [`super::parse_yaml`] asks
//! serde-saphyr, so the rules and every message stay serde-saphyr's.
//!
//! Giving up is always safe; building a tree is allowed only where
//! serde-saphyr would build the same one. The test at the end compares the
//! two on every fixture and thousands of mutations of them.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use super::node::{Key, Kind, Node};
use crate::source::Loc;

/// The limits serde-saphyr would enforce, so that a document near one is
/// left to it (and to its message).
pub(super) struct Limits {
    /// Most parser events.
    pub events: usize,
    /// Most levels of nesting.
    pub depth: usize,
    /// Most bytes of scalar text in all.
    pub scalar_bytes: usize,
}

/// A collection being filled.
enum Open {
    Seq(Vec<Node>, Loc),
    Map(Vec<(Key, Node)>, Loc, Option<Key>),
}

/// What [`tree`] hands over as it reads: each item of the top-level lists
/// named, as soon as it is whole (so a large file's items can be decoded and
/// freed one by one, and the whole tree never held).
pub(super) struct HandOver<'h> {
    /// The top-level keys whose list items are handed over.
    pub lists: &'h [&'h str],
    /// Takes the list's key and one item; the tree keeps an empty list.
    pub item: &'h mut dyn FnMut(&str, Node),
}

/// The tree of a one-document YAML text without tags, anchors, aliases or
/// merge keys, or `None` when serde-saphyr should read it; handing the items
/// of some top-level lists to `hand_over` as it goes, when given. When it
/// gives up, what it handed over must be forgotten.
pub(super) fn tree(
    text: &str,
    budget: &serde_saphyr::Budget,
    limits: &Limits,
    mut hand_over: Option<HandOver<'_>>,
) -> Option<Node> {
    let options = serde_saphyr::granit_parser::options! {
        simple_key_max_lookahead: budget.simple_key_max_lookahead,
        flow_nesting_limit: budget.flow_nesting_limit,
        block_nesting_limit: serde_saphyr::granit_parser::Options::default()
            .block_nesting_limit
            .max(budget.max_depth.saturating_add(1)),
        emit_comments: false,
    };
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut stack: Vec<Open> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    let mut events = 0usize;
    let mut scalar_bytes = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.ok()?;
        events += 1;
        if events >= limits.events {
            return None;
        }
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                scalar_bytes += value.len();
                if scalar_bytes >= limits.scalar_bytes {
                    return None;
                }
                let loc = loc_of(&span)?;
                if let Some(Open::Map(_, _, key @ None)) = stack.last_mut() {
                    *key = Some(Key { name: key_name(value, style)?, loc });
                    continue;
                }
                Node { kind: scalar(value, style)?, loc }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() + 1 >= limits.depth {
                    return None;
                }
                // A collection as a key (`? [a]: b`) is left to serde-saphyr.
                if let Some(Open::Map(_, _, None)) = stack.last() {
                    return None;
                }
                let loc = loc_of(&span)?;
                stack.push(match event {
                    Event::SequenceStart(..) => Open::Seq(Vec::new(), loc),
                    _ => Open::Map(Vec::new(), loc, None),
                });
                continue;
            }
            Event::SequenceEnd => match stack.pop()? {
                Open::Seq(items, loc) => Node { kind: Kind::Seq(items), loc },
                Open::Map(..) => return None,
            },
            Event::MappingEnd => match stack.pop()? {
                Open::Map(entries, loc, None) if !has_duplicate(&entries) => {
                    Node { kind: Kind::Map(entries), loc }
                }
                _ => return None,
            },
            _ => return None,
        };
        if let (Some(h), [Open::Map(_, _, Some(key)), Open::Seq(..)]) = (hand_over.as_mut(), stack.as_slice())
            && h.lists.contains(&&*key.name)
        {
            (h.item)(&key.name, node);
            continue;
        }
        match stack.last_mut() {
            Some(Open::Seq(items, _)) => items.push(node),
            Some(Open::Map(entries, _, key)) => entries.push((key.take()?, node)),
            None if root.is_none() => root = Some(node),
            None => return None,
        }
    }
    if stack.is_empty() { root } else { None }
}

/// The location serde-saphyr gives a node whose event spans `span`.
fn loc_of(span: &Span) -> Option<Loc> {
    let offset = span.start.byte_offset()?;
    let end = span.end.byte_offset()?;
    Some(Loc {
        line: u32::try_from(span.start.line()).ok()?,
        column: u32::try_from(span.start.col() + 1).ok()?,
        offset,
        len: end.saturating_sub(offset),
    })
}

/// A mapping key that is plainly a word or a quoted text, or `None` for
/// anything serde-saphyr might read otherwise (a null, a boolean, a
/// number, a merge key).
fn key_name(value: Cow<'_, str>, style: ScalarStyle) -> Option<String> {
    if style == ScalarStyle::Plain {
        let first = value.bytes().next()?;
        let plain_word = first.is_ascii_alphabetic() || first == b'_';
        if !plain_word || is_null(&value) || bool_of(&value).is_some() {
            return None;
        }
    }
    Some(value.into_owned())
}

/// Whether any key appears twice (serde-saphyr refuses that with its own message).
fn has_duplicate(entries: &[(Key, Node)]) -> bool {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .any(|(i, (k, _))| entries[..i].iter().any(|(o, _)| o.name == k.name));
    }
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    !entries.iter().all(|(k, _)| seen.insert(k.name.as_str()))
}

/// A scalar value resolved as serde-saphyr resolves an untagged one with
/// strict booleans, or `None` when it might be a number in a form this does
/// not read (hexadecimal, underscores, `.inf`, a leading `+`…).
fn scalar(value: Cow<'_, str>, style: ScalarStyle) -> Option<Kind> {
    if style != ScalarStyle::Plain {
        return Some(Kind::Str(value.into_owned()));
    }
    if is_null(&value) {
        return Some(Kind::Null);
    }
    if let Some(b) = bool_of(&value) {
        return Some(Kind::Bool(b));
    }
    if let Some(number) = number(&value) {
        return number;
    }
    Some(Kind::Str(value.into_owned()))
}

/// YAML 1.2's nulls, as serde-saphyr spells them.
fn is_null(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// YAML 1.2's booleans.
fn bool_of(value: &str) -> Option<bool> {
    match value {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `None` when `value` cannot be a number (it is text); `Some(None)` when it
/// might be one in a form left to serde-saphyr; `Some(Some(kind))` for a
/// plain decimal integer or fraction.
fn number(value: &str) -> Option<Option<Kind>> {
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    let numeric_start = unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+');
    if !numeric_start {
        // `-x`, `inf`, `nan`, words: never numbers to serde-saphyr.
        return None;
    }
    // Text with any character no number can hold (a space, `%`, `/`, `:`…) is text.
    let could_be_number = unsigned
        .bytes()
        .all(|b| b.is_ascii_hexdigit() || matches!(b, b'.' | b'_' | b'+' | b'-' | b'x' | b'X' | b'o' | b'O'));
    // A sign inside a number only follows an exponent's `e`: `2025-04-01` is text.
    let inner_sign = unsigned
        .char_indices()
        .skip(1)
        .any(|(i, c)| matches!(c, '+' | '-') && !matches!(unsigned.as_bytes()[i - 1], b'e' | b'E'));
    if (!could_be_number || inner_sign) && !unsigned.starts_with('.') {
        return None;
    }
    let bytes = unsigned.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == bytes.len() {
        // A whole number, without a redundant leading zero.
        if digits == 0 || (digits > 1 && bytes[0] == b'0') {
            return Some(None);
        }
        return Some(value.parse::<i64>().ok().map(Kind::Int));
    }
    // A fraction `D+.D*` with an optional exponent `e[+-]D+`.
    let rest = &bytes[digits..];
    if digits == 0 || rest[0] != b'.' {
        return Some(None);
    }
    let fraction = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
    let after = &rest[1 + fraction..];
    let exponent_ok = after.is_empty()
        || (matches!(after[0], b'e' | b'E') && {
            let e = after[1..]
                .strip_prefix(b"-")
                .or_else(|| after[1..].strip_prefix(b"+"))
                .unwrap_or(&after[1..]);
            !e.is_empty() && e.iter().all(u8::is_ascii_digit)
        });
    if !exponent_ok {
        return Some(None);
    }
    Some(value.parse::<f64>().ok().filter(|f| f.is_finite()).map(Kind::Float))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// What serde-saphyr reads, as `parse_yaml` would without this module.
    fn by_serde(text: &str) -> Result<Node, String> {
        super::super::parse_yaml_slowly(&SourceFile::new("t.yaml", text), super::super::MAX_EVENTS)
            .map_err(|d| d.message)
    }

    fn fast(text: &str) -> Option<Node> {
        super::super::parse_yaml_from_events(&SourceFile::new("t.yaml", text))
    }

    /// Every tree built here is the one serde-saphyr builds.
    fn agrees(text: &str) -> bool {
        match fast(text) {
            None => true,
            Some(tree) => match by_serde(text) {
                Ok(expected) if expected == tree => true,
                Ok(expected) => {
                    panic!("a different tree for {text:?}:\n{tree:?}\nserde-saphyr:\n{expected:?}")
                }
                Err(message) => panic!("a tree where serde-saphyr says {message:?} for {text:?}"),
            },
        }
    }

    #[test]
    fn plain_scalars_resolve_as_serde_saphyr_resolves_them() {
        for value in [
            "1",
            "-1",
            "0",
            "-0",
            "007",
            "+1",
            "1_000",
            "0x1F",
            "0o17",
            "0b1",
            "1.5",
            "-1.5",
            "1.",
            ".5",
            "-.5",
            "1e5",
            "1.5e5",
            "1.5E-3",
            "1.5e+3",
            "1e999",
            ".inf",
            "-.inf",
            ".nan",
            ".NaN",
            "inf",
            "nan",
            "25%",
            "2025-04-01",
            "1 000",
            "true",
            "True",
            "TRUE",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "~",
            "null",
            "Null",
            "NULL",
            "",
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1.2.3",
            "1-2",
            "1e",
            "1e+",
            "abc",
            "-abc",
            "£5",
            "0.25",
            "3.5%",
            "1,000",
            "1f",
            "deadbeef",
            "1.0e10",
            "12abc",
            "-",
            "--",
            "+",
            ".",
            "..",
            "0.",
        ] {
            for text in [format!("a: {value}\n"), format!("- {value}\n"), format!("a: [{value}]\n")] {
                assert!(agrees(&text));
            }
        }
        assert!(fast("a: 25%\nb: 1.5\nc: 12\nd: true\ne: ~\n").is_some(), "the common forms are read here");
    }

    #[test]
    fn what_is_left_to_serde_saphyr() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "<<: {a: 1}\n",
            "a: 1\na: 2\n",
            "? [a]\n: 1\n",
            "1: a\n",
            "true: a\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: [1\n",
            "a:\n\t- 1\n",
        ] {
            assert!(fast(text).is_none(), "{text:?} should be left to serde-saphyr");
            assert!(agrees(text));
        }
    }

    /// Every YAML file of the repository (name and text) and, after each,
    /// `per_file` seeded mutations of it: characters YAML gives meaning to
    /// inserted, text deleted, lines doubled and dropped, CR and CRLF line
    /// ends.
    pub(crate) fn yaml_files_and_mutations(per_file: usize) -> Vec<(String, String)> {
        use rand::{RngExt, SeedableRng};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["fixtures", "tests/fixtures", "examples"] {
            collect_yaml(&root.join(dir), &mut files);
        }
        assert!(files.len() > 50, "the fixtures are found ({})", files.len());
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(17);
        let inserts = [
            ":", ": ", "-", "- ", "'", "\"", "&a ", "*a", "!!str ", "\t", "#", " #", "[", "]", "{", "}", ",",
            "\r", "\r\n", "\n", "  ", "? ", "|", ">", "%", "@", "`", "\\", "0", ".", "e", "~", "<<: ",
            "\u{feff}", "\u{0}",
        ];
        let mut out = Vec::new();
        for file in &files {
            let name = file.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(file).unwrap_or_default();
            out.push((name.clone(), text.replace('\n', "\r\n")));
            out.push((name.clone(), text.replace('\n', "\r")));
            for _ in 0..per_file {
                let mut mutated = text.clone();
                for _ in 0..rng.random_range(1..4) {
                    let at = floor_char(&mutated, rng.random_range(0..=mutated.len()));
                    match rng.random_range(0..4) {
                        0 | 1 => mutated.insert_str(at, inserts[rng.random_range(0..inserts.len())]),
                        2 => {
                            let end = floor_char(&mutated, (at + rng.random_range(1..8)).min(mutated.len()));
                            mutated.replace_range(at..end, "");
                        }
                        _ => {
                            let start = mutated[..at].rfind('\n').map_or(0, |i| i + 1);
                            let end = mutated[at..].find('\n').map_or(mutated.len(), |i| at + i + 1);
                            let line = mutated[start..end].to_owned();
                            if rng.random_bool(0.5) {
                                mutated.insert_str(start, &line);
                            } else {
                                mutated.replace_range(start..end, "");
                            }
                        }
                    }
                }
                out.push((name.clone(), mutated));
            }
            out.push((name, text));
        }
        out
    }

    /// Every tree built here is serde-saphyr's, on every YAML file of the
    /// repository and thousands of mutations of them; and most of the
    /// files are read here.
    #[test]
    fn the_tree_is_serde_saphyrs_on_every_fixture_and_mutation() {
        let cases = yaml_files_and_mutations(40);
        let whole: Vec<_> = cases.iter().filter(|(name, _)| !name.is_empty()).collect();
        let mut built = 0;
        let mut files = 0;
        for (i, (_, text)) in whole.iter().enumerate() {
            assert!(agrees(text));
            // Each file's own text closes its group of cases.
            if whole.get(i + 1).is_none_or(|(next, _)| *next != whole[i].0) {
                files += 1;
                built += usize::from(fast(text).is_some());
            }
        }
        assert!(built * 2 > files, "most fixtures are read here ({built} of {files})");
    }

    pub(crate) fn floor_char(text: &str, mut at: usize) -> usize {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    fn collect_yaml(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                collect_yaml(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
}
