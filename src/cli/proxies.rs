//! `sroi proxies`: the proxy library, to browse and search.

use std::io::Write as _;
use std::sync::Arc;

use super::{Exit, Streams, print_diagnostics};
use crate::format::money_exact;
use crate::library::{self, LibraryProxy};

/// What to do with the library.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Action {
    /// List every proxy.
    List,
    /// List the proxies whose id, name, unit, notes or tags contain every word.
    Search {
        /// Words to look for.
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// Show one proxy with its source, licence and notes.
    Show {
        /// Its id.
        id: String,
    },
    /// Show the price index series proxies are re-based with by default
    /// (HM Treasury's GDP deflators), with its edition, source and licence.
    Deflators,
}

/// The shipped GDP deflators: provenance, then the index of each year.
fn deflators() -> String {
    let series = crate::deflator::gdp_deflators();
    let mut lines = vec![
        series.name.clone(),
        format!("  publisher:   {}", series.publisher),
        format!("  edition:     {}", series.edition),
        format!("  source file: {}", series.source_file),
        format!("  url:         {}", series.url),
        format!("  licence:     {}", series.licence),
        format!("  transcribed: {}", series.transcribed_from),
        format!("  years:       {}, {} = 100", series.years, series.base_year),
        String::new(),
    ];
    lines.extend(series.index.iter().map(|(year, index)| format!("  {year}  {index:>9.4}")));
    lines.push(String::new());
    lines.push("An analysis with a `price_year:` re-bases proxies of other years with these; its own `indices:` replace them.".to_owned());
    lines.join("\n")
}

fn summary(p: &LibraryProxy) -> String {
    let year = p.price_year.map_or(String::new(), |y| format!(", {y} prices"));
    let unit = p.unit.as_deref().map_or(String::new(), |u| format!(" per {u}"));
    format!("{:<40} {}{unit}{year}\n    {}\n", p.id, money_exact(p.value, p.currency_or_gbp()), p.name)
}

/// Runs `action` over sroi's library and the `files` given.
pub fn run(action: &Action, files: &[String], streams: &mut Streams<'_>) -> Exit {
    let mut proxies = Vec::new();
    for path in files {
        match super::read(path, streams) {
            Ok(source) => match library::parse(Arc::new(source)) {
                Ok(entries) => proxies.extend(entries),
                Err(errors) => {
                    let first = errors[0].file.clone();
                    if let Some(file) = first {
                        print_diagnostics(&errors, &file, streams);
                    }
                    return Exit::Invalid;
                }
            },
            Err(code) => return code,
        }
    }
    proxies.extend(library::shipped());
    let out = &mut streams.out;
    match action {
        Action::List => {
            for p in &proxies {
                let _ = write!(out, "{}", crate::diag::escape_controls(&summary(p)));
            }
            let series = crate::deflator::gdp_deflators();
            let _ = writeln!(
                out,
                "\nProxies are re-based with {} (`sroi proxies deflators`).",
                series.describe()
            );
            Exit::Ok
        }
        Action::Deflators => {
            let _ = writeln!(out, "{}", deflators());
            Exit::Ok
        }
        Action::Search { words } => {
            let query = words.join(" ");
            let found: Vec<&LibraryProxy> = proxies.iter().filter(|p| library::matches(p, &query)).collect();
            if found.is_empty() {
                let _ =
                    writeln!(streams.err, "no proxy matches \"{query}\"; `sroi proxies list` shows them all");
                return Exit::Invalid;
            }
            for p in found {
                let _ = write!(out, "{}", crate::diag::escape_controls(&summary(p)));
            }
            Exit::Ok
        }
        Action::Show { id } => {
            let Some(p) = proxies.iter().find(|p| &p.id == id) else {
                let hint = crate::suggest::did_you_mean(id, proxies.iter().map(|p| p.id.as_str()))
                    .unwrap_or_else(|| "`sroi proxies list` shows them all".to_owned());
                let problem = format!("there is no proxy `{id}`");
                super::problem(
                    None,
                    crate::diag::Diagnostic::error("unknown-proxy", problem).hint(hint),
                    streams,
                );
                return Exit::Invalid;
            };
            let from = p.file.as_ref().map_or(library::SHIPPED_NAME, |f| f.name.as_str());
            let mut lines = vec![
                format!("{}: {}", p.id, p.name),
                format!(
                    "  value:      {} ({})",
                    money_exact(p.value, p.currency_or_gbp()),
                    p.currency_or_gbp()
                ),
            ];
            lines.extend(p.unit.as_ref().map(|u| format!("  unit:       {u}")));
            lines.extend(p.price_year.map(|y| format!("  price year: {y}")));
            lines.push(format!("  source:     {}", p.source));
            lines.extend(p.url.as_ref().map(|u| format!("  url:        {u}")));
            lines.extend(p.licence.as_ref().map(|l| format!("  licence:    {l}")));
            lines.extend(p.notes.as_ref().map(|n| format!("  notes:      {n}")));
            if !p.tags.is_empty() {
                lines.push(format!("  tags:       {}", p.tags.join(", ")));
            }
            lines.push(format!("  from:       {from}"));
            lines.push(match &p.unit {
                Some(unit) => format!(
                    "\nuse it in an outcome as `proxy: {}`; the outcome's `quantity:` counts units of {unit}, so say in its `indicator:` how that number was reached",
                    p.id
                ),
                None => format!("\nuse it in an outcome as `proxy: {}`", p.id),
            });
            let _ = writeln!(out, "{}", crate::diag::escape_controls(&lines.join("\n")));
            Exit::Ok
        }
    }
}
