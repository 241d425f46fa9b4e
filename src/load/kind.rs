//! What kind of sroi file a document is, told by the key that names it
//! (`title:` an analysis, `framework:`, `offer:` or `returns:`), and reading
//! a file that another file names by a path relative to itself.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::source::{Located, SourceFile};

use super::node::{Kind, Node};

/// The kinds of sroi file (SPEC §1, §7, §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An SROI analysis (`title:`).
    Analysis,
    /// An outcomes framework (`framework:` with `measures:`).
    Framework,
    /// A supplier's offer (`offer:`).
    Offer,
    /// Delivery returns (`returns:`).
    Returns,
}

impl FileKind {
    /// The key that names the kind.
    pub fn key(self) -> &'static str {
        match self {
            FileKind::Analysis => "title",
            FileKind::Framework => "framework",
            FileKind::Offer => "offer",
            FileKind::Returns => "returns",
        }
    }

    /// "an outcomes framework", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Analysis => "an SROI analysis",
            FileKind::Framework => "an outcomes framework",
            FileKind::Offer => "an offer",
            FileKind::Returns => "delivery returns",
        }
    }
}

/// The kind of a parsed document, from the keys present: `returns:` and
/// `offer:` first (an offer also has a `framework:` key), then `framework:`;
/// anything else is taken as an analysis.
pub fn kind_of(root: &Node) -> FileKind {
    let Kind::Map(entries) = &root.kind else {
        return FileKind::Analysis;
    };
    let has = |key: &str| entries.iter().any(|(k, _)| k.name == key);
    if has("returns") {
        FileKind::Returns
    } else if has("offer") {
        FileKind::Offer
    } else if has("framework") {
        FileKind::Framework
    } else {
        FileKind::Analysis
    }
}

/// The path a file names (`framework: ../framework.yaml`), relative to the
/// folder of the naming file (or the current folder for standard input).
pub fn resolve(naming: &SourceFile, named: &str) -> PathBuf {
    let folder = match Path::new(&naming.name).parent() {
        Some(p) if naming.name != "<stdin>" && !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    folder.join(named)
}

/// Reads the file `named` names, relative to `naming`; a file that cannot be
/// read is an error at the line that names it, with `what` ("the framework")
/// and the path tried.
///
/// A framework or offer may sit beside or above the file that names it (SPEC
/// §7 writes `framework: ../framework.yaml`), so `..` is allowed here; but
/// only a regular file of at most [`super::MAX_FILE_BYTES`] is read (a FIFO or
/// device cannot hang the tool), and never one under `/proc`, `/sys` or `/dev`.
pub fn read_named(
    naming: &SourceFile,
    named: &Located<String>,
    what: &str,
) -> Result<SourceFile, Box<Diagnostic>> {
    use super::named::{ReadFailure, is_system_path, read_regular};
    let path = resolve(naming, &named.value);
    let shown = crate::diag::escape_controls(&named.value).into_owned();
    let refuse = |message: String, hint: &str| {
        Box::new(Diagnostic::error("unreadable-named-file", message).at(named.loc).hint(hint))
    };
    let unreadable = |error: std::io::Error| {
        refuse(
            format!(
                "cannot read {what} `{}`: {error}",
                crate::diag::escape_controls(&path.to_string_lossy())
            ),
            &format!("the path is relative to this file's folder; check the spelling of `{shown}`"),
        )
    };
    let real = path.canonicalize().map_err(unreadable)?;
    if is_system_path(&real) {
        return Err(refuse(format!("{what} `{shown}` is not a file sroi reads"), "name an ordinary file"));
    }
    let bytes = read_regular(&real, super::MAX_FILE_BYTES).map_err(|failure| match failure {
        ReadFailure::Io(error) => unreadable(error),
        ReadFailure::NotRegular => refuse(
            format!("{what} `{shown}` is not a regular file"),
            "name an ordinary file, not a folder, device or pipe",
        ),
        ReadFailure::TooLarge(_) => refuse(
            format!("{what} `{shown}` is larger than {} MB", super::MAX_FILE_BYTES / (1024 * 1024)),
            "check that this is the file you meant",
        ),
    })?;
    match super::source_from_bytes(path.to_string_lossy().into_owned(), bytes) {
        Ok(source) => Ok(source),
        Err(super::ReadError::Invalid { file, diagnostic }) => {
            Err(Box::new(diagnostic.in_file(std::sync::Arc::new(file))))
        }
        Err(super::ReadError::Io { source, .. }) => Err(unreadable(source)),
    }
}
