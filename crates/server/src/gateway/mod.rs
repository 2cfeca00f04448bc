//! The tool gateway (`/api/tools`): the product's hot path.
//!
//! Per call: parse the key (no I/O), find its owner in the in-process cache, count the
//! call against the account's per-minute limit, run the tool, record usage in memory,
//! and answer `{tool, result, rateLimit}` with rate-limit headers. No SQL in steady state.

pub mod caller;
mod headers;
pub mod key_cache;
pub(crate) mod tools;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::Value;
use toolshub_tools::catalogue::{ToolInfo, CATALOGUE};

use crate::api::extract::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::metrics;
use crate::ratelimit::Decision;
use crate::state::AppState;
use tools::Availability;

/// Tool inputs may be larger than other JSON bodies (texts up to 1 MiB plus JSON overhead).
pub const MAX_TOOL_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Routes under `/api/tools`.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/tools", get(catalogue)).route("/api/tools/{slug}", post(call_tool))
}

/// `GET /api/tools`: the catalogue.
async fn catalogue() -> Json<&'static [ToolInfo]> {
    Json(CATALOGUE)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    tool: &'a str,
    result: Value,
    rate_limit: RateLimitView,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RateLimitView {
    remaining: u32,
    reset_time: u64,
}

/// `POST /api/tools/{slug}`.
async fn call_tool(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddr(addr): ClientAddr,
    request: Request,
) -> ApiResult<Response> {
    let (parts, body) = request.into_parts();
    let headers = &parts.headers;
    let caller = caller::identify(&state, &parts.method, headers, addr).await?;
    let slug = known_slug(&slug)?;
    let decision = state.limiter.check(&caller.subject, caller.limit, tools::cost(slug)).await;
    metrics::record_decision(decision.allowed);
    let now = unix_now();
    let mut response = match decision.allowed {
        true => run_metered(slug, headers, body, &decision).await.into_response(),
        false => rate_limited(&decision).into_response(),
    };
    headers::apply(response.headers_mut(), caller.policy, &decision, now);
    if let (true, Some(key_id)) = (decision.allowed, caller.key_id) {
        state.usage.record(key_id);
    }
    Ok(response)
}

fn known_slug(slug: &str) -> ApiResult<&'static str> {
    match tools::availability(slug) {
        Availability::Ready(slug) => Ok(slug),
        Availability::NotYet => Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "tool_not_available",
            format!("The {slug} tool is not available on this server yet."),
        )),
        Availability::Unknown => {
            Err(ApiError::not_found(format!("There is no tool '{slug}'; GET /api/tools lists them.")))
        }
    }
}

async fn run_metered(
    slug: &'static str,
    headers: &HeaderMap,
    body: Body,
    decision: &Decision,
) -> ApiResult<Response> {
    let body = read_body(body).await?;
    let input = parse_input(headers, &body)?;
    let result = tools::run(slug, input, body.len()).await?;
    let rate_limit = RateLimitView { remaining: decision.remaining, reset_time: decision.reset_at };
    Ok(Json(Envelope { tool: slug, result, rate_limit }).into_response())
}

async fn read_body(body: Body) -> ApiResult<Bytes> {
    axum::body::to_bytes(body, MAX_TOOL_BODY_BYTES).await.map_err(|e| {
        let too_large =
            std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if too_large {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Tool inputs are limited to 2 MiB (texts to 1 MiB).",
            )
        } else {
            ApiError::bad_request("invalid_body", format!("The body could not be read: {e}"))
        }
    })
}

fn parse_input(headers: &HeaderMap, body: &Bytes) -> ApiResult<Value> {
    if body.is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !content_type.trim_start().to_ascii_lowercase().starts_with("application/json") {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the tool input as JSON with `Content-Type: application/json`.",
        ));
    }
    let input: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request("invalid_json", format!("The body is not valid JSON: {e}")))?;
    if !input.is_object() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            "The tool input must be a JSON object, e.g. {\"text\": \"…\"}.",
        ));
    }
    Ok(input)
}

fn rate_limited(decision: &Decision) -> ApiError {
    ApiError::too_many_requests(
        "rate_limited",
        format!(
            "Rate limit of {} requests per minute reached; retry in {} s or upgrade your plan.",
            decision.limit,
            decision.retry_after.max(1)
        ),
        decision.retry_after,
    )
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
