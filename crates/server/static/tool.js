// A tool page: runs the tool through `/api/tools/{slug}` as you type (debounced), shows the
// result or the API's error, and the quota left. Each input is announced for the preview.

const form = document.getElementById('tool-form');
const resultBox = document.getElementById('result');
const errorBox = document.getElementById('tool-error');
const quota = document.getElementById('quota');
const DEBOUNCE_MS = 250;

function el(tag, attributes = {}, ...children) {
  const node = Object.assign(document.createElement(tag), attributes);
  node.append(...children);
  return node;
}

let outputs = 0;

function outputRow(label, value) {
  outputs += 1;
  const id = `output-${outputs}`;
  const copy = el('button', { type: 'button', className: 'button button-quiet button-small' }, 'Copy');
  copy.dataset.copy = `#${id}`;
  copy.setAttribute('aria-label', `Copy ${label}`);
  return el('div', { className: 'output-row' },
    el('span', { className: 'output-label' }, label),
    el('code', { id, className: 'output-value' }, String(value)),
    copy);
}

function seconds(total) {
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
}

const STATS = [
  ['words', 'Words'], ['characters', 'Characters'], ['charactersNoSpaces', 'Without spaces'],
  ['sentences', 'Sentences'], ['paragraphs', 'Paragraphs'], ['lines', 'Lines'], ['bytes', 'Bytes (UTF-8)'],
  ['uniqueWords', 'Unique words'], ['readingTimeSeconds', 'Reading time'], ['speakingTimeSeconds', 'Speaking time'],
];

const RENDERERS = {
  'case-converter': (result) => (result.outputs
    ? Object.entries(result.outputs).map(([name, value]) => outputRow(name, value))
    : [outputRow(result.to, result.output)]),
  'word-counter': (result) => {
    const stats = STATS.map(([key, label]) => el('div', { className: 'stat' },
      el('span', { className: 'stat-value' }, key.endsWith('Seconds') ? seconds(result[key]) : String(result[key])),
      el('span', { className: 'stat-label' }, label)));
    const keywords = result.topKeywords.map((k) => el('li', {}, `${k.word} `, el('span', { className: 'muted' }, `×${k.count} (${k.density}%)`)));
    return [el('div', { className: 'stats' }, ...stats),
      el('h3', {}, 'Top keywords'),
      keywords.length ? el('ol', { className: 'keywords' }, ...keywords) : el('p', { className: 'muted' }, 'None yet.')];
  },
  'blog-generator': (result) => {
    const preview = el('article', { className: 'blog-preview', id: 'blog-preview' });
    // The HTML is sanitized by the server; DOMParser never runs scripts either way.
    preview.append(...new DOMParser().parseFromString(result.html, 'text/html').body.childNodes);
    const copyButton = (target, label) => {
      const button = el('button', { type: 'button', className: 'button button-quiet button-small' }, label);
      button.dataset.copy = target;
      return button;
    };
    const source = (id, label, text) => el('details', {}, el('summary', {}, label),
      el('pre', { className: 'code' }, el('code', { id }, text)));
    const writer = result.provider === 'llm' ? 'the language model' : 'the built-in generator';
    return [outputRow('Title', result.title), outputRow('Slug', result.slug),
      outputRow('Meta', result.metaDescription),
      el('p', { className: 'muted', id: 'blog-stats' },
        `${result.wordCount} words · ${seconds(result.readingTimeSeconds)} to read · written by ${writer}`),
      el('p', { className: 'code-actions' }, copyButton('#blog-markdown', 'Copy Markdown'), copyButton('#blog-html', 'Copy HTML')),
      preview, source('blog-markdown', 'Markdown', result.markdown), source('blog-html', 'HTML', result.html)];
  },
  'hex-rgba-converter': (result) => {
    const swatch = el('div', { className: 'swatch' }, el('div', { className: 'swatch-color' }));
    swatch.firstChild.style.backgroundColor = result.css.rgba;
    const rows = [['HEX', result.hex], ['HEX8', result.hex8], ['RGB', result.css.rgb], ['RGBA', result.css.rgba],
      ['HSL', result.css.hsl], ['HSLA', result.css.hsla]].map(([label, value]) => outputRow(label, value));
    return [swatch, ...rows];
  },
  'og-generator': (result) => {
    const preview = el('img', {
      className: 'og-preview', src: `data:image/png;base64,${result.image}`,
      width: result.width, height: result.height, alt: 'Preview of the Open Graph image',
    });
    preview.style.width = '100%';
    preview.style.height = 'auto';
    const share = result.metaTag
      ? [outputRow('Meta tag', result.metaTag), outputRow('Image URL', result.url)]
      : [el('p', { className: 'hint' }, 'Sign in to get a signed image URL and its og:image meta tag.')];
    return [preview, ...share];
  },
};

// Fields marked `data-list` are comma-separated lists; `data-optional` ones are left
// out when empty.
function currentInput() {
  const input = {};
  for (const [name, value] of new FormData(form)) {
    const field = form.elements[name];
    const optional = name === 'to' || field?.dataset?.optional !== undefined;
    if (optional && value.trim() === '') continue;
    input[name] = field?.dataset?.list === undefined ? value
      : value.split(',').map((item) => item.trim()).filter(Boolean);
  }
  return input;
}

function showError(message) {
  errorBox.hidden = !message;
  errorBox.textContent = message ?? '';
}

function showQuota(response) {
  const limit = response.headers.get('x-ratelimit-limit');
  const remaining = response.headers.get('x-ratelimit-remaining');
  if (limit === null || remaining === null) return;
  const policy = response.headers.get('ratelimit-policy')?.match(/^"([^"]+)"/)?.[1] ?? 'free';
  const whose = policy === 'anonymous' ? 'without an account' : `your ${policy} plan`;
  quota.textContent = `${remaining} of ${limit} requests left this minute (${whose})`;
}

let controller;

async function run() {
  controller?.abort();
  controller = new AbortController();
  resultBox.setAttribute('aria-busy', 'true');
  if (submitButton) submitButton.disabled = true;
  try {
    const response = await fetch(`/api/tools/${form.dataset.slug}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(currentInput()),
      signal: controller.signal,
    });
    showQuota(response);
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      showError(body?.error?.message ?? `The server answered ${response.status}; please try again.`);
      return;
    }
    showError(null);
    resultBox.replaceChildren(...RENDERERS[form.dataset.slug](body.result));
    syncPicker(body.result);
  } catch (error) {
    if (error.name !== 'AbortError') showError('The server could not be reached; check your connection.');
  } finally {
    resultBox.setAttribute('aria-busy', 'false');
    if (submitButton) submitButton.disabled = false;
  }
}

const picker = document.getElementById('color-picker');

function syncPicker(result) {
  if (picker && result.hex) picker.value = result.hex.slice(0, 7);
}

let timer;
// Forms with a submit button (costly tools) run on submit only, not while typing.
const submitButton = form?.querySelector('[type=submit]');
const runsOnSubmit = Boolean(submitButton);

function changed() {
  document.dispatchEvent(new CustomEvent('toolinput', { detail: currentInput() }));
  if (runsOnSubmit) return;
  clearTimeout(timer);
  timer = setTimeout(run, DEBOUNCE_MS);
}

if (form) {
  form.addEventListener('input', (event) => {
    if (event.target === picker) form.elements.color.value = picker.value;
    changed();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (runsOnSubmit) run();
  });
  if (runsOnSubmit) resultBox.replaceChildren(el('p', { className: 'muted' }, 'Press Generate to write a draft.'));
  changed();
}
