//! Figures for people: money, ratios and percentages as reports print them.
//!
//! Computation keeps full precision; these functions are the only place
//! figures are rounded, so every output shows the same numbers.

/// How a currency is written.
struct Currency {
    symbol: &'static str,
    /// Symbol before the number (`£5`) or a code after it (`5 CHF`)?
    prefix: bool,
    decimals: usize,
}

fn currency(code: &str) -> Currency {
    let prefixed = |symbol| Currency { symbol, prefix: true, decimals: 2 };
    match code {
        "GBP" => prefixed("£"),
        "EUR" => prefixed("€"),
        "USD" => prefixed("$"),
        "AUD" => prefixed("A$"),
        "CAD" => prefixed("C$"),
        "NZD" => prefixed("NZ$"),
        "HKD" => prefixed("HK$"),
        "SGD" => prefixed("S$"),
        "INR" => prefixed("₹"),
        "ZAR" => prefixed("R"),
        "JPY" => Currency { symbol: "¥", prefix: true, decimals: 0 },
        _ => Currency { symbol: "", prefix: false, decimals: 2 },
    }
}

/// Groups the digits of a non-negative whole number in thousands: `1234567` → `1,234,567`.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `value` with `decimals` places and thousands separators: `-1234.5` → `-1,234.50`.
/// Rounds half away from zero, as people and spreadsheets do (`2250.5` → `2,251`).
pub fn number(value: f64, decimals: usize) -> String {
    let factor = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let text = format!("{:.*}", decimals, (value.abs() * factor).round() / factor);
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), ""), |(w, f)| (w, f));
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    let fraction = if fraction.is_empty() { String::new() } else { format!(".{fraction}") };
    format!("{sign}{}{fraction}", group_thousands(whole))
}

fn money_with(value: f64, code: &str, decimals: Option<usize>) -> String {
    let c = currency(code);
    let places = decimals.unwrap_or(c.decimals).min(c.decimals);
    let digits = number(value.abs(), places);
    let sign =
        if value < 0.0 && digits.chars().any(|ch| ch.is_ascii_digit() && ch != '0') { "-" } else { "" };
    if c.prefix { format!("{sign}{}{digits}", c.symbol) } else { format!("{sign}{digits} {code}") }
}

/// Money in whole units, as headline figures are shown: `£1,234,567`, `-£250`, `1,200 CHF`.
pub fn money(value: f64, currency_code: &str) -> String {
    money_with(value, currency_code, Some(0))
}

/// Money with the currency's minor units, for unit values: `£12.21`.
pub fn money_exact(value: f64, currency_code: &str) -> String {
    money_with(value, currency_code, None)
}

/// A ratio as SROI reports write it: `3.87 : 1`, with no-break spaces so a
/// line never splits it.
pub fn ratio(value: f64) -> String {
    format!("{}\u{a0}:\u{a0}1", number(value, 2))
}

/// A number as people type one where a fraction is meant: `25%` is 0.25,
/// and `0.25` is itself; `None` unless it is a finite number.
pub fn percent_or_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let value = match text.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().ok()? / 100.0,
        None => text.parse::<f64>().ok()?,
    };
    value.is_finite().then_some(value)
}

/// A fraction as a percentage with at most one decimal: `0.25` → `25%`, `0.125` → `12.5%`.
pub fn percent(fraction: f64) -> String {
    let text = number(fraction * 100.0, 1);
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text}%")
}

/// The sentence a funder reads first: "For every £1 invested, £3.87 of social value is created."
/// A forecast says what is expected: "… is forecast to be created."
/// A ratio below zero means value is destroyed, and says so.
pub fn headline(ratio: f64, currency_code: &str, forecast: bool) -> String {
    let forecast = if forecast { Forecast::All } else { Forecast::None };
    headline_for("For every", ratio, currency_code, forecast)
}

/// How much of the value a headline speaks of is forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forecast {
    /// None: the value was created (or lost).
    None,
    /// Some of it: created or forecast.
    Some,
    /// All of it: forecast to be created (or lost).
    All,
}

/// The headline sentence with its own opening (`For every`, `Across the
/// analyses counted, for every`), the verb fitting the ratio's sign and how
/// much of the value is forecast.
pub fn headline_for(opening: &str, ratio: f64, currency_code: &str, forecast: Forecast) -> String {
    let verb = match (ratio < 0.0, forecast) {
        (false, Forecast::None) => "is created",
        (false, Forecast::Some) => "is created or forecast",
        (false, Forecast::All) => "is forecast to be created",
        (true, Forecast::None) => "is lost",
        (true, Forecast::Some) => "is lost or forecast to be lost",
        (true, Forecast::All) => "is forecast to be lost",
    };
    format!(
        "{opening} {} invested, {} of social value {verb}.",
        money(1.0, currency_code),
        money_exact(ratio.abs(), currency_code)
    )
}

/// The number format a spreadsheet shows money in: `"£"#,##0.00;-"£"#,##0.00`, `#,##0.00 "CHF"`.
pub fn spreadsheet_money(code: &str) -> String {
    let c = currency(code);
    let digits =
        if c.decimals == 0 { "#,##0".to_owned() } else { format!("#,##0.{}", "0".repeat(c.decimals)) };
    if c.prefix {
        format!("\"{0}\"{digits};-\"{0}\"{digits}", c.symbol)
    } else {
        format!("{digits} \"{code}\"")
    }
}

/// Describes the discounting settings in words: `3.5%, end of year`.
pub fn describe_discounting(settings: &crate::model::Settings) -> String {
    describe_discounting_as(settings, "Green Book schedule (3.5% to year 30, then declining)")
}

/// [`describe_discounting`] in a table cell beside others: `Green Book schedule, end of year`.
pub fn describe_discounting_brief(settings: &crate::model::Settings) -> String {
    describe_discounting_as(settings, "Green Book schedule")
}

fn describe_discounting_as(settings: &crate::model::Settings, green_book: &str) -> String {
    let rate = match settings.discount_rate {
        crate::model::DiscountRate::Constant(rate) => percent(rate),
        crate::model::DiscountRate::GreenBook => green_book.to_owned(),
    };
    let timing = match settings.discount_timing {
        crate::model::Timing::End => "end of year",
        crate::model::Timing::Mid => "mid-year",
        crate::model::Timing::Start => "start of year",
    };
    format!("{rate}, {timing}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_rounds_and_groups() {
        assert_eq!(money(1_234_567.49, "GBP"), "£1,234,567");
        assert_eq!(money(-250.0, "GBP"), "-£250");
        assert_eq!(money(-0.2, "GBP"), "£0");
        assert_eq!(money(999.5, "EUR"), "€1,000");
        assert_eq!(money(1200.0, "CHF"), "1,200 CHF");
        assert_eq!(money_exact(12.21, "GBP"), "£12.21");
        assert_eq!(money_exact(1500.0, "JPY"), "¥1,500");
    }

    #[test]
    fn ratios_and_percentages() {
        assert_eq!(ratio(3.8749), "3.87\u{a0}:\u{a0}1");
        assert_eq!(ratio(1234.5), "1,234.50\u{a0}:\u{a0}1");
        assert_eq!(percent(0.25), "25%");
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(111.815), "11,181.5%");
        assert_eq!(headline(3.87, "GBP", false), "For every £1 invested, £3.87 of social value is created.");
        assert_eq!(headline(-9.76, "GBP", false), "For every £1 invested, £9.76 of social value is lost.");
        assert_eq!(
            headline(3.87, "GBP", true),
            "For every £1 invested, £3.87 of social value is forecast to be created."
        );
    }

    #[test]
    fn typed_percentages_and_fractions_are_read_back() {
        assert_eq!(percent_or_number("25%"), Some(0.25));
        assert_eq!(percent_or_number(" 3.5 % "), Some(0.035));
        assert_eq!(percent_or_number("0.25"), Some(0.25));
        assert_eq!(percent_or_number("120"), Some(120.0));
        for refused in ["lots", "inf", "NaN", "1e400", "25%%", ""] {
            assert_eq!(percent_or_number(refused), None, "{refused}");
        }
    }

    #[test]
    fn numbers_group_thousands() {
        assert_eq!(number(0.0, 0), "0");
        assert_eq!(number(100.0, 0), "100");
        assert_eq!(number(1000.0, 0), "1,000");
        assert_eq!(number(-1_000_000.126, 2), "-1,000,000.13");
        // Halves round away from zero, not to even.
        assert_eq!(number(0.125, 2), "0.13");
        assert_eq!(number(2250.5, 0), "2,251");
        assert_eq!(number(-2.5, 0), "-3");
    }
}
