//! The largest swings as a tornado chart: for each assumption, a bar from the
//! ratio at its low value to the ratio at its high value, around the ratio as
//! computed, with the 1 : 1 line marked.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, rgb, row, row_label, rows, text_style, truncate};
use crate::colour::{PALETTE, Rgb};
use crate::format::ratio;

/// (label, ratio at low, ratio at high), largest swing first.
pub struct Tornado<'a> {
    /// The swings.
    pub rows: &'a [(String, f64, f64)],
    /// The ratio as computed.
    pub ratio: f64,
    /// Bar colour.
    pub accent: Rgb,
}

const LABEL_WIDTH: u32 = 250;

impl Chart for Tornado<'_> {
    fn name(&self) -> &'static str {
        "sensitivity"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        (width, 80 + 34 * self.rows.len().max(1) as u32)
    }

    fn title(&self) -> String {
        "How the ratio moves with each assumption".to_owned()
    }

    fn description(&self) -> String {
        let items: Vec<String> = self
            .rows
            .iter()
            .map(|(label, low, high)| format!("{label}: from {} to {}", ratio(*low), ratio(*high)))
            .collect();
        format!(
            "Tornado chart of the ratio when one assumption at a time moves to its low and high values, around the ratio of {}. {}.",
            ratio(self.ratio),
            items.join("; ")
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let count = self.rows.len();
        let values = self.rows.iter().flat_map(|(_, a, b)| [*a, *b]).chain([self.ratio, 1.0]);
        let (min, max) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let span = (max - min).max(0.1);
        let (x_min, x_max) =
            ((min - span * 0.15).max(if min >= 0.0 { 0.0 } else { f64::MIN }), max + span * 0.25);
        let text = text_style();
        let ratio_label = |v: &f64| ratio(*v);
        let mut chart = rows(root, x_min..x_max, count, LABEL_WIDTH, 30, &ratio_label)?;
        for (index, (label, low, high)) in self.rows.iter().enumerate() {
            let row = row(index, count);
            let (a, b) = (low.min(*high), low.max(*high));
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(a, row - 0.3), (b, row + 0.3)],
                    rgb(self.accent).filled(),
                )))
                .map_err(|e| e.to_string())?;
            let small = text.clone().pos(Pos::new(HPos::Right, VPos::Center));
            chart
                .draw_series(std::iter::once(Text::new(ratio(a), (a - span * 0.01, row), small)))
                .map_err(|e| e.to_string())?;
            let after = text.clone().pos(Pos::new(HPos::Left, VPos::Center));
            chart
                .draw_series(std::iter::once(Text::new(ratio(b), (b + span * 0.01, row), after)))
                .map_err(|e| e.to_string())?;
            row_label(root, &chart, x_min, row, 48, &truncate(label, 10.5, LABEL_WIDTH as f32 - 60.0))?;
        }
        // The ratio as computed (solid) and the 1 : 1 line (dark, labelled).
        let top = count.max(1) as f64 - 0.5;
        for (value, colour, label) in
            [(self.ratio, PALETTE[5], "as computed"), (1.0, Rgb(0x9e, 0x2a, 0x5c), "1 : 1")]
        {
            if (x_min..=x_max).contains(&value) {
                chart
                    .draw_series(LineSeries::new([(value, -0.5), (value, top)], rgb(colour).stroke_width(2)))
                    .map_err(|e| e.to_string())?;
                // Labelled above the plot, clear of the bars' own labels.
                let (x, y) = chart.backend_coord(&(value, top));
                root.draw(&Text::new(
                    label,
                    (x, y - 6),
                    text.clone().pos(Pos::new(HPos::Center, VPos::Bottom)),
                ))
                .map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    }
}
