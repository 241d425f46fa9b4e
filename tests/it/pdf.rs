//! The PDF report: a valid document (qpdf), fonts embedded and subset
//! (pdffonts), the same text and figures as the HTML (pdftotext), nothing
//! outside the margins even with 60 outcomes and 200-character names,
//! byte-identical output, and a small file.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{EPOCH, binary, fixtures, report, scratch};

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{name}` ({e}); install poppler-utils and qpdf (scripts/setup does)")
    })
}

fn pdf_of(analysis: &Path, out: &Path) -> PathBuf {
    let output = report(&analysis.to_string_lossy(), out, &["-f", "pdf"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stem = analysis.file_stem().expect("stem").to_string_lossy().into_owned();
    out.join(format!("{stem}.pdf"))
}

/// The view model of a fixture: what the HTML shows, to find in the PDF.
fn view_model(path: &Path) -> sroi::report::Report {
    let (analysis, results) = crate::common::results_of(&path.to_string_lossy());
    let uncertainty = sroi::compute::uncertainty(&analysis, &results);
    sroi::report::build(&analysis, &results, &uncertainty, &[], EPOCH.parse().expect("epoch"))
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(pdf: &Path) -> usize {
    let info = String::from_utf8_lossy(&tool("pdfinfo", &[&pdf.to_string_lossy()]).stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

#[test]
fn every_fixture_makes_a_valid_pdf_with_its_text_and_subset_fonts() {
    let out = scratch("pdf-fixtures");
    let mut summary = String::new();
    for fixture in fixtures() {
        let pdf = pdf_of(&fixture, &out);
        let shown = pdf.to_string_lossy().into_owned();
        let check = tool("qpdf", &["--check", &shown]);
        assert!(check.status.success(), "qpdf --check {shown}: {}", String::from_utf8_lossy(&check.stdout));
        // No empty PDF/X version claim: tools would read the report as PDF/X.
        let bytes = std::fs::read(&pdf).expect("the PDF");
        assert!(!bytes.windows(16).any(|w| w == b"GTS_PDFXVersion"), "{shown}: empty GTS_PDFXVersion entry");

        let fonts = String::from_utf8_lossy(&tool("pdffonts", &[&shown]).stdout).into_owned();
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(rows.len() >= 2, "{fonts}");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let n = columns.len();
            // … emb sub uni object ID
            assert_eq!((columns[n - 5], columns[n - 4]), ("yes", "yes"), "embedded and subset: {row}");
        }

        let text = words(&String::from_utf8_lossy(&tool("pdftotext", &[&shown, "-"]).stdout));
        let report = view_model(&fixture);
        for expected in
            [words(&report.title), words(&report.headline.ratio), report.headline.present_value.clone()]
        {
            assert!(text.contains(&expected), "{shown} lacks {expected:?}");
        }
        for stakeholder in &report.stakeholders {
            assert!(
                text.contains(&words(&stakeholder.name)),
                "{shown} lacks stakeholder {:?}",
                stakeholder.name
            );
        }
        let size = std::fs::metadata(&pdf).expect("pdf").len();
        assert!(size < 400_000, "{shown} is {size} bytes");
        summary.push_str(&format!("{}: {} pages\n", fixture.display(), pages(&pdf)));
    }
    insta::assert_snapshot!(summary);
}

/// The text of every `<TAG …>text</TAG>` in `html` whose text has no markup, unescaped.
fn elements(html: &str, tag: &str) -> Vec<String> {
    let close = format!("</{tag}>");
    html.split(&format!("<{tag}"))
        .skip(1)
        .filter_map(|rest| {
            let inner = rest.split_once('>')?.1.split_once(&close)?.0;
            (!inner.contains('<')).then(|| inner.replace("&#39;", "'").replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn the_pdf_prints_every_heading_and_caption_of_the_html() {
    // Both take these words from the view (issue 15): a heading or caption of
    // the HTML that the PDF does not print is a drift between them.
    let out = scratch("pdf-same-words");
    for fixture in fixtures() {
        let made = report(&fixture.to_string_lossy(), &out, &["-f", "html,pdf"]);
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
        let stem = fixture.file_stem().expect("stem").to_string_lossy().into_owned();
        let html = std::fs::read_to_string(out.join(format!("{stem}.html"))).expect("the page");
        let main = html.split_once("<main").expect("a main element").1;
        let pdf = out.join(format!("{stem}.pdf"));
        let text = words(&String::from_utf8_lossy(&tool("pdftotext", &[&pdf.to_string_lossy(), "-"]).stdout));
        let mut said = elements(main, "caption");
        said.extend(elements(main, "h3"));
        // The PDF's first page shows the headline figures without a heading.
        said.extend(elements(main, "h2").into_iter().filter(|h| h != "Headline figures"));
        assert!(said.len() > 20, "{}: {said:?}", fixture.display());
        for words_said in said {
            assert!(
                text.contains(&words(&words_said)),
                "{}: the PDF lacks {words_said:?}",
                fixture.display()
            );
        }
    }
}

#[test]
fn document_information_is_filled_in_from_the_report() {
    let pdf = pdf_of(Path::new("fixtures/youth-into-work.yaml"), &scratch("pdf-info"));
    let info = String::from_utf8_lossy(&tool("pdfinfo", &[&pdf.to_string_lossy()]).stdout).into_owned();
    for line in [
        "Title:           Youth Into Work 2025/26",
        "Author:          Riverside Borough Council",
        "Subject:         Evaluative SROI analysis: Social Return on Investment report",
        "CreationDate:    Thu Jan  1 00:00:00 2026 UTC",
        "Page size:       595.276 x 841.89 pts (A4)",
    ] {
        assert!(info.contains(line), "missing {line:?} in\n{info}");
    }
    assert!(info.contains("Creator:         sroi "), "{info}");
}

#[test]
fn a_long_list_of_switching_values_is_cut_in_the_pdf_with_a_note() {
    // 15,000 generated outcomes have 1,759 switching values: 60 of the PDF's pages.
    let fixture = Path::new("fixtures/youth-into-work.yaml");
    let mut report = view_model(fixture);
    let one = report.uncertainty.switching.first().cloned().expect("the fixture has a switching value");
    report.uncertainty.switching = (0..520)
        .map(|i| sroi::report::uncertainty::SwitchView { outcome: format!("Switch{i}"), ..one.clone() })
        .collect();
    report.printed.switching =
        sroi::report::printed::Cut::rows(520, "switching values", "Every one is elsewhere.");
    let rendered = sroi::render::pdf::render(&report, None).expect("a PDF");
    let out = scratch("pdf-switching-cut");
    let pdf = out.join("cut.pdf");
    std::fs::write(&pdf, &rendered.bytes).expect("write");
    let text = words(&String::from_utf8_lossy(&tool("pdftotext", &[&pdf.to_string_lossy(), "-"]).stdout));
    assert!(
        text.contains(
            "This analysis has 520 switching values; the PDF lists the first 500. Every one is elsewhere."
        ),
        "{}",
        &text[..text.len().min(3000)]
    );
    assert!(text.contains("Switch499 "), "the 500th is printed");
    assert!(!text.contains("Switch500 "), "nothing past the 500th");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for fixture in fixtures() {
        let a = std::fs::read(pdf_of(&fixture, &scratch("pdf-det-a"))).expect("first");
        let b = std::fs::read(pdf_of(&fixture, &scratch("pdf-det-b"))).expect("second");
        assert!(a == b, "{} differs between runs", fixture.display());
    }
}

/// Every word's box, from `pdftotext -bbox`: (page, x_min, y_min, x_max, y_max, word).
fn word_boxes(pdf: &Path) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let html = String::from_utf8_lossy(&tool("pdftotext", &["-bbox", &pdf.to_string_lossy(), "-"]).stdout)
        .into_owned();
    let attr = |tag: &str, name: &str| -> f32 {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f32::NAN)
    };
    let mut page = 0;
    let mut boxes = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let word = rest.split('>').nth(1).and_then(|w| w.split('<').next()).unwrap_or("").to_owned();
            boxes.push((
                page,
                attr(rest, "xMin"),
                attr(rest, "yMin"),
                attr(rest, "xMax"),
                attr(rest, "yMax"),
                word,
            ));
        }
    }
    boxes
}

#[test]
fn sixty_outcomes_with_long_names_stay_inside_the_margins() {
    let dir = scratch("pdf-stress");
    let analysis = dir.join("stress.yaml");
    let shape = sroi::synthetic::Shape { outcomes: 60, description_len: 200, seed: 3 };
    std::fs::write(&analysis, sroi::synthetic::analysis(shape)).expect("write");
    let pdf = pdf_of(&analysis, &dir);
    assert!(tool("qpdf", &["--check", &pdf.to_string_lossy()]).status.success());
    let boxes = word_boxes(&pdf);
    assert!(boxes.len() > 5000, "{} words", boxes.len());
    // The text block is 56 pt from each side of the 595.28 pt page.
    let (left, right) = (56.0 - 0.5, 595.28 - 56.0 + 0.5);
    for (page, x0, y0, x1, y1, word) in &boxes {
        assert!(*x0 >= left && *x1 <= right, "page {page}: {word:?} runs outside the margins ({x0}..{x1})");
        assert!(*y0 >= 20.0 && *y1 <= 841.89 - 20.0, "page {page}: {word:?} is off the page ({y0}..{y1})");
    }
    // Every outcome is in the impact map, and every page is numbered.
    let text = words(&String::from_utf8_lossy(&tool("pdftotext", &[&pdf.to_string_lossy(), "-"]).stdout));
    let count = pages(&pdf);
    assert!(text.contains(&format!("Page {count} of {count}")));
    for i in 0..60 {
        assert!(text.contains(&format!("Outcome {i}:")), "outcome {i} missing");
    }
}

#[test]
fn comparisons_and_statements_are_valid_pdfs_with_their_figures() {
    let out = scratch("pdf-many");
    let shown = out.to_string_lossy().into_owned();
    let analyses: Vec<String> = crate::common::fixtures()
        .into_iter()
        .filter(|f| f.starts_with("fixtures"))
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = analyses.iter().map(String::as_str).collect();
    // The example analyses alone: fixtures/commissioning holds frameworks and offers, not analyses.
    let folder = scratch("pdf-many-examples").join("fixtures");
    std::fs::create_dir_all(&folder).expect("create folder");
    for analysis in &analyses {
        let name = std::path::Path::new(analysis).file_name().expect("a file name");
        std::fs::copy(analysis, folder.join(name)).expect("copy");
    }
    let root = folder.parent().expect("the scratch folder").to_path_buf();
    for (args, file, dir) in [
        ([&["compare", "--rebase", "-f", "pdf", "-o", &shown], &args[..]].concat(), "comparison.pdf", None),
        // Run from the copy's folder, so the statement names the files as `fixtures/…`.
        (vec!["portfolio", "fixtures", "-f", "pdf", "-o", &shown], "fixtures.pdf", Some(&root)),
    ] {
        let run_it = || match dir {
            None => binary(&args),
            Some(dir) => std::process::Command::new(env!("CARGO_BIN_EXE_sroi"))
                .args(&args)
                .current_dir(dir)
                .env("SOURCE_DATE_EPOCH", crate::common::EPOCH)
                .output()
                .expect("run sroi"),
        };
        let run = run_it();
        assert!(run.status.success(), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
        let pdf = out.join(file);
        let bytes = std::fs::read(&pdf).expect("PDF written");
        let path = pdf.to_string_lossy().into_owned();
        let check = tool("qpdf", &["--check", &path]);
        assert!(check.status.success(), "qpdf --check {path}: {}", String::from_utf8_lossy(&check.stdout));
        let text = words(&String::from_utf8_lossy(&tool("pdftotext", &[&path, "-"]).stdout));
        for analysis in &analyses {
            let (model, results) = crate::common::results_of(analysis);
            assert!(text.contains(&words(&model.title)), "{file}: `{}` in\n{text}", model.title);
            assert!(
                text.contains(&words(&sroi::format::ratio(results.sroi_ratio))),
                "{file}: the ratio of {analysis}"
            );
        }
        assert!(run_it().status.success());
        assert!(std::fs::read(&pdf).expect("PDF written again") == bytes, "{file}: the same bytes each time");
    }
}

#[test]
fn the_themes_png_logo_is_on_page_one_and_an_svg_logo_is_said_to_be_left_out() {
    let dir = scratch("pdf-logo");
    let analysis = std::fs::read_to_string("tests/fixtures/valid/themed.yaml").expect("fixture");
    std::fs::write(dir.join("png.yaml"), analysis.replace("logo: logo.svg", "logo: logo.png"))
        .expect("write");
    std::fs::copy("tests/fixtures/valid/logo.png", dir.join("logo.png")).expect("copy");
    let out = dir.join("out");
    let made = report(&dir.join("png.yaml").to_string_lossy(), &out, &["-f", "pdf"]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert!(!String::from_utf8_lossy(&made.stderr).contains("no logo"));
    let pdf = out.join("png.pdf");
    let images =
        String::from_utf8_lossy(&tool("pdfimages", &["-list", &pdf.to_string_lossy()]).stdout).into_owned();
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    assert!(rows[0].split_whitespace().next() == Some("1"), "on page one: {images}");
    let bytes = std::fs::read(&pdf).expect("PDF");
    assert!(report(&dir.join("png.yaml").to_string_lossy(), &out, &["-f", "pdf"]).status.success());
    assert!(std::fs::read(&pdf).expect("PDF") == bytes, "the same bytes each time");

    let svg = report("tests/fixtures/valid/themed.yaml", &out, &["-f", "pdf"]);
    assert!(svg.status.success());
    assert!(
        String::from_utf8_lossy(&svg.stderr)
            .contains("warning: the PDF report has no logo: the PDF shows PNG and JPEG logos, not SVG")
    );
}

/// The structure tree as poppler reads it (`pdfinfo -struct-text`): each
/// element's type and, indented below it, its text.
fn structure(pdf: &Path) -> String {
    String::from_utf8_lossy(&tool("pdfinfo", &["-struct-text", &pdf.to_string_lossy()]).stdout).into_owned()
}

/// The headings of a structure dump, as (level, text), in reading order.
fn headings(tree: &str) -> Vec<(u8, String)> {
    tree.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let level = line.strip_prefix('H')?.chars().next()?.to_digit(10)? as u8;
            let text = line.split('"').nth(1)?.to_owned();
            Some((level, text))
        })
        .collect()
}

#[test]
fn a_report_is_tagged_in_reading_order_with_its_sections_as_headings() {
    let fixture = Path::new("fixtures/community-garden.yaml");
    let pdf = pdf_of(fixture, &scratch("pdf-tagged"));
    let info = String::from_utf8_lossy(&tool("pdfinfo", &[&pdf.to_string_lossy()]).stdout).into_owned();
    assert!(info.contains("Tagged:          yes"), "{info}");
    let tree = structure(&pdf);
    assert!(tree.starts_with("Document"), "{tree}");
    let report = view_model(fixture);
    let found = headings(&tree);
    // One title, then sections; no level skipped.
    assert_eq!(found.first(), Some(&(1, report.title.clone())), "{found:?}");
    assert_eq!(found.iter().filter(|(level, _)| *level == 1).count(), 1, "{found:?}");
    for pair in found.windows(2) {
        assert!(pair[1].0 <= pair[0].0 + 1, "a heading skips a level: {pair:?}");
    }
    let sections: Vec<&str> = found.iter().filter(|(l, _)| *l == 2).map(|(_, t)| t.as_str()).collect();
    for expected in
        ["Summary", "Scope and stakeholders", "Impact map", "Financial proxies", "Appendix: year by year"]
    {
        assert!(sections.contains(&expected), "no section {expected:?} in {sections:?}");
    }
    // The headline figures are read in the order the page shows them.
    let h = &report.headline;
    let mut at = 0;
    for figure in [&h.ratio, &h.present_value, &h.investment, &h.net_present_value, &h.net_ratio] {
        let quoted = format!("\"{figure}\"");
        let found = tree[at..].find(&quoted).unwrap_or_else(|| panic!("{quoted} after byte {at} in\n{tree}"));
        at += found + quoted.len();
    }
    // Tables have column header cells with a scope; charts are figures.
    assert!(tree.contains("TH:\n         /Scope /Column"), "{tree}");
    assert!(tree.contains("Figure"), "{tree}");
    assert!(tree.contains("L (block)") && tree.contains("LBody"), "lists are tagged as lists:\n{tree}");
}

#[test]
fn the_analysis_language_is_declared_in_the_pdf_and_the_html_and_a_bad_tag_is_located() {
    let dir = scratch("pdf-lang");
    let minimal = std::fs::read_to_string("tests/fixtures/valid/minimal.yaml").expect("minimal");
    let welsh = dir.join("welsh.yaml");
    std::fs::write(
        &welsh,
        minimal.replacen("title: Minimal analysis", "title: Minimal analysis\nlang: cy", 1),
    )
    .expect("write");
    let out = report(&welsh.to_string_lossy(), &dir, &["-f", "html,pdf"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.join("welsh.html")).expect("html");
    assert!(html.contains("<html lang=\"cy\""), "{}", &html[..200.min(html.len())]);
    let bytes = std::fs::read(dir.join("welsh.pdf")).expect("pdf");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/Lang(cy)") || text.contains("/Lang (cy)"), "the catalogue's /Lang");
    assert!(text.contains("<dc:language><rdf:Bag><rdf:li>cy</rdf:li>"), "the XMP dc:language");

    let bad = dir.join("bad.yaml");
    std::fs::write(
        &bad,
        minimal.replacen("title: Minimal analysis", "title: Minimal analysis\nlang: Welsh language", 1),
    )
    .expect("write");
    let out = binary(&["check", &bad.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.yaml:3:7: error: `Welsh language` is not a language tag"), "{stderr}");
    assert!(stderr.contains("`en-GB`"), "{stderr}");
}

#[test]
fn a_year_statement_pdf_has_a_chart_and_table_for_each_breakdown() {
    let out = scratch("pdf-year-statement");
    let shown = out.to_string_lossy().into_owned();
    let run = binary(&["portfolio", "fixtures", "--year", "2026/27", "-f", "pdf", "-o", &shown]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let path = out.join("fixtures.pdf").to_string_lossy().into_owned();
    let check = tool("qpdf", &["--check", &path]);
    assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
    let text = words(&String::from_utf8_lossy(&tool("pdftotext", &[&path, "-"]).stdout));
    for expected in [
        "Value by framework priority",
        "Stronger community groups",
        "Of which validated deliveries",
        "Claimed, not validated",
        "Value by area",
        "Kestrel North",
        "Value by organisation",
    ] {
        assert!(text.contains(&words(expected)), "`{expected}` in\n{text}");
    }
    // The priority chart's bars are labelled with their figures, as the table gives them.
    assert!(text.contains("£42,142 (62.8%)"), "{text}");
}
