import { expect } from 'chai';
import {
  CASE_EVENT_TYPES,
  CASE_LEVELS,
  CASE_STATUSES,
  CaseRecord,
  DEFAULT_DEADLINES,
  DEFAULT_PERMISSIONS,
  DisputeError,
  allowedEvents,
  applyEvent,
  deadlineDate,
  describeDisputeError,
  dueOf,
  isWorkingDay,
  replayCase,
  resolutionLevel,
  taskForceProgress,
  type Actor,
  type ActorRole,
  type CaseEvent,
  type CaseEventType,
  type CaseFacts,
  type CaseLevel,
  type CaseState,
  type DisputePolicyInput,
} from '../src/disputes/index.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

// Real Zhaotong places: 旧圃镇 (530602101) and its 旧圃社区 (530602101001) in 昭阳区 (530602);
// 守望回族乡 (530602202), another township of the same district; 镇雄县 (530627), another county.
const CITY = '5306';
const COUNTY = '530602';
const TOWNSHIP = '530602101';
const VILLAGE = '530602101001';
const OTHER_TOWNSHIP = '530602202';
const OTHER_COUNTY = '530627';
const GRID = `${VILLAGE}-003`;
const PLACE = `${GRID}-07`;
const DIVISION: Record<CaseLevel, string> = { village: VILLAGE, township: TOWNSHIP, county: COUNTY, prefecture: CITY };

const actor = (role: ActorRole, division: string, id = `${role}@${division}`): Actor => ({ id, role, unit: role === 'handler' ? '司法所' : '综治中心', division });
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  source: 'gridder',
  category: 'neighbours',
  parties: [
    { id: 'p1', kind: 'person', name: '王建国', side: 'applicant' },
    { id: 'p2', kind: 'person', name: '李秀英', side: 'respondent' },
  ],
  place: PLACE,
  severity: 'general',
  riskFlags: [],
  level: 'village',
  summary: '宅基地边界纠纷',
  ...over,
});

/** A time `minutes` after a +08:00 timestamp. */
function later(at: string, minutes: number): string {
  const t = new Date(Date.parse(at) + minutes * 60_000 + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 19)}+08:00`;
}

let serial = 0;
/** A valid event of a type for a case in a state: the first role allowed, at the holding level. */
function sample(type: CaseEventType, state: CaseState | undefined, caseId = state?.id ?? 'C1', over: Partial<CaseFacts> = {}): CaseEvent {
  const level = state?.level ?? over.level ?? 'village';
  const at = state ? later(state.lastAt, 60) : '2024-03-01T09:00:00+08:00';
  const who = actor(DEFAULT_PERMISSIONS[type][0]!, DIVISION[level]);
  const up = CASE_LEVELS[Math.min(CASE_LEVELS.indexOf(level) + 1, 3)]!;
  const down = CASE_LEVELS[Math.max(CASE_LEVELS.indexOf(level) - 1, 0)]!;
  const extensible = DEFAULT_DEADLINES.find((r) => r.maxExtensionDays > 0 && state && r.while.includes(state.status))?.id ?? 'handling';
  const payloads: Record<CaseEventType, object> = {
    registered: facts(over),
    accepted: {},
    declined: { reason: '不属于受理范围' },
    assigned: { unit: '旧圃镇司法所', handler: 'handler@' + DIVISION[level] },
    'mediation-started': {},
    'agreement-reached': { terms: '双方各退一步，重新划定界址', consents: (state?.facts.parties ?? []).map((p) => ({ party: p.id, form: 'signature' })) },
    'mediation-failed': { reason: '分歧过大' },
    'confirmation-applied': { court: '昭阳区人民法院' },
    'confirmation-granted': { ruling: '协议有效' },
    'confirmation-refused': { reason: '违反法律强制性规定' },
    referred: { to: 'litigation', body: '昭阳区人民法院' },
    escalated: { to: up, reason: '调处难度大' },
    'sent-down': { to: down, reason: '由属地调处' },
    'followed-up': { outcome: 'satisfied' },
    archived: {},
    withdrawn: { reason: '当事人自行和解' },
    merged: { into: 'C0' },
    'taskforce-formed': {
      lead: { id: 'lead', name: '张明', unit: '旧圃镇党委' },
      members: [
        { id: 'm1', unit: '旧圃镇司法所' },
        { id: 'm2', unit: '旧圃派出所' },
      ],
      duties: [
        { id: 'd1', title: '走访当事人', assignee: 'm1', due: '2024-03-20' },
        { id: 'd2', title: '稳控', assignee: 'm2', due: '2024-04-10' },
      ],
    },
    'duty-progress': { duty: 'd1', note: '已走访', done: true },
    'deadline-extended': { rule: extensible, days: 5, reason: '情况复杂' },
    answered: { opinion: '经调查核实，依法作出处理意见' },
    'review-requested': { reason: '对处理意见不服' },
    'review-answered': { outcome: 'upheld', opinion: '维持原处理意见' },
    're-review-requested': { reason: '对复查意见不服' },
    're-review-answered': { outcome: 'upheld', opinion: '维持复查意见' },
    'severity-changed': { to: state?.facts.severity === 'general' ? 'major' : 'general', reason: '涉及人数增多' },
  };
  return { id: `E${++serial}`, caseId, type, at, actor: who, payload: payloads[type] } as CaseEvent;
}

function run(h: Hierarchy, types: CaseEventType[], over: Partial<CaseFacts> = {}, policy?: DisputePolicyInput): CaseState {
  let s: CaseState | undefined;
  for (const t of types) s = applyEvent(s, sample(t, s, 'C1', over), { hierarchy: h, ...(policy ? { policy } : {}) });
  return s!;
}

function refusal(f: () => unknown): DisputeError {
  try {
    f();
  } catch (e) {
    if (e instanceof DisputeError) return e;
    throw e;
  }
  throw new Error('expected a DisputeError');
}

describe('disputes: the case lifecycle on the real Zhaotong hierarchy', function () {
  this.timeout(120_000);
  let h: Hierarchy;
  before(async () => {
    h = (await edition('2023')).subtree(CITY);
  });

  it('walks every legal path to its end, with the right outcome', () => {
    const paths: [CaseEventType[], Partial<CaseState>, CaseLevel | null][] = [
      [['registered', 'declined', 'archived'], { status: 'archived' }, null],
      [['registered', 'withdrawn', 'archived'], { status: 'archived' }, null],
      [['registered', 'merged', 'archived'], { status: 'archived', mergedInto: 'C0' }, null],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'followed-up', 'archived'], { status: 'archived', followUps: 1 }, 'village'],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-granted', 'followed-up', 'followed-up', 'archived'], { followUps: 2 }, 'village'],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-refused', 'referred', 'archived'], { status: 'archived' }, null],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-refused', 'mediation-started', 'agreement-reached', 'followed-up', 'archived'], {}, 'village'],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'mediation-failed', 'referred', 'archived'], { status: 'archived' }, null],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'mediation-failed', 'mediation-started', 'agreement-reached', 'followed-up', 'archived'], {}, 'village'],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'mediation-failed', 'assigned', 'mediation-started', 'agreement-reached', 'followed-up', 'archived'], {}, 'village'],
      [['registered', 'accepted', 'escalated', 'assigned', 'mediation-started', 'agreement-reached', 'followed-up', 'archived'], { level: 'township' }, 'township'],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'escalated', 'escalated', 'assigned', 'mediation-started', 'agreement-reached', 'followed-up', 'archived'], { level: 'county' }, 'county'],
      [['registered', 'accepted', 'escalated', 'sent-down', 'assigned', 'mediation-started', 'agreement-reached', 'followed-up', 'archived'], { level: 'village' }, 'village'],
      [['registered', 'accepted', 'referred', 'archived'], { status: 'archived' }, null],
      [['registered', 'accepted', 'assigned', 'withdrawn', 'archived'], { status: 'archived' }, null],
      [['registered', 'accepted', 'assigned', 'mediation-started', 'mediation-failed', 'escalated', 'assigned', 'mediation-started', 'mediation-failed', 'withdrawn', 'archived'], { level: 'township' }, null],
    ];
    for (const [types, expected, level] of paths) {
      const s = run(h, types);
      expect(s, types.join(' → ')).to.include({ status: 'archived', events: types.length, ...expected });
      expect(s.steps.map((x) => x.status), types.join(' → ')).to.have.length(types.length);
      expect(resolutionLevel(s), types.join(' → ')).to.equal(level);
      expect(s.concludedAt, types.join(' → ')).to.be.a('string');
      // The fold of the same events gives the same state.
      let folded: CaseState | undefined;
      const events: CaseEvent[] = [];
      for (const t of types) {
        const e = sample(t, folded);
        events.push(e);
        folded = applyEvent(folded, e, { hierarchy: h });
      }
      expect(replayCase(events, { hierarchy: h })).to.deep.equal(folded);
    }
  });

  it('reaches every state, and every path through the machine can still be archived (exhaustive walk)', () => {
    const reached = new Set<string>();
    let paths = 0;
    const walk = (s: CaseState, seen: Set<string>) => {
      reached.add(s.status);
      if (s.status === 'archived') {
        paths++;
        return;
      }
      const open = allowedEvents(s).filter((t) => t !== 'duty-progress' && t !== 'deadline-extended' && t !== 'taskforce-formed');
      expect(open, `${s.status} is a dead end`).to.not.be.empty;
      for (const t of open) {
        const next = applyEvent(s, sample(t, s), { hierarchy: h });
        const key = `${next.status}/${next.level}/${next.resolution ? 'r' : ''}`;
        if (seen.has(key)) continue; // no loops
        walk(next, new Set([...seen, key]));
      }
    };
    // A petition, so that the answer, review and re-review states are reached too.
    const start = applyEvent(undefined, sample('registered', undefined, 'C1', { source: 'petition' }), { hierarchy: h });
    walk(start, new Set(['registered/village/']));
    expect([...reached].sort()).to.deep.equal([...CASE_STATUSES].sort());
    expect(paths).to.be.greaterThan(100);
  });

  it('allowedEvents matches exactly what applyEvent accepts, over every state × event type', () => {
    const states: CaseState[] = [];
    const to: Record<string, CaseEventType[]> = {
      registered: ['registered'],
      accepted: ['registered', 'accepted'],
      declined: ['registered', 'declined'],
      assigned: ['registered', 'accepted', 'assigned'],
      mediating: ['registered', 'accepted', 'assigned', 'mediation-started'],
      agreement: ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached'],
      'mediation-failed': ['registered', 'accepted', 'assigned', 'mediation-started', 'mediation-failed'],
      'confirmation-applied': ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied'],
      confirmed: ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-granted'],
      'confirmation-refused': ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-refused'],
      referred: ['registered', 'accepted', 'referred'],
      escalated: ['registered', 'accepted', 'escalated'],
      'sent-down': ['registered', 'accepted', 'escalated', 'sent-down'],
      'followed-up': ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'followed-up'],
      archived: ['registered', 'declined', 'archived'],
      withdrawn: ['registered', 'withdrawn'],
      merged: ['registered', 'merged'],
      answered: ['registered', 'accepted', 'assigned', 'answered'],
      'review-requested': ['registered', 'declined', 'review-requested'],
      reviewed: ['registered', 'accepted', 'answered', 'review-requested', 'review-answered'],
      're-review-requested': ['registered', 'accepted', 'answered', 'review-requested', 'review-answered', 're-review-requested'],
      're-reviewed': ['registered', 'declined', 'review-requested', 'review-answered', 're-review-requested', 're-review-answered'],
    };
    for (const severity of ['general', 'major'] as const) {
      // Petitions and other sources: the petition events are open to petitions only.
      for (const types of Object.values(to)) states.push(run(h, types, { severity, source: 'petition' }));
      for (const types of Object.values(to).slice(0, 17)) states.push(run(h, types, { severity }));
      // With a task force, with an extension used up, at the top and bottom levels.
      states.push(run(h, ['registered', 'accepted', 'assigned', 'taskforce-formed'], { severity: 'major' }));
      states.push(run(h, ['registered', 'accepted', 'escalated', 'escalated', 'escalated'], { severity }));
      states.push(run(h, ['registered', 'accepted', 'escalated', 'escalated', 'escalated', 'sent-down', 'sent-down', 'sent-down'], { severity }));
      states.push(run(h, ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'deadline-extended', 'deadline-extended'], { severity }));
      states.push(run(h, ['registered', 'accepted'], { severity, level: 'county', place: VILLAGE }));
    }
    expect(new Set(states.map((s) => s.status)).size).to.equal(CASE_STATUSES.length);
    let checked = 0;
    for (const s of [undefined, ...states]) {
      const allowed = new Set(allowedEvents(s));
      for (const type of CASE_EVENT_TYPES) {
        let accepted = true;
        try {
          applyEvent(s, sample(type, s), { hierarchy: h });
        } catch (e) {
          if (!(e instanceof DisputeError)) throw e;
          accepted = false;
        }
        expect(accepted, `${s?.status ?? 'new'} (${s?.level}, ${s?.facts.severity}) × ${type}`).to.equal(allowed.has(type));
        checked++;
      }
    }
    expect(checked).to.equal((states.length + 1) * CASE_EVENT_TYPES.length);
    // Filtered by role: only what that role may record.
    const mediating = run(h, to['mediating']!);
    expect(allowedEvents(mediating, { role: 'registrar' })).to.deep.equal(['withdrawn', 'severity-changed']);
    expect(allowedEvents(mediating, { role: 'handler' })).to.deep.equal(['agreement-reached', 'mediation-failed', 'escalated', 'withdrawn', 'deadline-extended', 'severity-changed'].filter((t) => DEFAULT_PERMISSIONS[t as CaseEventType].includes('handler')));
  });

  it('refuses an illegal event with a typed error naming the state and the event, and records nothing', async () => {
    const record = new CaseRecord({ hierarchy: h });
    await record.append(sample('registered', undefined, 'A1'));
    const before = structuredClone(record.stateOf('A1'));
    const e = sample('agreement-reached', record.stateOf('A1'));
    const err = await record.append(e).then(
      () => null,
      (x: unknown) => x,
    );
    expect(err).to.be.instanceOf(DisputeError);
    expect((err as DisputeError).code).to.equal('dispute.illegal-event');
    expect((err as DisputeError).details).to.include({ state: 'registered', event: 'agreement-reached', case: 'A1' });
    expect(describeDisputeError(err as DisputeError, 'en')).to.equal('case A1: the event "agreement reached" is not allowed in the state "registered"');
    expect(describeDisputeError(err as DisputeError, 'zh-Hans')).to.equal('案件 A1：“已登记”状态下不能“达成调解协议”');
    expect(describeDisputeError(err as DisputeError, 'zh-Hant')).to.contain('已登記');
    expect(record.entries).to.have.length(1);
    expect(record.stateOf('A1')).to.deep.equal(before);
    // The record goes on after a refusal.
    await record.append(sample('accepted', record.stateOf('A1')));
    expect(record.stateOf('A1')!.status).to.equal('accepted');
    expect(record.entries.map((x) => x.seq)).to.deep.equal([0, 1]);
  });

  it('applies each guard with its own error, leaving the state untouched', () => {
    const ctx = { hierarchy: h };
    const check = (s: CaseState, e: CaseEvent, code: string, details: Record<string, unknown> = {}, policy?: DisputePolicyInput) => {
      const snapshot = structuredClone(s);
      const err = refusal(() => applyEvent(s, e, policy ? { ...ctx, policy } : ctx));
      expect(err.code, `${e.type}`).to.equal(code);
      expect(err.details).to.include(details);
      expect(s).to.deep.equal(snapshot);
    };
    const mediating = run(h, ['registered', 'accepted', 'assigned', 'mediation-started']);
    // An agreement needs every party's consent recorded.
    const oneConsent = sample('agreement-reached', mediating);
    (oneConsent.payload as { consents: unknown[] }).consents = [{ party: 'p1', form: 'signature' }];
    check(mediating, oneConsent, 'dispute.consent-missing', { parties: 'p2' });
    const stranger = sample('agreement-reached', mediating);
    (stranger.payload as { consents: { party: string; form: string }[] }).consents.push({ party: 'p9', form: 'oral' });
    check(mediating, stranger, 'dispute.unknown-party', { party: 'p9' });
    // A follow-up needs a resolution.
    check(mediating, sample('followed-up', mediating), 'dispute.no-resolution', { state: 'mediating' });
    check(run(h, ['registered', 'accepted', 'assigned', 'mediation-started', 'mediation-failed']), sample('followed-up', run(h, ['registered', 'accepted', 'assigned', 'mediation-started', 'mediation-failed'])), 'dispute.no-resolution');
    const refused = run(h, ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-refused']);
    expect(refused.resolution).to.equal(undefined);
    check(refused, sample('followed-up', refused), 'dispute.no-resolution');
    // Escalation goes one level up at a time, unless the policy allows more.
    const skip = { ...sample('escalated', mediating), payload: { to: 'county', reason: '重大' } } as CaseEvent;
    check(mediating, skip, 'dispute.escalation-skip', { from: 'village', to: 'county' });
    expect(applyEvent(mediating, skip, { hierarchy: h, policy: { escalation: { maxStep: 2 } } }).level).to.equal('county');
    check(mediating, { ...sample('escalated', mediating), payload: { to: 'village', reason: '—' } } as CaseEvent, 'dispute.bad-level');
    const township = run(h, ['registered', 'accepted', 'escalated']);
    check(township, { ...sample('sent-down', township), payload: { to: 'county', reason: '—' } } as CaseEvent, 'dispute.bad-level');
    // A case placed at a township cannot be sent down to a village.
    const atTownship = run(h, ['registered', 'accepted'], { place: TOWNSHIP, level: 'township' });
    expect(allowedEvents(atTownship)).to.not.include('sent-down');
    check(atTownship, sample('sent-down', atTownship), 'dispute.bad-level');
    // Merging into itself; an event for a case never registered; one out of time order.
    const registered = run(h, ['registered']);
    check(registered, { ...sample('merged', registered), payload: { into: 'C1' } } as CaseEvent, 'dispute.merge-self');
    expect(refusal(() => applyEvent(undefined, sample('accepted', registered, 'C9'), ctx)).code).to.equal('dispute.unknown-case');
    check(registered, { ...sample('accepted', registered), at: '2024-02-01T09:00:00+08:00' }, 'dispute.time-order');
    check(registered, { ...sample('accepted', registered), at: '2024-03-01T00:30:00Z' }, 'dispute.time-order'); // 08:30 in China
  });

  it('checks roles and scope: a township handler cannot act on a case in another township', () => {
    const ctx = { hierarchy: h };
    const assigned = run(h, ['registered', 'accepted', 'assigned'], { level: 'township' });
    const start = (who: Actor) => ({ ...sample('mediation-started', assigned), actor: who });
    // 旧圃镇's own handler may; so may the district's (昭阳区 contains 旧圃镇).
    expect(applyEvent(assigned, start(actor('handler', TOWNSHIP)), ctx).status).to.equal('mediating');
    expect(applyEvent(assigned, start(actor('handler', COUNTY)), ctx).status).to.equal('mediating');
    // The case is held at the township: the village's (or a grid's) handler no longer acts on it.
    expect(refusal(() => applyEvent(assigned, start(actor('handler', GRID)), ctx)).code).to.equal('dispute.out-of-level');
    // 守望回族乡's handler may not, nor 镇雄县's, nor the handler of another grid of the village.
    const other = refusal(() => applyEvent(assigned, start(actor('handler', OTHER_TOWNSHIP, 'H-守望')), ctx));
    expect(other.code).to.equal('dispute.out-of-scope');
    expect(other.details).to.include({ actor: 'H-守望', division: OTHER_TOWNSHIP, place: PLACE });
    expect(describeDisputeError(other, 'zh-Hans')).to.equal(`H-守望 负责的区划 ${OTHER_TOWNSHIP} 不包含案件 C1 的发生地 ${PLACE}`);
    expect(refusal(() => applyEvent(assigned, start(actor('handler', OTHER_COUNTY)), ctx)).code).to.equal('dispute.out-of-scope');
    expect(refusal(() => applyEvent(assigned, start(actor('handler', `${VILLAGE}-004`)), ctx)).code).to.equal('dispute.out-of-scope');
    // Without a hierarchy the codes' digits decide, with the same answers.
    expect(refusal(() => applyEvent(assigned, start(actor('handler', OTHER_TOWNSHIP)))).code).to.equal('dispute.out-of-scope');
    // A division the hierarchy does not know is out of scope; a place it does not know is refused at registration.
    expect(refusal(() => applyEvent(assigned, start(actor('handler', '530602101599')), ctx)).code).to.equal('dispute.out-of-scope');
    const unknown = { ...sample('registered', undefined, 'C2'), payload: facts({ place: '530602101599' }), actor: actor('registrar', TOWNSHIP) } as CaseEvent;
    expect(refusal(() => applyEvent(undefined, unknown, ctx)).code).to.equal('dispute.unknown-place');
    // A level above the place: a case at 旧圃镇 cannot be held by a village.
    expect(refusal(() => applyEvent(undefined, { ...sample('registered', undefined, 'C3'), actor: actor('registrar', TOWNSHIP), payload: facts({ place: TOWNSHIP }) } as CaseEvent, ctx)).code).to.equal('dispute.bad-level');
    // Roles: a registrar does not mediate; a handler does not register.
    const role = refusal(() => applyEvent(assigned, { ...start(actor('registrar', TOWNSHIP)) }, ctx));
    expect(role.code).to.equal('dispute.role');
    expect(describeDisputeError(role, 'zh-Hans')).to.equal('registrar@530602101（登记员）无权“开始调处”');
    expect(refusal(() => applyEvent(undefined, { ...sample('registered', undefined, 'C4'), actor: actor('handler', VILLAGE) }, ctx)).code).to.equal('dispute.role');
    // A place's permissions are data.
    expect(applyEvent(assigned, start(actor('registrar', TOWNSHIP)), { hierarchy: h, policy: { permissions: { 'mediation-started': ['handler', 'registrar'] } } }).status).to.equal('mediating');
    // An invalid event is refused by its schema.
    const bad = refusal(() => applyEvent(assigned, { ...sample('mediation-started', assigned), at: '2024-13-01T09:00:00+08:00' }, ctx));
    expect(bad.code).to.equal('dispute.invalid-event');
    expect(bad.details).to.include({ field: 'at' });
  });

  it('forms a task force for a major matter only, with members from several units, and tracks its duties on the record', () => {
    const ctx = { hierarchy: h };
    const general = run(h, ['registered', 'accepted', 'assigned']);
    expect(refusal(() => applyEvent(general, sample('taskforce-formed', general), ctx)).code).to.equal('dispute.taskforce-severity');
    const major = run(h, ['registered', 'accepted', 'assigned'], { severity: 'major' });
    const oneUnit = sample('taskforce-formed', major);
    const p = oneUnit.payload as { lead: { unit: string }; members: { unit: string }[]; duties: { assignee: string }[] };
    p.lead.unit = '旧圃镇司法所';
    p.members.forEach((m) => (m.unit = '旧圃镇司法所'));
    expect(refusal(() => applyEvent(major, oneUnit, ctx)).details).to.include({ count: 1, required: 2 });
    const outsider = sample('taskforce-formed', major);
    (outsider.payload as typeof p).duties[0]!.assignee = 'x';
    expect(refusal(() => applyEvent(major, outsider, ctx)).code).to.equal('dispute.unknown-member');
    expect(refusal(() => applyEvent(major, sample('duty-progress', major), ctx)).code).to.equal('dispute.no-taskforce');
    const formed = applyEvent(major, { ...sample('taskforce-formed', major), at: '2024-03-05T09:00:00+08:00' }, ctx);
    expect(formed.status).to.equal('assigned');
    expect(refusal(() => applyEvent(formed, sample('taskforce-formed', formed), ctx)).code).to.equal('dispute.taskforce-exists');
    expect(refusal(() => applyEvent(formed, { ...sample('duty-progress', formed), payload: { duty: 'd9', note: '—' } } as CaseEvent, ctx)).code).to.equal('dispute.unknown-duty');
    // d1 is due 2024-03-20, d2 2024-04-10: on 25 March d1 is overdue and d2 is not.
    let progress = taskForceProgress(formed, '2024-03-25T09:00:00+08:00')!;
    expect(progress.units).to.deep.equal(['旧圃镇党委', '旧圃镇司法所', '旧圃派出所']);
    expect(progress.overdue.map((d) => d.id)).to.deep.equal(['d1']);
    expect(dueOf(formed, '2024-03-25T09:00:00+08:00').filter((d) => d.kind === 'duty')).to.deep.equal([
      { kind: 'duty', id: 'd1', label: '走访当事人', since: '2024-03-05', due: '2024-03-20', overdue: true, daysLeft: -5 },
      { kind: 'duty', id: 'd2', label: '稳控', since: '2024-03-05', due: '2024-04-10', overdue: false, daysLeft: 16 },
    ]);
    // d1 reported done (late) on 26 March; the progress is an event of the case.
    const done = applyEvent(formed, { ...sample('duty-progress', formed), at: '2024-03-26T10:00:00+08:00' }, ctx);
    expect(done.events).to.equal(formed.events + 1);
    progress = taskForceProgress(done, '2024-03-27T09:00:00+08:00')!;
    expect(progress).to.include({ duties: 2, done: 1, share: 0.5 });
    expect(progress.overdue).to.deep.equal([]);
    expect(progress.doneLate.map((d) => d.id)).to.deep.equal(['d1']);
    expect(dueOf(done, '2024-04-11T09:00:00+08:00').filter((d) => d.overdue).map((d) => d.id)).to.deep.equal(['d2']);
    expect(taskForceProgress(general, '2024-03-27T09:00:00+08:00')).to.equal(null);
  });

  it('records where each case was resolved: the level holding it when the agreement in force was reached', () => {
    expect(resolutionLevel(run(h, ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached']))).to.equal('village');
    expect(resolutionLevel(run(h, ['registered', 'accepted', 'escalated', 'assigned', 'mediation-started', 'agreement-reached']))).to.equal('township');
    expect(resolutionLevel(run(h, ['registered', 'accepted', 'escalated', 'escalated', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-granted']))).to.equal('county');
    // Refused confirmation: not resolved, until a new agreement, here after escalation.
    const refused = run(h, ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-refused']);
    expect(resolutionLevel(refused)).to.equal(null);
    expect(refused.concludedAt).to.equal(undefined);
    const anew = run(h, ['registered', 'accepted', 'assigned', 'mediation-started', 'agreement-reached', 'confirmation-applied', 'confirmation-refused', 'mediation-started', 'escalated', 'assigned', 'mediation-started', 'agreement-reached']);
    expect(resolutionLevel(anew)).to.equal('township');
    expect(resolutionLevel(run(h, ['registered', 'accepted', 'assigned', 'mediation-started', 'mediation-failed', 'referred']))).to.equal(null);
  });
});

describe('disputes: deadlines as policy data', function () {
  this.timeout(120_000);
  let h: Hierarchy;
  before(async () => {
    h = (await edition('2023')).subtree(CITY);
  });
  // National Day 2024: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
  const nationalDay = { holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'], workdays: ['2024-09-29', '2024-10-12'] };

  it('counts calendar days (a period ending on a rest day ends on the next working day) and working days (weekends and holidays skipped)', () => {
    expect(deadlineDate('2024-04-15', 30)).to.equal('2024-05-15');
    expect(deadlineDate('2024-03-01', 30)).to.equal('2024-04-01'); // 31 March is a Sunday
    expect(deadlineDate('2024-03-01', 30, { calendar: { rollOver: false } })).to.equal('2024-03-31');
    expect(deadlineDate('2024-09-16', 15)).to.equal('2024-10-01');
    expect(deadlineDate('2024-09-16', 15, { calendar: nationalDay })).to.equal('2024-10-08');
    expect(deadlineDate('2024-09-27', 5, { count: 'working' })).to.equal('2024-10-04');
    expect(deadlineDate('2024-09-27', 5, { count: 'working', calendar: nationalDay })).to.equal('2024-10-10');
    expect(deadlineDate('2024-10-11', 1, { count: 'working', calendar: nationalDay })).to.equal('2024-10-12'); // a worked Saturday
    expect(deadlineDate('2024-03-01', 0)).to.equal('2024-03-01');
    expect(isWorkingDay('2024-09-29')).to.equal(false);
    expect(isWorkingDay('2024-09-29', nationalDay)).to.equal(true);
    expect(isWorkingDay('2024-10-02', nationalDay)).to.equal(false);
    expect(isWorkingDay('2024-10-08', nationalDay)).to.equal(true);
  });

  it('gives the 30 days for judicial confirmation from the agreement taking effect (People’s Mediation Law art. 33)', () => {
    const ctx = { hierarchy: h };
    let s = run(h, ['registered', 'accepted', 'assigned', 'mediation-started']);
    s = applyEvent(s, { ...sample('agreement-reached', s), at: '2024-04-15T10:00:00+08:00' }, ctx);
    const confirmation = (at: string) => dueOf(s, at).find((d) => d.id === 'judicial-confirmation')!;
    expect(confirmation('2024-05-15T18:00:00+08:00')).to.deep.include({ since: '2024-04-15', due: '2024-05-15', overdue: false, daysLeft: 0 });
    expect(confirmation('2024-05-16T08:00:00+08:00')).to.deep.include({ overdue: true, daysLeft: -1 });
    expect(confirmation('2024-05-16T08:00:00+08:00').label).to.contain('人民调解法第三十三条');
    // An agreement taking effect later: the 30 days run from then.
    let later = run(h, ['registered', 'accepted', 'assigned', 'mediation-started']);
    later = applyEvent(later, { ...sample('agreement-reached', later), at: '2024-04-15T10:00:00+08:00', payload: { ...(sample('agreement-reached', later).payload as object), effectiveOn: '2024-04-20' } } as CaseEvent, ctx);
    expect(dueOf(later, '2024-05-16T08:00:00+08:00').find((d) => d.id === 'judicial-confirmation')).to.deep.include({ since: '2024-04-20', due: '2024-05-20', overdue: false });
    // Applied for: that clock stops, the court's starts.
    const applied = applyEvent(s, { ...sample('confirmation-applied', s), at: '2024-05-10T10:00:00+08:00' }, ctx);
    expect(dueOf(applied, '2024-05-20T10:00:00+08:00').map((d) => d.id)).to.deep.equal(['court-decision']);
  });

  it('finds what is due and what is overdue at a given time: acceptance in 15 days, handling in 60 (+ up to 30)', () => {
    const ctx = { hierarchy: h };
    let s = applyEvent(undefined, { ...sample('registered', undefined), at: '2024-03-01T09:00:00+08:00' }, ctx);
    // 16 March is a Saturday: acceptance is due on Monday 18 March.
    expect(dueOf(s, '2024-03-10T09:00:00+08:00')).to.deep.equal([{ kind: 'deadline', id: 'acceptance', label: DEFAULT_DEADLINES[0]!.source, since: '2024-03-01', due: '2024-03-18', overdue: false, daysLeft: 8 }]);
    expect(dueOf(s, '2024-03-20T09:00:00+08:00')[0]).to.deep.include({ overdue: true, daysLeft: -2 });
    s = applyEvent(s, { ...sample('accepted', s), at: '2024-03-04T09:00:00+08:00' }, ctx);
    s = applyEvent(s, sample('assigned', s), ctx);
    s = applyEvent(s, sample('mediation-started', s), ctx);
    s = applyEvent(s, sample('escalated', s), ctx);
    // The handling clock runs from acceptance through assignment, mediation and escalation.
    expect(dueOf(s, '2024-04-01T09:00:00+08:00')).to.deep.equal([{ kind: 'deadline', id: 'handling', label: DEFAULT_DEADLINES[1]!.source, since: '2024-03-04', due: '2024-05-03', overdue: false, daysLeft: 32 }]);
    expect(dueOf(s, '2024-05-04T09:00:00+08:00')[0]).to.deep.include({ overdue: true });
    // Extended by 20 days, then 10 more: the limit is 30.
    const reviewer = actor('reviewer', TOWNSHIP);
    s = applyEvent(s, { ...sample('deadline-extended', s), actor: reviewer, payload: { rule: 'handling', days: 20, reason: '情况复杂' } } as CaseEvent, ctx);
    expect(dueOf(s, '2024-05-04T09:00:00+08:00')[0]).to.deep.include({ due: '2024-05-23', overdue: false });
    const tooMuch = refusal(() => applyEvent(s, { ...sample('deadline-extended', s), actor: reviewer, payload: { rule: 'handling', days: 11, reason: '—' } } as CaseEvent, ctx));
    expect(tooMuch.code).to.equal('dispute.extension-limit');
    expect(tooMuch.details).to.include({ rule: 'handling', days: 11, max: 10 });
    expect(refusal(() => applyEvent(s, { ...sample('deadline-extended', s), actor: reviewer, payload: { rule: 'acceptance', days: 1, reason: '—' } } as CaseEvent, ctx)).code).to.equal('dispute.extension-limit');
    // Concluded: nothing of the handling clock is due any more.
    s = applyEvent(s, sample('assigned', s), ctx);
    s = applyEvent(s, sample('mediation-started', s), ctx);
    s = applyEvent(s, sample('agreement-reached', s), ctx);
    expect(dueOf(s, '2024-05-04T09:00:00+08:00').map((d) => d.id)).to.deep.equal(['judicial-confirmation']);
  });

  it('takes rules per severity and level, the most specific winning, in working days with holidays', () => {
    const policy: DisputePolicyInput = {
      calendar: nationalDay,
      deadlines: [
        ...DEFAULT_DEADLINES,
        { id: 'handling', while: ['accepted', 'assigned', 'mediating', 'mediation-failed', 'escalated', 'sent-down'], days: 10, count: 'working', severities: ['very-major'] },
        { id: 'handling', while: ['accepted', 'assigned', 'mediating', 'mediation-failed', 'escalated', 'sent-down'], days: 5, count: 'working', severities: ['very-major'], levels: ['county'] },
        { id: 'follow-up', while: ['agreement', 'confirmed'], days: 3, count: 'working' },
      ],
    };
    const ctx = { hierarchy: h, policy };
    const at = '2024-09-26T10:00:00+08:00';
    let s = applyEvent(undefined, { ...sample('registered', undefined, 'C1', { severity: 'very-major', level: 'township' }), at: '2024-09-20T09:00:00+08:00', actor: actor('registrar', TOWNSHIP) }, ctx);
    s = applyEvent(s, { ...sample('accepted', s), at: '2024-09-27T09:00:00+08:00' }, ctx);
    // Very major at a township: 10 working days from Friday 27 September, over National Day.
    expect(dueOf(s, at, policy)[0]).to.deep.include({ id: 'handling', since: '2024-09-27', due: '2024-10-16' });
    s = applyEvent(s, sample('escalated', s), ctx);
    // Held by the county now: the county rule, 5 working days from the same start.
    expect(dueOf(s, at, policy)[0]).to.deep.include({ id: 'handling', due: '2024-10-10' });
    // A general case keeps the national 60 calendar days.
    const general = run(h, ['registered', 'accepted'], {}, policy);
    expect(dueOf(general, general.lastAt, policy)[0]!.id).to.equal('handling');
    expect(dueOf(general, general.lastAt, policy)[0]!.due).to.equal(deadlineDate(general.lastAt.slice(0, 10), 60, { calendar: nationalDay }));
    // A follow-up rule of the place's own, beside the 30 days for judicial confirmation.
    let agreed = run(h, ['registered', 'accepted', 'assigned', 'mediation-started'], {}, policy);
    agreed = applyEvent(agreed, { ...sample('agreement-reached', agreed), at: '2024-09-27T16:00:00+08:00' }, ctx);
    expect(dueOf(agreed, '2024-10-09T09:00:00+08:00', policy).map((d) => [d.id, d.due, d.overdue])).to.deep.equal([
      ['follow-up', '2024-10-08', true],
      ['judicial-confirmation', '2024-10-28', false],
    ]);
  });
});
