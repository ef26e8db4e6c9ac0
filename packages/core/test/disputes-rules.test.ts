import { expect } from 'chai';
import {
  DEFAULT_DEADLINES,
  DisputeError,
  actionsFor,
  actsWithin,
  allowedEvents,
  applyEvent,
  deadlineDate,
  deadlineHistory,
  describeDisputeError,
  disputePolicySchema,
  dueOf,
  isWorkingDay,
  mergeSummaries,
  parseDisputePolicy,
  resolutionLevelsOverTime,
  summariseCases,
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
import { GualianError, describeError } from '../src/errors/index.js';
import { RecordsError, SchemaError } from '../src/errors/schema.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

// Real Zhaotong places: 旧圃镇 (530602101) and its 旧圃社区 (530602101001) in 昭阳区 (530602).
const CITY = '5306';
const COUNTY = '530602';
const TOWNSHIP = '530602101';
const VILLAGE = '530602101001';
const PLACE = `${VILLAGE}-003-07`;
const DIVISION: Record<CaseLevel, string> = { village: VILLAGE, township: TOWNSHIP, county: COUNTY, prefecture: CITY };
const DIGITS: Record<CaseLevel, number> = { village: 12, township: 9, county: 6, prefecture: 4 };

const actor = (role: ActorRole, division: string): Actor => ({ id: `${role}@${division}`, role, unit: role === 'handler' ? '司法所' : '综治中心', division });
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  source: 'petition',
  category: 'land-resources',
  parties: [
    { id: 'p1', kind: 'person', name: '王建国', side: 'applicant' },
    { id: 'p2', kind: 'organisation', name: '旧圃镇人民政府', side: 'respondent' },
  ],
  place: PLACE,
  severity: 'general',
  riskFlags: [],
  level: 'village',
  summary: '土地征收补偿信访',
  ...over,
});

/** `days` days (and `minutes`) after a +08:00 timestamp. */
function after(at: string, days: number, minutes = 60): string {
  const t = new Date(Date.parse(at) + days * 86_400_000 + minutes * 60_000 + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 19)}+08:00`;
}

const PAYLOAD: Partial<Record<CaseEventType, object>> = {
  accepted: {},
  declined: { reason: '不属于信访受理范围' },
  assigned: { unit: '旧圃镇司法所', handler: 'H1' },
  'mediation-started': {},
  'agreement-reached': { terms: '按标准补偿', consents: [{ party: 'p1', form: 'signature' }, { party: 'p2', form: 'seal' }] },
  'confirmation-applied': { court: '昭阳区人民法院' },
  answered: { opinion: '依据补偿标准作出处理意见' },
  'review-requested': { reason: '对处理意见不服' },
  'review-answered': { outcome: 'upheld', opinion: '维持原处理意见' },
  're-review-requested': { reason: '对复查意见不服' },
  're-review-answered': { outcome: 'changed', opinion: '变更复查意见' },
  archived: {},
  withdrawn: { reason: '撤回复查申请' },
  escalated: { to: 'township', reason: '本级难以化解' },
};

let serial = 0;
/** An event `days` after the state's last one, by the first role allowed at the level holding the case. */
function next(state: CaseState, type: CaseEventType, days = 1, over: Partial<CaseEvent> = {}, payload?: object): CaseEvent {
  const roles: Record<string, ActorRole> = { 'agreement-reached': 'handler', 'mediation-started': 'handler', 'confirmation-applied': 'handler', answered: 'handler', 'review-answered': 'reviewer', 're-review-answered': 'reviewer', withdrawn: 'registrar', escalated: 'handler', 'severity-changed': 'reviewer', 'taskforce-formed': 'reviewer' };
  return { id: `R${++serial}`, caseId: state.id, type, at: after(state.lastAt, days), actor: actor(roles[type] ?? 'registrar', DIVISION[state.level]), payload: payload ?? PAYLOAD[type] ?? {}, ...over } as CaseEvent;
}

function refusal(f: () => unknown): GualianError {
  try {
    f();
  } catch (e) {
    if (e instanceof GualianError) return e;
    throw e;
  }
  throw new Error('expected a GualianError');
}

describe('disputes: the rules issue 11 asked for (petitions, level scope, severity, sources, confirmation, policies, dates, merges)', function () {
  this.timeout(120_000);
  let h: Hierarchy;
  let ctx: { hierarchy: Hierarchy; policy?: DisputePolicyInput };
  const register = (over: Partial<CaseFacts> = {}, id = 'P1', policy?: DisputePolicyInput): CaseState =>
    applyEvent(undefined, { id: `${id}-0`, caseId: id, type: 'registered', at: '2024-03-01T09:00:00+08:00', actor: actor('registrar', (over.place ?? PLACE).slice(0, DIGITS[over.level ?? 'village'])), payload: facts(over) }, { hierarchy: h, ...(policy ? { policy } : {}) });
  const walk = (state: CaseState, steps: [CaseEventType, number?][], policy?: DisputePolicyInput): CaseState =>
    steps.reduce((s, [t, d]) => applyEvent(s, next(s, t, d ?? 1), { hierarchy: h, ...(policy ? { policy } : {}) }), state);
  before(async () => {
    h = (await edition('2023')).subtree(CITY);
    ctx = { hierarchy: h };
  });

  describe('petitions: answer, review (复查) and re-review (复核) within 30 days each', () => {
    it('walks a declined petition through review and re-review, with their 30-day deadlines', () => {
      const declined = walk(register(), [['declined']]);
      expect(allowedEvents(declined)).to.deep.equal(['archived', 'review-requested']);
      const requested = walk(declined, [['review-requested', 30]]);
      expect(requested.status).to.equal('review-requested');
      const due = dueOf(requested, requested.lastAt);
      expect(due.map((d) => d.id)).to.deep.equal(['review']);
      expect(due[0]!.due).to.equal(deadlineDate(due[0]!.since, 30));
      const reviewed = walk(requested, [['review-answered', 29]]);
      expect(reviewed.status).to.equal('reviewed');
      expect(deadlineHistory(reviewed, reviewed.lastAt).find((r) => r.id === 'review')).to.include({ missed: false });
      const final = walk(reviewed, [['re-review-requested', 10], ['re-review-answered', 40]]);
      expect(final.status).to.equal('re-reviewed');
      // Answered on the 40th day: the re-review's deadline was missed, and the history says so.
      expect(deadlineHistory(final, final.lastAt).find((r) => r.id === 're-review')).to.include({ missed: true });
      // A re-review's answer is final: only archiving is left.
      expect(allowedEvents(final)).to.deep.equal(['archived']);
      expect(walk(final, [['archived']]).status).to.equal('archived');
    });

    it('answers a handled petition (出具处理意见) and counts the review window from the delivery', () => {
      const assigned = walk(register(), [['accepted'], ['assigned']]);
      expect(allowedEvents(assigned)).to.include('answered');
      const answered = applyEvent(assigned, next(assigned, 'answered', 2, {}, { opinion: '作出处理意见', deliveredOn: '2024-03-20' }), ctx);
      expect(answered.status).to.equal('answered');
      expect(answered.concludedAt).to.equal(answered.lastAt);
      // Delivered on 20 March: 19 April is the 30th day, 20 April the 31st.
      const at = (date: string) => ({ ...next(answered, 'review-requested'), at: `${date}T10:00:00+08:00` }) as CaseEvent;
      expect(applyEvent(answered, at('2024-04-19'), ctx).status).to.equal('review-requested');
      const late = refusal(() => applyEvent(answered, at('2024-04-20'), ctx));
      expect(late.code).to.equal('dispute.review-late');
      expect(late.details).to.include({ days: 31, max: 30, event: 'review-requested' });
      expect(describeError(late, 'zh-Hans')).to.equal('案件 P1：答复送达已 31 天，超过可以“申请复查”的 30 天');
      // The window is policy.
      expect(applyEvent(answered, at('2024-04-20'), { hierarchy: h, policy: { petitions: { reviewWithinDays: 60 } } }).status).to.equal('review-requested');
    });

    it('offers the petition events to petitions only (as the policy names them), and refuses them otherwise', () => {
      const gridder = walk(register({ source: 'gridder' }, 'G1'), [['declined']]);
      expect(allowedEvents(gridder)).to.deep.equal(['archived']);
      const e = refusal(() => applyEvent(gridder, next(gridder, 'review-requested'), ctx));
      expect(e.code).to.equal('dispute.not-petition');
      expect(describeError(e, 'zh-Hans')).to.equal('案件 G1 来源为“网格员”，不是信访事项，不能“申请复查”');
      const policy: DisputePolicyInput = { petitions: { sources: ['petition', 'gridder'] } };
      expect(allowedEvents(gridder, { policy })).to.deep.equal(['archived', 'review-requested']);
      expect(applyEvent(gridder, next(gridder, 'review-requested'), { hierarchy: h, policy }).status).to.equal('review-requested');
    });
  });

  describe("a case's scope follows the level that holds it", () => {
    it('after escalation to the county the township can no longer act; after sending down it can again', () => {
      const township = walk(register({ level: 'township' }, 'L1'), [['accepted']]);
      const county = applyEvent(township, next(township, 'escalated', 1, {}, { to: 'county', reason: '跨乡镇' }), ctx);
      expect(county.level).to.equal('county');
      const byTownship = { ...next(county, 'assigned'), actor: actor('reviewer', TOWNSHIP) } as CaseEvent;
      const e = refusal(() => applyEvent(county, byTownship, ctx));
      expect(e.code).to.equal('dispute.out-of-level');
      expect(describeError(e, 'zh-Hans')).to.equal(`案件 L1 现由县级办理，reviewer@${TOWNSHIP}（${TOWNSHIP}）不能再“分流交办”`);
      expect(actionsFor(county, actor('reviewer', TOWNSHIP))).to.deep.equal([]);
      expect(actionsFor(county, actor('reviewer', COUNTY))).to.include('assigned');
      // The county (and the prefecture) may act; sent back down, the township may again.
      expect(applyEvent(county, { ...byTownship, actor: actor('reviewer', COUNTY) }, ctx).status).to.equal('assigned');
      const down = applyEvent(county, { ...next(county, 'sent-down'), actor: actor('reviewer', COUNTY), payload: { to: 'township', reason: '由属地办理' } } as CaseEvent, ctx);
      expect(applyEvent(down, { ...byTownship, at: after(down.lastAt, 1) }, ctx).status).to.equal('assigned');
      // A village registrar cannot register a case the township holds.
      const reg = { id: 'L2-0', caseId: 'L2', type: 'registered', at: '2024-03-01T09:00:00+08:00', actor: actor('registrar', VILLAGE), payload: facts({ level: 'township' }) } as CaseEvent;
      expect(refusal(() => applyEvent(undefined, reg, ctx)).code).to.equal('dispute.out-of-level');
    });
  });

  describe('a change of severity is an event', () => {
    it('a general case that becomes major can get a task force; the registration is not changed', () => {
      const assigned = walk(register({ source: 'gridder' }, 'S1'), [['accepted'], ['assigned']]);
      expect(allowedEvents(assigned)).to.not.include('taskforce-formed');
      const registration = structuredClone(assigned.facts);
      const major = applyEvent(assigned, next(assigned, 'severity-changed', 1, {}, { to: 'major', reason: '涉及群体增多' }), ctx);
      expect(major.facts.severity).to.equal('major');
      expect(major.status).to.equal('assigned');
      expect(major.severityChanges).to.deep.equal([{ from: 'general', to: 'major', at: major.lastAt }]);
      expect(assigned.facts).to.deep.equal(registration);
      expect(allowedEvents(major)).to.include('taskforce-formed');
      const tf = applyEvent(
        major,
        next(major, 'taskforce-formed', 1, {}, {
          lead: { id: 'L', name: '张明', unit: '旧圃镇党委' },
          members: [{ id: 'M1', unit: '旧圃镇司法所' }, { id: 'M2', unit: '旧圃派出所' }],
          duties: [{ id: 'd1', title: '稳控', assignee: 'M2', due: '2024-04-01' }],
        }),
        ctx,
      );
      expect(taskForceProgress(tf, tf.lastAt)!.duties).to.equal(1);
      const same = refusal(() => applyEvent(major, next(major, 'severity-changed', 1, {}, { to: 'major', reason: '—' }), ctx));
      expect(same.code).to.equal('dispute.same-severity');
      expect(describeError(same, 'zh-Hans')).to.equal('案件 S1 已是重大矛盾纠纷，无需变更');
    });
  });

  describe('deadline rules limited by source', () => {
    it('applies a hotline-only acceptance rule to hotline cases and the general one to the others', () => {
      const policy: DisputePolicyInput = { deadlines: [...DEFAULT_DEADLINES, { id: 'acceptance', while: ['registered'], days: 3, sources: ['hotline'] }] };
      const hotline = register({ source: 'hotline' }, 'H1', policy);
      const petition = register({ source: 'petition' }, 'H2', policy);
      expect(dueOf(hotline, hotline.lastAt, policy).find((d) => d.id === 'acceptance')!.due).to.equal('2024-03-04');
      expect(dueOf(petition, petition.lastAt, policy).find((d) => d.id === 'acceptance')!.due).to.equal(deadlineDate('2024-03-01', 15));
      // Summaries judge deadlines by the same rule: accepted on day 5, a hotline case missed it.
      const accept = (s: CaseState) => applyEvent(s, next(s, 'accepted', 5), { hierarchy: h, policy });
      const sum = summariseCases([accept(hotline), accept(petition)], { asOf: '2024-03-31', policy });
      expect(sum.overdue).to.equal(0);
      expect(deadlineHistory(accept(hotline), '2024-03-31', policy).find((r) => r.id === 'acceptance')).to.include({ missed: true });
      expect(deadlineHistory(accept(petition), '2024-03-31', policy).find((r) => r.id === 'acceptance')).to.include({ missed: false });
    });
  });

  describe('judicial confirmation more than 30 days after the agreement: flagged or refused, as policy says', () => {
    it('flags by default and refuses when the policy says so', () => {
      const agreement = walk(register({ source: 'gridder' }, 'J1'), [['accepted'], ['assigned'], ['mediation-started'], ['agreement-reached']]);
      const onTime = applyEvent(agreement, next(agreement, 'confirmation-applied', 30), ctx);
      expect(onTime.lateConfirmation).to.equal(undefined);
      const late = applyEvent(agreement, next(agreement, 'confirmation-applied', 31), ctx);
      expect(late.status).to.equal('confirmation-applied');
      expect(late.lateConfirmation).to.deep.equal({ days: 31, allowed: 30 });
      const policy: DisputePolicyInput = { judicialConfirmation: { late: 'refuse' } };
      const e = refusal(() => applyEvent(agreement, next(agreement, 'confirmation-applied', 31), { hierarchy: h, policy }));
      expect(e.code).to.equal('dispute.confirmation-late');
      expect(describeError(e, 'zh-Hans')).to.equal('案件 J1：调解协议生效已 31 天，超过申请司法确认的 30 天');
    });
  });

  describe('policy schemas refuse unknown keys and contradictions with typed errors', () => {
    const schemaError = (input: unknown): SchemaError => {
      const e = refusal(() => parseDisputePolicy(input));
      expect(e).to.be.instanceOf(SchemaError);
      return e as SchemaError;
    };
    it('refuses a misspelt key at any depth, naming the field', () => {
      expect(schemaError({ escalaton: { maxStep: 2 } }).issues.map((i) => [i.field, i.reason])).to.deep.equal([['escalaton', 'value.unknown-key']]);
      expect(schemaError({ escalation: { maxSteps: 2 } }).issues[0]!.field).to.equal('escalation.maxSteps');
      expect(schemaError({ deadlines: [{ id: 'handling', while: ['accepted'], days: 30, maxExtentionDays: 10 }] }).issues[0]!.field).to.equal('deadlines.0.maxExtentionDays');
      expect(schemaError({ calendar: { holiday: ['2024-10-01'] } }).issues[0]!.field).to.equal('calendar.holiday');
      expect(schemaError({ taskForce: { minUnit: 3 } }).issues[0]!.field).to.equal('taskForce.minUnit');
      expect(schemaError({ judicialConfirmation: { within: 20 } }).issues[0]!.field).to.equal('judicialConfirmation.within');
      // The message is in the reader's language, with the field named in it.
      expect(describeError(schemaError({ escalaton: {} }), 'zh-Hans')).to.contain('没有这个字段');
    });
    it('refuses contradictions: a day both holiday and workday, two rules of one id and one narrowing, an empty narrowing', () => {
      expect(schemaError({ calendar: { holidays: ['2024-10-01'], workdays: ['2024-10-01'] } }).issues[0]).to.include({ field: 'calendar.workdays', reason: 'value.format' });
      const twice = { deadlines: [{ id: 'handling', while: ['accepted'], days: 30 }, { id: 'handling', while: ['assigned'], days: 60 }] };
      expect(schemaError(twice).issues[0]).to.include({ field: 'deadlines', reason: 'value.format' });
      // Different narrowing is not a contradiction: the more specific rule wins.
      expect(parseDisputePolicy({ deadlines: [twice.deadlines[0], { ...twice.deadlines[1], severities: ['major'] }] }).deadlines).to.have.length(2);
      expect(schemaError({ deadlines: [{ id: 'x', while: ['accepted'], days: 3, sources: [] }] }).issues[0]!.field).to.equal('deadlines.0.sources');
      expect(schemaError({ calendar: { holidays: ['2024-02-30'] } }).issues[0]!.field).to.equal('calendar.holidays.0');
    });
    it('lets no raw zod error escape: every door that takes a policy throws a SchemaError', () => {
      const bad = { escalation: { maxStep: 9 } } as unknown as DisputePolicyInput;
      const state = register({}, 'Z1');
      for (const f of [() => applyEvent(state, next(state, 'accepted'), { hierarchy: h, policy: bad }), () => allowedEvents(state, { policy: bad }), () => dueOf(state, state.lastAt, bad), () => summariseCases([state], { asOf: '2024-03-31', policy: bad }), () => deadlineDate('2024-03-01', 3, { calendar: { holidays: ['2024-13-01'] } })]) {
        expect(refusal(f)).to.be.instanceOf(SchemaError);
      }
      expect(disputePolicySchema.safeParse({ name: 'x', extra: 1 }).success).to.equal(false);
    });
  });

  describe('date helpers never return NaN strings or roll over', () => {
    it('deadlineDate, isWorkingDay, dueOf, summariseCases refuse impossible dates with a SchemaError naming the field', () => {
      const field = (f: () => unknown) => {
        const e = refusal(f);
        expect(e).to.be.instanceOf(SchemaError);
        return (e as SchemaError).issues[0]!.field;
      };
      expect(field(() => deadlineDate('2024-02-30', 3))).to.equal('from');
      expect(field(() => deadlineDate('2024-03-01', -1))).to.equal('days');
      expect(field(() => deadlineDate('2024-03-01', 1.5))).to.equal('days');
      expect(field(() => deadlineDate('2024-03-01x', 1))).to.equal('from');
      expect(field(() => isWorkingDay('2023-02-29'))).to.equal('date');
      const state = register({}, 'D1');
      expect(field(() => dueOf(state, '2024-02-30T09:00:00+08:00'))).to.equal('at');
      expect(field(() => deadlineHistory(state, 'yesterday'))).to.equal('at');
      expect(field(() => summariseCases([state], { asOf: '2024-02-30' }))).to.equal('asOf');
      expect(field(() => summariseCases([state], { asOf: 'not a day' }))).to.equal('asOf');
      expect(field(() => summariseCases([state], { asOf: '2024-03-31', scope: '53x6' }))).to.equal('scope');
      expect(describeError(refusal(() => summariseCases([state], { asOf: '2024-02-30' })), 'zh-Hans')).to.contain('真实存在的日期');
      // Good input still works; a padded 12-digit scope is the same scope.
      expect(deadlineDate('2024-02-28', 1)).to.equal('2024-02-29');
      expect(summariseCases([state], { asOf: '2024-03-31', scope: '530602000000' })).to.deep.equal(summariseCases([state], { asOf: '2024-03-31', scope: '530602' }));
    });
  });

  describe('mergeSummaries refuses what it cannot merge, and defines the empty merge', () => {
    it('refuses different days, different policies and overlapping scopes; an empty merge is the empty summary', () => {
      const a = register({}, 'M1');
      const b = register({ place: '530602202001' }, 'M2');
      const asOf = '2024-03-31';
      const county = summariseCases([a, b], { asOf, scope: COUNTY });
      const township = summariseCases([a, b], { asOf, scope: TOWNSHIP });
      const other = summariseCases([a, b], { asOf, scope: '530602202' });
      expect(mergeSummaries(township, other).cases).to.equal(2);
      const code = (f: () => unknown) => refusal(f).code;
      expect(code(() => mergeSummaries(county, township))).to.equal('dispute.summary-overlap');
      expect(code(() => mergeSummaries(township, township))).to.equal('dispute.summary-overlap');
      expect(code(() => mergeSummaries(summariseCases([a], { asOf }), township))).to.equal('dispute.summary-overlap');
      expect(describeError(refusal(() => mergeSummaries(summariseCases([a], { asOf }), township)), 'zh-Hans')).to.equal(`统计范围 全部地区 与 ${TOWNSHIP} 重叠，合并会重复计数`);
      expect(code(() => mergeSummaries(township, summariseCases([b], { asOf: '2024-04-30', scope: '530602202' })))).to.equal('dispute.summary-mismatch');
      const other30 = summariseCases([b], { asOf, scope: '530602202', policy: { deadlines: [{ id: 'acceptance', while: ['registered'], days: 30 }] } });
      expect(code(() => mergeSummaries(township, other30))).to.equal('dispute.summary-policy');
      // Two policies of one name are still told apart.
      expect(other30.policy).to.not.equal(township.policy);
      expect(other30.policy.startsWith('national practice#')).to.equal(true);
      // Slices of one scope merge; a slice and its whole scope do not.
      const q1 = summariseCases([a], { asOf, scope: COUNTY, slice: '2024-Q1' });
      const q2 = summariseCases([b], { asOf, scope: COUNTY, slice: '2024-Q2' });
      expect(mergeSummaries(q1, q2).scopes).to.deep.equal([`${COUNTY}@2024-Q1`, `${COUNTY}@2024-Q2`]);
      expect(code(() => mergeSummaries(q1, county))).to.equal('dispute.summary-overlap');
      // The empty merge: with a day, the empty summary of that day; without one, a typed error.
      const empty = mergeSummaries([], { asOf });
      expect(empty).to.include({ cases: 0, asOf, resolutionRate: null });
      expect(empty.scopes).to.deep.equal([]);
      expect(mergeSummaries(township, empty)).to.deep.equal(mergeSummaries([township]));
      expect(code(() => mergeSummaries())).to.equal('dispute.summary-empty');
      expect(code(() => mergeSummaries([]))).to.equal('dispute.summary-empty');
      // A summary from a file without its day, policy or scopes is refused, not merged.
      const { policy: _p, ...old } = township;
      expect(refusal(() => mergeSummaries(old as typeof township, other))).to.be.instanceOf(RecordsError);
      expect(refusal(() => mergeSummaries({ ...township, asOf: '2024-02-30' }, other))).to.be.instanceOf(RecordsError);
    });
  });

  it('reads padded 12-digit codes as their short forms and refuses non-codes with a SchemaError, never a silent false', () => {
    const state = walk(register({ level: 'township' }, 'C12'), [['accepted']]);
    const padded: Actor = { ...actor('reviewer', TOWNSHIP), division: '530602101000' };
    expect(actsWithin(padded, PLACE)).to.equal(true);
    expect(actsWithin(actor('reviewer', COUNTY), '530602101001')).to.equal(true);
    expect(actionsFor(state, padded)).to.deep.equal(actionsFor(state, actor('reviewer', TOWNSHIP)));
    expect(actionsFor(state, padded)).to.include('assigned');
    // A padded village code is the village: below the township holding the case.
    expect(actionsFor(state, { ...padded, division: '530602101001' })).to.deep.equal([]);
    expect(refusal(() => actsWithin({ ...padded, division: '53x6' }, PLACE))).to.be.instanceOf(SchemaError);
    expect(refusal(() => actsWithin(padded, ''))).to.be.instanceOf(SchemaError);
    expect((refusal(() => actsWithin(padded, '2024')) as SchemaError).issues[0]!.field).to.equal('place');
    // A bad day is refused even when nothing is resolved.
    expect(refusal(() => resolutionLevelsOverTime([state], { asOf: '2024-02-30' }))).to.be.instanceOf(SchemaError);
    expect(resolutionLevelsOverTime([state], { asOf: '2024-03-31', scope: '530602000000' }).periods).to.deep.equal([]);
  });

  it('refused events are DisputeErrors that describe themselves without English in zh-Hans', () => {
    const state = register({}, 'E1');
    const e = refusal(() => applyEvent(state, { ...next(state, 'accepted'), payload: { note: ' 有空格 ' } } as CaseEvent, ctx));
    expect(e).to.be.instanceOf(DisputeError);
    expect(e.code).to.equal('dispute.invalid-event');
    expect((e as DisputeError).issues[0]).to.include({ field: 'payload.note', reason: 'value.format' });
    expect(describeDisputeError(e as DisputeError, 'zh-Hans')).to.equal('事件 R' + serial + ' 无效：字段“内容·备注”“ 有空格 ”不是首尾无空格的非空文字');
  });
});
