//! Value over time: one bar per year, stacked by stakeholder, with a legend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, WIDTH, grid, rgb, series_colour, text_style, truncate};
use crate::format::money;

/// For each year, each series' value (positive up, negative down).
pub struct OverTime<'a> {
    /// The years.
    pub years: &'a [u32],
    /// (stakeholder, value each year).
    pub series: &'a [(String, Vec<f64>)],
    /// ISO 4217 code.
    pub currency: &'a str,
}

const PLOT_HEIGHT: u32 = 320;

impl Chart for OverTime<'_> {
    fn name(&self) -> &'static str {
        "value over time"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        let legend_rows = self.series.len().div_ceil(2).max(1) as u32;
        (width, PLOT_HEIGHT + 16 + 24 * legend_rows)
    }

    fn title(&self) -> String {
        "Value created each year, by stakeholder".to_owned()
    }

    fn description(&self) -> String {
        let totals: Vec<String> = self
            .years
            .iter()
            .enumerate()
            .map(|(i, year)| {
                let total: f64 = self.series.iter().map(|(_, v)| v[i]).sum();
                format!("year {year}: {}", money(total, self.currency))
            })
            .collect();
        format!(
            "Stacked bar chart of undiscounted value by year, one colour per stakeholder in the order of the legend. Totals: {}.",
            totals.join("; ")
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let (years, series, currency) = (self.years, self.series, self.currency);
        let n = years.len().max(1);
        let mut top = 0.0_f64;
        let mut bottom = 0.0_f64;
        for y in 0..years.len() {
            top = top.max(series.iter().map(|(_, v)| v[y].max(0.0)).sum());
            bottom = bottom.min(series.iter().map(|(_, v)| v[y].min(0.0)).sum());
        }
        let pad = (top - bottom).max(1.0) * 0.08;
        let (y_min, y_max) = (if bottom < 0.0 { bottom - pad } else { 0.0 }, top + pad);
        let text = text_style();

        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (upper, lower) = root.split_vertically(PLOT_HEIGHT);
        let mut chart = ChartBuilder::on(&upper)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(90)
            .build_cartesian_2d(-0.5..n as f64 - 0.5, super::axis(y_min..y_max))
            .map_err(|e| e.to_string())?;
        let money_label = |v: &f64| money(*v, currency);
        grid(&mut chart)
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&money_label)
            .draw()
            .map_err(|e| e.to_string())?;
        let mut up = vec![0.0; n];
        let mut down = vec![0.0; n];
        let width = if n == 1 { 0.2 } else { 0.36 };
        for (s, (_, values)) in series.iter().enumerate() {
            let colour = rgb(series_colour(s));
            let mut bars = Vec::new();
            for (i, &v) in values.iter().enumerate().filter(|(_, v)| **v != 0.0) {
                let base = if v >= 0.0 { &mut up[i] } else { &mut down[i] };
                let (from, to) = (*base, *base + v);
                *base = to;
                let corners = [(i as f64 - width, from), (i as f64 + width, to)];
                // A white outline separates adjacent segments, so they do not rely on colour alone.
                bars.push(Rectangle::new(corners, colour.filled()));
                bars.push(Rectangle::new(corners, WHITE.stroke_width(1)));
            }
            chart.draw_series(bars).map_err(|e| e.to_string())?;
        }
        // Label every year up to twelve, else every few, so the labels never run together.
        // At most 12 labels along the x axis at [`WIDTH`], fewer on a narrower chart.
        let most = (12 * root.dim_in_pixel().0 / WIDTH).max(1) as usize;
        let every = years.len().div_ceil(most).max(1);
        for (i, year) in years.iter().enumerate().filter(|(i, _)| i % every == 0) {
            let (x, y) = chart.backend_coord(&(i as f64, y_min));
            upper
                .draw(&Text::new(
                    format!("Year {year}"),
                    (x, y + 8),
                    text.clone().pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(|e| e.to_string())?;
        }
        // Legend below the plot: a swatch and the name of each stakeholder, in stacking order.
        // Two legend columns, as far apart as the chart's width allows (300 px at [`WIDTH`]).
        let step = 300 * root.dim_in_pixel().0 as i32 / WIDTH as i32;
        for (s, (name, _)) in series.iter().enumerate() {
            let (col, row) = ((s % 2) as i32, (s / 2) as i32);
            let (x, y) = (102 + col * step, 8 + row * 24);
            lower
                .draw(&Rectangle::new([(x, y), (x + 14, y + 14)], rgb(series_colour(s)).filled()))
                .map_err(|e| e.to_string())?;
            lower
                .draw(&Text::new(
                    truncate(name, 10.5, (step - 30) as f32),
                    (x + 20, y + 7),
                    text.clone().pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}
