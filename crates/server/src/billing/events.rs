//! Stripe webhook events, parsed into what they mean for an account.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::store::Plan;

/// The envelope of every Stripe event.
#[derive(Debug, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Unix seconds when Stripe created the event.
    pub created: i64,
    pub data: EventData,
}

#[derive(Debug, Deserialize)]
pub struct EventData {
    pub object: serde_json::Value,
}

/// The fields of a Checkout Session we use.
#[derive(Debug, Deserialize)]
struct CheckoutSession {
    customer: Option<String>,
    client_reference_id: Option<String>,
}

/// The fields of a subscription we use.
#[derive(Debug, Deserialize)]
struct Subscription {
    id: String,
    customer: String,
    status: String,
}

/// What an event asks us to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Tie a Stripe customer to an account (a completed Checkout).
    LinkCustomer { user_id: Uuid, customer_id: String },
    /// A subscription's state as of the event's time.
    Subscription(SubscriptionState),
    /// Nothing to do; the reason is logged.
    Ignore(String),
}

/// A subscription's state and the plan it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct SubscriptionState {
    pub customer_id: String,
    pub subscription_id: String,
    pub status: String,
    pub plan: Plan,
    /// When Stripe produced this state; older states never override newer ones.
    pub at: DateTime<Utc>,
}

impl Event {
    /// What this event means, or an error message when a handled event's object does not
    /// have the fields Stripe always sends.
    pub fn effect(&self) -> Result<Effect, String> {
        match self.kind.as_str() {
            "checkout.session.completed" => Ok(self.checkout_effect(parse(&self.data.object)?)),
            "customer.subscription.created" | "customer.subscription.updated" => {
                Ok(self.subscription_effect(parse(&self.data.object)?, None))
            }
            "customer.subscription.deleted" => {
                Ok(self.subscription_effect(parse(&self.data.object)?, Some("canceled")))
            }
            other => Ok(Effect::Ignore(format!("event type {other} is not handled"))),
        }
    }

    fn checkout_effect(&self, session: CheckoutSession) -> Effect {
        let user_id = session.client_reference_id.as_deref().and_then(|id| Uuid::parse_str(id).ok());
        match (user_id, session.customer) {
            (Some(user_id), Some(customer_id)) => Effect::LinkCustomer { user_id, customer_id },
            _ => Effect::Ignore("checkout session without our client_reference_id or a customer".into()),
        }
    }

    /// `forced_status` is the status a deletion implies, whatever the object says.
    fn subscription_effect(&self, subscription: Subscription, forced_status: Option<&str>) -> Effect {
        let status = forced_status.unwrap_or(&subscription.status).to_owned();
        let Some(plan) = plan_for_status(&status) else {
            return Effect::Ignore(format!("unknown subscription status {status}"));
        };
        let Some(at) = DateTime::from_timestamp(self.created, 0) else {
            return Effect::Ignore(format!("event time {} is out of range", self.created));
        };
        Effect::Subscription(SubscriptionState {
            customer_id: subscription.customer,
            subscription_id: subscription.id,
            status,
            plan,
            at,
        })
    }
}

fn parse<T: serde::de::DeserializeOwned>(object: &serde_json::Value) -> Result<T, String> {
    T::deserialize(object).map_err(|e| format!("the event's data.object is not as Stripe sends it: {e}"))
}

/// The plan a subscription status gives: paying (or briefly late) is pro, the rest free.
pub fn plan_for_status(status: &str) -> Option<Plan> {
    match status {
        "active" | "trialing" | "past_due" => Some(Plan::Pro),
        "incomplete" | "incomplete_expired" | "unpaid" | "canceled" | "paused" => Some(Plan::Free),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(kind: &str, object: serde_json::Value) -> Event {
        let value =
            json!({"id": "evt_1", "type": kind, "created": 1_800_000_000, "data": {"object": object}});
        serde_json::from_value(value).unwrap()
    }

    fn subscription(status: &str) -> serde_json::Value {
        json!({"id": "sub_1", "object": "subscription", "customer": "cus_1", "status": status})
    }

    #[test]
    fn statuses_map_to_plans() {
        for (status, plan) in [
            ("active", Plan::Pro),
            ("trialing", Plan::Pro),
            ("past_due", Plan::Pro),
            ("incomplete", Plan::Free),
            ("incomplete_expired", Plan::Free),
            ("unpaid", Plan::Free),
            ("canceled", Plan::Free),
            ("paused", Plan::Free),
        ] {
            assert_eq!(plan_for_status(status), Some(plan), "{status}");
        }
        assert_eq!(plan_for_status("someday"), None);
    }

    #[test]
    fn a_deletion_is_free_whatever_the_object_says() {
        let Effect::Subscription(state) =
            event("customer.subscription.deleted", subscription("active")).effect().unwrap()
        else {
            panic!("a deletion changes the subscription");
        };
        assert_eq!((state.plan, state.status.as_str()), (Plan::Free, "canceled"));
        assert_eq!(state.at.timestamp(), 1_800_000_000);
    }

    #[test]
    fn checkout_links_by_client_reference_id() {
        let user = Uuid::new_v4();
        let session = json!({"customer": "cus_9", "client_reference_id": user.to_string()});
        let effect = event("checkout.session.completed", session).effect().unwrap();
        assert_eq!(effect, Effect::LinkCustomer { user_id: user, customer_id: "cus_9".into() });
        let foreign = json!({"customer": "cus_9", "client_reference_id": "order-17"});
        assert!(matches!(event("checkout.session.completed", foreign).effect(), Ok(Effect::Ignore(_))));
    }

    #[test]
    fn unknown_types_are_ignored_and_broken_objects_refused() {
        assert!(matches!(event("invoice.paid", json!({})).effect(), Ok(Effect::Ignore(_))));
        assert!(event("customer.subscription.updated", json!({"id": "sub_1"})).effect().is_err());
    }
}
