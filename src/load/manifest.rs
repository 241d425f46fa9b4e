//! Portfolio manifests: which analyses a statement takes, with the metadata
//! a council adds to each (contract, supplier, area).
//!
//! A portfolio is a folder of analyses, or a manifest naming them (globs
//! allowed, relative to the manifest's folder) with optional metadata per
//! file.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::load::decode::Decoder;
use crate::load::node::{Kind, Node};
use crate::source::SourceFile;

/// What to aggregate: the statement's title and the analyses with their metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The statement's title.
    pub title: String,
    /// The year the statement covers.
    pub year: Option<i32>,
    /// Who publishes it.
    pub organisation: Option<String>,
    /// The analyses, in order, each once.
    pub entries: Vec<Entry>,
}

/// One analysis of a portfolio, with the manifest's metadata for it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// The analysis file.
    pub file: PathBuf,
    /// Contract reference.
    pub contract: Option<String>,
    /// The supplier or grantee; the analysis's own `organisation:` when not given.
    pub supplier: Option<String>,
    /// Area served.
    pub area: Option<String>,
}

const MANIFEST_KEYS: &[&str] = &["title", "year", "organisation", "analyses"];
const ENTRY_KEYS: &[&str] = &["file", "contract", "supplier", "area"];

/// Every `.yaml`/`.yml` file under `dir` (recursively, sorted by path), as a statement titled "Social value statement".
pub fn from_folder(dir: &Path) -> std::io::Result<Manifest> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            // Linked folders are not followed: they would count analyses twice, or loop.
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if !(kind.is_symlink() && path.is_dir())
                && path.extension().is_some_and(|e| e == "yaml" || e == "yml")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut seen = std::collections::HashSet::new();
    files.retain(|file| seen.insert(identity(file)));
    // A folder has no title of its own: its name ("contracts", "fixtures") is not a heading for the public.
    let title = "Social value statement".to_owned();
    Ok(Manifest {
        title,
        year: None,
        organisation: None,
        entries: files.into_iter().map(|file| Entry { file, ..Entry::default() }).collect(),
    })
}

/// What makes two paths the same file: the real path when it can be found
/// (`a/../a/x.yaml`, links), else the path as written.
pub fn identity(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Reads a manifest. Files and globs are relative to the manifest's folder.
///
/// ```yaml
/// title: Social value statement 2025/26
/// year: 2025
/// organisation: Northfield Council
/// analyses:
///   - contracts/*.yaml
///   - { file: grants/garden.yaml, contract: G-104, supplier: Northfield Garden, area: North }
/// ```
pub fn read_manifest(source: &SourceFile) -> Result<Manifest, Vec<Diagnostic>> {
    let root = crate::load::parse_yaml(source).map_err(|d| vec![d])?;
    let base = Path::new(&source.name).parent().map(Path::to_path_buf).unwrap_or_default();
    let mut d = Decoder::new(&source.text);
    let Some(mut m) = d.map(&root, "a portfolio manifest", MANIFEST_KEYS) else {
        return Err(d.diagnostics);
    };
    let title = m.required(&mut d, "title", Decoder::text);
    let year = m.optional(&mut d, "year", Decoder::whole);
    let organisation = m.optional(&mut d, "organisation", Decoder::text);
    let analyses = m.required(&mut d, "analyses", |d, n| d.list(n, |d, n| entry(d, n, &base)));
    m.finish(&mut d);
    let (Some(title), Some(analyses)) = (title, analyses) else {
        return Err(d.diagnostics);
    };
    if !d.diagnostics.is_empty() {
        return Err(d.diagnostics);
    }
    let mut entries: Vec<Entry> = Vec::new();
    // A file matched twice is counted once; metadata written for it later wins
    // (so `contracts/*.yaml` can be followed by details for one contract).
    let mut seen = std::collections::HashMap::new();
    // A glob such as `*.yaml` beside the manifest matches the manifest too.
    seen.insert(identity(Path::new(&source.name)), usize::MAX);
    for group in analyses.value {
        for entry in group {
            let has_metadata = entry.contract.is_some() || entry.supplier.is_some() || entry.area.is_some();
            let id = identity(&entry.file);
            match seen.get(&id) {
                Some(&usize::MAX) => {}
                Some(&i) if has_metadata => entries[i] = entry,
                Some(_) => {}
                None => {
                    seen.insert(id, entries.len());
                    entries.push(entry);
                }
            }
        }
    }
    Ok(Manifest {
        title: title.value,
        year: year.and_then(|y| i32::try_from(y.value).ok()),
        organisation: organisation.map(|o| o.value),
        entries,
    })
}

/// One item of `analyses:`: a path or glob, or a mapping with `file:` and metadata.
fn entry(d: &mut Decoder, node: &Node, base: &Path) -> Option<Vec<Entry>> {
    let (pattern, contract, supplier, area) = if let Kind::Map(_) = node.kind {
        let mut m = d.map(node, "an analysis of the portfolio", ENTRY_KEYS)?;
        let file = m.required(d, "file", Decoder::text);
        let contract = m.optional(d, "contract", Decoder::text).map(|t| t.value);
        let supplier = m.optional(d, "supplier", Decoder::text).map(|t| t.value);
        let area = m.optional(d, "area", Decoder::text).map(|t| t.value);
        m.finish(d);
        (file?, contract, supplier, area)
    } else {
        (d.text(node)?, None, None, None)
    };
    let full = base.join(&pattern.value);
    let files: Vec<PathBuf> = match glob::glob(&full.to_string_lossy()) {
        Ok(paths) => paths.filter_map(Result::ok).filter(|p| p.is_file()).collect(),
        Err(error) => {
            d.diagnostics.push(
                Diagnostic::error(
                    "bad-glob",
                    format!("`{}` is not a valid file pattern: {}", pattern.value, error.msg),
                )
                .at(pattern.loc)
                .hint("use `*` for any part of a name and `**` for any folders, e.g. `contracts/**/*.yaml`"),
            );
            return None;
        }
    };
    if files.is_empty() {
        d.diagnostics.push(
            Diagnostic::error("no-such-analysis", format!("no file matches `{}`", pattern.value))
                .at(pattern.loc)
                .hint("paths and patterns are relative to the manifest's folder"),
        );
        return None;
    }
    Some(
        files
            .into_iter()
            .map(|file| Entry {
                file,
                contract: contract.clone(),
                supplier: supplier.clone(),
                area: area.clone(),
            })
            .collect(),
    )
}
