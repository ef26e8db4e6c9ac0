import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CASE_STATUSES, dueOf, type CaseState } from '@gualian/core/disputes';
import { translate } from '../base/testing/messages.js';
import { widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, unmountAll } from '../base/testing/mount.js';
import type { GualianCaseTimeline } from '../case-timeline/case-timeline.js';
import { AS_OF, caseAt, zhaotongCases } from '../case-timeline/testing/cases.js';
import './define.js';
import type { GualianCaseBoard } from './case-board.js';
import { BOARD_COLUMNS, COLUMN_OF, type BoardColumn } from './columns.js';

const $ = <T extends Element = HTMLElement>(el: GualianCaseBoard, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector)!;
const $$ = <T extends Element = HTMLElement>(el: GualianCaseBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<T & Element>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const AT = `${AS_OF}T23:59:59+08:00`;
const cardsIn = (el: GualianCaseBoard, column: BoardColumn) => $$(el, `[data-column="${column}"] [part~="card"]`).map((c) => c.dataset['case']!);
const countOf = (el: GualianCaseBoard, column: BoardColumn) => Number(text($(el, `[data-column="${column}"] .count`)).replace(/,/g, ''));
/** The panel's timeline, once its definition (loaded when a case is first opened) has arrived. */
const timelineOf = async (el: GualianCaseBoard) => {
  await customElements.whenDefined('gualian-case-timeline');
  const timeline = $<GualianCaseTimeline>(el, 'gualian-case-timeline');
  await timeline.updateComplete;
  return timeline;
};

/** One county's cases (昭阳区, about a tenth of the city), for the shared suites. */
async function countyEvents() {
  const { events } = await zhaotongCases();
  const cases = new Set(events.filter((e) => e.type === 'registered' && e.payload.place.startsWith('530602')).map((e) => e.caseId));
  return events.filter((e) => cases.has(e.caseId));
}

async function mountBoard(properties: Partial<GualianCaseBoard> = {}, attributes: Record<string, string | boolean> = {}): Promise<GualianCaseBoard> {
  const { h, events } = await zhaotongCases();
  const el = await mount('gualian-case-board', { 'as-of': AS_OF, ...attributes }, { hierarchy: h, events, ...properties });
  await ready(el);
  return el;
}

/** The urgency of a case as the board orders it: the nearest due day's days left, or Infinity. */
const urgency = (s: CaseState) => dueOf(s, AT)[0]?.daysLeft ?? Infinity;

widgetSuites<GualianCaseBoard>('gualian-case-board', {
  tag: 'gualian-case-board',
  async data() {
    const { h } = await zhaotongCases();
    return { attributes: { 'as-of': AS_OF, 'page-size': '5' }, properties: { hierarchy: h, events: await countyEvents() } };
  },
  labels: ['ui.caseBoard.title', 'ui.caseBoard.search', 'ui.caseBoard.overdueOnly', 'ui.caseBoard.column.intake', 'ui.caseBoard.column.closed', 'ui.case.severity'],
  async keyboard(el) {
    // The search and the four filters, then one tab stop per column.
    expect(deepActiveElement()?.id).to.equal('query');
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'Tab' });
    const focused = () => deepActiveElement() as HTMLElement;
    const first = BOARD_COLUMNS.find((c) => cardsIn(el, c).length > 0)!;
    expect(focused().dataset['case']).to.equal(cardsIn(el, first)[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused().dataset['case']).to.equal(cardsIn(el, first)[1]);
    expect($$(el, `[data-column="${first}"] [part~="card"][tabindex="0"]`)).to.have.length(1);
    await sendKeys({ press: 'End' });
    expect(focused().dataset['case']).to.equal(cardsIn(el, first).at(-1));
    await sendKeys({ press: 'ArrowRight' });
    const second = BOARD_COLUMNS.slice(BOARD_COLUMNS.indexOf(first) + 1).find((c) => cardsIn(el, c).length > 0)!;
    expect(cardsIn(el, second)).to.include(focused().dataset['case']);
    const id = focused().dataset['case']!;
    const selects = record(el, 'gualian-case-select');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(selects.map((s) => s.caseId)).to.deep.equal([id]);
    expect(el.selected).to.equal(id);
    expect(focused().id).to.equal('panel-title');
    expect((await timelineOf(el)).state!.id).to.equal(id);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.selected).to.equal(null);
    expect(focused().dataset['case']).to.equal(id);
  },
  async reveal(el, deepest) {
    el.events = caseAt(deepest);
    await el.updateComplete;
    el.open('HOSTILE-1');
    await el.updateComplete;
  },
});

describe('gualian-case-board columns', () => {
  it('puts every status of the core in exactly one column, and every column holds one', () => {
    expect(Object.keys(COLUMN_OF).sort()).to.deep.equal([...CASE_STATUSES].sort());
    for (const s of CASE_STATUSES) expect(BOARD_COLUMNS, s).to.include(COLUMN_OF[s]);
    for (const c of BOARD_COLUMNS) expect(CASE_STATUSES.some((s) => COLUMN_OF[s] === c), c).to.equal(true);
  });
});

describe('gualian-case-board on the real Zhaotong hierarchy and the seeded 2024 cases (11,000 cases)', function () {
  this.timeout(180_000);
  afterEach(unmountAll);

  it('counts every replayed case in its column, and shows the first page of each, most urgent first', async () => {
    const { states } = await zhaotongCases();
    const el = await mountBoard();
    expect(el.cases.length).to.equal(states.size);
    expect(states.size).to.be.greaterThan(11_000);
    expect(el.refused).to.equal(0);
    let sum = 0;
    for (const c of BOARD_COLUMNS) {
      const expected = [...states.values()].filter((s) => COLUMN_OF[s.status] === c);
      expect(countOf(el, c), c).to.equal(expected.length);
      sum += countOf(el, c);
      const shown = cardsIn(el, c);
      expect(shown.length, `${c}: one page`).to.equal(Math.min(20, expected.length));
      const urgencies = shown.map((id) => urgency(states.get(id)!));
      for (let i = 1; i < urgencies.length; i++) expect(urgencies[i]!, `${c} in urgency order`).to.be.at.least(urgencies[i - 1]!);
    }
    expect(sum).to.equal(states.size);
    const overdue = [...states.values()].filter((s) => dueOf(s, AT).some((d) => d.overdue)).length;
    expect(overdue, 'some cases are overdue at the end of the year').to.be.greaterThan(0);
    expect(text($(el, '#counts'))).to.equal(`共 ${states.size.toLocaleString('zh-Hans')} 件，筛选后 ${states.size.toLocaleString('zh-Hans')} 件，其中逾期 ${overdue.toLocaleString('zh-Hans')} 件（截至 ${AS_OF}）`);
    // The cards drawn are a few pages, not thousands.
    expect($$(el, '[part~="card"]').length).to.be.at.most(20 * BOARD_COLUMNS.length);
  });

  it('shows on a card the id, summary, place, severity, level, days open and the overdue mark', async () => {
    const { states, h } = await zhaotongCases();
    const el = await mountBoard();
    const late = [...states.values()].filter((s) => COLUMN_OF[s.status] === 'mediating').sort((a, b) => urgency(a) - urgency(b))[0]!;
    expect(urgency(late), 'the most urgent mediating case is overdue').to.be.below(0);
    const card = $(el, `[part~="card"][data-case="${late.id}"]`);
    expect(cardsIn(el, 'mediating')[0]).to.equal(late.id);
    expect(card.classList.contains('overdue')).to.equal(true);
    const village = h.get(late.facts.place.slice(0, 12))!;
    const days = Math.floor((Date.parse(AT) - Date.parse(late.registeredAt)) / 86_400_000);
    expect(text(card))
      .to.include(late.id)
      .and.include(late.facts.summary)
      .and.include(village.name)
      .and.include(h.parentOf(village.code)!.name)
      .and.include(translate(`dispute.severity.${late.facts.severity}`))
      .and.include(`${translate(`level.${late.level}`)}级`)
      .and.include(`逾期 ${-urgency(late)} 天`);
    expect(text(card)).to.match(new RegExp(`已 (${days}|${days + 1}) 天`));
  });

  it('filters by category, level, severity, overdue and text, updating the counts', async () => {
    const { states } = await zhaotongCases();
    const el = await mountBoard();
    const choose = async (id: string, value: string) => {
      const s = $<HTMLSelectElement>(el, `#${id}`);
      s.value = value;
      s.dispatchEvent(new Event('change'));
      await el.updateComplete;
    };
    await choose('f-level', 'township');
    await choose('f-severity', 'major');
    await choose('f-category', 'land-resources');
    const overdueBox = $<HTMLInputElement>(el, '#f-overdue');
    overdueBox.click();
    await el.updateComplete;
    const expected = [...states.values()].filter((s) => s.level === 'township' && s.facts.severity === 'major' && s.facts.category === 'land-resources' && dueOf(s, AT).some((d) => d.overdue));
    for (const c of BOARD_COLUMNS) expect(countOf(el, c), c).to.equal(expected.filter((s) => COLUMN_OF[s.status] === c).length);
    expect([...el.shown.values()].flat().map((s) => s.id).sort()).to.deep.equal(expected.map((s) => s.id).sort());
    overdueBox.click();
    await choose('f-level', '');
    await choose('f-severity', '');
    await choose('f-category', '');
    const one = [...states.values()][1234]!;
    const query = $<HTMLInputElement>(el, '#query');
    query.focus();
    await sendKeys({ type: one.id });
    await el.updateComplete;
    expect([...el.shown.values()].flat().map((s) => s.id)).to.deep.equal([one.id]);
    expect(countOf(el, COLUMN_OF[one.status])).to.equal(1);
  });

  it('shows a page more of a column with its button, focusing the first card added', async () => {
    const el = await mountBoard({}, { 'page-size': '10' });
    const before = cardsIn(el, 'closed');
    expect(before).to.have.length(10);
    const more = $<HTMLButtonElement>(el, '[data-more="closed"]');
    expect(text(more)).to.match(/^再显示 10 件（还有 [\d,]+ 件）$/);
    more.click();
    await el.updateComplete;
    const after = cardsIn(el, 'closed');
    expect(after).to.have.length(20);
    expect(after.slice(0, 10)).to.deep.equal(before);
    expect((deepActiveElement() as HTMLElement).dataset['case']).to.equal(after[10]);
  });

  it('opens a case’s timeline; an event recorded there moves its card', async () => {
    const { states, byCase } = await zhaotongCases();
    // A case mediating at the end of the year, acted on by its handler.
    const mediating = [...states.values()].find((s) => s.status === 'mediating')!;
    const events = byCase.get(mediating.id)!;
    const handler = events.find((e) => e.type === 'mediation-started')!.actor;
    const el = await mountBoard({ actor: handler });
    el.filter({ query: mediating.id });
    await el.updateComplete;
    $<HTMLButtonElement>(el, `[part~="card"][data-case="${mediating.id}"]`).click();
    await el.updateComplete;
    const timeline = await timelineOf(el);
    expect(timeline.caseEvents.map((e) => e.id)).to.deep.equal(events.map((e) => e.id));
    timeline.clock = () => new Date(Date.parse(events.at(-1)!.at) + 3_600_000);
    const select = timeline.shadowRoot!.querySelector<HTMLSelectElement>('#f-type')!;
    select.value = 'mediation-failed';
    select.dispatchEvent(new Event('change'));
    await timeline.updateComplete;
    const reason = timeline.shadowRoot!.querySelector<HTMLTextAreaElement>('#f-reason')!;
    reason.value = '双方分歧较大';
    reason.dispatchEvent(new Event('input'));
    const recorded = record(el, 'gualian-case-event');
    expect(timeline.record()).to.equal(true);
    await el.updateComplete;
    expect(recorded).to.have.length(1);
    expect(cardsIn(el, 'mediating')).to.not.include(mediating.id);
    expect(cardsIn(el, 'unresolved')).to.include(mediating.id);
    await waitUntil(() => timeline.caseEvents.length === events.length + 1, 'the timeline keeps the event');
    // Closing returns focus to the card, in its new column.
    $<HTMLButtonElement>(el, '.close').click();
    await el.updateComplete;
    expect((deepActiveElement() as HTMLElement).dataset['case']).to.equal(mediating.id);
  });

  it('takes cases already replayed, and speaks English', async () => {
    const { states } = await zhaotongCases();
    const el = await mountBoard({ events: [], states }, { lang: 'en' });
    expect(el.cases.length).to.equal(states.size);
    expect(text($(el, '#col-closed'))).to.include('Closed and archived');
    expect(text($(el, '#counts'))).to.include(`${states.size.toLocaleString('en')} cases`);
  });
});
