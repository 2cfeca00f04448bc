//! Sign up, sessions in several places, password change, account deletion.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{browser, error_code, Backend, TestApp, PASSWORD};

crate::on_both_backends!(
    signup_login_in_two_places_and_logout_one,
    signup_normalises_email_and_refuses_duplicates,
    password_change_ends_the_other_sessions,
    account_deletion_needs_the_password_and_removes_everything,
);

async fn signup_login_in_two_places_and_logout_one(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let account = app.signup(&app.client, "ada@example.com").await;
    assert_eq!((account["plan"].as_str(), account["rateLimit"].as_i64()), (Some("free"), Some(200)));
    assert_eq!(account["billingEnabled"], json!(false));

    let me: Value = app.get(&app.client, "/api/account").await.json().await.unwrap();
    assert_eq!(me, account, "signup signed the browser in");

    let (laptop, phone) = (browser(), browser());
    for client in [&laptop, &phone] {
        let response = app.login(client, " ADA@example.com", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"));
    }
    let logout = app.post(&laptop, "/api/auth/logout", json!({})).await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&laptop, "/api/account").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(&phone, "/api/account").await.status(), StatusCode::OK, "the other session lives on");
    assert_eq!(app.get(&browser(), "/api/account").await.status(), StatusCode::UNAUTHORIZED);
}

async fn signup_normalises_email_and_refuses_duplicates(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let account = app.signup(&app.client, "  Grace@Example.ORG ").await;
    assert_eq!(account["email"], "grace@example.org");
    let again = app
        .post(&browser(), "/api/auth/signup", json!({"email": "GRACE@example.org", "password": PASSWORD}))
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(again).await, "email_taken");
}

async fn password_change_ends_the_other_sessions(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.signup(&app.client, "ada@example.com").await;
    let other = browser();
    assert_eq!(app.login(&other, "ada@example.com", PASSWORD).await.status(), StatusCode::OK);

    let wrong = json!({"currentPassword": "not my password", "newPassword": "a new long password"});
    let response = app.post(&app.client, "/api/account/password", wrong).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_code(response).await, "wrong_password");
    let short = json!({"currentPassword": PASSWORD, "newPassword": "short"});
    assert_eq!(
        app.post(&app.client, "/api/account/password", short).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let change = json!({"currentPassword": PASSWORD, "newPassword": "a new long password"});
    assert_eq!(app.post(&app.client, "/api/account/password", change).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&app.client, "/api/account").await.status(), StatusCode::OK, "this session stays");
    assert_eq!(app.get(&other, "/api/account").await.status(), StatusCode::UNAUTHORIZED, "others end");
    assert_eq!(app.login(&browser(), "ada@example.com", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.login(&browser(), "ada@example.com", "a new long password").await.status(),
        StatusCode::OK
    );
}

async fn account_deletion_needs_the_password_and_removes_everything(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let account = app.signup(&app.client, "ada@example.com").await;
    let user_id = account["id"].as_str().unwrap().parse().unwrap();
    app.create_key(&app.client, "Production").await;
    let delete = |password: &str| {
        app.client.delete(app.url("/api/account")).json(&json!({ "password": password })).send()
    };
    assert_eq!(delete("wrong password").await.unwrap().status(), StatusCode::FORBIDDEN);
    assert!(app.store.account(user_id).await.unwrap().is_some(), "a refused deletion changes nothing");

    assert_eq!(delete(PASSWORD).await.unwrap().status(), StatusCode::NO_CONTENT);
    assert!(app.store.account(user_id).await.unwrap().is_none());
    assert!(app.store.api_keys(user_id).await.unwrap().is_empty());
    assert_eq!(app.get(&app.client, "/api/account").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.login(&browser(), "ada@example.com", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    // The email is free again.
    app.signup(&browser(), "ada@example.com").await;
}
