/**
 * The work-order stats and the resolution levels, with their ECharts charts, under the strict
 * Content-Security-Policy old portals are asked to serve: tests/csp/disputes-stats.html gets the
 * policy header from the test server and is loaded in an iframe; no violation may be reported
 * while the charts are fetched, drawn, redrawn and hovered, and real figures must show.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { redBlackList, replayRecord, replayWorkOrders, resolutionLevelsOverTime, workOrderMeasures } from '@gualian/core/disputes';
import type { GeneratedCases } from '@gualian/core/demo';
import { openCspPage, type CspWindow as BaseCspWindow, expectStyleAttributeReported } from './support/csp-frame.js';

type CspWindow = BaseCspWindow & { __gualianDisputesReady?: Promise<GeneratedCases> };

const text = (el: Element | null) => (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

/** Move the pointer across a chart, where a tooltip would appear if there were one. */
async function hover(win: Window, chart: HTMLElement): Promise<void> {
  const box = chart.getBoundingClientRect();
  for (let i = 1; i < 8; i++) {
    chart.querySelector('canvas')!.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + (box.width * i) / 8, clientY: box.top + (box.height * i) / 8, bubbles: true }));
  }
  await new Promise((r) => win.requestAnimationFrame(() => r(null)));
}

describe('disputes statistics widgets under a strict CSP (no inline script, no style attributes, no eval)', function () {
  this.timeout(180_000);
  let frame: HTMLIFrameElement;
  let win: CspWindow;
  let doc: Document;
  let cases: GeneratedCases;

  before(async () => {
    frame = await openCspPage('/tests/csp/disputes-stats.html', 1100);
    win = frame.contentWindow as CspWindow;
    doc = frame.contentDocument!;
    await waitUntil(() => win.__gualianDisputesReady !== undefined, 'the page module ran', { timeout: 30_000 });
    cases = await win.__gualianDisputesReady!;
  });

  after(() => frame.remove());

  it('shows the month’s work orders, the red/black list and the rates chart with no violation', async () => {
    const orders = doc.querySelector('#orders')!;
    const root = orders.shadowRoot!;
    await waitUntil(() => root.querySelector('[part="chart"] canvas') !== null, 'the rates chart drawn on a canvas', { timeout: 60_000 });
    const measures = workOrderMeasures(replayWorkOrders(cases.workOrderEvents).orders.values());
    const june = measures.filter((m) => m.month === '2024-06');
    expect(root.querySelectorAll('table[part="table"] tbody tr')).to.have.length(june.length);
    const red = redBlackList(measures, '2024-06').red.map((u) => u.unit);
    expect([...root.querySelectorAll<HTMLElement>('[part="red-list"] li')].map((li) => li.dataset['unit'])).to.deep.equal(red);
    expect(text(orders)).to.include('2024年6月');
    const canvas = root.querySelector<HTMLCanvasElement>('[part="chart"] canvas')!;
    // ECharts sized its canvas through CSSOM: the styles are there, and no attribute was parsed.
    expect(canvas.style.position).to.equal('absolute');
    expect(canvas.width).to.be.greaterThan(200);
    await hover(win, root.querySelector<HTMLElement>('[part="chart"]')!);
    // Another unit and month redraw the chart.
    root.querySelector<HTMLButtonElement>('[part="red-list"] button')!.click();
    orders.setAttribute('month', '2024-03');
    orders.setAttribute('lang', 'en');
    await waitUntil(() => text(orders).includes('March 2024'), 'English, March', { timeout: 15_000 }); // the en labels are fetched on first use
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('shows where the cases were resolved, with the stacked chart, in large English text, with no violation', async () => {
    const levels = doc.querySelector('#levels')!;
    const root = levels.shadowRoot!;
    await waitUntil(() => root.querySelector('[part="chart"] canvas') !== null, 'the levels chart drawn on a canvas', { timeout: 60_000 });
    const core = resolutionLevelsOverTime(replayRecord(cases.events).states.values(), { scope: '530627', interval: 'quarter' });
    expect(text(levels)).to.include('Scope: 云南省 / 昭通市 / 镇雄县');
    expect(text(levels)).to.include('Small matters stay in the village');
    expect(text(levels)).to.include(`${core.whole!.resolvedByLevel.village.toLocaleString('en')} of ${core.whole!.resolved.toLocaleString('en')} resolved at village level`);
    expect(root.querySelectorAll('table[part="table"] tbody tr')).to.have.length(core.periods.length);
    await hover(win, root.querySelector<HTMLElement>('[part="chart"]')!);
    root.querySelector<HTMLSelectElement>('#f-interval')!.value = 'month';
    root.querySelector<HTMLSelectElement>('#f-interval')!.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelectorAll('table[part="table"] tbody tr').length > 4, 'by month');
    root.querySelector<HTMLButtonElement>('[part="chart-toggle"]')!.click();
    await waitUntil(() => root.querySelector('canvas') === null, 'the chart closed');
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('would notice a violation: a parsed style attribute is reported (the listener and policy are live)', () => expectStyleAttributeReported(win));
});
