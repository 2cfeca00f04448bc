//! Rate-limit response headers: the classic `X-RateLimit-*` trio and the IETF draft's
//! `RateLimit-Policy` / `RateLimit`, plus `Retry-After` when denied.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use crate::ratelimit::{Decision, WINDOW_SECS};

static LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
static REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
static RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
static POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");
static RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");

/// Adds the rate-limit headers of `decision` under `policy` (free, pro, anonymous).
pub fn apply(headers: &mut HeaderMap, policy: &str, decision: &Decision, now_secs: u64) {
    let seconds_to_reset = decision.reset_at.saturating_sub(now_secs);
    headers.reserve(6);
    headers.insert(LIMIT.clone(), HeaderValue::from(decision.limit));
    headers.insert(REMAINING.clone(), HeaderValue::from(decision.remaining));
    headers.insert(RESET.clone(), HeaderValue::from(decision.reset_at));
    let policy_value = format!("\"{policy}\";q={};w={WINDOW_SECS}", decision.limit);
    let current = format!("\"{policy}\";r={};t={seconds_to_reset}", decision.remaining);
    for (name, value) in [(&POLICY, policy_value), (&RATELIMIT, current)] {
        if let Ok(value) = HeaderValue::try_from(value) {
            headers.insert(name.clone(), value);
        }
    }
    if !decision.allowed {
        headers.insert(axum::http::header::RETRY_AFTER, HeaderValue::from(decision.retry_after.max(1)));
    }
}
