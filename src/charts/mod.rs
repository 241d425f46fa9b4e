//! Charts as accessible SVG: plotters draws them (SVG backend, text measured
//! with the embedded Open Sans through ab_glyph, never a system font), and
//! [`accessible`] gives each one `role="img"`, a title and a description.
//! Every chart's numbers are also in a table beside it in the report.

pub mod bars;
pub mod benchmark;
pub mod delivery;
pub mod drawing;
pub mod histogram;
pub mod mix;
pub mod priorities;
pub mod ratios;
pub mod stacked;
pub mod theory;
pub mod tornado;
pub mod waterfall;

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use plotters::style::{FontStyle, RGBColor};

use crate::colour::Rgb;

/// The regular face, for measuring and for PDF embedding.
pub const FONT_REGULAR: &[u8] = include_bytes!("../../templates/fonts/OpenSans-Regular.ttf");
/// The bold face.
pub const FONT_BOLD: &[u8] = include_bytes!("../../templates/fonts/OpenSans-Bold.ttf");
/// The italic face.
pub const FONT_ITALIC: &[u8] = include_bytes!("../../templates/fonts/OpenSans-Italic.ttf");

/// The family name charts use; reports map it to the embedded Open Sans.
pub const FAMILY: &str = "sans-serif";

/// Width of every chart's view box, in CSS pixels (the measure of an A4 page).
pub const WIDTH: u32 = 720;

/// Width of the HTML report's wide charts. plotters sets chart text at
/// 13 / 1.24 ≈ 10.5 units, so a chart this wide shows text of at least 12
/// CSS px once it is at least 690 px wide: on a page at least 768 px wide,
/// less its margins and a scroll bar.
pub const HTML_WIDTH: u32 = 600;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("could not draw the chart `{chart}`: {message}")]
pub struct ChartError {
    chart: &'static str,
    message: String,
}

pub(crate) fn chart_error(chart: &'static str) -> impl Fn(String) -> ChartError {
    move |message| ChartError { chart, message }
}

/// A chart plotters can draw on any backend: SVG for the HTML report, the
/// [`drawing::Recorder`] for the PDF.
pub trait Chart {
    /// Its name, for errors.
    fn name(&self) -> &'static str;
    /// Its size in CSS pixels when drawn [`WIDTH`] wide.
    fn size(&self) -> (u32, u32) {
        self.size_at(WIDTH)
    }
    /// Its size in CSS pixels when drawn `width` wide: the height it needs.
    /// [`Chart::draw`] lays it out for the width of the area it is given.
    fn size_at(&self, width: u32) -> (u32, u32);
    /// Its title, the short text alternative.
    fn title(&self) -> String;
    /// Its description, the long text alternative, with its numbers.
    fn description(&self) -> String;
    /// Draws it.
    fn draw<DB: plotters::prelude::DrawingBackend>(
        &self,
        root: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    ) -> Result<(), String>;
}

/// The chart as an accessible SVG image with the element id `id`, [`WIDTH`] wide.
pub fn svg(chart: &impl Chart, id: &str) -> Result<String, ChartError> {
    svg_at(chart, id, WIDTH, "")
}

/// The chart laid out `width` wide, as an accessible SVG image with the
/// element id `id` and the classes `chart` and `class` (if not empty).
pub fn svg_at(chart: &impl Chart, id: &str, width: u32, class: &str) -> Result<String, ChartError> {
    use plotters::prelude::IntoDrawingArea;
    fonts();
    let mut svg = String::new();
    {
        let root =
            plotters::prelude::SVGBackend::with_string(&mut svg, chart.size_at(width)).into_drawing_area();
        chart.draw(&root).map_err(chart_error(chart.name()))?;
        root.present().map_err(|e| chart_error(chart.name())(e.to_string()))?;
    }
    Ok(accessible(&svg, id, class, &chart.title(), &chart.description()))
}

/// The chart as shapes, for the PDF.
pub fn drawing(chart: &impl Chart) -> Result<drawing::Drawing, ChartError> {
    use plotters::prelude::IntoDrawingArea;
    fonts();
    let mut out = drawing::Drawing::default();
    {
        let root = drawing::Recorder::new(&mut out, chart.size()).into_drawing_area();
        chart.draw(&root).map_err(chart_error(chart.name()))?;
    }
    out.alt = format!("{}. {}", chart.title(), chart.description());
    Ok(out)
}

/// Registers the embedded fonts with plotters, once.
pub(crate) fn fonts() {
    static REGISTERED: OnceLock<()> = OnceLock::new();
    REGISTERED.get_or_init(|| {
        // The fonts are compiled in and known to parse; a failure here would be a build error in tests.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT_REGULAR);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, FONT_BOLD);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Italic, FONT_ITALIC);
    });
}

/// The text style of every chart: the family's regular face, dark grey.
pub(crate) fn text_style() -> plotters::style::TextStyle<'static> {
    use plotters::style::IntoFont as _;
    (FAMILY, 13).into_font().color(&plotters::style::RGBColor(34, 34, 34))
}

/// A plot whose categories are rows (first row at the top) and whose values run along x.
pub(crate) type Rows<'a, DB> = plotters::chart::ChartContext<
    'a,
    DB,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// The house grid of every plot: light lines, grey axes, the chart text.
/// Callers choose which grid lines and labels to show.
pub(crate) fn grid<'a, 'b, DB: plotters::prelude::DrawingBackend>(
    chart: &'b mut Rows<'a, DB>,
) -> plotters::chart::MeshStyle<
    'a,
    'b,
    plotters::coord::types::RangedCoordf64,
    plotters::coord::types::RangedCoordf64,
    DB,
> {
    use plotters::style::RGBColor;
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(220, 220, 220))
        .axis_style(RGBColor(90, 90, 90))
        .label_style(text_style());
    mesh
}

/// The house plot for row charts: white ground, light grid, grey axes, x
/// labels from `x_label`, and room at the left for row names (see [`row_label`]).
pub(crate) fn rows<'a, DB: plotters::prelude::DrawingBackend>(
    root: &'a plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    x: std::ops::Range<f64>,
    count: usize,
    label_width: u32,
    top: u32,
    x_label: &dyn Fn(&f64) -> String,
) -> Result<Rows<'a, DB>, String> {
    use plotters::prelude::*;
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .margin_top(top)
        // Room for the last x label, which is centred on the right edge.
        .margin_right(40)
        .x_label_area_size(34)
        .y_label_area_size(label_width)
        .build_cartesian_2d(axis(x), -0.5..count.max(1) as f64 - 0.5)
        .map_err(|e| e.to_string())?;
    grid(&mut chart)
        .disable_y_mesh()
        .x_labels(6)
        .x_label_formatter(x_label)
        .y_labels(0)
        .draw()
        .map_err(|e| e.to_string())?;
    Ok(chart)
}

/// Largest magnitude an axis runs to. plotters finds its tick marks by
/// stepping through the range; an infinite or NaN end (a ratio over an
/// investment of 5e-324) sent it into an endless loop.
const AXIS_LIMIT: f64 = 1e30;

/// An axis range plotters can draw: ends finite (NaN as 0, others clamped
/// to ±[`AXIS_LIMIT`]), in order, and at least a millionth of its size wide,
/// so tick marks are found in a bounded number of steps whatever the figures.
pub(crate) fn axis(range: std::ops::Range<f64>) -> std::ops::Range<f64> {
    let clamp = |v: f64| if v.is_nan() { 0.0 } else { v.clamp(-AXIS_LIMIT, AXIS_LIMIT) };
    let (a, b) = (clamp(range.start), clamp(range.end));
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let least = (lo.abs().max(hi.abs()) * 1e-6).max(1e-9);
    if hi - lo < least {
        let middle = lo / 2.0 + hi / 2.0;
        return (middle - least)..(middle + least);
    }
    lo..hi
}

/// The row (y value) of the `index`th of `count` categories: the first at the top.
pub(crate) fn row(index: usize, count: usize) -> f64 {
    (count.max(1) - 1 - index) as f64
}

/// A row's name, right-aligned `gap` pixels left of the plot at value `x_min`.
pub(crate) fn row_label<DB: plotters::prelude::DrawingBackend>(
    root: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    chart: &Rows<'_, DB>,
    x_min: f64,
    row: f64,
    gap: i32,
    name: &str,
) -> Result<(), String> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let (x, y) = chart.backend_coord(&(x_min, row));
    let style = text_style().pos(Pos::new(HPos::Right, VPos::Center));
    root.draw(&plotters::element::Text::new(name.to_owned(), (x - gap, y), style)).map_err(|e| e.to_string())
}

/// A palette colour for plotters.
pub(crate) fn rgb(colour: Rgb) -> RGBColor {
    RGBColor(colour.0, colour.1, colour.2)
}

/// The `i`th palette colour, cycling.
pub(crate) fn series_colour(i: usize) -> Rgb {
    crate::colour::PALETTE[i % crate::colour::PALETTE.len()]
}

/// A face of the embedded Open Sans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
}

impl Face {
    /// Every face, in the order of [`Face::index`].
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    /// The face's TrueType file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => FONT_REGULAR,
            Face::Bold => FONT_BOLD,
            Face::Italic => FONT_ITALIC,
        }
    }

    /// Its position in [`Face::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

fn font(face: Face) -> &'static FontRef<'static> {
    static FONTS: OnceLock<Vec<FontRef<'static>>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        Face::ALL
            .iter()
            // The embedded fonts parse (tested below); a failure would be a build error, not input.
            .map(|f| {
                FontRef::try_from_slice(f.bytes()).unwrap_or_else(|_| unreachable!("embedded font parses"))
            })
            .collect()
    });
    &fonts[face.index()]
}

/// Whether `face` has a glyph for `c` (spaces and line breaks need none).
pub fn has_glyph(face: Face, c: char) -> bool {
    c.is_whitespace() || font(face).glyph_id(c).0 != 0
}

/// The width of `text` set in `face` at a font size of `size` (in any unit; the width is in the same).
pub fn measure(text: &str, face: Face, size: f32) -> f32 {
    let font = font(face);
    // ab_glyph scales by line height (ascent − descent), CSS and PDF by the em square.
    let em_to_height = font.height_unscaled() / font.units_per_em().unwrap_or(2048.0);
    let font = font.as_scaled(PxScale::from(size * em_to_height));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let glyph = font.glyph_id(c);
        if let Some(prev) = previous {
            width += font.kern(prev, glyph);
        }
        width += font.h_advance(glyph);
        previous = Some(glyph);
    }
    width
}

/// One glyph of a [`glyph_run`]: its id in the face, its advance in ems
/// (the kerning with the next glyph included, as [`measure`] adds it), and
/// the bytes of the text it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RunGlyph {
    /// The glyph's id in the face.
    pub id: u16,
    /// How far the pen moves after it, in ems.
    pub advance: f32,
    /// The bytes of the text it stands for.
    pub text: std::ops::Range<usize>,
}

/// `text` as the glyphs of `face` that show it, placed as [`measure`]
/// measures them, so a PDF line is exactly as wide as the layout thought.
/// Characters the face has no glyph for are left out (their width too):
/// they are reported as missing, never drawn as an empty box.
pub fn glyph_run(text: &str, face: Face) -> Vec<RunGlyph> {
    let font = font(face);
    let em = font.units_per_em().unwrap_or(2048.0);
    let mut run: Vec<RunGlyph> = Vec::with_capacity(text.len());
    let mut previous: Option<ab_glyph::GlyphId> = None;
    for (i, c) in text.char_indices() {
        let glyph = font.glyph_id(c);
        if glyph.0 == 0 {
            continue;
        }
        if let (Some(prev), Some(last)) = (previous, run.last_mut()) {
            last.advance += font.kern_unscaled(prev, glyph) / em;
        }
        run.push(RunGlyph {
            id: glyph.0,
            advance: font.h_advance_unscaled(glyph) / em,
            text: i..i + c.len_utf8(),
        });
        previous = Some(glyph);
    }
    run
}

/// The width of `text` set in the regular face at a CSS font size of `size` pixels.
pub fn text_width(text: &str, size: f32) -> f32 {
    measure(text, Face::Regular, size)
}

/// `text`, cut with an ellipsis to fit `max` pixels.
pub fn truncate(text: &str, size: f32, max: f32) -> String {
    truncate_with(text, Face::Regular, size, max)
}

/// `text` in `face`, cut with an ellipsis to fit `max`: the longest prefix
/// that fits with `…` after it, found in one pass over the text (the width
/// of each prefix is the previous one plus one glyph and its kerning, as
/// [`measure`] adds them), so a 5,000-character title costs no more than
/// measuring it once.
pub fn truncate_with(text: &str, face: Face, size: f32, max: f32) -> String {
    if measure(text, face, size) <= max {
        return text.to_owned();
    }
    let font = font(face);
    let em_to_height = font.height_unscaled() / font.units_per_em().unwrap_or(2048.0);
    let font = font.as_scaled(PxScale::from(size * em_to_height));
    let ellipsis = font.glyph_id('…');
    let mut best = 0; // bytes of the longest prefix that fits
    let mut width = 0.0;
    let mut previous = None;
    let with_ellipsis = |width: f32, last: Option<ab_glyph::GlyphId>| {
        width + last.map_or(0.0, |l| font.kern(l, ellipsis)) + font.h_advance(ellipsis)
    };
    for (i, c) in text.char_indices() {
        let glyph = font.glyph_id(c);
        if let Some(prev) = previous {
            width += font.kern(prev, glyph);
        }
        width += font.h_advance(glyph);
        previous = Some(glyph);
        if with_ellipsis(width, previous) <= max {
            best = i + c.len_utf8();
        }
    }
    format!("{}…", text[..best].trim_end())
}

/// `text` broken into lines of at most `max` pixels, at most `lines` lines
/// (the last cut with an ellipsis if needed).
pub fn wrap(text: &str, size: f32, max: f32, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        // One line more than fits says that the text overflows; the rest need not be measured.
        if out.len() > lines {
            break;
        }
        let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
        if text_width(&candidate, size) <= max || current.is_empty() {
            current = candidate;
        } else {
            out.push(std::mem::replace(&mut current, word.to_owned()));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    let overflow = out.len() > lines;
    out.truncate(lines);
    for line in &mut out {
        *line = truncate(line, size, max);
    }
    if overflow && let Some(last) = out.last_mut() {
        *last = truncate(&format!("{last} …"), size, max);
    }
    out
}

/// Escapes text for XML content and attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Makes an SVG an accessible image: `role="img"`, a `<title>` and a
/// `<desc>` referenced by `aria-labelledby`, a size that scales to its
/// container, and the classes `chart` and `class` (if not empty).
pub fn accessible(svg: &str, id: &str, class: &str, title: &str, description: &str) -> String {
    let body_start = svg.find("<svg").and_then(|i| svg[i..].find('>').map(|j| i + j + 1)).unwrap_or(0);
    let open = &svg[..body_start];
    let view_box = open
        .split("viewBox=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("0 0 720 400")
        .to_owned();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{view_box}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart{}\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        if class.is_empty() { String::new() } else { format!(" {}", xml_escape(class)) },
        xml_escape(title),
        xml_escape(description),
        svg[body_start..].trim_start()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_ranges_are_finite_ordered_and_wide_enough_for_plotters() {
        // An infinite ratio (investment 5e-324) once sent plotters' tick search into an endless loop.
        assert_eq!(axis(0.0..f64::INFINITY), 0.0..AXIS_LIMIT);
        assert_eq!(axis(f64::NEG_INFINITY..f64::NAN), -AXIS_LIMIT..0.0);
        assert_eq!(axis(3.0..1.0), 1.0..3.0, "reversed ends put in order");
        // A single value 2.0 is widened by a millionth of it each way: 2e-6.
        let r = axis(2.0..2.0);
        assert!((r.start - (2.0 - 2e-6)).abs() < 1e-15 && (r.end - (2.0 + 2e-6)).abs() < 1e-15, "{r:?}");
        assert_eq!(axis(0.0..1.0), 0.0..1.0, "ordinary ranges unchanged");
    }

    /// The quadratic search `truncate_with` replaced: pop a character, measure again.
    fn truncate_by_popping(text: &str, face: Face, size: f32, max: f32) -> String {
        if measure(text, face, size) <= max {
            return text.to_owned();
        }
        let mut cut: String = text.to_owned();
        while !cut.is_empty() && measure(&format!("{cut}…"), face, size) > max {
            cut.pop();
        }
        format!("{}…", cut.trim_end())
    }

    #[test]
    fn linear_truncation_cuts_exactly_where_popping_did() {
        for text in
            ["Young people aged 16-24 into sustained work", "AVAWAY To Ty", "青少年 🌱 gardens", "x", ""]
        {
            for max in [0.0, 8.0, 30.0, 60.0, 120.0, 400.0] {
                for face in Face::ALL {
                    assert_eq!(
                        truncate_with(text, face, 11.0, max),
                        truncate_by_popping(text, face, 11.0, max),
                        "{text:?} in {max}"
                    );
                }
            }
        }
        // 5,000 characters in one pass: the cut still fits.
        let long = "Outcome ".repeat(625);
        let cut = truncate(&long, 11.0, 200.0);
        assert!(text_width(&cut, 11.0) <= 200.0 && cut.ends_with('…'));
    }

    #[test]
    fn every_face_parses_and_bold_is_wider() {
        for face in Face::ALL {
            assert!(measure("Social value", face, 10.0) > 40.0, "{face:?}");
        }
        assert!(measure("Social value", Face::Bold, 10.0) > measure("Social value", Face::Regular, 10.0));
    }

    #[test]
    fn text_is_measured_with_the_embedded_font() {
        let narrow = text_width("iiii", 12.0);
        let wide = text_width("MMMM", 12.0);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        assert!(text_width(&truncate("A very long stakeholder name indeed", 12.0, 80.0), 12.0) <= 80.0);
        let lines = wrap("one two three four five six seven eight nine ten", 12.0, 60.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
    }

    #[test]
    fn accessible_svg_has_role_title_and_description() {
        let svg = "<svg width=\"720\" height=\"400\" viewBox=\"0 0 720 400\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/></svg>";
        let out = accessible(svg, "c1", "", "Value <by> stakeholder", "Bars & more");
        assert!(
            out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 400\" role=\"img\"")
        );
        assert!(out.contains("<title id=\"c1-title\">Value &lt;by&gt; stakeholder</title>"));
        assert!(out.contains("<desc id=\"c1-desc\">Bars &amp; more</desc><rect/>"));
    }
}
