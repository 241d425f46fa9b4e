//! Narrative Markdown set as PDF text: paragraphs, bold and italic, lists,
//! quotations and links. Parsed by [`crate::markdown::parser`], the same
//! configuration as the HTML report; raw HTML is kept as text, and only
//! `http`, `https` and `mailto` links become links.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::layout::{INK, Span};
use crate::charts::Face;
use crate::colour::Rgb;

/// A block of narrative.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// A heading within the narrative.
    Heading(Vec<Span>),
    /// A list item: its marker ("•" or "3."), nesting depth and text.
    Item(String, usize, Vec<Span>),
    /// A quotation.
    Quote(Vec<Span>),
}

fn safe_link(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|p| lower.starts_with(p)).then(|| url.trim().to_owned())
}

/// The blocks of `text`; links are set in `link_colour`.
pub fn blocks(text: &str, link_colour: Rgb) -> Vec<Block> {
    let mut out = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic, mut quote, mut heading) = (0, 0, 0, false);
    let mut links: Vec<Option<String>> = Vec::new();
    // Each open list: its next number, or None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut item: Option<String> = None;
    let flush = |spans: &mut Vec<Span>,
                 out: &mut Vec<Block>,
                 item: &mut Option<String>,
                 depth: usize,
                 quote: usize,
                 heading: bool| {
        if spans.iter().all(|s| s.text.trim().is_empty()) {
            spans.clear();
            return;
        }
        let taken = std::mem::take(spans);
        out.push(match item.take() {
            Some(marker) => Block::Item(marker, depth, taken),
            None if heading => Block::Heading(taken),
            None if quote > 0 => Block::Quote(taken),
            None => Block::Paragraph(taken),
        });
    };
    for event in crate::markdown::parser(text) {
        match event {
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold -= 1,
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => links.push(safe_link(&dest_url)),
            Event::End(TagEnd::Link) => {
                links.pop();
            }
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote -= 1,
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut spans, &mut out, &mut item, lists.len(), quote, heading);
                heading = false;
            }
            Event::Start(Tag::List(first)) => lists.push(first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut spans, &mut out, &mut item, lists.len(), quote, heading);
                item = Some(match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "•".to_owned(),
                });
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::TableRow) => {
                flush(&mut spans, &mut out, &mut item, lists.len(), quote, heading);
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let face = if bold > 0 || heading {
                    Face::Bold
                } else if italic > 0 {
                    Face::Italic
                } else {
                    Face::Regular
                };
                let link = links.iter().rev().find_map(Clone::clone);
                let colour = if link.is_some() { link_colour } else { INK };
                spans.push(Span { text: t.to_string(), face, colour, link });
            }
            Event::SoftBreak | Event::HardBreak => spans.push(Span::new(" ", Face::Regular)),
            Event::End(TagEnd::TableCell) => spans.push(Span::new("  ", Face::Regular)),
            _ => {}
        }
    }
    flush(&mut spans, &mut out, &mut item, lists.len(), quote, heading);
    out
}

/// All of `text` as one run of spans, for a table cell.
pub fn inline(text: &str, link_colour: Rgb) -> Vec<Span> {
    let mut spans = Vec::new();
    for (i, block) in blocks(text, link_colour).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::new("\n", Face::Regular));
        }
        match block {
            Block::Item(marker, _, s) => {
                spans.push(Span::new(format!("{marker} "), Face::Regular));
                spans.extend(s);
            }
            Block::Paragraph(s) | Block::Heading(s) | Block::Quote(s) => spans.extend(s),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: Rgb = Rgb(0, 0, 200);

    #[test]
    fn styles_lists_and_safe_links() {
        let text = "Some **bold** and *italic* with [a link](https://example.org) and [bad](javascript:alert(1)).\n\n- one\n- two\n\n1. first\n2. second\n\n<script>x</script>";
        let blocks = blocks(text, LINK);
        let Block::Paragraph(first) = &blocks[0] else { panic!("{blocks:?}") };
        assert!(first.iter().any(|s| s.text == "bold" && s.face == Face::Bold));
        assert!(first.iter().any(|s| s.text == "italic" && s.face == Face::Italic));
        assert!(first.iter().any(|s| s.text == "a link" && s.link.as_deref() == Some("https://example.org")));
        assert!(first.iter().any(|s| s.text == "bad" && s.link.is_none()), "no javascript: link");
        assert_eq!(blocks[1], Block::Item("•".into(), 1, vec![Span::new("one", Face::Regular)]));
        assert_eq!(blocks[4], Block::Item("2.".into(), 1, vec![Span::new("second", Face::Regular)]));
        assert!(
            matches!(&blocks[5], Block::Paragraph(s) if s.iter().any(|s| s.text.contains("<script>"))),
            "raw HTML is text"
        );
    }
}
