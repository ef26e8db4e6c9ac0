/**
 * The built docs pages running, each under the strict Content-Security-Policy the docs server
 * sends: the page is loaded into an iframe (srcdoc, with the policy as a <meta> tag and a probe
 * script that reports every violation and error), the widgets must render the real data, and
 * the pages' own scripts (display preferences, event logs, the CSV check, tree badges) must work.
 * Widget behaviour itself is tested in packages/elements; this only checks the docs use it right.
 */
import { expect } from 'chai';
import { SITE, PREFS_KEY, open, waitFor, openPage, deepText, show, widgetsOf, widgetsReady, shadowSelect, choose, type LoadedPage } from './support/site-frame.js';

describe('docs site: pages running under the strict CSP', function () {
  this.timeout(120_000);

  before(() => localStorage.removeItem(PREFS_KEY));
  afterEach(() => {
    for (const close of open.splice(0)) close();
  });
  after(() => localStorage.removeItem(PREFS_KEY));


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
