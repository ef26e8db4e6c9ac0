/**
 * Where cases were resolved, over time: resolved cases bucketed by the month or quarter of their
 * resolution, each bucket a mergeable summary (so its counts and shares are the summary's own),
 * and the whole period as the merge of the buckets. The two measures of 小事不出村、大事不出镇
 * are read from the merged shares.
 */
import { isoDate } from '../time/days.js';
import type { CaseState } from './lifecycle.js';
import type { DisputePolicy, DisputePolicyInput } from './policy.js';
import type { Severity } from './schema.js';
import { mergeSummaries, summariseCases, type CaseSummary } from './stats.js';

/** How resolutions are bucketed: by calendar month (`2024-03`) or quarter (`2024-Q1`). */
export type ResolutionInterval = 'month' | 'quarter';

/** Options of {@link resolutionLevelsOverTime}. */
export interface ResolutionLevelOptions {
  /** Month (default) or quarter. */
  interval?: ResolutionInterval;
  /** Only cases placed within this division code. */
  scope?: string;
  /** Only cases of this category. */
  category?: string;
  /** Only cases of this severity. */
  severity?: Severity;
  /** The day the summaries describe (default: the day of the latest event of any case). */
  asOf?: string;
  policy?: DisputePolicyInput | DisputePolicy;
}

/** The resolved cases of one month or quarter. */
export interface ResolutionPeriod {
  /** `2024-03` or `2024-Q1`: the period the cases were resolved in. */
  period: string;
  /** The summary of the cases resolved in it: `resolved`, `resolvedByLevel` and `resolutionLevelShares` are the figures. */
  summary: CaseSummary;
}

/** What {@link resolutionLevelsOverTime} returns. */
export interface ResolutionLevels {
  interval: ResolutionInterval;
  /** The periods with at least one resolution, in order. */
  periods: ResolutionPeriod[];
  /** The merge of the periods' summaries: the whole span, or `null` without a resolved case. */
  whole: CaseSummary | null;
  /** 小事不出村: the share of resolved cases resolved at village level, or `null`. */
  village: number | null;
  /** 大事不出镇: the share resolved at village or township level, or `null`. */
  townshipOrBelow: number | null;
}

/**
 * The period (`2024-03` or `2024-Q1`) a day number falls in.
 * @example
 * resolutionPeriod(dayNumber('2024-05-20'), 'quarter'); // '2024-Q2'
 */
export function resolutionPeriod(day: number, interval: ResolutionInterval): string {
  const month = isoDate(day).slice(0, 7);
  if (interval === 'month') return month;
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Resolved cases by the month (or quarter) they were resolved in, with the shares resolved at
 * each level per period and over the whole span: 小事不出村 (`village`) and 大事不出镇
 * (`townshipOrBelow`).
 * @throws {SchemaError} when `asOf` is not a real date or time, or `scope` not a division code.
 * @example
 * const { periods, village, townshipOrBelow } = resolutionLevelsOverTime(states.values(), { scope: '530627', interval: 'quarter' });
 * periods.map((p) => [p.period, p.summary.resolutionLevelShares.village]); // [['2024-Q1', 0.81], …]
 */
export function resolutionLevelsOverTime(states: Iterable<CaseState>, options: ResolutionLevelOptions = {}): ResolutionLevels {
  const interval = options.interval ?? 'month';
  // Checked before anything is bucketed: a bad day or scope is refused even when nothing is resolved.
  if (options.asOf !== undefined || options.scope !== undefined) summariseCases([], { asOf: options.asOf ?? '2000-01-01', ...(options.scope !== undefined ? { scope: options.scope } : {}), ...(options.policy !== undefined ? { policy: options.policy } : {}) });
  const buckets = new Map<string, CaseState[]>();
  let latest = '';
  let latestMs = -Infinity;
  for (const c of states) {
    const ms = Date.parse(c.lastAt);
    if (ms > latestMs) (latestMs = ms), (latest = c.lastAt);
    if (!c.resolution) continue;
    if (options.category !== undefined && c.facts.category !== options.category) continue;
    if (options.severity !== undefined && c.facts.severity !== options.severity) continue;
    const key = resolutionPeriod(c.resolution.day, interval);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = []));
    bucket.push(c);
  }
  const asOf = options.asOf ?? (latest === '' ? undefined : latest);
  if (asOf === undefined) return { interval, periods: [], whole: null, village: null, townshipOrBelow: null };
  const summaryOptions = { asOf, ...(options.scope !== undefined ? { scope: options.scope } : {}), ...(options.policy !== undefined ? { policy: options.policy } : {}) };
  const periods = [...buckets.keys()]
    .sort()
    .map((period) => ({ period, summary: summariseCases(buckets.get(period)!, { ...summaryOptions, slice: period }) }))
    .filter((p) => p.summary.resolved > 0);
  const whole = periods.length === 0 ? null : mergeSummaries(periods[0]!.summary, ...periods.slice(1).map((p) => p.summary));
  // A merged summary with resolved cases has every share (resolvedByLevel / resolved).
  const shares = whole === null ? null : whole.resolutionLevelShares;
  return { interval, periods, whole, village: shares && shares.village, townshipOrBelow: shares && shares.village! + shares.township! };
}
