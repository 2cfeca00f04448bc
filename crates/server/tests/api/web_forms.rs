//! The site's forms without JavaScript: plain form posts, redirects, errors on the page,
//! the same CSRF protection as the API.

use reqwest::header::LOCATION;
use reqwest::{Client, Response, StatusCode};
use serde_json::json;

use crate::helpers::{call_tool, Backend, TestApp, APP_ORIGIN, PASSWORD};

crate::on_both_backends!(forms_work_without_javascript, form_errors_are_shown_on_the_page);

/// A browser without JavaScript that does not follow redirects, so tests can see them.
fn no_js_browser() -> Client {
    Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn post_form(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
    let request = client.post(app.url(path)).header("origin", APP_ORIGIN).form(fields);
    request.send().await.expect("request")
}

fn location(response: &Response) -> &str {
    response.headers()[LOCATION].to_str().unwrap()
}

/// The `pk_…` key shown on a page, if any.
fn key_on_page(html: &str) -> Option<&str> {
    html.match_indices("pk_").map(|(i, _)| &html[i..]).find_map(|rest| {
        let key = rest.get(..35)?;
        key[3..].bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()).then_some(key)
    })
}

async fn page(app: &TestApp, client: &Client, path: &str) -> String {
    client.get(app.url(path)).send().await.unwrap().text().await.unwrap()
}

async fn forms_work_without_javascript(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let client = no_js_browser();
    let signup = [("email", "ada@example.com"), ("password", PASSWORD), ("next", "/dashboard")];
    let response = post_form(&app, &client, "/auth/signup", &signup).await;
    assert_eq!((response.status(), location(&response)), (StatusCode::SEE_OTHER, "/dashboard"));
    let dashboard = page(&app, &client, "/dashboard").await;
    assert!(dashboard.contains("ada@example.com") && dashboard.contains(">free<"));

    let created = post_form(&app, &client, "/dashboard/keys", &[("label", "ci server")]).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.headers()["cache-control"], "no-store");
    let html = created.text().await.unwrap();
    assert!(html.contains("you will not see it again"));
    let key = key_on_page(&html).expect("the new key is on the page").to_owned();
    let call = call_tool(&app, &key, "case-converter", json!({"text": "a b", "to": "kebab"})).await;
    assert_eq!(call.status(), StatusCode::OK);

    let dashboard = page(&app, &client, "/dashboard").await;
    assert!(
        dashboard.contains("ci server") && key_on_page(&dashboard).is_none(),
        "listed, never shown again"
    );
    let key_id = &dashboard[dashboard.find("data-key-id=\"").unwrap() + 13..][..36];
    let deleted = post_form(&app, &client, &format!("/dashboard/keys/{key_id}/delete"), &[]).await;
    assert_eq!(location(&deleted), "/dashboard?done=key-deleted");
    let call = call_tool(&app, &key, "case-converter", json!({"text": "a b"})).await;
    assert_eq!(call.status(), StatusCode::UNAUTHORIZED);
    assert!(page(&app, &client, "/dashboard?done=key-deleted").await.contains("no longer works"));

    let out = post_form(&app, &client, "/auth/logout", &[]).await;
    assert_eq!(location(&out), "/?done=signed-out");
    let dashboard = client.get(app.url("/dashboard")).send().await.unwrap();
    assert_eq!(location(&dashboard), "/auth?next=/dashboard");

    let login = [("email", "ada@example.com"), ("password", PASSWORD), ("next", "/tools/word-counter")];
    let response = post_form(&app, &client, "/auth/login", &login).await;
    assert_eq!(location(&response), "/tools/word-counter", "back to the page that sent you");
    let foreign = [("email", "ada@example.com"), ("password", PASSWORD), ("next", "//evil.example/x")];
    let response = post_form(&app, &client, "/auth/login", &foreign).await;
    assert_eq!(location(&response), "/dashboard", "never to another site");
}

async fn form_errors_are_shown_on_the_page(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let client = no_js_browser();
    let short =
        post_form(&app, &client, "/auth/signup", &[("email", "ada@example.com"), ("password", "short")])
            .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.text().await.unwrap().contains("must be 8 to 256 characters"));
    post_form(&app, &client, "/auth/signup", &[("email", "ada@example.com"), ("password", PASSWORD)]).await;
    let taken = post_form(
        &app,
        &no_js_browser(),
        "/auth/signup",
        &[("email", "ADA@example.com"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let wrong = post_form(
        &app,
        &no_js_browser(),
        "/auth/login",
        &[("email", "ada@example.com"), ("password", "nope nope")],
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let html = wrong.text().await.unwrap();
    assert!(
        html.contains("The email or password is incorrect.") && html.contains("value=\"ada@example.com\"")
    );

    let bad_current = [("current_password", "not it at all"), ("new_password", "a new password")];
    let response = post_form(&app, &client, "/dashboard/password", &bad_current).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().await.unwrap().contains("The current password is incorrect."));
    let change = [("current_password", PASSWORD), ("new_password", "a new password")];
    let response = post_form(&app, &client, "/dashboard/password", &change).await;
    assert_eq!(location(&response), "/dashboard?done=password-changed");

    let response = post_form(&app, &client, "/dashboard/delete-account", &[("password", PASSWORD)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "the old password no longer works");
    let everywhere = post_form(&app, &client, "/dashboard/sessions/revoke", &[]).await;
    assert_eq!(location(&everywhere), "/auth?done=signed-out-everywhere");
    let dashboard = client.get(app.url("/dashboard")).send().await.unwrap();
    assert_eq!(dashboard.status(), StatusCode::SEE_OTHER, "this session ended too");

    let login = [("email", "ada@example.com"), ("password", "a new password")];
    post_form(&app, &client, "/auth/login", &login).await;
    let response =
        post_form(&app, &client, "/dashboard/delete-account", &[("password", "a new password")]).await;
    assert_eq!(location(&response), "/?done=account-deleted");
    let again = post_form(&app, &no_js_browser(), "/auth/login", &login).await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED, "the account is gone");
}

#[tokio::test]
async fn form_posts_from_other_sites_are_refused() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let client = no_js_browser();
    post_form(&app, &client, "/auth/signup", &[("email", "ada@example.com"), ("password", PASSWORD)]).await;
    let forged = [
        ("/dashboard/keys", vec![("label", "evil")]),
        ("/dashboard/delete-account", vec![("password", PASSWORD)]),
        ("/dashboard/sessions/revoke", vec![]),
        ("/auth/logout", vec![]),
        ("/auth/login", vec![("email", "ada@example.com"), ("password", PASSWORD)]),
    ];
    for (path, fields) in forged {
        let request = client.post(app.url(path)).header("origin", "https://evil.example").form(&fields);
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        assert!(response.text().await.unwrap().contains("Request refused"), "{path}: an HTML page");
    }
    let dashboard = client.get(app.url("/dashboard")).send().await.unwrap();
    assert_eq!(dashboard.status(), StatusCode::OK, "still signed in");
    assert!(!dashboard.text().await.unwrap().contains("evil"), "no key was created");
}
