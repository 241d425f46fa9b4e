//! Drives the CLI in-process, as a user would from a shell, and captures what it prints.

#![allow(dead_code)]

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use sroi::cli::{Exit, Streams};

/// What one run of `sroi` did.
#[derive(Debug)]
pub struct Run {
    pub code: Exit,
    pub stdout: String,
    pub stderr: String,
}

#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `sroi ARGS…` in-process, without colour.
pub fn sroi(args: &[&str]) -> Run {
    sroi_at(args, sroi::cli::now())
}

/// Runs `sroi ARGS…` in-process, without colour, as if at `now` (seconds since 1970).
pub fn sroi_at(args: &[&str], now: i64) -> Run {
    let (out, err) = (Captured::default(), Captured::default());
    let mut streams = Streams { out: Box::new(out.clone()), err: Box::new(err.clone()), color: false, now };
    let code = sroi::cli::run(std::iter::once("sroi").chain(args.iter().copied()), &mut streams);
    drop(streams);
    let text = |c: Captured| String::from_utf8(c.0.borrow().clone()).expect("output is UTF-8");
    Run { code, stdout: text(out), stderr: text(err) }
}

/// A fixed report date: 1 January 2026.
pub const EPOCH: &str = "1767225600";

/// Runs the real binary with `args` and a fixed `SOURCE_DATE_EPOCH`, as CI and users do.
pub fn binary(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sroi"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("run sroi")
}

/// `sroi report ANALYSIS -o OUT EXTRA...`, through [`binary`].
pub fn report(analysis: &str, out: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let out = out.to_string_lossy();
    binary(&[&["report", analysis, "-o", &out], extra].concat())
}

/// A fresh, empty scratch folder for one test.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sroi-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch folder");
    dir
}

/// The results of a fixture, through the library.
pub fn results_of(path: &str) -> (sroi::model::Analysis, sroi::compute::Results) {
    let source = sroi::load::read_source(path).expect("fixture readable");
    let (analysis, _) =
        sroi::analyse(&source).unwrap_or_else(|d| panic!("{}", sroi::diag::render_all(&d, &source, false)));
    let results = sroi::compute::compute(&analysis);
    (analysis, results)
}

/// `a` equals `b` to 1e-9 relative.
pub fn assert_close(a: f64, b: f64, what: &str) {
    let tolerance = 1e-9 * b.abs().max(1.0);
    assert!((a - b).abs() <= tolerance, "{what}: {a} != {b}");
}

/// Every valid analysis shipped: the examples and the valid test fixtures, sorted.
pub fn fixtures() -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = ["fixtures", "tests/fixtures/valid"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("fixture folder"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Nothing in an HTML page can run or load: no script, frame, object, form,
/// link or image, no event handler, no `javascript:` URL, and one style element.
pub fn assert_inert(html: &str) {
    let document = scraper::Html::parse_document(html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    for tag in ["script", "iframe", "object", "embed", "link", "meta[http-equiv]", "base", "form", "img"] {
        assert_eq!(document.select(&select(tag)).count(), 0, "a <{tag}> got through");
    }
    assert_eq!(document.select(&select("style")).count(), 1, "only the page's own style element");
    for element in document.select(&select("*")) {
        for (name, value) in element.value().attrs() {
            assert!(!name.to_ascii_lowercase().starts_with("on"), "event handler {name}={value}");
            let value = value.trim().to_ascii_lowercase();
            assert!(!value.starts_with("javascript:"), "{name}={value}");
        }
    }
}
