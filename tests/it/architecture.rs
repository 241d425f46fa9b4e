//! The stages of STYLE.md, held: data flows one way, renderers and the
//! arithmetic know nothing of files, the command line or the commands over
//! many files, and the arithmetic touches no file, environment or clock.
//!
//! Only code counts: comments and `#[cfg(test)]` modules (whose tests may
//! read fixtures) are left out before looking.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A file's code: each line without its `//` comment, up to its first
/// `#[cfg(test)]` (test modules come last in this code base).
fn code(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).expect("source");
    text.lines()
        .take_while(|line| line.trim() != "#[cfg(test)]")
        .enumerate()
        .map(|(i, line)| {
            let code = match line.find("//") {
                // `://` in a string is not a comment (URLs).
                Some(at) if !line[..at].ends_with(':') => &line[..at],
                _ => line,
            };
            (i + 1, code.to_owned())
        })
        .collect()
}

/// Places in `dir`'s code that use any of `names`, as `FILE:LINE: text`.
fn uses(dir: &str, names: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in sources(Path::new(dir)) {
        for (line, text) in code(&file) {
            for name in names {
                if text.contains(name) {
                    found.push(format!("{}:{line}: `{name}` in {}", file.display(), text.trim()));
                }
            }
        }
    }
    found
}

/// The stages downstream of `load` and `cli` that must not reach back.
const UPSTREAM: [&str; 3] = ["crate::load", "crate::cli", "crate::pipeline"];

#[test]
fn render_knows_nothing_of_loading_the_command_line_or_the_pipeline() {
    let found = uses("src/render", &UPSTREAM);
    assert!(found.is_empty(), "render reaches back:\n{}", found.join("\n"));
}

#[test]
fn compute_knows_nothing_of_loading_the_command_line_or_the_pipeline() {
    let found = uses("src/compute", &UPSTREAM);
    assert!(found.is_empty(), "compute reaches back:\n{}", found.join("\n"));
}

#[test]
fn render_names_no_command() {
    // Comparisons and statements are views to render, not the commands that make them.
    let found =
        uses("src/render", &["compare", "portfolio", "crate::report::comparison::view", "statement::view"]);
    assert!(found.is_empty(), "render names a command:\n{}", found.join("\n"));
}

#[test]
fn compute_touches_no_file_environment_or_clock() {
    let found = uses(
        "src/compute",
        &["std::fs", "std::env", "std::io", "std::process", "SystemTime", "Instant", "std::net", "File::"],
    );
    assert!(found.is_empty(), "compute does I/O:\n{}", found.join("\n"));
}

#[test]
fn only_the_edge_reads_the_clock_or_the_environment() {
    let mut found = Vec::new();
    for dir in ["src/render", "src/report", "src/compute", "src/validate", "src/load"] {
        found.extend(uses(dir, &["SystemTime", "SOURCE_DATE_EPOCH\")", "std::env::var"]));
    }
    assert!(found.is_empty(), "the clock or environment read inside a stage:\n{}", found.join("\n"));
}

#[test]
fn no_module_edits_another_modules_sentences() {
    // Words are built where they are said (a view), never patched afterwards.
    let found = uses("src", &[".replacen("]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_command_line_stays_thin() {
    let lines = std::fs::read_to_string("src/cli/mod.rs").expect("cli").lines().count();
    assert!(lines < 300, "src/cli/mod.rs has {lines} lines; move a command into its own file");
}

#[test]
fn the_report_pdf_types_no_heading_caption_or_column_header_of_its_own() {
    // The report's words are in its view (`report::words`), so the HTML and PDF say the same.
    let mut found = Vec::new();
    for file in ["src/render/pdf/mod.rs", "src/render/pdf/assurance.rs"] {
        for (line, text) in code(Path::new(file)) {
            for typed in ["heading(\"", "caption: \"", "\".into(), "] {
                if text.contains(typed) {
                    found.push(format!("{file}:{line}: {}", text.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "words typed in the renderer:\n{}", found.join("\n"));
}
