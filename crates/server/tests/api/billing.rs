//! Billing: Checkout and portal against a fake Stripe speaking Stripe's wire format, signed
//! webhooks (signature, idempotency, ordering, status mapping, limits on the next call),
//! and the whole flow against localstripe.

mod browser;
mod checkout;
pub mod fake_stripe;
mod localstripe;
mod storage;
mod webhooks;

use hmac::{Hmac, Mac};
use reqwest::Response;
use serde_json::{json, Value};
use sha2::Sha256;
use uuid::Uuid;

use crate::helpers::{browser, Backend, TestApp};

pub const WEBHOOK_SECRET: &str = "whsec_test_current";
pub const PRICE: &str = "price_pro_monthly";

/// A server with Stripe configured against `api_base`, plus any `extra` settings.
pub async fn billing_app(backend: Backend, api_base: &str, extra: &[(&str, &str)]) -> Option<TestApp> {
    let mut vars = vec![
        ("STRIPE_SECRET_KEY", "sk_test_toolshub"),
        ("STRIPE_PRICE_ID_PRO", PRICE),
        ("STRIPE_API_BASE", api_base),
        ("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
    ];
    vars.extend_from_slice(extra);
    TestApp::spawn_with(backend, &vars).await
}

/// Now, in Unix seconds.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A `Stripe-Signature` header as Stripe writes it: `t=…,v1=hex(HMAC-SHA256(secret, "t.body"))`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", v1(secret, timestamp, body))
}

pub fn v1(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Posts `body` to the webhook with `signature_header` (none when `None`).
pub async fn post_webhook(app: &TestApp, body: &[u8], signature_header: Option<&str>) -> Response {
    let mut request = browser().post(app.url("/api/stripe/webhook")).body(body.to_vec());
    request = request.header("content-type", "application/json; charset=utf-8");
    if let Some(header) = signature_header {
        request = request.header("stripe-signature", header);
    }
    request.send().await.expect("request")
}

/// Delivers `event` signed with the current secret, as Stripe would now.
pub async fn deliver(app: &TestApp, event: &Value) -> Response {
    let body = serde_json::to_vec(event).unwrap();
    post_webhook(app, &body, Some(&signature(WEBHOOK_SECRET, unix_now(), &body))).await
}

/// A `customer.subscription.*` event created at `created` (Unix seconds).
pub fn subscription_event(
    kind: &str,
    created: i64,
    customer: &str,
    subscription: &str,
    status: &str,
) -> Value {
    json!({
        "id": format!("evt_{}", Uuid::new_v4().simple()),
        "object": "event",
        "type": format!("customer.subscription.{kind}"),
        "created": created,
        "livemode": false,
        "data": {"object": {
            "id": subscription, "object": "subscription", "customer": customer, "status": status,
            "items": {"object": "list", "data": [{"price": {"id": PRICE}}]}
        }}
    })
}

/// Signs up a new account in a fresh client; returns the client and the account id.
pub async fn signed_up(app: &TestApp) -> (reqwest::Client, Uuid) {
    let client = browser();
    let email = format!("{}@example.com", Uuid::new_v4().simple());
    let account = app.signup(&client, &email).await;
    (client, account["id"].as_str().unwrap().parse().unwrap())
}

/// `GET /api/account` of `client`.
pub async fn account(app: &TestApp, client: &reqwest::Client) -> Value {
    app.get(client, "/api/account").await.json().await.unwrap()
}
