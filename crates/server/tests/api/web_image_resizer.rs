//! The image resizer's page in headless Chromium: choose or drop a file, see both
//! previews with their sizes, download the result.

use std::io::Cursor;

use base64::Engine;
use fantoccini::Locator;
use image::{DynamicImage, ImageFormat, RgbImage};

use crate::helpers::{Backend, TestApp};
use crate::web_driver::{eval, fill, open, text, until, Browser};

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 3) as u8, (y * 5) as u8, 90]));
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image).write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn choose_or_drop_a_file_and_see_before_and_after() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let Some(browser) = Browser::start(1280, 900).await else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.png");
    std::fs::write(&path, png(80, 60)).unwrap();
    let dropped = base64::engine::general_purpose::STANDARD.encode(png(60, 60));
    browser
        .run(|client| async move {
            open(&client, &app.url("/tools/image-resizer")).await;
            assert_eq!(eval(&client, "document.getElementById('coming-soon')").await, serde_json::Value::Null);
            fill(&client, "#resize-width", "40").await;
            client.find(Locator::Css("#resize-file")).await.unwrap().send_keys(path.to_str().unwrap()).await.unwrap();
            until(&client, "document.getElementById('after-size').textContent.startsWith('40×30')").await;
            assert!(text(&client, "#before-size").await.starts_with("80×60"));
            until(&client, "!document.getElementById('download').hidden").await;
            let href = eval(&client, "document.getElementById('download').href.slice(0, 22)").await;
            assert_eq!(href, "data:image/png;base64,");
            assert_eq!(eval(&client, "document.getElementById('download').download").await, "photo-40x30.png");

            fill(&client, "#resize-height", "20").await;
            client.find(Locator::Css("#resize-format")).await.unwrap().select_by_value("webp").await.unwrap();
            let drop = format!(
                "const bytes = Uint8Array.from(atob('{dropped}'), c => c.charCodeAt(0));
                 const data = new DataTransfer();
                 data.items.add(new File([bytes], 'square.png', {{ type: 'image/png' }}));
                 document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', {{ dataTransfer: data, bubbles: true, cancelable: true }}));
                 return true;"
            );
            client.execute(&drop, vec![]).await.unwrap();
            until(&client, "document.getElementById('after-size').textContent.startsWith('40×20')").await;
            assert!(text(&client, "#after-size").await.contains("WEBP"));
            assert!(text(&client, "#before-size").await.starts_with("60×60"));

            fill(&client, "#resize-background", "not a colour").await;
            client.find(Locator::Css("#resize-button")).await.unwrap().click().await.unwrap();
            until(&client, "!document.getElementById('tool-error').hidden").await;
            assert!(text(&client, "#tool-error").await.contains("background"));
        })
        .await;
}
