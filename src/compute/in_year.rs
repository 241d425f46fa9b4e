//! The value of one statement year (SPEC §8): what an analysis adds to a
//! council's year, apart from its lifetime present value.
//!
//! For an analysis whose `period` starts on S, year t runs from S + (t-1)
//! years up to S + t years; its undiscounted value counts in the statement
//! year by the share of its days inside that year. In an evaluative analysis
//! the years that begin on or before the end of its period were observed
//! (SPEC §6); later years, and every year of a forecast, are projected, so
//! their in-year value is a forecast, not value delivered.

use super::Results;
use super::calendar::Span;
use crate::model::{Analysis, AnalysisKind, Date};

/// The year a statement covers: a UK financial year (`2026/27`, 1 April to
/// 31 March) or a calendar year (`2026`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementYear {
    /// As written: `2026/27` or `2026`.
    pub label: String,
    /// Its days.
    pub span: Span,
}

impl StatementYear {
    /// Reads `2026/27` (a financial year; the second part is the next year's
    /// last two digits) or `2026` (a calendar year).
    pub fn parse(text: &str) -> Result<StatementYear, String> {
        let text = text.trim();
        let four = |t: &str| {
            (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse::<i32>().ok()).flatten()
        };
        let date = |year: i32, month: u8| Date { year, month, day: 1 };
        if let Some((first, second)) = text.split_once('/') {
            let start = four(first)
                .ok_or_else(|| format!("`{first}` is not a year; write a financial year as `2026/27`"))?;
            let expected = format!("{:02}", (start + 1).rem_euclid(100));
            if second != expected {
                return Err(format!(
                    "the financial year after April {start} is written `{start}/{expected}`"
                ));
            }
            Ok(StatementYear {
                label: text.to_owned(),
                span: Span { start: date(start, 4), end: date(start + 1, 4) },
            })
        } else {
            let year = four(text).ok_or_else(|| {
                format!(
                    "`{text}` is not a year; write a financial year as `2026/27` or a calendar year as `2026`"
                )
            })?;
            Ok(StatementYear {
                label: text.to_owned(),
                span: Span { start: date(year, 1), end: date(year + 1, 1) },
            })
        }
    }
}

/// An analysis's value in a statement year, undiscounted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InYear {
    /// Of the years it observed (an evaluation's years up to the end of its period).
    pub delivered: f64,
    /// Of the years it projects (a forecast's, and an evaluation's later years).
    pub forecast: f64,
}

/// Why an analysis adds nothing to a statement year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotInYear {
    /// It has no `period:`, so its years cannot be placed in time.
    NoPeriod,
    /// None of its years falls in the statement year.
    Outside {
        /// The first day of its first year.
        first: Date,
        /// The first day after its last year.
        end: Date,
    },
}

/// How much of each analysis year falls in the statement year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    /// Days of the analysis year inside the statement year.
    pub inside: i64,
    /// Days of the analysis year.
    pub days: i64,
    /// Whether the analysis observed the year (an evaluation, up to the end of its period).
    pub observed: bool,
}

impl Share {
    /// `value`'s part in the statement year: the value times the days inside,
    /// then divided by the year's days, so whole years stay exact.
    pub fn of(&self, value: f64) -> f64 {
        if self.inside == 0 { 0.0 } else { value * self.inside as f64 / self.days as f64 }
    }
}

/// For each of `years` analysis years of `analysis`, its share of `year`.
pub fn shares(analysis: &Analysis, years: usize, year: &StatementYear) -> Result<Vec<Share>, NotInYear> {
    let period = analysis.period.ok_or(NotInYear::NoPeriod)?;
    let start = period.start;
    let shares: Vec<Share> = (0i32..)
        .take(years)
        .map(|t| {
            let span = Span { start: start.plus_years(t), end: start.plus_years(t + 1) };
            // Year t+1 begins at S + t years: observed when on or before the period's end.
            let observed = analysis.kind == AnalysisKind::Evaluative
                && (t == 0 || span.start.day_number() <= period.end.day_number());
            Share { inside: span.overlap(&year.span), days: span.days(), observed }
        })
        .collect();
    if shares.iter().any(|s| s.inside > 0) {
        Ok(shares)
    } else {
        let years = i32::try_from(years).unwrap_or(i32::MAX);
        Err(NotInYear::Outside { first: start, end: start.plus_years(years) })
    }
}

/// Splits yearly `values` (index 0 is year 1) into what falls in the
/// statement year as delivered and as forecast.
pub fn split(values: &[f64], shares: &[Share]) -> InYear {
    let mut split = InYear { delivered: 0.0, forecast: 0.0 };
    for (value, share) in values.iter().zip(shares) {
        if share.inside == 0 {
            continue;
        }
        if share.observed {
            split.delivered += share.of(*value);
        } else {
            split.forecast += share.of(*value);
        }
    }
    split
}

/// The value of `analysis` (computed as `results`) in `year`.
pub fn in_year(analysis: &Analysis, results: &Results, year: &StatementYear) -> Result<InYear, NotInYear> {
    let shares = shares(analysis, results.years.len(), year)?;
    let values: Vec<f64> = results.years.iter().map(|y| y.value).collect();
    Ok(split(&values, &shares))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    fn d(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    /// An analysis whose years are worth `values` (undiscounted), from `start`.
    fn analysis(kind: AnalysisKind, period: Option<(&str, &str)>, values: &[f64]) -> (Analysis, Results) {
        let source = crate::source::SourceFile::new("t.yaml", crate::cli::init::EXAMPLE);
        let (mut analysis, _) = crate::analyse(&source).expect("the example is valid");
        analysis.kind = kind;
        analysis.period = period.map(|(s, e)| Period { start: d(s), end: d(e) });
        let mut results = super::super::compute(&analysis);
        results.years.truncate(values.len());
        while results.years.len() < values.len() {
            let mut extra = results.years[0].clone();
            extra.year = results.years.len() as u32 + 1;
            results.years.push(extra);
        }
        for (year, value) in results.years.iter_mut().zip(values) {
            year.value = *value;
        }
        (analysis, results)
    }

    #[test]
    fn years_are_written_as_financial_or_calendar_years() {
        let fy = StatementYear::parse("2026/27").expect("financial year");
        assert_eq!(fy.span, Span { start: d("2026-04-01"), end: d("2027-04-01") });
        let cy = StatementYear::parse("2026").expect("calendar year");
        assert_eq!(cy.span, Span { start: d("2026-01-01"), end: d("2027-01-01") });
        assert_eq!(StatementYear::parse("1999/00").expect("across a century").span.end, d("2000-04-01"));
        assert!(StatementYear::parse("2026/28").is_err_and(|e| e.contains("`2026/27`")));
        assert!(StatementYear::parse("next year").is_err());
    }

    #[test]
    fn an_evaluation_of_the_year_counts_its_first_year_whole() {
        // Period = the statement year; year 1 is the same 365 days, so all its
        // value counts; years 2 and 3 begin after the period and fall after the year.
        let (a, r) =
            analysis(AnalysisKind::Evaluative, Some(("2025-04-01", "2026-03-31")), &[100.0, 80.0, 60.0]);
        let year = StatementYear::parse("2025/26").expect("year");
        assert_eq!(in_year(&a, &r, &year), Ok(InYear { delivered: 100.0, forecast: 0.0 }));
        // In 2026/27 the same analysis adds its year 2, which it projects.
        let next = StatementYear::parse("2026/27").expect("year");
        assert_eq!(in_year(&a, &r, &next), Ok(InYear { delivered: 0.0, forecast: 80.0 }));
    }

    #[test]
    fn a_year_that_straddles_the_statement_counts_pro_rata_by_days() {
        // Years from 1 October 2025: year 1 (to 30 Sep 2026, 365 days) has
        // 182 days in 2025/26 (1 Oct–31 Mar); year 2 (from 1 Oct 2026) none.
        let (a, r) = analysis(AnalysisKind::Evaluative, Some(("2025-10-01", "2026-09-30")), &[365.0, 730.0]);
        let year = StatementYear::parse("2025/26").expect("year");
        let split = in_year(&a, &r, &year).expect("counted");
        assert_eq!(split.delivered, 182.0);
        assert_eq!(split.forecast, 0.0);
        // 2026/27 takes year 1's other 183 days (observed) and 182 of year 2's
        // 365 (1 Oct 2026–31 Mar 2027, projected: it begins after the period).
        let next = StatementYear::parse("2026/27").expect("year");
        let split = in_year(&a, &r, &next).expect("counted");
        assert_eq!(split.delivered, 183.0);
        assert_eq!(split.forecast, 730.0 * 182.0 / 365.0);
    }

    #[test]
    fn a_forecast_is_all_forecast() {
        let (a, r) =
            analysis(AnalysisKind::Forecast, Some(("2026-04-01", "2029-03-31")), &[10.0, 20.0, 30.0]);
        let year = StatementYear::parse("2027/28").expect("year");
        assert_eq!(in_year(&a, &r, &year), Ok(InYear { delivered: 0.0, forecast: 20.0 }));
    }

    #[test]
    fn each_reason_for_not_counting() {
        let (a, r) = analysis(AnalysisKind::Evaluative, None, &[10.0]);
        let year = StatementYear::parse("2026/27").expect("year");
        assert_eq!(in_year(&a, &r, &year), Err(NotInYear::NoPeriod));
        let (a, r) = analysis(AnalysisKind::Evaluative, Some(("2023-04-01", "2024-03-31")), &[10.0, 5.0]);
        assert_eq!(
            in_year(&a, &r, &year),
            Err(NotInYear::Outside { first: d("2023-04-01"), end: d("2025-04-01") })
        );
    }
}
