//! `/auth/forgot` (ask for a reset link) and `/auth/reset` (set a new password with it),
//! plain form posts that call the same functions as the JSON API.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::forms::FormBody;
use super::layout::Layout;
use super::page::{Page, PageError};
use crate::api::extract::ClientAddr;
use crate::api::password_reset::{reset_password, send_reset_link, REQUESTED_MESSAGE};
use crate::error::ApiError;
use crate::state::AppState;

/// The "forgot password" form, or the confirmation that a link is on its way.
#[derive(Template)]
#[template(path = "forgot.html")]
pub struct ForgotPage {
    layout: Layout,
    email: String,
    sent: bool,
    sent_message: &'static str,
    error: Option<String>,
}

impl ForgotPage {
    fn new(email: String, sent: bool, error: Option<String>) -> Self {
        let layout = Layout::new("Forgot password", false);
        Self { layout, email, sent, sent_message: REQUESTED_MESSAGE, error }
    }
}

/// `GET /auth/forgot`.
pub async fn show_forgot() -> Response {
    Page::new(ForgotPage::new(String::new(), false, None)).into_response()
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /auth/forgot`: the same answer whether or not the account exists.
pub async fn forgot(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    FormBody(form): FormBody<ForgotForm>,
) -> Result<Response, PageError> {
    match send_reset_link(&state, addr, &form.email).await {
        Ok(()) => Ok(Page::new(ForgotPage::new(String::new(), true, None)).no_store().into_response()),
        Err(e) => retry(ForgotPage::new(form.email, false, Some(e.message.to_string())), e),
    }
}

/// The new-password form for the token of a mailed link.
#[derive(Template)]
#[template(path = "reset.html")]
pub struct ResetPage {
    layout: Layout,
    token: String,
    error: Option<String>,
}

impl ResetPage {
    fn new(token: String, error: Option<String>) -> Self {
        Self { layout: Layout::new("Choose a new password", false), token, error }
    }
}

#[derive(Deserialize)]
pub struct ResetQuery {
    token: Option<String>,
}

/// `GET /auth/reset?token=…`: the token is checked when the form is sent.
pub async fn show_reset(Query(query): Query<ResetQuery>) -> Response {
    let token = query.token.unwrap_or_default();
    Page::new(ResetPage::new(token, None)).no_store().into_response()
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    new_password: String,
}

/// `POST /auth/reset`: sets the password, then on to sign in with it.
pub async fn reset(
    State(state): State<AppState>,
    FormBody(form): FormBody<ResetForm>,
) -> Result<Response, PageError> {
    match reset_password(&state, &form.token, &form.new_password).await {
        Ok(_) => Ok(Redirect::to("/auth?done=password-reset").into_response()),
        Err(e) => retry(ResetPage::new(form.token, Some(e.message.to_string())), e),
    }
}

/// The form again with the API's message, or the error page for a server failure.
fn retry<T: Template>(page: T, error: ApiError) -> Result<Response, PageError> {
    if !error.status.is_client_error() {
        return Err(PageError(error));
    }
    let mut response = Page::new(page).status(error.status).no_store().into_response();
    if let Some(seconds) = error.retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    Ok(response)
}
