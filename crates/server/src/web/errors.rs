//! Unknown addresses: an HTML page for browsers, the JSON error for API clients.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::layout::Layout;
use super::page::{ErrorPage, Page};
use super::viewer::Viewer;
use crate::error::{ApiError, ErrorCause};

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

/// True for a browser navigating to a page (not an API path): such requests get the
/// site's HTML error page where the answer would be a JSON error.
pub fn is_page_navigation(request: &Request) -> bool {
    wants_html(request.headers()) && !request.uri().path().starts_with("/api/")
}

/// A JSON error without a page of its own (405, a panic's 500, 503) as the site's HTML
/// error page; any other response as it is.
pub fn html_error_page(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !is_json || !(status == StatusCode::METHOD_NOT_ALLOWED || status.is_server_error()) {
        return response;
    }
    let message = match status {
        StatusCode::METHOD_NOT_ALLOWED => "This address does not accept that kind of request.",
        _ => "Something went wrong on our side; please try again in a moment.",
    };
    let error = ApiError::new(status, "error", message);
    let page = ErrorPage::for_error(Layout::new("Error", false), &error);
    let mut html = Page::new(page).status(status).no_store().into_response();
    if let Some(cause) = response.extensions().get::<ErrorCause>() {
        html.extensions_mut().insert(cause.clone());
    }
    html
}
