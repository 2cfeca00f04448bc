//! Tool pages in headless Chromium: results while typing, errors, quota, the API preview.

use fantoccini::Client;

use crate::helpers::{Backend, TestApp, PASSWORD};
use crate::web_driver::{click, eval, fill, open, text, until, Browser};

/// Each text tool, what to type into which field, and a script true once the result shows it.
const TEXT_TOOLS: [(&str, &str, &str, &str); 3] = [
    ("case-converter", "#text", "Hello brave World", "result.textContent.includes('hello_brave_world')"),
    (
        "word-counter",
        "#text",
        "one two three. four",
        "[...result.querySelectorAll('.stat')].some(s => s.textContent === '4Words')",
    ),
    ("hex-rgba-converter", "#color", "rebeccapurple", "result.textContent.includes('#663399')"),
];

#[tokio::test]
async fn text_tools_run_while_typing_and_show_four_snippets() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            for (slug, field, input, shown) in TEXT_TOOLS {
                open(&client, &app.url(&format!("/tools/{slug}"))).await;
                until(&client, "document.querySelector('#result .output-row, #result .stat')").await;
                fill(&client, field, input).await;
                until(&client, &format!("(result => {shown})(document.getElementById('result'))")).await;
                assert!(text(&client, "#quota").await.contains("requests left this minute"), "{slug}");
                assert_snippets(&client, slug, input).await;
            }
        })
        .await;
}

async fn assert_snippets(client: &Client, slug: &str, input: &str) {
    let url = format!("http://localhost:3000/api/tools/{slug}");
    for (language, marker) in
        [("fetch", "fetch("), ("curl", "curl "), ("axios", "axios.post("), ("python", "requests.post(")]
    {
        click(client, &format!("input[name=lang][value={language}]")).await;
        let code = text(client, "#snippet").await;
        assert!(code.contains(marker) && code.contains(&url), "{slug} {language}: {code}");
        assert!(code.contains("TOOLSHUB_API_KEY") && code.contains(input), "{slug} {language}: {code}");
    }
}

#[tokio::test]
async fn tool_errors_quota_and_snippets() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            open(&client, &app.url("/tools/hex-rgba-converter")).await;
            fill(&client, "#color", "not a colour").await;
            until(&client, "!document.getElementById('tool-error').hidden").await;
            assert!(text(&client, "#tool-error").await.contains("color"), "the API's message is shown");
            let quota = text(&client, "#quota").await;
            assert!(quota.ends_with("of 30 requests left this minute (without an account)"), "{quota}");

            click(&client, "[data-copy='#snippet']").await;
            until(&client, "document.querySelector(\"[data-copy='#snippet']\").textContent !== 'Copy code'")
                .await;

            click(&client, "input[name=lang][value=python]").await;
            assert!(text(&client, "#snippet").await.contains("\"color\": \"not a colour\""));
        })
        .await;
}

#[tokio::test]
async fn og_generator_shows_a_live_preview_and_the_meta_tag() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    browser
        .run(|client| async move {
            open(&client, &app.url("/tools/og-generator")).await;
            until(&client, "document.querySelector('#result img.og-preview')?.naturalWidth === 1200").await;
            assert!(text(&client, "#result").await.contains("Sign in to get a signed image URL"));
            let first = eval(&client, "document.querySelector('#result img').src").await;
            fill(&client, "#title", "Привет, Καλημέρα").await;
            let changed = format!("document.querySelector('#result img')?.src !== {first}");
            until(&client, &changed).await;
            fill(&client, "#background", "nope").await;
            until(&client, "!document.getElementById('tool-error').hidden").await;
            assert!(text(&client, "#tool-error").await.contains("background"));

            open(&client, &app.url("/auth?mode=signup")).await;
            fill(&client, "#email", "og-page@example.com").await;
            fill(&client, "#password", PASSWORD).await;
            click(&client, "#auth-form button[type=submit]").await;
            until(&client, "location.pathname === '/dashboard'").await;
            open(&client, &app.url("/tools/og-generator")).await;
            until(&client, "document.getElementById('result').textContent.includes('og:image')").await;
            let tag = text(&client, "#result").await;
            assert!(tag.contains("<meta property=\"og:image\" content=\"http://localhost:3000/og/"), "{tag}");
        })
        .await;
}
