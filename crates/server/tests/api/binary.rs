//! The real `toolshub` binary: start-up, configuration errors, admin commands, shutdown,
//! and what it writes to disk.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{browser, PASSWORD};

fn toolshub(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_toolshub"));
    command
        .current_dir(data)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", format!("sqlite://{}/data/toolshub.db", data.display()))
        .env("PORT", "0")
        .env("LOG_FORMAT", "json");
    command
}

/// Starts `toolshub serve` and returns it with its base URL (read from the log).
fn serve(data: &Path) -> (Child, String) {
    let (child, base, _log) = serve_with_log(data);
    (child, base)
}

/// Like `serve`, plus the log lines written after start-up.
fn serve_with_log(data: &Path) -> (Child, String, std::sync::mpsc::Receiver<String>) {
    let mut child = toolshub(data).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("server exited before listening").unwrap();
        let entry: Value = serde_json::from_str(&line).expect("JSON log lines");
        if let Some(address) = entry["address"].as_str() {
            break address.to_owned();
        }
    };
    let (sender, log) = std::sync::mpsc::channel();
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(|line| drop(sender.send(line))));
    (child, format!("http://{address}"), log)
}

fn terminate(child: &mut Child) -> std::process::ExitStatus {
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    child.wait().unwrap()
}

#[tokio::test]
async fn secrets_never_reach_the_database_file_in_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, base) = serve(dir.path());
    let client = browser();
    let signup = client
        .post(format!("{base}/api/auth/signup"))
        .json(&json!({"email": "ada@example.com", "password": PASSWORD}));
    let response = signup.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    let token = cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let created: Value =
        client.post(format!("{base}/api/account/api-keys")).send().await.unwrap().json().await.unwrap();
    let key = created["key"].as_str().unwrap().to_owned();
    assert!(terminate(&mut server).success(), "clean exit on SIGTERM");

    let mut files = 0;
    for entry in std::fs::read_dir(dir.path().join("data")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&key) && !text.contains(&key[3..]), "API key stored in plaintext");
        assert!(!text.contains(&token), "session token stored in plaintext");
        assert!(!text.contains(PASSWORD), "password stored in plaintext");
        files += 1;
    }
    assert!(files >= 1);
    let store =
        toolshub::store::Store::connect(&format!("sqlite://{}/data/toolshub.db", dir.path().display()))
            .await
            .unwrap();
    let owner = store.key_owner(&toolshub::keys::hash(&key)).await.unwrap();
    assert!(owner.is_some(), "the key is findable by its hash");
}

#[tokio::test]
async fn every_request_gets_one_json_access_line_even_with_a_hostile_request_id() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, base, log) = serve_with_log(dir.path());
    let hostile_id = "x\" \\ \"injected\":true";
    let response = browser().get(format!("{base}/healthz")).header("x-request-id", hostile_id).send();
    assert_eq!(response.await.unwrap().status(), StatusCode::OK);
    let access_line = std::iter::from_fn(|| log.recv_timeout(std::time::Duration::from_secs(5)).ok())
        .map(|line| serde_json::from_str::<Value>(&line).expect("every log line is JSON"))
        .find(|entry| entry["message"] == "request")
        .expect("an access line within the flush interval");
    assert_eq!(access_line["request_id"], hostile_id);
    assert_eq!(access_line["route"], "/healthz");
    assert_eq!(access_line["method"], "GET");
    assert_eq!(access_line["status"], 200);
    assert!(access_line["latency_ms"].as_f64().is_some_and(|ms| ms >= 0.0), "{access_line}");
    assert!(access_line.get("injected").is_none());
    assert!(terminate(&mut server).success());
}

#[tokio::test]
async fn shutdown_finishes_in_flight_requests() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, base) = serve(dir.path());
    let signups: Vec<_> = (0..12)
        .map(|i| {
            let request = browser()
                .post(format!("{base}/api/auth/signup"))
                .json(&json!({"email": format!("user{i}@example.com"), "password": PASSWORD}));
            tokio::spawn(request.send())
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let status = tokio::task::spawn_blocking(move || terminate(&mut server)).await.unwrap();
    assert!(status.success());
    for signup in signups {
        assert_eq!(
            signup.await.unwrap().unwrap().status(),
            StatusCode::CREATED,
            "accepted requests complete"
        );
    }
}

#[test]
fn a_bad_setting_stops_start_up_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    for (variable, value) in [("PORT", "abc"), ("DATABASE_URL", "mysql://x"), ("FREE_RATE_LIMIT", "lots")] {
        let output = toolshub(dir.path()).env(variable, value).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with(&format!("toolshub: invalid {variable}: ")), "{stderr}");
    }
}

#[tokio::test]
async fn migrate_and_set_plan_commands() {
    let dir = tempfile::tempdir().unwrap();
    let migrate = toolshub(dir.path()).arg("migrate").output().unwrap();
    assert!(migrate.status.success(), "{migrate:?}");
    assert!(dir.path().join("data/toolshub.db").exists(), "the data folder is created");

    let (mut server, base) = serve(dir.path());
    let client = browser();
    let signup = client
        .post(format!("{base}/api/auth/signup"))
        .json(&json!({"email": "ada@example.com", "password": PASSWORD}));
    assert_eq!(signup.send().await.unwrap().status(), StatusCode::CREATED);

    let set_plan =
        toolshub(dir.path()).args(["user", "set-plan", "Ada@Example.com", "pro"]).output().unwrap();
    assert!(set_plan.status.success(), "{set_plan:?}");
    let account: Value =
        client.get(format!("{base}/api/account")).send().await.unwrap().json().await.unwrap();
    assert_eq!((account["plan"].as_str(), account["rateLimit"].as_i64()), (Some("pro"), Some(2000)));

    let unknown =
        toolshub(dir.path()).args(["user", "set-plan", "nobody@example.com", "pro"]).output().unwrap();
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no account"));
    let bad_plan =
        toolshub(dir.path()).args(["user", "set-plan", "ada@example.com", "gold"]).output().unwrap();
    assert!(!bad_plan.status.success());
    terminate(&mut server);
}
