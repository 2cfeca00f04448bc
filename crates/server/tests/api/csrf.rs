//! Cookie-authenticated requests from other sites are refused and change nothing.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{error_code, Backend, TestApp, APP_ORIGIN, PASSWORD};

crate::on_both_backends!(cross_origin_requests_are_refused_without_effect);

async fn cross_origin_requests_are_refused_without_effect(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.signup(&app.client, "ada@example.com").await;
    let key = app.create_key(&app.client, "kept").await;
    let key_path = app.url(&format!("/api/account/api-keys/{}", key["id"].as_str().unwrap()));

    let forged = [
        app.client
            .post(app.url("/api/account/api-keys"))
            .header("origin", "https://evil.example")
            .json(&json!({})),
        app.client.delete(&key_path).header("sec-fetch-site", "cross-site"),
        app.client
            .delete(app.url("/api/account"))
            .header("origin", "null")
            .json(&json!({"password": PASSWORD})),
        app.client.post(app.url("/api/auth/logout")).header("origin", "http://localhost:3000.evil.example"),
    ];
    for request in forged {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(error_code(response).await, "cross_origin_request");
    }
    let keys: Vec<Value> = app.get(&app.client, "/api/account/api-keys").await.json().await.unwrap();
    assert_eq!(keys.len(), 1, "nothing was created or deleted");
    assert_eq!(app.get(&app.client, "/api/account").await.status(), StatusCode::OK, "still signed in");

    let same_origin =
        app.client.post(app.url("/api/account/api-keys")).header("origin", APP_ORIGIN).json(&json!({}));
    assert_eq!(same_origin.send().await.unwrap().status(), StatusCode::CREATED);
    let fetch_metadata = app.client.delete(&key_path).header("sec-fetch-site", "same-origin");
    assert_eq!(fetch_metadata.send().await.unwrap().status(), StatusCode::NO_CONTENT);
    let cross_site_read = app.client.get(app.url("/api/account")).header("origin", "https://evil.example");
    assert_eq!(cross_site_read.send().await.unwrap().status(), StatusCode::OK, "reads are not state changes");
}
