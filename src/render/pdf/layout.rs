//! A small typesetter for A4 reports: styled text wrapped to the measure and
//! flowing across pages, tables that break between rows and repeat their
//! header, drawings set as vectors, and a running header and "Page x of N"
//! footer added once the page count is known.
//!
//! Positions are in points from the top-left corner of the page; they are
//! turned into PDF coordinates (from the bottom-left) only when emitted.

use printpdf::{
    Actions, Color, FontId, Line, LinePoint, LinkAnnotation, Op, PaintMode, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, Rect, TextItem, WindingOrder,
};

use crate::charts::drawing::{Anchor, Drawing, Shape};
use crate::charts::{Face, measure};
use crate::colour::Rgb;

/// A4 width in points.
pub const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub const PAGE_H: f32 = 841.89;
/// Left and right margin.
pub const MARGIN: f32 = 56.0;
/// Where the body starts on a page.
const TOP: f32 = 72.0;
/// Where the body must end.
const BOTTOM: f32 = PAGE_H - 64.0;
/// Tables shorter than this are never split across pages.
const SHORT_TABLE: f32 = 260.0;

/// Width of the text block.
pub const MEASURE: f32 = PAGE_W - 2.0 * MARGIN;

/// Text colour.
pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
/// Secondary text colour (7:1 on white).
pub const MUTED: Rgb = Rgb(0x4d, 0x4d, 0x4d);
/// Table rules.
pub const RULE: Rgb = Rgb(0xcc, 0xcc, 0xcc);
/// Panel background.
pub const PANEL: Rgb = Rgb(0xf2, 0xf2, 0xf2);

/// A run of text in one face and colour, perhaps a link.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its face.
    pub face: Face,
    /// Its colour.
    pub colour: Rgb,
    /// Where it links to.
    pub link: Option<String>,
}

impl Span {
    /// Plain text in `face`.
    pub fn new(text: impl Into<String>, face: Face) -> Span {
        Span { text: text.into(), face, colour: INK, link: None }
    }

    /// The same span in another colour.
    pub fn colour(mut self, colour: Rgb) -> Span {
        self.colour = colour;
        self
    }
}

/// A laid-out line: pieces with their x offsets.
type Pieces = Vec<(f32, Span)>;

/// Breaks `spans` into lines no wider than `width` at `size`. Words longer
/// than a line are broken between characters, so nothing overflows.
pub fn wrap(spans: &[Span], size: f32, width: f32) -> Vec<Pieces> {
    let mut lines: Vec<Pieces> = Vec::new();
    let mut line: Pieces = Vec::new();
    let mut x = 0.0;
    for span in spans {
        for (i, paragraph) in span.text.split('\n').enumerate() {
            if i > 0 {
                lines.push(std::mem::take(&mut line));
                x = 0.0;
            }
            for word in paragraph.split_inclusive(' ') {
                if x > 0.0 && x + measure(word.trim_end(), span.face, size) > width {
                    lines.push(std::mem::take(&mut line));
                    x = 0.0;
                }
                let word = if x == 0.0 { word.trim_start() } else { word };
                if word.is_empty() {
                    continue;
                }
                // An over-long word is broken between characters.
                let mut chunk = String::new();
                for c in word.chars() {
                    if !chunk.is_empty()
                        && x + measure(format!("{chunk}{c}").trim_end(), span.face, size) > width
                    {
                        line.push((x, Span { text: std::mem::take(&mut chunk), ..span.clone() }));
                        lines.push(std::mem::take(&mut line));
                        x = 0.0;
                    }
                    chunk.push(c);
                }
                let advance = measure(&chunk, span.face, size);
                line.push((x, Span { text: chunk, ..span.clone() }));
                x += advance;
            }
        }
    }
    lines.push(line);
    lines
}

/// How a table column aligns its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    /// Left.
    Left,
    /// Right, for numbers.
    Right,
}

/// A table to set.
#[derive(Debug, Clone)]
pub struct Table {
    /// The caption above it.
    pub caption: String,
    /// (header, share of the width, alignment) of each column.
    pub columns: Vec<(String, f32, Align)>,
    /// The rows; each cell is rich text.
    pub rows: Vec<Vec<Vec<Span>>>,
    /// A totals row, set in bold after a rule.
    pub footer: Option<Vec<Vec<Span>>>,
    /// Text size.
    pub size: f32,
}

/// The pages being set.
pub struct Layout {
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Distance of the next line from the top of the page.
    pub y: f32,
    fonts: [FontId; 3],
    /// The accent colour, for rules, figures and links.
    pub accent: Rgb,
    /// Characters the embedded font cannot show, in order of first use.
    pub missing: Vec<char>,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn pt(x: f32, y_from_top: f32) -> Point {
    Point { x: Pt(x), y: Pt(PAGE_H - y_from_top) }
}

impl Layout {
    /// An empty first page, with `fonts` holding the ids of the three faces.
    pub fn new(fonts: [FontId; 3], accent: Rgb) -> Layout {
        Layout { pages: Vec::new(), ops: Vec::new(), y: TOP - 24.0, fonts, accent, missing: Vec::new() }
    }

    /// Space left on this page.
    pub fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = TOP;
    }

    /// Moves to a new page unless `height` still fits.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    /// Vertical space.
    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// One piece of text with its baseline at `baseline`.
    pub fn text(&mut self, x: f32, baseline: f32, span: &Span, size: f32) {
        if span.text.trim().is_empty() {
            return;
        }
        for c in span.text.chars().filter(|c| !crate::charts::has_glyph(span.face, *c)) {
            if !self.missing.contains(&c) {
                self.missing.push(c);
            }
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(self.fonts[span.face.index()].clone()),
                size: Pt(size),
            },
            Op::SetFillColor { col: color(span.colour) },
            Op::SetTextCursor { pos: pt(x, baseline) },
            Op::ShowText { items: vec![TextItem::Text(span.text.clone())] },
            Op::EndTextSection,
        ]);
        if let Some(url) = &span.link {
            let width = measure(&span.text, span.face, size);
            let rect = Rect {
                x: Pt(x),
                y: Pt(PAGE_H - baseline - size * 0.25),
                width: Pt(width),
                height: Pt(size * 1.1),
                mode: None,
                winding_order: None,
            };
            let annotation = LinkAnnotation::new(
                rect,
                Actions::Uri(url.clone()),
                Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
                Some(printpdf::ColorArray::Transparent),
                Some(printpdf::HighlightingMode::None),
            );
            self.ops.push(Op::LinkAnnotation { link: annotation });
        }
    }

    /// A filled rectangle, top-left at (`x`, `y`).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        self.ops.push(Op::SetFillColor { col: color(fill) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_H - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), colour: Rgb, width: f32) {
        self.ops.extend([
            Op::SetOutlineColor { col: color(colour) },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint { p: pt(from.0, from.1), bezier: false },
                        LinePoint { p: pt(to.0, to.1), bezier: false },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// Sets wrapped lines at `x`, `width` wide, flowing onto new pages as needed.
    pub fn paragraph(&mut self, spans: &[Span], size: f32, leading: f32, x: f32, width: f32) {
        for line in wrap(spans, size, width) {
            self.ensure(leading);
            let baseline = self.y + size;
            for (dx, span) in &line {
                self.text(x + dx, baseline, span, size);
            }
            self.y += leading;
        }
    }

    /// The height `spans` take when wrapped.
    pub fn height(spans: &[Span], size: f32, leading: f32, width: f32) -> f32 {
        wrap(spans, size, width).len() as f32 * leading
    }

    /// The height of a [`Layout::heading`].
    pub const HEADING: f32 = 45.0;

    /// A section heading with the accent rule above it, kept with what follows.
    pub fn heading(&mut self, text: &str) {
        self.ensure(90.0);
        self.space(10.0);
        let accent = self.accent;
        self.rect(MARGIN, self.y, MEASURE, 2.0, accent);
        self.space(8.0);
        self.paragraph(&[Span::new(text, Face::Bold)], 14.0, 19.0, MARGIN, MEASURE);
        self.space(4.0);
    }

    /// A smaller heading.
    pub fn subheading(&mut self, text: &str) {
        self.ensure(50.0);
        self.space(4.0);
        self.paragraph(&[Span::new(text, Face::Bold)], 10.0, 14.0, MARGIN, MEASURE);
    }

    fn cell_width(table: &Table, i: usize) -> f32 {
        let total: f32 = table.columns.iter().map(|c| c.1).sum();
        MEASURE * table.columns[i].1 / total
    }

    fn row_lines(table: &Table, row: &[Vec<Span>], bold: bool) -> Vec<Vec<Pieces>> {
        row.iter()
            .enumerate()
            .map(|(i, cell)| {
                let spans: Vec<Span> = if bold {
                    cell.iter().map(|s| Span { face: Face::Bold, ..s.clone() }).collect()
                } else {
                    cell.clone()
                };
                wrap(&spans, table.size, Self::cell_width(table, i) - 6.0)
            })
            .collect()
    }

    fn set_row(&mut self, table: &Table, lines: &[Vec<Pieces>], leading: f32) {
        let mut x = MARGIN;
        for (i, cell) in lines.iter().enumerate() {
            let width = Self::cell_width(table, i);
            for (l, line) in cell.iter().enumerate() {
                let line_width = line.last().map_or(0.0, |(dx, s)| dx + measure(&s.text, s.face, table.size));
                let left = match table.columns[i].2 {
                    Align::Left => x + 3.0,
                    Align::Right => x + width - 3.0 - line_width,
                };
                let baseline = self.y + 3.0 + table.size + l as f32 * leading;
                for (dx, span) in line {
                    self.text(left + dx, baseline, span, table.size);
                }
            }
            x += width;
        }
    }

    fn header(&mut self, table: &Table, continued: bool) {
        let leading = table.size * 1.35;
        let caption =
            if continued { format!("{} (continued)", table.caption) } else { table.caption.clone() };
        self.paragraph(&[Span::new(caption, Face::Bold)], 9.0, 13.0, MARGIN, MEASURE);
        self.space(2.0);
        let headers: Vec<Vec<Span>> =
            table.columns.iter().map(|c| vec![Span::new(c.0.clone(), Face::Bold)]).collect();
        let lines = Self::row_lines(table, &headers, true);
        let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 6.0;
        self.set_row(table, &lines, leading);
        self.y += height;
        self.line((MARGIN, self.y), (MARGIN + MEASURE, self.y), INK, 1.0);
    }

    /// A table: its caption and header stay with the first row, rows never
    /// split, and on every new page the caption and header are repeated.
    pub fn table(&mut self, table: &Table) {
        let leading = table.size * 1.35;
        self.ensure(Self::table_start(table));
        self.header(table, false);
        for row in &table.rows {
            let height = Self::row_height(table, row, leading);
            if self.y + height > BOTTOM {
                self.new_page();
                self.header(table, true);
            }
            let lines = Self::row_lines(table, row, false);
            self.set_row(table, &lines, leading);
            self.y += height;
            self.line((MARGIN, self.y), (MARGIN + MEASURE, self.y), RULE, 0.5);
        }
        if let Some(footer) = &table.footer {
            let height = Self::row_height(table, footer, leading);
            self.ensure(height);
            self.line((MARGIN, self.y), (MARGIN + MEASURE, self.y), INK, 1.0);
            let lines = Self::row_lines(table, footer, true);
            self.set_row(table, &lines, leading);
            self.y += height;
        }
        self.space(10.0);
    }

    /// The room a table needs on the page it starts on: all of a short
    /// table, which is kept whole; the caption, header and first row of a long one.
    pub fn table_start(table: &Table) -> f32 {
        let leading = table.size * 1.35;
        let first = table.rows.first().map_or(0.0, |r| Self::row_height(table, r, leading));
        let rows: f32 =
            table.rows.iter().chain(&table.footer).map(|r| Self::row_height(table, r, leading)).sum();
        let whole = 40.0 + rows;
        if whole <= SHORT_TABLE { whole } else { 40.0 + first }
    }

    /// A section heading kept on the same page as the start of `table`, then the table.
    pub fn heading_and_table(&mut self, heading: &str, table: &Table) {
        self.ensure(Self::HEADING + Self::table_start(table));
        self.heading(heading);
        self.table(table);
    }

    fn row_height(table: &Table, row: &[Vec<Span>], leading: f32) -> f32 {
        Self::row_lines(table, row, false).iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 6.0
    }

    /// An image already in the document's resources as `id`, `pixels` in
    /// size, set `width` by `height` points with its top left at `x`, `y` from the top.
    pub fn image(
        &mut self,
        id: &printpdf::XObjectId,
        pixels: (usize, usize),
        (x, y): (f32, f32),
        (width, height): (f32, f32),
    ) {
        self.ops.push(Op::UseXobject {
            id: id.clone(),
            transform: printpdf::XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(PAGE_H - y - height)),
                // At 72 dpi a pixel is a point; the scale makes it the size asked for.
                dpi: Some(72.0),
                scale_x: Some(width / pixels.0.max(1) as f32),
                scale_y: Some(height / pixels.1.max(1) as f32),
                ..Default::default()
            },
        });
    }

    /// A drawing, scaled to `width` points, kept whole on one page.
    pub fn drawing(&mut self, drawing: &Drawing, width: f32) {
        let scale = width / drawing.width.max(1.0);
        let height = drawing.height * scale;
        self.ensure(height);
        let (left, top) = (MARGIN + (MEASURE - width) / 2.0, self.y);
        let at = |(x, y): (f32, f32)| pt(left + x * scale, top + y * scale);
        for shape in &drawing.shapes {
            match shape {
                Shape::Rect { x, y, w, h, fill, stroke, .. } => {
                    let (x0, y0) = (left + x * scale, top + (y + h) * scale);
                    let rect = |mode| Rect {
                        x: Pt(x0),
                        y: Pt(PAGE_H - y0),
                        width: Pt(w * scale),
                        height: Pt(h * scale),
                        mode: Some(mode),
                        winding_order: None,
                    };
                    if let Some(fill) = fill {
                        self.ops.push(Op::SetFillColor { col: color(*fill) });
                        self.ops.push(Op::DrawRectangle { rectangle: rect(PaintMode::Fill) });
                    }
                    if let Some((colour, w)) = stroke {
                        self.ops.push(Op::SetOutlineColor { col: color(*colour) });
                        self.ops.push(Op::SetOutlineThickness { pt: Pt(w * scale) });
                        self.ops.push(Op::DrawRectangle { rectangle: rect(PaintMode::Stroke) });
                    }
                }
                Shape::Polyline { points, colour, width } => {
                    self.ops.push(Op::SetOutlineColor { col: color(*colour) });
                    self.ops.push(Op::SetOutlineThickness { pt: Pt(width * scale) });
                    let points = points.iter().map(|p| LinePoint { p: at(*p), bezier: false }).collect();
                    self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
                }
                Shape::Polygon { points, fill } => {
                    self.ops.push(Op::SetFillColor { col: color(*fill) });
                    let ring = PolygonRing {
                        points: points.iter().map(|p| LinePoint { p: at(*p), bezier: false }).collect(),
                    };
                    self.ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![ring],
                            mode: PaintMode::Fill,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                }
                Shape::Curve { points: [a, b, c, d], colour, width, arrow } => {
                    self.ops.push(Op::SetOutlineColor { col: color(*colour) });
                    self.ops.push(Op::SetOutlineThickness { pt: Pt(width * scale) });
                    let points = vec![
                        LinePoint { p: at(*a), bezier: false },
                        LinePoint { p: at(*b), bezier: true },
                        LinePoint { p: at(*c), bezier: true },
                        LinePoint { p: at(*d), bezier: false },
                    ];
                    self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
                    if *arrow {
                        // An arrowhead along the curve's last tangent.
                        let (dx, dy) = (d.0 - c.0, d.1 - c.1);
                        let length = (dx * dx + dy * dy).sqrt().max(0.001);
                        let (ux, uy) = (dx / length * 7.0, dy / length * 7.0);
                        let head = [
                            *d,
                            (d.0 - ux - uy * 0.5, d.1 - uy + ux * 0.5),
                            (d.0 - ux + uy * 0.5, d.1 - uy - ux * 0.5),
                        ];
                        self.ops.push(Op::SetFillColor { col: color(*colour) });
                        let ring = PolygonRing {
                            points: head.iter().map(|p| LinePoint { p: at(*p), bezier: false }).collect(),
                        };
                        self.ops.push(Op::DrawPolygon {
                            polygon: Polygon {
                                rings: vec![ring],
                                mode: PaintMode::Fill,
                                winding_order: WindingOrder::NonZero,
                            },
                        });
                    }
                }
                Shape::Text { text, x, y, size, bold, colour, anchor } => {
                    let face = if *bold { Face::Bold } else { Face::Regular };
                    let size = size * scale;
                    let width = measure(text, face, size);
                    let x = left + x * scale
                        - match anchor {
                            Anchor::Start => 0.0,
                            Anchor::Middle => width / 2.0,
                            Anchor::End => width,
                        };
                    self.text(x, top + y * scale, &Span::new(text.clone(), face).colour(*colour), size);
                }
            }
        }
        self.y += height;
    }

    /// The finished pages, each with a running header (after the first page)
    /// and a "Page x of N" footer.
    pub fn finish(mut self, header: &str, footer: &str) -> Vec<Vec<Op>> {
        self.pages.push(std::mem::take(&mut self.ops));
        let total = self.pages.len();
        let mut pages = std::mem::take(&mut self.pages);
        for (i, ops) in pages.iter_mut().enumerate() {
            let mut extra = Layout {
                pages: Vec::new(),
                ops: Vec::new(),
                y: 0.0,
                fonts: self.fonts.clone(),
                accent: self.accent,
                missing: Vec::new(),
            };
            if i > 0 {
                let title = crate::charts::truncate_with(header, Face::Regular, 8.0, MEASURE);
                extra.text(MARGIN, 38.0, &Span::new(title, Face::Regular).colour(MUTED), 8.0);
                extra.line((MARGIN, 46.0), (MARGIN + MEASURE, 46.0), RULE, 0.5);
            }
            let page = format!("Page {} of {total}", i + 1);
            let width = measure(&page, Face::Regular, 8.0);
            extra.line((MARGIN, PAGE_H - 44.0), (MARGIN + MEASURE, PAGE_H - 44.0), RULE, 0.5);
            let left = crate::charts::truncate_with(footer, Face::Regular, 8.0, MEASURE - width - 20.0);
            extra.text(MARGIN, PAGE_H - 32.0, &Span::new(left, Face::Regular).colour(MUTED), 8.0);
            extra.text(
                MARGIN + MEASURE - width,
                PAGE_H - 32.0,
                &Span::new(page, Face::Regular).colour(MUTED),
                8.0,
            );
            ops.extend(extra.ops);
        }
        pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_never_exceed_the_measure() {
        let long = "word ".repeat(60) + &"x".repeat(300);
        let lines = wrap(&[Span::new(long, Face::Regular)], 10.0, 200.0);
        assert!(lines.len() > 5);
        for line in &lines {
            let end = line.last().map_or(0.0, |(dx, s)| dx + measure(s.text.trim_end(), s.face, 10.0));
            assert!(end <= 200.0 + 0.01, "line ends at {end}");
        }
    }

    #[test]
    fn spans_keep_their_faces_across_a_break() {
        let spans = [Span::new("plain text then ", Face::Regular), Span::new("bold words here", Face::Bold)];
        let lines = wrap(&spans, 10.0, 60.0);
        let faces: Vec<Face> = lines.iter().flatten().map(|(_, s)| s.face).collect();
        assert!(faces.contains(&Face::Bold) && faces.contains(&Face::Regular));
    }
}
