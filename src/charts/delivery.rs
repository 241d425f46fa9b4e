//! Committed against delivered over time: at each period's end, the net
//! value committed to date, delivered to date and validated to date, as
//! three bars side by side.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, WIDTH, grid, rgb, series_colour, text_style};
use crate::format::money;

/// (series, value at each period's end) over periods.
pub struct Delivery<'a> {
    /// Each period's last day, as written.
    pub periods: &'a [String],
    /// (name, value at each period's end): committed, delivered, validated.
    pub series: &'a [(String, Vec<f64>)],
    /// ISO 4217 code.
    pub currency: &'a str,
}

const PLOT_HEIGHT: u32 = 300;

impl Chart for Delivery<'_> {
    fn name(&self) -> &'static str {
        "committed against delivered"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        (width, PLOT_HEIGHT + 40)
    }

    fn title(&self) -> String {
        "Net value committed, delivered and validated to date, at each period's end".to_owned()
    }

    fn description(&self) -> String {
        let items: Vec<String> = self
            .periods
            .iter()
            .enumerate()
            .map(|(i, end)| {
                let parts: Vec<String> = self
                    .series
                    .iter()
                    .map(|(name, values)| {
                        format!("{} {}", name.to_lowercase(), money(values[i], self.currency))
                    })
                    .collect();
                format!("by {end}: {}", parts.join(", "))
            })
            .collect();
        format!("Grouped bar chart, three bars for each period's end. {}.", items.join("; "))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.periods.len().max(1);
        let top = self.series.iter().flat_map(|(_, v)| v.iter().copied()).fold(0.0_f64, f64::max);
        let y_max = if top > 0.0 { top * 1.1 } else { 1.0 };
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (upper, lower) = root.split_vertically(PLOT_HEIGHT);
        let mut chart = ChartBuilder::on(&upper)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(90)
            .build_cartesian_2d(-0.5..n as f64 - 0.5, 0.0..y_max)
            .map_err(|e| e.to_string())?;
        let currency = self.currency;
        let money_label = |v: &f64| money(*v, currency);
        grid(&mut chart)
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&money_label)
            .draw()
            .map_err(|e| e.to_string())?;
        let k = self.series.len().max(1) as f64;
        let width = 0.8 / k;
        for (s, (_, values)) in self.series.iter().enumerate() {
            let colour = rgb(series_colour(s));
            let bars = values.iter().enumerate().map(|(i, v)| {
                let left = i as f64 - 0.4 + width * s as f64;
                Rectangle::new([(left + 0.01, 0.0), (left + width - 0.01, *v)], colour.filled())
            });
            chart.draw_series(bars).map_err(|e| e.to_string())?;
        }
        let text = text_style();
        // At most 12 labels along the x axis at [`WIDTH`], fewer on a narrower chart.
        let most = (12 * root.dim_in_pixel().0 / WIDTH).max(1) as usize;
        let every = self.periods.len().div_ceil(most).max(1);
        for (i, end) in self.periods.iter().enumerate().filter(|(i, _)| i % every == 0) {
            let (x, y) = chart.backend_coord(&(i as f64, 0.0));
            upper
                .draw(&Text::new(
                    end.clone(),
                    (x, y + 8),
                    text.clone().pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(|e| e.to_string())?;
        }
        for (s, (name, _)) in self.series.iter().enumerate() {
            let x = 102 + s as i32 * 200;
            lower
                .draw(&Rectangle::new([(x, 12), (x + 14, 26)], rgb(series_colour(s)).filled()))
                .map_err(|e| e.to_string())?;
            lower
                .draw(&Text::new(
                    name.clone(),
                    (x + 20, 19),
                    text.clone().pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}
