//! The signed-in account: view, change password, delete.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::account_view::AccountView;
use super::auth::{account_view, refuse_if_throttled};
use super::extract::{AppJson, CurrentSession};
use crate::auth::session;
use crate::domain::NewPassword;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::invalidation::Invalidation;
use crate::state::{AppState, MAX_FAILURES_PER_EMAIL};

/// `GET /api/account`: the signed-in account.
#[utoipa::path(get, operation_id = "get_account", path = "/api/account", tag = "account", security(("session" = [])),
    responses((status = 200, description = "The signed-in account.", body = AccountView)))]
pub async fn show(State(state): State<AppState>, session: CurrentSession) -> ApiResult<Json<AccountView>> {
    Ok(Json(account_view(&state, session.user_id).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangePasswordBody {
    current_password: String,
    /// 8 to 256 characters.
    #[schema(min_length = 8, max_length = 256)]
    new_password: String,
}

/// `POST /api/account/password`: needs the current password; ends every other session.
#[utoipa::path(post, operation_id = "change_password", path = "/api/account/password", tag = "account", security(("session" = [])),
    request_body = ChangePasswordBody,
    responses(
        (status = 204, description = "Password changed; every other session ended."),
        (status = 403, description = "`wrong_password` (or `cross_origin_request`).", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`: too many wrong passwords.", body = ErrorBody,
            headers(("retry-after" = u64, description = "Seconds to wait."))),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    session: CurrentSession,
    AppJson(body): AppJson<ChangePasswordBody>,
) -> ApiResult<StatusCode> {
    set_password(&state, &session, &body.current_password, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces the password after checking the current one, and ends every other session
/// (the body of change_password, shared with the web form).
pub async fn set_password(
    state: &AppState,
    session: &CurrentSession,
    current_password: &str,
    new_password: &str,
) -> ApiResult<()> {
    let new_password = NewPassword::parse(new_password, "newPassword").map_err(ApiError::invalid_field)?;
    confirm_password(state, session.user_id, current_password).await?;
    let hash = state.passwords.hash(new_password.expose()).await?;
    state.store.set_password_hash(session.user_id, &hash).await?;
    state.store.delete_other_sessions(session.user_id, Some(&session.token_hash)).await?;
    Ok(())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteAccountBody {
    password: String,
}

/// `DELETE /api/account`: removes the user with profile, keys, sessions and usage.
#[utoipa::path(delete, operation_id = "delete_account", path = "/api/account", tag = "account", security(("session" = [])),
    request_body = DeleteAccountBody,
    responses(
        (status = 204, description = "The account and everything in it are gone."),
        (status = 403, description = "`wrong_password` (or `cross_origin_request`).", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`: too many wrong passwords.", body = ErrorBody,
            headers(("retry-after" = u64, description = "Seconds to wait."))),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    session: CurrentSession,
    jar: CookieJar,
    AppJson(body): AppJson<DeleteAccountBody>,
) -> ApiResult<impl IntoResponse> {
    delete_account(&state, session.user_id, &body.password).await?;
    let jar = jar.add(session::removal_cookie(state.settings.secure_cookies()));
    Ok((StatusCode::NO_CONTENT, jar))
}

/// Deletes the account once its password is confirmed (shared with the web form).
pub async fn delete_account(state: &AppState, user_id: Uuid, password: &str) -> ApiResult<()> {
    confirm_password(state, user_id, password).await?;
    state.store.delete_user(user_id).await?;
    state.invalidate(Invalidation::User(user_id)).await;
    Ok(())
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
