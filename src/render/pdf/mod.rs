//! The PDF report: the same content and figures as the HTML report, from
//! the same [view model](crate::report), typeset for A4 by [`layout`] and
//! written as tagged PDF/UA-1 by krilla (the `write` module).
//!
//! Fonts are the embedded Open Sans faces, subset by krilla; charts are
//! vector drawings from the same plotters code as the HTML; the metadata
//! (title, author, subject, language, creator, dates) comes from the report,
//! its date from `SOURCE_DATE_EPOCH` when set.

mod assurance;
mod commission;
pub mod layout;
pub mod markdown;
mod statements;
mod write;

pub use commission::{bids, monitor};
pub use statements::{comparison, statement};

use crate::charts::{self, Face};
use crate::colour::Rgb;
use crate::report::Report;
use crate::report::printed::Cut;
use layout::{Align, Layout, MARGIN, MEASURE, MUTED, PANEL, Span, Table};
use markdown::Block;

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be read (a build fault, not the user's).
    #[error("cannot load the embedded font: {0}")]
    Font(String),
    /// A chart could not be drawn.
    #[error(transparent)]
    Chart(#[from] charts::ChartError),
    /// The document would break a rule of PDF/UA-1 that krilla checks (a
    /// fault in the layout, not the user's): no file is written rather than
    /// one that claims a standard it does not meet.
    #[error("the PDF would not be valid PDF/UA-1: {0}")]
    Invalid(String),
}

pub(crate) fn cell(text: impl Into<String>) -> Vec<Span> {
    vec![Span::new(text, Face::Regular)]
}

pub(crate) fn muted(text: impl Into<String>) -> Span {
    Span::new(text, Face::Regular).colour(MUTED)
}

/// A rendered PDF, and the characters it could not show.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The document.
    pub bytes: Vec<u8>,
    /// Characters of the report's text the embedded font has no glyph for
    /// (Chinese, Arabic, emoji…): they are missing from the PDF.
    pub missing_glyphs: Vec<char>,
    /// Why the theme's logo is not in the PDF, when it is not (an SVG logo,
    /// or an image that cannot be decoded); the HTML report still shows it.
    pub logo_left_out: Option<String>,
}

/// What a document says about itself (its metadata).
#[derive(Debug, Clone)]
pub(crate) struct About<'a> {
    pub(crate) title: &'a str,
    pub(crate) author: Option<&'a str>,
    pub(crate) subject: String,
    pub(crate) generator: &'a str,
    /// Its language, a BCP 47 tag such as `en-GB`.
    pub(crate) lang: &'a str,
    /// When it was made, in seconds since 1970.
    pub(crate) timestamp: i64,
}

/// A document being made: what it says about itself, and its logo.
pub(crate) struct Doc<'a> {
    about: About<'a>,
    logo: Option<krilla::image::Image>,
}

/// A new document described by `about`, and the layout its pages are set on.
pub(crate) fn document<'a>(about: &About<'a>, accent: Rgb) -> Result<(Doc<'a>, Layout), PdfError> {
    Ok((Doc { about: about.clone(), logo: None }, Layout::new(accent)))
}

/// The document with the pages set on `l`, each with `header` and a footer,
/// written as tagged PDF/UA-1.
pub(crate) fn save(doc: Doc<'_>, l: Layout, header: &str, footer: &str) -> Result<Rendered, PdfError> {
    let mut pages = l.finish(header, footer);
    let bytes = write::document(&mut pages, &doc.about, doc.logo.as_ref())?;
    Ok(Rendered { bytes, missing_glyphs: pages.missing, logo_left_out: None })
}

/// Renders `report` as a PDF document, with the theme's `logo` (PNG or JPEG) on page one.
pub fn render(report: &Report, logo: Option<&crate::model::Image>) -> Result<Rendered, PdfError> {
    let accent = Rgb::parse(&report.theme.accent_text).unwrap_or(crate::colour::DEFAULT_ACCENT);
    let about = About {
        title: &report.title,
        author: report.organisation.as_deref(),
        subject: format!("{}: {}", report.kind, report.words.document),
        generator: &report.generator,
        lang: &report.lang,
        timestamp: report.timestamp,
    };
    let (mut doc, mut l) = document(&about, accent)?;
    let logo_left_out = logo.and_then(|image| place_logo(&mut doc, &mut l, image, &report.logo_alt).err());
    title(&mut l, report);
    headline(&mut l, report);
    if let Some(summary) = &report.summary {
        l.heading(report.words.headings.summary);
        narrative(&mut l, summary, accent);
    }
    scope(&mut l, report, accent);
    theory(&mut l, report, accent);
    impact_map(&mut l, report, accent);
    assurance::evidence_table(&mut l, report, accent);
    assurance::section(&mut l, report, accent);
    by_stakeholder(&mut l, report)?;
    over_time(&mut l, report)?;
    waterfall(&mut l, report, accent)?;
    how_sure(&mut l, report, accent)?;
    quality(&mut l, report, accent)?;
    assurance::checklist(&mut l, report);
    inputs_and_outputs(&mut l, report, accent);
    proxies(&mut l, report, accent);
    method(&mut l, report);
    appendix(&mut l, report);

    let footer = format!("{} · {} · {}", report.title, report.kind, report.date);
    let header = match &report.organisation {
        Some(org) => format!("{} · {org}", report.title),
        None => report.title.clone(),
    };
    let mut rendered = save(doc, l, &header, &footer)?;
    rendered.logo_left_out = logo_left_out;
    Ok(rendered)
}

/// The logo at the top of page one, described as `alt`, at most 44 points
/// high and 180 wide, keeping its shape; or why it cannot be.
fn place_logo(
    doc: &mut Doc<'_>,
    l: &mut Layout,
    logo: &crate::model::Image,
    alt: &str,
) -> Result<(), String> {
    let data: krilla::Data = logo.bytes.clone().into();
    let image = match logo.mime {
        "image/png" => krilla::image::Image::from_png(data, true),
        "image/jpeg" => krilla::image::Image::from_jpeg(data, true),
        other => {
            let kind = other.trim_start_matches("image/").trim_end_matches("+xml").to_uppercase();
            return Err(format!("the PDF shows PNG and JPEG logos, not {kind}"));
        }
    }
    .map_err(|error| format!("the logo cannot be decoded ({error})"))?;
    let (w, h) = image.size();
    let (w, h) = (w as f32, h as f32);
    let scale = (44.0 / h.max(1.0)).min(180.0 / w.max(1.0));
    l.image(alt, (MARGIN, l.y), (w * scale, h * scale));
    doc.logo = Some(image);
    l.y += h * scale + 12.0;
    Ok(())
}

fn title(l: &mut Layout, report: &Report) {
    let mut meta = Vec::new();
    meta.extend(report.organisation.clone());
    meta.extend(report.period.clone());
    meta.push(format!("Report of {}", report.date));
    title_block(l, report.kind, &report.title, &meta.join(" · "));
}

/// The first page's kind (in capitals), title and line of facts.
pub(crate) fn title_block(l: &mut Layout, kind: &str, title: &str, meta: &str) {
    let accent = l.accent;
    l.paragraph(&[Span::new(kind.to_uppercase(), Face::Bold).colour(accent)], 8.5, 13.0, MARGIN, MEASURE);
    l.space(2.0);
    l.title(title);
    l.paragraph(&[muted(meta.to_owned())], 9.5, 14.0, MARGIN, MEASURE);
    l.space(12.0);
}

fn headline(l: &mut Layout, report: &Report) {
    let (h, w) = (&report.headline, &report.words.labels);
    let figures = [
        (w.present_value, h.present_value.clone()),
        (w.investment, h.investment.clone()),
        (w.net_present_value, h.net_present_value.clone()),
        (w.net_ratio, h.net_ratio.clone()),
        (w.payback, h.payback.clone()),
    ];
    headline_panel(l, (w.sroi_ratio, &h.ratio), &h.sentence, &figures);
    l.paragraph(
        &[muted(format!(
            "{} {} · {} {} · {} {}",
            w.observed, h.observed, w.projected, h.projected, w.evidence_share, h.evidence_share
        ))],
        9.0,
        12.0,
        MARGIN,
        MEASURE,
    );
    l.space(6.0);
}

/// The first page's panel: a ratio (label, figure) in large type, its
/// sentence, and a row of (label, figure).
pub(crate) fn headline_panel(
    l: &mut Layout,
    (label, ratio): (&str, &str),
    sentence: &str,
    figures: &[(&str, String)],
) {
    let accent = l.accent;
    let column = MEASURE / figures.len().max(1) as f32;
    let figure_height = figures
        .iter()
        .map(|(_, v)| Layout::height(&[Span::new(v.clone(), Face::Bold)], 11.0, 14.0, column - 16.0))
        .fold(0.0, f32::max)
        + 22.0;
    let sentence = [Span::new(sentence.to_owned(), Face::Regular)];
    let height = 70.0 + Layout::height(&sentence, 12.0, 16.0, MEASURE - 28.0) + figure_height;
    l.ensure(height);
    let top = l.y;
    l.rect(MARGIN, top, MEASURE, height, PANEL);
    l.rect(MARGIN, top, 4.0, height, accent);
    l.y += 12.0;
    l.paragraph(&[muted(label.to_owned())], 9.0, 12.0, MARGIN + 14.0, MEASURE - 28.0);
    l.paragraph(
        &[Span::new(ratio.to_owned(), Face::Bold).colour(accent)],
        30.0,
        36.0,
        MARGIN + 14.0,
        MEASURE - 28.0,
    );
    l.paragraph(&sentence, 12.0, 16.0, MARGIN + 14.0, MEASURE - 28.0);
    l.y += 8.0;
    let row = l.y;
    for (i, (label, value)) in figures.iter().enumerate() {
        let x = MARGIN + 14.0 + i as f32 * column;
        l.y = row;
        l.paragraph(&[muted(*label)], 7.5, 10.0, x, column - 16.0);
        l.paragraph(&[Span::new(value.clone(), Face::Bold)], 11.0, 14.0, x, column - 16.0);
    }
    l.y = top + height + 8.0;
}

/// A list item at nesting `depth` (1 for the outermost): its marker in the
/// margin, its text wrapped beside it; consecutive items make one list.
pub(crate) fn item(l: &mut Layout, marker: &str, spans: &[Span], depth: usize) {
    l.item(marker, spans, depth, 10.0, 14.5);
}

fn narrative(l: &mut Layout, text: &str, accent: Rgb) {
    for block in markdown::blocks(text, accent) {
        match block {
            Block::Paragraph(spans) => {
                l.paragraph(&spans, 10.0, 14.5, MARGIN, MEASURE);
                l.space(5.0);
            }
            Block::Heading(spans) => {
                l.ensure(40.0);
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                l.heading_spans(3, &text, &spans, 11.0, 15.0);
                l.space(2.0);
            }
            Block::Quote(spans) => {
                l.paragraph(&spans, 10.0, 14.5, MARGIN + 18.0, MEASURE - 18.0);
                l.space(5.0);
            }
            Block::Item(marker, depth, spans) => {
                item(l, &marker, &spans, depth);
                l.space(2.0);
            }
        }
    }
}

fn scope(l: &mut Layout, report: &Report, accent: Rgb) {
    let w = report.words;
    l.heading(w.headings.scope);
    let rows = report
        .stakeholders
        .iter()
        .map(|s| {
            vec![
                vec![Span::new(s.name.clone(), Face::Bold)],
                cell(s.size.as_deref().unwrap_or(w.cells.not_given)),
                s.engagement.as_deref().map_or_else(
                    || vec![Span::new(w.cells.no_engagement, Face::Italic)],
                    |e| markdown::inline(e, accent),
                ),
                cell(s.counted.clone()),
                cell(s.present_value.clone()),
                cell(s.share.clone()),
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.scope.into(),
        columns: vec![
            (w.columns.stakeholder.into(), 2.0, Align::Left),
            (w.columns.size.into(), 1.0, Align::Left),
            (w.columns.involved.into(), 2.6, Align::Left),
            (w.columns.counted.into(), 2.0, Align::Left),
            (w.columns.present_value.into(), 1.2, Align::Right),
            (w.columns.share.into(), 0.8, Align::Right),
        ],
        rows,
        footer: None,
        size: 8.5,
    });
}

fn theory(l: &mut Layout, report: &Report, accent: Rgb) {
    let toc = &report.charts.theory_of_change;
    if toc.outcomes.is_empty() {
        return;
    }
    let w = report.words;
    // A diagram taller than a page would be too small to read: list the links instead.
    // (One with more boxes in a column than the HTML draws is, and is not drawn to learn so.)
    if toc.undrawn.is_none() {
        let Some(drawing) = charts::theory::drawing(toc, accent) else { return };
        if drawing.height * MEASURE / drawing.width <= 600.0 {
            chart_section(l, w.headings.theory, Some(w.intros.theory), &drawing);
            return;
        }
    }
    l.heading(w.headings.theory);
    l.paragraph(&[Span::new(w.intros.theory, Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(6.0);
    note_cut(l, &report.printed.theory, accent);
    let rows = report
        .outcomes
        .iter()
        .take(report.printed.theory.rows)
        .enumerate()
        .map(|(o, outcome)| {
            let outputs: Vec<&str> = toc
                .output_links
                .iter()
                .filter(|(_, to)| *to == o)
                .map(|(p, _)| toc.outputs[*p].as_str())
                .collect();
            vec![
                markdown::inline(&outcome.description, accent),
                cell(outputs.join("; ")),
                cell(outcome.stakeholder.clone()),
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.theory_links.into(),
        columns: vec![
            (w.columns.outcome.into(), 2.0, Align::Left),
            (w.columns.from_outputs.into(), 2.0, Align::Left),
            (w.columns.for_whom.into(), 1.4, Align::Left),
        ],
        rows,
        footer: None,
        size: 8.0,
    });
}

/// The sentence above a table cut short, saying where the rest is (its
/// commands, in backticks, set as code).
fn note_cut(l: &mut Layout, cut: &Cut, accent: Rgb) {
    if let Some(note) = &cut.note {
        l.paragraph(&markdown::inline(note, accent), 10.0, 14.5, MARGIN, MEASURE);
        l.space(4.0);
    }
}

fn impact_map(l: &mut Layout, report: &Report, accent: Rgb) {
    let w = report.words;
    l.heading(w.headings.impact_map);
    l.paragraph(&[Span::new(w.intros.impact_map, Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(6.0);
    note_cut(l, &report.printed.impact_map, accent);
    let rows = report
        .outcomes
        .iter()
        .take(report.printed.impact_map.rows)
        .map(|o| {
            let mut outcome = markdown::inline(&o.description, accent);
            if o.harm {
                outcome.push(Span::new(" (harm)", Face::Bold));
            }
            if let Some(indicator) = &o.indicator {
                outcome.push(muted(format!("\nIndicator: {indicator}")));
            }
            outcome.extend(assurance::outcome_lines(o));
            let mut proxy = vec![Span::new(o.proxy_value.clone(), Face::Bold)];
            if let Some(d) = &o.proxy_description {
                proxy.push(Span::new(format!(": {d}"), Face::Regular));
            }
            if let Some(rebasing) = &o.rebasing {
                proxy.push(muted(format!("\n{rebasing}")));
            }
            proxy.push(muted(format!("\nSource: {}", o.proxy_source.as_deref().unwrap_or("not given"))));
            let face = if o.excluded { Face::Italic } else { Face::Regular };
            let plain = |t: &str| vec![Span::new(t.to_owned(), face)];
            vec![
                outcome,
                plain(&o.stakeholder),
                {
                    let mut q = plain(&o.quantity);
                    if let Some(unit) = &o.unit {
                        q.push(muted(format!("\nunits: {unit}")));
                    }
                    q
                },
                proxy,
                plain(&format!("{} from {}", o.duration, o.start.to_lowercase())),
                plain(&format!(
                    "{} {}\n{} {}\n{} {}\n{} {}",
                    w.columns.deadweight,
                    o.deadweight,
                    w.columns.displacement,
                    o.displacement,
                    w.columns.attribution,
                    o.attribution,
                    w.columns.drop_off,
                    o.drop_off.to_lowercase()
                )),
                plain(&o.impact),
                plain(&o.present_value),
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.impact_map.into(),
        columns: vec![
            (w.columns.outcome.into(), 2.2, Align::Left),
            (w.columns.stakeholder.into(), 1.3, Align::Left),
            (w.columns.quantity.into(), 1.0, Align::Right),
            (w.columns.proxy_and_source.into(), 2.5, Align::Left),
            (w.columns.duration.into(), 0.95, Align::Right),
            (w.columns.adjustments.into(), 1.75, Align::Left),
            (w.columns.impact.into(), 1.0, Align::Right),
            (w.columns.present_value.into(), 1.0, Align::Right),
        ],
        rows,
        footer: None,
        size: 7.0,
    });
}

/// A section that opens with a chart: its heading, introduction and chart
/// are kept on one page.
pub(crate) fn chart_section(
    l: &mut Layout,
    title: &str,
    intro: Option<&str>,
    drawing: &charts::drawing::Drawing,
) {
    let intro = intro.map(|text| [Span::new(text, Face::Regular)]);
    let intro_height = intro.as_ref().map_or(0.0, |s| Layout::height(s, 10.0, 14.5, MEASURE) + 6.0);
    l.ensure(Layout::HEADING + intro_height + drawing.height * MEASURE / drawing.width);
    l.heading(title);
    if let Some(spans) = intro {
        l.paragraph(&spans, 10.0, 14.5, MARGIN, MEASURE);
        l.space(6.0);
    }
    l.drawing(drawing, MEASURE);
    l.space(8.0);
}

fn by_stakeholder(l: &mut Layout, report: &Report) -> Result<(), PdfError> {
    let (data, w) = (&report.charts, report.words);
    let chart = charts::drawing(&charts::bars::ByStakeholder {
        values: &data.by_stakeholder,
        currency: &data.currency,
        title: w.captions.by_stakeholder_chart,
        total: None,
        description: None,
    })?;
    chart_section(l, w.headings.by_stakeholder, None, &chart);
    let rows = report
        .stakeholders
        .iter()
        .filter(|s| s.excluded.is_none())
        .map(|s| {
            vec![
                vec![Span::new(s.name.clone(), Face::Bold)],
                cell(s.present_value.clone()),
                cell(s.share.clone()),
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.by_stakeholder.into(),
        columns: vec![
            (w.columns.stakeholder.into(), 3.0, Align::Left),
            (w.columns.present_value.into(), 1.2, Align::Right),
            (w.columns.share.into(), 0.8, Align::Right),
        ],
        rows,
        footer: Some(vec![cell(w.cells.total), cell(report.headline.present_value.clone()), cell("100%")]),
        size: 8.5,
    });
    Ok(())
}

fn over_time(l: &mut Layout, report: &Report) -> Result<(), PdfError> {
    let (data, w) = (&report.charts, report.words);
    let chart = charts::drawing(&charts::stacked::OverTime {
        years: &data.years,
        series: &data.over_time,
        currency: &data.currency,
    })?;
    chart_section(l, w.headings.over_time, Some(w.intros.over_time), &chart);
    let by_stakeholder = report.printed.years_by_stakeholder;
    let mut columns = vec![(w.columns.year.to_owned(), 1.0, Align::Left)];
    if by_stakeholder {
        columns.extend(report.year_columns.iter().map(|name| (name.clone(), 1.3, Align::Right)));
    }
    columns.push((w.columns.total.to_owned(), 1.3, Align::Right));
    let row = |y: &crate::report::YearView| {
        let mut cells = vec![vec![Span::new(y.label.clone(), Face::Bold)]];
        if by_stakeholder {
            cells.extend(y.by_stakeholder.iter().map(|v| cell(v.clone())));
        }
        cells.push(cell(y.value.clone()));
        cells
    };
    if let Some(note) = &report.printed.years_note {
        l.paragraph(&[muted(note.clone())], 8.0, 11.0, MARGIN, MEASURE);
        l.space(4.0);
    }
    l.table(&Table {
        caption: w.captions.over_time.into(),
        columns,
        rows: report.years.iter().map(row).collect(),
        footer: Some(row(&report.years_total)),
        size: 8.0,
    });
    Ok(())
}

fn waterfall(l: &mut Layout, report: &Report, accent: Rgb) -> Result<(), PdfError> {
    let (data, w) = (&report.charts, report.words);
    let chart = charts::drawing(&charts::waterfall::Waterfall {
        steps: &data.waterfall,
        accent,
        currency: &data.currency,
    })?;
    chart_section(l, w.headings.waterfall, Some(w.intros.waterfall), &chart);
    let rows = report
        .waterfall
        .iter()
        .map(|s| {
            let face = if s.total { Face::Bold } else { Face::Regular };
            vec![vec![Span::new(s.label, face)], vec![Span::new(s.amount.clone(), face)]]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.waterfall.into(),
        columns: vec![
            (w.columns.step.into(), 3.0, Align::Left),
            (w.columns.amount.into(), 1.5, Align::Right),
        ],
        rows,
        footer: None,
        size: 8.5,
    });
    Ok(())
}

fn how_sure(l: &mut Layout, report: &Report, accent: Rgb) -> Result<(), PdfError> {
    let u = &report.uncertainty;
    let (data, w) = (&report.charts.uncertainty, report.words);
    l.heading(w.headings.how_sure);
    l.paragraph(
        &[Span::new(format!("{} {}", w.intros.how_sure, u.scope), Face::Regular)],
        10.0,
        14.5,
        MARGIN,
        MEASURE,
    );
    l.space(4.0);
    l.subheading(w.subheadings.switching);
    note_cut(l, &report.printed.switching, accent);
    for s in u.switching.iter().take(report.printed.switching.rows) {
        let mut spans = vec![Span::new(format!("The {} of ", s.assumption), Face::Regular)];
        spans.extend(
            markdown::inline(&s.outcome, accent).into_iter().map(|span| Span { face: Face::Italic, ..span }),
        );
        spans.push(Span::new(
            format!(" would have to {} before the ratio reaches 1 : 1.", s.change),
            Face::Regular,
        ));
        l.item("•", &spans, 1, 10.0, 14.5);
        l.space(2.0);
    }
    l.paragraph(&[Span::new(u.no_switching_sentence.clone(), Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(6.0);
    if !data.tornado.is_empty() {
        let chart =
            charts::drawing(&charts::tornado::Tornado { rows: &data.tornado, ratio: data.ratio, accent })?;
        l.drawing(&chart, MEASURE);
        l.space(6.0);
        note_cut(l, &report.printed.swings, accent);
        let rows = u
            .swings
            .iter()
            .take(report.printed.swings.rows)
            .map(|s| {
                vec![
                    markdown::inline(&s.outcome, accent),
                    cell(s.assumption.clone()),
                    cell(s.low.clone()),
                    cell(s.low_ratio.clone()),
                    cell(s.high.clone()),
                    cell(s.high_ratio.clone()),
                ]
            })
            .collect();
        l.table(&Table {
            caption: w.captions.swings.into(),
            columns: vec![
                (w.columns.outcome.into(), 2.6, Align::Left),
                (w.columns.assumption.into(), 1.2, Align::Left),
                (w.columns.low.into(), 1.0, Align::Right),
                (w.columns.ratio.into(), 0.9, Align::Right),
                (w.columns.high.into(), 1.0, Align::Right),
                (w.columns.ratio.into(), 0.9, Align::Right),
            ],
            rows,
            footer: None,
            size: 8.0,
        });
    }
    l.table(&Table {
        caption: w.captions.discount.into(),
        columns: vec![
            (w.columns.discount_rate.into(), 2.0, Align::Left),
            (w.columns.sroi_ratio.into(), 1.0, Align::Right),
        ],
        rows: u
            .discount_scenarios
            .iter()
            .map(|d| vec![cell(d.rate.clone()), cell(d.ratio.clone())])
            .collect(),
        footer: None,
        size: 8.5,
    });
    match (&u.simulation, data.band) {
        (Some(sim), Some(band)) => {
            let chart =
                charts::drawing(&charts::histogram::Histogram { bars: &data.histogram, band, accent })?;
            let text = [
                Span::new(
                    format!(
                        "Drawing every assumption that has a range at random ({} times, from a triangular distribution peaking at the value used; seed {}, so the result repeats exactly), the ratio lies between ",
                        sim.draws, sim.seed
                    ),
                    Face::Regular,
                ),
                Span::new(sim.p5.clone(), Face::Bold),
                Span::new(" and ", Face::Regular),
                Span::new(sim.p95.clone(), Face::Bold),
                Span::new(
                    format!(
                        " in 90% of draws, with a median of {}. The chance that it is below 1 : 1 is ",
                        sim.p50
                    ),
                    Face::Regular,
                ),
                Span::new(sim.below_one.clone(), Face::Bold),
                Span::new(".", Face::Regular),
            ];
            l.ensure(
                40.0 + Layout::height(&text, 10.0, 14.5, MEASURE) + chart.height * MEASURE / chart.width,
            );
            l.subheading(w.subheadings.simulation);
            l.paragraph(&text, 10.0, 14.5, MARGIN, MEASURE);
            l.space(6.0);
            l.drawing(&chart, MEASURE);
            l.space(6.0);
            let rows = [
                (w.labels.p5, &sim.p5),
                (w.labels.median, &sim.p50),
                (w.labels.p95, &sim.p95),
                (w.labels.mean, &sim.mean),
                (w.labels.below_one, &sim.below_one),
            ]
            .iter()
            .map(|(label, value)| vec![vec![Span::new(*label, Face::Bold)], cell((*value).clone())])
            .collect();
            l.table(&Table {
                caption: w.captions.simulation.into(),
                columns: vec![
                    (w.columns.figure.into(), 3.0, Align::Left),
                    (w.columns.ratio.into(), 1.5, Align::Right),
                ],
                rows,
                footer: None,
                size: 8.5,
            });
        }
        _ => {
            l.paragraph(&markdown::inline(w.sentences.no_simulation, accent), 10.0, 14.5, MARGIN, MEASURE);
            l.space(6.0);
        }
    }
    Ok(())
}

fn quality(l: &mut Layout, report: &Report, accent: Rgb) -> Result<(), PdfError> {
    let (q, w) = (&report.quality, report.words);
    l.heading(w.headings.quality);
    l.paragraph(&[Span::new(w.intros.quality, Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(4.0);
    if q.findings.is_empty() {
        l.paragraph(&[Span::new(w.sentences.nothing_found, Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    }
    note_cut(l, &report.printed.findings, accent);
    for f in q.findings.iter().take(report.printed.findings.rows) {
        let principle = f.principle.map_or(String::new(), |p| format!(" ({p})"));
        let mut spans = vec![
            Span::new(format!("{}{principle}: ", f.severity), Face::Bold),
            Span::new(f.message.clone(), Face::Regular),
        ];
        if let Some(hint) = &f.hint {
            spans.push(muted(format!(". {hint}.")));
        }
        l.item("•", &spans, 1, 9.5, 13.5);
        l.space(2.0);
    }
    l.space(6.0);
    if !report.charts.benchmarks.is_empty() {
        let chart =
            charts::drawing(&charts::benchmark::Benchmark { rows: &report.charts.benchmarks, accent })?;
        l.drawing(&chart, MEASURE);
        l.space(6.0);
    }
    let rows = q
        .comparisons
        .iter()
        .map(|c| {
            vec![
                vec![Span::new(c.label, Face::Bold)],
                cell(c.value.clone()),
                cell(c.p10.clone()),
                cell(c.median.clone()),
                cell(c.p90.clone()),
                cell(c.placement),
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.benchmark.into(),
        columns: vec![
            (w.columns.assumption.into(), 2.6, Align::Left),
            (w.columns.this_analysis.into(), 1.1, Align::Right),
            (w.columns.p10.into(), 1.1, Align::Right),
            (w.columns.median.into(), 1.0, Align::Right),
            (w.columns.p90.into(), 1.1, Align::Right),
            (w.columns.placement.into(), 1.4, Align::Left),
        ],
        rows,
        footer: None,
        size: 8.0,
    });
    l.paragraph(&[muted(format!("{} {}", w.sentences.published, q.source))], 8.0, 11.0, MARGIN, MEASURE);
    l.space(6.0);
    Ok(())
}

fn inputs_and_outputs(l: &mut Layout, report: &Report, accent: Rgb) {
    let w = report.words;
    l.heading(w.headings.inputs);
    let rows = report
        .inputs
        .iter()
        .map(|i| {
            vec![
                markdown::inline(&i.description, accent),
                cell(i.stakeholder.as_deref().unwrap_or(w.cells.not_given)),
                cell(i.valuation.clone()),
                cell(i.year.clone()),
                cell(i.present_value.clone()),
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.inputs.into(),
        columns: vec![
            (w.columns.input.into(), 2.6, Align::Left),
            (w.columns.from.into(), 1.6, Align::Left),
            (w.columns.valued_as.into(), 1.6, Align::Left),
            (w.columns.year.into(), 0.7, Align::Left),
            (w.columns.present_value.into(), 1.1, Align::Right),
        ],
        rows,
        footer: Some(vec![
            cell(w.cells.total_investment),
            cell(""),
            cell(""),
            cell(""),
            cell(report.inputs_total.clone()),
        ]),
        size: 8.5,
    });
    if report.outputs.is_empty() {
        return;
    }
    let rows = report
        .outputs
        .iter()
        .map(|o| {
            let inputs =
                if o.inputs.is_empty() { w.cells.not_linked.to_owned() } else { o.inputs.join("; ") };
            vec![
                markdown::inline(&o.description, accent),
                cell(o.quantity.as_deref().unwrap_or(w.cells.not_given)),
                cell(inputs),
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.outputs.into(),
        columns: vec![
            (w.columns.output.into(), 2.2, Align::Left),
            (w.columns.quantity.into(), 1.2, Align::Left),
            (w.columns.paid_for_by.into(), 2.6, Align::Left),
        ],
        rows,
        footer: None,
        size: 8.5,
    });
}

fn proxies(l: &mut Layout, report: &Report, accent: Rgb) {
    let w = report.words;
    l.heading(w.headings.proxies);
    l.paragraph(&[Span::new(w.intros.proxies, Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(6.0);
    note_cut(l, &report.printed.proxies, accent);
    let rows = report
        .proxies
        .iter()
        .take(report.printed.proxies.rows)
        .map(|p| {
            let mut name = vec![Span::new(p.name.clone(), Face::Bold)];
            if let Some(id) = &p.library_id {
                name.push(muted(format!(" ({id})")));
            }
            let mut source = cell(p.source.clone());
            if let Some(url) = &p.url {
                source.push(Span {
                    text: format!(" {url}"),
                    face: Face::Regular,
                    colour: accent,
                    link: Some(url.clone()),
                });
            }
            let mut used = Vec::new();
            for (i, o) in p.outcomes.iter().take(p.printed_uses.rows).enumerate() {
                if i > 0 {
                    used.push(Span::new("; ", Face::Regular));
                }
                used.extend(markdown::inline(o, accent));
            }
            if let Some(more) = &p.printed_uses.note {
                used.push(muted(format!("; {more}")));
            }
            vec![
                name,
                cell(p.value.clone()),
                source,
                cell(p.licence.as_deref().unwrap_or(w.cells.not_given)),
                used,
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.proxies.into(),
        columns: vec![
            (w.columns.proxy.into(), 2.0, Align::Left),
            (w.columns.value.into(), 1.3, Align::Right),
            (w.columns.source.into(), 2.6, Align::Left),
            (w.columns.licence.into(), 1.2, Align::Left),
            (w.columns.used_for.into(), 1.6, Align::Left),
        ],
        rows,
        footer: None,
        size: 7.5,
    });
}

fn method(l: &mut Layout, report: &Report) {
    let w = report.words;
    l.heading(w.headings.method);
    let cited = &w.intros.method;
    let intro = format!("{}{}{}", cited.before, cited.title, cited.after);
    l.paragraph(&[Span::new(intro, Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(6.0);
    let (m, w) = (&report.method, &w.labels);
    for (label, value) in [
        (w.discount_rate, &m.discount_rate),
        (w.timing, &m.timing),
        (w.prices, &m.price_year),
        (w.currency, &m.currency),
        (w.horizon, &m.horizon),
        (w.payback, &m.payback),
    ] {
        let spans = [Span::new(value.clone(), Face::Regular)];
        let height = Layout::height(&spans, 9.5, 13.5, MEASURE - 110.0);
        l.ensure(height + 6.0);
        let top = l.y;
        l.paragraph(&[Span::new(label, Face::Bold)], 9.5, 13.5, MARGIN, 100.0);
        l.y = top;
        l.paragraph(&spans, 9.5, 13.5, MARGIN + 110.0, MEASURE - 110.0);
        l.space(5.0);
    }
}

fn appendix(l: &mut Layout, report: &Report) {
    let w = report.words;
    l.heading(w.headings.appendix);
    let rows = report
        .years
        .iter()
        .map(|y| {
            vec![
                vec![Span::new(y.label.clone(), Face::Bold)],
                cell(y.value.clone()),
                cell(y.discount_factor.clone()),
                cell(y.present_value.clone()),
            ]
        })
        .collect();
    let t = &report.years_total;
    l.table(&Table {
        caption: w.captions.appendix.into(),
        columns: vec![
            (w.columns.year.into(), 1.2, Align::Left),
            (w.columns.value.into(), 1.5, Align::Right),
            (w.columns.discount_factor.into(), 1.3, Align::Right),
            (w.columns.present_value.into(), 1.5, Align::Right),
        ],
        rows,
        footer: Some(vec![
            cell(w.cells.total),
            cell(t.value.clone()),
            cell(""),
            cell(t.present_value.clone()),
        ]),
        size: 8.5,
    });
    l.space(6.0);
    l.paragraph(
        &[muted(format!(
            "Made with {} on {}. Figures are computed in full precision and rounded for display.",
            report.generator, report.date
        ))],
        8.0,
        11.0,
        MARGIN,
        MEASURE,
    );
}
