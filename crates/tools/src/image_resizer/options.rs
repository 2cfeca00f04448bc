//! The resizer's options, as received (JSON or form fields) and as validated.

use serde::Deserialize;

use super::MAX_SIDE;
use crate::error::ToolError;
use crate::hex_rgba::{parse_color, Color, ACCEPTED_FORMS};
use crate::WHOLE_INPUT;

/// The fields of [`Fields`], as named in JSON and in forms.
pub const FIELDS: &[&str] =
    &["image", "width", "height", "fit", "position", "background", "format", "quality", "withoutEnlargement"];

/// The request's fields as sent; [`Options::try_from`] checks them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ImageResizerInput))]
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fields {
    /// The image (JPEG, PNG or WebP, at most 10 MiB and 40 megapixels), base64 or a
    /// `data:` URL. In a `multipart/form-data` request, send it as the `file` part instead
    /// and the other fields as text parts.
    pub image: Option<String>,
    /// Output width in pixels (1–8192); with only one side, the aspect ratio is kept.
    pub width: Option<u32>,
    /// Output height in pixels (1–8192).
    pub height: Option<u32>,
    /// `cover` (default), `contain`, `fill`, `inside` or `outside`, as sharp means them.
    pub fit: Option<String>,
    /// For `cover`: `centre` (default), `top`, `right top`, `left`, … (sharp's positions).
    pub position: Option<String>,
    /// For `contain`: any CSS colour (transparent where the format allows, else white).
    pub background: Option<String>,
    /// `jpeg`, `png` or `webp` (default: the input's).
    pub format: Option<String>,
    /// 1–100 (default 80), for JPEG and WebP.
    pub quality: Option<u32>,
    /// Never make the image larger than it is.
    pub without_enlargement: Option<bool>,
}

impl Fields {
    /// Sets the field `name` from its text form, as sent in a form.
    pub fn set_text(&mut self, name: &str, value: &str) -> Result<(), ToolError> {
        let value = value.trim();
        match name {
            "width" => self.width = Some(number("width", value)?),
            "height" => self.height = Some(number("height", value)?),
            "quality" => self.quality = Some(number("quality", value)?),
            "fit" => self.fit = Some(value.to_owned()),
            "position" => self.position = Some(value.to_owned()),
            "background" => self.background = Some(value.to_owned()),
            "format" => self.format = Some(value.to_owned()),
            "withoutEnlargement" => self.without_enlargement = Some(flag(value)?),
            _ => {
                let accepted = FIELDS.iter().skip(1).map(|f| format!("`{f}`")).collect::<Vec<_>>();
                let message = format!("unknown field `{name}`; accepted: `file`, {}", accepted.join(", "));
                return Err(ToolError::invalid(WHOLE_INPUT, message));
            }
        }
        Ok(())
    }
}

fn number(field: &'static str, value: &str) -> Result<u32, ToolError> {
    value.parse().map_err(|_| ToolError::invalid(field, format!("`{field}` must be a whole number")))
}

fn flag(value: &str) -> Result<bool, ToolError> {
    match value {
        "true" | "1" | "on" => Ok(true),
        "false" | "0" | "" => Ok(false),
        _ => Err(ToolError::invalid("withoutEnlargement", "`withoutEnlargement` must be true or false")),
    }
}

/// How the image fits a `width` × `height` box (sharp's meanings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    /// Fill the box, cropping what overflows.
    #[default]
    Cover,
    /// Fit inside the box, padding with the background.
    Contain,
    /// Stretch to the box, ignoring the aspect ratio.
    Fill,
    /// As large as possible within the box; no padding, so the output may be smaller.
    Inside,
    /// As small as possible while covering the box; no cropping.
    Outside,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    /// The lower-case name used in the API.
    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::Webp => "webp",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
        }
    }

    pub fn supports_alpha(self) -> bool {
        self != Self::Jpeg
    }
}

/// Where the kept region sits (cover) or the image sits on the canvas (contain): each
/// axis from 0.0 (left/top) through 0.5 (centre) to 1.0 (right/bottom).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gravity {
    pub x: f64,
    pub y: f64,
}

impl Default for Gravity {
    fn default() -> Self {
        Self { x: 0.5, y: 0.5 }
    }
}

/// Validated options.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub fit: Fit,
    pub position: Gravity,
    /// The padding colour for `contain`, and the matte for alpha in JPEG output.
    pub background: Option<Color>,
    /// `None`: the input's format.
    pub format: Option<Format>,
    /// 1–100, for JPEG and WebP.
    pub quality: u8,
    pub without_enlargement: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            width: None,
            height: None,
            fit: Fit::Cover,
            position: Gravity::default(),
            background: None,
            format: None,
            quality: 80,
            without_enlargement: false,
        }
    }
}

impl TryFrom<&Fields> for Options {
    type Error = ToolError;

    fn try_from(fields: &Fields) -> Result<Self, ToolError> {
        let quality = match fields.quality {
            None => 80,
            Some(q @ 1..=100) => q as u8,
            Some(_) => return Err(ToolError::invalid("quality", "`quality` must be between 1 and 100")),
        };
        Ok(Self {
            width: side("width", fields.width)?,
            height: side("height", fields.height)?,
            fit: fields.fit.as_deref().map(parse_fit).transpose()?.unwrap_or_default(),
            position: fields.position.as_deref().map(parse_gravity).transpose()?.unwrap_or_default(),
            background: fields.background.as_deref().map(parse_background).transpose()?,
            format: fields.format.as_deref().map(parse_format).transpose()?,
            quality,
            without_enlargement: fields.without_enlargement.unwrap_or(false),
        })
    }
}

impl Options {
    /// The opaque-or-not background in 8-bit RGBA for output in `format`: the given
    /// colour (blended over white when `format` has no alpha), else transparent, else white.
    pub fn background_for(&self, format: Format) -> [u8; 4] {
        let color = self.background.unwrap_or(Color::from_rgb(0.0, 0.0, 0.0, 0.0));
        let alpha = if format.supports_alpha() { color.alpha } else { 1.0 };
        let over_white = |c: f64| c * color.alpha + 255.0 * (1.0 - color.alpha);
        let channel = |c: f64| if format.supports_alpha() { c } else { over_white(c) };
        [channel(color.red), channel(color.green), channel(color.blue), alpha * 255.0]
            .map(|c| c.round().clamp(0.0, 255.0) as u8)
    }
}

fn side(field: &'static str, value: Option<u32>) -> Result<Option<u32>, ToolError> {
    match value {
        Some(0) => Err(ToolError::invalid(field, format!("`{field}` must be at least 1"))),
        Some(v) if v > MAX_SIDE => {
            Err(ToolError::invalid(field, format!("`{field}` must be at most {MAX_SIDE}")))
        }
        other => Ok(other),
    }
}

fn parse_fit(text: &str) -> Result<Fit, ToolError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "cover" => Ok(Fit::Cover),
        "contain" => Ok(Fit::Contain),
        "fill" => Ok(Fit::Fill),
        "inside" => Ok(Fit::Inside),
        "outside" => Ok(Fit::Outside),
        _ => Err(ToolError::invalid("fit", "`fit` must be one of cover, contain, fill, inside, outside")),
    }
}

fn parse_format(text: &str) -> Result<Format, ToolError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "jpeg" | "jpg" => Ok(Format::Jpeg),
        "png" => Ok(Format::Png),
        "webp" => Ok(Format::Webp),
        _ => Err(ToolError::invalid("format", "`format` must be one of jpeg, png, webp")),
    }
}

fn parse_background(text: &str) -> Result<Color, ToolError> {
    parse_color(text).ok_or_else(|| {
        ToolError::invalid("background", format!("`background` is not a colour; {ACCEPTED_FORMS}"))
    })
}

/// Reads sharp's positions: `centre`, `top`, `right top`, `northeast`, … (also with `-`).
fn parse_gravity(text: &str) -> Result<Gravity, ToolError> {
    let text = text.trim().to_ascii_lowercase().replace('-', " ");
    let compass = match text.as_str() {
        "north" => Some("top"),
        "northeast" => Some("right top"),
        "east" => Some("right"),
        "southeast" => Some("right bottom"),
        "south" => Some("bottom"),
        "southwest" => Some("left bottom"),
        "west" => Some("left"),
        "northwest" => Some("left top"),
        _ => None,
    };
    let mut gravity = Gravity::default();
    let (mut horizontal, mut vertical) = (false, false);
    for word in compass.unwrap_or(&text).split_whitespace() {
        let (axis, value, seen) = match word {
            "left" => (&mut gravity.x, 0.0, &mut horizontal),
            "right" => (&mut gravity.x, 1.0, &mut horizontal),
            "top" => (&mut gravity.y, 0.0, &mut vertical),
            "bottom" => (&mut gravity.y, 1.0, &mut vertical),
            "center" | "centre" if compass.is_none() && text.split_whitespace().count() == 1 => continue,
            _ => return Err(bad_position()),
        };
        if *seen {
            return Err(bad_position());
        }
        (*axis, *seen) = (value, true);
    }
    if !(horizontal || vertical || matches!(text.as_str(), "center" | "centre")) {
        return Err(bad_position());
    }
    Ok(gravity)
}

fn bad_position() -> ToolError {
    ToolError::invalid(
        "position",
        "`position` must be centre, top, bottom, left, right, a corner such as `right top`, or a compass point such as `northeast`",
    )
}
