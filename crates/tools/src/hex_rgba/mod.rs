//! `hex-rgba-converter`: read any CSS colour, answer in hex, hex8, rgba and hsl forms.

mod color;
mod functional;
mod named;
mod number;
mod parse;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::error::{ensure_text_size, ToolError};
pub use color::{Color, Hsl};
pub use parse::{parse_color, ACCEPTED_FORMS};

/// The fields of [`Input`], as named in JSON.
pub const FIELDS: &[&str] = &["color"];

/// A request: one CSS colour.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = HexRgbaInput))]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Input {
    /// Any CSS colour: `#rgb`, `#rrggbbaa`, `rgb()`, `hsl()`, a name, `transparent`.
    pub color: String,
}

/// The colour in every form.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = HexRgbaOutput))]
#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Output {
    /// `#rrggbb`, lower case; alpha dropped.
    pub hex: String,
    /// `#rrggbbaa`, lower case.
    pub hex8: String,
    pub rgba: Rgba,
    pub css: CssForms,
}

/// Channels rounded to integers; alpha in 0–1 rounded to 3 decimals.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, PartialEq, Serialize)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f64,
}

/// CSS text for the colour; HSL numbers have at most one decimal.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, PartialEq, Serialize)]
pub struct CssForms {
    pub rgb: String,
    pub rgba: String,
    pub hsl: String,
    pub hsla: String,
}

/// Parses the colour and writes it in every form.
pub fn run(input: Input) -> Result<Output, ToolError> {
    ensure_text_size("color", &input.color)?;
    let color = parse_color(&input.color).ok_or_else(|| unparsable(&input.color))?;
    Ok(describe(color))
}

fn unparsable(text: &str) -> ToolError {
    let shown = text.trim();
    let message = match shown.chars().count() {
        0 => format!("the colour is empty; {ACCEPTED_FORMS}"),
        1..=64 => format!("'{shown}' is not a colour; {ACCEPTED_FORMS}"),
        _ => format!("not a colour; {ACCEPTED_FORMS}"),
    };
    ToolError::invalid("color", message)
}

/// Writes `color` in every form.
pub fn describe(color: Color) -> Output {
    let [r, g, b] = [color.red, color.green, color.blue].map(|c| c.round() as u8);
    let a = round_to(color.alpha, 3);
    let alpha_byte = (color.alpha * 255.0).round() as u8;
    let hsl = color.to_hsl();
    // Rounding may give 360.0, which is hue 0 written differently.
    let hue = round_to(hsl.hue, 1) % 360.0;
    let (saturation, lightness) = (round_to(hsl.saturation, 1), round_to(hsl.lightness, 1));
    Output {
        hex: format!("#{r:02x}{g:02x}{b:02x}"),
        hex8: format!("#{r:02x}{g:02x}{b:02x}{alpha_byte:02x}"),
        rgba: Rgba { r, g, b, a },
        css: CssForms {
            rgb: format!("rgb({r}, {g}, {b})"),
            rgba: format!("rgba({r}, {g}, {b}, {a})"),
            hsl: format!("hsl({hue}, {saturation}%, {lightness}%)"),
            hsla: format!("hsla({hue}, {saturation}%, {lightness}%, {a})"),
        },
    }
}

/// Rounds to `decimals` places; `-0` becomes `0` so it never prints as "-0".
fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale + 0.0
}
