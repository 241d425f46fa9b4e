//! A chart as a list of simple shapes, in CSS pixels with y pointing down.
//!
//! plotters draws each chart through [`Recorder`], a drawing backend that
//! keeps the shapes instead of writing a format, so the PDF renderer can set
//! the very same chart as vector graphics; the theory-of-change diagram is
//! built as shapes directly and written as SVG by [`Drawing::to_svg`].

use std::fmt::Write as _;

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    text_anchor::{HPos, VPos},
};

use super::xml_escape;
use crate::colour::Rgb;

/// Where text sits relative to its point, horizontally.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    /// The point is the start of the text.
    Start,
    /// The point is the middle.
    Middle,
    /// The point is the end.
    End,
}

/// One shape of a drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A rectangle, filled and/or outlined, with rounded corners of `radius`.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Outline colour and width.
        stroke: Option<(Rgb, f32)>,
        /// Corner radius.
        radius: f32,
    },
    /// Connected line segments.
    Polyline {
        /// The points.
        points: Vec<(f32, f32)>,
        /// Colour.
        colour: Rgb,
        /// Width.
        width: f32,
    },
    /// A filled polygon.
    Polygon {
        /// The corners.
        points: Vec<(f32, f32)>,
        /// Fill colour.
        fill: Rgb,
    },
    /// A cubic Bézier curve, with an arrowhead at its end when `arrow` is set.
    Curve {
        /// Start, two control points, end.
        points: [(f32, f32); 4],
        /// Colour.
        colour: Rgb,
        /// Width.
        width: f32,
        /// Whether an arrowhead ends it.
        arrow: bool,
    },
    /// A line of text whose baseline passes through `y`.
    Text {
        /// What it says.
        text: String,
        /// Horizontal position, see `anchor`.
        x: f32,
        /// Baseline.
        y: f32,
        /// Font size in CSS pixels.
        size: f32,
        /// Bold face.
        bold: bool,
        /// Colour.
        colour: Rgb,
        /// Horizontal alignment.
        anchor: Anchor,
    },
}

/// A drawing: its size and its shapes, in painting order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drawing {
    /// Width in CSS pixels.
    pub width: f32,
    /// Height in CSS pixels.
    pub height: f32,
    /// The shapes, first painted first.
    pub shapes: Vec<Shape>,
    /// What it shows, in words: the PDF figure's alternative text (the
    /// chart's title and description, as the SVG's `<title>` and `<desc>`).
    pub alt: String,
}

fn hex(c: Rgb) -> String {
    c.hex()
}

impl Drawing {
    /// The drawing as an SVG element (not yet accessible: see [`super::accessible`]).
    pub fn to_svg(&self) -> String {
        let mut s = String::new();
        let _ = write!(s, "<svg viewBox=\"0 0 {:.0} {:.0}\">", self.width, self.height);
        if self.shapes.iter().any(|sh| matches!(sh, Shape::Curve { arrow: true, .. })) {
            s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#595959\"/></marker></defs>");
        }
        for shape in &self.shapes {
            match shape {
                Shape::Rect { x, y, w, h, fill, stroke, radius } => {
                    let fill = fill.map_or("none".to_owned(), hex);
                    let stroke = stroke.map_or(String::new(), |(c, w)| {
                        format!(" stroke=\"{}\" stroke-width=\"{w}\"", hex(c))
                    });
                    let _ = write!(
                        s,
                        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"{radius}\" fill=\"{fill}\"{stroke}/>"
                    );
                }
                Shape::Polyline { points, colour, width } => {
                    let points: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                    let _ = write!(
                        s,
                        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"/>",
                        points.join(" "),
                        hex(*colour)
                    );
                }
                Shape::Polygon { points, fill } => {
                    let points: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                    let _ = write!(s, "<polygon points=\"{}\" fill=\"{}\"/>", points.join(" "), hex(*fill));
                }
                Shape::Curve { points: [a, b, c, d], colour, width, arrow } => {
                    let marker = if *arrow { " marker-end=\"url(#arrow)\"" } else { "" };
                    let _ = write!(
                        s,
                        "<path d=\"M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"{marker}/>",
                        a.0,
                        a.1,
                        b.0,
                        b.1,
                        c.0,
                        c.1,
                        d.0,
                        d.1,
                        hex(*colour)
                    );
                }
                Shape::Text { text, x, y, size, bold, colour, anchor } => {
                    let anchor = match anchor {
                        Anchor::Start => "start",
                        Anchor::Middle => "middle",
                        Anchor::End => "end",
                    };
                    let weight = if *bold { " font-weight=\"bold\"" } else { "" };
                    let _ = write!(
                        s,
                        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-family=\"{}\" font-size=\"{size}\"{weight} text-anchor=\"{anchor}\" fill=\"{}\">{}</text>",
                        super::FAMILY,
                        hex(*colour),
                        xml_escape(text)
                    );
                }
            }
        }
        s.push_str("</svg>");
        s
    }
}

/// A plotters backend that records what is drawn as [`Shape`]s into a [`Drawing`].
pub struct Recorder<'a> {
    size: (u32, u32),
    drawing: &'a mut Drawing,
}

impl<'a> Recorder<'a> {
    /// Records into `drawing`, a canvas of `size` pixels.
    pub fn new(drawing: &'a mut Drawing, size: (u32, u32)) -> Self {
        drawing.width = size.0 as f32;
        drawing.height = size.1 as f32;
        Recorder { size, drawing }
    }
}

fn colour(c: BackendColor) -> Option<Rgb> {
    (c.alpha > 0.0).then_some(Rgb(c.rgb.0, c.rgb.1, c.rgb.2))
}

fn point(p: BackendCoord) -> (f32, f32) {
    (p.0 as f32, p.1 as f32)
}

impl DrawingBackend for Recorder<'_> {
    type ErrorType = std::fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if let Some(fill) = colour(c) {
            let (x, y) = point(p);
            self.drawing.shapes.push(Shape::Rect {
                x,
                y,
                w: 1.0,
                h: 1.0,
                fill: Some(fill),
                stroke: None,
                radius: 0.0,
            });
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if let Some(c) = colour(style.color()) {
            let width = style.stroke_width() as f32;
            self.drawing.shapes.push(Shape::Polyline {
                points: vec![point(from), point(to)],
                colour: c,
                width,
            });
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if let Some(c) = colour(style.color()) {
            let (x0, y0) = point(upper_left);
            let (x1, y1) = point(bottom_right);
            let (fill, stroke) =
                if fill { (Some(c), None) } else { (None, Some((c, style.stroke_width() as f32))) };
            self.drawing.shapes.push(Shape::Rect {
                x: x0.min(x1),
                y: y0.min(y1),
                w: (x1 - x0).abs(),
                h: (y1 - y0).abs(),
                fill,
                stroke,
                radius: 0.0,
            });
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if let Some(c) = colour(style.color()) {
            let points: Vec<(f32, f32)> = path.into_iter().map(point).collect();
            self.drawing.shapes.push(Shape::Polyline {
                points,
                colour: c,
                width: style.stroke_width() as f32,
            });
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if let Some(c) = colour(style.color()) {
            let points: Vec<(f32, f32)> = vertices.into_iter().map(point).collect();
            self.drawing.shapes.push(Shape::Polygon { points, fill: c });
        }
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let Some(c) = colour(style.color()) else { return Ok(()) };
        // Exactly as plotters' SVG backend sets text: font-size is size / 1.24,
        // and the vertical anchor is an offset from the baseline in em and ex.
        let size = (style.size() / 1.24) as f32;
        let (x, y) = point(pos);
        let dy = match style.anchor().v_pos {
            VPos::Top => 0.76 * size,
            VPos::Center => 0.27 * size,
            VPos::Bottom => -0.27 * size,
        };
        let anchor = match style.anchor().h_pos {
            HPos::Left => Anchor::Start,
            HPos::Center => Anchor::Middle,
            HPos::Right => Anchor::End,
        };
        let bold = matches!(style.style(), FontStyle::Bold);
        self.drawing.shapes.push(Shape::Text {
            text: text.to_owned(),
            x,
            y: y + dy,
            size,
            bold,
            colour: c,
            anchor,
        });
        Ok(())
    }
}
