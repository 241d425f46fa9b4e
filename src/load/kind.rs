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
/// This is the one place commissioning files follow a path written in a file,
/// so a stricter reader (refusing some paths) can replace it here.
pub fn read_named(
    naming: &SourceFile,
    named: &Located<String>,
    what: &str,
) -> Result<SourceFile, Box<Diagnostic>> {
    let path = resolve(naming, &named.value);
    match super::read_source(&path.to_string_lossy()) {
        Ok(source) => Ok(source),
        Err(super::ReadError::Invalid { file, diagnostic }) => {
            Err(Box::new(diagnostic.in_file(std::sync::Arc::new(file))))
        }
        Err(super::ReadError::Io { source, .. }) => Err(Box::new(
            Diagnostic::error(
                "unreadable-named-file",
                format!("cannot read {what} `{}`: {source}", path.display()),
            )
            .at(named.loc)
            .hint(format!(
                "the path is relative to this file's folder; check the spelling of `{}`",
                named.value
            )),
        )),
    }
}
