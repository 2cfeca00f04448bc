//! A stand-in for Stripe's API over real HTTP: it records every request's headers and form
//! fields and answers as Stripe does (ids, `url`, `{"error":{"message"}}`, idempotency keys
//! on customer creation). Given an upstream (localstripe), it forwards what it does not
//! implement itself: everything but Checkout and the billing portal.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

/// One request as the fake received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    pub headers: HeaderMap,
    pub form: Vec<(String, String)>,
}

impl Recorded {
    /// The value of form field `name`.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<Recorded>>,
    /// Answers to customer creations by idempotency key (Stripe replays them).
    customers: tokio::sync::Mutex<HashMap<String, (StatusCode, Value)>>,
    /// The next this many requests get a 500.
    failures_left: AtomicU32,
    /// The next this many requests get a 503 with `Stripe-Should-Retry: false`.
    refusals_left: AtomicU32,
    upstream: Option<String>,
}

/// A running fake; dropped with the test's runtime.
#[derive(Clone)]
pub struct FakeStripe {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl FakeStripe {
    pub async fn start() -> Self {
        Self::start_with(None).await
    }

    /// A fake in front of `upstream` (localstripe's address).
    pub async fn start_with(upstream: Option<String>) -> Self {
        let shared = Arc::new(Shared { upstream, ..Shared::default() });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().fallback(answer).with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { addr, shared }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Makes the next `n` requests fail with 500.
    pub fn fail_next(&self, n: u32) {
        self.shared.failures_left.store(n, Ordering::SeqCst);
    }

    /// Makes the next `n` requests fail with a 503 that Stripe says not to retry.
    pub fn refuse_next(&self, n: u32) {
        self.shared.refusals_left.store(n, Ordering::SeqCst);
    }

    /// The requests made to `path`, in order.
    pub fn requests_to(&self, path: &str) -> Vec<Recorded> {
        let requests = self.shared.requests.lock().unwrap();
        requests.iter().filter(|r| r.path == path).cloned().collect()
    }
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = url::form_urlencoded::parse(&body).into_owned().collect();
    let path = uri.path().to_owned();
    let recorded = Recorded { path: path.clone(), headers: headers.clone(), form };
    shared.requests.lock().unwrap().push(recorded);
    if shared.failures_left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
        return stripe_error(StatusCode::INTERNAL_SERVER_ERROR, "An unexpected error occurred.");
    }
    if shared.refusals_left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
        let mut refusal = stripe_error(StatusCode::SERVICE_UNAVAILABLE, "Try again later, not now.");
        refusal.headers_mut().insert("stripe-should-retry", "false".parse().unwrap());
        return refusal;
    }
    match (method.as_str(), path.as_str()) {
        ("POST", "/v1/checkout/sessions") => {
            let id = format!("cs_test_{}", uuid::Uuid::new_v4().simple());
            let url = format!("https://checkout.stripe.com/c/pay/{id}");
            ok(json!({"id": id, "object": "checkout.session", "mode": "subscription", "url": url}))
        }
        ("POST", "/v1/billing_portal/sessions") => {
            let id = format!("bps_{}", uuid::Uuid::new_v4().simple());
            let url = format!("https://billing.stripe.com/p/session/test_{id}");
            ok(json!({"id": id, "object": "billing_portal.session", "url": url}))
        }
        ("POST", "/v1/customers") => create_customer(&shared, &uri, &headers, body).await,
        _ => match &shared.upstream {
            Some(upstream) => {
                let (status, body) = forward(upstream, &method, &uri, &headers, body).await;
                (status, axum::Json(body)).into_response()
            }
            None => stripe_error(StatusCode::NOT_FOUND, "Unrecognized request URL."),
        },
    }
}

/// Creates a customer (here or upstream) once per idempotency key, replaying the first
/// answer for repeats, as Stripe does.
async fn create_customer(shared: &Shared, uri: &Uri, headers: &HeaderMap, body: Bytes) -> Response {
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let mut answers = shared.customers.lock().await;
    if let Some((status, body)) = answers.get(&key).filter(|_| !key.is_empty()) {
        return (*status, axum::Json(body.clone())).into_response();
    }
    // Slow enough that a double click overlaps.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let (status, created) = match &shared.upstream {
        Some(upstream) => forward(upstream, &Method::POST, uri, headers, body).await,
        None => {
            let id = format!("cus_{}", uuid::Uuid::new_v4().simple());
            (StatusCode::OK, json!({"id": id, "object": "customer"}))
        }
    };
    answers.insert(key, (status, created.clone()));
    (status, axum::Json(created)).into_response()
}

async fn forward(
    upstream: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Bytes,
) -> (StatusCode, Value) {
    let url = format!("{upstream}{}", uri.path_and_query().map_or("/", |p| p.as_str()));
    let mut request = reqwest::Client::new().request(method.clone(), url).body(body);
    for name in ["authorization", "content-type", "stripe-version"] {
        if let Some(value) = headers.get(name) {
            request = request.header(name, value.clone());
        }
    }
    let response = request.send().await.expect("localstripe answers");
    let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn ok(body: Value) -> Response {
    axum::Json(body).into_response()
}

fn stripe_error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"error": {"type": "api_error", "message": message}}))).into_response()
}
