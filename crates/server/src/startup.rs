//! Builds the application from settings: storage, router, listener, background tasks.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, Uri};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{middleware, Router};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use crate::config::RateLimitAlgorithm;
use crate::config::Settings;
use crate::error::ApiError;
use crate::invalidation::{Invalidation, InvalidationBus};
use crate::ratelimit::RateLimiter;
use crate::state::AppState;
use crate::store::{now, Store};
use crate::{api, front, metrics, ops, usage, web};

/// Largest request body any JSON endpoint accepts.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// A bound, ready-to-serve server.
pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    /// Connects and migrates the database, then binds `HOST:PORT` (port 0: any free port).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        metrics::handle();
        let store = Store::connect(settings.database_url.expose_secret())
            .await
            .context("cannot open the database (DATABASE_URL)")?;
        store.migrate().await.context("cannot apply database migrations")?;
        let (limiter, invalidations) = coordination(&settings).await?;
        let address = SocketAddr::new(settings.host, settings.port);
        let listener = TcpListener::bind(address)
            .await
            .with_context(|| format!("cannot listen on {address} (HOST/PORT)"))?;
        Ok(Self { listener, state: AppState::new(settings, store, limiter, invalidations) })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let state = self.state;
        let interval = state.settings.usage_flush_interval;
        let background = [
            tokio::spawn(sweep_expired_sessions(state.clone())),
            tokio::spawn(apply_invalidations(state.clone())),
            tokio::spawn(usage::flush_periodically(state.usage.clone(), state.store.clone(), interval)),
            tokio::spawn(metrics::upkeep_periodically()),
        ];
        let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, app).with_graceful_shutdown(shutdown).await;
        background.iter().for_each(|task| task.abort());
        state.usage.flush(&state.store).await;
        state.store.close().await;
        Ok(served?)
    }
}

/// The whole HTTP surface, for the server and for in-process tests.
pub fn router(state: AppState) -> Router {
    let timeout = crate::llm::request_timeout(&state.settings.llm);
    Router::new()
        .merge(api::router(state.clone()))
        .merge(api::stripe::router(state.clone()))
        .merge(web::router(state.clone()))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(metrics::render))
        .fallback(web::not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // One `layer` call: each `Router::layer` boxes the routes again, and a boxed
        // service is cloned on every request.
        .layer(
            ServiceBuilder::new()
                .layer(middleware::from_fn(front::front))
                .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::SERVICE_UNAVAILABLE, timeout))
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
                .layer(CatchPanicLayer::custom(|_| {
                    ApiError::internal(anyhow::anyhow!("handler panicked")).into_response()
                })),
        )
        .with_state(state)
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}.", uri.path()),
    )
}

/// The rate limiter and invalidation bus: Redis-backed when `REDIS_URL` is set.
pub async fn coordination(settings: &Settings) -> anyhow::Result<(RateLimiter, InvalidationBus)> {
    let algorithm: RateLimitAlgorithm = settings.rate_limit_algorithm;
    let Some(url) = &settings.redis_url else {
        return Ok((RateLimiter::in_process(algorithm), InvalidationBus::local()));
    };
    let (url, prefix) = (url.expose_secret(), settings.redis_prefix.as_str());
    let limiter = RateLimiter::redis(url, prefix, algorithm).await.context("REDIS_URL")?;
    let bus = InvalidationBus::redis(url, prefix).await.context("REDIS_URL")?;
    Ok((limiter, bus))
}

/// Applies invalidations from every instance to this instance's key cache.
async fn apply_invalidations(state: AppState) {
    use tokio::sync::broadcast::error::RecvError;
    let mut messages = state.invalidations.subscribe();
    loop {
        match messages.recv().await {
            Ok(message) => {
                state.key_cache.invalidate(&message);
                state.og.invalidate(&message);
            }
            Err(RecvError::Lagged(_)) => {
                state.key_cache.invalidate(&Invalidation::All);
                state.og.invalidate(&Invalidation::All);
            }
            Err(RecvError::Closed) => return,
        }
    }
}

async fn sweep_expired_sessions(state: AppState) {
    let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match state.store.delete_expired_sessions(now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "expired sessions removed"),
            Err(e) => tracing::warn!(error = %e, "expired-session sweep failed"),
        }
    }
}

/// Completes on SIGTERM or ctrl-c.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
    tracing::info!("shutdown requested; finishing in-flight requests");
}
