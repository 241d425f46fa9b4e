//! Source text and locations: where in which file a value came from.
//!
//! Every value read from an analysis carries a [`Loc`], so that any stage can
//! point at it in a diagnostic without going back to the parser.

/// An analysis file as read: its display name and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The name shown in diagnostics: the path as the user gave it, or `<stdin>`.
    pub name: String,
    /// The whole text, already checked to be UTF-8.
    pub text: String,
}

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
        SourceFile { name: name.into(), text: text.into() }
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.text.lines().nth(index)
    }

    /// The location of byte `offset`, as line and column.
    pub fn loc_of_offset(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let before = &self.text.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        Loc { line: to_u32(line), column: to_u32(column), offset, len: 0 }
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
