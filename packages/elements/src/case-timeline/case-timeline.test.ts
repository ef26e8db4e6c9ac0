import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { allowedEvents, deadlineHistory, describeDisputeError, dueOf, replayCase, taskForceProgress, type Actor, type CaseEvent } from '@gualian/core/disputes';
import { translate, type MessageKey } from '../base/testing/messages.js';
import { widgetSuites } from '../base/testing/suites.js';
import { deepActiveElement, mount, ready, record, shownText, unmountAll } from '../base/testing/mount.js';
import './define.js';
import type { GualianCaseTimeline } from './case-timeline.js';
import { AS_OF, before, caseAt, clockAfter, eventOf, zhaotongCases } from './testing/cases.js';

const $ = <T extends Element = HTMLElement>(el: GualianCaseTimeline, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector)!;
const $$ = <T extends Element = HTMLElement>(el: GualianCaseTimeline, selector: string) => [...el.shadowRoot!.querySelectorAll<T & Element>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const options = (el: GualianCaseTimeline) => $$<HTMLOptionElement>(el, '#f-type option').map((o) => o.value);

let serial = 0;
const ids = () => `T-${++serial}`;

async function mountTimeline(events: readonly CaseEvent[], properties: Partial<GualianCaseTimeline> = {}, attributes: Record<string, string | boolean> = {}): Promise<GualianCaseTimeline> {
  const { h } = await zhaotongCases();
  const el = await mount('gualian-case-timeline', { 'as-of': AS_OF, ...attributes }, { hierarchy: h, events, idGenerator: ids, clock: clockAfter(events), ...properties });
  await ready(el);
  return el;
}

async function pick(el: GualianCaseTimeline, type: string): Promise<void> {
  const select = $<HTMLSelectElement>(el, '#f-type');
  select.value = type;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

async function typeInto(el: GualianCaseTimeline, selector: string, value: string): Promise<void> {
  $<HTMLInputElement>(el, selector).focus();
  await sendKeys({ type: value });
}

async function submit(el: GualianCaseTimeline): Promise<void> {
  $<HTMLButtonElement>(el, '[part="submit"]').focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

widgetSuites<GualianCaseTimeline>('gualian-case-timeline', {
  tag: 'gualian-case-timeline',
  async data() {
    const { h, escalated } = await zhaotongCases();
    const events = before(escalated, 'accepted');
    return { attributes: { 'as-of': AS_OF }, properties: { hierarchy: h, events, actor: events[0]!.actor, idGenerator: ids, clock: clockAfter(events) } };
  },
  labels: ['ui.caseTimeline.facts', 'ui.caseTimeline.parties', 'ui.caseTimeline.next', 'ui.caseTimeline.action', 'ui.caseTimeline.submit', 'dispute.event.registered' as MessageKey],
  async keyboard(el) {
    // A registered case, acted on by its registrar: the first action offered is acceptance.
    expect(deepActiveElement()?.id).to.equal('f-type');
    expect($<HTMLSelectElement>(el, '#f-type').value).to.equal('accepted');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('f-note');
    await sendKeys({ type: '材料齐全，予以受理' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('part')).to.equal('submit');
    const recorded = record(el, 'gualian-case-event');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(recorded).to.have.length(1);
    expect(recorded[0]!.event.type).to.equal('accepted');
    expect(recorded[0]!.event.payload).to.deep.equal({ note: '材料齐全，予以受理' });
    expect(recorded[0]!.state.status).to.equal('accepted');
    // Focus moves to the event appended.
    expect(deepActiveElement()?.getAttribute('data-event')).to.equal(recorded[0]!.event.id);
  },
  async reveal(el, deepest) {
    el.events = caseAt(deepest);
    await el.updateComplete;
  },
});

describe('gualian-case-timeline on the real Zhaotong hierarchy and the seeded 2024 cases', function () {
  this.timeout(120_000);
  afterEach(unmountAll);

  it('shows every event of a case in order — what, who, when and the salient fields — with its facts, task force and deadlines', async () => {
    const { escalated, h } = await zhaotongCases();
    expect(escalated.length, 'a case with a task force and an escalation').to.be.greaterThan(8);
    const el = await mountTimeline(escalated);
    const state = replayCase(escalated, { hierarchy: h });
    const items = $$(el, '[part="event"]');
    expect(items.map((i) => i.dataset['event'])).to.deep.equal(escalated.map((e) => e.id));
    expect(items.map((i) => text(i.querySelector('.event-name')))).to.deep.equal(escalated.map((e) => translate(`dispute.event.${e.type}`, 'zh-Hans')));
    const up = eventOf(escalated, 'escalated');
    const upItem = $(el, `[data-event="${up.id}"]`);
    expect(text(upItem)).to.include(up.actor.unit).and.include(up.actor.id).and.include('承办人');
    expect(text(upItem)).to.include(up.at.slice(0, 4)).and.include(up.at.slice(11, 16));
    if (up.type !== 'escalated') throw new Error('not an escalation');
    expect(text(upItem)).to.include(`${translate(`level.${up.payload.to}`, 'zh-Hans')}级`).and.include(up.payload.reason);
    const agreement = eventOf(escalated, 'agreement-reached');
    if (agreement.type !== 'agreement-reached') throw new Error('not an agreement');
    expect(text($(el, `[data-event="${agreement.id}"]`))).to.include(agreement.payload.terms).and.include(state.facts.parties[0]!.name).and.include('签字');
    // Facts: the parties' names, the place by name, no contacts unless asked.
    const facts = text($(el, '[part="facts"]'));
    for (const p of state.facts.parties) expect(facts).to.include(p.name);
    const village = h.get(state.facts.place.slice(0, 12))!;
    expect(facts).to.include(village.name).and.include(h.parentOf(village.code)!.name);
    expect(facts).to.include('当事人联系方式不显示');
    // The task force: its units and duties, as the core's progress says.
    const progress = taskForceProgress(state, `${AS_OF}T23:59:59+08:00`)!;
    const tf = text($(el, '[part="task-force"]'));
    expect(tf).to.include(`${progress.units.length} 个单位`).and.include(`任务完成 ${progress.done}/${progress.duties}`);
    for (const d of state.taskForce!.duties) expect(tf).to.include(d.title);
    // Deadlines: exactly the core's.
    const due = dueOf(state, `${AS_OF}T23:59:59+08:00`);
    expect($$(el, '[part="deadlines"] li[data-due]').map((li) => li.dataset['due'])).to.deep.equal(due.map((d) => d.id));
  });

  it('shows running deadlines with days left and overdue ones with days over, as the core’s dueOf', async () => {
    const { states, byCase, h } = await zhaotongCases();
    const at = `${AS_OF}T23:59:59+08:00`;
    const overdueCase = [...states.values()].find((s) => dueOf(s, at).some((d) => d.overdue))!;
    const runningCase = [...states.values()].find((s) => dueOf(s, at).some((d) => !d.overdue && d.daysLeft > 0))!;
    expect(overdueCase, 'an overdue case at the end of the year').to.not.equal(undefined);
    const late = await mountTimeline(byCase.get(overdueCase.id)!);
    const lateDue = dueOf(replayCase(byCase.get(overdueCase.id)!, { hierarchy: h }), at).find((d) => d.overdue)!;
    const lateItem = $(late, `[part="deadlines"] li[data-due="${lateDue.id}"]`);
    expect(lateItem.classList.contains('overdue')).to.equal(true);
    expect(text(lateItem)).to.include(`逾期 ${-lateDue.daysLeft} 天`).and.include(lateDue.due);
    const running = await mountTimeline(byCase.get(runningCase.id)!);
    const runningDue = dueOf(runningCase, at).find((d) => !d.overdue)!;
    expect(text($(running, `[part="deadlines"] li[data-due="${runningDue.id}"]`))).to.include(`剩 ${runningDue.daysLeft} 天`);
  });

  it('lists the deadlines missed on the way, as the core’s deadlineHistory', async () => {
    const { states, byCase } = await zhaotongCases();
    const at = `${AS_OF}T23:59:59+08:00`;
    const late = [...states.values()].find((s) => deadlineHistory(s, at).some((r) => r.id === 'acceptance' && r.ended && r.missed))!;
    const run = deadlineHistory(late, at).find((r) => r.id === 'acceptance')!;
    const el = await mountTimeline(byCase.get(late.id)!);
    const item = $(el, '[data-missed="acceptance"]');
    expect(text(item)).to.equal(`决定是否受理 ${run.due} 到期，${run.ended} 才办理 逾期 ${run.daysLate} 天`);
    // A case that kept every deadline lists none.
    const kept = [...states.values()].find((s) => s.status === 'archived' && deadlineHistory(s, at).every((r) => !r.missed))!;
    const clean = await mountTimeline(byCase.get(kept.id)!);
    expect($$(clean, '[data-missed]')).to.have.length(0);
  });

  it('offers exactly the events the core allows to the actor’s role, and none without an actor', async () => {
    const { escalated, h } = await zhaotongCases();
    const assigned = before(escalated, 'mediation-started');
    const handler = eventOf(escalated, 'mediation-started').actor;
    // The case was escalated to the county: its county reviewer acts on it, the township's no longer.
    const reviewer = [...assigned].reverse().find((e) => e.type === 'assigned')!.actor;
    const townshipReviewer = eventOf(escalated, 'taskforce-formed').actor;
    const state = replayCase(assigned, { hierarchy: h });
    expect(state.level).to.equal('county');
    const el = await mountTimeline(assigned, { actor: handler });
    expect(options(el)).to.deep.equal(allowedEvents(state, { role: 'handler' }));
    expect(options(el)).to.include('mediation-started').and.not.include('archived');
    el.actor = reviewer;
    await el.updateComplete;
    expect(options(el)).to.deep.equal(allowedEvents(state, { role: 'reviewer' }));
    el.actor = townshipReviewer;
    await el.updateComplete;
    expect(options(el)).to.deep.equal([]);
    el.actor = null;
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    expect(text($(el, '.actions [part="notice"]'))).to.equal(translate('ui.caseTimeline.noActor'));
  });

  it('shows only the picked event’s fields and names a blank required field, recording nothing', async () => {
    const { escalated } = await zhaotongCases();
    const mediating = before(escalated, 'agreement-reached');
    const el = await mountTimeline(mediating, { actor: eventOf(escalated, 'agreement-reached').actor });
    const recorded = record(el, 'gualian-case-event');
    await pick(el, 'mediation-failed');
    expect($$(el, 'form [id^="f-"]').map((x) => x.id)).to.deep.equal(['f-type', 'f-reason']);
    await pick(el, 'escalated');
    expect($$(el, 'form [id^="f-"]').map((x) => x.id)).to.deep.equal(['f-type', 'f-to', 'f-reason']);
    await pick(el, 'mediation-failed');
    await submit(el);
    expect(recorded).to.have.length(0);
    const reason = $(el, '#f-reason');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#f-reason-error'))).to.equal('请填写“理由”');
    expect(deepActiveElement()).to.equal(reason);
    expect($$(el, '[part="event"]')).to.have.length(mediating.length);
    // Typing clears the problem; submitting records the event.
    await typeInto(el, '#f-reason', '双方分歧较大');
    await el.updateComplete;
    expect($(el, '#f-reason-error')).to.equal(null);
    await submit(el);
    expect(recorded).to.have.length(1);
    expect(recorded[0]!.event).to.include({ type: 'mediation-failed', caseId: mediating[0]!.caseId });
    expect(recorded[0]!.state.status).to.equal('mediation-failed');
    expect($$(el, '[part="event"]')).to.have.length(mediating.length + 1);
    expect(text($(el, '[part="outcome"]'))).to.equal('已记录“调解不成”，案件现为“调解不成”');
    expect(options(el)).to.deep.equal(allowedEvents(recorded[0]!.state, { role: 'handler' }));
  });

  it('shows the core’s refusal in the reader’s language and records nothing; offers nothing outside the actor’s division', async () => {
    const { escalated, h } = await zhaotongCases();
    const mediating = before(escalated, 'agreement-reached');
    const handler = eventOf(escalated, 'agreement-reached').actor;
    const el = await mountTimeline(mediating, { actor: handler }, { lang: 'en' });
    const recorded = record(el, 'gualian-case-event');
    const refused = record(el, 'gualian-case-refused');
    await pick(el, 'agreement-reached');
    await typeInto(el, '#f-terms', '分期偿还');
    const consent = $<HTMLSelectElement>(el, '#f-consent-p1');
    consent.value = 'signature';
    consent.dispatchEvent(new Event('change'));
    await submit(el);
    expect(recorded).to.have.length(0);
    expect(refused).to.have.length(1);
    expect(refused[0]!.error.code).to.equal('dispute.consent-missing');
    expect(text($(el, '[part="refusal"]'))).to.equal(describeDisputeError(refused[0]!.error, 'en'));
    expect(deepActiveElement()).to.equal($(el, '[part="refusal"]'));
    expect(el.state!.status).to.equal('mediating');
    expect($$(el, '[part="event"]')).to.have.length(mediating.length);
    // A handler of another county is offered nothing: the case is outside their division.
    const place = el.state!.facts.place;
    const county = h.descendantsOf('5306', 'county').find((c) => !place.startsWith(c.code))!;
    el.actor = { ...handler, id: 'H-OTHER', division: county.code } satisfies Actor;
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    expect(text($(el, '.actions [part="notice"]'))).to.equal(translate('ui.caseTimeline.outOfScope', 'en', { division: h.pathOf(county.code).map((d) => d.name).join(' / ') }));
    expect(recorded).to.have.length(0);
  });

  it('appends a task-force duty report the core accepts, and shows the duty done', async () => {
    const { escalated } = await zhaotongCases();
    const formed = before(escalated, 'duty-progress');
    const handler = eventOf(escalated, 'duty-progress').actor;
    const el = await mountTimeline(formed, { actor: handler });
    const recorded = record(el, 'gualian-case-event');
    await pick(el, 'duty-progress');
    const duty = $<HTMLSelectElement>(el, '#f-duty');
    const open = el.state!.taskForce!.duties.filter((d) => !d.done);
    expect([...duty.options].map((o) => o.value)).to.deep.equal(open.map((d) => d.id));
    await typeInto(el, '#f-note', '已逐户走访');
    $<HTMLInputElement>(el, '#f-done').click();
    await submit(el);
    expect(recorded).to.have.length(1);
    expect(recorded[0]!.event.payload).to.deep.equal({ duty: open[0]!.id, note: '已逐户走访', done: true });
    expect(recorded[0]!.state.taskForce!.duties.find((d) => d.id === open[0]!.id)!.done).to.equal(true);
    expect(text($(el, '[part="task-force"]'))).to.include(`任务完成 1/${open.length}`);
  });

  it('shows contact data only with show-contacts', async () => {
    const { escalated } = await zhaotongCases();
    const contacts = [{ caseId: escalated[0]!.caseId, partyId: 'p1', phone: '13800000000' }];
    const el = await mountTimeline(escalated, { contacts });
    expect(shownText(el)).to.not.include('13800000000');
    el.showContacts = true;
    await el.updateComplete;
    expect(text($(el, '[part="facts"]'))).to.include('13800000000');
  });

  it('picks its case from a whole record by case-id', async () => {
    const { events, escalated } = await zhaotongCases();
    const id = escalated[0]!.caseId;
    const el = await mountTimeline(events, {}, { 'case-id': id });
    expect(el.caseEvents.map((e) => e.id)).to.deep.equal(escalated.map((e) => e.id));
    expect(text($(el, '#case-title'))).to.equal(`案件 ${id}`);
  });
});
