//! `sroi watch`, as a user runs it: the real binary serving a copy of an
//! example on a free port, read over raw HTTP while the file is rewritten,
//! broken and fixed, then stopped with Ctrl-C (SIGINT).
//!
//! Nothing here waits on a clock: each change is awaited through the page's
//! own event stream (`/events`), which the server answers only once the page
//! has changed; the read timeouts only keep a broken server from hanging
//! the test run.

use std::io::{BufRead as _, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::common::{EPOCH, scratch};

/// A running `sroi watch`, stopped (killed) if the test fails first.
struct Watching {
    child: Child,
    port: u16,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn watch(file: &std::path::Path, log: &std::path::Path) -> Watching {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sroi"))
        .args(["watch", &file.to_string_lossy(), "--port", "0"])
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).expect("log file"))
        .spawn()
        .expect("start sroi watch");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    let rest = line.strip_prefix("serving http://127.0.0.1:").unwrap_or_else(|| panic!("{line:?}"));
    let port = rest.split('/').next().and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("{line:?}"));
    assert!(line.ends_with("/ (Ctrl-C to stop)\n"), "{line:?}");
    Watching { child, port }
}

/// Sends `request` (with `\r\n` line ends added) and returns the response.
fn http(port: u16, request: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    stream.write_all(format!("{}\r\n\r\n", request.replace('\n', "\r\n")).as_bytes()).expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read the response");
    let end = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
    (String::from_utf8_lossy(&response[..end]).into_owned(), response[end + 4..].to_vec())
}

fn get(port: u16, path: &str) -> (String, Vec<u8>) {
    http(port, &format!("GET {path} HTTP/1.1\nHost: 127.0.0.1:{port}"))
}

fn heading(page: &[u8]) -> String {
    let page = String::from_utf8_lossy(page);
    let start = page.find("<h1").and_then(|i| page[i..].find('>').map(|j| i + j + 1)).expect("an h1");
    page[start..start + page[start..].find("</h1>").expect("</h1>")].trim().to_owned()
}

/// Opens the event stream of the page at `generation`, then runs `change`,
/// and waits until the server says to reload.
fn after(port: u16, generation: u64, change: impl FnOnce()) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    write!(stream, "GET /events?since={generation} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
        .expect("send");
    let mut reader = std::io::BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).expect("status line");
    assert_eq!(line, "HTTP/1.1 200 OK\r\n");
    // The head, then `retry:`: the stream is open, so the change cannot be missed.
    while line != "retry: 1000\n" {
        line.clear();
        assert!(reader.read_line(&mut line).expect("the stream") > 0, "the stream ended early");
    }
    change();
    line.clear();
    while !line.starts_with("data: reload") {
        line.clear();
        assert!(reader.read_line(&mut line).expect("an event") > 0, "the stream ended without an event");
    }
}

/// The page without the live-reload script the server adds.
fn without_script(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let start = text.rfind("<script nonce=").expect("the script");
    let end = start + text[start..].find("</script>\n").expect("its end") + "</script>\n".len();
    [&page[..start], &page[end..]].concat()
}

#[test]
fn watch_serves_the_report_and_follows_the_file_through_errors_back_to_a_report() {
    let dir = scratch("watch");
    let file = dir.join("analysis.yaml");
    let original = std::fs::read_to_string("fixtures/youth-into-work.yaml").expect("fixture");
    std::fs::write(&file, &original).expect("copy");
    let log = dir.join("watch.log");
    let watching = watch(&file, &log);
    let port = watching.port;

    // The page is the report `sroi report -f html` writes, with one script.
    let (head, page) = get(port, "/");
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    let nonce = head.split("script-src 'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce");
    assert!(head.contains("Content-Security-Policy: default-src 'none';"), "{head}");
    let text = String::from_utf8_lossy(&page);
    assert_eq!(text.matches("<script").count(), 1, "one script");
    assert!(text.contains(&format!("<script nonce=\"{nonce}\">new EventSource(\"/events?since=1\")")));
    assert_eq!(heading(&page), "Youth Into Work 2025/26");
    let out = dir.join("out");
    let written = super::common::report(&file.to_string_lossy(), &out, &["-f", "html"]);
    assert!(written.status.success());
    let report = std::fs::read(out.join("analysis.html")).expect("the report");
    assert!(!String::from_utf8_lossy(&report).contains("<script"), "the written report has no script");
    assert!(without_script(&page) == report, "the page is the report, byte for byte, but for the script");
    let (_, again) = get(port, "/");
    assert_ne!(again, page, "each response has its own nonce");

    // A new title reaches the page.
    after(port, 1, || {
        std::fs::write(&file, original.replace("title: Youth Into Work 2025/26", "title: Watched at work"))
            .expect("rewrite");
    });
    let (_, page) = get(port, "/");
    assert_eq!(heading(&page), "Watched at work");

    // A broken file: the page shows the located errors, escaped, not the old report.
    after(port, 2, || {
        let broken =
            original.replace("title: Youth Into Work 2025/26", "title: <b>fine</b>\ndiscount_rate: lots");
        std::fs::write(&file, broken).expect("break");
    });
    let (_, page) = get(port, "/");
    let text = String::from_utf8_lossy(&page);
    assert!(heading(&page).ends_with("analysis.yaml cannot be made"), "{text}");
    assert!(text.contains("analysis.yaml:13:1: error:"), "{text}");
    assert!(!text.contains("<b>fine</b>") && !text.contains("Watched at work"), "{text}");

    // Fixed: the report is back.
    after(port, 3, || std::fs::write(&file, &original).expect("fix"));
    assert_eq!(heading(&get(port, "/").1), "Youth Into Work 2025/26");

    // One page and its events: every other path is 404, other methods 405,
    // other hosts (DNS rebinding) 403.
    for path in ["/analysis.yaml", "/../analysis.yaml", "/favicon.ico", "/events/1"] {
        let (head, _) = get(port, path);
        assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{path}: {head}");
    }
    let (head, _) = http(port, &format!("POST / HTTP/1.1\nHost: 127.0.0.1:{port}\nContent-Length: 0"));
    assert!(head.starts_with("HTTP/1.1 405 "), "{head}");
    let (head, body) = http(port, &format!("GET / HTTP/1.1\nHost: rebound.example:{port}"));
    assert!(head.starts_with("HTTP/1.1 403 "), "{head}");
    assert!(!String::from_utf8_lossy(&body).contains("Youth"), "nothing of the report");

    // Listening on loopback only (Linux says where in /proc/net/tcp).
    if let Ok(table) = std::fs::read_to_string("/proc/net/tcp") {
        let port_hex = format!(":{port:04X} ");
        let listening: Vec<&str> = table
            .lines()
            .filter(|l| l.split_whitespace().nth(1).is_some_and(|a| format!("{a} ").ends_with(&port_hex)))
            .filter(|l| l.split_whitespace().nth(3) == Some("0A"))
            .collect();
        assert_eq!(listening.len(), 1, "{table}");
        assert!(
            listening[0].split_whitespace().nth(1).is_some_and(|a| a.starts_with("0100007F:")),
            "{table}"
        );
    }
    if let Ok(table) = std::fs::read_to_string("/proc/net/tcp6") {
        assert!(!table.contains(&format!(":{port:04X} ")), "not on IPv6: {table}");
    }

    // Ctrl-C: exit 0.
    let mut watching = watching;
    let pid = watching.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().expect("kill").success());
    let status = watching.child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{}", std::fs::read_to_string(&log).unwrap_or_default());
    let said = std::fs::read_to_string(&log).expect("log");
    assert!(said.contains("analysis.yaml:13:1: error:"), "the terminal shows the errors too:\n{said}");
    assert!(said.ends_with("stopped\n"), "{said}");
}

#[test]
fn watch_needs_a_file_that_exists() {
    let run = super::common::sroi(&["watch", "-"]);
    assert_eq!(run.code, sroi::cli::Exit::Failed);
    assert!(run.stderr.contains("standard input cannot change"), "{}", run.stderr);
    let run = super::common::sroi(&["watch", "no/such/analysis.yaml"]);
    assert_eq!(run.code, sroi::cli::Exit::Failed);
    assert!(run.stderr.starts_with("no/such/analysis.yaml: error: cannot read the file"), "{}", run.stderr);
}
