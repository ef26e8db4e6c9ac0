/**
 * Statistics of cases as mergeable summaries: every figure is a count (or a histogram of
 * counts) that adds up, and the rates and the median are recomputed from them, so a county's
 * summary merged with its neighbours' is exactly the summary of them all. The median time to
 * resolve comes from a histogram of whole days, which is exact at day resolution.
 */
import { isoDate } from '../time/days.js';
import { DisputeError } from './errors.js';
import { deadlineRecord, isConcluded } from './deadlines.js';
import { civilDay, type CaseState } from './lifecycle.js';
import { compilePolicy, type DisputePolicy, type DisputePolicyInput } from './policy.js';
import { CASE_LEVELS, CASE_STATUSES, SEVERITIES, type CaseLevel, type CaseStatus, type Severity } from './schema.js';

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
  /** Only cases placed within this division code. */
  scope?: string;
  policy?: DisputePolicyInput | DisputePolicy;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Summarise cases (their states) as they stood on a day.
 * @example
 * const s = summariseCases(states.values(), { asOf: '2024-12-31', scope: '530627' });
 * s.resolutionRate; s.medianDaysToResolve; s.resolutionLevelShares.village;
 */
export function summariseCases(states: Iterable<CaseState>, options: SummaryOptions): CaseSummary {
  const policy = compilePolicy(options.policy);
  const today = options.asOf.length === 10 ? civilDay(`${options.asOf}T12:00:00+08:00`) : civilDay(options.asOf);
  const s = emptySummary(isoDate(today));
  const scope = options.scope;
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
 * into the summary of them all, exactly.
 * @throws {DisputeError} `dispute.summary-mismatch` when they describe different days.
 * @example
 * const city = mergeSummaries(...counties.map((c) => summariseCases(states.values(), { asOf, scope: c })));
 */
export function mergeSummaries(first: CaseSummary, ...rest: CaseSummary[]): CaseSummary {
  const s = emptySummary(first.asOf);
  const byCategory = new Map<string, number>();
  const byGrid = new Map<string, GridCounts>();
  const days = new Map<number, number>();
  for (const x of [first, ...rest]) {
    if (x.asOf !== first.asOf) throw new DisputeError('dispute.summary-mismatch', { first: first.asOf, other: x.asOf });
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

function emptySummary(asOf: string): CaseSummary {
  return {
    asOf,
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
