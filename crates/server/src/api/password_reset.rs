//! Password reset by email: ask for a link, then set a new password with it.
//!
//! Asking always answers the same, whether an account exists or not. A link holds a
//! 256-bit token (stored as SHA-256), works once, for 30 minutes; an account gets at
//! most one mail a minute. Setting a new password ends every session of the account.

use std::net::IpAddr;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Duration;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::extract::{AppJson, ClientAddr};
use crate::auth::session;
use crate::domain::{Email, NewPassword};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::keys;
use crate::mail::OutgoingMail;
use crate::state::AppState;
use crate::store::now;

/// How long a reset link works.
pub const LINK_LIFETIME: Duration = Duration::minutes(30);
/// An account is sent at most one reset mail per this interval.
pub const MAIL_INTERVAL: Duration = Duration::minutes(1);
/// Reset requests one client address may make per minute (so one address cannot make
/// the server mail many accounts); shared across instances when Redis is configured.
pub const REQUESTS_PER_ADDRESS: u32 = 10;
/// What `POST /api/auth/password-reset` always answers.
pub const REQUESTED_MESSAGE: &str =
    "If an account uses this email, a link to reset its password is on its way. It works once, for 30 minutes.";

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequestBody {
    /// The account's email address.
    #[schema(example = "ada@example.com", format = Email, max_length = 254)]
    email: String,
}

/// The answer to every well-formed reset request.
#[derive(Serialize, ToSchema)]
pub struct ResetRequested {
    #[schema(example = json!(REQUESTED_MESSAGE))]
    message: &'static str,
}

/// `POST /api/auth/password-reset`: mails a reset link; 202 whether or not the account exists.
#[utoipa::path(post, operation_id = "request_password_reset", path = "/api/auth/password-reset", tag = "auth", request_body = ResetRequestBody,
    responses(
        (status = 202, description = "The same answer whether or not an account uses this email; \
            an account gets at most one mail a minute.", body = ResetRequested),
        (status = 429, description = "`too_many_requests`: more than 10 requests a minute from this address.",
            body = ErrorBody, headers(("retry-after" = u64, description = "Seconds to wait."))),
    ))]
pub async fn request(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    AppJson(body): AppJson<ResetRequestBody>,
) -> ApiResult<(StatusCode, Json<ResetRequested>)> {
    send_reset_link(&state, addr, &body.email).await?;
    Ok((StatusCode::ACCEPTED, Json(ResetRequested { message: REQUESTED_MESSAGE })))
}

/// Mails a reset link if `email` has an account that was not sent one in the last
/// minute (shared with the web form). Only a malformed address, or too many requests
/// from `addr`, is an error.
pub async fn send_reset_link(state: &AppState, addr: IpAddr, email: &str) -> ApiResult<()> {
    let email = Email::parse(email).map_err(ApiError::invalid_field)?;
    let decision = state.limiter.check(&format!("reset:{addr}"), REQUESTS_PER_ADDRESS, 1).await;
    if !decision.allowed {
        return Err(ApiError::too_many_requests(
            "too_many_requests",
            "Too many password reset requests from this address; wait a minute.",
            decision.retry_after,
        ));
    }
    let Some(account) = state.store.credentials_by_email(email.as_str()).await? else {
        return Ok(());
    };
    let token = session::new_token();
    let created_at = now();
    let expires_at = created_at + LINK_LIFETIME;
    let paced_since = created_at - MAIL_INTERVAL;
    let token_hash = keys::hash(&token);
    if state.store.create_password_reset(account.id, &token_hash, created_at, expires_at, paced_since).await?
    {
        deliver(state, email.as_str(), &reset_link(state, &token))?;
    }
    Ok(())
}

/// `{APP_URL}/auth/reset?token=…` (the token is base64url: nothing to escape).
pub fn reset_link(state: &AppState, token: &str) -> String {
    format!("{}/auth/reset?token={token}", state.settings.app_url.as_str().trim_end_matches('/'))
}

/// Sends the mail in the background, so the answer takes as long for unknown addresses;
/// without `SMTP_URL` the link goes to the log (development).
fn deliver(state: &AppState, to: &str, link: &str) -> ApiResult<()> {
    let Some(mailer) = state.mailer.clone() else {
        tracing::info!(to, link, "SMTP_URL is not set: password reset link logged instead of mailed");
        return Ok(());
    };
    let mail = reset_mail(to, link).map_err(ApiError::internal)?;
    tokio::spawn(async move {
        let to = mail.to.clone();
        if let Err(e) = mailer.send(mail).await {
            tracing::warn!(to, error = %format!("{e:#}"), "password reset mail not sent");
        }
    });
    Ok(())
}

#[derive(Template)]
#[template(path = "mail/password_reset.txt")]
struct ResetText<'a> {
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/password_reset.html")]
struct ResetHtml<'a> {
    link: &'a str,
}

fn reset_mail(to: &str, link: &str) -> askama::Result<OutgoingMail> {
    Ok(OutgoingMail {
        to: to.to_owned(),
        subject: "Reset your Tools Hub password".into(),
        text: ResetText { link }.render()?,
        html: ResetHtml { link }.render()?,
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetConfirmBody {
    /// The `token` parameter of the link in the mail.
    #[schema(example = "q3XhT0b1ZpM9m4yJx7rKfV2wL8sN5cD6aE0gH1iJ2kU", pattern = "^[A-Za-z0-9_-]{43}$")]
    token: String,
    /// 8 to 256 characters.
    #[schema(example = "a new long passphrase", min_length = 8, max_length = 256)]
    new_password: String,
}

/// `POST /api/auth/password-reset/confirm`: sets the new password; every session ends.
#[utoipa::path(post, operation_id = "confirm_password_reset", path = "/api/auth/password-reset/confirm", tag = "auth", request_body = ResetConfirmBody,
    responses(
        (status = 204, description = "Password set; every session of the account ended (API keys keep working)."),
        (status = 400, description = "`invalid_token`: the link was used, expired or replaced; \
            or `invalid_json`.", body = ErrorBody),
    ))]
pub async fn confirm(
    State(state): State<AppState>,
    AppJson(body): AppJson<ResetConfirmBody>,
) -> ApiResult<StatusCode> {
    reset_password(&state, &body.token, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Uses up the link's token and sets the password (shared with the web form). API keys
/// keep working; every session of the account ends.
pub async fn reset_password(state: &AppState, token: &str, new_password: &str) -> ApiResult<Uuid> {
    let new_password = NewPassword::parse(new_password, "newPassword").map_err(ApiError::invalid_field)?;
    if !session::is_well_formed(token) {
        return Err(invalid_token());
    }
    let reset = state.store.take_password_reset(&keys::hash(token)).await?.ok_or_else(invalid_token)?;
    if reset.expires_at <= now() {
        return Err(invalid_token());
    }
    let hash = state.passwords.hash(new_password.expose()).await?;
    state.store.set_password_hash(reset.user_id, &hash).await?;
    state.store.delete_other_sessions(reset.user_id, None).await?;
    forget_password_failures(state, reset.user_id).await?;
    Ok(reset.user_id)
}

/// Failed attempts with the old password no longer lock the owner out (this instance's
/// throttle; see docs/decisions.md).
async fn forget_password_failures(state: &AppState, user_id: Uuid) -> ApiResult<()> {
    if let Some(account) = state.store.account(user_id).await? {
        state.login_failures.clear(&format!("email:{}", account.email));
    }
    state.login_failures.clear(&format!("user:{user_id}"));
    Ok(())
}

fn invalid_token() -> ApiError {
    ApiError::bad_request(
        "invalid_token",
        "This reset link is not valid: it was used, has expired or was replaced by a newer one. Ask for a new link.",
    )
}
