//! Extractors: JSON bodies with our error shape, the signed-in session, the client address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum_extra::extract::CookieJar;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::auth::session;
use crate::error::ApiError;
use crate::keys;
use crate::state::AppState;
use crate::store::now;

/// A JSON body; its rejections are answered in the documented error shape.
pub struct AppJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

/// Like [`AppJson`], but an empty body (and no content type) gives `None`.
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let untyped_empty = !req.headers().contains_key(header::CONTENT_TYPE)
            && req.headers().get(header::CONTENT_LENGTH).is_none_or(|len| len == "0");
        if untyped_empty {
            return Ok(Self(None));
        }
        AppJson::from_request(req, state).await.map(|AppJson(v)| Self(Some(v)))
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        "The body is larger than the 1 MiB this endpoint accepts.",
    )
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::JsonSyntaxError(e) => ApiError::bad_request(
            "invalid_json",
            format!("The body is not valid JSON: {}", detail(&e.body_text())),
        ),
        JsonRejection::JsonDataError(e) => {
            ApiError::invalid_field(format!("Invalid request body: {}", detail(&e.body_text())))
        }
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send a JSON body with `Content-Type: application/json`.",
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        other => ApiError::bad_request("invalid_body", other.body_text()),
    }
}

/// serde's message without axum's prefix, e.g. "missing field `email` at line 1 column 2".
fn detail(text: &str) -> &str {
    text.split_once(": ").map_or(text, |(_, rest)| rest)
}

/// The signed-in user, from the session cookie.
#[derive(Debug, Clone)]
pub struct CurrentSession {
    pub user_id: Uuid,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for CurrentSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token_hash = session_token_hash(&parts.headers).ok_or_else(ApiError::not_signed_in)?;
        let stored = state.store.session(&token_hash).await?.ok_or_else(ApiError::not_signed_in)?;
        let now = now();
        if stored.expires_at <= now {
            state.store.delete_session(&token_hash).await?;
            return Err(ApiError::not_signed_in());
        }
        if now - stored.last_seen_at > chrono::Duration::minutes(10) {
            state.store.touch_session(&token_hash, now).await?;
        }
        Ok(Self { user_id: stored.user_id, token_hash })
    }
}

/// The SHA-256 of the session cookie's token, if the request has a well-formed one.
pub fn session_token_hash(headers: &axum::http::HeaderMap) -> Option<String> {
    let jar = CookieJar::from_headers(headers);
    let token = jar.get(session::COOKIE_NAME)?.value();
    session::is_well_formed(token).then(|| keys::hash(token))
}

/// The client's address: the peer, or the first `X-Forwarded-For` hop behind a trusted proxy.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let forwarded = state.settings.trust_proxy.then(|| first_forwarded_hop(&parts.headers)).flatten();
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
        Ok(Self(forwarded.or(peer).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))))
    }
}

fn first_forwarded_hop(headers: &axum::http::HeaderMap) -> Option<IpAddr> {
    let value = headers.get("x-forwarded-for")?.to_str().ok()?;
    value.split(',').next()?.trim().parse().ok()
}
