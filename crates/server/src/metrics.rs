//! Prometheus metrics: request counts and latency by route, rate-limit decisions,
//! key-cache hits and misses, and which limiter backend is in use.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock, RwLock};

use axum::extract::State;
use axum::http::{header, Method};
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

/// Drains recorded histogram samples into their buckets every few seconds. The recorder
/// keeps every sample until upkeep runs, so without this (and without scrapes) memory
/// would grow with every request.
pub async fn upkeep_periodically() {
    let mut ticker = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        ticker.tick().await;
        handle().run_upkeep();
    }
}

/// `GET /metrics`: counters and histograms in the Prometheus text format.
#[utoipa::path(get, operation_id = "metrics", path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format.", body = String, content_type = "text/plain")))]
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

/// Counts one finished HTTP request. Handles are cached per route, method and status, so
/// the hot path does not rebuild label sets.
pub fn record_request(route: &str, method: &Method, status: u16, seconds: f64) {
    static HANDLES: LazyLock<RwLock<HashMap<String, Vec<RequestHandles>>>> = LazyLock::new(Default::default);
    let method = method_label(method);
    let find = |handles: &[RequestHandles]| {
        handles.iter().find(|h| h.method == method && h.status == status).map(|h| h.record(seconds)).is_some()
    };
    if HANDLES.read().expect("metrics lock").get(route).is_some_and(|h| find(h)) {
        return;
    }
    let handles = RequestHandles::new(route, method, status);
    handles.record(seconds);
    HANDLES.write().expect("metrics lock").entry(route.to_owned()).or_default().push(handles);
}

struct RequestHandles {
    method: &'static str,
    status: u16,
    count: metrics::Counter,
    duration: metrics::Histogram,
}

impl RequestHandles {
    fn new(route: &str, method: &'static str, status: u16) -> Self {
        let route = route.to_owned();
        let count = metrics::counter!("toolshub_http_requests_total",
            "route" => route.clone(), "method" => method, "status" => status.to_string());
        let duration = metrics::histogram!("toolshub_http_request_duration_seconds",
            "route" => route, "method" => method);
        Self { method, status, count, duration }
    }

    fn record(&self, seconds: f64) {
        self.count.increment(1);
        self.duration.record(seconds);
    }
}

/// Methods outside the standard set share one label, so clients cannot add label values.
fn method_label(method: &Method) -> &'static str {
    const KNOWN: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    KNOWN.into_iter().find(|known| *known == method.as_str()).unwrap_or("OTHER")
}

/// Counts one rate-limit decision.
pub fn record_decision(allowed: bool) {
    static ALLOWED: LazyLock<metrics::Counter> =
        LazyLock::new(|| metrics::counter!("toolshub_ratelimit_decisions_total", "outcome" => "allowed"));
    static DENIED: LazyLock<metrics::Counter> =
        LazyLock::new(|| metrics::counter!("toolshub_ratelimit_decisions_total", "outcome" => "denied"));
    if allowed { &ALLOWED } else { &DENIED }.increment(1);
}

/// Counts one key-cache lookup.
pub fn record_key_cache(hit: bool) {
    static HITS: LazyLock<metrics::Counter> =
        LazyLock::new(|| metrics::counter!("toolshub_key_cache_lookups_total", "result" => "hit"));
    static MISSES: LazyLock<metrics::Counter> =
        LazyLock::new(|| metrics::counter!("toolshub_key_cache_lookups_total", "result" => "miss"));
    if hit { &HITS } else { &MISSES }.increment(1);
}
