import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { CASE_LEVELS, replayRecord, resolutionLevelsOverTime, type CaseEvent, type CaseState } from '@gualian/core/disputes';
import { widgetSuites, HOSTILE_NAMES } from '../base/testing/suites.js';
import { translate, type MessageKey } from '../base/testing/messages.js';
import { deepActiveElement, mount, ready, shownText, unmountAll } from '../base/testing/mount.js';
import { displayPercent, formatPercent } from '../coverage-board/figures.js';
import { monthLabel } from '../workorder-stats/model.js';
import { zhaotongDisputes } from '../workorder-stats/testing/disputes.js';
import './define.js';
import type { GualianResolutionLevels } from './resolution-levels.js';

const root = (el: GualianResolutionLevels) => el.shadowRoot!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const bodyRows = (el: GualianResolutionLevels) => [...root(el).querySelectorAll<HTMLElement>('table[part="table"] tbody tr')];
const figure = (el: GualianResolutionLevels, id: 'village' | 'township') => root(el).querySelector(`[data-figure="${id}"] [part="figure-value"]`)!;
const pct = (part: number, whole: number, lang: 'zh-Hans' | 'en' = 'zh-Hans') => formatPercent(displayPercent(part, whole, 1), lang);
const echartsFetched = () => performance.getEntriesByType('resource').filter((e) => /\/node_modules\/(echarts|zrender)\//.test(e.name));

async function choose(el: GualianResolutionLevels, id: string, value: string): Promise<void> {
  const select = root(el).querySelector<HTMLSelectElement>(`#${id}`)!;
  expect([...select.options].map((o) => o.value), `${id} offers ${value}`).to.include(value);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function levels(attributes: Record<string, string | boolean> = {}, properties: Partial<GualianResolutionLevels> = {}): Promise<GualianResolutionLevels> {
  const { states, h } = await zhaotongDisputes();
  const el = await mount('gualian-resolution-levels', attributes, { hierarchy: h, states, ...properties });
  await ready(el);
  return el;
}

// Room for every resource entry (the browser keeps 250 by default), so a fetch is never missed.
performance.setResourceTimingBufferSize(100_000);

describe('gualian-resolution-levels: where a year of Zhaotong’s disputes were resolved', function () {
  this.timeout(180_000);
  afterEach(unmountAll);
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('shows 小事不出村 and 大事不出镇 for the whole span, and every month’s counts and shares, as the core computes them', async () => {
    const { states } = await zhaotongDisputes();
    const core = resolutionLevelsOverTime(states);
    const whole = core.whole!;
    const el = await levels();
    expect(el.levels).to.deep.equal(core);
    expect(text(figure(el, 'village'))).to.equal(pct(whole.resolvedByLevel.village, whole.resolved));
    expect(text(figure(el, 'township'))).to.equal(pct(whole.resolvedByLevel.village + whole.resolvedByLevel.township, whole.resolved));
    // The figures are the core's shares, rounded down for reading.
    expect(Number(text(figure(el, 'village')).replace('%', ''))).to.equal(Math.floor(core.village! * 1000) / 10);
    expect(Number(text(figure(el, 'township')).replace('%', ''))).to.equal(Math.floor(core.townshipOrBelow! * 1000) / 10);
    expect(text(root(el).querySelector('[data-figure="village"]'))).to.include(`${whole.resolved.toLocaleString('zh-Hans')} 件中 ${whole.resolvedByLevel.village.toLocaleString('zh-Hans')} 件在村级化解`);
    expect(core.village!).to.be.within(0.5, 1);
    const rows = bodyRows(el);
    expect(rows.map((r) => r.dataset['period'])).to.deep.equal(core.periods.map((p) => p.period));
    expect(text(rows[0]!.querySelector('th'))).to.equal(monthLabel(core.periods[0]!.period, 'zh-Hans'));
    for (const [i, p] of core.periods.entries()) {
      const s = p.summary;
      expect(text(rows[i]!.querySelector('td')), p.period).to.equal(s.resolved.toLocaleString('zh-Hans'));
      for (const l of CASE_LEVELS) {
        const cell = rows[i]!.querySelector(`td[data-level="${l}"]`)!;
        expect(text(cell.querySelector('.share')), `${p.period} ${l}`).to.equal(pct(s.resolvedByLevel[l], s.resolved));
        expect(text(cell.querySelector('.count'))).to.equal(s.resolvedByLevel[l].toLocaleString('zh-Hans'));
      }
    }
    const total = root(el).querySelector('tfoot tr')!;
    expect(text(total.querySelector('td'))).to.equal(whole.resolved.toLocaleString('zh-Hans'));
  });

  it('buckets by quarter with the interval attribute or picker', async () => {
    const { states } = await zhaotongDisputes();
    const el = await levels({ interval: 'quarter', lang: 'en' });
    const core = resolutionLevelsOverTime(states, { interval: 'quarter' });
    expect(bodyRows(el).map((r) => text(r.querySelector('th'))).slice(0, 4)).to.deep.equal(['Q1 2024', 'Q2 2024', 'Q3 2024', 'Q4 2024']);
    expect(bodyRows(el)).to.have.length(core.periods.length);
    expect(text(root(el).querySelector('caption'))).to.equal(translate('ui.resolutionLevels.caption.quarter', 'en'));
    await choose(el, 'f-interval', 'month');
    expect(el.interval).to.equal('month');
    expect(el.getAttribute('interval')).to.equal('month');
    expect(bodyRows(el)).to.have.length(resolutionLevelsOverTime(states).periods.length);
  });

  it('narrows to a category, a severity and a scope, with the core’s figures for each', async () => {
    const { states } = await zhaotongDisputes();
    const el = await levels({ scope: '530627' });
    expect(text(root(el).querySelector('.scope'))).to.equal('范围：云南省 / 昭通市 / 镇雄县');
    expect(el.levels).to.deep.equal(resolutionLevelsOverTime(states, { scope: '530627' }));
    const categories = [...root(el).querySelectorAll<HTMLOptionElement>('#f-category option')].map((o) => text(o));
    expect(categories).to.include('邻里纠纷');
    await choose(el, 'f-category', 'land-resources');
    await choose(el, 'f-severity', 'major');
    const core = resolutionLevelsOverTime(states, { scope: '530627', category: 'land-resources', severity: 'major' });
    expect(el.levels).to.deep.equal(core);
    expect(core.whole!.resolved).to.be.greaterThan(0);
    expect(core.whole!.resolved).to.be.lessThan(resolutionLevelsOverTime(states, { scope: '530627' }).whole!.resolved);
    expect(text(root(el).querySelector('tfoot td'))).to.equal(core.whole!.resolved.toLocaleString('zh-Hans'));
    expect(text(figure(el, 'village'))).to.equal(pct(core.whole!.resolvedByLevel.village, core.whole!.resolved));
  });

  it('replays events itself, listing those the core refuses and counting the rest', async () => {
    const { generated, h } = await zhaotongDisputes();
    const first = generated.events[0]!;
    // An event for a case never registered, and the first registration again.
    const stray = { ...generated.events.find((e) => e.type === 'accepted')!, id: 'STRAY-1', caseId: 'NO-SUCH-CASE' } as CaseEvent;
    const events = [...generated.events, stray, first];
    const replay = replayRecord(events);
    expect(replay.refused.map((r) => r.id)).to.deep.equal(['STRAY-1', first.id]);
    const el = await levels({ lang: 'en' }, { states: null, events });
    expect(el.refused.map((r) => r.id)).to.deep.equal(['STRAY-1', first.id]);
    expect(text(root(el).querySelector('[part="refused"] summary'))).to.equal(translate('ui.disputeStats.refused', 'en', { count: 2 }));
    expect(el.levels).to.deep.equal(resolutionLevelsOverTime(replay.states.values()));
    // Without the hierarchy the scope checks read the codes' digits: the same states as with it.
    expect(el.levels!.whole).to.deep.equal(resolutionLevelsOverTime(replayRecord(generated.events, { hierarchy: h }).states.values()).whole);
  });

  it('lists the first hundred refusals of a record given twice, and counts the cases once', async () => {
    const { generated, states } = await zhaotongDisputes();
    const el = await levels({}, { states: null, events: [...generated.events, ...generated.events] });
    expect(el.refused).to.have.length(generated.events.length);
    const details = root(el).querySelector('[part="refused"]')!;
    expect(details.querySelectorAll('li')).to.have.length(100);
    expect(text(details.querySelector('p'))).to.equal(`另有 ${(generated.events.length - 100).toLocaleString('zh-Hans')} 条未列出`);
    expect(text(details.querySelector('li'))).to.include('重复');
    expect(el.levels!.whole).to.deep.equal(resolutionLevelsOverTime(states).whole);
  });

  it('fetches ECharts only when the chart is shown, stacks the four levels per month, and does not animate for reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { states } = await zhaotongDisputes();
    const core = resolutionLevelsOverTime(states);
    const el = await levels({ lang: 'zh-Hant' });
    // No test of this file showed a chart before: ECharts has not been fetched yet.
    expect(echartsFetched(), 'ECharts not fetched with the widget').to.have.length(0);
    expect(root(el).querySelector('canvas')).to.equal(null);
    const toggle = root(el).querySelector<HTMLButtonElement>('[part="chart-toggle"]')!;
    toggle.click();
    await waitUntil(() => root(el).querySelector('[part="chart"] canvas') !== null, 'the chart drawn', { timeout: 60_000 });
    const chart = root(el).querySelector<HTMLElement>('[part="chart"]')!;
    expect(chart.getAttribute('aria-label')).to.equal(translate('ui.resolutionLevels.chartLabel', 'zh-Hant'));
    const { getInstanceByDom } = await import('echarts/lib/core/echarts.js');
    const option = getInstanceByDom(chart)!.getOption() as { animation: boolean; series: { name: string; stack: string; data: number[] }[] };
    expect(option.animation).to.equal(false);
    expect(option.series.map((s) => s.name)).to.deep.equal(CASE_LEVELS.map((l) => translate(`levelName.${l}` as MessageKey, 'zh-Hant')));
    expect(option.series.every((s) => s.stack === 'levels')).to.equal(true);
    expect(option.series[0]!.data).to.deep.equal(core.periods.map((p) => Math.round(p.summary.resolutionLevelShares.village! * 1000) / 10));
    // Its text alternative is the table of shares and counts, not a second copy of it.
    expect(root(el).querySelector('[part="chart-data"]')).to.equal(null);
    const described = root(el).getElementById(chart.getAttribute('aria-describedby')!)!;
    expect(described.getAttribute('part')).to.equal('table');
    const row = described.querySelectorAll<HTMLElement>('tbody tr')[2]!;
    const s = core.periods[2]!.summary;
    expect(CASE_LEVELS.map((l) => text(row.querySelector(`td[data-level="${l}"] .share`)))).to.deep.equal(CASE_LEVELS.map((l) => pct(s.resolvedByLevel[l], s.resolved)));
    // The chart follows the filters.
    await choose(el, 'f-interval', 'quarter');
    await el.updateComplete;
    await waitUntil(() => (getInstanceByDom(chart)!.getOption() as { xAxis: { data: string[] }[] }).xAxis[0]!.data[0] === '2024年第1季度', 'the chart redrawn by quarter');
    toggle.click();
    await el.updateComplete;
    expect(root(el).querySelector('canvas')).to.equal(null);
  });

  it('shows categories from the data as text, whatever they hold', async () => {
    const { states } = await zhaotongDisputes();
    delete (window as { __gualianXss?: number }).__gualianXss;
    // A place may add its own categories: here, hostile ones.
    const hostile: CaseState[] = states.map((c, i) => (i % 50 === 0 ? { ...c, facts: { ...c.facts, category: HOSTILE_NAMES[(i / 50) % HOSTILE_NAMES.length]! } } : c));
    const el = await levels({}, { states: hostile });
    const options = [...root(el).querySelectorAll<HTMLOptionElement>('#f-category option')].map((o) => o.textContent);
    for (const name of HOSTILE_NAMES) expect(options).to.include(name);
    await choose(el, 'f-category', HOSTILE_NAMES[0]);
    expect(el.levels!.whole!.byCategory).to.deep.equal({ [HOSTILE_NAMES[0]]: el.levels!.whole!.resolved });
    expect(root(el).querySelectorAll('img, script, svg, b').length).to.equal(0);
    expect((window as { __gualianXss?: number }).__gualianXss).to.equal(undefined);
  });

  it('says so when nothing is resolved', async () => {
    const { states } = await zhaotongDisputes();
    const el = await levels({ lang: 'en' }, { states: states.filter((c) => !c.resolution) });
    expect(text(root(el).querySelector('[part="summary"]'))).to.equal(translate('ui.resolutionLevels.noneResolved', 'en'));
    expect(root(el).querySelector('table')).to.equal(null);
  });
});

widgetSuites<GualianResolutionLevels>('gualian-resolution-levels', {
  tag: 'gualian-resolution-levels',
  async data() {
    const { h, states } = await zhaotongDisputes();
    return { attributes: { scope: '5306' }, properties: { hierarchy: h, states } };
  },
  labels: ['ui.resolutionLevels.title', 'ui.resolutionLevels.village', 'ui.resolutionLevels.township', 'ui.resolutionLevels.col.resolved', 'ui.resolutionLevels.severity', 'levelName.village' as MessageKey, 'ui.showChart'],
  async keyboard(el) {
    // The interval, category and severity pickers, then the chart's toggle.
    expect(deepActiveElement()?.id).to.equal('f-interval');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.interval).to.equal('quarter');
    expect(bodyRows(el).length).to.be.within(4, 5);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('f-category');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('f-severity');
    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement() as HTMLElement).getAttribute('part')).to.equal('chart-toggle');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.showChart).to.equal(true);
    await waitUntil(() => root(el).querySelector('[part="chart"] canvas') !== null, 'the chart drawn', { timeout: 60_000 });
  },
  async reveal(el, deepest) {
    el.scope = deepest;
    await el.updateComplete;
  },
});
