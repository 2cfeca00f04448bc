// Progressive enhancement of the sign-in, sign-up and create-key forms: they call the JSON
// API and show its errors in place. Without this script the forms post as plain HTML.

async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, data };
}

function message(outcome) {
  return outcome.data?.error?.message ?? `The server answered ${outcome.status}; please try again.`;
}

function showError(box, text, field) {
  box.hidden = !text;
  box.textContent = text ?? '';
  field?.setAttribute('aria-invalid', String(Boolean(text)));
}

// Submits `form` through `send`, with its button disabled meanwhile; a network failure is
// shown in `box` like an API error.
function enhance(form, box, send) {
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await send();
    } catch {
      showError(box, 'The server could not be reached; check your connection and try again.');
    } finally {
      button.disabled = false;
    }
  });
}

const auth = document.getElementById('auth-form');
const authError = document.getElementById('auth-error');
enhance(auth, authError, async () => {
  const { email, password } = auth.elements;
  const outcome = await postJson(auth.dataset.api, { email: email.value, password: password.value });
  if (outcome.ok) {
    location.assign(auth.dataset.next);
    return;
  }
  showError(authError, message(outcome), email);
  (outcome.data?.error?.code === 'invalid_credentials' ? password : email).focus();
});

const keyForm = document.getElementById('create-key-form');
const keyError = document.getElementById('key-error');
enhance(keyForm, keyError, async () => {
  const label = keyForm.elements.label.value.trim();
  const outcome = await postJson(keyForm.dataset.api, label ? { label } : {});
  if (!outcome.ok) {
    showError(keyError, message(outcome), keyForm.elements.label);
    return;
  }
  showError(keyError, null, keyForm.elements.label);
  showNewKey(outcome.data);
  addKeyRow(outcome.data);
  keyForm.reset();
});

function showNewKey(key) {
  const panel = document.getElementById('new-key');
  panel.hidden = false;
  document.getElementById('new-key-heading').textContent = `Your new key “${key.label}”`;
  document.getElementById('new-key-value').textContent = key.key;
  panel.querySelector('[data-copy]').focus();
}

function addKeyRow(key) {
  const row = document.getElementById('key-row-template').content.firstElementChild.cloneNode(true);
  row.dataset.keyId = key.id;
  row.querySelector('.key-label').textContent = key.label;
  row.querySelector('.key-hint').textContent = key.keyHint;
  const created = row.querySelector('time');
  created.dateTime = key.createdAt;
  created.textContent = `${key.createdAt.slice(0, 10)} ${key.createdAt.slice(11, 16)} UTC`;
  row.querySelector('.key-label-copy').textContent = ` ${key.label}`;
  row.querySelector('.confirm-text').textContent = `Delete “${key.label}”? Calls with it stop working at once.`;
  row.querySelector('form').action = `/dashboard/keys/${key.id}/delete`;
  document.querySelector('#keys-table tbody').prepend(row);
  document.getElementById('no-keys').hidden = true;
}
