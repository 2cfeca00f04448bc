//! API key management and isolation between accounts.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{browser, error_code, Backend, TestApp};

crate::on_both_backends!(
    create_list_delete_shows_the_key_once,
    keys_are_isolated_between_users,
    labels_are_validated_and_keys_capped_at_fifty,
);

async fn create_list_delete_shows_the_key_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.signup(&app.client, "ada@example.com").await;
    let created = app.create_key(&app.client, "Production").await;
    let key = created["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("pk_") && key.len() == 35 && key[3..].chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(created["keyHint"].as_str().unwrap(), format!("{}…{}", &key[..7], &key[31..]));

    let default = app.client.post(app.url("/api/account/api-keys")).send().await.unwrap();
    assert_eq!(default.status(), StatusCode::CREATED, "the body is optional");
    assert_eq!(default.json::<Value>().await.unwrap()["label"], "Default");

    let list_response = app.get(&app.client, "/api/account/api-keys").await;
    let text = list_response.text().await.unwrap();
    assert!(!text.contains(&key), "the full key is never listed");
    let list: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(list.len(), 2);
    let listed = list.iter().find(|k| k["id"] == created["id"]).unwrap();
    assert_eq!(
        (&listed["label"], &listed["keyHint"], &listed["lastUsed"]),
        (&json!("Production"), &created["keyHint"], &Value::Null)
    );

    let path = format!("/api/account/api-keys/{}", created["id"].as_str().unwrap());
    assert_eq!(app.delete(&app.client, &path).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.delete(&app.client, &path).await.status(), StatusCode::NOT_FOUND);
    let list: Vec<Value> = app.get(&app.client, "/api/account/api-keys").await.json().await.unwrap();
    assert_eq!(list.len(), 1);
}

async fn keys_are_isolated_between_users(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (ada, bob) = (browser(), browser());
    app.signup(&ada, "ada@example.com").await;
    app.signup(&bob, "bob@example.com").await;
    let adas_key = app.create_key(&ada, "Ada's").await;

    let bobs_list: Vec<Value> = app.get(&bob, "/api/account/api-keys").await.json().await.unwrap();
    assert!(bobs_list.is_empty());
    let path = format!("/api/account/api-keys/{}", adas_key["id"].as_str().unwrap());
    let response = app.delete(&bob, &path).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "another user's key looks like no key");
    assert_eq!(error_code(response).await, "not_found");
    let adas_list: Vec<Value> = app.get(&ada, "/api/account/api-keys").await.json().await.unwrap();
    assert_eq!(adas_list.len(), 1, "Ada's key survived");
    assert_eq!(app.delete(&bob, "/api/account/api-keys/not-a-uuid").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&browser(), "/api/account/api-keys").await.status(), StatusCode::UNAUTHORIZED);
}

async fn labels_are_validated_and_keys_capped_at_fifty(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.signup(&app.client, "ada@example.com").await;
    for bad in
        [json!({"label": ""}), json!({"label": "x".repeat(65)}), json!({"label": 7}), json!({"name": "x"})]
    {
        let response = app.post(&app.client, "/api/account/api-keys", bad.clone()).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let creations =
        (0..52).map(|i| app.post(&app.client, "/api/account/api-keys", json!({"label": format!("k{i}")})));
    let statuses: Vec<StatusCode> =
        futures::future::join_all(creations).await.iter().map(|r| r.status()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 50);
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(), 2);
    let list: Vec<Value> = app.get(&app.client, "/api/account/api-keys").await.json().await.unwrap();
    assert_eq!(list.len(), 50, "concurrent creations never exceed the cap");
}
