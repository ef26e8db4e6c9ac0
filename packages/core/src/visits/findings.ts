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
 * The findings for one cadre: `visits` are the positions of the cadre's visits in the year
 * (to known villages), `pairedVisits` how many of them count for their village pairings.
 * @internal
 */
export function cadreFindings(
  roster: Roster,
  cadre: number,
  where: string,
  visits: ArrayLike<number>,
  pairedVisits: number,
  lastDay: number,
  t: FindingThresholds,
): Violation[] {
  const h = roster.hierarchy;
  const V = roster.visitColumns();
  const out: Violation[] = [];
  const divisions = [where];
  const cadres = [roster.cadreId(cadre)];
  const n = visits.length;
  if (pairedVisits === 0) out.push({ code: 'nominal.no-visits', severity: 'warning', rule: 'findings', divisions, cadres, details: { visits: n } });
  if (n === 0) return out;
  const empty: number[] = [];
  const brief: number[] = [];
  const lateFrom = lastDay - t.crammedWeeks * 7 + 1;
  let late = 0;
  for (let k = 0; k < n; k++) {
    const v = visits[k]!;
    if (V.activities[v] === 0 && V.households[v] === 0) empty.push(v);
    if (V.minutes[v]! < t.minMinutes) brief.push(v);
    if (V.day[v]! >= lateFrom) late++;
  }
  const ids = (vs: number[]) => vs.slice(0, EVIDENCE).map((v) => roster.visitId(v)).join(' ');
  if (empty.length > 0 && empty.length >= t.shortShare * n)
    out.push({ code: 'nominal.empty-visits', severity: 'warning', rule: 'findings.shortShare', divisions, cadres, details: { count: empty.length, visits: n, evidence: ids(empty) } });
  if (brief.length > 0 && brief.length >= t.shortShare * n)
    out.push({ code: 'commute.short-visits', severity: 'warning', rule: 'findings.minMinutes', divisions, cadres, details: { count: brief.length, visits: n, minMinutes: t.minMinutes, evidence: ids(brief) } });
  if (n >= 2 && late === n) out.push({ code: 'commute.crammed', severity: 'warning', rule: 'findings.crammedWeeks', divisions, cadres, details: { visits: n, weeks: t.crammedWeeks, since: isoDate(lateFrom) } });
  // Two villages in different counties on one day: the ledger says more than a day can hold.
  const countyOf = (row: number) => {
    let a = row;
    while (a >= 0 && h.levelAt(a) > LEVEL_COUNTY) a = h.parentIndex(a);
    return a;
  };
  const byDay = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const v = visits[k]!;
    const seen = byDay.get(V.day[v]!);
    if (seen === undefined) byDay.set(V.day[v]!, v);
    else if (countyOf(V.village[seen]!) !== countyOf(V.village[v]!)) {
      out.push({
        code: 'commute.same-day-distant',
        severity: 'warning',
        rule: 'findings.sameDayKm',
        divisions,
        cadres,
        details: { date: isoDate(V.day[v]!), first: h.codeAt(V.village[seen]!), second: h.codeAt(V.village[v]!), evidence: ids([seen, v]) },
      });
      break;
    }
  }
  return out;
}
