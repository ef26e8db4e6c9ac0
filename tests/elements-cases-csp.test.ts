/**
 * The case widgets under the strict Content-Security-Policy old portals are asked to serve:
 * tests/csp/cases.html gets the policy header from the test server and shows the real Zhaotong
 * hierarchy and the core's seeded 2024 cases in an iframe. Rendering, filtering, opening a
 * case, acting on it and being refused must report no violation.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { sharedCspPage, type ReadyWindow } from './support/csp-frame.js';
import type { CasesData } from './csp/cases.js';
import type { GualianCaseBoard } from '../packages/elements/src/case-board/case-board.js';
import type { GualianCaseTimeline } from '../packages/elements/src/case-timeline/case-timeline.js';

type CspWindow = ReadyWindow & { __cases?: CasesData };

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The page, opened once for every describe of this file. */
const casesPage = sharedCspPage<CspWindow>('/tests/csp/cases.html');

describe('case widgets under a strict CSP (no inline script, no style attributes, no eval)', function () {
  this.timeout(120_000);

  it('is served with the policy, which forbids eval in the page', async () => {
    const { win } = await casesPage();
    const res = await fetch('/tests/csp/cases.html');
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).to.include("script-src 'self'").and.include("style-src-attr 'none'");
    expect(policy).to.not.include('unsafe-eval');
    expect(() => new win.Function('return 1')).to.throw();
    await waitUntil(() => win.__cspViolations!.some((v) => v.startsWith('script-src')), 'the eval attempt reported');
    win.__cspViolations!.length = 0;
  });

  it('gualian-case-board: counts the year’s cases, filters, opens a case with no violation', async () => {
    const { win, doc } = await casesPage();
    const board = doc.getElementById('board') as GualianCaseBoard;
    const $ = <T extends HTMLElement>(s: string) => board.shadowRoot!.querySelector<T>(s)!;
    expect(board.cases.length).to.equal(win.__cases!.states.size);
    expect(board.shadowRoot!.querySelectorAll('[part~="card"]').length).to.be.within(10, 70);
    const overdue = $<HTMLInputElement>('#f-overdue');
    overdue.click();
    await board.updateComplete;
    expect(text($('#counts'))).to.match(/筛选后 ([\d,]+) 件，其中逾期 \1 件/);
    const card = $<HTMLButtonElement>('[part~="card"]');
    card.focus();
    await sendKeys({ press: 'Enter' });
    await board.updateComplete;
    // The board loads the timeline when a case is first opened.
    await win.customElements.whenDefined('gualian-case-timeline');
    const timeline = $<GualianCaseTimeline>('gualian-case-timeline');
    await timeline.updateComplete;
    expect(timeline.state!.id).to.equal(card.dataset['case']);
    expect(timeline.shadowRoot!.querySelectorAll('[part="event"]').length).to.equal(timeline.state!.events);
    await sendKeys({ press: 'Escape' });
    await board.updateComplete;
    expect(board.selected).to.equal(null);
    expect(board.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(timeline.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('gualian-case-timeline: shows a case with its task force, refuses an agreement without consent, records a failed mediation with no violation', async () => {
    const { win, doc } = await casesPage();
    const timeline = doc.getElementById('timeline') as GualianCaseTimeline;
    const large = doc.getElementById('timeline-large') as GualianCaseTimeline;
    const $ = <T extends HTMLElement>(s: string) => timeline.shadowRoot!.querySelector<T>(s)!;
    const mediating = win.__cases!.mediating;
    expect(timeline.shadowRoot!.querySelectorAll('[part="event"]').length).to.equal(mediating.length);
    expect(text($('[part="task-force"]'))).to.include('专班');
    expect(text(large.shadowRoot!.querySelector('#events-title'))).to.equal(`History (${mediating.length} events)`);
    const pick = async (type: string) => {
      const s = $<HTMLSelectElement>('#f-type');
      s.value = type;
      s.dispatchEvent(new Event('change'));
      await timeline.updateComplete;
    };
    const fill = async (id: string, value: string) => {
      const input = $<HTMLTextAreaElement>(`#${id}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await timeline.updateComplete;
    };
    const recorded: string[] = [];
    timeline.addEventListener('gualian-case-event', (e) => recorded.push(e.event.type));
    await pick('agreement-reached');
    await fill('f-terms', '分期偿还');
    expect(timeline.record()).to.equal(false);
    await timeline.updateComplete;
    expect(text($('[part="refusal"]'))).to.include('缺少当事人');
    await pick('mediation-failed');
    await fill('f-reason', '双方分歧较大');
    expect(timeline.record()).to.equal(true);
    await timeline.updateComplete;
    expect(recorded).to.deep.equal(['mediation-failed']);
    expect(timeline.shadowRoot!.querySelectorAll('[part="event"]').length).to.equal(mediating.length + 1);
    expect(timeline.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(large.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    expect(win.__cspViolations).to.deep.equal([]);
  });
});
