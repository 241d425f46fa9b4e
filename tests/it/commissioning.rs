//! `sroi bids` and `sroi monitor` (SPEC §7, §8): the fixtures' figures and
//! JSON keys, and located errors for what commissioning files get wrong.

use crate::common::{scratch, sroi};
use sroi::cli::Exit;

const DIR: &str = "fixtures/commissioning";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Writes `files` (name, text) into a scratch folder, with the fixture framework beside them.
fn folder(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::copy(fixture("framework.yaml"), dir.join("framework.yaml")).expect("copy framework");
    std::fs::copy(fixture("offer-greenway.yaml"), dir.join("offer-greenway.yaml")).expect("copy offer");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("write");
    }
    dir
}

fn path(dir: &std::path::Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn bids_json_has_the_spec_keys_and_ranks_by_score() {
    let run = sroi(&[
        "bids",
        &fixture("framework.yaml"),
        &fixture("offer-greenway.yaml"),
        &fixture("offer-northern.yaml"),
        &fixture("offer-kestrel-works.yaml"),
        "--json",
    ]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["framework"], "Kestrel Vale Social Value Framework 2026");
    assert_eq!(json["weighting"], 0.15);
    let offers = json["offers"].as_array().expect("offers");
    assert_eq!(offers.len(), 3);
    for key in [
        "file",
        "supplier",
        "contract_value",
        "gross_value",
        "social_value",
        "value_per_pound",
        "weighted_value",
        "score",
        "rank",
        "flags",
        "commitments",
    ] {
        assert!(offers.iter().all(|o| o.get(key).is_some()), "{key}");
    }
    let best = offers.iter().map(|o| o["weighted_value"].as_f64().expect("number")).fold(0.0, f64::max);
    for o in offers {
        let score = o["score"].as_f64().expect("score");
        let expected = 0.15 * 100.0 * o["weighted_value"].as_f64().expect("weighted") / best;
        assert!((score - expected).abs() < 1e-9, "{score} {expected}");
        let c = &o["commitments"][0];
        assert!(c["measure"].is_string() && c["quantities"].is_array());
        assert!(c["gross_value"].is_number() && c["social_value"].is_number());
    }
    let rank =
        |supplier: &str| offers.iter().find(|o| o["supplier"] == supplier).expect("offer")["rank"].clone();
    assert_eq!(rank("Northern Estates Services plc"), 1);
    assert_eq!(rank("Greenway Grounds Ltd"), 2);
    // The flags the issue asks for, each once where it applies.
    let codes = |supplier: &str| -> Vec<String> {
        let o = offers.iter().find(|o| o["supplier"] == supplier).expect("offer");
        o["flags"]
            .as_array()
            .expect("flags")
            .iter()
            .map(|f| f["code"].as_str().expect("code").to_owned())
            .collect()
    };
    assert!(codes("Northern Estates Services plc").contains(&"above-contract-year".to_owned()));
    assert!(codes("Northern Estates Services plc").contains(&"no-plan".to_owned()));
    assert!(codes("Kestrel Community Works CIC").contains(&"nothing-for-first-priority".to_owned()));
    assert!(codes("Greenway Grounds Ltd").is_empty());
    assert!(run.stderr.contains("offer-northern.yaml:15:5: warning: KV-L1"), "{}", run.stderr);
}

#[test]
fn monitor_json_has_the_spec_keys() {
    let run =
        sroi(&["monitor", &fixture("offer-greenway.yaml"), &fixture("returns-greenway.yaml"), "--json"]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["contract"], "KV-GM-2026");
    assert_eq!(json["supplier"], "Greenway Grounds Ltd");
    assert!(json["gross_value_delivered"].is_number() && json["social_value_delivered"].is_number());
    let periods = json["periods"].as_array().expect("periods");
    assert_eq!(periods.len(), 2);
    assert_eq!(
        (periods[1]["start"].as_str(), periods[1]["end"].as_str()),
        (Some("2027-01-01"), Some("2027-09-30"))
    );
    let jobs = &periods[1]["measures"][0];
    assert_eq!(jobs["measure"], "jobs-25-plus");
    // By 2027-09-30: year 1's 6 in full, and of year 2's 8 (2027-07-01 to 2028-06-30,
    // 366 days) the 92 days to 30 September: 6 + 8 × 92 / 366.
    let committed = jobs["committed_to_date"].as_f64().expect("number");
    assert!((committed - (6.0 + 8.0 * 92.0 / 366.0)).abs() < 1e-12, "{committed}");
    assert_eq!(
        (jobs["delivered_to_date"].as_f64(), jobs["validated_to_date"].as_f64()),
        (Some(7.0), Some(7.0))
    );
    // 7 / 8.01 = 87%: amber under the framework's 90% green, 70% amber.
    assert_eq!(jobs["status"], "amber");
    // The return for a measure never committed to is a warning, and shown apart.
    assert!(run.stderr.contains("warning: the offer"), "{}", run.stderr);
    assert!(run.stderr.contains("never committed to `community-donations`"));
}

#[test]
fn an_unknown_measure_is_located_and_names_the_nearest() {
    let offer = std::fs::read_to_string(fixture("offer-greenway.yaml")).expect("read");
    let offer = offer.replace("measure: trees-planted", "measure: tree-planting");
    let dir = folder("unknown-measure", &[("offer.yaml", &offer)]);
    let run = sroi(&["bids", &path(&dir, "framework.yaml"), &path(&dir, "offer.yaml")]);
    assert_eq!(run.code, Exit::Invalid);
    let line = offer.lines().position(|l| l.contains("tree-planting")).expect("line") + 1;
    assert!(run.stderr.contains(&format!("offer.yaml:{line}:14: error: the framework")), "{}", run.stderr);
    assert!(run.stderr.contains("has no measure `tree-planting`"));
    assert!(run.stderr.contains("trees-planted"), "the nearest measure: {}", run.stderr);
}

#[test]
fn a_missing_framework_file_is_an_error_at_its_line() {
    let offer = std::fs::read_to_string(fixture("offer-greenway.yaml")).expect("read");
    let offer = offer.replace("framework: framework.yaml", "framework: ../frameworks/kestrel.yaml");
    let dir = folder("missing-framework", &[("offer.yaml", &offer)]);
    let run = sroi(&["monitor", &path(&dir, "offer.yaml"), &fixture("returns-greenway.yaml")]);
    assert_eq!(run.code, Exit::Invalid, "{}", run.stderr);
    let line = offer.lines().position(|l| l.starts_with("framework:")).expect("line") + 1;
    assert!(
        run.stderr.contains(&format!("offer.yaml:{line}:12: error: cannot read the framework")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("relative to this file's folder"));
}

#[test]
fn a_negative_quantity_is_located() {
    let offer = std::fs::read_to_string(fixture("offer-greenway.yaml")).expect("read");
    let offer = offer.replace("quantity: [300, 300, 300, 300]", "quantity: [300, -300, 300, 300]");
    let dir = folder("negative-quantity", &[("offer.yaml", &offer)]);
    let run = sroi(&["bids", &path(&dir, "framework.yaml"), &path(&dir, "offer.yaml")]);
    assert_eq!(run.code, Exit::Invalid);
    let line = offer.lines().position(|l| l.contains("-300")).expect("line") + 1;
    assert!(
        run.stderr.contains(&format!("offer.yaml:{line}:21: error: a quantity is never negative")),
        "{}",
        run.stderr
    );

    let returns = std::fs::read_to_string(fixture("returns-greenway.yaml")).expect("read");
    let returns = returns.replacen("quantity: 3\n", "quantity: -3\n", 1);
    let dir = folder("negative-delivery", &[("returns.yaml", &returns)]);
    let run = sroi(&["monitor", &path(&dir, "offer-greenway.yaml"), &path(&dir, "returns.yaml")]);
    assert_eq!(run.code, Exit::Invalid);
    let line = returns.lines().position(|l| l.contains("quantity: -3")).expect("line") + 1;
    assert!(
        run.stderr.contains(&format!("returns.yaml:{line}:15: error: a quantity is never negative")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_return_for_a_period_that_does_not_exist_is_located() {
    let returns = std::fs::read_to_string(fixture("returns-greenway.yaml")).expect("read");
    let returns = returns.replacen("period: 2\n", "period: 3\n", 1);
    let dir = folder("unknown-period", &[("returns-greenway.yaml", &returns)]);
    let run = sroi(&["monitor", &path(&dir, "offer-greenway.yaml"), &path(&dir, "returns-greenway.yaml")]);
    assert_eq!(run.code, Exit::Invalid);
    let line = returns.lines().position(|l| l.contains("period: 3")).expect("line") + 1;
    assert!(
        run.stderr.contains(&format!(
            "returns-greenway.yaml:{line}:13: error: there is no period 3: the returns have 2 periods"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_period_outside_the_contract_is_an_error() {
    let returns = std::fs::read_to_string(fixture("returns-greenway.yaml")).expect("read");
    let returns =
        returns.replace("{ start: 2026-07-01, end: 2026-12-31 }", "{ start: 2026-04-01, end: 2026-12-31 }");
    let dir = folder("outside-contract", &[("returns-greenway.yaml", &returns)]);
    let run = sroi(&["monitor", &path(&dir, "offer-greenway.yaml"), &path(&dir, "returns-greenway.yaml")]);
    assert_eq!(run.code, Exit::Invalid);
    assert!(
        run.stderr
            .contains("error: the period 2026-04-01 to 2026-12-31 is outside the contract `KV-GM-2026`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_of_another_kind_is_named_as_such() {
    let run = sroi(&["bids", &fixture("offer-greenway.yaml"), &fixture("offer-northern.yaml")]);
    assert_eq!(run.code, Exit::Invalid);
    assert!(run.stderr.contains("error: this is an offer, not an outcomes framework"), "{}", run.stderr);
}

#[test]
fn init_writes_the_examples_that_name_each_other() {
    let dir = scratch("init-commissioning");
    let shown = dir.to_string_lossy().into_owned();
    let run = sroi(&["init", "--returns", &shown]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    for file in ["framework.yaml", "offer-greenway.yaml", "returns-greenway.yaml", "sroi.schema.json"] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let monitor =
        sroi(&["monitor", &path(&dir, "offer-greenway.yaml"), &path(&dir, "returns-greenway.yaml")]);
    assert_eq!(monitor.code, Exit::Ok, "{}", monitor.stderr);
    assert_eq!(sroi(&["init", "--framework", &shown]).code, Exit::Failed, "never overwrites");
}

#[test]
fn every_format_is_written() {
    let out = scratch("commissioning-formats");
    let shown = out.to_string_lossy().into_owned();
    let bids = sroi(&[
        "bids",
        &fixture("framework.yaml"),
        &fixture("offer-greenway.yaml"),
        "-f",
        "html,pdf,json,csv",
        "-o",
        &shown,
    ]);
    assert_eq!(bids.code, Exit::Ok, "{}", bids.stderr);
    let monitor = sroi(&[
        "monitor",
        &fixture("offer-greenway.yaml"),
        &fixture("returns-greenway.yaml"),
        "-f",
        "html,pdf,json,csv",
        "-o",
        &shown,
    ]);
    assert_eq!(monitor.code, Exit::Ok, "{}", monitor.stderr);
    for stem in ["tender-evaluation", "returns-greenway"] {
        for extension in ["html", "pdf", "json", "csv"] {
            assert!(out.join(format!("{stem}.{extension}")).is_file(), "{stem}.{extension}");
        }
        let html = std::fs::read_to_string(out.join(format!("{stem}.html"))).expect("html");
        crate::common::assert_inert(&html);
        assert!(html.contains("<main id=\"main\">") && html.contains("<svg"), "{stem}: main and a chart");
        assert!(std::fs::read(out.join(format!("{stem}.pdf"))).expect("pdf").starts_with(b"%PDF-"));
    }
    let html = std::fs::read_to_string(out.join("tender-evaluation.html")).expect("html");
    assert!(
        html.contains("How each score was worked out")
            && html.contains("is the highest, so it scores the full 15 points")
    );
}

#[test]
fn the_schema_covers_every_kind_of_file() {
    let run = sroi(&["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("the schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema");
    let as_json = |text: &str| {
        let source = sroi::source::SourceFile::new("x.yaml", text);
        sroi::load::parse_yaml(&source).expect("YAML").to_json()
    };
    for name in [
        "framework.yaml",
        "offer-greenway.yaml",
        "offer-northern.yaml",
        "offer-kestrel-works.yaml",
        "returns-greenway.yaml",
    ] {
        let text = std::fs::read_to_string(fixture(name)).expect("read");
        let errors: Vec<String> =
            validator.iter_errors(&as_json(&text)).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        // A misspelt key, which sroi refuses, does not fit either.
        let typo = text.replacen("\nsroi: 1\n", "\nsroi: 1\nsupplyer: x\n", 1);
        assert!(!validator.is_valid(&as_json(&typo)), "{name} with an unknown key");
    }
}

#[test]
fn check_reads_frameworks_offers_and_returns_as_bids_and_monitor_do() {
    let run = sroi(&[
        "check",
        &fixture("framework.yaml"),
        &fixture("offer-northern.yaml"),
        &fixture("returns-greenway.yaml"),
    ]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("framework.yaml: ok (a framework of 5 priorities and 14 measures)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("offer-northern.yaml: ok (an offer of 6 commitments)"));
    assert!(run.stdout.contains("returns-greenway.yaml: ok (returns of 2 periods and 15 deliveries)"));
    // An offer whose framework has an error reports it in the framework's file.
    let framework = std::fs::read_to_string(fixture("framework.yaml")).expect("read");
    let broken = framework.replacen("weighting: 15%", "weighting: 15", 1);
    let dir = folder("check-broken-framework", &[]);
    std::fs::write(dir.join("framework.yaml"), &broken).expect("write");
    let run = sroi(&["check", &path(&dir, "offer-greenway.yaml")]);
    assert_eq!(run.code, Exit::Invalid);
    let line = broken.lines().position(|l| l.starts_with("weighting:")).expect("line") + 1;
    assert!(
        run.stderr.contains(&format!("framework.yaml:{line}:12: error: `15` is not a percentage")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_library_proxy_is_rebased_to_the_frameworks_price_year() {
    // National Living Wage 2025, £12.21, in 2026 prices with indices 100 → 104: £12.6984.
    let framework = std::fs::read_to_string(fixture("framework.yaml")).expect("read");
    let rebased = framework.replacen("price_year: 2025 ", "price_year: 2026 ", 1).replacen(
        "weighting: 15%",
        "indices: { 2025: 100, 2026: 104 }\nweighting: 15%",
        1,
    );
    let source = sroi::source::SourceFile::new("framework.yaml", rebased.as_str());
    let loaded = sroi::pipeline::commissioning::framework_from(source).expect("valid");
    let hours = loaded.value.measures.iter().find(|m| m.id == "volunteering-hours").expect("measure");
    assert!((hours.proxy.value - 12.21 * 1.04).abs() < 1e-9, "{}", hours.proxy.value);
    assert_eq!(hours.proxy.written, Some((12.21, 2025)));
    // Without an index for the proxy's year, it is an error at the proxy.
    let missing = rebased.replacen("indices: { 2025: 100, 2026: 104 }", "indices: { 2026: 104 }", 1);
    let said = sroi::pipeline::commissioning::framework_from(sroi::source::SourceFile::new(
        "f.yaml",
        missing.as_str(),
    ))
    .expect_err("no index for 2025");
    assert!(said.diagnostics.iter().any(|d| d.code == "missing-index"), "{:?}", said.diagnostics);
}

#[test]
fn the_same_files_give_the_same_bytes() {
    let runs: Vec<std::path::PathBuf> = (1..=2)
        .map(|i| {
            let out = scratch(&format!("commissioning-bytes-{i}"));
            let shown = out.to_string_lossy().into_owned();
            let f = ["html", "pdf", "json", "csv"].join(",");
            let bids = crate::common::binary(&[
                "bids",
                &fixture("framework.yaml"),
                &fixture("offer-greenway.yaml"),
                &fixture("offer-northern.yaml"),
                "-f",
                &f,
                "-o",
                &shown,
            ]);
            assert!(bids.status.success());
            let monitor = crate::common::binary(&[
                "monitor",
                &fixture("offer-greenway.yaml"),
                &fixture("returns-greenway.yaml"),
                "-f",
                &f,
                "-o",
                &shown,
            ]);
            assert!(monitor.status.success());
            out
        })
        .collect();
    for stem in ["tender-evaluation", "returns-greenway"] {
        for extension in ["html", "pdf", "json", "csv"] {
            let name = format!("{stem}.{extension}");
            let read = |dir: &std::path::Path| std::fs::read(dir.join(&name)).expect("written");
            assert!(read(&runs[0]) == read(&runs[1]), "{name} differs between runs");
        }
    }
}

#[test]
fn a_framework_named_as_a_device_pipe_or_system_file_is_refused_without_reading_it() {
    let offer = std::fs::read_to_string(fixture("offer-greenway.yaml")).expect("read");
    for (target, expected) in [
        ("/dev/stdin", "is not a file sroi reads"),
        ("/proc/self/environ", "is not a file sroi reads"),
        ("fifo.yaml", "is not a regular file"),
    ] {
        let text = offer.replace("framework: framework.yaml", &format!("framework: {target}"));
        let dir = folder("framework-device", &[("offer.yaml", &text)]);
        let fifo = dir.join("fifo.yaml");
        let _ = std::process::Command::new("mkfifo").arg(&fifo).status();
        let run = sroi(&["monitor", &path(&dir, "offer.yaml"), &fixture("returns-greenway.yaml")]);
        assert_eq!(run.code, Exit::Invalid, "{target}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{target}: {}", run.stderr);
        assert!(!run.stderr.contains("PATH="), "{target}: no content of another file");
    }
}
