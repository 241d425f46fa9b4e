//! Colours and their contrast (WCAG 2.1): the accent colour of a theme and
//! the palette of charts must stay readable on white.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Contrast needed for normal text (WCAG 2.1 AA, 1.4.3).
pub const TEXT_CONTRAST: f64 = 4.5;

impl Rgb {
    /// White.
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    /// Parses `#rrggbb` or `#rgb`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.1 definition).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Contrast ratio with `other`, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The darkest background reports put text on (panels and table stripes).
    pub const PANEL: Rgb = Rgb(0xf5, 0xf5, 0xf5);

    /// This colour, darkened just enough to reach `ratio` against every
    /// background a report uses (white and [`Rgb::PANEL`]).
    pub fn darkened_for_contrast(self, ratio: f64) -> Rgb {
        let mut colour = self;
        let mut step = 0u8;
        while colour.contrast(Rgb::PANEL) < ratio && step < 100 {
            step += 1;
            let keep = 1.0 - f64::from(step) / 100.0;
            let scale = |c: u8| (f64::from(c) * keep).round() as u8;
            colour = Rgb(scale(self.0), scale(self.1), scale(self.2));
        }
        colour
    }
}

/// The default accent: a blue with 7:1 contrast on white.
pub const DEFAULT_ACCENT: Rgb = Rgb(0x1d, 0x4f, 0x91);

/// Chart colours, each at least 3:1 against white (WCAG 1.4.11) and told
/// apart by people with the common colour-vision deficiencies; charts also
/// label or tabulate every value, so colour never carries meaning alone.
pub const PALETTE: [Rgb; 8] = [
    Rgb(0x1d, 0x4f, 0x91),
    Rgb(0xb3, 0x58, 0x06),
    Rgb(0x1b, 0x78, 0x37),
    Rgb(0x76, 0x2a, 0x83),
    Rgb(0x9e, 0x2a, 0x5c),
    Rgb(0x4d, 0x4d, 0x4d),
    Rgb(0x01, 0x66, 0x5e),
    Rgb(0x8c, 0x51, 0x0a),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        // Black on white is 21:1; #767676 on white is the classic 4.54:1.
        assert!((Rgb(0, 0, 0).contrast(Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((Rgb(0x76, 0x76, 0x76).contrast(Rgb::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn palette_and_default_accent_are_readable_on_white() {
        assert!(DEFAULT_ACCENT.contrast(Rgb::PANEL) >= TEXT_CONTRAST);
        for colour in PALETTE {
            assert!(colour.contrast(Rgb::WHITE) >= 3.0, "{}", colour.hex());
        }
    }

    #[test]
    fn a_pale_accent_is_darkened_to_reach_aa() {
        let yellow = Rgb::parse("#ffcc00").expect("valid");
        let dark = yellow.darkened_for_contrast(TEXT_CONTRAST);
        assert!(dark.contrast(Rgb::WHITE) >= TEXT_CONTRAST);
        assert!(dark.contrast(Rgb::PANEL) >= TEXT_CONTRAST);
        assert_eq!(
            DEFAULT_ACCENT.darkened_for_contrast(TEXT_CONTRAST),
            DEFAULT_ACCENT,
            "already dark enough"
        );
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("blue"), None);
    }
}
