//! What a generator writes ([`Draft`]) and what the caller gets ([`Output`]): the draft
//! plus what we compute ourselves (slug, sanitized HTML, word count, reading time).

use serde::{Deserialize, Serialize};

use super::render::{plain_word_count, to_safe_html};
use super::slug::slugify;
use super::text::clip;
use crate::word_counter::READING_WORDS_PER_MINUTE;

/// Longest title and meta description, in characters.
pub const MAX_TITLE_CHARS: usize = 70;
pub const MAX_META_CHARS: usize = 160;
/// Most tags one post carries.
pub const MAX_TAGS: usize = 10;

/// Who wrote the draft.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = BlogProvider))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// A language model behind an OpenAI-compatible API.
    Llm,
    /// The deterministic built-in generator.
    Builtin,
}

/// One heading of the outline and the points under it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = BlogSection))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub points: Vec<String>,
}

/// A post as a generator writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub meta_description: String,
    pub outline: Vec<Section>,
    pub markdown: String,
    pub tags: Vec<String>,
}

/// The answer of a `blog-generator` call.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = BlogGeneratorOutput))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Output {
    pub title: String,
    /// ASCII kebab-case, from the title.
    pub slug: String,
    pub meta_description: String,
    pub outline: Vec<Section>,
    pub markdown: String,
    /// The Markdown rendered and sanitized: no scripts, event handlers or `javascript:` URLs.
    pub html: String,
    pub tags: Vec<String>,
    pub word_count: usize,
    pub reading_time_seconds: usize,
    pub provider: Provider,
}

impl Output {
    /// Completes `draft`: lengths enforced, slug, HTML and counts computed here.
    pub fn finish(draft: Draft, provider: Provider) -> Self {
        let title = clip(&draft.title, MAX_TITLE_CHARS);
        let word_count = plain_word_count(&draft.markdown);
        Self {
            slug: slugify(&title),
            meta_description: clip(&draft.meta_description, MAX_META_CHARS),
            html: to_safe_html(&draft.markdown),
            tags: draft.tags.into_iter().take(MAX_TAGS).collect(),
            reading_time_seconds: (word_count * 60).div_ceil(READING_WORDS_PER_MINUTE),
            word_count,
            title,
            outline: draft.outline,
            markdown: draft.markdown,
            provider,
        }
    }
}
