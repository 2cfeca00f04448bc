//! Every class of bad input gets the documented error shape and status.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{error_code, Backend, TestApp, PASSWORD};

crate::on_both_backends!(bad_inputs_get_clear_errors_and_change_nothing);

async fn bad_inputs_get_clear_errors_and_change_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let signup = app.url("/api/auth/signup");
    let raw = |body: &'static str, content_type: &'static str| {
        app.client.post(&signup).header("content-type", content_type).body(body).send()
    };
    let cases = [
        (raw("{\"email\":", "application/json").await.unwrap(), StatusCode::BAD_REQUEST, "invalid_json"),
        (
            raw("{\"email\":\"a@b.io\"}", "application/json").await.unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            raw("{\"email\":5,\"password\":\"x\"}", "application/json").await.unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            raw("email=a@b.io", "application/x-www-form-urlencoded").await.unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            app.post(&app.client, "/api/auth/signup", json!({"email": "not-an-email", "password": PASSWORD}))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            app.post(&app.client, "/api/auth/signup", json!({"email": "a@b.io", "password": "short"})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            app.post(
                &app.client,
                "/api/auth/signup",
                json!({"email": "a@b.io", "password": "x".repeat(257)}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (app.get(&app.client, "/api/nothing-here").await, StatusCode::NOT_FOUND, "not_found"),
        (
            app.get(&app.client, "/api/auth/signup").await,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (app.get(&app.client, "/api/account").await, StatusCode::UNAUTHORIZED, "not_signed_in"),
    ];
    for (response, status, code) in cases {
        assert_eq!(response.status(), status, "{code}");
        assert_eq!(error_code(response).await, code);
    }

    let missing = app.post(&app.client, "/api/auth/signup", json!({"email": "a@b.io"})).await;
    let message =
        missing.json::<serde_json::Value>().await.unwrap()["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains("password"), "the message names the field: {message}");

    let huge = format!("{{\"email\":\"a@b.io\",\"password\":\"{}\"}}", "x".repeat(1024 * 1024 + 10));
    let response =
        app.client.post(&signup).header("content-type", "application/json").body(huge).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_code(response).await, "payload_too_large");

    assert!(
        app.store.credentials_by_email("a@b.io").await.unwrap().is_none(),
        "no bad request created anything"
    );
}
