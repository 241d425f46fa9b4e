//! Writes the pages [`Layout`](super::layout::Layout) set as a tagged
//! PDF/UA-1 document with krilla (SPEC §9): every run of marked content is a
//! leaf of the structure tree, artifacts are marked as such, headings are
//! bookmarked, and the document carries its title (shown as the window's
//! title), language, author and dates in both the document information and
//! the XMP metadata. krilla checks the PDF/UA-1 rules it can as it exports
//! (alternative text, header scopes, glyphs mapped to Unicode…) and refuses
//! to write a file that breaks them.

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point, Rect, Size};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use super::layout::{Artifact, Child, Mark, PAGE_H, PAGE_W, Pages, Paint, Role, Segment};
use super::{About, PdfError};
use crate::charts::{Face, glyph_run};
use crate::colour::Rgb;

fn colour(c: Rgb) -> krilla::paint::Paint {
    rgb::Color::new(c.0, c.1, c.2).into()
}

fn fill(c: Rgb) -> Fill {
    Fill { paint: colour(c), opacity: NormalizedF32::ONE, rule: Default::default() }
}

fn path(segments: &[Segment]) -> Option<Path> {
    let mut b = PathBuilder::new();
    for s in segments {
        match *s {
            Segment::Move(x, y) => b.move_to(x, y),
            Segment::Line(x, y) => b.line_to(x, y),
            Segment::Cubic(x1, y1, x2, y2, x, y) => b.cubic_to(x1, y1, x2, y2, x, y),
            Segment::Close => b.close(),
        }
    }
    b.finish()
}

fn artifact_type(kind: Artifact) -> ArtifactType {
    match kind {
        Artifact::Header => ArtifactType::Header,
        Artifact::Footer => ArtifactType::Footer,
        Artifact::PageNumber => ArtifactType::PageNumber,
        Artifact::Layout => ArtifactType::Layout,
        Artifact::Pagination => ArtifactType::PaginationOther,
    }
}

/// The date as PDF and XMP write it, from seconds since 1970 (UTC).
fn date_time(timestamp: i64) -> DateTime {
    let date = crate::model::Date::from_day_number(timestamp.div_euclid(86_400));
    let seconds = timestamp.rem_euclid(86_400);
    let clamp = |v: i64, hi: i64| v.clamp(0, hi) as u8;
    DateTime::new(date.year.clamp(0, 9999) as u16)
        .month(date.month)
        .day(date.day)
        .hour(clamp(seconds / 3600, 23))
        .minute(clamp(seconds / 60 % 60, 59))
        .second(clamp(seconds % 60, 59))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The three faces, as krilla fonts.
fn fonts() -> Result<[Font; 3], PdfError> {
    let load = |face: Face| {
        Font::new(face.bytes().into(), 0).ok_or_else(|| PdfError::Font(format!("{face:?} does not parse")))
    };
    Ok([load(Face::Regular)?, load(Face::Bold)?, load(Face::Italic)?])
}

/// Paints one piece on the surface.
fn paint(surface: &mut Surface<'_>, fonts: &[Font; 3], logo: Option<&Image>, piece: &Paint) {
    match piece {
        Paint::Text { x, baseline, text, face, size, colour: c } => {
            let glyphs: Vec<KrillaGlyph> = glyph_run(text, *face)
                .into_iter()
                .map(|g| {
                    KrillaGlyph::new(GlyphId::new(u32::from(g.id)), g.advance, 0.0, 0.0, 0.0, g.text, None)
                })
                .collect();
            if glyphs.is_empty() {
                return;
            }
            surface.set_fill(Some(fill(*c)));
            surface.set_stroke(None);
            surface.draw_glyphs(
                Point::from_xy(*x, *baseline),
                &glyphs,
                fonts[face.index()].clone(),
                text,
                *size,
                false,
            );
        }
        Paint::Fill(segments, c) => {
            if let Some(p) = path(segments) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*c)));
                surface.draw_path(&p);
            }
        }
        Paint::Stroke(segments, c, width) => {
            if let Some(p) = path(segments) {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { paint: colour(*c), width: *width, ..Stroke::default() }));
                surface.draw_path(&p);
            }
        }
        Paint::Image(x, y, w, h) => {
            if let (Some(image), Some(size)) = (logo, Size::from_wh(*w, *h)) {
                surface.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
    }
}

/// The structure node `index` as a krilla tag group, its runs of content
/// and annotations resolved to their identifiers.
fn group(
    pages: &Pages,
    index: usize,
    runs: &mut [Option<Identifier>],
    annotations: &mut [Option<Identifier>],
) -> Option<TagGroup> {
    let node = &pages.nodes[index];
    let tag: TagKind = match &node.role {
        Role::Document => return None,
        Role::Heading(level, title) => {
            let level = std::num::NonZeroU16::new(*level).unwrap_or(std::num::NonZeroU16::MIN);
            Tag::Hn(level, Some(title.clone())).into()
        }
        Role::P => Tag::P.into(),
        Role::L => Tag::L(ListNumbering::None).into(),
        Role::LI => Tag::LI.into(),
        Role::Lbl => Tag::Lbl.into(),
        Role::LBody => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::Caption => Tag::Caption.into(),
        Role::TR => Tag::TR.into(),
        Role::TH => Tag::TH(TableHeaderScope::Column).into(),
        Role::TD => Tag::TD.into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Role::Link => Tag::Link.into(),
    };
    let children = children(pages, index, runs, annotations);
    (!children.is_empty()).then(|| TagGroup::with_children(tag, children))
}

/// The children of structure node `index`, in reading order, as krilla's
/// tree holds them: groups for nodes (those left empty dropped), and the
/// identifiers of its runs of content and annotations.
fn children(
    pages: &Pages,
    index: usize,
    runs: &mut [Option<Identifier>],
    annotations: &mut [Option<Identifier>],
) -> Vec<krilla::tagging::Node> {
    let mut out = Vec::new();
    for child in &pages.nodes[index].children {
        match *child {
            Child::Node(n) => out.extend(group(pages, n, runs, annotations).map(Into::into)),
            Child::Content(run) => out.extend(runs.get_mut(run).and_then(Option::take).map(Into::into)),
            Child::Annotation(a) => out.extend(annotations.get_mut(a).and_then(Option::take).map(Into::into)),
        }
    }
    out
}

/// The bookmarks: a section (level 2) at the top, its parts (level 3) inside it.
fn outline(pages: &Pages) -> Outline {
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    let node = |b: &super::layout::Bookmark| {
        OutlineNode::new(b.title.clone(), XyzDestination::new(b.page, Point::from_xy(0.0, b.y)))
    };
    for b in &pages.bookmarks {
        if b.level <= 2 {
            if let Some(done) = section.take() {
                outline.push_child(done);
            }
            section = Some(node(b));
        } else if let Some(open) = section.as_mut() {
            open.push_child(node(b));
        } else {
            outline.push_child(node(b));
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

/// The document: `pages` as tagged PDF/UA-1, described by `about`, with
/// `logo` (already decoded) wherever the layout placed the image. Each
/// page's painting is let go once it is drawn (a long document's pages are
/// most of what its layout holds).
pub(crate) fn document(
    pages: &mut Pages,
    about: &About<'_>,
    logo: Option<&Image>,
) -> Result<Vec<u8>, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::Invalid(format!("{e:?}")))?;
    let settings = SerializeSettings { configuration, enable_tagging: true, ..SerializeSettings::default() };
    let mut document = Document::new_with(settings);
    let fonts = fonts()?;
    let mut runs: Vec<Option<Identifier>> = vec![None; pages.runs];
    let mut annotations: Vec<Option<Identifier>> = vec![None; pages.links.len()];
    let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| PdfError::Invalid("page size".into()))?;
    for (index, pieces) in std::mem::take(&mut pages.pages).into_iter().enumerate() {
        let mut page = document.start_page_with(size.clone());
        {
            let mut surface = page.surface();
            let mut open: Option<Mark> = None;
            for (mark, piece) in &pieces {
                if open != Some(*mark) {
                    if open.is_some() {
                        surface.end_tagged();
                    }
                    match mark {
                        Mark::Artifact(kind) => {
                            let artifact = krilla::tagging::Artifact::with_kind(artifact_type(*kind));
                            surface.start_tagged(ContentTag::Artifact(artifact));
                        }
                        Mark::Content(run) => {
                            let tag = if matches!(piece, Paint::Text { .. }) {
                                ContentTag::Span(SpanTag::empty())
                            } else {
                                ContentTag::Other
                            };
                            let id = surface.start_tagged(tag);
                            if let Some(slot) = runs.get_mut(*run) {
                                *slot = Some(id);
                            }
                        }
                    }
                    open = Some(*mark);
                }
                paint(&mut surface, &fonts, logo, piece);
            }
            if open.is_some() {
                surface.end_tagged();
            }
            surface.finish();
        }
        for (i, link) in pages.links.iter().enumerate().filter(|(_, l)| l.page == index) {
            let (x, y, w, h) = link.rect;
            let Some(rect) = Rect::from_xywh(x, y, w.max(1.0), h.max(1.0)) else { continue };
            let target = Target::Action(Action::Link(LinkAction::new(link.url.clone())));
            let annotation = Annotation::new_link(LinkAnnotation::new(rect, target), Some(link.url.clone()));
            annotations[i] = Some(page.add_tagged_annotation(annotation));
        }
        page.finish();
    }
    let mut tree = TagTree::new().with_lang(Some(about.lang.to_owned()));
    for child in children(pages, 0, &mut runs, &mut annotations) {
        tree.push(child);
    }
    document.set_tag_tree(tree);
    document.set_outline(outline(pages));
    let when = date_time(about.timestamp);
    let mut metadata = Metadata::new()
        .title(about.title.to_owned())
        .description(about.subject.clone())
        .keywords(vec!["SROI".into(), "social value".into(), "impact".into()])
        .language(about.lang.to_owned())
        .creator(about.generator.to_owned())
        .producer(about.generator.to_owned())
        .creation_date(when);
    if let Some(author) = about.author.filter(|a| !a.trim().is_empty()) {
        metadata = metadata.authors(vec![author.to_owned()]);
    }
    document.set_metadata(metadata);
    document.finish().map_err(|e| PdfError::Invalid(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil_dates_in_utc() {
        // 2026-01-01T00:00:00Z and 2024-02-29T12:34:56Z.
        let a = format!("{:?}", date_time(1_767_225_600));
        assert!(
            a.contains("year: 2026") && a.contains("month: Some(1)") && a.contains("day: Some(1)"),
            "{a}"
        );
        let b = format!("{:?}", date_time(1_709_210_096));
        assert!(
            b.contains("year: 2024") && b.contains("month: Some(2)") && b.contains("day: Some(29)"),
            "{b}"
        );
        assert!(
            b.contains("hour: Some(12)") && b.contains("minute: Some(34)") && b.contains("second: Some(56)"),
            "{b}"
        );
    }
}
