//! The blog generator: the built-in writer through the API (cost 5, bad inputs), and the
//! language-model path against a local server speaking the chat-completions protocol.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{browser, call_tool, error_code, wait_for_room_in_minute, Backend, TestApp};

crate::on_both_backends!(a_builtin_post_costs_five_requests);

async fn key_for(app: &TestApp) -> String {
    let client = browser();
    app.signup(&client, "writer@example.com").await;
    app.create_key(&client, "blog").await["key"].as_str().unwrap().to_owned()
}

async fn a_builtin_post_costs_five_requests(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app).await;
    wait_for_room_in_minute(10).await;
    let input =
        json!({"topic": "Rate limiting APIs", "keywords": ["redis", "fixed window"], "length": "short"});
    let response = call_tool(&app, &key, "blog-generator", input).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["x-ratelimit-remaining"], "195");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["rateLimit"]["remaining"], 195);
    let post = &body["result"];
    assert_eq!(
        (post["provider"].as_str(), post["slug"].as_str()),
        (Some("builtin"), Some("rate-limiting-apis-a-practical-guide"))
    );
    for field in ["title", "metaDescription", "markdown", "html"] {
        assert!(post[field].as_str().is_some_and(|t| !t.is_empty()), "{field}: {post}");
    }
    assert!(
        post["outline"].as_array().is_some_and(|o| o.len() == 4)
            && post["tags"] == json!(["redis", "fixed window"])
    );
    assert!((300..=500).contains(&post["wordCount"].as_u64().unwrap()), "{}", post["wordCount"]);
    assert!(post["readingTimeSeconds"].as_u64().unwrap() > 60);
}

#[tokio::test]
async fn bad_inputs_get_400_or_422() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let key = key_for(&app).await;
    let url = app.url("/api/tools/blog-generator");
    let raw = app.client.post(&url).bearer_auth(&key).header("content-type", "application/json");
    let response = raw.body("{\"topic\": ").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_code(response).await, "invalid_json");
    for input in [
        json!({"topic": "ab"}),
        json!({"topic": "Valid topic", "keywords": vec!["k"; 11]}),
        json!({"topic": "Valid topic", "tone": "angry"}),
        json!({"topic": "Valid topic", "length": 3}),
        json!({"topic": "Valid topic", "style": "x"}),
        json!({"topic": "Valid topic", "language": "de"}),
    ] {
        let response = call_tool(&app, &key, "blog-generator", input.clone()).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{input}");
        assert_eq!(error_code(response).await, "invalid_input", "{input}");
    }
    let huge = json!({"topic": "x".repeat(20_000)});
    assert_eq!(call_tool(&app, &key, "blog-generator", huge).await.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// How the fake model server answers.
#[derive(Clone, Copy, PartialEq)]
enum Behaviour {
    Good,
    Fails,
    Garbage,
    Slow,
    NoSchemaSupport,
    /// 429 with `Retry-After: 0` to the first request, then a good answer.
    BusyOnce,
}

#[derive(Clone)]
struct FakeModel {
    behaviour: Behaviour,
    seen: Arc<Mutex<Vec<(HeaderMap, Value)>>>,
}

/// A chat-completions server on port 0; returns its base URL and what it received.
async fn fake_model(behaviour: Behaviour) -> (String, Arc<Mutex<Vec<(HeaderMap, Value)>>>) {
    let model = FakeModel { behaviour, seen: Arc::default() };
    let seen = model.seen.clone();
    let app = Router::new().route("/v1/chat/completions", post(complete)).with_state(model);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, seen)
}

async fn complete(State(model): State<FakeModel>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    let format = body["response_format"]["type"].as_str().unwrap_or_default().to_owned();
    let first = {
        let mut seen = model.seen.lock().unwrap();
        seen.push((headers, body));
        seen.len() == 1
    };
    match model.behaviour {
        Behaviour::BusyOnce if first => {
            (AxumStatus::TOO_MANY_REQUESTS, [("retry-after", "0")], "slow down").into_response()
        }
        Behaviour::Fails => (AxumStatus::INTERNAL_SERVER_ERROR, "model crashed").into_response(),
        Behaviour::Garbage => Json(chat_answer("{\"title\": \"unfinished")).into_response(),
        Behaviour::Slow => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Json(chat_answer(&post_json())).into_response()
        }
        Behaviour::NoSchemaSupport if format == "json_schema" => {
            (AxumStatus::BAD_REQUEST, "response_format json_schema is not supported").into_response()
        }
        Behaviour::Good | Behaviour::NoSchemaSupport | Behaviour::BusyOnce => {
            Json(chat_answer(&post_json())).into_response()
        }
    }
}

fn chat_answer(content: &str) -> Value {
    json!({"id": "chatcmpl-1", "object": "chat.completion", "model": "test-model",
           "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]})
}

fn post_json() -> String {
    json!({
        "title": "Caching with Redis",
        "metaDescription": "How to cache with Redis.",
        "outline": [{"heading": "Why cache", "points": ["speed"]}],
        "markdown": "# Caching with Redis\n\nCache <script>alert(1)</script> wisely.\n\n[x](javascript:alert(1))",
        "tags": ["Redis", "caching"],
    })
    .to_string()
}

async fn app_with_model(
    behaviour: Behaviour,
) -> Option<(TestApp, String, Arc<Mutex<Vec<(HeaderMap, Value)>>>)> {
    let (base, seen) = fake_model(behaviour).await;
    let settings = [
        ("LLM_BASE_URL", base.as_str()),
        ("LLM_MODEL", "test-model"),
        ("LLM_API_KEY", "sk-test"),
        ("LLM_TIMEOUT_SECONDS", "1"),
    ];
    let app = TestApp::spawn_with(Backend::Sqlite, &settings).await?;
    let key = key_for(&app).await;
    Some((app, key, seen))
}

const INPUT: &str =
    r#"{"topic": "Caching with Redis", "keywords": ["ttl"], "tone": "technical", "language": "de"}"#;

async fn generate(app: &TestApp, key: &str) -> reqwest::Response {
    call_tool(app, key, "blog-generator", serde_json::from_str(INPUT).unwrap()).await
}

#[tokio::test]
async fn the_model_gets_the_brief_and_the_schema_and_its_post_is_checked() {
    let Some((app, key, seen)) = app_with_model(Behaviour::Good).await else { return };
    let response = generate(&app, &key).await;
    assert_eq!(response.status(), StatusCode::OK);
    let post = response.json::<Value>().await.unwrap()["result"].clone();
    assert_eq!((post["provider"].as_str(), post["slug"].as_str()), (Some("llm"), Some("caching-with-redis")));
    assert_eq!(post["tags"], json!(["redis", "caching"]));
    let html = post["html"].as_str().unwrap();
    assert!(
        html.contains("&lt;script&gt;") && !html.contains("<script") && !html.contains("javascript:"),
        "{html}"
    );
    assert_eq!(post["wordCount"], 10, "markup shown as text counts");

    let seen = seen.lock().unwrap();
    let (headers, body) = &seen[0];
    assert_eq!(seen.len(), 1);
    assert_eq!(headers["authorization"], "Bearer sk-test");
    assert_eq!(body["model"], "test-model");
    assert_eq!(body["response_format"]["type"], "json_schema");
    let schema = &body["response_format"]["json_schema"]["schema"];
    assert_eq!(schema["required"], json!(["title", "metaDescription", "outline", "markdown", "tags"]));
    let roles: Vec<&str> =
        body["messages"].as_array().unwrap().iter().map(|m| m["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["system", "user"]);
    let brief = body["messages"][1]["content"].as_str().unwrap();
    assert!(
        brief.contains("\"topic\": \"Caching with Redis\"") && brief.contains("\"language\": \"de\""),
        "{brief}"
    );
}

#[tokio::test]
async fn servers_without_json_schema_get_json_object() {
    let Some((app, key, seen)) = app_with_model(Behaviour::NoSchemaSupport).await else { return };
    assert_eq!(generate(&app, &key).await.status(), StatusCode::OK);
    let formats: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|(_, b)| b["response_format"]["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(formats, ["json_schema", "json_object"]);
}

#[tokio::test]
async fn a_failing_model_is_retried_once_then_502() {
    let Some((app, key, seen)) = app_with_model(Behaviour::Fails).await else { return };
    let response = generate(&app, &key).await;
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(error_code(response).await, "provider_error");
    assert_eq!(seen.lock().unwrap().len(), 2, "one retry");
}

#[tokio::test]
async fn a_rate_limited_model_is_retried_once() {
    let Some((app, key, seen)) = app_with_model(Behaviour::BusyOnce).await else { return };
    assert_eq!(generate(&app, &key).await.status(), StatusCode::OK);
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn garbage_from_the_model_is_502() {
    let Some((app, key, _)) = app_with_model(Behaviour::Garbage).await else { return };
    let response = generate(&app, &key).await;
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(error_code(response).await, "provider_error");
}

#[tokio::test]
async fn a_slow_model_is_504_after_the_timeout() {
    let Some((app, key, _)) = app_with_model(Behaviour::Slow).await else { return };
    let started = Instant::now();
    let response = generate(&app, &key).await;
    assert_eq!(response.status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(error_code(response).await, "provider_timeout");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}
