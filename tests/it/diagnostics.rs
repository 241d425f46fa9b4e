//! Every invalid input in `tests/fixtures/invalid/` gives exit code 1, located
//! errors with the source line and a caret, and the exact diagnostics
//! snapshotted beside the case; every valid one passes.

use crate::common::sroi;
use sroi::cli::Exit;

#[test]
fn invalid_inputs_are_reported_with_place_and_hint() {
    insta::glob!("..", "fixtures/invalid/*.yaml", |path| {
        let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).expect("inside the crate");
        let shown = relative.to_string_lossy().replace('\\', "/");
        let run = sroi(&["check", &shown]);
        assert_eq!(run.code, Exit::Invalid, "{shown}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{shown}: nothing on stdout for an invalid file");
        let first = run.stderr.lines().next().unwrap_or("");
        assert!(
            first.starts_with(&format!("{shown}:")) && first.contains(": error: "),
            "{shown}: the first line names the file and says error: {first}"
        );
        // Every case here has a place in the file, so every error line is FILE:LINE:COL.
        for line in run.stderr.lines().filter(|l| l.contains(": error: ")) {
            let place = line.split(": error: ").next().unwrap_or("");
            let mut parts = place.rsplitn(3, ':');
            let (column, row) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            assert!(
                column.parse::<u32>().is_ok() && row.parse::<u32>().is_ok(),
                "{shown}: error without line and column: {line}"
            );
        }
        insta::assert_snapshot!(run.stderr);
    });
}

#[test]
fn every_error_of_a_file_is_reported_in_one_run() {
    let run = sroi(&["check", "tests/fixtures/invalid/many-errors-at-once.yaml"]);
    let errors = run.stderr.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, 5, "{}", run.stderr);
}

#[test]
fn valid_inputs_and_shipped_fixtures_pass() {
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/valid")
        .into_iter()
        .chain(std::fs::read_dir("fixtures"))
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4);
    for file in files {
        let shown = file.to_string_lossy().into_owned();
        let run = sroi(&["check", &shown]);
        assert_eq!(run.code, Exit::Ok, "{shown}: {}", run.stderr);
        assert!(run.stdout.contains(": ok ("), "{}", run.stdout);
    }
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    // A sparse 500 MB file costs no disk and no time; it must be refused by size.
    let dir = crate::common::scratch("huge");
    let path = dir.join("huge.yaml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(500 * 1024 * 1024).expect("sparse file");
    let run = sroi(&["check", &path.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid);
    assert!(
        run.stderr.contains("error: the file is 524 MB; an analysis may be at most 33 MB"),
        "{}",
        run.stderr
    );
}
