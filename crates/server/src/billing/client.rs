//! A thin client for the four Stripe calls we make: form-encoded requests, a pinned API
//! version, timeouts, an idempotency key on every POST, and retries of network errors,
//! 409 (a concurrent request with the same key), 429 and 5xx, unless Stripe's
//! `Stripe-Should-Retry` header says otherwise.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use url::Url;
use uuid::Uuid;

/// The API version our requests and parsing are written for.
pub const STRIPE_VERSION: &str = "2024-06-20";
const ATTEMPTS: u32 = 3;
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// How long customer creations of one account share an idempotency key.
const CUSTOMER_KEY_WINDOW_SECONDS: i64 = 600;

/// Why a Stripe call failed.
#[derive(Debug, thiserror::Error)]
pub enum StripeError {
    #[error("Stripe could not be reached: {0}")]
    Network(#[source] reqwest::Error),
    #[error("Stripe answered {status}: {message}")]
    Refused {
        status: StatusCode,
        message: String,
        /// Stripe's `Stripe-Should-Retry` header, when sent.
        should_retry: Option<bool>,
    },
    #[error("Stripe's answer could not be read: {0}")]
    Unreadable(String),
}

/// A Stripe customer (only its id is used).
#[derive(Debug, Deserialize)]
pub struct Customer {
    pub id: String,
}

/// A Checkout or billing-portal session: where to send the user.
#[derive(Debug, Deserialize)]
pub struct RedirectSession {
    pub id: String,
    pub url: String,
}

/// A subscription's id, customer and status.
#[derive(Debug, Deserialize)]
pub struct Subscription {
    pub id: String,
    pub customer: String,
    pub status: String,
}

/// What a Checkout Session for the pro plan needs.
pub struct CheckoutRequest<'a> {
    pub customer_id: &'a str,
    pub price_id: &'a str,
    pub user_id: Uuid,
    pub success_url: &'a str,
    pub cancel_url: &'a str,
}

/// Calls Stripe's API with a secret key; cheap to clone.
#[derive(Clone)]
pub struct StripeClient {
    http: reqwest::Client,
    base: Url,
    secret_key: SecretString,
}

impl StripeClient {
    /// A client for `base` (Stripe's address, or a local server in tests).
    pub fn new(mut base: Url, secret_key: SecretString) -> Self {
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(20))
            .build()
            .expect("the TLS backend initialises");
        Self { http, base, secret_key }
    }

    /// Creates the customer of account `user_id`. The idempotency key is derived from the
    /// account and the current 10-minute window, so concurrent calls (a double click, two
    /// instances) get one customer, while a failure Stripe saved under the key (it replays
    /// even 500s for 24 hours) blocks the account for minutes, not a day.
    pub async fn create_customer(&self, email: &str, user_id: Uuid) -> Result<Customer, StripeError> {
        let form = [("email", email.to_owned()), ("metadata[user_id]", user_id.to_string())];
        let window = chrono::Utc::now().timestamp() / CUSTOMER_KEY_WINDOW_SECONDS;
        self.post("v1/customers", &form, &format!("toolshub-customer-{user_id}-{window}")).await
    }

    /// Creates a subscription Checkout Session for one unit of the pro price.
    pub async fn create_checkout_session(
        &self,
        request: &CheckoutRequest<'_>,
    ) -> Result<RedirectSession, StripeError> {
        let form = [
            ("mode", "subscription".to_owned()),
            ("line_items[0][price]", request.price_id.to_owned()),
            ("line_items[0][quantity]", "1".to_owned()),
            ("customer", request.customer_id.to_owned()),
            ("client_reference_id", request.user_id.to_string()),
            ("success_url", request.success_url.to_owned()),
            ("cancel_url", request.cancel_url.to_owned()),
        ];
        self.post("v1/checkout/sessions", &form, &Uuid::new_v4().to_string()).await
    }

    /// Creates a billing-portal session for `customer_id`, returning to `return_url`.
    pub async fn create_portal_session(
        &self,
        customer_id: &str,
        return_url: &str,
    ) -> Result<RedirectSession, StripeError> {
        let form = [("customer", customer_id.to_owned()), ("return_url", return_url.to_owned())];
        self.post("v1/billing_portal/sessions", &form, &Uuid::new_v4().to_string()).await
    }

    /// The current state of a subscription.
    pub async fn retrieve_subscription(&self, id: &str) -> Result<Subscription, StripeError> {
        let path = format!("v1/subscriptions/{}", urlencode(id));
        self.send(Method::GET, &path, None, None).await
    }

    async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        form: &[(&str, String)],
        idempotency_key: &str,
    ) -> Result<T, StripeError> {
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        self.send(Method::POST, path, Some(body), Some(idempotency_key)).await
    }

    /// Sends one request, retried with the same idempotency key while the failure is
    /// one Stripe asks clients to retry.
    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        idempotency_key: Option<&str>,
    ) -> Result<T, StripeError> {
        let url = self.base.join(path).map_err(|e| StripeError::Unreadable(e.to_string()))?;
        let mut backoff = FIRST_BACKOFF;
        for attempt in 1..=ATTEMPTS {
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(self.secret_key.expose_secret())
                .header("Stripe-Version", STRIPE_VERSION);
            if let Some(key) = idempotency_key {
                request = request.header("Idempotency-Key", key);
            }
            if let Some(body) = &body {
                request =
                    request.header("Content-Type", "application/x-www-form-urlencoded").body(body.clone());
            }
            let outcome = answer(request.send().await).await;
            match outcome {
                Err(e) if attempt < ATTEMPTS && is_retryable(&e) => {
                    tracing::warn!(error = %e, attempt, path, "Stripe call failed; retrying");
                    tokio::time::sleep(backoff).await;
                    backoff *= 2;
                }
                other => return other.and_then(|bytes| decode(&bytes)),
            }
        }
        unreachable!("the last attempt returns")
    }
}

async fn answer(sent: reqwest::Result<reqwest::Response>) -> Result<Vec<u8>, StripeError> {
    let response = sent.map_err(StripeError::Network)?;
    let status = response.status();
    let should_retry = match response.headers().get("stripe-should-retry").map(|v| v.as_bytes()) {
        Some(b"true") => Some(true),
        Some(b"false") => Some(false),
        _ => None,
    };
    let bytes = response.bytes().await.map_err(StripeError::Network)?;
    if status.is_success() {
        return Ok(bytes.to_vec());
    }
    Err(StripeError::Refused { status, message: error_message(&bytes), should_retry })
}

fn is_retryable(error: &StripeError) -> bool {
    match error {
        StripeError::Network(_) => true,
        StripeError::Refused { should_retry: Some(advice), .. } => *advice,
        StripeError::Refused { status, .. } => {
            status.is_server_error()
                || *status == StatusCode::CONFLICT
                || *status == StatusCode::TOO_MANY_REQUESTS
        }
        StripeError::Unreadable(_) => false,
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StripeError> {
    serde_json::from_slice(bytes).map_err(|e| StripeError::Unreadable(e.to_string()))
}

/// Stripe's `{"error":{"message"}}`, or the start of whatever else came back.
fn error_message(body: &[u8]) -> String {
    #[derive(Deserialize)]
    struct Envelope {
        error: Detail,
    }
    #[derive(Deserialize)]
    struct Detail {
        message: Option<String>,
    }
    match serde_json::from_slice::<Envelope>(body) {
        Ok(Envelope { error: Detail { message: Some(message) } }) => message,
        _ => String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
    }
}

fn urlencode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}
