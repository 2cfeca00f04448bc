//! `POST /api/tools/image-resizer`: reads the image and options from a multipart form
//! (`file` + fields) or JSON (base64 `image` + fields) and resizes on the CPU pool.

use std::convert::Infallible;

use axum::body::Bytes;
use axum::http::StatusCode;
use base64::Engine;
use serde_json::Map;
use toolshub_tools::image_resizer::{self, Fields, Options, Resized, FIELDS, MAX_INPUT_BYTES};
use toolshub_tools::ToolError;

use super::output::{ImageOutput, ToolOutput};
use super::request::{unsupported_media_type, ToolRequest};
use super::tools::tool_error;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Largest body: a 10 MiB image in base64 (4/3 larger) plus the other fields.
pub const MAX_BODY_BYTES: usize = MAX_INPUT_BYTES / 3 * 4 + 512 * 1024;

/// Largest text field of a form.
const MAX_TEXT_FIELD_BYTES: u64 = 1024;

/// Resizes the request's image.
pub async fn run(state: &AppState, request: ToolRequest) -> ApiResult<ToolOutput> {
    let input = read_input(request).await?;
    // Parsing a large JSON body and its base64 is CPU work too: it runs on the pool.
    let resized = state.cpu_pool.run(move || resize(input)).await??;
    Ok(ToolOutput::Image(ImageOutput {
        format: resized.format.name(),
        width: resized.width,
        height: resized.height,
        bytes: resized.bytes.into(),
        extra: Map::new(),
    }))
}

/// The image and options, or a JSON body still to be parsed.
enum Input {
    Form(Bytes, Fields),
    Json(Bytes),
}

fn resize(input: Input) -> ApiResult<Resized> {
    let (image, fields) = match input {
        Input::Form(image, fields) => (image, fields),
        Input::Json(body) => read_json(&body)?,
    };
    let options = Options::try_from(&fields).map_err(tool_error)?;
    image_resizer::resize(&image, &options).map_err(tool_error)
}

async fn read_input(request: ToolRequest) -> ApiResult<Input> {
    if request.content_type.starts_with("multipart/form-data") {
        let (image, fields) = read_form(request).await?;
        return Ok(Input::Form(image, fields));
    }
    if request.content_type.starts_with("application/json") {
        return Ok(Input::Json(request.body));
    }
    Err(unsupported_media_type(
        "Send the image as multipart/form-data (a `file` part) or as JSON with a base64 `image`.",
    ))
}

fn read_json(body: &[u8]) -> ApiResult<(Bytes, Fields)> {
    let mut fields: Fields = toolshub_tools::parse_object(body, FIELDS).map_err(tool_error)?;
    let text =
        fields.image.take().ok_or_else(|| missing_image("`image` is required (the image in base64)"))?;
    let encoded = strip_data_url(text.trim());
    if encoded.len() / 4 * 3 > MAX_INPUT_BYTES + 3 {
        image_resizer::ensure_input_size(encoded.len() / 4 * 3).map_err(tool_error)?;
    }
    let image = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|e| tool_error(ToolError::invalid("image", format!("`image` is not valid base64: {e}"))))?;
    image_resizer::ensure_input_size(image.len()).map_err(tool_error)?;
    Ok((image.into(), fields))
}

/// `data:image/png;base64,AAAA` → `AAAA`.
fn strip_data_url(text: &str) -> &str {
    match (text.starts_with("data:"), text.find(',')) {
        (true, Some(comma)) => &text[comma + 1..],
        _ => text,
    }
}

async fn read_form(request: ToolRequest) -> ApiResult<(Bytes, Fields)> {
    let boundary = multer::parse_boundary(&request.content_type)
        .map_err(|_| ApiError::bad_request("invalid_body", "The multipart body has no boundary."))?;
    let stream = futures_util::stream::once(async move { Ok::<_, Infallible>(request.body) });
    let limits = multer::SizeLimit::new()
        .for_field("file", MAX_INPUT_BYTES as u64)
        .for_field("image", MAX_INPUT_BYTES as u64)
        .per_field(MAX_TEXT_FIELD_BYTES);
    let mut form =
        multer::Multipart::with_constraints(stream, boundary, multer::Constraints::new().size_limit(limits));
    let (mut image, mut fields) = (None, Fields::default());
    while let Some(field) = form.next_field().await.map_err(form_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" | "image" => image = Some(field.bytes().await.map_err(form_error)?),
            _ => {
                let text = field.text().await.map_err(form_error)?;
                fields.set_text(&name, &text).map_err(tool_error)?;
            }
        }
    }
    let image = image.ok_or_else(|| missing_image("the form needs a `file` part with the image"))?;
    Ok((image, fields))
}

fn form_error(error: multer::Error) -> ApiError {
    match error {
        multer::Error::FieldSizeExceeded { field_name, .. } => match field_name.as_deref() {
            Some("file" | "image") => tool_error(ToolError::TooLarge {
                message: format!("the image is over {MAX_INPUT_BYTES} bytes (10 MiB)"),
            }),
            name => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_input",
                format!("form field `{}` is over {MAX_TEXT_FIELD_BYTES} bytes", name.unwrap_or_default()),
            ),
        },
        other => {
            ApiError::bad_request("invalid_body", format!("The multipart body could not be read: {other}"))
        }
    }
}

fn missing_image(message: &str) -> ApiError {
    tool_error(ToolError::invalid("image", message))
}
