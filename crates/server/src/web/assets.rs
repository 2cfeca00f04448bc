//! The stylesheet, scripts and icon, embedded in the binary and served at URLs that
//! name their content's hash, so browsers may keep them forever.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $content_type:literal) => {
        Asset {
            name: $name,
            content_type: $content_type,
            body: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/", $name)),
        }
    };
}

const ASSETS: [Asset; 8] = [
    asset!("app.css", "text/css; charset=utf-8"),
    asset!("theme.js", "text/javascript; charset=utf-8"),
    asset!("app.js", "text/javascript; charset=utf-8"),
    asset!("tool.js", "text/javascript; charset=utf-8"),
    asset!("forms.js", "text/javascript; charset=utf-8"),
    asset!("snippets.js", "text/javascript; charset=utf-8"),
    asset!("favicon.svg", "image/svg+xml"),
    asset!("image_resizer.js", "text/javascript; charset=utf-8"),
];

/// The URL of each asset, e.g. `/static/app.3f9a1c0b2d.css`.
#[derive(Debug)]
pub struct AssetUrls {
    pub css: String,
    pub theme_js: String,
    pub app_js: String,
    pub tool_js: String,
    pub forms_js: String,
    pub snippets_js: String,
    pub icon: String,
    pub image_resizer_js: String,
}

/// Hashed file names, in the order of `ASSETS`.
static HASHED_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| ASSETS.iter().map(hashed_name).collect());

static URLS: LazyLock<AssetUrls> = LazyLock::new(|| {
    let url = |i: usize| format!("/static/{}", HASHED_NAMES[i]);
    AssetUrls {
        css: url(0),
        theme_js: url(1),
        app_js: url(2),
        tool_js: url(3),
        forms_js: url(4),
        snippets_js: url(5),
        icon: url(6),
        image_resizer_js: url(7),
    }
});

/// The URLs pages link to.
pub fn urls() -> &'static AssetUrls {
    &URLS
}

/// `app.css` becomes `app.<first 10 hex digits of its SHA-256>.css`.
fn hashed_name(asset: &Asset) -> String {
    let digest = hex::encode(Sha256::digest(asset.body));
    let (stem, extension) = asset.name.rsplit_once('.').expect("asset names have an extension");
    format!("{stem}.{}.{extension}", &digest[..10])
}

/// `GET /static/{file}`: only current hashed names exist; anything else is 404.
pub async fn serve(Path(file): Path<String>) -> Response {
    let Some(index) = HASHED_NAMES.iter().position(|name| *name == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let asset = &ASSETS[index];
    let headers = [
        (header::CONTENT_TYPE, asset.content_type),
        (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
    ];
    (headers, asset.body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_content_hash() {
        let css = &urls().css;
        assert!(css.starts_with("/static/app.") && css.ends_with(".css"), "{css}");
        assert_eq!(css.len(), "/static/app..css".len() + 10);
        assert_ne!(urls().app_js, urls().tool_js);
    }
}
