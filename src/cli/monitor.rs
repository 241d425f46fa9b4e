//! `sroi monitor OFFER RETURNS`: delivery against commitments (SPEC §8),
//! printed as a table or JSON, or written as a monitoring report.

use super::{Exit, Streams};

/// What `sroi monitor` writes, and where.
pub(super) type Asked<'a> = super::bids::Asked<'a, Format>;

/// File formats of `sroi monitor`.
pub use crate::pipeline::Format;

/// Runs `sroi monitor`.
pub(super) fn run(offer: &str, returns: &str, written: &Asked<'_>, streams: &mut Streams<'_>) -> Exit {
    if super::stdin_twice(&[offer.to_owned(), returns.to_owned()], streams) {
        return Exit::Failed;
    }
    let m = match crate::pipeline::commissioning::monitor(offer, returns) {
        Ok(m) => m,
        Err(failure) => return super::bids::failed(failure, streams),
    };
    let mut found = super::findings::Found::new(streams.color);
    for said in [&m.framework.said, &m.offer.said, &m.returns.said] {
        found.file(&said.source, said.diagnostics.iter().cloned());
    }
    let stopped = if written.formats.is_empty() { "nothing was printed" } else { "nothing was written" };
    if let Err(code) = found.print(written.findings, stopped, streams) {
        return code;
    }
    let ledger = crate::compute::monitor::monitor(&m.framework.value, &m.offer.value, &m.returns.value);
    let stamp = crate::report::Stamp::at(streams.now);
    let view =
        crate::report::monitor::view(&m.framework.value, &m.offer.value, &m.returns.value, &ledger, stamp);
    if written.formats.is_empty() {
        return if written.json {
            super::write_json(&crate::render::monitor::json(&view), streams)
        } else {
            super::write_text(&crate::render::monitor::text(&view), streams)
        };
    }
    let stem = std::path::Path::new(returns)
        .file_stem()
        .filter(|_| returns != "-")
        .map_or_else(|| "monitoring".to_owned(), |s| s.to_string_lossy().into_owned());
    use crate::pipeline::Made;
    let outputs = crate::pipeline::outputs(written.formats, |format| {
        Some(match format {
            Format::Json => Made::Bytes(crate::render::monitor::json(&view)),
            Format::Csv => Made::Bytes(crate::render::monitor::csv(&view)),
            Format::Pdf => Made::Pdf(crate::render::pdf::monitor(&view)),
            Format::Html => Made::Html(
                crate::pipeline::templates(written.templates)
                    .and_then(|t| crate::render::html::render_monitor(&view, &t)),
            ),
        })
    });
    let inputs = [std::path::PathBuf::from(offer), std::path::PathBuf::from(returns)];
    let place = super::Written {
        stem: &stem,
        name: &stem,
        out: written.out,
        inputs: (&inputs, "returns"),
        order: &[],
    };
    super::write_outputs(outputs, &place, "monitoring report", streams)
}
