// Shared by every page: the reader's display preferences (the widgets' language and the
// large-text mode), kept in localStorage and applied by setting attributes on the gualian-*
// elements. No inline script exists on any page: the site runs under script-src 'self'.
const KEY = 'gualian-docs-prefs';
const LANGS = ['zh-Hans', 'zh-Hant', 'en'];

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return { lang: LANGS.includes(saved.lang) ? saved.lang : 'zh-Hans', largeText: saved.largeText === true };
  } catch {
    return { lang: 'zh-Hans', largeText: false };
  }
}
function save(prefs) {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Storage can be off (private windows, sandboxed frames): the switch still works for this page.
  }
}

/** Every gualian widget on the page, except those a demo pins with data-keep-settings. */
export function widgets(root = document) {
  return [...root.querySelectorAll('*')].filter((el) => el.localName.startsWith('gualian-') && !el.hasAttribute('data-keep-settings'));
}

function apply(prefs) {
  document.documentElement.classList.toggle('large-text', prefs.largeText);
  for (const el of widgets()) {
    el.setAttribute('lang', prefs.lang);
    el.toggleAttribute('large-text', prefs.largeText);
  }
  for (const select of document.querySelectorAll('select[data-demo-lang]')) select.value = prefs.lang;
  for (const button of document.querySelectorAll('button[data-large-text]')) button.setAttribute('aria-pressed', String(prefs.largeText));
  document.dispatchEvent(new CustomEvent('gualian-docs-prefs', { detail: { ...prefs } }));
}

const prefs = load();
apply(prefs);
for (const select of document.querySelectorAll('select[data-demo-lang]')) {
  select.addEventListener('change', () => {
    prefs.lang = LANGS.includes(select.value) ? select.value : 'zh-Hans';
    save(prefs);
    apply(prefs);
  });
}
for (const button of document.querySelectorAll('button[data-large-text]')) {
  button.addEventListener('click', () => {
    prefs.largeText = !prefs.largeText;
    save(prefs);
    apply(prefs);
  });
}
