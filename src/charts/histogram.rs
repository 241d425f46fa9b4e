//! The simulated ratios as a histogram, with the 5–95% band shaded and the
//! 1 : 1 line marked.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, grid, rgb, text_style};
use crate::colour::Rgb;
use crate::format::{number, ratio};

/// (from, to, draws) bars, and the 5th and 95th percentiles.
pub struct Histogram<'a> {
    /// The bars.
    pub bars: &'a [(f64, f64, u32)],
    /// The 5th and 95th percentiles.
    pub band: (f64, f64),
    /// Bar colour.
    pub accent: Rgb,
}

impl Chart for Histogram<'_> {
    fn name(&self) -> &'static str {
        "simulation"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        (width, 340)
    }

    fn title(&self) -> String {
        "Spread of the ratio over the simulation".to_owned()
    }

    fn description(&self) -> String {
        let draws: u32 = self.bars.iter().map(|b| b.2).sum();
        format!(
            "Histogram of the ratio in {} draws; 90% of draws lie between {} and {}, shaded.",
            number(f64::from(draws), 0),
            ratio(self.band.0),
            ratio(self.band.1)
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let first = self.bars.first().map_or(0.0, |b| b.0);
        let last = self.bars.last().map_or(1.0, |b| b.1);
        let span = (last - first).max(0.05);
        let (x_min, x_max) = ((first - span * 0.05).min(0.95), (last + span * 0.05).max(1.05));
        let top = f64::from(self.bars.iter().map(|b| b.2).max().unwrap_or(1)) * 1.15;
        let text = text_style();

        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_top(26)
            .margin_right(40)
            .x_label_area_size(34)
            .y_label_area_size(70)
            .build_cartesian_2d(super::axis(x_min..x_max), super::axis(0.0..top))
            .map_err(|e| e.to_string())?;
        let ratio_label = |v: &f64| ratio(*v);
        let count_label = |v: &f64| number(*v, 0);
        grid(&mut chart)
            .disable_x_mesh()
            .x_labels(6)
            .x_label_formatter(&ratio_label)
            .y_labels(5)
            .y_label_formatter(&count_label)
            .draw()
            .map_err(|e| e.to_string())?;
        // The vertical axis is named above it, horizontally, so every renderer sets it the same way.
        let (x, y) = chart.backend_coord(&(x_min, top));
        root.draw(&Text::new("Draws", (x, y - 4), text.clone().pos(Pos::new(HPos::Center, VPos::Bottom))))
            .map_err(|e| e.to_string())?;
        // The 5–95% band behind the bars, in a light grey that needs no colour to read.
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(self.band.0, 0.0), (self.band.1, top)],
                RGBColor(230, 230, 230).filled(),
            )))
            .map_err(|e| e.to_string())?;
        let bars = self
            .bars
            .iter()
            .map(|(a, b, n)| Rectangle::new([(*a, 0.0), (*b, f64::from(*n))], rgb(self.accent).filled()));
        chart.draw_series(bars).map_err(|e| e.to_string())?;
        let outlines = self
            .bars
            .iter()
            .map(|(a, b, n)| Rectangle::new([(*a, 0.0), (*b, f64::from(*n))], WHITE.stroke_width(1)));
        chart.draw_series(outlines).map_err(|e| e.to_string())?;
        let (x, y) = chart.backend_coord(&((self.band.0 + self.band.1) / 2.0, top));
        root.draw(&Text::new(
            "90% of draws",
            (x, y + 2),
            text.clone().pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(|e| e.to_string())?;
        if (x_min..=x_max).contains(&1.0) {
            let line = LineSeries::new([(1.0, 0.0), (1.0, top)], RGBColor(0x9e, 0x2a, 0x5c).stroke_width(2));
            chart.draw_series(line).map_err(|e| e.to_string())?;
            let (x, y) = chart.backend_coord(&(1.0, top * 0.8));
            root.draw(&Text::new("1 : 1", (x + 4, y), text.clone().pos(Pos::new(HPos::Left, VPos::Center))))
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}
