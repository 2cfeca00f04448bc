//! The ceiling for the load benchmark: a bare axum handler that answers the same
//! envelope as `POST /api/tools/case-converter`, with no auth, limits or logging.
//! Usage: `bare PORT`.

use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

async fn envelope(Json(input): Json<Value>) -> Json<Value> {
    Json(json!({
        "tool": "case-converter",
        "result": { "to": "camel", "output": input["text"] },
        "rateLimit": { "remaining": 999_999, "resetTime": 1_700_000_000 }
    }))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(3100);
    let app = Router::new().route("/api/tools/{slug}", post(envelope));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    axum::serve(listener, app).await
}
