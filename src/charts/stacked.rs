//! Value over time: one bar per year, stacked by stakeholder, with a legend.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, FAMILY, WIDTH, accessible, chart_error, fonts, rgb, series_colour, truncate};
use crate::format::money;

/// Stacked bars: for each year, each series' value (positive up, negative down).
pub fn over_time(
    years: &[u32],
    series: &[(String, Vec<f64>)],
    currency: &str,
    id: &str,
) -> Result<String, ChartError> {
    fonts();
    let err = chart_error("value over time");
    let n = years.len().max(1);
    let legend_rows = series.len().div_ceil(2).max(1) as u32;
    let plot_height = 320u32;
    let height = plot_height + 16 + 24 * legend_rows;
    let mut top = 0.0_f64;
    let mut bottom = 0.0_f64;
    for y in 0..years.len() {
        let up: f64 = series.iter().map(|(_, v)| v[y].max(0.0)).sum();
        let down: f64 = series.iter().map(|(_, v)| v[y].min(0.0)).sum();
        top = top.max(up);
        bottom = bottom.min(down);
    }
    let pad = (top - bottom).max(1.0) * 0.08;
    let (y_min, y_max) = (if bottom < 0.0 { bottom - pad } else { 0.0 }, top + pad);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        let (upper, lower) = root.split_vertically(plot_height);
        let mut chart = ChartBuilder::on(&upper)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(90)
            .build_cartesian_2d(-0.5..n as f64 - 0.5, y_min..y_max)
            .map_err(|e| err(e.to_string()))?;
        let money_label = |v: &f64| money(*v, currency);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(RGBColor(235, 235, 235))
            .bold_line_style(RGBColor(220, 220, 220))
            .axis_style(RGBColor(90, 90, 90))
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&money_label)
            .label_style((FAMILY, 13).into_font().color(&RGBColor(34, 34, 34)))
            .draw()
            .map_err(|e| err(e.to_string()))?;
        let mut up = vec![0.0; n];
        let mut down = vec![0.0; n];
        for (s, (_, values)) in series.iter().enumerate() {
            let colour = rgb(series_colour(s));
            let bars = values.iter().enumerate().filter(|(_, v)| **v != 0.0).map(|(i, &v)| {
                let base = if v >= 0.0 { &mut up[i] } else { &mut down[i] };
                let (from, to) = (*base, *base + v);
                *base = to;
                let width = if n == 1 { 0.2 } else { 0.36 };
                let corners = [(i as f64 - width, from), (i as f64 + width, to)];
                // A white outline separates adjacent segments, so they do not rely on colour alone.
                [Rectangle::new(corners, colour.filled()), Rectangle::new(corners, WHITE.stroke_width(1))]
            });
            let bars: Vec<_> = bars.flatten().collect();
            chart.draw_series(bars).map_err(|e| err(e.to_string()))?;
        }
        for (i, year) in years.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(i as f64, y_min));
            upper
                .draw(&Text::new(
                    format!("Year {year}"),
                    (x, y + 8),
                    (FAMILY, 13)
                        .into_font()
                        .color(&RGBColor(34, 34, 34))
                        .pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(|e| err(e.to_string()))?;
        }
        // Legend below the plot: a swatch and the name of each stakeholder, in stacking order.
        for (s, (name, _)) in series.iter().enumerate() {
            let (col, row) = ((s % 2) as i32, (s / 2) as i32);
            let x = 102 + col * 300;
            let y = 8 + row * 24;
            let colour = rgb(series_colour(s));
            lower
                .draw(&Rectangle::new([(x, y), (x + 14, y + 14)], colour.filled()))
                .map_err(|e| err(e.to_string()))?;
            lower
                .draw(&Text::new(
                    truncate(name, 13.0, 270.0),
                    (x + 20, y + 7),
                    (FAMILY, 13)
                        .into_font()
                        .color(&RGBColor(34, 34, 34))
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(|e| err(e.to_string()))?;
        }
        root.present().map_err(|e| err(e.to_string()))?;
    }
    let description = years
        .iter()
        .enumerate()
        .map(|(i, year)| {
            let total: f64 = series.iter().map(|(_, v)| v[i]).sum();
            format!("year {year}: {}", money(total, currency))
        })
        .collect::<Vec<_>>()
        .join("; ");
    Ok(accessible(
        &svg,
        id,
        "Value created each year, by stakeholder",
        &format!(
            "Stacked bar chart of undiscounted value by year, one colour per stakeholder in the order of the legend. Totals: {description}."
        ),
    ))
}
