//! The price index series that ships with sroi: HM Treasury's GDP deflators
//! at market prices (`data/gdp-deflators.yaml`), with the edition and source
//! they were transcribed from.
//!
//! SPEC §2: where an analysis has a `price_year` and a proxy another, the
//! proxy is re-based `value × index[analysis year] / index[proxy year]`. The
//! analysis's own `indices:` replace this series whole (one series, never a
//! mixture of two); without them, this one is used.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The shipped file.
pub const GDP_DEFLATORS: &str = include_str!("../data/gdp-deflators.yaml");

/// A published price index series and its provenance.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// What the series is.
    pub name: String,
    /// Who publishes it.
    pub publisher: String,
    /// Which release the figures are from.
    pub edition: String,
    /// The publisher's file the figures are in.
    pub source_file: String,
    /// Where the publisher's releases are.
    pub url: String,
    /// The licence the figures are used under.
    pub licence: String,
    /// Where the figures were transcribed from.
    pub transcribed_from: String,
    /// `calendar` or `financial` years.
    pub years: String,
    /// The year whose index is 100.
    pub base_year: i32,
    /// Index by year.
    pub index: BTreeMap<i32, f64>,
}

impl Series {
    /// The first and last years the series covers.
    pub fn span(&self) -> (i32, i32) {
        let first = self.index.keys().next().copied().unwrap_or(self.base_year);
        let last = self.index.keys().next_back().copied().unwrap_or(self.base_year);
        (first, last)
    }

    /// "HM Treasury GDP deflators at market prices, December 2025 (…) edition,
    /// calendar years 1990–2024, 2024 = 100".
    pub fn describe(&self) -> String {
        let (first, last) = self.span();
        format!(
            "{}, {} edition, {} years {first}–{last}, {} = 100",
            self.name, self.edition, self.years, self.base_year
        )
    }
}

/// HM Treasury's GDP deflators, parsed once per process. The file is part of
/// the build and tested to parse.
pub fn gdp_deflators() -> &'static Series {
    static PARSED: std::sync::LazyLock<Series> = std::sync::LazyLock::new(|| {
        serde_saphyr::from_str(GDP_DEFLATORS)
            .unwrap_or_else(|e| unreachable!("data/gdp-deflators.yaml is tested to parse: {e}"))
    });
    &PARSED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_deflators_parse_and_cover_1990_to_2024_with_2024_as_base() {
        let series = gdp_deflators();
        assert_eq!(series.span(), (1990, 2024));
        assert_eq!(series.index.len(), 35, "every calendar year 1990–2024");
        assert_eq!(series.index[&series.base_year], 100.0);
        assert_eq!(series.index[&2019], 81.1085, "as published in the December 2025 edition");
        assert!(series.edition.starts_with("December 2025"));
        assert!(series.licence.contains("Open Government Licence"));
        // Prices rise: each year's index is above the last, 1990 to 2024.
        let values: Vec<f64> = series.index.values().copied().collect();
        assert!(values.windows(2).all(|w| w[0] < w[1]));
    }
}
