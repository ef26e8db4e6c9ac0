/**
 * The coverage board, its ECharts chart and the tree's coverage badges under the strict
 * Content-Security-Policy old portals are asked to serve: tests/csp/coverage.html gets the policy
 * header from the test server and is loaded in an iframe; no violation may be reported while the
 * chart is fetched, drawn, redrawn and hovered, and real names and figures must show.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { openCspPage, type CspWindow as BaseCspWindow, expectStyleAttributeReported } from './support/csp-frame.js';
import type { CoverageReport } from '@gualian/core/pairing';

type CspWindow = BaseCspWindow & { __gualianCoverageReady?: Promise<CoverageReport> };

const open = (path: string) => openCspPage(path, 1100);

const text = (el: Element | null) => (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

describe('coverage board under a strict CSP (no inline script, no style attributes, no eval)', function () {
  this.timeout(180_000);
  let frame: HTMLIFrameElement;
  let win: CspWindow;
  let doc: Document;
  let report: CoverageReport;

  before(async () => {
    frame = await open('/tests/csp/coverage.html');
    win = frame.contentWindow as CspWindow;
    doc = frame.contentDocument!;
    await waitUntil(() => win.__gualianCoverageReady !== undefined, 'the page module ran', { timeout: 30_000 });
    report = await win.__gualianCoverageReady!;
  });

  after(() => frame.remove());

  it('is served with the policy', async () => {
    const res = await fetch('/tests/csp/coverage.html');
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).to.include("script-src 'self'");
    expect(policy).to.include("style-src-attr 'none'");
  });

  it('shows the board, draws the chart on a canvas and badges the tree with no violation', async () => {
    const board = doc.querySelector('#board')!;
    const large = doc.querySelector('#large')!;
    const tree = doc.querySelector('#tree')!;
    await waitUntil(() => text(board).includes('镇雄县') && text(board).includes('问题清单'), 'the board shows the counties', { timeout: 60_000 });
    await waitUntil(() => large.shadowRoot!.querySelector('[part="chart"] canvas') !== null, 'the chart drawn on a canvas', { timeout: 60_000 });
    await waitUntil(() => tree.shadowRoot!.querySelector('[part~="badge"]') !== null, 'badges on the tree', { timeout: 60_000 });
    expect(text(large)).to.include('Divisions of 镇雄县');
    expect(large.shadowRoot!.querySelectorAll('[part="chart-data"] tbody tr')).to.have.length(30);
    expect(board.shadowRoot!.querySelector('[data-stat="errors"] [part="stat-value"]')!.textContent).to.equal(String(report.totals.errors));
    // ECharts sized its canvas through CSSOM: the styles are there, and no attribute was parsed.
    const canvas = large.shadowRoot!.querySelector<HTMLCanvasElement>('[part="chart"] canvas')!;
    expect(canvas.style.position).to.equal('absolute');
    expect(canvas.width).to.be.greaterThan(200);
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('stays free of violations while the chart is opened, redrawn, hovered and closed', async () => {
    const board = doc.querySelector('#board')!;
    const root = board.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[part="chart-toggle"]')!.click();
    await waitUntil(() => root.querySelector('[part="chart"] canvas') !== null, 'the second chart drawn', { timeout: 60_000 });
    // Drill into a county (the chart compares its townships), switch language and text size.
    root.querySelector<HTMLButtonElement>('tbody .open[data-code="530602"]')!.click();
    await waitUntil(() => root.querySelectorAll('[part="chart-data"] tbody tr').length > 11, 'the chart of 昭阳区’s townships');
    board.setAttribute('lang', 'en');
    board.toggleAttribute('large-text', true);
    await waitUntil(() => text(board).includes('Chart data: 昭阳区'), 'English');
    const chart = root.querySelector<HTMLElement>('[part="chart"]')!;
    const box = chart.getBoundingClientRect();
    for (let i = 1; i < 8; i++) {
      const x = box.left + (box.width * i) / 8;
      const y = box.top + (box.height * i) / 8;
      chart.querySelector('canvas')!.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
    }
    await new Promise((r) => win.requestAnimationFrame(() => r(null)));
    root.querySelector<HTMLButtonElement>('[part="chart-toggle"]')!.click();
    await waitUntil(() => root.querySelector('canvas') === null, 'the chart closed');
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('would notice a violation: a parsed style attribute is reported (the listener and policy are live)', () => expectStyleAttributeReported(win));
});
