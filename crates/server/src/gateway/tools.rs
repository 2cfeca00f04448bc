//! Running a tool: which slugs exist here, what they cost, where they run.

use serde_json::{json, Value};
use toolshub_tools::ToolError;

use crate::error::ApiError;

/// Inputs larger than this run on the blocking pool, so big texts never stall the runtime.
const INLINE_INPUT_BYTES: usize = 16 * 1024;

/// Requests of the minute's quota one call of `slug` uses.
pub fn cost(slug: &str) -> u32 {
    match slug {
        "blog-generator" => 5,
        _ => 1,
    }
}

/// Whether `slug` can be called on this server (the catalogue's tools, plus the seed's
/// `example`), and whether it is implemented yet.
pub fn availability(slug: &str) -> Availability {
    const READY: [&str; 4] = ["example", "case-converter", "word-counter", "hex-rgba-converter"];
    if let Some(slug) = READY.into_iter().find(|s| *s == slug) {
        return Availability::Ready(slug);
    }
    match toolshub_tools::catalogue::find(slug) {
        Some(_) => Availability::NotYet,
        None => Availability::Unknown,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Availability {
    Ready(&'static str),
    NotYet,
    Unknown,
}

/// Runs `slug` on `input` (a JSON value of `body_len` bytes).
pub async fn run(slug: &'static str, input: Value, body_len: usize) -> Result<Value, ApiError> {
    if slug == "example" {
        return Ok(
            json!({ "echo": input, "message": "Your API key works. Try /api/tools/case-converter next." }),
        );
    }
    let result = if body_len <= INLINE_INPUT_BYTES {
        toolshub_tools::run_json(slug, input)
    } else {
        tokio::task::spawn_blocking(move || toolshub_tools::run_json(slug, input))
            .await
            .map_err(|e| ApiError::internal(anyhow::anyhow!("tool task failed: {e}")))?
    };
    match result {
        Some(Ok(value)) => Ok(value),
        Some(Err(error)) => Err(tool_error(error)),
        None => Err(ApiError::internal(anyhow::anyhow!("tool {slug} is listed as ready but not wired"))),
    }
}

fn tool_error(error: ToolError) -> ApiError {
    match error {
        ToolError::InvalidInput { field, message } => {
            let message = if message.contains(&format!("`{field}`")) {
                message
            } else {
                format!("`{field}`: {message}")
            };
            ApiError::new(axum::http::StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message)
        }
        ToolError::TooLarge { message } => {
            ApiError::new(axum::http::StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
        }
    }
}
