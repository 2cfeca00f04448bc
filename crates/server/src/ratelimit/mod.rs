//! Rate limiting per subject ("user:<id>", "anon:<address>", …) over 60-second windows,
//! in-process or in Redis (shared by every instance), with the fixed-window or the
//! sliding-window-counter algorithm.

mod batch;
mod clock;
pub(crate) mod connection;
mod memory;
mod remote;
mod window;

#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;

use self::memory::InProcess;
use self::remote::RedisLimiter;
use crate::config::RateLimitAlgorithm;

/// The length of a rate-limit window.
pub const WINDOW_SECS: u64 = 60;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Whether the request may proceed (and was counted).
    pub allowed: bool,
    /// The limit it was checked against, per window.
    pub limit: u32,
    /// Requests left in the window after this one (0 when denied).
    pub remaining: u32,
    /// Unix seconds when the current window ends.
    pub reset_at: u64,
    /// Seconds until a request of this cost could pass (0 when allowed; when the cost
    /// exceeds the limit it never can, and this is the time to the window's end).
    pub retry_after: u64,
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct RateLimiter {
    backend: Arc<Backend>,
}

enum Backend {
    InProcess(InProcess),
    Redis(RedisLimiter),
}

impl RateLimiter {
    /// In-process limiter (the embedded default).
    pub fn in_process(algorithm: RateLimitAlgorithm) -> Self {
        Self::from_backend(Backend::InProcess(InProcess::new(algorithm)))
    }

    /// Redis limiter with in-process fallback; `prefix` is prepended to every Redis key
    /// (production: ""; tests: a random prefix). Fails only if the URL is unusable; an
    /// unreachable server at start is a fallback, not an error.
    pub async fn redis(url: &str, prefix: &str, algorithm: RateLimitAlgorithm) -> anyhow::Result<Self> {
        let limiter = RedisLimiter::connect(url, prefix, algorithm).await?;
        Ok(Self::from_backend(Backend::Redis(limiter)))
    }

    fn from_backend(backend: Backend) -> Self {
        Self { backend: Arc::new(backend) }
    }

    /// Counts `cost` requests for `subject` against `limit` per window. Allowed iff the
    /// count (sliding: the weighted estimate) plus `cost` is at most `limit`; denied
    /// requests consume nothing.
    pub async fn check(&self, subject: &str, limit: u32, cost: u32) -> Decision {
        match &*self.backend {
            Backend::InProcess(limiter) => limiter.check(subject, limit, cost),
            Backend::Redis(limiter) => limiter.check(subject, limit, cost).await,
        }
    }

    /// "in-process" | "redis" | "redis-fallback" (Redis configured but unreachable).
    pub fn backend(&self) -> &'static str {
        match &*self.backend {
            Backend::InProcess(_) => "in-process",
            Backend::Redis(limiter) if limiter.healthy() => "redis",
            Backend::Redis(_) => "redis-fallback",
        }
    }

    /// False while Redis is configured but unreachable (for /readyz and /metrics).
    pub fn redis_healthy(&self) -> bool {
        match &*self.backend {
            Backend::InProcess(_) => true,
            Backend::Redis(limiter) => limiter.healthy(),
        }
    }
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter").field("backend", &self.backend()).finish()
    }
}
