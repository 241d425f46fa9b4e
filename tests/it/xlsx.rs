//! The workbook's formulas are the analysis's arithmetic: LibreOffice,
//! recalculating a workbook written without any cached result, finds the
//! same present value and ratio as `sroi calc`.

use std::path::Path;
use std::process::Command;

use crate::common::{assert_close, fixtures, report, scratch};
use sroi::render::xlsx::{Cached, render};

/// A LibreOffice profile that recalculates every formula of an xlsx file on load.
fn recalculating_profile(dir: &Path) -> String {
    let user = dir.join("profile/user");
    std::fs::create_dir_all(&user).expect("profile folder");
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .expect("profile settings");
    format!("-env:UserInstallation=file://{}", dir.join("profile").display())
}

/// The analysis of fixture `name` (its file stem).
fn analysis_of(name: &str) -> sroi::model::Analysis {
    let path = crate::common::fixtures()
        .into_iter()
        .find(|p| p.file_stem().is_some_and(|s| s.to_string_lossy() == name))
        .expect("fixture");
    crate::common::results_of(&path.to_string_lossy()).0
}

/// The number beside `label` in a sheet exported as CSV.
fn figure(csv: &str, label: &str) -> f64 {
    csv.lines()
        .find_map(|line| line.strip_prefix(&format!("{label},")))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or_else(|| panic!("`{label}` with a number in\n{csv}"))
}

#[test]
fn libreoffice_recalculates_every_fixture_to_the_same_figures() {
    let dir = scratch("xlsx");
    let mut expected = Vec::new();
    let mut files = Vec::new();
    for fixture in fixtures() {
        let (analysis, results) = crate::common::results_of(&fixture.to_string_lossy());
        let name = fixture.file_stem().expect("name").to_string_lossy().into_owned();
        let path = dir.join(format!("{name}.xlsx"));
        std::fs::write(&path, render(&analysis, &results, Cached::Nothing, 0).expect("workbook"))
            .expect("write");
        files.push(path.to_string_lossy().into_owned());
        expected.push((name, results));
    }
    let out = dir.join("out");
    let status = Command::new("soffice")
        .arg(recalculating_profile(&dir))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        ])
        .arg("--outdir")
        .arg(&out)
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("soffice (apt-get install libreoffice-calc-nogui) could not run: {e}"));
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for (name, results) in expected {
        let summary = std::fs::read_to_string(out.join(format!("{name}-Summary.csv")))
            .unwrap_or_else(|e| panic!("{name}: the Summary sheet as CSV: {e}"));
        // No cached values were written, so a non-zero figure was computed by LibreOffice.
        assert_close(
            figure(&summary, "Present value"),
            results.present_value,
            &format!("{name} present value"),
        );
        assert_close(figure(&summary, "Investment"), results.investment, &format!("{name} investment"));
        assert_close(figure(&summary, "SROI ratio"), results.sroi_ratio, &format!("{name} ratio"));
        let split = sroi::compute::assurance::value_types(&analysis_of(&name), &results);
        for (label, value) in ["Fiscal value", "Economic value", "Social value"].into_iter().zip(split) {
            assert_close(figure(&summary, label), value, &format!("{name} {label}"));
        }
        // Payback, the first month the cumulative present value reaches the investment.
        match results.payback_months {
            Some(months) => assert_close(figure(&summary, "Payback"), months, &format!("{name} payback")),
            None => assert!(summary.contains("Payback,Not paid back"), "{name}: not paid back in\n{summary}"),
        }
        match results.guide_payback_months {
            Some(months) => assert_close(
                figure(&summary, "\"Payback, Guide's formula\""),
                months,
                &format!("{name} Guide's payback"),
            ),
            None => assert!(summary.contains("formula\",none"), "{name}: no Guide payback in\n{summary}"),
        }
    }
}

#[test]
fn the_workbook_is_the_same_bytes_each_time_and_carries_its_results() {
    let dir = scratch("xlsx-same");
    let fixture = "fixtures/youth-into-work.yaml";
    let written = |out: &str| {
        let output = report(fixture, &dir.join(out), &["-f", "xlsx"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        std::fs::read(dir.join(out).join("youth-into-work.xlsx")).expect("workbook written")
    };
    let one = written("one");
    assert!(one == written("two"), "deterministic");
    // The present value as a viewer that does not recalculate shows it.
    let cached = |bytes: Vec<u8>| {
        use calamine::Reader as _;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx workbook");
        let summary = book.worksheet_range("Summary").expect("Summary sheet");
        summary.get_value((5, 1)).cloned().unwrap_or_default()
    };
    let (analysis, results) = crate::common::results_of(fixture);
    assert_eq!(cached(one), calamine::Data::Float(results.present_value), "cached results are written");
    let bare = render(&analysis, &results, Cached::Nothing, 0).expect("workbook");
    assert!(
        matches!(cached(bare), calamine::Data::Empty | calamine::Data::Float(0.0)),
        "and only when asked"
    );
}

/// The XML of every worksheet of `bytes`, by sheet file (`xl/worksheets/sheet1.xml`, ...).
fn sheet_xml(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut sheets = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("a part");
        let name = file.name().expect("a part name").into_owned();
        if name.starts_with("xl/worksheets/sheet") {
            let mut xml = String::new();
            file.read_to_string(&mut xml).expect("XML text");
            sheets.push((name, xml));
        }
    }
    sheets.sort();
    sheets
}

#[test]
fn a_five_outcome_workbook_prints_one_page_wide_per_sheet() {
    // Before: LibreOffice printed this workbook on 23 A4 pages, the Impact map
    // and Values split by column across pages.
    let dir = scratch("xlsx-print");
    let fixture = "fixtures/youth-into-work.yaml";
    let (analysis, results) = crate::common::results_of(fixture);
    assert_eq!(analysis.outcomes.len(), 5);
    let bytes = render(&analysis, &results, Cached::Results, 0).expect("workbook");
    let path = dir.join("five.xlsx");
    std::fs::write(&path, &bytes).expect("write");
    let sheets = sheet_xml(&bytes);
    let status = Command::new("soffice")
        .arg(recalculating_profile(&dir))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("soffice (apt-get install libreoffice-calc-nogui) could not run: {e}"));
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let info = Command::new("pdfinfo")
        .arg(dir.join("five.pdf"))
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo (apt-get install poppler-utils) could not run: {e}"));
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("a page count in\n{info}"));
    // One page for each sheet: every sheet here is short enough to fit one page tall.
    assert_eq!(pages, sheets.len(), "{} sheets printed on {pages} pages", sheets.len());
    for (name, xml) in &sheets {
        assert!(xml.contains("orientation=\"landscape\""), "{name}: landscape");
        assert!(xml.contains("fitToWidth=\"1\"") || !xml.contains("fitToWidth"), "{name}: one page wide");
        assert!(xml.contains("fitToHeight=\"0\""), "{name}: as many pages tall as it needs");
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{name}: fit to page");
    }
}

#[test]
fn workbook_input_cells_refuse_out_of_range_percentages_and_negative_quantities() {
    let (analysis, results) = crate::common::results_of("fixtures/youth-into-work.yaml");
    let bytes = render(&analysis, &results, Cached::Results, 0).expect("workbook");
    let sheets = sheet_xml(&bytes);
    // Sheet 4 is the Impact map (Summary, Stakeholders, Inputs, Impact map, ...).
    let map = &sheets.iter().find(|(n, _)| n == "xl/worksheets/sheet4.xml").expect("Impact map").1;
    let rows = analysis.outcomes.len() + 1;
    let percent = format!("sqref=\"F2:I{rows}\"");
    let quantity = format!("sqref=\"D2:D{rows}\"");
    for (range, rule, message) in [
        (&percent, "<formula1>0</formula1><formula2>1</formula2>", "A percentage from 0% to 100%"),
        (&quantity, "operator=\"greaterThanOrEqual\"", "a number not below zero"),
    ] {
        let validation = map
            .split("<dataValidation ")
            .find(|v| v.contains(range.as_str()))
            .unwrap_or_else(|| panic!("a validation of {range} in\n{map}"));
        assert!(validation.contains("type=\"decimal\""), "{validation}");
        assert!(validation.contains(rule), "{rule} in {validation}");
        assert!(validation.contains(message), "{message} in {validation}");
        assert!(validation.contains("showInputMessage=\"1\""), "{validation}");
    }
    // Repeated heading rows are the print titles, a defined name per sheet.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("zip");
    let mut workbook = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/workbook.xml").expect("workbook part"),
        &mut workbook,
    )
    .expect("text");
    assert!(workbook.contains("'Impact map'!$1:$1"), "{workbook}");
    assert!(workbook.contains("Values!$1:$2"), "{workbook}");
}
