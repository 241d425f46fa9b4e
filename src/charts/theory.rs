//! The theory of change as a diagram: four columns of boxes (inputs,
//! outputs, outcomes, stakeholders) joined by the links the analysis gives.
//! Drawn directly as SVG: plotters has no node-and-link layout.

use super::drawing::{Anchor, Drawing, Shape};
use super::{WIDTH, accessible, wrap};
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

/// The diagram as shapes, or `None` when there are no outcomes to draw.
pub fn drawing(toc: &TheoryOfChange, accent: Rgb) -> Option<Drawing> {
    if toc.outcomes.is_empty() {
        return None;
    }
    let grey = Rgb(0x59, 0x59, 0x59);
    let ink = Rgb(0x22, 0x22, 0x22);
    let columns = [&toc.inputs, &toc.outputs, &toc.outcomes, &toc.stakeholders];
    let placed: Vec<(Vec<Placed>, f32)> =
        columns.iter().enumerate().map(|(i, labels)| column(labels, i)).collect();
    let height = placed.iter().map(|(_, bottom)| *bottom).fold(TOP, f32::max) + 4.0;
    let mut shapes = Vec::new();
    for (i, title) in ["Inputs", "Outputs", "Outcomes", "Stakeholders"].iter().enumerate() {
        let x = i as f32 * (COLUMN + GAP);
        shapes.push(Shape::Text {
            text: (*title).to_owned(),
            x,
            y: 18.0,
            size: 14.0,
            bold: true,
            colour: ink,
            anchor: Anchor::Start,
        });
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
            shapes.push(Shape::Curve {
                points: [(x1, y1), (x1 + bend, y1), (x2 - bend, y2), (x2, y2)],
                colour: grey,
                width: 1.2,
                arrow: true,
            });
        }
    }
    for (c, (boxes, _)) in placed.iter().enumerate() {
        // Outcomes are filled with the accent, so the column that carries the value stands out.
        let (fill, text) = if c == 2 { (accent, Rgb::WHITE) } else { (Rgb(0xf2, 0xf2, 0xf2), ink) };
        for b in boxes {
            shapes.push(Shape::Rect {
                x: b.x,
                y: b.y,
                w: COLUMN,
                h: b.height,
                fill: Some(fill),
                stroke: Some((grey, 1.0)),
                radius: 4.0,
            });
            for (l, line) in b.lines.iter().enumerate() {
                shapes.push(Shape::Text {
                    text: line.clone(),
                    x: b.x + PAD,
                    y: b.y + PAD + 11.0 + l as f32 * LINE,
                    size: FONT_SIZE,
                    bold: false,
                    colour: text,
                    anchor: Anchor::Start,
                });
            }
        }
    }
    Some(Drawing {
        width: WIDTH as f32,
        height,
        shapes,
        alt: format!("Theory of change. {}", description(toc)),
    })
}

/// A text description of the diagram.
pub fn description(toc: &TheoryOfChange) -> String {
    format!(
        "Diagram of the theory of change: {} inputs lead to {} outputs, which lead to {} outcomes for {} stakeholder groups. The impact map and the inputs and outputs tables list every link in words.",
        toc.inputs.len(),
        toc.outputs.len(),
        toc.outcomes.len(),
        toc.stakeholders.len()
    )
}

/// The diagram as an accessible SVG image, or `None` when there are no outcomes.
pub fn theory_of_change(toc: &TheoryOfChange, accent: Rgb, id: &str) -> Option<String> {
    let drawing = drawing(toc, accent)?;
    Some(accessible(&drawing.to_svg(), id, "Theory of change", &description(toc)))
}
