//! Fuzz target over the whole pipeline of one analysis, as `check`, `calc`
//! and `report` run it: bytes → load → validate → compute (with the
//! simulation) → quality findings → report view → HTML with its charts,
//! the tagged PDF (which krilla validates as PDF/UA-1), the JSON, plus the
//! terminal output. It fails on a panic, on an HTML or PDF that cannot be
//! made from an analysis that loaded, on an error without a place in the
//! file, and on a raw control character printed to a terminal.
//!
//! Run from the repository root (see README, "Fuzzing"):
//!
//! ```text
//! RUSTC_BOOTSTRAP=1 cargo fuzz run pipeline fuzz/corpus/pipeline fixtures tests/fixtures/valid -- -jobs=1 -max_total_time=1800
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Proxy files and logos are read relative to this (imaginary) file's folder.
    let name = "tests/fixtures/valid/fuzzed.yaml".to_owned();
    let source = match sroi::load::source_from_bytes(name, data.to_vec()) {
        Ok(source) => source,
        Err(sroi::load::ReadError::Invalid { file, diagnostic }) => {
            assert!(diagnostic.loc.is_some() || file.text.is_empty(), "an unplaced read error");
            return;
        }
        Err(sroi::load::ReadError::Io { .. }) => unreachable!("no I/O on bytes in memory"),
    };
    let printed = match sroi::analyse(&source) {
        Ok((analysis, warnings)) => {
            let sroi::pipeline::Reported { results, uncertainty, findings, report } =
                sroi::pipeline::report(&analysis, warnings, 0);
            let templates = sroi::render::html::Templates::new(&[]).expect("the built-in templates load");
            // Either failing is a fault of sroi's, never of the file: both must succeed.
            if let Err(e) = sroi::render::html::render(&report, None, &templates) {
                panic!("the HTML could not be made: {e}");
            }
            if let Err(e) = sroi::render::pdf::render(&report, None) {
                panic!("the PDF could not be made: {e}");
            }
            let _ = sroi::render::json::render(&analysis, &results, &uncertainty);
            let table = sroi::render::text::render(&analysis, &results, &uncertainty);
            sroi::diag::render_all(&findings, &source, false) + &sroi::diag::escape_controls(&table)
        }
        Err(diagnostics) => {
            assert!(diagnostics.iter().any(|d| d.is_error()), "refused without an error");
            for d in diagnostics.iter().filter(|d| d.is_error()) {
                assert!(d.loc.is_some(), "an error without a place: {} ({})", d.message, d.code);
            }
            sroi::diag::render_all(&diagnostics, &source, false)
        }
    };
    assert!(
        !printed.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
        "a raw control character was printed"
    );
});
