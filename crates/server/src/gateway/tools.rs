//! The tools this server runs: which slugs exist, what a call costs, how large its body
//! may be, and where it runs.

use axum::http::StatusCode;
use serde_json::value::RawValue;
use toolshub_tools::ToolError;

use super::caller::Caller;
use super::output::ToolOutput;
use super::request::ToolRequest;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Text inputs larger than this run on the CPU pool, so big texts never stall the runtime.
const INLINE_INPUT_BYTES: usize = 16 * 1024;

/// Largest body of a JSON tool call: texts up to 1 MiB, plus JSON escaping.
pub const MAX_JSON_BODY_BYTES: usize = 2 * 1024 * 1024;

/// A tool that can be called on this server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// The seed's `POST /api/tools/example`: echoes its input.
    Example,
    /// A pure JSON-in, JSON-out tool of the tools crate.
    Text(&'static str),
    /// `blog-generator`: a language model's draft, or the built-in generator's.
    Blog,
    /// `og-generator`: a PNG card and its signed public URL.
    Og,
    /// `image-resizer`: an image in (form or base64 JSON), an image out.
    ImageResizer,
}

/// What a slug names.
#[derive(Debug, PartialEq, Eq)]
pub enum Availability {
    Ready(Tool),
    /// In the catalogue, not served yet.
    NotYet,
    Unknown,
}

impl Tool {
    /// Looks `slug` up among the catalogue's tools and the seed's `example`.
    pub fn find(slug: &str) -> Availability {
        const TEXT: [&str; 3] = ["case-converter", "word-counter", "hex-rgba-converter"];
        if slug == "example" {
            return Availability::Ready(Self::Example);
        }
        if slug == "blog-generator" {
            return Availability::Ready(Self::Blog);
        }
        if slug == "og-generator" {
            return Availability::Ready(Self::Og);
        }
        if let Some(slug) = TEXT.into_iter().find(|s| *s == slug) {
            return Availability::Ready(Self::Text(slug));
        }
        if slug == "image-resizer" {
            return Availability::Ready(Self::ImageResizer);
        }
        match toolshub_tools::catalogue::find(slug) {
            Some(_) => Availability::NotYet,
            None => Availability::Unknown,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::Example => "example",
            Self::Text(slug) => slug,
            Self::Blog => "blog-generator",
            Self::Og => "og-generator",
            Self::ImageResizer => "image-resizer",
        }
    }

    /// Requests of the minute's quota one call uses.
    pub fn cost(self) -> u32 {
        match self {
            // Generation is expensive, whichever provider writes.
            Self::Blog => 5,
            Self::Example | Self::Text(_) | Self::Og | Self::ImageResizer => 1,
        }
    }

    /// Largest request body the tool accepts.
    pub fn max_body_bytes(self) -> usize {
        match self {
            Self::Blog => super::blog::MAX_BODY_BYTES,
            Self::Og => super::og::MAX_BODY_BYTES,
            Self::ImageResizer => super::image_resizer::MAX_BODY_BYTES,
            Self::Example | Self::Text(_) => MAX_JSON_BODY_BYTES,
        }
    }

    /// Runs the tool for `caller` on `request`.
    pub async fn run(self, state: &AppState, caller: &Caller, request: ToolRequest) -> ApiResult<ToolOutput> {
        match self {
            Self::Example => echo(&request).map(ToolOutput::Json),
            Self::Text(slug) => run_text(state, slug, request).await.map(ToolOutput::Json),
            Self::Blog => super::blog::run(state, request).await.map(ToolOutput::Json),
            Self::Og => super::og::run(state, caller, request).await,
            Self::ImageResizer => super::image_resizer::run(state, request).await,
        }
    }
}

fn echo(request: &ToolRequest) -> ApiResult<Box<RawValue>> {
    let input: &RawValue = serde_json::from_slice(request.json()?)
        .map_err(|e| ApiError::bad_request("invalid_json", format!("The body is not valid JSON: {e}")))?;
    #[derive(serde::Serialize)]
    struct Echo<'a> {
        echo: &'a RawValue,
        message: &'static str,
    }
    let message = "Your API key works. Try /api/tools/case-converter next.";
    serde_json::value::to_raw_value(&Echo { echo: input, message }).map_err(ApiError::internal)
}

async fn run_text(state: &AppState, slug: &'static str, request: ToolRequest) -> ApiResult<Box<RawValue>> {
    request.json()?;
    let result = if request.body.len() <= INLINE_INPUT_BYTES {
        toolshub_tools::run_json(slug, request.json()?)
    } else {
        state.cpu_pool.run(move || toolshub_tools::run_json(slug, &request.body)).await?
    };
    match result {
        Some(Ok(value)) => Ok(value),
        Some(Err(error)) => Err(tool_error(error)),
        None => Err(ApiError::internal(anyhow::anyhow!("tool {slug} is listed as ready but not wired"))),
    }
}

/// The API error for a tool's refusal.
pub fn tool_error(error: ToolError) -> ApiError {
    match error {
        ToolError::InvalidInput { field, message } => {
            let message = if message.contains(&format!("`{field}`")) {
                message
            } else {
                format!("`{field}`: {message}")
            };
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message)
        }
        ToolError::TooLarge { message } => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
        }
        ToolError::MalformedJson { message } => ApiError::bad_request("invalid_json", message),
        ToolError::UnsupportedMedia { message } => {
            ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message)
        }
    }
}
