//! Stage 5, the command line (SPEC §4): parses arguments and wires the stages.
//!
//! [`run`] takes the arguments and output streams and returns the exit code,
//! so tests drive the whole tool in-process.

pub mod bids;
pub mod check;
pub mod import;
pub mod init;
pub mod monitor;
pub mod proxies;
pub mod report;

use std::ffi::OsString;
use std::io::Write;

use clap::{Parser, Subcommand};

use crate::diag::{self, Diagnostic};
use crate::load::{self, ReadError};
use crate::model::Analysis;
use crate::source::SourceFile;

/// Exit codes (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Success; warnings allowed.
    Ok = 0,
    /// The input is invalid.
    Invalid = 1,
    /// The tool could not do its job: unreadable file, unwritable output.
    Failed = 2,
}

/// Where output goes, and whether diagnostics are coloured.
pub struct Streams<'a> {
    /// Results.
    pub out: Box<dyn Write + 'a>,
    /// Diagnostics and messages.
    pub err: Box<dyn Write + 'a>,
    /// ANSI colour in diagnostics (only on a terminal, never with `NO_COLOR`).
    pub color: bool,
}

const AFTER_HELP: &str = "\
Examples:
  sroi init my-analysis            write a commented example to start from
  sroi check my-analysis/analysis.yaml
  sroi calc analysis.yaml          headline figures and tables
  sroi calc analysis.yaml --json   the figures as JSON
  cat analysis.yaml | sroi calc -  read the analysis from standard input
  sroi report analysis.yaml -f html,pdf,xlsx -o reports
  sroi import analysis.xlsx -o analysis.yaml   back from the workbook
  sroi compare a.yaml b.yaml --rebase -f html,pdf -o comparison
  sroi portfolio contracts/ -f html,json,csv -o statement
  sroi bids framework.yaml offers/*.yaml -f html,pdf -o evaluation
  sroi monitor offer.yaml returns.yaml

Exit codes: 0 success (warnings allowed), 1 the input is invalid,
2 the tool could not do its job (unreadable file, unwritable output).";

/// Social Return on Investment analyses from a YAML theory of change.
#[derive(Debug, Parser)]
#[command(name = "sroi", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a commented example analysis (or the report templates, or a framework, offer and returns) to start from.
    #[command(
        after_help = "Examples:\n  sroi init youth-project                writes youth-project/analysis.yaml\n  sroi init --templates my-templates     writes the report templates to edit\n  sroi init --framework tender           writes tender/framework.yaml, an outcomes framework\n  sroi init --offer tender               the framework and an offer against it\n  sroi init --returns tender             the framework, the offer and its delivery returns\n\nAn existing file is never overwritten."
    )]
    Init {
        /// Folder to write into (created if missing).
        #[arg(default_value = ".")]
        dir: std::path::PathBuf,
        /// Write the default report templates (report.html, portfolio.html, compare.html, style.css) instead
        /// of an example analysis; use them with `sroi report --templates DIR`.
        #[arg(long)]
        templates: bool,
        /// Write a commented example outcomes framework (framework.yaml) instead.
        #[arg(long, conflicts_with = "templates")]
        framework: bool,
        /// Write a commented example offer, with the framework it names.
        #[arg(long, conflicts_with = "templates")]
        offer: bool,
        /// Write commented example delivery returns, with the offer and framework they name.
        #[arg(long, conflicts_with = "templates")]
        returns: bool,
    },
    /// Validate analyses and hold them against the principles of social value.
    #[command(
        after_help = "Examples:\n  sroi check analysis.yaml\n  sroi check programmes/*.yaml\n\nExits 1 if any file is invalid, 2 if any cannot be read."
    )]
    Check {
        /// Analysis files; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// How to print what is found: `text` on stderr, or `json` on stdout.
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Exit with 1 when there is any warning, not only errors (for CI).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// Print the figures: headline results and value by stakeholder, outcome and year.
    #[command(
        after_help = "Examples:\n  sroi calc analysis.yaml\n  sroi calc analysis.yaml --json > results.json"
    )]
    Calc {
        /// Analysis file; `-` reads standard input.
        file: String,
        /// Print the figures as JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Programmes side by side, like for like: ratios, method differences, re-based ratios.
    #[command(
        after_help = "Examples:\n  sroi compare a.yaml b.yaml\n  sroi compare a.yaml b.yaml --rebase --discount-rate 3.5% --timing end\n  sroi compare programmes/*.yaml --rebase --price-year 2024 --json > comparison.json\n  sroi compare a.yaml b.yaml --rebase -f html,pdf,json -o out   writes out/comparison.html, .pdf, .json\n\nWith --rebase every analysis is also re-computed under one set of settings\n(by default 3.5%, end of year, each analysis's own prices)."
    )]
    Compare {
        /// Analysis files; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Print the comparison as JSON instead of tables.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Write files instead of printing: `html`, `pdf`, `json`, separated by commas.
        #[arg(short, long, value_enum, value_delimiter = ',')]
        format: Vec<CompareFormat>,
        /// Folder to write the files into (created if missing).
        #[arg(short, long, default_value = ".", requires = "format")]
        output: std::path::PathBuf,
        /// Folder of templates overriding the defaults by file name (`compare.html`, `style.css`).
        #[arg(long)]
        templates: Option<std::path::PathBuf>,
        /// Also re-compute every analysis under the same settings.
        #[arg(long)]
        rebase: bool,
        /// The common discount rate: `3.5%`, `0.035` or `green-book` (needs --rebase).
        #[arg(long, requires = "rebase", value_parser = parse_discount_rate)]
        discount_rate: Option<crate::model::DiscountRate>,
        /// The common discount timing (needs --rebase).
        #[arg(long, requires = "rebase", value_enum)]
        timing: Option<TimingArg>,
        /// Move every money figure to this year's prices with each analysis's `indices:` (needs --rebase).
        #[arg(long, requires = "rebase")]
        price_year: Option<i32>,
    },
    /// Many analyses aggregated into one social value statement.
    #[command(
        after_help = "Examples:\n  sroi portfolio contracts/                       every .yaml file under the folder\n  sroi portfolio statement.yaml                   a manifest naming the analyses\n  sroi portfolio statement.yaml -f json,csv -o out\n\nA manifest:\n  title: Social value statement 2025/26\n  year: 2025\n  organisation: Northfield Council\n  analyses:\n    - contracts/*.yaml\n    - { file: grants/garden.yaml, contract: G-104, supplier: Northfield Garden, area: North }\n\nAn analysis that fails is listed with its error and the rest still count;\nthe exit code is then 1."
    )]
    Portfolio {
        /// A folder of analyses, or a manifest file.
        path: std::path::PathBuf,
        /// Print the statement as JSON instead of tables.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Write files instead of printing: `html`, `pdf`, `json`, `csv`, separated by commas.
        #[arg(short, long, value_enum, value_delimiter = ',')]
        format: Vec<PortfolioFormat>,
        /// Folder to write the files into (created if missing).
        #[arg(short, long, default_value = ".", requires = "format")]
        output: std::path::PathBuf,
        /// No progress bar (there is none anyway when standard error is not a terminal).
        #[arg(short, long)]
        quiet: bool,
        /// Folder of templates overriding the defaults by file name (`portfolio.html`, `style.css`).
        #[arg(long)]
        templates: Option<std::path::PathBuf>,
    },
    /// Score bids against an outcomes framework: a tender evaluation (SPEC §7).
    #[command(
        after_help = "Examples:\n  sroi bids framework.yaml offers/*.yaml\n  sroi bids framework.yaml a.yaml b.yaml --json > scores.json\n  sroi bids framework.yaml offers/*.yaml -f html,pdf,json,csv -o evaluation\n\nEach offer names its framework (`framework: ../framework.yaml`), relative to itself;\nit must exist, and offers are scored against the FRAMEWORK given here."
    )]
    Bids {
        /// The outcomes framework file.
        framework: String,
        /// Offer files.
        #[arg(required = true)]
        offers: Vec<String>,
        /// Print the evaluation as JSON instead of a table.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Write files instead of printing: `html`, `pdf`, `json`, `csv`, separated by commas.
        #[arg(short, long, value_enum, value_delimiter = ',')]
        format: Vec<bids::Format>,
        /// Folder to write the files into (created if missing).
        #[arg(short, long, default_value = ".", requires = "format")]
        output: std::path::PathBuf,
        /// Folder of templates overriding the defaults by file name (`bids.html`, `style.css`).
        #[arg(long)]
        templates: Option<std::path::PathBuf>,
    },
    /// Delivery against an offer's commitments: committed, delivered, validated (SPEC §8).
    #[command(
        after_help = "Examples:\n  sroi monitor offer.yaml returns.yaml\n  sroi monitor offer.yaml returns.yaml --json\n  sroi monitor offer.yaml returns.yaml -f html,pdf -o monitoring\n\nThe offer's framework is the one it names; the returns name their offer too."
    )]
    Monitor {
        /// The offer file.
        offer: String,
        /// The returns file.
        returns: String,
        /// Print the ledger as JSON instead of a table.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Write files instead of printing: `html`, `pdf`, `json`, `csv`, separated by commas.
        #[arg(short, long, value_enum, value_delimiter = ',')]
        format: Vec<monitor::Format>,
        /// Folder to write the files into (created if missing).
        #[arg(short, long, default_value = ".", requires = "format")]
        output: std::path::PathBuf,
        /// Folder of templates overriding the defaults by file name (`monitor.html`, `style.css`).
        #[arg(long)]
        templates: Option<std::path::PathBuf>,
    },
    /// Read a workbook written by `sroi report -f xlsx` (and perhaps edited) back into an analysis.
    #[command(
        after_help = "Examples:\n  sroi import analysis.xlsx                     prints the analysis as YAML\n  sroi import analysis.xlsx -o edited.yaml      writes it to a new file\n\nOnly the input cells are read (blue in the workbook), never formulas or their results.\nAn existing file is never overwritten; the analysis is checked before it is written."
    )]
    Import {
        /// The workbook (.xlsx).
        workbook: std::path::PathBuf,
        /// Write the analysis to this new file instead of printing it.
        #[arg(short, long)]
        output: Option<std::path::PathBuf>,
    },
    /// Print the JSON Schema of the input format, for editors and other tools.
    #[command(
        after_help = "Examples:\n  sroi schema > sroi.schema.json\n\nThen put `# yaml-language-server: $schema=sroi.schema.json` on the first line of an\nanalysis (`sroi init` does both) for completion and checking in editors."
    )]
    Schema,
    /// The proxy library: openly licensed UK values with their sources.
    #[command(
        after_help = "Examples:\n  sroi proxies list\n  sroi proxies search wellbeing\n  sroi proxies show wellby\n  sroi proxies --file my-proxies.yaml list\n\nUse a proxy in an outcome by its id: `proxy: wellby`."
    )]
    Proxies {
        /// A proxy library file to add (a YAML list of proxies); may be repeated.
        #[arg(long = "file", global = true)]
        files: Vec<String>,
        #[command(subcommand)]
        action: proxies::Action,
    },
    /// Write the reports: a self-contained, accessible HTML page, a PDF, JSON.
    #[command(
        after_help = "Examples:\n  sroi report analysis.yaml -o reports          writes reports/analysis.html\n  sroi report analysis.yaml -f html,pdf,json -o out\n  sroi report analysis.yaml --templates my-templates\n\nFiles are written whole or not at all; the analysis is never changed.\nThe report's date comes from SOURCE_DATE_EPOCH when it is set."
    )]
    Report {
        /// Analysis file; `-` reads standard input.
        file: String,
        /// Formats to write, separated by commas.
        #[arg(short, long, value_enum, value_delimiter = ',', default_value = "html")]
        format: Vec<report::Format>,
        /// Folder to write the reports into (created if missing).
        #[arg(short, long, default_value = ".")]
        output: std::path::PathBuf,
        /// Folder of templates overriding the defaults by file name (see `sroi init --templates`).
        #[arg(long)]
        templates: Option<std::path::PathBuf>,
    },
}

/// How `sroi check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics with the source line, on stderr.
    Text,
    /// `[{code, severity, principle, message, file, line, column}]` on stdout.
    Json,
}

/// File formats of `sroi portfolio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    /// The statement, with totals and breakdowns.
    Json,
    /// One row per analysis.
    Csv,
    /// An accessible web page: summary, breakdowns, the analyses.
    Html,
    /// The same, typeset for A4.
    Pdf,
}

/// File formats of `sroi compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// An accessible web page: the ratios, what makes them differ, the value mix.
    Html,
    /// The same, typeset for A4.
    Pdf,
    /// The figures (as `--json` prints them).
    Json,
}

/// `--timing` of `sroi compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TimingArg {
    /// At the end of each year, as the SROI Guide does.
    End,
    /// Half-way through each year.
    Mid,
    /// At the start of each year.
    Start,
}

fn parse_discount_rate(text: &str) -> Result<crate::model::DiscountRate, String> {
    use crate::model::DiscountRate;
    let text = text.trim();
    if text == "green-book" {
        return Ok(DiscountRate::GreenBook);
    }
    match crate::format::percent_or_number(text) {
        Some(rate) if (0.0..=1.0).contains(&rate) => Ok(DiscountRate::Constant(rate)),
        _ => Err("write a percentage such as `3.5%`, a fraction such as `0.035`, or `green-book`".to_owned()),
    }
}

/// What `--deny` makes fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Any warning makes the exit code 1.
    Warnings,
}

/// Runs the tool with `args` (the first is the program name).
pub fn run<I, T>(args: I, streams: &mut Streams<'_>) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let text = if streams.color { err.render().ansi().to_string() } else { err.render().to_string() };
            return if err.use_stderr() {
                let _ = write!(streams.err, "{text}");
                Exit::Failed
            } else {
                let _ = write!(streams.out, "{text}");
                Exit::Ok
            };
        }
    };
    match cli.command {
        Command::Init { dir, templates: true, .. } => init::templates(&dir, streams),
        Command::Init { dir, framework, offer, returns, .. } if framework || offer || returns => {
            init::commissioning(&dir, (framework, offer, returns), streams)
        }
        Command::Init { dir, .. } => init::run(&dir, streams),
        Command::Report { file, format, output, templates } => {
            report::run(&file, &format, &output, templates.as_deref(), streams)
        }
        Command::Check { files, .. } if stdin_twice(&files, streams) => Exit::Failed,
        Command::Check { files, format, deny } => check::run(&files, format, deny.is_some(), streams),
        Command::Calc { file, json } => calc(&file, json, streams),
        Command::Compare {
            files,
            json,
            format,
            output,
            templates,
            rebase,
            discount_rate,
            timing,
            price_year,
        } => {
            let rebase = rebase.then(|| crate::compare::Rebase {
                discount_rate: discount_rate.unwrap_or(crate::model::DiscountRate::Constant(0.035)),
                timing: match timing {
                    None | Some(TimingArg::End) => crate::model::Timing::End,
                    Some(TimingArg::Mid) => crate::model::Timing::Mid,
                    Some(TimingArg::Start) => crate::model::Timing::Start,
                },
                price_year,
            });
            let written = Written { formats: &format, out: &output, templates: templates.as_deref() };
            compare(&files, json, &written, rebase.as_ref(), streams)
        }
        Command::Portfolio { path, json, format, output, quiet, templates } => {
            let written = Written { formats: &format, out: &output, templates: templates.as_deref() };
            portfolio(&path, json, &written, quiet, streams)
        }
        Command::Bids { framework, offers, json, format, output, templates } => bids::run(
            &framework,
            &offers,
            json,
            &Written { formats: &format, out: &output, templates: templates.as_deref() },
            streams,
        ),
        Command::Monitor { offer, returns, json, format, output, templates } => monitor::run(
            &offer,
            &returns,
            json,
            &Written { formats: &format, out: &output, templates: templates.as_deref() },
            streams,
        ),
        Command::Import { workbook, output } => import::run(&workbook, output.as_deref(), streams),
        Command::Schema => write_out(init::SCHEMA.as_bytes(), streams),
        Command::Proxies { files, action } => proxies::run(&action, &files, streams),
    }
}

/// Reads and validates one analysis, printing its diagnostics. Returns the
/// analysis and its warnings, or the exit code to stop with.
pub fn load(path: &str, streams: &mut Streams<'_>) -> Result<(SourceFile, Analysis, Vec<Diagnostic>), Exit> {
    let source = read(path, streams)?;
    match crate::analyse(&source) {
        Ok((analysis, warnings)) => {
            print_diagnostics(&warnings, &source, streams);
            Ok((source, analysis, warnings))
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, &source, streams);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let plural = if errors == 1 { "" } else { "s" };
            let _ = writeln!(streams.err, "{}: {errors} error{plural}; nothing was computed", source.name);
            Err(Exit::Invalid)
        }
    }
}

/// Reads a file (or standard input for `-`), printing why it cannot be read:
/// exit 2 when the system refuses, 1 when the file is too large or not UTF-8.
pub(crate) fn read(path: &str, streams: &mut Streams<'_>) -> Result<SourceFile, Exit> {
    match load::read_source(path) {
        Ok(source) => Ok(source),
        Err(ReadError::Io { name, source }) => {
            let _ = writeln!(streams.err, "{name}: error: cannot read the file: {source}");
            Err(Exit::Failed)
        }
        Err(ReadError::Invalid { file, diagnostic }) => {
            print_diagnostics(&[*diagnostic], &file, streams);
            Err(Exit::Invalid)
        }
    }
}

/// Whether `files` name standard input (`-`) more than once, which cannot be
/// read twice; says so when it does.
fn stdin_twice(files: &[String], streams: &mut Streams<'_>) -> bool {
    let twice = files.iter().filter(|f| *f == "-").count() > 1;
    if twice {
        let _ = writeln!(streams.err, "error: standard input (`-`) can be read only once");
    }
    twice
}

/// Creates the folder reports are written into.
pub(crate) fn create_output_folder(out: &std::path::Path, streams: &mut Streams<'_>) -> Result<(), Exit> {
    std::fs::create_dir_all(out).map_err(|error| {
        let _ = writeln!(streams.err, "{}: error: cannot create the output folder: {error}", out.display());
        Exit::Failed
    })
}

/// Writes one output file (`what`: "report", "statement") atomically, never
/// over one of the `inputs` (their `input_name`: "analysis", "manifest"), and says so.
pub(crate) fn write_output(
    target: &std::path::Path,
    bytes: &[u8],
    (inputs, input_name): (&[&std::path::Path], &str),
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<(), Exit> {
    if inputs.iter().any(|input| crate::output::same_file(target, input)) {
        let _ = writeln!(
            streams.err,
            "{}: error: the {what} would replace the {input_name} itself; nothing was written\nhint: write the {what} to another folder with `-o DIR`",
            target.display()
        );
        return Err(Exit::Failed);
    }
    if let Err(error) = crate::output::write_atomic(target, bytes, crate::output::Existing::Replace) {
        let _ = writeln!(
            streams.err,
            "{}: error: cannot write the {what}: {error}; nothing was written",
            target.display()
        );
        return Err(Exit::Failed);
    }
    let _ = writeln!(streams.out, "wrote {}", target.display());
    Ok(())
}

/// Writes a file that must not exist yet (one the user may since have
/// edited), atomically, and says so; `what` names it in errors, with a hint
/// for when it exists.
pub(crate) fn write_new(
    path: &std::path::Path,
    bytes: &[u8],
    (what, hint): (&str, Option<&str>),
    streams: &mut Streams<'_>,
) -> Exit {
    match crate::output::write_atomic(path, bytes, crate::output::Existing::Keep) {
        Ok(()) => {
            let _ = writeln!(streams.out, "wrote {}", path.display());
            Exit::Ok
        }
        Err(error) => {
            let reason = if error.kind() == std::io::ErrorKind::AlreadyExists {
                let hint = hint.map(|h| format!("\nhint: {h}")).unwrap_or_default();
                format!("the file already exists; it was left as it is{hint}")
            } else {
                format!("cannot write the {what}: {error}")
            };
            let _ = writeln!(streams.err, "{}: error: {reason}", path.display());
            Exit::Failed
        }
    }
}

pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic], source: &SourceFile, streams: &mut Streams<'_>) {
    let _ = write!(streams.err, "{}", diag::render_all(diagnostics, source, streams.color));
}

/// A PDF's bytes, with a warning when its font cannot show some of the
/// text; or, when it cannot be made, the exit code (having said why).
pub(crate) fn pdf_bytes(
    made: Result<crate::render::pdf::Rendered, crate::render::pdf::PdfError>,
    name: &str,
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<Vec<u8>, Exit> {
    match made {
        Ok(rendered) => {
            if !rendered.missing_glyphs.is_empty() {
                let shown: String = rendered.missing_glyphs.iter().take(20).collect();
                let _ = writeln!(
                    streams.err,
                    "{name}: warning: the PDF's font cannot show some characters ({shown}); they are left out of the PDF\nhint: the HTML {what} shows them with the reader's own fonts"
                );
            }
            if let Some(why) = &rendered.logo_left_out {
                let _ = writeln!(
                    streams.err,
                    "{name}: warning: the PDF {what} has no logo: {why}\nhint: give `theme: logo:` as a PNG or JPEG image; the HTML {what} shows it either way"
                );
            }
            Ok(rendered.bytes)
        }
        Err(error) => {
            let _ = writeln!(streams.err, "{name}: error: cannot make the PDF {what}: {error}");
            Err(Exit::Failed)
        }
    }
}

/// An HTML page's bytes; or, when it cannot be made, the exit code (having said why).
pub(crate) fn html_bytes(
    made: Result<Vec<u8>, crate::render::html::HtmlError>,
    name: &str,
    what: &str,
    streams: &mut Streams<'_>,
) -> Result<Vec<u8>, Exit> {
    made.map_err(|error| {
        let _ = writeln!(streams.err, "{name}: error: cannot make the HTML {what}: {error}");
        match error {
            // A broken template is the user's input; an unreadable one or a chart failure is ours.
            crate::render::html::HtmlError::Template { .. } => Exit::Invalid,
            _ => Exit::Failed,
        }
    })
}

/// What `sroi compare` and `sroi portfolio` write, and where.
struct Written<'a, F> {
    formats: &'a [F],
    out: &'a std::path::Path,
    templates: Option<&'a std::path::Path>,
}

/// Each item once, in the order first given (`-f html,pdf,html` is html, pdf).
pub(crate) fn unique<F: Copy + PartialEq>(items: &[F]) -> Vec<F> {
    let mut out: Vec<F> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(item) {
            out.push(*item);
        }
    }
    out
}

/// Writes `OUT/STEM.EXTENSION` for each format, with the bytes `make` gives
/// (or stops with its exit code), never over one of the inputs.
fn write_each<F: Copy + PartialEq>(
    written: &Written<'_, F>,
    (stem, inputs): (&str, (&[&std::path::Path], &str)),
    what: &str,
    streams: &mut Streams<'_>,
    mut make: impl FnMut(F, &mut Streams<'_>) -> Result<(Vec<u8>, &'static str), Exit>,
) -> Exit {
    if let Err(code) = create_output_folder(written.out, streams) {
        return code;
    }
    for format in unique(written.formats) {
        let (bytes, extension) = match make(format, streams) {
            Ok(made) => made,
            Err(code) => return code,
        };
        let target = written.out.join(format!("{stem}.{extension}"));
        if let Err(code) = write_output(&target, &bytes, inputs, what, streams) {
            return code;
        }
    }
    Exit::Ok
}

fn compare(
    files: &[String],
    json: bool,
    written: &Written<'_, CompareFormat>,
    rebase: Option<&crate::compare::Rebase>,
    streams: &mut Streams<'_>,
) -> Exit {
    if stdin_twice(files, streams) {
        return Exit::Failed;
    }
    let mut analyses = Vec::with_capacity(files.len());
    let mut worst = Exit::Ok;
    // A file named twice (`a.yaml`, `./a.yaml`) is compared once, as a portfolio counts it once.
    let mut seen = std::collections::HashSet::new();
    for file in files {
        if !seen.insert(crate::portfolio::identity(std::path::Path::new(file))) {
            let _ = writeln!(streams.err, "{file}: warning: the file is named twice; it is compared once");
            continue;
        }
        match load(file, streams) {
            Ok((_, analysis, _)) => analyses.push((file.clone(), analysis)),
            Err(code) => worst = worst.max(code),
        }
    }
    if worst != Exit::Ok {
        let _ = writeln!(streams.err, "error: nothing was compared; fix the files above first");
        return worst;
    }
    let compared = match crate::compare::compare(&analyses, rebase) {
        Ok(compared) => compared,
        Err(failures) => {
            for (file, error) in failures {
                let _ = writeln!(
                    streams.err,
                    "{file}: error: {error}\nhint: {}, or leave out --price-year",
                    error.hint()
                );
            }
            return Exit::Invalid;
        }
    };
    if written.formats.is_empty() {
        let bytes = if json {
            crate::compare::json(&compared, rebase)
        } else {
            crate::compare::text(&compared, rebase).into_bytes()
        };
        return write_out(&bytes, streams);
    }
    let view = crate::compare::view(&compared, rebase);
    let name = "comparison";
    // The comparison is never written over one of the analyses compared.
    let inputs: Vec<&std::path::Path> = files.iter().map(std::path::Path::new).collect();
    write_each(
        written,
        (name, (&inputs, "analysis")),
        "comparison",
        streams,
        |format, streams| match format {
            CompareFormat::Json => Ok((crate::compare::json(&compared, rebase), "json")),
            CompareFormat::Pdf => {
                Ok((pdf_bytes(crate::render::pdf::compare(&view), name, "comparison", streams)?, "pdf"))
            }
            CompareFormat::Html => {
                let made = crate::render::html::Templates::load(written.templates)
                    .and_then(|t| crate::render::html::render_compare(&view, &t));
                Ok((html_bytes(made, name, "comparison", streams)?, "html"))
            }
        },
    )
}

fn portfolio(
    path: &std::path::Path,
    json: bool,
    written: &Written<'_, PortfolioFormat>,
    quiet: bool,
    streams: &mut Streams<'_>,
) -> Exit {
    let manifest = if path.is_dir() {
        match crate::portfolio::from_folder(path) {
            Ok(manifest) => manifest,
            Err(error) => {
                let _ = writeln!(streams.err, "{}: error: cannot read the folder: {error}", path.display());
                return Exit::Failed;
            }
        }
    } else {
        let source = match read(&path.to_string_lossy(), streams) {
            Ok(source) => source,
            Err(code) => return code,
        };
        match crate::portfolio::read_manifest(&source) {
            Ok(manifest) => manifest,
            Err(diagnostics) => {
                print_diagnostics(&diagnostics, &source, streams);
                return Exit::Invalid;
            }
        }
    };
    if manifest.entries.is_empty() {
        let _ = writeln!(
            streams.err,
            "{}: error: the portfolio has no analyses\nhint: a folder needs .yaml analysis files in it; a manifest lists them under `analyses:`",
            path.display()
        );
        return Exit::Invalid;
    }
    // A progress bar on a terminal, for long runs; it draws on stderr and is gone when done.
    use std::io::IsTerminal as _;
    let bar = if quiet || !std::io::stderr().is_terminal() || manifest.entries.len() < 100 {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(manifest.entries.len() as u64)
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} analyses ({eta} left)") {
        bar.set_style(style);
    }
    let statement = crate::portfolio::statement(&manifest, &|| bar.inc(1));
    bar.finish_and_clear();
    for failure in &statement.failed {
        let _ = writeln!(streams.err, "{}", failure.error);
    }
    let failed = if statement.failed.is_empty() { Exit::Ok } else { Exit::Invalid };
    if written.formats.is_empty() {
        let bytes = if json {
            crate::portfolio::json(&statement)
        } else {
            crate::portfolio::text(&statement).into_bytes()
        };
        return write_out(&bytes, streams).max(failed);
    }
    let stem = match path.file_stem() {
        Some(stem) if path != std::path::Path::new("-") => stem.to_string_lossy().into_owned(),
        _ => "portfolio".to_owned(),
    };
    let view = crate::portfolio::view(&statement);
    let name = path.display().to_string();
    let code =
        write_each(written, (&stem, (&[path], "manifest")), "statement", streams, |format, streams| {
            match format {
                PortfolioFormat::Json => Ok((crate::portfolio::json(&statement), "json")),
                PortfolioFormat::Csv => Ok((crate::portfolio::csv(&statement), "csv")),
                PortfolioFormat::Pdf => {
                    Ok((pdf_bytes(crate::render::pdf::portfolio(&view), &name, "statement", streams)?, "pdf"))
                }
                PortfolioFormat::Html => {
                    let made = crate::render::html::Templates::load(written.templates)
                        .and_then(|t| crate::render::html::render_portfolio(&view, &t));
                    Ok((html_bytes(made, &name, "statement", streams)?, "html"))
                }
            }
        });
    code.max(failed)
}

pub(crate) fn write_out(bytes: &[u8], streams: &mut Streams<'_>) -> Exit {
    match streams.out.write_all(bytes).and_then(|()| streams.out.flush()) {
        Ok(()) => Exit::Ok,
        // A closed pipe (`sroi calc x | head`) is not worth an error message.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(err) => {
            let _ = writeln!(streams.err, "error: cannot write the results: {err}");
            Exit::Failed
        }
    }
}

fn calc(path: &str, json: bool, streams: &mut Streams<'_>) -> Exit {
    let (_, analysis, _) = match load(path, streams) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let results = crate::compute::compute(&analysis);
    let uncertainty = crate::compute::uncertainty(&analysis, &results);
    let bytes = if json {
        crate::render::json::render(&analysis, &results, &uncertainty)
    } else {
        crate::render::text::render(&analysis, &results, &uncertainty).into_bytes()
    };
    write_out(&bytes, streams)
}
