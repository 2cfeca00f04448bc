//! `case-converter`: rewrite text in camelCase, snake_case and ten other cases.

mod case;
mod split;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{ensure_text_size, ToolError};
pub use case::Case;
pub use split::split_words;

/// The fields of [`Input`], as named in JSON.
pub const FIELDS: &[&str] = &["text", "to"];

/// A request: the text, and optionally the one case wanted.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = CaseConverterInput))]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Input {
    /// The text to convert (at most 1 MiB).
    pub text: String,
    /// One of [`Case::ALL`] by name; without it every case is returned.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Case>))]
    pub to: Option<String>,
}

/// The text in the requested case, or in every case.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = CaseConverterOutput))]
#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
pub enum Output {
    One { to: Case, output: String },
    All { outputs: AllCases },
}

/// The text in every case, serialized as an object keyed in [`Case::ALL`] order.
#[derive(Debug, PartialEq)]
pub struct AllCases(pub Vec<(Case, String)>);

impl Serialize for AllCases {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (case, text) in &self.0 {
            map.serialize_entry(case.name(), text)?;
        }
        map.end()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for AllCases {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Type};
        let mut object = ObjectBuilder::new()
            .description(Some("The text in every case, keyed by the case's name."))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)));
        for case in Case::ALL {
            object = object
                .property(case.name(), ObjectBuilder::new().schema_type(Type::String))
                .required(case.name());
        }
        object.into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for AllCases {
    fn name() -> std::borrow::Cow<'static, str> {
        "CaseConverterAllCases".into()
    }
}

/// Converts the text to the requested case, or to all of them.
pub fn run(input: Input) -> Result<Output, ToolError> {
    ensure_text_size("text", &input.text)?;
    match input.to {
        Some(name) => {
            let case: Case = name.parse().map_err(|message| ToolError::invalid("to", message))?;
            let output = case.convert(&input.text);
            Ok(Output::One { to: case, output })
        }
        None => {
            let outputs = Case::ALL.into_iter().map(|case| (case, case.convert(&input.text)));
            Ok(Output::All { outputs: AllCases(outputs.collect()) })
        }
    }
}
