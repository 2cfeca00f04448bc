//! The gateway with Redis: one exact limit across instances, invalidation across
//! instances within a second, and graceful fallback while Redis is down.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use toolshub::invalidation::Invalidation;
use toolshub::store::Plan;

use crate::helpers::{browser, call_tool, wait_for_room_in_minute, Backend, TestApp};

crate::on_both_backends!(redis_limits_exactly_under_concurrency, redis_sliding_window_limits_exactly);

async fn key_for(app: &TestApp, email: &str) -> (String, Value) {
    let client = browser();
    let account = app.signup(&client, email).await;
    (app.create_key(&client, "test").await["key"].as_str().unwrap().to_owned(), account)
}

fn count(responses: &[reqwest::Response], status: StatusCode) -> usize {
    responses.iter().filter(|r| r.status() == status).count()
}

async fn redis_limits_exactly_under_concurrency(backend: Backend) {
    let Some(app) = TestApp::spawn_with_redis(backend, &[]).await else { return };
    assert_eq!(app.state.limiter.backend(), "redis");
    let (key, _) = key_for(&app, "ada@example.com").await;
    wait_for_room_in_minute(10).await;
    let responses =
        futures::future::join_all((0..250).map(|_| call_tool(&app, &key, "example", json!({})))).await;
    assert_eq!(
        (count(&responses, StatusCode::OK), count(&responses, StatusCode::TOO_MANY_REQUESTS)),
        (200, 50)
    );
}

async fn redis_sliding_window_limits_exactly(backend: Backend) {
    let extra = [("RATE_LIMIT_ALGORITHM", "sliding"), ("FREE_RATE_LIMIT", "20")];
    let Some(app) = TestApp::spawn_with_redis(backend, &extra).await else { return };
    let (key, _) = key_for(&app, "ada@example.com").await;
    let responses =
        futures::future::join_all((0..30).map(|_| call_tool(&app, &key, "example", json!({})))).await;
    assert_eq!(
        (count(&responses, StatusCode::OK), count(&responses, StatusCode::TOO_MANY_REQUESTS)),
        (20, 10)
    );
}

#[tokio::test]
async fn two_instances_share_one_exact_limit() {
    let Some(first) = TestApp::spawn_with_redis(Backend::Postgres, &[]).await else { return };
    let second = first.another_instance().await;
    let (key, _) = key_for(&first, "ada@example.com").await;
    wait_for_room_in_minute(10).await;
    let calls =
        (0..250).map(|i| call_tool(if i % 2 == 0 { &first } else { &second }, &key, "example", json!({})));
    let responses = futures::future::join_all(calls).await;
    assert_eq!(
        (count(&responses, StatusCode::OK), count(&responses, StatusCode::TOO_MANY_REQUESTS)),
        (200, 50)
    );
}

#[tokio::test]
async fn deletion_and_plan_changes_reach_every_instance() {
    let Some(first) = TestApp::spawn_with_redis(Backend::Postgres, &[]).await else { return };
    let second = first.another_instance().await;
    first.signup(&first.client, "ada@example.com").await;
    let created = first.create_key(&first.client, "doomed").await;
    let key = created["key"].as_str().unwrap();
    let (other_key, account) = key_for(&first, "bob@example.com").await;
    for app in [&first, &second] {
        assert_eq!(
            call_tool(app, key, "example", json!({})).await.status(),
            StatusCode::OK,
            "cached on both"
        );
        call_tool(app, &other_key, "example", json!({})).await;
    }

    let path = format!("/api/account/api-keys/{}", created["id"].as_str().unwrap());
    assert_eq!(first.delete(&first.client, &path).await.status(), StatusCode::NO_CONTENT);
    let deleted_at = Instant::now();
    while call_tool(&second, key, "example", json!({})).await.status() != StatusCode::UNAUTHORIZED {
        assert!(deleted_at.elapsed() < Duration::from_secs(1), "the other instance still accepts the key");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    first.store.set_plan_by_email("bob@example.com", Plan::Pro, 2000).await.unwrap();
    let user_id = account["id"].as_str().unwrap().parse().unwrap();
    first.state.invalidate(Invalidation::User(user_id)).await;
    let changed_at = Instant::now();
    loop {
        let response = call_tool(&second, &other_key, "example", json!({})).await;
        if response.headers()["x-ratelimit-limit"] == "2000" {
            break;
        }
        assert!(
            changed_at.elapsed() < Duration::from_secs(1),
            "the other instance still applies the old plan"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A private Redis server this test may kill.
struct PrivateRedis {
    port: u16,
    child: Child,
}

impl PrivateRedis {
    fn start(port: u16) -> Option<Self> {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .ok()?;
        std::thread::sleep(Duration::from_millis(300));
        Some(Self { port, child })
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        self.kill();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test]
async fn requests_keep_succeeding_while_redis_is_down() {
    if crate::helpers::redis_url().await.is_none() {
        return;
    }
    let port = free_port();
    let mut redis = PrivateRedis::start(port).expect("redis-server is installed");
    let url = format!("redis://127.0.0.1:{}", redis.port);
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, &[("REDIS_URL", url.as_str())]).await else {
        return;
    };
    let (key, _) = key_for(&app, "ada@example.com").await;
    assert_eq!(call_tool(&app, &key, "example", json!({})).await.status(), StatusCode::OK);
    assert_eq!(app.get(&browser(), "/readyz").await.status(), StatusCode::OK);

    redis.kill();
    for _ in 0..20 {
        let started = Instant::now();
        let response = call_tool(&app, &key, "example", json!({})).await;
        assert_eq!(response.status(), StatusCode::OK, "served with the in-process limiter");
        assert!(started.elapsed() < Duration::from_millis(500));
    }
    let ready = app.get(&browser(), "/readyz").await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["rateLimiter"]["redis"], "down");
    let metrics = app.get(&browser(), "/metrics").await.text().await.unwrap();
    assert!(metrics.contains("toolshub_redis_up 0"), "{metrics}");

    let _restarted = PrivateRedis::start(port).expect("redis restarts");
    let back = Instant::now();
    while !app.state.limiter.redis_healthy() {
        call_tool(&app, &key, "example", json!({})).await;
        assert!(back.elapsed() < Duration::from_secs(10), "the limiter did not return to Redis");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(app.get(&browser(), "/readyz").await.status(), StatusCode::OK);
    assert_eq!(call_tool(&app, &key, "example", json!({})).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn metrics_describe_requests_decisions_and_cache() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let (key, _) = key_for(&app, "ada@example.com").await;
    call_tool(&app, &key, "example", json!({})).await;
    call_tool(&app, &key, "example", json!({})).await;
    let response = app.get(&browser(), "/metrics").await;
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = response.text().await.unwrap();
    for expected in [
        "toolshub_http_requests_total{",
        "route=\"/api/tools/{slug}\"",
        "toolshub_http_request_duration_seconds_bucket{",
        "toolshub_ratelimit_decisions_total{outcome=\"allowed\"}",
        "toolshub_key_cache_lookups_total{result=\"hit\"}",
        "toolshub_key_cache_lookups_total{result=\"miss\"}",
        "toolshub_ratelimit_backend{backend=\"in-process\"} 1",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
}
