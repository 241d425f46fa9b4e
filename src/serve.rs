//! The live preview's web server (`sroi watch`): one page, and the events
//! that tell it to reload, on the loopback interface only.
//!
//! HTTP/1.1 over [`std::net`], as little of it as a browser needs: `GET` (and
//! `HEAD`) of `/`, the page, and of `/events`, a stream of server-sent events
//! that says "reload" once the page has changed. Anything else is answered
//! with an error status and the connection closed; every response closes
//! its connection.
//!
//! - The listener is bound to 127.0.0.1, never to every interface, and a
//!   request whose `Host` is not `127.0.0.1:PORT` or `localhost:PORT` is
//!   refused, so a web site that points its own name at 127.0.0.1 (DNS
//!   rebinding) cannot read the page.
//! - The served page carries a small script, added here and only here (the
//!   files `sroi report` writes have none), allowed by a Content-Security-Policy
//!   header with a fresh nonce for each response: no other script runs.
//! - Requests are read with a size limit and a timeout, and at most
//!   [`MAX_CONNECTIONS`] are open at once.

use std::hash::{BuildHasher as _, Hasher as _};
use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// Most connections open at once (each page holds one for its events).
pub const MAX_CONNECTIONS: usize = 64;

/// Largest request head read, in bytes.
const MAX_HEAD_BYTES: usize = 16 * 1024;

/// How long a client may take to send its request, or to take a response.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// How often an idle event stream sends a comment, to notice a closed page.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The page being served, and how many times it has changed.
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
    connections: AtomicUsize,
}

struct State {
    /// Counts the pages published; the page knows its own, and `/events`
    /// tells it to reload once the count has moved on.
    generation: u64,
    page: Arc<Vec<u8>>,
    stopping: bool,
}

impl Live {
    /// Serves `page` (a whole HTML document) first.
    pub fn new(page: Vec<u8>) -> Arc<Live> {
        Arc::new(Live {
            state: Mutex::new(State { generation: 1, page: Arc::new(page), stopping: false }),
            changed: Condvar::new(),
            connections: AtomicUsize::new(0),
        })
    }

    /// Serves `page` from now on, and tells open pages to reload; returns
    /// false (and tells no one) when it is the page already served.
    pub fn publish(&self, page: Vec<u8>) -> bool {
        let mut state = self.lock();
        if *state.page == page {
            return false;
        }
        state.page = Arc::new(page);
        state.generation += 1;
        drop(state);
        self.changed.notify_all();
        true
    }

    /// Ends the event streams; [`serve`] returns at its next connection.
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    /// The page's generation and bytes.
    fn current(&self) -> (u64, Arc<Vec<u8>>) {
        let state = self.lock();
        (state.generation, Arc::clone(&state.page))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked holding the lock left a whole page behind: serve on.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Binds a listener to 127.0.0.1:`port` (0: a free port the system picks).
pub fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
}

/// Answers the connections of `listener` until [`Live::stop`], each on its
/// own thread.
pub fn serve(listener: &TcpListener, live: &Arc<Live>) {
    let port = listener.local_addr().map_or(0, |address| address.port());
    for stream in listener.incoming() {
        if live.lock().stopping {
            return;
        }
        let Ok(mut stream) = stream else {
            // Out of file descriptors, or a connection reset before it was taken: wait a little.
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
        let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
        if live.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            live.connections.fetch_sub(1, Ordering::SeqCst);
            let _ = plain(&mut stream, Status::Busy, false);
            continue;
        }
        let shared = Arc::clone(live);
        let spawned = std::thread::Builder::new().name("sroi-watch-http".to_owned()).spawn(move || {
            answer(stream, &shared, port);
            shared.connections.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            // No thread for it: the connection was dropped with the closure.
            live.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    /// The page (`/`).
    Page,
    /// The events (`/events?since=N`): reload once the page is newer than N.
    Events { since: Option<u64> },
    /// An error status.
    Refused(Status),
}

/// The error statuses the server answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    BadRequest,
    WrongHost,
    NotFound,
    NotAllowed,
    TooLarge,
    Busy,
}

impl Status {
    fn line(self) -> &'static str {
        match self {
            Status::BadRequest => "400 Bad Request",
            Status::WrongHost => "403 Forbidden",
            Status::NotFound => "404 Not Found",
            Status::NotAllowed => "405 Method Not Allowed",
            Status::TooLarge => "431 Request Header Fields Too Large",
            Status::Busy => "503 Service Unavailable",
        }
    }

    fn body(self) -> &'static str {
        match self {
            Status::BadRequest => "This is not a request sroi watch understands.\n",
            Status::WrongHost => "sroi watch answers only requests for 127.0.0.1 or localhost.\n",
            Status::NotFound => "sroi watch serves one page, at /.\n",
            Status::NotAllowed => "sroi watch answers only GET and HEAD.\n",
            Status::TooLarge => "The request's header is too large.\n",
            Status::Busy => "Too many connections are open; close some pages.\n",
        }
    }
}

/// A request's head, as far as routing needs it.
#[derive(Debug)]
struct Request<'a> {
    method: &'a str,
    target: &'a str,
    host: Option<&'a str>,
}

/// Parses a request head (up to the blank line, without it).
fn parse(head: &str) -> Option<Request<'_>> {
    let mut lines = head.split("\r\n");
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !version.starts_with("HTTP/1.") || method.is_empty() {
        return None;
    }
    let mut host = None;
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return None;
            }
            host = Some(value.trim());
        }
    }
    Some(Request { method, target, host })
}

/// Where a request goes, on a server listening on `port`.
fn route(request: &Request<'_>, port: u16) -> Route {
    let host_ok = request.host.is_some_and(|host| {
        let (name, given) = host.rsplit_once(':').unwrap_or((host, ""));
        given == port.to_string() && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
    });
    if !host_ok {
        return Route::Refused(Status::WrongHost);
    }
    if request.method != "GET" && request.method != "HEAD" {
        return Route::Refused(Status::NotAllowed);
    }
    let (path, query) = request.target.split_once('?').unwrap_or((request.target, ""));
    match path {
        "/" => Route::Page,
        "/events" => Route::Events {
            since: query.split('&').find_map(|pair| pair.strip_prefix("since=")?.parse().ok()),
        },
        _ => Route::Refused(Status::NotFound),
    }
}

/// Reads a request head, answers it, and closes the connection.
fn answer(mut stream: TcpStream, live: &Live, port: u16) {
    let head = match read_head(&mut stream) {
        Ok(head) => head,
        Err(Some(status)) => {
            let _ = plain(&mut stream, status, false);
            return;
        }
        Err(None) => return,
    };
    let Some(request) = parse(&head) else {
        let _ = plain(&mut stream, Status::BadRequest, false);
        return;
    };
    let head_only = request.method == "HEAD";
    let _ = match route(&request, port) {
        Route::Page => page(&mut stream, live, head_only),
        Route::Events { since } => events(&mut stream, live, since, head_only),
        Route::Refused(status) => plain(&mut stream, status, head_only),
    };
    let _ = stream.flush();
}

/// The request head, up to its blank line; `Err(None)` when the client went
/// away or took too long.
fn read_head(stream: &mut TcpStream) -> Result<String, Option<Status>> {
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 2048];
    loop {
        let read = stream.read(&mut buffer).map_err(|_| None)?;
        if read == 0 {
            return Err(None);
        }
        head.extend_from_slice(&buffer[..read]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(end);
            return String::from_utf8(head).map_err(|_| Some(Status::BadRequest));
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(Some(Status::TooLarge));
        }
    }
}

/// Headers every response has.
const COMMON: &str = "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
                      Referrer-Policy: no-referrer\r\nConnection: close\r\n";

fn plain(stream: &mut TcpStream, status: Status, head_only: bool) -> std::io::Result<()> {
    let body = status.body();
    let allow = if status == Status::NotAllowed { "Allow: GET, HEAD\r\n" } else { "" };
    write!(
        stream,
        "HTTP/1.1 {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n{allow}{COMMON}\r\n",
        status.line(),
        body.len()
    )?;
    if !head_only {
        stream.write_all(body.as_bytes())?;
    }
    Ok(())
}

fn page(stream: &mut TcpStream, live: &Live, head_only: bool) -> std::io::Result<()> {
    let (generation, page) = live.current();
    let nonce = nonce();
    let body = with_reload(&page, generation, &nonce);
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Content-Security-Policy: {}\r\n{COMMON}\r\n",
        body.len(),
        policy(&nonce)
    )?;
    if !head_only {
        stream.write_all(&body)?;
    }
    Ok(())
}

/// Streams events until the page is newer than `since` (the generation the
/// page was served at), then says `reload` and closes.
fn events(stream: &mut TcpStream, live: &Live, since: Option<u64>, head_only: bool) -> std::io::Result<()> {
    write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n{COMMON}\r\n")?;
    if head_only {
        return Ok(());
    }
    // A page that lost its connection tries again after a second.
    stream.write_all(b"retry: 1000\n\n")?;
    stream.flush()?;
    let since = since.unwrap_or_else(|| live.current().0);
    loop {
        let state = live.lock();
        let (state, waited) = live
            .changed
            .wait_timeout_while(state, KEEP_ALIVE, |s| s.generation == since && !s.stopping)
            .unwrap_or_else(PoisonError::into_inner);
        let (generation, stopping) = (state.generation, state.stopping);
        drop(state);
        if stopping {
            return Ok(());
        }
        if !waited.timed_out() || generation != since {
            write!(stream, "data: reload {generation}\n\n")?;
            return stream.flush();
        }
        // Nothing changed: a comment, which fails once the page has gone.
        stream.write_all(b": still here\n\n")?;
        stream.flush()?;
    }
}

/// The served page's Content-Security-Policy: its own styles, fonts and
/// images (all inline or `data:`), the one script with `nonce`, and
/// connections back to this server for the events.
fn policy(nonce: &str) -> String {
    format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; connect-src 'self'; style-src 'unsafe-inline'; \
         img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

/// 128 bits no page can guess, fresh for each response: std's hasher keys,
/// which it seeds from the operating system's randomness in each thread.
fn nonce() -> String {
    let state = std::collections::hash_map::RandomState::new();
    (0..2u64)
        .map(|i| {
            let mut hasher = state.build_hasher();
            hasher.write_u64(i);
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

/// `page` with the live-reload script, at generation `generation`, before
/// its last `</body>` (or at its end).
fn with_reload(page: &[u8], generation: u64, nonce: &str) -> Vec<u8> {
    let script = format!(
        "<script nonce=\"{nonce}\">new EventSource(\"/events?since={generation}\")\
         .onmessage = function () {{ location.reload(); }};</script>\n"
    );
    let at = page.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + script.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The page shown while the file cannot be: `heading`, and the diagnostics
/// as the terminal shows them (`text`, without colour), escaped.
pub fn problem_page(heading: &str, text: &str) -> Vec<u8> {
    let heading = escape(heading);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{heading}</title>\n<style>\n\
         body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; \
         color: #1a1a1a; background: #fff; line-height: 1.5; }}\n\
         h1 {{ font-size: 1.5rem; color: #8a1c1c; }}\n\
         pre {{ font-size: 0.95rem; background: #f6f6f6; border-left: 4px solid #8a1c1c; padding: 1rem; \
         overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }}\n\
         </style>\n</head>\n<body>\n<main>\n<h1>{heading}</h1>\n\
         <p>The report comes back as soon as the file is fixed; this page reloads by itself.</p>\n\
         <pre>{}</pre>\n</main>\n</body>\n</html>\n",
        escape(text)
    )
    .into_bytes()
}

/// Escapes text for HTML content and attributes.
fn escape(text: &str) -> String {
    crate::charts::xml_escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route_of(head: &str) -> Route {
        route(&parse(head).expect("a request"), 8123)
    }

    #[test]
    fn only_the_page_and_its_events_are_served() {
        assert_eq!(route_of("GET / HTTP/1.1\r\nHost: 127.0.0.1:8123"), Route::Page);
        assert_eq!(route_of("HEAD /?x=1 HTTP/1.1\r\nhost: localhost:8123"), Route::Page);
        assert_eq!(
            route_of("GET /events?since=7 HTTP/1.1\r\nHost: 127.0.0.1:8123"),
            Route::Events { since: Some(7) }
        );
        assert_eq!(route_of("GET /events HTTP/1.1\r\nHost: 127.0.0.1:8123"), Route::Events { since: None });
        for target in ["/index.html", "/../etc/passwd", "/events/x", "//", "*"] {
            let head = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:8123");
            assert_eq!(route_of(&head), Route::Refused(Status::NotFound), "{target}");
        }
        assert_eq!(route_of("POST / HTTP/1.1\r\nHost: 127.0.0.1:8123"), Route::Refused(Status::NotAllowed));
    }

    #[test]
    fn a_request_for_another_host_is_refused() {
        // DNS rebinding: a site whose name resolves to 127.0.0.1 sends its own name.
        for host in ["evil.example:8123", "127.0.0.1:9999", "127.0.0.1", "localhost.evil.example:8123", ""] {
            let head = format!("GET / HTTP/1.1\r\nHost: {host}");
            assert_eq!(route_of(&head), Route::Refused(Status::WrongHost), "{host}");
        }
        assert_eq!(route_of("GET / HTTP/1.0"), Route::Refused(Status::WrongHost));
        assert!(parse("GET / HTTP/1.1\r\nHost: 127.0.0.1:8123\r\nHost: evil.example:8123").is_none());
    }

    #[test]
    fn malformed_requests_are_not_parsed() {
        for head in [
            "",
            "GET",
            "GET /",
            "GET / SPDY/3",
            "GET  / HTTP/1.1",
            "GET / HTTP/1.1 x",
            "GET / HTTP/1.1\r\nno colon",
        ] {
            assert!(parse(head).is_none(), "{head:?}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end_and_the_policy_allows_only_it() {
        let page = b"<html><body><p>`</body>` in text</p></BODY></html>";
        let served = String::from_utf8(with_reload(page, 3, "abc123")).expect("UTF-8");
        assert!(
            served.ends_with(
                "</p><script nonce=\"abc123\">new EventSource(\"/events?since=3\").onmessage = function () { location.reload(); };</script>\n</BODY></html>"
            ),
            "{served}"
        );
        let policy = policy("abc123");
        assert!(
            policy.contains("default-src 'none'") && policy.contains("script-src 'nonce-abc123';"),
            "{policy}"
        );
        assert!(
            !policy.contains("unsafe-eval") && !policy.contains("script-src 'unsafe-inline'"),
            "{policy}"
        );
        let bare = String::from_utf8(with_reload(b"no body", 1, "n")).expect("UTF-8");
        assert!(bare.starts_with("no body<script nonce=\"n\">") && bare.ends_with("</script>\n"), "{bare}");
    }

    #[test]
    fn nonces_differ_and_are_long() {
        let (a, b) = (nonce(), nonce());
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn the_problem_page_escapes_the_diagnostics() {
        let page =
            String::from_utf8(problem_page("a<b> cannot be shown", "x.yaml:1:2: error: `<script>` & \"q\""))
                .expect("UTF-8");
        assert!(page.contains("<h1>a&lt;b&gt; cannot be shown</h1>"), "{page}");
        assert!(page.contains("x.yaml:1:2: error: `&lt;script&gt;` &amp; &quot;q&quot;"), "{page}");
        assert!(!page.contains("<script"), "{page}");
    }

    #[test]
    fn publishing_the_same_page_changes_nothing() {
        let live = Live::new(b"one".to_vec());
        assert_eq!(live.current().0, 1);
        assert!(!live.publish(b"one".to_vec()));
        assert!(live.publish(b"two".to_vec()));
        assert_eq!(live.current(), (2, Arc::new(b"two".to_vec())));
    }
}
