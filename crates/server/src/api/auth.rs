//! Sign up, log in, log out.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::account_view::AccountView;
use super::extract::{session_token_hash, AppJson, ClientAddr};
use crate::auth::session;
use crate::domain::{Email, NewPassword};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::state::{AppState, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL};
use crate::store::{now, NewUser, StoreError};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialsBody {
    #[schema(example = "ada@example.com", format = Email, max_length = 254)]
    email: String,
    /// 8 to 256 characters.
    #[schema(example = "correct horse battery", min_length = 8, max_length = 256)]
    password: String,
}

/// `POST /api/auth/signup`: creates a free account and signs it in.
#[utoipa::path(post, operation_id = "signup", path = "/api/auth/signup", tag = "auth", request_body = CredentialsBody,
    responses(
        (status = 201, description = "Account created and signed in.", body = AccountView,
            headers(("set-cookie" = String, description = "The session cookie `toolshub_session`."))),
        (status = 409, description = "`email_taken`: an account already uses this email.", body = ErrorBody),
    ))]
pub async fn signup(
    State(state): State<AppState>,
    jar: CookieJar,
    AppJson(body): AppJson<CredentialsBody>,
) -> ApiResult<impl IntoResponse> {
    let user_id = create_account(&state, &body.email, &body.password).await?;
    let jar = start_session(&state, jar, user_id).await?;
    Ok((StatusCode::CREATED, jar, Json(account_view(&state, user_id).await?)))
}

/// Creates a free account (the body of signup, shared with the web form).
pub async fn create_account(state: &AppState, email: &str, password: &str) -> ApiResult<Uuid> {
    let email = Email::parse(email).map_err(ApiError::invalid_field)?;
    let password = NewPassword::parse(password, "password").map_err(ApiError::invalid_field)?;
    let user = NewUser {
        id: Uuid::new_v4(),
        email: email.as_str().to_owned(),
        password_hash: state.passwords.hash(password.expose()).await?,
        rate_limit: state.settings.free_rate_limit,
        created_at: now(),
    };
    state.store.create_user(&user).await.map_err(|e| match e {
        StoreError::Conflict("email") => {
            ApiError::conflict("email_taken", "An account with this email already exists; sign in instead.")
        }
        other => other.into(),
    })?;
    Ok(user.id)
}

/// `POST /api/auth/login`: checks the password and starts a new session.
#[utoipa::path(post, operation_id = "login", path = "/api/auth/login", tag = "auth", request_body = CredentialsBody,
    responses(
        (status = 200, description = "Signed in: a new session.", body = AccountView,
            headers(("set-cookie" = String, description = "The session cookie `toolshub_session`."))),
        (status = 401, description = "`invalid_credentials`: wrong email or password.", body = ErrorBody),
        (status = 429, description = "`too_many_attempts`: too many failures for this email or address.", body = ErrorBody,
            headers(("retry-after" = u64, description = "Seconds to wait."))),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    jar: CookieJar,
    AppJson(body): AppJson<CredentialsBody>,
) -> ApiResult<impl IntoResponse> {
    let user_id = check_credentials(&state, addr, &body.email, &body.password).await?;
    let jar = start_session(&state, jar, user_id).await?;
    Ok((jar, Json(account_view(&state, user_id).await?)))
}

/// The account whose password this is, throttled per email and per address (the body of
/// login, shared with the web form).
pub async fn check_credentials(
    state: &AppState,
    addr: IpAddr,
    email: &str,
    password: &str,
) -> ApiResult<Uuid> {
    let email = email.trim().to_lowercase();
    let (email_key, addr_key) = (format!("email:{email}"), format!("addr:{addr}"));
    refuse_if_throttled(
        state,
        &[(&email_key, MAX_FAILURES_PER_EMAIL), (&addr_key, MAX_FAILURES_PER_ADDRESS)],
    )?;
    let credentials = state.store.credentials_by_email(&email).await?;
    let user_id = credentials.as_ref().map(|c| c.id);
    let verified = state.passwords.verify(password, credentials.map(|c| c.password_hash)).await?;
    let Some(user_id) = user_id.filter(|_| verified) else {
        state.login_failures.record_failure(&email_key, MAX_FAILURES_PER_EMAIL);
        state.login_failures.record_failure(&addr_key, MAX_FAILURES_PER_ADDRESS);
        return Err(ApiError::unauthorized("invalid_credentials", "The email or password is incorrect."));
    };
    state.login_failures.clear(&email_key);
    Ok(user_id)
}

/// `POST /api/auth/logout`: ends this session (if any) and clears the cookie.
#[utoipa::path(post, operation_id = "logout", path = "/api/auth/logout", tag = "auth", security((), ("session" = [])),
    responses((status = 204, description = "Signed out (also when there was no session).")))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
) -> ApiResult<impl IntoResponse> {
    Ok((StatusCode::NO_CONTENT, end_session(&state, &headers, jar).await?))
}

/// Deletes the request's session, if any, and returns the jar that clears the cookie.
pub async fn end_session(state: &AppState, headers: &HeaderMap, jar: CookieJar) -> ApiResult<CookieJar> {
    if let Some(token_hash) = session_token_hash(headers) {
        state.store.delete_session(&token_hash).await?;
    }
    Ok(jar.add(session::removal_cookie(state.settings.secure_cookies())))
}

/// Refuses with 429 when any of `keys` has too many recent password failures.
pub fn refuse_if_throttled(state: &AppState, keys: &[(&str, usize)]) -> ApiResult<()> {
    let wait = keys.iter().filter_map(|(key, max)| state.login_failures.retry_after(key, *max)).max();
    match wait {
        Some(wait) => Err(ApiError::too_many_requests(
            "too_many_attempts",
            "Too many failed password attempts; wait before trying again.",
            wait.as_secs_f64().ceil() as u64,
        )),
        None => Ok(()),
    }
}

/// Starts a new session for `user_id` and adds its cookie to `jar`.
pub async fn start_session(state: &AppState, jar: CookieJar, user_id: Uuid) -> ApiResult<CookieJar> {
    let token = session::new_token();
    let created_at = now();
    let expires_at = created_at + session::LIFETIME;
    state.store.create_session(&crate::keys::hash(&token), user_id, created_at, expires_at).await?;
    Ok(jar.add(session::cookie(token, expires_at, state.settings.secure_cookies())))
}

/// The account as the API shows it.
pub async fn account_view(state: &AppState, user_id: Uuid) -> ApiResult<AccountView> {
    let account = state.store.account(user_id).await?.ok_or_else(ApiError::not_signed_in)?;
    Ok(AccountView::new(account, state.settings.stripe.enabled()))
}
