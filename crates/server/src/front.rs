//! The one middleware every request passes: a request id, the site's security headers,
//! HTML error pages for browsers, and the access log and metrics. One function rather than
//! a stack of layers: each layer cost a boxed-service clone or another pass over the
//! headers on every tool call.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::telemetry::{self, Finished};
use crate::{request_id, web};

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

const SECURITY_HEADERS: [(HeaderName, &str); 3] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
];

/// Wraps the handling of `request` (see the module docs).
pub async fn front(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request.headers().get(&REQUEST_ID).cloned().unwrap_or_else(request_id::next);
    request.headers_mut().insert(REQUEST_ID.clone(), id.clone());
    let page_navigation = web::is_page_navigation(&request);
    let method = request.method().clone();
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let response = next.run(request).await;
    let mut response = if page_navigation { web::html_error_page(response) } else { response };
    add_security_headers(response.headers_mut());
    telemetry::record(&Finished {
        method: &method,
        route: matched.as_ref().map_or("unmatched", MatchedPath::as_str),
        request_id: id.to_str().unwrap_or("-"),
        latency: started.elapsed(),
        response: &response,
    });
    response.headers_mut().insert(REQUEST_ID.clone(), id);
    response
}

fn add_security_headers(headers: &mut HeaderMap) {
    for (name, value) in &SECURITY_HEADERS {
        headers.entry(name).or_insert_with(|| HeaderValue::from_static(value));
    }
}
