//! Contract test: schemathesis (PyPI, pinned in `.ci/run`) generates requests from the
//! server's own OpenAPI document (first checked by openapi-spec-validator) and fails on any 5xx or any answer the document does not
//! describe (status, content type, headers, body schema).
//!
//! Skipped with a message when `schemathesis` is not installed, unless
//! `TOOLSHUB_REQUIRE_SERVICES=1` (CI). `POST /api/auth/logout` is left out: it would end
//! the session the run uses. The generic `POST /api/tools/{slug}` is left out: it answers
//! 501 for catalogue tools this server does not run yet (the served tools have paths of
//! their own, which are tested).

use std::process::Stdio;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use crate::billing::billing_app;
use crate::billing::fake_stripe::FakeStripe;
use crate::helpers::{Backend, TestApp, PASSWORD};

/// Test cases per operation and phase: enough to find shape errors, within ~2 minutes.
const MAX_EXAMPLES: &str = "60";

fn schemathesis_available() -> bool {
    let found = std::process::Command::new("schemathesis")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let required = std::env::var("TOOLSHUB_REQUIRE_SERVICES").is_ok_and(|v| v == "1");
    match (found, required) {
        (true, _) => true,
        (false, false) => {
            eprintln!("skipping the contract test: schemathesis is not installed (pip install schemathesis)");
            false
        }
        (false, true) => panic!("schemathesis required (TOOLSHUB_REQUIRE_SERVICES=1) but not installed"),
    }
}

/// A signed-in user's session cookie and one of their API keys.
async fn credentials(app: &TestApp) -> (String, String) {
    let body = json!({"email": "contract@example.com", "password": PASSWORD});
    let response = reqwest::Client::new().post(app.url("/api/auth/signup")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap();
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let key = reqwest::Client::new()
        .post(app.url("/api/account/api-keys"))
        .header("cookie", &cookie)
        .json(&json!({"label": "schemathesis"}))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap()["key"]
        .as_str()
        .unwrap()
        .to_owned();
    (cookie, key)
}

/// The document passes `openapi-spec-validator` (installed with schemathesis in CI).
async fn validate_document(app: &TestApp, folder: &std::path::Path) {
    let file = folder.join("openapi.json");
    let document = reqwest::get(app.url("/api/openapi.json")).await.unwrap().bytes().await.unwrap();
    std::fs::write(&file, document).unwrap();
    let output = tokio::process::Command::new("openapi-spec-validator").arg(&file).output().await;
    let output = output.expect("openapi-spec-validator is installed with schemathesis (.ci/run)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the OpenAPI document is not valid: {text}");
}

#[tokio::test]
async fn schemathesis_finds_no_server_error_or_schema_violation() {
    if !schemathesis_available() {
        return;
    }
    // Billing on, against the fake Stripe, so checkout and portal answer as in production.
    let stripe = FakeStripe::start().await;
    let limits =
        [("FREE_RATE_LIMIT", "1000000"), ("PRO_RATE_LIMIT", "1000000"), ("ANON_RATE_LIMIT", "1000000")];
    let Some(app) = billing_app(Backend::Sqlite, &stripe.url(), &limits).await else { return };
    let (cookie, key) = credentials(&app).await;
    let report = tempfile::tempdir().unwrap();
    validate_document(&app, report.path()).await;
    let run = tokio::process::Command::new("schemathesis")
        .arg("run")
        .arg(app.url("/api/openapi.json"))
        .args(["--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance"])
        .args(["--max-examples", MAX_EXAMPLES, "--seed", "20261204", "--workers", "2"])
        .args(["--phases", "examples,coverage,fuzzing", "--no-shrink"])
        .args(["--exclude-path", "/api/auth/logout", "--exclude-path", "/api/tools/{slug}"])
        .args(["--header", &format!("Authorization: Bearer {key}"), "--header", &format!("Cookie: {cookie}")])
        .arg("--report-dir")
        .arg(report.path())
        .current_dir(report.path())
        .env("NO_COLOR", "1")
        .kill_on_drop(true)
        .output();
    let output =
        tokio::time::timeout(Duration::from_secs(300), run).await.expect("schemathesis finished").unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("{stdout}");
    assert!(output.status.success(), "schemathesis failed:\n{stdout}\n{stderr}");
    let account =
        reqwest::Client::new().get(app.url("/api/account")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(account.status(), StatusCode::OK, "the session survived the run");
}
