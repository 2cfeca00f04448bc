//! Rate-limit response headers: the classic `X-RateLimit-*` trio and the IETF draft's
//! `RateLimit-Policy` / `RateLimit`, plus `Retry-After` when denied.

use std::cell::RefCell;

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use crate::ratelimit::{Decision, WINDOW_SECS};

static LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
static REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
static RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
static POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");
static RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");

/// Adds the rate-limit headers of `decision` under `policy` (free, pro, anonymous).
pub fn apply(headers: &mut HeaderMap, policy: &'static str, decision: &Decision, now_secs: u64) {
    let seconds_to_reset = decision.reset_at.saturating_sub(now_secs);
    headers.reserve(6);
    headers.insert(LIMIT.clone(), HeaderValue::from(decision.limit));
    headers.insert(REMAINING.clone(), HeaderValue::from(decision.remaining));
    headers.insert(RESET.clone(), HeaderValue::from(decision.reset_at));
    headers.insert(POLICY.clone(), policy_value(policy, decision.limit));
    let current = structured_item(policy, ("r", decision.remaining.into()), ("t", seconds_to_reset));
    if let Ok(value) = HeaderValue::try_from(current) {
        headers.insert(RATELIMIT.clone(), value);
    }
    if !decision.allowed {
        headers.insert(axum::http::header::RETRY_AFTER, HeaderValue::from(decision.retry_after.max(1)));
    }
}

/// `"free";q=200;w=60`. A thread mostly serves callers of one plan, so the last value made
/// on each thread is kept.
fn policy_value(policy: &'static str, limit: u32) -> HeaderValue {
    thread_local! {
        static LAST: RefCell<Option<(&'static str, u32, HeaderValue)>> = const { RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| match last {
        Some((p, l, value)) if *p == policy && *l == limit => value.clone(),
        _ => {
            let item = structured_item(policy, ("q", limit.into()), ("w", WINDOW_SECS));
            let value =
                HeaderValue::try_from(item).unwrap_or_else(|_| HeaderValue::from_static("\"policy\""));
            *last = Some((policy, limit, value.clone()));
            value
        }
    })
}

/// `"policy";a=1;b=2` — written without the formatting machinery: this runs on every call.
fn structured_item(policy: &str, (a, a_value): (&str, u64), (b, b_value): (&str, u64)) -> String {
    let mut numbers = itoa::Buffer::new();
    let mut item = String::with_capacity(policy.len() + 32);
    item.push('"');
    item.push_str(policy);
    item.push_str("\";");
    item.push_str(a);
    item.push('=');
    item.push_str(numbers.format(a_value));
    item.push(';');
    item.push_str(b);
    item.push('=');
    item.push_str(numbers.format(b_value));
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_structured_field_items() {
        assert_eq!(structured_item("free", ("q", 200), ("w", 60)), "\"free\";q=200;w=60");
        assert_eq!(structured_item("pro", ("r", 0), ("t", 17)), "\"pro\";r=0;t=17");
    }
}
