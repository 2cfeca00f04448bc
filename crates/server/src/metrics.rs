//! Prometheus metrics: request counts and latency by route, rate-limit decisions,
//! key-cache hits and misses, and which limiter backend is in use.

use std::sync::OnceLock;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::state::AppState;

const LATENCY_BUCKETS: &[f64] =
    &[0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

/// The process-wide recorder (installed once; every server in the process shares it).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
            .expect("valid buckets")
            .build_recorder();
        let handle = recorder.handle();
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// `GET /metrics` in the Prometheus text format.
pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    let limiter = &state.limiter;
    for backend in ["in-process", "redis", "redis-fallback"] {
        let active = if limiter.backend() == backend { 1.0 } else { 0.0 };
        metrics::gauge!("toolshub_ratelimit_backend", "backend" => backend).set(active);
    }
    metrics::gauge!("toolshub_redis_up").set(if limiter.redis_healthy() { 1.0 } else { 0.0 });
    let handle = handle();
    handle.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render())
}

/// Counts one finished HTTP request.
pub fn record_request(route: &str, method: &str, status: u16, seconds: f64) {
    let (route, method) = (route.to_owned(), method.to_owned());
    metrics::counter!("toolshub_http_requests_total",
        "route" => route.clone(), "method" => method.clone(), "status" => status.to_string())
    .increment(1);
    metrics::histogram!("toolshub_http_request_duration_seconds", "route" => route, "method" => method)
        .record(seconds);
}

/// Counts one rate-limit decision.
pub fn record_decision(allowed: bool) {
    let outcome = if allowed { "allowed" } else { "denied" };
    metrics::counter!("toolshub_ratelimit_decisions_total", "outcome" => outcome).increment(1);
}

/// Counts one key-cache lookup.
pub fn record_key_cache(hit: bool) {
    let result = if hit { "hit" } else { "miss" };
    metrics::counter!("toolshub_key_cache_lookups_total", "result" => result).increment(1);
}
