/**
 * Findings of nominal (挂名: name only, no work) and commute-style (走读式: in and out, nothing
 * done) pairing, read from the visit records. Each finding names the cadre, the evidence (visit
 * ids, dates, counts) and the threshold it crossed, so an inspection team can follow it up.
 */
import { isoDate } from '../time/days.js';
import type { Roster } from '../pairing/roster.js';
import type { PairingPolicy } from '../pairing/schema.js';
import type { Violation } from '../pairing/violations.js';

const LEVEL_COUNTY = 2;
const ROLE_VILLAGE = 2;
/** At most this many visit ids are listed as evidence in one finding. */
const EVIDENCE = 8;

/** What {@link findNominalAndCommute} needs from the check. @internal */
export interface FindingContext {
  lo: number;
  hi: number;
  y0: number;
  y1: number;
  policy: PairingPolicy;
  /** Visits counted per pairing. */
  visitsOf: Int32Array;
  /** Whether each pairing is active in the year. */
  active: Uint8Array;
  attribution: (cadre: number) => number;
}

/**
 * The nominal and commute-style findings of the cadres attributed to a scope, for one year.
 * Called by the pairing check; exported for tools that want the findings alone.
 * @internal
 */
export function findNominalAndCommute(roster: Roster, ctx: FindingContext): Violation[] {
  const h = roster.hierarchy;
  const t = ctx.policy.findings;
  const out: Violation[] = [];
  const P = roster.pairingColumns();
  const V = roster.visitColumns();
  const nC = roster.cadreCount;
  const paired = new Uint8Array(nC);
  const pairedVisits = new Int32Array(nC);
  for (let p = 0; p < P.cadre.length; p++) {
    if (!ctx.active[p] || P.role[p] !== ROLE_VILLAGE) continue;
    paired[P.cadre[p]!] = 1;
    pairedVisits[P.cadre[p]!]! += ctx.visitsOf[p]!;
  }
  // The year's visits of each cadre of the scope, in CSR form.
  const inScope = new Uint8Array(nC);
  for (let c = 0; c < nC; c++) {
    const at = ctx.attribution(c);
    if (paired[c] && at >= ctx.lo && at < ctx.hi) inScope[c] = 1;
  }
  const start = new Int32Array(nC + 1);
  for (let v = 0; v < V.cadre.length; v++) {
    const c = V.cadre[v]!;
    if (c >= 0 && inScope[c] && V.village[v]! >= 0 && V.day[v]! >= ctx.y0 && V.day[v]! <= ctx.y1) start[c + 1]!++;
  }
  for (let c = 0; c < nC; c++) start[c + 1]! += start[c]!;
  const list = new Int32Array(start[nC]!);
  const fill = start.slice(0, nC);
  for (let v = 0; v < V.cadre.length; v++) {
    const c = V.cadre[v]!;
    if (c >= 0 && inScope[c] && V.village[v]! >= 0 && V.day[v]! >= ctx.y0 && V.day[v]! <= ctx.y1) list[fill[c]!++] = v;
  }
  const lateFrom = ctx.y1 - t.crammedWeeks * 7 + 1;
  const countyOf = (row: number) => {
    let a = row;
    while (a >= 0 && h.levelAt(a) > LEVEL_COUNTY) a = h.parentIndex(a);
    return a;
  };
  for (let c = 0; c < nC; c++) {
    if (!inScope[c]) continue;
    const where = [h.codeAt(ctx.attribution(c))];
    const id = [roster.cadres[c]!.id];
    const n = start[c + 1]! - start[c]!;
    if (pairedVisits[c] === 0) {
      out.push({ code: 'nominal.no-visits', severity: 'warning', rule: 'findings', divisions: where, cadres: id, details: { visits: n } });
      if (n === 0) continue;
    }
    const empty: number[] = [];
    const brief: number[] = [];
    let late = 0;
    for (let k = start[c]!; k < start[c + 1]!; k++) {
      const v = list[k]!;
      if (V.activities[v] === 0 && V.households[v] === 0) empty.push(v);
      if (V.minutes[v]! < t.minMinutes) brief.push(v);
      if (V.day[v]! >= lateFrom) late++;
    }
    const ids = (vs: number[]) => vs.slice(0, EVIDENCE).map((v) => roster.visitId(v)).join(' ');
    if (empty.length > 0 && empty.length >= t.shortShare * n)
      out.push({ code: 'nominal.empty-visits', severity: 'warning', rule: 'findings.shortShare', divisions: where, cadres: id, details: { count: empty.length, visits: n, evidence: ids(empty) } });
    if (brief.length > 0 && brief.length >= t.shortShare * n)
      out.push({ code: 'commute.short-visits', severity: 'warning', rule: 'findings.minMinutes', divisions: where, cadres: id, details: { count: brief.length, visits: n, minMinutes: t.minMinutes, evidence: ids(brief) } });
    if (n >= 2 && late === n) out.push({ code: 'commute.crammed', severity: 'warning', rule: 'findings.crammedWeeks', divisions: where, cadres: id, details: { visits: n, weeks: t.crammedWeeks, since: isoDate(lateFrom) } });
    // Two villages in different counties on one day: the ledger says more than a day can hold.
    const days = new Map<number, number>();
    for (let k = start[c]!; k < start[c + 1]!; k++) {
      const v = list[k]!;
      const seen = days.get(V.day[v]!);
      if (seen === undefined) days.set(V.day[v]!, v);
      else if (countyOf(V.village[seen]!) !== countyOf(V.village[v]!)) {
        out.push({
          code: 'commute.same-day-distant',
          severity: 'warning',
          rule: 'findings.sameDayKm',
          divisions: where,
          cadres: id,
          details: { date: isoDate(V.day[v]!), first: h.codeAt(V.village[seen]!), second: h.codeAt(V.village[v]!), evidence: ids([seen, v]) },
        });
        break;
      }
    }
  }
  return out;
}
