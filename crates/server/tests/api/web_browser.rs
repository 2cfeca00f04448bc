//! The site in headless Chromium: account and keys, theme, favourites, search, narrow screens.

use fantoccini::{Client, Locator};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{call_tool, Backend, TestApp, PASSWORD};
use crate::web_driver::{click, eval, fill, open, text, until, Browser};

/// Signs up `email` through the auth page and waits for the dashboard.
pub async fn sign_up(client: &Client, app: &TestApp, email: &str) {
    open(client, &app.url("/auth?mode=signup")).await;
    fill(client, "#email", email).await;
    fill(client, "#password", PASSWORD).await;
    click(client, "#auth-form button[type=submit]").await;
    until(client, "location.pathname === '/dashboard'").await;
}

#[tokio::test]
async fn account_and_keys_in_the_browser() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            sign_up(&client, &app, "grace@example.com").await;
            assert_eq!(text(&client, "#account-email").await, "grace@example.com");
            assert_eq!(text(&client, "#account-plan").await, "free");

            fill(&client, "#key-label", "laptop").await;
            click(&client, "#create-key-form button[type=submit]").await;
            until(&client, "!document.getElementById('new-key').hidden").await;
            let key = text(&client, "#new-key-value").await;
            assert!(key.starts_with("pk_") && key.len() == 35, "{key}");
            assert!(text(&client, "#new-key").await.contains("you will not see it again"));
            assert!(text(&client, "#keys-table tbody").await.contains("laptop"));
            let call = call_tool(&app, &key, "word-counter", json!({"text": "one two"})).await;
            assert_eq!(call.status(), StatusCode::OK, "the key works over HTTP");

            client.refresh().await.unwrap();
            until(&client, "document.readyState === 'complete'").await;
            assert!(!client.source().await.unwrap().contains(&key), "shown once only");
            assert!(text(&client, "#keys-table tbody").await.contains("laptop"));
            assert!(!text(&client, "#keys-table tbody").await.contains("Never"), "last use is shown");
            assert_eq!(text(&client, "#usage-total").await, "1", "the call is in the usage chart");

            click(&client, "#keys-table tbody details summary").await;
            click(&client, "#keys-table tbody details button[type=submit]").await;
            until(&client, "location.search === '?done=key-deleted'").await;
            assert_eq!(
                eval(&client, "document.querySelectorAll('#keys-table tbody tr').length").await,
                json!(0)
            );
            let call = call_tool(&app, &key, "word-counter", json!({"text": "one"})).await;
            assert_eq!(call.status(), StatusCode::UNAUTHORIZED);

            click(&client, "#sign-out").await;
            until(&client, "location.pathname === '/' && !document.getElementById('sign-out')").await;
            open(&client, &app.url("/dashboard")).await;
            assert_eq!(
                eval(&client, "location.pathname + location.search").await,
                json!("/auth?next=/dashboard")
            );
        })
        .await;
}

#[tokio::test]
async fn sign_in_errors_are_shown_in_place() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    app.signup(&app.client, "ada@example.com").await;
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            open(&client, &app.url("/auth?next=/tools/word-counter")).await;
            fill(&client, "#email", "ada@example.com").await;
            fill(&client, "#password", "not the password").await;
            click(&client, "#auth-form button[type=submit]").await;
            until(&client, "!document.getElementById('auth-error').hidden").await;
            assert_eq!(text(&client, "#auth-error").await, "The email or password is incorrect.");
            assert_eq!(eval(&client, "location.pathname").await, json!("/auth"), "no page load");
            fill(&client, "#password", PASSWORD).await;
            click(&client, "#auth-form button[type=submit]").await;
            until(&client, "location.pathname === '/tools/word-counter'").await;
        })
        .await;
}

#[tokio::test]
async fn theme_favourites_and_search_persist() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            open(&client, &app.url("/")).await;
            assert_eq!(eval(&client, "document.documentElement.dataset.theme").await, json!("light"));
            click(&client, "#theme-toggle").await;
            client.refresh().await.unwrap();
            until(&client, "document.readyState === 'complete'").await;
            assert_eq!(eval(&client, "document.documentElement.dataset.theme").await, json!("dark"));
            let background = eval(&client, "getComputedStyle(document.documentElement).backgroundColor").await;
            assert_eq!(background, json!("rgb(15, 18, 22)"), "dark colours after reload");
            click(&client, "input[name=theme][value=light]").await;
            assert_eq!(eval(&client, "localStorage.getItem('toolshub-theme')").await, json!("light"));

            assert_eq!(eval(&client, "document.getElementById('favourites').hidden").await, json!(true));
            click(&client, ".tool-item[data-slug=word-counter] .star").await;
            open(&client, &app.url("/tools/case-converter")).await;
            let pinned = eval(&client, "[...document.querySelectorAll('#favourites .tool-item')].map(i => i.dataset.slug)").await;
            assert_eq!(pinned, json!(["word-counter"]), "favourites are kept across pages");
            let pressed = ".tool-group:not(#favourites) .tool-item[data-slug=word-counter] .star";
            assert_eq!(client.find(Locator::Css(pressed)).await.unwrap().attr("aria-pressed").await.unwrap().as_deref(), Some("true"));

            client.find(Locator::Css("body")).await.unwrap().send_keys("/").await.unwrap();
            assert_eq!(eval(&client, "document.activeElement.id").await, json!("tool-search"));
            client.active_element().await.unwrap().send_keys("colour").await.unwrap();
            let visible = "[...document.querySelectorAll('.tool-group:not(#favourites) .tool-item')].filter(i => !i.hidden).map(i => i.dataset.slug)";
            assert_eq!(eval(&client, visible).await, json!(["hex-rgba-converter"]));
            fill(&client, "#tool-search", "zzz").await;
            assert_eq!(eval(&client, "document.getElementById('no-match').hidden").await, json!(false));
        })
        .await;
}

#[tokio::test]
async fn no_page_scrolls_sideways_on_a_phone() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(375, 800).await else { return };
    browser
        .run(|client| async move {
            open(&client, &app.url("/")).await;
            assert_eq!(eval(&client, "window.innerWidth").await, json!(375));
            let mut paths = vec![
                "/".to_owned(),
                "/auth".into(),
                "/auth?mode=signup".into(),
                "/nowhere".into(),
                "/docs".into(),
            ];
            paths.extend(["/auth/forgot".to_owned(), "/auth/reset?token=x".into()]);
            paths.extend(toolshub_tools::catalogue::CATALOGUE.iter().map(|t| format!("/tools/{}", t.slug)));
            for path in &paths {
                assert_fits(&client, &app.url(path)).await;
            }
            sign_up(&client, &app, "lin@example.com").await;
            fill(&client, "#key-label", "a rather long label for a narrow screen").await;
            click(&client, "#create-key-form button[type=submit]").await;
            until(&client, "!document.getElementById('new-key').hidden").await;
            assert_width(&client, "/dashboard with a new key").await;
            for path in paths.iter().chain(&["/dashboard".to_owned()]) {
                assert_fits(&client, &app.url(path)).await;
            }
            click(&client, "#menu-toggle").await;
            assert_eq!(
                eval(&client, "getComputedStyle(document.getElementById('sidebar')).display").await,
                json!("block")
            );
        })
        .await;
}

async fn assert_fits(client: &Client, url: &str) {
    open(client, url).await;
    assert_width(client, url).await;
}

async fn assert_width(client: &Client, what: &str) {
    let width = eval(client, "document.documentElement.scrollWidth").await;
    assert!(width.as_u64().is_some_and(|w| w <= 375), "{what} is {width} px wide");
}
