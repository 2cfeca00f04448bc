//! The one error type every tool returns.

use thiserror::Error;

/// Largest text a text tool accepts, in UTF-8 bytes (1 MiB).
pub const MAX_TEXT_BYTES: usize = 1_048_576;

/// Why a tool refused its input. Messages say what would have been accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ToolError {
    /// A well-formed request with a bad value (HTTP 422).
    #[error("invalid `{field}`: {message}")]
    InvalidInput { field: &'static str, message: String },
    /// The input is over a size limit (HTTP 413).
    #[error("{message}")]
    TooLarge { message: String },
    /// The input is not in a format the tool reads (HTTP 415).
    #[error("{message}")]
    UnsupportedMedia { message: String },
    /// The body is not JSON at all (HTTP 400).
    #[error("{message}")]
    MalformedJson { message: String },
}

impl ToolError {
    /// Shorthand for [`ToolError::InvalidInput`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidInput { field, message: message.into() }
    }
}

/// Refuses text over [`MAX_TEXT_BYTES`], naming the field.
pub fn ensure_text_size(field: &'static str, text: &str) -> Result<(), ToolError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(ToolError::TooLarge {
            message: format!(
                "`{field}` is {} bytes; at most {MAX_TEXT_BYTES} bytes (1 MiB) are accepted",
                text.len()
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_at_the_limit_is_accepted() {
        assert_eq!(ensure_text_size("text", &"a".repeat(MAX_TEXT_BYTES)), Ok(()));
    }

    #[test]
    fn text_over_the_limit_is_too_large() {
        let error = ensure_text_size("text", &"a".repeat(MAX_TEXT_BYTES + 1)).unwrap_err();
        assert!(matches!(error, ToolError::TooLarge { ref message } if message.contains("1 MiB")));
    }
}
