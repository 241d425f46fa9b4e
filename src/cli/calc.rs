//! `sroi calc FILE [--json]`: the figures, as tables or as the JSON of SPEC §5.

use super::{Exit, Streams};

pub(super) fn run(path: &str, json: bool, streams: &mut Streams<'_>) -> Exit {
    let (_, analysis, _) = match super::load(path, streams) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let results = crate::compute::compute(&analysis);
    let uncertainty = crate::compute::uncertainty(&analysis, &results);
    if json {
        super::write_json(&crate::render::json::render(&analysis, &results, &uncertainty), streams)
    } else {
        super::write_text(&crate::render::text::render(&analysis, &results, &uncertainty), streams)
    }
}
