//! The HTML report: snapshots, determinism, safety against hostile text,
//! templates, and faults (SPEC §4 exit codes, atomic writes).

use std::path::{Path, PathBuf};

use crate::common::{report, scratch, sroi};
use sroi::cli::Exit;

fn html_of(analysis: &str, out: &Path) -> String {
    let output = report(analysis, out, &[]);
    assert!(output.status.success(), "{analysis}: {}", String::from_utf8_lossy(&output.stderr));
    let stem = Path::new(analysis).file_stem().expect("stem").to_string_lossy().into_owned();
    std::fs::read_to_string(out.join(format!("{stem}.html"))).expect("report written")
}

/// The embedded fonts are 15 KB of base64 each; the snapshots show where they go, not their bytes.
fn without_font_data(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("data:font/woff2;base64,") {
        out.push_str(&rest[..start]);
        out.push_str("data:font/woff2;base64,[font]");
        let after = &rest[start..];
        rest = &after[after.find(')').unwrap_or(after.len())..];
    }
    out.push_str(rest);
    out
}

fn all_fixtures() -> Vec<String> {
    crate::common::fixtures().iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect()
}

/// The page's `<main>` element, each chart replaced by a line naming it
/// (charts have snapshots of their own).
fn main_of(html: &str) -> String {
    let start = html.find("<main id=\"main\">").expect("a main element");
    let end = html.find("</main>").expect("main closes") + "</main>".len();
    let mut out = String::new();
    let mut rest = &html[start..end];
    while let Some(at) = rest.find("<svg ") {
        out.push_str(&rest[..at]);
        let chart = &rest[at..];
        let close = chart.find("</svg>").expect("svg closes") + "</svg>".len();
        out.push_str(&format!("[chart {}]", chart_id(&chart[..close])));
        rest = &chart[close..];
    }
    out.push_str(rest);
    out
}

/// A chart's id, from its title's: `chart-theory`.
fn chart_id(svg: &str) -> &str {
    let start = svg.find("<title id=\"").expect("a chart has a title") + "<title id=\"".len();
    let id = &svg[start..];
    id[..id.find('"').expect("id closes")].trim_end_matches("-title")
}

/// Each chart of a page on its own, one element a line, with its text description.
fn charts_of(html: &str) -> Vec<(String, String)> {
    let mut charts = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<svg ") {
        let chart = &rest[at..];
        let close = chart.find("</svg>").expect("svg closes") + "</svg>".len();
        let svg = &chart[..close];
        charts.push((chart_id(svg).to_owned(), svg.replace("><", ">\n<")));
        rest = &chart[close..];
    }
    charts
}

/// Snapshots without the tool's version, which changes with every release.
fn versionless(check: impl FnOnce()) {
    insta::with_settings!({ filters => vec![(r"sroi \d+\.\d+\.\d+", "sroi [version]")] }, { check() });
}

#[test]
fn every_fixture_report_is_snapshotted() {
    let out = scratch("html-snapshots");
    for analysis in all_fixtures() {
        let html = html_of(&analysis, &out);
        let name = Path::new(&analysis).file_stem().expect("stem").to_string_lossy().into_owned();
        versionless(|| insta::assert_snapshot!(format!("html-{name}"), main_of(&html)));
    }
}

#[test]
fn every_chart_is_snapshotted_once_with_its_text_description() {
    // The flagship example draws every kind of chart a report has.
    let html = html_of("fixtures/youth-into-work.yaml", &scratch("html-charts"));
    let charts = charts_of(&html);
    assert_eq!(
        charts.len(),
        8,
        "theory (wide and narrow), stakeholders, years, waterfall, tornado, simulation, benchmark"
    );
    // Each chart is drawn for wide screens; on narrow ones the theory of change
    // is re-laid and every other chart gives way to its description.
    assert_eq!(html.matches("class=\"chart chart-wide\"").count(), 7);
    assert_eq!(html.matches("class=\"chart chart-narrow\"").count(), 1);
    assert_eq!(html.matches("<p class=\"chart-narrow\"><strong>").count(), 6);
    for (id, svg) in charts {
        assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")), "{id} has a text description");
        versionless(|| insta::assert_snapshot!(format!("html-{id}"), svg));
    }
}

#[test]
fn the_page_head_and_footer_are_the_base_templates() {
    let html = html_of("tests/fixtures/valid/minimal.yaml", &scratch("html-base"));
    let head = &html[..html.find("<main id=\"main\">").expect("main")];
    let foot = &html[html.find("</main>").expect("main closes")..];
    let shape = format!("{}\n[main]\n{}", without_font_data(head), foot);
    // The stylesheet is the same for every page; its place is what matters here.
    let css_start = shape.find("/* sroi report").expect("style sheet");
    let css_end = shape.find("</style>").expect("style closes");
    let shape = format!("{}[style.css]\n{}", &shape[..css_start], &shape[css_end..]);
    versionless(|| insta::assert_snapshot!("html-page-shape", shape));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (a, b) = (scratch("html-det-a"), scratch("html-det-b"));
    for analysis in all_fixtures() {
        assert_eq!(html_of(&analysis, &a), html_of(&analysis, &b), "{analysis}");
    }
}

#[test]
fn the_report_date_comes_from_source_date_epoch() {
    let html = html_of("fixtures/youth-into-work.yaml", &scratch("html-date"));
    assert!(html.contains("Report of 1 January 2026"));
}

#[test]
fn the_page_is_self_contained_with_no_script() {
    let html = html_of("tests/fixtures/valid/themed.yaml", &scratch("html-self-contained"));
    let document = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    assert_eq!(document.select(&select("script")).count(), 0);
    assert_eq!(document.select(&select("link")).count(), 0, "no external stylesheet");
    for element in document.select(&select("[src], [href]")) {
        for attribute in ["src", "href"] {
            if let Some(url) = element.value().attr(attribute) {
                assert!(
                    url.starts_with('#') || url.starts_with("data:"),
                    "{attribute}={url} leaves the page"
                );
            }
        }
    }
    assert_eq!(document.select(&select("html[lang=en-GB]")).count(), 1);
    assert!(document.select(&select("img.logo")).next().is_some(), "the logo is embedded");
    // Every chart is an image with a title and a description, and every table has a caption.
    for svg in document.select(&select("svg")) {
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert!(svg.value().attr("aria-labelledby").is_some());
    }
    assert!(document.select(&select("svg")).count() >= 4);
    for table in document.select(&select("table")) {
        assert!(table.select(&select("caption")).next().is_some(), "{}", table.html());
    }
}

#[test]
fn hostile_text_never_becomes_active_content() {
    let html = html_of("tests/fixtures/valid/hostile.yaml", &scratch("html-hostile"));
    crate::common::assert_inert(&html);
    let document = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    // The text is still there for readers, as text.
    let title = document.select(&select("h1")).next().expect("h1").text().collect::<String>();
    assert_eq!(title, "</title><script>alert('title')</script>");
    let cell =
        document.select(&select("#scope tbody th")).next().expect("stakeholder").text().collect::<String>();
    assert_eq!(cell, "<script>alert('name')</script>");
    // Safe Markdown still works.
    assert!(html.contains("<strong>Bold</strong>"));
    assert!(
        html.contains(r#"<a href="https://example.org" rel="noopener noreferrer nofollow">a real link</a>"#)
    );
}

#[test]
fn templates_can_be_written_out_and_overridden() {
    let dir = scratch("html-templates");
    let templates = dir.join("templates");
    let run = sroi(&["init", "--templates", &templates.to_string_lossy()]);
    assert_eq!(run.code, Exit::Ok, "{}", run.stderr);
    let out = dir.join("out");
    // As written, the example changes only the footer of the built-in report.
    let output =
        report("fixtures/youth-into-work.yaml", &out, &["--templates", &templates.to_string_lossy()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let html = std::fs::read_to_string(out.join("youth-into-work.html")).expect("report");
    assert!(html.contains("<p>Published by Riverside Borough Council.</p>"), "the example's block");
    assert!(html.contains("id=\"impact-map\""), "the rest is built in");

    // One block of the built-in report, overridden by a user's template that extends it.
    let page = templates.join("report.html");
    std::fs::write(
        &page,
        "{% extends \"sroi/report.html\" %}{% block header %}<header><h1>Our own words</h1></header>\n{% endblock header %}",
    )
    .expect("edit");
    let output =
        report("fixtures/youth-into-work.yaml", &out, &["--templates", &templates.to_string_lossy()]);
    assert!(output.status.success());
    let html = std::fs::read_to_string(out.join("youth-into-work.html")).expect("report");
    assert!(html.contains("<header><h1>Our own words</h1></header>"));
    assert!(!html.contains("class=\"masthead\""), "the block is replaced");
    assert!(html.contains("<main id=\"main\">"), "every other block is the built-in one");
    // The copies in sroi/ are there to read, not used.
    std::fs::write(templates.join("sroi/report.html"), "not used").expect("edit the copy");
    assert!(
        report("fixtures/youth-into-work.yaml", &out, &["--templates", &templates.to_string_lossy()])
            .status
            .success()
    );

    // A second `init --templates` keeps the edited file.
    assert_eq!(sroi(&["init", "--templates", &templates.to_string_lossy()]).code, Exit::Failed);
    assert!(std::fs::read_to_string(&page).expect("kept").contains("Our own words"));

    std::fs::write(
        &page,
        "{% extends \"sroi/report.html\" %}{% block main %}{% for x in %}broken{% endblock main %}",
    )
    .expect("break it");
    let broken = report(
        "fixtures/youth-into-work.yaml",
        &dir.join("out2"),
        &["--templates", &templates.to_string_lossy()],
    );
    assert_eq!(broken.status.code(), Some(1), "a broken template is invalid input");
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.contains("template `report.html`") && stderr.contains("--> report.html:1:"), "{stderr}");
    assert!(!dir.join("out2/youth-into-work.html").exists(), "no partial report");

    // A template that fails only as it is rendered (the page is written as
    // it is made): the same located error, and no file of the run is left,
    // not even the JSON made before it.
    std::fs::write(
        &page,
        "{% extends \"sroi/report.html\" %}{% block main %}<main>{{ report.title | round }}</main>{% endblock main %}",
    )
    .expect("break it as it renders");
    let failed_late = dir.join("out3").join("2026");
    let late = report(
        "fixtures/youth-into-work.yaml",
        &failed_late,
        &["-f", "json,html", "--templates", &templates.to_string_lossy()],
    );
    assert_eq!(late.status.code(), Some(1), "a template that fails as it renders is invalid input");
    let stderr = String::from_utf8_lossy(&late.stderr);
    assert!(stderr.contains("cannot make the HTML report: template `report.html`"), "{stderr}");
    // Nothing is left of the run: not a file, nor the folders it made (not only the last).
    assert!(!dir.join("out3").exists(), "the failed run left out3/ behind");

    // A template under its old name is not silently ignored.
    std::fs::remove_file(&page).expect("remove");
    std::fs::write(templates.join("compare.html"), "old").expect("old name");
    let renamed =
        report("fixtures/youth-into-work.yaml", &out, &["--templates", &templates.to_string_lossy()]);
    assert!(String::from_utf8_lossy(&renamed.stderr).contains("now called `comparison.html`"));
    // Nor is a folder that is not there.
    let missing = report(
        "fixtures/youth-into-work.yaml",
        &out,
        &["--templates", &dir.join("nowhere").to_string_lossy()],
    );
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no templates folder here"));
}

fn with_logo(dir: &Path, logo: &str) -> PathBuf {
    let text = std::fs::read_to_string("tests/fixtures/valid/themed.yaml")
        .expect("fixture")
        .replace("logo: logo.svg", &format!("logo: {logo}"));
    let path = dir.join("analysis.yaml");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn logo_faults_are_clear_and_leave_nothing_behind() {
    let dir = scratch("html-logo");
    let out = dir.join("out");

    let missing = report(&with_logo(&dir, "missing.png").to_string_lossy(), &out, &[]);
    assert_eq!(missing.status.code(), Some(2), "a missing file is the tool unable to do its job");
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("analysis.yaml:8:9: error: cannot read the logo"), "{stderr}");

    let outside = report(&with_logo(&dir, "../../etc/passwd").to_string_lossy(), &out, &[]);
    assert_eq!(outside.status.code(), Some(1), "a path leaving the folder is invalid input");
    assert!(
        String::from_utf8_lossy(&outside.stderr).contains("is outside the folder of the file that names it")
    );

    std::fs::write(dir.join("notes.txt"), "not an image").expect("write");
    let not_image = report(&with_logo(&dir, "notes.txt").to_string_lossy(), &out, &[]);
    assert_eq!(not_image.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&not_image.stderr).contains("is not a PNG, JPEG, GIF, WebP or SVG image")
    );

    assert!(!out.join("analysis.html").exists(), "no report from a failed run");
}

#[test]
fn an_unwritable_output_folder_fails_with_exit_2_and_no_partial_file() {
    let dir = scratch("html-unwritable");
    let blocker = dir.join("not-a-folder");
    std::fs::write(&blocker, "a file where the output folder should be").expect("write");
    let output = report("fixtures/youth-into-work.yaml", &blocker.join("out"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot create the output folder"));
    let output = report("fixtures/youth-into-work.yaml", Path::new("/proc/sroi-cannot-write-here"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&blocker).expect("kept"), "a file where the output folder should be");
}

#[test]
fn the_analysis_file_is_never_touched() {
    let dir = scratch("html-untouched");
    let analysis = dir.join("youth-into-work.yaml");
    std::fs::copy("fixtures/youth-into-work.yaml", &analysis).expect("copy");
    let before = std::fs::read(&analysis).expect("read");
    let output = report(&analysis.to_string_lossy(), &dir, &["-f", "html,json"]);
    assert!(output.status.success());
    assert_eq!(std::fs::read(&analysis).expect("read"), before);
    assert!(dir.join("youth-into-work.json").exists() && dir.join("youth-into-work.html").exists());
}

/// The HTML of a synthetic analysis of `outcomes` outcomes, made in-process.
fn html_of_synthetic(outcomes: usize) -> String {
    let text = sroi::synthetic::analysis(sroi::synthetic::Shape {
        outcomes,
        description_len: 20,
        ..Default::default()
    })
    .replace("settings:\n", "settings:\n  simulation: { draws: 0 }\n");
    let source = sroi::source::SourceFile::new("big.yaml", text);
    let (analysis, warnings) = sroi::analyse(&source).expect("valid");
    let report = sroi::pipeline::report(&analysis, warnings, 0).report;
    let templates = sroi::render::html::Templates::new(&[]).expect("built-in templates");
    String::from_utf8(sroi::render::html::render(&report, None, &templates).expect("HTML")).expect("UTF-8")
}

#[test]
fn a_theory_of_change_too_big_to_read_is_not_drawn_and_the_page_says_where_the_links_are() {
    // 20,000 outcomes drew 24 MB of SVG (a wide and a narrow diagram) that no one could read.
    let most = sroi::report::MAX_DIAGRAM_BOXES;
    let drawn = html_of_synthetic(most);
    assert!(drawn.contains("id=\"chart-theory-title\""), "{most} outcomes are drawn");
    let undrawn = html_of_synthetic(most + 1);
    assert!(!undrawn.contains("id=\"chart-theory"), "{} outcomes are not drawn", most + 1);
    assert!(
        undrawn.contains(&format!(
            "This analysis has {} outcomes, too many to draw as one readable diagram. The impact map lists every outcome",
            most + 1
        )),
        "the page says why and where the links are"
    );
}
