/**
 * The life of a dispute case as a state machine over its events: the state is a fold of the
 * events, `applyEvent` takes one step, and `allowedEvents` says which steps are open, so a form
 * offers only legal transitions.
 *
 * | state | events allowed |
 * |---|---|
 * | registered (登记) | accepted, declined, withdrawn, merged |
 * | accepted (受理) | assigned, escalated, sent-down, referred, withdrawn, merged |
 * | declined (不予受理) | archived |
 * | assigned (分流/交办) | assigned (again), mediation-started, escalated, sent-down, referred, withdrawn, merged |
 * | mediating (调处中) | agreement-reached, mediation-failed, escalated, withdrawn |
 * | agreement (达成协议) | confirmation-applied, followed-up |
 * | mediation-failed (调解不成) | mediation-started, assigned, escalated, referred, withdrawn |
 * | confirmation-applied | confirmation-granted, confirmation-refused |
 * | confirmed (司法确认) | followed-up |
 * | confirmation-refused | mediation-started, referred, withdrawn |
 * | referred (诉讼, 仲裁, 其他机关) | archived |
 * | escalated (上交) | assigned, escalated, sent-down, referred, withdrawn |
 * | sent-down (交办下级) | assigned, escalated, sent-down, withdrawn |
 * | followed-up (回访) | followed-up, archived |
 * | withdrawn, merged | archived |
 * | archived (归档) | — |
 *
 * Petitions (信访工作条例, 2022), for cases whose source the policy names (`petitions.sources`,
 * petitions by default): while handled, the case may be answered (`answered`, 出具处理意见);
 * an answered or declined case may be reviewed, and the review re-reviewed:
 *
 * | state | events allowed |
 * |---|---|
 * | declined, answered | review-requested (within 30 days of the answer), archived |
 * | review-requested (复查中) | review-answered, withdrawn |
 * | reviewed (已复查) | re-review-requested (within 30 days of the review's answer), archived |
 * | re-review-requested (复核中) | re-review-answered, withdrawn |
 * | re-reviewed (已复核, final) | archived |
 *
 * While a case is handled (accepted … sent-down), a task force may be formed and its duties
 * progressed, a running deadline extended and its severity changed (`severity-changed`, also
 * while registered: a general matter that turns out major may then get a task force); these
 * events leave the state as it is.
 *
 * Guards: an agreement needs every party's consent recorded; a follow-up needs a resolution;
 * escalation goes one level up at a time (the policy's `escalation.maxStep`); sending down goes
 * to a lower level, never below the place; a task force needs a major matter and members from
 * several units; an extension stays within the rule's limit; an application for judicial
 * confirmation more than 30 days after the agreement took effect is flagged or refused, as the
 * policy says. Who may act: the policy's permissions by role; the actor's division must contain
 * the case's place; and the case's scope follows the level that holds it: once escalated to the
 * county, a township (or village) actor can no longer act on it until it is sent down again
 * (`dispute.out-of-level`). A refused event throws a {@link DisputeError} and changes nothing.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { dayNumber } from '../time/days.js';
import { DisputeError } from './errors.js';
import { recordIssues, showValue, type RecordIssue } from '../errors/schema.js';
import { compilePolicy, type CompiledPolicy, type DisputePolicy, type DisputePolicyInput } from './policy.js';
import {
  CASE_LEVELS,
  CASE_SOURCES,
  CASE_STATUSES,
  SEVERITIES,
  caseEventSchema,
  type ActorRole,
  type CaseEvent,
  type CaseEventType,
  type CaseFacts,
  type CaseLevel,
  type CaseStatus,
  type TaskForceDuty,
  type TaskForceMember,
} from './schema.js';

/** One change of state: the state entered, when, the day it took effect, and the level holding the case. */
export interface CaseStep {
  readonly status: CaseStatus;
  /** The event's time. */
  readonly at: string;
  /**
   * The day (a day number in China's time zone) the state took effect: the event's day, or for
   * an agreement the day it takes effect, from which the 30 days of judicial confirmation run.
   */
  readonly day: number;
  readonly level: CaseLevel;
}

/** A duty of a case's task force as it stands. */
export interface DutyState extends TaskForceDuty {
  readonly done: boolean;
  /** When it was reported done. */
  readonly doneAt?: string;
  /** The last progress note. */
  readonly lastNote?: string;
  /** How many progress reports it has. */
  readonly reports: number;
}

/** A case's task force (一事一专班): lead, members from several units, and its duties. */
export interface TaskForceState {
  readonly formedAt: string;
  readonly lead: TaskForceMember;
  readonly members: readonly TaskForceMember[];
  readonly duties: readonly DutyState[];
}

/**
 * A case as its events leave it. `level` is the level holding it now; `resolution`, where and
 * when it was resolved by agreement (cleared if the court refuses confirmation); `concludedAt`,
 * when it was concluded (办结: resolved, referred, declined, answered, withdrawn or merged).
 */
export interface CaseState {
  readonly id: string;
  readonly status: CaseStatus;
  /** The facts as registered, with the severity as it stands after any `severity-changed`. */
  readonly facts: CaseFacts;
  readonly level: CaseLevel;
  readonly registeredAt: string;
  /** The time of the last event. */
  readonly lastAt: string;
  /** Every change of state, in order, starting with the registration. */
  readonly steps: readonly CaseStep[];
  /** How many events the case has. */
  readonly events: number;
  readonly assignee?: { readonly unit: string; readonly handler: string };
  readonly resolution?: { readonly at: string; readonly day: number; readonly level: CaseLevel };
  readonly concludedAt?: string;
  readonly referral?: { readonly to: 'litigation' | 'arbitration' | 'authority'; readonly body: string };
  readonly mergedInto?: string;
  readonly followUps: number;
  readonly lastFollowUp?: 'satisfied' | 'unsatisfied' | 'unreachable';
  /** Days added to running deadlines, by rule id. */
  readonly extensions?: Readonly<Record<string, number>>;
  readonly taskForce?: TaskForceState;
  /**
   * Set when judicial confirmation was applied for later than the policy allows after the
   * agreement took effect (and the policy flags rather than refuses): the days it took and the
   * days allowed.
   */
  readonly lateConfirmation?: { readonly days: number; readonly allowed: number };
  /**
   * Every change of severity, in order: from, to, when. Deadlines and summaries read the
   * severity as it stands: a rule narrowed by severity then applies to the case's whole life.
   */
  readonly severityChanges?: readonly { readonly from: CaseFacts['severity']; readonly to: CaseFacts['severity']; readonly at: string }[];
}

/** What the lifecycle needs besides the events: the hierarchy for scope checks, and the policy. */
export interface LifecycleContext {
  /**
   * The hierarchy the codes belong to. With it, the actor's division and the case's place must
   * be known divisions (a grid or household unit by its village) and the one must contain the
   * other; without it, containment is read from the codes' digits.
   */
  hierarchy?: Hierarchy;
  policy?: DisputePolicyInput | DisputePolicy;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<CaseState>;

/**
 * The state each event type moves a case to, or `null` for the events that leave it as it is.
 * @example
 * EVENT_STATUS['confirmation-granted']; // 'confirmed'
 */
export const EVENT_STATUS: Readonly<Record<CaseEventType, CaseStatus | null>> = {
  registered: 'registered',
  accepted: 'accepted',
  declined: 'declined',
  assigned: 'assigned',
  'mediation-started': 'mediating',
  'agreement-reached': 'agreement',
  'mediation-failed': 'mediation-failed',
  'confirmation-applied': 'confirmation-applied',
  'confirmation-granted': 'confirmed',
  'confirmation-refused': 'confirmation-refused',
  referred: 'referred',
  escalated: 'escalated',
  'sent-down': 'sent-down',
  'followed-up': 'followed-up',
  archived: 'archived',
  withdrawn: 'withdrawn',
  merged: 'merged',
  'taskforce-formed': null,
  'duty-progress': null,
  'deadline-extended': null,
  answered: 'answered',
  'review-requested': 'review-requested',
  'review-answered': 'reviewed',
  're-review-requested': 're-review-requested',
  're-review-answered': 're-reviewed',
  'severity-changed': null,
};

const HANDLING_EXTRAS: readonly CaseEventType[] = ['taskforce-formed', 'duty-progress', 'deadline-extended', 'severity-changed', 'answered'];
const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseEventType[]>> = {
  registered: ['accepted', 'declined', 'withdrawn', 'merged', 'severity-changed'],
  accepted: ['assigned', 'escalated', 'sent-down', 'referred', 'withdrawn', 'merged', ...HANDLING_EXTRAS],
  declined: ['archived', 'review-requested'],
  assigned: ['assigned', 'mediation-started', 'escalated', 'sent-down', 'referred', 'withdrawn', 'merged', ...HANDLING_EXTRAS],
  mediating: ['agreement-reached', 'mediation-failed', 'escalated', 'withdrawn', ...HANDLING_EXTRAS],
  agreement: ['confirmation-applied', 'followed-up', 'duty-progress', 'deadline-extended'],
  'mediation-failed': ['mediation-started', 'assigned', 'escalated', 'referred', 'withdrawn', ...HANDLING_EXTRAS],
  'confirmation-applied': ['confirmation-granted', 'confirmation-refused', 'duty-progress', 'deadline-extended'],
  confirmed: ['followed-up', 'duty-progress'],
  'confirmation-refused': ['mediation-started', 'referred', 'withdrawn', 'duty-progress', 'deadline-extended'],
  referred: ['archived'],
  escalated: ['assigned', 'escalated', 'sent-down', 'referred', 'withdrawn', ...HANDLING_EXTRAS],
  'sent-down': ['assigned', 'escalated', 'sent-down', 'withdrawn', ...HANDLING_EXTRAS],
  'followed-up': ['followed-up', 'archived'],
  archived: [],
  withdrawn: ['archived'],
  merged: ['archived'],
  answered: ['review-requested', 'archived'],
  'review-requested': ['review-answered', 'withdrawn'],
  reviewed: ['re-review-requested', 'archived'],
  're-review-requested': ['re-review-answered', 'withdrawn'],
  're-reviewed': ['archived'],
};
/** The petition events: only for cases whose source the policy's `petitions.sources` names. */
const PETITION_EVENTS: ReadonlySet<CaseEventType> = new Set<CaseEventType>(['answered', 'review-requested', 'review-answered', 're-review-requested', 're-review-answered']);
const TRANSITION_SETS = Object.fromEntries(Object.entries(TRANSITIONS).map(([s, ts]) => [s, new Set(ts)])) as unknown as Record<CaseStatus, ReadonlySet<CaseEventType>>;

/**
 * States in which a case counts as concluded (办结).
 * @example
 * CONCLUDED_STATUSES.has(state.status); // true once resolved, referred, declined, withdrawn or merged
 */
export const CONCLUDED_STATUSES: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  'agreement',
  'confirmation-applied',
  'confirmed',
  'referred',
  'declined',
  'withdrawn',
  'merged',
  'followed-up',
  'archived',
  // A petition answered stays concluded while its answer is reviewed and re-reviewed.
  'answered',
  'review-requested',
  'reviewed',
  're-review-requested',
  're-reviewed',
]);

const STATUS_INDEX = new Map<string, number>(CASE_STATUSES.map((s, i) => [s, i]));
const LEVEL_INDEX = new Map<string, number>(CASE_LEVELS.map((l, i) => [l, i]));
const SEVERITY_INDEX = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));
const SOURCE_INDEX = new Map<string, number>(CASE_SOURCES.map((s, i) => [s, i]));
/** The division level rank (0 province … 4 village) each holding level answers for. */
const LEVEL_RANK = [4, 3, 2, 1];

/** @internal */
export const statusIndex = (s: CaseStatus): number => STATUS_INDEX.get(s)!;
/** @internal */
export const levelIndex = (l: CaseLevel): number => LEVEL_INDEX.get(l)!;
/** @internal */
export const severityIndex = (s: string): number => SEVERITY_INDEX.get(s)!;
/** @internal */
export const sourceIndex = (s: string): number => SOURCE_INDEX.get(s)!;

/**
 * Apply one event to a case and return the new state; the given state is not changed. Pass
 * `undefined` for the registration. The event is validated against its schema first.
 * @throws {DisputeError} `dispute.illegal-event` (naming the state and the event),
 * `dispute.unknown-case`, `dispute.time-order`, `dispute.role`, `dispute.out-of-scope`,
 * `dispute.unknown-place`, or a guard's code (`dispute.consent-missing`, `dispute.no-resolution`,
 * `dispute.escalation-skip`, `dispute.bad-level`, …); nothing is recorded.
 * @example
 * let state = applyEvent(undefined, registration, { hierarchy });
 * state = applyEvent(state, { id: 'E2', caseId: state.id, type: 'accepted', at: '2024-03-01T10:00:00+08:00', actor: registrar, payload: {} }, { hierarchy });
 * state.status; // 'accepted'
 */
export function applyEvent(state: CaseState | undefined, event: CaseEvent, context: LifecycleContext = {}): CaseState {
  return step(state, validEvent(event), prepare(context), false);
}

/**
 * The state of one case from its events, in order (`state = fold(events)`).
 * @throws {DisputeError} as {@link applyEvent}, for the first event refused.
 * @example
 * const state = replayCase(eventsOfCase, { hierarchy });
 * state.status; // 'archived'
 */
export function replayCase(events: Iterable<CaseEvent>, context: LifecycleContext = {}): CaseState {
  const ctx = prepare(context);
  let state: CaseState | undefined;
  for (const e of events) state = step(state, validEvent(e), ctx, state !== undefined);
  if (!state) throw new DisputeError('dispute.unknown-case', { case: '', event: '' });
  return state;
}

/**
 * The events that may be recorded on a case now (for a new case, `['registered']`), in the
 * order of {@link CASE_EVENT_TYPES}; with `role`, only those that role may record. The guards
 * that depend on the state are applied (no escalation above the prefecture, a task force only
 * for a major matter and only once, an extension only while a rule with room for one runs); the
 * ones that depend on the event's content (consents, the level escalated to) are not.
 * @example
 * allowedEvents(state);                       // ['agreement-reached', 'mediation-failed', 'escalated', 'withdrawn', …]
 * allowedEvents(state, { role: 'registrar' }); // ['withdrawn']
 */
export function allowedEvents(state: CaseState | undefined, options: { policy?: DisputePolicyInput | DisputePolicy; role?: ActorRole } = {}): CaseEventType[] {
  const policy = compilePolicy(options.policy);
  const permitted = (t: CaseEventType) => options.role === undefined || policy.permissions[t].includes(options.role);
  if (!state) return permitted('registered') ? ['registered'] : [];
  const open = TRANSITION_SETS[state.status];
  const out: CaseEventType[] = [];
  for (const t of Object.keys(EVENT_STATUS) as CaseEventType[]) {
    if (!open.has(t) || !permitted(t)) continue;
    if (t === 'escalated' && levelIndex(state.level) >= CASE_LEVELS.length - 1) continue;
    if (t === 'sent-down' && !canSendDown(state)) continue;
    if (t === 'taskforce-formed' && (state.taskForce || !policy.policy.taskForce.severities.includes(state.facts.severity))) continue;
    if (t === 'duty-progress' && !state.taskForce) continue;
    if (t === 'deadline-extended' && !extensibleRules(state, policy).some((r) => r.room > 0)) continue;
    if (PETITION_EVENTS.has(t) && !policy.policy.petitions.sources.includes(state.facts.source)) continue;
    out.push(t);
  }
  return out;
}

/** Internal: the context prepared once per replay. @internal */
export interface PreparedContext {
  hierarchy: Hierarchy | undefined;
  policy: CompiledPolicy;
  rows: Map<string, number> | undefined;
}

/** @internal */
export function prepare(context: LifecycleContext): PreparedContext {
  const h = context.hierarchy;
  let rows: Map<string, number> | undefined;
  if (h) {
    rows = rowCaches.get(h);
    if (!rows) rowCaches.set(h, (rows = new Map()));
  }
  return { hierarchy: h, policy: compilePolicy(context.policy), rows };
}
const rowCaches = new WeakMap<Hierarchy, Map<string, number>>();

/** @internal */
export function validEvent(event: CaseEvent): CaseEvent {
  const r = caseEventSchema.safeParse(event);
  if (r.success) return event;
  throw invalidEvent('dispute.invalid-event', event, recordIssues(r.error.issues, event, 'case-event', 0));
}

/**
 * The refusal of an event its schema refuses: every field at fault as a record issue, the first
 * one's field and stable reason in the details.
 * @internal
 */
export function invalidEvent(code: 'dispute.invalid-event' | 'workorder.invalid-event', event: unknown, issues: readonly RecordIssue[]): DisputeError {
  const id = event !== null && typeof event === 'object' ? (event as { id?: unknown }).id : undefined;
  const first = issues[0];
  return new DisputeError(code, { event: typeof id === 'string' ? showValue(id) : '', field: first?.field ?? '', reason: first?.reason ?? 'value.invalid' }, issues);
}

/**
 * One step of the fold. With `mutate`, the state is changed in place (replays own their
 * states); otherwise it is copied on write.
 * @internal
 */
export function step(state: CaseState | undefined, e: CaseEvent, ctx: PreparedContext, mutate: boolean): CaseState {
  const policy = ctx.policy;
  if (!state) {
    if (e.type !== 'registered') throw new DisputeError('dispute.unknown-case', { case: e.caseId, event: e.type });
    const facts = e.payload;
    checkRole(e, policy);
    checkPlace(facts.place, ctx);
    checkScope(e, facts.place, ctx);
    checkLevel(e, facts.level);
    if (placeRank(facts.place) < LEVEL_RANK[levelIndex(facts.level)]!) throw new DisputeError('dispute.bad-level', { case: e.caseId, place: facts.place, from: facts.level, to: facts.level });
    return {
      id: e.caseId,
      status: 'registered',
      facts,
      level: facts.level,
      registeredAt: e.at,
      lastAt: e.at,
      steps: [{ status: 'registered', at: e.at, day: civilDay(e.at), level: facts.level }],
      events: 1,
      followUps: 0,
    };
  }
  const status = state.status;
  if (e.caseId !== state.id) throw new DisputeError('dispute.unknown-case', { case: e.caseId, event: e.type });
  if (e.type === 'registered') throw new DisputeError('dispute.illegal-event', { case: state.id, state: status, event: e.type });
  if (before(e.at, state.lastAt)) throw new DisputeError('dispute.time-order', { case: state.id, at: e.at, last: state.lastAt });
  checkRole(e, policy);
  // The place was found in the hierarchy at registration, and every ancestor of a division the
  // hierarchy holds is in it too: containment is now the codes' digits alone.
  if (!codeWithin(state.facts.place, e.actor.division)) throw new DisputeError('dispute.out-of-scope', { case: e.caseId, actor: e.actor.id, division: e.actor.division, place: state.facts.place, event: e.type });
  checkLevel(e, state.level);
  if (!TRANSITION_SETS[status].has(e.type)) {
    if (e.type === 'followed-up' && !state.resolution && status !== 'archived') throw new DisputeError('dispute.no-resolution', { case: state.id, state: status, event: e.type });
    throw new DisputeError('dispute.illegal-event', { case: state.id, state: status, event: e.type });
  }
  if (PETITION_EVENTS.has(e.type) && !policy.policy.petitions.sources.includes(state.facts.source)) throw new DisputeError('dispute.not-petition', { case: state.id, source: state.facts.source, event: e.type });

  // Every guard below throws before its case changes anything, so a refused event leaves the
  // state as it was, also when a replay folds in place.
  const d: Draft = mutate ? (state as Draft) : { ...state };
  let day = -1;
  switch (e.type) {
    case 'assigned':
      d.assignee = { unit: e.payload.unit, handler: e.payload.handler };
      break;
    case 'agreement-reached': {
      const parties = state.facts.parties;
      const consents = e.payload.consents;
      for (let c = 0; c < consents.length; c++) {
        let known = false;
        for (let p = 0; p < parties.length && !known; p++) known = parties[p]!.id === consents[c]!.party;
        if (!known) throw new DisputeError('dispute.unknown-party', { case: state.id, party: consents[c]!.party });
      }
      let missing = '';
      for (let p = 0; p < parties.length; p++) {
        let given = false;
        for (let c = 0; c < consents.length && !given; c++) given = consents[c]!.party === parties[p]!.id;
        if (!given) missing += (missing ? ', ' : '') + parties[p]!.id;
      }
      if (missing) throw new DisputeError('dispute.consent-missing', { case: state.id, parties: missing });
      const reached = civilDay(e.at);
      day = e.payload.effectiveOn === undefined ? reached : Math.max(reached, dayNumber(e.payload.effectiveOn));
      d.resolution = { at: e.at, day: reached, level: state.level };
      d.concludedAt ??= e.at;
      break;
    }
    case 'confirmation-refused':
      // The agreement has no force: the case is open again (mediation anew, or a suit).
      d.resolution = undefined;
      d.concludedAt = undefined;
      break;
    case 'referred':
      d.referral = { to: e.payload.to, body: e.payload.body };
      d.concludedAt ??= e.at;
      break;
    case 'escalated': {
      const from = levelIndex(state.level);
      const to = levelIndex(e.payload.to);
      if (to <= from) throw new DisputeError('dispute.bad-level', { case: state.id, from: state.level, to: e.payload.to });
      if (to - from > policy.policy.escalation.maxStep) throw new DisputeError('dispute.escalation-skip', { case: state.id, from: state.level, to: e.payload.to, max: policy.policy.escalation.maxStep });
      d.level = e.payload.to;
      break;
    }
    case 'sent-down': {
      const to = levelIndex(e.payload.to);
      if (to >= levelIndex(state.level) || placeRank(state.facts.place) < LEVEL_RANK[to]!) throw new DisputeError('dispute.bad-level', { case: state.id, from: state.level, to: e.payload.to });
      d.level = e.payload.to;
      break;
    }
    case 'followed-up':
      d.followUps = state.followUps + 1;
      d.lastFollowUp = e.payload.outcome;
      break;
    case 'declined':
    case 'withdrawn':
    case 'archived':
      d.concludedAt ??= e.at;
      break;
    case 'merged':
      if (e.payload.into === state.id) throw new DisputeError('dispute.merge-self', { case: state.id });
      d.mergedInto = e.payload.into;
      d.concludedAt ??= e.at;
      break;
    case 'taskforce-formed':
      d.taskForce = formTaskForce(state, e.payload, e.at, policy);
      break;
    case 'confirmation-applied': {
      // The agreement step's day is the day it took effect (see `agreement-reached`).
      const { withinDays, late } = policy.policy.judicialConfirmation;
      const elapsed = civilDay(e.at) - state.steps[state.steps.length - 1]!.day;
      if (elapsed > withinDays) {
        if (late === 'refuse') throw new DisputeError('dispute.confirmation-late', { case: state.id, days: elapsed, max: withinDays });
        d.lateConfirmation = { days: elapsed, allowed: withinDays };
      }
      break;
    }
    case 'answered':
    case 'review-answered':
    case 're-review-answered': {
      // The days to ask for the next step run from the day the written answer was delivered.
      const given = civilDay(e.at);
      day = e.payload.deliveredOn === undefined ? given : Math.max(given, dayNumber(e.payload.deliveredOn));
      d.concludedAt ??= e.at;
      break;
    }
    case 'review-requested':
    case 're-review-requested': {
      const within = e.type === 'review-requested' ? policy.policy.petitions.reviewWithinDays : policy.policy.petitions.reReviewWithinDays;
      const elapsed = civilDay(e.at) - state.steps[state.steps.length - 1]!.day;
      if (elapsed > within) throw new DisputeError('dispute.review-late', { case: state.id, event: e.type, days: elapsed, max: within });
      break;
    }
    case 'severity-changed': {
      const from = state.facts.severity;
      if (e.payload.to === from) throw new DisputeError('dispute.same-severity', { case: state.id, severity: from });
      // The registration's facts belong to its event: copy, never change them in place.
      d.facts = { ...state.facts, severity: e.payload.to };
      d.severityChanges = [...(state.severityChanges ?? []), { from, to: e.payload.to, at: e.at }];
      break;
    }
    case 'duty-progress':
      d.taskForce = progressDuty(state, e.payload, e.at, mutate);
      break;
    case 'deadline-extended': {
      const rule = extensibleRules(state, policy).find((r) => r.id === e.payload.rule);
      if (!rule || rule.room < e.payload.days) throw new DisputeError('dispute.extension-limit', { case: state.id, rule: e.payload.rule, days: e.payload.days, max: rule ? rule.room : 0 });
      d.extensions = { ...state.extensions, [rule.id]: (state.extensions?.[rule.id] ?? 0) + e.payload.days };
      break;
    }
    default:
      break;
  }
  d.lastAt = e.at;
  d.events = state.events + 1;
  const next = EVENT_STATUS[e.type];
  if (next !== null) {
    d.status = next;
    const s: CaseStep = { status: next, at: e.at, day: day >= 0 ? day : civilDay(e.at), level: d.level };
    if (mutate) (d.steps as CaseStep[]).push(s);
    else d.steps = [...state.steps, s];
  }
  return d;
}

/**
 * The case's scope follows the level holding it: an actor acts for a division at that level or
 * above (a grid's or household unit's actor counts as the village's). A township actor may act
 * on a village-held case, not on one escalated to the county.
 */
function checkLevel(e: CaseEvent, level: CaseLevel): void {
  const held = LEVEL_RANK[levelIndex(level)]!;
  if (Math.min(placeRank(e.actor.division), 4) > held) throw new DisputeError('dispute.out-of-level', { case: e.caseId, actor: e.actor.id, division: e.actor.division, level, event: e.type });
}

/**
 * Whether an actor may act on a case held at a level: their division is at that level or above.
 * @internal
 */
export function actsAtLevel(division: string, level: CaseLevel): boolean {
  return Math.min(placeRank(division), 4) <= LEVEL_RANK[levelIndex(level)]!;
}

function checkRole(e: CaseEvent, policy: CompiledPolicy): void {
  if (!policy.permissions[e.type].includes(e.actor.role)) throw new DisputeError('dispute.role', { actor: e.actor.id, role: e.actor.role, event: e.type });
}

/** The row of a code in the hierarchy: a grid or household unit by its village; -1 if unknown. */
function rowOf(code: string, ctx: PreparedContext): number {
  let row = ctx.rows!.get(code);
  if (row === undefined) {
    row = ctx.hierarchy!.indexOf(code);
    if (row < 0 && code.length > 12) row = ctx.hierarchy!.indexOf(code.slice(0, 12));
    ctx.rows!.set(code, row);
  }
  return row;
}

function checkPlace(place: string, ctx: PreparedContext): void {
  if (ctx.hierarchy && rowOf(place, ctx) < 0) throw new DisputeError('dispute.unknown-place', { place });
}

function checkScope(e: CaseEvent, place: string, ctx: PreparedContext): void {
  const division = e.actor.division;
  let inside = codeWithin(place, division);
  if (inside && ctx.hierarchy) {
    const a = rowOf(division, ctx);
    const p = rowOf(place, ctx);
    inside = a >= 0 && p >= a && p < ctx.hierarchy.subtreeEnd(a);
  }
  if (!inside) throw new DisputeError('dispute.out-of-scope', { case: e.caseId, actor: e.actor.id, division, place, event: e.type });
}

/** Whether a short code lies within a scope's code (the codes are validated short forms). */
function codeWithin(code: string, scope: string): boolean {
  if (!code.startsWith(scope)) return false;
  return code.length === scope.length || !scope.includes('-') || code[scope.length] === '-';
}

/** The division rank of a place: 0 province … 4 village, 5 grid, 6 household unit. */
function placeRank(code: string): number {
  const dash = code.indexOf('-');
  if (dash >= 0) return code.indexOf('-', dash + 1) >= 0 ? 6 : 5;
  return code.length === 2 ? 0 : code.length === 4 ? 1 : code.length === 6 ? 2 : code.length === 9 ? 3 : 4;
}

function canSendDown(state: CaseState): boolean {
  const below = levelIndex(state.level) - 1;
  return below >= 0 && placeRank(state.facts.place) >= LEVEL_RANK[below]!;
}

/** The running deadline rules of a case that may be extended, with the days left to extend. @internal */
export function extensibleRules(state: CaseState, policy: CompiledPolicy): { id: string; room: number }[] {
  const rules = policy.rulesFor(statusIndex(state.status), severityIndex(state.facts.severity), levelIndex(state.level), sourceIndex(state.facts.source));
  return rules.filter((r) => r.maxExtensionDays > 0).map((r) => ({ id: r.id, room: r.maxExtensionDays - (state.extensions?.[r.id] ?? 0) }));
}

function formTaskForce(state: CaseState, p: { lead: TaskForceMember; members: TaskForceMember[]; duties: TaskForceDuty[] }, at: string, policy: CompiledPolicy): TaskForceState {
  const tf = policy.policy.taskForce;
  if (state.taskForce) throw new DisputeError('dispute.taskforce-exists', { case: state.id });
  if (!tf.severities.includes(state.facts.severity)) throw new DisputeError('dispute.taskforce-severity', { case: state.id, severity: state.facts.severity });
  const units = new Set([p.lead.unit, ...p.members.map((m) => m.unit)]);
  if (units.size < tf.minUnits) throw new DisputeError('dispute.taskforce-units', { case: state.id, count: units.size, required: tf.minUnits });
  const people = new Set([p.lead.id, ...p.members.map((m) => m.id)]);
  const ids = new Set<string>();
  for (const duty of p.duties) {
    if (!people.has(duty.assignee)) throw new DisputeError('dispute.unknown-member', { case: state.id, member: duty.assignee, duty: duty.id });
    if (ids.has(duty.id)) throw new DisputeError('dispute.invalid-event', { event: duty.id, field: 'payload.duties', reason: 'value.format' }, [{ index: 0, kind: 'case-event', field: 'payload.duties', reason: 'value.format', value: duty.id, details: { expected: 'expect.unique' } }]);
    ids.add(duty.id);
  }
  return { formedAt: at, lead: p.lead, members: p.members, duties: p.duties.map((duty) => ({ ...duty, done: false, reports: 0 })) };
}

function progressDuty(state: CaseState, p: { duty: string; note: string; done?: boolean | undefined }, at: string, mutate: boolean): TaskForceState {
  const tf = state.taskForce;
  if (!tf) throw new DisputeError('dispute.no-taskforce', { case: state.id });
  let i = tf.duties.length - 1;
  while (i >= 0 && tf.duties[i]!.id !== p.duty) i--;
  if (i < 0) throw new DisputeError('dispute.unknown-duty', { case: state.id, duty: p.duty });
  const old = tf.duties[i]!;
  const done = old.done || p.done === true;
  if (mutate) {
    // A replay owns its states, task forces and duties: update in place.
    const duty = old as Mutable<DutyState>;
    duty.done = done;
    duty.lastNote = p.note;
    duty.reports = old.reports + 1;
    if (done) duty.doneAt ??= at;
    return tf;
  }
  const updated: DutyState = { ...old, done, lastNote: p.note, reports: old.reports + 1, ...(done ? { doneAt: old.doneAt ?? at } : {}) };
  const duties = tf.duties.slice();
  duties[i] = updated;
  return { ...tf, duties };
}

/**
 * The civil day (a day number) of a timestamp in China's time zone (UTC+8): the written date
 * when the offset is +08:00, otherwise the instant moved to UTC+8.
 * @internal
 */
export function civilDay(at: string): number {
  const n = at.length;
  if (n > 16 && at.charCodeAt(n - 6) === 43 /* + */ && at.charCodeAt(n - 5) === 48 && at.charCodeAt(n - 4) === 56 && at.charCodeAt(n - 2) === 48 && at.charCodeAt(n - 1) === 48) {
    // Days from the civil date, by 400-year eras (no Date, no substring: once per event).
    let y = (at.charCodeAt(0) - 48) * 1000 + (at.charCodeAt(1) - 48) * 100 + (at.charCodeAt(2) - 48) * 10 + (at.charCodeAt(3) - 48);
    const m = (at.charCodeAt(5) - 48) * 10 + (at.charCodeAt(6) - 48);
    const d = (at.charCodeAt(8) - 48) * 10 + (at.charCodeAt(9) - 48);
    if (m <= 2) y--;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
    return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
  }
  return Math.floor((Date.parse(at) + 8 * 3_600_000) / 86_400_000);
}

/** Whether instant `a` is before instant `b` (timestamps of one format and offset compare as strings). */
function before(a: string, b: string): boolean {
  const n = a.length;
  if (n === b.length && n > 6) {
    let same = true;
    for (let i = n - 6; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        same = false;
        break;
      }
    }
    if (same) return a < b;
  }
  return Date.parse(a) < Date.parse(b);
}
