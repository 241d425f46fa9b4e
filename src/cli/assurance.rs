//! `sroi check --assurance`: the assurer's checklist of each file
//! ([`crate::checklist`]), as text on stdout or JSON.

use std::io::Write as _;

use serde::Serialize;

use super::{Exit, PrintFormat, Streams, print_diagnostics};
use crate::checklist::{Answer, Question, checklist};
use crate::diag::{Principle, Severity};
use crate::load::{self, ReadError};

/// One file's checklist in `--format json`.
#[derive(Serialize)]
struct FileChecklist<'a> {
    file: &'a str,
    /// False when the file is invalid, so nothing could be answered.
    valid: bool,
    questions: &'a [Question],
    counts: Counts,
}

#[derive(Serialize, Default)]
struct Counts {
    met: usize,
    partly: usize,
    not_met: usize,
    cannot_tell: usize,
}

fn counts(questions: &[Question]) -> Counts {
    let mut c = Counts::default();
    for q in questions {
        *match q.answer {
            Answer::Met => &mut c.met,
            Answer::Partly => &mut c.partly,
            Answer::NotMet => &mut c.not_met,
            Answer::CannotTell => &mut c.cannot_tell,
        } += 1;
    }
    c
}

/// The checklist of one file as text: grouped by principle, each answer
/// with its finding and the place that decides it.
pub fn text(file: &str, questions: &[Question]) -> String {
    use std::fmt::Write as _;
    let mut out =
        format!("Assurance checklist: {file}\n(from the file alone: met, partly, not met or cannot tell)\n");
    let mut principle: Option<Principle> = None;
    let mut n = 0;
    for q in questions {
        if principle != Some(q.principle) {
            principle = Some(q.principle);
            n += 1;
            let label = q.principle.label();
            let mut chars = label.chars();
            let title: String =
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            let _ = writeln!(out, "\n{n}. {title}");
        }
        let _ = writeln!(out, "  {:<12} {}", q.answer.word(), q.question);
        let _ = writeln!(out, "  {:<12} {}", "", q.finding);
        let _ = writeln!(out, "  {:<12} {}", "", q.place.describe());
    }
    let c = counts(questions);
    let _ = writeln!(
        out,
        "\n{} questions: {} met, {} partly, {} not met, {} cannot tell",
        questions.len(),
        c.met,
        c.partly,
        c.not_met,
        c.cannot_tell
    );
    out
}

/// Answers the checklist of every file; exits 2 if any is unreadable, else 1
/// if any is invalid, else 0 (answers of `not met` are findings, not failures).
pub fn run(files: &[String], format: PrintFormat, streams: &mut Streams<'_>) -> Exit {
    let json = format == PrintFormat::Json;
    let mut worst = Exit::Ok;
    let mut documents = Vec::new();
    for path in files {
        let source = match load::read_source(path) {
            Ok(source) => source,
            Err(ReadError::Invalid { file, diagnostic }) => {
                print_diagnostics(&[*diagnostic], &file, streams);
                documents.push((file.name.clone(), None));
                worst = worst.max(Exit::Invalid);
                continue;
            }
            Err(ReadError::Io { name, source }) => {
                let problem = format!("cannot read the file: {source}");
                super::problem(
                    Some(&name),
                    crate::diag::Diagnostic::error("unreadable-file", problem),
                    streams,
                );
                worst = worst.max(Exit::Failed);
                continue;
            }
        };
        match crate::analyse(&source) {
            Ok((analysis, _)) => {
                let results = crate::compute::compute(&analysis);
                documents.push((source.name.clone(), Some(checklist(&analysis, &results))));
            }
            Err(diagnostics) => {
                let errors: Vec<_> =
                    diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect();
                print_diagnostics(&errors, &source, streams);
                documents.push((source.name.clone(), None));
                worst = worst.max(Exit::Invalid);
            }
        }
    }
    if json {
        let list: Vec<FileChecklist<'_>> = documents
            .iter()
            .map(|(file, questions)| FileChecklist {
                file,
                valid: questions.is_some(),
                questions: questions.as_deref().unwrap_or(&[]),
                counts: counts(questions.as_deref().unwrap_or(&[])),
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_owned());
        text.push('\n');
        let _ = streams.out.write_all(text.as_bytes());
    } else {
        for (i, (file, questions)) in documents.iter().enumerate() {
            let gap = if i > 0 { "\n" } else { "" };
            match questions {
                Some(questions) => {
                    let _ = write!(streams.out, "{gap}{}", text(file, questions));
                }
                None => {
                    let _ = writeln!(streams.err, "{file}: invalid; nothing could be answered");
                }
            }
        }
    }
    worst
}
