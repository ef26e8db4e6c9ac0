import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { type Hierarchy } from '@gualian/core';
import {
  AssessmentError,
  currentSheet,
  describeAssessmentError,
  EXAMPLE_CADRE_RUBRIC,
  reviewQueue,
  reviewSheet,
  startReview,
  type Reviewer,
  type SheetReview,
} from '@gualian/core/assessment';
import { translate, type MessageKey } from '../base/testing/messages.js';
import { widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, shownText, unmountAll } from '../base/testing/mount.js';
import { stampOf } from '../score-sheet/format.js';
import { team, zhaotongScores } from '../score-sheet/testing/assessment.js';
import type { GualianScoreSheet } from '../score-sheet/score-sheet.js';
import './define.js';
import { GualianReviewEvent, GualianReviewRefusedEvent, GualianReviewSelectEvent } from './events.js';
import { readValue, reviewKey } from './queue.js';
import { GualianReviewQueue } from './review-queue.js';

const $ = <T extends Element = HTMLElement>(el: GualianReviewQueue, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector)!;
const $$ = <T extends Element = HTMLElement>(el: GualianReviewQueue, selector: string) => [...el.shadowRoot!.querySelectorAll<T & Element>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const keysShown = (el: GualianReviewQueue) => $$(el, '[role="option"]').map((o) => o.dataset['key']!);
const sheetOf = (el: GualianReviewQueue) => $<GualianScoreSheet>(el, 'gualian-score-sheet');
/** Steps are dated by this clock, a fixed moment after the village's submissions. */
const CLOCK = () => new Date('2025-01-10T10:00:00+08:00');

interface Queue {
  h: Hierarchy;
  /** Every review: the township's village cadres submitted, one draft, and another township's submitted sheets. */
  reviews: SheetReview[];
  township: Reviewer;
  /** A submitted sheet of another township. */
  elsewhere: SheetReview;
  /** A draft of the township. */
  draft: SheetReview;
}

let queueFixture: Promise<Queue> | null = null;
/** The reviews of one township's cadres, submitted by their villages, and a few from elsewhere. */
function townshipQueue(): Promise<Queue> {
  queueFixture ??= (async () => {
    const { scores, h, rows } = await zhaotongScores();
    const place = scores.facts.placeOf(rows.plain);
    const townshipCode = h.parentOf(place)!.code;
    const context = { hierarchy: h, rubric: EXAMPLE_CADRE_RUBRIC };
    const reviews: SheetReview[] = [];
    let draft: SheetReview | null = null;
    let elsewhere: SheetReview | null = null;
    for (let r = 0; r < scores.size; r++) {
      const p = scores.facts.placeOf(r);
      // Village cadres: their village submits (township and county leads have no village to).
      if (p.length !== 12) continue;
      const inTownship = p.startsWith(townshipCode);
      if (!inTownship && elsewhere !== null) continue;
      const start = startReview(scores.sheet(r));
      if (inTownship && draft === null && r !== rows.plain) {
        draft = start;
        reviews.push(start);
        continue;
      }
      const submitted = reviewSheet(start, { action: 'submit', by: team(h, p).village, at: `2025-01-0${1 + (r % 5)}T09:00:00+08:00` }, context);
      reviews.push(submitted);
      if (!inTownship) elsewhere = submitted;
    }
    return { h, reviews, township: team(h, place).township, elsewhere: elsewhere!, draft: draft! };
  })();
  return queueFixture;
}

async function mountQueue(properties: Partial<GualianReviewQueue> = {}, attributes: Record<string, string | boolean> = {}): Promise<GualianReviewQueue> {
  const { h, reviews, township } = await townshipQueue();
  const { names } = await zhaotongScores();
  const el = await mount('gualian-review-queue', attributes, { hierarchy: h, reviews, reviewer: township, rubric: EXAMPLE_CADRE_RUBRIC, names, clock: CLOCK, ...properties });
  await ready(el);
  await sheetOf(el)?.updateComplete;
  return el;
}

/** Choose a sheet of the list with the keyboard: focus its option, press Enter. */
async function open(el: GualianReviewQueue, review: SheetReview): Promise<void> {
  $(el, `[role="option"][data-key="${reviewKey(review)}"]`).focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

async function press(el: GualianReviewQueue, selector: string): Promise<void> {
  $<HTMLButtonElement>(el, selector).focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

async function typeInto(el: GualianReviewQueue, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
  input.focus();
  input.select();
  await sendKeys({ type: value });
}

widgetSuites<GualianReviewQueue>('gualian-review-queue', {
  tag: 'gualian-review-queue',
  async data() {
    const { h, reviews, township } = await townshipQueue();
    const { names } = await zhaotongScores();
    return { properties: { hierarchy: h, reviews, reviewer: township, rubric: EXAMPLE_CADRE_RUBRIC, names } };
  },
  labels: ['ui.reviewQueue.title', 'ui.reviewQueue.search', 'ui.reviewQueue.sortBy', 'ui.reviewQueue.returnTitle', 'ui.reviewQueue.adjustTitle', 'ui.reviewQueue.advance.review', 'review.state.submitted' as MessageKey],
  async keyboard(el) {
    // The search, the two filters and the order, then the list: one tab stop.
    expect(deepActiveElement()?.id).to.equal('query');
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
    const options = () => $$(el, '[role="option"]');
    expect(deepActiveElement()).to.equal(options()[0]);
    expect(options().filter((o) => o.tabIndex === 0)).to.have.length(1);
    const selects = record(el, 'gualian-review-select');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(deepActiveElement()).to.equal(options()[1]);
    expect(options()[1]!.getAttribute('aria-selected')).to.equal('true');
    expect(reviewKey(el.selected!)).to.equal(options()[1]!.dataset['key']);
    expect(selects).to.have.length(1);
    expect(selects[0]).to.be.instanceOf(GualianReviewSelectEvent);
    await sheetOf(el).updateComplete;
    expect(sheetOf(el).shownSheet!.subject.id).to.equal(el.selected!.subject.id);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(deepActiveElement()).to.equal(options().at(-1));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(deepActiveElement()).to.equal(options()[0]);
    // Tab reaches the action; Enter passes the review; focus goes to the next sheet.
    const first = el.selected!;
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('part')).to.equal('advance');
    const events = record(el, 'gualian-review');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(events).to.have.length(1);
    expect(events[0]!.review.state).to.equal('reviewed');
    expect(keysShown(el)).to.not.include(reviewKey(first));
    expect(deepActiveElement()?.getAttribute('role')).to.equal('option');
    expect(deepActiveElement()?.getAttribute('aria-selected')).to.equal('true');
  },
  async reveal(el, deepest) {
    const { scores, rows } = await zhaotongScores();
    const sheet = scores.sheet(rows.plain);
    el.show = 'all';
    el.reviewer = { id: 'S01', level: 'city', scope: '5306' };
    el.reviews = [startReview({ ...sheet, subject: { ...sheet.subject, place: deepest } })];
    await el.updateComplete;
  },
});

describe('gualian-review-queue on the real Zhaotong hierarchy, the seeded roster and the example rubric', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('lists exactly the core’s queue for the reviewer: the township’s submitted sheets, not its drafts, not other townships’', async () => {
    const { h, reviews, township, draft, elsewhere } = await townshipQueue();
    const el = await mountQueue();
    const expected = reviewQueue(reviews, township, h);
    expect(expected.length, 'the township has cadres waiting').to.be.greaterThan(5);
    expect(new Set(keysShown(el))).to.deep.equal(new Set(expected.map(reviewKey)));
    expect(keysShown(el)).to.not.include(reviewKey(draft)).and.not.include(reviewKey(elsewhere));
    expect(text($(el, '#list-title'))).to.equal(`共 ${expected.length} 份，显示 ${expected.length} 份`);
    // Each option names the cadre, the village below the township, the total and grade, the state.
    const { names } = await zhaotongScores();
    const r = expected[0]!;
    const option = $(el, `[role="option"][data-key="${reviewKey(r)}"]`);
    expect(text(option)).to.include(names.get(r.subject.id)!).and.include(h.get(r.subject.place!)!.name).and.include(`${currentSheet(r).total} 分`).and.include('已提交');
    expect(text($(el, '[part="reviewer"]'))).to.include('乡镇政法委员（T01）').and.include(h.pathOf(township.scope).map((d) => d.name).join(' / '));
    // The first sheet is open, with its history.
    expect(reviewKey(el.selected!)).to.equal(keysShown(el)[0]);
    expect(sheetOf(el).shadowRoot!.querySelectorAll('tr.step')).to.have.length(1);
    // The county reviewer has nothing waiting yet: the township has not reviewed.
    el.reviewer = team(h, r.subject.place!).county;
    await el.updateComplete;
    expect(keysShown(el)).to.deep.equal([]);
    expect(text($(el, '.empty'))).to.equal('没有等待您处理的成绩单');
    expect(el.selected).to.equal(null);
  });

  it('sorts by total and filters by search, state and grade', async () => {
    const { reviews, h } = await townshipQueue();
    const { names } = await zhaotongScores();
    const el = await mountQueue();
    const totals = () => el.shown.map((r) => currentSheet(r).total);
    const sort = $<HTMLSelectElement>(el, '#sort');
    sort.value = 'total-desc';
    sort.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.sort).to.equal('total-desc');
    expect(totals()).to.deep.equal([...totals()].sort((a, b) => b - a));
    el.sort = 'total-asc';
    await el.updateComplete;
    expect(totals()).to.deep.equal([...totals()].sort((a, b) => a - b));
    // Search by a cadre's name.
    const someone = el.shown[2]!;
    await typeInto(el, '#query', names.get(someone.subject.id)!);
    await el.updateComplete;
    expect(el.shown.map((r) => r.subject.id)).to.include(someone.subject.id);
    expect(el.shown.every((r) => names.get(r.subject.id)!.includes(names.get(someone.subject.id)!))).to.equal(true);
    // By the village's name.
    const village = h.get(someone.subject.place!)!.name;
    await typeInto(el, '#query', village);
    await el.updateComplete;
    expect(el.shown.length).to.be.greaterThan(0);
    expect(el.shown.every((r) => r.subject.place === someone.subject.place)).to.equal(true);
    await typeInto(el, '#query', 'no such cadre');
    await el.updateComplete;
    expect(text($(el, '.empty'))).to.equal('没有符合条件的成绩单');
    await typeInto(el, '#query', ' ');
    // All the reviews: the state filter keeps the drafts only.
    el.show = 'all';
    await el.updateComplete;
    expect(el.shown).to.have.length(reviews.length);
    const state = $<HTMLSelectElement>(el, '#state-filter');
    state.value = 'draft';
    state.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shown.map((r) => r.state)).to.deep.equal(['draft']);
    state.value = '';
    state.dispatchEvent(new Event('change'));
    const grade = $<HTMLSelectElement>(el, '#grade-filter');
    grade.value = 'pass';
    grade.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shown.length).to.be.greaterThan(0);
    expect(el.shown.every((r) => currentSheet(r).grade === 'pass')).to.equal(true);
  });

  it('passes a sheet on through the core: the new review replaces the old, a typed event carries it, the next sheet opens', async () => {
    const { h, township } = await townshipQueue();
    const el = await mountQueue();
    const events = record(el, 'gualian-review');
    const target = el.shown[1]!;
    await open(el, target);
    expect(el.selected).to.equal(target);
    const index = keysShown(el).indexOf(reviewKey(target));
    const before = el.reviews;
    await press(el, '[part="advance"]');
    expect(events).to.have.length(1);
    const e = events[0]!;
    expect(e).to.be.instanceOf(GualianReviewEvent);
    expect(e.action).to.equal('review');
    expect(e.previous).to.equal(target);
    const expected = reviewSheet(target, { action: 'review', by: township, at: stampOf(CLOCK()) }, { hierarchy: h, rubric: EXAMPLE_CADRE_RUBRIC });
    expect(e.review).to.deep.equal(expected);
    expect(e.step).to.deep.equal(expected.steps.at(-1));
    expect(e.review.state).to.equal('reviewed');
    // The queue holds the new review in place of the old; the old one is unchanged.
    expect(el.reviews).to.have.length(before.length);
    expect(el.reviews).to.include(e.review).and.not.include(target);
    expect(target.state).to.equal('submitted');
    // It has left the township's queue; the sheet after it is open and focused.
    expect(keysShown(el)).to.not.include(reviewKey(target));
    expect(reviewKey(el.selected!)).to.equal(keysShown(el)[index]);
    expect((deepActiveElement() as HTMLElement).dataset['key']).to.equal(keysShown(el)[index]);
    expect(text($(el, '[part="outcome"]'))).to.include('审核').and.include(target.subject.id).and.include('已审核');
    // The county now finds it waiting, and approves it.
    el.reviewer = team(h, target.subject.place!).county;
    await el.updateComplete;
    expect(keysShown(el)).to.deep.equal([reviewKey(e.review)]);
    expect(text($(el, '[part="advance"]'))).to.equal('审定通过');
    await press(el, '[part="advance"]');
    expect(events.at(-1)!.review.state).to.equal('approved');
    expect(keysShown(el)).to.deep.equal([]);
    expect(deepActiveElement()?.id).to.equal('list-title');
  });

  it('returns a sheet only with a reason: without one the core’s message is shown and nothing changes', async () => {
    const el = await mountQueue();
    const events = record(el, 'gualian-review');
    const refused = record(el, 'gualian-review-refused');
    const target = el.selected!;
    const reviews = el.reviews;
    await press(el, '[part="return"]');
    expect(events).to.have.length(0);
    expect(refused).to.have.length(1);
    expect(refused[0]).to.be.instanceOf(GualianReviewRefusedEvent);
    expect(refused[0]!.error).to.be.instanceOf(AssessmentError);
    expect(refused[0]!.error.code).to.equal('review.reason-required');
    expect(text($(el, '[part="refusal"]'))).to.equal(describeAssessmentError(refused[0]!.error, 'zh-Hans'));
    expect(text($(el, '[part="refusal"]'))).to.equal('“退回”必须说明理由');
    expect(el.reviews).to.equal(reviews);
    expect(el.selected).to.equal(target);
    // The reason field is marked and described by the message, and has focus.
    const reason = $(el, '#return-reason');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(reason.getAttribute('aria-describedby')).to.equal('refusal');
    expect(deepActiveElement()).to.equal(reason);
    // The message follows the language.
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(text($(el, '[part="refusal"]'))).to.equal(describeAssessmentError(refused[0]!.error, 'en'));
    el.setAttribute('lang', 'zh-Hans');
    await el.updateComplete;
    // With a reason, it goes back to draft, the reason recorded.
    await typeInto(el, '#return-reason', '走访记录缺少入户情况');
    await press(el, '[part="return"]');
    expect(events).to.have.length(1);
    expect(events[0]!.review.state).to.equal('draft');
    expect(events[0]!.step).to.include({ action: 'return', reason: '走访记录缺少入户情况', from: 'submitted', to: 'draft' });
    expect(keysShown(el)).to.not.include(reviewKey(target));
    expect(text($(el, '[part="refusal"]'))).to.equal('');
  });

  it('adjusts a manual item: the value is checked against the fact’s type, the reason is the core’s to require, the sheet is re-scored', async () => {
    const el = await mountQueue();
    const events = record(el, 'gualian-review');
    const refused = record(el, 'gualian-review-refused');
    const target = el.selected!;
    const reviews = el.reviews;
    const fact = $<HTMLSelectElement>(el, '#adjust-fact');
    expect([...fact.options].map((o) => o.value)).to.deep.equal(['tasksAssigned', 'tasksCompleted', 'disputesResolved', 'commendations']);
    expect(text(fact.selectedOptions[0]!)).to.equal('任务清单交办任务数');
    expect(text($(el, '#adjust-current'))).to.equal('当前值：0');
    // Not a number, a fraction of a count: refused here, by the field, before the core is asked.
    for (const [value, message] of [
      ['abc', '请填写数字'],
      ['2.5', '请填写不小于 0 的整数'],
      ['-1', '请填写不小于 0 的整数'],
      ['', '请填写调整后的值'],
    ]) {
      const input = $<HTMLInputElement>(el, '#adjust-value');
      input.value = '';
      input.dispatchEvent(new Event('input'));
      if (value !== '') await typeInto(el, '#adjust-value', value!);
      await typeInto(el, '#adjust-reason', '验收补录');
      await press(el, '[part="adjust"]');
      expect(text($(el, '#adjust-value-error')), value).to.equal(message);
      expect($(el, '#adjust-value').getAttribute('aria-invalid')).to.equal('true');
      expect(deepActiveElement()?.id).to.equal('adjust-value');
    }
    expect(events).to.have.length(0);
    expect(refused).to.have.length(0);
    expect(el.reviews).to.equal(reviews);
    // A good value (full-width digits, as a Chinese input method types them) without a reason: the core refuses.
    await typeInto(el, '#adjust-value', '４');
    $<HTMLTextAreaElement>(el, '#adjust-reason').value = '';
    $(el, '#adjust-reason').dispatchEvent(new Event('input'));
    await press(el, '[part="adjust"]');
    expect(refused).to.have.length(1);
    expect(refused[0]!.error.code).to.equal('review.reason-required');
    expect(text($(el, '[part="refusal"]'))).to.equal('“调整”必须说明理由');
    expect(deepActiveElement()?.id).to.equal('adjust-reason');
    expect(el.reviews).to.equal(reviews);
    // With the reason: a new revision, re-scored (no task done of 4: the task list gives 0).
    await typeInto(el, '#adjust-reason', '任务清单验收补录');
    await typeInto(el, '#adjust-evidence', '验收单 2024-017');
    await press(el, '[part="adjust"]');
    expect(events).to.have.length(1);
    const next = events[0]!.review;
    expect(events[0]!.step).to.deep.include({ action: 'adjust', reason: '任务清单验收补录', revision: 2, adjustments: [{ fact: 'tasksAssigned', from: 0, to: 4, evidence: '验收单 2024-017' }] });
    expect(next.sheets).to.have.length(2);
    const tasks = (r: SheetReview) => currentSheet(r).sections.find((s) => s.id === 'work')!.lines.find((l) => l.item === 'tasks')!.points;
    expect([tasks(target), tasks(next)]).to.deep.equal([10, 0]);
    expect(currentSheet(next).total).to.equal(currentSheet(target).total - 10);
    // Still waiting for the township: it stays open, the sheet shows the new revision, focus on passing it on.
    expect(el.selected).to.equal(next);
    await sheetOf(el).updateComplete;
    expect(sheetOf(el).shownSheet).to.equal(currentSheet(next));
    expect(text(sheetOf(el).shadowRoot!.querySelector('tr.line[data-item="tasks"] td.points'))).to.equal('0');
    expect(text($(el, `[role="option"][data-key="${reviewKey(next)}"] .score`))).to.include(`${currentSheet(next).total} 分`);
    expect(deepActiveElement()?.getAttribute('part')).to.equal('advance');
    expect(text($(el, '#adjust-current'))).to.equal('当前值：4');
  });

  it('shows the core’s refusal for a sheet outside the reviewer’s division, an illegal step and the wrong level, changing nothing', async () => {
    const { elsewhere, draft } = await townshipQueue();
    const el = await mountQueue({}, { show: 'all' });
    const events = record(el, 'gualian-review');
    const refused = record(el, 'gualian-review-refused');
    const reviews = el.reviews;
    // Another township's submitted sheet: out of scope.
    await open(el, elsewhere);
    await press(el, '[part="advance"]');
    expect(refused.at(-1)!.error.code).to.equal('review.out-of-scope');
    const outOfScope = text($(el, '[part="refusal"]'));
    expect(outOfScope).to.equal(describeAssessmentError(refused.at(-1)!.error, 'zh-Hans'));
    expect(outOfScope).to.include('T01').and.include(elsewhere.subject.id).and.include('不在其辖区内');
    expect(deepActiveElement()?.id).to.equal('refusal');
    // A draft cannot be returned: the core names the state and the action.
    await open(el, draft);
    expect(text($(el, '[part="refusal"]')), 'a new sheet clears the message').to.equal('');
    await typeInto(el, '#return-reason', '测试');
    await press(el, '[part="return"]');
    expect(refused.at(-1)!.error.code).to.equal('review.illegal');
    expect(text($(el, '[part="refusal"]'))).to.equal('处于“草稿”状态的成绩单不能“退回”');
    // Nor submitted by the township: that is the village's step.
    await press(el, '[part="advance"]');
    expect(refused.at(-1)!.error.code).to.equal('review.wrong-level');
    expect(text($(el, '[part="refusal"]'))).to.equal('“提交”应由村级审核人办理，T01 是乡镇级审核人');
    el.setAttribute('lang', 'zh-Hant');
    await el.updateComplete;
    expect(text($(el, '[part="refusal"]'))).to.equal('「提交」應由村級審核人辦理，T01 是鄉鎮級審核人');
    expect(events).to.have.length(0);
    expect(el.reviews).to.equal(reviews);
    expect(el.reviews.every((r, i) => r === reviews[i])).to.equal(true);
  });

  it('follows the page’s new reviews, keeping the open sheet open as its new record', async () => {
    const { h, township } = await townshipQueue();
    const el = await mountQueue();
    const target = el.shown[3]!;
    await open(el, target);
    const next = reviewSheet(target, { action: 'adjust', by: township, at: '2025-01-09T08:00:00+08:00', reason: '补录表彰', adjustments: [{ fact: 'commendations', value: 1 }] }, { hierarchy: h, rubric: EXAMPLE_CADRE_RUBRIC });
    el.reviews = el.reviews.map((r) => (r === target ? next : r));
    await el.updateComplete;
    expect(el.selected).to.equal(next);
  });

  it('takes steps from script through act(), as the buttons do', async () => {
    const el = await mountQueue();
    const events = record(el, 'gualian-review');
    const refused = record(el, 'gualian-review-refused');
    const target = el.selected!;
    await el.act('adjust', { reason: '补录表彰', adjustments: [{ fact: 'commendations', value: 2, evidence: '表彰文件' }] });
    expect(events).to.have.length(1);
    expect(currentSheet(events[0]!.review).total).to.equal(Math.min(100, currentSheet(target).total + 10));
    await el.act('publish');
    expect(refused.at(-1)!.error.code).to.equal('review.illegal');
    expect(text($(el, '[part="refusal"]'))).to.equal('处于“已提交”状态的成绩单不能“公布”');
    expect(events).to.have.length(1);
  });

  it('prints the open sheet alone: print media hide the list, the filters and the actions', async () => {
    const el = await mountQueue();
    const shown = (selector: string) => getComputedStyle($(el, selector)).display !== 'none';
    expect([shown('[part="filters"]'), shown('.list-pane'), shown('[part="actions"]'), shown('gualian-score-sheet')]).to.deep.equal([true, true, true, true]);
    await emulateMedia({ media: 'print' });
    try {
      expect([shown('[part="filters"]'), shown('.list-pane'), shown('[part="actions"]'), shown('gualian-score-sheet')]).to.deep.equal([false, false, false, true]);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    // The sheet's print button isolates the queue on the page, and marks the sheet.
    const sheet = sheetOf(el);
    const original = window.print;
    let marked = false;
    window.print = () => {
      marked = el.hasAttribute('data-gualian-printing') && sheet.hasAttribute('data-gualian-printing');
    };
    try {
      sheet.print();
    } finally {
      window.print = original;
    }
    window.dispatchEvent(new Event('afterprint'));
    expect(marked).to.equal(true);
    expect(el.hasAttribute('data-gualian-printing')).to.equal(false);
  });

  it('says what it needs: a reviewer, the divisions', async () => {
    const { names } = await zhaotongScores();
    const el = await mount('gualian-review-queue', {}, { names });
    await el.updateComplete;
    expect(text($(el, '[part="notice"]'))).to.equal(translate('ui.reviewQueue.noDivisions'));
    const { h } = await townshipQueue();
    el.hierarchy = h;
    await el.updateComplete;
    expect(text($(el, '[part="notice"]'))).to.equal('请指定审核人（reviewer 属性）');
    expect(shownText(el)).to.not.include('待审核的成绩单');
  });

  it('reads typed values as the fact’s type asks', () => {
    expect(readValue(' 12 ', 'count')).to.deep.equal({ ok: true, value: 12 });
    expect(readValue('１２', 'count')).to.deep.equal({ ok: true, value: 12 });
    expect(readValue('1.5', 'number')).to.deep.equal({ ok: true, value: 1.5 });
    expect(readValue('－2', 'number')).to.deep.equal({ ok: true, value: -2 });
    expect(readValue('1e3', 'number')).to.deep.equal({ ok: false, problem: 'ui.reviewQueue.error.number' });
    expect(readValue('1,000', 'count')).to.deep.equal({ ok: false, problem: 'ui.reviewQueue.error.number' });
    expect(readValue('2', 'flag')).to.deep.equal({ ok: false, problem: 'ui.reviewQueue.error.flag' });
    expect(readValue('1', 'flag')).to.deep.equal({ ok: true, value: 1 });
    expect(readValue('', 'number')).to.deep.equal({ ok: false, problem: 'ui.reviewQueue.error.empty' });
  });
});

// A long queue stays usable: the whole city's submitted sheets.
describe('gualian-review-queue with a city’s sheets', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('lists all the city’s sheets (show="all") and opens the first in good time', async () => {
    const { scores } = await zhaotongScores();
    const reviews = Array.from({ length: scores.size }, (_, r) => startReview(scores.sheet(r)));
    const started = performance.now();
    const el = await mountQueue({ reviews, reviewer: { id: 'S01', level: 'city', scope: '5306' } }, { show: 'all' });
    expect(el.shown).to.have.length(scores.size);
    expect(performance.now() - started, 'ms to list every sheet').to.be.below(10_000);
    await waitUntil(() => sheetOf(el) !== null);
    expect(reviewKey(el.selected!)).to.equal(reviewKey(el.shown[0]!));
  });
});
