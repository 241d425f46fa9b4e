//! `sroi import WORKBOOK.xlsx [-o FILE]`: the analysis a workbook holds, as
//! YAML, checked before it is printed or written.

use std::io::{Read, Write};
use std::path::Path;

use super::{Exit, Streams, print_diagnostics, write_out};
use crate::import::MAX_BYTES;
use crate::source::SourceFile;

/// Runs `sroi import`.
pub fn run(workbook: &Path, output: Option<&Path>, streams: &mut Streams<'_>) -> Exit {
    let name = workbook.display().to_string();
    let mut bytes = Vec::new();
    let read = std::fs::File::open(workbook)
        .and_then(|file| file.take(MAX_BYTES as u64 + 1).read_to_end(&mut bytes));
    if let Err(error) = read {
        let problem = format!("cannot read the workbook: {error}");
        super::problem(Some(&name), crate::diag::Diagnostic::error("unreadable-file", problem), streams);
        return Exit::Failed;
    }
    if bytes.len() > MAX_BYTES {
        let problem =
            format!("the workbook is larger than {} MB; nothing was imported", MAX_BYTES / (1024 * 1024));
        super::problem(
            Some(&name),
            crate::diag::Diagnostic::error("file-too-large", problem)
                .hint("import reads the workbooks `sroi report -f xlsx` writes, which are far smaller"),
            streams,
        );
        return Exit::Invalid;
    }
    let imported = match crate::import::workbook(&bytes, &name) {
        Ok(imported) => imported,
        Err(errors) => {
            for error in &errors {
                let _ =
                    writeln!(streams.err, "{}", crate::diag::escape_controls(&format!("{name}: {error}")));
            }
            let plural = if errors.len() == 1 { "" } else { "s" };
            let _ = writeln!(streams.err, "{name}: {} error{plural}; nothing was imported", errors.len());
            return Exit::Invalid;
        }
    };
    let yaml = imported.yaml.as_str();
    // What the workbook holds must be a valid analysis, as `sroi check` sees it.
    let source = SourceFile::new(format!("{name} (as imported)"), yaml);
    if let Err(diagnostics) = crate::analyse(&source) {
        // Each problem at the workbook cell it came from; one without a cell
        // is shown in the YAML the workbook gives, which names its outcome.
        let mut unplaced = Vec::new();
        for diagnostic in diagnostics.into_iter().filter(|d| d.is_error()) {
            match diagnostic.loc.and_then(|loc| imported.place_of_line(loc.line)) {
                Some(place) => {
                    let line = format!("{name}: {place}: error: {}", diagnostic.message);
                    let _ = writeln!(streams.err, "{}", crate::diag::escape_controls(&line));
                    for hint in &diagnostic.hints {
                        let _ = writeln!(streams.err, "hint: {}", crate::diag::escape_controls(hint));
                    }
                }
                None => unplaced.push(diagnostic),
            }
        }
        print_diagnostics(&unplaced, &source, streams);
        super::problem(
            Some(&name),
            crate::diag::Diagnostic::error(
                "invalid-workbook",
                "the workbook does not hold a valid analysis; nothing was imported",
            )
            .hint("correct those values in the workbook and import it again"),
            streams,
        );
        return Exit::Invalid;
    }
    match output {
        None => write_out(yaml.as_bytes(), streams),
        Some(target) if target == Path::new("-") => write_out(yaml.as_bytes(), streams),
        Some(target) if target.is_dir() => {
            let hint = format!("name a new file, e.g. `-o {}`", target.join("analysis.yaml").display());
            super::problem(
                Some(&target.to_string_lossy()),
                crate::diag::Diagnostic::error("output-is-folder", "it is a folder; nothing was written")
                    .hint(hint),
                streams,
            );
            Exit::Failed
        }
        Some(target) => super::write_new(
            target,
            yaml.as_bytes(),
            ("analysis", Some("name a new file with `-o`")),
            streams,
        ),
    }
}
