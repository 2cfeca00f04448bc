//! `POST /api/stripe/webhook`: signature first, then the event, applied once.

use axum::http::{HeaderMap, StatusCode};

use super::events::{Effect, Event};
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
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "billing_not_configured",
            "Stripe webhooks are not configured on this server (no STRIPE_WEBHOOK_SECRET).",
        ));
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
    log_outcome(state, &event, &effect, &outcome).await;
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

/// Logs what became of the event; for one without effect, why.
async fn log_outcome(state: &AppState, event: &Event, effect: &Effect, outcome: &EventOutcome) {
    let (id, kind) = (event.id.as_str(), event.kind.as_str());
    let reason = match (outcome, effect) {
        (EventOutcome::Duplicate, _) => "already applied",
        (EventOutcome::Applied(user), _) => return tracing::info!(id, kind, %user, "Stripe event applied"),
        (_, Effect::Ignore(reason)) => reason,
        (_, Effect::LinkCustomer { .. }) => "no such account, or the customer belongs to another",
        (_, Effect::Subscription(sub)) => match state.store.account_id_by_customer(&sub.customer_id).await {
            Ok(Some(_)) => "a newer state of the account was applied already",
            Ok(None) => "no account has this Stripe customer",
            Err(_) => "no account with this customer, or a newer state",
        },
    };
    tracing::info!(id, kind, reason, "Stripe event changed nothing");
}
