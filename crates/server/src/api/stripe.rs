//! `/api/stripe/*`: Checkout, billing portal (signed-in, same-origin) and the webhook.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{middleware, Json, Router};
use serde::Serialize;
use serde_json::{json, Value};

use super::extract::CurrentSession;
use super::refuse_cross_origin;
use crate::billing;
use crate::error::ApiResult;
use crate::state::AppState;

/// Where to send the user next.
#[derive(Serialize)]
pub struct RedirectUrl {
    url: String,
}

/// The billing routes. The webhook is authenticated by its signature, not a session.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/api/stripe/checkout", post(checkout))
        .route("/api/stripe/portal", post(portal))
        .route_layer(middleware::from_fn_with_state(state, refuse_cross_origin))
        .route("/api/stripe/webhook", post(webhook))
}

/// `POST /api/stripe/checkout` → `{url}` of a Checkout Session for the pro plan.
async fn checkout(State(state): State<AppState>, session: CurrentSession) -> ApiResult<Json<RedirectUrl>> {
    Ok(Json(RedirectUrl { url: billing::checkout_url(&state, session.user_id).await? }))
}

/// `POST /api/stripe/portal` → `{url}` of a billing-portal session.
async fn portal(State(state): State<AppState>, session: CurrentSession) -> ApiResult<Json<RedirectUrl>> {
    Ok(Json(RedirectUrl { url: billing::portal_url(&state, session.user_id).await? }))
}

/// `POST /api/stripe/webhook`: the raw body is verified before it is parsed.
async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> ApiResult<Json<Value>> {
    billing::handle_webhook(&state, &headers, &body).await?;
    Ok(Json(json!({ "received": true })))
}
