//! The edge's one reading of the clock: every report, comparison, statement
//! and workbook of a run carries this time.

/// Now, in seconds since 1970 (UTC): `SOURCE_DATE_EPOCH` if set and valid
/// (reproducible builds), else the system clock.
pub fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
    })
}
