/**
 * The coverage and compliance check of 包掛聯 over a scope and a year: who is paired with
 * what, whether every village has its cadres and every county and township its lead, and
 * whether each paired cadre made the visits the policy asks for.
 *
 * Every fact is attributed to exactly one division (a village pairing to its village, a lead
 * to the unit it leads, a cadre to the village they pair with), so the report of a prefecture
 * is exactly the merge of its counties' reports: large scopes can be computed in parts.
 */
import { GualianError } from '../errors/index.js';
import { dayNumber, isoDate, quarterOf, yearRange } from '../time/days.js';
import { compareCodes } from '../hierarchy/codes.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { findNominalAndCommute } from '../visits/findings.js';
import type { Roster } from './roster.js';
import { CADRE_RANKS, pairingPolicySchema, type PairingPolicy, type PairingPolicyInput } from './schema.js';
import { compareViolations, type Severity, type Violation, type ViolationCode } from './violations.js';

/** Counts of a scope or of one county or township. All are sums, so reports merge by adding. */
export interface CoverageTotals {
  villages: number;
  /** Villages with at least the policy's number of paired cadres. */
  villagesCovered: number;
  /** Villages with some paired cadres, but fewer than the policy asks. */
  villagesShort: number;
  /** Villages with no paired cadre. */
  villagesUncovered: number;
  townships: number;
  townshipsLed: number;
  counties: number;
  countiesLed: number;
  /** Cadres attributed here (by the village they pair with, else the unit they lead, else their home). */
  cadres: number;
  /** Village pairings active in the year. */
  villagePairings: number;
  /** County and township leads active in the year. */
  leads: number;
  /** Visits in the year made by paired cadres to their paired villages. */
  visits: number;
  /** Village pairings whose visits reach the required number. */
  pairingsCompliant: number;
  /** Village pairings short of visits. */
  pairingsShort: number;
  /** Visits missing in all, against the required numbers. */
  visitShortfall: number;
  errors: number;
  warnings: number;
}

/** The totals of one county or township in a report. */
export interface DivisionTotals {
  code: string;
  name: string;
  level: 'county' | 'township';
  totals: CoverageTotals;
}

/** The result of {@link checkPairing}. */
export interface CoverageReport {
  /** The scopes the report covers (one code, or several after a merge). */
  scopes: string[];
  year: number;
  policy: string;
  totals: CoverageTotals;
  /** Every county and township in the scope, in code order, for drill-down. */
  divisions: DivisionTotals[];
  /** Every violation, in division order. */
  violations: Violation[];
}

/** Options of {@link checkPairing}. */
export interface CheckOptions {
  year: number;
  /** A division code; the whole hierarchy when absent. */
  scope?: string;
  /** The policy (Zhaotong's by default); missing fields take Zhaotong's values. */
  policy?: PairingPolicyInput | PairingPolicy;
  /** Whether to run the nominal and commute-style findings (default true). */
  findings?: boolean;
}

const ROLE_VILLAGE = 2;
const ROLE_COUNTY = 0;
const ROLE_TOWNSHIP = 1;
const LEVEL_COUNTY = 2;
const LEVEL_TOWNSHIP = 3;
const LEVEL_VILLAGE = 4;

/** All-zero totals. */
export function emptyTotals(): CoverageTotals {
  return {
    villages: 0,
    villagesCovered: 0,
    villagesShort: 0,
    villagesUncovered: 0,
    townships: 0,
    townshipsLed: 0,
    counties: 0,
    countiesLed: 0,
    cadres: 0,
    villagePairings: 0,
    leads: 0,
    visits: 0,
    pairingsCompliant: 0,
    pairingsShort: 0,
    visitShortfall: 0,
    errors: 0,
    warnings: 0,
  };
}

/**
 * Check coverage and visit compliance over a scope and a year.
 * @example
 * const roster = Roster.from(zhaotong, { cadres, pairings, visits });
 * const report = checkPairing(roster, { year: 2024, scope: '530627' });
 * report.totals.villagesUncovered; // 0 when 镇雄县 is fully covered
 * report.violations.filter((v) => v.severity === 'error').length;
 */
export function checkPairing(roster: Roster, options: CheckOptions): CoverageReport {
  const policy = pairingPolicySchema.parse(options.policy ?? {});
  const h = roster.hierarchy;
  const scope = options.scope ?? null;
  const lo = scope === null ? 0 : h.indexOf(scope);
  if (lo < 0) throw new GualianError('hierarchy.unknown', { value: String(scope) });
  const hi = scope === null ? h.size : h.subtreeEnd(lo);
  const inScope = (row: number) => row >= lo && row < hi;
  const [y0, y1] = yearRange(options.year);
  const c0 = Math.max(y0, dayNumber(policy.campaign.from));
  const c1 = Math.min(y1, dayNumber(policy.campaign.to));
  const violations: Violation[] = [];
  const add = (code: ViolationCode, severity: Severity, rule: string, divisions: string[], cadres: string[], details: Record<string, string | number> = {}) =>
    violations.push({ code, severity, rule, divisions, cadres, details });

  const P = roster.pairingColumns();
  const nC = roster.cadreCount;
  const cadreId = (c: number) => roster.cadres[c]!.id;
  const pairingCode = (p: number) => roster.pairings[p]?.code ?? (P.target[p]! >= 0 ? h.codeAt(P.target[p]!) : '?');
  const ledLevel = (rank: number): number => {
    const l = policy.leads[CADRE_RANKS[rank] as 'prefectural' | 'divisional'];
    return l === 'county' ? LEVEL_COUNTY : l === 'township' ? LEVEL_TOWNSHIP : -1;
  };

  // Pass 1 over every pairing (not only the scope's): each cadre's attribution row, so that a
  // cadre is counted in exactly one scope whatever scope is asked.
  const active = new Uint8Array(P.cadre.length);
  const cadreVillage = new Int32Array(nC).fill(-1);
  const cadreLead = new Int32Array(nC).fill(-1);
  const cadreVillages = new Int32Array(nC);
  const cadreLeads = new Int32Array(nC);
  // Pairings of each cadre in CSR form, to find the pairing a visit belongs to.
  const firstOf = new Int32Array(nC + 1);
  for (let p = 0; p < P.cadre.length; p++) {
    const c = P.cadre[p]!;
    const t = P.target[p]!;
    if (c < 0 || t < 0 || P.from[p]! > P.to[p]!) continue;
    if (P.from[p]! > c1 || P.to[p]! < c0) continue;
    active[p] = 1;
    firstOf[c + 1]!++;
    if (P.role[p] === ROLE_VILLAGE) {
      cadreVillages[c]!++;
      if (cadreVillage[c]! < 0 || t < cadreVillage[c]!) cadreVillage[c] = t;
    } else {
      cadreLeads[c]!++;
      if (cadreLead[c]! < 0 || t < cadreLead[c]!) cadreLead[c] = t;
    }
  }
  for (let c = 0; c < nC; c++) firstOf[c + 1]! += firstOf[c]!;
  const byCadre = new Int32Array(firstOf[nC]!);
  const fill = firstOf.slice(0, nC);
  for (let p = 0; p < P.cadre.length; p++) if (active[p]) byCadre[fill[P.cadre[p]!]!++] = p;
  const attribution = (c: number) => (cadreVillage[c]! >= 0 ? cadreVillage[c]! : cadreLead[c]! >= 0 ? cadreLead[c]! : roster.cadreHome[c]!);

  // Per-row counts, over the scope's rows only.
  const size = hi - lo;
  const villageCadres = new Int32Array(size);
  const leadsOf = new Int32Array(size);
  const cadresAt = new Int32Array(size);

  for (let p = 0; p < P.cadre.length; p++) {
    const t = P.target[p]!;
    const c = P.cadre[p]!;
    const code = pairingCode(p);
    if (t < 0) {
      const near = nearestKnown(h, code);
      if (near >= 0 && inScope(near)) add('pairing.unknown-division', 'error', 'data', [code], c >= 0 ? [cadreId(c)] : [roster.pairings[p]?.cadreId ?? '?'], { pairing: p });
      continue;
    }
    if (!inScope(t)) continue;
    if (c < 0) {
      add('pairing.unknown-cadre', 'error', 'data', [code], [roster.pairings[p]?.cadreId ?? '?'], { pairing: p });
      continue;
    }
    if (P.from[p]! > P.to[p]!) {
      add('pairing.bad-period', 'error', 'data', [code], [cadreId(c)], { pairing: p, from: roster.pairings[p]?.from ?? '', to: roster.pairings[p]?.to ?? '' });
      continue;
    }
    if (!active[p]) {
      // Valid some other year, or never within the campaign: only the latter is a problem.
      if (P.from[p]! > dayNumber(policy.campaign.to) || P.to[p]! < dayNumber(policy.campaign.from)) add('pairing.outside-campaign', 'warning', 'campaign', [code], [cadreId(c)], { pairing: p });
      continue;
    }
    const level = h.levelAt(t);
    const role = P.role[p]!;
    if (role === ROLE_VILLAGE) {
      if (level !== LEVEL_VILLAGE) {
        add('pairing.wrong-level', 'error', 'minCadresPerVillage', [code], [cadreId(c)], { pairing: p, level: h.at(t).level });
        continue;
      }
      villageCadres[t - lo]!++;
    } else {
      const wanted = role === ROLE_COUNTY ? LEVEL_COUNTY : LEVEL_TOWNSHIP;
      if (level !== wanted) {
        add('lead.wrong-level', 'error', 'leads', [code], [cadreId(c)], { pairing: p, level: h.at(t).level });
        continue;
      }
      if (ledLevel(roster.cadreRank[c]!) !== wanted) add('lead.wrong-rank', 'warning', 'leads', [code], [cadreId(c)], { pairing: p, rank: CADRE_RANKS[roster.cadreRank[c]!]! });
      leadsOf[t - lo]!++;
    }
  }

  // Cadres attributed to the scope.
  for (let c = 0; c < nC; c++) {
    const at = attribution(c);
    if (at < 0 || !inScope(at)) continue;
    cadresAt[at - lo]!++;
    const where = h.codeAt(at);
    const id = cadreId(c);
    const rank = roster.cadreRank[c]!;
    const leads = ledLevel(rank) >= 0;
    const wantsVillage = !leads || policy.leadersPairVillage;
    if (cadreVillages[c] === 0 && cadreLeads[c] === 0) add('cadre.unpaired', 'error', 'villagesPerCadre', [where], [id]);
    else if (wantsVillage && cadreVillages[c]! < policy.villagesPerCadre) add('cadre.no-village', 'error', 'villagesPerCadre', [where], [id], { count: cadreVillages[c]!, required: policy.villagesPerCadre });
    if (cadreVillages[c]! > policy.villagesPerCadre) add('cadre.too-many-villages', 'error', 'villagesPerCadre', [where], [id], { count: cadreVillages[c]!, allowed: policy.villagesPerCadre });
    if (leads && cadreLeads[c] === 0) add('cadre.no-lead', 'error', 'leads', [where], [id], { rank: CADRE_RANKS[rank]! });
    if (cadreLeads[c]! > 1) add('cadre.too-many-leads', 'error', 'leads', [where], [id], { count: cadreLeads[c]! });
  }
  for (const id of new Set(roster.duplicateCadres)) {
    const c = roster.cadreIndex(id);
    const at = attribution(c);
    if (at >= 0 && inScope(at)) add('cadre.duplicate', 'warning', 'data', [h.codeAt(at)], [id]);
  }

  // Visits: counted against the pairing they belong to.
  const V = roster.visitColumns();
  const visitsOf = new Int32Array(P.cadre.length);
  const quartersOf = new Uint8Array(P.cadre.length);
  for (let v = 0; v < V.cadre.length; v++) {
    const t = V.village[v]!;
    const day = V.day[v]!;
    if (day < y0 || day > y1) continue;
    const c = V.cadre[v]!;
    if (t < 0 || c < 0) {
      const at = t >= 0 ? t : c >= 0 ? attribution(c) : -1;
      if (at >= 0 && inScope(at)) add(t < 0 ? 'visit.unknown-village' : 'visit.unknown-cadre', 'error', 'data', [h.codeAt(at)], c >= 0 ? [cadreId(c)] : [], { visit: roster.visitId(v) });
      continue;
    }
    if (!inScope(t)) continue;
    let pairing = -1;
    let anyPeriod = false;
    for (let k = firstOf[c]!; k < firstOf[c + 1]!; k++) {
      const p = byCadre[k]!;
      if (P.target[p] !== t || P.role[p] !== ROLE_VILLAGE) continue;
      anyPeriod = true;
      if (day >= P.from[p]! && day <= P.to[p]!) pairing = p;
    }
    if (pairing < 0) {
      add(anyPeriod ? 'visit.outside-pairing' : 'visit.unpaired-village', 'warning', 'minVisitsPerYear', [h.codeAt(t)], [cadreId(c)], { visit: roster.visitId(v), date: isoDate(day) });
      continue;
    }
    visitsOf[pairing]!++;
    quartersOf[pairing]! |= 1 << quarterOf(day);
  }
  for (const id of new Set(roster.duplicateVisitIds())) {
    const v = roster.visitColumns();
    const i = roster.visitIndex(id);
    const t = v.village[i]!;
    if (t >= 0 && inScope(t)) add('visit.duplicate', 'warning', 'data', [h.codeAt(t)], v.cadre[i]! >= 0 ? [cadreId(v.cadre[i]!)] : [], { visit: id });
  }

  // Compliance per active village pairing in scope, with the requirement prorated when the
  // pairing (or the campaign) covers only part of the year.
  const compliant = new Int32Array(size);
  const short = new Int32Array(size);
  const shortfall = new Int32Array(size);
  const visitsAt = new Int32Array(size);
  const pairingsAt = new Int32Array(size);
  const yearDays = y1 - y0 + 1;
  for (let p = 0; p < P.cadre.length; p++) {
    const t = P.target[p]!;
    if (!active[p] || P.role[p] !== ROLE_VILLAGE || !inScope(t) || h.levelAt(t) !== LEVEL_VILLAGE) continue;
    const from = Math.max(P.from[p]!, c0);
    const to = Math.min(P.to[p]!, c1);
    const span = to - from + 1;
    // Rounded to the nearest visit: half a year of a four-a-year rule asks for two.
    const required = span >= yearDays ? policy.minVisitsPerYear : Math.round((policy.minVisitsPerYear * span) / yearDays);
    const made = visitsOf[p]!;
    pairingsAt[t - lo]!++;
    visitsAt[t - lo]! += made;
    if (made >= required) compliant[t - lo]!++;
    else {
      short[t - lo]!++;
      shortfall[t - lo]! += required - made;
      add('visits.short', 'error', 'minVisitsPerYear', [h.codeAt(t)], [cadreId(P.cadre[p]!)], { made, required, shortfall: required - made, pairing: p });
    }
    if (policy.visitEveryQuarter) {
      const missing: number[] = [];
      for (let q = quarterOf(from); q <= quarterOf(to); q++) if (!(quartersOf[p]! & (1 << q))) missing.push(q + 1);
      if (missing.length > 0) add('visits.quarter-missing', 'error', 'visitEveryQuarter', [h.codeAt(t)], [cadreId(P.cadre[p]!)], { quarters: missing.map((q) => `Q${q}`).join(' '), pairing: p });
    }
  }

  if (options.findings !== false) violations.push(...findNominalAndCommute(roster, { lo, hi, y0, y1, policy, visitsOf, active, attribution }));

  // Division rules, then the roll-up of every row's facts into its township and county: each
  // row adds into its nearest county- or township-level ancestor, and those into theirs in
  // reverse pre-order, in flat typed arrays rather than an object per row.
  const slot = new Int32Array(size).fill(-1);
  const slotRows: number[] = [];
  for (let row = lo; row < hi; row++) {
    const l = h.levelAt(row);
    if (l === LEVEL_COUNTY || l === LEVEL_TOWNSHIP) {
      slot[row - lo] = slotRows.length;
      slotRows.push(row);
    }
  }
  const agg = new Int32Array((slotRows.length + 1) * F);
  const whole = slotRows.length; // the last slot: the scope's totals
  const holder = (row: number): number => {
    for (let a = row; a >= lo; a = h.parentIndex(a)) if (slot[a - lo]! >= 0) return slot[a - lo]!;
    return whole;
  };
  const bump = (s: number, f: number, n: number) => {
    agg[s * F + f]! += n;
  };
  for (let row = lo; row < hi; row++) {
    const level = h.levelAt(row);
    const k = row - lo;
    if (level === LEVEL_VILLAGE) {
      const s = holder(row);
      const n = villageCadres[k]!;
      bump(s, Fi.villages, 1);
      if (n >= policy.minCadresPerVillage) bump(s, Fi.villagesCovered, 1);
      else if (n > 0) {
        bump(s, Fi.villagesShort, 1);
        add('village.short', 'error', 'minCadresPerVillage', [h.codeAt(row)], [], { count: n, required: policy.minCadresPerVillage });
      } else {
        bump(s, Fi.villagesUncovered, 1);
        add('village.uncovered', 'error', 'minCadresPerVillage', [h.codeAt(row)], [], { required: policy.minCadresPerVillage });
      }
      bump(s, Fi.villagePairings, pairingsAt[k]!);
      bump(s, Fi.visits, visitsAt[k]!);
      bump(s, Fi.pairingsCompliant, compliant[k]!);
      bump(s, Fi.pairingsShort, short[k]!);
      bump(s, Fi.visitShortfall, shortfall[k]!);
    } else if (level === LEVEL_TOWNSHIP || level === LEVEL_COUNTY) {
      const s = slot[k]!;
      const led = leadsOf[k]!;
      const county = level === LEVEL_COUNTY;
      bump(s, county ? Fi.counties : Fi.townships, 1);
      if (led > 0) bump(s, county ? Fi.countiesLed : Fi.townshipsLed, 1);
      const code = h.codeAt(row);
      if (led === 0 && (county ? policy.everyCountyLed : policy.everyTownshipLed)) add(county ? 'county.no-lead' : 'township.no-lead', 'error', county ? 'everyCountyLed' : 'everyTownshipLed', [code], []);
      if (led > 1) add(county ? 'county.many-leads' : 'township.many-leads', 'warning', 'leads', [code], [], { count: led });
    }
    if (leadsOf[k]! > 0) bump(holder(row), Fi.leads, leadsOf[k]!);
    if (cadresAt[k]! > 0) bump(holder(row), Fi.cadres, cadresAt[k]!);
  }
  // Violations count where they are attributed.
  for (const v of violations) {
    if (v.severity === 'info') continue;
    const row = h.indexOf(v.divisions[0] ?? '');
    const at = row >= 0 ? row : nearestKnown(h, v.divisions[0] ?? '');
    bump(at >= lo && at < hi ? holder(at) : whole, v.severity === 'error' ? Fi.errors : Fi.warnings, 1);
  }
  for (let s = slotRows.length - 1; s >= 0; s--) {
    const parent = h.parentIndex(slotRows[s]!);
    const up = parent >= lo ? holder(parent) : whole;
    for (let f = 0; f < F; f++) agg[up * F + f]! += agg[s * F + f]!;
  }
  const divisions: DivisionTotals[] = slotRows.map((row, s) => ({
    code: h.codeAt(row),
    name: h.nameAt(row),
    level: h.levelAt(row) === LEVEL_COUNTY ? 'county' : 'township',
    totals: totalsFrom(agg, s),
  }));
  violations.sort(compareViolations);
  return { scopes: [scope ?? ''], year: options.year, policy: policy.name, totals: totalsFrom(agg, whole), divisions, violations };
}

const FIELDS = Object.keys(emptyTotals()) as Array<keyof CoverageTotals>;
const F = FIELDS.length;
const Fi = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<keyof CoverageTotals, number>;

function totalsFrom(agg: Int32Array, s: number): CoverageTotals {
  const t = emptyTotals();
  for (let f = 0; f < F; f++) t[FIELDS[f]!] = agg[s * F + f]!;
  return t;
}

/**
 * Merge reports of disjoint scopes for the same year and policy: totals add up, the division
 * lists and violations interleave in code order. The merge of a prefecture's counties equals
 * the prefecture's own report.
 * @example
 * const parts = zhaotong.childrenOf('5306').map((c) => checkPairing(roster, { year: 2024, scope: c.code }));
 * const whole = mergeReports(parts); // deep-equal to checkPairing(roster, { year: 2024, scope: '5306' }) but for `scopes`
 */
export function mergeReports(reports: readonly CoverageReport[]): CoverageReport {
  if (reports.length === 0) throw new GualianError('hierarchy.unknown', { value: '(no reports)' });
  const first = reports[0]!;
  const totals = emptyTotals();
  const byCode = new Map<string, DivisionTotals>();
  const violations: Violation[] = [];
  for (const r of reports) {
    addTotals(totals, r.totals);
    for (const d of r.divisions) {
      const seen = byCode.get(d.code);
      if (seen) addTotals(seen.totals, d.totals);
      else byCode.set(d.code, { ...d, totals: { ...d.totals } });
    }
    violations.push(...r.violations);
  }
  const divisions = [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code));
  violations.sort(compareViolations);
  return { scopes: reports.flatMap((r) => r.scopes), year: first.year, policy: first.policy, totals, divisions, violations };
}

function addTotals(into: CoverageTotals, from: CoverageTotals): void {
  for (const k of Object.keys(from) as Array<keyof CoverageTotals>) into[k] += from[k];
}

/** The nearest division of the hierarchy that a (possibly unknown) code lies under, or -1. */
function nearestKnown(h: Hierarchy, code: string): number {
  const digits = code.replace(/-.*$/, '');
  for (const len of [12, 9, 6, 4, 2]) {
    if (digits.length < len) continue;
    const i = h.indexOf(digits.slice(0, len));
    if (i >= 0) return i;
  }
  return -1;
}

