//! The theory of change as a diagram: four columns of boxes (inputs,
//! outputs, outcomes, stakeholders) joined by the links the analysis gives,
//! or, for a narrow screen, the four as bands one below the other, the
//! links as arcs at their left. Drawn directly as SVG: plotters has no
//! node-and-link layout.

use super::drawing::{Anchor, Drawing, Shape};
use super::{WIDTH, accessible, wrap};
use crate::colour::Rgb;
use crate::report::TheoryOfChange;

/// The gap between columns, which the links cross.
const GAP: f32 = 20.0;
const FONT_SIZE: f32 = 12.0;
const LINE: f32 = 15.0;
const PAD: f32 = 7.0;
const TOP: f32 = 34.0;
const MAX_LINES: usize = 4;
/// Below this width the diagram is drawn as bands, one below the other.
const COLUMNS_FROM: f32 = 560.0;
/// The room at the left of the narrow diagram for its links.
const GUTTER: f32 = 30.0;
const TITLES: [&str; 4] = ["Inputs", "Outputs", "Outcomes", "Stakeholders"];

struct Placed {
    x: f32,
    y: f32,
    height: f32,
    lines: Vec<String>,
}

/// Boxes `width` wide at `x`, one below the other from `top`; and the bottom of the last.
fn column(labels: &[String], x: f32, width: f32, top: f32) -> (Vec<Placed>, f32) {
    let mut y = top;
    let placed = labels
        .iter()
        .map(|label| {
            let lines = wrap(label, FONT_SIZE, width - 2.0 * PAD, MAX_LINES);
            let height = lines.len().max(1) as f32 * LINE + 2.0 * PAD;
            let p = Placed { x, y, height, lines };
            y += height + 8.0;
            p
        })
        .collect();
    (placed, y)
}

const GREY: Rgb = Rgb(0x59, 0x59, 0x59);
const INK: Rgb = Rgb(0x22, 0x22, 0x22);

/// The diagram as shapes, [`WIDTH`] wide, or `None` when there are no outcomes to draw.
pub fn drawing(toc: &TheoryOfChange, accent: Rgb) -> Option<Drawing> {
    drawing_at(toc, accent, WIDTH as f32)
}

/// The diagram as shapes, `width` wide: four columns, or bands one below
/// the other when `width` is under [`COLUMNS_FROM`]. `None` when there are
/// no outcomes to draw.
pub fn drawing_at(toc: &TheoryOfChange, accent: Rgb, width: f32) -> Option<Drawing> {
    if toc.outcomes.is_empty() {
        return None;
    }
    let levels = [&toc.inputs, &toc.outputs, &toc.outcomes, &toc.stakeholders];
    let mut shapes = Vec::new();
    let (placed, height) = match width < COLUMNS_FROM {
        true => bands(toc, &levels, width, &mut shapes),
        false => columns(toc, &levels, width, &mut shapes),
    };
    let box_width = if width < COLUMNS_FROM { width - GUTTER } else { (width - 3.0 * GAP) / 4.0 };
    boxes(&placed, box_width, accent, &mut shapes);
    Some(Drawing { width, height, shapes, alt: format!("Theory of change. {}", description(toc)) })
}

/// Four columns side by side, the links crossing the gaps between them.
fn columns(
    toc: &TheoryOfChange,
    levels: &[&Vec<String>; 4],
    width: f32,
    shapes: &mut Vec<Shape>,
) -> (Vec<Vec<Placed>>, f32) {
    let column_width = (width - 3.0 * GAP) / 4.0;
    let placed: Vec<(Vec<Placed>, f32)> = levels
        .iter()
        .enumerate()
        .map(|(i, labels)| column(labels, i as f32 * (column_width + GAP), column_width, TOP))
        .collect();
    let height = placed.iter().map(|(_, bottom)| *bottom).fold(TOP, f32::max) + 4.0;
    for (i, title) in TITLES.iter().enumerate() {
        let x = i as f32 * (column_width + GAP);
        shapes.push(Shape::Text {
            text: (*title).to_owned(),
            x,
            y: 18.0,
            size: 14.0,
            bold: true,
            colour: INK,
            anchor: Anchor::Start,
        });
    }
    let placed: Vec<Vec<Placed>> = placed.into_iter().map(|(boxes, _)| boxes).collect();
    for_each_link(toc, &placed, |from, to| {
        let (x1, y1) = (from.x + column_width, from.y + from.height / 2.0);
        let (x2, y2) = (to.x - 1.0, to.y + to.height / 2.0);
        let bend = GAP / 2.0;
        shapes.push(Shape::Curve {
            points: [(x1, y1), (x1 + bend, y1), (x2 - bend, y2), (x2, y2)],
            colour: GREY,
            width: 1.2,
            arrow: true,
        });
    });
    (placed, height)
}

/// The four as bands, one below the other, boxes at full width right of a
/// gutter in which each link is an arc from one box's left edge to the
/// other's, wider the further apart they are.
fn bands(
    toc: &TheoryOfChange,
    levels: &[&Vec<String>; 4],
    width: f32,
    shapes: &mut Vec<Shape>,
) -> (Vec<Vec<Placed>>, f32) {
    let mut placed = Vec::new();
    let mut y = 0.0;
    for (title, labels) in TITLES.iter().zip(levels) {
        shapes.push(Shape::Text {
            text: (*title).to_owned(),
            x: GUTTER,
            y: y + 18.0,
            size: 14.0,
            bold: true,
            colour: INK,
            anchor: Anchor::Start,
        });
        let (boxes, bottom) = column(labels, GUTTER, width - GUTTER, y + TOP - 6.0);
        placed.push(boxes);
        y = bottom + 8.0;
    }
    let height = y;
    for_each_link(toc, &placed, |from, to| {
        let (y1, y2) = (from.y + from.height / 2.0, to.y + to.height / 2.0);
        let bend = (6.0 + (y2 - y1).abs() * 0.06).min(GUTTER - 4.0);
        shapes.push(Shape::Curve {
            points: [(GUTTER, y1), (GUTTER - bend, y1), (GUTTER - bend, y2), (GUTTER - 1.0, y2)],
            colour: GREY,
            width: 1.2,
            arrow: true,
        });
    });
    (placed, height)
}

/// Calls `f` with the two boxes of each link: inputs to outputs, outputs
/// to outcomes, outcomes to stakeholders (a link to no box is skipped).
fn for_each_link(toc: &TheoryOfChange, placed: &[Vec<Placed>], mut f: impl FnMut(&Placed, &Placed)) {
    let links = [(0, &toc.input_links), (1, &toc.output_links), (2, &toc.outcome_links)];
    for (from_level, pairs) in links {
        for &(a, b) in pairs.iter() {
            if let (Some(from), Some(to)) = (placed[from_level].get(a), placed[from_level + 1].get(b)) {
                f(from, to);
            }
        }
    }
}

/// Every box, with its lines of text.
fn boxes(placed: &[Vec<Placed>], box_width: f32, accent: Rgb, shapes: &mut Vec<Shape>) {
    for (c, boxes) in placed.iter().enumerate() {
        // Outcomes are filled with the accent, so the column that carries the value stands out.
        let (fill, text) = if c == 2 { (accent, Rgb::WHITE) } else { (Rgb(0xf2, 0xf2, 0xf2), INK) };
        for b in boxes {
            shapes.push(Shape::Rect {
                x: b.x,
                y: b.y,
                w: box_width,
                h: b.height,
                fill: Some(fill),
                stroke: Some((GREY, 1.0)),
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
    theory_of_change_at(toc, accent, id, WIDTH as f32, "")
}

/// The diagram drawn `width` wide (see [`drawing_at`]) as an accessible SVG
/// image with the classes `chart` and `class`, or `None` when there are no outcomes.
pub fn theory_of_change_at(
    toc: &TheoryOfChange,
    accent: Rgb,
    id: &str,
    width: f32,
    class: &str,
) -> Option<String> {
    let drawing = drawing_at(toc, accent, width)?;
    Some(accessible(&drawing.to_svg(), id, class, "Theory of change", &description(toc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toc() -> TheoryOfChange {
        let labels =
            |prefix: &str, n: usize| (1..=n).map(|i| format!("{prefix} {i} of a good length")).collect();
        TheoryOfChange {
            inputs: labels("Input", 2),
            outputs: labels("Output", 2),
            outcomes: labels("Outcome", 3),
            stakeholders: labels("Group", 2),
            input_links: vec![(0, 0), (1, 1), (0, 1)],
            output_links: vec![(0, 0), (1, 1), (1, 2), (5, 0)],
            outcome_links: vec![(0, 0), (1, 1), (2, 1)],
            undrawn: None,
        }
    }

    fn rects(d: &Drawing) -> Vec<(f32, f32, f32, f32)> {
        d.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wide_diagram_keeps_four_columns_165_wide_at_the_page_width() {
        let d = drawing(&toc(), Rgb(0, 0x33, 0x66)).expect("outcomes");
        assert_eq!(d.width, WIDTH as f32);
        let xs: Vec<f32> = rects(&d).iter().map(|r| r.0).collect();
        assert_eq!(xs, [0.0, 0.0, 185.0, 185.0, 370.0, 370.0, 370.0, 555.0, 555.0]);
        assert!(rects(&d).iter().all(|r| r.2 == 165.0));
    }

    #[test]
    fn narrow_diagram_is_bands_one_below_the_other_within_its_width() {
        let d = drawing_at(&toc(), Rgb(0, 0x33, 0x66), 288.0).expect("outcomes");
        assert_eq!(d.width, 288.0);
        let boxes = rects(&d);
        assert_eq!(boxes.len(), 9);
        for (x, _, w, _) in &boxes {
            assert_eq!((*x, *w), (GUTTER, 288.0 - GUTTER));
        }
        // One below the other, in order: inputs, outputs, outcomes, stakeholders.
        assert!(boxes.windows(2).all(|p| p[1].1 >= p[0].1 + p[0].3), "{boxes:?}");
        assert!(boxes.last().is_some_and(|b| b.1 + b.3 <= d.height));
        let mut titles = Vec::new();
        for shape in &d.shapes {
            if let Shape::Text { text, x, size, .. } = shape {
                assert!(*size >= 12.0, "{text} at {size}");
                assert!(x + crate::charts::text_width(text, *size) <= 288.0, "{text} overflows");
                if *size == 14.0 {
                    titles.push(text.as_str());
                }
            }
        }
        assert_eq!(titles, TITLES);
        // Every link that joins two boxes is an arc in the gutter; (5, 0) joins none.
        let arcs: Vec<[(f32, f32); 4]> = d
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Curve { points, .. } => Some(*points),
                _ => None,
            })
            .collect();
        assert_eq!(arcs.len(), 9);
        assert!(arcs.iter().all(|p| p.iter().all(|(x, _)| (0.0..=GUTTER).contains(x))), "{arcs:?}");
    }
}
