//! The theory of change as a diagram: four columns of boxes (inputs,
//! outputs, outcomes, stakeholders) joined by the links the analysis gives.
//! Drawn directly as SVG: plotters has no node-and-link layout.

use std::fmt::Write as _;

use super::{FAMILY, WIDTH, accessible, wrap, xml_escape};
use crate::colour::Rgb;
use crate::report::TheoryOfChange;

const COLUMN: f32 = 165.0;
const GAP: f32 = (WIDTH as f32 - 4.0 * COLUMN) / 3.0;
const FONT_SIZE: f32 = 12.0;
const LINE: f32 = 15.0;
const PAD: f32 = 7.0;
const TOP: f32 = 34.0;
const MAX_LINES: usize = 4;

struct Placed {
    x: f32,
    y: f32,
    height: f32,
    lines: Vec<String>,
}

fn column(labels: &[String], index: usize) -> (Vec<Placed>, f32) {
    let x = index as f32 * (COLUMN + GAP);
    let mut y = TOP;
    let placed = labels
        .iter()
        .map(|label| {
            let lines = wrap(label, FONT_SIZE, COLUMN - 2.0 * PAD, MAX_LINES);
            let height = lines.len().max(1) as f32 * LINE + 2.0 * PAD;
            let p = Placed { x, y, height, lines };
            y += height + 8.0;
            p
        })
        .collect();
    (placed, y)
}

/// The diagram, or `None` when the analysis links nothing (there is no theory to draw).
pub fn theory_of_change(toc: &TheoryOfChange, accent: Rgb, id: &str) -> Option<String> {
    if toc.outcomes.is_empty() {
        return None;
    }
    let columns = [&toc.inputs, &toc.outputs, &toc.outcomes, &toc.stakeholders];
    let placed: Vec<(Vec<Placed>, f32)> =
        columns.iter().enumerate().map(|(i, labels)| column(labels, i)).collect();
    let height = placed.iter().map(|(_, bottom)| *bottom).fold(TOP, f32::max) + 4.0;
    let mut body = String::new();
    let _ = write!(
        body,
        "<svg viewBox=\"0 0 {WIDTH} {height:.0}\"><defs><marker id=\"{id}-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#595959\"/></marker></defs>"
    );
    for (i, title) in ["Inputs", "Outputs", "Outcomes", "Stakeholders"].iter().enumerate() {
        let x = i as f32 * (COLUMN + GAP);
        let _ = write!(
            body,
            "<text x=\"{x:.1}\" y=\"18\" font-family=\"{FAMILY}\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">{title}</text>"
        );
    }
    let links = [(0, &toc.input_links), (1, &toc.output_links), (2, &toc.outcome_links)];
    for (from_column, pairs) in links {
        for &(a, b) in pairs.iter() {
            let (Some(from), Some(to)) = (placed[from_column].0.get(a), placed[from_column + 1].0.get(b))
            else {
                continue;
            };
            let (x1, y1) = (from.x + COLUMN, from.y + from.height / 2.0);
            let (x2, y2) = (to.x - 1.0, to.y + to.height / 2.0);
            let bend = GAP / 2.0;
            let _ = write!(
                body,
                "<path d=\"M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}\" fill=\"none\" stroke=\"#595959\" stroke-width=\"1.2\" marker-end=\"url(#{id}-arrow)\"/>",
                x1 + bend,
                x2 - bend
            );
        }
    }
    let accent = accent.hex();
    for (c, (boxes, _)) in placed.iter().enumerate() {
        // Outcomes are filled with the accent, so the column that carries the value stands out.
        let (fill, text) = if c == 2 { (accent.as_str(), "#ffffff") } else { ("#f2f2f2", "#222222") };
        for b in boxes {
            let _ = write!(
                body,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{COLUMN}\" height=\"{:.1}\" rx=\"4\" fill=\"{fill}\" stroke=\"#595959\" stroke-width=\"1\"/>",
                b.x, b.y, b.height
            );
            for (l, line) in b.lines.iter().enumerate() {
                let _ = write!(
                    body,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-family=\"{FAMILY}\" font-size=\"{FONT_SIZE}\" fill=\"{text}\">{}</text>",
                    b.x + PAD,
                    b.y + PAD + 11.0 + l as f32 * LINE,
                    xml_escape(line)
                );
            }
        }
    }
    body.push_str("</svg>");
    let description = format!(
        "Diagram of the theory of change: {} inputs lead to {} outputs, which lead to {} outcomes for {} stakeholder groups. The impact map and the inputs and outputs tables list every link in words.",
        toc.inputs.len(),
        toc.outputs.len(),
        toc.outcomes.len(),
        toc.stakeholders.len()
    );
    Some(accessible(&body, id, "Theory of change", &description))
}
