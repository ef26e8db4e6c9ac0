/**
 * The assessment widgets under the strict Content-Security-Policy old portals are asked to
 * serve: tests/csp/assessment.html gets the policy header from the test server and shows the
 * real Zhaotong data in an iframe. Rendering, acting and printing must report no violation.
 * Each widget has its own `describe` below; a new assessment widget adds its own.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { sharedCspPage, type ReadyWindow } from './support/csp-frame.js';
import type { AssessmentData, QueueData } from './csp/assessment.js';
import type { GualianReviewQueue } from '../packages/elements/src/review-queue/review-queue.js';
import type { GualianScoreSheet } from '../packages/elements/src/score-sheet/score-sheet.js';
import type { GualianLeaderboard } from '../packages/elements/src/leaderboard/leaderboard.js';
import type { GualianRubricEditor } from '../packages/elements/src/rubric-editor/rubric-editor.js';

type CspWindow = ReadyWindow & { __assessment?: AssessmentData; __queue?: QueueData };

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The page, opened once for every describe of this file. */
const assessmentPage = sharedCspPage<CspWindow>('/tests/csp/assessment.html');

describe('assessment widgets under a strict CSP (no inline script, no style attributes, no eval)', function () {
  this.timeout(120_000);

  it('is served with the policy, which forbids eval in the page', async () => {
    const { win } = await assessmentPage();
    const res = await fetch('/tests/csp/assessment.html');
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).to.include("script-src 'self'").and.include("style-src-attr 'none'").and.include("connect-src 'self'");
    expect(policy).to.not.include('unsafe-eval');
    expect(() => new win.Function('return 1')).to.throw();
    await waitUntil(() => win.__cspViolations!.some((v) => v.startsWith('script-src')), 'the eval attempt reported');
    win.__cspViolations!.length = 0;
  });
});

describe('gualian-score-sheet under a strict CSP', function () {
  this.timeout(120_000);

  it('shows a vetoed sheet and a large-text English one with no violation', async () => {
    const { win, doc } = await assessmentPage();
    const sheet = doc.getElementById('sheet') as GualianScoreSheet;
    const large = doc.getElementById('sheet-large') as GualianScoreSheet;
    const data = win.__assessment!;
    expect(sheet.shownSheet!.vetoes.length).to.equal(1);
    expect(text(sheet.shadowRoot!.querySelector('[part="veto"]'))).to.include('一票否决');
    expect(sheet.shadowRoot!.querySelectorAll('tr.line').length).to.equal(data.scores.sheet(0).sections.reduce((n, s) => n + s.lines.length, 0));
    expect(text(large.shadowRoot!.querySelector('[part="title"]'))).to.equal('Score sheet, 2024');
    expect(text(sheet.shadowRoot!.querySelector('[part="facts"]'))).to.include('云南省 / 昭通市');
    expect(sheet.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('prints (a constructed A4 sheet adopted by the document) with no violation', async () => {
    const { win, doc } = await assessmentPage();
    const sheet = doc.getElementById('sheet') as GualianScoreSheet;
    const print = win.print;
    let marked = false;
    win.print = () => {
      marked = sheet.hasAttribute('data-gualian-printing') && doc.adoptedStyleSheets.length > 0;
    };
    try {
      sheet.shadowRoot!.querySelector<HTMLButtonElement>('[part="print"]')!.click();
    } finally {
      win.print = print;
    }
    win.dispatchEvent(new Event('afterprint'));
    expect(marked).to.equal(true);
    expect(sheet.hasAttribute('data-gualian-printing')).to.equal(false);
    expect(win.__cspViolations).to.deep.equal([]);
  });
});

describe('gualian-review-queue under a strict CSP', function () {
  this.timeout(120_000);

  it('lists the township’s sheets and opens one with no violation', async () => {
    const { win, doc } = await assessmentPage();
    const queue = doc.getElementById('queue') as GualianReviewQueue;
    expect(queue.shown.length).to.equal(win.__queue!.reviews.length);
    expect(queue.shadowRoot!.querySelectorAll('[role="option"]').length).to.equal(win.__queue!.reviews.length);
    await waitUntil(() => queue.shadowRoot!.querySelector('gualian-score-sheet')?.shadowRoot?.querySelector('tr.line') != null, 'the open sheet drawn');
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('refuses a return without a reason, then passes a sheet on, with no violation', async () => {
    const { win, doc } = await assessmentPage();
    const queue = doc.getElementById('queue') as GualianReviewQueue;
    const $ = <T extends HTMLElement>(s: string) => queue.shadowRoot!.querySelector<T>(s)!;
    const steps: string[] = [];
    queue.addEventListener('gualian-review', (e) => steps.push(e.step.action));
    $<HTMLButtonElement>('[part="return"]').focus();
    await sendKeys({ press: 'Enter' });
    await queue.updateComplete;
    expect(text($('[part="refusal"]'))).to.equal('“退回”必须说明理由');
    const before = queue.shown.length;
    $<HTMLButtonElement>('[part="advance"]').focus();
    await sendKeys({ press: 'Enter' });
    await queue.updateComplete;
    expect(steps).to.deep.equal(['review']);
    expect(queue.shown.length).to.equal(before - 1);
    expect(text($('[part="outcome"]'))).to.include('已审核');
    expect(win.__cspViolations).to.deep.equal([]);
  });
});

describe('gualian-leaderboard under a strict CSP', function () {
  this.timeout(120_000);

  it('ranks the roster, its counties in large English text, and follows the filters, period and pages with no violation', async () => {
    const { win, doc } = await assessmentPage();
    const board = doc.getElementById('board') as GualianLeaderboard;
    const large = doc.getElementById('board-large') as GualianLeaderboard;
    const $ = <T extends HTMLElement>(s: string) => board.shadowRoot!.querySelector<T>(s)!;
    await waitUntil(() => board.ranking !== null && large.ranking !== null, 'both ranked');
    expect(board.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(50);
    expect(board.ranking!.entries.length).to.equal(win.__assessment!.scores.size);
    expect(text($('[part="title"]'))).to.include('2024 年第 4 季度');
    expect(board.shadowRoot!.querySelector('[part~="move"]')).to.not.equal(null);
    expect(large.ranking!.entries).to.have.length(11);
    expect(text(large.shadowRoot!.querySelector('[part="title"]'))).to.include('rankings for 2024');
    const select = (id: string, value: string) => {
      const s = $<HTMLSelectElement>(`#${id}`);
      s.value = value;
      s.dispatchEvent(new Event('change'));
    };
    select('f-county', '530627');
    await board.updateComplete;
    expect(board.ranking!.entries.every((e) => e.place.startsWith('530627'))).to.equal(true);
    select('f-period', 'month-11');
    await board.updateComplete;
    expect(text($('[part="title"]'))).to.include('2024 年 11 月');
    select('f-by', 'township');
    await board.updateComplete;
    $<HTMLButtonElement>('tbody .open').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(board.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(large.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(win.__cspViolations).to.deep.equal([]);
  });
});

describe('gualian-rubric-editor under a strict CSP', function () {
  this.timeout(120_000);

  it('validates edits, previews, imports a file and exports through a Blob URL with no violation', async () => {
    const { win, doc } = await assessmentPage();
    const editor = doc.getElementById('editor') as GualianRubricEditor;
    const $ = <T extends HTMLElement>(s: string) => editor.shadowRoot!.querySelector<T>(s)!;
    await waitUntil(() => editor.preview !== null, 'the preview drawn');
    const changes: string[] = [];
    editor.addEventListener('gualian-rubric-change', (e) => changes.push(e.rubric.id));
    const type = async (id: string, value: string) => {
      const input = $<HTMLInputElement>(`#${id}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await editor.updateComplete;
    };
    await type('s0i0-formula', '40 * min(1, pairedVisit / max(visitsRequired, 1))');
    expect(text($('#s0i0-formula-err'))).to.include('pairedVisit');
    expect(changes).to.deep.equal([]);
    await type('s0i0-formula', '40 * min(1, pairedVisits / max(visitsRequired, 1))');
    expect(changes).to.deep.equal(['example-paired-cadre']);
    await type('g0-min', '80');
    await type('g1-max', '80');
    expect(editor.preview!.moved).to.be.greaterThan(0);
    // Import: a file read through the file input.
    const dt = new win.DataTransfer();
    dt.items.add(new win.File([JSON.stringify({ ...JSON.parse(editor.json), id: 'imported' })], 'imported.json', { type: 'application/json' }));
    const file = $<HTMLInputElement>('#import-file');
    file.files = dt.files;
    file.dispatchEvent(new Event('change'));
    await waitUntil(() => changes.includes('imported'), 'the file imported');
    // Export: a Blob URL on a download link (the click itself is kept from downloading).
    const click = win.HTMLAnchorElement.prototype.click;
    const links: string[] = [];
    win.HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      links.push(this.href);
    };
    try {
      $<HTMLButtonElement>('[part="export"]').click();
    } finally {
      win.HTMLAnchorElement.prototype.click = click;
    }
    expect(links[0]).to.match(/^blob:/);
    expect(editor.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(win.__cspViolations).to.deep.equal([]);
  });
});
