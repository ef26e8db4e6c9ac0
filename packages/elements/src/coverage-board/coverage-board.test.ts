import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { type Hierarchy } from '@gualian/core';
import { checkPairing, describeViolation, Roster, watchPairing, type CoverageReport } from '@gualian/core/pairing';
import { generateRoster, type GeneratedRoster } from '@gualian/core/demo';
import { edition } from '../../../../tests/fixtures/data.js';
import './define.js';
import type { GualianCoverageBoard } from './coverage-board.js';
import { GualianSelectEvent } from '../base/events.js';
import { widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, shownText, unmountAll } from '../base/testing/mount.js';

// ── Real data: the 2023 NBS divisions of 昭通市 and a seeded roster with planted faults ─────

interface Fixture {
  h: Hierarchy;
  generated: GeneratedRoster;
  report: CoverageReport;
}

let fixture: Promise<Fixture> | null = null;
function zhaotong(): Promise<Fixture> {
  fixture ??= (async () => {
    const h = (await edition('2023')).subtree('5306');
    const generated = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
    const report = checkPairing(Roster.from(h, generated), { year: 2024, scope: '5306' });
    return { h, generated, report };
  })();
  return fixture;
}

const COUNTIES = ['昭阳区', '鲁甸县', '巧家县', '盐津县', '大关县', '永善县', '绥江县', '镇雄县', '彝良县', '威信县', '水富市'];

// ── Reading the board as a user sees it ───────────────────────────────────────────────────

const root = (el: GualianCoverageBoard) => el.shadowRoot!;
const rowNames = (el: GualianCoverageBoard) => [...root(el).querySelectorAll<HTMLElement>('table[part="table"] tbody .open')].map((b) => b.textContent!.trim());
const rowButton = (el: GualianCoverageBoard, code: string) => root(el).querySelector<HTMLButtonElement>(`table[part="table"] tbody .open[data-code="${code}"]`);
const stat = (el: GualianCoverageBoard, key: string) => root(el).querySelector(`[data-stat="${key}"] [part="stat-value"]`)?.textContent?.trim();
const items = (el: GualianCoverageBoard) => [...root(el).querySelectorAll<HTMLElement>('li[part~="violation"]')];
const crumbs = (el: GualianCoverageBoard) => [...root(el).querySelectorAll<HTMLElement>('[part~="breadcrumbs"] li')].map((li) => li.textContent!.trim());
const chartToggle = (el: GualianCoverageBoard) => root(el).querySelector<HTMLButtonElement>('[part="chart-toggle"]')!;
const n = (x: number) => x.toLocaleString('en-US');

/** Press "show more" until every violation is listed. */
async function showAll(el: GualianCoverageBoard): Promise<void> {
  for (let more = root(el).querySelector<HTMLButtonElement>('[part="more"]'); more !== null; more = root(el).querySelector('[part="more"]')) {
    more.click();
    await el.updateComplete;
  }
}

/** The text of a column (found by its sort key) in the row of `code`. */
function cell(el: GualianCoverageBoard, code: string, key: string): string {
  const heads = [...root(el).querySelectorAll('table[part="table"] thead th')];
  const i = heads.findIndex((th) => th.querySelector(`[data-sort="${key}"]`) !== null);
  expect(i, `column ${key}`).to.be.at.least(0);
  const row = root(el).querySelector(`table[part="table"] tr[data-code="${code}"]`);
  expect(row, `row ${code}`).to.not.equal(null);
  return row!.children[i]!.textContent!.trim();
}

async function choose(el: GualianCoverageBoard, id: string, value: string): Promise<void> {
  const select = root(el).querySelector<HTMLSelectElement>(`#${id}`)!;
  expect([...select.options].map((o) => o.value), `${id} offers ${value}`).to.include(value);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function board(attributes: Record<string, string | boolean> = {}, properties: Partial<GualianCoverageBoard> = {}): Promise<GualianCoverageBoard> {
  const { h, report } = await zhaotong();
  const el = await mount('gualian-coverage-board', attributes, { hierarchy: h, report, ...properties });
  await ready(el);
  return el;
}

/** Module URLs of ECharts the page has fetched so far. */
const echartsFetched = () => performance.getEntriesByType('resource').filter((e) => /\/node_modules\/(echarts|zrender)\//.test(e.name));

// Runs first: nothing in this file may have pulled ECharts in before.
// Room for every resource entry (the browser keeps 250 by default), so a fetch is never missed.
performance.setResourceTimingBufferSize(100_000);

describe('gualian-coverage-board: the chart', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('fetches ECharts only when the chart is shown, then draws it on a canvas with a data table beside it', async () => {
    const { report } = await zhaotong();
    const el = await board();
    expect(root(el).querySelector('canvas'), 'no canvas before the chart is asked for').to.equal(null);
    expect(echartsFetched(), 'ECharts not fetched with the board').to.have.length(0);
    expect(chartToggle(el).getAttribute('aria-expanded')).to.equal('false');
    expect(chartToggle(el).textContent!.trim()).to.equal('显示图表');

    chartToggle(el).click();
    await waitUntil(() => root(el).querySelector('[part="chart"] canvas') !== null, 'the chart drawn on a canvas', { timeout: 60_000 });
    expect(echartsFetched().length, 'ECharts fetched on demand').to.be.greaterThan(0);
    expect(el.showChart).to.equal(true);
    expect(el.hasAttribute('show-chart')).to.equal(true);
    expect(chartToggle(el).getAttribute('aria-expanded')).to.equal('true');
    expect(chartToggle(el).textContent!.trim()).to.equal('隐藏图表');
    const chart = root(el).querySelector<HTMLElement>('[part="chart"]')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-label')).to.include('昭通市');
    const canvas = chart.querySelector('canvas')!;
    expect(canvas.width, 'canvas drawn at a real size').to.be.greaterThan(200);

    // The text alternative: one row per county with both percentages, as the table shows them.
    const dataRows = [...root(el).querySelectorAll('[part="chart-data"] tbody tr')];
    expect(dataRows.map((r) => r.querySelector('th')!.textContent)).to.deep.equal(COUNTIES);
    const zhenxiong = report.divisions.find((d) => d.code === '530627')!.totals;
    const cells = [...dataRows[7]!.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells[0]).to.equal(`${Math.floor((zhenxiong.villagesCovered / zhenxiong.villages) * 1000) / 10}%`);
    expect(cells[1]).to.equal(`${Math.floor((zhenxiong.pairingsCompliant / zhenxiong.villagePairings) * 1000) / 10}%`);

    // Large text makes the chart's text larger, and so the chart taller.
    const before = chart.getBoundingClientRect().height;
    el.largeText = true;
    await el.updateComplete;
    expect(chart.getBoundingClientRect().height).to.be.greaterThan(before);

    // Drilling into a county compares its townships.
    rowButton(el, '530627')!.click();
    await el.updateComplete;
    expect(root(el).querySelectorAll('[part="chart-data"] tbody tr')).to.have.length(30);
    expect(root(el).querySelector('[part="chart"] canvas')).to.equal(canvas);

    chartToggle(el).click();
    await el.updateComplete;
    expect(root(el).querySelector('canvas'), 'the chart is gone when hidden').to.equal(null);
    expect(root(el).querySelector<HTMLElement>('#chart-body')!.hidden).to.equal(true);
  });

  it('opens with the chart when show-chart is set', async () => {
    const el = await board({ 'show-chart': true, lang: 'en' });
    await waitUntil(() => root(el).querySelector('[part="chart"] canvas') !== null, 'the chart drawn', { timeout: 60_000 });
    expect(root(el).querySelector('[part="chart-data"] caption')!.textContent).to.equal('Chart data: 昭通市');
  });
});

widgetSuites<GualianCoverageBoard>('gualian-coverage-board', {
  tag: 'gualian-coverage-board',
  data: async () => {
    const { h, report } = await zhaotong();
    return { properties: { hierarchy: h, report } };
  },
  labels: ['ui.col.coverage', 'ui.col.compliance', 'ui.stat.cadres', 'ui.showChart', 'ui.filter.severity', 'ui.filter.cadre'],
  async keyboard(el) {
    // Tab lands on the first column header; Enter sorts by it, descending then ascending.
    const first = deepActiveElement() as HTMLElement;
    expect(first.dataset['sort']).to.equal('name');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rowNames(el)[0]).to.equal('水富市');
    expect(first.closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(COUNTIES);
    // One tab stop per header, then one for the whole table body.
    let tabs = 0;
    while (!(deepActiveElement() as HTMLElement).classList.contains('open') && tabs < 20) {
      await sendKeys({ press: 'Tab' });
      tabs++;
    }
    expect(tabs, 'Tab presses from the first header to the rows').to.equal(10);
    const name = () => deepActiveElement()!.textContent!.trim();
    expect(name()).to.equal('昭阳区');
    await sendKeys({ press: 'ArrowDown' });
    expect(name()).to.equal('鲁甸县');
    await sendKeys({ press: 'End' });
    expect(name()).to.equal('水富市');
    await sendKeys({ press: 'Home' });
    expect(name()).to.equal('昭阳区');
    await sendKeys({ press: 'ArrowDown' });
    const selects = record(el, 'gualian-select');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rowNames(el).length > 0 && rowNames(el)[0] !== '昭阳区', 'the townships of 鲁甸县');
    expect(selects.map((e) => e.code)).to.deep.equal(['530621']);
    expect(el.current).to.equal('530621');
    expect(name(), 'focus on the first township').to.equal(rowNames(el)[0]);
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => rowNames(el)[0] === '昭阳区', 'back to the counties');
    expect(name(), 'focus back on the county just left').to.equal('鲁甸县');
    expect(selects.map((e) => e.code)).to.deep.equal(['530621', '5306']);
    expect(root(el).querySelectorAll('tbody .open[tabindex="0"]')).to.have.length(1);
  },
  async reveal(el, deepest) {
    el.current = deepest;
    await el.updateComplete;
  },
});

describe('gualian-coverage-board on 昭通市 2024 (real divisions, seeded roster with planted faults)', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('shows the report’s totals as the headline figures', async () => {
    const { report, generated } = await zhaotong();
    const t = report.totals;
    const el = await board();
    expect(t.villages, 'Zhaotong’s villages in the 2023 edition').to.equal(1402);
    expect(t.villagesUncovered).to.equal(generated.planted.uncovered.length);
    expect(stat(el, 'villagesCovered')).to.equal(`${n(t.villagesCovered)} / ${n(t.villages)}`);
    expect(stat(el, 'villagesShort')).to.equal(n(t.villagesShort));
    expect(stat(el, 'villagesUncovered')).to.equal(n(t.villagesUncovered));
    expect(stat(el, 'townshipsLed')).to.equal(`${n(t.townshipsLed)} / ${n(t.townships)}`);
    expect(stat(el, 'countiesLed')).to.equal(`${n(t.countiesLed)} / ${n(t.counties)}`);
    expect(stat(el, 'cadres')).to.equal(n(t.cadres));
    expect(stat(el, 'visits')).to.equal(n(t.visits));
    expect(stat(el, 'pairingsCompliant')).to.equal(`${n(t.pairingsCompliant)} / ${n(t.villagePairings)}`);
    expect(stat(el, 'visitShortfall')).to.equal(n(t.visitShortfall));
    expect(stat(el, 'errors')).to.equal(n(t.errors));
    expect(stat(el, 'warnings')).to.equal(n(t.warnings));
    expect(root(el).querySelector('[part="title"]')!.textContent).to.equal('云南省 昭通市 · 2024 年挂联覆盖与走访');
    expect(root(el).querySelector('[data-stat="villagesUncovered"]')!.getAttribute('part')).to.equal('stat stat-bad');
  });

  it('lists the 11 counties with their coverage and compliance, sortable by every column', async () => {
    const { report } = await zhaotong();
    const el = await board();
    expect(rowNames(el)).to.deep.equal(COUNTIES);
    expect(root(el).querySelector('table[part="table"] caption')!.textContent).to.equal('昭通市所辖单位');
    for (const d of report.divisions.filter((x) => x.level === 'county')) {
      const t = d.totals;
      expect(cell(el, d.code, 'covered')).to.equal(`${n(t.villagesCovered)} / ${n(t.villages)}`);
      expect(cell(el, d.code, 'errors')).to.equal(n(t.errors));
      expect(cell(el, d.code, 'shortfall')).to.equal(n(t.visitShortfall));
      const coverage = cell(el, d.code, 'coverage');
      if (t.villagesCovered === t.villages) expect(coverage).to.equal('100%');
      else expect(parseFloat(coverage), `${d.name} is short of 100%`).to.be.below(100).and.at.most((t.villagesCovered / t.villages) * 100);
    }
    // Ascending coverage puts the worst county first; clicking again reverses.
    const sortCoverage = () => root(el).querySelector<HTMLButtonElement>('[data-sort="coverage"]')!.click();
    sortCoverage();
    await el.updateComplete;
    const ratio = (name: string) => {
      const t = report.divisions.find((d) => d.name === name)!.totals;
      return t.villagesCovered / t.villages;
    };
    const ascending = rowNames(el).map(ratio);
    expect(ascending).to.deep.equal([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).to.be.below(1);
    expect(root(el).querySelector('[data-sort="coverage"]')!.closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    sortCoverage();
    await el.updateComplete;
    expect(rowNames(el).map(ratio)[0]).to.equal(1);
    expect(root(el).querySelector('[data-sort="coverage"]')!.closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    expect(root(el).querySelectorAll('th[aria-sort]')).to.have.length(1);
  });

  it('drills down from a county to its townships, to a village and its violations, and back up by the breadcrumbs', async () => {
    const { h, report, generated } = await zhaotong();
    const uncovered = generated.planted.uncovered.find((c) => c.startsWith('530602'))!;
    expect(uncovered, 'a village of 昭阳区 left uncovered by the seed').to.be.a('string');
    const township = uncovered.slice(0, 9);
    const el = await board();
    const selects = record(el, 'gualian-select');

    rowButton(el, '530602')!.click();
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(h.childrenOf('530602').map((d) => d.name));
    expect(crumbs(el)).to.deep.equal(['昭通市', '昭阳区']);
    const county = report.divisions.find((d) => d.code === '530602')!.totals;
    expect(stat(el, 'villagesCovered')).to.equal(`${n(county.villagesCovered)} / ${n(county.villages)}`);
    expect(stat(el, 'errors')).to.equal(n(county.errors));
    expect(root(el).querySelector('[data-stat="countiesLed"]'), 'a county’s headline still counts its own lead').to.not.equal(null);

    rowButton(el, township)!.click();
    await el.updateComplete;
    expect(root(el).querySelector('table[part="table"] caption')!.textContent).to.equal(`${h.get(township)!.name}所辖村（社区）`);
    expect(rowNames(el)).to.deep.equal(h.childrenOf(township).map((d) => d.name));
    expect(cell(el, uncovered, 'status')).to.equal('无人挂联');
    expect(root(el).querySelector('[data-stat="countiesLed"]'), 'no “0 / 0” line for counties in a township').to.equal(null);
    const coveredVillage = h.childrenOf(township).find((d) => report.violations.every((v) => v.divisions[0] !== d.code))!;
    expect(cell(el, coveredVillage.code, 'status')).to.equal('已覆盖');

    rowButton(el, uncovered)!.click();
    await el.updateComplete;
    expect(root(el).querySelector('table[part="table"]'), 'a village has no table below it').to.equal(null);
    expect(root(el).querySelector('[part="village"]')!.textContent).to.include(h.get(uncovered)!.name).and.include('无人挂联');
    const own = report.violations.filter((v) => v.divisions[0] === uncovered);
    expect(items(el).map((li) => li.querySelector('[part="message"]')!.textContent)).to.deep.equal(own.map((v) => describeViolation(v, 'zh-Hans', (c) => h.get(c)?.name)));
    expect(crumbs(el)).to.deep.equal(['昭通市', '昭阳区', h.get(township)!.name, h.get(uncovered)!.name]);
    expect(el.getAttribute('current')).to.equal(uncovered);

    // Back up two levels with the breadcrumb; then to the top.
    [...root(el).querySelectorAll<HTMLButtonElement>('[part="crumb"]')].find((b) => b.textContent === '昭阳区')!.click();
    await el.updateComplete;
    expect(rowNames(el)).to.include(h.get(township)!.name);
    [...root(el).querySelectorAll<HTMLButtonElement>('[part="crumb"]')].find((b) => b.textContent === '昭通市')!.click();
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(COUNTIES);
    expect(selects.every((e) => e instanceof GualianSelectEvent)).to.equal(true);
    expect(selects.map((e) => e.code)).to.deep.equal(['530602', township, uncovered, '530602', '5306']);
    expect(selects[2]!.division).to.deep.include({ code: uncovered, level: 'village', name: h.get(uncovered)!.name, parentCode: township });
  });

  it('narrows the violations by severity, kind, area and cadre id', async () => {
    const { h, report, generated } = await zhaotong();
    const el = await board();
    const count = () => root(el).querySelector('.count')!.textContent;
    const all = report.violations.length;
    expect(all, 'more violations than one page').to.be.greaterThan(20);
    expect(items(el)).to.have.length(20);
    expect(count()).to.equal(`显示 20 条，共 ${all} 条`);
    expect(root(el).querySelector('[part="more"]')!.textContent).to.equal(`再显示 ${Math.min(20, all - 20)} 条`);
    await showAll(el);
    expect(items(el)).to.have.length(all);
    expect(count()).to.equal(`显示 ${all} 条，共 ${all} 条`);

    await choose(el, 'f-severity', 'error');
    const errors = report.violations.filter((v) => v.severity === 'error');
    expect(errors.length).to.equal(report.totals.errors);
    expect(items(el)).to.have.length(errors.length);
    expect(items(el).every((li) => li.getAttribute('part') === 'violation violation-error')).to.equal(true);

    await choose(el, 'f-code', 'village.short');
    expect(items(el).map((li) => li.dataset['division'])).to.deep.equal([...generated.planted.short].sort());

    await choose(el, 'f-code', '');
    await choose(el, 'f-division', '530627');
    expect(items(el).map((li) => li.dataset['division'])).to.deep.equal(errors.filter((v) => v.divisions[0]!.startsWith('530627')).map((v) => v.divisions[0]));
    expect(root(el).querySelector('#f-division option[value="530627"]')!.textContent).to.equal(`镇雄县（${report.violations.filter((v) => v.divisions[0]!.startsWith('530627')).length}）`);

    root(el).querySelector<HTMLButtonElement>('[part="clear-filters"]')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[part="clear-filters"]')).to.equal(null);
    await showAll(el);
    expect(items(el)).to.have.length(report.violations.length);

    const cadre = generated.planted.noVisits[0]!;
    const input = root(el).querySelector<HTMLInputElement>('#f-cadre')!;
    input.value = cadre.toLowerCase().slice(1); // part of the id, in another case
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const theirs = report.violations.filter((v) => v.cadres.some((c) => c.includes(cadre.slice(1))));
    expect(theirs.length, 'visits short and no visits at all').to.be.at.least(2);
    expect(items(el).map((li) => li.querySelector('[part="message"]')!.textContent)).to.deep.equal(theirs.map((v) => describeViolation(v, 'zh-Hans', (c) => h.get(c)?.name)));

    input.value = 'no-such-cadre';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(items(el)).to.have.length(0);
    expect(shownText(el)).to.include('没有符合条件的问题');
  });

  it('lists the planted uncovered and short villages by name, and the township left without a lead', async () => {
    const { h, generated } = await zhaotong();
    const el = await board({ lang: 'en' });
    await showAll(el);
    const find = (code: string, division: string) => items(el).find((li) => li.dataset['code'] === code && li.dataset['division'] === division);
    for (const village of generated.planted.uncovered) {
      const li = find('village.uncovered', village);
      expect(li, `uncovered ${village}`).to.not.equal(undefined);
      expect(li!.querySelector('[part="message"]')!.textContent).to.equal(`${h.get(village)!.name}: no paired cadre (at least 3 required)`);
      // Where it is, below the open division: county / township.
      expect(li!.querySelector('.where')!.textContent).to.equal(`${h.get(village.slice(0, 6))!.name} / ${h.get(village.slice(0, 9))!.name}`);
    }
    for (const village of generated.planted.short) expect(find('village.short', village), `short ${village}`).to.not.equal(undefined);
    expect(find('township.no-lead', generated.planted.unledTownship[0]!)!.textContent).to.include(h.get(generated.planted.unledTownship[0]!)!.name);
    expect(stat(el, 'townshipsLed')).to.equal('149 of 150');
  });

  it('follows a monitor: refresh() shows visits added to its roster', async () => {
    const { h, generated } = await zhaotong();
    const roster = Roster.from(h, generated);
    const monitor = watchPairing(roster, { year: 2024, scope: '5306' });
    try {
      const el = await board({}, { report: null, monitor });
      const before = monitor.totals();
      expect(stat(el, 'pairingsCompliant')).to.equal(`${n(before.pairingsCompliant)} / ${n(before.villagePairings)}`);
      const cadre = generated.planted.fewVisits[0]!;
      const village = generated.pairings.find((p) => p.cadreId === cadre && p.role === 'village')!.code;
      const input = root(el).querySelector<HTMLInputElement>('#f-cadre')!;
      input.value = cadre;
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(items(el).map((li) => li.dataset['code'])).to.include('visits.short');
      ['2024-02-15', '2024-05-15', '2024-08-15', '2024-11-15'].forEach((date, i) =>
        roster.addVisit({ id: `TEST-${i}`, cadreId: cadre, villageCode: village, date, minutes: 120, households: 6, activities: ['law-class'] }),
      );
      // Nothing changes until the board is told.
      expect(stat(el, 'pairingsCompliant')).to.equal(`${n(before.pairingsCompliant)} / ${n(before.villagePairings)}`);
      await el.refresh();
      const after = monitor.totals();
      expect(after.pairingsCompliant).to.equal(before.pairingsCompliant + 1);
      expect(stat(el, 'pairingsCompliant')).to.equal(`${n(after.pairingsCompliant)} / ${n(after.villagePairings)}`);
      expect(stat(el, 'visits')).to.equal(n(before.visits + 4));
      expect(items(el).map((li) => li.dataset['code'])).to.not.include('visits.short');
    } finally {
      monitor.stop();
    }
  });

  it('starts at the scope attribute and says when the report is of another year', async () => {
    const { h } = await zhaotong();
    const el = await board({ scope: '530627', year: '2023', lang: 'en' });
    expect(root(el).querySelector('[part="title"]')!.textContent).to.equal('云南省 昭通市 镇雄县 · pairing coverage and visits, 2024');
    expect(root(el).querySelector('[part="notice"]')!.textContent).to.equal('Note: these results are for 2024, not 2023');
    expect(rowNames(el)).to.deep.equal(h.childrenOf('530627').map((d) => d.name));
    expect(rowNames(el)).to.have.length(30);
    expect(crumbs(el)).to.deep.equal(['镇雄县']);
    // A code outside the scope is not opened.
    el.current = '530602';
    await el.updateComplete;
    expect(crumbs(el)).to.deep.equal(['镇雄县']);
  });

  it('shows counties and townships from the report alone, before any division data', async () => {
    const { report } = await zhaotong();
    const el = await mount('gualian-coverage-board', {}, { report });
    await ready(el);
    expect(rowNames(el)).to.deep.equal(COUNTIES);
    // The report names its counties and townships but not its scope, nor its villages.
    expect(root(el).querySelector('[part="title"]')!.textContent).to.equal('5306 · 2024 年挂联覆盖与走访');
    rowButton(el, '530622')!.click();
    await el.updateComplete;
    expect(rowNames(el)).to.include('大寨镇');
  });

  it('has no axe violations with the chart open, in a township’s villages and in a village, in large text', async () => {
    const { generated } = await zhaotong();
    const village = generated.planted.short[0]!;
    const el = await board({ 'show-chart': true, 'large-text': true, lang: 'en' });
    await waitUntil(() => root(el).querySelector('[part="chart"] canvas') !== null, 'the chart drawn', { timeout: 60_000 });
    await expect(el).to.be.accessible();
    el.current = village.slice(0, 9);
    await el.updateComplete;
    expect(rowButton(el, village)).to.not.equal(null);
    await expect(el).to.be.accessible();
    rowButton(el, village)!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[part="village"]')).to.not.equal(null);
    expect(deepActiveElement()!.id, 'focus moves to the village opened').to.equal('village-title');
    await expect(el).to.be.accessible();
  });

  it('hands a tree badges of the report it shows, in its language', async () => {
    const { h, report, generated } = await zhaotong();
    const el = await board({ lang: 'en' });
    const badges = el.treeBadges()!;
    expect(badges(h.get(generated.planted.short[0]!)!)).to.deep.equal({ label: 'short 1', tone: 'bad' });
    expect(badges(h.get('5306')!)).to.deep.equal({ label: `99% · ${report.totals.errors}`, tone: 'bad' });
    el.setAttribute('lang', 'zh-Hant');
    expect(el.treeBadges()!(h.get(generated.planted.uncovered[0]!)!)!.label).to.equal('無人掛聯');
    el.report = null;
    expect(el.treeBadges()).to.equal(null);
  });

  it('says so when there is no report yet', async () => {
    const { h } = await zhaotong();
    const el = await mount('gualian-coverage-board', { lang: 'zh-Hant' }, { hierarchy: h });
    expect(root(el).querySelector('[part="status"]')!.textContent).to.equal('還沒有檢查結果');
  });
});
