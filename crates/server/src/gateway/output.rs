//! What a tool answers: JSON in the envelope, or an image — raw bytes for clients that
//! ask for `image/*`, else its metadata and base64 in the envelope.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
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
            Self::Json(result) => json_response(&Envelope { tool, result, rate_limit }),
            Self::Image(image) if wants_image => image.into_raw_response(),
            Self::Image(image) => {
                let result = image.to_json();
                json_response(&Envelope { tool, result, rate_limit })
            }
        }
    }
}

/// Headers a tool answer ends up with: content type and length, five rate-limit headers,
/// three security headers and the request id.
const ANSWER_HEADERS: usize = 12;

/// `value` as a JSON response whose header map has room for every header added later.
fn json_response<T: Serialize>(value: &T) -> Response {
    let mut body = Vec::with_capacity(256);
    if let Err(e) = serde_json::to_writer(&mut body, value) {
        return crate::error::ApiError::internal(e).into_response();
    }
    let mut headers = HeaderMap::with_capacity(ANSWER_HEADERS);
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = headers;
    response
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
