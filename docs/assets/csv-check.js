// The in-browser grid file check of guide/data-staff.html: the same `loadDivisionTable` a
// portal runs on import, over the 2023 division packs of only the provinces the file mentions.
// The file is read locally and never sent anywhere; results are written with textContent.
import { createDivisionStore, decodeText, parseCsv, loadDivisionTable, translate, describeError, GualianError, PROVINCE_CODES } from './gualian-core.js';

const $ = (id) => document.getElementById(id);
const fileInput = $('csv-file');
const langSelect = $('csv-lang');
const status = $('csv-status');
const result = $('csv-result');
const tbody = $('csv-issues').querySelector('tbody');
const counts = $('csv-counts');
const download = $('csv-download');

let store = null;
let last = null;
let downloadUrl = null;

const T = {
  'zh-Hans': {
    reading: '正在读取 {name}…',
    loading: '正在加载 {provinces} 的区划数据…',
    ok: '{name}：全部 {rows} 行都通过了检查（文件编码 {encoding}）。',
    bad: '{name}：共 {rows} 行，{accepted} 行通过，{issues} 行有问题（文件编码 {encoding}）。',
    counts: '通过检查的网格 {grid} 个、联户单元 {household} 个。',
    failed: '{name}：无法核对。{reason}',
    empty: '{name}：文件里没有数据行。',
    header: ['行', '字段', '原因代码', '原值', '说明'],
  },
  'zh-Hant': {
    reading: '正在讀取 {name}…',
    loading: '正在載入 {provinces} 的區劃資料…',
    ok: '{name}：全部 {rows} 行都通過了檢查（檔案編碼 {encoding}）。',
    bad: '{name}：共 {rows} 行，{accepted} 行通過，{issues} 行有問題（檔案編碼 {encoding}）。',
    counts: '通過檢查的網格 {grid} 個、聯戶單元 {household} 個。',
    failed: '{name}：無法核對。{reason}',
    empty: '{name}：檔案裡沒有資料行。',
    header: ['行', '欄位', '原因代碼', '原值', '說明'],
  },
  en: {
    reading: 'Reading {name}…',
    loading: 'Loading the divisions of {provinces}…',
    ok: '{name}: all {rows} rows passed (encoding {encoding}).',
    bad: '{name}: {rows} rows, {accepted} passed, {issues} with problems (encoding {encoding}).',
    counts: 'Grids passed: {grid}; household units: {household}.',
    failed: '{name}: could not check the file. {reason}',
    empty: '{name}: the file has no data rows.',
    header: ['Line', 'Field', 'Reason', 'Value', 'Message'],
  },
};
const lang = () => (T[langSelect.value] ? langSelect.value : 'zh-Hans');
const t = (key, values = {}) => T[lang()][key].replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));

function say(text, tone = '') {
  status.textContent = text;
  status.className = `check-summary ${tone}`;
}

/** The provinces a file mentions: the first two digits of every code-like value. */
function provincesIn(text) {
  const found = new Set();
  for (const { fields } of parseCsv(text).slice(1)) {
    for (const f of fields) {
      const m = /^\s*(\d{2})\d{7}/.exec(f);
      if (m && PROVINCE_CODES.has(m[1])) found.add(m[1]);
    }
  }
  return [...found].sort();
}

async function check(bytes, name) {
  result.hidden = true;
  last = null;
  say(t('reading', { name }));
  try {
    const { text, encoding } = decodeText(bytes);
    const rows = parseCsv(text).length - 1;
    if (rows <= 0) return say(t('empty', { name }), 'bad');
    const provinces = provincesIn(text);
    store ??= createDivisionStore(new URL('../data/2023/index.json', import.meta.url));
    if (provinces.length > 0) say(t('loading', { provinces: provinces.join(', ') }));
    // One province at a time: each chunk is merged into the hierarchy loaded so far.
    for (const p of provinces) await store.ensure(p);
    const { hierarchy: base, error } = store.snapshot();
    if (error) throw error;
    const loaded = loadDivisionTable(text, { base: base ?? undefined, mode: 'lenient' });
    last = { name, rows, encoding: encoding.toUpperCase(), ...loaded, baseCounts: base?.countsByLevel() };
    render();
  } catch (e) {
    const reason = e instanceof GualianError ? describeError(e, lang()) : e instanceof Error ? e.message : String(e);
    say(t('failed', { name, reason }), 'bad');
  }
}

function render() {
  if (!last) return;
  const { name, rows, encoding, accepted, issues, hierarchy, baseCounts } = last;
  say(issues.length === 0 ? t('ok', { name, rows, encoding }) : t('bad', { name, rows, accepted, issues: issues.length, encoding }), issues.length === 0 ? 'ok' : 'bad');
  const all = hierarchy.countsByLevel();
  counts.textContent = t('counts', { grid: all.grid - (baseCounts?.grid ?? 0), household: all.household - (baseCounts?.household ?? 0) });

  const header = T[lang()].header;
  $('csv-issues').querySelectorAll('thead th').forEach((th, i) => (th.textContent = header[i]));
  tbody.replaceChildren(
    ...issues.map((issue) => {
      const tr = document.createElement('tr');
      const cell = (text) => {
        const td = document.createElement('td');
        td.textContent = text;
        return td;
      };
      const reason = document.createElement('td');
      const link = document.createElement('a');
      link.href = `../errors.html#${encodeURIComponent(issue.reason)}`;
      link.textContent = issue.reason;
      reason.append(link);
      tr.append(cell(String(issue.line)), cell(issue.field), reason, cell(issue.value), cell(message(issue)));
      return tr;
    }),
  );
  result.hidden = issues.length === 0;

  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  const csv = [header, ...issues.map((i) => [i.line, i.field, i.reason, i.value, message(i)])]
    .map((r) => r.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(','))
    .join('\r\n');
  // A BOM so that spreadsheet software opens the UTF-8 report with the right encoding.
  downloadUrl = URL.createObjectURL(new Blob(['\ufeff', csv, '\r\n'], { type: 'text/csv;charset=utf-8' }));
  download.href = downloadUrl;
  download.download = `${name.replace(/\.[^.]+$/, '')}-问题清单.csv`;
}

const message = (issue) => translate(`error.${issue.reason}`, lang(), { value: issue.value, ...issue.details });

fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (file) await check(new Uint8Array(await file.arrayBuffer()), file.name);
});
for (const button of document.querySelectorAll('button[data-sample]')) {
  button.addEventListener('click', async () => {
    const url = button.dataset.sample;
    const res = await fetch(url);
    if (!res.ok) return say(`${url}: HTTP ${res.status}`, 'bad');
    await check(new Uint8Array(await res.arrayBuffer()), url.split('/').pop());
  });
}
langSelect.addEventListener('change', render);
