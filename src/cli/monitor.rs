//! `sroi monitor OFFER RETURNS`: delivery against commitments (SPEC §8),
//! printed as a table or JSON, or written as a monitoring report.

use super::{Exit, Streams, Written, html_bytes, pdf_bytes, print_diagnostics, write_each, write_out};

/// File formats of `sroi monitor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An accessible web page: the ledger, status, evidence, method.
    Html,
    /// The same, typeset for A4.
    Pdf,
    /// The figures (as `--json` prints them).
    Json,
    /// One row per period and measure.
    Csv,
}

/// Runs `sroi monitor`.
pub(super) fn run(
    offer: &str,
    returns: &str,
    json: bool,
    written: &Written<'_, Format>,
    streams: &mut Streams<'_>,
) -> Exit {
    if super::stdin_twice(&[offer.to_owned(), returns.to_owned()], streams) {
        return Exit::Failed;
    }
    let m = match crate::commissioning::monitor(offer, returns) {
        Ok(m) => m,
        Err(failure) => return super::bids::failed(failure, streams),
    };
    for said in [&m.framework.said, &m.offer.said, &m.returns.said] {
        print_diagnostics(&said.diagnostics, &said.source, streams);
    }
    let ledger = crate::compute::monitor::monitor(&m.framework.value, &m.offer.value, &m.returns.value);
    let view = crate::report::monitor::view(&m.framework.value, &m.offer.value, &m.returns.value, &ledger);
    if written.formats.is_empty() {
        let bytes = if json {
            crate::render::monitor::json(&view)
        } else {
            crate::render::monitor::text(&view).into_bytes()
        };
        return write_out(&bytes, streams);
    }
    let stem = std::path::Path::new(returns)
        .file_stem()
        .filter(|_| returns != "-")
        .map_or_else(|| "monitoring".to_owned(), |s| s.to_string_lossy().into_owned());
    let inputs = [std::path::Path::new(offer), std::path::Path::new(returns)];
    let name = stem.clone();
    write_each(written, (&stem, (&inputs, "returns")), "monitoring report", streams, |format, streams| {
        match format {
            Format::Json => Ok((crate::render::monitor::json(&view), "json")),
            Format::Csv => Ok((crate::render::monitor::csv(&view), "csv")),
            Format::Pdf => Ok((
                pdf_bytes(crate::render::pdf::monitor(&view), &name, "monitoring report", streams)?,
                "pdf",
            )),
            Format::Html => {
                let made = crate::render::html::Templates::load(written.templates)
                    .and_then(|t| crate::render::html::render_monitor(&view, &t));
                Ok((html_bytes(made, &name, "monitoring report", streams)?, "html"))
            }
        }
    })
}
