//! The commissioning pipeline: paths in, validated frameworks, offers and
//! returns (with their warnings) out, or every problem of every file, each
//! with the file it is in. `sroi bids` and `sroi monitor` run through here, so
//! the command line only prints and writes.

use rayon::prelude::*;

use crate::diag::{Diagnostic, has_errors};
use crate::load::kind::{FileKind, kind_of, read_named};
use crate::load::{self, Node, ReadError, decode::Decoder};
use crate::model::commission::{Framework, Offer, Returns};
use crate::source::SourceFile;

/// A file that was read, and what it said (problems and warnings, in file order).
#[derive(Debug)]
pub struct Said {
    /// The file.
    pub source: SourceFile,
    /// Its diagnostics; any error means it was not used.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a command could not run.
#[derive(Debug)]
pub enum Failure {
    /// A file could not be read at all (exit 2): its name and the system's reason.
    Unreadable(String, std::io::Error),
    /// Files with errors (exit 1), and what each said.
    Invalid(Vec<Said>),
}

/// A validated file with what it said.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The model.
    pub value: T,
    /// The file and its warnings.
    pub said: Said,
}

fn read(path: &str) -> Result<SourceFile, Failure> {
    load::read_source(path).map_err(|e| match e {
        ReadError::Io { name, source } => Failure::Unreadable(name, source),
        ReadError::Invalid { file, diagnostic } => {
            Failure::Invalid(vec![Said { source: file, diagnostics: vec![*diagnostic] }])
        }
    })
}

fn sort(diagnostics: &mut [Diagnostic]) {
    crate::diag::in_file_order(diagnostics);
}

/// Parses `source` and checks it is of kind `want`.
fn parse(source: &SourceFile, want: FileKind) -> Result<Node, Vec<Diagnostic>> {
    let root = load::parse_yaml(source).map_err(|d| vec![d])?;
    let found = kind_of(&root);
    if found != want {
        let message = format!("this is {}, not {}", found.describe(), want.describe());
        let hint = format!("{} starts with `sroi: 1` and `{}: …`", want.describe(), want.key());
        return Err(vec![Diagnostic::error("wrong-kind", message).at(root.loc).hint(hint)]);
    }
    Ok(root)
}

fn finish<T>(
    source: SourceFile,
    mut diagnostics: Vec<Diagnostic>,
    value: Option<T>,
) -> Result<Loaded<T>, Said> {
    sort(&mut diagnostics);
    match value {
        Some(value) if !has_errors(&diagnostics) => Ok(Loaded { value, said: Said { source, diagnostics } }),
        _ => Err(Said { source, diagnostics }),
    }
}

/// Reads and validates a framework from `source`.
pub fn framework_from(source: SourceFile) -> Result<Loaded<Framework>, Said> {
    let root = match parse(&source, FileKind::Framework) {
        Ok(root) => root,
        Err(diagnostics) => return Err(Said { source, diagnostics }),
    };
    let mut d = Decoder::new(source.text.clone());
    let raw = load::commission::framework(&mut d, &root);
    let mut diagnostics = d.diagnostics;
    let framework = crate::validate::commission::framework(raw, &mut diagnostics);
    finish(source, diagnostics, framework)
}

/// Reads and validates a framework file.
pub fn framework(path: &str) -> Result<Loaded<Framework>, Failure> {
    framework_from(read(path)?).map_err(|said| Failure::Invalid(vec![said]))
}

/// An offer, and the framework it names when that was read for it.
pub type OfferAndFramework = (Loaded<Offer>, Option<Loaded<Framework>>);

/// Reads and validates an offer against `framework` (`None`: the framework it
/// names). The framework it names must exist; when `framework` is given and
/// the offer names another file, that is a warning.
pub fn offer_from(
    source: SourceFile,
    framework: Option<(&str, &Framework)>,
) -> Result<OfferAndFramework, Vec<Said>> {
    let root = match parse(&source, FileKind::Offer) {
        Ok(root) => root,
        Err(diagnostics) => return Err(vec![Said { source, diagnostics }]),
    };
    let mut d = Decoder::new(source.text.clone());
    let raw = load::commission::offer(&mut d, &root);
    let mut diagnostics = d.diagnostics;
    let mut named = None;
    if let Some(path) = &raw.framework {
        match read_named(&source, path, "the framework") {
            Err(diagnostic) => diagnostics.push(*diagnostic),
            Ok(file) => match framework {
                Some((given, _)) => {
                    let same = crate::output::same_file(
                        std::path::Path::new(&file.name),
                        std::path::Path::new(given),
                    );
                    if !same {
                        diagnostics.push(
                            Diagnostic::warning(
                                "other-framework",
                                format!("the offer names the framework `{}`, not `{given}`", path.value),
                            )
                            .at(path.loc)
                            .hint(format!("it is scored against `{given}`, as the command asks")),
                        );
                    }
                }
                None => match framework_from(file) {
                    Ok(loaded) => named = Some(loaded),
                    Err(said) => return Err(vec![Said { source, diagnostics }, said]),
                },
            },
        }
    }
    let against = framework.map(|(_, f)| f).or(named.as_ref().map(|n| &n.value));
    let offer = against.and_then(|f| crate::validate::commission::offer(raw, f, &mut diagnostics));
    finish(source, diagnostics, offer).map(|o| (o, named)).map_err(|s| vec![s])
}

/// `sroi bids`: the framework and every offer (read in parallel), validated.
pub fn bids(
    framework_path: &str,
    offer_paths: &[String],
) -> Result<(Loaded<Framework>, Vec<Loaded<Offer>>), Failure> {
    let framework = framework(framework_path)?;
    let results: Vec<Result<Vec<Loaded<Offer>>, Failure>> = offer_paths
        .par_iter()
        .map(|path| {
            let source = read(path)?;
            offer_from(source, Some((framework_path, &framework.value)))
                .map(|(o, _)| vec![o])
                .map_err(Failure::Invalid)
        })
        .collect();
    let mut offers = Vec::with_capacity(offer_paths.len());
    let mut invalid = Vec::new();
    for result in results {
        match result {
            Ok(o) => offers.extend(o),
            Err(Failure::Unreadable(name, error)) => return Err(Failure::Unreadable(name, error)),
            Err(Failure::Invalid(said)) => invalid.extend(said),
        }
    }
    if !invalid.is_empty() {
        return Err(Failure::Invalid(invalid));
    }
    Ok((framework, offers))
}

/// What `sroi monitor` works on.
#[derive(Debug)]
pub struct Monitored {
    /// The framework the offer names.
    pub framework: Loaded<Framework>,
    /// The offer.
    pub offer: Loaded<Offer>,
    /// The returns.
    pub returns: Loaded<Returns>,
}

/// `sroi monitor`: the offer, the framework it names, and the returns, validated.
pub fn monitor(offer_path: &str, returns_path: &str) -> Result<Monitored, Failure> {
    let (offer, framework) = offer_from(read(offer_path)?, None).map_err(Failure::Invalid)?;
    // An offer validates only against the framework it names, so it is there.
    let Some(framework) = framework else { return Err(Failure::Invalid(vec![offer.said])) };
    let source = read(returns_path)?;
    let root = match parse(&source, FileKind::Returns) {
        Ok(root) => root,
        Err(diagnostics) => return Err(Failure::Invalid(vec![Said { source, diagnostics }])),
    };
    let mut d = Decoder::new(source.text.clone());
    let raw = load::commission::returns(&mut d, &root);
    let mut diagnostics = d.diagnostics;
    if let Some(path) = &raw.offer {
        match read_named(&source, path, "the offer") {
            Err(diagnostic) => diagnostics.push(*diagnostic),
            Ok(file)
                if !crate::output::same_file(
                    std::path::Path::new(&file.name),
                    std::path::Path::new(offer_path),
                ) =>
            {
                diagnostics.push(
                    Diagnostic::warning(
                        "other-offer",
                        format!("the returns name the offer `{}`, not `{offer_path}`", path.value),
                    )
                    .at(path.loc)
                    .hint(format!("they are held against `{offer_path}`, as the command asks")),
                );
            }
            Ok(_) => {}
        }
    }
    let returns = crate::validate::commission::returns(raw, &offer.value, &framework.value, &mut diagnostics);
    let returns = finish(source, diagnostics, returns).map_err(|s| Failure::Invalid(vec![s]))?;
    Ok(Monitored { framework, offer, returns })
}

/// Every diagnostic of `saids` as diagnostics of `source`: those of other
/// files (a framework an offer names) say which file they are in.
fn gathered(source: &SourceFile, saids: Vec<Said>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for said in saids {
        if said.source.name == source.name {
            out.extend(said.diagnostics);
        } else {
            let file = std::sync::Arc::new(said.source);
            out.extend(
                said.diagnostics
                    .into_iter()
                    .map(|d| if d.file.is_some() { d } else { d.in_file(file.clone()) }),
            );
        }
    }
    out
}

/// `sroi check` of a framework, offer or returns file: what its loading says
/// (an offer with the framework it names, returns with their offer), and a
/// summary when it is valid. `None` when `source`, parsed into `root`, is an
/// analysis.
pub fn check(source: &SourceFile, root: &load::Node) -> Option<(Vec<Diagnostic>, Option<String>)> {
    // `(one, many)`: "1 priority", "3 priorities".
    let count =
        |n: usize, (one, many): (&str, &str)| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    let checked = match kind_of(root) {
        FileKind::Analysis => return None,
        FileKind::Framework => match framework_from(source.clone()) {
            Ok(f) => {
                let summary = format!(
                    "a framework of {} and {}",
                    count(f.value.priorities.len(), ("priority", "priorities")),
                    count(f.value.measures.len(), ("measure", "measures"))
                );
                (f.said.diagnostics, Some(summary))
            }
            Err(said) => (said.diagnostics, None),
        },
        FileKind::Offer => match offer_from(source.clone(), None) {
            Ok((o, framework)) => {
                let mut diagnostics = o.said.diagnostics;
                if let Some(f) = framework {
                    diagnostics.extend(gathered(source, vec![f.said]));
                }
                let summary = format!(
                    "an offer of {}",
                    count(o.value.commitments.len(), ("commitment", "commitments"))
                );
                (diagnostics, Some(summary))
            }
            Err(saids) => (gathered(source, saids), None),
        },
        FileKind::Returns => {
            let Some(path) = root_text(root, "offer") else {
                return Some((
                    vec![Diagnostic::error("missing-key", "delivery returns need `offer`").at(root.loc)],
                    None,
                ));
            };
            let offer = resolve_named(source, &path);
            match monitor(&offer.to_string_lossy(), &source.name) {
                Ok(m) => {
                    let summary = format!(
                        "returns of {} and {}",
                        count(m.returns.value.periods.len(), ("period", "periods")),
                        count(m.returns.value.delivered.len(), ("delivery", "deliveries"))
                    );
                    (gathered(source, vec![m.returns.said, m.offer.said, m.framework.said]), Some(summary))
                }
                Err(Failure::Invalid(saids)) => (gathered(source, saids), None),
                Err(Failure::Unreadable(name, error)) => {
                    let d = Diagnostic::error(
                        "unreadable-named-file",
                        format!("cannot read the offer `{name}`: {error}"),
                    )
                    .at(path.loc)
                    .hint("the path is relative to this file's folder");
                    (vec![d], None)
                }
            }
        }
    };
    Some(checked)
}

fn root_text(root: &Node, key: &str) -> Option<crate::source::Located<String>> {
    match &root.kind {
        load::Kind::Map(entries) => {
            entries.iter().find(|(k, _)| k.name == key).and_then(|(_, n)| match &n.kind {
                load::Kind::Str(s) => Some(crate::source::Located::new(s.clone(), n.loc)),
                _ => None,
            })
        }
        _ => None,
    }
}

fn resolve_named(source: &SourceFile, path: &crate::source::Located<String>) -> std::path::PathBuf {
    crate::load::kind::resolve(source, &path.value)
}

/// The offer that the returns file at `returns` names (`offer:`), relative to it.
pub fn offer_named_by(returns: &str) -> Option<std::path::PathBuf> {
    let source = read(returns).ok()?;
    let root = load::parse_yaml(&source).ok()?;
    let path = root_text(&root, "offer")?;
    Some(resolve_named(&source, &path))
}

/// The first error of a failed load, as one line `FILE:LINE:COL: error: message`.
pub fn first_error(failure: &Failure) -> String {
    match failure {
        Failure::Unreadable(name, error) => format!("{name}: error: cannot read the file: {error}"),
        Failure::Invalid(saids) => saids
            .iter()
            .find_map(|said| {
                let d = said.diagnostics.iter().find(|d| d.is_error())?;
                let name = d.file.as_ref().map_or(said.source.name.as_str(), |f| f.name.as_str());
                Some(match d.loc {
                    Some(loc) => format!("{name}:{}:{}: error: {}", loc.line, loc.column, d.message),
                    None => format!("{name}: error: {}", d.message),
                })
            })
            .unwrap_or_else(|| "error: the contract's files are invalid".to_owned()),
    }
}
