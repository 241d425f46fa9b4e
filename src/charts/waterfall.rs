//! From gross value to present value: a horizontal waterfall, each step a
//! bar from the running total, labelled with its amount.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, FAMILY, WIDTH, accessible, chart_error, fonts, rgb};
use crate::colour::{PALETTE, Rgb};
use crate::format::money;

/// `steps` are (label, amount): the first and last are totals, the others changes.
pub fn waterfall(steps: &[(&str, f64)], accent: Rgb, currency: &str, id: &str) -> Result<String, ChartError> {
    fonts();
    let err = chart_error("waterfall");
    let rows = steps.len().max(1);
    let height = 60 + 40 * rows as u32;
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

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(150)
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
        let text_style = (FAMILY, 13).into_font().color(&RGBColor(34, 34, 34));
        for (index, ((label, amount), (from, to))) in steps.iter().zip(&spans).enumerate() {
            let total = index == 0 || index == steps.len() - 1;
            // Gross value at the top, present value at the bottom.
            let row = (rows - 1 - index) as f64;
            let colour = if total { rgb(accent) } else { rgb(PALETTE[5]) };
            let bar =
                Rectangle::new([(from.min(*to), row - 0.32), (from.max(*to), row + 0.32)], colour.filled());
            chart.draw_series(std::iter::once(bar)).map_err(|e| err(e.to_string()))?;
            let value = Text::new(
                money(*amount, currency),
                (from.max(*to) + span * 0.01, row),
                text_style.clone().pos(Pos::new(HPos::Left, VPos::Center)),
            );
            chart.draw_series(std::iter::once(value)).map_err(|e| err(e.to_string()))?;
            let (x, y) = chart.backend_coord(&(x_min, row));
            root.draw(&Text::new(
                *label,
                (x - 8, y),
                text_style.clone().pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(|e| err(e.to_string()))?;
        }
        root.present().map_err(|e| err(e.to_string()))?;
    }
    let description = steps
        .iter()
        .map(|(label, amount)| format!("{label}: {}", money(*amount, currency)))
        .collect::<Vec<_>>()
        .join("; ");
    Ok(accessible(
        &svg,
        id,
        "From gross value to present value",
        &format!(
            "Waterfall chart: the gross value of the outcomes, what each adjustment takes away, and the present value left. {description}."
        ),
    ))
}
