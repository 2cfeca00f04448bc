//! The blog generator's page in headless Chromium: Generate, the sanitized preview, the
//! copy buttons, and the API preview's list of keywords.

use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::web_driver::{click, eval, fill, open, text, until, Browser};

#[tokio::test]
async fn generate_shows_a_sanitized_preview_and_copy_buttons() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            open(&client, &app.url("/tools/blog-generator")).await;
            assert!(text(&client, "#result").await.contains("Press Generate"), "nothing runs while typing");
            fill(&client, "#topic", "Caching <img src=x onerror=alert(1)>").await;
            fill(&client, "#keywords", "redis, ttl ,").await;
            let snippet = text(&client, "#snippet").await;
            assert!(snippet.contains(r#""keywords":["redis","ttl"]"#), "{snippet}");
            click(&client, "#generate").await;
            until(&client, "document.querySelector('#blog-preview h1')").await;

            let headings =
                eval(&client, "[...document.querySelectorAll('#blog-preview h2')].map(h => h.textContent)")
                    .await;
            assert_eq!(headings, json!(["Redis", "Ttl", "Summary"]));
            assert_eq!(
                eval(&client, "document.querySelector('#blog-preview img, #blog-preview script')").await,
                json!(null)
            );
            let title = text(&client, "#blog-preview h1").await.to_lowercase();
            assert!(title.contains("<img src=x onerror=alert(1)>"), "shown as text: {title}");
            assert!(text(&client, "#blog-stats").await.contains("written by the built-in generator"));
            for target in ["#blog-markdown", "#blog-html"] {
                let button = format!("[data-copy='{target}']");
                assert_eq!(
                    eval(&client, &format!("Boolean(document.querySelector(\"{button}\"))")).await,
                    json!(true)
                );
            }
            click(&client, "[data-copy='#blog-markdown']").await;
            until(
                &client,
                "document.querySelector(\"[data-copy='#blog-markdown']\").textContent !== 'Copy Markdown'",
            )
            .await;
            let quota = text(&client, "#quota").await;
            assert!(quota.starts_with("25 of 30 requests left"), "a post costs 5: {quota}");
        })
        .await;
}
