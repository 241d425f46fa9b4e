//! The HTML report: one self-contained page (styles, fonts, charts and logo
//! inline; no script, no request to the network), from tera templates over
//! the [view model](crate::report).
//!
//! Templates are embedded; a folder given with `--templates` overrides any of
//! them by file name (`sroi init --templates DIR` writes the defaults out).
//! Every value is escaped by tera; Markdown goes through the `markdown` and
//! `markdown_inline` filters, which sanitise it with ammonia.

use std::borrow::Cow;

use base64::Engine as _;
use tera::value::Key;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::charts;
use crate::colour::Rgb;
use crate::report::Report;

/// An image embedded in the report (the theme's logo).
pub use crate::model::Image;

/// The built-in templates, by file name; each is known to tera as `sroi/NAME`,
/// and a user's template of the same name is used instead of it.
pub const DEFAULT_TEMPLATES: [(&str, &str); 7] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("comparison.html", include_str!("../../templates/comparison.html")),
    ("statement.html", include_str!("../../templates/statement.html")),
    ("bids.html", include_str!("../../templates/bids.html")),
    ("monitor.html", include_str!("../../templates/monitor.html")),
    ("style.css", include_str!("../../templates/style.css")),
];

/// Where the built-in templates live among a user's.
const BUILT_IN: &str = "sroi/";

const FONT_FACES: [(&str, &str, &[u8]); 3] = [
    ("400", "normal", include_bytes!("../../templates/fonts/OpenSans-Regular.woff2")),
    ("700", "normal", include_bytes!("../../templates/fonts/OpenSans-Bold.woff2")),
    ("400", "italic", include_bytes!("../../templates/fonts/OpenSans-Italic.woff2")),
];

/// Why the HTML could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// The user's templates could not be read (the loader says why).
    #[error(transparent)]
    Read(Box<dyn std::error::Error + Send + Sync>),
    /// A template has an error (in the user's own templates, usually).
    #[error("template `{name}`: {message}")]
    Template {
        /// The template's file name.
        name: String,
        /// What tera said.
        message: String,
    },
    /// A chart could not be drawn.
    #[error(transparent)]
    Chart(#[from] charts::ChartError),
    /// The page could not be written where it was going.
    #[error(transparent)]
    Write(#[from] std::io::Error),
}

fn template_error(name: &str) -> impl Fn(tera::Error) -> HtmlError + '_ {
    move |error| {
        // tera's errors nest their cause; show the whole chain.
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        HtmlError::Template { name: name.to_owned(), message }
    }
}

/// A loaded set of templates.
pub struct Templates {
    tera: Tera,
}

/// The built-in templates with their filters, parsed once per run.
fn built_in() -> Result<&'static Tera, HtmlError> {
    static BUILT_IN_TERA: std::sync::OnceLock<Result<Tera, String>> = std::sync::OnceLock::new();
    let made = BUILT_IN_TERA.get_or_init(|| {
        let mut tera = Tera::new();
        tera.register_filter("markdown", |text: Cow<'_, str>, _: Kwargs, _: &State| {
            Value::safe_string(&crate::markdown::to_html(&text))
        });
        tera.register_filter("markdown_inline", |text: Cow<'_, str>, _: Kwargs, _: &State| {
            Value::safe_string(&crate::markdown::to_inline_html(&text))
        });
        tera.set_fallback_prefixes([BUILT_IN]).map_err(|e| e.to_string())?;
        let named: Vec<(String, &str)> =
            DEFAULT_TEMPLATES.iter().map(|(name, text)| (format!("{BUILT_IN}{name}"), *text)).collect();
        tera.add_raw_templates(named.iter().map(|(n, t)| (n.as_str(), *t))).map_err(|e| e.to_string())?;
        Ok(tera)
    });
    made.as_ref()
        .map_err(|message| HtmlError::Template { name: "sroi/*".to_owned(), message: message.clone() })
}

impl Templates {
    /// The built-in templates, with the user's own (by file name, see
    /// `crate::load::templates`) used instead or extending them.
    pub fn new(overrides: &[(&str, String)]) -> Result<Templates, HtmlError> {
        let mut tera = built_in()?.clone();
        if !overrides.is_empty() {
            let names: Vec<&str> = overrides.iter().map(|(n, _)| *n).collect();
            // tera's message names the template and place at fault.
            tera.add_raw_templates(overrides.iter().map(|(n, t)| (*n, t.as_str())))
                .map_err(template_error(&names.join(", ")))?;
        }
        Ok(Templates { tera })
    }
}

/// What `base.html` says of every page: its language, maker, colours and date.
#[derive(serde::Serialize)]
struct Page<'a> {
    lang: &'a str,
    generator: &'a str,
    accent: &'a str,
    accent_text: &'a str,
    date: &'a str,
}

impl<'a> Page<'a> {
    fn new(
        lang: &'a str,
        generator: &'a str,
        (accent, accent_text): (&'a str, &'a str),
        date: &'a str,
    ) -> Self {
        Page { lang, generator, accent, accent_text, date }
    }

    /// A page of many analyses or files, stamped by `stamp`, in `lang`.
    fn of(lang: &'a str, stamp: &'a crate::report::Stamp) -> Self {
        Page::new(lang, &stamp.generator, (&stamp.accent, &stamp.accent_text), &stamp.date)
    }
}

/// Renders template `name` with `context` and what every page has: the
/// embedded fonts and `base.html`'s `page`.
fn render_page(
    templates: &Templates,
    name: &str,
    context: Context,
    page: &Page<'_>,
) -> Result<Vec<u8>, HtmlError> {
    let mut bytes = Vec::new();
    render_page_to(templates, name, context, page, &mut bytes)?;
    Ok(bytes)
}

/// Renders template `name` as [`render_page`] does, into `out` as it is
/// made (a large report's page is never held whole).
fn render_page_to(
    templates: &Templates,
    name: &str,
    mut context: Context,
    page: &Page<'_>,
    out: &mut dyn std::io::Write,
) -> Result<(), HtmlError> {
    context.insert("fonts_css", &fonts_css());
    context.insert("page", page);
    // tera keeps only the kind of a writer's error: the error itself is kept here.
    let mut out = crate::output::Kept::new(out);
    let rendered = templates.tera.render_to(name, &context, &mut out);
    match (rendered, out.error) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(error)) => Err(HtmlError::Write(error)),
        (Err(error), None) => Err(template_error(name)(error)),
    }
}

fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn fonts_css() -> String {
    FONT_FACES
        .iter()
        .map(|(weight, style, bytes)| {
            format!(
                "@font-face {{ font-family: \"Open Sans\"; font-weight: {weight}; font-style: {style}; src: url({}) format(\"woff2\"); }}\n",
                data_uri("font/woff2", bytes)
            )
        })
        .collect()
}

/// Width of the theory of change's wide drawing: its 12 px text is at least
/// 12 CSS px on any page at least 768 px wide, a scroll bar taken off.
const THEORY_WIDTH: f32 = 700.0;
/// Width of the theory of change's narrow drawing: the page at 320 CSS px, less its margins.
const THEORY_NARROW: f32 = 288.0;

/// A chart as the page shows it: drawn [`charts::HTML_WIDTH`] wide for
/// screens at least 768 px wide (and print), and on narrower screens, where
/// its text could not stay 12 px, its title and description in words (its
/// numbers are in the table beside it). The stylesheet displays one of the two.
fn chart(chart: &impl charts::Chart, id: &str) -> Result<String, HtmlError> {
    let wide = charts::svg_at(chart, id, charts::HTML_WIDTH, "chart-wide")?;
    Ok(format!(
        "{}<p class=\"chart-narrow\"><strong>{}.</strong> {}</p>",
        wide,
        charts::xml_escape(&chart.title()),
        charts::xml_escape(&chart.description())
    ))
}

/// The theory of change as the page shows it: four columns on wide screens
/// and in print, four bands one below the other on narrow screens.
fn theory(toc: &crate::report::TheoryOfChange, accent: Rgb) -> Option<String> {
    if toc.undrawn.is_some() {
        return None;
    }
    let wide = charts::theory::theory_of_change_at(toc, accent, "chart-theory", THEORY_WIDTH, "chart-wide")?;
    let narrow = charts::theory::theory_of_change_at(
        toc,
        accent,
        "chart-theory-narrow",
        THEORY_NARROW,
        "chart-narrow",
    )?;
    Some(format!("{wide}{narrow}"))
}

/// The charts of a report, as accessible SVG.
#[derive(Debug, serde::Serialize)]
struct Charts {
    theory: Option<String>,
    by_stakeholder: String,
    over_time: String,
    waterfall: String,
    tornado: Option<String>,
    histogram: Option<String>,
    benchmark: Option<String>,
}

fn charts(report: &Report) -> Result<Charts, HtmlError> {
    let data = &report.charts;
    // Charts carry meaning and white text, so they use the accent darkened for contrast.
    let accent = Rgb::parse(&report.theme.accent_text).unwrap_or(crate::colour::DEFAULT_ACCENT);
    Ok(Charts {
        theory: theory(&data.theory_of_change, accent),
        by_stakeholder: chart(
            &charts::bars::ByStakeholder {
                values: &data.by_stakeholder,
                currency: &data.currency,
                title: "Present value by stakeholder",
                total: None,
                description: None,
            },
            "chart-stakeholders",
        )?,
        over_time: chart(
            &charts::stacked::OverTime {
                years: &data.years,
                series: &data.over_time,
                currency: &data.currency,
            },
            "chart-years",
        )?,
        waterfall: chart(
            &charts::waterfall::Waterfall { steps: &data.waterfall, accent, currency: &data.currency },
            "chart-waterfall",
        )?,
        tornado: match data.uncertainty.tornado.is_empty() {
            true => None,
            false => Some(chart(
                &charts::tornado::Tornado {
                    rows: &data.uncertainty.tornado,
                    ratio: data.uncertainty.ratio,
                    accent,
                },
                "chart-tornado",
            )?),
        },
        benchmark: match data.benchmarks.is_empty() {
            true => None,
            false => Some(chart(
                &charts::benchmark::Benchmark { rows: &data.benchmarks, accent },
                "chart-benchmark",
            )?),
        },
        histogram: match data.uncertainty.band {
            Some(band) => Some(chart(
                &charts::histogram::Histogram { bars: &data.uncertainty.histogram, band, accent },
                "chart-simulation",
            )?),
            None => None,
        },
    })
}

/// Renders the report as one HTML page.
pub fn render(report: &Report, logo: Option<&Image>, templates: &Templates) -> Result<Vec<u8>, HtmlError> {
    let mut bytes = Vec::new();
    render_owned(report.clone(), logo, templates, &mut bytes)?;
    Ok(bytes)
}

/// Renders the report as one HTML page into `out`, as it is made, taking
/// the view: tera's copy of each outcome's row is made as the row itself is
/// let go, so the page of a large analysis never holds both (they are most
/// of a report's view).
pub fn render_owned(
    mut report: Report,
    logo: Option<&Image>,
    templates: &Templates,
    out: &mut dyn std::io::Write,
) -> Result<(), HtmlError> {
    let charts = charts(&report)?;
    let theme = &report.theme;
    let (lang, generator, date) = (report.lang.clone(), report.generator.clone(), report.date.clone());
    let accents = (theme.accent.clone(), theme.accent_text.clone());
    // A theory of change too large to draw is not drawn (its sentence says
    // where the links are): its boxes and links, as long as the analysis,
    // are not copied for the template.
    let toc = &mut report.charts.theory_of_change;
    if toc.undrawn.is_some() {
        *toc = crate::report::TheoryOfChange { undrawn: toc.undrawn.take(), ..Default::default() };
    }
    // The two lists as long as the analysis, each row copied as it is let go.
    let (outcomes, proxies) = (std::mem::take(&mut report.outcomes), std::mem::take(&mut report.proxies));
    let mut whole = Value::from_serializable(&report).into_map().unwrap_or_default();
    drop(report);
    // Each in the place of the empty list it was serialised with.
    whole.insert(Key::Str("outcomes"), Value::from(values_of(outcomes)));
    whole.insert(Key::Str("proxies"), Value::from(values_of(proxies)));
    let mut context = Context::new();
    context.insert_value("report", Value::from(whole));
    context.insert("charts", &charts);
    context.insert("logo", &logo.map(|image| data_uri(image.mime, &image.bytes)));
    let page = Page::new(&lang, &generator, (&accents.0, &accents.1), &date);
    render_page_to(templates, "report.html", context, &page, out)
}

/// tera's copies of `rows`, in order, each made as its row is let go, and
/// the list of rows shrunk each time an eighth of it is empty (so a large
/// list's memory is given back as it goes: the list and the copies are
/// never held whole together).
fn values_of<T: serde::Serialize>(mut rows: Vec<T>) -> Vec<Value> {
    let mut values = Vec::with_capacity(rows.len());
    while let Some(row) = rows.pop() {
        values.push(Value::from_serializable(&row));
        if rows.len() <= rows.capacity() - rows.capacity() / 8 {
            rows.shrink_to_fit();
        }
    }
    values.reverse();
    values
}

/// Renders a social value statement as one HTML page, with `statement.html`.
pub fn statement(view: &crate::report::statement::View, templates: &Templates) -> Result<Vec<u8>, HtmlError> {
    use crate::report::statement::Breakdown;
    // Each breakdown's chart, its description (from the view) as the SVG's text alternative.
    let chart = |breakdown: Breakdown, id: &str| -> Result<Option<String>, HtmlError> {
        let Some(chart) = view.chart(breakdown) else { return Ok(None) };
        Ok(Some(self::chart(
            &charts::bars::ByStakeholder {
                values: &chart.rows,
                currency: &view.currency,
                title: &chart.title,
                total: Some(chart.total),
                description: Some(&chart.description),
            },
            id,
        )?))
    };
    let charts = StatementCharts {
        theme: chart(Breakdown::Theme, "chart-themes")?,
        priority: chart(Breakdown::Priority, "chart-priorities")?,
        organisation: chart(Breakdown::Organisation, "chart-organisations")?,
        supplier_size: chart(Breakdown::SupplierSize, "chart-sizes")?,
        area: chart(Breakdown::Area, "chart-areas")?,
    };
    let mut context = Context::new();
    context.insert("p", view);
    context.insert("charts", &charts);
    render_page(templates, "statement.html", context, &Page::of(crate::report::DEFAULT_LANG, &view.stamp))
}

/// The charts of a statement, as accessible SVG; `None` for a breakdown without one.
#[derive(Debug, serde::Serialize)]
struct StatementCharts {
    theme: Option<String>,
    priority: Option<String>,
    organisation: Option<String>,
    supplier_size: Option<String>,
    area: Option<String>,
}

/// Renders a comparison as one HTML page, with `comparison.html`.
pub fn comparison(
    view: &crate::report::comparison::View,
    templates: &Templates,
) -> Result<Vec<u8>, HtmlError> {
    let accent = view.stamp.ink;
    let ratio_chart = chart(&charts::ratios::Ratios { rows: &view.ratios, accent }, "chart-ratios")?;
    let mix_chart = chart(&charts::mix::ValueMix { rows: &view.mix }, "chart-mix")?;
    let mut context = Context::new();
    context.insert("c", view);
    context.insert("ratio_chart", &ratio_chart);
    context.insert("mix_chart", &mix_chart);
    render_page(templates, "comparison.html", context, &Page::of(crate::report::DEFAULT_LANG, &view.stamp))
}

/// Renders a tender evaluation as one HTML page, with `bids.html`.
pub fn render_bids(
    view: &crate::report::bids::BidsView,
    templates: &Templates,
) -> Result<Vec<u8>, HtmlError> {
    let chart = chart(
        &charts::priorities::ByPriority {
            priorities: &view.chart_priorities,
            offers: &view.chart_offers,
            currency: &view.currency,
        },
        "chart-priorities",
    )?;
    let mut context = Context::new();
    context.insert("b", view);
    context.insert("priority_chart", &chart);
    render_page(templates, "bids.html", context, &Page::of(view.lang, &view.stamp))
}

/// The numbers of the monitoring report's chart, as the table beside it.
#[derive(serde::Serialize)]
struct DeliveryTable {
    /// The series' names: committed, delivered, validated.
    series: Vec<String>,
    /// (period's end, each series' value to date) for each period.
    rows: Vec<(String, Vec<String>)>,
}

impl DeliveryTable {
    fn of(view: &crate::report::monitor::MonitorView) -> DeliveryTable {
        let rows = view
            .chart_periods
            .iter()
            .enumerate()
            .map(|(i, end)| {
                let values = view
                    .chart_series
                    .iter()
                    .map(|(_, values)| {
                        values.get(i).map_or_else(String::new, |v| crate::format::money(*v, &view.currency))
                    })
                    .collect();
                (end.clone(), values)
            })
            .collect();
        DeliveryTable { series: view.chart_series.iter().map(|(name, _)| name.clone()).collect(), rows }
    }
}

/// Renders a monitoring report as one HTML page, with `monitor.html`.
pub fn render_monitor(
    view: &crate::report::monitor::MonitorView,
    templates: &Templates,
) -> Result<Vec<u8>, HtmlError> {
    let chart = chart(
        &charts::delivery::Delivery {
            periods: &view.chart_periods,
            series: &view.chart_series,
            currency: &view.currency,
        },
        "chart-delivery",
    )?;
    let mut context = Context::new();
    context.insert("m", view);
    context.insert("delivery_chart", &chart);
    context.insert("delivery_table", &DeliveryTable::of(view));
    render_page(templates, "monitor.html", context, &Page::of(view.lang, &view.stamp))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose disk is full.
    struct Full;

    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"))
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_page_that_cannot_be_written_says_so_and_is_not_blamed_on_its_template() {
        let text = std::fs::read_to_string("fixtures/youth-into-work.yaml").expect("fixture");
        let source = crate::source::SourceFile::new("youth-into-work.yaml", text);
        let (analysis, warnings) = crate::analyse(&source).expect("valid");
        let report = crate::pipeline::report(&analysis, warnings, 0).report;
        let templates = Templates::new(&[]).expect("built-in templates");
        match render_owned(report, None, &templates, &mut Full) {
            Err(HtmlError::Write(error)) => assert_eq!(error.kind(), std::io::ErrorKind::StorageFull),
            other => panic!("expected a write error, got {other:?}"),
        }
    }
}
