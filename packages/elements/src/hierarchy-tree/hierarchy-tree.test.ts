import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createDivisionStore } from '@gualian/core';
import { edition } from '../../../../tests/fixtures/data.js';
import './define.js';
import { GualianHierarchyTree } from './hierarchy-tree.js';
import { GualianSelectEvent, GualianToggleEvent } from '../base/events.js';
import { widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, unmountAll } from '../base/testing/mount.js';
import { asArray, visibleIndex, visibleRows } from './rows.js';

const INDEX = '/site/data/2023/index.json';
const ZHAOTONG = '/site/data/2023/5306.json';

const items = (el: GualianHierarchyTree) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="treeitem"]')];
const nameOf = (row: Element) => row.querySelector('[part="name"]')!.textContent!;
const rowNamed = (el: GualianHierarchyTree, name: string) => items(el).find((r) => nameOf(r) === name);

async function rowAppears(el: GualianHierarchyTree, name: string): Promise<HTMLElement> {
  await waitUntil(() => rowNamed(el, name) !== undefined, `the row ${name}`, { timeout: 60_000 });
  return rowNamed(el, name)!;
}

/** The names of the rows right below `parent` in the DOM, one level deeper. */
function childRows(el: GualianHierarchyTree, parent: HTMLElement): string[] {
  const level = Number(parent.getAttribute('aria-level'));
  const rows = items(el).sort((a, b) => Number(a.dataset['index']) - Number(b.dataset['index']));
  const out: string[] = [];
  for (const row of rows.slice(rows.indexOf(parent) + 1)) {
    const l = Number(row.getAttribute('aria-level'));
    if (l <= level) break;
    if (l === level + 1) out.push(nameOf(row));
  }
  return out;
}

const toggle = (row: HTMLElement) => row.querySelector<HTMLElement>('[part="toggle"]')!.click();

widgetSuites<GualianHierarchyTree>('gualian-hierarchy-tree', {
  tag: 'gualian-hierarchy-tree',
  data: async () => ({ attributes: { src: ZHAOTONG, root: '5306' } }),
  labels: ['ui.search'],
  async shown(el) {
    await waitUntil(() => items(el).length > 0, 'rows drawn');
  },
  async keyboard(el) {
    expect(deepActiveElement()?.id).to.equal('search');
    await sendKeys({ press: 'Tab' });
    const first = deepActiveElement() as HTMLElement;
    expect(first.getAttribute('role')).to.equal('treeitem');
    expect(nameOf(first)).to.equal('昭通市');
    const selects = record(el, 'gualian-select');
    const toggles = record(el, 'gualian-toggle');
    await sendKeys({ press: 'ArrowDown' }); // 昭阳区
    await sendKeys({ press: 'ArrowRight' }); // expands 昭阳区
    await waitUntil(() => toggles.length === 1, 'a toggle');
    expect(toggles[0]!.code).to.equal('530602');
    expect(toggles[0]!.expanded).to.equal(true);
    await sendKeys({ press: 'ArrowRight' }); // into its first township
    await waitUntil(() => nameOf(deepActiveElement()!) === '凤凰街道', 'focus on the first township');
    await sendKeys({ press: 'Enter' });
    expect(selects).to.have.length(1);
    expect(selects[0]!.code).to.equal('530602001');
    expect(selects[0]!.division.name).to.equal('凤凰街道');
    await sendKeys({ press: 'ArrowLeft' }); // back to 昭阳区
    await waitUntil(() => nameOf(deepActiveElement()!) === '昭阳区', 'focus back on the parent');
    await sendKeys({ press: 'ArrowLeft' }); // collapses it
    await waitUntil(() => toggles.length === 2 && toggles[1]!.expanded === false, 'a collapse');
    await sendKeys({ press: 'End' });
    await waitUntil(() => nameOf(deepActiveElement()!) === '水富市', 'focus on the last row');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => nameOf(deepActiveElement()!) === '昭通市', 'focus on the first row');
    await sendKeys({ press: ' ' });
    expect(selects[1]!.code).to.equal('5306');
    expect(items(el).filter((r) => r.tabIndex === 0)).to.have.length(1);
  },
  async reveal(el, deepest) {
    el.root = null;
    el.expandDepth = 5;
    await el.updateComplete;
    expect(el.hierarchy!.get(deepest)).to.not.equal(undefined);
  },
});

describe('gualian-hierarchy-tree over the whole country (665,276 divisions)', function () {
  this.timeout(180_000);
  afterEach(unmountAll);

  it('keeps only the rows on screen in the DOM while the virtual list holds every visible row', async () => {
    const national = await edition('2023');
    expect(national.size).to.equal(665_276);
    const el = await mount('gualian-hierarchy-tree', {}, { hierarchy: national });
    await ready(el);
    expect(el.rowCount).to.equal(31);
    el.expandDepth = 3;
    await el.updateComplete;
    expect(el.rowCount, 'provinces, prefectures, counties and townships').to.equal(31 + 342 + 2978 + 41_352);
    await rowAppears(el, '东城区');
    expect(items(el).length).to.be.greaterThan(5).and.below(200);
    el.parentElement!.querySelector<HTMLElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActiveElement()!)).to.equal('北京市');
    await sendKeys({ press: 'End' });
    await waitUntil(() => deepActiveElement()?.getAttribute('role') === 'treeitem' && nameOf(deepActiveElement()!) !== '北京市', 'the last row focused', { timeout: 30_000 });
    const last = deepActiveElement() as HTMLElement;
    expect(Number(last.dataset['index'])).to.equal(el.rowCount - 1);
    expect(last.getAttribute('aria-level')).to.equal('4');
    expect(items(el).length).to.be.below(200);
  });

  it('expands 53 → 5306 and shows the 11 counties of 昭通市, with tree semantics', async () => {
    const national = await edition('2023');
    const el = await mount('gualian-hierarchy-tree', {}, { hierarchy: national });
    await ready(el);
    const toggles = record(el, 'gualian-toggle');
    const yunnan = await rowAppears(el, '云南省');
    expect(yunnan.getAttribute('aria-expanded')).to.equal('false');
    expect(yunnan.getAttribute('aria-level')).to.equal('1');
    expect(yunnan.getAttribute('aria-setsize')).to.equal('31');
    expect(yunnan.getAttribute('aria-posinset')).to.equal('25');
    toggle(yunnan);
    const zhaotong = await rowAppears(el, '昭通市');
    expect(toggles[0]).to.be.instanceOf(GualianToggleEvent);
    expect([toggles[0]!.code, toggles[0]!.expanded]).to.deep.equal(['53', true]);
    expect(zhaotong.getAttribute('aria-level')).to.equal('2');
    expect(zhaotong.getAttribute('aria-setsize')).to.equal('16');
    expect(zhaotong.getAttribute('aria-posinset')).to.equal('5');
    toggle(zhaotong);
    await rowAppears(el, '水富市');
    expect(el.rowCount).to.equal(31 + 16 + 11);
    expect(childRows(el, rowNamed(el, '昭通市')!)).to.deep.equal(['昭阳区', '鲁甸县', '巧家县', '盐津县', '大关县', '永善县', '绥江县', '镇雄县', '彝良县', '威信县', '水富市']);
    expect(rowNamed(el, '镇雄县')!.getAttribute('aria-expanded')).to.equal('false');
    toggle(rowNamed(el, '云南省')!);
    await waitUntil(() => rowNamed(el, '昭通市') === undefined, 'collapsed');
    expect(el.rowCount).to.equal(31);
  });

  it('search for 镇雄 reveals 镇雄县 with its ancestors expanded and highlights it; Enter goes to the next match', async () => {
    const national = await edition('2023');
    const el = await mount('gualian-hierarchy-tree', {}, { hierarchy: national });
    await ready(el);
    el.shadowRoot!.querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({ type: '镇雄' });
    const matches = national.search('镇雄', { limit: 200 }).map((d) => d.code).sort();
    expect(matches).to.include('530627');
    const status = () => el.shadowRoot!.querySelector('.search [role="status"]')!.textContent;
    const current = () => el.shadowRoot!.querySelector('[part~="current-match"]');
    await waitUntil(() => current() !== null, 'the first match on screen');
    expect(status()).to.equal(`第 1 个，共 ${matches.length} 个`);
    expect(el.rowCount, 'every match’s ancestors opened').to.be.greaterThan(31);
    // Matches come in tree order; Enter walks them until 镇雄县.
    for (let k = 1; nameOf(current()!) !== '镇雄县'; k++) {
      expect(k, '镇雄县 among the matches').to.be.below(matches.length);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => status() === `第 ${k + 1} 个，共 ${matches.length} 个` && current() !== null, `match ${k + 1} on screen`);
    }
    const county = current() as HTMLElement;
    expect(county.getAttribute('part')).to.include('match');
    expect(county.querySelector('mark')!.textContent).to.equal('镇雄');
    expect(rowNamed(el, '昭通市')!.getAttribute('aria-expanded')).to.equal('true');
    expect(items(el).length).to.be.below(200);
    // A new search folds away what the last one opened.
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#search')!;
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.rowCount).to.equal(31);
  });
});

describe('gualian-hierarchy-tree with lazily loaded packs', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('fetches a province chunk only when a node in it is expanded', async () => {
    const fetched: string[] = [];
    const store = createDivisionStore(INDEX, {
      fetch: (u) => {
        fetched.push(new URL(u).pathname);
        return fetch(u);
      },
    });
    const el = await mount('gualian-hierarchy-tree', { root: '5306' }, { store });
    await ready(el);
    expect(el.rowCount).to.equal(12);
    const county = await rowAppears(el, '镇雄县');
    expect(county.getAttribute('aria-expanded'), 'a county with unloaded townships can expand').to.equal('false');
    expect(fetched).to.deep.equal(['/site/data/2023/index.json']);
    toggle(county);
    await rowAppears(el, '泼机镇');
    expect(fetched).to.deep.equal(['/site/data/2023/index.json', '/site/data/2023/53.json']);
    expect(childRows(el, rowNamed(el, '镇雄县')!)).to.have.length(30);
  });

  it('shows only the root’s subtree, opens expand-depth levels, and puts the page’s badges on rows', async () => {
    const el = await mount('gualian-hierarchy-tree', { src: ZHAOTONG, root: '530627', 'expand-depth': '1', selected: '530627102' }, {
      badges: (d) => (d.level === 'township' ? { label: `${d.name.length} 字`, tone: d.code.endsWith('2') ? 'warn' : 'ok' } : null),
    });
    await ready(el);
    const top = await rowAppears(el, '镇雄县');
    expect(top.getAttribute('aria-level')).to.equal('1');
    expect(el.shadowRoot!.querySelector('[role="tree"]')!.getAttribute('aria-label')).to.equal('镇雄县');
    expect(el.rowCount).to.equal(1 + 30);
    expect(rowNamed(el, '昭阳区')).to.equal(undefined);
    const pj = rowNamed(el, '泼机镇')!;
    expect(pj.getAttribute('aria-selected')).to.equal('true');
    expect(pj.getAttribute('aria-expanded')).to.equal('false');
    const badge = pj.querySelector('[part~="badge"]')!;
    expect(badge.textContent).to.equal('3 字');
    expect(badge.getAttribute('part')).to.equal('badge badge-warn');
    expect(top.querySelector('[part~="badge"]')).to.equal(null);
  });

  it('selects with a click and fires gualian-select with the division', async () => {
    const el = await mount('gualian-hierarchy-tree', { src: ZHAOTONG, root: '5306' });
    await ready(el);
    const selects = record(el, 'gualian-select');
    (await rowAppears(el, '镇雄县')).click();
    expect(selects[0]).to.be.instanceOf(GualianSelectEvent);
    expect(selects[0]!.code).to.equal('530627');
    expect(selects[0]!.division).to.deep.include({ name: '镇雄县', level: 'county', parentCode: '5306' });
    expect(el.selected).to.equal('530627');
    await el.updateComplete;
    expect(rowNamed(el, '镇雄县')!.getAttribute('aria-selected')).to.equal('true');
  });

  it('reveal() opens the ancestors of a village and scrolls it into view', async () => {
    const el = await mount('gualian-hierarchy-tree', { src: ZHAOTONG });
    await ready(el);
    await el.reveal('530627102201');
    const village = await rowAppears(el, '泼机村民委员会');
    expect(village.getAttribute('aria-level')).to.equal('5');
    expect(village.tabIndex).to.equal(0);
  });
});

describe('visible rows as hierarchy positions', () => {
  it('skips collapsed subtrees and finds rows by binary search', async () => {
    const national = await edition('2023');
    const yunnan = national.indexOf('53');
    const rows = visibleRows(national, -1, (i) => i === yunnan);
    expect(rows).to.be.instanceOf(Int32Array);
    expect(rows.length).to.equal(31 + 16);
    expect(national.codeAt(rows[visibleIndex(rows, yunnan) + 1]!)).to.equal('5301');
    expect(visibleIndex(rows, national.indexOf('530627'))).to.equal(-1);
    const view = asArray(rows);
    expect(Array.isArray(view)).to.equal(true);
    expect(view.length).to.equal(rows.length);
    expect(view[0]).to.equal(rows[0]);
    expect(view[rows.length]).to.equal(undefined);
  });
});
