//! Password reset by email, end to end against a real SMTP server (`smtp.rs`).

use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{browser, call_tool, error_code, Backend, TestApp, PASSWORD};
use crate::smtp::{part, Received, SmtpServer};

const NEW_PASSWORD: &str = "a brand new passphrase";

crate::on_both_backends!(
    reset_by_mail_works_once_and_ends_every_session,
    unknown_emails_get_the_same_answer_and_no_mail,
    one_address_cannot_ask_for_many_mails,
    a_reset_lifts_the_lock_of_failed_logins,
    without_smtp_the_link_is_logged_and_the_answer_is_the_same,
    one_mail_a_minute_per_account_across_instances,
    expired_malformed_and_refused_tokens,
    reset_with_the_web_forms,
);

async fn spawn_with_mail(backend: Backend) -> Option<(TestApp, SmtpServer)> {
    let smtp = SmtpServer::start().await;
    let vars = [("SMTP_URL", smtp.url()), ("MAIL_FROM", "Tools Hub <accounts@toolshub.test>".into())];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Some((TestApp::spawn_with(backend, &vars).await?, smtp))
}

async fn ask_for_reset(app: &TestApp, email: &str) -> (StatusCode, Value) {
    let response = app.post(&browser(), "/api/auth/password-reset", json!({ "email": email })).await;
    (response.status(), response.json().await.unwrap())
}

/// The token in the link of a reset mail, checking both parts carry the same link.
fn token_in(mail: &Received) -> String {
    let text = part(&mail.data, "text/plain").expect("a plain-text part");
    let html = part(&mail.data, "text/html").expect("an HTML part");
    let prefix = "http://localhost:3000/auth/reset?token=";
    let start = text.find(prefix).expect("the link in the text part") + prefix.len();
    let token: String =
        text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || "-_".contains(*c)).collect();
    assert_eq!(token.len(), 43, "256-bit base64url token");
    assert!(html.contains(&format!("href=\"{prefix}{token}\"")), "{html}");
    token
}

async fn confirm(app: &TestApp, token: &str, new_password: &str) -> reqwest::Response {
    let body = json!({"token": token, "newPassword": new_password});
    app.post(&browser(), "/api/auth/password-reset/confirm", body).await
}

async fn reset_by_mail_works_once_and_ends_every_session(backend: Backend) {
    let Some((app, smtp)) = spawn_with_mail(backend).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    let key = app.create_key(&app.client, "ci").await["key"].as_str().unwrap().to_owned();
    let phone = browser();
    assert_eq!(app.login(&phone, "ada@example.com", PASSWORD).await.status(), StatusCode::OK);

    let (status, _) = ask_for_reset(&app, "Ada@Example.com").await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let mails = smtp.wait_for(1).await;
    assert_eq!(mails[0].recipients, ["ada@example.com"]);
    assert!(mails[0].data.contains("Subject: Reset your Tools Hub password"), "{}", mails[0].data);
    assert!(mails[0].data.contains("From: \"Tools Hub\" <accounts@toolshub.test>"), "{}", mails[0].data);
    let token = token_in(&mails[0]);
    let stored: Vec<String> = sqlx_token_hashes(&app).await;
    assert_eq!(stored, [toolshub::keys::hash(&token)], "only the token's SHA-256 is stored");

    let page = app.get(&browser(), &format!("/auth/reset?token={token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains(&format!("value=\"{token}\"")));

    assert_eq!(confirm(&app, &token, NEW_PASSWORD).await.status(), StatusCode::NO_CONTENT);
    for client in [&app.client, &phone] {
        assert_eq!(
            app.get(client, "/api/account").await.status(),
            StatusCode::UNAUTHORIZED,
            "sessions ended"
        );
    }
    assert_eq!(
        call_tool(&app, &key, "example", json!({})).await.status(),
        StatusCode::OK,
        "keys keep working"
    );
    assert_eq!(app.login(&browser(), "ada@example.com", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.login(&browser(), "ada@example.com", NEW_PASSWORD).await.status(), StatusCode::OK);

    let again = confirm(&app, &token, "yet another passphrase").await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_code(again).await, "invalid_token");
    assert_eq!(app.login(&browser(), "ada@example.com", NEW_PASSWORD).await.status(), StatusCode::OK);
}

async fn sqlx_token_hashes(app: &TestApp) -> Vec<String> {
    app.store.password_reset_token_hashes().await.unwrap()
}

async fn unknown_emails_get_the_same_answer_and_no_mail(backend: Backend) {
    let Some((app, smtp)) = spawn_with_mail(backend).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    let known = ask_for_reset(&app, "ada@example.com").await;
    let unknown = ask_for_reset(&app, "nobody@example.com").await;
    assert_eq!(known, unknown, "no account enumeration");
    assert_eq!(known.0, StatusCode::ACCEPTED);
    smtp.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].recipients, ["ada@example.com"]);

    let malformed = app.post(&browser(), "/api/auth/password-reset", json!({"email": "not an email"})).await;
    assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let forged = browser().post(app.url("/api/auth/password-reset")).header("origin", "https://evil.example");
    let forged = forged.json(&json!({"email": "ada@example.com"})).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN, "another site cannot trigger mails");
}

async fn without_smtp_the_link_is_logged_and_the_answer_is_the_same(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    let known = ask_for_reset(&app, "ada@example.com").await;
    assert_eq!(known, ask_for_reset(&app, "nobody@example.com").await);
    assert_eq!(known.0, StatusCode::ACCEPTED);
    assert_eq!(
        app.store.password_reset_token_hashes().await.unwrap().len(),
        1,
        "a link was made (and logged)"
    );
}

async fn a_reset_lifts_the_lock_of_failed_logins(backend: Backend) {
    let Some((app, smtp)) = spawn_with_mail(backend).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    for _ in 0..10 {
        app.login(&browser(), "ada@example.com", "wrong password").await;
    }
    let locked = app.login(&browser(), "ada@example.com", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    ask_for_reset(&app, "ada@example.com").await;
    let token = token_in(&smtp.wait_for(1).await[0]);
    assert_eq!(confirm(&app, &token, NEW_PASSWORD).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.login(&browser(), "ada@example.com", NEW_PASSWORD).await.status(), StatusCode::OK);
}

async fn one_address_cannot_ask_for_many_mails(backend: Backend) {
    let Some((app, smtp)) = spawn_with_mail(backend).await else { return };
    crate::helpers::wait_for_room_in_minute(10).await;
    for n in 0..11 {
        app.signup(&browser(), &format!("user{n}@example.com")).await;
    }
    for n in 0..10 {
        assert_eq!(ask_for_reset(&app, &format!("user{n}@example.com")).await.0, StatusCode::ACCEPTED);
    }
    let refused =
        app.post(&browser(), "/api/auth/password-reset", json!({"email": "user10@example.com"})).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(error_code(refused).await, "too_many_requests");
    smtp.wait_for(10).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.messages().len(), 10, "no mail for the refused request");
}

async fn one_mail_a_minute_per_account_across_instances(backend: Backend) {
    let Some((app, smtp)) = spawn_with_mail(backend).await else { return };
    let other = app.another_instance().await;
    app.signup(&app.client, "ada@example.com").await;
    app.signup(&browser(), "grace@example.com").await;
    let asks = (0..6).map(|i| {
        let instance = if i % 2 == 0 { &app } else { &other };
        let email = if i < 4 { "ada@example.com" } else { "grace@example.com" };
        ask_for_reset(instance, email)
    });
    for (status, _) in futures::future::join_all(asks).await {
        assert_eq!(status, StatusCode::ACCEPTED);
    }
    smtp.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut recipients: Vec<String> = smtp.messages().into_iter().flat_map(|m| m.recipients).collect();
    recipients.sort();
    assert_eq!(recipients, ["ada@example.com", "grace@example.com"], "one mail per account");
}

async fn expired_malformed_and_refused_tokens(backend: Backend) {
    let Some((app, _smtp)) = spawn_with_mail(backend).await else { return };
    let user_id: uuid::Uuid =
        app.signup(&app.client, "ada@example.com").await["id"].as_str().unwrap().parse().unwrap();
    let token = "A".repeat(43);
    let long_ago = toolshub::store::now() - chrono::Duration::hours(2);
    let expired = long_ago + chrono::Duration::minutes(30);
    let hash = toolshub::keys::hash(&token);
    assert!(app.store.create_password_reset(user_id, &hash, long_ago, expired, Utc::now()).await.unwrap());

    let short = confirm(&app, &token, "short").await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY, "password checked first");
    assert_eq!(app.store.password_reset_token_hashes().await.unwrap().len(), 1, "token not used up");
    for bad in [token.as_str(), "", "not-a-token", &"B".repeat(43)] {
        let response = confirm(&app, bad, NEW_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(error_code(response).await, "invalid_token");
    }
    assert_eq!(app.get(&app.client, "/api/account").await.status(), StatusCode::OK, "nothing changed");
    assert_eq!(app.login(&browser(), "ada@example.com", PASSWORD).await.status(), StatusCode::OK);
    let unknown_field = app
        .post(&browser(), "/api/auth/password-reset", json!({"email": "ada@example.com", "admin": true}))
        .await;
    assert_eq!(unknown_field.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn reset_with_the_web_forms(backend: Backend) {
    let Some((app, smtp)) = spawn_with_mail(backend).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    let visitor = browser();
    let auth = app.get(&visitor, "/auth").await.text().await.unwrap();
    assert!(auth.contains("href=\"/auth/forgot\""), "a forgot-password link on /auth");
    let forgot =
        visitor.post(app.url("/auth/forgot")).form(&[("email", "ada@example.com")]).send().await.unwrap();
    assert_eq!(forgot.status(), StatusCode::OK);
    assert!(forgot.text().await.unwrap().contains("id=\"reset-sent\""));
    let token = token_in(&smtp.wait_for(1).await[0]);

    let no_redirects =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let short = post_reset_form(&app, &no_redirects, &token, "short").await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.text().await.unwrap().contains("8 to 256 characters"));
    let done = post_reset_form(&app, &no_redirects, &token, NEW_PASSWORD).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(done.headers()["location"], "/auth?done=password-reset");
    assert_eq!(app.get(&app.client, "/api/account").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.login(&browser(), "ada@example.com", NEW_PASSWORD).await.status(), StatusCode::OK);
    let reused = post_reset_form(&app, &visitor, &token, "another passphrase").await;
    assert_eq!(reused.status(), StatusCode::BAD_REQUEST);
}

async fn post_reset_form(
    app: &TestApp,
    client: &reqwest::Client,
    token: &str,
    password: &str,
) -> reqwest::Response {
    let form = [("token", token), ("new_password", password)];
    client.post(app.url("/auth/reset")).form(&form).send().await.unwrap()
}
