//! `POST /api/tools/image-resizer` over HTTP: JSON and multipart input, JSON and raw
//! output, sharp's fit modes, and hostile inputs answered with 4xx while the server stays up.

use std::io::Cursor;
use std::time::{Duration, Instant};

use base64::Engine;
use image::{DynamicImage, ImageFormat, RgbImage, RgbaImage};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{browser, error_code, Backend, TestApp};

crate::on_both_backends!(json_in_json_out_with_base64_and_rate_limits);

const BOUNDARY: &str = "----TestBoundaryAbCdEf";

/// A photo-like test image.
fn photo(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        let ripple = ((x as f32 / 7.0).sin() * 40.0) as i32;
        let r = (x * 255 / width) as i32 + ripple;
        let g = (y * 255 / height) as i32 - ripple;
        image::Rgb([r.clamp(0, 255) as u8, g.clamp(0, 255) as u8, 128])
    }))
}

fn file(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A multipart body with the image as `file` and `fields` as text parts.
fn form(image: &[u8], fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .bytes(),
        );
    }
    body.extend(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .bytes(),
    );
    body.extend_from_slice(image);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").bytes());
    body
}

struct Caller {
    app: TestApp,
    key: String,
}

impl Caller {
    async fn new(backend: Backend) -> Option<Self> {
        let app = TestApp::spawn(backend).await?;
        let client = browser();
        app.signup(&client, "pixels@example.com").await;
        let key = app.create_key(&client, "images").await["key"].as_str().unwrap().to_owned();
        Some(Self { app, key })
    }

    fn post(&self) -> RequestBuilder {
        self.app.client.post(self.app.url("/api/tools/image-resizer")).bearer_auth(&self.key)
    }

    async fn json(&self, input: Value) -> reqwest::Response {
        self.post().json(&input).send().await.unwrap()
    }

    async fn form(&self, image: &[u8], fields: &[(&str, &str)]) -> reqwest::Response {
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        self.post().header("content-type", content_type).body(form(image, fields)).send().await.unwrap()
    }
}

async fn json_in_json_out_with_base64_and_rate_limits(backend: Backend) {
    let Some(caller) = Caller::new(backend).await else { return };
    let png = file(&photo(400, 300), ImageFormat::Png);
    let response = caller.json(json!({"image": base64(&png), "width": 200, "format": "webp"})).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["x-ratelimit-remaining"], "199");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["tool"], "image-resizer");
    let result = &body["result"];
    assert_eq!(
        (result["format"].as_str(), result["width"].as_u64(), result["height"].as_u64()),
        (Some("webp"), Some(200), Some(150))
    );
    let bytes = base64::engine::general_purpose::STANDARD.decode(result["image"].as_str().unwrap()).unwrap();
    assert_eq!(result["bytes"].as_u64(), Some(bytes.len() as u64));
    let output = image::load_from_memory_with_format(&bytes, ImageFormat::WebP).unwrap();
    assert_eq!((output.width(), output.height()), (200, 150));
    assert_eq!(body["rateLimit"]["remaining"], 199);
}

#[tokio::test]
async fn multipart_in_raw_bytes_out_when_the_client_accepts_images() {
    let Some(caller) = Caller::new(Backend::Sqlite).await else { return };
    let jpeg = file(&photo(300, 200), ImageFormat::Jpeg);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let fields = [("width", "100"), ("height", "100"), ("fit", "contain"), ("format", "png")];
    let response = caller
        .post()
        .header("content-type", content_type)
        .header("accept", "image/*")
        .body(form(&jpeg, &fields))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.headers()["x-ratelimit-remaining"], "199");
    let bytes = response.bytes().await.unwrap();
    let output = image::load_from_memory_with_format(&bytes, ImageFormat::Png).unwrap();
    assert_eq!((output.width(), output.height()), (100, 100));
    assert_eq!(output.to_rgba8().get_pixel(50, 2).0[3], 0, "contain pads with transparency in PNG");

    let same_format: Value = caller.form(&jpeg, &[("width", "150")]).await.json().await.unwrap();
    assert_eq!(same_format["result"]["format"], "jpeg");
    assert_eq!(same_format["result"]["height"], 100);
}

#[tokio::test]
async fn each_fit_mode_answers_sharps_sizes() {
    let Some(caller) = Caller::new(Backend::Sqlite).await else { return };
    let png = base64(&file(&photo(400, 300), ImageFormat::Png));
    for (fit, size) in [
        ("cover", [200, 200]),
        ("contain", [200, 200]),
        ("fill", [200, 200]),
        ("inside", [200, 150]),
        ("outside", [267, 200]),
    ] {
        let body: Value = caller
            .json(json!({"image": png, "width": 200, "height": 200, "fit": fit}))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            [&body["result"]["width"], &body["result"]["height"]],
            size.map(Value::from).each_ref(),
            "{fit}: {body}"
        );
    }
    let one_side: Value = caller.json(json!({"image": png, "height": 30})).await.json().await.unwrap();
    assert_eq!((&one_side["result"]["width"], &one_side["result"]["height"]), (&json!(40), &json!(30)));
}

/// A valid PNG header claiming 60000×60000 pixels, then a little data.
fn huge_header() -> Vec<u8> {
    let mut png = file(&DynamicImage::ImageRgba8(RgbaImage::new(1, 1)), ImageFormat::Png);
    png[16..24].copy_from_slice(&[0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]);
    let crc = crc32fast::hash(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

#[tokio::test]
async fn hostile_inputs_get_quick_4xx_and_the_server_stays_healthy() {
    let Some(caller) = Caller::new(Backend::Sqlite).await else { return };
    let jpeg = file(&photo(200, 200), ImageFormat::Jpeg);
    let eleven_mib = vec![0xFFu8; 11 * 1024 * 1024];
    let cases: Vec<(&str, reqwest::Response, StatusCode, &str)> = vec![
        (
            "huge header",
            caller.form(&huge_header(), &[("width", "10")]).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            "huge header json",
            caller.json(json!({"image": base64(&huge_header())})).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            "11 MiB file",
            caller.form(&eleven_mib, &[]).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            "11 MiB base64",
            caller.json(json!({"image": base64(&eleven_mib[..10_600_000])})).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            "text",
            caller.form(b"just some text", &[]).await,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "gif",
            caller.json(json!({"image": base64(b"GIF89a\x01\0\x01\0")})).await,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "raw body",
            caller.post().header("content-type", "image/jpeg").body(jpeg.clone()).send().await.unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "truncated",
            caller.form(&jpeg[..jpeg.len() / 2], &[]).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "garbled",
            caller.form(&[&jpeg[..300], &[0x55; 2000][..], &jpeg[2300..]].concat(), &[]).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "bad base64",
            caller.json(json!({"image": "%%%"})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "no image",
            caller.json(json!({"width": 10})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "no file",
            caller
                .post()
                .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
                .body(format!("--{BOUNDARY}--\r\n"))
                .send()
                .await
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "zero width",
            caller.form(&jpeg, &[("width", "0")]).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "too wide",
            caller.form(&jpeg, &[("width", "9000")]).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "output too large",
            caller.form(&jpeg, &[("width", "8000"), ("height", "8000"), ("fit", "fill")]).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "unknown field",
            caller.form(&jpeg, &[("colour", "red")]).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "bad form",
            caller.post().header("content-type", "multipart/form-data").body("x").send().await.unwrap(),
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        (
            "not json",
            caller.post().header("content-type", "application/json").body("{").send().await.unwrap(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
    ];
    for (name, response, status, code) in cases {
        assert_eq!(response.status(), status, "{name}");
        assert_eq!(error_code(response).await, code, "{name}");
    }
    let start = Instant::now();
    let response = caller.form(&huge_header(), &[]).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(start.elapsed() < Duration::from_millis(500), "refused in {:?}", start.elapsed());
    let healthy = caller.app.get(&browser(), "/healthz").await;
    assert_eq!(healthy.status(), StatusCode::OK);
    assert_eq!(caller.form(&jpeg, &[("width", "50")]).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_server_answers_other_requests_while_resizing() {
    let Some(caller) = Caller::new(Backend::Sqlite).await else { return };
    let big = base64(&file(&photo(2400, 1800), ImageFormat::Png));
    let resizes: Vec<_> =
        (0..4).map(|_| caller.json(json!({"image": big, "width": 2000, "format": "png"}))).collect();
    let health = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let start = Instant::now();
        let response = caller.app.get(&browser(), "/healthz").await;
        (response.status(), start.elapsed())
    };
    let (responses, (status, took)) = tokio::join!(futures::future::join_all(resizes), health);
    assert_eq!(status, StatusCode::OK);
    assert!(took < Duration::from_millis(500), "/healthz took {took:?} during resizes");
    for response in responses {
        assert_eq!(response.status(), StatusCode::OK);
    }
}
