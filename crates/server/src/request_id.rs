//! Request ids: a random per-process prefix and a counter (`3f9a1c0e-1b2`), unique across
//! instances and far cheaper than a UUID per request. A client's own `X-Request-Id` is kept.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};

#[derive(Clone)]
pub struct SequentialRequestId {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl Default for SequentialRequestId {
    fn default() -> Self {
        let prefix = hex::encode(crate::keys::random_bytes::<4>());
        Self { prefix: prefix.into(), next: Arc::default() }
    }
}

impl MakeRequestId for SequentialRequestId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::try_from(format!("{}-{n:x}", self.prefix)).ok().map(RequestId::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_and_share_the_process_prefix() {
        let mut ids = SequentialRequestId::default();
        let request = Request::new(());
        let a = ids.make_request_id(&request).unwrap().header_value().to_str().unwrap().to_owned();
        let b = ids.make_request_id(&request).unwrap().header_value().to_str().unwrap().to_owned();
        assert_ne!(a, b);
        assert_eq!(a.split('-').next(), b.split('-').next());
        assert_eq!(a.len(), 10);
    }
}
