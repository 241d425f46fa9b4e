//! `sroi import`: YAML → workbook → YAML keeps every figure, a workbook
//! re-saved by LibreOffice imports the same, and a broken workbook gets an
//! error naming its sheet and cell.

use std::process::Command;

use crate::common::{fixtures, scratch, sroi};
use rust_xlsxwriter::Workbook;
use sroi::cli::Exit;
use sroi::render::xlsx::{Cached, render};

/// `sroi calc --json` of an analysis given as text.
fn calc_json(name: &str, yaml: &str) -> serde_json::Value {
    let source = sroi::source::SourceFile::new(name, yaml);
    let (analysis, _) = sroi::analyse(&source)
        .unwrap_or_else(|d| panic!("{name}:\n{}\n{yaml}", sroi::diag::render_all(&d, &source, false)));
    let results = sroi::compute::compute(&analysis);
    let uncertainty = sroi::compute::uncertainty(&analysis, &results);
    let mut json: serde_json::Value =
        serde_json::from_slice(&sroi::render::json::render(&analysis, &results, &uncertainty)).expect("JSON");
    // The workbook shows each assumption's evidence as text, which `sroi
    // import` does not read back: every figure (value types and exclusions
    // included) must survive, the evidence need not.
    json.as_object_mut().map(|o| o.remove("evidence_share"));
    for outcome in json["outcomes"].as_array_mut().into_iter().flatten() {
        outcome.as_object_mut().map(|o| o.remove("evidence"));
    }
    json
}

/// The YAML that `sroi import` gives for a workbook written to `path`.
fn import(path: &std::path::Path) -> String {
    let run = sroi(&["import", &path.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    run.stdout
}

#[test]
fn every_fixture_keeps_every_figure_through_a_workbook() {
    let dir = scratch("import-round-trip");
    for fixture in fixtures() {
        let name = fixture.to_string_lossy().into_owned();
        let yaml = std::fs::read_to_string(&fixture).expect("fixture");
        let (analysis, results) = crate::common::results_of(&name);
        let book = dir.join("book.xlsx");
        std::fs::write(&book, render(&analysis, &results, Cached::Results, 0).expect("workbook"))
            .expect("write");
        let imported = import(&book);
        // Every figure of `sroi calc --json`: headline, outcomes, years, sensitivity, simulation.
        assert_eq!(
            calc_json("imported", &imported),
            calc_json(&name, &yaml),
            "{name}; imported:\n{imported}"
        );
        // And what the figures do not show: the text and the theory of change.
        let (back, _) =
            sroi::analyse(&sroi::source::SourceFile::new("imported", imported.as_str())).expect("valid");
        assert_eq!(back.title, analysis.title, "{name}");
        assert_eq!(
            (back.kind, back.period, back.summary.as_ref(), back.area.as_ref()),
            (analysis.kind, analysis.period, analysis.summary.as_ref(), analysis.area.as_ref())
        );
        assert_eq!(back.settings, analysis.settings, "{name}");
        for (b, a) in back.stakeholders.iter().zip(&analysis.stakeholders) {
            assert_eq!(
                (&b.name, b.size, &b.engagement, &b.excluded),
                (&a.name, a.size, &a.engagement, &a.excluded)
            );
        }
        for (b, a) in back.inputs.iter().zip(&analysis.inputs) {
            assert_eq!(
                (b.stakeholder, &b.description, b.value, b.year),
                (a.stakeholder, &a.description, a.value, a.year)
            );
        }
        assert_eq!(back.outputs.len(), analysis.outputs.len(), "{name}");
        for (b, a) in back.outputs.iter().zip(&analysis.outputs) {
            assert_eq!(
                (&b.id, &b.description, b.quantity, &b.unit, &b.inputs),
                (&a.id, &a.description, a.quantity, &a.unit, &a.inputs)
            );
        }
        for (b, a) in back.outcomes.iter().zip(&analysis.outcomes) {
            assert_eq!(
                (&b.indicator, &b.outputs, &b.themes, &b.ranges),
                (&a.indicator, &a.outputs, &a.themes, &a.ranges)
            );
            assert_eq!((&b.proxy.description, &b.proxy.source), (&a.proxy.description, &a.proxy.source));
        }
    }
}

#[test]
fn the_workbook_carries_the_area_back_to_the_yaml() {
    let dir = scratch("import-area");
    let yaml = std::fs::read_to_string("fixtures/youth-into-work.yaml").expect("fixture");
    let yaml = yaml.replacen("\ntitle:", "\narea: Riverside East\ntitle:", 1);
    let source = sroi::source::SourceFile::new("area.yaml", yaml.as_str());
    let (analysis, _) = sroi::analyse(&source).expect("valid with an area");
    assert_eq!(analysis.area.as_deref(), Some("Riverside East"));
    let results = sroi::compute::compute(&analysis);
    let book = dir.join("area.xlsx");
    std::fs::write(&book, render(&analysis, &results, Cached::Results, 0).expect("workbook")).expect("write");
    let imported = import(&book);
    assert!(imported.contains("\narea: Riverside East\n"), "{imported}");
    let (back, _) =
        sroi::analyse(&sroi::source::SourceFile::new("imported", imported.as_str())).expect("valid");
    assert_eq!(back.area.as_deref(), Some("Riverside East"));
    // Without an area the row is empty and the YAML has no `area:` key.
    let plain = import(&{
        let (analysis, results) = crate::common::results_of("fixtures/youth-into-work.yaml");
        let path = dir.join("plain.xlsx");
        std::fs::write(&path, render(&analysis, &results, Cached::Results, 0).expect("workbook"))
            .expect("write");
        path
    });
    assert!(!plain.contains("area:"), "{plain}");
}

#[test]
fn a_workbook_saved_again_by_libreoffice_imports_the_same() {
    let dir = scratch("import-libreoffice");
    let fixture = "fixtures/youth-into-work.yaml";
    let (analysis, results) = crate::common::results_of(fixture);
    let book = dir.join("book.xlsx");
    std::fs::write(&book, render(&analysis, &results, Cached::Results, 0).expect("workbook")).expect("write");
    let out = dir.join("resaved");
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", dir.join("profile").display()))
        .args(["--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
        .arg(&out)
        .arg(&book)
        .output()
        .unwrap_or_else(|e| panic!("soffice (apt-get install libreoffice-calc-nogui) could not run: {e}"));
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let imported = import(&out.join("book.xlsx"));
    let yaml = std::fs::read_to_string(fixture).expect("fixture");
    assert_eq!(calc_json("imported", &imported), calc_json(fixture, &yaml), "imported:\n{imported}");
}

#[test]
fn a_broken_workbook_is_refused_with_the_sheet_and_cell() {
    let dir = scratch("import-broken");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Summary").expect("sheet");
    sheet.write_string(0, 0, "A title").expect("cell");
    sheet.write_string(5, 0, "Present value").expect("cell");
    let sheet = book.add_worksheet().set_name("Impact map").expect("sheet");
    for (col, heading) in (0u16..).zip([
        "Outcome",
        "Stakeholder",
        "Description",
        "Quantity (year 1)",
        "Financial proxy",
        "Deadweight",
    ]) {
        sheet.write_string(0, col, heading).expect("cell");
    }
    sheet.write_string(1, 0, "into-work").expect("cell");
    sheet.write_string(1, 5, "lots").expect("cell");
    book.add_worksheet().set_name("Inputs").expect("an empty sheet");
    let sheet = book.add_worksheet().set_name("Schedules").expect("sheet");
    sheet.write_string(0, 0, "Outcome").expect("cell");
    sheet.write_string(1, 0, "ghost").expect("cell");
    sheet.write_number(1, 1, 3.0).expect("cell");
    let path = dir.join("broken.xlsx");
    book.save(&path).expect("save");
    let run = sroi(&["import", &path.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid, "{}", run.stderr);
    for expected in [
        "'Impact map'!F2: error: `lots` is not a number",
        "'Impact map'!E2: error: outcome `into-work` has no financial proxy",
        "Schedules!A2: error: no outcome `ghost` in the Impact map",
        "Summary: error: no `About the analysis` rows: the workbook was written by an earlier sroi",
        "error: it has no `Stakeholders` sheet",
        "Inputs: error: row 1 has none of the column headings sroi writes",
        "'Impact map': error: no column headed `Drop-off` in row 1",
        "hint: ",
        "nothing was imported",
    ] {
        assert!(run.stderr.contains(expected), "`{expected}` in\n{}", run.stderr);
    }
    assert!(run.stdout.is_empty());

    let text = dir.join("not-a-workbook.xlsx");
    std::fs::write(&text, "title: not a workbook\n").expect("write");
    let run = sroi(&["import", &text.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid);
    assert!(run.stderr.contains("not an xlsx workbook"), "{}", run.stderr);
}

#[test]
fn import_never_replaces_a_file() {
    let dir = scratch("import-keep");
    let (analysis, results) = crate::common::results_of("fixtures/community-garden.yaml");
    let book = dir.join("garden.xlsx");
    std::fs::write(&book, render(&analysis, &results, Cached::Results, 0).expect("workbook")).expect("write");
    let target = dir.join("garden.yaml");
    std::fs::write(&target, "my own work\n").expect("write");
    let run = sroi(&["import", &book.to_string_lossy(), "-o", &target.to_string_lossy()]);
    assert_eq!(run.code, Exit::Failed);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&target).expect("kept"), "my own work\n");
    let fresh = dir.join("fresh.yaml");
    let run = sroi(&["import", &book.to_string_lossy(), "-o", &fresh.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let run = sroi(&["check", &fresh.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
}

#[test]
fn long_text_and_themes_with_commas_come_back_whole() {
    let dir = scratch("import-long");
    let (mut analysis, _) = crate::common::results_of("fixtures/youth-into-work.yaml");
    // Longer than one cell holds (32,767 characters), with a character outside the BMP.
    let summary = format!("{}\n\nThe end. 🌱", "A long summary of the programme. ".repeat(1_500));
    analysis.summary = Some(summary.clone());
    analysis.outcomes[0].themes = vec!["health, wellbeing".to_owned(), "jobs".to_owned()];
    let results = sroi::compute::compute(&analysis);
    let book = dir.join("long.xlsx");
    std::fs::write(&book, render(&analysis, &results, Cached::Results, 0).expect("workbook")).expect("write");
    let imported = import(&book);
    let (back, _) =
        sroi::analyse(&sroi::source::SourceFile::new("imported", imported.as_str())).expect("valid");
    assert!(back.summary.as_deref() == Some(summary.trim_end()), "the summary, whole");
    assert_eq!(back.outcomes[0].themes, ["health, wellbeing", "jobs"]);
}

#[test]
fn a_value_the_checks_refuse_is_named_by_its_cell() {
    let dir = scratch("import-refused");
    let (mut analysis, _) = crate::common::results_of("fixtures/youth-into-work.yaml");
    // As if edited in the workbook: a deadweight outside its range, a rate of 350%.
    analysis.outcomes[0].deadweight = 0.5;
    analysis.settings.discount_rate = sroi::model::DiscountRate::Constant(3.5);
    // And a row copied below the others: its id is used twice.
    let copy = analysis.outcomes[1].clone();
    analysis.outcomes.push(copy);
    let results = sroi::compute::compute(&analysis);
    let book = dir.join("edited.xlsx");
    std::fs::write(&book, render(&analysis, &results, Cached::Results, 0).expect("workbook")).expect("write");
    let run = sroi(&["import", &book.to_string_lossy()]);
    assert_eq!(run.code, Exit::Invalid, "{}", run.stderr);
    for expected in [
        "Ranges!C3: error: the range for `deadweight` (15% to 35%) does not contain its value (50%)",
        "Summary!B4: error: the discount rate must lie between 0% and 100% (found 350%)",
        "'Impact map' row 7: error: the outcome id `off-benefits` is used twice",
        "Summary!B4: error: ",
        "nothing was imported",
    ] {
        assert!(run.stderr.contains(expected), "`{expected}` in\n{}", run.stderr);
    }
    assert!(run.stdout.is_empty());
}

#[test]
fn an_excluded_outcome_and_value_types_come_back_from_a_workbook() {
    // An outcome left out with a reason must stay out: imported, it would
    // otherwise count, and every figure would change.
    let dir = scratch("import-excluded");
    let yaml = "sroi: 1\ntitle: t\nstakeholders: [{ id: s, name: S }]\ninputs: [{ id: i, amount: 1000 }]\noutcomes:\n  - { id: a, stakeholder: s, description: A, quantity: 10, proxy: { value: 100 }, value_type: fiscal }\n  - { id: b, stakeholder: s, description: B, quantity: 10, proxy: { value: 50 }, excluded: Counted by the partner }\n";
    let path = dir.join("a.yaml");
    std::fs::write(&path, yaml).expect("write");
    let (analysis, results) = crate::common::results_of(&path.to_string_lossy());
    let book = dir.join("book.xlsx");
    std::fs::write(&book, render(&analysis, &results, Cached::Results, 0).expect("workbook")).expect("write");
    let imported = import(&book);
    assert!(imported.contains("excluded: Counted by the partner"), "{imported}");
    assert!(imported.contains("value_type: fiscal"), "{imported}");
    assert_eq!(calc_json("imported", &imported), calc_json("a.yaml", yaml), "imported:\n{imported}");
}

#[test]
fn escape_sequences_in_a_workbook_reach_the_terminal_escaped_and_come_back_whole() {
    let dir = scratch("import-controls");
    let (mut analysis, _) = crate::common::results_of("tests/fixtures/valid/minimal.yaml");
    // A title that would set the terminal's window title and ring its bell.
    let title = "Bad \u{1b}]0;pwned\u{7} title \u{1b}[2J";
    analysis.title = title.to_owned();
    let results = sroi::compute::compute(&analysis);
    let book = dir.join("controls.xlsx");
    std::fs::write(&book, render(&analysis, &results, Cached::Results, 0).expect("workbook")).expect("write");
    // `import` (and `import -o -`) print YAML with the controls written as escapes.
    for args in [
        vec!["import", book.to_str().expect("path")],
        vec!["import", book.to_str().expect("path"), "-o", "-"],
    ] {
        let run = sroi(&args);
        assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
        assert!(
            !run.stdout.chars().any(|c| c.is_control() && c != '\n'),
            "raw control characters in {:?}",
            run.stdout
        );
        let (back, _) =
            sroi::analyse(&sroi::source::SourceFile::new("imported", run.stdout.as_str())).expect("valid");
        assert_eq!(back.title, title, "the title, whole");
    }
}
