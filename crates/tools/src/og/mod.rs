//! `og-generator`: a 1200×630 Open Graph PNG from a title, description, site name, theme,
//! colours and an optional small logo. Text is shaped with an embedded font (Latin, Greek,
//! Cyrillic), wraps and shrinks to fit, and a character the font lacks shows as a box.

mod card;
mod draw;
pub mod fonts;
mod input;
mod layout;
mod palette;
mod png_io;
mod shape;
mod text;

#[cfg(test)]
mod tests;

pub use card::{Card, CardLayout, Placed};
pub use input::{Input, FIELDS, MAX_DESCRIPTION_CHARS, MAX_LOGO_BYTES, MAX_SITE_NAME_CHARS, MAX_TITLE_CHARS};
pub use palette::Theme;

use crate::error::ToolError;

/// The card's size in pixels.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Reads a JSON body into an [`Input`]; errors name the field.
pub fn parse(body: &[u8]) -> Result<Input, ToolError> {
    crate::parse_object(body, FIELDS)
}

impl Card {
    /// Draws the card and encodes it as PNG.
    pub fn render_png(&self) -> Vec<u8> {
        png_io::encode_opaque(&self.paint())
    }
}

/// Validates `input` and renders its PNG.
pub fn render(input: &Input) -> Result<Vec<u8>, ToolError> {
    Ok(input.prepare()?.render_png())
}
