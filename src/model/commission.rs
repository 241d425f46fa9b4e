//! Commissioning (SPEC §7, §8): a council's outcomes framework, a supplier's
//! offer against it, and the supplier's delivery returns, as validated.
//!
//! The invariants hold for everything downstream: quantities are finite and
//! not negative, every commitment and delivery names a measure of the
//! framework (by index), every period lies inside the contract and the
//! periods follow each other, and percentages lie in 0..=1.

use super::{Date, Proxy, Settings};

/// An outcomes framework: what the council wants, and what it is worth.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    /// `framework:`, its name.
    pub name: String,
    /// The council.
    pub organisation: Option<String>,
    /// ISO 4217 code.
    pub currency: String,
    /// The year whose prices every proxy is in (after re-basing).
    pub price_year: Option<i32>,
    /// Share of the tender score for social value, 0..=1.
    pub weighting: f64,
    /// How contract years are discounted.
    pub settings: Settings,
    /// Delivery thresholds for the status of a measure.
    pub rag: Rag,
    /// The council's outcomes, in priority order (the first is the first priority).
    pub priorities: Vec<Priority>,
    /// What suppliers may commit to.
    pub measures: Vec<Measure>,
}

/// `rag: { green, amber }`: delivered ÷ committed to date at or above `green`
/// is green, at or above `amber` amber, else red.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rag {
    /// Threshold for green, 0..=1 (or above, for over-delivery).
    pub green: f64,
    /// Threshold for amber, not above `green`.
    pub amber: f64,
}

impl Default for Rag {
    fn default() -> Self {
        Rag { green: 0.95, amber: 0.75 }
    }
}

/// One of the council's outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Priority {
    /// Unique among priorities.
    pub id: String,
    /// What the council wants.
    pub name: String,
    /// Its weight in `weighted_value`, not negative.
    pub weight: f64,
}

/// Something a supplier can commit to, with its value per unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Unique among measures.
    pub id: String,
    /// An external code (a TOMs number, say).
    pub code: Option<String>,
    /// Index into [`Framework::priorities`].
    pub priority: usize,
    /// What is measured.
    pub description: String,
    /// The unit of one quantity (`FTE`, `£ spent`, `tonnes CO2e`).
    pub unit: String,
    /// The value of one unit, in the framework's prices.
    pub proxy: Proxy,
    /// The council's defaults, 0..=1 each.
    pub deadweight: f64,
    /// Share of the value that is moved from elsewhere.
    pub displacement: f64,
    /// Share of the value owed to others.
    pub attribution: f64,
    /// What delivery must show.
    pub evidence: Option<String>,
}

impl Measure {
    /// `(1 - deadweight)(1 - displacement)(1 - attribution)`: the share of a
    /// gross value that is the supplier's own net effect.
    pub fn net_share(&self) -> f64 {
        (1.0 - self.deadweight) * (1.0 - self.displacement) * (1.0 - self.attribution)
    }
}

/// Size of a supplier, as procurement rules class it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplierSize {
    /// Fewer than 10 staff.
    Micro,
    /// A small or medium enterprise.
    Sme,
    /// A large enterprise.
    Large,
    /// A voluntary, community or social enterprise.
    Vcse,
}

impl SupplierSize {
    /// The word in the input format.
    pub fn word(self) -> &'static str {
        match self {
            SupplierSize::Micro => "micro",
            SupplierSize::Sme => "sme",
            SupplierSize::Large => "large",
            SupplierSize::Vcse => "vcse",
        }
    }
}

/// The contract an offer is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    /// The council's reference.
    pub id: String,
    /// Its value over all its years, above zero.
    pub value: f64,
    /// Its first day.
    pub start: Date,
    /// Its length in whole years, 1..=50.
    pub years: u32,
}

impl Contract {
    /// The first day of contract year `k` (1-based): `start` plus `k - 1` years.
    pub fn year_start(&self, k: u32) -> Date {
        self.start.plus_years(k as i32 - 1)
    }

    /// The last day of the contract.
    pub fn end(&self) -> Date {
        self.year_start(self.years + 1).minus_one_day()
    }
}

/// A supplier's bid: its commitments against a framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// `offer:`, its name.
    pub name: String,
    /// The supplier's name.
    pub supplier: String,
    /// The supplier's size.
    pub size: SupplierSize,
    /// An optional ward or place.
    pub area: Option<String>,
    /// The contract.
    pub contract: Contract,
    /// What it commits to, in the order written.
    pub commitments: Vec<Commitment>,
    /// Where `commitments:` is written, for findings about the whole offer.
    pub loc: crate::source::Loc,
}

/// A commitment to one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    /// Index into [`Framework::measures`].
    pub measure: usize,
    /// Quantity for each contract year, one per year, not negative.
    pub quantities: Vec<f64>,
    /// The delivery plan, when given.
    pub how: Option<String>,
    /// Where the commitment is written in the offer.
    pub loc: crate::source::Loc,
}

/// A supplier's delivery returns for one contract.
#[derive(Debug, Clone, PartialEq)]
pub struct Returns {
    /// `returns:`, their name.
    pub name: String,
    /// The reporting periods, in order, not overlapping, inside the contract.
    pub periods: Vec<ReturnPeriod>,
    /// What was delivered, in the order written.
    pub delivered: Vec<Delivery>,
}

/// One reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnPeriod {
    /// First day.
    pub start: Date,
    /// Last day, not before `start`.
    pub end: Date,
}

/// One return: a quantity of a measure delivered in a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Index into [`Framework::measures`].
    pub measure: usize,
    /// Index into [`Returns::periods`] (0-based; written from 1).
    pub period: usize,
    /// How much, not negative.
    pub quantity: f64,
    /// What shows it.
    pub evidence: Option<String>,
    /// Whether the council has checked the evidence.
    pub validated: bool,
}

impl Date {
    /// Days since 1970-01-01 (negative before), in the proleptic Gregorian calendar.
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of day number `n` (see [`Date::day_number`]).
    pub fn from_day_number(n: i64) -> Date {
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The same day `n` years on; 29 February becomes 28 February in a common year.
    pub fn plus_years(self, n: i32) -> Date {
        let year = self.year + n;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let day = if self.month == 2 && self.day == 29 && !leap { 28 } else { self.day };
        Date { year, month: self.month, day }
    }

    /// The day before.
    pub fn minus_one_day(self) -> Date {
        Date::from_day_number(self.day_number() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(date("1970-01-01").day_number(), 0);
        // 2028 is a leap year: 1 March is 60 days after 1 January (31 + 29).
        assert_eq!(date("2028-03-01").day_number() - date("2028-01-01").day_number(), 60);
        for text in ["2026-04-01", "2028-02-29", "1999-12-31", "2100-03-01"] {
            assert_eq!(Date::from_day_number(date(text).day_number()), date(text));
        }
    }

    #[test]
    fn contract_years_and_end() {
        let contract = Contract { id: "C".into(), value: 1.0, start: date("2026-04-01"), years: 3 };
        assert_eq!(contract.year_start(2), date("2027-04-01"));
        assert_eq!(contract.end(), date("2029-03-31"));
        assert_eq!(date("2028-02-29").plus_years(1), date("2029-02-28"));
    }
}
