//! The command line as a user meets it: exit codes, stdout, stderr (SPEC §4).

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::{assert_close, scratch, sroi};
use sroi::cli::Exit;

const EXAMPLE: &str = "fixtures/youth-into-work.yaml";

#[test]
fn calc_prints_the_headline_and_tables() {
    let run = sroi(&["calc", EXAMPLE]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    // The quality findings summary goes to stderr; the tables alone to stdout.
    assert!(run.stderr.contains("fixtures/youth-into-work.yaml: 2 warnings, 2 notes"), "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

/// `calc --json` writes its JSON as it is made; `report -f json` writes the
/// bytes made whole. They are the same bytes, for every fixture and for a
/// title with the characters the terminal escaping rewrites.
#[test]
fn calc_json_written_as_it_is_made_is_the_json_of_the_report() {
    let dir = scratch("calc-json-streamed");
    let hostile = dir.join("hostile.yaml");
    let text = std::fs::read_to_string("tests/fixtures/valid/minimal.yaml").expect("fixture");
    std::fs::write(
        &hostile,
        text.replace("title: Minimal analysis", "title: \"a\\x7fb\\u009bc\\u202ed é £\""),
    )
    .expect("write");
    let mut files: Vec<String> =
        ["fixtures/community-garden.yaml", "fixtures/youth-into-work.yaml"].map(String::from).to_vec();
    files.push(hostile.to_string_lossy().into_owned());
    for file in &files {
        let calc = sroi(&["calc", file, "--json"]);
        assert_eq!(calc.code, Exit::Ok, "{}", calc.stderr);
        let out = dir.join("out");
        let report = sroi(&["report", file, "-f", "json", "-o", &out.to_string_lossy()]);
        assert_eq!(report.code, Exit::Ok, "{}", report.stderr);
        let stem = std::path::Path::new(file).file_stem().expect("stem").to_string_lossy().into_owned();
        let written = std::fs::read_to_string(out.join(format!("{stem}.json"))).expect("the report's JSON");
        assert_eq!(calc.stdout, sroi::diag::escape_json_controls(&written), "{file}");
    }
    assert!(sroi(&["calc", &files[2], "--json"]).stdout.contains("a\\u007fb\\u009bc\\u202ed é £"));
}

#[test]
fn calc_json_has_every_key_of_spec_section_5_in_full_precision() {
    let run = sroi(&["calc", EXAMPLE, "--json"]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    for key in [
        "title",
        "currency",
        "present_value",
        "investment",
        "net_present_value",
        "sroi_ratio",
        "net_sroi_ratio",
        "payback_months",
        "guide_payback_months",
        "outcomes",
        "stakeholders",
        "years",
    ] {
        assert!(json.get(key).is_some(), "missing key {key}");
    }
    for key in ["id", "stakeholder", "gross_value", "impact", "values", "present_value"] {
        assert!(json["outcomes"][0].get(key).is_some(), "outcomes[].{key}");
    }
    for key in ["id", "present_value"] {
        assert!(json["stakeholders"][0].get(key).is_some(), "stakeholders[].{key}");
    }
    for key in ["year", "value", "discount_factor", "present_value"] {
        assert!(json["years"][0].get(key).is_some(), "years[].{key}");
    }
    // Plain numbers, not rounded: the JSON carries the library's exact figures.
    let (_, results) = crate::common::results_of(EXAMPLE);
    assert_eq!(json["present_value"].as_f64(), Some(results.present_value));
    assert_eq!(json["sroi_ratio"].as_f64(), Some(results.sroi_ratio));
    assert_close(
        json["outcomes"][0]["values"][0].as_f64().unwrap_or(0.0),
        159_703.261_2,
        "year 1 of into-work",
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn guide_payback_is_null_when_year_one_has_no_value() {
    let dir = scratch("payback");
    let path = dir.join("late.yaml");
    let text = std::fs::read_to_string("tests/fixtures/valid/minimal.yaml")
        .expect("fixture")
        .replace("    quantity: 10", "    quantity: 10\n    start: 2");
    std::fs::write(&path, text).expect("write");
    let run = sroi(&["calc", &path.to_string_lossy(), "--json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert!(json["guide_payback_months"].is_null(), "the Guide's formula needs year-1 value");
    // Paid back in year 2 all the same: the cumulative payback is a number.
    assert!(json["payback_months"].as_f64().is_some_and(|m| m > 12.0), "{}", json["payback_months"]);
}

#[test]
fn payback_is_null_when_all_years_fall_short_of_the_investment() {
    // community-garden.yaml is 0.71 : 1: it never repays its investment.
    let run = sroi(&["calc", "fixtures/community-garden.yaml", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert!(json["payback_months"].is_null(), "{}", json["payback_months"]);
    assert!(json["guide_payback_months"].as_f64().is_some());
}

#[test]
fn check_reports_each_file_and_the_worst_exit_code() {
    let ok = sroi(&["check", EXAMPLE, "fixtures/community-garden.yaml"]);
    assert_eq!(ok.code, Exit::Ok);
    assert_eq!(ok.stdout.lines().count(), 2);

    let mixed = sroi(&["check", EXAMPLE, "tests/fixtures/invalid/unknown-key-typo.yaml"]);
    assert_eq!(mixed.code, Exit::Invalid);
    assert!(mixed.stdout.contains("youth-into-work.yaml: ok"));
    assert!(mixed.stderr.contains("did you mean `deadweight`?"));

    let unreadable = sroi(&["check", "tests/fixtures/invalid/unknown-key-typo.yaml", "no/such/file.yaml"]);
    assert_eq!(unreadable.code, Exit::Failed, "an unreadable file is the tool failing: exit 2");
    assert!(unreadable.stderr.contains("no/such/file.yaml: error: cannot read the file"));
}

#[test]
fn init_writes_an_example_that_passes_check_and_never_overwrites() {
    let dir = scratch("init");
    let target = dir.join("new-programme");
    let run = sroi(&["init", &target.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let written = target.join("analysis.yaml");
    assert_eq!(sroi(&["check", &written.to_string_lossy()]).code, Exit::Ok);
    let text = std::fs::read_to_string(&written).expect("read");
    assert!(
        text.starts_with("# yaml-language-server: $schema=sroi.schema.json\n"),
        "editors find the schema"
    );

    std::fs::write(&written, "my own work").expect("edit");
    let again = sroi(&["init", &target.to_string_lossy()]);
    assert_eq!(again.code, Exit::Failed);
    assert!(again.stderr.contains("already exists; nothing was written"));
    assert_eq!(std::fs::read_to_string(&written).expect("read"), "my own work");
    let files: Vec<String> = std::fs::read_dir(&target)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 2, "the analysis and its schema, no temporary file: {files:?}");
    assert!(target.join("sroi.schema.json").exists());
}

#[test]
fn every_command_shows_an_example_in_its_help() {
    for command in ["init", "check", "calc"] {
        let run = sroi(&[command, "--help"]);
        assert_eq!(run.code, Exit::Ok);
        assert!(run.stdout.contains("Example"), "{command} --help: {}", run.stdout);
    }
    let top = sroi(&["--help"]);
    assert!(top.stdout.contains("Exit codes"));
}

#[test]
fn unknown_arguments_are_a_usage_error() {
    let run = sroi(&["calc", EXAMPLE, "--jsn"]);
    assert_eq!(run.code, Exit::Failed);
    assert!(run.stderr.contains("--json"), "clap suggests the right flag: {}", run.stderr);
}

/// The real binary, for what only a process shows: stdin, exit statuses, colour.
fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sroi"));
    command.env_remove("NO_COLOR");
    command
}

#[test]
fn dash_reads_the_analysis_from_stdin() {
    let mut child = binary()
        .args(["calc", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn sroi");
    let text = std::fs::read(EXAMPLE).expect("fixture");
    child.stdin.take().expect("stdin").write_all(&text).expect("write stdin");
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["title"], "Youth Into Work 2025/26");
}

#[test]
fn process_exit_codes_and_no_colour_off_a_terminal() {
    let invalid =
        binary().args(["check", "tests/fixtures/invalid/percentage-bare-number.yaml"]).output().expect("run");
    assert_eq!(invalid.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&invalid.stderr);
    assert!(stderr.starts_with("tests/fixtures/invalid/percentage-bare-number.yaml:12:18: error: "));
    assert!(!stderr.contains('\x1b'), "no colour when stderr is not a terminal");

    let missing = binary().args(["calc", "missing.yaml"]).output().expect("run");
    assert_eq!(missing.status.code(), Some(2));

    let stdin_error = binary().args(["check", "-"]).stdin(Stdio::null()).output().expect("run");
    assert_eq!(stdin_error.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&stdin_error.stderr)
            .starts_with("<stdin>:1:1: error: the file has no analysis in it")
    );
}

#[test]
fn regression_stdin_can_be_named_once() {
    let run = sroi(&["check", "-", "-"]);
    assert_eq!(run.code, Exit::Failed);
    assert!(run.stderr.contains("standard input (`-`) can be read only once"));
}

#[test]
fn regression_init_onto_a_file_says_so() {
    let dir = scratch("init-file");
    let file = dir.join("afile");
    std::fs::write(&file, "mine").expect("write");
    let run = sroi(&["init", &file.to_string_lossy()]);
    assert_eq!(run.code, Exit::Failed);
    assert!(run.stderr.contains("this is a file, not a folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "mine");
}

#[test]
fn regression_words_like_no_and_numbers_are_text_where_text_is_expected() {
    let dir = scratch("words");
    let path = dir.join("words.yaml");
    let text = std::fs::read_to_string("tests/fixtures/valid/minimal.yaml")
        .expect("fixture")
        .replace("title: Minimal analysis", "title: No")
        .replace("description: Feel better", "description: 1.50")
        .replace("name: People who take part", "name: yes, excluded: \"\"");
    std::fs::write(&path, text).expect("write");
    let run = sroi(&["calc", &path.to_string_lossy(), "--json"]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["title"], "No");
    assert_eq!(json["outcomes"][0]["description"], "1.50", "kept as written, not as the number 1.5");
    assert_eq!(json["stakeholders"][0]["excluded"], false, "an empty reason counts the group");
}

#[test]
fn regression_no_negative_zero_in_json() {
    let dir = scratch("negative-zero");
    let path = dir.join("harm.yaml");
    let text = std::fs::read_to_string("tests/fixtures/valid/minimal.yaml").expect("fixture").replace(
        "    quantity: 10\n    proxy: { value: 500, source: Survey }",
        "    schedule: [0, 1]\n    proxy: { value: -500, source: Survey }",
    );
    std::fs::write(&path, text).expect("write");
    let run = sroi(&["calc", &path.to_string_lossy(), "--json"]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    assert!(!run.stdout.contains("-0.0"), "{}", run.stdout);
}

#[test]
fn check_json_lists_findings_with_code_severity_principle_and_place() {
    let run = sroi(&[
        "check",
        "--format",
        "json",
        "fixtures/befriending-forecast.yaml",
        "tests/fixtures/invalid/unknown-key-typo.yaml",
    ]);
    assert_eq!(run.code, Exit::Invalid, "one file is invalid");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("a JSON array");
    for f in &findings {
        for key in ["code", "severity", "principle", "message", "file", "line", "column"] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    let find = |code: &str| {
        findings.iter().find(|f| f["code"] == code).unwrap_or_else(|| panic!("{code} in {findings:?}"))
    };
    assert_eq!(find("no-price-year")["severity"], "warning");
    assert_eq!(find("no-price-year")["principle"], "be-transparent");
    assert_eq!(find("no-price-year")["file"], "fixtures/befriending-forecast.yaml");
    assert_eq!(find("no-price-year")["line"], 88);
    assert_eq!(find("dominant-outcome")["principle"], "verify-the-result");
    // The harm has no drop-off, which under-claims: no false alarm.
    assert!(findings.iter().all(|f| f["code"] != "no-drop-off"));
    assert_eq!(find("unknown-key")["severity"], "error");
    assert!(run.stderr.is_empty(), "JSON mode prints nothing else: {}", run.stderr);
}

#[test]
fn deny_warnings_makes_warnings_fail_for_ci() {
    assert_eq!(sroi(&["check", "fixtures/befriending-forecast.yaml"]).code, Exit::Ok, "warnings alone pass");
    let denied = sroi(&["check", "--deny", "warnings", "fixtures/befriending-forecast.yaml"]);
    assert_eq!(denied.code, Exit::Invalid);
    assert!(denied.stderr.contains("principle: be transparent"), "{}", denied.stderr);
    // Notes never fail: this careful analysis has only notes (no displacement, no harm).
    let dir = scratch("deny-notes");
    let path = dir.join("notes.yaml");
    let evidence = "evidence: {quantity: {source: Survey}, deadweight: {source: ONS}, attribution: {source: Interviews}}";
    std::fs::write(
        &path,
        format!(
            "sroi: 1\ntitle: t\nstakeholders: [{{id: s, name: S, engagement: Survey}}]\ninputs: [{{id: i, amount: 10000}}]\noutputs: [{{id: o, description: Sessions}}]\noutcomes:\n  - {{id: a, stakeholder: s, outputs: [o], description: A, {evidence}, quantity: 10, proxy: {{value: 1000, source: Book}}, deadweight: 20%, attribution: 25%}}\n  - {{id: b, stakeholder: s, outputs: [o], description: B, {evidence}, quantity: 10, proxy: {{value: 900, source: Book}}, deadweight: 20%, attribution: 25%}}\n"
        ),
    )
    .expect("write");
    let notes = sroi(&["check", "--deny", "warnings", &path.to_string_lossy()]);
    assert_eq!(notes.code, Exit::Ok, "{}", notes.stderr);
    assert!(notes.stderr.contains("note:"), "{}", notes.stderr);
}

#[test]
fn the_proxy_library_can_be_listed_searched_and_shown() {
    let list = sroi(&["proxies", "list"]);
    assert_eq!(list.code, Exit::Ok);
    assert!(list.stdout.contains("wellby") && list.stdout.contains("£13,000.00"));
    let search = sroi(&["proxies", "search", "living", "wage", "2025"]);
    assert_eq!(search.stdout.lines().filter(|l| !l.starts_with(' ')).count(), 1, "{}", search.stdout);
    let show = sroi(&["proxies", "show", "wellby"]);
    assert!(show.stdout.contains("licence:    Open Government Licence v3.0"), "{}", show.stdout);
    let with_file =
        sroi(&["proxies", "--file", "tests/fixtures/libraries/extra.yaml", "show", "lunch-club-meal"]);
    assert!(
        with_file.stdout.contains("from:       tests/fixtures/libraries/extra.yaml"),
        "{}",
        with_file.stdout
    );
    let typo = sroi(&["proxies", "show", "welby"]);
    assert_eq!(typo.code, Exit::Invalid);
    assert!(typo.stderr.contains("did you mean `wellby`?"));
    let broken = sroi(&["proxies", "--file", "tests/fixtures/libraries/broken.yaml", "list"]);
    assert_eq!(broken.code, Exit::Invalid);
    assert!(
        broken.stderr.contains("tests/fixtures/libraries/broken.yaml:3:3: error: unknown key `valeu`"),
        "{}",
        broken.stderr
    );
    assert_eq!(sroi(&["proxies", "search", "nothing-like-this"]).code, Exit::Invalid);
}

#[test]
fn pdf_warns_when_its_font_cannot_show_some_characters() {
    let dir = scratch("glyphs");
    let analysis = dir.join("cjk.yaml");
    std::fs::write(
        &analysis,
        "sroi: 1\ntitle: 青少年 project\nstakeholders: [{id: p, name: People, engagement: x}]\n\
         inputs: [{id: g, amount: 100}]\n\
         outcomes: [{id: o, stakeholder: p, description: d, quantity: 1, proxy: {value: 500, source: s}}]\n",
    )
    .expect("write analysis");
    let out = dir.join("out");
    let run = sroi(&["report", &analysis.to_string_lossy(), "-f", "pdf", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    assert!(run.stderr.contains("cannot show some characters (青少年)"), "{}", run.stderr);
    assert!(out.join("cjk.pdf").exists());

    let plain = sroi(&["report", "fixtures/youth-into-work.yaml", "-f", "pdf", "-o", &out.to_string_lossy()]);
    assert!(!plain.stderr.contains("cannot show"), "{}", plain.stderr);
}

#[test]
fn csv_reports_hold_the_impact_map_and_years_and_no_formulas() {
    let dir = scratch("csv");
    let analysis = dir.join("csv.yaml");
    std::fs::write(
        &analysis,
        "sroi: 1\ntitle: CSV\nstakeholders: [{id: p, name: \"=HYPERLINK(\\\"http://x\\\")\", engagement: x}]\n\
         inputs: [{id: g, amount: 1000}]\n\
         outcomes:\n  - {id: o, stakeholder: p, description: \"Fewer, \\\"quoted\\\" visits\", quantity: 10, proxy: {value: 500, source: s}, duration: 2, drop_off: 10%}\n  \
         - {id: q, stakeholder: p, description: Later, schedule: [3, 2], proxy: {value: 100, source: s}}\n",
    )
    .expect("write analysis");
    let out = dir.join("out");
    let run = sroi(&["report", &analysis.to_string_lossy(), "-f", "csv", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let calc: serde_json::Value =
        serde_json::from_str(&sroi(&["calc", &analysis.to_string_lossy(), "--json"]).stdout).expect("JSON");

    let map = std::fs::read(out.join("csv-impact-map.csv")).expect("impact map written");
    let mut reader = csv::Reader::from_reader(map.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("RFC 4180 row")).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "'=HYPERLINK(\"http://x\")", "a formula is neutralised");
    assert_eq!(&rows[0][2], "Fewer, \"quoted\" visits", "quotes and commas survive");
    assert_eq!(&rows[1][5], "3 2", "a schedule is listed");
    let total: f64 = rows.iter().map(|r| r[17].parse::<f64>().expect("present value")).sum();
    assert_close(total, calc["present_value"].as_f64().expect("number"), "present value");

    let years = std::fs::read_to_string(out.join("csv-years.csv")).expect("years written");
    assert!(years.starts_with("\u{feff}year,value,discount_factor,present_value\r\n"), "{years}");
    assert_eq!(years.lines().count(), 1 + calc["years"].as_array().map_or(0, Vec::len));
}

#[test]
fn check_assurance_answers_each_principle_with_the_place_that_decides_it() {
    let run = sroi(&["check", "fixtures/community-garden.yaml", "--assurance"]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    assert!(run.stdout.starts_with("Assurance checklist: fixtures/community-garden.yaml"), "{}", run.stdout);
    // The group whose engagement is only planned is named, with its line.
    assert!(run.stdout.contains("(\"Planned interviews when the course starts\")"), "{}", run.stdout);
    assert!(run.stdout.contains("line 27: `stakeholders[young-people].engagement`"), "{}", run.stdout);
    let json = sroi(&["check", "fixtures/community-garden.yaml", "--assurance", "--format", "json"]);
    assert_eq!(json.code, Exit::Ok, "{}", json.stderr);
    let list: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let questions = list[0]["questions"].as_array().expect("questions");
    for principle in [
        "involve-stakeholders",
        "understand-what-changes",
        "value-what-matters",
        "only-include-what-is-material",
        "do-not-over-claim",
        "be-transparent",
        "verify-the-result",
        "be-responsive",
    ] {
        let asked = questions.iter().filter(|q| q["principle"] == principle).count();
        assert!(asked >= 2, "{principle}: {asked}");
    }
    let answers = ["met", "partly", "not met", "cannot tell"];
    assert!(questions.iter().all(|q| answers.contains(&q["answer"].as_str().unwrap_or(""))));
    let price = questions.iter().find(|q| q["id"] == "one-price-year").expect("asked");
    assert_eq!(
        (price["answer"].as_str(), price["place"]["missing"].as_bool()),
        (Some("not met"), Some(true))
    );
    assert_eq!(price["place"]["key"], "price_year");
    // An invalid file is exit 1, with nothing answered.
    let bad = sroi(&["check", "tests/fixtures/invalid/bad-index-entries.yaml", "--assurance"]);
    assert_eq!(bad.code, Exit::Invalid);
}

#[test]
fn report_prints_the_quality_warnings_check_gives() {
    // A bid writer who goes straight to `report` sees what `check` would say.
    let out = crate::common::scratch("cli-report-warnings");
    let report = sroi(&["report", "fixtures/community-garden.yaml", "-o", &out.to_string_lossy()]);
    assert_eq!(report.code, Exit::Ok, "{}", report.stderr);
    let check = sroi(&["check", "fixtures/community-garden.yaml"]);
    let warnings = |text: &str| {
        let mut found: Vec<String> =
            text.lines().filter(|l| l.contains(": warning: ")).map(str::to_owned).collect();
        found.sort();
        found
    };
    assert!(!warnings(&check.stderr).is_empty(), "the garden has warnings");
    assert_eq!(
        warnings(&report.stderr),
        warnings(&check.stderr),
        "the same warnings, in the same words (the file's first, then the checks')"
    );
}

#[test]
fn the_files_of_a_report_are_said_in_the_order_asked_for_whatever_order_they_are_made_in() {
    // They are made figures first and the page last, which holds least at once.
    let out = scratch("cli-order-said");
    let run = sroi(&["report", EXAMPLE, "-f", "html,xlsx,pdf,csv,json", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let said: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .map(|p| p.rsplit('/').next().unwrap_or(p))
        .collect();
    assert_eq!(
        said,
        [
            "youth-into-work.html",
            "youth-into-work.xlsx",
            "youth-into-work.pdf",
            "youth-into-work-impact-map.csv",
            "youth-into-work-years.csv",
            "youth-into-work.json"
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn a_folder_where_one_output_goes_stops_the_run_before_any_file_is_replaced() {
    // The JSON's place is a folder: were it found only when the JSON is
    // moved into place, the HTML could already have replaced the old one.
    let out = scratch("cli-folder-in-the-way");
    let html = out.join("youth-into-work.html");
    std::fs::write(&html, "the report of last year").expect("old report");
    std::fs::create_dir(out.join("youth-into-work.json")).expect("a folder in the way");
    let run = sroi(&["report", EXAMPLE, "-f", "html,json", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Failed, "{}", run.stderr);
    assert!(
        run.stderr.contains("a folder of that name is in the way; nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&html).expect("kept"), "the report of last year");
    let names: Vec<String> = std::fs::read_dir(&out)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
}
