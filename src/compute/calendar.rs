//! Days between dates, for shares of a year "pro rata by days" (SPEC §8).
//!
//! Dates are civil (proleptic Gregorian) dates, counted by the model's own
//! day arithmetic ([`Date::day_number`]); a span is half-open, from its
//! first day up to (not including) its end, so spans that follow each other
//! share no day.

use crate::model::Date;

/// The number of the day `date` falls on, counted from 1970-01-01.
pub fn day_number(date: Date) -> i64 {
    date.day_number()
}

/// `date` moved by `years` whole years; 29 February becomes 28 February in a
/// year that has none.
pub fn add_years(date: Date, years: i32) -> Date {
    date.plus_years(years)
}

/// The day after `date`.
pub fn next_day(date: Date) -> Date {
    Date::from_day_number(date.day_number() + 1)
}

/// The day before `date`.
pub fn day_before(date: Date) -> Date {
    date.minus_one_day()
}

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
        Span { start: first, end: next_day(last) }
    }

    /// How many days it has.
    pub fn days(&self) -> i64 {
        (day_number(self.end) - day_number(self.start)).max(0)
    }

    /// How many of its days are also in `other`.
    pub fn overlap(&self, other: &Span) -> i64 {
        let start = day_number(self.start).max(day_number(other.start));
        let end = day_number(self.end).min(day_number(other.end));
        (end - start).max(0)
    }

    /// The share of its days that are also in `other` (0 for an empty span).
    pub fn share_in(&self, other: &Span) -> f64 {
        match self.days() {
            0 => 0.0,
            days => self.overlap(other) as f64 / days as f64,
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
    fn day_numbers_count_from_1970() {
        assert_eq!(day_number(d("1970-01-01")), 0);
        assert_eq!(day_number(d("2000-03-01")) - day_number(d("2000-02-28")), 2, "2000 is a leap year");
        assert_eq!(day_number(d("1900-03-01")) - day_number(d("1900-02-28")), 1, "1900 is not");
        assert_eq!(day_number(d("2025-01-01")), 20_089);
    }

    #[test]
    fn years_and_days_move_on() {
        assert_eq!(add_years(d("2024-02-29"), 1), d("2025-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 4), d("2028-02-29"));
        assert_eq!(next_day(d("2026-12-31")), d("2027-01-01"));
        assert_eq!(next_day(d("2028-02-28")), d("2028-02-29"));
        assert_eq!(next_day(d("2027-02-28")), d("2027-03-01"));
        assert_eq!(day_before(d("2027-03-01")), d("2027-02-28"));
        assert_eq!(day_before(d("2028-03-01")), d("2028-02-29"));
        assert_eq!(day_before(d("2027-01-01")), d("2026-12-31"));
        assert_eq!(day_before(d("2027-05-12")), d("2027-05-11"));
    }

    #[test]
    fn a_share_is_counted_in_days() {
        // A UK financial year with a 29 February in it has 366 days.
        let year = Span::inclusive(d("2027-04-01"), d("2028-03-31"));
        assert_eq!(year.days(), 366);
        // October to March of it: 31+30+31+31+29+31 = 183 days of 366.
        let half = Span::inclusive(d("2027-10-01"), d("2028-03-31"));
        assert_eq!(half.overlap(&year), 183);
        assert_eq!(half.share_in(&year), 1.0);
        assert_eq!(year.share_in(&half), 183.0 / 366.0);
        // Spans that only touch share nothing.
        let before = Span::inclusive(d("2026-04-01"), d("2027-03-31"));
        assert_eq!(before.overlap(&year), 0);
    }
}
