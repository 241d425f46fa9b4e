//! Diagnostics: what is wrong, where, and how to fix it.
//!
//! Every stage reports problems as [`Diagnostic`]s and keeps going, so that a
//! user sees every error of a file in one run. They are printed in the format
//! of SPEC §4 by [`render`]:
//!
//! ```text
//! youth.yaml:31:5: error: unknown key `dedweight` in an outcome
//!    |
//! 31 |     dedweight: 25%
//!    |     ^^^^^^^^^
//! hint: did you mean `deadweight`?
//! ```
//!
//! [`Diagnostic`] also implements [`miette::Diagnostic`], so a library user can
//! hand it to any miette report handler instead.

use std::fmt::{self, Write as _};

use anstyle::{AnsiColor, Style};

use crate::source::{Loc, SourceFile};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The analysis cannot be computed until this is fixed.
    Error,
    /// The analysis computes, but something is probably wrong or unwise.
    Warning,
    /// Worth knowing; nothing to fix.
    Note,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    fn style(self) -> Style {
        let colour = match self {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Note => AnsiColor::Cyan,
        };
        Style::new().bold().fg_color(Some(colour.into()))
    }
}

/// The eight principles of social value, which quality findings serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Principle {
    /// 1. Involve stakeholders.
    InvolveStakeholders,
    /// 2. Understand what changes.
    UnderstandWhatChanges,
    /// 3. Value the things that matter.
    ValueWhatMatters,
    /// 4. Only include what is material.
    OnlyIncludeWhatIsMaterial,
    /// 5. Do not over-claim.
    DoNotOverClaim,
    /// 6. Be transparent.
    BeTransparent,
    /// 7. Verify the result.
    VerifyTheResult,
    /// 8. Be responsive.
    BeResponsive,
}

impl Principle {
    /// The principle in words.
    pub fn label(self) -> &'static str {
        match self {
            Principle::InvolveStakeholders => "involve stakeholders",
            Principle::UnderstandWhatChanges => "understand what changes",
            Principle::ValueWhatMatters => "value the things that matter",
            Principle::OnlyIncludeWhatIsMaterial => "only include what is material",
            Principle::DoNotOverClaim => "do not over-claim",
            Principle::BeTransparent => "be transparent",
            Principle::VerifyTheResult => "verify the result",
            Principle::BeResponsive => "be responsive",
        }
    }
}

/// One problem found in an analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// A stable, machine-readable code such as `unknown-key`.
    pub code: &'static str,
    /// What is wrong, in one sentence without a final full stop.
    pub message: String,
    /// Where, when the problem has a place in the file.
    pub loc: Option<Loc>,
    /// How to fix it; each is printed on its own `hint:` line.
    pub hints: Vec<String>,
    /// The principle of social value a quality finding serves.
    pub principle: Option<Principle>,
    /// The file the place is in, when it is not the analysis itself (a proxy file).
    pub file: Option<std::sync::Arc<SourceFile>>,
}

impl Diagnostic {
    /// An error with a code and message, not yet located.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            loc: None,
            hints: Vec::new(),
            principle: None,
            file: None,
        }
    }

    /// A note: worth knowing, nothing to fix.
    pub fn note(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(code, message) }
    }

    /// Marks the principle of social value the finding serves.
    #[must_use]
    pub fn principle(mut self, principle: Principle) -> Self {
        self.principle = Some(principle);
        self
    }

    /// Says the place is in `file`, not in the analysis.
    #[must_use]
    pub fn in_file(mut self, file: std::sync::Arc<SourceFile>) -> Self {
        self.file = Some(file);
        self
    }

    /// A warning with a code and message, not yet located.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    /// Places the diagnostic at `loc`.
    #[must_use]
    pub fn at(mut self, loc: Loc) -> Self {
        self.loc = Some(loc);
        self
    }

    /// Adds a hint on how to fix the problem.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds a hint only when there is one.
    #[must_use]
    pub fn maybe_hint(self, hint: Option<String>) -> Self {
        match hint {
            Some(hint) => self.hint(hint),
            None => self,
        }
    }

    /// True for errors, which make the analysis invalid.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.hints.is_empty()).then(|| Box::new(self.hints.join("\n")) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let loc = self.loc?;
        let span = miette::LabeledSpan::new_with_span(None, (loc.offset, loc.len));
        Some(Box::new(std::iter::once(span)))
    }
}

/// Renders `diagnostic` in the format of SPEC §4: `FILE:LINE:COL: error: message`,
/// the source line with a caret under the place, then any `hint:` lines.
/// ANSI colour only when `color` is true.
pub fn render(diagnostic: &Diagnostic, source: &SourceFile, color: bool) -> String {
    let source = diagnostic.file.as_deref().unwrap_or(source);
    let paint = |style: Style, text: &str| {
        if color { format!("{style}{text}{style:#}") } else { text.to_owned() }
    };
    let mut out = String::new();
    let name = escape_controls(&source.name);
    let place = match diagnostic.loc {
        Some(loc) => format!("{name}:{}:{}", loc.line, loc.column),
        None => name.into_owned(),
    };
    let severity = diagnostic.severity;
    let _ = writeln!(
        out,
        "{place}: {}: {}",
        paint(severity.style(), severity.label()),
        paint(Style::new().bold(), &escape_controls(&diagnostic.message))
    );
    if let Some(loc) = diagnostic.loc
        && let Some(line) = source.line_text(loc.line)
    {
        let gutter = loc.line.to_string();
        let pad = " ".repeat(gutter.len());
        let bar = paint(Style::new().fg_color(Some(AnsiColor::Blue.into())), "|");
        let (line, loc) = crop(line, loc);
        let line = line.as_str();
        let caret = caret_line(line, loc, source);
        let line = escape_line(line);
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(out, "{gutter} {bar} {line}");
        let _ = writeln!(out, "{pad} {bar} {}", paint(severity.style(), &caret));
    }
    if let Some(principle) = diagnostic.principle {
        let _ = writeln!(out, "{}: {}", paint(Style::new().bold(), "principle"), principle.label());
    }
    for hint in &diagnostic.hints {
        let _ = writeln!(out, "{}: {}", paint(Style::new().bold(), "hint"), escape_controls(hint));
    }
    out
}

/// Longest source line shown whole; longer ones are cut around the column.
const MAX_SHOWN: usize = 100;

/// The part of a long line around `loc`, with `…` where it was cut, and the
/// location's column moved to match.
fn crop(line: &str, loc: Loc) -> (String, Loc) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX_SHOWN {
        return (line.to_owned(), loc);
    }
    let column = (loc.column.max(1) - 1) as usize;
    let start = column.saturating_sub(MAX_SHOWN / 2).min(chars.len().saturating_sub(MAX_SHOWN));
    let end = (start + MAX_SHOWN).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut new_column = column - start + 1;
    if start > 0 {
        shown.insert(0, '…');
        new_column += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    let len = loc.len.min(MAX_SHOWN);
    (shown, Loc { column: u32::try_from(new_column).unwrap_or(u32::MAX), len, ..loc })
}

/// Spaces (and tabs, where the line has them) up to the column, then one `^`
/// per character of the node that lies on this line.
fn caret_line(line: &str, loc: Loc, source: &SourceFile) -> String {
    let before = usize::try_from(loc.column.saturating_sub(1)).unwrap_or(0);
    // Wide characters (CJK, emoji) take two columns on a terminal; tabs stay tabs.
    let mut caret = String::new();
    for c in line.chars().chain(std::iter::repeat(' ')).take(before) {
        match c {
            '\t' => caret.push('\t'),
            c => caret.push_str(&" ".repeat(shown_width(c))),
        }
    }
    let node = source.text.get(loc.offset..loc.offset.saturating_add(loc.len)).unwrap_or("");
    let node: String = node.chars().take(loc.len.min(MAX_SHOWN)).collect();
    let rest: String = line.chars().skip(before).collect();
    let first = node.split(['\n', '\r']).next().unwrap_or("").trim_end();
    let on_this_line: usize = first.chars().map(shown_width).sum();
    let width = on_this_line.clamp(1, rest.chars().map(shown_width).sum::<usize>().max(1));
    caret.push_str(&"^".repeat(width));
    caret
}

/// Renders a problem that has no place in a file (an unreadable file, an
/// unwritable output, a usage error): `NAME: error: message`, or without a
/// name `error: message`, then any `hint:` lines; the same format as
/// [`render`], so every problem the tool reports reads alike.
pub fn render_unplaced(name: Option<&str>, diagnostic: &Diagnostic, color: bool) -> String {
    let source = SourceFile::new(name.unwrap_or(""), "");
    let unplaced = Diagnostic { loc: None, file: None, ..diagnostic.clone() };
    let text = render(&unplaced, &source, color);
    match name {
        Some(_) => text,
        None => text.strip_prefix(": ").map(str::to_owned).unwrap_or(text),
    }
}

/// The columns a character of a source line takes once printed: escaped
/// controls as their escape, wide characters as two.
fn shown_width(c: char) -> usize {
    use unicode_width::UnicodeWidthChar;
    if must_escape(c) { escape_char(c).len() } else { c.width().unwrap_or(0) }
}

/// Whether `c` would act on a terminal instead of being shown: C0 and C1
/// controls and DEL (escape sequences, bells, carriage returns that overwrite
/// a line) and the bidirectional overrides that reorder what is shown.
fn must_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape_char(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// Text from a file made safe for a terminal: every control character (but
/// line breaks and tabs) and bidirectional override shown as its escape,
/// `\u{1b}` for ESC, so a file can neither send escape sequences nor
/// rearrange what is printed. Every printer of file text uses this.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(must_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if must_escape(c) { out.push_str(&escape_char(c)) } else { out.push(c) }
    }
    std::borrow::Cow::Owned(out)
}

/// JSON for a terminal: serde_json already writes C0 controls as `\u001b`;
/// this writes DEL, the C1 controls and the bidirectional overrides the same
/// way. They only occur inside strings, where `\uXXXX` is valid JSON for
/// the same character.
pub fn escape_json_controls(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(must_escape) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if must_escape(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`escape_json_controls`] as a writer: JSON written through it reaches
/// `inner` with DEL, the C1 controls and the bidirectional overrides
/// escaped, however the writes split the text.
pub struct JsonControls<W: std::io::Write> {
    inner: W,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

impl<W: std::io::Write> JsonControls<W> {
    /// Escapes what is written, into `inner`.
    pub fn new(inner: W) -> Self {
        JsonControls { inner, pending: Vec::new() }
    }

    fn pass(&mut self, text: &str) -> std::io::Result<()> {
        self.inner.write_all(escape_json_controls(text).as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for JsonControls<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let joined;
        let bytes = if self.pending.is_empty() {
            buf
        } else {
            let mut held = std::mem::take(&mut self.pending);
            held.extend_from_slice(buf);
            joined = held;
            &joined[..]
        };
        // A character cut at the end waits for the rest of it.
        let (whole, rest) = bytes.split_at(complete_prefix(bytes));
        if !may_escape(whole) {
            self.inner.write_all(whole)?;
        } else {
            match std::str::from_utf8(whole) {
                Ok(text) => self.pass(text)?,
                // Not UTF-8 (serde_json never writes that): passed as it is.
                Err(_) => self.inner.write_all(whole)?,
            }
        }
        self.pending = rest.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.inner.write_all(&rest)?;
        }
        self.inner.flush()
    }
}

/// How much of `bytes` ends on a whole UTF-8 character: all of it, or all
/// but a character cut off at the end (its first one to three bytes).
fn complete_prefix(bytes: &[u8]) -> usize {
    let len = bytes.len();
    // The last byte that starts a character, among the last four.
    let Some(start) = (len.saturating_sub(4)..len).rev().find(|&i| bytes[i] & 0xc0 != 0x80) else {
        return len;
    };
    let needs = match bytes[start] {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    if start + needs > len { start } else { len }
}

/// Whether `bytes` may hold a character [`escape_json_controls`] rewrites,
/// judged from its UTF-8 bytes alone (a character cut off at the end
/// counts): the C0 controls but line feed and tab, DEL, U+0080–U+009F
/// (`C2 80`–`C2 9F`), U+061C (`D8 9C`), U+200E and U+200F (`E2 80 8E`,
/// `E2 80 8F`), U+202A–U+202E (`E2 80 AA`–`E2 80 AE`) and U+2066–U+2069
/// (`E2 81 A6`–`E2 81 A9`). `£`, `é` and `—` pass.
fn may_escape(bytes: &[u8]) -> bool {
    // Most JSON is printable ASCII, line feeds and tabs: look closer only
    // from the first byte that is not.
    let plain = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n' || *b == b'\t';
    let Some(from) = bytes.iter().position(|b| !plain(b)) else { return false };
    let at = |i: usize| bytes.get(i).copied();
    bytes.iter().enumerate().skip(from).any(|(i, &b)| match b {
        b'\n' | b'\t' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 => at(i + 1).is_none_or(|n| (0x80..=0x9f).contains(&n)),
        0xd8 => at(i + 1).is_none_or(|n| n == 0x9c),
        0xe2 => match (at(i + 1), at(i + 2)) {
            (Some(0x80), Some(n)) => matches!(n, 0x8e | 0x8f | 0xaa..=0xae),
            (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(&n),
            (Some(0x80 | 0x81), None) | (None, _) => true,
            _ => false,
        },
        _ => false,
    })
}

/// A source line for its snippet: [`escape_controls`], and a stray line
/// break (there is none in a line, but a caller may pass one) escaped too.
fn escape_line(line: &str) -> String {
    escape_controls(line).replace('\n', "\\u{a}")
}

/// Most diagnostics printed for one file; the rest are counted. A file with
/// thousands of errors has one mistake repeated, and the first few hundred
/// show it.
pub const MAX_PRINTED: usize = 300;

/// Renders every diagnostic, in order: the first [`MAX_PRINTED`], then a
/// line counting the rest.
pub fn render_all(diagnostics: &[Diagnostic], source: &SourceFile, color: bool) -> String {
    let mut out: String = diagnostics.iter().take(MAX_PRINTED).map(|d| render(d, source, color)).collect();
    if diagnostics.len() > MAX_PRINTED {
        let rest = &diagnostics[MAX_PRINTED..];
        let errors = rest.iter().filter(|d| d.is_error()).count();
        let _ = writeln!(
            out,
            "{}: … and {} more ({errors} errors, {} warnings and notes) not shown; fix the ones above and run again",
            escape_controls(&source.name),
            rest.len(),
            rest.len() - errors
        );
    }
    out
}

/// Diagnostics in file order, as `sroi check` prints them: by the file they
/// are in (another file's, such as an offer's framework, apart), then line and column.
pub fn in_file_order(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.file.as_ref().map(|f| f.name.clone()), d.loc.map(|l| (l.line, l.column))));
}

/// What one file's findings come to in a summary: its warnings rendered as
/// [`render_all`] renders them (in file order), its notes only counted. It
/// keeps the text shown, not the file, so a run over thousands of files
/// holds only what it will print.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The file's name.
    pub name: String,
    /// How many warnings.
    pub warnings: usize,
    /// How many notes.
    pub notes: usize,
    /// The warnings (and any errors), rendered.
    pub shown: String,
}

impl Summary {
    /// The summary of `diagnostics`, found in `source`.
    pub fn of(mut diagnostics: Vec<Diagnostic>, source: &SourceFile, color: bool) -> Self {
        in_file_order(&mut diagnostics);
        let notes = diagnostics.iter().filter(|d| d.severity == Severity::Note).count();
        diagnostics.retain(|d| d.severity != Severity::Note);
        let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
        let shown = render_all(&diagnostics, source, color);
        Summary { name: source.name.clone(), warnings, notes, shown }
    }
}

/// Whether any of `diagnostics` is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_finds_every_character_escaped_and_passes_the_rest() {
        for c in (0..=0x30000u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            if must_escape(c) {
                assert!(may_escape(text.as_bytes()), "{:x} must be escaped", u32::from(c));
            }
        }
        for text in ["£5 — café’s “x”", "{\n\t\"a\": 1\n}"] {
            assert!(!may_escape(text.as_bytes()), "{text}");
        }
        // A character cut off at the end counts, as it might be one.
        assert!(may_escape(&"\u{202e}".as_bytes()[..2]) && may_escape(&[0xc2]));
    }

    #[test]
    fn json_written_in_pieces_is_escaped_as_when_whole() {
        use std::io::Write as _;
        let json = "{\"t\": \"é\u{7f}b\u{9b}c\u{202e}d £ é — \u{2066}\"}";
        let bytes = json.as_bytes();
        for first in 0..=bytes.len() {
            for second in first..=bytes.len() {
                let mut out = Vec::new();
                {
                    let mut w = JsonControls::new(&mut out);
                    for piece in [&bytes[..first], &bytes[first..second], &bytes[second..]] {
                        w.write_all(piece).expect("write");
                    }
                    w.flush().expect("flush");
                }
                let out = String::from_utf8(out).expect("UTF-8");
                assert_eq!(out, escape_json_controls(json), "cut at {first} and {second}");
            }
        }
    }

    #[test]
    fn renders_place_source_line_caret_and_hint() {
        let source = SourceFile::new("a.yaml", "title: x\ndedweight: 25%\n");
        let loc = Loc { line: 2, column: 1, offset: 9, len: 9 };
        let d = Diagnostic::error("unknown-key", "unknown key `dedweight`")
            .at(loc)
            .hint("did you mean `deadweight`?");
        let expected = "a.yaml:2:1: error: unknown key `dedweight`\n  |\n2 | dedweight: 25%\n  | ^^^^^^^^^\nhint: did you mean `deadweight`?\n";
        assert_eq!(render(&d, &source, false), expected);
    }

    #[test]
    fn caret_keeps_tabs_so_it_lines_up() {
        let source = SourceFile::new("a.yaml", "a:\n\tb: 1\n");
        let loc = Loc { line: 2, column: 2, offset: 4, len: 0 };
        let out = render(&Diagnostic::error("syntax", "tab"), &source, false);
        assert!(!out.contains('^'), "no location, no caret");
        let out = render(&Diagnostic::error("syntax", "tab").at(loc), &source, false);
        assert!(out.contains("  | \t^\n"), "{out:?}");
    }

    #[test]
    fn long_lines_are_cut_around_the_place() {
        let long = format!("summary: {}x{}", "[".repeat(300), "]".repeat(300));
        let source = SourceFile::new("a.yaml", long.clone());
        let offset = long.find('x').unwrap_or(0);
        let loc = Loc { len: 1, ..source.loc_of_offset(offset) };
        let out = render(&Diagnostic::error("deep", "too deep").at(loc), &source, false);
        let shown = out.lines().nth(2).unwrap_or("");
        assert!(shown.chars().count() < 120, "{shown}");
        let caret_line = out.lines().nth(3).unwrap_or("");
        let caret_at = caret_line.chars().position(|c| c == '^');
        assert_eq!(shown.chars().nth(caret_at.unwrap_or(0)), Some('x'), "{out}");
    }

    #[test]
    fn caret_counts_wide_characters_as_two_columns() {
        let source = SourceFile::new("a.yaml", "- { name: \"青少年 🌱\", size: -3 }\n");
        let offset = source.text.find("-3").unwrap_or(0);
        let loc = Loc { len: 2, ..source.loc_of_offset(offset) };
        let out = render(&Diagnostic::error("negative", "negative").at(loc), &source, false);
        let lines: Vec<&str> = out.lines().collect();
        let caret_column =
            unicode_width::UnicodeWidthStr::width(&lines[3][..lines[3].find('^').unwrap_or(0)]);
        let minus_column =
            unicode_width::UnicodeWidthStr::width(&lines[2][..lines[2].find("-3").unwrap_or(0)]);
        assert_eq!(caret_column, minus_column, "{out}");
    }

    #[test]
    fn escape_sequences_in_a_file_are_shown_escaped_in_message_snippet_and_hint() {
        // A title that would set the terminal's window title, then clear the screen.
        let text = "title: \"\u{1b}]0;pwned\u{7}\u{1b}[2J\"\n";
        let source = SourceFile::new("a\u{1b}[31m.yaml", text);
        let loc = Loc { line: 1, column: 8, offset: 7, len: 3 };
        let d = Diagnostic::error("x", "bad `\u{1b}[2J`").at(loc).hint("not \u{9b}this");
        let out = render(&d, &source, false);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("a\\u{1b}[31m.yaml:1:8"), "{out}");
        assert!(out.contains("bad `\\u{1b}[2J`") && out.contains("hint: not \\u{9b}this"), "{out}");
        assert!(out.contains("1 | title: \"\\u{1b}]0;pwned\\u{7}"), "{out}");
        // The caret sits under the escaped ESC: `1 | title: "` is 12 columns.
        let caret = out.lines().nth(3).unwrap_or("");
        assert_eq!(caret.find('^'), Some(4 + 7), "{out}");
        assert_eq!(escape_controls("tab\tand\nline"), "tab\tand\nline", "tabs and line breaks stay");
        assert_eq!(escape_controls("\u{202e}abc"), "\\u{202e}abc", "bidirectional overrides escaped");
        // In JSON the same characters become `\uXXXX`, which parses back to them.
        let json = escape_json_controls("{\"t\":\"\u{9b}2J\u{7f}\"}");
        assert_eq!(json, "{\"t\":\"\\u009b2J\\u007f\"}");
        let back: serde_json::Value = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back["t"], "\u{9b}2J\u{7f}");
    }

    #[test]
    fn a_wall_of_diagnostics_stops_after_a_few_hundred_with_a_count() {
        let source = SourceFile::new("a.yaml", "a: 1\n".repeat(1000));
        let all: Vec<Diagnostic> =
            (0..1000).map(|i| Diagnostic::error("x", "bad").at(source.loc_of_offset(i * 5))).collect();
        let out = render_all(&all, &source, false);
        assert_eq!(out.matches(": error: bad").count(), MAX_PRINTED);
        // 1000 - 300 = 700 left, all errors.
        assert!(out.contains("… and 700 more (700 errors, 0 warnings and notes) not shown"), "{out}");
    }

    #[test]
    fn colour_only_when_asked() {
        let source = SourceFile::new("a.yaml", "a: 1\n");
        let d = Diagnostic::error("x", "bad").at(Loc::START);
        assert!(!render(&d, &source, false).contains('\x1b'));
        assert!(render(&d, &source, true).contains('\x1b'));
    }
}
