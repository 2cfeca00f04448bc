//! What a language model must answer: the JSON schema it is given, and the check of what
//! it actually answered before anything of it is used.

use serde::Deserialize;
use serde_json::{json, Value};

use super::output::{Draft, Section, MAX_TAGS};

/// Largest answer accepted from a model, in bytes of JSON.
pub const MAX_MODEL_OUTPUT_BYTES: usize = 256 * 1024;
const MAX_SECTIONS: usize = 30;
const MAX_POINTS: usize = 20;

/// The JSON schema of a model's answer (OpenAI `response_format` `json_schema`, strict).
pub fn draft_schema() -> Value {
    let strings = json!({"type": "array", "items": {"type": "string"}});
    let section = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["heading", "points"],
        "properties": {"heading": {"type": "string"}, "points": strings},
    });
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["title", "metaDescription", "outline", "markdown", "tags"],
        "properties": {
            "title": {"type": "string"},
            "metaDescription": {"type": "string"},
            "outline": {"type": "array", "items": section},
            "markdown": {"type": "string"},
            "tags": strings,
        },
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ModelDraft {
    title: String,
    meta_description: String,
    outline: Vec<Section>,
    markdown: String,
    tags: Vec<String>,
}

/// Reads a model's message content as a [`Draft`], or says why it is unusable.
///
/// A Markdown code fence around the JSON is tolerated; missing or mistyped fields, empty
/// texts and oversized answers are not.
pub fn parse_draft(content: &str) -> Result<Draft, String> {
    if content.len() > MAX_MODEL_OUTPUT_BYTES {
        return Err(format!("the answer is over {MAX_MODEL_OUTPUT_BYTES} bytes"));
    }
    let json = strip_code_fence(content);
    let draft: ModelDraft =
        serde_json::from_str(json).map_err(|e| format!("the answer is not the requested JSON: {e}"))?;
    let nonempty = |name: &str, text: &str| match text.trim().is_empty() {
        true => Err(format!("`{name}` is empty")),
        false => Ok(()),
    };
    nonempty("title", &draft.title)?;
    nonempty("metaDescription", &draft.meta_description)?;
    nonempty("markdown", &draft.markdown)?;
    check_outline(&draft.outline)?;
    Ok(Draft {
        title: draft.title.trim().to_owned(),
        meta_description: draft.meta_description.trim().to_owned(),
        outline: draft.outline,
        markdown: draft.markdown,
        tags: clean_tags(draft.tags),
    })
}

fn check_outline(outline: &[Section]) -> Result<(), String> {
    if outline.is_empty() || outline.len() > MAX_SECTIONS {
        return Err(format!("`outline` must have 1 to {MAX_SECTIONS} sections"));
    }
    for section in outline {
        if section.heading.trim().is_empty() || section.points.len() > MAX_POINTS {
            return Err(format!("each outline section needs a heading and at most {MAX_POINTS} points"));
        }
    }
    Ok(())
}

fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim().to_lowercase();
        if !tag.is_empty() && tag.chars().count() <= 60 && !clean.contains(&tag) {
            clean.push(tag);
        }
    }
    clean.truncate(MAX_TAGS);
    clean
}

/// The JSON inside a leading/trailing ```` ``` ```` fence, else `content` trimmed.
fn strip_code_fence(content: &str) -> &str {
    let trimmed = content.trim();
    let Some(inner) = trimmed.strip_prefix("```") else { return trimmed };
    let inner = inner.strip_suffix("```").unwrap_or(inner);
    let inner = inner.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    inner.trim()
}
