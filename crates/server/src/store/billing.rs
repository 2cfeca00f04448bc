//! Stripe customers and events: each event is recorded in the transaction that applies it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{now, with_pool, Db, Plan, Store, StoreResult};

/// A subscription state to apply to the account of a Stripe customer.
#[derive(Debug, Clone)]
pub struct BillingState<'a> {
    pub customer_id: &'a str,
    pub subscription_id: &'a str,
    pub status: &'a str,
    pub plan: Plan,
    pub rate_limit: u32,
    /// When Stripe produced this state.
    pub at: DateTime<Utc>,
}

/// What a webhook event does to storage.
#[derive(Debug, Clone)]
pub enum BillingChange<'a> {
    /// Tie a customer to an account that has none.
    LinkCustomer { user_id: Uuid, customer_id: &'a str },
    /// Apply a subscription state unless a newer one was applied.
    Subscription(BillingState<'a>),
    /// Only record the event.
    Nothing,
}

/// The outcome of recording an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventOutcome {
    /// This event id was applied before; nothing changed.
    Duplicate,
    /// The account changed.
    Applied(Uuid),
    /// Recorded without effect (unknown account or customer, an older state, …).
    NoEffect,
}

/// How far a subscription has come in its life, to order two states with the same
/// timestamp: incomplete, then live (active, past due, …), then ended.
const STATUS_RANK: &str = "CASE subscription_status WHEN 'incomplete' THEN 0 \
     WHEN 'canceled' THEN 2 WHEN 'incomplete_expired' THEN 2 ELSE 1 END";

/// The rank of `status` in [`STATUS_RANK`]'s order.
fn status_rank(status: &str) -> i32 {
    match status {
        "incomplete" => 0,
        "canceled" | "incomplete_expired" => 2,
        _ => 1,
    }
}

impl Store {
    /// Stores `customer_id` as the account's Stripe customer if it has none yet, and
    /// returns the account's customer (the one stored first wins), or None for no account.
    pub async fn link_stripe_customer(
        &self,
        user_id: Uuid,
        customer_id: &str,
    ) -> StoreResult<Option<String>> {
        let sql = "UPDATE users_profile SET stripe_customer_id = COALESCE(stripe_customer_id, $2), \
                   updated_at = $3 WHERE id = $1 RETURNING stripe_customer_id";
        let stored: Option<Option<String>> = with_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(user_id)
            .bind(customer_id)
            .bind(now())
            .fetch_optional(pool)
            .await?);
        Ok(stored.flatten())
    }

    /// Records Stripe event `event_id` and applies `change` in one transaction; an event
    /// id seen before changes nothing.
    pub async fn apply_stripe_event(
        &self,
        event_id: &str,
        event_type: &str,
        change: &BillingChange<'_>,
    ) -> StoreResult<EventOutcome> {
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let recorded = sqlx::query(RECORD_EVENT_SQL)
                .bind(event_id)
                .bind(event_type)
                .bind(now())
                .execute(&mut *tx)
                .await?;
            if recorded.rows_affected() == 0 {
                return Ok(EventOutcome::Duplicate);
            }
            let changed: Option<Uuid> = match change {
                BillingChange::LinkCustomer { user_id, customer_id } => sqlx::query_scalar(LINK_CUSTOMER_SQL)
                    .bind(user_id)
                    .bind(customer_id)
                    .bind(now())
                    .fetch_optional(&mut *tx)
                    .await?,
                BillingChange::Subscription(state) => sqlx::query_scalar(&apply_state_sql())
                    .bind(state.customer_id)
                    .bind(state.plan.as_str())
                    .bind(state.rate_limit as i32)
                    .bind(state.subscription_id)
                    .bind(state.status)
                    .bind(state.at)
                    .bind(now())
                    .bind(status_rank(state.status))
                    .bind(state.plan == Plan::Pro)
                    .fetch_optional(&mut *tx)
                    .await?,
                BillingChange::Nothing => None,
            };
            tx.commit().await?;
            Ok(changed.map_or(EventOutcome::NoEffect, EventOutcome::Applied))
        })
    }

    /// The account whose Stripe customer is `customer_id`.
    pub async fn account_id_by_customer(&self, customer_id: &str) -> StoreResult<Option<Uuid>> {
        let sql = "SELECT id FROM users_profile WHERE stripe_customer_id = $1";
        Ok(with_pool!(self, pool => sqlx::query_scalar(sql).bind(customer_id).fetch_optional(pool).await?))
    }
}

const RECORD_EVENT_SQL: &str =
    "INSERT INTO stripe_events (id, type, received_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING";

/// Links a customer to an account that has none, unless another account has it.
const LINK_CUSTOMER_SQL: &str = "UPDATE users_profile SET stripe_customer_id = $2, updated_at = $3 \
     WHERE id = $1 AND (stripe_customer_id IS NULL OR stripe_customer_id = $2) \
     AND NOT EXISTS (SELECT 1 FROM users_profile o WHERE o.stripe_customer_id = $2 AND o.id <> $1) \
     RETURNING id";

/// Applies a state to the customer's account unless a newer one is stored (at the same
/// second, unless it is further in the subscription's life), and unless it would end pro
/// while another subscription of the account is live.
fn apply_state_sql() -> String {
    format!(
        "UPDATE users_profile SET plan = $2, rate_limit = $3, stripe_subscription_id = $4, \
         subscription_status = $5, billing_updated_at = $6, updated_at = $7 \
         WHERE stripe_customer_id = $1 \
         AND (billing_updated_at IS NULL OR billing_updated_at < $6 \
              OR (billing_updated_at = $6 AND {STATUS_RANK} <= $8)) \
         AND ($9 OR stripe_subscription_id IS NULL OR stripe_subscription_id = $4 \
              OR subscription_status NOT IN ('active', 'trialing', 'past_due')) \
         RETURNING id"
    )
}
