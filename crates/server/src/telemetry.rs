//! Logging: subscriber set-up and one structured line per request.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use tracing_subscriber::EnvFilter;

use crate::access_log::{AccessLine, AccessLog};
use crate::config::LogFormat;
use crate::error::ErrorCause;
use crate::log_buffer::{FlushOnDrop, LogBuffer};
use crate::log_time::UtcMicros;

/// Set when the subscriber writes plain lines to the log buffer; access lines then skip
/// the subscriber (see `access_log`).
static ACCESS_LOG: OnceLock<AccessLog> = OnceLock::new();

/// Installs the global subscriber (`RUST_LOG` overrides the default filter). Keep the
/// returned guard until exit: dropping it writes out the last buffered lines.
pub fn init(format: LogFormat) -> FlushOnDrop {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let buffer = LogBuffer::start();
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_timer(UtcMicros)
        .with_ansi(ansi)
        .with_writer(buffer.clone());
    let installed = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
    if installed.is_ok() && !ansi {
        let _ = ACCESS_LOG.set(AccessLog::new(buffer.clone(), format));
    }
    FlushOnDrop(buffer)
}

/// Logs method, route, status, latency and request id of every request, and the cause
/// of server errors (which the client never sees).
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let request_id = request.headers().get("x-request-id").cloned();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let latency = started.elapsed();
    let seconds = latency.as_secs_f64();
    let route = matched.as_ref().map_or("unmatched", MatchedPath::as_str);
    crate::metrics::record_request(route, &method, status, seconds);
    let latency_ms = seconds * 1000.0;
    let request_id = request_id.as_ref().and_then(|v| v.to_str().ok()).unwrap_or("-");
    match (response.extensions().get::<ErrorCause>(), ACCESS_LOG.get()) {
        (Some(ErrorCause(cause)), _) => {
            tracing::error!(%method, route, status, latency_ms, request_id, cause = %cause, "request failed")
        }
        (None, Some(log)) => {
            if tracing::enabled!(tracing::Level::INFO) {
                log.write(&AccessLine { method: method.as_str(), route, status, latency, request_id });
            }
        }
        (None, None) => tracing::info!(%method, route, status, latency_ms, request_id, "request"),
    }
    response
}
