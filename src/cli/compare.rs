//! `sroi compare FILE...`: reads the analyses, compares them through the
//! [pipeline](crate::pipeline), prints the tables or JSON, or writes the files.

use std::path::{Path, PathBuf};

use super::args::{CompareFormat, TimingArg};
use super::{Exit, Streams};
use crate::compute::comparison::Rebase;
use crate::diag::Diagnostic;
use crate::model::{DiscountRate, Timing};
use crate::pipeline::{self, Format};

/// What `sroi compare` was asked for.
pub(super) struct Asked<'a> {
    pub(super) files: &'a [String],
    pub(super) json: bool,
    pub(super) formats: &'a [CompareFormat],
    pub(super) out: &'a Path,
    pub(super) templates: Option<&'a Path>,
    pub(super) rebase: Option<Rebase>,
    /// `--quiet` and `--deny warnings`.
    pub(super) findings: super::args::Findings,
}

/// The common settings of `--rebase`: the tool's defaults (3.5%, end of year,
/// each analysis's own prices) where a flag is not given.
pub(super) fn rebase(
    discount_rate: Option<DiscountRate>,
    timing: Option<TimingArg>,
    price_year: Option<i32>,
) -> Rebase {
    Rebase {
        discount_rate: discount_rate.unwrap_or(DiscountRate::Constant(0.035)),
        timing: match timing {
            None | Some(TimingArg::End) => Timing::End,
            Some(TimingArg::Mid) => Timing::Mid,
            Some(TimingArg::Start) => Timing::Start,
        },
        price_year,
    }
}

pub(super) fn run(asked: &Asked<'_>, streams: &mut Streams<'_>) -> Exit {
    if super::stdin_twice(asked.files, streams) {
        return Exit::Failed;
    }
    // A file named twice (`a.yaml`, `./a.yaml`) is compared once, as a portfolio counts it once.
    let mut seen = std::collections::HashSet::new();
    let mut files = Vec::with_capacity(asked.files.len());
    let mut twice = Vec::new();
    for file in asked.files {
        if seen.insert(crate::load::manifest::identity(Path::new(file))) {
            files.push(file.clone());
        } else {
            twice.push(file);
        }
    }
    let mut analyses = Vec::with_capacity(files.len());
    let mut found = super::findings::Found::new(streams.color);
    let mut worst = Exit::Ok;
    for analysed in pipeline::analyse_files(&files) {
        match super::loaded(analysed, streams) {
            Ok((path, source, analysis, warnings)) => {
                let results = crate::compute::compute(&analysis);
                found.file(&source, pipeline::findings(&analysis, &results, warnings));
                analyses.push((path, analysis));
            }
            Err(code) => worst = worst.max(code),
        }
    }
    for file in twice {
        let problem = Diagnostic::warning("named-twice", "the file is named twice; it is compared once");
        found.run(Some(file), problem);
    }
    let stopped = if asked.formats.is_empty() { "nothing was printed" } else { "nothing was written" };
    // With a file in error nothing is compared, so warnings cannot fail the run too.
    let deny = if worst == Exit::Ok { asked.findings.deny } else { None };
    if let Err(code) = found.print(super::args::Findings { deny, ..asked.findings }, stopped, streams) {
        return code;
    }
    if worst != Exit::Ok {
        super::problem(
            None,
            Diagnostic::error("nothing-compared", "nothing was compared; fix the files above first"),
            streams,
        );
        return worst;
    }
    let rebase = asked.rebase.as_ref();
    let compared = match crate::compute::comparison::compare(&analyses, rebase) {
        Ok(compared) => compared,
        Err(failures) => {
            for (file, error) in failures {
                let problem = Diagnostic::error("cannot-rebase", error.to_string())
                    .hint(format!("{}, or leave out --price-year", error.hint()));
                super::problem(Some(&file), problem, streams);
            }
            return Exit::Invalid;
        }
    };
    let stamp = crate::report::Stamp::at(streams.now);
    if asked.formats.is_empty() {
        return if asked.json {
            super::write_json(&crate::render::comparison::json(&compared, rebase), streams)
        } else {
            let view = crate::report::comparison::view(&compared, rebase, stamp);
            super::write_text(&crate::render::comparison::text(&view), streams)
        };
    }
    let formats: Vec<Format> = asked
        .formats
        .iter()
        .map(|f| match f {
            CompareFormat::Html => Format::Html,
            CompareFormat::Pdf => Format::Pdf,
            CompareFormat::Json => Format::Json,
        })
        .collect();
    let outputs = pipeline::comparison_outputs(&compared, rebase, stamp, &formats, asked.templates);
    // The comparison is never written over one of the analyses compared.
    let inputs: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let written = super::Written {
        stem: "comparison",
        name: "comparison",
        out: asked.out,
        inputs: (&inputs, "analysis"),
        order: &[],
    };
    super::write_outputs(outputs, &written, "comparison", streams)
}
