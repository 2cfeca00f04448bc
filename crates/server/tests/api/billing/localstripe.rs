//! The whole flow against localstripe (a local Stripe API that sends real signed
//! webhooks): checkout creates the customer there, a subscription made there makes the
//! account pro, deleting it makes it free. Checkout and the portal, which localstripe
//! lacks, are answered by the fake in front of it.

use std::process::Stdio;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use secrecy::SecretString;
use serde_json::{json, Value};
use tokio::process::{Child, Command};
use toolshub::billing::client::{StripeClient, STRIPE_VERSION};

use super::fake_stripe::FakeStripe;
use super::{account, billing_app, signed_up, WEBHOOK_SECRET};
use crate::helpers::Backend;

const SECRET_KEY: &str = "sk_test_toolshub";

/// A localstripe child process on a free port, killed when dropped.
struct LocalStripe {
    url: String,
    _child: Child,
}

impl LocalStripe {
    /// Starts `localstripe` (or `$LOCALSTRIPE`), or None after saying why it is missing,
    /// unless `TOOLSHUB_REQUIRE_SERVICES=1`.
    async fn start() -> Option<Self> {
        let program = std::env::var("LOCALSTRIPE").unwrap_or_else(|_| "localstripe".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let spawned = Command::new(&program)
            .args(["--port", &port.to_string(), "--from-scratch"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn();
        let child = match spawned {
            Ok(child) => child,
            Err(e) if std::env::var("TOOLSHUB_REQUIRE_SERVICES").is_ok_and(|v| v == "1") => {
                panic!("localstripe required (TOOLSHUB_REQUIRE_SERVICES=1) but `{program}` cannot start: {e}")
            }
            Err(e) => {
                eprintln!(
                    "skipping localstripe test: cannot start `{program}` ({e}); `pip install localstripe`"
                );
                return None;
            }
        };
        let server = Self { url: format!("http://127.0.0.1:{port}"), _child: child };
        server.wait_until_up().await;
        Some(server)
    }

    async fn wait_until_up(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while reqwest::get(format!("{}/v1/customers", self.url)).await.is_err() {
            assert!(Instant::now() < deadline, "localstripe did not start listening");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A form POST with the secret key; returns the JSON answer after checking success.
    async fn post(&self, path: &str, form: &[(&str, &str)]) -> Value {
        let request =
            reqwest::Client::new().post(format!("{}{path}", self.url)).basic_auth(SECRET_KEY, Some(""));
        let response = request.form(form).send().await.unwrap();
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.json().await.unwrap()
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        let request =
            reqwest::Client::new().get(format!("{}{path}", self.url)).basic_auth(SECRET_KEY, Some(""));
        request.send().await.unwrap()
    }

    /// Gives `customer` a default card, so subscriptions can be paid.
    async fn add_card(&self, customer: &str) {
        let card = [
            ("type", "card"),
            ("card[number]", "4242424242424242"),
            ("card[exp_month]", "12"),
            ("card[exp_year]", "2040"),
            ("card[cvc]", "123"),
        ];
        let method = self.post("/v1/payment_methods", &card).await;
        let method = method["id"].as_str().unwrap();
        self.post(&format!("/v1/payment_methods/{method}/attach"), &[("customer", customer)]).await;
        let default = [("invoice_settings[default_payment_method]", method)];
        self.post(&format!("/v1/customers/{customer}"), &default).await;
    }
}

#[tokio::test]
async fn a_localstripe_subscription_moves_the_account_between_plans() {
    let Some(localstripe) = LocalStripe::start().await else { return };
    let stripe = FakeStripe::start_with(Some(localstripe.url.clone())).await;
    let Some(app) = billing_app(Backend::Sqlite, &stripe.url(), &[]).await else { return };
    let webhook = [("url", app.url("/api/stripe/webhook")), ("secret", WEBHOOK_SECRET.to_owned())];
    let registered =
        reqwest::Client::new().post(format!("{}/_config/webhooks/toolshub", localstripe.url)).form(&webhook);
    assert!(registered.send().await.unwrap().status().is_success());

    let (client, user) = signed_up(&app).await;
    let response = app.post(&client, "/api/stripe/checkout", json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let customer =
        app.store.account(user).await.unwrap().unwrap().stripe_customer_id.expect("customer stored");
    let on_localstripe: Value =
        localstripe.get(&format!("/v1/customers/{customer}")).await.json().await.unwrap();
    assert_eq!(on_localstripe["metadata"]["user_id"], user.to_string());
    assert_eq!(on_localstripe["email"], account(&app, &client).await["email"]);

    localstripe.add_card(&customer).await;
    let plan = [("id", "pro_e2e"), ("amount", "900"), ("currency", "usd"), ("interval", "month")];
    let product = localstripe.post("/v1/products", &[("name", "Pro"), ("type", "service")]).await;
    let plan: Vec<_> = plan.into_iter().chain([("product", product["id"].as_str().unwrap())]).collect();
    localstripe.post("/v1/plans", &plan).await;
    let subscription = localstripe
        .post("/v1/subscriptions", &[("customer", &customer), ("items[0][plan]", "pro_e2e")])
        .await;
    assert_eq!(subscription["status"], "active");
    wait_for_plan(&app, &client, "pro", 2000).await;

    let id = subscription["id"].as_str().unwrap();
    let ours = StripeClient::new(stripe.url().parse().unwrap(), SecretString::from(SECRET_KEY));
    let retrieved = ours.retrieve_subscription(id).await.expect("subscription retrieved");
    assert_eq!((retrieved.id.as_str(), retrieved.customer.as_str()), (id, customer.as_str()));
    assert_eq!(retrieved.status, "active");
    let path = format!("/v1/subscriptions/{id}");
    assert_eq!(stripe.requests_to(&path)[0].header("stripe-version"), Some(STRIPE_VERSION));

    let deleted = reqwest::Client::new()
        .delete(format!("{}/v1/subscriptions/{id}", localstripe.url))
        .basic_auth(SECRET_KEY, Some(""))
        .send()
        .await
        .unwrap();
    assert!(deleted.status().is_success());
    wait_for_plan(&app, &client, "free", 200).await;
}

/// Webhooks arrive a second or so after the change (localstripe waits 1 s).
async fn wait_for_plan(app: &crate::helpers::TestApp, client: &reqwest::Client, plan: &str, limit: i64) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let seen = account(app, client).await;
        if seen["plan"] == plan && seen["rateLimit"] == limit {
            return;
        }
        assert!(Instant::now() < deadline, "still {seen} after 15 s; expected {plan}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
