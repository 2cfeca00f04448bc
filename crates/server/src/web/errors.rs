//! Unknown addresses: an HTML page for browsers, the JSON error for API clients.

use axum::http::{header, HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};

use super::layout::Layout;
use super::page::{ErrorPage, Page};
use super::viewer::Viewer;
use crate::error::ApiError;

/// The router's fallback.
pub async fn not_found(viewer: Viewer, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if !wants_html(&headers) {
        return ApiError::not_found(format!("No route for {method} {}.", uri.path())).into_response();
    }
    let error = ApiError::not_found("There is no page at this address. The tools are listed on the left.");
    let page = ErrorPage::for_error(Layout::new("Page not found", viewer.signed_in()), &error);
    Page::new(page).status(error.status).into_response()
}

/// True when the client asks for HTML, as browsers do when they navigate.
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}
