//! The og-generator's input and its validation into a [`Card`].

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::card::Card;
use super::palette::{Palette, Theme};
use super::png_io::decode_logo;
use super::text::normalise;
use crate::error::ToolError;
use crate::hex_rgba::{parse_color, Color, ACCEPTED_FORMS};

/// The fields of [`Input`], as named in JSON.
pub const FIELDS: &[&str] = &["title", "description", "siteName", "theme", "background", "accent", "logo"];

/// Longest title, description and site name, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 400;
pub const MAX_SITE_NAME_CHARS: usize = 60;
/// Largest logo PNG, in bytes (it travels inside the signed image URL).
pub const MAX_LOGO_BYTES: usize = 3 * 1024;

/// A card request, as sent (and as carried inside a signed image URL).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = OgGeneratorInput))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Input {
    /// 1 to 200 characters; wraps and shrinks to fit.
    pub title: String,
    /// Up to 400 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Up to 60 characters.
    pub site_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Any CSS colour.
    pub background: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Any CSS colour.
    pub accent: Option<String>,
    /// A small PNG (at most 3 KiB and 512×512), base64 (a `data:image/png;base64,` prefix is allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

impl Input {
    /// Checks every field and prepares the card; errors name the field.
    pub fn prepare(&self) -> Result<Card, ToolError> {
        let title = text("title", &self.title, MAX_TITLE_CHARS)?;
        if title.is_empty() {
            return Err(ToolError::invalid("title", "`title` must contain at least one visible character"));
        }
        let optional = |field, value: &Option<String>, max| text(field, value.as_deref().unwrap_or(""), max);
        let palette = Palette::new(
            self.theme.unwrap_or_default(),
            colour("background", self.background.as_deref())?,
            colour("accent", self.accent.as_deref())?,
        );
        Ok(Card {
            title,
            description: optional("description", &self.description, MAX_DESCRIPTION_CHARS)?,
            site_name: optional("siteName", &self.site_name, MAX_SITE_NAME_CHARS)?,
            palette,
            logo: self.logo.as_deref().map(logo).transpose()?,
        })
    }
}

fn text(field: &'static str, value: &str, max_chars: usize) -> Result<String, ToolError> {
    let count = value.trim().chars().count();
    if count > max_chars {
        return Err(ToolError::invalid(
            field,
            format!("`{field}` has {count} characters; at most {max_chars} are accepted"),
        ));
    }
    Ok(normalise(value))
}

fn colour(field: &'static str, value: Option<&str>) -> Result<Option<Color>, ToolError> {
    let Some(value) = value else { return Ok(None) };
    match parse_color(value) {
        Some(color) => Ok(Some(color)),
        None if value.len() <= 64 => {
            Err(ToolError::invalid(field, format!("'{}' is not a colour; {ACCEPTED_FORMS}", value.trim())))
        }
        None => Err(ToolError::invalid(field, format!("not a colour; {ACCEPTED_FORMS}"))),
    }
}

fn logo(value: &str) -> Result<tiny_skia::Pixmap, ToolError> {
    let encoded = value.trim();
    let encoded = encoded.strip_prefix("data:image/png;base64,").unwrap_or(encoded);
    if encoded.len() > MAX_LOGO_BYTES.div_ceil(3) * 4 {
        return Err(ToolError::invalid(
            "logo",
            format!("the logo must be a PNG of at most {MAX_LOGO_BYTES} bytes"),
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| ToolError::invalid("logo", "`logo` must be a base64-encoded PNG"))?;
    decode_logo(&bytes).map_err(|problem| ToolError::invalid("logo", format!("the logo {problem}")))
}
