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
                let _ = writeln!(streams.err, "error: there is no proxy `{id}`\nhint: {hint}");
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
            lines.push(format!("\nuse it in an outcome as `proxy: {}`", p.id));
            let _ = writeln!(out, "{}", crate::diag::escape_controls(&lines.join("\n")));
            Exit::Ok
        }
    }
}
