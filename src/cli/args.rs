//! The command line's grammar: every command, flag and `--help` text
//! (SPEC §4), parsed by clap.

use clap::{Parser, Subcommand};

use super::{proxies, report};

const AFTER_HELP: &str = "\
Examples:
  sroi init my-analysis            write a commented example to start from
  sroi check my-analysis/analysis.yaml
  sroi calc analysis.yaml          headline figures and tables
  sroi calc analysis.yaml --json   the figures as JSON (or --format json)
  cat analysis.yaml | sroi calc -  read the analysis from standard input
  sroi report analysis.yaml -f html,pdf,xlsx -o reports
  sroi import analysis.xlsx -o analysis.yaml   back from the workbook
  sroi compare a.yaml b.yaml --rebase -f html,pdf -o comparison
  sroi portfolio contracts/ -f html,json,csv -o statement
  sroi bids framework.yaml offers/*.yaml -f html,pdf -o evaluation
  sroi monitor offer.yaml returns.yaml
  sroi watch analysis.yaml         a live preview of the report in the browser

Figures print as text, or as JSON with --json (or --format json); files are
written with -f/--formats into -o DIR. The quality checks' warnings go to
stderr (--quiet silences them; --deny warnings makes any of them fail the run).

Exit codes: 0 success (warnings allowed), 1 the input is invalid,
2 the tool could not do its job (unreadable file, unwritable output).";

/// Social Return on Investment analyses from a YAML theory of change.
#[derive(Debug, Parser)]
#[command(name = "sroi", version, after_help = AFTER_HELP)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
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
        after_help = "Examples:\n  sroi check analysis.yaml\n  sroi check programmes/*.yaml\n  sroi check analysis.yaml --assurance\n  sroi check analysis.yaml --assurance --format json\n  sroi check programmes/*.yaml --quiet --deny warnings   errors only; any warning fails (CI)\n\nExits 1 if any file is invalid, 2 if any cannot be read."
    )]
    Check {
        /// Analysis files; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// What is found: diagnostics as text on stderr, or `--json` on stdout.
        #[command(flatten)]
        print: Print,
        #[command(flatten)]
        findings: Findings,
        /// Answer an assurer's checklist instead: at least two questions for each
        /// principle of social value, each met, partly, not met or cannot tell,
        /// with the place in the file (or the missing key) that decides it.
        #[arg(long, conflicts_with_all = ["deny", "quiet"])]
        assurance: bool,
    },
    /// Print the figures: headline results and value by stakeholder, outcome and year.
    #[command(
        after_help = "Examples:\n  sroi calc analysis.yaml\n  sroi calc analysis.yaml --json > results.json\n  sroi calc analysis.yaml --quiet             the figures without the quality findings on stderr\n  sroi calc analysis.yaml --deny warnings     exit 1 if the quality checks warn\n\nThe quality checks' warnings are summarised on stderr, as `sroi check` prints them."
    )]
    Calc {
        /// Analysis file; `-` reads standard input.
        file: String,
        #[command(flatten)]
        print: Print,
        #[command(flatten)]
        findings: Findings,
    },
    /// Programmes side by side, like for like: ratios, method differences, re-based ratios.
    #[command(
        after_help = "Examples:\n  sroi compare a.yaml b.yaml\n  sroi compare a.yaml b.yaml --rebase --discount-rate 3.5% --timing end\n  sroi compare programmes/*.yaml --rebase --price-year 2024 --json > comparison.json\n  sroi compare a.yaml b.yaml --rebase -f html,pdf,json -o out   writes out/comparison.html, .pdf, .json\n\nWith --rebase every analysis is also re-computed under one set of settings\n(by default 3.5%, end of year, each analysis's own prices)."
    )]
    Compare {
        /// Analysis files; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        #[command(flatten)]
        print: Print,
        #[command(flatten)]
        files_written: Files<CompareFormat>,
        #[command(flatten)]
        findings: Findings,
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
        after_help = "Examples:\n  sroi portfolio contracts/                       every .yaml file under the folder\n  sroi portfolio statement.yaml                   a manifest naming the analyses\n  sroi portfolio statement.yaml -f json,csv -o out\n  sroi portfolio statement.yaml --year 2026/27 --price-year 2024 -f html,pdf -o out\n\nA manifest:\n  title: Social value statement 2025/26\n  year: 2025\n  organisation: Northfield Council\n  analyses:\n    - contracts/*.yaml\n    - { file: grants/garden.yaml, contract: G-104, supplier: Northfield Garden, area: North }\n\nAn analysis that fails is listed with its error and the rest still count;\nthe exit code is then 1."
    )]
    Portfolio {
        /// A folder of analyses, or a manifest file.
        path: std::path::PathBuf,
        #[command(flatten)]
        print: Print,
        #[command(flatten)]
        files_written: Files<crate::pipeline::Format>,
        #[command(flatten)]
        findings: Findings,
        /// State one year on one basis: a UK financial year (`2026/27`) or a calendar year (`2026`).
        /// In-year value is then shown apart from lifetime present value, forecasts apart from
        /// value delivered, and analyses outside the year listed as not counted.
        #[arg(long, value_parser = parse_year)]
        year: Option<crate::compute::in_year::StatementYear>,
        /// With --year: the discount rate every analysis is re-computed at (`3.5%`, `green-book`); 3.5% if not given.
        #[arg(long, requires = "year", value_parser = parse_discount_rate)]
        discount_rate: Option<crate::model::DiscountRate>,
        /// With --year: the discount timing every analysis is re-computed with; end of year if not given.
        #[arg(long, requires = "year", value_enum)]
        timing: Option<TimingArg>,
        /// With --year: move every money figure to this year's prices (with each analysis's `indices:`).
        #[arg(long, requires = "year")]
        price_year: Option<i32>,
        /// With --year: last year's statement JSON (written by `-f json`), for year-on-year change.
        #[arg(long, requires = "year")]
        previous: Option<std::path::PathBuf>,
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
        #[command(flatten)]
        print: Print,
        #[command(flatten)]
        files_written: Files<crate::pipeline::Format>,
        #[command(flatten)]
        findings: Findings,
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
        #[command(flatten)]
        print: Print,
        #[command(flatten)]
        files_written: Files<crate::pipeline::Format>,
        #[command(flatten)]
        findings: Findings,
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
        after_help = "Examples:\n  sroi schema > sroi.schema.json\n  sroi schema --statement > statement.schema.json   the statement's open data\n\nThen put `# yaml-language-server: $schema=sroi.schema.json` on the first line of an\nanalysis (`sroi init` does both) for completion and checking in editors."
    )]
    Schema {
        /// Print the JSON Schema of a statement's JSON (`sroi portfolio --json`) instead.
        #[arg(long)]
        statement: bool,
    },
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
        /// The files to write, separated by commas (the same `-f/--formats` as compare,
        /// portfolio, bids and monitor).
        #[arg(short = 'f', long = "formats", value_enum, value_delimiter = ',', default_value = "html")]
        formats: Vec<report::Format>,
        /// Folder to write the reports into (created if missing).
        #[arg(short, long, default_value = ".")]
        output: std::path::PathBuf,
        /// Folder of templates overriding the defaults by file name (see `sroi init --templates`).
        #[arg(long)]
        templates: Option<std::path::PathBuf>,
        #[command(flatten)]
        findings: Findings,
    },
    /// Serve the HTML report on 127.0.0.1 and make it again whenever the file changes; the page reloads itself.
    #[command(
        after_help = "Examples:\n  sroi watch analysis.yaml                 serves on a free port, printed on start\n  sroi watch analysis.yaml --port 8000     http://127.0.0.1:8000/\n  sroi watch analysis.yaml --templates my-templates\n\nThe page is the report `sroi report -f html` writes. While the file has errors the\npage shows them; it shows the report again when they are fixed. The proxy files,\nthe logo and the templates are watched too. Only this computer can open the page.\nCtrl-C stops (exit 0)."
    )]
    Watch {
        /// Analysis file.
        file: String,
        /// Port on 127.0.0.1 to serve on; 0 (the default) takes a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Folder of templates overriding the defaults by file name (see `sroi init --templates`).
        #[arg(long)]
        templates: Option<std::path::PathBuf>,
    },
}

/// How a command prints what it has to say: `--json`, or `--format text|json`
/// (the same flags, with the same meaning, on every command that prints figures).
#[derive(Debug, Clone, Copy, clap::Args)]
pub(super) struct Print {
    /// Print JSON on standard output instead of text (the same as `--format json`).
    #[arg(long)]
    json: bool,
    /// What to print: `text` (the default) or `json` (the same as `--json`).
    /// Files are written with `-f/--formats` instead.
    #[arg(long, value_name = "text|json", value_parser = parse_print_format, conflicts_with = "json")]
    format: Option<PrintFormat>,
}

impl Print {
    /// The format asked for: JSON with `--json` or `--format json`, else text.
    pub(super) fn format(self) -> PrintFormat {
        if self.json { PrintFormat::Json } else { self.format.unwrap_or(PrintFormat::Text) }
    }

    /// Whether JSON is asked for.
    pub(super) fn json(self) -> bool {
        self.format() == PrintFormat::Json
    }
}

/// What a command prints: text (tables, or `check`'s diagnostics) or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFormat {
    /// Tables on stdout (`check`: diagnostics with the source line, on stderr).
    Text,
    /// JSON on stdout (`check`: `[{code, severity, principle, message, file, line, column}]`).
    Json,
}

/// `--format`: `text` or `json`; a file format there gets a hint towards `-f`.
fn parse_print_format(text: &str) -> Result<PrintFormat, String> {
    match text.trim() {
        "text" => Ok(PrintFormat::Text),
        "json" => Ok(PrintFormat::Json),
        file @ ("html" | "pdf" | "csv" | "xlsx") => Err(format!(
            "`--format` says what is printed, `text` or `json`; {file} files are written with \
             `-f {file}` (`--formats {file}`) on report, compare, portfolio, bids and monitor"
        )),
        _ => Err("write `text` or `json`".to_owned()),
    }
}

/// The files a command that prints by default writes instead, and where:
/// `-f/--formats`, `-o/--output` and `--templates`, named the same on every command.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct Files<F: clap::ValueEnum + Clone + Send + Sync + 'static> {
    /// Write files instead of printing, in these formats, separated by commas.
    #[arg(short = 'f', long = "formats", value_enum, value_delimiter = ',', conflicts_with_all = ["json", "format"])]
    pub(super) formats: Vec<F>,
    /// Folder to write the files into (created if missing).
    #[arg(short, long, default_value = ".", requires = "formats")]
    pub(super) output: std::path::PathBuf,
    /// Folder of templates overriding the built-in ones by file name (`sroi init --templates` writes them).
    #[arg(long)]
    pub(super) templates: Option<std::path::PathBuf>,
}

/// The quality findings summary on standard error, and whether warnings fail
/// the run: the same two flags on every command that reads analyses or
/// commissioning files.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(super) struct Findings {
    /// Print no quality findings (warnings, counts) on standard error, only errors;
    /// `portfolio` shows no progress bar either.
    #[arg(short, long)]
    pub(super) quiet: bool,
    /// `--deny warnings`: any warning fails the run with exit code 1 (for CI), and
    /// the closing line says so; no figures are printed and no files written then.
    #[arg(long, value_enum, value_name = "warnings")]
    pub(super) deny: Option<Deny>,
}

impl Findings {
    /// Whether `--deny warnings` was given.
    pub(super) fn deny_warnings(self) -> bool {
        self.deny == Some(Deny::Warnings)
    }
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

pub(super) fn parse_discount_rate(text: &str) -> Result<crate::model::DiscountRate, String> {
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

pub(super) fn parse_year(text: &str) -> Result<crate::compute::in_year::StatementYear, String> {
    crate::compute::in_year::StatementYear::parse(text)
}

/// What `--deny` makes fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Any warning makes the exit code 1.
    Warnings,
}
