//! The value mix: for each analysis, a bar split by stakeholder group into
//! each group's share of the value created, so programmes whose value goes
//! to different people are seen to differ. Groups are matched by name across
//! analyses and keep one colour; past the palette's size the smallest are
//! shown together as "Other groups".

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, WIDTH, rgb, row, row_label, rows, series_colour, text_style, truncate};
use crate::format::percent;

/// For each analysis (title), each group's present value.
pub struct ValueMix<'a> {
    /// (analysis, [(stakeholder group, present value)]).
    pub rows: &'a [(String, Vec<(String, f64)>)],
}

const LABEL_WIDTH: u32 = 230;
/// The palette colours groups get, in order: all but the grey, kept for
/// "Other groups", and the brown, too near the orange beside it.
const COLOURS: [usize; 6] = [0, 1, 2, 3, 4, 6];
/// Groups with a colour of their own; the rest are shown together.
const GROUPS: usize = COLOURS.len();
const OTHER: &str = "Other groups";

/// The colour of the legend's `slot`th group.
fn colour(slot: usize, legend: &[String]) -> RGBColor {
    if legend.get(slot).is_some_and(|name| name == OTHER) {
        rgb(crate::colour::PALETTE[5])
    } else {
        rgb(series_colour(COLOURS[slot % COLOURS.len()]))
    }
}

impl ValueMix<'_> {
    /// The groups of the legend, largest total share first, then "Other groups" if any.
    fn groups(&self) -> Vec<String> {
        let mut totals: Vec<(String, f64)> = Vec::new();
        for (_, groups) in self.rows {
            let whole = positive_total(groups);
            for (name, value) in groups.iter().filter(|(_, v)| *v > 0.0) {
                let share = value / whole;
                match totals.iter_mut().find(|(n, _)| n == name) {
                    Some((_, total)) => *total += share,
                    None => totals.push((name.clone(), share)),
                }
            }
        }
        // Stable: ties keep the order groups were first seen in.
        totals.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut names: Vec<String> = totals.into_iter().map(|(n, _)| n).collect();
        if names.len() > GROUPS {
            names.truncate(GROUPS);
            names.push(OTHER.to_owned());
        }
        names
    }

    /// Each group's share of one analysis's positive value, in legend order.
    fn shares(groups: &[(String, f64)], legend: &[String]) -> Vec<f64> {
        let whole = positive_total(groups);
        let mut shares = vec![0.0; legend.len()];
        for (name, value) in groups.iter().filter(|(_, v)| *v > 0.0) {
            let slot = legend.iter().position(|n| n == name).unwrap_or(legend.len().saturating_sub(1));
            if let Some(share) = shares.get_mut(slot) {
                *share += value / whole;
            }
        }
        shares
    }
}

fn positive_total(groups: &[(String, f64)]) -> f64 {
    groups.iter().map(|(_, v)| v.max(0.0)).sum::<f64>().max(f64::MIN_POSITIVE)
}

impl Chart for ValueMix<'_> {
    fn name(&self) -> &'static str {
        "value mix"
    }

    fn size_at(&self, width: u32) -> (u32, u32) {
        let legend_rows = self.groups().len().div_ceil(2).max(1) as u32;
        (width, 70 + 44 * self.rows.len().max(1) as u32 + 24 * legend_rows)
    }

    fn title(&self) -> String {
        "Who the value goes to, in each analysis".to_owned()
    }

    fn description(&self) -> String {
        let legend = self.groups();
        let items: Vec<String> = self
            .rows
            .iter()
            .map(|(analysis, groups)| {
                let parts: Vec<String> = legend
                    .iter()
                    .zip(Self::shares(groups, &legend))
                    .filter(|(_, share)| *share > 0.0)
                    .map(|(name, share)| format!("{name} {}", percent(share)))
                    .collect();
                format!("{analysis}: {}", parts.join(", "))
            })
            .collect();
        format!(
            "Stacked bar chart of each analysis's value by stakeholder group, as shares of the value it creates (groups whose value is negative are left out). {}.",
            items.join("; ")
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let legend = self.groups();
        let legend_height = 24 * legend.len().div_ceil(2).max(1) as u32 + 8;
        let (_, height) = root.dim_in_pixel();
        let (upper, lower) = root.split_vertically(height.saturating_sub(legend_height));
        let count = self.rows.len();
        let share_label = |v: &f64| percent(*v);
        let mut chart = rows(&upper, 0.0..1.0, count, LABEL_WIDTH, 12, &share_label)?;
        let text = text_style();
        for (index, (analysis, groups)) in self.rows.iter().enumerate() {
            let row = row(index, count);
            let mut from = 0.0;
            for (slot, share) in Self::shares(groups, &legend).into_iter().enumerate() {
                if share <= 0.0 {
                    continue;
                }
                let corners = [(from, row - 0.3), (from + share, row + 0.3)];
                let colour = colour(slot, &legend);
                // A white outline separates adjacent segments, so they do not rely on colour alone.
                chart
                    .draw_series([
                        Rectangle::new(corners, colour.filled()),
                        Rectangle::new(corners, WHITE.stroke_width(1)),
                    ])
                    .map_err(|e| e.to_string())?;
                // The share inside its segment, when it fits.
                let (left, _) = chart.backend_coord(&(from, row));
                let (right, _) = chart.backend_coord(&(from + share, row));
                let words = percent(share);
                if (right - left) as f32 > super::text_width(&words, 13.0) + 8.0 {
                    let label = Text::new(
                        words,
                        (from + share / 2.0, row),
                        text.clone().color(&WHITE).pos(Pos::new(HPos::Center, VPos::Center)),
                    );
                    chart.draw_series(std::iter::once(label)).map_err(|e| e.to_string())?;
                }
                from += share;
            }
            row_label(&upper, &chart, 0.0, row, 8, &truncate(analysis, 10.5, LABEL_WIDTH as f32 - 14.0))?;
        }
        // Two legend columns, as far apart as the chart's width allows (240 px at [`WIDTH`]).
        let step = 240 * root.dim_in_pixel().0 as i32 / WIDTH as i32;
        for (slot, name) in legend.iter().enumerate() {
            let (col, row) = ((slot % 2) as i32, (slot / 2) as i32);
            let (x, y) = (LABEL_WIDTH as i32 + 12 + col * step, 4 + row * 24);
            lower
                .draw(&Rectangle::new([(x, y), (x + 14, y + 14)], colour(slot, &legend).filled()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_of_the_positive_value_and_groups_past_the_palette_are_other() {
        let rows = vec![
            ("A".to_owned(), vec![("x".to_owned(), 30.0), ("y".to_owned(), 10.0), ("harm".to_owned(), -5.0)]),
            ("B".to_owned(), vec![("y".to_owned(), 50.0)]),
        ];
        let mix = ValueMix { rows: &rows };
        let legend = mix.groups();
        assert_eq!(legend, ["y", "x"]);
        assert_eq!(ValueMix::shares(&rows[0].1, &legend), [0.25, 0.75]);
        let many: Vec<(String, f64)> = (0..12).map(|i| (format!("g{i}"), f64::from(12 - i))).collect();
        let rows = vec![("C".to_owned(), many)];
        let legend = ValueMix { rows: &rows }.groups();
        assert_eq!(legend.len(), GROUPS + 1);
        assert_eq!(legend.last().map(String::as_str), Some(OTHER));
        let shares = ValueMix::shares(&rows[0].1, &legend);
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
