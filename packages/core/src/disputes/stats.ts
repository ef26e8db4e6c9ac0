/**
 * Statistics of cases as mergeable summaries: every figure is a count (or a histogram of
 * counts) that adds up, and the rates and the median are recomputed from them, so a county's
 * summary merged with its neighbours' is exactly the summary of them all. The median time to
 * resolve comes from a histogram of whole days, which is exact at day resolution.
 *
 * A summary says what it may be merged with: the day it describes (`asOf`), the policy its
 * deadlines were judged by (`policy`), and the scopes it covers (`scopes`). Summaries of
 * different days or policies, or of overlapping scopes (which would count cases twice), are
 * refused with a typed error.
 */
import * as z from 'zod/mini';
import { isoDate } from '../time/days.js';
import { dateSchema } from '../time/schema.js';
import { parseRecord, parseRecords } from '../errors/schema.js';
import { isDivisionCode, normalizeCode } from '../hierarchy/codes.js';
import { DisputeError } from './errors.js';
import { dayOfMoment, deadlineRecord, isConcluded } from './deadlines.js';
import type { CaseState } from './lifecycle.js';
import { compilePolicy, type CompiledPolicy, type DisputePolicy, type DisputePolicyInput } from './policy.js';
import { CASE_LEVELS, CASE_STATUSES, SEVERITIES, placeCodeSchema, type CaseLevel, type CaseStatus, type Severity } from './schema.js';

/** Events reported and closed in one grid (or at one place without a grid). */
export interface GridCounts {
  reported: number;
  /** Concluded (办结). */
  closed: number;
}

/** A mergeable summary of cases as they stood on `asOf`. */
export interface CaseSummary {
  /** The day the summary describes (ISO date); only summaries of the same day merge. */
  asOf: string;
  /**
   * The policy the deadlines were judged by: its name and a fingerprint of its content
   * (`national practice#2914557726`); only summaries of the same policy merge.
   */
  policy: string;
  /**
   * What the summary covers: division codes (`530602`), `*` for every place, and after `@` a
   * slice of a scope's cases that is disjoint from its other slices by construction (a period
   * of resolution, `530602@2024-03`). Sorted; empty for the empty merge. Summaries whose scopes
   * overlap do not merge.
   */
  scopes: string[];
  cases: number;
  byStatus: Record<CaseStatus, number>;
  byCategory: Record<string, number>;
  bySeverity: Record<Severity, number>;
  /** By the level holding each case now. */
  byLevel: Record<CaseLevel, number>;
  /** Cases accepted (受理): the base of the resolution rate. */
  accepted: number;
  /** Cases resolved by an agreement in force. */
  resolved: number;
  /** resolved / accepted, or `null`. */
  resolutionRate: number | null;
  /** Cases concluded (办结: resolved, referred, declined, withdrawn, merged), and of them those that kept every deadline. */
  concluded: number;
  concludedOnTime: number;
  /** concludedOnTime / concluded, or `null`. */
  onTimeRate: number | null;
  /** Cases with a deadline running past due on `asOf`. */
  overdue: number;
  /** Where resolved cases were resolved (小事不出村、大事不出镇). */
  resolvedByLevel: Record<CaseLevel, number>;
  /** resolvedByLevel / resolved, or `null` each. */
  resolutionLevelShares: Record<CaseLevel, number | null>;
  /** Days from registration to agreement → number of resolved cases. */
  daysToResolve: Record<string, number>;
  /** The median of those days (the mean of the two middle ones for an even count), or `null`. */
  medianDaysToResolve: number | null;
  /**
   * Reported and closed per grid: a case placed in a grid or household unit counts for its grid;
   * one placed at a village (or above) for that division's code.
   */
  byGrid: Record<string, GridCounts>;
}

/** Options of {@link summariseCases}. */
export interface SummaryOptions {
  /** The moment (or day) the summary describes: deadlines are judged on that day. */
  asOf: string;
  /** Only cases placed within this division code (a padded 12-digit code is accepted). */
  scope?: string;
  /**
   * A name for the slice of the scope's cases given, when the caller splits one scope's cases
   * into disjoint parts by something other than place (a period of resolution): slices of one
   * scope merge, a slice and its whole scope do not.
   */
  slice?: string;
  policy?: DisputePolicyInput | DisputePolicy;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Summarise cases (their states) as they stood on a day.
 * @throws {SchemaError} when `asOf` is not a real date or date and time (`2024-02-30`), or the
 * scope not a division code; never a summary of day `NaN`.
 * @example
 * const s = summariseCases(states.values(), { asOf: '2024-12-31', scope: '530627' });
 * s.resolutionRate; s.medianDaysToResolve; s.resolutionLevelShares.village;
 */
export function summariseCases(states: Iterable<CaseState>, options: SummaryOptions): CaseSummary {
  const today = dayOfMoment(options?.asOf, 'asOf', 'summary-options');
  const scope = options.scope === undefined ? undefined : scopeCode(options.scope);
  const slice = options.slice === undefined ? undefined : parseRecord(z.strictObject({ slice: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[^@\s]+$/, 'expect.id')) }), { slice: options.slice }, 'summary-options').slice;
  const policy = compilePolicy(options.policy);
  const s = emptySummary(isoDate(today), fingerprint(policy), [`${scope ?? '*'}${slice === undefined ? '' : `@${slice}`}`]);
  const byCategory = new Map<string, number>();
  const byGrid = new Map<string, GridCounts>();
  const days = new Map<number, number>();
  for (const c of states) {
    const place = c.facts.place;
    if (scope !== undefined && !(place.startsWith(scope) && (place.length === scope.length || !scope.includes('-') || place[scope.length] === '-'))) continue;
    s.cases++;
    s.byStatus[c.status]++;
    byCategory.set(c.facts.category, (byCategory.get(c.facts.category) ?? 0) + 1);
    s.bySeverity[c.facts.severity]++;
    s.byLevel[c.level]++;
    if (c.steps.length > 1 && c.steps[1]!.status === 'accepted') s.accepted++;
    if (c.resolution) {
      s.resolved++;
      s.resolvedByLevel[c.resolution.level]++;
      const d = c.resolution.day - c.steps[0]!.day;
      days.set(d, (days.get(d) ?? 0) + 1);
    }
    const concluded = isConcluded(c);
    const { missed, overdue } = deadlineRecord(c, policy, today);
    if (concluded) {
      s.concluded++;
      if (!missed) s.concludedOnTime++;
    }
    if (overdue) s.overdue++;
    const grid = gridOf(place);
    let g = byGrid.get(grid);
    if (!g) byGrid.set(grid, (g = { reported: 0, closed: 0 }));
    g.reported++;
    if (concluded) g.closed++;
  }
  s.byCategory = sortedRecord(byCategory);
  s.byGrid = sortedRecord(byGrid);
  s.daysToResolve = Object.fromEntries([...days.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]));
  return finish(s);
}

/**
 * Merge summaries of disjoint sets of cases (neighbouring counties, the townships of a county)
 * into the summary of them all, exactly: every figure is the figure of the whole, and `scopes`
 * lists the parts merged. Give the summaries as arguments or as one array; an empty array with
 * `asOf` gives the empty summary of that day (merging it with any summary changes nothing).
 * @throws {DisputeError} `dispute.summary-mismatch` when they describe different days,
 * `dispute.summary-policy` when they were judged by different policies,
 * `dispute.summary-overlap` when two of them cover the same cases (a county and one of its
 * townships, or the same county twice), `dispute.summary-empty` when there is nothing to merge
 * and no day is given.
 * @throws {RecordsError} when a summary (read from a file) lacks the day, policy or scopes.
 * @example
 * const city = mergeSummaries(...counties.map((c) => summariseCases(states.values(), { asOf, scope: c })));
 * const none = mergeSummaries([], { asOf: '2024-12-31' }); // cases: 0
 */
export function mergeSummaries(...summaries: CaseSummary[]): CaseSummary;
export function mergeSummaries(summaries: readonly CaseSummary[], options?: { asOf?: string; policy?: DisputePolicyInput | DisputePolicy }): CaseSummary;
export function mergeSummaries(...args: unknown[]): CaseSummary {
  const list = (Array.isArray(args[0]) ? args[0] : args) as CaseSummary[];
  const options = (Array.isArray(args[0]) ? args[1] : undefined) as { asOf?: string; policy?: DisputePolicyInput | DisputePolicy } | undefined;
  parseRecords(summaryHeadSchema, list, { kind: 'case-summary', idOf: () => undefined });
  const first = list[0];
  if (!first) {
    if (options?.asOf === undefined) throw new DisputeError('dispute.summary-empty');
    return finish(emptySummary(isoDate(dayOfMoment(options.asOf, 'asOf', 'summary-options')), fingerprint(compilePolicy(options.policy)), []));
  }
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    if (x.asOf !== first.asOf) throw new DisputeError('dispute.summary-mismatch', { first: first.asOf, other: x.asOf });
    if (x.policy !== first.policy) throw new DisputeError('dispute.summary-policy', { first: first.policy, other: x.policy });
    // A part without cases double-counts nothing, whatever it covers.
    if (x.cases === 0) continue;
    for (let j = 0; j < i; j++) {
      const y = list[j]!;
      if (y.cases === 0) continue;
      for (const a of x.scopes) for (const b of y.scopes) if (scopesOverlap(a, b)) throw new DisputeError('dispute.summary-overlap', { first: b, other: a });
    }
  }
  const s = emptySummary(first.asOf, first.policy, [...new Set(list.flatMap((x) => x.scopes))].sort());
  const byCategory = new Map<string, number>();
  const byGrid = new Map<string, GridCounts>();
  const days = new Map<number, number>();
  for (const x of list) {
    s.cases += x.cases;
    s.accepted += x.accepted;
    s.resolved += x.resolved;
    s.concluded += x.concluded;
    s.concludedOnTime += x.concludedOnTime;
    s.overdue += x.overdue;
    for (const k of CASE_STATUSES) s.byStatus[k] += x.byStatus[k];
    for (const k of SEVERITIES) s.bySeverity[k] += x.bySeverity[k];
    for (const k of CASE_LEVELS) {
      s.byLevel[k] += x.byLevel[k];
      s.resolvedByLevel[k] += x.resolvedByLevel[k];
    }
    for (const [k, v] of Object.entries(x.byCategory)) byCategory.set(k, (byCategory.get(k) ?? 0) + v);
    for (const [k, v] of Object.entries(x.byGrid)) {
      const g = byGrid.get(k);
      if (g) {
        g.reported += v.reported;
        g.closed += v.closed;
      } else byGrid.set(k, { reported: v.reported, closed: v.closed });
    }
    for (const [k, v] of Object.entries(x.daysToResolve)) days.set(Number(k), (days.get(Number(k)) ?? 0) + v);
  }
  s.byCategory = sortedRecord(byCategory);
  s.byGrid = sortedRecord(byGrid);
  s.daysToResolve = Object.fromEntries([...days.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]));
  return finish(s);
}

/**
 * Where a case was resolved (the level holding it when the agreement in force was reached), or
 * `null` if it is not resolved.
 * @example
 * resolutionLevel(state); // 'village'
 */
export function resolutionLevel(state: CaseState): CaseLevel | null {
  return state.resolution?.level ?? null;
}

/** What `mergeSummaries` must find on every summary before it trusts the figures. */
const summaryHeadSchema = z.looseObject({
  asOf: dateSchema,
  policy: z.string().check(z.minLength(1)),
  scopes: z.array(z.string()),
  cases: z.number().check(z.int(), z.gte(0)),
});

/** Whether two scope entries (`530602`, `*`, `530602@2024-03`) can hold the same case. */
function scopesOverlap(a: string, b: string): boolean {
  const [pa = '', sa] = a.split('@');
  const [pb = '', sb] = b.split('@');
  if (sa !== undefined && sb !== undefined && sa !== sb) return false;
  return pa === '*' || pb === '*' || within(pa, pb) || within(pb, pa);
}

function within(code: string, scope: string): boolean {
  return code.startsWith(scope) && (code.length === scope.length || !scope.includes('-') || code[scope.length] === '-');
}

/** A scope as given (short or padded), in its short form; a `SchemaError` if it is not a code. */
function scopeCode(scope: string): string {
  const code = typeof scope === 'string' && isDivisionCode(scope) ? normalizeCode(scope) : scope;
  return parseRecord(z.strictObject({ scope: placeCodeSchema }), { scope: code }, 'summary-options').scope;
}

const fingerprints = new WeakMap<CompiledPolicy, string>();
/** The policy's name and a hash of its content, so that two policies of one name still differ. */
function fingerprint(policy: CompiledPolicy): string {
  let f = fingerprints.get(policy);
  if (f === undefined) {
    // FNV-1a over the canonical JSON (keys sorted): a label, not a security measure.
    const text = canonical(policy.policy);
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    // Decimal digits: the fingerprint appears in messages, which carry no Latin letters of ours.
    fingerprints.set(policy, (f = `${policy.policy.name}#${String(h).padStart(10, '0')}`));
  }
  return f;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function emptySummary(asOf: string, policy: string, scopes: string[]): CaseSummary {
  return {
    asOf,
    policy,
    scopes,
    cases: 0,
    byStatus: zeros(CASE_STATUSES),
    byCategory: {},
    bySeverity: zeros(SEVERITIES),
    byLevel: zeros(CASE_LEVELS),
    accepted: 0,
    resolved: 0,
    resolutionRate: null,
    concluded: 0,
    concludedOnTime: 0,
    onTimeRate: null,
    overdue: 0,
    resolvedByLevel: zeros(CASE_LEVELS),
    resolutionLevelShares: Object.fromEntries(CASE_LEVELS.map((l) => [l, null])) as Record<CaseLevel, number | null>,
    daysToResolve: {},
    medianDaysToResolve: null,
    byGrid: {},
  };
}

function finish(s: CaseSummary): CaseSummary {
  s.resolutionRate = s.accepted === 0 ? null : s.resolved / s.accepted;
  s.onTimeRate = s.concluded === 0 ? null : s.concludedOnTime / s.concluded;
  for (const l of CASE_LEVELS) s.resolutionLevelShares[l] = s.resolved === 0 ? null : s.resolvedByLevel[l] / s.resolved;
  s.medianDaysToResolve = median(s.daysToResolve);
  return s;
}

function median(histogram: Record<string, number>): number | null {
  const entries = Object.entries(histogram)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((t, [, v]) => t + v, 0);
  if (n === 0) return null;
  const lo = Math.floor((n - 1) / 2);
  const hi = Math.floor(n / 2);
  let seen = 0;
  let a: number | null = null;
  for (const [day, count] of entries) {
    if (a === null && seen + count > lo) a = day;
    if (seen + count > hi) return (a! + day) / 2;
    seen += count;
  }
  return a;
}

function gridOf(place: string): string {
  const first = place.indexOf('-');
  if (first < 0) return place;
  const second = place.indexOf('-', first + 1);
  return second < 0 ? place : place.slice(0, second);
}

function sortedRecord<V>(m: Map<string, V>): Record<string, V> {
  const keys = [...m.keys()].sort();
  const out: Record<string, V> = {};
  for (const k of keys) out[k] = m.get(k)!;
  return out;
}
