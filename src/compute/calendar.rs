//! Days between dates, for shares of a year "pro rata by days" (SPEC §8).
//!
//! Dates are civil (proleptic Gregorian) dates, counted by the model's own
//! day arithmetic ([`Date::day_number`]); a span is half-open, from its
//! first day up to (not including) its end, so spans that follow each other
//! share no day.

use crate::model::Date;

/// A half-open span of days: from `start` up to, not including, `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Its first day.
    pub start: Date,
    /// The day after its last.
    pub end: Date,
}

impl Span {
    /// The span from `first` to `last`, both included (as periods are written).
    pub fn inclusive(first: Date, last: Date) -> Span {
        Span { start: first, end: Date::from_day_number(last.day_number() + 1) }
    }

    /// How many days it has.
    pub fn days(&self) -> i64 {
        (self.end.day_number() - self.start.day_number()).max(0)
    }

    /// How many of its days are also in `other`.
    pub fn overlap(&self, other: &Span) -> i64 {
        let start = self.start.day_number().max(other.start.day_number());
        let end = self.end.day_number().min(other.end.day_number());
        (end - start).max(0)
    }

    /// `value`'s part in `other`: `value` times the days also in `other`, then
    /// divided by its own days (so whole spans stay exact); 0 for an empty span.
    pub fn pro_rata(&self, value: f64, other: &Span) -> f64 {
        match self.days() {
            0 => 0.0,
            days => value * self.overlap(other) as f64 / days as f64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn the_models_day_numbers_count_from_1970() {
        assert_eq!(d("1970-01-01").day_number(), 0);
        assert_eq!(d("2000-03-01").day_number() - d("2000-02-28").day_number(), 2, "2000 is a leap year");
        assert_eq!(d("1900-03-01").day_number() - d("1900-02-28").day_number(), 1, "1900 is not");
        assert_eq!(d("2025-01-01").day_number(), 20_089);
    }

    #[test]
    fn the_models_years_and_days_move_on() {
        assert_eq!(d("2024-02-29").plus_years(1), d("2025-02-28"));
        assert_eq!(d("2024-02-29").plus_years(4), d("2028-02-29"));
        assert_eq!(Date::from_day_number(d("2026-12-31").day_number() + 1), d("2027-01-01"));
        assert_eq!(Date::from_day_number(d("2028-02-28").day_number() + 1), d("2028-02-29"));
        assert_eq!(Date::from_day_number(d("2027-02-28").day_number() + 1), d("2027-03-01"));
        assert_eq!(d("2027-03-01").minus_one_day(), d("2027-02-28"));
        assert_eq!(d("2028-03-01").minus_one_day(), d("2028-02-29"));
        assert_eq!(d("2027-01-01").minus_one_day(), d("2026-12-31"));
        assert_eq!(d("2027-05-12").minus_one_day(), d("2027-05-11"));
    }

    #[test]
    fn a_share_is_counted_in_days() {
        // A UK financial year with a 29 February in it has 366 days.
        let year = Span::inclusive(d("2027-04-01"), d("2028-03-31"));
        assert_eq!(year.days(), 366);
        // October to March of it: 31+30+31+31+29+31 = 183 days of 366.
        let half = Span::inclusive(d("2027-10-01"), d("2028-03-31"));
        assert_eq!(half.overlap(&year), 183);
        assert_eq!(half.pro_rata(1.0, &year), 1.0);
        assert_eq!(year.pro_rata(1.0, &half), 183.0 / 366.0);
        assert_eq!(year.pro_rata(366.0, &half), 183.0, "whole days stay exact");
        // Spans that only touch share nothing.
        let before = Span::inclusive(d("2026-04-01"), d("2027-03-31"));
        assert_eq!(before.overlap(&year), 0);
    }
}
