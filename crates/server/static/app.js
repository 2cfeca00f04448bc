// Every page: theme, sidebar (search, favourites, menu), keyboard shortcuts, copy buttons.

const THEME_KEY = 'toolshub-theme';
const FAVOURITES_KEY = 'toolshub-favourites';
const root = document.documentElement;
const darkQuery = matchMedia('(prefers-color-scheme: dark)');

function load(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage blocked (private mode): the choice lasts for this page only.
  }
}

function applyTheme(choice) {
  const dark = choice === 'dark' || (choice === 'system' && darkQuery.matches);
  root.dataset.theme = dark ? 'dark' : 'light';
  root.dataset.themeChoice = choice;
  document.getElementById('theme-toggle')?.setAttribute('aria-pressed', String(dark));
  for (const radio of document.querySelectorAll('input[name="theme"]')) radio.checked = radio.value === choice;
}

function setTheme(choice) {
  save(THEME_KEY, choice);
  applyTheme(choice);
}

function initTheme() {
  applyTheme(load(THEME_KEY) || 'system');
  document.getElementById('theme-toggle')?.addEventListener('click', () => {
    setTheme(root.dataset.theme === 'dark' ? 'light' : 'dark');
  });
  for (const radio of document.querySelectorAll('input[name="theme"]')) {
    radio.addEventListener('change', () => setTheme(radio.value));
  }
  darkQuery.addEventListener('change', () => applyTheme(load(THEME_KEY) || 'system'));
}

const sidebar = document.getElementById('sidebar');
const menuButton = document.getElementById('menu-toggle');
const search = document.getElementById('tool-search');

function setMenuOpen(open) {
  sidebar.classList.toggle('open', open);
  menuButton.setAttribute('aria-expanded', String(open));
}

function filterTools() {
  const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
  let matches = 0;
  for (const group of sidebar.querySelectorAll('.tool-group')) {
    let shown = 0;
    for (const item of group.querySelectorAll('.tool-item')) {
      item.hidden = !words.every((word) => item.dataset.search.includes(word));
      if (!item.hidden) shown += 1;
    }
    group.hidden = shown === 0;
    matches += shown;
  }
  document.getElementById('no-match').hidden = matches > 0;
}

function initSidebar() {
  menuButton.addEventListener('click', () => setMenuOpen(!sidebar.classList.contains('open')));
  document.addEventListener('click', (event) => {
    const outside = !sidebar.contains(event.target) && !menuButton.contains(event.target);
    if (outside && sidebar.classList.contains('open')) setMenuOpen(false);
  });
  search.addEventListener('input', filterTools);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      search.value = '';
      filterTools();
    } else if (event.key === 'Enter') {
      sidebar.querySelector('.tool-item:not([hidden]) a')?.click();
    }
  });
  document.addEventListener('keydown', (event) => {
    const typing = event.target.closest('input, textarea, select, [contenteditable]');
    const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey;
    const ctrlK = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey);
    if (slash || ctrlK) {
      event.preventDefault();
      setMenuOpen(true);
      search.focus();
      search.select();
    } else if (event.key === 'Escape' && sidebar.classList.contains('open')) {
      setMenuOpen(false);
      menuButton.focus();
    }
  });
}

function readFavourites() {
  try {
    const slugs = JSON.parse(load(FAVOURITES_KEY) || '[]');
    return Array.isArray(slugs) ? slugs.filter((slug) => typeof slug === 'string') : [];
  } catch {
    return [];
  }
}

function renderFavourites(favourites) {
  const list = document.querySelector('#favourites .tool-list');
  const originals = [...sidebar.querySelectorAll('.tool-group:not(#favourites) .tool-item')];
  const pinned = favourites.map((slug) => originals.find((item) => item.dataset.slug === slug)).filter(Boolean);
  list.replaceChildren(...pinned.map((item) => item.cloneNode(true)));
  for (const star of sidebar.querySelectorAll('.star')) {
    star.setAttribute('aria-pressed', String(favourites.includes(star.closest('.tool-item').dataset.slug)));
  }
  filterTools();
}

function initFavourites() {
  let favourites = readFavourites();
  renderFavourites(favourites);
  sidebar.addEventListener('click', (event) => {
    const star = event.target.closest('.star');
    if (!star) return;
    const slug = star.closest('.tool-item').dataset.slug;
    const inFavourites = Boolean(star.closest('#favourites'));
    favourites = favourites.includes(slug) ? favourites.filter((s) => s !== slug) : [...favourites, slug];
    save(FAVOURITES_KEY, JSON.stringify(favourites));
    renderFavourites(favourites);
    // A star in the pinned list was just replaced: keep focus on its twin below.
    if (inFavourites) sidebar.querySelector(`.tool-group:not(#favourites) [data-slug="${slug}"] .star`)?.focus();
  });
}

const announcer = Object.assign(document.createElement('p'), { className: 'visually-hidden' });
announcer.setAttribute('aria-live', 'polite');

async function copy(button) {
  const target = document.querySelector(button.dataset.copy);
  if (!target) return;
  button.dataset.label ??= button.textContent;
  try {
    await navigator.clipboard.writeText(target.value ?? target.textContent);
    button.textContent = 'Copied!';
  } catch {
    getSelection().selectAllChildren(target);
    button.textContent = 'Selected: press Ctrl+C';
  }
  announcer.textContent = button.textContent;
  clearTimeout(button.copyTimer);
  button.copyTimer = setTimeout(() => {
    button.textContent = button.dataset.label;
  }, 2000);
}

initTheme();
initSidebar();
initFavourites();
document.body.append(announcer);
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-copy]');
  if (button) copy(button);
});
