//! The JSON API under `/api` (the tool gateway's routes are in `crate::gateway`).

pub(crate) mod account;
pub(crate) mod account_view;
pub(crate) mod api_keys;
pub(crate) mod auth;
pub mod extract;
pub(crate) mod password_reset;
pub mod stripe;
pub(crate) mod usage;

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;

use crate::auth::csrf;
use crate::error::ApiError;
use crate::state::AppState;

/// Routes of the account API. Full paths rather than `nest`, which would rewrite every
/// request's URI.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/api/auth/signup", post(auth::signup))
        .route("/api/auth/login", post(auth::login))
        .route("/api/auth/logout", post(auth::logout))
        .route("/api/auth/password-reset", post(password_reset::request))
        .route("/api/auth/password-reset/confirm", post(password_reset::confirm))
        .route("/api/account", get(account::show).delete(account::delete))
        .route("/api/account/password", post(account::change_password))
        .route("/api/account/api-keys", get(api_keys::list).post(api_keys::create))
        .route("/api/account/api-keys/{id}", delete(api_keys::delete))
        .route("/api/account/usage", get(usage::show))
        .route_layer(middleware::from_fn_with_state(state, refuse_cross_origin))
        .merge(crate::gateway::router())
        .route("/api/openapi.json", get(crate::openapi::serve_document))
}

/// Session-based routes change state only for requests from our own pages.
pub(crate) async fn refuse_cross_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if csrf::allows(request.method(), request.headers(), &state.settings.app_origin()) {
        next.run(request).await
    } else {
        ApiError::cross_origin().into_response()
    }
}
