//! The catalogue: which tools exist, how they are named, grouped and tried out.

use serde::Serialize;

/// How tools are grouped in the sidebar and in `GET /api/tools`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Text,
    Color,
    Image,
    Content,
}

/// One entry of the catalogue.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize)]
pub struct ToolInfo {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub category: Category,
    /// A JSON input that works as-is, shown in docs and API previews.
    #[serde(serialize_with = "serialize_json_text")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub example: &'static str,
}

fn serialize_json_text<S: serde::Serializer>(text: &&str, s: S) -> Result<S::Ok, S::Error> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
    value.serialize(s)
}

/// Every tool Tools Hub offers, in display order.
pub const CATALOGUE: &[ToolInfo] = &[
    ToolInfo {
        slug: "case-converter",
        name: "Case Converter",
        description: "Convert text between camelCase, snake_case, kebab-case and nine other cases.",
        category: Category::Text,
        example: r#"{"text":"XMLHttpRequest handler","to":"snake"}"#,
    },
    ToolInfo {
        slug: "word-counter",
        name: "Word Counter",
        description: "Count words, characters, sentences and paragraphs; reading time and top keywords.",
        category: Category::Text,
        example: r#"{"text":"The quick brown fox jumps over the lazy dog."}"#,
    },
    ToolInfo {
        slug: "hex-rgba-converter",
        name: "Hex ↔ RGBA Converter",
        description: "Parse any CSS colour and get hex, hex8, rgba and hsl forms.",
        category: Category::Color,
        example: r##"{"color":"#3b82f680"}"##,
    },
    ToolInfo {
        slug: "image-resizer",
        name: "Image Resizer",
        description: "Resize, crop and convert JPEG, PNG and WebP images with Lanczos3 resampling.",
        category: Category::Image,
        example: r#"{"image":"<base64>","width":720,"fit":"cover","format":"webp"}"#,
    },
    ToolInfo {
        slug: "og-generator",
        name: "OG Image Generator",
        description: "Render a 1200×630 Open Graph image from a title and description.",
        category: Category::Image,
        example: r#"{"title":"Ship faster with Tools Hub","description":"Developer tools as an API","theme":"dark"}"#,
    },
    ToolInfo {
        slug: "blog-generator",
        name: "Blog Generator",
        description: "Draft a structured blog post (outline, Markdown, HTML) from a topic and keywords.",
        category: Category::Content,
        example: r#"{"topic":"Rate limiting APIs","keywords":["redis","fixed window"],"tone":"technical","length":"short"}"#,
    },
];

/// Looks a tool up by its slug.
pub fn find(slug: &str) -> Option<&'static ToolInfo> {
    CATALOGUE.iter().find(|tool| tool.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_valid_json_object() {
        for tool in CATALOGUE {
            let value: serde_json::Value = serde_json::from_str(tool.example).unwrap();
            assert!(value.is_object(), "{} example is not an object", tool.slug);
        }
    }

    #[test]
    fn slugs_are_unique_and_findable() {
        for tool in CATALOGUE {
            assert_eq!(find(tool.slug).map(|t| t.name), Some(tool.name));
        }
        assert!(find("nope").is_none());
    }
}
