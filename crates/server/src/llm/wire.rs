//! The OpenAI chat-completions wire format: the parts we send and read.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use toolshub_tools::blog::{draft_schema, Message};

/// How the answer's JSON is requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerFormat {
    /// `response_format: json_schema` (strict): the server constrains the output.
    Schema,
    /// `response_format: json_object`, for servers without schema support.
    Object,
}

impl AnswerFormat {
    fn response_format(self) -> Value {
        match self {
            Self::Schema => json!({
                "type": "json_schema",
                "json_schema": {"name": "blog_post", "strict": true, "schema": draft_schema()},
            }),
            Self::Object => json!({"type": "json_object"}),
        }
    }
}

/// `POST /chat/completions` body.
#[derive(Serialize)]
pub struct ChatRequest<'a> {
    model: &'a str,
    messages: &'a [Message],
    response_format: Value,
    temperature: f32,
    max_tokens: usize,
    stream: bool,
}

impl<'a> ChatRequest<'a> {
    pub fn new(model: &'a str, messages: &'a [Message], format: AnswerFormat, target_words: usize) -> Self {
        Self {
            model,
            messages,
            response_format: format.response_format(),
            temperature: 0.7,
            // About three tokens per word of Markdown and outline, plus the JSON around them.
            max_tokens: target_words * 3 + 1000,
            stream: false,
        }
    }
}

/// The answer; fields we do not use are ignored.
#[derive(Deserialize)]
pub struct ChatResponse {
    pub choices: Vec<Choice>,
}

#[derive(Deserialize)]
pub struct Choice {
    pub message: AssistantMessage,
    pub finish_reason: Option<String>,
}

#[derive(Deserialize)]
pub struct AssistantMessage {
    pub content: Option<String>,
    pub refusal: Option<String>,
}
