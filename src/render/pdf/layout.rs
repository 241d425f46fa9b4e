//! A small typesetter for A4 reports: styled text wrapped to the measure and
//! flowing across pages, tables that break between rows and repeat their
//! header, drawings set as vectors, and a running header and "Page x of N"
//! footer added once the page count is known.
//!
//! As it sets the pages it builds the document's structure (SPEC §9): every
//! piece of text or drawing belongs to a node of the structure tree
//! (headings, paragraphs, lists, tables with header cells, figures with
//! their alternative text, links) or is marked as an artifact (running
//! headers and footers, rules, panels, repeated table headers). The pages
//! and the tree are written out by [`super::write`].
//!
//! Positions are in points from the top-left corner of the page.

use crate::charts::drawing::{Anchor, Drawing, Shape};
use crate::charts::{Face, measure};
use crate::colour::Rgb;

/// A4 width in points.
pub const PAGE_W: f32 = 595.276;
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

/// What a node of the structure tree is (PDF 1.7 §14.8.4's standard types).
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// The document's root.
    Document,
    /// A heading of level 1 to 3 and its text (the bookmark's title).
    Heading(u16, String),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item, with a label and a body.
    LI,
    /// A list item's marker.
    Lbl,
    /// A list item's text.
    LBody,
    /// A table.
    Table,
    /// A table's caption.
    Caption,
    /// A table row.
    TR,
    /// A column header cell.
    TH,
    /// A data cell.
    TD,
    /// A figure and its alternative text.
    Figure(String),
    /// A link: its text and its annotation.
    Link,
}

impl Role {
    /// Whether text set directly inside it needs no paragraph of its own.
    fn holds_text(&self) -> bool {
        !matches!(self, Role::Document | Role::L | Role::LI | Role::Table | Role::TR)
    }
}

/// A child of a structure node, in reading order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Child {
    /// Another node (an index into [`Layout::nodes`]).
    Node(usize),
    /// A run of marked content (its sequence number).
    Content(usize),
    /// A link annotation (its index into [`Layout::links`]).
    Annotation(usize),
}

/// A node of the structure tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// Its children, in reading order.
    pub children: Vec<Child>,
}

/// Why a piece of content is not part of the document's structure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Artifact {
    /// The running header.
    Header,
    /// The running footer.
    Footer,
    /// The page number.
    PageNumber,
    /// Rules, panels and accent bars.
    Layout,
    /// A table's caption and header repeated on a new page.
    Pagination,
}

/// How a piece of content is marked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// Part of the run of marked content with this sequence number.
    Content(usize),
    /// An artifact.
    Artifact(Artifact),
}

/// One segment of a path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    /// Start a subpath here.
    Move(f32, f32),
    /// A straight line to here.
    Line(f32, f32),
    /// A cubic Bézier curve through two control points to the third.
    Cubic(f32, f32, f32, f32, f32, f32),
    /// Close the subpath.
    Close,
}

/// What is painted.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    /// A line of text with its baseline at `baseline`.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline, from the top.
        baseline: f32,
        /// The text.
        text: String,
        /// Face.
        face: Face,
        /// Size in points.
        size: f32,
        /// Colour.
        colour: Rgb,
    },
    /// A filled path.
    Fill(Vec<Segment>, Rgb),
    /// A stroked path: colour and line width.
    Stroke(Vec<Segment>, Rgb, f32),
    /// The document's image (its logo) in this box: x, y, width, height.
    Image(f32, f32, f32, f32),
}

/// A link annotation: the page it is on, its box (x, y, width, height from
/// the top left) and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The page's index.
    pub page: usize,
    /// x, y, width, height, in points from the top left.
    pub rect: (f32, f32, f32, f32),
    /// The address.
    pub url: String,
}

/// A bookmark: the heading's level, text, page and position.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// 2 for a section, 3 for a part of one.
    pub level: u16,
    /// The heading's text.
    pub title: String,
    /// The page's index.
    pub page: usize,
    /// Distance from the top of the page.
    pub y: f32,
}

/// The pages being set, and the structure of what is on them.
pub struct Layout {
    pages: Vec<Vec<(Mark, Paint)>>,
    ops: Vec<(Mark, Paint)>,
    /// Distance of the next line from the top of the page.
    pub y: f32,
    /// The accent colour, for rules, figures and links.
    pub accent: Rgb,
    /// Characters the embedded font cannot show, in order of first use.
    pub missing: Vec<char>,
    /// The structure tree; node 0 is the document.
    pub nodes: Vec<Node>,
    /// The open nodes, innermost last.
    open: Vec<usize>,
    /// The run of marked content being added to: its node, sequence number,
    /// and whether it holds text (runs hold text or graphics, not both).
    run: Option<(usize, usize, bool)>,
    /// How many runs of marked content there are.
    pub runs: usize,
    /// While set, everything painted is this kind of artifact.
    artifact: Option<Artifact>,
    /// The lists that [`Layout::item`] opened and the next call closes:
    /// each level's L node and its open LI.
    lists: Vec<(usize, Option<usize>)>,
    /// The link annotations.
    pub links: Vec<Link>,
    /// The bookmarks, one for each heading.
    pub bookmarks: Vec<Bookmark>,
    /// A heading just set, with nothing after it yet: where its painting
    /// starts in `ops`, the `y` it started at, and whether it is still being
    /// set. A page break now takes it to the new page, so no heading is
    /// left alone at the foot of a page.
    kept: Option<(usize, f32, bool)>,
}

impl Paint {
    /// The same painting `dy` points lower.
    fn shifted(mut self, dy: f32) -> Paint {
        let shift = |s: &mut Segment| match s {
            Segment::Move(_, y) | Segment::Line(_, y) => *y += dy,
            Segment::Cubic(_, y1, _, y2, _, y) => {
                *y1 += dy;
                *y2 += dy;
                *y += dy;
            }
            Segment::Close => {}
        };
        match &mut self {
            Paint::Text { baseline, .. } => *baseline += dy,
            Paint::Fill(path, _) | Paint::Stroke(path, _, _) => path.iter_mut().for_each(shift),
            Paint::Image(_, y, _, _) => *y += dy,
        }
        self
    }
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Vec<Segment> {
    vec![
        Segment::Move(x, y),
        Segment::Line(x + w, y),
        Segment::Line(x + w, y + h),
        Segment::Line(x, y + h),
        Segment::Close,
    ]
}

/// The finished pages and their structure.
pub struct Pages {
    /// What each page paints, in order, and how each piece is marked.
    pub pages: Vec<Vec<(Mark, Paint)>>,
    /// The structure tree; node 0 is the document.
    pub nodes: Vec<Node>,
    /// How many runs of marked content there are.
    pub runs: usize,
    /// The link annotations.
    pub links: Vec<Link>,
    /// The bookmarks.
    pub bookmarks: Vec<Bookmark>,
    /// Characters the embedded font cannot show.
    pub missing: Vec<char>,
}

impl Layout {
    /// An empty first page.
    pub fn new(accent: Rgb) -> Layout {
        Layout {
            pages: Vec::new(),
            ops: Vec::new(),
            y: TOP - 24.0,
            accent,
            missing: Vec::new(),
            nodes: vec![Node { role: Role::Document, children: Vec::new() }],
            open: Vec::new(),
            run: None,
            runs: 0,
            artifact: None,
            lists: Vec::new(),
            links: Vec::new(),
            bookmarks: Vec::new(),
            kept: None,
        }
    }

    /// Space left on this page.
    pub fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    /// Starts a new page; a heading with nothing after it yet moves with it.
    pub fn new_page(&mut self) {
        let before = self.y;
        let kept = self.kept.take().filter(|&(_, start, _)| start > TOP);
        let moved = kept.map(|(at, _, _)| self.ops.split_off(at));
        self.pages.push(std::mem::take(&mut self.ops));
        self.run = None;
        self.y = TOP;
        if let (Some((_, start, setting)), Some(moved)) = (kept, moved) {
            let dy = TOP - start;
            self.ops = moved.into_iter().map(|(mark, paint)| (mark, paint.shifted(dy))).collect();
            if let Some(b) = self.bookmarks.last_mut() {
                b.page = self.pages.len();
                b.y += dy;
            }
            self.y = before + dy;
            self.kept = Some((0, TOP, setting));
        }
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

    fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    /// Opens a structure node inside the current one; what is set until
    /// the matching [`Layout::close`] belongs to it.
    pub fn open(&mut self, role: Role) {
        let index = self.nodes.len();
        let parent = self.current();
        self.nodes.push(Node { role, children: Vec::new() });
        self.nodes[parent].children.push(Child::Node(index));
        self.open.push(index);
        self.run = None;
    }

    /// Closes the innermost open node (closing first any list that
    /// [`Layout::item`] left open inside it).
    pub fn close(&mut self) {
        self.end_lists_inside(self.open.len().saturating_sub(1));
        self.open.pop();
        self.run = None;
    }

    /// Closes `node` and every node opened inside it, if it is open.
    fn close_through(&mut self, node: usize) {
        if let Some(at) = self.open.iter().rposition(|&n| n == node) {
            self.open.truncate(at);
            self.run = None;
        }
    }

    /// Closes the lists [`Layout::item`] left open, down to those opened at
    /// a depth of the open-node stack below `depth`.
    fn end_lists_inside(&mut self, depth: usize) {
        while let Some(&(list, _)) = self.lists.last() {
            let Some(at) = self.open.iter().rposition(|&n| n == list) else {
                self.lists.pop();
                continue;
            };
            if at < depth {
                break;
            }
            self.open.truncate(at);
            self.lists.pop();
            self.run = None;
        }
    }

    /// Ends the lists [`Layout::item`] left open: everything but another
    /// item starts with this.
    fn end_lists(&mut self) {
        if let Some(&(list, _)) = self.lists.first() {
            self.close_through(list);
            self.lists.clear();
        }
    }

    /// Sets what `f` paints as an artifact of `kind`.
    pub fn artifact(&mut self, kind: Artifact, f: impl FnOnce(&mut Layout)) {
        let before = self.artifact.replace(kind);
        f(self);
        self.artifact = before;
    }

    /// Adds one piece of painting to the page, marked as the current
    /// node's content (a new run when the node, the page or the kind of
    /// content changed) or as the artifact being set.
    fn paint(&mut self, paint: Paint) {
        if matches!(self.kept, Some((_, _, false))) {
            self.kept = None;
        }
        let mark = match self.artifact {
            Some(kind) => Mark::Artifact(kind),
            None => {
                let node = self.current();
                let text = matches!(paint, Paint::Text { .. });
                match self.run {
                    Some((n, run, t)) if n == node && t == text => Mark::Content(run),
                    _ => {
                        let run = self.runs;
                        self.runs += 1;
                        self.nodes[node].children.push(Child::Content(run));
                        self.run = Some((node, run, text));
                        Mark::Content(run)
                    }
                }
            }
        };
        self.ops.push((mark, paint));
    }

    /// One piece of text with its baseline at `baseline`; a link becomes a
    /// Link node holding the text and its annotation.
    pub fn text(&mut self, x: f32, baseline: f32, span: &Span, size: f32) {
        if span.text.trim().is_empty() {
            return;
        }
        for c in span.text.chars().filter(|c| !crate::charts::has_glyph(span.face, *c)) {
            if !self.missing.contains(&c) {
                self.missing.push(c);
            }
        }
        let link = span.link.as_ref().filter(|_| self.artifact.is_none());
        if link.is_some() {
            self.open(Role::Link);
        }
        self.paint(Paint::Text {
            x,
            baseline,
            text: span.text.clone(),
            face: span.face,
            size,
            colour: span.colour,
        });
        if let Some(url) = link {
            let width = measure(&span.text, span.face, size);
            let index = self.links.len();
            self.links.push(Link {
                page: self.pages.len(),
                rect: (x, baseline - size * 0.85, width, size * 1.1),
                url: url.clone(),
            });
            let node = self.current();
            self.nodes[node].children.push(Child::Annotation(index));
            self.close();
        }
    }

    /// Paints decoration: a layout artifact, or part of the artifact being set.
    fn decoration(&mut self, paint: Paint) {
        let kind = self.artifact.unwrap_or(Artifact::Layout);
        self.artifact(kind, |l| l.paint(paint));
    }

    /// A filled rectangle, top-left at (`x`, `y`): decoration, so an artifact.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        self.decoration(Paint::Fill(rect_path(x, y, w, h), fill));
    }

    /// A straight rule: decoration, so an artifact.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), colour: Rgb, width: f32) {
        self.decoration(Paint::Stroke(
            vec![Segment::Move(from.0, from.1), Segment::Line(to.0, to.1)],
            colour,
            width,
        ));
    }

    /// Sets wrapped lines at `x`, `width` wide, flowing onto new pages as
    /// needed: a paragraph of its own, unless the current node holds text
    /// (a heading, a cell, a list item's body…).
    pub fn paragraph(&mut self, spans: &[Span], size: f32, leading: f32, x: f32, width: f32) {
        self.end_lists();
        self.lines(spans, size, leading, x, width);
    }

    fn lines(&mut self, spans: &[Span], size: f32, leading: f32, x: f32, width: f32) {
        let own = self.artifact.is_none() && !self.nodes[self.current()].role.holds_text();
        if own {
            self.open(Role::P);
        }
        for line in wrap(spans, size, width) {
            self.ensure(leading);
            let baseline = self.y + size;
            for (dx, span) in &line {
                self.text(x + dx, baseline, span, size);
            }
            self.y += leading;
        }
        if own {
            self.close();
        }
    }

    /// The height `spans` take when wrapped.
    pub fn height(spans: &[Span], size: f32, leading: f32, width: f32) -> f32 {
        wrap(spans, size, width).len() as f32 * leading
    }

    /// The height of a [`Layout::heading`].
    pub const HEADING: f32 = 45.0;

    /// The room a heading keeps with it: a heading is never the last thing
    /// on a page.
    const KEEP_WITH_HEADING: f32 = 90.0;

    /// A heading of `level` (1 for the title, 2 for a section, 3 for a
    /// part of one) set in `spans`, with a bookmark for levels 2 and 3.
    pub fn heading_spans(&mut self, level: u16, text: &str, spans: &[Span], size: f32, leading: f32) {
        self.end_lists();
        if level > 1 {
            self.bookmarks.push(Bookmark {
                level,
                title: text.to_owned(),
                page: self.pages.len(),
                y: self.y,
            });
        }
        if self.kept.is_none() {
            self.kept = Some((self.ops.len(), self.y, true));
        }
        self.open(Role::Heading(level, text.to_owned()));
        self.lines(spans, size, leading, MARGIN, MEASURE);
        self.close();
        if let Some(kept) = self.kept.as_mut() {
            kept.2 = false;
        }
    }

    /// The document's title (its one level-1 heading).
    pub fn title(&mut self, text: &str) {
        self.end_lists();
        self.heading_spans(1, text, &[Span::new(text, Face::Bold)], 22.0, 27.0);
    }

    /// A section heading with the accent rule above it, kept with what follows.
    pub fn heading(&mut self, text: &str) {
        self.end_lists();
        self.ensure(Self::KEEP_WITH_HEADING);
        self.kept = Some((self.ops.len(), self.y, true));
        self.space(10.0);
        let accent = self.accent;
        self.rect(MARGIN, self.y, MEASURE, 2.0, accent);
        self.space(8.0);
        self.heading_spans(2, text, &[Span::new(text, Face::Bold)], 14.0, 19.0);
        self.space(4.0);
    }

    /// A smaller heading, kept with what follows.
    pub fn subheading(&mut self, text: &str) {
        self.end_lists();
        self.ensure(50.0);
        self.kept = Some((self.ops.len(), self.y, true));
        self.space(4.0);
        self.heading_spans(3, text, &[Span::new(text, Face::Bold)], 10.0, 14.0);
    }

    /// A list item at nesting `depth` (1 for the outermost): its `marker`
    /// in the margin, its text wrapped beside it, at `size` with `leading`.
    /// Consecutive items make one list (a deeper item a list inside the
    /// item before it); anything else set afterwards ends the list.
    pub fn item(&mut self, marker: &str, spans: &[Span], depth: usize, size: f32, leading: f32) {
        let depth = depth.max(1);
        // Close deeper lists, then the open item of this depth.
        while self.lists.len() > depth {
            if let Some((list, _)) = self.lists.pop() {
                self.close_through(list);
            }
        }
        if let Some((_, Some(li))) = self.lists.last().copied()
            && self.lists.len() == depth
        {
            self.close_through(li);
            if let Some(last) = self.lists.last_mut() {
                last.1 = None;
            }
        }
        while self.lists.len() < depth {
            self.open(Role::L);
            let list = self.current();
            self.lists.push((list, None));
        }
        self.open(Role::LI);
        let li = self.current();
        if let Some(last) = self.lists.last_mut() {
            last.1 = Some(li);
        }
        self.run = None;
        let indent = 14.0 * depth as f32;
        self.ensure(leading);
        let top = self.y;
        self.open(Role::Lbl);
        self.lines(&[Span::new(marker, Face::Regular)], size, leading, MARGIN + indent - 10.0, 14.0);
        self.open.pop();
        self.y = top;
        self.open(Role::LBody);
        self.lines(spans, size, leading, MARGIN + indent + 6.0, MEASURE - indent - 6.0);
        self.open.pop();
        self.run = None;
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

    /// Sets one row: a TR of `cell` nodes (TH or TD), or, while an artifact
    /// is being set, just the text.
    fn set_row(&mut self, table: &Table, lines: &[Vec<Pieces>], leading: f32, cell: &Role) {
        let tagged = self.artifact.is_none();
        if tagged {
            self.open(Role::TR);
        }
        let mut x = MARGIN;
        for (i, lines) in lines.iter().enumerate() {
            let width = Self::cell_width(table, i);
            if tagged {
                self.open(cell.clone());
                // An empty cell still holds a space, so that it is in the
                // structure (an empty group is dropped, and every later cell
                // of the row would shift one column to the left).
                if lines.iter().all(|line| line.iter().all(|(_, s)| s.text.trim().is_empty())) {
                    self.paint(Paint::Text {
                        x: x + 3.0,
                        baseline: self.y + 3.0 + table.size,
                        text: " ".to_owned(),
                        face: Face::Regular,
                        size: table.size,
                        colour: INK,
                    });
                }
            }
            for (l, line) in lines.iter().enumerate() {
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
            if tagged {
                self.close();
            }
            x += width;
        }
        if tagged {
            self.close();
        }
    }

    /// The caption and header row; on a page after the first, a repeat
    /// that is an artifact.
    fn header(&mut self, table: &Table, continued: bool) {
        if continued {
            self.artifact(Artifact::Pagination, |l| l.header_rows(table, true));
        } else {
            self.header_rows(table, false);
        }
    }

    fn header_rows(&mut self, table: &Table, continued: bool) {
        let leading = table.size * 1.35;
        let caption =
            if continued { format!("{} (continued)", table.caption) } else { table.caption.clone() };
        let tagged = self.artifact.is_none();
        if tagged {
            self.open(Role::Caption);
        }
        self.lines(&[Span::new(caption, Face::Bold)], 9.0, 13.0, MARGIN, MEASURE);
        if tagged {
            self.close();
        }
        self.space(2.0);
        let headers: Vec<Vec<Span>> =
            table.columns.iter().map(|c| vec![Span::new(c.0.clone(), Face::Bold)]).collect();
        let lines = Self::row_lines(table, &headers, true);
        let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 6.0;
        self.set_row(table, &lines, leading, &Role::TH);
        self.y += height;
        self.line((MARGIN, self.y), (MARGIN + MEASURE, self.y), INK, 1.0);
    }

    /// A table: its caption and header stay with the first row, rows never
    /// split, and on every new page the caption and header are repeated.
    pub fn table(&mut self, table: &Table) {
        self.end_lists();
        let leading = table.size * 1.35;
        self.ensure(Self::table_start(table));
        self.open(Role::Table);
        self.header(table, false);
        for row in &table.rows {
            let height = Self::row_height(table, row, leading);
            if self.y + height > BOTTOM {
                self.new_page();
                self.header(table, true);
            }
            let lines = Self::row_lines(table, row, false);
            self.set_row(table, &lines, leading, &Role::TD);
            self.y += height;
            self.line((MARGIN, self.y), (MARGIN + MEASURE, self.y), RULE, 0.5);
        }
        if let Some(footer) = &table.footer {
            let height = Self::row_height(table, footer, leading);
            self.ensure(height);
            self.line((MARGIN, self.y), (MARGIN + MEASURE, self.y), INK, 1.0);
            let lines = Self::row_lines(table, footer, true);
            self.set_row(table, &lines, leading, &Role::TD);
            self.y += height;
        }
        self.close();
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

    /// The document's image (its logo), `width` by `height` points with its
    /// top left at `x`, `y` from the top: a figure with `alt` as its text.
    pub fn image(&mut self, alt: &str, (x, y): (f32, f32), (width, height): (f32, f32)) {
        self.end_lists();
        self.open(Role::Figure(alt.to_owned()));
        self.paint(Paint::Image(x, y, width, height));
        self.close();
    }

    /// A drawing, scaled to `width` points, kept whole on one page: a
    /// figure whose alternative text is the drawing's description.
    pub fn drawing(&mut self, drawing: &Drawing, width: f32) {
        self.end_lists();
        let scale = width / drawing.width.max(1.0);
        let height = drawing.height * scale;
        self.ensure(height);
        let (left, top) = (MARGIN + (MEASURE - width) / 2.0, self.y);
        let at = |(x, y): (f32, f32)| (left + x * scale, top + y * scale);
        let poly = |points: &[(f32, f32)], close: bool| {
            let mut path: Vec<Segment> = points
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let (x, y) = at(*p);
                    if i == 0 { Segment::Move(x, y) } else { Segment::Line(x, y) }
                })
                .collect();
            if close {
                path.push(Segment::Close);
            }
            path
        };
        let alt = if drawing.alt.trim().is_empty() { "Chart".to_owned() } else { drawing.alt.clone() };
        self.open(Role::Figure(alt));
        for shape in &drawing.shapes {
            match shape {
                Shape::Rect { x, y, w, h, fill, stroke, .. } => {
                    let (x0, y0) = at((*x, *y));
                    let path = rect_path(x0, y0, w * scale, h * scale);
                    if let Some(fill) = fill {
                        self.paint(Paint::Fill(path.clone(), *fill));
                    }
                    if let Some((colour, w)) = stroke {
                        self.paint(Paint::Stroke(path, *colour, w * scale));
                    }
                }
                Shape::Polyline { points, colour, width } => {
                    self.paint(Paint::Stroke(poly(points, false), *colour, width * scale));
                }
                Shape::Polygon { points, fill } => {
                    self.paint(Paint::Fill(poly(points, true), *fill));
                }
                Shape::Curve { points: [a, b, c, d], colour, width, arrow } => {
                    let (a, b2, c2, d2) = (at(*a), at(*b), at(*c), at(*d));
                    let path =
                        vec![Segment::Move(a.0, a.1), Segment::Cubic(b2.0, b2.1, c2.0, c2.1, d2.0, d2.1)];
                    self.paint(Paint::Stroke(path, *colour, width * scale));
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
                        self.paint(Paint::Fill(poly(&head, true), *colour));
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
        self.close();
        self.y += height;
    }

    /// The finished pages, each with a running header (after the first page)
    /// and a "Page x of N" footer, all artifacts.
    pub fn finish(mut self, header: &str, footer: &str) -> Pages {
        self.end_lists();
        self.pages.push(std::mem::take(&mut self.ops));
        let total = self.pages.len();
        let mut pages = std::mem::take(&mut self.pages);
        for (i, ops) in pages.iter_mut().enumerate() {
            let mut extra = Layout::new(self.accent);
            extra.artifact(Artifact::Header, |extra| {
                if i > 0 {
                    let title = crate::charts::truncate_with(header, Face::Regular, 8.0, MEASURE);
                    extra.text(MARGIN, 38.0, &Span::new(title, Face::Regular).colour(MUTED), 8.0);
                    extra.line((MARGIN, 46.0), (MARGIN + MEASURE, 46.0), RULE, 0.5);
                }
            });
            let page = format!("Page {} of {total}", i + 1);
            let width = measure(&page, Face::Regular, 8.0);
            extra.artifact(Artifact::Footer, |extra| {
                extra.line((MARGIN, PAGE_H - 44.0), (MARGIN + MEASURE, PAGE_H - 44.0), RULE, 0.5);
                let left = crate::charts::truncate_with(footer, Face::Regular, 8.0, MEASURE - width - 20.0);
                extra.text(MARGIN, PAGE_H - 32.0, &Span::new(left, Face::Regular).colour(MUTED), 8.0);
            });
            extra.artifact(Artifact::PageNumber, |extra| {
                extra.text(
                    MARGIN + MEASURE - width,
                    PAGE_H - 32.0,
                    &Span::new(page, Face::Regular).colour(MUTED),
                    8.0,
                );
            });
            ops.extend(extra.ops);
        }
        Pages {
            pages,
            nodes: self.nodes,
            runs: self.runs,
            links: self.links,
            bookmarks: self.bookmarks,
            missing: self.missing,
        }
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

    fn texts(paints: &[(Mark, Paint)]) -> Vec<String> {
        paints
            .iter()
            .filter_map(|(_, p)| match p {
                Paint::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    fn table(rows: usize) -> Table {
        Table {
            caption: "Caption".into(),
            columns: vec![("Name".into(), 1.0, Align::Left), ("Value".into(), 1.0, Align::Right)],
            rows: (0..rows)
                .map(|i| vec![vec![Span::new(format!("row {i}"), Face::Regular)], vec![]])
                .collect(),
            footer: None,
            size: 8.0,
        }
    }

    #[test]
    fn a_heading_at_the_foot_of_a_page_moves_to_the_next_with_what_follows() {
        let mut l = Layout::new(INK);
        l.paragraph(&[Span::new("Before", Face::Regular)], 10.0, 14.0, MARGIN, MEASURE);
        // Room for the heading, not for the heading and the table's start.
        l.y = BOTTOM - 95.0;
        l.heading("Financial proxies");
        l.table(&table(30));
        let pages = l.finish("Header", "Footer");
        let page = |i: usize| texts(&pages.pages[i]).concat();
        assert!(!page(0).contains("Financial proxies"), "{}", page(0));
        assert!(page(1).starts_with("Financial proxies"), "{}", page(1));
        assert_eq!(pages.bookmarks[0].page, 1);
        assert!(pages.bookmarks[0].y < TOP + 20.0, "{:?}", pages.bookmarks[0]);
    }

    #[test]
    fn consecutive_items_are_one_list_and_a_paragraph_ends_it() {
        let mut l = Layout::new(INK);
        l.item("•", &[Span::new("one", Face::Regular)], 1, 10.0, 14.0);
        l.item("•", &[Span::new("two", Face::Regular)], 1, 10.0, 14.0);
        l.item("–", &[Span::new("two and a half", Face::Regular)], 2, 10.0, 14.0);
        l.item("•", &[Span::new("three", Face::Regular)], 1, 10.0, 14.0);
        l.paragraph(&[Span::new("after", Face::Regular)], 10.0, 14.0, MARGIN, MEASURE);
        let pages = l.finish("", "");
        let roles = |children: &[Child]| -> Vec<Role> {
            children
                .iter()
                .filter_map(|c| match c {
                    Child::Node(n) => Some(pages.nodes[*n].role.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(roles(&pages.nodes[0].children), vec![Role::L, Role::P]);
        let Child::Node(list) = pages.nodes[0].children[0] else { panic!() };
        assert_eq!(roles(&pages.nodes[list].children), vec![Role::LI, Role::LI, Role::LI]);
        let Child::Node(second) = pages.nodes[list].children[1] else { panic!() };
        assert_eq!(roles(&pages.nodes[second].children), vec![Role::Lbl, Role::LBody, Role::L]);
    }

    #[test]
    fn rules_headers_and_repeated_table_headers_are_artifacts_and_cells_are_cells() {
        let mut l = Layout::new(INK);
        l.heading("Section");
        l.table(&table(120));
        let pages = l.finish("Header", "Footer");
        assert!(pages.pages.len() > 1);
        let repeated = ["Caption ", "(continued)", "Name", "Value"];
        for (i, page) in pages.pages.iter().enumerate() {
            for (mark, paint) in page {
                if matches!(paint, Paint::Fill(..) | Paint::Stroke(..)) {
                    assert!(matches!(mark, Mark::Artifact(_)), "a rule is content: {paint:?}");
                }
                if let Paint::Text { text, .. } = paint {
                    let artifact = matches!(mark, Mark::Artifact(_));
                    let running = ["Header", "Footer", "Page "].iter().any(|r| text.starts_with(r));
                    let expected = running || (i > 0 && repeated.contains(&text.as_str()));
                    assert_eq!(artifact, expected, "page {i}: {text:?}");
                }
            }
        }
        // The empty "Value" cells are still cells, each with content.
        let td: Vec<&Node> = pages.nodes.iter().filter(|n| n.role == Role::TD).collect();
        assert_eq!(td.len(), 240);
        assert!(td.iter().all(|n| n.children.iter().any(|c| matches!(c, Child::Content(_)))));
        let cells = pages.nodes.iter().filter(|n| n.role == Role::TH).count();
        assert_eq!(cells, 2, "one header row in the structure, however many pages");
        assert_eq!(pages.nodes.iter().filter(|n| n.role == Role::TR).count(), 121);
    }

    #[test]
    fn spans_keep_their_faces_across_a_break() {
        let spans = [Span::new("plain text then ", Face::Regular), Span::new("bold words here", Face::Bold)];
        let lines = wrap(&spans, 10.0, 60.0);
        let faces: Vec<Face> = lines.iter().flatten().map(|(_, s)| s.face).collect();
        assert!(faces.contains(&Face::Bold) && faces.contains(&Face::Regular));
    }
}
