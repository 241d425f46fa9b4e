//! Price years (SPEC §2): a money figure in one year's prices moved to
//! another's with an index series, `value × index[to] / index[from]`.
//!
//! One function for the two places that move prices: validation, which
//! re-bases each proxy to the analysis's price year, and comparisons and
//! statements, which move whole analyses to a common year.

/// `value`, in the prices of the year whose index is `from`, in the prices
/// of the year whose index is `to`.
pub fn rebase(value: f64, from: f64, to: f64) -> f64 {
    value * to / from
}

/// The index of `year` in `indices` (pairs of year and index), if it has one.
pub fn index_of(indices: &[(i32, f64)], year: i32) -> Option<f64> {
    indices.iter().find(|(y, _)| *y == year).map(|(_, index)| *index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebasing_scales_by_the_ratio_of_the_indices() {
        // £1,000 in 2014 prices, indices 80 (2014) and 110 (2025): 1000 × 110 / 80 = £1,375.
        assert_eq!(rebase(1000.0, 80.0, 110.0), 1375.0);
        // The same year's index both ways leaves the value as it is.
        assert_eq!(rebase(1234.5, 97.3, 97.3), 1234.5);
    }

    #[test]
    fn an_index_is_found_by_its_year() {
        let indices = [(2019, 88.0), (2025, 110.0)];
        assert_eq!(index_of(&indices, 2025), Some(110.0));
        assert_eq!(index_of(&indices, 2020), None);
    }
}
