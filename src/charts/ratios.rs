//! Ratios side by side: one bar per analysis (its ratio as written), a line
//! across its 5–95% range where it has a simulation, a diamond at its
//! re-based ratio where the comparison re-bases, and the 1 : 1 line marked.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, rgb, row, row_label, rows, text_style, truncate};
use crate::colour::Rgb;
use crate::format::ratio;

/// One analysis's ratios.
#[derive(Debug, Clone, PartialEq)]
pub struct RatioRow {
    /// The analysis's title.
    pub label: String,
    /// Its ratio as written.
    pub ratio: f64,
    /// 5th and 95th percentiles of the simulated ratio.
    pub range: Option<(f64, f64)>,
    /// Its ratio under the comparison's common settings.
    pub rebased: Option<f64>,
}

/// The ratios of the analyses compared, in the order given.
pub struct Ratios<'a> {
    /// The analyses.
    pub rows: &'a [RatioRow],
    /// Bar colour.
    pub accent: Rgb,
}

const LABEL_WIDTH: u32 = 230;
/// Whiskers and diamonds: the text colour.
const INK: Rgb = Rgb(34, 34, 34);
/// The 1 : 1 line's colour (as the tornado chart's).
const BREAK_EVEN: Rgb = Rgb(0x9e, 0x2a, 0x5c);

impl Chart for Ratios<'_> {
    fn name(&self) -> &'static str {
        "ratios"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        (width, 96 + 44 * self.rows.len().max(1) as u32)
    }

    fn title(&self) -> String {
        "SROI ratio of each analysis".to_owned()
    }

    fn description(&self) -> String {
        let items: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                let mut item = format!("{}: {}", r.label, ratio(r.ratio));
                if let Some((low, high)) = r.range {
                    item.push_str(&format!(", 5–95% range {} to {}", ratio(low), ratio(high)));
                }
                if let Some(rebased) = r.rebased {
                    item.push_str(&format!(", re-based {}", ratio(rebased)));
                }
                item
            })
            .collect();
        format!(
            "Horizontal bar chart of each analysis's ratio as written, with lines across the 5–95% range of simulated ratios and diamonds at re-based ratios, and the 1 : 1 line. {}.",
            items.join("; ")
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let count = self.rows.len();
        let values = self
            .rows
            .iter()
            .flat_map(|r| [Some(r.ratio), r.range.map(|x| x.0), r.range.map(|x| x.1), r.rebased])
            .flatten()
            .chain([0.0, 1.0]);
        let (min, max) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let span = (max - min).max(0.5);
        let (x_min, x_max) = (if min < 0.0 { min - span * 0.1 } else { 0.0 }, max + span * 0.22);
        let text = text_style();
        let ratio_label = |v: &f64| ratio(*v);
        let mut chart = rows(root, x_min..x_max, count, LABEL_WIDTH, 56, &ratio_label)?;
        let ink = rgb(INK);
        let mut labels: Vec<(String, (i32, i32))> = Vec::with_capacity(count);
        for (index, r) in self.rows.iter().enumerate() {
            let row = row(index, count);
            let bar = Rectangle::new([(0.0, row - 0.28), (r.ratio, row + 0.28)], rgb(self.accent).filled());
            chart.draw_series(std::iter::once(bar)).map_err(|e| e.to_string())?;
            if let Some((low, high)) = r.range {
                let whisker = [(low, row), (high, row)];
                chart
                    .draw_series(LineSeries::new(whisker, ink.stroke_width(2)))
                    .map_err(|e| e.to_string())?;
                for end in [low, high] {
                    let cap = [(end, row - 0.18), (end, row + 0.18)];
                    chart
                        .draw_series(LineSeries::new(cap, ink.stroke_width(2)))
                        .map_err(|e| e.to_string())?;
                }
            }
            if let Some(rebased) = r.rebased {
                let (x, y) = chart.backend_coord(&(rebased, row));
                let diamond = [(x, y - 8), (x + 8, y), (x, y + 8), (x - 8, y)];
                root.draw(&Polygon::new(diamond, WHITE.filled())).map_err(|e| e.to_string())?;
                root.draw(&PathElement::new(
                    [diamond[0], diamond[1], diamond[2], diamond[3], diamond[0]],
                    ink.stroke_width(2),
                ))
                .map_err(|e| e.to_string())?;
            }
            // The ratio as written, clear of everything drawn on its row (drawn last).
            let end =
                [Some(r.ratio), r.range.map(|x| x.1), r.rebased].into_iter().flatten().fold(0.0, f64::max);
            labels.push((ratio(r.ratio), chart.backend_coord(&(end, row))));
            row_label(root, &chart, x_min, row, 8, &truncate(&r.label, 10.5, LABEL_WIDTH as f32 - 14.0))?;
        }
        // The 1 : 1 line, labelled above the plot.
        let top = count.max(1) as f64 - 0.5;
        chart
            .draw_series(LineSeries::new([(1.0, -0.5), (1.0, top)], rgb(BREAK_EVEN).stroke_width(2)))
            .map_err(|e| e.to_string())?;
        let (x, y) = chart.backend_coord(&(1.0, top));
        root.draw(&Text::new("1 : 1", (x, y - 6), text.clone().pos(Pos::new(HPos::Center, VPos::Bottom))))
            .map_err(|e| e.to_string())?;
        // Each ratio on a white ground, so the 1 : 1 line never runs through it.
        for (words, (x, y)) in labels {
            let width = super::text_width(&words, 13.0).ceil() as i32;
            root.draw(&Rectangle::new([(x + 12, y - 9), (x + 18 + width, y + 9)], WHITE.filled()))
                .map_err(|e| e.to_string())?;
            root.draw(&Text::new(words, (x + 15, y), text.clone().pos(Pos::new(HPos::Left, VPos::Center))))
                .map_err(|e| e.to_string())?;
        }
        // The key, at the top left.
        let mut key = vec!["Bar: ratio as written"];
        if self.rows.iter().any(|r| r.range.is_some()) {
            key.push("line: 5–95% of simulated ratios");
        }
        if self.rows.iter().any(|r| r.rebased.is_some()) {
            key.push("diamond: re-based ratio");
        }
        root.draw(&Text::new(key.join(" · "), (12, 14), text.pos(Pos::new(HPos::Left, VPos::Center))))
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}
