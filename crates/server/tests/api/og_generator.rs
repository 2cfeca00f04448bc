//! og-generator: the PNG card, non-Latin text and missing glyphs, the signed public URL
//! (no key, tamper-proof, cached with ETag, metered against the owner), bad inputs.

use base64::Engine;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{browser, call_tool, error_code, wait_for_room_in_minute, Backend, TestApp, APP_ORIGIN};

crate::on_both_backends!(
    renders_a_1200_by_630_card_with_a_signed_url,
    greek_cyrillic_and_missing_glyphs_draw_ink,
    the_signed_url_works_without_a_key_and_is_cached,
    a_tampered_url_is_refused,
    public_fetches_count_against_the_owner,
    bad_inputs_name_the_field,
);

async fn key_for(app: &TestApp) -> String {
    let client = browser();
    app.signup(&client, "og@example.com").await;
    app.create_key(&client, "og").await["key"].as_str().unwrap().to_owned()
}

/// The JSON result of a card.
async fn card(app: &TestApp, key: &str, input: Value) -> Value {
    let response = call_tool(app, key, "og-generator", input).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<Value>().await.unwrap()["result"].clone()
}

/// Decoded RGB pixels of a PNG, checking its size.
fn pixels(png: &[u8]) -> Vec<u8> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
    assert_eq!(reader.info().size(), (1200, 630));
    let mut buffer = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(frame.buffer_size());
    buffer
}

fn image_of(result: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(result["image"].as_str().unwrap()).unwrap()
}

/// Pixels (3-byte groups) that differ.
fn differing(a: &[u8], b: &[u8]) -> usize {
    a.chunks(3).zip(b.chunks(3)).filter(|(x, y)| x != y).count()
}

/// The path and query of a URL built on `APP_URL`, for this test server.
fn local(app: &TestApp, url: &str) -> String {
    app.url(url.strip_prefix(APP_ORIGIN).expect("the URL is on APP_URL"))
}

async fn renders_a_1200_by_630_card_with_a_signed_url(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app).await;
    let input = json!({"title": "Ship faster", "description": "Tools as an API", "siteName": "Tools Hub", "theme": "dark"});
    let result = card(&app, &key, input.clone()).await;
    assert_eq!(
        (result["width"].as_u64(), result["height"].as_u64(), result["format"].as_str()),
        (Some(1200), Some(630), Some("png"))
    );
    let image = pixels(&image_of(&result));
    let distinct: std::collections::HashSet<_> = image.chunks(3).collect();
    assert!(distinct.len() > 50, "the card is not blank");
    let url = result["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{APP_ORIGIN}/og/")) && url.contains(".png?sig="), "{url}");
    assert_eq!(result["metaTag"], format!(r#"<meta property="og:image" content="{url}">"#));

    let raw = app
        .client
        .post(app.url("/api/tools/og-generator"))
        .bearer_auth(&key)
        .header("accept", "image/png")
        .json(&input)
        .send()
        .await
        .unwrap();
    assert_eq!(raw.headers()["content-type"], "image/png");
    assert_eq!(raw.bytes().await.unwrap().as_ref(), image_of(&result).as_slice());
}

async fn greek_cyrillic_and_missing_glyphs_draw_ink(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app).await;
    let render = |title: &str| {
        let (app, key, title) = (&app, &key, title.to_owned());
        async move { pixels(&image_of(&card(app, key, json!({ "title": title })).await)) }
    };
    let nearly_blank = render(".").await;
    for title in ["Καλημέρα κόσμε", "Привет, мир"] {
        assert!(differing(&nearly_blank, &render(title).await) > 2000, "{title} drew too little");
    }
    let latin = render("a").await;
    let with_emoji = render("a😀").await;
    assert!(differing(&latin, &with_emoji) > 500, "a missing glyph must show as a box");
    assert!(differing(&with_emoji, &render("a😀漢").await) > 500);
}

async fn the_signed_url_works_without_a_key_and_is_cached(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app).await;
    let result = card(&app, &key, json!({"title": "Cached card", "background": "#fef3c7"})).await;
    let url = local(&app, result["url"].as_str().unwrap());
    let other = app.another_instance().await;
    let other_url = url.replace(&app.addr.to_string(), &other.addr.to_string());
    let anonymous = reqwest::Client::new();

    let first = anonymous.get(&other_url).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK, "another instance shares the signing key");
    assert_eq!(first.headers()["content-type"], "image/png");
    assert_eq!(first.headers()["cache-control"], "public, max-age=31536000, immutable");
    let etag = first.headers()["etag"].clone();
    assert_eq!(first.bytes().await.unwrap().as_ref(), image_of(&result).as_slice());
    let renders = || other.state.og.fetch_renders.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(renders(), 1);
    let again = anonymous.get(&other_url).send().await.unwrap();
    assert_eq!((again.status(), again.headers()["etag"].clone()), (StatusCode::OK, etag.clone()));
    assert_eq!(renders(), 1, "a repeated fetch is served from the cache");
    let not_modified = anonymous.get(&other_url).header("if-none-match", etag.clone()).send().await.unwrap();
    assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(not_modified.headers()["etag"], etag);

    let own = anonymous.get(&url).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(
        app.state.og.fetch_renders.load(std::sync::atomic::Ordering::Relaxed),
        0,
        "the POST warmed the cache"
    );
}

async fn a_tampered_url_is_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app).await;
    let url = local(&app, card(&app, &key, json!({"title": "Original"})).await["url"].as_str().unwrap());
    let (path, signature) = url.split_once("?sig=").unwrap();
    let flip = |text: &str, at: usize| {
        let mut bytes = text.as_bytes().to_vec();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    };
    let payload_start = path.find("/og/").unwrap() + 4;
    for tampered in [
        format!("{}?sig={signature}", flip(path, payload_start + 5)),
        format!("{path}?sig={}", flip(signature, 3)),
        format!("{path}?sig="),
        path.to_owned(),
    ] {
        let response = reqwest::get(&tampered).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{tampered}");
        assert_eq!(error_code(response).await, "invalid_signature");
    }
    let response = reqwest::get(url.replace(".png?", "?")).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

async fn public_fetches_count_against_the_owner(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &[("FREE_RATE_LIMIT", "3")]).await else { return };
    let key = key_for(&app).await;
    wait_for_room_in_minute(10).await;
    let url = local(&app, card(&app, &key, json!({"title": "Metered"})).await["url"].as_str().unwrap());
    for remaining in ["1", "0"] {
        let response = reqwest::get(&url).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["x-ratelimit-remaining"], remaining);
    }
    let limited = reqwest::get(&url).await.unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    let call = call_tool(&app, &key, "example", json!({})).await;
    assert_eq!(call.status(), StatusCode::TOO_MANY_REQUESTS, "the fetches used the owner's quota");
}

async fn bad_inputs_name_the_field(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else { return };
    let key = key_for(&app).await;
    let long = "x".repeat(201);
    for (input, field) in [
        (json!({}), "title"),
        (json!({"title": ""}), "title"),
        (json!({"title": long}), "title"),
        (json!({"title": "ok", "description": "x".repeat(401)}), "description"),
        (json!({"title": "ok", "theme": "blue"}), "theme"),
        (json!({"title": "ok", "background": "nope"}), "background"),
        (json!({"title": "ok", "accent": 5}), "accent"),
        (json!({"title": "ok", "logo": "%%%"}), "logo"),
    ] {
        let response = call_tool(&app, &key, "og-generator", input.clone()).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{input}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid_input");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(&format!("`{field}`")), "{input}: {message}");
    }
    let huge = json!({"title": "x".repeat(70 * 1024)});
    let response = call_tool(&app, &key, "og-generator", huge).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"]["message"].as_str().unwrap().contains("64 KiB"), "{body}");
}
