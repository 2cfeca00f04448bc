//! Request ids: a random per-process prefix and a counter (`3f9a1c0e-1b2`), unique across
//! instances and far cheaper than a UUID per request. A client's own `X-Request-Id` is kept.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

use axum::http::HeaderValue;

static PREFIX: LazyLock<String> = LazyLock::new(|| hex::encode(crate::keys::random_bytes::<4>()));
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A new request id.
pub fn next() -> HeaderValue {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    HeaderValue::try_from(format!("{}-{n:x}", *PREFIX))
        .expect("hex digits and a dash are a valid header value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_and_share_the_process_prefix() {
        let (a, b) = (next(), next());
        let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.split('-').next(), b.split('-').next());
        assert_eq!(a.split('-').next().unwrap().len(), 8);
    }
}
