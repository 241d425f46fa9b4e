//! The PDF's section on evidence, value types and the materiality register:
//! the same words and figures as the HTML's, from [`AssuranceView`](crate::report::assurance::AssuranceView).

use super::{cell, markdown, muted};
use crate::charts::Face;
use crate::colour::Rgb;
use crate::render::pdf::layout::{Align, Layout, MARGIN, MEASURE, Span, Table};
use crate::report::Report;

/// "Evidence, value types and the materiality register".
pub(super) fn section(l: &mut Layout, report: &Report, accent: Rgb) {
    let (a, w) = (&report.assurance, report.words);
    l.heading(w.headings.assurance);
    l.paragraph(
        &[Span::new(format!("{} {}", a.evidence_sentence, a.observed_sentence), Face::Regular)],
        10.0,
        14.5,
        MARGIN,
        MEASURE,
    );
    l.space(6.0);
    let rows = a
        .value_types
        .iter()
        .map(|t| {
            vec![
                vec![Span::new(t.label, Face::Bold)],
                cell(t.covers),
                cell(t.present_value.clone()),
                cell(t.share.clone()),
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.value_types.into(),
        columns: vec![
            (w.columns.value_type.into(), 1.2, Align::Left),
            (w.columns.covers.into(), 2.8, Align::Left),
            (w.columns.present_value.into(), 1.3, Align::Right),
            (w.columns.share.into(), 0.9, Align::Right),
        ],
        rows,
        footer: None,
        size: 8.5,
    });
    l.subheading(w.subheadings.register);
    l.paragraph(&[Span::new(a.register_sentence.clone(), Face::Regular)], 10.0, 14.5, MARGIN, MEASURE);
    l.space(4.0);
    if a.register.is_empty() {
        return;
    }
    let rows = a
        .register
        .iter()
        .map(|e| {
            let verdict = if e.material { Face::Bold } else { Face::Regular };
            vec![
                markdown::inline(&e.name, accent),
                cell(e.kind),
                cell(e.reason.clone()),
                cell(e.present_value.clone()),
                cell(e.share.clone()),
                cell(e.ratio_if_included.clone()),
                vec![Span::new(e.verdict.clone(), verdict)],
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.register.into(),
        columns: vec![
            (w.columns.excluded.into(), 1.8, Align::Left),
            (w.columns.kind.into(), 1.0, Align::Left),
            (w.columns.reason.into(), 2.2, Align::Left),
            (w.columns.would_add.into(), 1.1, Align::Right),
            (w.columns.share.into(), 0.8, Align::Right),
            (w.columns.ratio_if_included.into(), 1.0, Align::Right),
            (w.columns.materiality.into(), 1.6, Align::Left),
        ],
        rows,
        footer: None,
        size: 7.5,
    });
}

/// The impact map's lines for one outcome's type and exclusion.
pub(super) fn outcome_lines(o: &crate::report::OutcomeView) -> Vec<Span> {
    let mut spans = vec![muted(format!("\n{} value", o.value_type))];
    if let Some(reason) = &o.exclusion {
        spans.push(muted(format!("\nExcluded: {reason}")));
    }
    spans
}

/// The impact map's evidence, one row an assumption, beneath the map: the
/// HTML's Evidence column, in a form an A4 page can hold.
pub(super) fn evidence_table(l: &mut Layout, report: &Report, accent: Rgb) {
    let w = report.words;
    super::note_cut(l, &report.printed.evidence, accent);
    let mut rows = Vec::new();
    for o in report.outcomes.iter().take(report.printed.evidence.rows) {
        if o.evidence.is_empty() {
            rows.push(vec![
                markdown::inline(&o.description, accent),
                vec![muted(w.cells.none_cited)],
                cell(""),
            ]);
        }
        for (i, e) in o.evidence.iter().enumerate() {
            let outcome = if i == 0 { markdown::inline(&o.description, accent) } else { cell("") };
            rows.push(vec![outcome, cell(e.assumption.clone()), cell(e.text.clone())]);
        }
    }
    l.table(&Table {
        caption: w.captions.evidence.into(),
        columns: vec![
            (w.columns.outcome.into(), 2.0, Align::Left),
            (w.columns.assumption.into(), 1.1, Align::Left),
            (w.columns.evidence.into(), 5.0, Align::Left),
        ],
        rows,
        footer: None,
        size: 7.5,
    });
}

/// "Assurance checklist": the questions an assurer asks, answered, with the
/// place in the file that decides each.
pub(super) fn checklist(l: &mut Layout, report: &Report) {
    let (a, w) = (&report.assurance, report.words);
    l.heading(w.headings.checklist);
    l.paragraph(
        &[Span::new(format!("{} {}", w.intros.checklist, a.checklist_summary), Face::Regular)],
        10.0,
        14.5,
        MARGIN,
        MEASURE,
    );
    l.space(6.0);
    let rows = a
        .checklist
        .iter()
        .map(|c| {
            vec![
                vec![Span::new(c.principle.clone(), Face::Bold)],
                cell(c.question),
                vec![Span::new(c.answer.clone(), Face::Bold)],
                cell(c.finding.clone()),
                vec![muted(c.place.clone())],
            ]
        })
        .collect();
    l.table(&Table {
        caption: w.captions.checklist.into(),
        columns: vec![
            (w.columns.principle.into(), 1.3, Align::Left),
            (w.columns.question.into(), 2.4, Align::Left),
            (w.columns.answer.into(), 0.8, Align::Left),
            (w.columns.finding.into(), 2.6, Align::Left),
            (w.columns.decided_by.into(), 1.9, Align::Left),
        ],
        rows,
        footer: None,
        size: 7.0,
    });
}
