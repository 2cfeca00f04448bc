//! `/docs`: the API reference, written from the OpenAPI document (endpoints, tool inputs,
//! examples) and the catalogue, so it says what the code does.

use std::sync::LazyLock;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use toolshub_tools::catalogue::CATALOGUE;

use super::layout::{coming_soon, Layout};
use super::page::Page;
use super::snippets::{self, Snippet};
use super::viewer::Viewer;
use crate::openapi::{self, tools::RATE_LIMIT_HEADERS};
use crate::state::AppState;

/// The reference page.
#[derive(Template)]
#[template(path = "docs.html")]
pub struct DocsPage {
    layout: Layout,
    base_url: String,
    free_limit: u32,
    pro_limit: u32,
    anon_limit: u32,
    endpoints: &'static [Endpoint],
    headers: &'static [(&'static str, &'static str)],
    tools: Vec<ToolDoc>,
}

/// One operation of the document.
pub struct Endpoint {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub auth: &'static str,
}

/// One tool: its input fields, a real request and answer, and code to call it.
pub struct ToolDoc {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub available: bool,
    pub fields: Vec<Field>,
    pub response: Option<String>,
    pub snippets: Vec<Snippet>,
}

/// A field of a tool's input.
pub struct Field {
    pub name: String,
    pub kind: String,
    pub required: bool,
    pub description: String,
}

static DOCUMENT: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(openapi::document_json()).expect("the document is JSON"));

static ENDPOINTS: LazyLock<Vec<Endpoint>> = LazyLock::new(|| endpoints(&DOCUMENT));

/// `GET /docs`.
pub async fn show(State(state): State<AppState>, viewer: Viewer) -> Response {
    let base_url = state.settings.app_url.as_str().trim_end_matches('/').to_owned();
    let page = DocsPage {
        layout: Layout::new("API reference", viewer.signed_in()),
        tools: tool_docs(&DOCUMENT, &base_url),
        base_url,
        free_limit: state.settings.free_rate_limit,
        pro_limit: state.settings.pro_rate_limit,
        anon_limit: state.settings.anon_rate_limit,
        endpoints: &ENDPOINTS,
        headers: &RATE_LIMIT_HEADERS,
    };
    Page::new(page).into_response()
}

fn endpoints(doc: &Value) -> Vec<Endpoint> {
    let mut list = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            let auth = auth_of(&operation["security"]);
            list.push(Endpoint {
                method: method.to_uppercase(),
                path: path.clone(),
                summary: summary(operation),
                auth,
            });
        }
    }
    list
}

/// What an operation does, in words: its doc comment without the leading
/// "`METHOD /path`: " (the table shows both), else its success answer's description.
fn summary(operation: &Value) -> String {
    let text = operation["summary"].as_str().unwrap_or_default();
    let text = match text.strip_prefix('`').and_then(|rest| rest.split_once('`')) {
        Some((_, rest)) => rest.trim_start_matches([':', '.', ' ']),
        None => text,
    };
    let success =
        operation["responses"].as_object().into_iter().flatten().find(|(status, _)| status.starts_with('2'));
    let text = match (text.is_empty(), success) {
        (true, Some((_, response))) => response["description"].as_str().unwrap_or_default(),
        _ => text,
    };
    capitalised(&text.replace('`', ""))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn auth_of(security: &Value) -> &'static str {
    let names: Vec<&str> = security
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|r| r.keys().map(String::as_str))
        .collect();
    let optional =
        security.as_array().is_some_and(|r| r.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty())));
    match (names.contains(&"apiKey"), names.contains(&"session"), optional) {
        (true, _, _) => "API key",
        (false, true, false) => "session",
        (false, true, true) => "session, if any",
        _ => "none",
    }
}

fn tool_docs(doc: &Value, base_url: &str) -> Vec<ToolDoc> {
    let mut tools: Vec<ToolDoc> = CATALOGUE
        .iter()
        .map(|tool| {
            let mut entry = tool_doc(doc, base_url, tool.slug, tool.example);
            entry.name = tool.name;
            entry.description = tool.description;
            entry.available = !coming_soon(tool.slug);
            entry
        })
        .collect();
    let mut example = tool_doc(doc, base_url, "example", r#"{"hello":"world"}"#);
    example.name = "Example";
    example.description = "Echoes its input: the quickest way to check that a key works.";
    tools.push(example);
    tools
}

fn tool_doc(doc: &Value, base_url: &str, slug: &'static str, catalogue_example: &str) -> ToolDoc {
    let operation = &doc["paths"][format!("/api/tools/{slug}")]["post"];
    let request_media = &operation["requestBody"]["content"]["application/json"];
    let catalogue_input: Value = serde_json::from_str(catalogue_example).unwrap_or(Value::Null);
    let input = request_media.get("example").cloned().unwrap_or(catalogue_input);
    let answer = operation["responses"]["200"]["content"]["application/json"].get("example");
    let url = format!("{base_url}/api/tools/{slug}");
    ToolDoc {
        slug,
        name: "",
        description: "",
        available: true,
        fields: fields(doc, &request_media["schema"]),
        response: answer.map(|a| serde_json::to_string_pretty(a).unwrap_or_default()),
        snippets: snippets::all(&url, &input),
    }
}

/// The properties of an object schema (following one `$ref`).
fn fields(doc: &Value, schema: &Value) -> Vec<Field> {
    let schema = resolve(doc, schema);
    let required: Vec<&str> =
        schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let properties = schema["properties"].as_object().into_iter().flatten();
    properties
        .map(|(name, property)| Field {
            name: name.clone(),
            kind: kind(doc, property),
            required: required.contains(&name.as_str()),
            description: property["description"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => doc.pointer(pointer).unwrap_or(schema),
        None => schema,
    }
}

/// A short type description: `string`, `integer`, `one of: camel, pascal, …`.
fn kind(doc: &Value, property: &Value) -> String {
    if let Some(alternatives) = property["oneOf"].as_array() {
        let kinds: Vec<String> =
            alternatives.iter().filter(|a| a["type"] != "null").map(|a| kind(doc, a)).collect();
        return kinds.join(" or ");
    }
    let schema = resolve(doc, property);
    if let Some(values) = schema["enum"].as_array() {
        let names: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        return format!("one of: {}", names.join(", "));
    }
    match &schema["type"] {
        Value::String(name) => name.clone(),
        Value::Array(names) => {
            let names: Vec<&str> = names.iter().filter_map(Value::as_str).filter(|n| *n != "null").collect();
            names.join(" or ")
        }
        _ => "any".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_operation_is_listed() {
        let operations: usize =
            DOCUMENT["paths"].as_object().unwrap().values().map(|i| i.as_object().unwrap().len()).sum();
        assert_eq!(ENDPOINTS.len(), operations);
        assert!(ENDPOINTS.iter().any(|e| e.path == "/api/auth/password-reset" && e.auth == "none"));
        assert!(ENDPOINTS.iter().any(|e| e.path == "/api/account" && e.auth == "session"));
    }

    #[test]
    fn tool_fields_come_from_the_input_schema() {
        let tools = tool_docs(&DOCUMENT, "http://h");
        let case = tools.iter().find(|t| t.slug == "case-converter").unwrap();
        let names: Vec<(&str, bool)> = case.fields.iter().map(|f| (f.name.as_str(), f.required)).collect();
        assert_eq!(names, [("text", true), ("to", false)]);
        assert!(case.fields[1].kind.contains("snake"), "{}", case.fields[1].kind);
        assert!(case.response.as_deref().is_some_and(|r| r.contains("xml_http_request_handler")));
    }
}
