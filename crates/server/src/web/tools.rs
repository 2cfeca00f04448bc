//! `/tools/{slug}`: a form for the tool, live results, and the API preview.

use std::sync::LazyLock;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use toolshub_tools::case_converter::Case;
use toolshub_tools::catalogue::{self, ToolInfo};

use super::layout::Layout;
use super::page::{ErrorPage, Page, PageError};
use super::viewer::Viewer;
use crate::error::ApiError;
use crate::state::AppState;

/// A tool's page, filled in with the catalogue's example input.
#[derive(Template)]
#[template(path = "tool.html")]
pub struct ToolPage {
    layout: Layout,
    tool: &'static ToolInfo,
    form: ToolForm,
    /// Where the API preview sends requests: `APP_URL` + `/api/tools/{slug}`.
    api_url: String,
    /// The preview's first snippet; the page's script writes the others.
    curl: String,
}

/// The inputs a tool's form has, with their first values.
pub enum ToolForm {
    Case {
        text: String,
        to: String,
        cases: &'static [(&'static str, String)],
    },
    Words {
        text: String,
    },
    Color {
        color: String,
        picker: String,
    },
    /// The blog generator: runs on "Generate" only (a call costs 5 requests).
    Blog {
        topic: String,
        keywords: String,
        tone: String,
        length: String,
    },
    Og {
        title: String,
        description: String,
        site_name: String,
        dark: bool,
    },
    /// Not served yet (the API answers 501): the page shows the API preview only.
    ComingSoon,
}

/// `GET /tools/{slug}`.
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let Some(tool) = catalogue::find(&slug) else {
        let error = ApiError::not_found(format!("There is no tool called “{slug}”; pick one from the list."));
        let page = ErrorPage::for_error(Layout::new("Not found", viewer.signed_in()), &error);
        return Ok(Page::new(page).status(error.status).into_response());
    };
    let example: Value = serde_json::from_str(tool.example).map_err(ApiError::internal)?;
    let api_url =
        format!("{}/api/tools/{}", state.settings.app_url.as_str().trim_end_matches('/'), tool.slug);
    let page = ToolPage {
        layout: Layout::for_tool(tool, viewer.signed_in()),
        tool,
        form: form_for(tool.slug, &example),
        curl: curl_snippet(&api_url, tool.example),
        api_url,
    };
    Ok(Page::new(page).into_response())
}

fn form_for(slug: &str, example: &Value) -> ToolForm {
    let field = |name: &str| example[name].as_str().unwrap_or_default().to_owned();
    match slug {
        "case-converter" => ToolForm::Case { text: field("text"), to: field("to"), cases: &CASE_LABELS },
        "word-counter" => ToolForm::Words { text: field("text") },
        "hex-rgba-converter" => {
            let color = field("color");
            ToolForm::Color { picker: picker_value(&color), color }
        }
        "blog-generator" => ToolForm::Blog {
            topic: field("topic"),
            keywords: example["keywords"].as_array().map_or_else(String::new, |k| list_field(k)),
            tone: field("tone"),
            length: field("length"),
        },
        "og-generator" => ToolForm::Og {
            title: field("title"),
            description: field("description"),
            site_name: field("siteName"),
            dark: field("theme") == "dark",
        },
        _ => ToolForm::ComingSoon,
    }
}

/// The blog form's tones and lengths, as the API names them.
pub const BLOG_TONES: [&str; 5] = ["professional", "casual", "technical", "friendly", "persuasive"];
pub const BLOG_LENGTHS: [(&str, &str); 3] =
    [("short", "Short (≈ 400 words)"), ("medium", "Medium (≈ 900 words)"), ("long", "Long (≈ 1600 words)")];

/// A JSON array of strings as the comma-separated text of a form field.
fn list_field(items: &[Value]) -> String {
    items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")
}

/// Each case's API name and how it looks ("snake" and "snake_case").
static CASE_LABELS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    Case::ALL.iter().map(|case| (case.name(), case.convert(&format!("{} case", case.name())))).collect()
});

/// `<input type="color">` takes `#rrggbb` only.
fn picker_value(color: &str) -> String {
    let hex = color.get(..7).filter(|h| h.starts_with('#') && h[1..].bytes().all(|b| b.is_ascii_hexdigit()));
    hex.unwrap_or("#000000").to_ascii_lowercase()
}

/// The curl command for `input` (JSON text) with the key taken from the environment.
pub fn curl_snippet(api_url: &str, input: &str) -> String {
    let body = input.replace('\'', r"'\''");
    format!(
        "curl {api_url} \\\n  -H \"Authorization: Bearer $TOOLSHUB_API_KEY\" \\\n  \
         -H \"Content-Type: application/json\" \\\n  -d '{body}'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_quotes_the_body_for_the_shell() {
        let snippet = curl_snippet("http://h/api/tools/x", r#"{"text":"it's"}"#);
        assert!(snippet.ends_with(r#"-d '{"text":"it'\''s"}'"#), "{snippet}");
        assert!(snippet.contains("Bearer $TOOLSHUB_API_KEY"));
    }

    #[test]
    fn picker_takes_the_first_six_hex_digits() {
        assert_eq!(picker_value("#3B82F680"), "#3b82f6");
        assert_eq!(picker_value("rebeccapurple"), "#000000");
    }
}
