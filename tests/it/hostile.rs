//! Hostile and huge inputs (issue 17): each finding of the fuzzing campaign
//! as a regression test named after it. Nothing in a file may hang the tool,
//! read another file, or take over the terminal.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{EPOCH, scratch, sroi};
use sroi::cli::Exit;

const MINIMAL: &str = "tests/fixtures/valid/minimal.yaml";

/// The minimal analysis with `extra` lines appended, written to `dir`.
fn analysis_with(dir: &Path, extra: &str) -> PathBuf {
    let text = std::fs::read_to_string(MINIMAL).expect("fixture") + extra;
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    path
}

/// Runs the binary, killing it after `limit`: (exit code, stdout, stderr),
/// or no exit code and a standard error saying it hung. Standard input is
/// a pipe left open, so reading it would block. `SROI_BIN` names another
/// build to run instead (one from before a fix, to see its test fail).
fn within(limit: Duration, args: &[&str]) -> (Option<i32>, String, String) {
    let binary = std::env::var_os("SROI_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_sroi").into());
    let mut child = std::process::Command::new(binary)
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run sroi");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            let output = child.wait_with_output().expect("output");
            let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
            return (output.status.code(), text(output.stdout), text(output.stderr));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return (None, String::new(), format!("sroi {args:?} still running after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn no_raw_control(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn proxy_files_with_absolute_or_parent_paths_never_print_another_file() {
    let dir = scratch("hostile-disclosure");
    for named in
        ["/etc/passwd", "../../../../../../etc/passwd", "/proc/self/environ", "../../../../proc/self/environ"]
    {
        let path = analysis_with(&dir, &format!("proxy_files: [\"{named}\"]\n"));
        let run = sroi(&["check", &path.to_string_lossy()]);
        assert_eq!(run.code, Exit::Invalid, "{named}: {}", run.stderr);
        assert!(run.stderr.contains(named), "{named}: the error quotes the path: {}", run.stderr);
        for secret in ["root:", "PATH=", "HOME="] {
            assert!(!run.stderr.contains(secret), "{named}: printed the file's content: {}", run.stderr);
        }
    }
}

#[test]
fn proxy_files_naming_dev_stdin_or_dev_zero_neither_hang_nor_read_gigabytes() {
    let dir = scratch("hostile-devices");
    let zeros = vec!["/dev/zero"; 100].join(", ");
    for list in ["[/dev/stdin]".to_owned(), format!("[{zeros}]")] {
        let path = analysis_with(&dir, &format!("proxy_files: {list}\n"));
        let (code, _, stderr) = within(Duration::from_secs(5), &["check", &path.to_string_lossy()]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(!stderr.contains(" MB"), "no size blamed on a device: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_theme_logo_does_not_hang_report() {
    let dir = scratch("hostile-fifo");
    let made = std::process::Command::new("mkfifo").arg(dir.join("logo.png")).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this system
    }
    let path = analysis_with(&dir, "theme: { logo: logo.png }\n");
    let out = dir.join("out");
    let (code, _, stderr) = within(
        Duration::from_secs(5),
        &["report", &path.to_string_lossy(), "-f", "html", "-o", &out.to_string_lossy()],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(!out.join("analysis.html").exists());
}

#[test]
fn a_missing_templates_folder_is_an_error_not_the_built_in_look() {
    let dir = scratch("hostile-templates");
    let out = dir.join("out");
    let run = sroi(&[
        "report",
        MINIMAL,
        "-f",
        "html",
        "-o",
        &out.to_string_lossy(),
        "--templates",
        &dir.join("nonexistent").to_string_lossy(),
    ]);
    assert_eq!(run.code, Exit::Failed, "{}", run.stderr);
    assert!(run.stderr.contains("nonexistent"), "{}", run.stderr);
    assert!(!out.join("minimal.html").exists());
}

#[test]
fn escape_sequences_in_yaml_strings_are_never_printed_raw() {
    let dir = scratch("hostile-terminal");
    // Sets the window title, clears the screen, turns text red; CSI as C1 too.
    let text = std::fs::read_to_string(MINIMAL)
        .expect("fixture")
        .replace("title: Minimal analysis", "title: \"\\e]0;pwned\\a\\e[2J\\e[31mred\\u009b0m\"")
        .replace("quantity: 10", "quantity: \"\u{1b}[2J ten\"");
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, &text).expect("write");
    let shown = path.to_string_lossy().into_owned();
    let check = sroi(&["check", &shown]);
    assert_eq!(check.code, Exit::Invalid);
    assert!(no_raw_control(&check.stderr), "{:?}", check.stderr);
    assert!(check.stderr.contains("\\u{1b}[2J ten"), "shown escaped: {}", check.stderr);

    std::fs::write(&path, text.replace("quantity: \"\u{1b}[2J ten\"", "quantity: 10")).expect("write");
    let calc = sroi(&["calc", &shown]);
    assert_eq!(calc.code, Exit::Ok, "{}", calc.stderr);
    assert!(no_raw_control(&calc.stdout), "{:?}", calc.stdout);
    assert!(calc.stdout.contains("\\u{1b}]0;pwned\\u{7}"), "{}", calc.stdout);
    let json = sroi(&["calc", &shown, "--json"]);
    assert!(no_raw_control(&json.stdout));
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("still JSON");
    assert_eq!(
        value["title"], "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mred\u{9b}0m",
        "the data itself is kept"
    );
}

/// The error line and the source line under it, for a file whose fourth
/// line has a misspelt key, with `eol` ending every line.
fn misspelt_key_with_line_ends(eol: &str) -> String {
    let dir = scratch(&format!("hostile-eol-{}", eol.len() + eol.chars().next().map_or(0, |c| c as usize)));
    let text = std::fs::read_to_string(MINIMAL)
        .expect("fixture")
        .replace("title: Minimal analysis", "title: Minimal analysis\nkindd: forecast")
        .replace('\n', eol);
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    sroi(&["check", &path.to_string_lossy()]).stderr
}

#[test]
fn cr_only_crlf_and_lf_line_ends_all_show_the_line_and_a_caret() {
    for eol in ["\n", "\r\n", "\r"] {
        let stderr = misspelt_key_with_line_ends(eol);
        assert!(stderr.contains("analysis.yaml:3:1: error: unknown key `kindd`"), "{eol:?}: {stderr}");
        assert!(stderr.contains("3 | kindd: forecast\n  | ^^^^^"), "{eol:?}: {stderr}");
    }
}

/// Found by the differential test of the YAML reader: `lines()` does not
/// split at a lone CR, so a CR-only file whose first line is a comment
/// looked like one long comment and was refused as empty.
#[test]
fn a_cr_only_file_that_starts_with_a_comment_is_read_not_refused_as_empty() {
    let dir = scratch("hostile-cr-comment");
    let text = format!("# A comment first\n{}", std::fs::read_to_string(MINIMAL).expect("fixture"))
        .replace('\n', "\r");
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    let out = sroi(&["check", &path.to_string_lossy()]);
    assert!(!out.stderr.contains("no analysis in it"), "{}", out.stderr);
    assert_eq!(out.code, Exit::Ok, "{}", out.stderr);
}

#[test]
fn a_lone_cr_in_a_comment_does_not_shift_the_line_shown() {
    let dir = scratch("hostile-lone-cr");
    let text = std::fs::read_to_string(MINIMAL).expect("fixture").replace(
        "title: Minimal analysis",
        "# a comment\r# and another after a lone CR\ntitle: Minimal analysis\nkindd: x",
    );
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    let stderr = sroi(&["check", &path.to_string_lossy()]).stderr;
    // The line number and the line shown agree, whatever the count.
    let place = stderr.lines().next().unwrap_or("");
    let line: String = place.split(':').nth(1).unwrap_or("").to_owned();
    // The CR ends a line for the parser as for the snippet: `kindd` is on line 5 (after `sroi: 1`, two comment lines and the title).
    assert_eq!(line, "5", "{stderr}");
    assert!(stderr.contains(&format!("{line} | kindd: x")), "{stderr}");
}

#[test]
fn an_error_at_the_end_of_the_file_has_a_snippet() {
    let dir = scratch("hostile-eof");
    let path = analysis_with(&dir, "summary: \"never closed\n");
    let stderr = sroi(&["check", &path.to_string_lossy()]).stderr;
    assert!(stderr.contains(": error: invalid YAML"), "{stderr}");
    assert!(stderr.contains('^'), "a caret under the place: {stderr}");
}

#[test]
fn sixteen_thousand_diagnostics_stop_after_a_few_hundred_with_a_count() {
    let dir = scratch("hostile-wall");
    let outcomes: String = (0..16_000)
        .map(|i| format!("  - {{ id: o{i}, stakeholder: people, description: x, quantity: 1, proxy: {{ value: 1, source: s }}, dedweight: 1% }}\n"))
        .collect();
    let text = std::fs::read_to_string(MINIMAL).expect("fixture") + &outcomes;
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    let run = sroi(&["check", &path.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid);
    assert_eq!(run.stderr.matches(": error: ").count(), sroi::diag::MAX_PRINTED, "{}", &run.stderr[..2000]);
    assert!(
        run.stderr.contains("… and 15700 more (15700 errors"),
        "{}",
        &run.stderr[run.stderr.len() - 500..]
    );
}

#[test]
fn a_tiny_investment_is_a_located_error_not_an_endless_chart() {
    let dir = scratch("hostile-tiny-investment");
    let text = std::fs::read_to_string(MINIMAL).expect("fixture").replace("amount: 1000", "amount: 5e-324");
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    let shown = path.to_string_lossy().into_owned();
    let out = dir.join("out");
    for args in [
        vec!["check", &shown],
        vec!["calc", &shown, "--json"],
        vec!["report", &shown, "-f", "html", "-o", &out.to_string_lossy()],
    ] {
        let (code, stdout, stderr) = within(Duration::from_secs(20), &args);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("analysis.yaml:6:3: error: the total investment is 5e-324"), "{stderr}");
        assert!(!stdout.contains("null"), "no null ratios: {stdout}");
    }
    assert!(!out.exists() || std::fs::read_dir(&out).expect("list").next().is_none(), "no file written");
}

#[test]
fn a_summary_too_long_for_excel_stops_the_run_before_any_file_is_written() {
    let dir = scratch("hostile-partial");
    let path = analysis_with(&dir, &format!("summary: {}\n", "word ".repeat(8_000)));
    let out = dir.join("out");
    let run = sroi(&[
        "report",
        &path.to_string_lossy(),
        "-f",
        "html,pdf,json,xlsx,csv",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code, Exit::Invalid, "{}", run.stderr);
    assert!(
        run.stderr.contains("analysis.yaml:13:10: error: `summary` is 39999 characters long; an Excel cell holds at most 32767"),
        "{}",
        run.stderr
    );
    assert!(
        !out.exists() || std::fs::read_dir(&out).expect("list").next().is_none(),
        "a failed report leaves no file"
    );
    // Without the workbook the same file is reported in every other format.
    let run = sroi(&["report", &path.to_string_lossy(), "-f", "html,json,csv", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
}

#[test]
fn a_killed_runs_temporary_file_is_removed_by_the_next_run() {
    let dir = scratch("hostile-leftover");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    // What a run killed with SIGKILL while writing leaves: PID 4194304 is above Linux's largest.
    let leftover = out.join(".minimal.json.4194304.tmp");
    std::fs::write(&leftover, b"{ half").expect("write");
    let run = sroi(&["report", MINIMAL, "-f", "json", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    if Path::new("/proc/self").exists() {
        assert!(!leftover.exists(), "the stale temporary file is gone");
    }
    let names: Vec<String> = std::fs::read_dir(&out)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty() || !Path::new("/proc/self").exists(), "{names:?}");
}

#[test]
fn a_full_width_equals_sign_starting_a_csv_cell_is_neutralised() {
    let dir = scratch("hostile-csv");
    let text = std::fs::read_to_string(MINIMAL)
        .expect("fixture")
        .replace("description: Feel better", "description: \"\u{ff1d}HYPERLINK(\\\"http://x\\\")\"");
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    let out = dir.join("out");
    let run = sroi(&["report", &path.to_string_lossy(), "-f", "csv", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let csv = std::fs::read_to_string(out.join("analysis-impact-map.csv")).expect("csv");
    assert!(csv.contains(",\"'\u{ff1d}HYPERLINK"), "{csv}");
}

#[test]
fn a_very_large_file_without_aliases_is_told_which_limit_it_met() {
    // One list of more numbers than the event limit (here 10,000, as the real
    // 5,000,000 would take seconds to build): no anchor or alias in it.
    let mut text = String::from("sroi: 1\ntitle: Big\nschedule: [");
    text.push_str(&"1,".repeat(10_001));
    text.push_str("]\n");
    let source = sroi::source::SourceFile::new("big.yaml", text);
    let error = sroi::load::parse_yaml_within(&source, 10_000).expect_err("too large");
    let limit = sroi::format::number(10_000.0, 0);
    assert!(error.message.contains(&format!("more than {limit} YAML values")), "{}", error.message);
    let hints = error.hints.join(" ");
    assert!(!hints.contains("alias") && !error.message.contains("alias"), "no aliases to blame: {hints}");
    assert!(hints.contains("sroi portfolio"), "{hints}");
}

#[test]
fn ten_million_draws_over_many_ranged_outcomes_is_a_located_error_not_minutes_of_work() {
    let dir = scratch("hostile-draws");
    let outcomes: String = (0..20)
        .map(|i| format!("  - {{ id: r{i}, stakeholder: people, description: x, quantity: 1, proxy: {{ value: 1, source: s }}, range: {{ quantity: [0, 2] }} }}\n"))
        .collect();
    let text = std::fs::read_to_string(MINIMAL)
        .expect("fixture")
        .replace("stakeholders:", "settings:\n  simulation: { draws: 10000000 }\nstakeholders:")
        + &outcomes;
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    let (code, _, stderr) = within(Duration::from_secs(20), &["calc", &path.to_string_lossy(), "--json"]);
    assert_eq!(code, Some(1), "{stderr}");
    // 20 ranged outcomes × 10,000,000 draws = 200,000,000 outcome-draws, twice the budget.
    assert!(stderr.contains("analysis.yaml:4:24: error: the simulation would value 20 ranged outcomes 10000000 times (200000000 outcome-draws)"), "{stderr}");
    assert!(stderr.contains("at most 5000000"), "{stderr}");
}

#[test]
fn a_ten_megabyte_markdown_summary_is_a_located_error_not_gigabytes_of_layout() {
    let dir = scratch("hostile-summary");
    let path = analysis_with(
        &dir,
        &format!("summary: |\n{}", "  A paragraph of *Markdown* text.\n".repeat(300_000)),
    );
    let (code, _, stderr) = within(Duration::from_secs(30), &["check", &path.to_string_lossy()]);
    assert_eq!(code, Some(1), "{}", &stderr[..stderr.len().min(2000)]);
    assert!(
        stderr.contains("analysis.yaml:14:3: error: the summary is"),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.contains("a summary may be at most 100000"));
}

#[test]
fn a_very_large_analysis_pdf_lists_part_of_the_impact_map_and_says_where_the_rest_is() {
    let outcomes = sroi::report::printed::MAX_PDF_MAP_ROWS + 20;
    let text = sroi::synthetic::analysis(sroi::synthetic::Shape { outcomes, ..Default::default() });
    let dir = scratch("hostile-big-pdf");
    let path = dir.join("big.yaml");
    std::fs::write(&path, text).expect("write");
    let out = dir.join("out");
    let run = sroi(&["report", &path.to_string_lossy(), "-f", "pdf", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let Ok(pdftotext) = std::process::Command::new("pdftotext").arg(out.join("big.pdf")).arg("-").output()
    else {
        return; // pdftotext is not installed here
    };
    let words = String::from_utf8_lossy(&pdftotext.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!("This analysis has {outcomes} outcomes; the PDF lists the first 500.")),
        "{}",
        &words[..words.len().min(3000)]
    );
    assert!(words.contains("The full impact map is in the CSV"));
    // The evidence table is cut too (it was 700 of 808 pages at 15,000
    // outcomes), and the commands in the notes are set as code, not in backticks.
    assert!(
        words.contains("the PDF lists the first 500. The evidence behind every outcome's assumptions is in the workbook (sroi report -f xlsx) and the HTML report."),
        "{}",
        &words[..words.len().min(3000)]
    );
    assert!(!words.contains("`sroi report"), "the notes' Markdown is not printed as it is written");
    assert!(!words.contains(&format!("Outcome {}:", outcomes - 1)), "no row past the 500th");
}

#[test]
fn the_default_draws_over_very_many_ranged_outcomes_are_lowered_with_a_warning() {
    let dir = scratch("hostile-default-draws");
    let outcomes: String = (0..10_001)
        .map(|i| format!("  - {{ id: r{i}, stakeholder: people, description: x, quantity: 1, proxy: {{ value: 1, source: s }}, range: {{ quantity: [0, 2] }} }}\n"))
        .collect();
    let path = analysis_with(&dir, &outcomes);
    let run = sroi(&["check", &path.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", &run.stderr[..run.stderr.len().min(3000)]);
    // 10,001 ranged outcomes × 10,000 draws is over 1e8; 1e8 / 10,001 = 9,999 draws.
    assert!(
        run.stderr.contains("warning: the simulation would value 10001 ranged outcomes 10000 times"),
        "{}",
        &run.stderr[..run.stderr.len().min(3000)]
    );
    assert!(run.stderr.contains("so 9999 draws are made"));
}

/// The files of the findings of issue 17, by name.
fn finding_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let minimal = std::fs::read_to_string(MINIMAL).expect("fixture");
    let zeros = vec!["/dev/zero"; 100].join(", ");
    let files = [
        ("passwd", format!("{minimal}proxy_files: [/etc/passwd]\n")),
        ("environ", format!("{minimal}proxy_files: [../../../../../../proc/self/environ]\n")),
        ("stdin", format!("{minimal}proxy_files: [/dev/stdin]\n")),
        ("zeros", format!("{minimal}proxy_files: [{zeros}]\n")),
        ("tiny-investment", minimal.replace("amount: 1000", "amount: 5e-324")),
        ("huge-value", minimal.replace("value: 500", "value: 1e300")),
        (
            "long-title",
            minimal.replace("title: Minimal analysis", &format!("title: {}", "Long title ".repeat(455))),
        ),
        (
            "long-description",
            minimal.replace("description: Feel better", &format!("description: {}", "word ".repeat(1600))),
        ),
        ("escapes", minimal.replace("title: Minimal analysis", "title: \"\\e]0;pwned\\a\\e[2J\\e[31m\"")),
        (
            "cr-only",
            minimal
                .replace("title: Minimal analysis", "title: Minimal analysis\nkindd: x")
                .replace('\n', "\r"),
        ),
        ("long-summary", format!("{minimal}summary: {}\n", "word ".repeat(8_000))),
    ];
    files
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(format!("{name}.yaml"));
            std::fs::write(&path, text).expect("write");
            (name.to_owned(), path)
        })
        .collect()
}

#[test]
fn every_finding_file_answers_each_command_with_0_or_1_no_other_files_content_and_no_raw_control_character() {
    let dir = scratch("hostile-all");
    // Every run that fails, so that a build from before the fixes
    // (`SROI_BIN=…`) shows all of them, not the first.
    let mut failures = Vec::new();
    for (name, path) in finding_files(&dir) {
        let shown = path.to_string_lossy().into_owned();
        let out = dir.join(format!("out-{name}"));
        let runs: [Vec<&str>; 4] = [
            vec!["check", &shown],
            vec!["calc", &shown, "--json"],
            vec!["calc", &shown],
            vec!["report", &shown, "-f", "html,pdf,json,xlsx,csv", "-o", out.to_str().expect("UTF-8 path")],
        ];
        for args in runs {
            // A guard against hanging, not a timing: the debug build is slow.
            let (code, stdout, stderr) = within(Duration::from_secs(60), &args);
            let words: Vec<&str> = args.iter().copied().filter(|a| !a.contains('/')).collect();
            let run = format!("{name}: sroi {}", words.join(" "));
            if !matches!(code, Some(0 | 1)) {
                let said: String = stderr.chars().take(200).collect();
                failures.push(format!("{run}: exit {code:?}: {said}"));
            }
            if ["root:x:", "PATH=", "HOME="].iter().any(|s| stdout.contains(s) || stderr.contains(s)) {
                failures.push(format!("{run}: printed another file's content"));
            }
            if !(no_raw_control(&stdout) && no_raw_control(&stderr)) {
                failures.push(format!("{run}: printed a raw control character"));
            }
            if args[0] == "report" && code != Some(0) {
                let left = out.exists() && std::fs::read_dir(&out).expect("list").next().is_some();
                if left {
                    failures.push(format!("{run}: a failed report left files"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failed runs:\n{}", failures.len(), failures.join("\n"));
}
