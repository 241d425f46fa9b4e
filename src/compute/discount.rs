//! Discounting (SPEC §2): future value is worth less today.
//!
//! With rate `r(t)` for year `t`, the cumulative factor is `D(0) = 1` and
//! `D(t) = D(t-1) / (1 + r(t))`. The timing setting says where in year `t` its
//! value falls: at the end (`D(t)`, the SROI Guide's convention), half-way
//! (`D(t-1) / (1 + r(t))^0.5`) or at the start (`D(t-1)`).

use crate::model::{DiscountRate, Settings, Timing};

impl DiscountRate {
    /// The rate for year `t` (1-based), as a fraction.
    ///
    /// The Green Book schedule: 3.5% for years 1–30, 3.0% for 31–75, 2.5% for
    /// 76–125, 2.0% for 126–200, 1.5% for 201–300 and 1.0% after.
    pub fn rate(self, t: u32) -> f64 {
        match self {
            DiscountRate::Constant(rate) => rate,
            DiscountRate::GreenBook => match t {
                0..=30 => 0.035,
                31..=75 => 0.030,
                76..=125 => 0.025,
                126..=200 => 0.020,
                201..=300 => 0.015,
                _ => 0.010,
            },
        }
    }
}

/// Discount factors for years `0..=horizon`, under one set of settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Discounting {
    settings: Settings,
    /// `cumulative[t]` is `D(t)`.
    cumulative: Vec<f64>,
}

impl Discounting {
    /// Factors up to and including year `horizon`.
    pub fn new(settings: Settings, horizon: u32) -> Self {
        let mut cumulative = Vec::with_capacity(horizon as usize + 1);
        cumulative.push(1.0);
        for t in 1..=horizon {
            let previous = cumulative[(t - 1) as usize];
            cumulative.push(previous / (1.0 + settings.discount_rate.rate(t)));
        }
        Discounting { settings, cumulative }
    }

    /// The factor applied to a value falling in year `t`; year 0 is not discounted.
    ///
    /// # Panics
    /// If `t` is beyond the horizon given to [`Discounting::new`].
    pub fn factor(&self, t: u32) -> f64 {
        if t == 0 {
            return 1.0;
        }
        let t_index = t as usize;
        match self.settings.discount_timing {
            Timing::End => self.cumulative[t_index],
            Timing::Mid => self.cumulative[t_index - 1] / (1.0 + self.settings.discount_rate.rate(t)).sqrt(),
            Timing::Start => self.cumulative[t_index - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(rate: DiscountRate, timing: Timing) -> Settings {
        Settings { discount_rate: rate, discount_timing: timing, ..Settings::default() }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn end_of_year_factor_is_compound_interest() {
        // 1 / 1.035^2 = 1 / 1.071225 = 0.933510...
        let d = Discounting::new(settings(DiscountRate::Constant(0.035), Timing::End), 2);
        assert_eq!(d.factor(0), 1.0);
        assert!(close(d.factor(1), 1.0 / 1.035));
        assert!(close(d.factor(2), 1.0 / 1.071225));
    }

    #[test]
    fn thirty_years_of_one_sum_to_the_annuity_factor() {
        // The present value of 1 a year for 30 years, end of year, at 3.5% is
        // the annuity factor (1 - 1.035^-30) / 0.035 = 18.392045...
        let d = Discounting::new(settings(DiscountRate::Constant(0.035), Timing::End), 30);
        let sum: f64 = (1..=30).map(|t| d.factor(t)).sum();
        let closed_form = (1.0 - 1.035_f64.powi(-30)) / 0.035;
        assert!(close(sum, closed_form));
        assert!((sum - 18.39205).abs() < 5e-6, "{sum}");
    }

    #[test]
    fn green_book_steps_down_after_year_thirty() {
        // Years 1-30 at 3.5%, so D(30) = 1.035^-30; year 31 is at 3.0%.
        let d = Discounting::new(settings(DiscountRate::GreenBook, Timing::End), 80);
        assert!(close(d.factor(30), 1.035_f64.powi(-30)));
        assert!(close(d.factor(31), d.factor(30) / 1.030));
        // Year 76 is the first at 2.5%: D(76) = D(75) / 1.025.
        assert!(close(d.factor(76), d.factor(75) / 1.025));
        assert!(close(d.factor(75), 1.035_f64.powi(-30) * 1.030_f64.powi(-45)));
    }

    #[test]
    fn green_book_schedule_matches_the_spec_at_every_boundary() {
        let g = DiscountRate::GreenBook;
        let cases = [(1, 0.035), (30, 0.035), (31, 0.03), (75, 0.03), (76, 0.025), (125, 0.025)];
        let more = [(126, 0.02), (200, 0.02), (201, 0.015), (300, 0.015), (301, 0.01), (1000, 0.01)];
        for (t, r) in cases.into_iter().chain(more) {
            assert_eq!(g.rate(t), r, "year {t}");
        }
    }

    #[test]
    fn mid_and_start_timing() {
        // Year 2 at 3.5%: start = D(1) = 1/1.035; mid = D(1) / sqrt(1.035).
        let start = Discounting::new(settings(DiscountRate::Constant(0.035), Timing::Start), 2);
        let mid = Discounting::new(settings(DiscountRate::Constant(0.035), Timing::Mid), 2);
        assert!(close(start.factor(1), 1.0));
        assert!(close(start.factor(2), 1.0 / 1.035));
        assert!(close(mid.factor(1), 1.0 / 1.035_f64.sqrt()));
        assert!(close(mid.factor(2), 1.0 / 1.035 / 1.035_f64.sqrt()));
    }

    #[test]
    fn zero_rate_discounts_nothing() {
        let d = Discounting::new(settings(DiscountRate::Constant(0.0), Timing::End), 10);
        assert!((0..=10).all(|t| d.factor(t) == 1.0));
    }
}
