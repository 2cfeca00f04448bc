//! Who is looking at a page: the signed-in user, if any.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::page::PageError;
use crate::api::extract::{session_token_hash, CurrentSession};
use crate::state::AppState;

/// The session of a signed-in visitor, or `None` for everyone else.
pub struct Viewer(pub Option<CurrentSession>);

impl Viewer {
    /// True for a signed-in visitor.
    pub fn signed_in(&self) -> bool {
        self.0.is_some()
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        if session_token_hash(&parts.headers).is_none() {
            return Ok(Self(None));
        }
        match CurrentSession::from_request_parts(parts, state).await {
            Ok(session) => Ok(Self(Some(session))),
            Err(e) if e.status == StatusCode::UNAUTHORIZED => Ok(Self(None)),
            Err(e) => Err(PageError(e)),
        }
    }
}

/// A signed-in user; anyone else is sent to sign in and then back to the dashboard.
pub struct SignedIn(pub CurrentSession);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match Viewer::from_request_parts(parts, state).await {
            Ok(Viewer(Some(session))) => Ok(Self(session)),
            Ok(Viewer(None)) => Err(Redirect::to("/auth?next=/dashboard").into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}
