//! Code that calls a tool, in the four languages of the API preview (fetch, curl, axios,
//! Python), written on the server for the reference page. `static/snippets.js` writes
//! the same code in the browser for the tool pages' live input.

use serde_json::Value;

use super::tools::curl_snippet;

/// One language's code.
pub struct Snippet {
    pub language: &'static str,
    pub code: String,
}

/// The call of `api_url` with `input` in every language, curl first.
pub fn all(api_url: &str, input: &Value) -> Vec<Snippet> {
    let snippet = |language, code| Snippet { language, code };
    vec![
        snippet("curl", curl_snippet(api_url, &input.to_string())),
        snippet("fetch", fetch(api_url, input)),
        snippet("axios", axios(api_url, input)),
        snippet("python", python(api_url, input)),
    ]
}

fn pretty(input: &Value, indent: &str) -> String {
    let text = serde_json::to_string_pretty(input).expect("JSON values serialize");
    text.replace('\n', &format!("\n{indent}"))
}

fn fetch(api_url: &str, input: &Value) -> String {
    format!(
        "const response = await fetch(\"{api_url}\", {{\n  method: \"POST\",\n  headers: {{\n    \
         Authorization: `Bearer ${{process.env.TOOLSHUB_API_KEY}}`,\n    \"Content-Type\": \"application/json\",\n  \
         }},\n  body: JSON.stringify({}),\n}});\nconst {{ result }} = await response.json();\nconsole.log(result);",
        pretty(input, "  ")
    )
}

fn axios(api_url: &str, input: &Value) -> String {
    format!(
        "import axios from \"axios\";\n\nconst {{ data }} = await axios.post(\n  \"{api_url}\",\n  {},\n  \
         {{ headers: {{ Authorization: `Bearer ${{process.env.TOOLSHUB_API_KEY}}` }} }},\n);\nconsole.log(data.result);",
        pretty(input, "  ")
    )
}

fn python(api_url: &str, input: &Value) -> String {
    format!(
        "import os\nimport requests\n\nresponse = requests.post(\n    \"{api_url}\",\n    \
         headers={{\"Authorization\": f\"Bearer {{os.environ['TOOLSHUB_API_KEY']}}\"}},\n    json={},\n)\n\
         print(response.json()[\"result\"])",
        python_literal(input, "    ")
    )
}

/// `value` as a Python literal, objects one key a line.
fn python_literal(value: &Value, indent: &str) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|v| python_literal(v, indent)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) if map.is_empty() => "{}".into(),
        Value::Object(map) => {
            let inner = format!("{indent}    ");
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{inner}{}: {},", Value::from(k.as_str()), python_literal(v, &inner)))
                .collect();
            format!("{{\n{}\n{indent}}}", entries.join("\n"))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn python_literals() {
        let value = json!({"a": [true, null, 1.5], "b": "it's \"x\""});
        assert_eq!(
            python_literal(&value, ""),
            "{\n    \"a\": [True, None, 1.5],\n    \"b\": \"it's \\\"x\\\"\",\n}"
        );
        assert_eq!(python_literal(&json!({}), ""), "{}");
    }

    #[test]
    fn every_language_names_the_url_and_the_key_variable() {
        for snippet in all("http://h/api/tools/x", &json!({"text": "hi"})) {
            assert!(snippet.code.contains("http://h/api/tools/x"), "{}", snippet.language);
            assert!(snippet.code.contains("TOOLSHUB_API_KEY"), "{}", snippet.language);
            assert!(snippet.code.contains("hi"), "{}", snippet.language);
        }
    }
}
