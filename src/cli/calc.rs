//! `sroi calc FILE [--json]`: the figures, as tables or as the JSON of SPEC §5.

use super::{Exit, Streams};

pub(super) fn run(path: &str, json: bool, streams: &mut Streams<'_>) -> Exit {
    let (_, analysis, _) = match super::load(path, streams) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let results = crate::compute::compute(&analysis);
    let uncertainty = crate::compute::uncertainty(&analysis, &results);
    let bytes = if json {
        crate::render::json::render(&analysis, &results, &uncertainty)
    } else {
        crate::render::text::render(&analysis, &results, &uncertainty).into_bytes()
    };
    super::write_out(&bytes, streams)
}
