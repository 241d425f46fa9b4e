//! One way to ask on every command (issue 16): `--json` and `--format json`
//! alike, `-f/--formats` only for files written; the quality findings summary
//! on stderr wherever an analysis or commissioning file is read, `--quiet` to
//! silence it and `--deny warnings` to fail on it; and the input/outcome year
//! convention said where users look.

use std::path::Path;

use crate::common::{scratch, sroi, sroi_at};
use sroi::cli::Exit;

const GARDEN: &str = "fixtures/community-garden.yaml";
const YOUTH: &str = "fixtures/youth-into-work.yaml";
const FRAMEWORK: &str = "fixtures/commissioning/framework.yaml";
const OFFER: &str = "fixtures/commissioning/offer-greenway.yaml";
const NORTHERN: &str = "fixtures/commissioning/offer-northern.yaml";
const RETURNS: &str = "fixtures/commissioning/returns-greenway.yaml";

/// A fixed moment, so two runs print the same dates.
const NOW: i64 = 1_767_225_600;

/// Each command that prints figures, as a user would ask for its text.
fn printing() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("calc", vec!["calc", GARDEN]),
        ("compare", vec!["compare", GARDEN, YOUTH]),
        ("portfolio", vec!["portfolio", "fixtures"]),
        ("bids", vec!["bids", FRAMEWORK, OFFER, NORTHERN]),
        ("monitor", vec!["monitor", OFFER, RETURNS]),
    ]
}

/// Every command that reads analyses or commissioning files and summarises
/// their findings: those that print, and `report`, writing into `out`.
fn summarising(out: &str) -> Vec<(&'static str, Vec<String>)> {
    let mut all: Vec<(&'static str, Vec<String>)> = printing()
        .into_iter()
        .map(|(name, args)| (name, args.into_iter().map(str::to_owned).collect()))
        .collect();
    all.push(("report", ["report", GARDEN, "-f", "json", "-o", out].map(str::to_owned).to_vec()));
    all
}

fn run(args: &[String], extra: &[&str]) -> crate::common::Run {
    let args: Vec<&str> = args.iter().map(String::as_str).chain(extra.iter().copied()).collect();
    sroi_at(&args, NOW)
}

/// `1 warning`, `3 warnings`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Whether `line` is a file's line of counts: `FILE: 3 warnings, 1 note…`.
fn is_counts(line: &str) -> bool {
    let Some((_, counts)) = line.rsplit_once(".yaml: ") else { return false };
    let mut words = counts.split([' ', ',', ';']).filter(|w| !w.is_empty());
    let number = |w: Option<&str>| w.is_some_and(|w| w.parse::<usize>().is_ok());
    number(words.next())
        && words.next().is_some_and(|w| w.starts_with("warning"))
        && number(words.next())
        && words.next().is_some_and(|w| w.starts_with("note"))
}

/// The first line of every warning printed, sorted.
fn warnings(stderr: &str) -> Vec<String> {
    let mut found: Vec<String> =
        stderr.lines().filter(|l| l.contains(": warning: ")).map(str::to_owned).collect();
    found.sort();
    found
}

#[test]
fn json_and_format_json_print_identical_bytes_on_every_command() {
    let mut commands = printing();
    commands.push(("check", vec!["check", GARDEN, YOUTH]));
    commands.push(("check --assurance", vec!["check", GARDEN, "--assurance"]));
    for (name, args) in commands {
        let json = sroi_at(&[&args[..], &["--json"]].concat(), NOW);
        let format = sroi_at(&[&args[..], &["--format", "json"]].concat(), NOW);
        assert_eq!(json.code, Exit::Ok, "{name} --json: {}", json.stderr);
        serde_json::from_str::<serde_json::Value>(&json.stdout)
            .unwrap_or_else(|e| panic!("{name} --json prints JSON: {e}\n{}", json.stdout));
        assert_eq!(json.stdout, format.stdout, "{name}: --json and --format json print the same bytes");
        assert_eq!(json.stderr, format.stderr, "{name}: and say the same on stderr");
        assert_eq!(json.code, format.code, "{name}");
        // `--format text` is the default.
        let text = sroi_at(&[&args[..], &["--format", "text"]].concat(), NOW);
        let plain = sroi_at(&args, NOW);
        assert_eq!(text.stdout, plain.stdout, "{name}: --format text is the default");
        assert_ne!(text.stdout, json.stdout, "{name}: text is not JSON");
    }
}

#[test]
fn format_names_what_is_printed_and_a_file_format_there_points_to_formats() {
    let run = sroi(&["compare", GARDEN, YOUTH, "--format", "html"]);
    assert_eq!(run.code, Exit::Failed, "a usage error");
    assert!(run.stderr.contains("`-f html` (`--formats html`)"), "{}", run.stderr);
    let unknown = sroi(&["calc", GARDEN, "--format", "yaml"]);
    assert_eq!(unknown.code, Exit::Failed);
    assert!(unknown.stderr.contains("write `text` or `json`"), "{}", unknown.stderr);
    // Two ways of asking at once is one too many, and so is printing and writing.
    assert_eq!(sroi(&["calc", GARDEN, "--json", "--format", "text"]).code, Exit::Failed);
    assert_eq!(sroi(&["bids", FRAMEWORK, OFFER, "--json", "-f", "csv"]).code, Exit::Failed);
    assert_eq!(sroi(&["monitor", OFFER, RETURNS, "--format", "json", "--formats", "csv"]).code, Exit::Failed);
    // `check x --json` was "unexpected argument"; it is the same as `--format json` now.
    assert_eq!(sroi(&["check", GARDEN, "--json"]).code, Exit::Ok);
}

#[test]
fn formats_short_and_long_write_the_same_files_on_every_command_that_writes() {
    let dir = scratch("cli-formats");
    let cases: [(&[&str], &str); 5] = [
        (&["report", GARDEN], "community-garden.json"),
        (&["compare", GARDEN, YOUTH], "comparison.json"),
        (&["portfolio", "fixtures"], "fixtures.json"),
        (&["bids", FRAMEWORK, OFFER, NORTHERN], "tender-evaluation.json"),
        (&["monitor", OFFER, RETURNS], "returns-greenway.json"),
    ];
    for (args, file) in cases {
        let (short, long) = (dir.join(format!("{}-short", args[0])), dir.join(format!("{}-long", args[0])));
        let (s, l) = (short.to_string_lossy(), long.to_string_lossy());
        let a = sroi_at(&[args, &["-f", "json", "-o", &s, "-q"]].concat(), NOW);
        let b = sroi_at(&[args, &["--formats", "json", "--output", &l, "-q"]].concat(), NOW);
        assert_eq!((a.code, b.code), (Exit::Ok, Exit::Ok), "{}: {}{}", args[0], a.stderr, b.stderr);
        let read =
            |d: &Path| std::fs::read(d.join(file)).unwrap_or_else(|e| panic!("{}: {file}: {e}", args[0]));
        assert_eq!(read(&short), read(&long), "{}: -f and --formats are one flag", args[0]);
        assert!(a.stdout.is_empty() || !a.stdout.contains('{'), "{}: written, not printed", args[0]);
    }
    // `-o` is for files written: without `-f` it is a usage error, not ignored.
    assert_eq!(sroi(&["compare", GARDEN, YOUTH, "-o", &dir.to_string_lossy()]).code, Exit::Failed);
}

#[test]
fn every_command_prints_the_warnings_check_gives_and_their_counts() {
    let out = scratch("cli-summary");
    for (name, args) in summarising(&out.to_string_lossy()) {
        let run = run(&args, &[]);
        assert_eq!(run.code, Exit::Ok, "{name}: {}", run.stderr);
        let shown = warnings(&run.stderr);
        assert!(!shown.is_empty(), "{name} shows the warnings: {}", run.stderr);
        // Each warning as `check` prints it: the place, the source line, the principle or hint.
        assert!(run.stderr.contains("   |\n"), "{name}: with the source line: {}", run.stderr);
        assert!(run.stderr.lines().any(is_counts), "{name}: a line of counts: {}", run.stderr);
        let files: Vec<&str> = args.iter().map(String::as_str).filter(|a| a.ends_with(".yaml")).collect();
        if !files.is_empty() {
            let check = sroi(&[&["check"], &files[..]].concat());
            for warning in warnings(&check.stderr) {
                assert!(shown.contains(&warning), "{name} shows check's {warning}\n{}", run.stderr);
            }
        }
    }
    // For one analysis the summary is exactly `check`'s warnings, and the counts agree.
    let calc = sroi(&["calc", GARDEN]);
    let check = sroi(&["check", GARDEN]);
    assert_eq!(warnings(&calc.stderr), warnings(&check.stderr));
    assert!(check.stdout.contains("; 4 warnings, 1 note"), "{}", check.stdout);
    assert!(
        calc.stderr.ends_with(
            "fixtures/community-garden.yaml: 4 warnings, 1 note; `sroi check fixtures/community-garden.yaml` shows the note\n"
        ),
        "{}",
        calc.stderr
    );
    assert!(!calc.stderr.contains(": note: "), "notes are counted and left to check: {}", calc.stderr);
}

#[test]
fn quiet_empties_the_summary_but_not_the_results() {
    let out = scratch("cli-quiet");
    for (name, args) in summarising(&out.to_string_lossy()) {
        for flag in ["-q", "--quiet"] {
            let run = run(&args, &[flag]);
            assert_eq!(run.code, Exit::Ok, "{name} {flag}: {}", run.stderr);
            assert_eq!(run.stderr, "", "{name} {flag} prints nothing on stderr");
            if name != "report" {
                assert!(!run.stdout.is_empty(), "{name} {flag} still prints the figures");
            }
        }
    }
    // `check --quiet` prints errors only, and still the line closing each file.
    let check = sroi(&["check", GARDEN, "tests/fixtures/invalid/bad-index-entries.yaml", "-q"]);
    assert_eq!(check.code, Exit::Invalid);
    assert!(!check.stderr.contains(": warning: ") && !check.stderr.contains(": note: "), "{}", check.stderr);
    assert!(check.stderr.contains(": error: "), "errors still print: {}", check.stderr);
    assert!(check.stdout.contains("community-garden.yaml: ok ("), "{}", check.stdout);
    // Errors still print with `--quiet` on the other commands too.
    let bad = sroi(&["calc", "tests/fixtures/invalid/bad-index-entries.yaml", "--quiet"]);
    assert_eq!(bad.code, Exit::Invalid);
    assert!(bad.stderr.contains(": error: "), "{}", bad.stderr);
}

#[test]
fn deny_warnings_fails_every_command_with_a_line_that_says_so() {
    let out = scratch("cli-deny");
    let written = out.join("report");
    for (name, args) in summarising(&written.to_string_lossy()) {
        let shown = warnings(&run(&args, &[]).stderr).len();
        let _ = std::fs::remove_dir_all(&written);
        let stopped = if name == "report" { "nothing was written" } else { "nothing was printed" };
        let closing = format!("failed: {} and --deny warnings; {stopped}", count(shown, "warning"));
        let denied = run(&args, &["--deny", "warnings"]);
        assert_eq!(denied.code, Exit::Invalid, "{name}: {}", denied.stderr);
        assert_eq!(denied.stdout, "", "{name}: no figures for a run that failed");
        assert_eq!(denied.stderr.lines().last(), Some(closing.as_str()), "{name}: {}", denied.stderr);
        assert_eq!(warnings(&denied.stderr).len(), shown, "{name}: the warnings that failed it are shown");
        assert!(!denied.stderr.contains(" ok"), "{name}: never ok: {}", denied.stderr);
        // `--quiet` silences the summary, not the failure.
        let quiet = run(&args, &["--deny", "warnings", "-q"]);
        assert_eq!((quiet.code, quiet.stderr), (Exit::Invalid, format!("{closing}\n")), "{name}");
    }
    assert!(!written.exists(), "report writes nothing when --deny warnings fails it");
    // `check` says "failed", not "ok", for a file --deny warnings fails.
    let check = sroi(&["check", GARDEN, "--deny", "warnings"]);
    assert_eq!(check.code, Exit::Invalid);
    assert!(!check.stdout.contains("ok"), "{}", check.stdout);
    assert!(
        check.stderr.lines().any(|l| l
            == "fixtures/community-garden.yaml: failed: 4 warnings and --deny warnings (5 stakeholders, 5 inputs, 3 outputs, 5 outcomes); 1 note"),
        "{}",
        check.stderr
    );
}

/// An analysis with notes but no warnings.
fn careful(dir: &Path) -> String {
    let path = dir.join("careful.yaml");
    let evidence = "evidence: {quantity: {source: Survey}, deadweight: {source: ONS}, attribution: {source: Interviews}}";
    std::fs::write(
        &path,
        format!(
            "sroi: 1\ntitle: t\nstakeholders: [{{id: s, name: S, engagement: Survey}}]\ninputs: [{{id: i, amount: 10000}}]\noutputs: [{{id: o, description: Sessions}}]\noutcomes:\n  - {{id: a, stakeholder: s, outputs: [o], description: A, {evidence}, quantity: 10, proxy: {{value: 1000, source: Book}}, deadweight: 20%, attribution: 25%}}\n  - {{id: b, stakeholder: s, outputs: [o], description: B, {evidence}, quantity: 10, proxy: {{value: 900, source: Book}}, deadweight: 20%, attribution: 25%}}\n"
        ),
    )
    .expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn deny_warnings_passes_an_analysis_with_only_notes() {
    let dir = scratch("cli-deny-notes");
    let file = careful(&dir);
    let check = sroi(&["check", &file]);
    assert!(check.stdout.ends_with("; 0 warnings, 3 notes\n"), "{}", check.stdout);
    let calc = sroi(&["calc", &file, "--deny", "warnings", "--json"]);
    assert_eq!(calc.code, Exit::Ok, "{}", calc.stderr);
    assert!(calc.stdout.contains("\"sroi_ratio\""), "the figures are printed");
    assert_eq!(
        calc.stderr,
        format!("{file}: 0 warnings, 3 notes; `sroi check {file}` shows the notes\n"),
        "notes are counted, never fatal"
    );
    assert!(is_counts(calc.stderr.trim_end()));
}

#[test]
fn stdin_findings_point_to_check_dash() {
    let text = std::fs::read_to_string(GARDEN).expect("fixture");
    let output = {
        use std::io::Write as _;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sroi"))
            .args(["calc", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run sroi");
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write stdin");
        child.wait_with_output().expect("wait")
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("<stdin>: 4 warnings, 1 note; `sroi check -` shows the note"), "{stderr}");
}

#[test]
fn the_year_convention_is_said_in_init_and_in_the_hints_of_year_errors() {
    let dir = scratch("cli-years");
    assert_eq!(sroi(&["init", &dir.to_string_lossy()]).code, Exit::Ok);
    let example = std::fs::read_to_string(dir.join("analysis.yaml")).expect("written");
    assert!(example.contains("Years: inputs count from 0 and outcomes from 1."), "{example}");
    assert!(
        example.contains(
            "year: 0                          # inputs count from 0: year 0 (the default) is the investment"
        ),
        "at the input's year"
    );
    assert!(example.contains("start: 1                         # outcomes count from 1: year 1 (the default) is the first year after the investment"), "at the outcome's start");
    let base = "sroi: 1\ntitle: t\nstakeholders: [{id: s, name: S}]\n";
    for (name, body, found) in [
        (
            "start",
            "inputs: [{id: i, amount: 100}]\noutcomes: [{id: a, stakeholder: s, description: A, quantity: 1, proxy: {value: 10}, start: 0}]\n",
            "`start` must be between 1 and 50 (found 0)",
        ),
        (
            "input",
            "inputs: [{id: i, amount: 100, year: -1}]\noutcomes: [{id: a, stakeholder: s, description: A, quantity: 1, proxy: {value: 10}}]\n",
            "an input's year must be between 0 and 50 (found -1)",
        ),
    ] {
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, format!("{base}{body}")).expect("write");
        let run = sroi(&["check", &path.to_string_lossy()]);
        assert_eq!(run.code, Exit::Invalid, "{}", run.stderr);
        assert!(run.stderr.contains(found), "{}", run.stderr);
        assert!(
            run.stderr.contains("inputs count years from 0 (year 0, when the investment is made, is not discounted) and outcomes from 1"),
            "{name}: the hint says how years are counted: {}",
            run.stderr
        );
    }
}
