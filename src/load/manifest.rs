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
    /// For a contract (an entry `{ offer: FILE, returns: FILE }`, or a returns
    /// file in a folder): its delivery returns, which `file` then names too.
    pub returns: Option<PathBuf>,
    /// For a contract: its offer; when not given, the one the returns name.
    pub offer: Option<PathBuf>,
}

impl Entry {
    /// Whether it is a contract (offer and returns) rather than an analysis.
    pub fn is_contract(&self) -> bool {
        self.returns.is_some()
    }
}

/// What a file holds, from its top-level keys: enough to sort a folder
/// without reading each file twice through the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Analysis,
    Framework,
    Offer,
    Returns,
}

/// The kind of file at `path` from the top-level keys on its first 64 KB
/// (`returns:`, `offer:`, `framework:` name the kinds of SPEC §7-8; anything
/// else is taken for an analysis, which reading will check).
fn sniff(path: &Path) -> Sniffed {
    use std::io::Read as _;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64 * 1024).read_to_end(&mut head));
    if read.is_err() {
        return Sniffed::Analysis;
    }
    let text = String::from_utf8_lossy(&head);
    let top = |key: &str| text.lines().any(|l| l.strip_prefix(key).is_some_and(|rest| rest.starts_with(':')));
    if top("returns") {
        Sniffed::Returns
    } else if top("offer") {
        Sniffed::Offer
    } else if top("framework") && !top("title") {
        Sniffed::Framework
    } else {
        Sniffed::Analysis
    }
}

const MANIFEST_KEYS: &[&str] = &["title", "year", "organisation", "analyses"];
const ENTRY_KEYS: &[&str] = &["file", "offer", "returns", "contract", "supplier", "area"];

/// Every `.yaml`/`.yml` file under `dir` (recursively, sorted by path), as a
/// statement titled "Social value statement": each analysis, and each
/// contract by its returns file (which names its offer); frameworks and
/// offers come in through the returns that name them.
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
                // Only regular files: a FIFO or a link to a device named `x.yaml` would hang the run.
                && path.is_file()
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
        entries: files
            .into_iter()
            .filter_map(|file| match sniff(&file) {
                Sniffed::Analysis => Some(Entry { file, ..Entry::default() }),
                Sniffed::Returns => Some(Entry { returns: Some(file.clone()), file, ..Entry::default() }),
                Sniffed::Framework | Sniffed::Offer => None,
            })
            .collect(),
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
    let mut d = Decoder::new(source.text.clone());
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
        let mut m = d.map(node, "an analysis or contract of the portfolio", ENTRY_KEYS)?;
        let returns = m.optional(d, "returns", Decoder::text);
        let offer = m.optional(d, "offer", Decoder::text);
        let file = if returns.is_some() { None } else { m.required(d, "file", Decoder::text) };
        let contract = m.optional(d, "contract", Decoder::text).map(|t| t.value);
        let supplier = m.optional(d, "supplier", Decoder::text).map(|t| t.value);
        let area = m.optional(d, "area", Decoder::text).map(|t| t.value);
        m.finish(d);
        if let Some(returns) = returns {
            // A contract: its returns, and its offer (or the one the returns name).
            let path = base.join(&returns.value);
            if !path.is_file() {
                d.diagnostics.push(
                    Diagnostic::error(
                        "no-such-returns",
                        format!("there is no returns file `{}`", returns.value),
                    )
                    .at(returns.loc)
                    .hint("paths are relative to the manifest's folder"),
                );
                return None;
            }
            let offer = offer.map(|o| base.join(o.value));
            return Some(vec![Entry {
                file: path.clone(),
                contract,
                supplier,
                area,
                returns: Some(path),
                offer,
            }]);
        }
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
            .filter_map(|file| {
                // A pattern such as `contracts/*.yaml` takes a contract by its returns;
                // the frameworks and offers it also matches come in through them.
                let returns = match sniff(&file) {
                    Sniffed::Analysis => None,
                    Sniffed::Returns => Some(file.clone()),
                    Sniffed::Framework | Sniffed::Offer => return None,
                };
                Some(Entry {
                    file,
                    contract: contract.clone(),
                    supplier: supplier.clone(),
                    area: area.clone(),
                    returns,
                    offer: None,
                })
            })
            .collect(),
    )
}
