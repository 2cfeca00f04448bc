//! The OpenAPI document: it parses, every `$ref` resolves, every API route of the router is
//! documented (and nothing else), and each tool's example is the tool's real answer.

use std::collections::BTreeSet;
use std::path::Path;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{browser, call_tool, Backend, TestApp};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

async fn document(app: &TestApp) -> Value {
    let response = app.get(&app.client, "/api/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    response.json().await.expect("the document is JSON")
}

/// `(METHOD, path)` of every operation in the document.
fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths");
    let mut found = BTreeSet::new();
    for (path, item) in paths {
        for method in METHODS.iter().filter(|m| item.get(**m).is_some()) {
            found.insert((method.to_uppercase(), path.clone()));
        }
    }
    found
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_every_reference_resolves() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let doc = document(&app).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{}", doc["openapi"]);
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["apiKey"]["scheme"], "bearer");
    assert_eq!(
        (schemes["session"]["in"].as_str(), schemes["session"]["name"].as_str()),
        (Some("cookie"), Some("toolshub_session"))
    );
    assert_refs_resolve(&doc, &doc);
    let mut operation_ids = BTreeSet::new();
    for (method, path) in operations(&doc) {
        let operation = &doc["paths"][&path][method.to_lowercase()];
        let id =
            operation["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no operationId"));
        assert!(operation_ids.insert(id.to_owned()), "operationId {id} is used twice");
        assert!(operation["tags"].as_array().is_some_and(|t| !t.is_empty()), "{method} {path} has no tag");
        assert!(
            operation["responses"].as_object().is_some_and(|r| r.keys().any(|s| s.starts_with('2'))),
            "{method} {path}"
        );
    }
    let tool = &doc["paths"]["/api/tools/case-converter"]["post"];
    let headers = tool["responses"]["200"]["headers"].as_object().unwrap();
    for name in
        ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "ratelimit-policy", "ratelimit"]
    {
        assert!(headers.contains_key(name), "{name}");
    }
    assert!(tool["responses"]["429"]["headers"].get("retry-after").is_some());
    assert_eq!(tool["security"], json!([{"apiKey": []}, {"session": []}]));
    let errors = &doc["components"]["schemas"]["Error"];
    assert_eq!(errors["required"], json!(["error"]));
}

fn assert_refs_resolve(doc: &Value, node: &Value) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                let pointer = target.strip_prefix('#').expect("local reference");
                assert!(doc.pointer(pointer).is_some(), "unresolved {target}");
            }
            map.values().for_each(|v| assert_refs_resolve(doc, v));
        }
        Value::Array(items) => items.iter().for_each(|v| assert_refs_resolve(doc, v)),
        _ => {}
    }
}

/// Routes of the HTTP API (not the HTML pages) declared with `.route("PATH", METHOD(…))`
/// anywhere in the server's source, which is how every route is added (full paths, no
/// `nest`; see docs/decisions.md).
fn api_routes_in_source() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                routes.extend(routes_in(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    routes.into_iter().filter(|(_, path)| is_api(path)).collect()
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/og/")
        || ["/healthz", "/readyz", "/metrics"].contains(&path)
}

/// `(METHOD, path)` for each `.route("path", get(…).post(…))` in `source`.
fn routes_in(source: &str) -> Vec<(String, String)> {
    let mut routes = Vec::new();
    for call in source.split(".route(").skip(1) {
        let Some(rest) = call.trim_start().strip_prefix('"') else { continue };
        let Some((path, handlers)) = rest.split_once('"') else { continue };
        let handlers = up_to_closing_paren(handlers);
        for method in METHODS {
            let needle = format!("{method}(");
            let used = handlers.match_indices(&needle).any(|(at, _)| {
                !handlers[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
            });
            if used {
                routes.push((method.to_uppercase(), path.to_owned()));
            }
        }
    }
    routes
}

fn up_to_closing_paren(text: &str) -> &str {
    let mut depth = 1;
    for (at, c) in text.char_indices() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth == 0 {
            return &text[..at];
        }
    }
    text
}

#[tokio::test]
async fn every_route_is_documented_and_every_operation_exists() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let doc = document(&app).await;
    let documented = operations(&doc);
    let routes = api_routes_in_source();
    assert!(routes.contains(&("POST".into(), "/api/auth/password-reset".into())), "{routes:?}");
    let missing: Vec<_> = routes.iter().filter(|r| !documented.contains(*r)).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document (add #[utoipa::path] and list the handler in \
         src/openapi/mod.rs): {missing:?}"
    );
    for (method, path) in &documented {
        let concrete =
            path.replace("{id}", "00000000-0000-0000-0000-000000000000").replace("{slug}", "example");
        let request = browser().request(method.parse().unwrap(), app.url(&concrete));
        let response = request.send().await.unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        let unrouted = status == StatusCode::METHOD_NOT_ALLOWED || body.contains("No route for");
        assert!(!unrouted, "{method} {path} is documented but not served: {status} {body}");
        let is_tool = path.starts_with("/api/tools/");
        assert!(
            is_tool || routes.contains(&(method.clone(), path.clone())),
            "{method} {path} not found in the source"
        );
    }
}

#[tokio::test]
async fn each_tool_example_is_the_tools_real_answer() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else { return };
    let doc = document(&app).await;
    app.signup(&app.client, "ada@example.com").await;
    let key = app.create_key(&app.client, "docs").await["key"].as_str().unwrap().to_owned();
    let tools: Vec<&str> =
        doc["paths"].as_object().unwrap().keys().filter_map(|p| p.strip_prefix("/api/tools/")).collect();
    for slug in ["case-converter", "word-counter", "hex-rgba-converter", "example"] {
        assert!(tools.contains(&slug), "{slug} has no path of its own");
        let operation = &doc["paths"][format!("/api/tools/{slug}")]["post"];
        let input = operation["requestBody"]["content"]["application/json"]["example"].clone();
        let answer = &operation["responses"]["200"]["content"]["application/json"]["example"];
        let response = call_tool(&app, &key, slug, input).await;
        assert_eq!(response.status(), StatusCode::OK, "{slug}");
        for header in operation["responses"]["200"]["headers"].as_object().unwrap().keys() {
            assert!(response.headers().contains_key(header.as_str()), "{slug} answers without {header}");
        }
        let body: Value = response.json().await.unwrap();
        assert_eq!((&body["tool"], &body["result"]), (&answer["tool"], &answer["result"]), "{slug}");
    }
}
