//! One documented path per tool, `POST /api/tools/{its slug}`, with its input and output
//! schemas (derived from the tools crate's types) and a real example: the catalogue's
//! example input and what the tool answers to it.
//!
//! To document a tool: add it to [`documented_tools`]. Catalogue tools that are not
//! listed there are covered only by the generic `POST /api/tools/{slug}`.

use serde_json::{json, Value};
use toolshub_tools::catalogue::{self, ToolInfo};
use toolshub_tools::{blog, case_converter, hex_rgba, image_resizer, og, word_counter};
use utoipa::openapi::path::{HttpMethod, OperationBuilder};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{
    ContentBuilder, HeaderBuilder, OpenApi, Ref, RefOr, Required, ResponseBuilder, Schema,
};
use utoipa::{Modify, ToSchema};

use super::errors::error_response;

/// What the document says about one tool.
pub struct ToolSchema {
    pub slug: &'static str,
    input: RefOr<Schema>,
    output: RefOr<Schema>,
    /// Named schemas the input and output refer to.
    components: Vec<(String, RefOr<Schema>)>,
    /// For tools that answer an image: the media types sent raw for `Accept: image/*`.
    image_types: &'static [&'static str],
}

impl ToolSchema {
    /// A tool whose input and output are Rust types with derived schemas.
    fn typed<I: ToSchema, O: ToSchema>(slug: &'static str) -> Self {
        let mut components = Vec::new();
        I::schemas(&mut components);
        O::schemas(&mut components);
        components.push((I::name().into_owned(), I::schema()));
        components.push((O::name().into_owned(), O::schema()));
        let input = Ref::from_schema_name(I::name()).into();
        let output = Ref::from_schema_name(O::name()).into();
        Self { slug, input, output, components, image_types: &[] }
    }

    /// A tool that answers an image: in the envelope as metadata and base64, with the
    /// `extra` string fields; or raw bytes for `Accept: image/*`.
    fn image<I: ToSchema>(
        slug: &'static str,
        image_types: &'static [&'static str],
        extra: &[(&str, &str)],
    ) -> Self {
        let mut components = Vec::new();
        I::schemas(&mut components);
        components.push((I::name().into_owned(), I::schema()));
        let input = Ref::from_schema_name(I::name()).into();
        let number = |description: &str| {
            ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)).description(Some(description))
        };
        let text =
            |description: &str| ObjectBuilder::new().schema_type(Type::String).description(Some(description));
        let mut output = ObjectBuilder::new()
            .property("format", text("`png`, `jpeg` or `webp`."))
            .property("width", number("Pixels."))
            .property("height", number("Pixels."))
            .property("bytes", number("Size of the encoded image."))
            .property("image", text("The encoded image, base64."));
        for field in ["format", "width", "height", "bytes", "image"] {
            output = output.required(field);
        }
        for (name, description) in extra {
            let nullable = ObjectBuilder::new()
                .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                .description(Some(*description));
            output = output.property(*name, nullable).required(*name);
        }
        Self { slug, input, output: output.into(), components, image_types }
    }

    /// The seed's `example` tool: any JSON in, echoed back.
    fn example() -> Self {
        let any = || ObjectBuilder::new().schema_type(SchemaType::AnyValue);
        let any_object =
            any().description(Some("Any JSON value (an empty body is `{}`); it is echoed back."));
        let output = ObjectBuilder::new()
            .property("echo", any())
            .required("echo")
            .property("message", ObjectBuilder::new().schema_type(Type::String))
            .required("message");
        let components = Vec::new();
        Self {
            slug: "example",
            input: any_object.into(),
            output: output.into(),
            components,
            image_types: &[],
        }
    }
}

/// The tools with a path of their own. To add one: derive the schema of its input and
/// output types behind the tools crate's `openapi` feature
/// (`#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]`, with
/// `schema(as = SlugInput)` for a unique name) and add a `ToolSchema::typed` line here.
pub fn documented_tools() -> Vec<ToolSchema> {
    vec![
        ToolSchema::typed::<case_converter::Input, case_converter::Output>("case-converter"),
        ToolSchema::typed::<word_counter::Input, word_counter::Output>("word-counter"),
        ToolSchema::typed::<hex_rgba::Input, hex_rgba::Output>("hex-rgba-converter"),
        ToolSchema::typed::<blog::Input, blog::Output>("blog-generator"),
        ToolSchema::image::<image_resizer::Fields>(
            "image-resizer",
            &["image/jpeg", "image/png", "image/webp"],
            &[],
        ),
        ToolSchema::image::<og::Input>(
            "og-generator",
            &["image/png"],
            &[
                ("url", "Public signed GET URL of the image for `og:image` (null for anonymous callers)."),
                (
                    "metaTag",
                    "The ready-made `<meta property=\"og:image\">` tag (null for anonymous callers).",
                ),
            ],
        ),
        ToolSchema::example(),
    ]
}

/// The example input of a tool, and the tool's real answer to it when the tool runs
/// without the server (the pure tools of the tools crate, and `example`).
pub fn example_call(slug: &str) -> (Value, Option<Value>) {
    let input_text = catalogue::find(slug).map_or(r#"{"hello":"world"}"#, |tool| tool.example);
    let input: Value = serde_json::from_str(input_text).expect("catalogue examples are JSON");
    let result = match toolshub_tools::run_json(slug, input_text.as_bytes()) {
        Some(Ok(raw)) => serde_json::from_str(raw.get()).expect("tool output is JSON"),
        _ if slug == "example" => {
            json!({"echo": input, "message": "Your API key works. Try /api/tools/case-converter next."})
        }
        _ => return (input, None),
    };
    let rate_limit = json!({"remaining": 199, "resetTime": 1796402760});
    (input, Some(json!({"tool": slug, "result": result, "rateLimit": rate_limit})))
}

/// Adds `POST /api/tools/{slug}` for each of [`documented_tools`].
pub struct ToolPaths;

impl Modify for ToolPaths {
    fn modify(&self, openapi: &mut OpenApi) {
        for tool in documented_tools() {
            let components = openapi.components.get_or_insert_with(Default::default);
            components.schemas.extend(tool.components.clone());
            let operation = operation(&tool, catalogue::find(tool.slug));
            let path = format!("/api/tools/{}", tool.slug);
            openapi.paths.add_path_operation(path, vec![HttpMethod::Post], operation);
        }
    }
}

fn operation(tool: &ToolSchema, info: Option<&ToolInfo>) -> utoipa::openapi::path::Operation {
    let (input, answer) = example_call(tool.slug);
    let (summary, description) = match info {
        Some(info) => (info.name, info.description),
        None => ("Example", "Echoes its input: handy to check that a key works. Metered like every tool."),
    };
    let request = RequestBodyBuilder::new()
        .content(
            "application/json",
            ContentBuilder::new().schema(Some(tool.input.clone())).example(Some(input)).build(),
        )
        .required(Some(Required::True))
        .build();
    let mut ok =
        ResponseBuilder::new().description("The tool's result, with the caller's remaining quota.").content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(envelope(tool.slug, tool.output.clone())))
                .example(answer)
                .build(),
        );
    for media_type in tool.image_types {
        let bytes = ObjectBuilder::new()
            .schema_type(Type::String)
            .content_media_type(*media_type)
            .description(Some("The image itself, for `Accept: image/*`."));
        ok = ok.content(*media_type, ContentBuilder::new().schema(Some(bytes)).build());
    }
    let limited = match error_response("`rate_limited`: the account's per-minute limit is used up.") {
        RefOr::T(response) => response,
        RefOr::Ref(_) => unreachable!("error_response builds a response"),
    };
    let mut limited = ResponseBuilder::from(limited);
    let mut ok_with_headers = ok;
    for (name, description) in RATE_LIMIT_HEADERS {
        ok_with_headers = ok_with_headers.header(name, header(description));
        limited = limited.header(name, header(description));
    }
    limited = limited.header("retry-after", header("Seconds until the window resets."));
    OperationBuilder::new()
        .tag("tools")
        .summary(Some(summary))
        .description(Some(description))
        .operation_id(Some(format!("tool_{}", tool.slug.replace('-', "_"))))
        .request_body(Some(request))
        .response("200", ok_with_headers.build())
        .response("429", limited.build())
        .securities(Some([
            SecurityRequirement::new("apiKey", Vec::<String>::new()),
            SecurityRequirement::new("session", Vec::<String>::new()),
        ]))
        .build()
}

/// `{tool, result, rateLimit}` with this tool's result.
fn envelope(slug: &'static str, result: RefOr<Schema>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .property("tool", ObjectBuilder::new().schema_type(Type::String).enum_values(Some([slug])))
        .required("tool")
        .property("result", result)
        .required("result")
        .property("rateLimit", Ref::from_schema_name("RateLimit"))
        .required("rateLimit")
        .into()
}

/// The headers of every metered answer (200 and 429).
pub const RATE_LIMIT_HEADERS: [(&str, &str); 5] = [
    ("x-ratelimit-limit", "Requests per minute on the account's plan."),
    ("x-ratelimit-remaining", "Requests left in the current window."),
    ("x-ratelimit-reset", "Unix seconds when the window resets."),
    ("ratelimit-policy", "IETF draft: `\"free\";q=200;w=60` (plan, quota, window seconds)."),
    ("ratelimit", "IETF draft: `\"free\";r=199;t=42` (remaining, seconds to reset)."),
];

fn header(description: &str) -> utoipa::openapi::header::Header {
    HeaderBuilder::new()
        .schema(ObjectBuilder::new().schema_type(Type::String))
        .description(Some(description))
        .build()
}
