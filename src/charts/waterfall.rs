//! From gross value to present value: a horizontal waterfall, each step a
//! bar from the running total, labelled with its amount.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, rgb, row, row_label, rows, text_style};
use crate::colour::{PALETTE, Rgb};
use crate::format::money;

/// The steps are (label, amount): the first and last are totals, the others changes.
pub struct Waterfall<'a> {
    /// (label, amount).
    pub steps: &'a [(&'a str, f64)],
    /// Colour of the total bars.
    pub accent: Rgb,
    /// ISO 4217 code.
    pub currency: &'a str,
}

impl Chart for Waterfall<'_> {
    fn name(&self) -> &'static str {
        "waterfall"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        (width, 60 + 40 * self.steps.len().max(1) as u32)
    }

    fn title(&self) -> String {
        "From gross value to present value".to_owned()
    }

    fn description(&self) -> String {
        let items: Vec<String> = self
            .steps
            .iter()
            .map(|(label, amount)| format!("{label}: {}", money(*amount, self.currency)))
            .collect();
        format!(
            "Waterfall chart: the gross value of the outcomes, what each adjustment takes away, and the present value left. {}.",
            items.join("; ")
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let (steps, currency) = (self.steps, self.currency);
        let count = steps.len();
        // Where each bar starts and ends.
        let mut running = 0.0;
        let spans: Vec<(f64, f64)> = steps
            .iter()
            .enumerate()
            .map(|(i, (_, amount))| {
                if i == 0 || i == steps.len() - 1 {
                    running = *amount;
                    (0.0, *amount)
                } else {
                    let from = running;
                    running += amount;
                    (from, running)
                }
            })
            .collect();
        let max = spans.iter().map(|(a, b)| a.max(*b)).fold(0.0_f64, f64::max);
        let min = spans.iter().map(|(a, b)| a.min(*b)).fold(0.0_f64, f64::min);
        let span = (max - min).max(1.0);
        let (x_min, x_max) = (min - if min < 0.0 { span * 0.2 } else { 0.0 }, max + span * 0.22);
        let text = text_style();
        let money_label = |v: &f64| money(*v, currency);
        let mut chart = rows(root, x_min..x_max, count, 150, 12, &money_label)?;
        for (index, ((label, amount), (from, to))) in steps.iter().zip(&spans).enumerate() {
            let total = index == 0 || index == steps.len() - 1;
            // Gross value at the top, present value at the bottom.
            let row = row(index, count);
            let colour = if total { rgb(self.accent) } else { rgb(PALETTE[5]) };
            let bar =
                Rectangle::new([(from.min(*to), row - 0.32), (from.max(*to), row + 0.32)], colour.filled());
            chart.draw_series(std::iter::once(bar)).map_err(|e| e.to_string())?;
            let value = Text::new(
                money(*amount, currency),
                (from.max(*to) + span * 0.01, row),
                text.clone().pos(Pos::new(HPos::Left, VPos::Center)),
            );
            chart.draw_series(std::iter::once(value)).map_err(|e| e.to_string())?;
            row_label(root, &chart, x_min, row, 8, label)?;
        }
        Ok(())
    }
}
