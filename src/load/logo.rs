//! The theme's logo (`theme: logo:`): a regular file below the analysis's
//! folder, read through [`super::named::read_named`] and its rules, of an
//! image type a report can show.

use super::named::{NamedError, folder_of, read_named};
use crate::diag::Diagnostic;
use crate::model::Image;
use crate::source::Located;

/// Largest logo embedded, in bytes.
pub const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

/// Reads the logo `logo` (as written in the analysis called `analysis_name`,
/// with its place) names, relative to the analysis's folder; or why it cannot
/// be read or shown, located at the name.
pub fn read(logo: &Located<String>, analysis_name: &str) -> Result<Image, NamedError> {
    let named = read_named(&folder_of(analysis_name), logo, "the logo", "bad-logo", MAX_LOGO_BYTES)?;
    let mime = image_type(&named.bytes).ok_or_else(|| NamedError {
        diagnostic: Diagnostic::error(
            "bad-logo",
            format!(
                "the logo `{}` is not a PNG, JPEG, GIF, WebP or SVG image",
                crate::diag::escape_controls(&logo.value)
            ),
        )
        .at(logo.loc)
        .hint("save the logo as PNG or SVG"),
        unreadable: false,
    })?;
    Ok(Image { mime, bytes: named.bytes })
}

/// The MIME type of an image, from its first bytes.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        // An SVG shown through <img> cannot run script, but it must be an SVG.
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
        head.contains("<svg").then_some("image/svg+xml")
    }
}

#[cfg(test)]
mod tests {
    use super::image_type;

    #[test]
    fn images_are_recognised_by_their_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(image_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(image_type(b"<?xml version=\"1.0\"?><svg xmlns=\"\"/>"), Some("image/svg+xml"));
        assert_eq!(image_type(b"#!/bin/sh\necho hi"), None);
    }
}
