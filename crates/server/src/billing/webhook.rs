//! `POST /api/stripe/webhook`: signature first, then the event, applied once.

use axum::http::HeaderMap;

use super::events::{Effect, Event};
use super::not_configured;
use super::signature;
use crate::error::{ApiError, ApiResult};
use crate::invalidation::Invalidation;
use crate::state::AppState;
use crate::store::{BillingChange, BillingState, EventOutcome, Plan};

/// Verifies and applies one delivery. A bad signature or body is a 400 and changes
/// nothing; a repeated event id, an unknown type or customer is answered 200 and logged.
pub async fn handle_webhook(state: &AppState, headers: &HeaderMap, body: &[u8]) -> ApiResult<()> {
    let secrets = &state.settings.stripe.webhook_secrets;
    if secrets.is_empty() {
        return Err(not_configured());
    }
    let header = headers.get("stripe-signature").and_then(|v| v.to_str().ok());
    let now = chrono::Utc::now().timestamp();
    signature::verify(header, body, secrets, now)
        .map_err(|e| ApiError::bad_request("invalid_signature", e.to_string()))?;
    let event: Event = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request("invalid_event", format!("The body is not a Stripe event: {e}"))
    })?;
    let effect = event.effect().map_err(|message| ApiError::bad_request("invalid_event", message))?;
    let outcome = state.store.apply_stripe_event(&event.id, &event.kind, &change(state, &effect)).await?;
    log_outcome(&event, &effect, &outcome);
    if let EventOutcome::Applied(user_id) = outcome {
        state.invalidate(Invalidation::User(user_id)).await;
    }
    Ok(())
}

fn change<'a>(state: &AppState, effect: &'a Effect) -> BillingChange<'a> {
    match effect {
        Effect::LinkCustomer { user_id, customer_id } => {
            BillingChange::LinkCustomer { user_id: *user_id, customer_id }
        }
        Effect::Subscription(sub) => BillingChange::Subscription(BillingState {
            customer_id: &sub.customer_id,
            subscription_id: &sub.subscription_id,
            status: &sub.status,
            plan: sub.plan,
            rate_limit: match sub.plan {
                Plan::Free => state.settings.free_rate_limit,
                Plan::Pro => state.settings.pro_rate_limit,
            },
            at: sub.at,
        }),
        Effect::Ignore(_) => BillingChange::Nothing,
    }
}

fn log_outcome(event: &Event, effect: &Effect, outcome: &EventOutcome) {
    let (id, kind) = (event.id.as_str(), event.kind.as_str());
    match (outcome, effect) {
        (EventOutcome::Duplicate, _) => tracing::info!(id, kind, "Stripe event already applied; ignored"),
        (EventOutcome::Applied(user), _) => tracing::info!(id, kind, %user, "Stripe event applied"),
        (_, Effect::Ignore(reason)) => tracing::info!(id, kind, reason, "Stripe event ignored"),
        (EventOutcome::NoEffect(reason), _) => {
            tracing::info!(id, kind, reason, "Stripe event without effect")
        }
    }
}
