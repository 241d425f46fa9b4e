//! `sroi init`: writes a commented example analysis to start from.

use std::io::Write as _;
use std::path::Path;

use super::{Exit, Streams};
use crate::output::{Existing, write_atomic};

/// The example analysis `sroi init` writes: a council-commissioned youth
/// employability programme whose comments teach the format.
pub const EXAMPLE: &str = include_str!("../../fixtures/youth-into-work.yaml");

/// The file name `sroi init` writes.
pub const FILE_NAME: &str = "analysis.yaml";

/// The JSON Schema of the input format (`sroi schema`), written beside the example.
pub const SCHEMA: &str = include_str!("../../data/schema.json");

/// The JSON Schema of a statement's JSON (`sroi schema --statement`): the open
/// data format other councils can publish and read.
pub const STATEMENT_SCHEMA: &str = include_str!("../../data/statement.schema.json");

/// The schema's file name beside the analysis.
pub const SCHEMA_FILE_NAME: &str = "sroi.schema.json";

/// The first line of the example: editors with the YAML language server
/// (VS Code's YAML extension, Neovim, Helix, …) complete and check keys with it.
///
/// A path relative to the analysis, not a URL: it works offline, and it names
/// the schema of the sroi that wrote it rather than whatever a server holds
/// (sroi publishes its schema nowhere; `$id` is a placeholder). An analysis
/// moved without the schema shows the editor's "Unable to load schema" on its
/// first line until `sroi schema > sroi.schema.json` writes it beside it.
pub const MODELINE: &str = "# yaml-language-server: $schema=sroi.schema.json\n";

/// Writes [`EXAMPLE`] to `dir/analysis.yaml`, never overwriting a file.
pub fn run(dir: &Path, streams: &mut Streams<'_>) -> Exit {
    if dir.exists() && !dir.is_dir() {
        let hint = format!("give a folder to write `{FILE_NAME}` into, such as `sroi init my-analysis`");
        super::problem(
            Some(&dir.to_string_lossy()),
            crate::diag::Diagnostic::error(
                "not-a-folder",
                "this is a file, not a folder; nothing was written",
            )
            .hint(hint),
            streams,
        );
        return Exit::Failed;
    }
    let path = dir.join(FILE_NAME);
    let example = format!("{MODELINE}{EXAMPLE}");
    let result = std::fs::create_dir_all(dir)
        .and_then(|()| write_atomic(&path, example.as_bytes(), Existing::Keep))
        .and_then(|()| {
            // An existing schema file (several analyses in one folder) is kept.
            match write_atomic(&dir.join(SCHEMA_FILE_NAME), SCHEMA.as_bytes(), Existing::Keep) {
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                other => other,
            }
        });
    match result {
        Ok(()) => {
            let shown = shell_quote(&path.to_string_lossy());
            let _ = writeln!(
                streams.out,
                "wrote {shown}\n\nnext:\n  sroi check {shown}     validate it\n  sroi calc {shown}      see the figures\n\nEdit the comments' examples into your own programme; every key is explained in the file.\nEditors explain and check each key with {SCHEMA_FILE_NAME}, written beside it and named on its first line:\nkeep the two together, or run `sroi schema > {SCHEMA_FILE_NAME}` in the folder you move it to."
            );
            Exit::Ok
        }
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            super::problem(
                Some(&path.to_string_lossy()),
                crate::diag::Diagnostic::error("file-exists", "the file already exists; nothing was written")
                    .hint("choose another folder, such as `sroi init new-analysis`"),
                streams,
            );
            Exit::Failed
        }
        Err(err) => {
            let problem = format!("cannot write the example: {err}");
            super::problem(
                Some(&path.to_string_lossy()),
                crate::diag::Diagnostic::error("unwritable-output", problem),
                streams,
            );
            Exit::Failed
        }
    }
}

/// A user's report template that changes one block of the built-in one.
const EXAMPLE_TEMPLATE: &str = r#"{% extends "sroi/report.html" %}
{#- This file replaces the built-in report template. It extends it, so only the
    blocks written here change; delete a block to get the built-in one back.
    The blocks of every page (see sroi/base.html): title, skip, header,
    contents, main, footer. The built-in templates are in the folder sroi/
    beside this file, to read; they are not used from there. A file here named
    base.html, comparison.html, statement.html or style.css replaces that
    built-in one in the same way. -#}
{% block footer %}{{ super() }}
  <p>Published by {% if report.organisation %}{{ report.organisation }}{% else %}the organisation{% endif %}.</p>{% endblock footer %}
"#;

/// Writes what a user needs to change the reports: an example template that
/// extends the built-in report and changes one block, and the built-in
/// templates to read, in `dir/sroi/`. Never overwrites a file.
pub fn templates(dir: &Path, streams: &mut Streams<'_>) -> Exit {
    let built_in = dir.join("sroi");
    if let Err(err) = std::fs::create_dir_all(&built_in) {
        let problem = format!("cannot create the folder: {err}");
        super::problem(
            Some(&built_in.to_string_lossy()),
            crate::diag::Diagnostic::error("unwritable-output", problem),
            streams,
        );
        return Exit::Failed;
    }
    let mut code =
        super::write_new(&dir.join("report.html"), EXAMPLE_TEMPLATE.as_bytes(), ("template", None), streams);
    for (name, text) in crate::render::html::DEFAULT_TEMPLATES {
        code = code.max(super::write_new(&built_in.join(name), text.as_bytes(), ("template", None), streams));
    }
    if code == Exit::Ok {
        let _ = writeln!(
            streams.out,
            "\nedit report.html (it changes one block of sroi/report.html), then: sroi report analysis.yaml --templates {}",
            dir.display()
        );
    }
    code
}

/// A path as a shell command needs it: quoted when it has spaces or quotes.
fn shell_quote(path: &str) -> String {
    if path.chars().all(|c| c.is_alphanumeric() || "/._-+:@%".contains(c)) {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}

/// The commented commissioning examples `sroi init --framework`, `--offer` and
/// `--returns` write: a fictional council's framework, one offer against it
/// and two periods of returns for that offer, each naming the one before.
pub const COMMISSIONING: [(&str, &str); 3] = [
    ("framework.yaml", include_str!("../../fixtures/commissioning/framework.yaml")),
    ("offer-greenway.yaml", include_str!("../../fixtures/commissioning/offer-greenway.yaml")),
    ("returns-greenway.yaml", include_str!("../../fixtures/commissioning/returns-greenway.yaml")),
];

/// Writes the commissioning examples asked for (framework, offer, returns)
/// into `dir`, with the files they name, never overwriting a file.
pub fn commissioning(
    dir: &Path,
    (framework, offer, returns): (bool, bool, bool),
    streams: &mut Streams<'_>,
) -> Exit {
    if let Err(err) = std::fs::create_dir_all(dir) {
        let problem = format!("cannot create the folder: {err}");
        super::problem(
            Some(&dir.to_string_lossy()),
            crate::diag::Diagnostic::error("unwritable-output", problem),
            streams,
        );
        return Exit::Failed;
    }
    // An offer names its framework and returns name their offer: write what they need.
    let count = if returns {
        3
    } else if offer {
        2
    } else {
        usize::from(framework)
    };
    let mut code = Exit::Ok;
    for (name, text) in &COMMISSIONING[..count] {
        let text = format!("{MODELINE}{text}");
        let hint = Some("choose another folder, such as `sroi init --offer new-tender`");
        code = code.max(super::write_new(&dir.join(name), text.as_bytes(), ("example", hint), streams));
    }
    match write_atomic(&dir.join(SCHEMA_FILE_NAME), SCHEMA.as_bytes(), Existing::Keep) {
        Err(err) if err.kind() != std::io::ErrorKind::AlreadyExists => {
            let problem = format!("cannot write the schema: {err}");
            super::problem(
                Some(&dir.to_string_lossy()),
                crate::diag::Diagnostic::error("unwritable-output", problem),
                streams,
            );
            code = code.max(Exit::Failed);
        }
        _ => {}
    }
    if code == Exit::Ok {
        let d = shell_quote(&dir.to_string_lossy());
        let next = match count {
            3 => format!("sroi monitor {d}/offer-greenway.yaml {d}/returns-greenway.yaml"),
            2 => format!("sroi bids {d}/framework.yaml {d}/offer-greenway.yaml"),
            _ => format!("sroi bids {d}/framework.yaml YOUR-OFFER.yaml"),
        };
        let _ = writeln!(streams.out, "\nnext:\n  {next}\n\nEvery key is explained in the comments.");
    }
    code
}
