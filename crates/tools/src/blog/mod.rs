//! `blog-generator`: a structured blog post (title, meta description, outline, Markdown,
//! sanitized HTML, tags) from a topic, keywords, tone, audience and length.
//!
//! Drafts come from a provider: a language model (the server's business; this crate gives
//! it the prompt, the schema and the check of the answer) or the deterministic
//! [`builtin`] generator. Either way [`Output::finish`] computes slug, HTML and counts.

mod builtin;
mod input;
mod model;
mod output;
mod prompt;
mod render;
mod slug;
mod text;

#[cfg(test)]
mod tests;

pub use input::{Input, Length, Request, Tone, FIELDS, MAX_KEYWORDS};
pub use model::{draft_schema, parse_draft, MAX_MODEL_OUTPUT_BYTES};
pub use output::{Draft, Output, Provider, Section, MAX_META_CHARS, MAX_TITLE_CHARS};
pub use prompt::{messages, Message};
pub use render::{plain_word_count, to_safe_html};
pub use slug::slugify;

use crate::error::ToolError;
use crate::json_input::parse_object;

/// Reads and checks a JSON request body.
pub fn parse_request(body: &[u8]) -> Result<Request, ToolError> {
    Request::parse(parse_object(body, FIELDS)?)
}

/// Writes the post with the built-in generator.
pub fn run(input: Input) -> Result<Output, ToolError> {
    write_builtin(&Request::parse(input)?)
}

/// The built-in generator's post for a checked request. It writes English only.
pub fn write_builtin(request: &Request) -> Result<Output, ToolError> {
    if !request.is_english() {
        return Err(ToolError::invalid(
            "language",
            "the built-in generator writes English (en) only; this server has no language model configured",
        ));
    }
    Ok(Output::finish(builtin::generate(request), Provider::Builtin))
}
