//! The PDFs of commissioning: a tender evaluation (`sroi bids -f pdf`) and a
//! monitoring report (`sroi monitor -f pdf`), from the same views as their
//! HTML pages, on the report's typesetting.

use super::layout::{Align, Layout, MARGIN, MEASURE, Span, Table};
use super::{
    About, PdfError, Rendered, cell, chart_section, document, headline_panel, muted, save, title_block,
};
use crate::charts::{self, Face};
use crate::report::bids::BidsView;
use crate::report::monitor::MonitorView;

fn bold(text: &str) -> Vec<Span> {
    vec![Span::new(text.to_owned(), Face::Bold)]
}

fn titled(title: &str, detail: &str) -> Vec<Span> {
    vec![Span::new(format!("{title}\n"), Face::Bold), muted(detail.to_owned())]
}

fn prose(l: &mut Layout, text: &str) {
    l.paragraph(&[Span::new(text.to_owned(), Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(6.0);
}

fn column(name: &str, width: f32, align: Align) -> (String, f32, Align) {
    (name.to_owned(), width, align)
}

/// A tender evaluation as a PDF document.
pub fn bids(view: &BidsView) -> Result<Rendered, PdfError> {
    let about = About {
        title: &view.title,
        author: view.organisation.as_deref(),
        subject: "Tender evaluation: social value".to_owned(),
        generator: &view.stamp.generator,
        lang: view.lang,
        timestamp: view.stamp.timestamp,
    };
    let (doc, mut l) = document(&about, view.stamp.ink)?;
    let mut meta: Vec<String> = view.organisation.iter().cloned().collect();
    meta.push(format!("Contract {}", view.contracts));
    meta.push(format!("Evaluation of {}", view.stamp.date));
    title_block(&mut l, "Tender evaluation · social value", &view.title, &meta.join(" · "));
    if let Some(first) = view.offers.first() {
        let figures = [
            ("Score", format!("{} of {}", first.score, view.points)),
            ("Social value", first.social_value.clone()),
            ("Per £1 of contract", first.value_per_pound.clone()),
            ("Offers", view.offers.len().to_string()),
        ];
        headline_panel(&mut l, ("Ranked first", &first.supplier), &view.headline, &figures);
    }
    let rows = view
        .offers
        .iter()
        .map(|o| {
            vec![
                cell(o.rank.clone()),
                titled(&o.supplier, &format!("{} · {}", o.size, o.file)),
                cell(o.score.clone()),
                cell(o.social_value.clone()),
                cell(o.gross_value.clone()),
                cell(o.value_per_pound.clone()),
                cell(o.flags.len().to_string()),
            ]
        })
        .collect();
    l.heading_and_table(
        "The ranking",
        &Table {
            caption: format!(
                "Offers ranked by social value score, out of {} points ({} of the tender score)",
                view.points, view.weighting
            ),
            columns: vec![
                column("Rank", 0.5, Align::Right),
                column("Supplier", 2.4, Align::Left),
                column("Score", 0.7, Align::Right),
                column("Social value", 1.2, Align::Right),
                column("Gross value", 1.2, Align::Right),
                column("Per £1", 0.8, Align::Right),
                column("Flags", 0.6, Align::Right),
            ],
            rows,
            footer: None,
            size: 8.5,
        },
    );

    let chart = charts::drawing(&charts::priorities::ByPriority {
        priorities: &view.chart_priorities,
        offers: &view.chart_offers,
        currency: &view.currency,
    })?;
    chart_section(&mut l, "Value by priority", None, &chart);
    let mut columns = vec![column("Offer", 1.8, Align::Left)];
    columns.extend(view.priority_columns.iter().map(|p| column(p, 1.0, Align::Right)));
    let rows = view
        .by_offer
        .iter()
        .map(|o| {
            let mut row = vec![bold(&o.name)];
            row.extend(o.cells.iter().map(|c| cell(c.clone())));
            row
        })
        .collect();
    l.table(&Table {
        caption: "Social value (net, discounted) of each offer by the council's priorities".to_owned(),
        columns,
        rows,
        footer: None,
        size: 7.5,
    });

    l.heading("How each score was worked out");
    for o in &view.offers {
        l.subheading(&format!("{}. {}: {} points", o.rank, o.supplier, o.score));
        prose(&mut l, &o.how_scored);
        prose(
            &mut l,
            &format!(
                "Gross value claimed {}; net value {}; social value (net, discounted) {}; weighted value {}.",
                o.gross_value, o.net_value, o.social_value, o.weighted_value
            ),
        );
        for flag in &o.flags {
            super::item(&mut l, "•", &[Span::new(format!("Flag: {flag}"), Face::Regular)], 1);
            l.space(3.0);
        }
        let rows = o
            .commitments
            .iter()
            .map(|c| {
                vec![
                    bold(&c.measure),
                    cell(c.quantities.clone()),
                    cell(c.gross_value.clone()),
                    cell(c.social_value.clone()),
                    cell(c.how.clone()),
                ]
            })
            .collect();
        l.table(&Table {
            caption: format!("{}: commitments by contract year", o.supplier),
            columns: vec![
                column("Measure", 2.2, Align::Left),
                column("Quantity each year", 1.3, Align::Right),
                column("Gross value", 1.0, Align::Right),
                column("Social value", 1.0, Align::Right),
                column("How it will be delivered", 2.2, Align::Left),
            ],
            rows,
            footer: None,
            size: 7.5,
        });
    }

    let rows = view
        .sources
        .iter()
        .map(|s| {
            let mut row = vec![titled(&s.name, &s.detail)];
            row.extend(s.cells.iter().map(|c| cell(c.clone())));
            row
        })
        .collect();
    l.heading_and_table(
        "The measures and their values",
        &Table {
            caption: "Value per unit of each measure, its source, and the council's deadweight, displacement and attribution".to_owned(),
            columns: vec![
                column("Measure and source", 3.6, Align::Left),
                column("Value", 1.2, Align::Right),
                column("Deadweight", 0.8, Align::Right),
                column("Displacement", 0.9, Align::Right),
                column("Attribution", 0.8, Align::Right),
            ],
            rows,
            footer: None,
            size: 7.5,
        },
    );
    l.heading("Method");
    for paragraph in &view.method {
        prose(&mut l, paragraph);
    }
    let footer = format!("{} · tender evaluation · {}", view.title, view.stamp.date);
    save(doc, l, &view.title, &footer)
}

/// A monitoring report as a PDF document.
pub fn monitor(view: &MonitorView) -> Result<Rendered, PdfError> {
    let about = About {
        title: &view.title,
        author: view.organisation.as_deref(),
        subject: "Contract monitoring: social value".to_owned(),
        generator: &view.stamp.generator,
        lang: view.lang,
        timestamp: view.stamp.timestamp,
    };
    let (doc, mut l) = document(&about, view.stamp.ink)?;
    let meta = format!(
        "{} · contract {}, {} · Report of {}",
        view.supplier, view.contract, view.term, view.stamp.date
    );
    title_block(&mut l, "Contract monitoring · social value", &view.title, &meta);
    let figures: Vec<(&str, String)> =
        view.figures.iter().skip(1).map(|(k, v)| (k.as_str(), v.clone())).collect();
    let (label, first) = view.figures.first().map_or(("", String::new()), |(k, v)| (k.as_str(), v.clone()));
    headline_panel(&mut l, (label, &first), &view.headline, &figures);
    for note in &view.uncommitted {
        super::item(&mut l, "•", &[Span::new(note.clone(), Face::Regular)], 1);
        l.space(3.0);
    }
    let chart = charts::drawing(&charts::delivery::Delivery {
        periods: &view.chart_periods,
        series: &view.chart_series,
        currency: &view.currency,
    })?;
    chart_section(&mut l, "Committed against delivered", None, &chart);
    for p in &view.periods {
        let rows = p
            .rows
            .iter()
            .map(|r| {
                vec![
                    bold(&r.measure),
                    cell(r.committed.clone()),
                    cell(r.delivered.clone()),
                    cell(r.validated.clone()),
                    cell(r.share.clone()),
                    bold(r.status),
                ]
            })
            .collect();
        l.heading_and_table(
            &p.title,
            &Table {
                caption: "Committed, delivered and validated to the end of the period, with status"
                    .to_owned(),
                columns: vec![
                    column("Measure", 2.6, Align::Left),
                    column("Committed", 1.1, Align::Right),
                    column("Delivered", 1.1, Align::Right),
                    column("Validated", 1.1, Align::Right),
                    column("Share", 0.7, Align::Right),
                    column("Status", 0.9, Align::Left),
                ],
                rows,
                footer: None,
                size: 7.5,
            },
        );
        if !p.returns.is_empty() {
            let rows = p
                .returns
                .iter()
                .map(|r| {
                    vec![
                        bold(&r.measure),
                        cell(r.quantity.clone()),
                        cell(r.evidence.clone()),
                        cell(r.validated),
                    ]
                })
                .collect();
            l.table(&Table {
                caption: "The returns of the period and their evidence".to_owned(),
                columns: vec![
                    column("Measure", 2.4, Align::Left),
                    column("Quantity", 1.0, Align::Right),
                    column("Evidence", 2.4, Align::Left),
                    column("Checked", 1.0, Align::Left),
                ],
                rows,
                footer: None,
                size: 7.5,
            });
        }
    }
    if let Some(note) = &view.earlier_note {
        prose(&mut l, note);
    }
    l.heading("Method");
    for paragraph in &view.method {
        prose(&mut l, paragraph);
    }
    let footer = format!("{} · contract monitoring · {}", view.title, view.stamp.date);
    save(doc, l, &view.title, &footer)
}
