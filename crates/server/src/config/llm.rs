//! Settings of the blog generator's language model (`LLM_*`).

use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use super::{invalid, parse_url, ConfigError, Env};

/// Where the blog generator gets its drafts.
#[derive(Debug, Clone)]
pub struct LlmSettings {
    /// The OpenAI-compatible server; None: the built-in generator.
    pub endpoint: Option<LlmEndpoint>,
    /// The longest a caller waits for the model, retry included (`LLM_TIMEOUT_SECONDS`).
    pub timeout: Duration,
}

/// An OpenAI-compatible chat-completions server and the model to ask.
#[derive(Debug, Clone)]
pub struct LlmEndpoint {
    /// Base URL such as `http://127.0.0.1:11434/v1`; requests go to `{base}/chat/completions`.
    pub base_url: Url,
    pub model: String,
    /// Sent as `Authorization: Bearer …` when set.
    pub api_key: Option<SecretString>,
}

impl Env<'_> {
    pub(super) fn llm(&self) -> Result<LlmSettings, ConfigError> {
        let seconds: u64 = self.parse("LLM_TIMEOUT_SECONDS", "60", "a whole number of seconds")?;
        if !(1..=600).contains(&seconds) {
            return Err(invalid("LLM_TIMEOUT_SECONDS", "must be 1 to 600 seconds".into()));
        }
        let endpoint = match (self.get("LLM_BASE_URL"), self.get("LLM_MODEL")) {
            (None, None) => None,
            (Some(_), None) => {
                return Err(invalid("LLM_MODEL", "is required when LLM_BASE_URL is set".into()))
            }
            (None, Some(_)) => {
                return Err(invalid("LLM_BASE_URL", "is required when LLM_MODEL is set".into()))
            }
            (Some(base), Some(model)) => Some(LlmEndpoint {
                base_url: parse_url("LLM_BASE_URL", base, &["http", "https"])?,
                model: model.to_owned(),
                api_key: self.get("LLM_API_KEY").map(SecretString::from),
            }),
        };
        Ok(LlmSettings { endpoint, timeout: Duration::from_secs(seconds) })
    }
}
