//! `/`: appearance, quick start and about.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use toolshub_tools::catalogue::{ToolInfo, CATALOGUE};

use super::layout::{notice, Layout};
use super::page::Page;
use super::tools::curl_snippet;
use super::viewer::Viewer;
use crate::state::AppState;

/// The home page.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    layout: Layout,
    notice: Option<&'static str>,
    tools: &'static [ToolInfo],
    /// A first call with the real host, for the quick start.
    curl: String,
    free_limit: u32,
    pro_limit: u32,
    anon_limit: u32,
}

/// `?done=…` of `/`.
#[derive(Deserialize)]
pub struct HomeQuery {
    done: Option<String>,
}

/// `GET /`.
pub async fn show(State(state): State<AppState>, viewer: Viewer, Query(query): Query<HomeQuery>) -> Response {
    let settings = &state.settings;
    let api_url = format!("{}/api/tools/case-converter", settings.app_url.as_str().trim_end_matches('/'));
    let page = HomePage {
        layout: Layout::new("Developer tools in the browser and over HTTP", viewer.signed_in()),
        notice: notice(query.done.as_deref()),
        tools: CATALOGUE,
        curl: curl_snippet(&api_url, r#"{"text":"XMLHttpRequest handler","to":"snake"}"#),
        free_limit: settings.free_rate_limit,
        pro_limit: settings.pro_rate_limit,
        anon_limit: settings.anon_rate_limit,
    };
    Page::new(page).into_response()
}
