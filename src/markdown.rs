//! The one place Markdown is configured and made safe.
//!
//! Narrative text (the summary, engagement notes, descriptions) is written by
//! users and may come from anyone: it is rendered with pulldown-cmark and the
//! HTML is then cleaned with ammonia, which keeps only formatting tags and
//! safe links, so nothing in a report can run.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Options, Parser};

/// The Markdown dialect of narrative text: CommonMark with tables and strikethrough.
pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let tags: HashSet<&str> = [
            "p",
            "br",
            "em",
            "strong",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "h3",
            "h4",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "hr",
        ]
        .into_iter()
        .collect();
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(tags)
            .add_tag_attributes("a", ["href"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer nofollow"))
            .strip_comments(true);
        builder
    })
}

/// Markdown → safe HTML. Headings are demoted to `h3`/`h4` so that narrative
/// never breaks the report's outline.
pub fn to_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() * 2);
    let events = parser(text).map(|event| match event {
        pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { level, id, classes, attrs }) => {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            })
        }
        pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Heading(demote(level)))
        }
        // Raw HTML in Markdown is shown as text, never passed through.
        pulldown_cmark::Event::Html(raw) | pulldown_cmark::Event::InlineHtml(raw) => {
            pulldown_cmark::Event::Text(raw)
        }
        other => other,
    });
    pulldown_cmark::html::push_html(&mut html, events);
    cleaner().clean(&html).to_string()
}

/// Markdown → safe HTML for a table cell or a line: one paragraph loses its `<p>`.
pub fn to_inline_html(text: &str) -> String {
    let html = to_html(text);
    let trimmed = html.trim();
    match trimmed.strip_prefix("<p>").and_then(|t| t.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => trimmed.to_owned(),
    }
}

fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::{H1, H2, H3, H4};
    match level {
        H1 | H2 | H3 => H3,
        _ => H4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives_and_active_content_does_not() {
        let html = to_html("**bold** and [a link](https://example.org)\n\n<script>alert(1)</script>");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains(r#"href="https://example.org""#));
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "raw HTML is shown as text: {html}");
        // The link loses its href; the would-be image stays inert text (tests/it/html.rs
        // parses whole reports to check no attribute is an event handler).
        let js = to_html("[x](javascript:alert(1)) ![i](x\" onerror=\"alert(1))");
        assert!(!js.contains("javascript:") && !js.contains("<img"), "{js}");
        assert!(js.contains("<a rel=\"noopener noreferrer nofollow\">x</a>"), "{js}");
    }

    #[test]
    fn headings_are_demoted_and_single_paragraphs_inlined() {
        assert!(to_html("# Big").contains("<h3>Big</h3>"));
        assert_eq!(to_inline_html("*one* line"), "<em>one</em> line");
    }
}
