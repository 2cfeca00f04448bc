//! Who is calling a tool: an API key, a signed-in browser, or an anonymous visitor of
//! our own pages; and which limit applies to them.

use std::net::IpAddr;

use axum::http::{header, HeaderMap, Method};
use uuid::Uuid;

use crate::api::extract::session_token_hash;
use crate::auth::csrf;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{now, KeyOwner};
use crate::{keys, metrics};

/// Look-ups of unknown keys allowed per client address per minute; beyond, requests with
/// uncached keys are refused before they reach storage.
pub const KEY_FAILURES_PER_ADDRESS: u32 = 60;

/// The identity a tool call is metered against.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Rate-limit subject: `user:<id>` (every key and session of an account share it)
    /// or `anon:<address>`.
    pub subject: String,
    pub limit: u32,
    /// Name of the policy in the `RateLimit-Policy` header: free, pro or anonymous.
    pub policy: &'static str,
    /// The key used, for usage accounting.
    pub key_id: Option<Uuid>,
    /// The account, when the caller has one.
    pub user_id: Option<Uuid>,
}

impl Caller {
    fn account(owner: &KeyOwner, key_id: Option<Uuid>) -> Self {
        Self {
            subject: format!("user:{}", owner.user_id),
            limit: u32::try_from(owner.rate_limit).unwrap_or(1),
            policy: owner.plan.as_str(),
            key_id,
            user_id: Some(owner.user_id),
        }
    }
}

/// Identifies the caller from the request headers.
pub async fn identify(
    state: &AppState,
    method: &Method,
    headers: &HeaderMap,
    addr: IpAddr,
) -> ApiResult<Caller> {
    if let Some(authorization) = headers.get(header::AUTHORIZATION) {
        let key = bearer_token(authorization.to_str().unwrap_or_default())?;
        let owner = owner_of_key(state, key, addr).await?;
        return Ok(Caller::account(&owner, Some(owner.key_id)));
    }
    if let Some(token_hash) = session_token_hash(headers) {
        if let Some(caller) = session_caller(state, method, headers, &token_hash).await? {
            return Ok(caller);
        }
    }
    if csrf::is_same_origin(headers, &state.settings.app_origin()) {
        let limit = state.settings.anon_rate_limit;
        return Ok(Caller {
            subject: format!("anon:{addr}"),
            limit,
            policy: "anonymous",
            key_id: None,
            user_id: None,
        });
    }
    Err(missing_key(state))
}

fn bearer_token(value: &str) -> ApiResult<&str> {
    let (scheme, token) = value.trim().split_once(' ').unwrap_or((value, ""));
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || !keys::is_well_formed(token) {
        return Err(invalid_key(
            "Send the key as `Authorization: Bearer pk_…` (pk_ followed by 32 hex characters).",
        ));
    }
    Ok(token)
}

async fn owner_of_key(state: &AppState, key: &str, addr: IpAddr) -> ApiResult<KeyOwner> {
    let key_hash = keys::hash(key);
    if let Some(owner) = state.key_cache.get(&key_hash) {
        metrics::record_key_cache(true);
        return Ok(owner);
    }
    metrics::record_key_cache(false);
    let failures = format!("keyfail:{addr}");
    // Cost 0 only looks: allowed while fewer than the maximum failures were counted.
    let room = state.limiter.check(&failures, KEY_FAILURES_PER_ADDRESS - 1, 0).await;
    if !room.allowed {
        return Err(ApiError::too_many_requests(
            "too_many_invalid_keys",
            "Too many requests with unknown API keys from this address; wait before retrying.",
            room.retry_after,
        ));
    }
    let generation = state.key_cache.generation();
    let owner = state.store.key_owner(&key_hash).await?;
    let Some(owner) = owner else {
        state.limiter.check(&failures, KEY_FAILURES_PER_ADDRESS, 1).await;
        return Err(invalid_key("This API key is not valid: it may have been deleted."));
    };
    state.key_cache.insert(key_hash, owner.clone(), generation);
    Ok(owner)
}

/// The signed-in account, if the cookie holds a live session. Cross-site use is refused.
async fn session_caller(
    state: &AppState,
    method: &Method,
    headers: &HeaderMap,
    token_hash: &str,
) -> ApiResult<Option<Caller>> {
    if !csrf::allows(method, headers, &state.settings.app_origin()) {
        return Err(ApiError::cross_origin());
    }
    let Some(session) = state.store.session(token_hash).await? else { return Ok(None) };
    if session.expires_at <= now() {
        return Ok(None);
    }
    let Some(account) = state.store.account(session.user_id).await? else { return Ok(None) };
    let owner = KeyOwner {
        key_id: Uuid::nil(),
        user_id: account.id,
        plan: account.plan,
        rate_limit: account.rate_limit,
    };
    Ok(Some(Caller::account(&owner, None)))
}

fn invalid_key(message: &'static str) -> ApiError {
    ApiError::unauthorized("invalid_api_key", message)
}

fn missing_key(state: &AppState) -> ApiError {
    let app = state.settings.app_url.as_str().trim_end_matches('/');
    ApiError::unauthorized(
        "missing_api_key",
        format!(
            "This endpoint needs an API key: send `Authorization: Bearer pk_…`. \
             Sign up at {app}/auth and create a key on {app}/dashboard."
        ),
    )
}
