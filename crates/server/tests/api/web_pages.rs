//! The web pages over plain HTTP: security headers, size, assets, error pages.

use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use reqwest::StatusCode;
use toolshub_tools::catalogue::CATALOGUE;

use crate::helpers::{browser, Backend, TestApp};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   frame-ancestors 'none'; base-uri 'none'; \
                   form-action 'self' https://checkout.stripe.com https://billing.stripe.com";
const HTML: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// The `/static/…` URLs a page links to.
fn asset_urls(html: &str) -> Vec<String> {
    html.split("\"/static/")
        .skip(1)
        .map(|rest| format!("/static/{}", &rest[..rest.find('"').unwrap()]))
        .collect()
}

/// Inline `<script>`, `<style>`, `style=` or `on…=` handlers, which the CSP would block.
fn has_inline_code(html: &str) -> bool {
    let scripts_ok = html.split("<script").skip(1).all(|rest| {
        rest.starts_with(" src=\"/static/") || rest.starts_with(" type=\"module\" src=\"/static/")
    });
    let handler = html.split(" on").skip(1).any(|rest| {
        let name_len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        name_len > 0 && rest.as_bytes().get(name_len) == Some(&b'=')
    });
    !scripts_ok || handler || html.contains(" style=") || html.contains("<style")
}

#[tokio::test]
async fn pages_have_security_headers_no_inline_code_and_stay_small() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let client = browser();
    app.signup(&client, "ada@example.com").await;
    let mut paths = vec!["/".to_owned(), "/auth?mode=signup".into(), "/dashboard".into(), "/docs".into()];
    paths.extend(["/auth/forgot".to_owned(), "/auth/reset?token=x".into()]);
    paths.extend(CATALOGUE.iter().map(|tool| format!("/tools/{}", tool.slug)));
    for path in paths {
        let response = client.get(app.url(&path)).header(ACCEPT, HTML).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let headers = response.headers().clone();
        assert_eq!(headers[CONTENT_SECURITY_POLICY], CSP, "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin");
        assert_eq!(headers[CONTENT_TYPE], "text/html; charset=utf-8");
        let html = response.text().await.unwrap();
        assert!(!has_inline_code(&html), "{path} has inline script or style");
        let mut bytes = html.len();
        for asset in asset_urls(&html) {
            bytes += client.get(app.url(&asset)).send().await.unwrap().bytes().await.unwrap().len();
        }
        assert!(bytes < 100 * 1024, "{path} needs {bytes} bytes with its assets");
    }
}

#[tokio::test]
async fn assets_have_hashed_names_and_are_cached_forever() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let html = app.get(&app.client, "/").await.text().await.unwrap();
    let assets = asset_urls(&html);
    assert!(assets.iter().any(|a| a.ends_with(".css")) && assets.iter().any(|a| a.ends_with(".js")));
    for asset in &assets {
        let response = app.get(&app.client, asset).await;
        assert_eq!(response.status(), StatusCode::OK, "{asset}");
        assert_eq!(response.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
        let kind = if asset.ends_with(".css") {
            "text/css"
        } else if asset.ends_with(".js") {
            "text/javascript"
        } else {
            "image/svg+xml"
        };
        assert!(response.headers()[CONTENT_TYPE].to_str().unwrap().starts_with(kind), "{asset}");
    }
    for stale in ["/static/app.css", "/static/app.0123456789.css", "/static/..%2Fsrc%2Flib.rs"] {
        assert_eq!(app.get(&app.client, stale).await.status(), StatusCode::NOT_FOUND, "{stale}");
    }
}

#[tokio::test]
async fn unknown_pages_are_html_for_browsers_and_json_for_clients() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    for path in ["/nowhere", "/tools/no-such-tool"] {
        let page = app.client.get(app.url(path)).header(ACCEPT, HTML).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        assert_eq!(page.headers()[CONTENT_SECURITY_POLICY], CSP);
        let html = page.text().await.unwrap();
        assert!(html.starts_with("<!doctype html>") && html.contains("Page not found"), "{html}");
    }
    let api = app.get(&app.client, "/nowhere").await;
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert_eq!(crate::helpers::error_code(api).await, "not_found");

    let wrong_method = app.client.put(app.url("/dashboard")).header(ACCEPT, HTML).send().await.unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    let html = wrong_method.text().await.unwrap();
    assert!(html.starts_with("<!doctype html>") && html.contains("does not accept"), "{html}");
    let api_method = app.client.put(app.url("/api/account")).header(ACCEPT, HTML).send().await.unwrap();
    assert_eq!(crate::helpers::error_code(api_method).await, "method_not_allowed", "API paths stay JSON");
}
