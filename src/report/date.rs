//! The date a report carries, in words, from the time the command line read
//! once (`SOURCE_DATE_EPOCH` when set, for reproducible builds; else now).

use crate::model::Date;

/// The UTC calendar date of a Unix time (Howard Hinnant's `civil_from_days`).
pub fn from_unix_seconds(seconds: i64) -> Date {
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date { year: i32::try_from(year).unwrap_or(i32::MAX), month: month as u8, day: day as u8 }
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
