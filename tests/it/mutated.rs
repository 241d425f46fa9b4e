//! Structure-aware property test over mutated fixtures (issue 17): lines of
//! the shipped analyses deleted, repeated, swapped and cut, values replaced
//! with hostile ones (huge, tiny, non-finite, escape sequences, paths out of
//! the folder, anchors, unclosed quotes, lone CRs). Every case must go
//! through load → validate → compute → report view without a panic, and
//! either succeed or fail with located errors printed without a raw control
//! character. The `cargo fuzz` target in `fuzz/` runs the same pipeline on
//! arbitrary bytes for as long as one likes; this bounded version runs in CI.

use proptest::prelude::*;

/// Values a supplier's file might hold where a figure or a name should be.
const HOSTILE: &[&str] = &[
    "1e300",
    "-1e300",
    "5e-324",
    ".inf",
    "-.nan",
    "0",
    "-1",
    "99999999999999999999",
    "150%",
    "\"\\e]0;title\\a\\e[2J\"",
    "\"\\u009b31m\"",
    "/etc/passwd",
    "../../../../proc/self/environ",
    "[/dev/stdin]",
    "&a [1, 2]",
    "*a",
    "\"unclosed",
    "[",
    "{",
    "\r",
    "~",
    "|\n  text",
    "{ low: 1 }",
    "[0, 1e308]",
];

fn fixtures() -> Vec<String> {
    crate::common::fixtures().iter().map(|p| std::fs::read_to_string(p).expect("fixture")).collect()
}

/// One change to a file's lines.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Repeat(usize),
    Swap(usize, usize),
    /// The value after the `k`th `: ` of a line, up to the next `,`, `}` or `]`.
    ReplaceValue(usize, usize, usize),
    Insert(usize, usize, usize),
    Cut(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = HOSTILE.len();
    // Mostly values replaced, so that most files still parse and the later stages are reached.
    prop_oneof![
        2 => any::<usize>().prop_map(Mutation::Delete),
        2 => any::<usize>().prop_map(Mutation::Repeat),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        8 => (any::<usize>(), any::<usize>(), 0..n).prop_map(|(l, k, t)| Mutation::ReplaceValue(l, k, t)),
        1 => (any::<usize>(), any::<usize>(), 0..n).prop_map(|(l, c, t)| Mutation::Insert(l, c, t)),
        1 => any::<usize>().prop_map(Mutation::Cut),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    for m in mutations {
        if lines.is_empty() {
            break;
        }
        let at = |i: usize| i % lines.len();
        match *m {
            Mutation::Delete(i) => {
                lines.remove(at(i));
            }
            Mutation::Repeat(i) => {
                let line = lines[at(i)].clone();
                lines.insert(at(i), line);
            }
            Mutation::Swap(a, b) => {
                let (a, b) = (at(a), at(b));
                lines.swap(a, b);
            }
            Mutation::ReplaceValue(i, k, t) => {
                let i = at(i);
                let colons: Vec<usize> = lines[i].match_indices(": ").map(|(b, _)| b + 2).collect();
                if let Some(&from) = colons.get(k % colons.len().max(1)) {
                    let rest = &lines[i][from..];
                    let to = from + rest.find([',', '}', ']', '\n']).unwrap_or(rest.len());
                    lines[i].replace_range(from..to, HOSTILE[t]);
                }
            }
            Mutation::Insert(i, c, t) => {
                let i = at(i);
                let bounds: Vec<usize> = lines[i].char_indices().map(|(b, _)| b).collect();
                let b = bounds.get(c % bounds.len().max(1)).copied().unwrap_or(0);
                lines[i].insert_str(b, HOSTILE[t]);
            }
            Mutation::Cut(i) => {
                lines.truncate(at(i) + 1);
                let last = lines.len() - 1;
                let keep = lines[last].char_indices().map(|(b, _)| b).nth(i % 7).unwrap_or(0);
                lines[last].truncate(keep);
            }
        }
    }
    lines.concat()
}

/// The whole pipeline on one file's text, as `check`, `calc` and `report` run it.
fn pipeline(name: &str, text: String) -> Result<(), String> {
    let source = sroi::source::SourceFile::new(name, text);
    match sroi::analyse(&source) {
        Ok((analysis, warnings)) => {
            let sroi::pipeline::Reported { results, uncertainty, findings, report } =
                sroi::pipeline::report(&analysis, warnings, 0);
            // The charts are drawn here: where an infinite ratio once looped for ever.
            let templates = sroi::render::html::Templates::new(&[]).map_err(|e| e.to_string())?;
            sroi::render::html::render(&report, None, &templates).map_err(|e| format!("no HTML: {e}"))?;
            // `calc` prints its tables through the same escaping.
            let table = sroi::render::text::render(&analysis, &results, &uncertainty);
            check_printed(&sroi::diag::escape_controls(&table))?;
            let printed = sroi::diag::render_all(&findings, &source, false);
            check_printed(&printed)
        }
        Err(diagnostics) => {
            if !diagnostics.iter().any(sroi::diag::Diagnostic::is_error) {
                return Err("refused without an error".to_owned());
            }
            if let Some(d) = diagnostics.iter().find(|d| d.is_error() && d.loc.is_none()) {
                return Err(format!("an error without a place: {} ({})", d.message, d.code));
            }
            check_printed(&sroi::diag::render_all(&diagnostics, &source, false))
        }
    }
}

fn check_printed(printed: &str) -> Result<(), String> {
    match printed.chars().find(|c| c.is_control() && *c != '\n' && *c != '\t') {
        Some(c) => Err(format!("a raw control character {c:?} was printed: {printed}")),
        None => Ok(()),
    }
}

proptest! {
    // Bounded: each case runs the whole pipeline, simulation included.
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_give_results_or_located_errors_never_a_panic(
        which in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let all = fixtures();
        let text = apply(&all[which % all.len()], &mutations);
        // Proxy files are read relative to the (here imaginary) file's folder.
        let outcome = pipeline("tests/fixtures/valid/mutated.yaml", text.clone());
        prop_assert!(outcome.is_ok(), "{}\n--- file ---\n{text}", outcome.err().unwrap_or_default());
    }
}
