//! Logging: subscriber set-up and one structured line per request.

use std::sync::OnceLock;
use std::time::Duration;

use axum::http::Method;
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

/// What the access log and the request metrics record of one finished request.
pub struct Finished<'a> {
    pub method: &'a Method,
    pub route: &'a str,
    pub request_id: &'a str,
    pub latency: Duration,
    pub response: &'a Response,
}

/// Logs method, route, status, latency and request id of a request, and the cause of a
/// server error (which the client never sees); counts it in the metrics.
pub fn record(request: &Finished<'_>) {
    let Finished { method, route, request_id, latency, response } = *request;
    let status = response.status().as_u16();
    let seconds = latency.as_secs_f64();
    crate::metrics::record_request(route, method, status, seconds);
    let latency_ms = seconds * 1000.0;
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
}
