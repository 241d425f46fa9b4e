//! `sroi bids FRAMEWORK OFFER...`: offers scored against a framework (SPEC §7),
//! printed as a table or JSON, or written as a tender evaluation.

use std::io::Write as _;

use super::{Exit, Streams, Written, html_bytes, pdf_bytes, print_diagnostics, write_each, write_out};
use crate::commissioning::{self, Failure};
use crate::diag::Diagnostic;

/// File formats of `sroi bids`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An accessible web page: ranking, value by priority and measure, flags, method.
    Html,
    /// The same, typeset for A4.
    Pdf,
    /// The figures (as `--json` prints them).
    Json,
    /// One row per commitment of each offer.
    Csv,
}

/// Prints what a failed load said, and gives its exit code.
pub(crate) fn failed(failure: Failure, streams: &mut Streams<'_>) -> Exit {
    match failure {
        Failure::Unreadable(name, error) => {
            let _ = writeln!(streams.err, "{name}: error: cannot read the file: {error}");
            Exit::Failed
        }
        Failure::Invalid(files) => {
            for said in &files {
                print_diagnostics(&said.diagnostics, &said.source, streams);
            }
            let _ = writeln!(streams.err, "error: nothing was computed; fix the files above first");
            Exit::Invalid
        }
    }
}

/// Runs `sroi bids`.
pub(super) fn run(
    framework: &str,
    offers: &[String],
    json: bool,
    written: &Written<'_, Format>,
    streams: &mut Streams<'_>,
) -> Exit {
    if super::stdin_twice(&[&[framework.to_owned()], offers].concat(), streams) {
        return Exit::Failed;
    }
    let (framework, loaded) = match commissioning::bids(framework, offers) {
        Ok(loaded) => loaded,
        Err(failure) => return failed(failure, streams),
    };
    print_diagnostics(&framework.said.diagnostics, &framework.said.source, streams);
    let pairs: Vec<(String, &crate::model::commission::Offer)> =
        loaded.iter().map(|o| (o.said.source.name.clone(), &o.value)).collect();
    let refs: Vec<&crate::model::commission::Offer> = pairs.iter().map(|(_, o)| *o).collect();
    let evaluation = crate::compute::bids::evaluate(&framework.value, &refs);
    for (offer, value) in loaded.iter().zip(&evaluation.offers) {
        let mut diagnostics = offer.said.diagnostics.clone();
        for flag in &value.flags {
            let text = crate::report::bids::flag_text(&framework.value, &offer.value, flag);
            let at = match flag {
                crate::compute::bids::Flag::AboveContractYear { commitment, .. }
                | crate::compute::bids::Flag::NoPlan { commitment } => {
                    offer.value.commitments[*commitment].loc
                }
                _ => offer.value.loc,
            };
            diagnostics.push(Diagnostic::warning("bid-flag", text).at(at));
        }
        diagnostics.sort_by_key(|d| d.loc.map(|l| (l.line, l.column)));
        print_diagnostics(&diagnostics, &offer.said.source, streams);
    }
    let view = crate::report::bids::view(&framework.value, &pairs, &evaluation);
    if written.formats.is_empty() {
        let bytes = if json {
            crate::render::bids::json(&view)
        } else {
            crate::render::bids::text(&view).into_bytes()
        };
        return write_out(&bytes, streams);
    }
    let mut inputs: Vec<&std::path::Path> = offers.iter().map(std::path::Path::new).collect();
    inputs.push(std::path::Path::new(&framework.said.source.name));
    let name = "tender-evaluation";
    write_each(written, (name, (&inputs, "offer")), "tender evaluation", streams, |format, streams| {
        match format {
            Format::Json => Ok((crate::render::bids::json(&view), "json")),
            Format::Csv => Ok((crate::render::bids::csv(&view), "csv")),
            Format::Pdf => {
                Ok((pdf_bytes(crate::render::pdf::bids(&view), name, "tender evaluation", streams)?, "pdf"))
            }
            Format::Html => {
                let made = crate::render::html::Templates::load(written.templates)
                    .and_then(|t| crate::render::html::render_bids(&view, &t));
                Ok((html_bytes(made, name, "tender evaluation", streams)?, "html"))
            }
        }
    })
}
