//! `POST /api/stripe/checkout` and `/api/stripe/portal` (and their dashboard forms) against
//! a fake Stripe that records what it is sent.

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use serde_json::{json, Value};
use toolshub::store::Plan;

use super::fake_stripe::FakeStripe;
use super::{account, billing_app, signed_up, PRICE};
use crate::helpers::{browser, error_code, Backend, TestApp, APP_ORIGIN};
use crate::on_both_backends;

on_both_backends!(
    a_double_click_creates_one_customer_and_sessions_carry_the_fields,
    stripe_failures_are_retried_then_502_with_nothing_written,
    an_unreachable_stripe_is_a_502,
    pro_accounts_cannot_check_out_again,
    the_portal_needs_a_customer,
    without_stripe_billing_is_off_but_set_plan_works,
    the_dashboard_buttons_work_without_javascript,
);

async fn checkout(app: &TestApp, client: &reqwest::Client) -> reqwest::Response {
    app.post(client, "/api/stripe/checkout", json!({})).await
}

async fn a_double_click_creates_one_customer_and_sessions_carry_the_fields(backend: Backend) {
    let stripe = FakeStripe::start().await;
    let Some(app) = billing_app(backend, &stripe.url(), &[]).await else { return };
    let (client, user) = signed_up(&app).await;
    let (first, second) = tokio::join!(checkout(&app, &client), checkout(&app, &client));
    for response in [first, second] {
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        assert!(
            body["url"].as_str().unwrap().starts_with("https://checkout.stripe.com/c/pay/cs_test_"),
            "{body}"
        );
    }
    let creations = stripe.requests_to("/v1/customers");
    assert_eq!(creations.len(), 2, "both clicks asked, with one idempotency key");
    assert_eq!(creations[0].header("idempotency-key"), creations[1].header("idempotency-key"));
    assert!(creations[0].field("email").unwrap().ends_with("@example.com"));
    assert_eq!(creations[0].field("metadata[user_id]"), Some(user.to_string().as_str()));
    let customer =
        app.store.account(user).await.unwrap().unwrap().stripe_customer_id.expect("customer stored");
    let sessions = stripe.requests_to("/v1/checkout/sessions");
    assert_eq!(sessions.len(), 2);
    for session in &sessions {
        let user_id = user.to_string();
        let expected = [
            ("mode", "subscription"),
            ("line_items[0][price]", PRICE),
            ("line_items[0][quantity]", "1"),
            ("customer", customer.as_str()),
            ("client_reference_id", user_id.as_str()),
            ("success_url", "http://localhost:3000/dashboard?done=checkout-success"),
            ("cancel_url", "http://localhost:3000/dashboard?done=checkout-cancelled"),
        ];
        for (name, value) in expected {
            assert_eq!(session.field(name), Some(value), "{name}");
        }
        assert_eq!(session.header("authorization"), Some("Bearer sk_test_toolshub"));
        assert_eq!(session.header("stripe-version"), Some(toolshub::billing::client::STRIPE_VERSION));
        assert!(session.header("idempotency-key").is_some_and(|k| !k.is_empty()));
        assert_eq!(session.header("content-type"), Some("application/x-www-form-urlencoded"));
    }
    // A third click reuses the stored customer.
    assert_eq!(checkout(&app, &client).await.status(), StatusCode::OK);
    assert_eq!(stripe.requests_to("/v1/customers").len(), 2);
    assert_eq!(stripe.requests_to("/v1/checkout/sessions")[2].field("customer"), Some(customer.as_str()));
}

async fn stripe_failures_are_retried_then_502_with_nothing_written(backend: Backend) {
    let stripe = FakeStripe::start().await;
    let Some(app) = billing_app(backend, &stripe.url(), &[]).await else { return };
    let (client, user) = signed_up(&app).await;
    stripe.fail_next(3);
    let response = checkout(&app, &client).await;
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(error_code(response).await, "stripe_unavailable");
    assert_eq!(stripe.requests_to("/v1/customers").len(), 3, "three attempts");
    assert_eq!(app.store.account(user).await.unwrap().unwrap().stripe_customer_id, None);
    // One failure is absorbed by a retry with the same idempotency key.
    stripe.fail_next(1);
    assert_eq!(checkout(&app, &client).await.status(), StatusCode::OK);
    let creations = stripe.requests_to("/v1/customers");
    assert_eq!(creations[3].header("idempotency-key"), creations[4].header("idempotency-key"));
    let sessions = stripe.requests_to("/v1/checkout/sessions");
    assert_eq!(sessions.len(), 1);
    // `Stripe-Should-Retry: false` is obeyed: one attempt.
    stripe.refuse_next(1);
    assert_eq!(checkout(&app, &client).await.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(stripe.requests_to("/v1/checkout/sessions").len(), 2);
}

async fn an_unreachable_stripe_is_a_502(backend: Backend) {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let Some(app) = billing_app(backend, &format!("http://{closed}"), &[]).await else { return };
    let (client, user) = signed_up(&app).await;
    let response = checkout(&app, &client).await;
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(error_code(response).await, "stripe_unavailable");
    assert_eq!(app.store.account(user).await.unwrap().unwrap().stripe_customer_id, None);
}

async fn pro_accounts_cannot_check_out_again(backend: Backend) {
    let stripe = FakeStripe::start().await;
    let Some(app) = billing_app(backend, &stripe.url(), &[]).await else { return };
    let (client, _) = signed_up(&app).await;
    let email = account(&app, &client).await["email"].as_str().unwrap().to_owned();
    app.store.set_plan_by_email(&email, Plan::Pro, 2000).await.unwrap();
    let response = checkout(&app, &client).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(response).await, "already_pro");
    assert!(stripe.requests_to("/v1/customers").is_empty());
    // And the checks of every session endpoint hold.
    assert_eq!(checkout(&app, &browser()).await.status(), StatusCode::UNAUTHORIZED);
    let foreign = client.post(app.url("/api/stripe/checkout")).header("origin", "https://evil.example");
    assert_eq!(foreign.send().await.unwrap().status(), StatusCode::FORBIDDEN);
}

async fn the_portal_needs_a_customer(backend: Backend) {
    let stripe = FakeStripe::start().await;
    let Some(app) = billing_app(backend, &stripe.url(), &[]).await else { return };
    let (client, _) = signed_up(&app).await;
    let response = app.post(&client, "/api/stripe/portal", json!({})).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(response).await, "no_billing_account");
    assert_eq!(checkout(&app, &client).await.status(), StatusCode::OK);
    let response = app.post(&client, "/api/stripe/portal", json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert!(body["url"].as_str().unwrap().starts_with("https://billing.stripe.com/p/session/"));
    let portal = &stripe.requests_to("/v1/billing_portal/sessions")[0];
    let customer = stripe.requests_to("/v1/checkout/sessions")[0].field("customer").unwrap().to_owned();
    assert_eq!(portal.field("customer"), Some(customer.as_str()));
    assert_eq!(portal.field("return_url"), Some("http://localhost:3000/dashboard"));
    assert!(portal.header("idempotency-key").is_some());
}

async fn without_stripe_billing_is_off_but_set_plan_works(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let (client, _) = signed_up(&app).await;
    let body = account(&app, &client).await;
    assert_eq!(body["billingEnabled"], false);
    for path in ["/api/stripe/checkout", "/api/stripe/portal"] {
        let response = app.post(&client, path, json!({})).await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(error_code(response).await, "billing_not_configured");
    }
    let webhook = browser().post(app.url("/api/stripe/webhook")).body("{}").send().await.unwrap();
    assert_eq!(webhook.status(), StatusCode::SERVICE_UNAVAILABLE);
    let email = body["email"].as_str().unwrap();
    app.store.set_plan_by_email(email, Plan::Pro, 2000).await.unwrap();
    assert_eq!(account(&app, &client).await["plan"], "pro");
    let page = app.get(&client, "/dashboard").await.text().await.unwrap();
    assert!(page.contains("Billing is not configured on this server"));
    assert!(!page.contains("/dashboard/billing/checkout"));
}

async fn the_dashboard_buttons_work_without_javascript(backend: Backend) {
    let stripe = FakeStripe::start().await;
    let Some(app) = billing_app(backend, &stripe.url(), &[]).await else { return };
    let client = reqwest::Client::builder().redirect(Policy::none()).cookie_store(true).build().unwrap();
    app.signup(&client, "nojs@example.com").await;
    assert_eq!(account(&app, &client).await["billingEnabled"], true);
    let page = app.get(&client, "/dashboard").await.text().await.unwrap();
    assert!(page.contains(r#"action="/dashboard/billing/checkout""#));
    assert!(!page.contains(r#"action="/dashboard/billing/portal""#), "no customer yet");
    let post = |path: &str| client.post(app.url(path)).header("origin", APP_ORIGIN).send();
    let response = post("/dashboard/billing/checkout").await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers()["location"].to_str().unwrap().starts_with("https://checkout.stripe.com/"));
    let page = app.get(&client, "/dashboard").await.text().await.unwrap();
    assert!(page.contains(r#"action="/dashboard/billing/portal""#));
    let response = post("/dashboard/billing/portal").await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(response.headers()["location"].to_str().unwrap().starts_with("https://billing.stripe.com/"));
    for (done, text) in
        [("checkout-success", "Your payment went through"), ("checkout-cancelled", "nothing was charged")]
    {
        let page = app.get(&client, &format!("/dashboard?done={done}")).await.text().await.unwrap();
        assert!(page.contains(text), "{done}");
        assert!(page.contains(r#"id="account-plan">free<"#), "the stored plan is shown");
    }
    stripe.fail_next(3);
    let response = post("/dashboard/billing/portal").await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    let foreign =
        client.post(app.url("/dashboard/billing/checkout")).header("origin", "https://evil.example");
    assert_eq!(foreign.send().await.unwrap().status(), StatusCode::FORBIDDEN);
}
