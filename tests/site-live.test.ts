/**
 * The built docs pages running, each under the strict Content-Security-Policy the docs server
 * sends: the page is loaded into an iframe (srcdoc, with the policy as a <meta> tag and a probe
 * script that reports every violation and error), the widgets must render the real data, and
 * the pages' own scripts (display preferences, event logs, the CSV check, tree badges) must work.
 * Widget behaviour itself is tested in packages/elements; this only checks the docs use it right.
 */
import { expect } from 'chai';

const SITE = '/site/';
// The policy of scripts/serve.mjs, less frame-ancestors (not allowed in a <meta> policy).
const META_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'none'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";
const PREFS_KEY = 'gualian-docs-prefs';

interface LoadedPage {
  frame: HTMLIFrameElement;
  doc: Document;
  win: Window;
  violations: string[];
  errors: string[];
}

const open: Array<() => void> = [];

async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeout = 30_000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens a built page under the strict policy. */
async function openPage(path: string): Promise<LoadedPage> {
  const res = await fetch(SITE + path);
  expect(res.status, path).to.equal(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const charset = /<meta charset="([\w-]+)">/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 1024)))?.[1] ?? 'utf-8';
  const html = new TextDecoder(charset).decode(bytes);
  // <base> first (base-uri 'none' forbids it once the policy is on), then the policy, then the probe.
  const head = `<base href="${SITE}${path}"><meta http-equiv="Content-Security-Policy" content="${META_CSP}"><script src="/tests/site-csp-probe.js"></script>`;
  expect(html).to.match(/<head>/i);
  const violations: string[] = [];
  const errors: string[] = [];
  const frame = document.createElement('iframe');
  frame.width = '1200';
  frame.height = '900';
  // On screen: the tree is virtualised and renders only the rows it can see.
  Object.assign(frame.style, { position: 'fixed', top: '0', left: '0', border: '0', background: '#fff', zIndex: '1' });
  const onMessage = (e: MessageEvent) => {
    if (e.source !== frame.contentWindow || typeof e.data !== 'object' || e.data === null) return;
    const { gualianSiteProbe: kind, text } = e.data as { gualianSiteProbe?: string; text?: string };
    if (kind === 'violation') violations.push(String(text));
    else if (kind === 'error') errors.push(String(text));
  };
  window.addEventListener('message', onMessage);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = html.replace(/<head>/i, `<head>${head}`);
  document.body.append(frame);
  open.push(() => {
    window.removeEventListener('message', onMessage);
    frame.remove();
  });
  await loaded;
  const win = frame.contentWindow!;
  return { frame, doc: frame.contentDocument!, win, violations, errors };
}

/** All text under a node, shadow roots included (the widgets render into theirs). */
function deepText(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) out += n.textContent ?? '';
    if (n.nodeType === Node.ELEMENT_NODE && (n as Element).shadowRoot) walk((n as Element).shadowRoot!);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return out;
}

/** Scrolls a widget to the top of its frame: the tree renders only the rows on screen. */
function show(el: Element): void {
  el.scrollIntoView({ block: 'start' });
}

function widgetsOf(doc: Document): Element[] {
  return [...doc.querySelectorAll('*')].filter((e) => e.localName.startsWith('gualian-'));
}

/** Waits until every widget on the page has data on screen (or shows an error, which fails). */
async function widgetsReady(p: LoadedPage): Promise<void> {
  for (const w of widgetsOf(p.doc)) {
    await waitFor(`<${w.localName} id=${w.id}> to render`, () => w.shadowRoot?.querySelector('select, [role="tree"], [role="alert"], [role="combobox"], table'));
    const alert = w.shadowRoot!.querySelector('[role="alert"]');
    expect(alert, `<${w.localName} id=${w.id}> error: ${alert?.textContent}`).to.equal(null);
  }
}

function shadowSelect(host: Element, n = 0): HTMLSelectElement {
  const select = host.shadowRoot?.querySelectorAll('select')[n];
  expect(select, `select ${n} of <${host.localName}>`).to.not.equal(undefined);
  return select as HTMLSelectElement;
}

async function choose(host: Element, n: number, value: string): Promise<void> {
  const select = await waitFor(`option ${value}`, () => {
    const s = host.shadowRoot?.querySelectorAll('select')[n] as HTMLSelectElement | undefined;
    return s && [...s.options].some((o) => o.value === value) && !s.disabled ? s : null;
  });
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

describe('docs site: pages running under the strict CSP', function () {
  this.timeout(120_000);

  before(() => localStorage.removeItem(PREFS_KEY));
  afterEach(() => {
    for (const close of open.splice(0)) close();
  });
  after(() => localStorage.removeItem(PREFS_KEY));

  for (const path of ['index.html', 'guide/developers.html', 'guide/portals.html', 'guide/data-staff.html', 'guide/pairing.html', 'guide/assessment.html', 'widgets/region-picker.html', 'widgets/hierarchy-tree.html', 'widgets/coverage-board.html', 'widgets/pairing-roster.html', 'widgets/visit-log.html', 'widgets/score-sheet.html', 'widgets/review-queue.html', 'widgets/leaderboard.html', 'widgets/rubric-editor.html', 'errors.html', 'examples/portal.html', 'examples/portal-gbk.html']) {
    it(`${path}: renders its widgets with no CSP violation and no error`, async () => {
      const p = await openPage(path);
      await widgetsReady(p);
      // Let late work (chunk fetches, badges) settle before judging.
      await new Promise((r) => setTimeout(r, 300));
      expect(p.violations, 'CSP violations').to.deep.equal([]);
      expect(p.errors, 'errors').to.deep.equal([]);
    });
  }

  it('index.html shows 昭通市 in both widgets and prints the picker’s events as text', async () => {
    const p = await openPage('index.html');
    await widgetsReady(p);
    const tree = p.doc.getElementById('home-tree')!;
    const picker = p.doc.getElementById('home-picker')!;
    show(tree);
    await waitFor('昭通市 in the tree', () => deepText(tree).includes('昭通市'));
    // root="5306": the first select offers Zhaotong's counties.
    const counties = [...shadowSelect(picker).options].map((o) => o.textContent?.trim());
    expect(counties).to.include.members(['昭阳区', '镇雄县', '水富市']);
    await choose(picker, 0, '530627');
    await choose(picker, 1, '530627001');
    const log = p.doc.querySelector('[data-log-for="home-picker"]')!;
    await waitFor('the event log', () => log.textContent?.includes('value=530627001'));
    expect(log.textContent).to.contain('gualian-change');
    expect(log.textContent).to.contain('云南省 / 昭通市 / 镇雄县 / 乌峰街道');
    expect(log.children.length, 'printed as text, not markup').to.equal(0);
    expect(deepText(picker)).to.contain('昭通市');
    expect(p.violations).to.deep.equal([]);
  });

  it('the language and large-text switches set the widgets’ attributes and the page’s text size', async () => {
    const p = await openPage('index.html');
    await widgetsReady(p);
    const select = p.doc.querySelector<HTMLSelectElement>('select[data-demo-lang]')!;
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    const widgets = widgetsOf(p.doc);
    expect(widgets.length).to.equal(2);
    for (const w of widgets) expect(w.getAttribute('lang')).to.equal('en');
    const picker = p.doc.getElementById('home-picker')!;
    await waitFor('English labels', () => deepText(picker).includes('County'));
    // The widgets' own English labels come from a lazy chunk of the script-tag bundle.
    await waitFor('the English widget labels', () => deepText(picker).includes('Search places') && deepText(picker).includes('Choose an administrative division'));
    expect(deepText(picker)).to.not.include('搜索地名');
    const chunks = p.win.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.includes('/assets/bundle-chunks/ui.'));
    expect(chunks.length, 'one English label chunk fetched').to.equal(1);
    expect(chunks[0]).to.match(/\/assets\/bundle-chunks\/ui\.en-[\w-]+\.js$/);
    expect(p.violations).to.deep.equal([]);

    const button = p.doc.querySelector<HTMLButtonElement>('button[data-large-text]')!;
    const before = parseFloat(p.win.getComputedStyle(p.doc.body).fontSize);
    button.click();
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(p.doc.documentElement.classList.contains('large-text')).to.equal(true);
    for (const w of widgets) expect(w.hasAttribute('large-text')).to.equal(true);
    // 18pt = 24px at least, for the page text as for the widgets.
    expect(parseFloat(p.win.getComputedStyle(p.doc.body).fontSize)).to.be.at.least(24).and.greaterThan(before);

    // The choice is remembered on the next page.
    const next = await openPage('widgets/hierarchy-tree.html');
    expect(next.doc.documentElement.classList.contains('large-text')).to.equal(true);
    for (const w of widgetsOf(next.doc)) {
      expect(w.getAttribute('lang')).to.equal('en');
      expect(w.hasAttribute('large-text')).to.equal(true);
    }
    localStorage.removeItem(PREFS_KEY);
  });

  it('guide/data-staff.html checks the sample grid files row by row', async () => {
    const p = await openPage('guide/data-staff.html');
    const status = p.doc.getElementById('csv-status')!;
    p.doc.querySelector<HTMLButtonElement>('button[data-sample$="malformed-grids.csv"]')!.click();
    await waitFor('the malformed file’s report', () => status.textContent?.includes('10 行有问题'));
    const reasons = [...p.doc.querySelectorAll('#csv-issues tbody tr')].map((tr) => [Number(tr.children[0]!.textContent), tr.children[2]!.textContent]);
    expect(reasons).to.deep.equal([
      [3, 'code.format'],
      [4, 'row.missing'],
      [5, 'row.level'],
      [6, 'row.type'],
      [7, 'row.duplicate'],
      [8, 'row.parent'],
      [9, 'code.province'],
      [10, 'code.segment'],
      [11, 'row.parent'],
      [12, 'row.columns'],
    ]);
    expect(p.doc.querySelector('#csv-issues tbody tr td:last-child')?.textContent).to.contain('不是 2、4、6、9 或 12 位的区划代码');
    expect(p.doc.querySelector('#csv-issues tbody a')?.getAttribute('href')).to.equal('../errors.html#code.format');
    expect(p.doc.getElementById('csv-download')?.getAttribute('href')).to.match(/^blob:/);

    p.doc.querySelector<HTMLButtonElement>('button[data-sample$="gb18030.csv"]')!.click();
    await waitFor('the GB18030 file’s report', () => status.textContent?.includes('全部 24 行都通过了检查'));
    expect(status.textContent).to.contain('GB18030');
    expect(p.doc.getElementById('csv-counts')?.textContent).to.contain('网格 18 个');
    expect(p.violations).to.deep.equal([]);
    expect(p.errors).to.deep.equal([]);
  });

  it('widgets/hierarchy-tree.html shows kind badges and loads a province of the national tree on demand', async () => {
    const p = await openPage('widgets/hierarchy-tree.html');
    await widgetsReady(p);
    const zhenxiong = p.doc.getElementById('ht-zhaotong')!;
    show(zhenxiong);
    const badges = await waitFor('badges', () => {
      const found = [...(zhenxiong.shadowRoot?.querySelectorAll('[part~="badge"]') ?? [])].map((b) => b.textContent?.trim());
      return found.length > 0 ? found : null;
    });
    expect(badges).to.include.members(['街道', '镇']);

    const country = p.doc.getElementById('ht-country') as HTMLElement & { reveal(code: string): Promise<void> };
    show(country);
    await waitFor('provinces', () => deepText(country).includes('云南省'));
    expect(deepText(country)).to.not.contain('乌峰街道');
    await country.reveal('530627001');
    await waitFor('a township of Yunnan, fetched with its chunk', () => deepText(country).includes('乌峰街道'));
    expect(p.errors).to.deep.equal([]);
  });
});
