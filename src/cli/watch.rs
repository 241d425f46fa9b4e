//! `sroi watch FILE`: the HTML report, served on 127.0.0.1 and made again
//! whenever the file, its proxy files, its logo or the templates change;
//! the page reloads itself ([`crate::serve`]).
//!
//! The page is the report `sroi report -f html` writes, byte for byte, with
//! the live-reload script added as it is served. While the file has errors
//! the page shows them, located as the terminal shows them, instead of a
//! report that no longer says what the file says; it comes back when they
//! are fixed.
//!
//! The files are polled (their modification time, size and inode, every
//! [`POLL`]) rather than watched through the operating system: that needs no
//! dependency, costs a few `stat` calls a tick, sees editors that save by
//! writing a new file and renaming it over the old one, and works the same
//! on network and container file systems, where change notifications often
//! never arrive.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use super::{Exit, Streams};
use crate::diag::Diagnostic;
use crate::serve::{self, Live};

/// How often the files are looked at.
pub const POLL: Duration = Duration::from_millis(50);

/// `sroi watch FILE [--port N] [--templates DIR]`: serves until Ctrl-C (or
/// SIGTERM), then exits 0.
pub fn run(path: &str, port: u16, templates: Option<&Path>, streams: &mut Streams<'_>) -> Exit {
    if path == "-" {
        let problem =
            Diagnostic::error("watch-stdin", "`sroi watch` watches a file; standard input cannot change")
                .hint("give the analysis's path: `sroi watch analysis.yaml`");
        super::problem(None, problem, streams);
        return Exit::Failed;
    }
    if let Err(error) = std::fs::metadata(path) {
        let problem = Diagnostic::error("unreadable-file", format!("cannot read the file: {error}"));
        super::problem(Some(path), problem, streams);
        return Exit::Failed;
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        if let Err(error) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
            let problem = Diagnostic::error("watch-failed", format!("cannot catch Ctrl-C: {error}"));
            super::problem(None, problem, streams);
            return Exit::Failed;
        }
    }
    let listener = match serve::bind(port).and_then(|l| l.local_addr().map(|a| (l, a))) {
        Ok(bound) => bound,
        Err(error) => {
            let problem =
                Diagnostic::error("watch-failed", format!("cannot serve on 127.0.0.1:{port}: {error}"))
                    .hint("choose another port with `--port N`, or `--port 0` for a free one");
            super::problem(None, problem, streams);
            return Exit::Failed;
        }
    };
    let (listener, address) = listener;
    let built = build(path, templates, streams.color);
    let mut watched = Watched::new(path, templates, &built.files);
    let live = Live::new(built.page.clone());
    say(&built, true, streams);
    let server = {
        let live = Arc::clone(&live);
        std::thread::Builder::new()
            .name("sroi-watch-server".to_owned())
            .spawn(move || serve::serve(&listener, &live))
    };
    if let Err(error) = server {
        let problem = Diagnostic::error("watch-failed", format!("cannot start the server: {error}"));
        super::problem(None, problem, streams);
        return Exit::Failed;
    }
    let _ = writeln!(streams.out, "serving http://{address}/ (Ctrl-C to stop)");
    let _ = streams.out.flush();
    // A build that failed is shown only if the files stay as they were for a
    // tick: an editor that truncates the file and then writes it is not
    // caught half-way, while a good build is shown at once.
    let mut pending: Option<Built> = None;
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(POLL);
        if watched.changed() {
            let built = build(path, templates, streams.color);
            watched.now_naming(&built.files);
            if built.ok {
                pending = None;
                say(&built, live.publish(built.page.clone()), streams);
            } else {
                pending = Some(built);
            }
        } else if let Some(built) = pending.take() {
            say(&built, live.publish(built.page.clone()), streams);
        }
    }
    live.stop();
    let _ = writeln!(streams.err, "stopped");
    Exit::Ok
}

/// One making of the page.
struct Built {
    /// The report, or the page of problems.
    page: Vec<u8>,
    /// Whether it is the report.
    ok: bool,
    /// What the making printed (diagnostics, with colour if asked).
    said: Vec<u8>,
    /// The files the analysis names, to watch with it.
    files: Vec<PathBuf>,
}

/// Makes the report as `sroi report -f html` does, dated now (the edge's
/// clock, so `SOURCE_DATE_EPOCH` holds here too), or the page of problems.
fn build(path: &str, templates: Option<&Path>, color: bool) -> Built {
    let (mut out, mut said) = (Vec::new(), Vec::new());
    let made = {
        let mut captured =
            Streams { out: Box::new(&mut out), err: Box::new(&mut said), color, now: super::now() };
        let asked = super::args::Findings { quiet: false, deny: None };
        super::report::prepare(path, asked, &mut captured)
            .and_then(|prepared| super::report::html(&prepared, templates, &mut captured))
    };
    let files = crate::load::read_source(path).map(|source| crate::load::named::files_named(&source));
    let files = files.unwrap_or_default();
    match made {
        Ok(page) => Built { page, ok: true, said, files },
        Err(_) => {
            let shown = crate::diag::escape_controls(path);
            let text = without_colour(&String::from_utf8_lossy(&said));
            let page = serve::problem_page(&format!("The report of {shown} cannot be made"), &text);
            Built { page, ok: false, said, files }
        }
    }
}

/// Prints what a build said, and what the page now shows.
fn say(built: &Built, changed: bool, streams: &mut Streams<'_>) {
    let _ = streams.err.write_all(&built.said);
    let what = match (built.ok, changed) {
        (true, true) => "the page shows the report",
        (true, false) => "the report is unchanged",
        (false, _) => "the page shows the errors until they are fixed",
    };
    let _ = writeln!(streams.err, "{what}");
    let _ = streams.err.flush();
}

/// `text` without the terminal's colour codes (the only escapes in it: the
/// files' own control characters are shown escaped).
fn without_colour(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// When a file last changed, as far as polling can tell (none: missing).
type Stamp = Option<(SystemTime, u64, u64)>;

fn stamp(path: &Path) -> Stamp {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0;
    Some((metadata.modified().ok()?, metadata.len(), inode))
}

/// The files watched, with their stamps when last looked at.
struct Watched {
    /// The analysis, and the templates folder with each template it may hold.
    fixed: Vec<PathBuf>,
    files: Vec<(PathBuf, Stamp)>,
}

impl Watched {
    fn new(path: &str, templates: Option<&Path>, named: &[PathBuf]) -> Watched {
        let mut fixed = vec![PathBuf::from(path)];
        if let Some(dir) = templates {
            fixed.push(dir.to_path_buf());
            fixed.extend(crate::load::templates::NAMES.iter().map(|name| dir.join(name)));
        }
        let files = fixed.iter().chain(named).map(|p| (p.clone(), stamp(p))).collect();
        Watched { fixed, files }
    }

    /// Whether any file changed since the last look (and remembers this look).
    fn changed(&mut self) -> bool {
        let mut changed = false;
        for (path, seen) in &mut self.files {
            let now = stamp(path);
            if now != *seen {
                *seen = now;
                changed = true;
            }
        }
        changed
    }

    /// Watches the files the analysis now names, keeping what was seen of
    /// those it named before (a change during the build is still noticed).
    fn now_naming(&mut self, named: &[PathBuf]) {
        let files = self
            .fixed
            .iter()
            .chain(named)
            .map(|path| {
                let seen =
                    self.files.iter().find(|(p, _)| p == path).map_or_else(|| stamp(path), |(_, s)| *s);
                (path.clone(), seen)
            })
            .collect();
        self.files = files;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_codes_are_taken_out_and_the_text_kept() {
        let text = "\u{1b}[1m\u{1b}[31merror\u{1b}[0m: a.yaml:3:7: `x` \\u{1b}[31m";
        assert_eq!(without_colour(text), "error: a.yaml:3:7: `x` \\u{1b}[31m");
    }

    #[test]
    fn a_file_rewritten_or_created_is_seen_to_change() {
        let dir = std::env::temp_dir().join(format!("sroi-watch-stamps-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        let file = dir.join("a.yaml");
        std::fs::write(&file, "one").expect("write");
        let later = dir.join("proxies.yaml");
        let mut watched = Watched::new(&file.to_string_lossy(), None, std::slice::from_ref(&later));
        assert!(!watched.changed());
        // Replaced by a file of the same size (an editor's save by rename).
        std::fs::write(dir.join("new"), "two").expect("write");
        std::fs::rename(dir.join("new"), &file).expect("rename");
        assert!(watched.changed());
        assert!(!watched.changed());
        std::fs::write(&later, "x").expect("write");
        assert!(watched.changed());
        watched.now_naming(&[]);
        std::fs::write(&later, "xy").expect("write");
        assert!(!watched.changed(), "a file no longer named is no longer watched");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
