//! How much of each long table the printed report (the PDF) shows, and the
//! sentence that says where the rest is. The HTML shows every row; an A4
//! document of tens of thousands of rows would take minutes and gigabytes to
//! lay out, and belongs in the CSV and the workbook.

use serde::Serialize;

/// Most rows a PDF table of outcomes (the impact map, the theory of change,
/// the swings, the proxies) or list (findings, switching values) has: a 35,000-outcome map
/// took 24 s and 1.5 GB to lay out, and belongs in the CSV and workbook.
pub const MAX_PDF_MAP_ROWS: usize = 500;

/// Most stakeholders shown as columns of the PDF's year table; beyond, totals only.
pub const MAX_YEAR_COLUMNS: usize = 6;

/// Most outcomes named in one proxy's "Used for" cell of the PDF.
pub const MAX_USES_SHOWN: usize = 20;

/// How many rows (or items) of a list the PDF prints, and, when that is not
/// all of them, what it says about the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cut {
    /// How many are printed.
    pub rows: usize,
    /// What the PDF says about those left out, when any are.
    pub note: Option<String>,
}

impl Cut {
    /// The first [`MAX_PDF_MAP_ROWS`] of `total` `things`, and, above a
    /// table cut short, where the rest are (`elsewhere`, a sentence).
    pub fn rows(total: usize, things: &str, elsewhere: &str) -> Cut {
        let note = (total > MAX_PDF_MAP_ROWS).then(|| {
            format!(
                "This analysis has {} {things}; the PDF lists the first {MAX_PDF_MAP_ROWS}. {elsewhere}",
                crate::format::number(total as f64, 0)
            )
        });
        Cut { rows: total.min(MAX_PDF_MAP_ROWS), note }
    }

    /// The first [`MAX_USES_SHOWN`] of the `total` outcomes a proxy is used
    /// for, and how many more there are ("and 3 more").
    pub(crate) fn uses(total: usize) -> Cut {
        let note = (total > MAX_USES_SHOWN).then(|| format!("and {} more", total - MAX_USES_SHOWN));
        Cut { rows: total.min(MAX_USES_SHOWN), note }
    }
}

/// What the PDF prints of each long table.
#[derive(Debug, Clone, Serialize)]
pub struct Printed {
    /// The theory of change, when it is listed as a table (its diagram too tall for a page).
    pub theory: Cut,
    /// The impact map.
    pub impact_map: Cut,
    /// The table of the evidence behind each outcome's assumptions.
    pub evidence: Cut,
    /// The swings.
    pub swings: Cut,
    /// The switching values.
    pub switching: Cut,
    /// The quality findings.
    pub findings: Cut,
    /// The financial proxies.
    pub proxies: Cut,
    /// Whether the table of value by year has a column for each stakeholder.
    pub years_by_stakeholder: bool,
    /// Why it has not, when it has not.
    pub years_note: Option<String>,
}

/// What the PDF prints of a report with `outcomes` outcomes, `swings`
/// swings, `findings` findings, `switching` switching values, `proxies`
/// proxies and `stakeholders` included stakeholders (the columns of the
/// year table).
pub(crate) fn printed(
    outcomes: usize,
    (swings, findings, switching): (usize, usize, usize),
    proxies: usize,
    stakeholders: usize,
) -> Printed {
    let years_by_stakeholder = stakeholders <= MAX_YEAR_COLUMNS;
    Printed {
        theory: Cut::rows(
            outcomes,
            "outcomes",
            "The workbook (`sroi report -f xlsx`) links every outcome to its outputs.",
        ),
        impact_map: Cut::rows(
            outcomes,
            "outcomes",
            "The full impact map is in the CSV (`sroi report -f csv`) and the workbook (`-f xlsx`).",
        ),
        evidence: Cut::rows(
            outcomes,
            "outcomes",
            "The evidence behind every outcome's assumptions is in the workbook (`sroi report -f xlsx`) and the HTML report.",
        ),
        swings: Cut::rows(swings, "swings", "Every swing is in the JSON report (`sroi report -f json`)."),
        findings: Cut::rows(findings, "findings", "`sroi check` prints every one."),
        switching: Cut::rows(
            switching,
            "switching values",
            "Every one is in the HTML report, and in the JSON report (`sroi report -f json`) as the `switching_value` of each row of `sensitivity`.",
        ),
        proxies: Cut::rows(
            proxies,
            "financial proxies",
            "Every proxy is in the CSV impact map and the workbook (`sroi report -f csv,xlsx`).",
        ),
        years_by_stakeholder,
        years_note: (!years_by_stakeholder).then(|| {
            format!(
                "With {stakeholders} stakeholder groups, the table gives each year's total; the HTML and JSON reports give every group's value by year."
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_within_the_limit_is_printed_whole_without_a_note() {
        assert_eq!(Cut::rows(MAX_PDF_MAP_ROWS, "outcomes", "Elsewhere."), Cut { rows: 500, note: None });
        assert_eq!(Cut::uses(MAX_USES_SHOWN), Cut { rows: 20, note: None });
    }

    #[test]
    fn a_longer_table_is_cut_and_says_where_the_rest_is() {
        let cut = Cut::rows(35_000, "outcomes", "The rest is in the CSV.");
        assert_eq!(cut.rows, 500);
        assert_eq!(
            cut.note.as_deref(),
            Some("This analysis has 35,000 outcomes; the PDF lists the first 500. The rest is in the CSV.")
        );
        // 23 outcomes use one proxy: 20 are named, and 3 more.
        assert_eq!(Cut::uses(23), Cut { rows: 20, note: Some("and 3 more".to_owned()) });
    }

    #[test]
    fn a_long_list_of_switching_values_is_cut_and_says_where_every_one_is() {
        assert_eq!(printed(1, (0, 0, 500), 1, 1).switching, Cut { rows: 500, note: None });
        let cut = printed(1, (0, 0, 1_759), 1, 1).switching;
        assert_eq!(cut.rows, 500);
        assert_eq!(
            cut.note.as_deref(),
            Some(
                "This analysis has 1,759 switching values; the PDF lists the first 500. Every one is in the HTML report, and in the JSON report (`sroi report -f json`) as the `switching_value` of each row of `sensitivity`."
            )
        );
    }

    #[test]
    fn the_year_table_keeps_a_column_for_each_of_up_to_six_stakeholders() {
        assert!(printed(1, (0, 0, 0), 1, 6).years_by_stakeholder);
        let seven = printed(1, (0, 0, 0), 1, 7);
        assert!(!seven.years_by_stakeholder);
        assert_eq!(
            seven.years_note.as_deref(),
            Some(
                "With 7 stakeholder groups, the table gives each year's total; the HTML and JSON reports give every group's value by year."
            )
        );
    }
}
