//! Source text and locations: where in which file a value came from.
//!
//! Every value read from an analysis carries a [`Loc`], so that any stage can
//! point at it in a diagnostic without going back to the parser.

/// An analysis file as read: its display name and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics: the path as the user gave it, or `<stdin>`.
    pub name: String,
    /// The whole text, already checked to be UTF-8 (shared, not copied, by
    /// the decoder that quotes it).
    pub text: std::sync::Arc<str>,
    /// Byte offsets where each line starts, built on first use (once per file,
    /// however many diagnostics it has).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.text == other.text
    }
}

impl Eq for SourceFile {}

/// A position in a [`SourceFile`]: 1-based line and column (in characters),
/// and the byte range of the node it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Byte offset of the node's first character.
    pub offset: usize,
    /// Length of the node in bytes (0 when unknown).
    pub len: usize,
}

impl SourceFile {
    /// A source with the given display name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { name: name.into(), text: text.into().into(), line_starts: std::sync::OnceLock::new() }
    }

    /// Where each line starts. Lines end as YAML (and the parser) ends them:
    /// at LF, CRLF or a lone CR. A file ending in a line break has one more,
    /// empty line after it, where errors at the end of the file point.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = vec![0];
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'\n' => starts.push(i + 1),
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                        starts.push(i + 2);
                        i += 1;
                    }
                    b'\r' => starts.push(i + 1),
                    _ => {}
                }
                i += 1;
            }
            starts
        })
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        if self.text.is_empty() {
            return None; // an empty file has nothing to show
        }
        let starts = self.line_starts();
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *starts.get(index)?;
        let end = starts.get(index + 1).copied().unwrap_or(self.text.len());
        let line = self.text.get(start..end)?;
        Some(line.strip_suffix("\r\n").or_else(|| line.strip_suffix(['\n', '\r'])).unwrap_or(line))
    }

    /// The location of byte `offset`, as line and column.
    pub fn loc_of_offset(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        // The last line starting at or before the offset (a CRLF's LF belongs to its line).
        let index = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = starts[index];
        let column = String::from_utf8_lossy(&self.text.as_bytes()[line_start..offset]).chars().count() + 1;
        Loc { line: to_u32(index + 1), column: to_u32(column), offset, len: 0 }
    }
}

impl Loc {
    /// The start of a file, for diagnostics about the file as a whole.
    pub const START: Loc = Loc { line: 1, column: 1, offset: 0, len: 0 };

    /// Converts a serde-saphyr location; byte offsets are known for string input.
    pub(crate) fn from_yaml(location: serde_saphyr::Location) -> Loc {
        let span = location.span();
        Loc {
            line: to_u32(location.line()),
            column: to_u32(location.column()),
            offset: span.byte_offset().map_or(0, to_usize),
            len: span.byte_len().map_or(0, to_usize),
        }
    }
}

fn to_u32(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_one_based_lines_and_character_columns() {
        let source = SourceFile::new("a.yaml", "a: 1\nname: £x\n");
        // Line 2 starts at byte 5; `name: ` is 6 bytes and `£` 2 bytes, so the `x`
        // is byte 13 but character 8 of its line.
        let loc = source.loc_of_offset(13);
        assert_eq!((loc.line, loc.column), (2, 8));
        assert_eq!(source.line_text(2), Some("name: £x"));
        assert_eq!(source.line_text(0), None);
    }

    #[test]
    fn cr_lf_and_crlf_all_end_lines_as_the_parser_counts_them() {
        // "a: 1" CRLF, "b: 2" CR, "c: 3" LF, then the empty line at the end.
        let source = SourceFile::new("a.yaml", "a: 1\r\nb: 2\rc: 3\n");
        assert_eq!(source.line_text(1), Some("a: 1"));
        assert_eq!(source.line_text(2), Some("b: 2"));
        assert_eq!(source.line_text(3), Some("c: 3"));
        assert_eq!(source.line_text(4), Some(""), "the end of the file has a line to point at");
        assert_eq!(source.line_text(5), None);
        // `c` is byte 11: 6 bytes of line 1 (with its CRLF), 5 of line 2 (with its CR).
        let loc = source.loc_of_offset(11);
        assert_eq!((loc.line, loc.column), (3, 1));
        // The LF of the CRLF (byte 5) is still on line 1, column 6.
        let loc = source.loc_of_offset(5);
        assert_eq!((loc.line, loc.column), (1, 6));
        assert_eq!(source.loc_of_offset(source.text.len()).line, 4);
    }

    #[test]
    fn a_file_without_a_final_line_break_ends_on_its_last_line() {
        let source = SourceFile::new("a.yaml", "a: 1\nb: \"x");
        assert_eq!(source.line_text(2), Some("b: \"x"));
        assert_eq!(source.line_text(3), None);
        assert_eq!(source.loc_of_offset(9).line, 2);
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub loc: Loc,
}

impl<T> Located<T> {
    /// Pairs a value with its location.
    pub fn new(value: T, loc: Loc) -> Self {
        Located { value, loc }
    }

    /// Changes the value, keeping the location.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located { value: f(self.value), loc: self.loc }
    }
}
