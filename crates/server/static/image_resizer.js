// The image resizer's page: pick or drop an image, see it before and after with sizes,
// download the result. Sends the file as multipart to `/api/tools/image-resizer` and
// shows the base64 image of the JSON answer (the page's CSP allows data: images).

const form = document.getElementById('resize-form');
const fileInput = document.getElementById('resize-file');
const dropzone = document.getElementById('dropzone');
const button = document.getElementById('resize-button');
const errorBox = document.getElementById('tool-error');
const resultBox = document.getElementById('result');
const download = document.getElementById('download');
const quota = document.getElementById('quota');
const MEDIA_TYPES = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

let file = null;

function kilobytes(bytes) {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

function showImage(which, source, label) {
  const image = document.getElementById(`${which}-image`);
  image.src = source;
  image.hidden = false;
  document.getElementById(`${which}-size`).textContent = label;
}

function showError(message) {
  errorBox.hidden = !message;
  errorBox.textContent = message ?? '';
}

function choose(chosen) {
  if (!chosen) return;
  file = chosen;
  button.disabled = false;
  showError(null);
  const reader = new FileReader();
  reader.addEventListener('load', () => {
    const probe = new Image();
    probe.addEventListener('load', () => {
      showImage('before', reader.result, `${probe.naturalWidth}×${probe.naturalHeight} · ${kilobytes(file.size)}`);
    });
    probe.addEventListener('error', () => showImage('before', reader.result, kilobytes(file.size)));
    probe.src = reader.result;
  });
  reader.readAsDataURL(file);
  resize();
}

function requestBody() {
  const body = new FormData();
  for (const [name, value] of new FormData(form)) {
    if (name !== 'file' && value !== '') body.append(name, value);
  }
  body.append('file', file, file.name);
  return body;
}

function showQuotaLeft(response) {
  const limit = response.headers.get('x-ratelimit-limit');
  const remaining = response.headers.get('x-ratelimit-remaining');
  if (limit !== null && remaining !== null) quota.textContent = `${remaining} of ${limit} requests left this minute`;
}

async function resize() {
  if (!file) return;
  resultBox.setAttribute('aria-busy', 'true');
  button.disabled = true;
  try {
    const response = await fetch(`/api/tools/${form.dataset.slug}`, { method: 'POST', body: requestBody() });
    showQuotaLeft(response);
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      showError(body?.error?.message ?? `The server answered ${response.status}; please try again.`);
      return;
    }
    showError(null);
    const { format, width, height, bytes, image } = body.result;
    const source = `data:${MEDIA_TYPES[format]};base64,${image}`;
    showImage('after', source, `${width}×${height} · ${kilobytes(bytes)} · ${format.toUpperCase()}`);
    download.href = source;
    download.download = `${file.name.replace(/\.[^.]*$/, '')}-${width}x${height}.${format === 'jpeg' ? 'jpg' : format}`;
    download.hidden = false;
  } catch {
    showError('The server could not be reached; check your connection.');
  } finally {
    resultBox.setAttribute('aria-busy', 'false');
    button.disabled = false;
  }
}

if (form) {
  fileInput.addEventListener('change', () => choose(fileInput.files[0]));
  for (const type of ['dragenter', 'dragover']) {
    dropzone.addEventListener(type, (event) => {
      event.preventDefault();
      dropzone.classList.add('dropzone-active');
    });
  }
  dropzone.addEventListener('dragleave', () => dropzone.classList.remove('dropzone-active'));
  dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropzone.classList.remove('dropzone-active');
    choose(event.dataTransfer.files[0]);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    resize();
  });
}
