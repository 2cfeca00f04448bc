//! Billing with Stripe: Checkout to upgrade, the billing portal to manage, and signed
//! webhooks that move accounts between plans.

pub mod client;
pub mod events;
mod sessions;
pub mod signature;
mod webhook;

pub use sessions::{checkout_url, portal_url};
pub use webhook::handle_webhook;

use axum::http::StatusCode;

use crate::error::ApiError;

/// 503 for billing calls on a server without Stripe keys.
pub fn not_configured() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "billing_not_configured",
        "Billing is not configured on this server (no STRIPE_SECRET_KEY); an administrator can change plans with `toolshub user set-plan`.",
    )
}

/// 502 when Stripe failed; the cause goes to the log.
fn stripe_failed(cause: client::StripeError) -> ApiError {
    ApiError {
        internal: Some(cause.into()),
        ..ApiError::new(
            StatusCode::BAD_GATEWAY,
            "stripe_unavailable",
            "Our payment provider (Stripe) did not complete the request; nothing was charged. Please try again.",
        )
    }
}
