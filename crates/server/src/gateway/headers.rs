//! Rate-limit response headers: the classic `X-RateLimit-*` trio and the IETF draft's
//! `RateLimit-Policy` / `RateLimit`, plus `Retry-After` when denied.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use crate::ratelimit::{Decision, WINDOW_SECS};

/// Adds the rate-limit headers of `decision` under `policy` (free, pro, anonymous).
pub fn apply(headers: &mut HeaderMap, policy: &str, decision: &Decision, now_secs: u64) {
    let seconds_to_reset = decision.reset_at.saturating_sub(now_secs);
    let mut set = |name: &'static str, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    };
    set("x-ratelimit-limit", decision.limit.to_string());
    set("x-ratelimit-remaining", decision.remaining.to_string());
    set("x-ratelimit-reset", decision.reset_at.to_string());
    set("ratelimit-policy", format!("\"{policy}\";q={};w={WINDOW_SECS}", decision.limit));
    set("ratelimit", format!("\"{policy}\";r={};t={seconds_to_reset}", decision.remaining));
    if !decision.allowed {
        set("retry-after", decision.retry_after.max(1).to_string());
    }
}
