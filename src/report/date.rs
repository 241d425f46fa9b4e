//! The date a report carries, in words, from the time the command line read
//! once (`SOURCE_DATE_EPOCH` when set, for reproducible builds; else now).

use crate::model::Date;

/// The UTC calendar date of a Unix time.
pub fn from_unix_seconds(seconds: i64) -> Date {
    Date::from_day_number(seconds.div_euclid(86_400))
}

/// `22 November 2026`.
pub fn long(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(usize::from(date.month.saturating_sub(1))).copied().unwrap_or("");
    format!("{} {month} {}", date.day, date.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_become_calendar_dates() {
        assert_eq!(from_unix_seconds(0), Date { year: 1970, month: 1, day: 1 });
        // 1,700,000,000 s is 14 November 2023, 22:13 UTC.
        assert_eq!(from_unix_seconds(1_700_000_000), Date { year: 2023, month: 11, day: 14 });
        // 29 February 2024 00:00 UTC is 1,709,164,800 s.
        assert_eq!(from_unix_seconds(1_709_164_800), Date { year: 2024, month: 2, day: 29 });
        assert_eq!(long(Date { year: 2026, month: 11, day: 22 }), "22 November 2026");
    }
}
