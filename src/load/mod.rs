//! Stage 1, load: bytes → YAML node tree → [`raw`] structs.
//!
//! Reading enforces resource limits (file size, YAML budgets for alias
//! expansion and nesting) so that hostile input fails fast with a clear
//! error. Decoding checks the *shape* of the document (known keys, value
//! types, required fields) and collects every problem; what the values *mean*
//! is checked by [`crate::validate`].

pub mod commission;
pub mod decode;
pub(crate) mod events;
pub mod kind;
pub mod limits;
pub mod logo;
pub mod manifest;
pub mod named;
pub mod node;
pub mod previous;
pub mod raw;
pub mod templates;

use std::io::Read;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::source::{Loc, SourceFile};

pub use node::{Key, Kind, Node};

/// Largest analysis file read, in bytes. A hand-written analysis of 2,000
/// outcomes is about 1 MB; anything near this limit is not an analysis.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Most YAML aliases (`*name`) followed in one file. Analyses rarely use any;
/// the limit stops "billion laughs" expansion long before it costs time.
const MAX_ALIASES: usize = 1_000;

/// Most events that aliases may replay in one file. Analyses rarely use
/// aliases; this stops "billion laughs" expansion after a few milliseconds
/// and a few megabytes.
const MAX_REPLAYED_EVENTS: usize = 50_000;

/// Most nodes (values, lists and mappings) in one file: as many as events.
pub const MAX_NODES: usize = 5_000_000;

/// Most parser events in one file (every key and value is one, every list
/// and mapping two). This is the limit large analyses meet first: an
/// outcome is 20 events written briefly and about 50 with every field and
/// a range, so it allows 100,000 to 250,000 outcomes, about what the 32 MB
/// file limit lets in (five times serde-saphyr's default; the located tree
/// of a file at this limit stays near ten times the file's size).
pub const MAX_EVENTS: usize = 5_000_000;

/// Most levels of nesting; an analysis needs six.
const MAX_DEPTH: usize = 64;

/// Why an analysis could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read (exit code 2).
    #[error("{name}: error: cannot read the file: {source}")]
    Io {
        /// The name as the user gave it.
        name: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The bytes are not an analysis: too large, or not UTF-8 (exit code 1).
    #[error("the file is not a readable analysis")]
    Invalid {
        /// The file, with whatever text could be decoded, for the diagnostic.
        file: SourceFile,
        /// What is wrong.
        diagnostic: Box<Diagnostic>,
    },
}

/// Reads an analysis from `path`, or from standard input when it is `-`.
pub fn read_source(path: &str) -> Result<SourceFile, ReadError> {
    let name = if path == "-" { "<stdin>".to_owned() } else { path.to_owned() };
    let io_error = |source| ReadError::Io { name: name.clone(), source };
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().lock().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    } else {
        let file = std::fs::File::open(Path::new(path)).map_err(io_error)?;
        let size = file.metadata().map_err(io_error)?.len();
        if size > MAX_FILE_BYTES {
            return Err(too_large(name, size));
        }
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    }
    source_from_bytes(name, bytes)
}

/// Checks size and encoding of bytes already read.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(too_large(name, size));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let source = SourceFile::new(name, String::from_utf8_lossy(&bytes).into_owned());
            // Lossy decoding keeps every valid byte before the bad one in place.
            let loc = source.loc_of_offset(valid);
            let diagnostic = Diagnostic::error("not-utf8", "the file is not valid UTF-8 text")
                .at(loc)
                .hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")");
            Err(ReadError::Invalid { file: source, diagnostic: Box::new(diagnostic) })
        }
    }
}

fn too_large(name: String, size: u64) -> ReadError {
    let diagnostic = Diagnostic::error(
        "file-too-large",
        format!(
            "the file is {} MB; an analysis may be at most {} MB",
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ),
    )
    .hint("check that this is the analysis you meant; split very large programmes into several analyses and combine them with `sroi portfolio`");
    ReadError::Invalid { file: SourceFile::new(name, String::new()), diagnostic: Box::new(diagnostic) }
}

/// Parses the YAML of `source` into a node tree.
pub fn parse_yaml(source: &SourceFile) -> Result<Node, Diagnostic> {
    parse_yaml_within(source, MAX_EVENTS)
}

/// [`parse_yaml`] with another limit on parser events (and nodes), so the
/// limit's message can be tested without a file of millions of values.
///
/// Most analyses are read straight from the parser's events
/// ([`events::tree`]); anything that needs serde-saphyr's rules (tags,
/// anchors, merge keys, numbers in rare forms) or that it would refuse is
/// read by serde-saphyr, which also words every error.
pub fn parse_yaml_within(source: &SourceFile, max_events: usize) -> Result<Node, Diagnostic> {
    match from_events(source, max_events, None) {
        Some(tree) => Ok(tree),
        // serde-saphyr reads it, and says why when it cannot (an empty file too).
        None => parse_yaml_slowly(source, max_events),
    }
}

/// The tree of `source` from the parser's events ([`events::tree`]), or
/// `None` where serde-saphyr must read it (an empty file among them).
fn from_events(
    source: &SourceFile,
    max_events: usize,
    hand_over: Option<events::HandOver<'_>>,
) -> Option<Node> {
    if has_no_value(&source.text) {
        return None;
    }
    let (budget, limits) = budget(max_events);
    events::tree(&source.text, &budget, &limits, hand_over)
}

/// Whether the text holds no YAML value at all: only blank lines, comments
/// and document markers (any of CR, LF and CRLF ending the lines).
fn has_no_value(text: &str) -> bool {
    text.trim().is_empty() || is_only_comments(text)
}

fn empty_file() -> Diagnostic {
    Diagnostic::error("empty-file", "the file has no analysis in it")
        .at(Loc::START)
        .hint("run `sroi init` to write a commented example to start from")
}

/// serde-saphyr's budget for a file, and the limits [`events::tree`] keeps
/// clear of so that serde-saphyr words any breach.
fn budget(max_events: usize) -> (serde_saphyr::Budget, events::Limits) {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_aliases = MAX_ALIASES;
    budget.max_nodes = MAX_NODES.min(max_events);
    budget.max_events = max_events;
    budget.max_depth = MAX_DEPTH;
    // Stream and document events are counted too: stop a few short.
    let limits = events::Limits {
        events: budget.max_events.min(budget.max_nodes).saturating_sub(8),
        depth: MAX_DEPTH,
        scalar_bytes: budget.max_total_scalar_bytes,
    };
    (budget, limits)
}

/// The tree of `source` read straight from the parser's events, handing
/// each item of the top-level lists named in `lists` to `item` as soon as it
/// is whole (the tree keeps an empty list in its place). `None` where the
/// file must be read by [`parse_yaml_slowly`] instead, and what was handed
/// over forgotten: it needs serde-saphyr's rules, or it has an error.
pub fn parse_yaml_handing_over(
    source: &SourceFile,
    lists: &[&str],
    item: &mut dyn FnMut(&str, Node),
) -> Option<Node> {
    from_events(source, MAX_EVENTS, Some(events::HandOver { lists, item }))
}

/// The tree of `source` as [`events::tree`] builds it, or `None` where it
/// leaves the file to serde-saphyr (for the differential fuzz target).
#[doc(hidden)]
pub fn parse_yaml_from_events(source: &SourceFile) -> Option<Node> {
    from_events(source, MAX_EVENTS, None)
}

/// The YAML of `source` read by serde-saphyr, the reader of every file
/// [`events::tree`] leaves (public for the differential fuzz target).
#[doc(hidden)]
pub fn parse_yaml_slowly(source: &SourceFile, max_events: usize) -> Result<Node, Diagnostic> {
    if has_no_value(&source.text) {
        return Err(empty_file());
    }
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget(max_events).0);
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = MAX_REPLAYED_EVENTS;
    options.alias_limits = alias_limits;
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    options.with_snippet = false;
    // `No`, `yes` and `on` are words (a title, a name), not YAML 1.1 booleans.
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options::<Node>(&source.text, options)
        .map_err(|e| yaml_error(&e, source, max_events))
}

fn is_only_comments(text: &str) -> bool {
    // YAML ends a line at CR too: a file saved with CR line ends that starts
    // with a comment is not one long comment.
    text.split(['\n', '\r']).all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    })
}

/// Turns a parser error into a located diagnostic in the user's terms.
fn yaml_error(error: &serde_saphyr::Error, source: &SourceFile, max_events: usize) -> Diagnostic {
    let mut loc = error.location().map(Loc::from_yaml).filter(|l| l.line > 0);
    let text = error.to_string();
    // serde-saphyr writes "error: line L column C: message at line L, column C";
    // the location is printed separately, so keep only the message.
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let message = match first.find(": ") {
        Some(i) if first.starts_with("line ") => &first[i + 2..],
        _ => first,
    };
    let message = message.find(" at line ").map_or(message, |i| &message[..i]);
    let lower = message.to_lowercase();
    let (message, hint) = if lower.contains("found a tab") || lower.contains("tabs") {
        // The parser reports where the token began; point at the tab itself.
        let from = loc.map_or(0, |l| l.offset);
        if let Some(tab) = source.text.get(from..).and_then(|rest| rest.find('\t')) {
            loc = Some(Loc { len: 1, ..source.loc_of_offset(from + tab) });
        }
        (
            "a tab is used for indentation or spacing".to_owned(),
            "YAML indents with spaces, never tabs: replace the tab with spaces".to_owned(),
        )
    } else if lower.contains("multiple yaml documents") || lower.contains("multiple documents") {
        // Point at the `---` that starts the second document.
        let mut starts = source.text.match_indices("\n---").map(|(i, _)| i + 1);
        if source.text.starts_with("---") {
            starts.next();
        }
        if let Some(offset) = starts.next() {
            loc = Some(Loc { len: 3, ..source.loc_of_offset(offset) });
        }
        (
            "the file holds more than one YAML document".to_owned(),
            "keep one analysis per file: remove this `---` line, or move what follows it to a file of its own".to_owned(),
        )
    } else if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        (
            format!("the key `{key}` appears twice in the same mapping"),
            "each key may appear once: remove or rename the repeated one".to_owned(),
        )
    } else if lower.contains("budget breached: events") || lower.contains("budget breached: nodes") {
        (
            format!(
                "the file is too large to check: it has more than {} YAML values (keys, values, lists and mappings; about one outcome in every 20 to 50 of them)",
                crate::format::number(max_events as f64, 0),
            ),
            "split the programme into several analyses and combine them with `sroi portfolio`; or keep the impact map in a workbook and read it with `sroi import`".to_owned(),
        )
    } else if lower.contains("budget breached: depth") {
        (
            "the document nests too deeply".to_owned(),
            format!("an analysis nests a few levels deep; this one goes past {MAX_DEPTH}"),
        )
    } else if lower.contains("budget breached: documents") {
        ("the file holds too many YAML documents".to_owned(), "keep one analysis per file".to_owned())
    } else if lower.contains("budget breached: scalarbytes") {
        (
            "the file holds too much text".to_owned(),
            "split the programme into several analyses and combine them with `sroi portfolio`".to_owned(),
        )
    } else if lower.contains("budget") || lower.contains("alias") {
        (
            "the file expands to too much data".to_owned(),
            format!(
                "anchors and aliases (`&name`, `*name`) may repeat at most {MAX_REPLAYED_EVENTS} values in all; write the values out instead"
            ),
        )
    } else if lower.contains("recursion") || lower.contains("depth") || lower.contains("nesting") {
        (
            "the document nests too deeply".to_owned(),
            format!("an analysis nests a few levels deep; this one goes past {MAX_DEPTH}"),
        )
    } else if lower.contains("unclosed") {
        (message.to_owned(), "close the bracket or quote that starts here".to_owned())
    } else {
        (
            message.to_owned(),
            "check the indentation and that each `key: value` pair is on its own line; text containing `: ` or ` #` needs quotes".to_owned(),
        )
    };
    let diagnostic = Diagnostic::error("yaml-syntax", format!("invalid YAML: {message}")).hint(hint);
    match loc {
        Some(loc) => diagnostic.at(loc),
        None => diagnostic,
    }
}
