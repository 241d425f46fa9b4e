//! A user's report templates (`--templates DIR`): the files of the folder
//! that override or extend the built-in ones, read as text.
//!
//! The built-in templates are named `sroi/base.html`, `sroi/report.html`,
//! `sroi/comparison.html`, `sroi/statement.html` and `sroi/style.css`; a file
//! of the folder named like one of them without `sroi/` is used instead, and
//! may `{% extends "sroi/report.html" %}` to change one block.

use std::path::{Path, PathBuf};

/// The names a user's template may have.
pub const NAMES: [&str; 7] = [
    "base.html",
    "report.html",
    "comparison.html",
    "statement.html",
    "bids.html",
    "monitor.html",
    "style.css",
];

/// Names of earlier versions, with the name each now has.
const RENAMED: [(&str, &str); 2] =
    [("compare.html", "comparison.html"), ("portfolio.html", "statement.html")];

/// Why a templates folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TemplatesError {
    /// The folder or one of its templates could not be read.
    #[error("{path}: cannot read the template: {source}")]
    Read {
        /// The folder or file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The folder is not there.
    #[error("{path}: there is no templates folder here")]
    Missing {
        /// The folder as given.
        path: PathBuf,
    },
    /// A template has the name an earlier version used.
    #[error("{path}: this template is now called `{now}`; rename the file to use it")]
    Renamed {
        /// The file.
        path: PathBuf,
        /// Its name now.
        now: &'static str,
    },
}

/// The templates in `dir`, by name, in the order of [`NAMES`].
pub fn read(dir: &Path) -> Result<Vec<(&'static str, String)>, TemplatesError> {
    if !dir.is_dir() {
        return Err(TemplatesError::Missing { path: dir.to_path_buf() });
    }
    for (old, now) in RENAMED {
        let path = dir.join(old);
        if path.is_file() {
            return Err(TemplatesError::Renamed { path, now });
        }
    }
    let mut found = Vec::new();
    for name in NAMES {
        let path = dir.join(name);
        if path.is_file() {
            let text =
                std::fs::read_to_string(&path).map_err(|source| TemplatesError::Read { path, source })?;
            found.push((name, text));
        }
    }
    Ok(found)
}
