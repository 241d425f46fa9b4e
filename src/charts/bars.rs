//! Present value by stakeholder: horizontal bars, each labelled with its value.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, FAMILY, WIDTH, accessible, chart_error, fonts, rgb, series_colour, truncate};
use crate::format::{money, percent};

/// Horizontal bars of `values` (label, amount), in `currency`.
pub fn by_stakeholder(values: &[(String, f64)], currency: &str, id: &str) -> Result<String, ChartError> {
    fonts();
    let err = chart_error("value by stakeholder");
    let rows = values.len().max(1);
    let height = 70 + 44 * rows as u32;
    let total: f64 = values.iter().map(|(_, v)| v).sum();
    let max = values.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
    let min = values.iter().map(|(_, v)| *v).fold(0.0_f64, f64::min);
    let span = (max - min).max(1.0);
    // Room for the value label at the end of the longest bar.
    let (x_min, x_max) = (min - if min < 0.0 { span * 0.25 } else { 0.0 }, max + span * 0.3);
    let label_width = 210u32;
    let names: Vec<String> =
        values.iter().map(|(n, _)| truncate(n, 13.0, label_width as f32 - 14.0)).collect();

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(label_width)
            .build_cartesian_2d(x_min..x_max, -0.5..rows as f64 - 0.5)
            .map_err(|e| err(e.to_string()))?;
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
            .label_style((FAMILY, 13).into_font().color(&RGBColor(34, 34, 34)))
            .draw()
            .map_err(|e| err(e.to_string()))?;
        for (index, ((_, value), name)) in values.iter().zip(&names).enumerate() {
            // The first stakeholder is drawn at the top.
            let row = (rows - 1 - index) as f64;
            let colour = rgb(series_colour(index));
            let bar = Rectangle::new([(0.0, row - 0.3), (*value, row + 0.3)], colour.filled());
            chart.draw_series(std::iter::once(bar)).map_err(|e| err(e.to_string()))?;
            let share = if total != 0.0 { format!(" ({})", percent(value / total)) } else { String::new() };
            let anchor = if *value < 0.0 {
                Pos::new(HPos::Right, VPos::Center)
            } else {
                Pos::new(HPos::Left, VPos::Center)
            };
            let offset = span * 0.01 * if *value < 0.0 { -1.0 } else { 1.0 };
            let label = Text::new(
                format!("{}{share}", money(*value, currency)),
                (*value + offset, row),
                (FAMILY, 13).into_font().color(&RGBColor(34, 34, 34)).pos(anchor),
            );
            chart.draw_series(std::iter::once(label)).map_err(|e| err(e.to_string()))?;
            let (x, y) = chart.backend_coord(&(x_min, row));
            root.draw(&Text::new(
                name.clone(),
                (x - 8, y),
                (FAMILY, 13)
                    .into_font()
                    .color(&RGBColor(34, 34, 34))
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(|e| err(e.to_string()))?;
        }
        root.present().map_err(|e| err(e.to_string()))?;
    }
    let description = values
        .iter()
        .map(|(name, value)| format!("{name}: {}", money(*value, currency)))
        .collect::<Vec<_>>()
        .join("; ");
    Ok(accessible(&svg, id, "Present value by stakeholder", &format!("Horizontal bar chart. {description}.")))
}
