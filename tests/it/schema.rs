//! The JSON Schema of `sroi schema` (for editors) accepts every valid
//! analysis and rejects those that are invalid by shape. Errors a schema
//! cannot see (an unknown id, 30 February, a year without an index) are
//! `sroi check`'s alone.

use crate::common::{fixtures, sroi};
use sroi::cli::Exit;

fn validator() -> jsonschema::Validator {
    let run = sroi(&["schema"]);
    assert_eq!(run.code, Exit::Ok);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

/// An analysis file as JSON, through sroi's own YAML reader.
fn as_json(path: &str) -> serde_json::Value {
    let source = sroi::load::read_source(path).expect("readable");
    sroi::load::parse_yaml(&source).expect("YAML").to_json()
}

/// YAML text as JSON, through sroi's own YAML reader.
fn text_as_json(name: &str, text: &str) -> serde_json::Value {
    let source = sroi::source::SourceFile::new(name, text);
    sroi::load::parse_yaml(&source).expect("YAML").to_json()
}

#[test]
fn every_valid_analysis_fits_the_schema() {
    let validator = validator();
    for fixture in fixtures() {
        let document = as_json(&fixture.to_string_lossy());
        let errors: Vec<String> =
            validator.iter_errors(&document).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", fixture.display());
    }
}

#[test]
fn analyses_invalid_by_shape_do_not() {
    let validator = validator();
    let mut accepted = Vec::new();
    for name in [
        "unknown-key-typo",
        "unknown-key-top-level",
        "unknown-key-no-suggestion",
        "missing-title",
        "missing-version",
        "missing-proxy-value",
        "missing-outcome-stakeholder",
        "unsupported-version",
        "discount-rate-typo",
        "excluded-true-needs-reason",
        "duration-out-of-range",
        "input-amount-and-hours",
        "input-hours-without-rate",
        "negative-hours",
        "negative-quantity",
        "no-inputs",
        "percentage-bare-number",
        "percentage-negative",
        "percentage-over-100",
        "wrong-type-duration-fraction",
        "wrong-type-money-with-symbol",
        "wrong-type-quantity-text",
        "wrong-type-stakeholders-not-list",
        "wrong-type-top-level-list",
        "bad-currency",
        "schedule-with-quantity",
        "missing-quantity",
        "empty-inputs-list",
        "excluded-yes-or-no-is-not-a-reason",
    ] {
        let path = format!("tests/fixtures/invalid/{name}.yaml");
        if validator.is_valid(&as_json(&path)) {
            accepted.push(path);
        }
    }
    assert!(accepted.is_empty(), "these fit the schema, but sroi rejects their shape: {accepted:#?}");
}

/// The example `sroi init` writes, with `from` replaced by `to` (which must be there).
fn example_with(from: &str, to: &str) -> String {
    let example = sroi::cli::init::EXAMPLE;
    assert!(example.contains(from), "the example no longer has {from:?}");
    example.replacen(from, to, 1)
}

#[test]
fn the_schema_holds_the_rules_of_outcomes_and_percentages() {
    let validator = validator();
    let outcome = "  - id: off-benefits\n";
    let schedule = |keys: &str| {
        example_with(
            outcome,
            &format!(
                "  - id: by-year\n    stakeholder: participants\n    description: Kept in work\n    proxy: {{ value: 100, source: Test }}\n{keys}{outcome}"
            ),
        )
    };
    let years = |n: usize| vec!["10"; n].join(", ");
    // Each is refused by `sroi check` too (see the `still_invalid` loop below).
    let refused = [
        ("schedule with duration", schedule(&format!("    schedule: [{}]\n    duration: 2\n", years(3)))),
        ("schedule with drop_off", schedule(&format!("    schedule: [{}]\n    drop_off: 10%\n", years(3)))),
        ("schedule with quantity", schedule(&format!("    schedule: [{}]\n    quantity: 3\n", years(3)))),
        ("schedule of 51 years", schedule(&format!("    schedule: [{}]\n", years(51)))),
        ("empty schedule", schedule("    schedule: []\n")),
        (
            "a range of quantity on a schedule",
            schedule("    schedule: [10, 8]\n    range: { quantity: [5, 12] }\n"),
        ),
        ("an outcome with neither quantity nor schedule", schedule("")),
        ("duration of 51 years", example_with("duration: 3 ", "duration: 51 ")),
        ("start in year 51", example_with("start: 1 ", "start: 51 ")),
        ("start in year 0", example_with("start: 1 ", "start: 0 ")),
        ("attribution of 125%", example_with("attribution: 30%", "attribution: 125%")),
        ("attribution of 100.5%", example_with("attribution: 30%", "attribution: 100.5%")),
        ("attribution of lots", example_with("attribution: 30%", "attribution: lots")),
        ("attribution of 25", example_with("attribution: 30%", "attribution: 25")),
        ("attribution of -0.1", example_with("attribution: 30%", "attribution: -0.1")),
        ("attribution of -5%", example_with("attribution: 30%", "attribution: -5%")),
        ("discount rate of 350%", example_with("discount_rate: 3.5%", "discount_rate: 350%")),
        ("discount rate of 3.5", example_with("discount_rate: 3.5%", "discount_rate: 3.5")),
        ("excluded: true", example_with("excluded: Their gain", "excluded: true\n    # Their gain")),
        ("excluded: false", example_with("excluded: Their gain", "excluded: false\n    # Their gain")),
        ("excluded: Yes", example_with("excluded: Their gain", "excluded: Yes\n    # Their gain")),
        ("an input with amount and hours", example_with("amount: 150000", "amount: 150000\n    hours: 10")),
        ("an input in year 51", example_with("amount: 150000", "amount: 150000\n    year: 51")),
    ];
    let mut accepted = Vec::new();
    for (what, text) in &refused {
        if validator.is_valid(&text_as_json(what, text)) {
            accepted.push(*what);
        }
        let (code, _) = check_text(what, text);
        assert_eq!(code, Exit::Invalid, "{what}: sroi check accepts it, so the schema should too");
    }
    assert!(accepted.is_empty(), "these fit the schema, but sroi rejects them: {accepted:#?}");

    // And what is valid stays valid: a schedule outcome with a start and the
    // ranges it may have, a percentage at each end of its range, green-book.
    let allowed = [
        (
            "schedule of 50 years",
            schedule(&format!(
                "    schedule: [{}]\n    start: 2\n    range: {{ deadweight: [0%, 10%] }}\n",
                years(50)
            )),
        ),
        ("attribution of 100%", example_with("attribution: 30%", "attribution: 100%")),
        ("attribution of 0", example_with("attribution: 30%", "attribution: 0")),
        ("attribution of 1", example_with("attribution: 30%", "attribution: 1")),
        ("attribution of 12.5 %", example_with("attribution: 30%", "attribution: 12.5 %")),
        ("green-book", example_with("discount_rate: 3.5%", "discount_rate: green-book")),
        (
            "excluded: an empty reason",
            example_with("excluded: Their gain", "excluded: \"\"\n    # Their gain"),
        ),
    ];
    for (what, text) in &allowed {
        let errors: Vec<String> = validator
            .iter_errors(&text_as_json(what, text))
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what}: {errors:#?}");
        assert_eq!(
            check_text(what, text).0,
            Exit::Ok,
            "{what}: sroi check refuses it, so the schema should too"
        );
    }
}

/// `sroi check` on YAML text, through a scratch file.
fn check_text(what: &str, text: &str) -> (Exit, String) {
    let dir = crate::common::scratch("schema-rules");
    let path = dir.join(format!("{}.yaml", what.replace([' ', ':', '%', '.'], "-")));
    std::fs::write(&path, text).expect("write");
    let run = sroi(&["check", &path.to_string_lossy()]);
    (run.code, run.stderr)
}

/// Every key of the schema, with its place: walks `properties` everywhere.
fn keys<'a>(at: &str, schema: &'a serde_json::Value, out: &mut Vec<(String, &'a serde_json::Value)>) {
    match schema {
        serde_json::Value::Object(map) => {
            for (name, value) in map {
                if name == "properties" {
                    for (key, property) in value.as_object().expect("properties is an object") {
                        out.push((format!("{at}/{key}"), property));
                    }
                }
                keys(&format!("{at}/{name}"), value, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                keys(&format!("{at}/{i}"), item, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_key_explains_itself_once() {
    let schema: serde_json::Value = serde_json::from_str(&sroi(&["schema"]).stdout).expect("JSON");
    let mut all = Vec::new();
    keys("", &schema, &mut all);
    assert!(all.len() > 150, "only {} keys found", all.len());
    let mut problems = Vec::new();
    for (at, key) in &all {
        // A key an outcome of the other form may not have: it only says why.
        if key.get("doNotSuggest") == Some(&serde_json::Value::Bool(true)) {
            if !key["errorMessage"].as_str().is_some_and(|m| m.contains("not both")) {
                problems.push(format!("{at}: a forbidden key says why"));
            }
            continue;
        }
        let text = |name: &str| key.get(name).and_then(serde_json::Value::as_str).unwrap_or("");
        let (title, description, markdown) =
            (text("title"), text("description"), text("markdownDescription"));
        if title.is_empty() || description.is_empty() || markdown.is_empty() {
            problems.push(format!("{at}: needs a title, a description and a markdownDescription"));
            continue;
        }
        // The description is the Markdown without its marks, so the two cannot drift.
        if description != markdown.replace("**", "").replace('`', "") {
            problems.push(format!("{at}: description and markdownDescription say different things"));
        }
        // Hover shows the title as a heading above the description.
        if description.to_lowercase().starts_with(&title.to_lowercase()) {
            problems.push(format!("{at}: the description repeats the title {title:?}"));
        }
        if !markdown.contains("Example") {
            problems.push(format!("{at}: no example"));
        }
        // yaml-language-server's hover joins an anyOf's titles ("the title twice").
        if key.get("anyOf").is_some() || key.get("oneOf").is_some() {
            problems.push(format!("{at}: a key's schema has anyOf/oneOf, which hover shows twice"));
        }
        // A percentage key refuses numbers outside 0..1 with a message that says why.
        if key.get("$ref") == Some(&serde_json::json!("#/$defs/percentage")) {
            let rules = serde_json::to_string(&key["allOf"]).unwrap_or_default();
            if !rules.contains("bareNumberAboveOne") || !rules.contains("negativeShare") {
                problems.push(format!("{at}: a percentage without the rules for numbers"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
