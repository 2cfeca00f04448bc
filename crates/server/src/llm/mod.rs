//! The blog generator's language model: an OpenAI-compatible chat-completions server
//! (OpenAI, llama.cpp's `llama-server`, Ollama, vLLM…) asked for JSON matching a schema.
//!
//! One call: `POST {LLM_BASE_URL}/chat/completions` with `response_format` `json_schema`
//! (again with `json_object` if the server refuses that with 400/422), one retry after a
//! short pause on 429 or 5xx, and the whole call bounded by `LLM_TIMEOUT_SECONDS`. The
//! answer is checked by the tools crate before anything of it is used.

mod wire;

use std::time::Duration;

use axum::http::{header, StatusCode};
use secrecy::ExposeSecret;
use toolshub_tools::blog::{self, Draft, Request, MAX_MODEL_OUTPUT_BYTES};

use crate::config::{LlmEndpoint, LlmSettings};
use wire::{AnswerFormat, ChatRequest, ChatResponse};

/// Pause before the retry when the server does not say (`Retry-After`) how long.
const RETRY_PAUSE: Duration = Duration::from_millis(500);
/// Longest `Retry-After` honoured; the overall timeout bounds it anyway.
const MAX_RETRY_PAUSE: Duration = Duration::from_secs(10);
/// Largest response body read from the server.
const MAX_RESPONSE_BYTES: usize = 2 * MAX_MODEL_OUTPUT_BYTES;

/// Why no draft came back.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error("the language model did not answer within {0:?}")]
    Timeout(Duration),
    /// The server failed, refused or could not be reached.
    #[error("the language model server failed: {0}")]
    Upstream(String),
    /// The server answered, but not with a usable post.
    #[error("the language model's answer is unusable: {0}")]
    InvalidOutput(String),
}

/// A client for one configured model.
pub struct LlmClient {
    http: reqwest::Client,
    url: String,
    endpoint: LlmEndpoint,
    timeout: Duration,
}

/// What one request brought back.
enum Reply {
    Body(Vec<u8>),
    Status(StatusCode, Option<Duration>),
}

impl LlmClient {
    /// The client for `settings`, or None when no model is configured.
    pub fn from_settings(settings: &LlmSettings) -> anyhow::Result<Option<Self>> {
        let Some(endpoint) = settings.endpoint.clone() else { return Ok(None) };
        let http = reqwest::Client::builder().connect_timeout(Duration::from_secs(10)).build()?;
        let url = format!("{}/chat/completions", endpoint.base_url.as_str().trim_end_matches('/'));
        Ok(Some(Self { http, url, endpoint, timeout: settings.timeout }))
    }

    /// Asks the model for a post on `request`.
    pub async fn draft(&self, request: &Request) -> Result<Draft, LlmError> {
        match tokio::time::timeout(self.timeout, self.draft_with_retry(request)).await {
            Ok(result) => result,
            Err(_) => Err(LlmError::Timeout(self.timeout)),
        }
    }

    async fn draft_with_retry(&self, request: &Request) -> Result<Draft, LlmError> {
        let messages = blog::messages(request);
        let (mut format, mut retried) = (AnswerFormat::Schema, false);
        loop {
            let body =
                ChatRequest::new(&self.endpoint.model, &messages, format, request.length.target_words());
            match self.send(&body).await? {
                Reply::Body(body) => return read_draft(&body),
                Reply::Status(status, pause) if retryable(status) && !retried => {
                    retried = true;
                    tokio::time::sleep(pause.unwrap_or(RETRY_PAUSE).min(MAX_RETRY_PAUSE)).await;
                }
                Reply::Status(StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY, _)
                    if format == AnswerFormat::Schema =>
                {
                    format = AnswerFormat::Object;
                }
                Reply::Status(status, _) => return Err(LlmError::Upstream(format!("it answered {status}"))),
            }
        }
    }

    async fn send(&self, body: &ChatRequest<'_>) -> Result<Reply, LlmError> {
        let body = serde_json::to_vec(body).map_err(|e| LlmError::Upstream(e.to_string()))?;
        let mut request =
            self.http.post(&self.url).header(header::CONTENT_TYPE, "application/json").body(body);
        if let Some(key) = &self.endpoint.api_key {
            request = request.bearer_auth(key.expose_secret());
        }
        let response = request.send().await.map_err(|e| LlmError::Upstream(describe(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Ok(Reply::Status(status, retry_after(&response)));
        }
        read_limited(response).await.map(Reply::Body)
    }
}

fn retryable(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let value = response.headers().get(header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse().ok().map(Duration::from_secs)
}

async fn read_limited(mut response: reqwest::Response) -> Result<Vec<u8>, LlmError> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| LlmError::Upstream(describe(&e)))? {
        if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(LlmError::InvalidOutput(format!("the answer is over {MAX_RESPONSE_BYTES} bytes")));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The draft inside a chat-completions answer, checked.
fn read_draft(body: &[u8]) -> Result<Draft, LlmError> {
    let invalid = LlmError::InvalidOutput;
    let response: ChatResponse =
        serde_json::from_slice(body).map_err(|e| invalid(format!("not a chat-completions answer: {e}")))?;
    let choice = response.choices.into_iter().next().ok_or_else(|| invalid("no choices".into()))?;
    if choice.finish_reason.as_deref() == Some("length") {
        return Err(invalid("the answer was cut off at the token limit".into()));
    }
    let Some(content) = choice.message.content.filter(|c| !c.trim().is_empty()) else {
        let refusal = choice.message.refusal.unwrap_or_else(|| "empty answer".into());
        return Err(invalid(format!("no content ({refusal})")));
    };
    blog::parse_draft(&content).map_err(invalid)
}

/// reqwest's error with its causes (the top level alone says little).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

/// How long the server lets any request run: at least a minute, and always longer than
/// a blog call may wait for its model, so that call can answer 504 itself.
pub fn request_timeout(settings: &LlmSettings) -> Duration {
    (settings.timeout + Duration::from_secs(10)).max(Duration::from_secs(60))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn answer(content: Option<&str>, finish_reason: &str) -> Vec<u8> {
        let message = json!({"role": "assistant", "content": content, "refusal": "I can't"});
        json!({"choices": [{"message": message, "finish_reason": finish_reason}]}).to_string().into_bytes()
    }

    #[test]
    fn unusable_answers_say_why() {
        let cases = [
            (b"<html>".to_vec(), "not a chat-completions answer"),
            (br#"{"choices": []}"#.to_vec(), "no choices"),
            (answer(Some("{}"), "length"), "cut off"),
            (answer(None, "stop"), "I can't"),
            (answer(Some("{\"title\": 1}"), "stop"), "not the requested JSON"),
        ];
        for (body, reason) in cases {
            match read_draft(&body) {
                Err(LlmError::InvalidOutput(message)) => assert!(message.contains(reason), "{message}"),
                other => panic!("{reason}: {other:?}"),
            }
        }
    }

    #[test]
    fn only_rate_limits_and_server_errors_are_retried() {
        assert!(retryable(StatusCode::TOO_MANY_REQUESTS) && retryable(StatusCode::BAD_GATEWAY));
        assert!(!retryable(StatusCode::BAD_REQUEST) && !retryable(StatusCode::UNAUTHORIZED));
    }

    #[test]
    fn the_server_outlasts_the_model_timeout() {
        let settings = |secs| LlmSettings { endpoint: None, timeout: Duration::from_secs(secs) };
        assert_eq!(request_timeout(&settings(60)), Duration::from_secs(70));
        assert_eq!(request_timeout(&settings(1)), Duration::from_secs(60));
    }
}
