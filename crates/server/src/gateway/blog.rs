//! `blog-generator`: drafts from the configured language model, or from the built-in
//! generator when there is none; either way finished (slug, sanitized HTML, counts) here.

use axum::http::StatusCode;
use serde_json::value::RawValue;
use toolshub_tools::blog::{self, Output, Provider};

use super::request::ToolRequest;
use super::tools::tool_error;
use crate::error::{ApiError, ApiResult};
use crate::llm::LlmError;
use crate::state::AppState;

/// Largest request body: the input is a few short texts.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// Writes the post `request` asks for.
pub async fn run(state: &AppState, request: ToolRequest) -> ApiResult<Box<RawValue>> {
    let input = blog::parse_request(request.json()?).map_err(tool_error)?;
    let output = match &state.llm {
        Some(llm) => {
            let draft = llm.draft(&input).await.map_err(provider_error)?;
            state.cpu_pool.run(move || Output::finish(draft, Provider::Llm)).await?
        }
        None => state.cpu_pool.run(move || blog::write_builtin(&input)).await?.map_err(tool_error)?,
    };
    serde_json::value::to_raw_value(&output).map_err(ApiError::internal)
}

fn provider_error(error: LlmError) -> ApiError {
    let (status, code, message) = match &error {
        LlmError::Timeout(limit) => (
            StatusCode::GATEWAY_TIMEOUT,
            "provider_timeout",
            format!(
                "The language model did not answer within {} s; try again or ask for a shorter post.",
                limit.as_secs()
            ),
        ),
        LlmError::Upstream(_) | LlmError::InvalidOutput(_) => (
            StatusCode::BAD_GATEWAY,
            "provider_error",
            format!("The language model failed to write the post ({error}); please try again."),
        ),
    };
    ApiError { internal: Some(error.into()), ..ApiError::new(status, code, message) }
}
