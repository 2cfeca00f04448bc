//! `/auth`: sign in and sign up, with plain form posts that work without JavaScript.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use uuid::Uuid;

use super::forms::{local_path, FormBody};
use super::layout::{notice, Layout};
use super::page::{Page, PageError};
use super::viewer::Viewer;
use crate::api::auth::{check_credentials, create_account, end_session, start_session};
use crate::api::extract::ClientAddr;
use crate::error::ApiResult;
use crate::state::AppState;

/// The sign-in or sign-up form, with the error of the last attempt.
#[derive(Template)]
#[template(path = "auth.html")]
pub struct AuthPage {
    layout: Layout,
    signup: bool,
    next: String,
    email: String,
    error: Option<String>,
    notice: Option<&'static str>,
    free_limit: u32,
}

impl AuthPage {
    fn new(state: &AppState, signup: bool, next: String) -> Self {
        Self {
            layout: Layout::new(if signup { "Sign up" } else { "Sign in" }, false),
            signup,
            next,
            email: String::new(),
            error: None,
            notice: None,
            free_limit: state.settings.free_rate_limit,
        }
    }
}

/// `?mode=signup`, `?next=/path` and `?done=…` of `/auth`.
#[derive(Deserialize)]
pub struct AuthQuery {
    mode: Option<String>,
    next: Option<String>,
    done: Option<String>,
}

/// `GET /auth`: signed-in visitors go straight on to `next`.
pub async fn show(State(state): State<AppState>, viewer: Viewer, Query(query): Query<AuthQuery>) -> Response {
    let next = local_path(query.next.as_deref()).to_owned();
    if viewer.signed_in() {
        return Redirect::to(&next).into_response();
    }
    let signup = query.mode.as_deref() == Some("signup");
    let page = AuthPage { notice: notice(query.done.as_deref()), ..AuthPage::new(&state, signup, next) };
    Page::new(page).into_response()
}

/// The fields of both forms; missing ones are empty, so they get the API's messages.
#[derive(Deserialize)]
pub struct CredentialsForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// `POST /auth/login`.
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    jar: CookieJar,
    FormBody(form): FormBody<CredentialsForm>,
) -> Result<Response, PageError> {
    let result = check_credentials(&state, addr, &form.email, &form.password).await;
    sign_in_or_retry(&state, jar, result, form, false).await
}

/// `POST /auth/signup`.
pub async fn signup(
    State(state): State<AppState>,
    jar: CookieJar,
    FormBody(form): FormBody<CredentialsForm>,
) -> Result<Response, PageError> {
    let result = create_account(&state, &form.email, &form.password).await;
    sign_in_or_retry(&state, jar, result, form, true).await
}

/// Starts a session and redirects, or shows the form again with the API's message.
async fn sign_in_or_retry(
    state: &AppState,
    jar: CookieJar,
    result: ApiResult<Uuid>,
    form: CredentialsForm,
    signup: bool,
) -> Result<Response, PageError> {
    let next = local_path(form.next.as_deref()).to_owned();
    let error = match result {
        Ok(user_id) => {
            let jar = start_session(state, jar, user_id).await?;
            return Ok((jar, Redirect::to(&next)).into_response());
        }
        Err(e) if e.status.is_client_error() => e,
        Err(e) => return Err(PageError(e)),
    };
    let message = Some(error.message.to_string());
    let page = AuthPage { email: form.email, error: message, ..AuthPage::new(state, signup, next) };
    let mut response = Page::new(page).status(error.status).no_store().into_response();
    if let Some(seconds) = error.retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    Ok(response)
}

/// `POST /auth/logout`: ends this session and goes home.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<impl IntoResponse, PageError> {
    let jar = end_session(&state, &headers, jar).await?;
    Ok((jar, Redirect::to("/?done=signed-out")))
}
