//! The account as the API shows it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::store::{Account, Plan};

/// `GET /api/account` and the body of signup/login.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub id: Uuid,
    pub email: String,
    pub plan: Plan,
    /// Requests per minute.
    #[schema(example = 200)]
    pub rate_limit: i32,
    pub created_at: DateTime<Utc>,
    pub billing_enabled: bool,
    /// The account has a Stripe customer (so the billing portal can open); not in the API.
    #[serde(skip)]
    pub has_billing_account: bool,
}

impl AccountView {
    pub fn new(account: Account, billing_enabled: bool) -> Self {
        Self {
            id: account.id,
            email: account.email,
            plan: account.plan,
            rate_limit: account.rate_limit,
            created_at: account.created_at,
            billing_enabled,
            has_billing_account: account.stripe_customer_id.is_some(),
        }
    }
}
