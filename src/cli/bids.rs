//! `sroi bids FRAMEWORK OFFER...`: offers scored against a framework (SPEC §7),
//! printed as a table or JSON, or written as a tender evaluation.

use super::{Exit, Streams, print_diagnostics};
use crate::diag::Diagnostic;
use crate::pipeline::commissioning::{self, Failure};

/// File formats of `sroi bids`.
pub use crate::pipeline::Format;

/// Prints what a failed load said, and gives its exit code.
pub(crate) fn failed(failure: Failure, streams: &mut Streams<'_>) -> Exit {
    match failure {
        Failure::Unreadable(name, error) => {
            let problem = format!("cannot read the file: {error}");
            super::problem(Some(&name), Diagnostic::error("unreadable-file", problem), streams);
            Exit::Failed
        }
        Failure::Invalid(files) => {
            for said in &files {
                print_diagnostics(&said.diagnostics, &said.source, streams);
            }
            let problem =
                Diagnostic::error("invalid-input", "nothing was computed; fix the files above first");
            super::problem(None, problem, streams);
            Exit::Invalid
        }
    }
}

/// What `sroi bids` or `sroi monitor` prints or writes, and where.
pub(super) struct Asked<'a, F> {
    /// `--json` or `--format json`.
    pub(super) json: bool,
    /// `--quiet` and `--deny warnings`.
    pub(super) findings: super::args::Findings,
    pub(super) formats: &'a [F],
    pub(super) out: &'a std::path::Path,
    pub(super) templates: Option<&'a std::path::Path>,
}

impl<'a, F: clap::ValueEnum + Clone + Send + Sync + 'static> Asked<'a, F> {
    /// What the command line asked for.
    pub(super) fn new(
        print: &super::args::Print,
        files: &'a super::args::Files<F>,
        findings: super::args::Findings,
    ) -> Self {
        Asked {
            json: print.json(),
            formats: &files.formats,
            out: &files.output,
            templates: files.templates.as_deref(),
            findings,
        }
    }
}

/// Runs `sroi bids`.
pub(super) fn run(
    framework: &str,
    offers: &[String],
    written: &Asked<'_, Format>,
    streams: &mut Streams<'_>,
) -> Exit {
    if super::stdin_twice(&[&[framework.to_owned()], offers].concat(), streams) {
        return Exit::Failed;
    }
    let (framework, loaded) = match commissioning::bids(framework, offers) {
        Ok(loaded) => loaded,
        Err(failure) => return failed(failure, streams),
    };
    let mut found = super::findings::Found::new(streams.color);
    found.file(&framework.said.source, framework.said.diagnostics.iter().cloned());
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
        found.file(&offer.said.source, diagnostics);
    }
    let stopped = if written.formats.is_empty() { "nothing was printed" } else { "nothing was written" };
    if let Err(code) = found.print(written.findings, stopped, streams) {
        return code;
    }
    let stamp = crate::report::Stamp::at(streams.now);
    let view = crate::report::bids::view(&framework.value, &pairs, &evaluation, stamp);
    if written.formats.is_empty() {
        return if written.json {
            super::write_json(&crate::render::bids::json(&view), streams)
        } else {
            super::write_text(&crate::render::bids::text(&view), streams)
        };
    }
    use crate::pipeline::Made;
    let outputs = crate::pipeline::outputs(written.formats, |format| {
        Some(match format {
            Format::Json => Made::Bytes(crate::render::bids::json(&view)),
            Format::Csv => Made::Bytes(crate::render::bids::csv(&view)),
            Format::Pdf => Made::Pdf(crate::render::pdf::bids(&view)),
            Format::Html => Made::Html(
                crate::pipeline::templates(written.templates)
                    .and_then(|t| crate::render::html::render_bids(&view, &t)),
            ),
        })
    });
    let mut inputs: Vec<std::path::PathBuf> = offers.iter().map(std::path::PathBuf::from).collect();
    inputs.push(std::path::PathBuf::from(&framework.said.source.name));
    let place = super::Written {
        stem: "tender-evaluation",
        name: "tender-evaluation",
        out: written.out,
        inputs: (&inputs, "offer"),
        order: &[],
    };
    super::write_outputs(outputs, &place, "tender evaluation", streams)
}
