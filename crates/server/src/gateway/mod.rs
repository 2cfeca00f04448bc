//! The tool gateway (`/api/tools`): the product's hot path.
//!
//! Per call: parse the key (no I/O), find its owner in the in-process cache, count the
//! call against the account's per-minute limit, run the tool, record usage in memory,
//! and answer `{tool, result, rateLimit}` with rate-limit headers. No SQL in steady state.

mod blog;
pub mod caller;
pub mod cpu_pool;
mod headers;
mod image_resizer;
pub mod key_cache;
pub mod og;
pub mod output;
pub mod request;
pub(crate) mod tools;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use toolshub_tools::catalogue::{ToolInfo, CATALOGUE};

use crate::api::extract::ClientAddr;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::metrics;
use crate::ratelimit::Decision;
use crate::state::AppState;
use caller::Caller;
use request::ToolRequest;
use tools::{Availability, Tool};

/// Routes under `/api/tools`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/tools", get(catalogue))
        .route("/api/tools/{slug}", post(call_tool))
        .merge(og::router())
}

/// `GET /api/tools`: the catalogue, every tool with an example input.
#[utoipa::path(get, operation_id = "list_tools", path = "/api/tools", tag = "tools",
    responses((status = 200, description = "Every tool: slug, name, description, category and an example input.",
        body = [ToolInfo])))]
async fn catalogue() -> Json<&'static [ToolInfo]> {
    Json(CATALOGUE)
}

// Served tools also have documented paths of their own (`openapi::tools`).
#[utoipa::path(post, operation_id = "call_tool", path = "/api/tools/{slug}", tag = "tools",
    security(("apiKey" = []), ("session" = [])),
    params(("slug" = String, Path, description = "A slug from `GET /api/tools`.")),
    request_body(content = Object, description = "The tool's input; see the tool's own path."),
    responses(
        (status = 200, description = "`{tool, result, rateLimit}`; see each tool's own path for `result`.",
            body = Object),
        (status = 404, description = "`not_found`: no tool with this slug.", body = ErrorBody),
        (status = 501, description = "`tool_not_available`: in the catalogue, not served by this server yet.", body = ErrorBody),
    ))]
/// `POST /api/tools/{slug}`: runs any tool of the catalogue; served tools have their own paths.
async fn call_tool(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddr(addr): ClientAddr,
    request: Request,
) -> ApiResult<Response> {
    let (parts, body) = request.into_parts();
    let caller = caller::identify(&state, &parts.method, &parts.headers, addr).await?;
    let tool = known_tool(&slug)?;
    let decision = state.limiter.check(&caller.subject, caller.limit, tool.cost()).await;
    metrics::record_decision(decision.allowed);
    let now = unix_now();
    let mut response = match decision.allowed {
        true => run_metered(&state, tool, &caller, &parts.headers, body, &decision).await.into_response(),
        false => rate_limited(&decision).into_response(),
    };
    headers::apply(response.headers_mut(), caller.policy, &decision, now);
    if let (true, Some(key_id)) = (decision.allowed, caller.key_id) {
        state.usage.record(key_id);
    }
    Ok(response)
}

fn known_tool(slug: &str) -> ApiResult<Tool> {
    match Tool::find(slug) {
        Availability::Ready(tool) => Ok(tool),
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
    state: &AppState,
    tool: Tool,
    caller: &Caller,
    headers: &axum::http::HeaderMap,
    body: Body,
    decision: &Decision,
) -> ApiResult<Response> {
    let body = read_body(body, tool.max_body_bytes()).await?;
    let request = ToolRequest::new(headers, body);
    let wants_image = request.wants_image;
    let output = tool.run(state, caller, request).await?;
    Ok(output.into_response(tool.slug(), decision, wants_image))
}

async fn read_body(body: Body, limit: usize) -> ApiResult<Bytes> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let too_large =
            std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if too_large {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("This tool accepts bodies of at most {}.", size_text(limit)),
            )
        } else {
            ApiError::bad_request("invalid_body", format!("The body could not be read: {e}"))
        }
    })
}

/// "2 MiB", "64 KiB".
fn size_text(bytes: usize) -> String {
    match bytes >= 1024 * 1024 {
        true => format!("{} MiB", bytes / (1024 * 1024)),
        false => format!("{} KiB", bytes / 1024),
    }
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
