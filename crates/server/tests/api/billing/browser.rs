//! The dashboard's billing buttons in headless Chromium: the form post's redirect to
//! Stripe passes the page's CSP, and the plan box follows the stored plan.

use std::time::{Duration, Instant};

use fantoccini::Client;

use super::fake_stripe::FakeStripe;
use super::{billing_app, deliver, subscription_event, unix_now};
use crate::helpers::Backend;
use crate::web_browser::sign_up;
use crate::web_driver::{click, open, text, Browser};

/// Waits until the browser has gone to (or tried to load) a URL starting with `prefix`.
async fn until_url_starts_with(client: &Client, prefix: &str) {
    let started = Instant::now();
    loop {
        let url = client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        if url.starts_with(prefix) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "still on {url}; expected {prefix}…");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn upgrade_goes_to_checkout_and_the_plan_box_follows_the_webhook() {
    let stripe = FakeStripe::start().await;
    let Some(app) = billing_app(Backend::Sqlite, &stripe.url(), &[]).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            sign_up(&client, &app, "billing@example.com").await;
            assert_eq!(text(&client, "#account-plan").await, "free");
            click(&client, "#upgrade-button").await;
            until_url_starts_with(&client, "https://checkout.stripe.com/c/pay/cs_test_").await;

            open(&client, &app.url("/dashboard?done=checkout-success")).await;
            assert!(text(&client, ".notice").await.contains("Your payment went through"));
            assert_eq!(text(&client, "#account-plan").await, "free", "the stored plan, until Stripe says");
            let customer =
                stripe.requests_to("/v1/checkout/sessions")[0].field("customer").unwrap().to_owned();
            deliver(&app, &subscription_event("created", unix_now(), &customer, "sub_1", "active")).await;
            open(&client, &app.url("/dashboard")).await;
            assert_eq!(text(&client, "#account-plan").await, "pro");
            click(&client, "#manage-billing-button").await;
            until_url_starts_with(&client, "https://billing.stripe.com/p/session/").await;
        })
        .await;
}
