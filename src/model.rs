//! The validated analysis: the types every stage after [`crate::validate`] works on.
//!
//! Their invariants hold by construction: percentages lie in 0..=1, amounts
//! and quantities are finite and not negative, references are indices that
//! exist, and the total investment is above zero.

pub mod commission;

use crate::colour::Rgb;
use crate::source::{Loc, Located};

/// The assumptions `evidence:` may speak for: SPEC §6.
pub const EVIDENCE_KEYS: &[&str] =
    &["quantity", "proxy", "deadweight", "displacement", "attribution", "drop_off", "duration", "start"];

/// A whole analysis, as SPEC §1 describes it, after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The analysis's title.
    pub title: String,
    /// Who carried it out or runs the programme.
    pub organisation: Option<String>,
    /// The ward or place the programme serves (`area:`), for statements' breakdowns.
    pub area: Option<String>,
    /// The language it is written in (`lang:`, a BCP 47 tag); reports
    /// declare it, `en-GB` when it is not given.
    pub lang: Option<String>,
    /// Evaluative (what happened) or forecast (what is expected).
    pub kind: AnalysisKind,
    /// The period the analysis covers.
    pub period: Option<Period>,
    /// ISO 4217 code of every money figure.
    pub currency: String,
    /// The year whose prices the figures are in.
    pub price_year: Option<i32>,
    /// Price indices by year (`indices:`), used to re-base proxies.
    pub indices: Vec<(i32, f64)>,
    /// Markdown shown at the top of reports.
    pub summary: Option<String>,
    /// Discounting settings.
    pub settings: Settings,
    /// Who is affected, in file order.
    pub stakeholders: Vec<Stakeholder>,
    /// The investment, in file order; at least one, totalling above zero.
    pub inputs: Vec<Input>,
    /// What the programme does, in file order.
    pub outputs: Vec<Output>,
    /// What changes for stakeholders, in file order.
    pub outcomes: Vec<Outcome>,
    /// How reports look.
    pub theme: Theme,
}

impl Analysis {
    /// An analysis of `stakeholders`, `inputs` and `outcomes` with every
    /// other field at its default (evaluative, GBP, 3.5% at the end of each
    /// year, no outputs), for building analyses in code; nothing is checked.
    pub fn new(
        title: impl Into<String>,
        stakeholders: Vec<Stakeholder>,
        inputs: Vec<Input>,
        outcomes: Vec<Outcome>,
    ) -> Analysis {
        Analysis {
            title: title.into(),
            organisation: None,
            area: None,
            lang: None,
            kind: AnalysisKind::Evaluative,
            period: None,
            currency: "GBP".to_owned(),
            price_year: None,
            indices: Vec::new(),
            summary: None,
            settings: Settings::default(),
            stakeholders,
            inputs,
            outputs: Vec::new(),
            outcomes,
            theme: Theme::default(),
        }
    }
}

/// The `theme:` block: the organisation's logo and accent colour in reports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Theme {
    /// A local image, relative to the analysis's folder, as written.
    pub logo: Option<Located<String>>,
    /// The accent colour, as written; reports darken it if it is too pale for text.
    pub accent: Option<Located<Rgb>>,
}

/// An image the theme names (its logo), read by [`crate::load::logo`] and
/// embedded in reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Its MIME type.
    pub mime: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Analysis {
    /// Whether `outcome` counts in the value: neither it nor its stakeholder
    /// group is excluded.
    pub fn is_counted(&self, outcome: &Outcome) -> bool {
        outcome.excluded.is_none() && !self.stakeholders[outcome.stakeholder].is_excluded()
    }
}

/// Evaluative or forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnalysisKind {
    /// Values outcomes that have happened.
    Evaluative,
    /// Predicts the value outcomes will create.
    Forecast,
}

impl AnalysisKind {
    /// The word for it in the input format and in machine-readable output.
    pub fn word(self) -> &'static str {
        match self {
            AnalysisKind::Evaluative => "evaluative",
            AnalysisKind::Forecast => "forecast",
        }
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day, 1..=31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (year, month, day): (i32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Date { year, month, day })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The period an analysis covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub start: Date,
    /// Last day, not before `start`.
    pub end: Date,
}

/// How future values are discounted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// The rate, constant or the Green Book schedule.
    pub discount_rate: DiscountRate,
    /// Where in each year values are taken to fall.
    pub discount_timing: Timing,
    /// The Monte Carlo simulation over `range:` entries.
    pub simulation: SimulationSettings,
    /// `materiality:`: an exclusion worth at least this share of the present
    /// value must be argued (SPEC §6); default 1%.
    pub materiality: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            discount_rate: DiscountRate::Constant(0.035),
            discount_timing: Timing::End,
            simulation: SimulationSettings::default(),
            materiality: 0.01,
        }
    }
}

/// `settings.simulation`: how many draws, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationSettings {
    /// Number of draws; 0 turns the simulation off.
    pub draws: u32,
    /// Seed of the random numbers, so runs repeat exactly.
    pub seed: u64,
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings { draws: 10_000, seed: 1 }
    }
}

/// The discount rate for each year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DiscountRate {
    /// The same rate, as a fraction, in every year.
    Constant(f64),
    /// HM Treasury Green Book's declining schedule (SPEC §2).
    GreenBook,
}

/// Where in a year its value is taken to fall (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Timing {
    /// At the end of the year, as the SROI Guide does.
    End,
    /// Half-way through the year.
    Mid,
    /// At the start of the year.
    Start,
}

impl Timing {
    /// The word for it in the input format (`discount_timing:`).
    pub fn word(self) -> &'static str {
        match self {
            Timing::End => "end",
            Timing::Mid => "mid",
            Timing::Start => "start",
        }
    }
}

/// A group of people (or organisations) who change or contribute.
#[derive(Debug, Clone, PartialEq)]
pub struct Stakeholder {
    /// Unique among stakeholders.
    pub id: String,
    /// How reports name the group.
    pub name: String,
    /// How many people the group has.
    pub size: Option<f64>,
    /// How the group was involved (Markdown).
    pub engagement: Option<String>,
    /// Why the group is left out of the value, when it is.
    pub excluded: Option<String>,
    /// Where the stakeholder is defined.
    pub loc: Loc,
}

impl Stakeholder {
    /// A counted group named `name`, for building analyses in code.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Stakeholder {
        Stakeholder {
            id: id.into(),
            name: name.into(),
            size: None,
            engagement: None,
            excluded: None,
            loc: Loc::START,
        }
    }

    /// True when the group's outcomes are left out of the totals.
    pub fn is_excluded(&self) -> bool {
        self.excluded.is_some()
    }
}

/// One part of the investment.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// Unique among inputs.
    pub id: String,
    /// Index into [`Analysis::stakeholders`] of who contributed it.
    pub stakeholder: Option<usize>,
    /// What it is.
    pub description: Option<String>,
    /// Money, or time valued at a rate.
    pub value: InputValue,
    /// The year it is spent; 0 is not discounted.
    pub year: u32,
    /// Where the input is defined.
    pub loc: Loc,
}

/// How an input is valued.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InputValue {
    /// A sum of money.
    Amount(f64),
    /// In-kind time: hours at an hourly rate.
    Time {
        /// Hours given.
        hours: f64,
        /// Value of one hour.
        rate: f64,
    },
}

impl Input {
    /// An input of `value` spent in `year`, for building analyses in code.
    pub fn new(id: impl Into<String>, value: InputValue, year: u32) -> Input {
        Input { id: id.into(), stakeholder: None, description: None, value, year, loc: Loc::START }
    }

    /// The input's value in money, before discounting.
    pub fn amount(&self) -> f64 {
        match self.value {
            InputValue::Amount(amount) => amount,
            InputValue::Time { hours, rate } => hours * rate,
        }
    }
}

/// Something the programme does or delivers.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Unique among outputs.
    pub id: String,
    /// What it is.
    pub description: Option<String>,
    /// How many.
    pub quantity: Option<f64>,
    /// Of what.
    pub unit: Option<String>,
    /// Indices into [`Analysis::inputs`].
    pub inputs: Vec<usize>,
    /// Where the output is defined.
    pub loc: Loc,
}

/// A change experienced by a stakeholder, and how it is valued.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Unique among outcomes.
    pub id: String,
    /// Index into [`Analysis::stakeholders`].
    pub stakeholder: usize,
    /// Indices into [`Analysis::outputs`].
    pub outputs: Vec<usize>,
    /// What changes.
    pub description: String,
    /// How the change is measured.
    pub indicator: Option<String>,
    /// The value of one unit of the outcome.
    pub proxy: Proxy,
    /// How many experience it, year by year.
    pub profile: Profile,
    /// First year it is valued, 1..=50.
    pub start: u32,
    /// Share that would have happened anyway, 0..=1.
    pub deadweight: f64,
    /// Share that displaces outcomes elsewhere, 0..=1.
    pub displacement: f64,
    /// Share due to others, 0..=1.
    pub attribution: f64,
    /// Uncertainty ranges, in the order written.
    pub ranges: Vec<Range>,
    /// Tags grouping the outcome in a portfolio statement (`jobs`, `health`), trimmed, each once.
    pub themes: Vec<String>,
    /// The reason the outcome is left out of the value, if it is (SPEC §6).
    pub excluded: Option<String>,
    /// Whose money or wellbeing the value is: fiscal, economic or social.
    pub value_type: ValueType,
    /// What lies behind each assumption, in the order of [`EVIDENCE_KEYS`].
    pub evidence: Vec<Evidence>,
    /// Where the outcome is defined.
    pub loc: Loc,
}

/// The kind of value an outcome creates, as UK public-sector cost-benefit
/// models split it (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// Savings to the public purse.
    Fiscal,
    /// Earnings and output.
    Economic,
    /// Wellbeing, health and the rest.
    #[default]
    Social,
}

impl ValueType {
    /// Every type, in the order reports show them.
    pub const ALL: [ValueType; 3] = [ValueType::Fiscal, ValueType::Economic, ValueType::Social];

    /// The word of the input format.
    pub fn word(self) -> &'static str {
        match self {
            ValueType::Fiscal => "fiscal",
            ValueType::Economic => "economic",
            ValueType::Social => "social",
        }
    }
}

/// How an assumption's figure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceMethod {
    /// Asked of stakeholders in a survey.
    Survey,
    /// Counted from the programme's records.
    Records,
    /// From interviews or focus groups.
    Interviews,
    /// Against a comparison or control group.
    ComparisonGroup,
    /// From a published study.
    PublishedStudy,
    /// The analyst's estimate.
    Estimate,
}

impl EvidenceMethod {
    /// The word of the input format.
    pub fn word(self) -> &'static str {
        match self {
            EvidenceMethod::Survey => "survey",
            EvidenceMethod::Records => "records",
            EvidenceMethod::Interviews => "interviews",
            EvidenceMethod::ComparisonGroup => "comparison-group",
            EvidenceMethod::PublishedStudy => "published-study",
            EvidenceMethod::Estimate => "estimate",
        }
    }
}

/// How much weight the evidence bears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Strong.
    Strong,
    /// Moderate.
    Moderate,
    /// Weak.
    Weak,
}

impl Grade {
    /// The word of the input format.
    pub fn word(self) -> &'static str {
        match self {
            Grade::Strong => "strong",
            Grade::Moderate => "moderate",
            Grade::Weak => "weak",
        }
    }
}

/// The evidence behind one assumption of an outcome.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// The assumption's key: `quantity`, `proxy`, `deadweight`, `displacement`,
    /// `attribution`, `drop_off`, `duration` or `start`.
    #[serde(skip)]
    pub what: &'static str,
    /// Where the figure comes from.
    pub source: String,
    /// How it was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<EvidenceMethod>,
    /// Respondents or records behind it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample: Option<f64>,
    /// How much weight it bears.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
}

impl Outcome {
    /// The evidence for the assumption keyed `what`, if any.
    pub fn evidence_for(&self, what: &str) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.what == what)
    }
}

impl Outcome {
    /// An outcome of stakeholder number `stakeholder`, valued at `proxy` a
    /// unit, with no deadweight, displacement or attribution, starting in
    /// year 1, for building analyses in code; nothing is checked.
    pub fn new(id: impl Into<String>, stakeholder: usize, proxy: f64, profile: Profile) -> Outcome {
        let id = id.into();
        Outcome {
            description: id.clone(),
            id,
            stakeholder,
            outputs: Vec::new(),
            indicator: None,
            proxy: Proxy {
                value: proxy,
                written: None,
                description: None,
                source: None,
                price_year: None,
                library: None,
            },
            profile,
            start: 1,
            deadweight: 0.0,
            displacement: 0.0,
            attribution: 0.0,
            ranges: Vec::new(),
            themes: Vec::new(),
            excluded: None,
            value_type: ValueType::Social,
            evidence: Vec::new(),
            loc: Loc::START,
        }
    }
}

/// A financial proxy.
#[derive(Debug, Clone, PartialEq)]
pub struct Proxy {
    /// Value of one unit of outcome, in the analysis's prices (re-based when
    /// its price year differs); negative for a harm.
    pub value: f64,
    /// The value as written, when it was re-based: (value, its price year).
    pub written: Option<(f64, i32)>,
    /// What the value measures.
    pub description: Option<String>,
    /// Where the value comes from.
    pub source: Option<String>,
    /// The year whose prices `value` is in.
    pub price_year: Option<i32>,
    /// The library entry it comes from, when named by id.
    pub library: Option<LibraryRef>,
}

/// Where a library proxy comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryRef {
    /// Its id in the library.
    pub id: String,
    /// Where its source is published.
    pub url: Option<String>,
    /// The licence it is used under.
    pub licence: Option<String>,
    /// What one unit is ("one WELLBY", "one tonne of CO2 equivalent"): what an
    /// outcome's quantity counts.
    pub unit: Option<String>,
}

impl LibraryRef {
    /// Whether one unit is a person (or one claimant, household or
    /// participant), so a quantity of people is what it counts.
    pub fn counts_people(&self) -> bool {
        self.unit.as_deref().is_none_or(|u| {
            let u = u.to_lowercase();
            ["person", "people", "claimant", "household", "participant"]
                .iter()
                .any(|w| u.starts_with(&format!("one {w}")) || u.starts_with(&format!("per {w}")))
        })
    }
}

/// How many experience an outcome in each year it lasts.
#[derive(Debug, Clone, PartialEq)]
pub enum Profile {
    /// `quantity` in the first year, falling by `drop_off` each year after, for `duration` years.
    Constant {
        /// People experiencing the outcome in its first year.
        quantity: f64,
        /// Years it lasts, 1..=50.
        duration: u32,
        /// Share lost each year after the first, 0..=1.
        drop_off: f64,
    },
    /// A quantity for each year from `start` on.
    Schedule(Vec<f64>),
}

impl Profile {
    /// Years the outcome lasts.
    pub fn years(&self) -> u32 {
        match self {
            Profile::Constant { duration, .. } => *duration,
            Profile::Schedule(quantities) => u32::try_from(quantities.len()).unwrap_or(u32::MAX),
        }
    }
}

impl Outcome {
    /// The last year the outcome is valued in.
    pub fn last_year(&self) -> u32 {
        self.start + self.profile.years().max(1) - 1
    }
}

/// One assumption of an outcome that may be varied (SPEC §1 `range:`, §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assumption {
    /// People experiencing the outcome.
    Quantity,
    /// The proxy value.
    Proxy,
    /// Deadweight.
    Deadweight,
    /// Displacement.
    Displacement,
    /// Attribution.
    Attribution,
    /// Drop-off.
    DropOff,
    /// Duration in years.
    Duration,
}

impl Assumption {
    /// Every assumption, in the order SPEC §3 lists them.
    pub const ALL: [Assumption; 7] = [
        Assumption::Quantity,
        Assumption::Proxy,
        Assumption::Deadweight,
        Assumption::Displacement,
        Assumption::Attribution,
        Assumption::DropOff,
        Assumption::Duration,
    ];

    /// The key that names it in the input format.
    pub fn key(self) -> &'static str {
        match self {
            Assumption::Quantity => "quantity",
            Assumption::Proxy => "proxy",
            Assumption::Deadweight => "deadweight",
            Assumption::Displacement => "displacement",
            Assumption::Attribution => "attribution",
            Assumption::DropOff => "drop_off",
            Assumption::Duration => "duration",
        }
    }

    /// True for the assumptions written as percentages.
    pub fn is_percentage(self) -> bool {
        matches!(
            self,
            Assumption::Deadweight | Assumption::Displacement | Assumption::Attribution | Assumption::DropOff
        )
    }
}

/// A low..high range for one assumption of an outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Which assumption.
    pub assumption: Assumption,
    /// Lowest plausible value (fractions for percentages).
    pub low: f64,
    /// Highest plausible value.
    pub high: f64,
}
