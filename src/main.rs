//! The `sroi` command: parses arguments, runs, maps the outcome to an exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut streams = sroi::cli::Streams {
        out: Box::new(std::io::stdout().lock()),
        // Not locked: the progress bar of `sroi portfolio` draws on stderr from other threads.
        err: Box::new(std::io::stderr()),
        color,
        now: sroi::cli::now(),
    };
    let code = sroi::cli::run(std::env::args_os(), &mut streams);
    ExitCode::from(code as u8)
}
