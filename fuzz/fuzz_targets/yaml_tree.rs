//! Differential fuzz target for the YAML reader: wherever sroi builds the
//! located tree straight from the parser's events, serde-saphyr must read
//! the same bytes into the same tree (values, keys and every location).
//!
//! ```text
//! RUSTC_BOOTSTRAP=1 cargo fuzz run -s none yaml_tree fuzz/corpus/yaml_tree fixtures tests/fixtures -- -jobs=1 -max_total_time=1200
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = sroi::source::SourceFile::new("fuzzed.yaml", text);
    if let Some(tree) = sroi::load::parse_yaml_from_events(&source) {
        match sroi::load::parse_yaml_slowly(&source, sroi::load::MAX_EVENTS) {
            Ok(expected) => assert_eq!(tree, expected, "a different tree from serde-saphyr's"),
            Err(d) => panic!("a tree where serde-saphyr says: {}", d.message),
        }
    }
});
