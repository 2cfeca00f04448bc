//! The signed-in account: view, change password, delete.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use uuid::Uuid;

use super::account_view::AccountView;
use super::auth::{account_view, refuse_if_throttled};
use super::extract::{AppJson, CurrentSession};
use crate::auth::session;
use crate::domain::NewPassword;
use crate::error::{ApiError, ApiResult};
use crate::invalidation::Invalidation;
use crate::state::{AppState, MAX_FAILURES_PER_EMAIL};

/// `GET /api/account`.
pub async fn show(State(state): State<AppState>, session: CurrentSession) -> ApiResult<Json<AccountView>> {
    Ok(Json(account_view(&state, session.user_id).await?))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangePasswordBody {
    current_password: String,
    new_password: String,
}

/// `POST /api/account/password`: needs the current password; ends every other session.
pub async fn change_password(
    State(state): State<AppState>,
    session: CurrentSession,
    AppJson(body): AppJson<ChangePasswordBody>,
) -> ApiResult<StatusCode> {
    let new_password =
        NewPassword::parse(&body.new_password, "newPassword").map_err(ApiError::invalid_field)?;
    confirm_password(&state, session.user_id, &body.current_password).await?;
    let hash = state.passwords.hash(new_password.expose()).await?;
    state.store.set_password_hash(session.user_id, &hash).await?;
    state.store.delete_other_sessions(session.user_id, Some(&session.token_hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteAccountBody {
    password: String,
}

/// `DELETE /api/account`: removes the user with profile, keys, sessions and usage.
pub async fn delete(
    State(state): State<AppState>,
    session: CurrentSession,
    jar: CookieJar,
    AppJson(body): AppJson<DeleteAccountBody>,
) -> ApiResult<impl IntoResponse> {
    confirm_password(&state, session.user_id, &body.password).await?;
    state.store.delete_user(session.user_id).await?;
    state.invalidate(Invalidation::User(session.user_id)).await;
    let jar = jar.add(session::removal_cookie(state.settings.secure_cookies()));
    Ok((StatusCode::NO_CONTENT, jar))
}

/// Checks the signed-in user's password, throttled like logins.
async fn confirm_password(state: &AppState, user_id: Uuid, password: &str) -> ApiResult<()> {
    let key = format!("user:{user_id}");
    refuse_if_throttled(state, &[(&key, MAX_FAILURES_PER_EMAIL)])?;
    let stored = state.store.password_hash(user_id).await?.ok_or_else(ApiError::not_signed_in)?;
    if state.passwords.verify(password, Some(stored)).await? {
        return Ok(());
    }
    state.login_failures.record_failure(&key, MAX_FAILURES_PER_EMAIL);
    Err(ApiError::new(StatusCode::FORBIDDEN, "wrong_password", "The current password is incorrect."))
}
