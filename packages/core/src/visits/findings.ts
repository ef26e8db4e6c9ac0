/**
 * Findings of nominal (挂名: name only, no work) and commute-style (走读式: in and out, nothing
 * done) pairing, read from one cadre's visit records for a year. Each finding names the cadre,
 * the evidence (visit ids, dates, counts) and the threshold it crossed, so an inspection team
 * can follow it up.
 *
 * Every finding is one pass over the cadre's visits (linear in their number): a ledger of
 * 100,000 visits by one cadre is read as fast per visit as the national roster's four to six.
 */
import { isoDate } from '../time/days.js';
import type { Roster } from '../pairing/roster.js';
import type { FindingThresholds } from '../pairing/schema.js';
import type { Violation } from '../pairing/violations.js';

const LEVEL_COUNTY = 2;
/** At most this many visit ids are listed as evidence in one finding. */
const EVIDENCE = 8;
/** The recorded day of a visit that carries no `recordedAt` (old data). */
export const NOT_RECORDED = -0x80000000;

/**
 * Work done by {@link cadreFindings}, for tests that prove it linear: visits read and visits
 * compared with another visit of the same day.
 * @internal
 */
export const findingWork = { visits: 0, sameDayProbes: 0 };

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
  findingWork.visits += n;
  // Counts first, with no allocation: most cadres have nothing to report, and there are
  // 1.86 million of them in the national check.
  const lateFrom = lastDay - t.crammedWeeks * 7 + 1;
  const maxMinutes = t.maxMinutesPerVisit;
  const maxHouseholds = t.maxHouseholdsPerVisit;
  const maxDelay = t.maxRecordDelayDays;
  const recorded = V.recorded;
  let empty = 0;
  let brief = 0;
  let late = 0;
  let implausible = 0;
  let backfilled = 0;
  // Two visits on one day in different counties need two counties: the usual cadre visits one
  // village, so the day-by-day look below is made only for a cadre seen in more than one county.
  const firstVillage = V.village[all[from]!]!;
  let manyVillages = false;
  for (let k = 0; k < n; k++) {
    const v = all[from + k]!;
    const minutes = V.minutes[v]!;
    const households = V.households[v]!;
    if (V.activities[v] === 0 && households === 0) empty++;
    if (minutes < t.minMinutes) brief++;
    if (V.day[v]! >= lateFrom) late++;
    if (minutes > maxMinutes || households > maxHouseholds) implausible++;
    const r = recorded[v]!;
    if (r !== NOT_RECORDED && r - V.day[v]! > maxDelay) backfilled++;
    if (V.village[v] !== firstVillage) manyVillages = true;
  }
  const sameDay = manyVillages ? sameDayDistant(h, V, all, from, n) : null;
  const flaggedEmpty = empty > 0 && empty >= t.shortShare * n;
  const flaggedBrief = brief > 0 && brief >= t.shortShare * n;
  const crammed = n >= 2 && late === n;
  if (!flaggedEmpty && !flaggedBrief && !crammed && sameDay === null && implausible === 0 && backfilled === 0) return out;
  const divisions = [where];
  const cadres = [roster.cadreId(cadre)];
  // The evidence: the first few visits that match, in list order (one pass, stops early).
  const pick = (test: (v: number) => boolean) => {
    const found: number[] = [];
    for (let k = 0; k < n && found.length < EVIDENCE; k++) if (test(all[from + k]!)) found.push(all[from + k]!);
    return found;
  };
  const ids = (vs: number[]) => vs.slice(0, EVIDENCE).map((v) => roster.visitId(v)).join(' ');
  if (flaggedEmpty)
    out.push({ code: 'nominal.empty-visits', severity: 'warning', rule: 'findings.shortShare', divisions, cadres, details: { count: empty, visits: n, evidence: ids(pick((v) => V.activities[v] === 0 && V.households[v] === 0)) } });
  if (flaggedBrief)
    out.push({ code: 'commute.short-visits', severity: 'warning', rule: 'findings.minMinutes', divisions, cadres, details: { count: brief, visits: n, minMinutes: t.minMinutes, evidence: ids(pick((v) => V.minutes[v]! < t.minMinutes)) } });
  if (crammed) out.push({ code: 'commute.crammed', severity: 'warning', rule: 'findings.crammedWeeks', divisions, cadres, details: { visits: n, weeks: t.crammedWeeks, since: isoDate(lateFrom) } });
  if (sameDay !== null) {
    const [first, second] = sameDay;
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
  if (implausible > 0)
    out.push({
      code: 'ledger.implausible',
      severity: 'warning',
      rule: 'findings.maxMinutesPerVisit',
      divisions,
      cadres,
      details: { count: implausible, visits: n, maxMinutes, maxHouseholds, evidence: ids(pick((v) => V.minutes[v]! > maxMinutes || V.households[v]! > maxHouseholds)) },
    });
  if (backfilled > 0)
    out.push({
      code: 'ledger.backfilled',
      severity: 'warning',
      rule: 'findings.maxRecordDelayDays',
      divisions,
      cadres,
      details: { count: backfilled, visits: n, days: maxDelay, evidence: ids(pick((v) => recorded[v] !== NOT_RECORDED && recorded[v]! - V.day[v]! > maxDelay)) },
    });
  return out;
}

/**
 * The first visit (in list order) made on the same day as an earlier visit in another county,
 * with the first visit of that day: one pass with the first county seen on each day. Before
 * that visit every visit of its day lay in one county (else an earlier one would have been
 * found), so the pair is the one a comparison of every pair would find first.
 */
function sameDayDistant(h: Roster['hierarchy'], V: ReturnType<Roster['visitColumns']>, all: ArrayLike<number>, from: number, n: number): [number, number] | null {
  const firstOfDay = new Map<number, number>();
  let lastVillage = -1;
  let lastCounty = -1;
  const countyAt = (village: number) => {
    if (village !== lastVillage) {
      lastVillage = village;
      lastCounty = countyOf(h, village);
    }
    return lastCounty;
  };
  const countyOfVisit = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const v = all[from + k]!;
    const day = V.day[v]!;
    const county = countyAt(V.village[v]!);
    const first = firstOfDay.get(day);
    findingWork.sameDayProbes++;
    if (first === undefined) {
      firstOfDay.set(day, v);
      countyOfVisit.set(day, county);
    } else if (countyOfVisit.get(day) !== county) return [first, v];
  }
  return null;
}

/** The county row a row lies in (or the row itself, above county level). */
function countyOf(h: Roster['hierarchy'], row: number): number {
  let a = row;
  while (a >= 0 && h.levelAt(a) > LEVEL_COUNTY) a = h.parentIndex(a);
  return a;
}
