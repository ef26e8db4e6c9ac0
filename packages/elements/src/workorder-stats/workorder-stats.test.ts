import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { describeDisputeError, redBlackList, replayWorkOrders, workOrderMeasures, type WorkOrderEvent, type WorkOrderMeasure } from '@gualian/core/disputes';
import { widgetSuites, HOSTILE_NAMES } from '../base/testing/suites.js';
import { translate } from '../base/testing/messages.js';
import { deepActiveElement, mount, ready, record, shownText, unmountAll } from '../base/testing/mount.js';
import { displayPercent, formatPercent } from '../coverage-board/figures.js';
import './define.js';
import { GualianUnitSelectEvent } from './events.js';
import { monthLabel, monthlyRates } from './model.js';
import { zhaotongDisputes } from './testing/disputes.js';
import type { GualianWorkorderStats } from './workorder-stats.js';

// ── Reading the widget as a user sees it ──────────────────────────────────────────────────

const root = (el: GualianWorkorderStats) => el.shadowRoot!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: GualianWorkorderStats) => [...root(el).querySelectorAll<HTMLElement>('table[part="table"] tbody tr')];
const units = (el: GualianWorkorderStats) => rows(el).map((r) => r.dataset['unit']!);
const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => text(td));
const listUnits = (el: GualianWorkorderStats, which: 'red' | 'black') => [...root(el).querySelectorAll<HTMLElement>(`[part="${which}-list"] li`)].map((li) => li.dataset['unit']!);
const sortButton = (el: GualianWorkorderStats, column: string) => root(el).querySelector<HTMLButtonElement>(`[part="sort"][data-column="${column}"]`)!;
// The page loads hundreds of modules: room for every resource entry, or the browser drops the
// later ones (250 by default) and a fetch of ECharts would go unseen.
performance.setResourceTimingBufferSize(100_000);
const echartsFetched = () => performance.getEntriesByType('resource').filter((e) => /\/node_modules\/(echarts|zrender)\//.test(e.name));
const pct = (part: number, whole: number, lang: 'zh-Hans' | 'en' = 'zh-Hans') => formatPercent(displayPercent(part, whole, 1), lang);

/** Press “show more” until the table lists every unit of the month. */
async function showAll(el: GualianWorkorderStats): Promise<void> {
  for (let more = root(el).querySelector<HTMLButtonElement>('[part="more"]'); more !== null; more = root(el).querySelector<HTMLButtonElement>('[part="more"]')) {
    more.click();
    await el.updateComplete;
  }
}

async function choose(el: GualianWorkorderStats, id: string, value: string): Promise<void> {
  const select = root(el).querySelector<HTMLSelectElement>(`#${id}`)!;
  expect([...select.options].map((o) => o.value), `${id} offers ${value}`).to.include(value);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function stats(attributes: Record<string, string | boolean> = {}, properties: Partial<GualianWorkorderStats> = {}): Promise<GualianWorkorderStats> {
  const { generated, h } = await zhaotongDisputes();
  const el = await mount('gualian-workorder-stats', attributes, { hierarchy: h, events: generated.workOrderEvents, ...properties });
  await ready(el);
  return el;
}

/** The core's measures of the demo year, computed here the way a host would. */
async function coreMeasures(): Promise<WorkOrderMeasure[]> {
  const { orders } = await zhaotongDisputes();
  return workOrderMeasures(orders);
}

/** The row of the table the user reads for a measure: every count and every rate. */
const expectedCells = (m: WorkOrderMeasure) => [
  String(m.dispatched),
  String(m.returned),
  String(m.completed),
  String(m.completedOnTime),
  pct(m.completedOnTime, m.completed),
  String(m.rated),
  String(m.satisfied),
  pct(m.satisfied, m.rated),
  pct(m.signedOnTime, m.signed),
  pct(m.calledBackOnTime, m.calledBack),
];

describe('gualian-workorder-stats: a year of Zhaotong’s 12345 work orders', function () {
  this.timeout(180_000);
  afterEach(unmountAll);
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('opens on the latest month with data and lists every unit of it with the core’s measures', async () => {
    const measures = await coreMeasures();
    const latest = measures[measures.length - 1]!.month;
    const el = await stats();
    expect(el.shownMonth).to.equal(latest);
    expect(text(root(el).querySelector('[part="title"]'))).to.equal(translate('ui.workorderStats.titleMonth', 'zh-Hans', { month: monthLabel(latest, 'zh-Hans') }));
    const month = measures.filter((m) => m.month === latest);
    expect(month.length).to.be.greaterThan(200);
    // Sorted by unit name at first, as the core sorts them; 30 at a time.
    expect(units(el)).to.deep.equal(month.slice(0, 30).map((m) => m.unit));
    expect(text(root(el).querySelector('[part="more"]'))).to.equal('再显示 30 条');
    await showAll(el);
    expect(units(el)).to.deep.equal(month.map((m) => m.unit));
    for (const m of month) {
      const row = rows(el).find((r) => r.dataset['unit'] === m.unit)!;
      expect(cells(row), m.unit).to.deep.equal(expectedCells(m));
    }
    // The month's totals, summed from the same measures.
    const sum = (k: 'dispatched' | 'completed') => month.reduce((t, m) => t + m[k], 0);
    const summary = text(root(el).querySelector('[part="summary"]'));
    expect(summary).to.include(`派单 ${sum('dispatched').toLocaleString('zh-Hans')} 件`);
    expect(summary).to.include(`办结 ${sum('completed').toLocaleString('zh-Hans')} 件`);
  });

  it('goes to another month with the month picker, and takes replayed orders as well as events', async () => {
    const { orders } = await zhaotongDisputes();
    const measures = await coreMeasures();
    const el = await stats({}, { events: null, orders });
    const months = [...new Set(measures.map((m) => m.month))];
    expect([...root(el).querySelectorAll<HTMLOptionElement>('#f-month option')].map((o) => o.value)).to.deep.equal([...months].reverse());
    await choose(el, 'f-month', '2024-03');
    expect(el.month).to.equal('2024-03');
    expect(el.getAttribute('month')).to.equal('2024-03');
    await showAll(el);
    expect(units(el)).to.deep.equal(measures.filter((m) => m.month === '2024-03').map((m) => m.unit));
    expect(text(root(el).querySelector('[part="title"]'))).to.include('2024年3月');
    // A month without data falls back to the latest.
    el.month = '2019-01';
    await el.updateComplete;
    expect(el.shownMonth).to.equal(months[months.length - 1]);
  });

  it('sorts by any column, largest first, then the other way round, saying so to assistive technology', async () => {
    const el = await stats({ month: '2024-06', 'page-size': '500' });
    expect(root(el).querySelector('[part="more"]')).to.equal(null);
    const month = (await coreMeasures()).filter((m) => m.month === '2024-06');
    sortButton(el, 'completed').click();
    await el.updateComplete;
    const completed = rows(el).map((r) => Number(cells(r)[2]!.replace(/,/g, '')));
    expect(completed).to.deep.equal(month.map((m) => m.completed).sort((a, b) => b - a));
    expect(sortButton(el, 'completed').closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    expect(sortButton(el, 'unit').closest('th')!.getAttribute('aria-sort')).to.equal('none');
    sortButton(el, 'completed').click();
    await el.updateComplete;
    expect(sortButton(el, 'completed').closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    expect(rows(el).map((r) => Number(cells(r)[2]!.replace(/,/g, '')))).to.deep.equal([...completed].reverse().sort((a, b) => a - b));
    // A rate: units without a completion (no rate) go last whichever way.
    sortButton(el, 'onTimeRate').click();
    await el.updateComplete;
    const rates = units(el).map((u) => month.find((m) => m.unit === u)!.onTimeRate);
    const known = rates.filter((r): r is number => r !== null);
    expect(known).to.deep.equal([...known].sort((a, b) => b - a));
    expect(rates.slice(known.length).every((r) => r === null)).to.equal(true);
  });

  it('shows the month’s red/black list as the core ranks it, with each unit’s score and why; size and min-completed change it', async () => {
    const measures = await coreMeasures();
    const el = await stats({ month: '2024-05' });
    const lists = redBlackList(measures, '2024-05');
    expect(lists.red).to.have.length(3);
    expect(listUnits(el, 'red')).to.deep.equal(lists.red.map((u) => u.unit));
    expect(listUnits(el, 'black')).to.deep.equal(lists.black.map((u) => u.unit));
    const worst = lists.black[0]!;
    const item = root(el).querySelector(`[part="black-list"] li[data-unit="${CSS.escape(worst.unit)}"]`)!;
    expect(text(item)).to.include(`第 ${worst.rank} 名`);
    expect(text(item)).to.include(`办结 ${worst.completed} 件`);
    expect(text(item)).to.include(`满意率 ${formatPercent(displayPercent(Math.round(worst.satisfactionRate! * 1e6), 1e6, 1), 'zh-Hans')}`);
    // The table marks the listed units.
    await showAll(el);
    const marked = rows(el).filter((r) => r.classList.contains('black')).map((r) => r.dataset['unit']);
    expect(marked.sort()).to.deep.equal(lists.black.map((u) => u.unit).sort());
    el.size = 5;
    el.minCompleted = 10;
    await el.updateComplete;
    const strict = redBlackList(measures, '2024-05', { size: 5, minCompleted: 10 });
    expect(strict.ranking.length).to.be.lessThan(lists.ranking.length);
    expect(listUnits(el, 'red')).to.deep.equal(strict.red.map((u) => u.unit));
    expect(listUnits(el, 'black')).to.deep.equal(strict.black.map((u) => u.unit));
    expect(el.lists!.ranking.every((u) => u.completed >= 10)).to.equal(true);
  });

  it('weighs the lists by the policy, and judges on-time completion by its limits', async () => {
    const { orders } = await zhaotongDisputes();
    // Satisfaction alone, and complaints to be completed the same day.
    const policy = { weights: { onTime: 0, satisfaction: 1 }, limits: { complaint: { completeDays: 0 } } };
    const el = await stats({ month: '2024-05' }, { policy });
    const measures = workOrderMeasures(orders, policy);
    const lists = redBlackList(measures, '2024-05', { policy });
    expect(listUnits(el, 'red')).to.deep.equal(lists.red.map((u) => u.unit));
    await showAll(el);
    const strictOnTime = measures.filter((m) => m.month === '2024-05').reduce((t, m) => t + m.completedOnTime, 0);
    const defaultOnTime = (await coreMeasures()).filter((m) => m.month === '2024-05').reduce((t, m) => t + m.completedOnTime, 0);
    expect(strictOnTime).to.be.lessThan(defaultOnTime);
    expect(rows(el).reduce((t, r) => t + Number(cells(r)[3]!.replace(/,/g, '')), 0)).to.equal(strictOnTime);
  });

  it('counts and lists the events the core refuses, and still counts the rest', async () => {
    const { generated } = await zhaotongDisputes();
    const events = generated.workOrderEvents;
    const completed = events.find((e) => e.type === 'completed')!;
    const bad: WorkOrderEvent[] = [
      // Rated before it was ever received, and completed twice.
      { id: 'X-1', orderId: 'NO-SUCH-ORDER', type: 'rated', at: '2024-03-01T09:00:00+08:00', actor: { id: 'x', unit: 'x' }, payload: { satisfied: true } },
      { ...completed, id: `${completed.id}-again` },
    ];
    const all = [...events, ...bad];
    const replay = replayWorkOrders(all);
    expect(replay.refused).to.have.length(2);
    const el = await stats({ lang: 'en' }, { events: all });
    expect(el.refused.map((r) => r.id)).to.deep.equal(['X-1', `${completed.id}-again`]);
    const details = root(el).querySelector<HTMLDetailsElement>('[part="refused"]')!;
    expect(text(details.querySelector('summary'))).to.equal(translate('ui.disputeStats.refused', 'en', { count: 2 }));
    const items = [...details.querySelectorAll('li')].map((li) => text(li));
    expect(items[0]).to.equal(translate('ui.disputeStats.refusedEntry', 'en', { position: (events.length + 1).toLocaleString('en'), id: 'X-1', reason: describeDisputeError(replay.refused[0]!.error, 'en') }));
    expect(items[1]).to.include(describeDisputeError(replay.refused[1]!.error, 'en'));
    // The measures are those of the valid events.
    expect(el.measures).to.deep.equal(await coreMeasures());
  });

  it('picks a unit from the table, a list or the picker: the event carries the core’s measure, and the chart follows it', async () => {
    const el = await stats({ month: '2024-04' });
    const picks = record(el, 'gualian-unit-select');
    const unit = units(el)[2]!;
    root(el).querySelector<HTMLButtonElement>(`tbody .open[data-unit="${CSS.escape(unit)}"]`)!.click();
    await el.updateComplete;
    expect(picks).to.have.length(1);
    expect(picks[0]).to.be.instanceOf(GualianUnitSelectEvent);
    expect(picks[0]!.unit).to.equal(unit);
    expect(picks[0]!.month).to.equal('2024-04');
    expect(picks[0]!.measure).to.deep.equal((await coreMeasures()).find((m) => m.month === '2024-04' && m.unit === unit));
    expect(el.unit).to.equal(unit);
    expect(root(el).querySelector<HTMLSelectElement>('#f-unit')!.value).to.equal(unit);
    expect(root(el).querySelector(`tbody .open[data-unit="${CSS.escape(unit)}"]`)!.getAttribute('aria-current')).to.equal('true');
    const red = listUnits(el, 'red')[0]!;
    root(el).querySelector<HTMLButtonElement>(`[part="red-list"] button[data-unit="${CSS.escape(red)}"]`)!.click();
    expect(picks[1]!.unit).to.equal(red);
    await choose(el, 'f-unit', '');
    expect(picks[2]!.unit).to.equal('');
    expect(picks[2]!.measure).to.equal(null);
  });

  it('fetches ECharts only when the chart is shown, draws the rates by month with a table of them, and follows the unit', async () => {
    const measures = await coreMeasures();
    const el = await stats();
    const toggle = root(el).querySelector<HTMLButtonElement>('[part="chart-toggle"]')!;
    expect(root(el).querySelector('canvas')).to.equal(null);
    expect(echartsFetched(), 'ECharts not fetched with the widget').to.have.length(0);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitUntil(() => root(el).querySelector('[part="chart"] canvas') !== null, 'the chart drawn on a canvas', { timeout: 60_000 });
    expect(echartsFetched().length).to.be.greaterThan(0);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const chart = root(el).querySelector<HTMLElement>('[part="chart"]')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-label')).to.include('全部单位');
    // The table alternative: every month, all units together.
    const all = monthlyRates(measures, '');
    const dataRows = [...root(el).querySelectorAll<HTMLElement>('[part="chart-data"] tbody tr')];
    expect(dataRows.map((r) => text(r.querySelector('th')))).to.deep.equal(all.map((m) => monthLabel(m.month, 'zh-Hans')));
    const completed = (month: string) => measures.filter((m) => m.month === month).reduce((t, m) => t + m.completed, 0);
    expect(cells(dataRows[4]!)[0]).to.equal(completed(all[4]!.month).toLocaleString('zh-Hans'));
    expect(cells(dataRows[4]!)[1]).to.equal(pct(all[4]!.completedOnTime, all[4]!.completed));
    // One unit: its own months.
    const unit = measures.find((m) => m.month === '2024-02')!.unit;
    await choose(el, 'f-unit', unit);
    await el.updateComplete;
    expect(chart.getAttribute('aria-label')).to.include(unit);
    const mine = monthlyRates(measures, unit);
    const feb = [...root(el).querySelectorAll<HTMLElement>('[part="chart-data"] tbody tr')][mine.findIndex((m) => m.month === '2024-02')]!;
    const m = measures.find((x) => x.month === '2024-02' && x.unit === unit)!;
    expect(cells(feb)).to.deep.equal([String(m.completed), pct(m.completedOnTime, m.completed), String(m.rated), pct(m.satisfied, m.rated)]);
    expect(root(el).querySelector('[part="chart"] canvas'), 'the same chart, redrawn').to.not.equal(null);
    toggle.click();
    await el.updateComplete;
    expect(root(el).querySelector('canvas')).to.equal(null);
    expect(root(el).querySelector<HTMLElement>('#chart-body')!.hidden).to.equal(true);
  });

  it('draws the chart without animation for readers who ask for reduced motion, and larger in large-text mode', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await stats({ 'show-chart': true, lang: 'en' });
    await waitUntil(() => root(el).querySelector('[part="chart"] canvas') !== null, 'the chart drawn', { timeout: 60_000 });
    const { getInstanceByDom } = await import('echarts/lib/core/echarts.js');
    const chart = root(el).querySelector<HTMLElement>('[part="chart"]')!;
    const option = getInstanceByDom(chart)!.getOption() as { animation: boolean; series: { name: string }[] };
    expect(option.animation).to.equal(false);
    expect(option.series.map((s) => s.name)).to.deep.equal(['On-time rate', 'Satisfaction rate']);
    await emulateMedia({ reducedMotion: 'no-preference' });
    const before = chart.getBoundingClientRect().height;
    el.largeText = true;
    await el.updateComplete;
    expect(chart.getBoundingClientRect().height).to.be.greaterThan(before);
    expect((getInstanceByDom(chart)!.getOption() as { animation: boolean }).animation).to.equal(true);
  });

  it('counts only the orders placed within its scope, naming the scope from the hierarchy', async () => {
    const { orders } = await zhaotongDisputes();
    const county = '530627';
    // Orders as a host most often has them: an iterator over the replay's map, read once.
    const el = await stats({ scope: county }, { events: null, orders: new Map(orders.map((o) => [o.id, o])).values() });
    expect(text(root(el).querySelector('.scope'))).to.equal('范围：云南省 / 昭通市 / 镇雄县');
    expect(el.measures).to.deep.equal(workOrderMeasures(orders.filter((o) => o.place?.startsWith(county))));
    expect(el.measures.length).to.be.lessThan((await coreMeasures()).length);
    // Another scope reads the same orders again.
    el.scope = '530602';
    await el.updateComplete;
    expect(text(root(el).querySelector('.scope'))).to.equal('范围：云南省 / 昭通市 / 昭阳区');
    expect(el.measures).to.deep.equal(workOrderMeasures(orders.filter((o) => o.place?.startsWith('530602'))));
    el.scope = null;
    await el.updateComplete;
    expect(el.measures).to.deep.equal(await coreMeasures());
  });

  it('shows unit names from the data as text, whatever they hold', async () => {
    const { generated } = await zhaotongDisputes();
    delete (window as { __gualianXss?: number }).__gualianXss;
    // The units of a few dispatches are renamed to hostile strings (each within the schema’s 64 characters).
    const renamed = new Map<string, string>();
    const events = generated.workOrderEvents.map((e) => {
      if (e.type !== 'dispatched' && e.type !== 'signed' && e.type !== 'returned' && e.type !== 'handled' && e.type !== 'completed') return e;
      const unit = e.type === 'dispatched' ? e.payload.unit : e.actor.unit;
      if (!renamed.has(unit) && renamed.size < HOSTILE_NAMES.length) renamed.set(unit, HOSTILE_NAMES[renamed.size]!);
      const hostile = renamed.get(unit);
      if (hostile === undefined) return e;
      return e.type === 'dispatched' ? { ...e, payload: { ...e.payload, unit: hostile } } : { ...e, actor: { ...e.actor, unit: hostile } };
    });
    const el = await stats({ 'show-chart': true }, { events });
    expect(el.refused).to.deep.equal([]);
    const shown = new Set(el.measures.map((m) => m.unit));
    for (const name of HOSTILE_NAMES) expect(shown.has(name), name).to.equal(true);
    // Each shows as text in the unit picker, and in the table of a month it worked in.
    for (const name of HOSTILE_NAMES) {
      const month = el.measures.find((m) => m.unit === name)!.month;
      el.month = month;
      await el.updateComplete;
      expect(shownText(el)).to.include(name);
    }
    expect(root(el).querySelectorAll('img, script, svg, b').length).to.equal(0);
    expect((window as { __gualianXss?: number }).__gualianXss).to.equal(undefined);
  });
});

widgetSuites<GualianWorkorderStats>('gualian-workorder-stats', {
  tag: 'gualian-workorder-stats',
  async data() {
    const { h, generated } = await zhaotongDisputes();
    return { attributes: { scope: '5306' }, properties: { hierarchy: h, events: generated.workOrderEvents } };
  },
  labels: ['ui.workorderStats.month', 'ui.workorderStats.red', 'ui.workorderStats.black', 'ui.workorderStats.col.onTimeRate', 'ui.workorderStats.col.satisfactionRate', 'ui.workorderStats.allUnits', 'ui.showChart'],
  async keyboard(el) {
    // Tab lands on the month; one stop per control and list entry, then one for the table body.
    expect(deepActiveElement()?.id).to.equal('f-month');
    let tabs = 0;
    while (!(deepActiveElement() as HTMLElement).matches('tbody .open') && tabs < 30) {
      await sendKeys({ press: 'Tab' });
      tabs++;
    }
    expect(root(el).querySelectorAll('tbody .open[tabindex="0"]')).to.have.length(1);
    const at = () => (deepActiveElement() as HTMLElement).dataset['unit'];
    expect(at()).to.equal(units(el)[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(at()).to.equal(units(el)[1]);
    await sendKeys({ press: 'End' });
    expect(at()).to.equal(units(el).at(-1));
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowDown' });
    expect(at()).to.equal(units(el)[1]);
    const picks = record(el, 'gualian-unit-select');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(picks.map((e) => e.unit)).to.deep.equal([units(el)[1]]);
    expect(el.unit).to.equal(units(el)[1]);
    // The next stop lists more units; then the chart's toggle, where Space opens the chart.
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement() as HTMLElement).getAttribute('part')).to.equal('more');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rows(el)).to.have.length(60);
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement() as HTMLElement).getAttribute('part')).to.equal('chart-toggle');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.showChart).to.equal(true);
  },
  async reveal(el, deepest) {
    el.scope = deepest;
    await el.updateComplete;
  },
});
