//! `sroi portfolio`: totals are the sums of the parts, and a broken analysis
//! is reported while the rest still count.

use crate::common::{assert_close, scratch, sroi};
use sroi::cli::Exit;

fn number(value: &serde_json::Value, key: &str) -> f64 {
    value[key].as_f64().unwrap_or_else(|| panic!("{key} is a number in {value}"))
}

fn calc(file: &str) -> serde_json::Value {
    let run = sroi(&["calc", file, "--json"]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

/// The three example analyses (all in pounds, all with themes).
fn fixtures() -> Vec<std::path::PathBuf> {
    ["youth-into-work", "befriending-forecast", "community-garden"]
        .iter()
        .map(|name| std::path::PathBuf::from(format!("fixtures/{name}.yaml")))
        .collect()
}

/// A folder holding copies of the example analyses and one broken file, and a manifest.
fn portfolio(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("contracts")).expect("create folder");
    for fixture in fixtures() {
        std::fs::copy(&fixture, dir.join("contracts").join(fixture.file_name().expect("name")))
            .expect("copy");
    }
    std::fs::write(dir.join("contracts/broken.yaml"), "sroi: 1\ntitle: Broken\nstakeholders: [}\n")
        .expect("write");
    std::fs::write(
        dir.join("statement.yaml"),
        "title: Social value statement 2025/26\nyear: 2025\norganisation: Northfield Council\nanalyses:\n  \
         - contracts/*.yaml\n  - { file: contracts/youth-into-work.yaml, contract: C-101, supplier: Acme Training, area: North }\n",
    )
    .expect("write manifest");
    dir
}

#[test]
fn totals_are_the_sums_of_the_parts_and_a_broken_file_is_listed() {
    let dir = portfolio("portfolio-totals");
    let out = dir.join("out");
    let manifest = dir.join("statement.yaml");
    let run =
        sroi(&["portfolio", &manifest.to_string_lossy(), "-f", "json,csv", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid, "a failed analysis makes the exit code 1");
    assert!(run.stderr.contains("broken.yaml:3:"), "the error is located: {}", run.stderr);
    let statement: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("statement.json")).expect("json written"))
            .expect("valid JSON");

    assert_eq!(statement["title"], "Social value statement 2025/26");
    assert_eq!(statement["analyses"], 4);
    let failed = statement["failed"].as_array().expect("failed");
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["file"].as_str().is_some_and(|f| f.ends_with("broken.yaml")));

    let (mut present_value, mut investment) = (0.0, 0.0);
    for fixture in fixtures() {
        let own = calc(&fixture.to_string_lossy());
        present_value += number(&own, "present_value");
        investment += number(&own, "investment");
    }
    assert_close(number(&statement, "present_value"), present_value, "present value");
    assert_close(number(&statement, "investment"), investment, "investment");
    assert_close(number(&statement, "sroi_ratio"), present_value / investment, "ratio");

    let organisations = statement["by_organisation"].as_array().expect("by_organisation");
    let acme =
        organisations.iter().find(|o| o["organisation"] == "Acme Training").expect("the manifest's supplier");
    assert_close(
        number(acme, "present_value"),
        number(&calc("fixtures/youth-into-work.yaml"), "present_value"),
        "Acme",
    );
    let sum: f64 = organisations.iter().map(|o| number(o, "present_value")).sum();
    assert_close(sum, present_value, "organisations add up");

    // Every outcome of the fixtures has a theme; one outcome has two, so themes add up to more.
    let themes = statement["by_theme"].as_array().expect("by_theme");
    assert!(themes.iter().all(|t| t["theme"] != "(no theme)"));
    let jobs = themes.iter().find(|t| t["theme"] == "jobs").expect("jobs");
    let youth = calc("fixtures/youth-into-work.yaml");
    let jobs_by_hand: f64 = youth["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .filter(|o| {
            ["into-work", "off-benefits", "filled-vacancies"].contains(&o["id"].as_str().unwrap_or(""))
        })
        .map(|o| number(o, "present_value"))
        .sum();
    assert_close(number(jobs, "present_value"), jobs_by_hand, "jobs theme");

    let csv = std::fs::read_to_string(out.join("statement.csv")).expect("csv written");
    assert_eq!(csv.lines().count(), 1 + 4, "a header, three analyses and the broken one");
    assert!(csv.contains(",Acme Training,C-101,North,evaluative,"), "{csv}");
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn a_folder_is_a_portfolio_of_every_analysis_in_it() {
    let dir = portfolio("portfolio-folder");
    std::fs::remove_file(dir.join("contracts/broken.yaml")).expect("remove");
    let run = sroi(&["portfolio", &dir.join("contracts").to_string_lossy(), "--json"]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let statement: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(statement["analyses"], 3);
    assert_eq!(statement["failed"].as_array().map(Vec::len), Some(0));

    let run = sroi(&["portfolio", &dir.join("contracts").to_string_lossy()]);
    assert!(run.stdout.contains("3 analyses counted of 3"), "{}", run.stdout);
    assert!(run.stdout.contains("jobs"), "{}", run.stdout);
}

#[test]
fn a_bad_manifest_is_located() {
    let dir = scratch("portfolio-manifest");
    let manifest = dir.join("statement.yaml");
    std::fs::write(&manifest, "title: Statement\nanalysis:\n  - nothing/*.yaml\n").expect("write");
    let run = sroi(&["portfolio", &manifest.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid);
    assert!(run.stderr.contains("statement.yaml:2:1: error"), "{}", run.stderr);
    assert!(run.stderr.contains("analyses"), "did you mean: {}", run.stderr);

    std::fs::write(&manifest, "title: Statement\nanalyses:\n  - nothing/*.yaml\n").expect("write");
    let run = sroi(&["portfolio", &manifest.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid);
    assert!(
        run.stderr.contains("statement.yaml:3:5: error: no file matches `nothing/*.yaml`"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_html_statement_escapes_every_name_and_is_repeatable() {
    let dir = portfolio("portfolio-html");
    std::fs::copy("tests/fixtures/valid/hostile.yaml", dir.join("contracts/hostile.yaml")).expect("copy");
    let manifest = dir.join("statement.yaml").to_string_lossy().into_owned();
    let (one, two) = (dir.join("one"), dir.join("two"));
    for out in [&one, &two] {
        let run = sroi(&["portfolio", &manifest, "-f", "html", "-o", &out.to_string_lossy()]);
        assert_eq!(run.code, Exit::Invalid, "the broken file still counts as a failure");
    }
    let html = std::fs::read_to_string(one.join("statement.html")).expect("html written");
    assert_eq!(
        html,
        std::fs::read_to_string(two.join("statement.html")).expect("html written"),
        "deterministic"
    );
    assert!(
        html.contains("&lt;&#x2F;title&gt;&lt;script&gt;") || html.contains("&lt;/title&gt;&lt;script&gt;")
    );
    crate::common::assert_inert(&html);
    for expected in [
        "Social value statement 2025/26",
        "Acme Training",
        "Analyses not counted",
        "1 file could not be read",
    ] {
        assert!(html.contains(expected), "{expected} in the statement");
    }
    // A published page names no file and shows no error meant for the operator.
    for internal in ["broken.yaml", ".yaml", ": error:", "sroi compare"] {
        assert!(!html.contains(internal), "`{internal}` is on the public page");
    }
}

#[test]
fn each_file_counts_once_and_nothing_the_user_has_is_replaced() {
    let dir = portfolio("portfolio-once");
    std::fs::remove_file(dir.join("contracts/broken.yaml")).expect("remove");
    // A linked folder (here a loop) and another spelling of the same file.
    std::os::unix::fs::symlink("..", dir.join("contracts/loop")).expect("symlink");
    std::fs::write(
        dir.join("statement.yaml"),
        "title: S\nanalyses:\n  - contracts/*.yaml\n  - contracts/../contracts/youth-into-work.yaml\n  - '*.yaml'\n",
    )
    .expect("write manifest");
    let manifest = dir.join("statement.yaml").to_string_lossy().into_owned();
    for args in [vec!["portfolio", manifest.as_str(), "--json"], vec!["portfolio", "PLACEHOLDER", "--json"]] {
        let contracts = dir.join("contracts").to_string_lossy().into_owned();
        let args: Vec<&str> =
            args.iter().map(|a| if *a == "PLACEHOLDER" { contracts.as_str() } else { a }).collect();
        let run = sroi(&args);
        assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
        let statement: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        assert_eq!(statement["analyses"], 3, "{args:?}: each file once, the manifest not at all");
    }

    // A JSON manifest is not replaced by the JSON statement.
    let json_manifest = dir.join("statement.json");
    std::fs::write(&json_manifest, r#"{"title": "S", "analyses": ["contracts/*.yaml"]}"#).expect("write");
    let run =
        sroi(&["portfolio", &json_manifest.to_string_lossy(), "-f", "json", "-o", &dir.to_string_lossy()]);
    assert_eq!(run.code, Exit::Failed);
    assert!(run.stderr.contains("would replace the manifest"), "{}", run.stderr);
    assert!(std::fs::read_to_string(&json_manifest).expect("still there").starts_with(r#"{"title": "S""#));

    let empty = scratch("portfolio-empty");
    let run = sroi(&["portfolio", &empty.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid);
    assert!(run.stderr.contains("the portfolio has no analyses"), "{}", run.stderr);
}

#[test]
fn the_statement_is_in_the_currency_most_analyses_use() {
    let dir = portfolio("portfolio-currency");
    std::fs::remove_file(dir.join("contracts/broken.yaml")).expect("remove");
    let garden = std::fs::read_to_string("fixtures/community-garden.yaml").expect("read");
    std::fs::write(dir.join("contracts/aaa-euro.yaml"), garden.replacen("currency: GBP", "currency: EUR", 1))
        .expect("write");
    let run = sroi(&["portfolio", &dir.join("contracts").to_string_lossy(), "--json"]);
    assert_eq!(run.code, Exit::Invalid);
    let statement: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(statement["currency"], "GBP");
    assert_eq!(statement["items"].as_array().map(Vec::len), Some(3));
    assert!(statement["failed"][0]["error"].as_str().is_some_and(|e| e.contains("is in EUR")));
}

#[test]
fn the_statement_can_use_the_users_own_template() {
    let dir = portfolio("portfolio-templates");
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).expect("folder");
    std::fs::write(templates.join("statement.html"), "<p>{{ p.title }}: {{ p.ratio }}</p>").expect("write");
    let out = dir.join("out");
    let args = |t: &std::path::Path| {
        vec![
            "portfolio".to_owned(),
            dir.join("contracts").to_string_lossy().into_owned(),
            "-f".to_owned(),
            "html".to_owned(),
            "-o".to_owned(),
            out.to_string_lossy().into_owned(),
            "--templates".to_owned(),
            t.to_string_lossy().into_owned(),
        ]
    };
    let run = sroi(&args(&templates).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, Exit::Invalid, "the broken file in the folder still fails");
    let html = std::fs::read_to_string(out.join("contracts.html")).expect("written");
    // A folder's name is not a heading for the public.
    assert!(html.starts_with("<p>Social value statement: "), "{html}");

    std::fs::write(templates.join("statement.html"), "{{ p.title ").expect("write");
    let run = sroi(&args(&templates).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, Exit::Invalid);
    assert!(run.stderr.contains("statement.html:1:11"), "{}", run.stderr);
}

fn statement_of(args: &[&str]) -> serde_json::Value {
    let run = sroi(args);
    assert!(run.code == Exit::Ok || run.code == Exit::Invalid, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn a_year_statement_keeps_in_year_value_apart_from_lifetime_value() {
    let year = statement_of(&["portfolio", "fixtures", "--year", "2025/26", "--json"]);
    assert_eq!(year["year"], "2025/26");
    // Youth Into Work's period is 2025/26 itself: its year 1 counts whole, as delivered.
    let youth = calc("fixtures/youth-into-work.yaml");
    let year_1 = youth["years"][0]["value"].as_f64().expect("year 1");
    let items = year["items"].as_array().expect("items");
    let item = |title: &str| items.iter().find(|i| i["title"].as_str().is_some_and(|t| t.starts_with(title)));
    let youth_item = item("Youth Into Work").expect("counted");
    assert_close(number(youth_item, "in_year_value"), year_1, "figure");
    assert_eq!(number(youth_item, "forecast_in_year_value"), 0.0);
    // The garden's period is 2024/25: 2025/26 is its year 2, which it projects.
    let garden = calc("fixtures/community-garden.yaml");
    let garden_item = item("Northfield Community Garden").expect("counted");
    assert_eq!(number(garden_item, "in_year_value"), 0.0);
    assert_close(
        number(garden_item, "forecast_in_year_value"),
        garden["years"][1]["value"].as_f64().expect("year 2"),
        "figure",
    );
    // The 2026-29 forecast and the contract starting in July 2026 fall outside 2025/26, and say so.
    let not_counted = year["not_counted"].as_array().expect("not counted");
    assert_eq!(not_counted.len(), 2, "{not_counted:?}");
    assert!(not_counted.iter().all(|n| n["why"].as_str().expect("why").contains("outside 2025/26")));
    // Totals are sums of the parts; lifetime value is apart, never added.
    let delivered: f64 = items.iter().map(|i| number(i, "in_year_value")).sum();
    assert_close(number(&year, "in_year_value"), delivered, "figure");
    let lifetime: f64 = items.iter().map(|i| number(i, "present_value")).sum();
    assert_close(number(&year, "lifetime_present_value"), lifetime, "figure");
    // The forecast would have had its own discounting (Green Book, mid-year); every
    // counted analysis is on the statement's basis, 3.5% at the end of each year.
    assert!(year["basis"][0].as_str().expect("basis").contains("3.5%, end of year"));
    let next = statement_of(&["portfolio", "fixtures", "--year", "2026/27", "--json"]);
    assert_eq!(number(&next, "analyses_in_year_value"), 0.0, "no evaluation observed 2026/27");
    assert!(number(&next, "forecast_in_year_value") > 0.0);
}

#[test]
fn contracts_count_their_validated_value_apart_from_what_is_claimed() {
    // fixtures/commissioning holds a framework, three offers and one offer's returns:
    // the folder brings the contract in through its returns, which name the offer.
    let year = statement_of(&["portfolio", "fixtures", "--year", "2026/27", "--json"]);
    let contracts = year["contracts"].as_array().expect("contracts");
    assert_eq!(contracts.len(), 1, "one returns file, one contract");
    let c = &contracts[0];
    assert_eq!(c["contract"], "KV-GM-2026");
    assert_eq!(c["supplier_size"], "sme");
    let (committed, delivered, validated) =
        (number(c, "committed_value"), number(c, "delivered_value"), number(c, "validated_value"));
    assert!(validated <= delivered && delivered > 0.0 && committed > 0.0);
    // Only validated value is delivered value; the rest is claimed.
    assert_close(number(&year, "validated_value"), validated, "validated");
    assert_close(number(&year, "claimed_value"), delivered - validated, "claimed");
    assert_close(
        number(&year, "in_year_value"),
        number(&year, "analyses_in_year_value") + validated,
        "delivered = evaluations + validated deliveries",
    );
    let sizes = year["by_supplier_size"].as_array().expect("sizes");
    assert_eq!(sizes.len(), 1);
    assert_close(number(&sizes[0], "validated_value"), validated, "by size");
    // The same contract through a manifest entry `{ offer, returns }`.
    let dir = scratch("portfolio-contract");
    let base = std::env::current_dir().expect("cwd").join("fixtures/commissioning");
    std::fs::write(
        dir.join("statement.yaml"),
        format!(
            "title: Kestrel Vale 2026/27\nanalyses:\n  - {{ offer: {0}/offer-greenway.yaml, returns: {0}/returns-greenway.yaml, area: Kestrel North }}\n",
            base.display()
        ),
    )
    .expect("manifest");
    let manifest = statement_of(&[
        "portfolio",
        &dir.join("statement.yaml").to_string_lossy(),
        "--year",
        "2026/27",
        "--json",
    ]);
    assert_eq!(manifest["contracts"][0]["validated_value"], c["validated_value"]);
    // Without a year, a contract is not added to present values, and the user is told.
    let plain = sroi(&["portfolio", &dir.join("statement.yaml").to_string_lossy(), "--json"]);
    assert!(plain.stderr.contains("1 contract is not counted"), "{}", plain.stderr);
}

#[test]
fn a_year_statement_re_bases_like_compare() {
    // Re-computed at 6%: the lifetime value is the re-based present value compare gives.
    let year =
        statement_of(&["portfolio", "fixtures", "--year", "2025/26", "--discount-rate", "6%", "--json"]);
    let compared =
        sroi(&["compare", "fixtures/youth-into-work.yaml", "--rebase", "--discount-rate", "6%", "--json"]);
    let compared: serde_json::Value = serde_json::from_str(&compared.stdout).expect("json");
    let rebased = number(&compared["analyses"][0], "rebased_present_value");
    let items = year["items"].as_array().expect("items");
    let youth = items.iter().find(|i| i["title"] == "Youth Into Work 2025/26").expect("counted");
    assert_close(number(youth, "present_value"), rebased, "figure");
    // An analysis that cannot be moved to the statement's prices is not counted, with why.
    let priced =
        statement_of(&["portfolio", "fixtures", "--year", "2025/26", "--price-year", "2030", "--json"]);
    let whys: Vec<&str> =
        priced["not_counted"].as_array().expect("list").iter().filter_map(|n| n["why"].as_str()).collect();
    assert!(whys.iter().any(|w| w.contains("cannot be put on the statement's basis")), "{whys:?}");
}

#[test]
fn last_years_statement_gives_the_change() {
    let dir = scratch("portfolio-previous");
    let last = dir.join("last.json");
    let run = sroi(&["portfolio", "fixtures", "--year", "2025/26", "--json"]);
    std::fs::write(&last, run.stdout).expect("write");
    let now = statement_of(&[
        "portfolio",
        "fixtures",
        "--year",
        "2026/27",
        "--previous",
        &last.to_string_lossy(),
        "--json",
    ]);
    let change = &now["change"];
    assert_eq!(change["previous_year"], "2025/26");
    let delivered = &change["in_year_value"];
    assert_close(
        number(delivered, "change"),
        number(delivered, "now") - number(delivered, "previous"),
        "figure",
    );
    assert_eq!(number(delivered, "now"), number(&now, "in_year_value"));
    // Not a statement: a located error.
    let wrong =
        sroi(&["portfolio", "fixtures", "--year", "2026/27", "--previous", "fixtures/youth-into-work.yaml"]);
    assert_eq!(wrong.code, Exit::Invalid);
    assert!(
        wrong.stderr.contains("fixtures/youth-into-work.yaml:1:1: error: this is not a statement's JSON"),
        "{}",
        wrong.stderr
    );
    // A year written wrongly is refused with the right spelling.
    let bad = sroi(&["portfolio", "fixtures", "--year", "2026/28"]);
    assert_eq!(bad.code, Exit::Failed);
    assert!(bad.stderr.contains("2026/27"), "{}", bad.stderr);
}

#[test]
fn the_statement_json_fits_its_published_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&sroi(&["schema", "--statement"]).stdout).expect("a JSON schema");
    let validator = jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema");
    let dir = portfolio("portfolio-schema");
    let manifest = dir.join("statement.yaml").to_string_lossy().into_owned();
    // Last year's statement, for a statement with every key: contracts, priorities and change.
    let last = dir.join("last.json");
    std::fs::write(&last, sroi(&["portfolio", "fixtures", "--year", "2025/26", "--json"]).stdout)
        .expect("write");
    let last = last.to_string_lossy().into_owned();
    for args in [
        vec!["portfolio", manifest.as_str(), "--json"],
        vec!["portfolio", manifest.as_str(), "--year", "2025/26", "--json"],
        vec!["portfolio", "fixtures", "--year", "2026/27", "--previous", last.as_str(), "--json"],
    ] {
        let json = statement_of(&args);
        let errors: Vec<String> =
            validator.iter_errors(&json).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{args:?}: {errors:?}");
    }
}

#[test]
fn a_year_statement_page_says_the_year_and_what_was_left_out() {
    let out = scratch("portfolio-year-page");
    let run =
        sroi(&["portfolio", "fixtures", "--year", "2025/26", "-f", "html", "-o", &out.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let html = std::fs::read_to_string(out.join("fixtures.html")).expect("page");
    for expected in [
        "Social value delivered in 2025/26",
        "Lifetime present value",
        "never added",
        "Analyses not counted",
        "outside 2025/26",
    ] {
        assert!(html.contains(expected), "{expected}");
    }
    for internal in [".yaml", "sroi compare", ": error:"] {
        assert!(!html.contains(internal), "`{internal}` on the public page");
    }
    crate::common::assert_inert(&html);
}

#[test]
fn an_analysis_says_its_own_area_for_the_statements_breakdown() {
    let dir = scratch("portfolio-area");
    let text = std::fs::read_to_string("fixtures/youth-into-work.yaml").expect("fixture");
    let text = text.replacen("\ntitle:", "\narea: Riverside East\ntitle:", 1);
    std::fs::write(dir.join("youth.yaml"), text).expect("write");
    let year = statement_of(&["portfolio", &dir.to_string_lossy(), "--year", "2025/26", "--json"]);
    let areas = year["by_area"].as_array().expect("areas");
    assert_eq!(areas.len(), 1, "{areas:?}");
    assert_eq!(areas[0]["area"], "Riverside East");
    assert_close(number(&areas[0], "in_year_value"), number(&year, "in_year_value"), "the area's value");
}

#[test]
fn a_year_statement_breaks_down_by_framework_priority() {
    let year = statement_of(&["portfolio", "fixtures", "--year", "2026/27", "--json"]);
    let priorities = year["by_priority"].as_array().expect("by_priority");
    // Every priority of the Kestrel Vale framework, in its order.
    let ids: Vec<&str> = priorities.iter().filter_map(|p| p["priority"].as_str()).collect();
    assert_eq!(ids, ["good-work", "skills", "local-economy", "greener", "community"]);
    assert!(priorities.iter().all(|p| p["framework"] == "Kestrel Vale Social Value Framework 2026"));
    assert_eq!(priorities[0]["name"], "Residents out of work into good local jobs");
    assert_eq!(year["contracts"][0]["framework"], "Kestrel Vale Social Value Framework 2026");
    // The contract's figures, split by the priority of each measure, add up to its totals.
    for (key, total) in [
        ("committed_value", "committed_value"),
        ("validated_value", "validated_value"),
        ("claimed_value", "claimed_value"),
    ] {
        let sum: f64 = priorities.iter().map(|p| number(p, key)).sum();
        assert_close(sum, number(&year, total), key);
    }
    // Delivered = evaluations' outcomes tagged with the id + validated deliveries; the
    // garden's `skills` and `community` outcomes are projected in 2026/27: forecast.
    let themes = year["by_theme"].as_array().expect("themes");
    for p in priorities {
        assert_close(
            number(p, "in_year_value"),
            number(p, "analyses_in_year_value") + number(p, "validated_value"),
            "delivered",
        );
        let theme = themes.iter().find(|t| t["theme"] == p["priority"]);
        let forecast = theme.map_or(0.0, |t| number(t, "forecast_in_year_value"));
        assert_close(
            number(p, "forecast_in_year_value"),
            forecast,
            "forecast of the outcomes tagged with it",
        );
    }
    let skills = &priorities[1];
    assert!(number(skills, "forecast_in_year_value") > 0.0, "the garden's skills outcome: {skills}");
    // Carbon saved (greener) was returned but not validated: claimed, not delivered.
    let greener = &priorities[3];
    assert!(number(greener, "claimed_value") > 0.0 && number(greener, "validated_value") > 0.0);
    // Areas say what is claimed beside what is validated.
    let north =
        year["by_area"].as_array().expect("areas").iter().find(|a| a["area"] == "Kestrel North").cloned();
    let north = north.expect("the contract's area");
    assert_close(number(&north, "claimed_value"), number(&year, "claimed_value"), "claimed in its area");

    // In 2025/26 the contract (from July 2026) is not counted, so no framework is in the statement.
    let before = statement_of(&["portfolio", "fixtures", "--year", "2025/26", "--json"]);
    assert_eq!(before["by_priority"].as_array().map(Vec::len), Some(0));

    // The change since 2025/26 has a row per priority; none had any value last year.
    let dir = scratch("portfolio-priority-change");
    let last = dir.join("last.json");
    std::fs::write(&last, serde_json::to_vec(&before).expect("json")).expect("write");
    let now = statement_of(&[
        "portfolio",
        "fixtures",
        "--year",
        "2026/27",
        "--previous",
        &last.to_string_lossy(),
        "--json",
    ]);
    let moved = now["change"]["by_priority"].as_array().expect("change by priority");
    assert_eq!(moved.len(), 5);
    assert_eq!(number(&moved[0], "previous"), 0.0);
    assert_close(number(&moved[0], "now"), number(&priorities[0], "in_year_value"), "now");
}

#[test]
fn every_breakdown_has_a_chart_and_a_row_each_in_the_breakdowns_csv() {
    let out = scratch("portfolio-breakdowns");
    let run = sroi(&[
        "portfolio",
        "fixtures",
        "--year",
        "2026/27",
        "-f",
        "html,csv,json",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let html = std::fs::read_to_string(out.join("fixtures.html")).expect("page");
    // Two rows or more, and something to see: priorities, organisations, areas.
    // One supplier size only, and no theme delivered anything in 2026/27: no chart.
    for id in ["chart-priorities", "chart-organisations", "chart-areas"] {
        assert!(html.contains(&format!("id=\"{id}-desc\"")), "{id}");
    }
    for id in ["chart-themes", "chart-sizes"] {
        assert!(!html.contains(id), "{id} has fewer than two rows or nothing to show");
    }
    assert!(html.contains("Value delivered in 2026/27 by framework priority, as a horizontal bar chart"));
    assert!(html.contains("Value by framework priority"));
    assert!(html.contains("Claimed, not validated"));
    crate::common::assert_inert(&html);

    let csv = std::fs::read_to_string(out.join("fixtures-breakdowns.csv")).expect("breakdowns csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with("breakdown,framework,id,name,in_year_value,validated_value,claimed_value,forecast_in_year_value,committed_value,present_value"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("fixtures.json")).expect("json")).expect("json");
    let count = |kind: &str| lines.iter().filter(|l| l.starts_with(&format!("{kind},"))).count();
    let len = |key: &str| json[key].as_array().map_or(0, Vec::len);
    assert_eq!(count("theme"), len("by_theme"));
    assert_eq!(count("priority"), len("by_priority"));
    assert_eq!(count("area"), len("by_area"));
    assert_eq!(count("supplier_size"), len("by_supplier_size"));
    assert_eq!(count("organisation"), len("by_organisation"));
    let good_work = lines.iter().find(|l| l.contains(",good-work,")).expect("a priority row");
    assert!(
        good_work.starts_with("priority,Kestrel Vale Social Value Framework 2026,good-work,"),
        "{good_work}"
    );
    // The analyses' CSV is unchanged: one row per analysis.
    let analyses = std::fs::read_to_string(out.join("fixtures.csv")).expect("csv");
    assert_eq!(analyses.lines().count(), 1 + len("items") + len("failed"));
}
