//! The request: what the caller sent, checked and normalised once at the edge.

use serde::{Deserialize, Serialize};

use crate::error::ToolError;

/// Longest keyword, audience and language tag, in characters.
const MAX_KEYWORD_CHARS: usize = 60;
const MAX_AUDIENCE_CHARS: usize = 200;
const MAX_LANGUAGE_CHARS: usize = 35;
/// Most keywords one post covers.
pub const MAX_KEYWORDS: usize = 10;

/// The fields of [`Input`], as named in JSON.
pub const FIELDS: &[&str] = &["topic", "keywords", "tone", "audience", "length", "language"];

/// The body of a `blog-generator` call, as sent.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = BlogGeneratorInput))]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Input {
    /// What the post is about (3 to 300 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 300))]
    pub topic: String,
    /// Up to 10 keywords; each gets a section of its own.
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub keywords: Option<Vec<String>>,
    pub tone: Option<Tone>,
    pub audience: Option<String>,
    pub length: Option<Length>,
    pub language: Option<String>,
}

/// The voice of the post.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = BlogTone))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum Tone {
    #[default]
    Professional,
    Casual,
    Technical,
    Friendly,
    Persuasive,
}

/// How long the post should be: short ≈ 400 words, medium ≈ 900, long ≈ 1600.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = BlogLength))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum Length {
    Short,
    #[default]
    Medium,
    Long,
}

impl Length {
    /// Words the post aims for.
    pub fn target_words(self) -> usize {
        match self {
            Self::Short => 400,
            Self::Medium => 900,
            Self::Long => 1600,
        }
    }
}

// Read through a string, so a value of the wrong type is a field error (422), not a
// JSON syntax error as serde_json reports for enums.
impl TryFrom<String> for Tone {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        let tones = [Self::Professional, Self::Casual, Self::Technical, Self::Friendly, Self::Persuasive];
        let names = ["professional", "casual", "technical", "friendly", "persuasive"];
        one_of(&name, &names).map(|i| tones[i])
    }
}

impl TryFrom<String> for Length {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        one_of(&name, &["short", "medium", "long"]).map(|i| [Self::Short, Self::Medium, Self::Long][i])
    }
}

/// The index of `name` in `names`, or serde-style "unknown …, expected one of …".
fn one_of(name: &str, names: &[&str]) -> Result<usize, String> {
    names.iter().position(|n| *n == name).ok_or_else(|| {
        let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        format!("unknown value `{name}`, expected one of {}", listed.join(", "))
    })
}

/// A checked request: trimmed texts within their limits, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub topic: String,
    /// Distinct (ignoring case), in the order given.
    pub keywords: Vec<String>,
    pub tone: Tone,
    pub audience: Option<String>,
    pub length: Length,
    /// A BCP 47 language tag such as `en` or `pt-BR`.
    pub language: String,
}

impl Request {
    /// Checks `input`, naming the first field that does not fit.
    pub fn parse(input: Input) -> Result<Self, ToolError> {
        let topic = collapse_spaces(&input.topic);
        if !(3..=300).contains(&topic.chars().count()) {
            return Err(ToolError::invalid("topic", "`topic` must be 3 to 300 characters long"));
        }
        let audience = input.audience.map(|a| collapse_spaces(&a)).filter(|a| !a.is_empty());
        if audience.as_ref().is_some_and(|a| a.chars().count() > MAX_AUDIENCE_CHARS) {
            return Err(ToolError::invalid("audience", "`audience` must be at most 200 characters long"));
        }
        Ok(Self {
            topic,
            keywords: parse_keywords(input.keywords.unwrap_or_default())?,
            tone: input.tone.unwrap_or_default(),
            audience,
            length: input.length.unwrap_or_default(),
            language: parse_language(input.language)?,
        })
    }

    /// True when the post is to be written in English.
    pub fn is_english(&self) -> bool {
        let primary = self.language.split('-').next().unwrap_or_default();
        primary.eq_ignore_ascii_case("en")
    }
}

fn parse_keywords(raw: Vec<String>) -> Result<Vec<String>, ToolError> {
    if raw.len() > MAX_KEYWORDS {
        return Err(ToolError::invalid("keywords", "`keywords` may list at most 10 keywords"));
    }
    let mut keywords: Vec<String> = Vec::with_capacity(raw.len());
    for keyword in raw {
        let keyword = collapse_spaces(&keyword);
        if keyword.is_empty() || keyword.chars().count() > MAX_KEYWORD_CHARS {
            return Err(ToolError::invalid("keywords", "each keyword must be 1 to 60 characters long"));
        }
        if !keywords.iter().any(|k| k.to_lowercase() == keyword.to_lowercase()) {
            keywords.push(keyword);
        }
    }
    Ok(keywords)
}

fn parse_language(raw: Option<String>) -> Result<String, ToolError> {
    let tag = raw.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).unwrap_or_else(|| "en".into());
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok = parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !primary_ok || !rest_ok || tag.len() > MAX_LANGUAGE_CHARS {
        return Err(ToolError::invalid(
            "language",
            "`language` must be a language tag such as en, de or pt-BR",
        ));
    }
    Ok(tag)
}

/// Trims and turns every run of whitespace and control characters into one space.
fn collapse_spaces(text: &str) -> String {
    let visible: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}
