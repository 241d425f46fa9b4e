//! `sroi compare`: raw figures are each analysis's own, and re-basing is the
//! same as editing every file's settings by hand.

use crate::common::{assert_close, binary, fixtures, scratch, sroi};
use sroi::cli::Exit;

fn json(args: &[&str]) -> serde_json::Value {
    let run = sroi(args);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

fn number(value: &serde_json::Value, key: &str) -> f64 {
    value[key].as_f64().unwrap_or_else(|| panic!("{key} is a number in {value}"))
}

#[test]
fn raw_figures_equal_each_analysiss_own_calc() {
    let files: Vec<String> = fixtures().iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let mut args = vec!["compare", "--json"];
    args.extend(files.iter().map(String::as_str));
    let compared = json(&args);
    let analyses = compared["analyses"].as_array().expect("analyses");
    assert_eq!(analyses.len(), files.len());
    for (file, entry) in files.iter().zip(analyses) {
        let own = json(&["calc", file, "--json"]);
        assert_eq!(entry["file"], file.as_str());
        assert_eq!(entry["title"], own["title"]);
        for key in ["sroi_ratio", "present_value", "investment"] {
            assert_close(number(entry, key), number(&own, key), &format!("{file} {key}"));
        }
        assert!(entry.get("rebased_ratio").is_none(), "no rebased_ratio without --rebase");
    }
    assert!(compared["settings"].is_null());
}

/// Writes `file` with each `(from, to)` replaced, checking each occurs.
fn edited(file: &str, edits: &[(&str, &str)], dir: &std::path::Path) -> String {
    let mut text = std::fs::read_to_string(file).expect("read fixture");
    for (from, to) in edits {
        assert!(text.contains(from), "{file} contains {from}");
        text = text.replace(from, to);
    }
    let path = dir.join(std::path::Path::new(file).file_name().expect("file name"));
    std::fs::write(&path, text).expect("write edited copy");
    path.to_string_lossy().into_owned()
}

#[test]
fn rebasing_equals_editing_the_settings_by_hand() {
    let dir = scratch("compare-rebase");
    let youth = "fixtures/youth-into-work.yaml";
    let befriending = "fixtures/befriending-forecast.yaml";
    let compared = json(&[
        "compare",
        youth,
        befriending,
        "--json",
        "--rebase",
        "--discount-rate",
        "6%",
        "--timing",
        "mid",
    ]);
    assert_eq!(compared["settings"]["discount_rate"], 0.06);
    assert_eq!(compared["settings"]["discount_timing"], "mid");
    let by_hand = [
        edited(
            youth,
            &[("discount_rate: 3.5%", "discount_rate: 6%"), ("discount_timing: end", "discount_timing: mid")],
            &dir,
        ),
        edited(befriending, &[("discount_rate: green-book", "discount_rate: 0.06")], &dir),
    ];
    for (entry, file) in compared["analyses"].as_array().expect("analyses").iter().zip(&by_hand) {
        let own = json(&["calc", file, "--json"]);
        assert_close(number(entry, "rebased_ratio"), number(&own, "sroi_ratio"), file);
        assert_close(number(entry, "rebased_present_value"), number(&own, "present_value"), file);
        assert!(
            (number(entry, "rebased_ratio") - number(entry, "sroi_ratio")).abs() > 1e-6,
            "6% changes {file}"
        );
    }
}

#[test]
fn a_common_price_year_moves_every_money_figure_with_the_analysiss_indices() {
    let dir = scratch("compare-prices");
    let file = "tests/fixtures/valid/rebased.yaml";
    let compared = json(&["compare", file, "--json", "--rebase", "--price-year", "2019"]);
    // By hand: the analysis in 2019 prices, its grant of 10,000 (2025) worth 10,000 × 88/110.
    let by_hand = edited(
        file,
        &[("price_year: 2025\n", "price_year: 2019\n"), ("amount: 10000", "amount: 8000")],
        &dir,
    );
    let own = json(&["calc", &by_hand, "--json"]);
    let entry = &compared["analyses"][0];
    assert_close(number(entry, "rebased_present_value"), number(&own, "present_value"), "present value");
    assert_close(number(entry, "rebased_investment"), number(&own, "investment"), "investment");
    assert_close(number(entry, "rebased_ratio"), number(entry, "sroi_ratio"), "prices leave the ratio alone");

    let run = sroi(&["compare", "fixtures/community-garden.yaml", "--rebase", "--price-year", "2019"]);
    assert_eq!(run.code, Exit::Invalid);
    assert!(
        run.stderr.contains("fixtures/community-garden.yaml: error: cannot move the figures to 2019 prices"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_tables_show_method_differences_and_a_broken_file_stops_the_comparison() {
    let run = sroi(&["compare", "fixtures/youth-into-work.yaml", "fixtures/befriending-forecast.yaml"]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    for expected in [
        "3.36\u{a0}:\u{a0}1",
        "3.94\u{a0}:\u{a0}1",
        "Green Book schedule, mid-year",
        "3.5%, end of year",
        "3.00 to 3.69",
    ] {
        assert!(run.stdout.contains(expected), "{expected} in\n{}", run.stdout);
    }
    let run =
        sroi(&["compare", "fixtures/youth-into-work.yaml", "tests/fixtures/invalid/missing-title.yaml"]);
    assert_eq!(run.code, Exit::Invalid, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let run = sroi(&["compare", "fixtures/youth-into-work.yaml", "--discount-rate", "6%"]);
    assert_eq!(run.code, Exit::Failed, "--discount-rate needs --rebase");
    let run = sroi(&["compare", "fixtures/youth-into-work.yaml", "--rebase", "--discount-rate", "lots"]);
    assert!(run.stderr.contains("write a percentage such as `3.5%`"), "{}", run.stderr);
}

#[test]
fn every_analysis_that_cannot_be_rebased_is_named_with_its_fix() {
    let run = sroi(&[
        "compare",
        "fixtures/community-garden.yaml",
        "fixtures/befriending-forecast.yaml",
        "fixtures/youth-into-work.yaml",
        "--rebase",
        "--price-year",
        "2024",
    ]);
    assert_eq!(run.code, Exit::Invalid);
    for expected in [
        "fixtures/community-garden.yaml: error: cannot move the figures to 2024 prices: the analysis has no `price_year:`",
        "fixtures/befriending-forecast.yaml: error: cannot move the figures to 2024 prices",
        "fixtures/youth-into-work.yaml: error: cannot move the figures from 2025 to 2024 prices: `indices:` has no entry for",
        "hint: add `price_year:` to the analysis",
    ] {
        assert!(run.stderr.contains(expected), "{expected} in\n{}", run.stderr);
    }
}

#[test]
fn the_comparison_is_written_as_html_and_json_with_its_charts() {
    let out = scratch("compare-files");
    let shown = out.to_string_lossy().into_owned();
    let files = ["fixtures/youth-into-work.yaml", "fixtures/befriending-forecast.yaml"];
    let run = binary(&[&["compare", "--rebase", "-f", "html,json", "-o", &shown], &files[..]].concat());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    // The JSON file is what `--json` prints.
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).expect("JSON written"))
            .expect("JSON");
    assert_eq!(written, json(&[&["compare", "--rebase", "--json"], &files[..]].concat()));
    let html = std::fs::read_to_string(out.join("comparison.html")).expect("HTML written");
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    let charts: Vec<_> = page.select(&select("svg[role=img]")).collect();
    assert_eq!(charts.len(), 2, "the ratios and the value mix");
    let ratios =
        charts[0].select(&select("desc")).next().map(|d| d.text().collect::<String>()).unwrap_or_default();
    for c in written["analyses"].as_array().expect("analyses") {
        let title = c["title"].as_str().expect("title");
        assert!(html.contains(title), "{title}");
        let ratio = sroi::format::ratio(number(c, "sroi_ratio"));
        assert!(ratios.contains(&format!("{title}: {ratio}")), "{ratios}");
        let rebased = sroi::format::ratio(number(c, "rebased_ratio"));
        assert!(ratios.contains(&format!("re-based {rebased}")), "{ratios}");
    }
    assert!(ratios.contains("5–95% range"), "the befriending forecast has ranges: {ratios}");
    // The two discount differently: the page says so.
    assert!(html.contains("They discount differently"), "{html}");
    crate::common::assert_inert(&html);
    // Asking for JSON twice over is refused by the command line, not guessed.
    let both = sroi(&["compare", "--json", "-f", "json", files[0], files[1]]);
    assert_eq!(both.code, Exit::Failed);
}

#[test]
fn hostile_names_stay_text_in_the_comparison() {
    let out = scratch("compare-hostile");
    let shown = out.to_string_lossy().into_owned();
    let files = ["tests/fixtures/valid/hostile.yaml", "fixtures/youth-into-work.yaml"];
    let run = binary(&[&["compare", "-f", "html,pdf", "-o", &shown], &files[..]].concat());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(out.join("comparison.html")).expect("HTML written");
    crate::common::assert_inert(&html);
    let page = scraper::Html::parse_document(&html);
    let cell = scraper::Selector::parse("#ratios tbody th").expect("selector");
    let title = page.select(&cell).next().expect("a row").text().collect::<String>();
    assert!(title.starts_with("</title><script>alert('title')</script>"), "{title}");
    assert!(out.join("comparison.pdf").exists());
}
