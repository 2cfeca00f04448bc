//! The tool gateway: envelope and headers, exact per-account limits, keys, sessions,
//! anonymous playground, usage, and zero SQL per call in steady state.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{browser, call_tool, error_code, wait_for_room_in_minute, Backend, TestApp, APP_ORIGIN};

crate::on_both_backends!(
    a_call_returns_the_envelope_and_rate_limit_headers,
    exactly_the_limit_passes_under_concurrency,
    keys_of_one_account_share_one_limit,
    sessions_and_anonymous_visitors,
    bad_keys_are_refused_and_unknown_keys_throttled,
    a_deleted_key_stops_working_at_once,
    tool_calls_cost_no_sql_and_usage_is_recorded,
    bad_tool_inputs_get_clear_errors,
    sliding_window_limits_exactly,
);

/// Signs up and returns an API key of the new account.
async fn key_for(app: &TestApp, email: &str) -> String {
    let client = browser();
    app.signup(&client, email).await;
    app.create_key(&client, "test").await["key"].as_str().unwrap().to_owned()
}

async fn a_call_returns_the_envelope_and_rate_limit_headers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app, "ada@example.com").await;
    wait_for_room_in_minute(5).await;
    let response =
        call_tool(&app, &key, "case-converter", json!({"text": "XMLHttpRequest handler", "to": "snake"}))
            .await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let header = |name: &str| headers[name].to_str().unwrap().to_owned();
    assert_eq!(header("x-ratelimit-limit"), "200");
    assert_eq!(header("x-ratelimit-remaining"), "199");
    assert_eq!(header("ratelimit-policy"), "\"free\";q=200;w=60");
    let reset: u64 = header("x-ratelimit-reset").parse().unwrap();
    assert!(header("ratelimit").starts_with("\"free\";r=199;t="));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["tool"], "case-converter");
    assert_eq!(body["result"], json!({"to": "snake", "output": "xml_http_request_handler"}));
    assert_eq!(body["rateLimit"], json!({"remaining": 199, "resetTime": reset}));

    let catalogue: Vec<Value> = app.get(&browser(), "/api/tools").await.json().await.unwrap();
    assert_eq!(catalogue.len(), 6);
    assert!(catalogue
        .iter()
        .all(|t| t["slug"].is_string() && t["example"].is_object() && t["category"].is_string()));
    let echo: Value = call_tool(&app, &key, "example", json!({"hello": "world"})).await.json().await.unwrap();
    assert_eq!(echo["result"]["echo"], json!({"hello": "world"}));
    for (slug, input) in
        [("word-counter", json!({"text": "one two"})), ("hex-rgba-converter", json!({"color": "#ff000080"}))]
    {
        let body: Value = call_tool(&app, &key, slug, input).await.json().await.unwrap();
        assert_eq!(body["tool"], slug);
        assert!(body["result"].is_object(), "{body}");
    }
}

async fn exactly_the_limit_passes_under_concurrency(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app, "ada@example.com").await;
    wait_for_room_in_minute(10).await;
    let calls = (0..250).map(|_| call_tool(&app, &key, "example", json!({})));
    let responses = futures::future::join_all(calls).await;
    let ok: Vec<_> = responses.iter().filter(|r| r.status() == StatusCode::OK).collect();
    let limited: Vec<_> = responses.iter().filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS).collect();
    assert_eq!((ok.len(), limited.len()), (200, 50));
    let mut remaining: Vec<u32> =
        ok.iter().map(|r| r.headers()["x-ratelimit-remaining"].to_str().unwrap().parse().unwrap()).collect();
    remaining.sort_unstable();
    assert_eq!(remaining, (0..200).collect::<Vec<_>>(), "each allowed call saw a distinct count");
    for response in limited {
        let retry: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry));
        assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
    }
}

async fn keys_of_one_account_share_one_limit(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &[("FREE_RATE_LIMIT", "5")]).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    let first = app.create_key(&app.client, "one").await["key"].as_str().unwrap().to_owned();
    let second = app.create_key(&app.client, "two").await["key"].as_str().unwrap().to_owned();
    let other_account = key_for(&app, "bob@example.com").await;
    wait_for_room_in_minute(5).await;
    for key in [&first, &second, &first, &second, &first] {
        assert_eq!(call_tool(&app, key, "example", json!({})).await.status(), StatusCode::OK);
    }
    let response = call_tool(&app, &second, "example", json!({})).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error_code(response).await, "rate_limited");
    assert_eq!(call_tool(&app, &other_account, "example", json!({})).await.status(), StatusCode::OK);
}

async fn sessions_and_anonymous_visitors(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &[("ANON_RATE_LIMIT", "3"), ("FREE_RATE_LIMIT", "4")]).await
    else {
        return;
    };
    let url = app.url("/api/tools/word-counter");
    let input = json!({"text": "hello world"});
    let outsider = browser().post(&url).json(&input).send().await.unwrap();
    assert_eq!(outsider.status(), StatusCode::UNAUTHORIZED);
    let body: Value = outsider.json().await.unwrap();
    assert_eq!(body["error"]["code"], "missing_api_key");
    assert!(body["error"]["message"].as_str().unwrap().contains("/dashboard"));

    wait_for_room_in_minute(5).await;
    let anonymous = browser();
    for expected in [StatusCode::OK, StatusCode::OK, StatusCode::OK, StatusCode::TOO_MANY_REQUESTS] {
        let response = anonymous.post(&url).header("origin", APP_ORIGIN).json(&input).send().await.unwrap();
        assert_eq!(response.status(), expected);
        assert!(response.headers()["ratelimit-policy"].to_str().unwrap().starts_with("\"anonymous\";q=3"));
    }

    let signed_in = browser();
    app.signup(&signed_in, "ada@example.com").await;
    let key = app.create_key(&signed_in, "k").await["key"].as_str().unwrap().to_owned();
    let from_page =
        signed_in.post(&url).header("sec-fetch-site", "same-origin").json(&input).send().await.unwrap();
    assert_eq!(from_page.status(), StatusCode::OK, "the session is used, not the exhausted address limit");
    assert_eq!(from_page.headers()["x-ratelimit-remaining"], "3");
    let forged =
        signed_in.post(&url).header("origin", "https://evil.example").json(&input).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let with_key = call_tool(&app, &key, "word-counter", input).await;
    assert_eq!(
        with_key.headers()["x-ratelimit-remaining"],
        "2",
        "session and key calls share the account's limit"
    );
}

async fn bad_keys_are_refused_and_unknown_keys_throttled(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let url = app.url("/api/tools/example");
    for authorization in [
        "Bearer nope",
        "Basic pk_0123456789abcdef0123456789abcdef",
        "Bearer pk_0123456789ABCDEF0123456789abcdef",
        "",
    ] {
        let response = browser().post(&url).header("authorization", authorization).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{authorization}");
        assert_eq!(error_code(response).await, "invalid_api_key");
    }
    let operations = app.store.operation_count();
    for _ in 0..3 {
        let response = browser().post(&url).header("authorization", "Bearer pk_x").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.store.operation_count(), operations, "malformed keys never reach storage");

    let mut statuses = Vec::new();
    for i in 0..62 {
        let unknown = format!("pk_{i:032x}");
        statuses.push(call_tool(&app, &unknown, "example", json!({})).await.status());
    }
    let unauthorized = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let throttled = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(
        (unauthorized, throttled),
        (60, 2),
        "storage look-ups for unknown keys are limited per address"
    );
}

async fn a_deleted_key_stops_working_at_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    let created = app.create_key(&app.client, "short-lived").await;
    let key = created["key"].as_str().unwrap();
    assert_eq!(call_tool(&app, key, "example", json!({})).await.status(), StatusCode::OK);
    let path = format!("/api/account/api-keys/{}", created["id"].as_str().unwrap());
    assert_eq!(app.delete(&app.client, &path).await.status(), StatusCode::NO_CONTENT);
    let response = call_tool(&app, key, "example", json!({})).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(response).await, "invalid_api_key");
}

async fn tool_calls_cost_no_sql_and_usage_is_recorded(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &[("USAGE_FLUSH_SECONDS", "3600")]).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    let created = app.create_key(&app.client, "metered").await;
    let key = created["key"].as_str().unwrap();
    wait_for_room_in_minute(5).await;
    assert_eq!(
        call_tool(&app, key, "word-counter", json!({"text": "warm up"})).await.status(),
        StatusCode::OK
    );
    let before = app.store.operation_count();
    for _ in 0..40 {
        assert_eq!(
            call_tool(&app, key, "word-counter", json!({"text": "steady state"})).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(app.store.operation_count(), before, "no storage operation per call once the key is cached");

    let usage: Value = app.get(&app.client, "/api/account/usage").await.json().await.unwrap();
    assert_eq!(usage["days"].as_array().unwrap().len(), 30);
    assert_eq!(usage["total"], 41);
    assert_eq!(usage["totals"].as_array().unwrap().last().unwrap(), 41, "today is the last day");
    assert_eq!(usage["keys"][0]["id"], created["id"]);
    assert_eq!(usage["keys"][0]["total"], 41);
    let keys: Vec<Value> = app.get(&app.client, "/api/account/api-keys").await.json().await.unwrap();
    assert!(keys[0]["lastUsed"].is_string(), "lastUsed is written with the batch");
}

async fn bad_tool_inputs_get_clear_errors(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app, "ada@example.com").await;
    let url = app.url("/api/tools/case-converter");
    let send = |body: String, content_type: &'static str| {
        app.client.post(&url).bearer_auth(&key).header("content-type", content_type).body(body).send()
    };
    let cases = [
        (call_tool(&app, &key, "no-such-tool", json!({})).await, StatusCode::NOT_FOUND, "not_found"),
        (
            call_tool(&app, &key, "case-converter", json!({})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            call_tool(&app, &key, "case-converter", json!({"text": 5})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            call_tool(&app, &key, "case-converter", json!({"text": "a", "to": "wavy"})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            call_tool(&app, &key, "hex-rgba-converter", json!({"color": "#ggg"})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            call_tool(&app, &key, "word-counter", json!(["text"])).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            send("{\"text\":".into(), "application/json").await.unwrap(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            send("text=a".into(), "text/plain").await.unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            call_tool(&app, &key, "word-counter", json!({"text": "x".repeat(1024 * 1024 + 1)})).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            send(format!("{{\"text\":\"{}\"}}", "x".repeat(3 * 1024 * 1024)), "application/json")
                .await
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
    ];
    for (response, status, code) in cases {
        assert_eq!(response.status(), status, "{code}");
        assert_eq!(error_code(response).await, code);
    }
    let unknown_case = call_tool(&app, &key, "case-converter", json!({"text": "a", "to": "wavy"})).await;
    let message =
        unknown_case.json::<Value>().await.unwrap()["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains("snake") && message.contains("camel"), "says what is accepted: {message}");
}

async fn sliding_window_limits_exactly(backend: Backend) {
    let extra = [("RATE_LIMIT_ALGORITHM", "sliding"), ("FREE_RATE_LIMIT", "20")];
    let Some(app) = TestApp::spawn_with(backend, &extra).await else { return };
    let key = key_for(&app, "ada@example.com").await;
    let calls = (0..30).map(|_| call_tool(&app, &key, "example", json!({})));
    let statuses: Vec<StatusCode> =
        futures::future::join_all(calls).await.iter().map(|r| r.status()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 20);
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 10);
}
