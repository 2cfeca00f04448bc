//! The card's colours: background gradient, accent, and text colours that contrast with
//! the background whatever the caller chose.

use tiny_skia::Color;

use crate::hex_rgba::Color as CssColor;

/// Light or dark defaults.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = OgTheme))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub [f32; 3]);

/// Every colour the card uses.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub background: Rgb,
    pub gradient_end: Rgb,
    pub accent: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
}

impl Theme {
    fn background(self) -> Rgb {
        match self {
            Self::Light => Rgb([255.0, 255.0, 255.0]),
            Self::Dark => Rgb([15.0, 23.0, 42.0]),
        }
    }

    fn accent(self) -> Rgb {
        match self {
            Self::Light => Rgb([37.0, 99.0, 235.0]),
            Self::Dark => Rgb([56.0, 189.0, 248.0]),
        }
    }
}

impl Palette {
    /// The palette for `theme`, with the caller's background and accent if given.
    pub fn new(theme: Theme, background: Option<CssColor>, accent: Option<CssColor>) -> Self {
        let base = theme.background();
        let background = background.map_or(base, |c| Rgb::over(c, base));
        let accent = accent.map_or(theme.accent(), |c| Rgb::over(c, background));
        let dark_background = background.luminance() < 0.4;
        let (text, muted) = match dark_background {
            true => (Rgb([248.0, 250.0, 252.0]), Rgb([203.0, 213.0, 225.0])),
            false => (Rgb([15.0, 23.0, 42.0]), Rgb([71.0, 85.0, 105.0])),
        };
        Self { background, gradient_end: background.mix(accent, 0.22), accent, text, muted }
    }
}

impl Rgb {
    /// `color` composited over `base` (a translucent colour shows the base through).
    fn over(color: CssColor, base: Rgb) -> Self {
        let alpha = color.alpha as f32;
        Rgb([color.red as f32, color.green as f32, color.blue as f32]).mix(base, 1.0 - alpha)
    }

    /// `self` moved toward `other` by `amount` (0–1).
    pub fn mix(self, other: Rgb, amount: f32) -> Self {
        let [a, b] = [self.0, other.0];
        Rgb([0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * amount))
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f32 {
        let linear = |c: f32| {
            let c = c / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0.map(linear);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The colour for drawing.
    pub fn to_skia(self) -> Color {
        let [r, g, b, a] = self.to_rgba8();
        Color::from_rgba8(r, g, b, a)
    }

    /// Opaque RGBA bytes.
    pub fn to_rgba8(self) -> [u8; 4] {
        let [r, g, b] = self.0.map(|c| c.round().clamp(0.0, 255.0) as u8);
        [r, g, b, 255]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hex_rgba::parse_color;

    #[test]
    fn text_contrasts_with_any_background() {
        let dark = Palette::new(Theme::Light, parse_color("#101010"), None);
        assert!(dark.text.luminance() > 0.8);
        let light = Palette::new(Theme::Dark, parse_color("lightyellow"), None);
        assert!(light.text.luminance() < 0.1);
    }

    #[test]
    fn translucent_colours_show_the_theme_through() {
        let palette = Palette::new(Theme::Dark, parse_color("transparent"), None);
        assert_eq!(palette.background, Theme::Dark.background());
    }
}
