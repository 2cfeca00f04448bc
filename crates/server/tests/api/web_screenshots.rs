//! Screenshots of the main pages in both themes at desktop and phone widths, for people to
//! look at: `cargo test -p toolshub --test api web_screenshots -- --ignored`. They are
//! written to `$TOOLSHUB_SCREENSHOTS` (default `/tmp/screens`).

use fantoccini::Client;

use crate::helpers::{call_tool, Backend, TestApp, PASSWORD};
use crate::web_driver::{click, eval, fill, open, until, Browser};

const PAGES: [(&str, &str); 12] = [
    ("home", "/"),
    ("tool", "/tools/case-converter"),
    ("tool-words", "/tools/word-counter"),
    ("tool-color", "/tools/hex-rgba-converter"),
    ("tool-og", "/tools/og-generator"),
    ("tool-image", "/tools/image-resizer"),
    ("tool-blog", "/tools/blog-generator"),
    ("auth", "/auth?mode=signup"),
    ("docs", "/docs"),
    ("forgot", "/auth/forgot"),
    ("reset", "/auth/reset?token=x"),
    ("dashboard", "/dashboard"),
];

#[tokio::test]
#[ignore = "writes screenshots for review; run on demand"]
async fn web_screenshots() {
    let dir = std::env::var("TOOLSHUB_SCREENSHOTS").unwrap_or_else(|_| "/tmp/screens".into());
    std::fs::create_dir_all(&dir).unwrap();
    for width in [1280, 375] {
        let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
        let Some(browser) = Browser::start(width, 900).await else { return };
        let dir = dir.clone();
        browser.run(|client| async move { shoot_all(&client, &app, width, &dir).await }).await;
    }
}

async fn shoot_all(client: &Client, app: &TestApp, width: u32, dir: &str) {
    for theme in ["light", "dark"] {
        open(client, &app.url("/")).await;
        eval(client, &format!("localStorage.setItem('toolshub-theme', '{theme}')")).await;
        for (name, path) in PAGES {
            if name == "dashboard" {
                sign_up_with_a_key(client, app, theme).await;
                shoot(client, width, &format!("{dir}/dashboard-new-key-{theme}-{width}")).await;
            }
            open(client, &app.url(path)).await;
            if name == "home" && width < 500 {
                click(client, "#menu-toggle").await;
                shoot(client, width, &format!("{dir}/sidebar-open-{theme}-{width}")).await;
                open(client, &app.url(path)).await;
            }
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            shoot(client, width, &format!("{dir}/{name}-{theme}-{width}")).await;
        }
        click(client, "#sign-out").await;
        until(client, "location.pathname === '/'").await;
    }
}

async fn sign_up_with_a_key(client: &Client, app: &TestApp, theme: &str) {
    open(client, &app.url("/auth?mode=signup")).await;
    fill(client, "#email", &format!("{theme}@example.com")).await;
    fill(client, "#password", PASSWORD).await;
    click(client, "#auth-form button[type=submit]").await;
    until(client, "location.pathname === '/dashboard'").await;
    fill(client, "#key-label", "laptop").await;
    click(client, "#create-key-form button[type=submit]").await;
    until(client, "!document.getElementById('new-key').hidden").await;
    let key = eval(client, "document.getElementById('new-key-value').textContent").await;
    for text in ["a", "b c", "d e f"] {
        let input = serde_json::json!({ "text": text });
        call_tool(app, key.as_str().unwrap(), "word-counter", input).await;
    }
}

/// The whole page: one tall shot on a desktop window (made as tall as the page), or one
/// shot per screenful on an emulated phone, whose screen size is fixed (`name-2.png`, …).
async fn shoot(client: &Client, width: u32, name: &str) {
    let page = number(client, "document.documentElement.scrollHeight").await;
    if width >= 500 {
        let chrome = number(client, "window.outerHeight - window.innerHeight").await;
        client.set_window_size(width, (page + chrome).min(6000)).await.unwrap();
        std::fs::write(format!("{name}.png"), client.screenshot().await.unwrap()).unwrap();
        client.set_window_size(width, 900).await.unwrap();
        return;
    }
    let screen = number(client, "window.innerHeight").await.max(1);
    for part in 0..page.div_ceil(screen).min(6) {
        eval(client, &format!("window.scrollTo(0, {})", part * screen)).await;
        let suffix = if part == 0 { String::new() } else { format!("-{}", part + 1) };
        std::fs::write(format!("{name}{suffix}.png"), client.screenshot().await.unwrap()).unwrap();
    }
}

async fn number(client: &Client, script: &str) -> u32 {
    eval(client, script).await.as_u64().unwrap_or(0) as u32
}
