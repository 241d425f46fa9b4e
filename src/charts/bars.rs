//! Present value by stakeholder: horizontal bars, each labelled with its value.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, rgb, row, row_label, rows, series_colour, text_style, truncate};
use crate::format::{money, percent};

/// Horizontal bars of (label, amount), in a currency.
pub struct ByStakeholder<'a> {
    /// (stakeholder, present value).
    pub values: &'a [(String, f64)],
    /// ISO 4217 code.
    pub currency: &'a str,
    /// What the bars are, e.g. `Present value by stakeholder`.
    pub title: &'a str,
    /// What each bar's share is of: the sum of the bars, or (when bars
    /// overlap, as themes do) the whole they are part of.
    pub total: Option<f64>,
    /// Its description, when the caller words it (a statement's view does,
    /// so the page and the PDF say the same); else one listing every bar.
    pub description: Option<&'a str>,
}

const LABEL_WIDTH: u32 = 210;

impl Chart for ByStakeholder<'_> {
    fn name(&self) -> &'static str {
        "value by stakeholder"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        (width, 70 + 44 * self.values.len().max(1) as u32)
    }

    fn title(&self) -> String {
        self.title.to_owned()
    }

    fn description(&self) -> String {
        if let Some(description) = self.description {
            return description.to_owned();
        }
        let items: Vec<String> = self
            .values
            .iter()
            .map(|(name, value)| format!("{name}: {}", money(*value, self.currency)))
            .collect();
        format!("Horizontal bar chart. {}.", items.join("; "))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let (values, currency) = (self.values, self.currency);
        let count = values.len();
        let total: f64 = self.total.unwrap_or_else(|| values.iter().map(|(_, v)| v).sum());
        let max = values.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
        let min = values.iter().map(|(_, v)| *v).fold(0.0_f64, f64::min);
        let span = (max - min).max(1.0);
        let label = |value: f64| {
            let share = if total != 0.0 { format!(" ({})", percent(value / total)) } else { String::new() };
            format!("{}{share}", money(value, currency))
        };
        // Room for every bar's label beyond its end: a label `w` pixels wide
        // at value v needs v + (w + gap) / plot width × (x_max − x_min) inside the axis.
        let plot = f64::from(root.dim_in_pixel().0.saturating_sub(LABEL_WIDTH + 64).max(1));
        let need = |value: f64| (f64::from(super::text_width(&label(value), 13.0)) + 12.0) / plot;
        // Labels on both sides may together take at most 90% of the plot.
        let widest = |negative: bool| {
            values.iter().filter(|(_, v)| (*v < 0.0) == negative).map(|(_, v)| need(*v)).fold(0.0, f64::max)
        };
        let squeeze = (0.9 / (widest(true) + widest(false))).min(1.0);
        let (mut x_min, mut x_max) = (min.min(0.0), max.max(0.0) + span * 0.05);
        // Widening one side moves the other's labels: repeat until the range settles.
        for _ in 0..50 {
            let before = (x_min, x_max);
            for (_, value) in values {
                let k = need(*value) * squeeze;
                if *value < 0.0 {
                    x_min = x_min.min((value - k * x_max) / (1.0 - k));
                } else {
                    x_max = x_max.max((value - k * x_min) / (1.0 - k));
                }
            }
            if before == (x_min, x_max) {
                break;
            }
        }
        let names: Vec<String> =
            values.iter().map(|(n, _)| truncate(n, 10.5, LABEL_WIDTH as f32 - 14.0)).collect();
        let text = text_style();
        let money_label = |v: &f64| money(*v, currency);
        let mut chart = rows(root, x_min..x_max, count, LABEL_WIDTH, 12, &money_label)?;
        for (index, ((_, value), name)) in values.iter().zip(&names).enumerate() {
            // The first stakeholder is drawn at the top.
            let row = row(index, count);
            let bar =
                Rectangle::new([(0.0, row - 0.3), (*value, row + 0.3)], rgb(series_colour(index)).filled());
            chart.draw_series(std::iter::once(bar)).map_err(|e| e.to_string())?;
            let (h_pos, offset) =
                if *value < 0.0 { (HPos::Right, -span * 0.01) } else { (HPos::Left, span * 0.01) };
            let label = Text::new(
                label(*value),
                (*value + offset, row),
                text.clone().pos(Pos::new(h_pos, VPos::Center)),
            );
            chart.draw_series(std::iter::once(label)).map_err(|e| e.to_string())?;
            row_label(root, &chart, x_min, row, 8, name)?;
        }
        Ok(())
    }
}
