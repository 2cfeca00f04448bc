//! Operational endpoints: liveness and readiness.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::state::AppState;

/// `GET /healthz`: the process is up.
#[utoipa::path(get, operation_id = "healthz", path = "/healthz", tag = "operations",
    responses((status = 200, description = "The process is up.", body = Object, example = json!({"status": "ok"}))))]
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

#[utoipa::path(get, operation_id = "readyz", path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "The database (and Redis, when configured) answer.", body = Object,
            example = json!({"status": "ready", "database": {"backend": "sqlite", "status": "up"},
                "rateLimiter": {"backend": "in-process", "redis": "not configured"}})),
        (status = 503, description = "The database or a configured Redis is down.", body = Object),
    ))]
/// `GET /readyz`: the database (and Redis, when configured) answer. While Redis is down
/// the API keeps serving with per-instance limits, and this says so with a 503.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = match state.store.ping().await {
        Ok(()) => "up",
        Err(e) => {
            tracing::warn!(error = %e, "readiness: database unreachable");
            "down"
        }
    };
    let redis =
        state.settings.redis_url.as_ref().map(|_| if state.limiter.redis_healthy() { "up" } else { "down" });
    let ready = database == "up" && redis != Some("down");
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = json!({
        "status": if ready { "ready" } else { "unavailable" },
        "database": { "backend": state.store.backend(), "status": database },
        "rateLimiter": { "backend": state.limiter.backend(), "redis": redis.unwrap_or("not configured") },
    });
    (status, Json(body))
}
