//! `sroi calc FILE [--json]`: the figures, as tables or as the JSON of SPEC §5,
//! after the summary of what the quality checks find.

use super::args::Findings;
use super::{Exit, Streams};

pub(super) fn run(path: &str, json: bool, asked: Findings, streams: &mut Streams<'_>) -> Exit {
    let (source, analysis, warnings) = match super::load(path, streams) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let results = crate::compute::compute(&analysis);
    let mut found = super::findings::Found::new(streams.color);
    found.file(&source, crate::pipeline::findings(&analysis, &results, warnings));
    if let Err(code) = found.print(asked, "nothing was printed", streams) {
        return code;
    }
    let uncertainty = crate::compute::uncertainty(&analysis, &results);
    if json {
        // Written as it is made: the JSON of a large analysis is several times its YAML.
        let out = crate::diag::JsonControls::new(&mut streams.out);
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        let written = crate::render::json::write(&analysis, &results, &uncertainty, &mut out)
            .and_then(|()| std::io::Write::flush(&mut out));
        drop(out);
        super::write::written_out(written, streams)
    } else {
        super::write_text(&crate::render::text::render(&analysis, &results, &uncertainty), streams)
    }
}
