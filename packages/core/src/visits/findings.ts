/**
 * Findings of nominal (挂名: name only, no work) and commute-style (走读式: in and out, nothing
 * done) pairing, read from one cadre's visit records for a year. Each finding names the cadre,
 * the evidence (visit ids, dates, counts) and the threshold it crossed, so an inspection team
 * can follow it up.
 */
import { isoDate } from '../time/days.js';
import type { Roster } from '../pairing/roster.js';
import type { FindingThresholds } from '../pairing/schema.js';
import type { Violation } from '../pairing/violations.js';

const LEVEL_COUNTY = 2;
/** At most this many visit ids are listed as evidence in one finding. */
const EVIDENCE = 8;

/**
 * The findings for one cadre: `all` (from `from` to `to`, the whole list by default) are the
 * positions of the cadre's visits in the year (to known villages), `pairedVisits` how many of
 * them count for their village pairings.
 * @internal
 */
export function cadreFindings(
  roster: Roster,
  cadre: number,
  where: string,
  all: ArrayLike<number>,
  pairedVisits: number,
  lastDay: number,
  t: FindingThresholds,
  V: ReturnType<Roster['visitColumns']> = roster.visitColumns(),
  from = 0,
  to = all.length,
): Violation[] {
  const h = roster.hierarchy;
  const out: Violation[] = [];
  const n = to - from;
  // Read through the offset rather than a view per cadre: the national check has 1.86 million.
  if (pairedVisits === 0) out.push({ code: 'nominal.no-visits', severity: 'warning', rule: 'findings', divisions: [where], cadres: [roster.cadreId(cadre)], details: { visits: n } });
  if (n === 0) return out;
  // Counts first, with no allocation: most cadres have nothing to report, and there are
  // 1.86 million of them in the national check.
  const lateFrom = lastDay - t.crammedWeeks * 7 + 1;
  let empty = 0;
  let brief = 0;
  let late = 0;
  let sameDay = -1;
  for (let k = 0; k < n; k++) {
    const v = all[from + k]!;
    if (V.activities[v] === 0 && V.households[v] === 0) empty++;
    if (V.minutes[v]! < t.minMinutes) brief++;
    if (V.day[v]! >= lateFrom) late++;
    // Visits per cadre are few: a pairwise look for the same day beats a map per cadre.
    for (let j = 0; j < k && sameDay < 0; j++) {
      const w = all[from + j]!;
      if (V.day[w] === V.day[v] && countyOf(h, V.village[w]!) !== countyOf(h, V.village[v]!)) sameDay = k * n + j;
    }
  }
  const flaggedEmpty = empty > 0 && empty >= t.shortShare * n;
  const flaggedBrief = brief > 0 && brief >= t.shortShare * n;
  const crammed = n >= 2 && late === n;
  if (!flaggedEmpty && !flaggedBrief && !crammed && sameDay < 0) return out;
  const divisions = [where];
  const cadres = [roster.cadreId(cadre)];
  const pick = (test: (v: number) => boolean) => {
    const out: number[] = [];
    for (let k = 0; k < n; k++) if (test(all[from + k]!)) out.push(all[from + k]!);
    return out;
  };
  const ids = (vs: number[]) => vs.slice(0, EVIDENCE).map((v) => roster.visitId(v)).join(' ');
  if (flaggedEmpty)
    out.push({ code: 'nominal.empty-visits', severity: 'warning', rule: 'findings.shortShare', divisions, cadres, details: { count: empty, visits: n, evidence: ids(pick((v) => V.activities[v] === 0 && V.households[v] === 0)) } });
  if (flaggedBrief)
    out.push({ code: 'commute.short-visits', severity: 'warning', rule: 'findings.minMinutes', divisions, cadres, details: { count: brief, visits: n, minMinutes: t.minMinutes, evidence: ids(pick((v) => V.minutes[v]! < t.minMinutes)) } });
  if (crammed) out.push({ code: 'commute.crammed', severity: 'warning', rule: 'findings.crammedWeeks', divisions, cadres, details: { visits: n, weeks: t.crammedWeeks, since: isoDate(lateFrom) } });
  if (sameDay >= 0) {
    const first = all[from + sameDay % n]!;
    const second = all[from + Math.floor(sameDay / n)]!;
    const a = h.codeAt(V.village[first]!);
    const b = h.codeAt(V.village[second]!);
    out.push({
      code: 'commute.same-day-distant',
      severity: 'warning',
      rule: 'findings.sameDayKm',
      // Attributed to the cadre's village; the two villages of that day are listed after it.
      divisions: [where, a, b],
      cadres,
      details: { date: isoDate(V.day[second]!), first: a, second: b, evidence: ids([first, second]) },
    });
  }
  return out;
}

/** The county row a row lies in (or the row itself, above county level). */
function countyOf(h: Roster['hierarchy'], row: number): number {
  let a = row;
  while (a >= 0 && h.levelAt(a) > LEVEL_COUNTY) a = h.parentIndex(a);
  return a;
}
