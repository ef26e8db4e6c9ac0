/**
 * Deadlines: what is due on a case, by when, and what is overdue, at any moment. The rules are
 * the policy's (see {@link DEFAULT_DEADLINES} for national practice and its sources); days are
 * counted from the day after the clock starts, in calendar days (a period ending on a rest day
 * ends on the next working day) or in working days (weekends and the calendar's holidays
 * skipped, its adjusted weekend workdays counted).
 */
import * as z from 'zod/mini';
import { dayNumber, isoDate } from '../time/days.js';
import { dateSchema, timestampMs } from '../time/schema.js';
import { parseRecord } from '../errors/schema.js';
import { CONCLUDED_STATUSES, civilDay, levelIndex, severityIndex, sourceIndex, statusIndex, type CaseState } from './lifecycle.js';
import { compilePolicy, type CompiledPolicy, type DeadlineRule, type DisputePolicy, type DisputePolicyInput, type WorkCalendar } from './policy.js';

/** Something due on a case: a deadline of the policy, or a duty of its task force. */
export interface DueItem {
  kind: 'deadline' | 'duty';
  /** The rule's id (`acceptance`, `handling`, …) or the duty's id. */
  id: string;
  /** The duty's title, or the rule's source. */
  label?: string;
  /** The day the clock started (ISO date). */
  since: string;
  /**
   * The last day (ISO date), extensions included; for a deadline counted in hours (a work
   * order's signing for), the last moment (ISO date and time with its offset).
   */
  due: string;
  overdue: boolean;
  /** Calendar days from the moment asked to the due day: negative when overdue. */
  daysLeft: number;
}

/**
 * A moment as the functions that judge deadlines take it: a date (`2024-12-31`) or a date and
 * time with its offset, that exists in the calendar. @internal
 */
export const momentSchema = z.string().check(z.refine((s) => !Number.isNaN(dayNumber(s)) || !Number.isNaN(timestampMs(s)), 'expect.moment'));

/**
 * The civil day (a day number, China's time zone) of a moment given from outside, or a
 * `SchemaError` naming the field: never a `NaN` day, never a date rolled over.
 * @example
 * dayOfMoment('2024-12-31', 'asOf', 'summary-options'); // 20088
 * dayOfMoment('2024-02-30', 'asOf', 'summary-options'); // throws SchemaError (field asOf)
 * @internal
 */
export function dayOfMoment(value: unknown, field: string, kind: string): number {
  const moment = parseRecord(z.strictObject({ [field]: momentSchema }), { [field]: value }, kind)[field] as string;
  return moment.length === 10 ? dayNumber(moment) : civilDay(moment);
}

const deadlineQuerySchema = z.strictObject({
  from: dateSchema,
  days: z.number().check(z.int(), z.gte(0), z.lte(3650)),
  count: z.optional(z.enum(['calendar', 'working'])),
});

/**
 * The last day of a period of `days` from `from` (an ISO date, not counted itself), in calendar
 * or working days. An impossible date (`2024-02-30`), a negative or fractional number of days,
 * or a calendar the policy schema refuses is a `SchemaError`, never a `NaN` date.
 * @throws {SchemaError} naming the field at fault.
 * @example
 * deadlineDate('2024-03-01', 30);                                  // '2024-04-01' (31 March is a Sunday)
 * deadlineDate('2024-09-27', 5, { count: 'working', calendar: {
 *   holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
 *   workdays: ['2024-09-29', '2024-10-12'] } });                   // '2024-10-10'
 */
export function deadlineDate(from: string, days: number, options: { count?: 'calendar' | 'working'; calendar?: Partial<WorkCalendar> } = {}): string {
  const q = parseRecord(deadlineQuerySchema, { from, days, ...(options.count !== undefined ? { count: options.count } : {}) }, 'deadline-query');
  const policy = compilePolicy({ calendar: options.calendar ?? {} });
  return isoDate(policy.dueDay(dayNumber(q.from), q.days, q.count ?? 'calendar'));
}

/**
 * Whether a day is a working day under a calendar (weekends and holidays are not; adjusted
 * weekend workdays are).
 * @example
 * isWorkingDay('2024-09-29', { workdays: ['2024-09-29'] }); // true (a Sunday worked before National Day)
 * @throws {SchemaError} for an impossible date.
 */
export function isWorkingDay(date: string, calendar: Partial<WorkCalendar> = {}): boolean {
  const q = parseRecord(z.strictObject({ date: dateSchema }), { date }, 'deadline-query');
  return compilePolicy({ calendar }).isWorking(dayNumber(q.date));
}

/**
 * What is due on a case at a moment: each running deadline (since when, the last day, whether
 * it is overdue) and each open duty of its task force, soonest first. A concluded case owes
 * what its state still runs (the 30 days for judicial confirmation after an agreement, the
 * court's decision); an archived one, nothing. `at` is a date or a date and time with its offset.
 * @throws {SchemaError} when `at` is not a real date or time.
 * @example
 * dueOf(state, '2024-05-20T09:00:00+08:00');
 * // [{ kind: 'deadline', id: 'handling', since: '2024-03-02', due: '2024-05-01', overdue: true, daysLeft: -19, … }]
 * dueOf(state, '2024-05-20T09:00:00+08:00').filter((d) => d.overdue);
 */
export function dueOf(state: CaseState, at: string, policy?: DisputePolicyInput | DisputePolicy): DueItem[] {
  const p = compilePolicy(policy);
  const today = dayOfMoment(at, 'at', 'deadline-query');
  const out: DueItem[] = [];
  for (const run of openRuns(state, p)) {
    out.push({ kind: 'deadline', id: run.rule.id, ...(run.rule.source ? { label: run.rule.source } : {}), since: isoDate(run.start), due: isoDate(run.due), overdue: today > run.due, daysLeft: run.due - today });
  }
  if (state.taskForce && !ENDED.has(state.status)) {
    for (const duty of state.taskForce.duties) {
      if (duty.done) continue;
      const due = dayNumber(duty.due);
      out.push({ kind: 'duty', id: duty.id, label: duty.title, since: isoDate(civilDay(state.taskForce.formedAt)), due: duty.due, overdue: today > due, daysLeft: due - today });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** States in which a task force's open duties are no longer owed. */
const ENDED: ReadonlySet<CaseState['status']> = new Set(['archived', 'withdrawn', 'merged', 'declined']);

/** A run of a rule's clock: the rule, the day it started and the last day. @internal */
export interface Run {
  rule: DeadlineRule;
  start: number;
  due: number;
}

/** The clocks running now: the rules of the current state, each from the day its states were entered. @internal */
export function openRuns(state: CaseState, p: CompiledPolicy): Run[] {
  const steps = state.steps;
  const sev = severityIndex(state.facts.severity);
  const rules = p.rulesFor(statusIndex(state.status), sev, levelIndex(state.level), sourceIndex(state.facts.source));
  const out: Run[] = [];
  for (const rule of rules) {
    let k = steps.length - 1;
    while (k > 0 && rule.while.includes(steps[k - 1]!.status)) k--;
    const start = steps[k]!.day;
    out.push({ rule, start, due: p.dueDay(start, rule.days + (state.extensions?.[rule.id] ?? 0), rule.count) });
  }
  return out;
}

/**
 * How a case kept its deadlines: whether any finished run of a clock ended after its due day
 * (`missed`), and whether a clock still running is past due on `today` (`overdue`). A run is a
 * maximal stretch of steps to which a rule applies; it ends on the day of the next step.
 * @internal
 */
export function deadlineRecord(state: CaseState, p: CompiledPolicy, today: number): { missed: boolean; overdue: boolean } {
  const steps = state.steps;
  const sev = severityIndex(state.facts.severity);
  const src = sourceIndex(state.facts.source);
  let missed = false;
  let overdue = false;
  const n = steps.length;
  for (let k = 0; k < n; k++) {
    const s = steps[k]!;
    const rules = p.rulesFor(statusIndex(s.status), sev, levelIndex(s.level), src);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      // Only where the run starts: the previous step was outside the rule.
      if (k > 0 && rule.while.includes(steps[k - 1]!.status)) continue;
      let end = k + 1;
      while (end < n && rule.while.includes(steps[end]!.status)) end++;
      const due = p.dueDay(s.day, rule.days + (state.extensions?.[rule.id] ?? 0), rule.count);
      if (end < n) {
        if (steps[end]!.day > due) missed = true;
      } else if (state.status !== 'archived' && today > due) overdue = true;
    }
  }
  return { missed, overdue };
}

/** Whether a case counts as concluded (办结) now. @internal */
export function isConcluded(state: CaseState): boolean {
  return CONCLUDED_STATUSES.has(state.status);
}
