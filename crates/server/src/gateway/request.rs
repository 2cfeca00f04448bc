//! What a tool receives: the body, read only after the call was allowed, with the
//! request's content type and preferred answer format.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};

use crate::error::{ApiError, ApiResult};

/// One tool call's input.
pub struct ToolRequest {
    pub body: Bytes,
    /// The `Content-Type` header with its media type lower-cased and its parameters
    /// (such as a multipart boundary) as sent; empty when absent.
    pub content_type: String,
    /// Whether the client asked for raw image bytes (`Accept: image/…`).
    pub wants_image: bool,
}

impl ToolRequest {
    pub fn new(headers: &HeaderMap, body: Bytes) -> Self {
        let text = |name| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
        Self {
            content_type: normalize_content_type(text(header::CONTENT_TYPE)),
            wants_image: prefers_image(text(header::ACCEPT)),
            body,
        }
    }

    /// The body as JSON text for a tool that takes JSON; an empty body is `{}`.
    pub fn json(&self) -> ApiResult<&[u8]> {
        if self.body.is_empty() {
            return Ok(b"{}");
        }
        if !self.content_type.starts_with("application/json") {
            return Err(unsupported_media_type(
                "Send the tool input as JSON with `Content-Type: application/json`.",
            ));
        }
        Ok(&self.body)
    }
}

pub fn unsupported_media_type(message: &'static str) -> ApiError {
    ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message)
}

fn normalize_content_type(header: &str) -> String {
    let header = header.trim();
    let media_end = header.find(';').unwrap_or(header.len());
    let (media, params) = header.split_at(media_end);
    media.trim_end().to_ascii_lowercase() + params
}

/// True when `Accept` names an image type (or `image/*`) with a non-zero quality.
fn prefers_image(accept: &str) -> bool {
    accept.split(',').any(|range| {
        let mut params = range.split(';').map(str::trim);
        let media = params.next().unwrap_or_default();
        let refused = params.any(|p| p.strip_prefix("q=").is_some_and(|q| q.parse() == Ok(0.0)));
        media.len() > 6 && media[..6].eq_ignore_ascii_case("image/") && !refused
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_parameters_keep_their_case() {
        let multipart = "Multipart/Form-Data; boundary=----WebKitFormBoundaryAbC";
        assert_eq!(
            normalize_content_type(multipart),
            "multipart/form-data; boundary=----WebKitFormBoundaryAbC"
        );
        assert_eq!(normalize_content_type(" APPLICATION/JSON "), "application/json");
    }

    #[test]
    fn accept_asks_for_an_image() {
        for accept in ["image/*", "image/png", "application/json, image/webp;q=0.5", "IMAGE/JPEG"] {
            assert!(prefers_image(accept), "{accept}");
        }
        for accept in ["", "*/*", "application/json", "image/png;q=0", "image/"] {
            assert!(!prefers_image(accept), "{accept}");
        }
    }
}
