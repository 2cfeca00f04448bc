//! `/api/stripe/*`: Checkout, billing portal (signed-in, same-origin) and the webhook.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{middleware, Json, Router};
use serde::Serialize;
use serde_json::{json, Value};
use utoipa::ToSchema;

use super::extract::CurrentSession;
use super::refuse_cross_origin;
use crate::billing;
use crate::error::{ApiResult, ErrorBody};
use crate::state::AppState;

/// Where to send the user next.
#[derive(Serialize, ToSchema)]
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
#[utoipa::path(post, operation_id = "create_checkout_session", path = "/api/stripe/checkout", tag = "billing",
    security(("session" = [])),
    responses(
        (status = 200, description = "Send the browser to `url`, Stripe's Checkout page for the pro plan.", body = RedirectUrl),
        (status = 409, description = "`already_pro`: the account is already on the pro plan.", body = ErrorBody),
        (status = 502, description = "`stripe_unavailable`: Stripe failed or could not be reached; nothing was stored.", body = ErrorBody),
        (status = 503, description = "`billing_not_configured`: this server has no Stripe keys.", body = ErrorBody),
    ))]
pub async fn checkout(
    State(state): State<AppState>,
    session: CurrentSession,
) -> ApiResult<Json<RedirectUrl>> {
    Ok(Json(RedirectUrl { url: billing::checkout_url(&state, session.user_id).await? }))
}

/// `POST /api/stripe/portal` → `{url}` of a billing-portal session.
#[utoipa::path(post, operation_id = "create_billing_portal_session", path = "/api/stripe/portal", tag = "billing",
    security(("session" = [])),
    responses(
        (status = 200, description = "Send the browser to `url`, Stripe's billing portal for this account.", body = RedirectUrl),
        (status = 409, description = "`no_billing_account`: the account has never been through checkout.", body = ErrorBody),
        (status = 502, description = "`stripe_unavailable`: Stripe failed or could not be reached.", body = ErrorBody),
        (status = 503, description = "`billing_not_configured`: this server has no Stripe keys.", body = ErrorBody),
    ))]
pub async fn portal(State(state): State<AppState>, session: CurrentSession) -> ApiResult<Json<RedirectUrl>> {
    Ok(Json(RedirectUrl { url: billing::portal_url(&state, session.user_id).await? }))
}

/// `POST /api/stripe/webhook`: the raw body is verified before it is parsed.
#[utoipa::path(post, operation_id = "stripe_webhook", path = "/api/stripe/webhook", tag = "billing",
    request_body(content = Object, description = "A Stripe event, signed in the `Stripe-Signature` header."),
    params(("stripe-signature" = String, Header, description = "`t=<unix time>,v1=<HMAC-SHA256 hex>`, as Stripe sends it.")),
    responses(
        (status = 200, description = "Received: applied once, or already applied, or not an event this server acts on.", body = Object),
        (status = 400, description = "`invalid_signature` or `invalid_event`: nothing was changed.", body = ErrorBody),
    ))]
pub async fn webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    billing::handle_webhook(&state, &headers, &body).await?;
    Ok(Json(json!({ "received": true })))
}
