//! The store's billing operations on both backends: customer links, event records.

use chrono::{DateTime, Utc};
use toolshub::store::{BillingChange, BillingState, EventOutcome, NewUser, Plan, Store, StoreError};
use uuid::Uuid;

use crate::helpers::{Backend, TestDb};
use crate::on_both_backends;

on_both_backends!(customers_link_once_and_belong_to_one_account, events_are_recorded_once);

async fn store_with_users(backend: Backend, n: usize) -> Option<(TestDb, Store, Vec<Uuid>)> {
    let db = TestDb::create(backend).await?;
    let store = db.store().await;
    let mut ids = Vec::new();
    for _ in 0..n {
        let id = Uuid::new_v4();
        let user = NewUser {
            id,
            email: format!("{}@example.com", id.simple()),
            password_hash: "$argon2id$test".into(),
            rate_limit: 200,
            created_at: toolshub::store::now(),
        };
        store.create_user(&user).await.unwrap();
        ids.push(id);
    }
    Some((db, store, ids))
}

async fn customers_link_once_and_belong_to_one_account(backend: Backend) {
    let Some((_db, store, users)) = store_with_users(backend, 2).await else { return };
    let (ada, bob) = (users[0], users[1]);
    assert_eq!(store.link_stripe_customer(ada, "cus_a").await.unwrap(), Some("cus_a".into()));
    assert_eq!(store.link_stripe_customer(ada, "cus_b").await.unwrap(), Some("cus_a".into()), "first wins");
    assert_eq!(store.link_stripe_customer(Uuid::new_v4(), "cus_c").await.unwrap(), None);
    let taken = store.link_stripe_customer(bob, "cus_a").await.unwrap_err();
    assert!(matches!(taken, StoreError::Conflict("stripe_customer_id")), "{taken:?}");
    assert_eq!(store.account_id_by_customer("cus_a").await.unwrap(), Some(ada));
    assert_eq!(store.account_id_by_customer("cus_zzz").await.unwrap(), None);
}

async fn events_are_recorded_once(backend: Backend) {
    let Some((_db, store, users)) = store_with_users(backend, 1).await else { return };
    store.link_stripe_customer(users[0], "cus_a").await.unwrap();
    let at: DateTime<Utc> = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let state = BillingState {
        customer_id: "cus_a",
        subscription_id: "sub_1",
        status: "active",
        plan: Plan::Pro,
        rate_limit: 2000,
        at,
    };
    let change = BillingChange::Subscription(state.clone());
    assert_eq!(
        store.apply_stripe_event("evt_1", "t", &change).await.unwrap(),
        EventOutcome::Applied(users[0])
    );
    assert_eq!(store.apply_stripe_event("evt_1", "t", &change).await.unwrap(), EventOutcome::Duplicate);
    let older = BillingChange::Subscription(BillingState { at: at - chrono::Duration::seconds(1), ..state });
    assert_eq!(store.apply_stripe_event("evt_2", "t", &older).await.unwrap(), EventOutcome::NoEffect);
    let nothing = BillingChange::Nothing;
    assert_eq!(store.apply_stripe_event("evt_3", "t", &nothing).await.unwrap(), EventOutcome::NoEffect);
    assert_eq!(store.apply_stripe_event("evt_3", "t", &nothing).await.unwrap(), EventOutcome::Duplicate);
    let account = store.account(users[0]).await.unwrap().unwrap();
    assert_eq!((account.plan, account.rate_limit), (Plan::Pro, 2000));
}
