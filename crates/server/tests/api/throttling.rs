//! Failed logins are throttled per email and per client address.

use reqwest::StatusCode;

use crate::helpers::{browser, error_code, Backend, TestApp, PASSWORD};

crate::on_both_backends!(ten_failures_lock_an_email, twenty_failures_lock_an_address);

async fn ten_failures_lock_an_email(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.signup(&browser(), "ada@example.com").await;
    let unknown = app.login(&app.client, "nobody@example.com", PASSWORD).await;
    let wrong = app.login(&app.client, "ada@example.com", "wrong password").await;
    assert_eq!((unknown.status(), wrong.status()), (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED));
    let (unknown, wrong): (String, String) = (unknown.text().await.unwrap(), wrong.text().await.unwrap());
    assert_eq!(unknown, wrong, "unknown email and wrong password look the same");

    for _ in 1..10 {
        assert_eq!(
            app.login(&app.client, "ada@example.com", "wrong password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = app.login(&app.client, "ADA@example.com", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    let retry_after: u64 = locked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    assert_eq!(error_code(locked).await, "too_many_attempts");
    let other = app.signup(&browser(), "bob@example.com").await;
    assert_eq!(other["email"], "bob@example.com");
    assert_eq!(
        app.login(&app.client, "bob@example.com", PASSWORD).await.status(),
        StatusCode::OK,
        "other emails are unaffected"
    );
}

async fn twenty_failures_lock_an_address(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.signup(&browser(), "ada@example.com").await;
    for i in 0..20 {
        let response = app.login(&app.client, &format!("guess{i}@example.com"), "wrong password").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let locked = app.login(&app.client, "ada@example.com", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.headers().contains_key("retry-after"));
}
