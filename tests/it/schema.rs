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
    ] {
        let path = format!("tests/fixtures/invalid/{name}.yaml");
        if validator.is_valid(&as_json(&path)) {
            accepted.push(path);
        }
    }
    assert!(accepted.is_empty(), "these fit the schema, but sroi rejects their shape: {accepted:#?}");
}
