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
        let _ = writeln!(streams.err, "{name}: error: cannot read the workbook: {error}");
        return Exit::Failed;
    }
    if bytes.len() > MAX_BYTES {
        let _ = writeln!(
            streams.err,
            "{name}: error: the workbook is larger than {} MB; nothing was imported\nhint: import reads the workbooks `sroi report -f xlsx` writes, which are far smaller",
            MAX_BYTES / (1024 * 1024)
        );
        return Exit::Invalid;
    }
    let yaml = match crate::import::workbook(&bytes, &name) {
        Ok(yaml) => yaml,
        Err(errors) => {
            for error in &errors {
                let _ = writeln!(streams.err, "{name}: {error}");
            }
            let plural = if errors.len() == 1 { "" } else { "s" };
            let _ = writeln!(streams.err, "{name}: {} error{plural}; nothing was imported", errors.len());
            return Exit::Invalid;
        }
    };
    // What the workbook holds must be a valid analysis, as `sroi check` sees it.
    let source = SourceFile::new(format!("{name} (as imported)"), yaml.as_str());
    if let Err(diagnostics) = crate::analyse(&source) {
        print_diagnostics(&diagnostics, &source, streams);
        let _ = writeln!(
            streams.err,
            "{name}: error: the workbook does not hold a valid analysis (above, the YAML it gives); nothing was imported\nhint: correct those values in the workbook's blue cells and import it again"
        );
        return Exit::Invalid;
    }
    let Some(target) = output else {
        return write_out(yaml.as_bytes(), streams);
    };
    super::write_new(target, yaml.as_bytes(), ("analysis", Some("name a new file with `-o`")), streams)
}
