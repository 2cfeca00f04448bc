//! `POST /api/stripe/webhook`: signatures, idempotency, ordering, status mapping, and
//! the new limit on the very next call (on every instance).

use reqwest::StatusCode;
use serde_json::json;
use toolshub::store::Plan;

use super::{
    account, billing_app, deliver, post_webhook, signature, signed_up, subscription_event, unix_now, v1,
    WEBHOOK_SECRET,
};
use crate::helpers::{call_tool, error_code, Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    bad_signatures_are_refused_and_change_nothing,
    rotated_secrets_and_several_v1_values_are_accepted,
    an_event_delivered_five_times_is_applied_once,
    a_stale_update_after_a_deletion_leaves_the_account_free,
    every_subscription_status_maps_to_a_plan,
    malformed_unknown_and_foreign_events,
    checkout_completion_links_the_customer,
    ending_an_old_subscription_keeps_a_live_one,
    the_next_call_gets_the_new_limit,
);

/// Stripe's API is never called while handling webhooks.
const NO_API: &str = "http://127.0.0.1:9";

/// A server with Stripe configured and an account whose customer is `cus_{user}`.
async fn app_with_customer(backend: Backend) -> Option<(TestApp, reqwest::Client, String)> {
    let app = billing_app(backend, NO_API, &[]).await?;
    let (client, user) = signed_up(&app).await;
    let customer = format!("cus_{}", user.simple());
    assert_eq!(app.store.link_stripe_customer(user, &customer).await.unwrap(), Some(customer.clone()));
    Some((app, client, customer))
}

async fn plan_of(app: &TestApp, client: &reqwest::Client) -> (String, i64) {
    let account = account(app, client).await;
    (account["plan"].as_str().unwrap().to_owned(), account["rateLimit"].as_i64().unwrap())
}

async fn bad_signatures_are_refused_and_change_nothing(backend: Backend) {
    let Some((app, client, customer)) = app_with_customer(backend).await else { return };
    let event = subscription_event("created", unix_now(), &customer, "sub_1", "active");
    let body = serde_json::to_vec(&event).unwrap();
    let now = unix_now();
    let tampered = String::from_utf8(body.clone()).unwrap().replace("sub_1", "sub_2");
    let refusals = [
        ("wrong secret", body.clone(), Some(signature("whsec_someone_else", now, &body))),
        ("tampered body", tampered.into_bytes(), Some(signature(WEBHOOK_SECRET, now, &body))),
        ("missing header", body.clone(), None),
        ("stale timestamp", body.clone(), Some(signature(WEBHOOK_SECRET, now - 301, &body))),
        ("future timestamp", body.clone(), Some(signature(WEBHOOK_SECRET, now + 301, &body))),
        ("no v1", body.clone(), Some(format!("t={now}"))),
        ("garbage header", body.clone(), Some("v1=zz,t=yesterday".to_owned())),
    ];
    for (case, body, header) in refusals {
        let response = post_webhook(&app, &body, header.as_deref()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{case}");
        assert_eq!(error_code(response).await, "invalid_signature", "{case}");
        assert_eq!(plan_of(&app, &client).await, ("free".into(), 200), "{case}");
    }
    // The refused deliveries were not recorded: the same event, well signed, still applies.
    let response = post_webhook(&app, &body, Some(&signature(WEBHOOK_SECRET, now, &body))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<serde_json::Value>().await.unwrap(), json!({"received": true}));
    assert_eq!(plan_of(&app, &client).await, ("pro".into(), 2000));
}

async fn rotated_secrets_and_several_v1_values_are_accepted(backend: Backend) {
    let secrets = [("STRIPE_WEBHOOK_SECRET", "whsec_new,whsec_old")];
    let Some(app) = billing_app(backend, NO_API, &secrets).await else { return };
    let (client, user) = signed_up(&app).await;
    app.store.link_stripe_customer(user, "cus_rot").await.unwrap();
    let now = unix_now();
    let signed_by = |secret: &str, status: &str, created: i64| {
        let body =
            serde_json::to_vec(&subscription_event("updated", created, "cus_rot", "sub_r", status)).unwrap();
        let header = format!("t={now},v1={},v1={}", v1("whsec_unknown", now, &body), v1(secret, now, &body));
        (body, header)
    };
    let (body, header) = signed_by("whsec_old", "active", now - 10);
    assert_eq!(post_webhook(&app, &body, Some(&header)).await.status(), StatusCode::OK);
    assert_eq!(plan_of(&app, &client).await.0, "pro");
    let (body, header) = signed_by("whsec_new", "canceled", now - 5);
    assert_eq!(post_webhook(&app, &body, Some(&header)).await.status(), StatusCode::OK);
    assert_eq!(plan_of(&app, &client).await.0, "free");
    let (body, header) = signed_by("whsec_retired", "active", now);
    assert_eq!(post_webhook(&app, &body, Some(&header)).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(plan_of(&app, &client).await.0, "free");
}

async fn an_event_delivered_five_times_is_applied_once(backend: Backend) {
    let Some((app, client, customer)) = app_with_customer(backend).await else { return };
    let event = subscription_event("updated", unix_now(), &customer, "sub_1", "active");
    let deliveries = (0..5).map(|_| deliver(&app, &event));
    for response in futures::future::join_all(deliveries).await {
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(plan_of(&app, &client).await, ("pro".into(), 2000));
    // An administrator moves the account back; re-deliveries of the applied event must
    // not undo that (without the event log they would: same time, same status).
    let email = account(&app, &client).await["email"].as_str().unwrap().to_owned();
    app.store.set_plan_by_email(&email, Plan::Free, 200).await.unwrap();
    for _ in 0..5 {
        assert_eq!(deliver(&app, &event).await.status(), StatusCode::OK);
    }
    assert_eq!(plan_of(&app, &client).await, ("free".into(), 200));
}

async fn a_stale_update_after_a_deletion_leaves_the_account_free(backend: Backend) {
    let Some((app, client, customer)) = app_with_customer(backend).await else { return };
    let now = unix_now();
    let created = subscription_event("created", now - 30, &customer, "sub_1", "active");
    let updated = subscription_event("updated", now - 20, &customer, "sub_1", "active");
    let deleted = subscription_event("deleted", now - 10, &customer, "sub_1", "canceled");
    for event in [&deleted, &updated, &created] {
        assert_eq!(deliver(&app, event).await.status(), StatusCode::OK);
        assert_eq!(plan_of(&app, &client).await, ("free".into(), 200));
    }
    // Within one second, a subscription's later life wins whatever the arrival order.
    let second = now - 5;
    let active = subscription_event("updated", second, &customer, "sub_2", "active");
    let incomplete = subscription_event("created", second, &customer, "sub_2", "incomplete");
    assert_eq!(deliver(&app, &active).await.status(), StatusCode::OK);
    assert_eq!(deliver(&app, &incomplete).await.status(), StatusCode::OK);
    assert_eq!(plan_of(&app, &client).await.0, "pro");
    let ended = subscription_event("deleted", second, &customer, "sub_2", "active");
    assert_eq!(deliver(&app, &ended).await.status(), StatusCode::OK);
    assert_eq!(
        deliver(&app, &subscription_event("updated", second, &customer, "sub_2", "active")).await.status(),
        StatusCode::OK
    );
    assert_eq!(plan_of(&app, &client).await.0, "free");
}

async fn every_subscription_status_maps_to_a_plan(backend: Backend) {
    let Some((app, client, customer)) = app_with_customer(backend).await else { return };
    let statuses = [
        ("active", "pro"),
        ("incomplete", "free"),
        ("trialing", "pro"),
        ("incomplete_expired", "free"),
        ("past_due", "pro"),
        ("unpaid", "free"),
        ("active", "pro"),
        ("paused", "free"),
        ("active", "pro"),
        ("canceled", "free"),
    ];
    let start = unix_now() - 100;
    for (i, (status, plan)) in statuses.into_iter().enumerate() {
        let event = subscription_event("updated", start + i as i64, &customer, "sub_1", status);
        assert_eq!(deliver(&app, &event).await.status(), StatusCode::OK);
        let limit = if plan == "pro" { 2000 } else { 200 };
        assert_eq!(plan_of(&app, &client).await, (plan.into(), limit), "{status}");
    }
    let after = subscription_event("deleted", start + 50, &customer, "sub_1", "active");
    let revived = subscription_event("created", start + 40, &customer, "sub_1", "active");
    deliver(&app, &revived).await;
    assert_eq!(plan_of(&app, &client).await.0, "pro");
    deliver(&app, &after).await;
    assert_eq!(plan_of(&app, &client).await.0, "free");
}

async fn malformed_unknown_and_foreign_events(backend: Backend) {
    let Some((app, client, customer)) = app_with_customer(backend).await else { return };
    let now = unix_now();
    for body in [&b"{not json"[..], b"[]", br#"{"id":"evt_1","type":"customer.subscription.updated"}"#] {
        let response = post_webhook(&app, body, Some(&signature(WEBHOOK_SECRET, now, body))).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error_code(response).await, "invalid_event");
    }
    let mut missing_status = subscription_event("updated", now, &customer, "sub_1", "active");
    missing_status["data"]["object"].as_object_mut().unwrap().remove("status");
    assert_eq!(deliver(&app, &missing_status).await.status(), StatusCode::BAD_REQUEST);
    let invoice =
        json!({"id": "evt_inv", "type": "invoice.paid", "created": now, "data": {"object": {"id": "in_1"}}});
    assert_eq!(deliver(&app, &invoice).await.status(), StatusCode::OK);
    let stranger = subscription_event("created", now, "cus_nobody", "sub_x", "active");
    assert_eq!(deliver(&app, &stranger).await.status(), StatusCode::OK);
    let odd_status = subscription_event("updated", now, &customer, "sub_1", "someday");
    assert_eq!(deliver(&app, &odd_status).await.status(), StatusCode::OK);
    assert_eq!(plan_of(&app, &client).await, ("free".into(), 200));
}

async fn checkout_completion_links_the_customer(backend: Backend) {
    let Some(app) = billing_app(backend, NO_API, &[]).await else { return };
    let (client, user) = signed_up(&app).await;
    let now = unix_now();
    let completed = json!({
        "id": "evt_checkout", "type": "checkout.session.completed", "created": now,
        "data": {"object": {"id": "cs_1", "object": "checkout.session", "customer": "cus_linked",
                            "client_reference_id": user.to_string(), "subscription": "sub_1"}}
    });
    assert_eq!(deliver(&app, &completed).await.status(), StatusCode::OK);
    let active = subscription_event("created", now, "cus_linked", "sub_1", "active");
    assert_eq!(deliver(&app, &active).await.status(), StatusCode::OK);
    assert_eq!(plan_of(&app, &client).await.0, "pro");
    // Another account cannot take the customer over.
    let (_, other) = signed_up(&app).await;
    let mut hijack = completed.clone();
    hijack["id"] = json!("evt_hijack");
    hijack["data"]["object"]["client_reference_id"] = json!(other.to_string());
    assert_eq!(deliver(&app, &hijack).await.status(), StatusCode::OK);
    assert_eq!(app.store.account(other).await.unwrap().unwrap().stripe_customer_id, None);
}

async fn ending_an_old_subscription_keeps_a_live_one(backend: Backend) {
    let Some((app, client, customer)) = app_with_customer(backend).await else { return };
    let now = unix_now();
    deliver(&app, &subscription_event("created", now - 20, &customer, "sub_old", "active")).await;
    deliver(&app, &subscription_event("created", now - 10, &customer, "sub_new", "active")).await;
    deliver(&app, &subscription_event("deleted", now - 5, &customer, "sub_old", "canceled")).await;
    assert_eq!(plan_of(&app, &client).await.0, "pro");
    deliver(&app, &subscription_event("deleted", now, &customer, "sub_new", "canceled")).await;
    assert_eq!(plan_of(&app, &client).await.0, "free");
}

async fn the_next_call_gets_the_new_limit(backend: Backend) {
    let Some((app, client, customer)) = app_with_customer(backend).await else { return };
    let key = app.create_key(&client, "ci").await["key"].as_str().unwrap().to_owned();
    let limit =
        |response: reqwest::Response| response.headers()["x-ratelimit-limit"].to_str().unwrap().to_owned();
    assert_eq!(limit(call_tool(&app, &key, "example", json!({})).await), "200");
    let now = unix_now();
    deliver(&app, &subscription_event("created", now - 1, &customer, "sub_1", "active")).await;
    assert_eq!(limit(call_tool(&app, &key, "example", json!({})).await), "2000");
    deliver(&app, &subscription_event("deleted", now, &customer, "sub_1", "canceled")).await;
    assert_eq!(limit(call_tool(&app, &key, "example", json!({})).await), "200");
}

/// With Redis, the instance that did not receive the webhook applies the limit too.
#[tokio::test]
async fn every_instance_gets_the_new_limit() {
    let vars = [
        ("STRIPE_SECRET_KEY", "sk_test_toolshub"),
        ("STRIPE_PRICE_ID_PRO", super::PRICE),
        ("STRIPE_API_BASE", NO_API),
        ("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
    ];
    let Some(first) = TestApp::spawn_with_redis(Backend::Postgres, &vars).await else { return };
    let second = first.another_instance().await;
    let (client, user) = signed_up(&first).await;
    first.store.link_stripe_customer(user, "cus_multi").await.unwrap();
    let key = first.create_key(&client, "ci").await["key"].as_str().unwrap().to_owned();
    let limit =
        |response: reqwest::Response| response.headers()["x-ratelimit-limit"].to_str().unwrap().to_owned();
    assert_eq!(limit(call_tool(&second, &key, "example", json!({})).await), "200");
    deliver(&first, &subscription_event("created", unix_now(), "cus_multi", "sub_1", "active")).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    loop {
        let seen = limit(call_tool(&second, &key, "example", json!({})).await);
        if seen == "2000" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the other instance still says {seen}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
