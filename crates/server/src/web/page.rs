//! HTML responses: rendered templates with the site's security headers, and error pages.

use std::sync::Arc;

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::layout::Layout;
use crate::error::{ApiError, ErrorCause};

/// Pages load everything from our own origin; no inline scripts or styles.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; \
     form-action 'self' https://checkout.stripe.com https://billing.stripe.com";

/// A template rendered as an HTML response.
pub struct Page<T> {
    status: StatusCode,
    template: T,
    cache_control: &'static str,
}

impl<T: Template> Page<T> {
    /// A 200 page that browsers may keep but must revalidate.
    pub fn new(template: T) -> Self {
        // Pages differ per session, so only the browser may keep them, and must revalidate.
        Self { status: StatusCode::OK, template, cache_control: "private, no-cache" }
    }

    /// The same page with another status (an error re-rendered on its form, a 404).
    pub fn status(self, status: StatusCode) -> Self {
        Self { status, ..self }
    }

    /// For pages with account data or a new key: never written to any cache.
    pub fn no_store(self) -> Self {
        Self { cache_control: "no-store", ..self }
    }
}

impl<T: Template> IntoResponse for Page<T> {
    fn into_response(self) -> Response {
        let html = match self.template.render() {
            Ok(html) => html,
            Err(e) => return ApiError::internal(anyhow::anyhow!("template: {e}")).into_response(),
        };
        let mut response = (self.status, html).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(self.cache_control));
        response
    }
}

/// The error page: status, a title and what to do next.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub heading: &'static str,
    pub message: String,
}

impl ErrorPage {
    /// The page for `error`, with its message (5xx messages never carry details).
    pub fn for_error(layout: Layout, error: &ApiError) -> Self {
        let heading = match error.status.as_u16() {
            404 => "Page not found",
            403 => "Request refused",
            429 => "Too many requests",
            400..=499 => "Something is wrong with this request",
            _ => "Something went wrong",
        };
        Self { layout, status: error.status.as_u16(), heading, message: error.message.to_string() }
    }
}

/// A failure while building a page, answered with the HTML error page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> Self {
        Self(error)
    }
}

impl From<crate::store::StoreError> for PageError {
    fn from(error: crate::store::StoreError) -> Self {
        Self(error.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let ApiError { status, internal, retry_after, .. } = &self.0;
        let page = ErrorPage::for_error(Layout::new("Error", false), &self.0);
        let mut response = Page::new(page).status(*status).no_store().into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*seconds));
        }
        if let Some(cause) = internal {
            response.extensions_mut().insert(ErrorCause(Arc::new(format!("{cause:#}"))));
        }
        response
    }
}
