//! Storage conformance: every operation behaves the same on SQLite and PostgreSQL.

use chrono::Duration;
use toolshub::store::{now, KeyCreation, NewApiKey, NewUser, Plan, Store, StoreError};
use uuid::Uuid;

use crate::helpers::{Backend, TestDb};

crate::on_both_backends!(users_and_profiles, sessions, api_keys, deleting_a_user_cascades);

fn new_user(email: &str) -> NewUser {
    NewUser {
        id: Uuid::new_v4(),
        email: email.into(),
        password_hash: "$argon2id$test".into(),
        rate_limit: 200,
        created_at: now(),
    }
}

fn new_key(user_id: Uuid, n: u32) -> NewApiKey {
    NewApiKey {
        id: Uuid::new_v4(),
        user_id,
        key_hash: format!("{n:064x}"),
        key_hint: format!("pk_{n:04}…"),
        label: format!("key {n}"),
        created_at: now() + Duration::milliseconds(i64::from(n)),
    }
}

async fn open(backend: Backend) -> Option<(TestDb, Store)> {
    let db = TestDb::create(backend).await?;
    let store = db.store().await;
    store.migrate().await.expect("migrations are idempotent");
    Some((db, store))
}

async fn users_and_profiles(backend: Backend) {
    let Some((_db, store)) = open(backend).await else {
        return;
    };
    store.ping().await.unwrap();
    let user = new_user("ada@example.com");
    store.create_user(&user).await.unwrap();
    let clash = NewUser { id: Uuid::new_v4(), ..new_user("ada@example.com") };
    assert!(matches!(store.create_user(&clash).await, Err(StoreError::Conflict("email"))));
    assert!(store.account(clash.id).await.unwrap().is_none(), "the failed signup left no profile");

    let account = store.account(user.id).await.unwrap().unwrap();
    assert_eq!(
        (account.email.as_str(), account.plan, account.rate_limit),
        ("ada@example.com", Plan::Free, 200)
    );
    assert_eq!(account.created_at, user.created_at);
    let credentials = store.credentials_by_email("ada@example.com").await.unwrap().unwrap();
    assert_eq!((credentials.id, credentials.password_hash.as_str()), (user.id, "$argon2id$test"));
    assert!(store.credentials_by_email("bob@example.com").await.unwrap().is_none());

    assert!(store.set_password_hash(user.id, "$argon2id$new").await.unwrap());
    assert_eq!(store.password_hash(user.id).await.unwrap().as_deref(), Some("$argon2id$new"));
    assert!(!store.set_password_hash(Uuid::new_v4(), "x").await.unwrap());

    assert_eq!(store.set_plan_by_email("ada@example.com", Plan::Pro, 2000).await.unwrap(), Some(user.id));
    let account = store.account(user.id).await.unwrap().unwrap();
    assert_eq!((account.plan, account.rate_limit), (Plan::Pro, 2000));
    assert_eq!(store.set_plan_by_email("nobody@example.com", Plan::Pro, 2000).await.unwrap(), None);
}

async fn sessions(backend: Backend) {
    let Some((_db, store)) = open(backend).await else {
        return;
    };
    let user = new_user("ada@example.com");
    store.create_user(&user).await.unwrap();
    let t = now();
    store.create_session("live", user.id, t, t + Duration::days(30)).await.unwrap();
    store.create_session("other", user.id, t, t + Duration::days(30)).await.unwrap();
    store.create_session("expired", user.id, t - Duration::days(31), t - Duration::days(1)).await.unwrap();
    assert!(matches!(store.create_session("live", user.id, t, t).await, Err(StoreError::Conflict(_))));

    let live = store.session("live").await.unwrap().unwrap();
    assert_eq!(
        (live.user_id, live.created_at, live.expires_at, live.last_seen_at),
        (user.id, t, t + Duration::days(30), t)
    );
    store.touch_session("live", t + Duration::minutes(5)).await.unwrap();
    assert_eq!(store.session("live").await.unwrap().unwrap().last_seen_at, t + Duration::minutes(5));

    assert_eq!(store.delete_expired_sessions(t).await.unwrap(), 1);
    assert!(store.session("expired").await.unwrap().is_none());
    assert_eq!(store.delete_other_sessions(user.id, Some("live")).await.unwrap(), 1);
    assert!(store.session("other").await.unwrap().is_none());
    assert!(store.delete_session("live").await.unwrap());
    assert!(!store.delete_session("live").await.unwrap());
}

async fn api_keys(backend: Backend) {
    let Some((_db, store)) = open(backend).await else {
        return;
    };
    let (ada, bob) = (new_user("ada@example.com"), new_user("bob@example.com"));
    store.create_user(&ada).await.unwrap();
    store.create_user(&bob).await.unwrap();
    for n in 0..3 {
        assert_eq!(store.create_api_key(&new_key(ada.id, n), 3).await.unwrap(), KeyCreation::Created);
    }
    assert_eq!(store.create_api_key(&new_key(ada.id, 9), 3).await.unwrap(), KeyCreation::LimitReached);
    let duplicate_hash = NewApiKey { id: Uuid::new_v4(), ..new_key(bob.id, 0) };
    assert!(matches!(store.create_api_key(&duplicate_hash, 3).await, Err(StoreError::Conflict("key_hash"))));

    let listed = store.api_keys(ada.id).await.unwrap();
    assert_eq!(
        listed.iter().map(|k| k.label.as_str()).collect::<Vec<_>>(),
        ["key 2", "key 1", "key 0"],
        "newest first"
    );
    assert!(store.api_keys(bob.id).await.unwrap().is_empty());
    let owner = store.key_owner(&format!("{:064x}", 1)).await.unwrap().unwrap();
    assert_eq!(
        (owner.key_id, owner.user_id, owner.plan, owner.rate_limit),
        (listed[1].id, ada.id, Plan::Free, 200)
    );
    assert!(store.key_owner("unknown").await.unwrap().is_none());
    assert_eq!(store.api_key_hashes(ada.id).await.unwrap().len(), 3);

    assert_eq!(store.delete_api_key(bob.id, listed[0].id).await.unwrap(), None, "not Bob's key");
    assert_eq!(store.delete_api_key(ada.id, listed[0].id).await.unwrap(), Some(format!("{:064x}", 2)));
    assert_eq!(store.api_keys(ada.id).await.unwrap().len(), 2);
}

async fn deleting_a_user_cascades(backend: Backend) {
    let Some((_db, store)) = open(backend).await else {
        return;
    };
    let user = new_user("ada@example.com");
    store.create_user(&user).await.unwrap();
    store.create_session("s", user.id, now(), now() + Duration::days(1)).await.unwrap();
    store.create_api_key(&new_key(user.id, 1), 50).await.unwrap();
    assert!(store.delete_user(user.id).await.unwrap());
    assert!(store.account(user.id).await.unwrap().is_none());
    assert!(store.session("s").await.unwrap().is_none());
    assert!(store.key_owner(&format!("{:064x}", 1)).await.unwrap().is_none());
    assert!(!store.delete_user(user.id).await.unwrap());
}
