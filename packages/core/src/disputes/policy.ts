/**
 * The dispute policy, as data: deadlines per state, severity and level (working or calendar
 * days, with the place's holidays), how far a case may be escalated in one step, when a task
 * force may be formed, and which role may record which event. The defaults follow national
 * rules where they exist and say so; everything can be changed by a place.
 */
import * as z from 'zod/mini';
import { ACTOR_ROLES, CASE_EVENT_TYPES, CASE_LEVELS, CASE_SOURCES, CASE_STATUSES, SEVERITIES, isoDateSchema, type ActorRole, type CaseEventType } from './schema.js';
import { dayNumber } from '../time/days.js';
import { parseRecord } from '../errors/schema.js';

/**
 * A deadline rule: while a case is in one of the `while` states, the clock runs from the day it
 * entered them; it is due `days` later, counted in calendar or working days. `severities`,
 * `levels` and `sources` (where the case came from: a petition, the hotline, …) narrow a rule;
 * among rules with the same id that apply, the most specific wins (then the later one).
 * `maxExtensionDays` is how far a reviewer may extend it (`deadline-extended`). Unknown keys
 * are refused (a misspelt `maxExtentionDays` would otherwise leave the default in force), and
 * so is a narrowing list that is empty (a rule that could never apply).
 * @example
 * deadlineRuleSchema.parse({ id: 'handling', while: ['accepted', 'assigned', 'mediating'], days: 30, severities: ['very-major'] });
 * deadlineRuleSchema.parse({ id: 'acceptance', while: ['registered'], days: 15, sources: ['petition'] });
 */
export const deadlineRuleSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expect.id')),
  while: z.array(z.enum(CASE_STATUSES)).check(z.minLength(1), z.refine(distinct, 'expect.unique')),
  days: z.number().check(z.int(), z.gte(0), z.lte(3650)),
  count: z._default(z.enum(['calendar', 'working']), 'calendar'),
  severities: z.optional(z.array(z.enum(SEVERITIES)).check(z.minLength(1), z.refine(distinct, 'expect.unique'))),
  levels: z.optional(z.array(z.enum(CASE_LEVELS)).check(z.minLength(1), z.refine(distinct, 'expect.unique'))),
  sources: z.optional(z.array(z.enum(CASE_SOURCES)).check(z.minLength(1), z.refine(distinct, 'expect.unique'))),
  maxExtensionDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(3650)), 0),
  /** Where the rule comes from, shown with the deadline. */
  source: z.optional(z.string().check(z.maxLength(400))),
});
function distinct(xs: readonly unknown[]): boolean {
  return new Set(xs).size === xs.length;
}

/** A deadline rule. */
export type DeadlineRule = z.output<typeof deadlineRuleSchema>;
/** A deadline rule as written (defaults may be left out). */
export type DeadlineRuleInput = z.input<typeof deadlineRuleSchema>;

/**
 * The deadlines of national practice, the default:
 *
 * - `acceptance`: decide whether to accept within 15 days of receiving the matter — the Petition
 *   Work Regulations (信访工作条例, 2022), as the old Letters and Visits Regulations (信访条例,
 *   2005, art. 22) before them.
 * - `handling`: handle within 60 days of acceptance, extendable by at most 30 — the same
 *   regulations (信访条例 2005, art. 33). The clock runs through assignment, mediation,
 *   escalation and sending down, until the case is resolved, referred or withdrawn.
 * - `judicial-confirmation`: the parties may jointly apply to a court for judicial confirmation
 *   within 30 days of the mediation agreement taking effect — People's Mediation Law (人民调解法,
 *   2010), art. 33.
 * - `court-decision`: the court decides within 15 days of accepting the application, extendable
 *   by 10 — the Supreme People's Court's provisions on the judicial confirmation of people's
 *   mediation agreements (关于人民调解协议司法确认程序的若干规定, 2011).
 * - `review` and `re-review`: a review (复查) is answered within 30 days of the request, and a
 *   re-review (复核) likewise — the Petition Work Regulations (2022). The 30 days in which the
 *   petitioner may ask for them are the policy's `petitions` window, not a deadline of the office.
 *
 * Days are calendar days, and a period ending on a rest day ends on the next working day (Civil
 * Code art. 203), with the calendar's holidays. A follow-up visit (回访) has no national limit:
 * add a rule, for example `{ id: 'follow-up', while: ['agreement', 'confirmed'], days: 30 }`.
 * @example
 * DEFAULT_DEADLINES.find((r) => r.id === 'judicial-confirmation')?.days; // 30
 */
export const DEFAULT_DEADLINES: readonly DeadlineRule[] = [
  { id: 'acceptance', while: ['registered'], days: 15, count: 'calendar', maxExtensionDays: 0, source: '信访工作条例（2022）：15日内告知是否受理' },
  {
    id: 'handling',
    while: ['accepted', 'assigned', 'mediating', 'mediation-failed', 'escalated', 'sent-down'],
    days: 60,
    count: 'calendar',
    maxExtensionDays: 30,
    source: '信访工作条例（2022）：自受理之日起60日内办结，延长不超过30日',
  },
  { id: 'judicial-confirmation', while: ['agreement'], days: 30, count: 'calendar', maxExtensionDays: 0, source: '人民调解法第三十三条：调解协议生效之日起30日内共同申请司法确认' },
  { id: 'court-decision', while: ['confirmation-applied'], days: 15, count: 'calendar', maxExtensionDays: 10, source: '最高人民法院关于人民调解协议司法确认程序的若干规定（2011）：受理之日起15日内作出决定' },
  { id: 'review', while: ['review-requested'], days: 30, count: 'calendar', maxExtensionDays: 0, source: '信访工作条例（2022）：自收到复查请求之日起30日内提出复查意见' },
  { id: 're-review', while: ['re-review-requested'], days: 30, count: 'calendar', maxExtensionDays: 0, source: '信访工作条例（2022）：自收到复核请求之日起30日内提出复核意见' },
];

/**
 * Which roles may record each event. Registrars register, accept, decline, assign and merge;
 * handlers mediate, record agreements, court decisions, referrals and follow-ups; reviewers
 * (the leadership) accept, assign, send down, form task forces, extend deadlines and archive.
 * A petition's answer is given by the handler or the leadership; a request for review (复查) or
 * re-review (复核) is registered by a registrar or a reviewer and answered by a reviewer (the
 * body above). A change of severity is recorded by a registrar or a reviewer.
 * @example
 * DEFAULT_PERMISSIONS['agreement-reached']; // ['handler']
 */
export const DEFAULT_PERMISSIONS: Readonly<Record<CaseEventType, readonly ActorRole[]>> = {
  registered: ['registrar'],
  accepted: ['registrar', 'reviewer'],
  declined: ['registrar', 'reviewer'],
  assigned: ['registrar', 'reviewer'],
  'mediation-started': ['handler'],
  'agreement-reached': ['handler'],
  'mediation-failed': ['handler'],
  'confirmation-applied': ['handler'],
  'confirmation-granted': ['handler', 'registrar'],
  'confirmation-refused': ['handler', 'registrar'],
  referred: ['handler', 'reviewer'],
  escalated: ['handler', 'reviewer'],
  'sent-down': ['reviewer'],
  'followed-up': ['handler', 'registrar'],
  archived: ['registrar', 'reviewer'],
  withdrawn: ['registrar', 'handler'],
  merged: ['registrar', 'reviewer'],
  'taskforce-formed': ['reviewer'],
  'duty-progress': ['handler', 'reviewer'],
  'deadline-extended': ['reviewer'],
  answered: ['handler', 'reviewer'],
  'review-requested': ['registrar', 'reviewer'],
  'review-answered': ['reviewer'],
  're-review-requested': ['registrar', 'reviewer'],
  're-review-answered': ['reviewer'],
  'severity-changed': ['registrar', 'reviewer'],
};

/**
 * A working calendar: holidays (法定节假日) and the weekend days worked instead (调休上班), as data.
 * Unknown keys are refused, and so is a day listed both as a holiday and as a workday.
 * @example
 * workCalendarSchema.parse({ holidays: ['2024-10-01', '2024-10-02'], workdays: ['2024-09-29'] });
 */
export const workCalendarSchema = z
  .strictObject({
    holidays: z._default(z.array(isoDateSchema), []),
    workdays: z._default(z.array(isoDateSchema), []),
    /** A calendar-day period whose last day is a rest day ends on the next working day (Civil Code art. 203). */
    rollOver: z._default(z.boolean(), true),
  })
  // A day cannot be a holiday and a worked day at once: which one was meant is unknowable.
  .check(z.refine((c) => !c.workdays.some((d) => c.holidays.includes(d)), { message: 'expect.holiday-or-workday', path: ['workdays'] }));
/** A working calendar. */
export type WorkCalendar = z.output<typeof workCalendarSchema>;

/** Two deadline rules with the same id and the same narrowing would contradict each other. */
function ruleKey(r: { id: string; severities?: readonly string[] | undefined; levels?: readonly string[] | undefined; sources?: readonly string[] | undefined }): string {
  const set = (xs: readonly string[] | undefined) => (xs ? [...xs].sort().join(',') : '*');
  return `${r.id}|${set(r.severities)}|${set(r.levels)}|${set(r.sources)}`;
}

/**
 * A dispute policy. Everything left out keeps the default: {@link DEFAULT_DEADLINES}, no
 * holidays, escalation one level at a time, task forces for major and very major matters with
 * members from at least two units, {@link DEFAULT_PERMISSIONS}; an application for judicial
 * confirmation more than 30 days after the agreement took effect is flagged on the case
 * (`late: 'refuse'` refuses it instead); a review (复查) of a petition's answer, and a re-review
 * (复核) of the review, may be asked within 30 days.
 *
 * Unknown keys are refused at every depth, and so are contradictions: two deadline rules with
 * the same id and the same narrowing, a day that is both a holiday and a workday.
 * @example
 * const policy = disputePolicySchema.parse({
 *   calendar: { holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'], workdays: ['2024-09-29', '2024-10-12'] },
 *   deadlines: [...DEFAULT_DEADLINES, { id: 'follow-up', while: ['agreement', 'confirmed'], days: 10, count: 'working' }],
 *   judicialConfirmation: { late: 'refuse' },
 * });
 */
export const disputePolicySchema = z.strictObject({
  name: z._default(z.string().check(z.maxLength(200)), 'national practice'),
  calendar: z._default(workCalendarSchema, { holidays: [], workdays: [], rollOver: true }),
  deadlines: z._default(
    z.array(deadlineRuleSchema).check(z.refine((rules) => new Set(rules.map(ruleKey)).size === rules.length, 'expect.unique-rule')),
    () => DEFAULT_DEADLINES.map((r) => ({ ...r })),
  ),
  escalation: z._default(z.strictObject({ maxStep: z._default(z.number().check(z.int(), z.gte(1), z.lte(3)), 1) }), { maxStep: 1 }),
  taskForce: z._default(
    z.strictObject({
      severities: z._default(z.array(z.enum(SEVERITIES)).check(z.refine(distinct, 'expect.unique')), ['major', 'very-major']),
      minUnits: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 2),
    }),
    { severities: ['major', 'very-major'], minUnits: 2 },
  ),
  /** Roles per event type, for the types a place changes; the others keep {@link DEFAULT_PERMISSIONS}. */
  permissions: z._default(z.partialRecord(z.enum(CASE_EVENT_TYPES), z.array(z.enum(ACTOR_ROLES)).check(z.refine(distinct, 'expect.unique'))), {}),
  /**
   * Judicial confirmation (People's Mediation Law art. 33): an application later than
   * `withinDays` after the agreement took effect is flagged on the case (`lateConfirmation`) or
   * refused (`dispute.confirmation-late`).
   */
  judicialConfirmation: z._default(
    z.strictObject({
      withinDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(3650)), 30),
      late: z._default(z.enum(['flag', 'refuse']), 'flag'),
    }),
    { withinDays: 30, late: 'flag' },
  ),
  /**
   * Petitions (信访工作条例, 2022): the cases whose answer may be reviewed (复查) and re-reviewed
   * (复核) — by source, petitions by default — and the days after the answer (and after the
   * review's answer) within which each may be asked. A later request is refused.
   */
  petitions: z._default(
    z.strictObject({
      sources: z._default(z.array(z.enum(CASE_SOURCES)).check(z.refine(distinct, 'expect.unique')), ['petition']),
      reviewWithinDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(3650)), 30),
      reReviewWithinDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(3650)), 30),
    }),
    { sources: ['petition'], reviewWithinDays: 30, reReviewWithinDays: 30 },
  ),
});
/** A dispute policy with every default filled in. */
export type DisputePolicy = z.output<typeof disputePolicySchema>;
/** A dispute policy as written (anything may be left out). */
export type DisputePolicyInput = z.input<typeof disputePolicySchema>;

/** A policy prepared for use: rules by state, the calendar as sets of day numbers, a cache of due days. @internal */
export interface CompiledPolicy {
  readonly policy: DisputePolicy;
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
  readonly permissions: Readonly<Record<CaseEventType, readonly ActorRole[]>>;
  /** Rules that apply, by status index × severity × level × source: one per rule id, the most specific. */
  rulesFor(status: number, severity: number, level: number, source: number): readonly DeadlineRule[];
  /** The due day of a period of `days` from `start` (a day number). */
  dueDay(start: number, days: number, count: 'calendar' | 'working'): number;
  /** Whether a day number is a working day. */
  isWorking(day: number): boolean;
}

const compiled = new WeakMap<object, CompiledPolicy>();
let defaultPolicy: CompiledPolicy | undefined;

/**
 * Parse a dispute policy as written: every default filled in, or a `SchemaError` naming each
 * field at fault (an unknown key, a contradiction), never a raw zod error.
 * @throws {SchemaError} `schema.invalid`, with one issue per field.
 * @example
 * const policy = parseDisputePolicy(JSON.parse(text));
 * parseDisputePolicy({ deadlines: [{ id: 'handling', while: ['accepted'], days: 30, maxExtentionDays: 10 }] });
 * // SchemaError: field deadlines.0.maxExtentionDays — no such field
 */
export function parseDisputePolicy(input: unknown): DisputePolicy {
  return parseRecord(disputePolicySchema, input, 'dispute-policy');
}

/**
 * Parse and prepare a policy (cached per policy object, so passing the same object again is free).
 * @throws {SchemaError} when the policy is not valid (see {@link parseDisputePolicy}).
 * @internal
 */
export function compilePolicy(input?: DisputePolicyInput | DisputePolicy | CompiledPolicy): CompiledPolicy {
  if (input === undefined) return (defaultPolicy ??= build(parseDisputePolicy({})));
  if (isCompiled(input)) return input;
  let c = typeof input === 'object' && input !== null ? compiled.get(input) : undefined;
  if (!c) {
    c = build(parseDisputePolicy(input));
    if (typeof input === 'object' && input !== null) compiled.set(input, c);
  }
  return c;
}

function isCompiled(x: unknown): x is CompiledPolicy {
  return typeof x === 'object' && x !== null && typeof (x as CompiledPolicy).rulesFor === 'function';
}

function build(policy: DisputePolicy): CompiledPolicy {
  const holidays = new Set(policy.calendar.holidays.map(dayNumber));
  const workdays = new Set(policy.calendar.workdays.map(dayNumber));
  const permissions = { ...DEFAULT_PERMISSIONS, ...policy.permissions } as Record<CaseEventType, readonly ActorRole[]>;
  const table = new Map<number, DeadlineRule[]>();
  const cache = new Map<number, number>();
  const isWorking = (day: number): boolean => {
    if (workdays.has(day)) return true;
    if (holidays.has(day)) return false;
    const dow = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return dow !== 0 && dow !== 6;
  };
  return {
    policy,
    holidays,
    workdays,
    permissions,
    isWorking,
    rulesFor(status, severity, level, source) {
      const key = ((status * 8 + severity) * 8 + level) * 8 + source;
      let rules = table.get(key);
      if (!rules) {
        const best = new Map<string, { rule: DeadlineRule; score: number }>();
        for (const rule of policy.deadlines) {
          if (!rule.while.includes(CASE_STATUSES[status]!)) continue;
          if (rule.severities && !rule.severities.includes(SEVERITIES[severity]!)) continue;
          if (rule.levels && !rule.levels.includes(CASE_LEVELS[level]!)) continue;
          if (rule.sources && !rule.sources.includes(CASE_SOURCES[source]!)) continue;
          const score = (rule.severities ? 1 : 0) + (rule.levels ? 1 : 0) + (rule.sources ? 1 : 0);
          const seen = best.get(rule.id);
          if (!seen || score >= seen.score) best.set(rule.id, { rule, score });
        }
        rules = [...best.values()].map((b) => b.rule);
        table.set(key, rules);
      }
      return rules;
    },
    dueDay(start, days, count) {
      const key = (start * 4096 + days) * 2 + (count === 'working' ? 1 : 0);
      let due = cache.get(key);
      if (due === undefined) {
        if (count === 'working') {
          due = start;
          for (let k = 0; k < days; ) if (isWorking(++due)) k++;
        } else {
          due = start + days;
          if (policy.calendar.rollOver) for (let guard = 0; guard < 60 && !isWorking(due); guard++) due++;
        }
        cache.set(key, due);
      }
      return due;
    },
  };
}
