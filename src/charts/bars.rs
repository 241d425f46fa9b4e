//! Present value by stakeholder: horizontal bars, each labelled with its value.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, FAMILY, WIDTH, rgb, series_colour, truncate};
use crate::format::{money, percent};

/// Horizontal bars of (label, amount), in a currency.
pub struct ByStakeholder<'a> {
    /// (stakeholder, present value).
    pub values: &'a [(String, f64)],
    /// ISO 4217 code.
    pub currency: &'a str,
}

const LABEL_WIDTH: u32 = 210;

impl Chart for ByStakeholder<'_> {
    fn name(&self) -> &'static str {
        "value by stakeholder"
    }

    fn size(&self) -> (u32, u32) {
        (WIDTH, 70 + 44 * self.values.len().max(1) as u32)
    }

    fn title(&self) -> String {
        "Present value by stakeholder".to_owned()
    }

    fn description(&self) -> String {
        let items: Vec<String> = self
            .values
            .iter()
            .map(|(name, value)| format!("{name}: {}", money(*value, self.currency)))
            .collect();
        format!("Horizontal bar chart. {}.", items.join("; "))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let (values, currency) = (self.values, self.currency);
        let rows = values.len().max(1);
        let total: f64 = values.iter().map(|(_, v)| v).sum();
        let max = values.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
        let min = values.iter().map(|(_, v)| *v).fold(0.0_f64, f64::min);
        let span = (max - min).max(1.0);
        // Room for the value label at the end of the longest bar.
        let (x_min, x_max) = (min - if min < 0.0 { span * 0.25 } else { 0.0 }, max + span * 0.3);
        let names: Vec<String> =
            values.iter().map(|(n, _)| truncate(n, 10.5, LABEL_WIDTH as f32 - 14.0)).collect();
        let text = (FAMILY, 13).into_font().color(&RGBColor(34, 34, 34));

        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(LABEL_WIDTH)
            .build_cartesian_2d(x_min..x_max, -0.5..rows as f64 - 0.5)
            .map_err(|e| e.to_string())?;
        let money_label = |v: &f64| money(*v, currency);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(RGBColor(235, 235, 235))
            .bold_line_style(RGBColor(220, 220, 220))
            .axis_style(RGBColor(90, 90, 90))
            .x_labels(5)
            .x_label_formatter(&money_label)
            .y_labels(0)
            .label_style(text.clone())
            .draw()
            .map_err(|e| e.to_string())?;
        for (index, ((_, value), name)) in values.iter().zip(&names).enumerate() {
            // The first stakeholder is drawn at the top.
            let row = (rows - 1 - index) as f64;
            let bar =
                Rectangle::new([(0.0, row - 0.3), (*value, row + 0.3)], rgb(series_colour(index)).filled());
            chart.draw_series(std::iter::once(bar)).map_err(|e| e.to_string())?;
            let share = if total != 0.0 { format!(" ({})", percent(value / total)) } else { String::new() };
            let (h_pos, offset) =
                if *value < 0.0 { (HPos::Right, -span * 0.01) } else { (HPos::Left, span * 0.01) };
            let label = Text::new(
                format!("{}{share}", money(*value, currency)),
                (*value + offset, row),
                text.clone().pos(Pos::new(h_pos, VPos::Center)),
            );
            chart.draw_series(std::iter::once(label)).map_err(|e| e.to_string())?;
            let (x, y) = chart.backend_coord(&(x_min, row));
            root.draw(&Text::new(
                name.clone(),
                (x - 8, y),
                text.clone().pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}
