/**
 * The built docs site (`npm run build` writes `site/`), read as files: every page's structure,
 * that it can run under the strict Content-Security-Policy (no inline script, style attribute or
 * handler attribute), and that every link, script, stylesheet and data URL on it resolves.
 * The test server serves the repository root, so the site is under /site/.
 */
import { expect } from 'chai';
import { messages as zhHans } from '../packages/core/src/i18n/messages.zh-Hans.js';
import { translate } from '../packages/core/src/i18n/index.js';

const SITE = '/site/';
const DOCS_PAGES = ['index.html', 'guide/developers.html', 'guide/portals.html', 'guide/data-staff.html', 'guide/pairing.html', 'guide/assessment.html', 'guide/disputes.html', 'widgets/region-picker.html', 'widgets/hierarchy-tree.html', 'widgets/coverage-board.html', 'widgets/pairing-roster.html', 'widgets/visit-log.html', 'widgets/score-sheet.html', 'widgets/review-queue.html', 'widgets/leaderboard.html', 'widgets/rubric-editor.html', 'widgets/case-board.html', 'widgets/case-timeline.html', 'widgets/workorder-stats.html', 'widgets/resolution-levels.html', 'errors.html'];
const EXAMPLE_PAGES = ['examples/portal.html', 'examples/portal-gbk.html'];

/** Bytes of a site file; fails the test on anything but 200. */
async function bytesOf(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  expect(res.status, `${url}: HTTP status`).to.equal(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** The charset a page declares where browsers look for it (first 1024 bytes, outside comments). */
function declaredCharset(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).replace(/<!--[\s\S]*?(-->|$)/g, '');
  return (/<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8').toLowerCase();
}

const parsed = new Map<string, Promise<Document>>();
/** A page of the site, decoded as it declares and parsed. */
function page(path: string): Promise<Document> {
  let doc = parsed.get(path);
  if (!doc) {
    doc = bytesOf(SITE + path).then((bytes) => new DOMParser().parseFromString(new TextDecoder(declaredCharset(bytes)).decode(bytes), 'text/html'));
    parsed.set(path, doc);
  }
  return doc;
}

const statuses = new Map<string, Promise<number>>();
function statusOf(url: string): Promise<number> {
  let s = statuses.get(url);
  if (!s) {
    s = fetch(url).then(async (r) => {
      await r.arrayBuffer();
      return r.status;
    });
    statuses.set(url, s);
  }
  return s;
}

/** Every URL a page refers to through an attribute (links, scripts, stylesheets, widget data). */
function referencedUrls(doc: Document, path: string): URL[] {
  const base = new URL(SITE + path, location.origin);
  const out: URL[] = [];
  for (const el of doc.querySelectorAll('[href], [src]')) {
    for (const attr of ['href', 'src']) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      const url = new URL(value, base);
      if (url.origin === location.origin) out.push(url);
      else expect(url.protocol, `${path}: ${value}`).to.match(/^(https?|mailto):$/);
    }
  }
  return out;
}

describe('docs site: pages as built', function () {
  this.timeout(120_000);

  it('has a nav on the first page that reaches every docs page and the API reference', async () => {
    const doc = await page('index.html');
    const hrefs = [...doc.querySelectorAll('nav.site-nav a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.include.members([...DOCS_PAGES, 'api/index.html']);
    expect(doc.querySelector('nav.site-nav a[aria-current="page"]')?.getAttribute('href')).to.equal('index.html');
  });

  it('links nothing outside the known pages (so the list below covers the site)', async () => {
    const known = new Set([...DOCS_PAGES, ...EXAMPLE_PAGES].map((p) => SITE + p));
    for (const p of [...DOCS_PAGES, ...EXAMPLE_PAGES]) {
      for (const url of referencedUrls(await page(p), p)) {
        if (!url.pathname.endsWith('.html') || url.pathname.startsWith(`${SITE}api/`)) continue;
        expect(known.has(url.pathname), `${p} links ${url.pathname}, which this test does not check`).to.equal(true);
      }
    }
  });

  for (const p of [...DOCS_PAGES, ...EXAMPLE_PAGES]) {
    describe(p, () => {
      it('has no inline script, style or event handler (it must run under the strict CSP)', async () => {
        const doc = await page(p);
        const inline = [...doc.querySelectorAll('script:not([src])')].map((s) => s.textContent?.trim().slice(0, 60));
        expect(inline, 'inline <script>').to.deep.equal([]);
        expect([...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('type')), 'script types').to.satisfy((types: (string | null)[]) => types.every((t) => t === 'module'));
        expect([...doc.querySelectorAll('[style]')].map((e) => e.outerHTML.slice(0, 80)), 'style attributes').to.deep.equal([]);
        expect(doc.querySelectorAll('style').length, '<style> elements').to.equal(0);
        const handlers = [...doc.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${e.localName} ${a.name}>`));
        expect(handlers, 'event handler attributes').to.deep.equal([]);
        expect(doc.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length, 'javascript: URLs').to.equal(0);
      });

      it('resolves every link, script, stylesheet and data URL, and every #fragment', async () => {
        const doc = await page(p);
        const urls = referencedUrls(doc, p);
        const broken: string[] = [];
        await Promise.all(
          urls.map(async (url) => {
            const status = await statusOf(url.pathname + url.search);
            if (status !== 200) broken.push(`${url.pathname}: HTTP ${status}`);
            else if (url.hash && url.pathname.endsWith('.html') && !url.pathname.startsWith(`${SITE}api/`)) {
              const target = url.pathname.slice(SITE.length);
              const id = decodeURIComponent(url.hash.slice(1));
              if (!(await page(target)).getElementById(id)) broken.push(`${target}#${id}: no such id`);
            }
          }),
        );
        expect(broken).to.deep.equal([]);
        expect(urls.length).to.be.greaterThan(2);
      });

      it('is a well-formed, accessible page', async () => {
        const doc = await page(p);
        expect(doc.documentElement.getAttribute('lang'), 'html lang').to.match(/^zh/);
        expect(doc.title.trim(), 'title').to.not.equal('');
        expect(doc.querySelector('meta[name="viewport"]') !== null || p.startsWith('examples/'), 'viewport').to.equal(true);
        // Every control has a name a screen reader can read.
        for (const control of doc.querySelectorAll('input:not([type="hidden"]), select, textarea')) {
          const id = control.getAttribute('id');
          const named = control.closest('label') !== null || (id !== null && doc.querySelector(`label[for="${id}"]`) !== null) || control.hasAttribute('aria-label');
          expect(named, `${control.outerHTML.slice(0, 80)} has a label`).to.equal(true);
        }
        for (const img of doc.querySelectorAll('img')) expect(img.hasAttribute('alt'), 'img alt').to.equal(true);
        if (p.startsWith('examples/')) return;
        expect(doc.querySelectorAll('h1').length, 'one h1').to.equal(1);
        expect(doc.querySelector('main#main'), 'main#main').to.not.equal(null);
        expect(doc.querySelector('a.skip-link[href="#main"]'), 'skip link').to.not.equal(null);
        const depth = p.split('/').length - 1;
        expect(doc.querySelector('nav.site-nav a[aria-current="page"]')?.getAttribute('href'), 'current nav item').to.equal('../'.repeat(depth) + p);
        // Headings go down one level at a time.
        let previous = 1;
        for (const h of doc.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')) {
          const level = Number(h.localName[1]);
          expect(level, `heading "${h.textContent?.trim()}" after h${previous}`).to.be.at.most(previous + 1);
          previous = level;
        }
      });
    });
  }

  it('shows every error code of the core with its messages and what to do', async () => {
    const doc = await page('errors.html');
    const codes = Object.keys(zhHans)
      .filter((k) => k.startsWith('error.'))
      .map((k) => k.slice('error.'.length));
    expect(codes.length).to.be.greaterThan(10);
    for (const code of codes) {
      const section = doc.getElementById(code);
      expect(section, `section for ${code}`).to.not.equal(null);
      const text = section!.textContent ?? '';
      for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(text, `${code} in ${lang}`).to.contain(translate(`error.${code}`, lang));
      expect(text, `${code} has an explanation`).to.not.contain('待补充');
    }
  });

  it('documents every widget with reference tables generated from their doc blocks', async () => {
    for (const [p, tag, event] of [
      ['widgets/region-picker.html', 'gualian-region-picker', 'gualian-change'],
      ['widgets/hierarchy-tree.html', 'gualian-hierarchy-tree', 'gualian-select'],
      ['widgets/coverage-board.html', 'gualian-coverage-board', 'gualian-select'],
      ['widgets/pairing-roster.html', 'gualian-pairing-roster', 'gualian-pairings-change'],
      ['widgets/visit-log.html', 'gualian-visit-log', 'gualian-visit'],
      ['widgets/score-sheet.html', 'gualian-score-sheet', null],
      ['widgets/review-queue.html', 'gualian-review-queue', 'gualian-review'],
      ['widgets/leaderboard.html', 'gualian-leaderboard', 'gualian-rank-select'],
      ['widgets/rubric-editor.html', 'gualian-rubric-editor', 'gualian-rubric-change'],
      ['widgets/case-board.html', 'gualian-case-board', 'gualian-case-select'],
      ['widgets/case-timeline.html', 'gualian-case-timeline', 'gualian-case-event'],
      ['widgets/workorder-stats.html', 'gualian-workorder-stats', 'gualian-unit-select'],
      ['widgets/resolution-levels.html', 'gualian-resolution-levels', null],
    ] as const) {
      const doc = await page(p);
      expect(doc.querySelector(`[data-element-api-missing="${tag}"]`), `${tag} source missing at build time`).to.equal(null);
      const api = doc.querySelector(`[data-element-api="${tag}"]`);
      expect(api, `${tag} reference`).to.not.equal(null);
      const attributes = [...doc.querySelectorAll(`#${tag}-attributes + .table-wrap tbody tr td:first-child`)].map((td) => td.textContent);
      // Every widget takes the base's attributes; the pickers and trees also `root`.
      expect(attributes).to.include.members(['src', 'lang', 'large-text']);
      // A widget that fires nothing (the score sheet) has no events table.
      if (event) expect(doc.querySelector(`#${tag}-events + .table-wrap`)?.textContent).to.contain(event);
      // Live demos run on the real packs (the visit log takes its places from the page's roster).
      expect([...doc.querySelectorAll(tag)].map((e) => e.getAttribute('src'))).to.satisfy((srcs: (string | null)[]) => srcs.every((s) => (tag === 'gualian-visit-log' && s === null) || s?.startsWith('../data/2023/')));
    }
  });

  it('writes the API reference of both packages', async () => {
    const doc = await page('api/index.html');
    expect(doc.body.textContent).to.contain('@gualian/core');
    for (const p of ['api/modules/_gualian_core.html', 'api/modules/_gualian_elements.html', 'api/classes/_gualian_core.Hierarchy.html']) expect(await statusOf(SITE + p), p).to.equal(200);
  });

  it('publishes the GBK example declaring GBK, loading the same UTF-8 bundle', async () => {
    // The test server re-reads every HTML response as UTF-8 text on its way out, so the GBK
    // bytes themselves cannot be checked from here: scripts/build-site.mjs checks them (it
    // encodes the page and refuses any character GBK lacks), and scripts/serve.mjs sends the
    // page with `charset=gbk`. What survives the trip is ASCII: the declaration and the markup.
    const bytes = await bytesOf(`${SITE}examples/portal-gbk.html`);
    expect(declaredCharset(bytes)).to.equal('gbk');
    const doc = await page('examples/portal-gbk.html');
    expect(doc.querySelector('script[type="module"]')?.getAttribute('src')).to.equal('../assets/gualian-elements.js');
    expect([...doc.querySelectorAll('gualian-region-picker, gualian-hierarchy-tree')].map((e) => e.getAttribute('src'))).to.deep.equal(['../data/2023/index.json', '../data/2023/5306.json']);
    expect((await page('examples/portal.html')).querySelector('script[type="module"]')?.getAttribute('src')).to.equal('../assets/gualian-elements.js');
  });

  it('serves the script-tag bundle and the browser build of the core with their source maps', async () => {
    // The test server rewrites JavaScript on its way out (and would resolve a bare import
    // itself), so that the assets are self-contained is checked by scripts/build-site.mjs.
    for (const file of ['gualian-elements.js', 'gualian-core.js', 'gualian-core-pairing.js', 'gualian-core-assessment.js', 'gualian-core-disputes.js', 'gualian-core-demo.js']) {
      expect(await statusOf(`${SITE}assets/${file}`), file).to.equal(200);
      const map = JSON.parse(new TextDecoder().decode(await bytesOf(`${SITE}assets/${file}.map`))) as { file?: string; sources?: string[] };
      expect(map.file, `${file}.map names its file`).to.equal(file);
      expect(map.sources?.length).to.be.greaterThan(0);
    }
  });
});
