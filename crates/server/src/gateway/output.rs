//! What a tool answers: JSON in the envelope, or an image — raw bytes for clients that
//! ask for `image/*`, else its metadata and base64 in the envelope.

use axum::body::Bytes;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::ratelimit::Decision;

/// A tool's result.
pub enum ToolOutput {
    /// A JSON result, already serialized.
    Json(Box<RawValue>),
    Image(ImageOutput),
}

/// An encoded image and what the JSON answer says about it.
pub struct ImageOutput {
    /// `png`, `jpeg` or `webp`.
    pub format: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Bytes,
    /// More fields for the JSON answer (e.g. a public URL).
    pub extra: Map<String, Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a, R: Serialize> {
    tool: &'a str,
    result: R,
    rate_limit: RateLimitView,
}

/// The caller's quota after this call.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = RateLimit)]
pub struct RateLimitView {
    /// Requests left in the current window.
    #[schema(example = 199)]
    remaining: u32,
    /// Unix seconds when the window resets.
    #[schema(example = 1796402760)]
    reset_time: u64,
}

#[derive(Serialize)]
struct ImageJson<'a> {
    format: &'a str,
    width: u32,
    height: u32,
    bytes: usize,
    image: String,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl ToolOutput {
    /// The response for `tool`'s caller, who was allowed by `decision`.
    pub fn into_response(self, tool: &str, decision: &Decision, wants_image: bool) -> Response {
        let rate_limit = RateLimitView { remaining: decision.remaining, reset_time: decision.reset_at };
        match self {
            Self::Json(result) => Json(Envelope { tool, result, rate_limit }).into_response(),
            Self::Image(image) if wants_image => image.into_raw_response(),
            Self::Image(image) => {
                let result = image.to_json();
                Json(Envelope { tool, result, rate_limit }).into_response()
            }
        }
    }
}

impl ImageOutput {
    pub fn media_type(&self) -> &'static str {
        match self.format {
            "jpeg" => "image/jpeg",
            "webp" => "image/webp",
            _ => "image/png",
        }
    }

    fn to_json(&self) -> ImageJson<'_> {
        ImageJson {
            format: self.format,
            width: self.width,
            height: self.height,
            bytes: self.bytes.len(),
            image: base64::engine::general_purpose::STANDARD.encode(&self.bytes),
            extra: &self.extra,
        }
    }

    fn into_raw_response(self) -> Response {
        let content_type = HeaderValue::from_static(self.media_type());
        ([(header::CONTENT_TYPE, content_type)], self.bytes).into_response()
    }
}
