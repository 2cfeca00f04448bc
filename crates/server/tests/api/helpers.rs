//! Test harness: a real server on port 0 over a fresh database of either backend.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use redis::AsyncCommands;
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use sqlx::{Connection, Executor, PgConnection};
use toolshub::config::Settings;
use toolshub::startup::Application;
use toolshub::state::AppState;
use toolshub::store::Store;

pub const APP_ORIGIN: &str = "http://localhost:3000";
pub const PASSWORD: &str = "correct horse battery";

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

fn services_required() -> bool {
    std::env::var("TOOLSHUB_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// A database that exists for one test and is removed afterwards.
pub struct TestDb {
    pub url: String,
    _sqlite_dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// A fresh database, or None (after saying why) when PostgreSQL is unreachable and
    /// `TOOLSHUB_REQUIRE_SERVICES` is not 1.
    pub async fn create(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/toolshub.db", dir.path().display());
                Some(Self { url, _sqlite_dir: Some(dir), postgres: None })
            }
            Backend::Postgres => Self::create_postgres().await,
        }
    }

    async fn create_postgres() -> Option<Self> {
        let admin_url = std::env::var("TOOLSHUB_TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let mut admin = match PgConnection::connect(&admin_url).await {
            Ok(conn) => conn,
            Err(e) if !services_required() => {
                eprintln!("skipping PostgreSQL test: cannot connect to {admin_url}: {e}");
                return None;
            }
            Err(e) => {
                panic!("PostgreSQL required (TOOLSHUB_REQUIRE_SERVICES=1) but unreachable: {e}")
            }
        };
        let name = format!("toolshub_test_{}", uuid::Uuid::new_v4().simple());
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create database");
        let mut url = url::Url::parse(&admin_url).expect("database url");
        url.set_path(&name);
        Some(Self { url: url.to_string(), _sqlite_dir: None, postgres: Some((admin_url, name)) })
    }

    pub async fn store(&self) -> Store {
        let store = Store::connect(&self.url).await.expect("connect");
        store.migrate().await.expect("migrate");
        store
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        let dropper = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                let mut admin = PgConnection::connect(&admin_url).await?;
                admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await?;
                Ok::<_, sqlx::Error>(())
            })
        });
        if let Ok(Err(e)) = dropper.join() {
            eprintln!("could not drop test database: {e}");
        }
    }
}

/// A running server and a cookie-keeping client ("a browser").
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: Client,
    pub store: Store,
    pub state: AppState,
    vars: HashMap<String, String>,
    _db: Arc<TestDb>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<Self> {
        Self::spawn_with(backend, &[]).await
    }

    /// Starts a server with extra environment settings.
    pub async fn spawn_with(backend: Backend, extra: &[(&str, &str)]) -> Option<Self> {
        let db = Arc::new(TestDb::create(backend).await?);
        let mut vars: HashMap<String, String> =
            [("DATABASE_URL", db.url.as_str()), ("PORT", "0"), ("APP_URL", APP_ORIGIN)]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
        vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Some(Self::start(vars, db).await)
    }

    /// Starts a server over PostgreSQL and Redis (own database, own Redis key prefix),
    /// or None when either is unavailable and not required.
    pub async fn spawn_with_redis(backend: Backend, extra: &[(&str, &str)]) -> Option<Self> {
        let redis = redis_url().await?;
        let prefix = format!("test{}:", uuid::Uuid::new_v4().simple());
        let mut vars = vec![("REDIS_URL", redis.as_str()), ("REDIS_KEY_PREFIX", prefix.as_str())];
        vars.extend_from_slice(extra);
        Self::spawn_with(backend, &vars).await
    }

    /// Another instance of the same service: same database, same settings (and Redis).
    pub async fn another_instance(&self) -> Self {
        Self::start(self.vars.clone(), self._db.clone()).await
    }

    async fn start(vars: HashMap<String, String>, db: Arc<TestDb>) -> Self {
        let settings = Settings::from_vars(&vars).expect("test settings");
        let app = Application::build(settings).await.expect("application starts");
        let addr = app.local_addr();
        let state = app.state().clone();
        tokio::spawn(app.run_until(std::future::pending()));
        Self { addr, client: browser(), store: state.store.clone(), state, vars, _db: db }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn post(&self, client: &Client, path: &str, body: Value) -> Response {
        client.post(self.url(path)).json(&body).send().await.expect("request")
    }

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn delete(&self, client: &Client, path: &str) -> Response {
        client.delete(self.url(path)).send().await.expect("request")
    }

    /// Signs up `email` in `client`, asserting success.
    pub async fn signup(&self, client: &Client, email: &str) -> Value {
        let response =
            self.post(client, "/api/auth/signup", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    }

    pub async fn login(&self, client: &Client, email: &str, password: &str) -> Response {
        self.post(client, "/api/auth/login", json!({"email": email, "password": password})).await
    }

    /// Creates a key in `client`'s account and returns the creation body.
    pub async fn create_key(&self, client: &Client, label: &str) -> Value {
        let response = self.post(client, "/api/account/api-keys", json!({ "label": label })).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    }
}

/// The Redis server for tests, or None (after saying why) when it is unreachable and
/// `TOOLSHUB_REQUIRE_SERVICES` is not 1.
pub async fn redis_url() -> Option<String> {
    let url = std::env::var("TOOLSHUB_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let reachable = match redis::Client::open(url.as_str()) {
        Ok(client) => {
            let ping = async { client.get_multiplexed_async_connection().await?.ping::<String>().await };
            matches!(tokio::time::timeout(std::time::Duration::from_secs(2), ping).await, Ok(Ok(_)))
        }
        Err(_) => false,
    };
    match (reachable, services_required()) {
        (true, _) => Some(url),
        (false, false) => {
            eprintln!("skipping Redis test: cannot reach {url}");
            None
        }
        (false, true) => panic!("Redis required (TOOLSHUB_REQUIRE_SERVICES=1) but {url} is unreachable"),
    }
}

/// Calls tool `slug` with an API key.
pub async fn call_tool(app: &TestApp, key: &str, slug: &str, input: Value) -> Response {
    let request = app.client.post(app.url(&format!("/api/tools/{slug}"))).bearer_auth(key).json(&input);
    request.send().await.expect("request")
}

/// Waits until the current minute has at least `needed` seconds left, so a burst of
/// requests stays inside one fixed window.
pub async fn wait_for_room_in_minute(needed: u64) {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() % 60;
    if 60 - seconds < needed {
        tokio::time::sleep(std::time::Duration::from_secs(60 - seconds + 1)).await;
    }
}

/// A new HTTP client with its own cookie jar.
pub fn browser() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

/// The `{code}` of an error response, checking the documented shape.
pub async fn error_code(response: Response) -> String {
    let body: Value = response.json().await.expect("error body is JSON");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    body["error"]["code"].as_str().expect("error.code").to_owned()
}

/// Declares each listed `async fn name(backend)` as a test on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::$name($crate::helpers::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::$name($crate::helpers::Backend::Postgres).await })*
        }
    };
}
