// The API preview: code for the current input in four languages, with the real host.
// Tool pages announce each new input with a `toolinput` event on the document.

const preview = document.getElementById('api-preview');
const snippet = document.getElementById('snippet');
const apiUrl = preview.dataset.apiUrl;
// Long inputs are cut in the preview so the page stays responsive; calls send them whole.
const STRING_LIMIT = 400;
let input = JSON.parse(preview.dataset.example);

function shortened(value) {
  if (typeof value === 'string') {
    return value.length > STRING_LIMIT ? `${value.slice(0, STRING_LIMIT)}…` : value;
  }
  if (Array.isArray(value)) return value.map(shortened);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortened(v)]));
  }
  return value;
}

function json(value, indent) {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
}

function python(value, indent = '    ') {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map((v) => python(v, indent)).join(', ')}]`;
  if (typeof value === 'object') {
    const inner = `${indent}    `;
    const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${python(v, inner)},`);
    return entries.length ? `{\n${entries.join('\n')}\n${indent}}` : '{}';
  }
  return JSON.stringify(value);
}

const SNIPPETS = {
  fetch: (body) => `const response = await fetch("${apiUrl}", {
  method: "POST",
  headers: {
    Authorization: \`Bearer \${process.env.TOOLSHUB_API_KEY}\`,
    "Content-Type": "application/json",
  },
  body: JSON.stringify(${json(body, '  ')}),
});
const { result } = await response.json();
console.log(result);`,
  curl: (body) => `curl ${apiUrl} \\
  -H "Authorization: Bearer $TOOLSHUB_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`,
  axios: (body) => `import axios from "axios";

const { data } = await axios.post(
  "${apiUrl}",
  ${json(body, '  ')},
  { headers: { Authorization: \`Bearer \${process.env.TOOLSHUB_API_KEY}\` } },
);
console.log(data.result);`,
  python: (body) => `import os
import requests

response = requests.post(
    "${apiUrl}",
    headers={"Authorization": f"Bearer {os.environ['TOOLSHUB_API_KEY']}"},
    json=${python(body)},
)
print(response.json()["result"])`,
};

function render() {
  const language = preview.querySelector('input[name="lang"]:checked')?.value ?? 'curl';
  snippet.textContent = SNIPPETS[language](shortened(input));
  preview.dataset.language = language;
}

preview.addEventListener('change', render);
document.addEventListener('toolinput', (event) => {
  input = event.detail;
  render();
});
render();
