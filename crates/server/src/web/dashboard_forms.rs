//! The dashboard's form posts: keys, password, sessions, account deletion. Each one runs
//! the JSON API's logic, then redirects, or shows the dashboard again with the outcome.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::dashboard::{page, Message};
use super::forms::FormBody;
use super::page::{Page, PageError};
use super::viewer::SignedIn;
use crate::api::account::{delete_account, set_password};
use crate::api::api_keys::{create_key, delete_key};
use crate::api::extract::CurrentSession;
use crate::auth::session;
use crate::error::ApiError;
use crate::state::AppState;

/// The create-key form.
#[derive(Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    label: String,
}

/// `POST /dashboard/keys`: the new key is in this response's page only (never in a URL).
pub async fn create(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    FormBody(form): FormBody<KeyForm>,
) -> Result<Response, PageError> {
    let label = Some(form.label.as_str()).filter(|l| !l.trim().is_empty());
    match create_key(&state, session.user_id, label).await {
        Ok(key) => {
            let dashboard = page(&state, &session, Some(key), None).await?;
            Ok(Page::new(dashboard).status(StatusCode::CREATED).no_store().into_response())
        }
        Err(e) => retry(&state, &session, "keys", e).await,
    }
}

/// `POST /dashboard/keys/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    match delete_key(&state, session.user_id, &id).await {
        Ok(()) => Ok(Redirect::to("/dashboard?done=key-deleted").into_response()),
        Err(e) => retry(&state, &session, "keys", e).await,
    }
}

/// The change-password form.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// `POST /dashboard/password`.
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    FormBody(form): FormBody<PasswordForm>,
) -> Result<Response, PageError> {
    match set_password(&state, &session, &form.current_password, &form.new_password).await {
        Ok(()) => Ok(Redirect::to("/dashboard?done=password-changed").into_response()),
        Err(e) => retry(&state, &session, "password", e).await,
    }
}

/// `POST /dashboard/sessions/revoke`: signs out every session of the account, this one too.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    jar: CookieJar,
) -> Result<Response, PageError> {
    state.store.delete_other_sessions(session.user_id, None).await?;
    let jar = jar.add(session::removal_cookie(state.settings.secure_cookies()));
    Ok((jar, Redirect::to("/auth?done=signed-out-everywhere")).into_response())
}

/// The delete-account form.
#[derive(Deserialize)]
pub struct DeleteAccountForm {
    #[serde(default)]
    password: String,
}

/// `POST /dashboard/delete-account`.
pub async fn delete_everything(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    jar: CookieJar,
    FormBody(form): FormBody<DeleteAccountForm>,
) -> Result<Response, PageError> {
    match delete_account(&state, session.user_id, &form.password).await {
        Ok(()) => {
            let jar = jar.add(session::removal_cookie(state.settings.secure_cookies()));
            Ok((jar, Redirect::to("/?done=account-deleted")).into_response())
        }
        Err(e) => retry(&state, &session, "delete", e).await,
    }
}

/// The dashboard again, with a client error beside the form of `section`; other errors
/// get the error page.
pub(super) async fn retry(
    state: &AppState,
    session: &CurrentSession,
    section: &'static str,
    error: ApiError,
) -> Result<Response, PageError> {
    if !error.status.is_client_error() {
        return Err(PageError(error));
    }
    let message = Message { section, text: error.message.to_string() };
    let dashboard = page(state, session, None, Some(message)).await?;
    Ok(Page::new(dashboard).status(error.status).no_store().into_response())
}
