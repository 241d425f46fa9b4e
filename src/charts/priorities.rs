//! Social value by priority for each offer: one horizontal bar per offer
//! (best first), stacked by the framework's priorities, with a legend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, WIDTH, rgb, row, row_label, rows, series_colour, text_style, truncate};
use crate::format::money;

/// Most offers drawn; the rest are in the tables.
pub const MAX_OFFERS: usize = 25;

/// (offer, value by priority) bars.
pub struct ByPriority<'a> {
    /// Priority names, in order.
    pub priorities: &'a [String],
    /// (supplier, social value by priority), best first.
    pub offers: &'a [(String, Vec<f64>)],
    /// ISO 4217 code.
    pub currency: &'a str,
}

const LABEL_WIDTH: u32 = 210;

impl ByPriority<'_> {
    fn shown(&self) -> &[(String, Vec<f64>)] {
        &self.offers[..self.offers.len().min(MAX_OFFERS)]
    }
}

impl Chart for ByPriority<'_> {
    fn name(&self) -> &'static str {
        "social value by priority"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        let legend = self.priorities.len().div_ceil(2).max(1) as u32;
        (width, 70 + 40 * self.shown().len().max(1) as u32 + 24 * legend)
    }

    fn title(&self) -> String {
        "Net, discounted social value of each offer, by the council's priorities".to_owned()
    }

    fn description(&self) -> String {
        let items: Vec<String> = self
            .shown()
            .iter()
            .map(|(name, values)| {
                let parts: Vec<String> = self
                    .priorities
                    .iter()
                    .zip(values)
                    .filter(|(_, v)| **v != 0.0)
                    .map(|(p, v)| format!("{p} {}", money(*v, self.currency)))
                    .collect();
                let total: f64 = values.iter().sum();
                let parts = if parts.is_empty() { "nothing".to_owned() } else { parts.join(", ") };
                format!("{name}: {} in all ({parts})", money(total, self.currency))
            })
            .collect();
        let more = if self.offers.len() > MAX_OFFERS {
            format!(" The other {} offers are in the tables.", self.offers.len() - MAX_OFFERS)
        } else {
            String::new()
        };
        format!(
            "Horizontal stacked bar chart, one bar per offer, best ranked first. {}.{more}",
            items.join("; ")
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let shown = self.shown();
        let count = shown.len();
        let legend = self.priorities.len().div_ceil(2).max(1) as u32;
        let (upper, lower) = root.split_vertically(root.dim_in_pixel().1 - 24 * legend - 8);
        let max =
            shown.iter().map(|(_, v)| v.iter().map(|x| x.max(0.0)).sum::<f64>()).fold(0.0_f64, f64::max);
        let x_max = if max > 0.0 { max * 1.05 } else { 1.0 };
        let currency = self.currency;
        let money_label = |v: &f64| money(*v, currency);
        let mut chart = rows(&upper, 0.0..x_max, count, LABEL_WIDTH, 12, &money_label)?;
        for (index, (name, values)) in shown.iter().enumerate() {
            let y = row(index, count);
            let mut base = 0.0;
            for (p, value) in values.iter().enumerate().filter(|(_, v)| **v > 0.0) {
                let corners = [(base, y - 0.32), (base + value, y + 0.32)];
                base += value;
                let bar = Rectangle::new(corners, rgb(series_colour(p)).filled());
                // A white outline keeps segments apart without relying on colour alone.
                let edge = Rectangle::new(corners, WHITE.stroke_width(1));
                chart.draw_series([bar, edge]).map_err(|e| e.to_string())?;
            }
            row_label(&upper, &chart, 0.0, y, 8, &truncate(name, 10.5, LABEL_WIDTH as f32 - 14.0))?;
        }
        let text = text_style();
        lower.fill(&WHITE).map_err(|e| e.to_string())?;
        // Two legend columns, as far apart as the chart's width allows (320 px at [`WIDTH`]).
        let step = 320 * root.dim_in_pixel().0 as i32 / WIDTH as i32;
        for (p, name) in self.priorities.iter().enumerate() {
            let (col, line) = ((p % 2) as i32, (p / 2) as i32);
            let (x, y) = (24 + col * step, 4 + line * 24);
            lower
                .draw(&Rectangle::new([(x, y), (x + 14, y + 14)], rgb(series_colour(p)).filled()))
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
