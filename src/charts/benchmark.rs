//! The analysis's average assumptions against published practice: for each,
//! the 10th–90th percentile band of published analyses, their median, and
//! this analysis's value, each labelled.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, rgb, row, row_label, rows, text_style};
use crate::colour::Rgb;
use crate::format::percent;

/// (label, this analysis, p10, median, p90), as fractions.
pub struct Benchmark<'a> {
    /// The rows.
    pub rows: &'a [(&'a str, f64, f64, f64, f64)],
    /// Marker colour.
    pub accent: Rgb,
}

impl Chart for Benchmark<'_> {
    fn name(&self) -> &'static str {
        "assumptions against published analyses"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        (width, 70 + 56 * self.rows.len().max(1) as u32)
    }

    fn title(&self) -> String {
        "Assumptions against published analyses".to_owned()
    }

    fn description(&self) -> String {
        let items: Vec<String> = self
            .rows
            .iter()
            .map(|(label, v, p10, median, p90)| {
                format!(
                    "{label}: this analysis {}, published {} to {} (median {})",
                    percent(*v),
                    percent(*p10),
                    percent(*p90),
                    percent(*median)
                )
            })
            .collect();
        format!(
            "For each assumption, the band from the 10th to the 90th percentile of published analyses and this analysis's average. {}.",
            items.join("; ")
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let count = self.rows.len();
        let text = text_style();
        let pct = |v: &f64| percent(*v);
        let mut chart = rows(root, 0.0..1.0, count, 130, 12, &pct)?;
        for (index, (label, value, p10, median, p90)) in self.rows.iter().enumerate() {
            let row = row(index, count);
            let band =
                Rectangle::new([(*p10, row - 0.22), (*p90, row + 0.22)], RGBColor(215, 215, 215).filled());
            chart.draw_series(std::iter::once(band)).map_err(|e| e.to_string())?;
            let median_line = LineSeries::new(
                [(*median, row - 0.22), (*median, row + 0.22)],
                RGBColor(77, 77, 77).stroke_width(2),
            );
            chart.draw_series(median_line).map_err(|e| e.to_string())?;
            // This analysis: a diamond with its value written beside it, so position is never the only cue.
            let (x, y) = chart.backend_coord(&(*value, row));
            let diamond =
                Polygon::new(vec![(x, y - 9), (x + 9, y), (x, y + 9), (x - 9, y)], rgb(self.accent).filled());
            root.draw(&diamond).map_err(|e| e.to_string())?;
            root.draw(&Text::new(
                format!("this analysis {}", percent(*value)),
                (x, y - 12),
                text.clone().pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(|e| e.to_string())?;
            row_label(root, &chart, 0.0, row, 8, label)?;
        }
        Ok(())
    }
}
