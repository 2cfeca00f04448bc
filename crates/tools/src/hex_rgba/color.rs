//! An sRGB colour with alpha, and its HSL form.

/// An sRGB colour: channels in `0.0..=255.0`, alpha in `0.0..=1.0`, kept unrounded
/// so that HSL input comes back out as the same HSL.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    pub red: f64,
    pub green: f64,
    pub blue: f64,
    pub alpha: f64,
}

/// Hue in degrees `0.0..360.0`, saturation and lightness in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hsl {
    pub hue: f64,
    pub saturation: f64,
    pub lightness: f64,
}

impl Color {
    /// A colour from channels on the 0–255 scale; out-of-range values are clamped, as CSS does.
    pub fn from_rgb(red: f64, green: f64, blue: f64, alpha: f64) -> Self {
        Self {
            red: red.clamp(0.0, 255.0),
            green: green.clamp(0.0, 255.0),
            blue: blue.clamp(0.0, 255.0),
            alpha: alpha.clamp(0.0, 1.0),
        }
    }

    /// An opaque colour from `0xRRGGBB`.
    pub fn from_packed_rgb(rgb: u32) -> Self {
        let channel = |shift: u32| f64::from((rgb >> shift) & 0xff);
        Self::from_rgb(channel(16), channel(8), channel(0), 1.0)
    }

    /// A colour from HSL; the hue wraps around, saturation and lightness clamp to 0–100 %.
    pub fn from_hsl(hsl: Hsl, alpha: f64) -> Self {
        let hue = hsl.hue.rem_euclid(360.0);
        let saturation = hsl.saturation.clamp(0.0, 100.0) / 100.0;
        let lightness = hsl.lightness.clamp(0.0, 100.0) / 100.0;
        // CSS Color 4's hslToRgb: f(n) = L - a * max(-1, min(k - 3, 9 - k, 1)).
        let a = saturation * lightness.min(1.0 - lightness);
        let f = |n: f64| {
            let k = (n + hue / 30.0) % 12.0;
            (lightness - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0)) * 255.0
        };
        Self::from_rgb(f(0.0), f(8.0), f(4.0), alpha)
    }

    /// The colour in HSL; a grey has hue 0 and saturation 0.
    pub fn to_hsl(self) -> Hsl {
        let (red, green, blue) = (self.red / 255.0, self.green / 255.0, self.blue / 255.0);
        let max = red.max(green).max(blue);
        let min = red.min(green).min(blue);
        let lightness = (max + min) / 2.0;
        let chroma = max - min;
        if chroma == 0.0 {
            return Hsl { hue: 0.0, saturation: 0.0, lightness: lightness * 100.0 };
        }
        let saturation = chroma / (1.0 - (2.0 * lightness - 1.0).abs());
        let hue_sixths = if max == red {
            (green - blue) / chroma
        } else if max == green {
            (blue - red) / chroma + 2.0
        } else {
            (red - green) / chroma + 4.0
        };
        Hsl {
            hue: (hue_sixths * 60.0).rem_euclid(360.0),
            saturation: saturation * 100.0,
            lightness: lightness * 100.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rounded(color: Color) -> [i64; 3] {
        [color.red, color.green, color.blue].map(|c| c.round() as i64)
    }

    fn hsl(hue: f64, saturation: f64, lightness: f64) -> Hsl {
        Hsl { hue, saturation, lightness }
    }

    #[test]
    fn converts_hsl_to_rgb() {
        assert_eq!(rounded(Color::from_hsl(hsl(0.0, 100.0, 50.0), 1.0)), [255, 0, 0]);
        assert_eq!(rounded(Color::from_hsl(hsl(120.0, 50.0, 50.0), 1.0)), [64, 191, 64]);
        assert_eq!(rounded(Color::from_hsl(hsl(-120.0, 100.0, 50.0), 1.0)), [0, 0, 255]);
        assert_eq!(rounded(Color::from_hsl(hsl(217.0, 91.0, 60.0), 1.0)), [60, 131, 246]);
    }

    #[test]
    fn clamps_saturation_and_lightness() {
        let clamped = Color::from_hsl(hsl(120.0, 150.0, 120.0), 1.0);
        assert_eq!(rounded(clamped), [255, 255, 255]);
        let grey = Color::from_hsl(hsl(120.0, -10.0, 50.0), 1.0);
        assert_eq!(rounded(grey), [128, 128, 128]);
    }

    #[test]
    fn hsl_round_trips() {
        let original = hsl(120.0, 50.0, 50.0);
        let back = Color::from_hsl(original, 1.0).to_hsl();
        assert!((back.hue - 120.0).abs() < 1e-9);
        assert!((back.saturation - 50.0).abs() < 1e-9 && (back.lightness - 50.0).abs() < 1e-9);
    }

    #[test]
    fn grey_has_no_hue() {
        let grey = Color::from_packed_rgb(0x808080).to_hsl();
        assert_eq!((grey.hue, grey.saturation), (0.0, 0.0));
    }
}
