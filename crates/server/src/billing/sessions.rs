//! Starting Checkout and opening the billing portal for the signed-in account.

use uuid::Uuid;

use super::client::{CheckoutRequest, StripeClient};
use super::{not_configured, stripe_failed};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{Account, Plan};

/// The URL of a new Checkout Session for the pro plan. The account's Stripe customer is
/// created (once) and stored before the session is.
pub async fn checkout_url(state: &AppState, user_id: Uuid) -> ApiResult<String> {
    let stripe = state.stripe.as_ref().ok_or_else(not_configured)?;
    let account = state.store.account(user_id).await?.ok_or_else(ApiError::not_signed_in)?;
    if account.plan == Plan::Pro {
        return Err(ApiError::conflict("already_pro", "This account is already on the Pro plan."));
    }
    let customer_id = customer_of(state, stripe, &account).await?;
    let success_url = dashboard_url(state, "?done=checkout-success");
    let cancel_url = dashboard_url(state, "?done=checkout-cancelled");
    let request = CheckoutRequest {
        customer_id: &customer_id,
        price_id: &state.settings.stripe.price_id_pro,
        user_id,
        success_url: &success_url,
        cancel_url: &cancel_url,
    };
    let session = stripe.create_checkout_session(&request).await.map_err(stripe_failed)?;
    Ok(session.url)
}

/// The URL of a billing-portal session for the account's Stripe customer.
pub async fn portal_url(state: &AppState, user_id: Uuid) -> ApiResult<String> {
    let stripe = state.stripe.as_ref().ok_or_else(not_configured)?;
    let account = state.store.account(user_id).await?.ok_or_else(ApiError::not_signed_in)?;
    let Some(customer_id) = account.stripe_customer_id else {
        return Err(ApiError::conflict(
            "no_billing_account",
            "This account has no billing history yet; upgrade to Pro first.",
        ));
    };
    let return_url = dashboard_url(state, "");
    let session = stripe.create_portal_session(&customer_id, &return_url).await.map_err(stripe_failed)?;
    Ok(session.url)
}

/// The account's Stripe customer, created and stored if it has none. Concurrent calls
/// get one customer: Stripe answers both with the customer of the first (same
/// idempotency key), and the store keeps the first one written.
async fn customer_of(state: &AppState, stripe: &StripeClient, account: &Account) -> ApiResult<String> {
    if let Some(id) = &account.stripe_customer_id {
        return Ok(id.clone());
    }
    let created = stripe.create_customer(&account.email, account.id).await.map_err(stripe_failed)?;
    let stored = state.store.link_stripe_customer(account.id, &created.id).await?;
    stored.ok_or_else(ApiError::not_signed_in)
}

fn dashboard_url(state: &AppState, query: &str) -> String {
    format!("{}/dashboard{query}", state.settings.app_url.as_str().trim_end_matches('/'))
}
