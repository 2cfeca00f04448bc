//! `/docs` over plain HTTP: every documented operation and every tool is on the page, with
//! code in four languages for this server's address.

use reqwest::StatusCode;
use serde_json::Value;
use toolshub_tools::catalogue::CATALOGUE;

use crate::helpers::{Backend, TestApp, APP_ORIGIN};
use crate::web_driver::{click, eval, open, Browser};

#[tokio::test]
async fn the_reference_lists_every_operation_and_every_tool() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let doc: Value = app.get(&app.client, "/api/openapi.json").await.json().await.unwrap();
    let page = app.get(&app.client, "/docs").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let row = format!("<td><code>{}</code></td><td><code>{path}</code></td>", method.to_uppercase());
            assert!(html.contains(&row), "{method} {path} is not listed");
        }
    }
    for slug in CATALOGUE.iter().map(|t| t.slug).chain(["example"]) {
        assert!(html.contains(&format!("id=\"tool-{slug}\"")), "{slug}");
        for language in ["curl", "fetch", "axios", "python"] {
            assert!(
                html.contains(&format!("data-lang=\"{language}\" tabindex=\"0\" aria-label=")),
                "{language}"
            );
        }
        assert!(html.contains(&format!("{APP_ORIGIN}/api/tools/{slug}")), "{slug} snippets use APP_URL");
    }
    assert_eq!(html.matches("class=\"code snippet\"").count(), 4 * (CATALOGUE.len() + 1));
    assert!(html.contains("xml_http_request_handler"), "the case converter's real answer");
    for section in ["getting-a-key", "authentication", "rate-limits", "errors", "endpoints", "tools"] {
        assert!(html.contains(&format!("id=\"{section}\"")), "{section}");
    }
    assert!(html.contains("x-ratelimit-remaining") && html.contains("retry-after"));
    assert!(html.contains("&lt;base64&gt;") || !html.contains("<base64>"), "examples are escaped");
}

#[tokio::test]
async fn the_language_switch_shows_one_language_without_script() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            open(&client, &app.url("/docs")).await;
            let shown = "[...document.querySelectorAll('#tool-word-counter .snippet')]\
                         .filter(s => getComputedStyle(s).display !== 'none').map(s => s.dataset.lang)";
            assert_eq!(eval(&client, shown).await, serde_json::json!(["curl"]));
            click(&client, ".lang-switch input[value=python]").await;
            assert_eq!(eval(&client, shown).await, serde_json::json!(["python"]));
        })
        .await;
}
