//! The PDFs of many analyses: a comparison and a social value statement,
//! from the same views as their HTML pages, on the report's typesetting.

use super::layout::{Align, Layout, MARGIN, MEASURE, Span, Table};
use super::{
    About, PdfError, Rendered, cell, chart_section, document, headline_panel, muted, save, title_block,
};
use crate::charts::{self, Face};
use crate::report::statement::Breakdown;

fn bold(text: &str) -> Vec<Span> {
    vec![Span::new(text.to_owned(), Face::Bold)]
}

/// A row's title with what it is (evaluative, forecast) beneath, muted.
fn titled(title: &str, kind: &str) -> Vec<Span> {
    vec![Span::new(format!("{title}\n"), Face::Bold), muted(kind.to_owned())]
}

fn prose(l: &mut Layout, text: &str) {
    l.paragraph(&[Span::new(text.to_owned(), Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(6.0);
}

fn list(l: &mut Layout, items: &[String]) {
    for text in items {
        super::item(l, "•", &[Span::new(text.clone(), Face::Regular)], 1);
        l.space(3.0);
    }
    l.space(4.0);
}

/// A table of one year's breakdown: delivered, forecast and lifetime value by
/// `name`, and with `claimed` what contracts claimed but the council has not validated.
fn year_table(
    caption: &str,
    name: &str,
    year: &str,
    rows: &[crate::report::statement::YearRow],
    claimed: bool,
) -> Table {
    let mut columns =
        vec![(name.to_owned(), 2.4, Align::Left), (format!("Delivered in {year}"), 1.2, Align::Right)];
    if claimed {
        columns.push(("Claimed, not validated".to_owned(), 1.2, Align::Right));
    }
    columns.extend([
        (format!("Forecast for {year}"), 1.2, Align::Right),
        ("Lifetime present value".to_owned(), 1.2, Align::Right),
    ]);
    Table {
        caption: caption.to_owned(),
        columns,
        rows: rows
            .iter()
            .map(|r| {
                let mut row = vec![bold(&r.name), cell(r.delivered.clone())];
                if claimed {
                    row.push(cell(r.claimed.clone()));
                }
                row.extend([cell(r.forecast.clone()), cell(r.lifetime.clone())]);
                row
            })
            .collect(),
        footer: None,
        size: 8.5,
    }
}

/// A breakdown under `heading`: its chart (when the view has one) and then
/// `table`, or the table alone, kept with its heading.
fn breakdown(
    l: &mut Layout,
    view: &crate::report::statement::View,
    which: crate::report::statement::Breakdown,
    (heading, intro): (&str, Option<&str>),
    table: &Table,
) -> Result<(), PdfError> {
    match view.chart(which) {
        Some(chart) => {
            // The view's words for the chart: the SVG's <desc> and the PDF figure's /Alt.
            let alternative_text = chart.description.as_str();
            let drawing = charts::drawing(&charts::bars::ByStakeholder {
                values: &chart.rows,
                currency: &view.currency,
                title: &chart.title,
                total: Some(chart.total),
                description: Some(alternative_text),
            })?;
            chart_section(l, heading, intro, &drawing);
            l.table(table);
        }
        None => match intro {
            Some(intro) => {
                l.heading(heading);
                prose(l, intro);
                l.table(table);
            }
            None => l.heading_and_table(heading, table),
        },
    }
    Ok(())
}

/// A comparison as a PDF document.
pub fn comparison(view: &crate::report::comparison::View) -> Result<Rendered, PdfError> {
    let accent = view.stamp.ink;
    let about = About {
        title: &view.title,
        author: None,
        subject: "Comparison of Social Return on Investment analyses".to_owned(),
        generator: &view.stamp.generator,
        lang: crate::report::DEFAULT_LANG,
        timestamp: view.stamp.timestamp,
    };
    let (doc, mut l) = document(&about, accent)?;
    let mut meta = format!("Comparison of {}", view.stamp.date);
    if let Some(rebase) = &view.rebase {
        meta.push_str(&format!(" · re-based to {rebase}"));
    }
    title_block(&mut l, "SROI comparison", &view.title, &meta);
    if let Some(note) = &view.currencies {
        l.paragraph(&[Span::new(note.clone(), Face::Bold)], 10.0, 14.5, MARGIN, MEASURE);
        l.space(6.0);
    }

    let chart = charts::drawing(&charts::ratios::Ratios { rows: &view.ratios, accent })?;
    chart_section(&mut l, "The ratios", None, &chart);
    let rebased = view.rebase.is_some();
    let mut columns = vec![
        ("Analysis".to_owned(), 2.6, Align::Left),
        ("Ratio".to_owned(), 0.9, Align::Right),
        ("5–95% range".to_owned(), 1.2, Align::Right),
        ("Present value".to_owned(), 1.3, Align::Right),
        ("Investment".to_owned(), 1.3, Align::Right),
    ];
    if rebased {
        columns.extend([
            ("Re-based ratio".to_owned(), 0.9, Align::Right),
            ("Re-based present value".to_owned(), 1.3, Align::Right),
            ("Re-based investment".to_owned(), 1.3, Align::Right),
        ]);
    }
    let rows = view
        .analyses
        .iter()
        .map(|a| {
            let mut row = vec![
                titled(&a.title, a.kind),
                cell(a.ratio.clone()),
                cell(a.range.clone()),
                cell(a.present_value.clone()),
                cell(a.investment.clone()),
            ];
            if rebased {
                row.extend([
                    cell(a.rebased_ratio.clone()),
                    cell(a.rebased_present_value.clone()),
                    cell(a.rebased_investment.clone()),
                ]);
            }
            row
        })
        .collect();
    let caption = match &view.rebase {
        Some(rebase) => format!("Each analysis as written, and re-computed under {rebase}"),
        None => "Each analysis as written".to_owned(),
    };
    let size = if rebased { 7.5 } else { 8.5 };
    l.table(&Table { caption, columns, rows, footer: None, size });

    l.heading("What makes them differ");
    if view.differences.is_empty() {
        prose(&mut l, view.same_way);
    } else {
        list(&mut l, &view.differences);
    }
    let rows = view
        .method
        .iter()
        .map(|m| {
            vec![
                bold(&m.title),
                cell(m.discounting.clone()),
                cell(m.prices.clone()),
                cell(m.deadweight.clone()),
                cell(m.attribution.clone()),
                cell(m.displacement.clone()),
                cell(m.drop_off.clone()),
                cell(m.longest.clone()),
                cell(m.top_outcome.clone()),
            ]
        })
        .collect();
    l.table(&Table {
        caption: "Method choices that make raw ratios non-comparable (means over the included outcomes; top outcome: share of present value from the largest one)".to_owned(),
        columns: vec![
            ("Analysis".to_owned(), 1.6, Align::Left),
            ("Discounting".to_owned(), 1.3, Align::Left),
            ("Prices".to_owned(), 0.7, Align::Right),
            ("Deadweight".to_owned(), 0.95, Align::Right),
            ("Attribution".to_owned(), 0.95, Align::Right),
            ("Displacement".to_owned(), 1.1, Align::Right),
            ("Drop-off".to_owned(), 0.8, Align::Right),
            ("Longest".to_owned(), 0.8, Align::Right),
            ("Top outcome".to_owned(), 0.8, Align::Right),
        ],
        rows,
        footer: None,
        size: 7.5,
    });

    let chart = charts::drawing(&charts::mix::ValueMix { rows: &view.mix })?;
    chart_section(&mut l, "Who the value goes to", Some(view.mix_note), &chart);
    let rows = view
        .groups
        .iter()
        .map(|g| vec![bold(&g.analysis), cell(g.stakeholder.clone()), cell(g.value.clone())])
        .collect();
    l.table(&Table {
        caption: "Value created per unit of currency invested, by stakeholder group".to_owned(),
        columns: vec![
            ("Analysis".to_owned(), 2.0, Align::Left),
            ("Stakeholder group".to_owned(), 2.0, Align::Left),
            ("Value per unit invested".to_owned(), 1.2, Align::Right),
        ],
        rows,
        footer: None,
        size: 8.5,
    });

    l.heading("How to read this comparison");
    for paragraph in &view.reading {
        prose(&mut l, paragraph);
    }
    let footer = format!("{} · {}", view.title, view.stamp.date);
    save(doc, l, &view.title, &footer)
}

/// A social value statement as a PDF document: the summary on page one, then
/// the breakdowns and the analyses, as many as the HTML page shows.
pub fn statement(view: &crate::report::statement::View) -> Result<Rendered, PdfError> {
    let accent = view.stamp.ink;
    let about = About {
        title: &view.title,
        author: view.organisation.as_deref(),
        subject: "Social value statement".to_owned(),
        generator: &view.stamp.generator,
        lang: crate::report::DEFAULT_LANG,
        timestamp: view.stamp.timestamp,
    };
    let (doc, mut l) = document(&about, accent)?;
    let kind = &view.kind;
    let mut meta = Vec::new();
    meta.extend(view.organisation.clone());
    meta.push(format!("Statement of {}", view.stamp.date));
    title_block(&mut l, kind, &view.title, &meta.join(" · "));

    match &view.year_view {
        Some(y) => {
            let mut figures = vec![
                (format!("Forecast for {}", y.label), y.forecast.clone()),
                ("Lifetime present value".to_owned(), y.lifetime.clone()),
                (view.counted_label.to_owned(), format!("{} of {}", view.counted, view.count)),
                (format!("Largest theme in {}", y.label), y.largest_theme.clone()),
            ];
            if let Some(on_track) = &y.on_track {
                figures.push(("Contracts on track".to_owned(), on_track.clone()));
            }
            let figures: Vec<(&str, String)> = figures.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            headline_panel(&mut l, (&y.headline_label, &y.delivered), &y.sentence, &figures);
            if let Some(sentence) = &y.contract_sentence {
                prose(&mut l, sentence);
            }
            prose(&mut l, &y.forecast_sentence);
            prose(&mut l, &y.lifetime_sentence);
        }
        None => {
            let figures = [
                ("Present value", view.present_value.clone()),
                ("Investment", view.investment.clone()),
                ("Analyses counted", format!("{} of {}", view.counted, view.count)),
                ("Largest theme", view.themes.first().map_or_else(|| "None".to_owned(), |t| t.name.clone())),
            ];
            headline_panel(&mut l, ("Overall SROI ratio", &view.ratio), &view.sentence, &figures);
            if let Some(note) = &view.forecast_note {
                l.paragraph(&bold(note), 10.0, 14.5, MARGIN, MEASURE);
                l.space(6.0);
            }
        }
    }
    if let Some(note) = &view.failed_note {
        prose(&mut l, note);
    }

    let theme_note = "An outcome with several themes counts in each.";
    let theme_table = match &view.year_view {
        Some(y) => year_table(&y.theme_caption, "Theme", &y.label, &y.themes, false),
        None => Table {
            caption: "Present value by theme (the numbers in the chart)".to_owned(),
            columns: vec![
                ("Theme".to_owned(), 3.0, Align::Left),
                ("Present value".to_owned(), 1.2, Align::Right),
                ("Share of the total".to_owned(), 1.0, Align::Right),
            ],
            rows: view
                .themes
                .iter()
                .map(|r| vec![bold(&r.name), cell(r.present_value.clone()), cell(r.share.clone())])
                .collect(),
            footer: None,
            size: 8.5,
        },
    };
    breakdown(&mut l, view, Breakdown::Theme, ("Value by theme", Some(theme_note)), &theme_table)?;
    let share_rows = |rows: &[crate::report::statement::Row]| -> Vec<Vec<Vec<Span>>> {
        rows.iter()
            .map(|r| vec![bold(&r.name), cell(r.present_value.clone()), cell(r.share.clone())])
            .collect()
    };
    if let Some(y) = &view.year_view {
        if let Some(change) = &y.change {
            l.heading(&change.heading);
            prose(&mut l, &change.sentence);
            l.table(&Table {
                caption: change.caption.clone(),
                columns: vec![
                    ("Figure".to_owned(), 2.4, Align::Left),
                    (change.previous_label.clone(), 1.2, Align::Right),
                    (change.now_label.clone(), 1.2, Align::Right),
                    ("Change".to_owned(), 1.2, Align::Right),
                ],
                rows: change
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            bold(&r.name),
                            cell(r.previous.clone()),
                            cell(r.now.clone()),
                            cell(r.change.clone()),
                        ]
                    })
                    .collect(),
                footer: None,
                size: 8.5,
            });
        }
        if !y.contracts.is_empty() {
            l.heading_and_table(
                "Contracts",
                &Table {
                    caption: y.contracts_caption.clone(),
                    columns: vec![
                        ("Contract".to_owned(), 1.6, Align::Left),
                        ("Supplier · area".to_owned(), 2.0, Align::Left),
                        ("Committed".to_owned(), 1.0, Align::Right),
                        ("Delivered".to_owned(), 1.0, Align::Right),
                        ("Validated".to_owned(), 1.0, Align::Right),
                        ("Status".to_owned(), 1.1, Align::Left),
                    ],
                    rows: y
                        .contracts
                        .iter()
                        .map(|k| {
                            vec![
                                bold(&k.contract),
                                titled(&k.supplier, &[k.size, k.area.as_str()].join(" · ")),
                                cell(k.committed.clone()),
                                cell(k.delivered.clone()),
                                cell(k.validated.clone()),
                                cell(k.status.clone()),
                            ]
                        })
                        .collect(),
                    footer: None,
                    size: 8.0,
                },
            );
            let sizes = Table {
                caption: y.sizes_caption.clone(),
                columns: vec![
                    ("Supplier size".to_owned(), 2.4, Align::Left),
                    ("Contracts".to_owned(), 0.8, Align::Right),
                    ("Committed".to_owned(), 1.0, Align::Right),
                    ("Delivered".to_owned(), 1.0, Align::Right),
                    ("Validated".to_owned(), 1.0, Align::Right),
                    ("Claimed, not validated".to_owned(), 1.0, Align::Right),
                ],
                rows: y
                    .sizes
                    .iter()
                    .map(|z| {
                        vec![
                            bold(z.size),
                            cell(z.contracts.clone()),
                            cell(z.committed.clone()),
                            cell(z.delivered.clone()),
                            cell(z.validated.clone()),
                            cell(z.claimed.clone()),
                        ]
                    })
                    .collect(),
                footer: None,
                size: 8.5,
            };
            match view.chart(Breakdown::SupplierSize) {
                Some(_) => breakdown(
                    &mut l,
                    view,
                    Breakdown::SupplierSize,
                    ("Contracts by supplier size", None),
                    &sizes,
                )?,
                None => l.table(&sizes),
            }
        }
        if !y.priorities.is_empty() {
            let priorities = Table {
                caption: y.priority_caption.clone(),
                columns: vec![
                    ("Priority".to_owned(), 2.4, Align::Left),
                    ("Committed".to_owned(), 1.0, Align::Right),
                    (format!("Delivered in {}", y.label), 1.0, Align::Right),
                    ("Of which validated deliveries".to_owned(), 1.0, Align::Right),
                    ("Claimed, not validated".to_owned(), 1.0, Align::Right),
                    (format!("Forecast for {}", y.label), 1.0, Align::Right),
                ],
                rows: y
                    .priorities
                    .iter()
                    .map(|r| {
                        vec![
                            bold(&r.name),
                            cell(r.committed.clone()),
                            cell(r.delivered.clone()),
                            cell(r.validated.clone()),
                            cell(r.claimed.clone()),
                            cell(r.forecast.clone()),
                        ]
                    })
                    .collect(),
                footer: None,
                size: 8.0,
            };
            let heading = ("Value by framework priority", Some(y.priority_note.as_str()));
            breakdown(&mut l, view, Breakdown::Priority, heading, &priorities)?;
        }
        let areas = year_table(&y.area_caption, "Area", &y.label, &y.areas, y.has_contracts);
        breakdown(&mut l, view, Breakdown::Area, ("Value by area", None), &areas)?;
    }

    breakdown(
        &mut l,
        view,
        Breakdown::Organisation,
        ("Value by organisation", None),
        &Table {
            caption: "Present value and investment by supplier or organisation, largest first".to_owned(),
            columns: vec![
                ("Organisation".to_owned(), 2.6, Align::Left),
                ("Present value".to_owned(), 1.2, Align::Right),
                ("Investment".to_owned(), 1.2, Align::Right),
                ("Ratio".to_owned(), 0.9, Align::Right),
            ],
            rows: view
                .organisations
                .iter()
                .map(|o| {
                    vec![
                        bold(&o.name),
                        cell(o.present_value.clone()),
                        cell(o.investment.clone()),
                        cell(o.ratio.clone()),
                    ]
                })
                .collect(),
            footer: None,
            size: 8.5,
        },
    )?;
    if let Some(more) = &view.organisations_more {
        prose(&mut l, &format!("{more} more organisations are in the statement's JSON and CSV files."));
    }

    l.heading_and_table(
        "Value by stakeholder group",
        &Table {
            caption: "Present value by stakeholder group, matched by name across analyses, largest first; groups an analysis leaves out of its value are not listed"
                .to_owned(),
            columns: vec![
                ("Stakeholder group".to_owned(), 3.0, Align::Left),
                ("Present value".to_owned(), 1.2, Align::Right),
                ("Share of the total".to_owned(), 1.0, Align::Right),
            ],
            rows: share_rows(&view.stakeholders),
            footer: None,
            size: 8.5,
        },
    );
    if let Some(more) = &view.stakeholders_more {
        prose(&mut l, &format!("{more} more groups are in the statement's JSON file."));
    }

    let (caption, last_columns) = match &view.year_view {
        Some(y) => (
            y.analyses_caption.clone(),
            [
                (format!("In {}", y.label), 1.1),
                (format!("Forecast {}", y.label), 1.1),
                ("Lifetime present value".to_owned(), 1.1),
            ],
        ),
        None => (
            "Every analysis counted, largest present value first".to_owned(),
            [("Investment".to_owned(), 1.1), ("Present value".to_owned(), 1.1), ("Ratio".to_owned(), 0.8)],
        ),
    };
    let mut columns = vec![
        ("Analysis".to_owned(), 2.4, Align::Left),
        ("Organisation".to_owned(), 1.3, Align::Left),
        ("Contract · area".to_owned(), 1.1, Align::Left),
    ];
    columns.extend(last_columns.into_iter().map(|(name, width)| (name, width, Align::Right)));
    l.heading_and_table(
        "The analyses",
        &Table {
            caption,
            columns,
            rows: view
                .analyses
                .iter()
                .map(|a| {
                    let place: Vec<&str> = [a.contract.as_str(), a.area.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect();
                    let figures = match &view.year_view {
                        Some(_) => [a.delivered.clone(), a.forecast.clone(), a.present_value.clone()],
                        None => [a.investment.clone(), a.present_value.clone(), a.ratio.clone()],
                    };
                    let mut row =
                        vec![titled(&a.title, a.kind), cell(a.organisation.clone()), cell(place.join(" · "))];
                    row.extend(figures.into_iter().map(cell));
                    row
                })
                .collect(),
            footer: None,
            size: 8.0,
        },
    );
    if let Some(more) = &view.analyses_more {
        prose(
            &mut l,
            &format!("{more} more analyses are in the statement's CSV and JSON files, one row each."),
        );
    }

    let left_out: Vec<String> = view
        .year_view
        .iter()
        .flat_map(|y| y.not_counted.iter().map(|n| format!("{}. {}", n.title, n.why)))
        .collect();
    if !left_out.is_empty() || view.failed_note.is_some() {
        l.heading("Analyses not counted");
        if !left_out.is_empty() {
            prose(&mut l, "These analyses are left out of every figure above.");
            list(&mut l, &left_out);
        }
        if let Some(note) = &view.failed_note {
            prose(&mut l, note);
        }
    }

    l.heading("How the statement is made");
    for paragraph in &view.method_notes {
        prose(&mut l, paragraph);
    }
    let header = match &view.organisation {
        Some(org) => format!("{} · {org}", view.title),
        None => view.title.clone(),
    };
    // "Social value statement · social value statement" says nothing twice.
    let footer = if view.title.to_lowercase().contains("social value statement") {
        format!("{} · {}", view.kind, view.stamp.date)
    } else {
        format!("{} · {} · {}", view.title, view.kind.to_lowercase(), view.stamp.date)
    };
    save(doc, l, &header, &footer)
}
