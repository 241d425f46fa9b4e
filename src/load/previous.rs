//! Last year's statement (`sroi portfolio --year Y --previous LAST.json`):
//! the JSON a statement of one year writes, read back for year-on-year change.

use crate::compute::statement::Previous;
use crate::diag::Diagnostic;
use crate::source::SourceFile;

/// Reads `source` (a statement's JSON) as last year's statement; a file that
/// is not one is a located error.
pub fn read(source: &SourceFile) -> Result<Previous, Diagnostic> {
    let previous: Previous = serde_json::from_str(&source.text).map_err(|error| {
        let (line, column) = (error.line().max(1), error.column().max(1));
        let offset = source.text.lines().take(line - 1).map(|l| l.len() + 1).sum::<usize>() + column - 1;
        let mut loc = source.loc_of_offset(offset.min(source.text.len()));
        loc.len = 1;
        Diagnostic::error("bad-previous", format!("this is not a statement's JSON: {error}"))
            .at(loc)
            .hint("give the JSON file that `sroi portfolio --year ... -f json` wrote for the previous year")
    })?;
    if previous.in_year_value.is_none() {
        return Err(Diagnostic::error(
            "previous-without-year",
            "this statement has no `in_year_value`: it was not made for one year",
        )
        .hint("make last year's statement with `--year`, e.g. `sroi portfolio ... --year 2025/26 -f json`"));
    }
    Ok(previous)
}
