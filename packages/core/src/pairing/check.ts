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
import { dayNumber, isoDate, quarterOf, quarterRange, yearRange } from '../time/days.js';
import { compareCodes } from '../hierarchy/codes.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { cadreFindings } from '../visits/findings.js';
import type { Roster } from './roster.js';
import { CADRE_RANKS, pairingPolicySchema, type PairingPolicy, type PairingPolicyInput } from './schema.js';
import { sortViolations, type Severity, type Violation, type ViolationCode } from './violations.js';

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
  return new PairingMonitor(roster, options).report();
}

/**
 * Watch a roster: the check is computed once, then every visit added to the roster updates the
 * counts, compliance and findings it touches, in time independent of the roster's size.
 * @example
 * const monitor = watchPairing(roster, { year: 2024, scope: '5306' });
 * roster.addVisit({ id: 'V9', cadreId: 'C000123', villageCode: '530627100201', date: '2024-05-02', minutes: 120, households: 5, activities: ['law-class'] });
 * monitor.totals().pairingsShort; // one fewer if that visit completed the cadre's four
 * monitor.stop();
 */
export function watchPairing(roster: Roster, options: CheckOptions): PairingMonitor {
  const monitor = new PairingMonitor(roster, options);
  monitor.start();
  return monitor;
}

/**
 * The state of one check (scope, year, policy) over a roster. See {@link checkPairing} and
 * {@link watchPairing}. The work is done by the module's functions over typed arrays; the
 * class holds their state and applies new visits to it.
 */
export class PairingMonitor {
  readonly roster: Roster;
  readonly year: number;
  readonly scope: string | null;
  readonly policy: PairingPolicy;
  readonly #s: CheckState;
  #unsubscribe: (() => void) | null = null;

  constructor(roster: Roster, options: CheckOptions) {
    this.roster = roster;
    this.year = options.year;
    this.scope = options.scope ?? null;
    this.policy = pairingPolicySchema.parse(options.policy ?? {});
    this.#s = runCheck(roster, this.policy, this.scope, options.year, options.findings !== false);
  }

  /** Follow the roster: each visit added updates this check. */
  start(): void {
    this.#unsubscribe ??= this.roster.onVisit((v) => applyVisit(this.#s, v));
  }

  /** Stop following the roster. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** The totals of the scope, or of one county or township in it. */
  totals(code?: string): CoverageTotals {
    const s = this.#s;
    if (code === undefined) return totalsFrom(s.agg, s.slotRows.length);
    const row = s.h.indexOf(code);
    const slot = row >= s.lo && row < s.hi ? s.slot[row - s.lo]! : -1;
    if (slot < 0) throw new GualianError('hierarchy.unknown', { value: code });
    return rolledUp(s, slot);
  }

  /** The full report as it stands. */
  report(): CoverageReport {
    const s = this.#s;
    const h = s.h;
    const divisions: DivisionTotals[] = s.slotRows.map((row, slot) => ({
      code: h.codeAt(row),
      name: h.nameAt(row),
      level: h.levelAt(row) === LEVEL_COUNTY ? 'county' : 'township',
      totals: rolledUp(s, slot),
    }));
    const violations = [...s.structural, ...s.visitIssues, ...s.short.values(), ...s.quarters.values(), ...[...s.findings.values()].flat()];
    sortViolations(violations);
    return { scopes: [this.scope ?? ''], year: this.year, policy: this.policy.name, totals: this.totals(), divisions, violations };
  }
}

/** Everything a check knows, in arrays indexed by pairing, cadre, row or slot. */
interface CheckState {
  roster: Roster;
  h: Hierarchy;
  policy: PairingPolicy;
  findingsOn: boolean;
  lo: number;
  hi: number;
  y0: number;
  y1: number;
  quarterStarts: number[];
  P: ReturnType<Roster['pairingColumns']>;
  V: ReturnType<Roster['visitColumns']>;
  active: Uint8Array;
  firstOf: Int32Array;
  byCadre: Int32Array;
  attribution: Int32Array;
  required: Int32Array;
  visitsOf: Int32Array;
  quartersOf: Uint8Array;
  pairedVisits: Int32Array;
  /** Slot of each scope row (counties and townships), -1 for others; the last slot is the scope's. */
  slot: Int32Array;
  /** The slot each scope row's facts add into: its own, or its nearest county or township's, or the scope's. */
  holder: Int32Array;
  slotRows: number[];
  agg: Int32Array;
  structural: Violation[];
  visitIssues: Violation[];
  short: Map<number, Violation>;
  quarters: Map<number, Violation>;
  findings: Map<number, Violation[]>;
  visitStart: Int32Array;
  visitList: Int32Array;
  laterVisits: Map<number, number[]>;
  /** Whether the first pass is over (visits are then counted one by one). */
  settled: boolean;
}

function runCheck(roster: Roster, policy: PairingPolicy, scope: string | null, year: number, findingsOn: boolean): CheckState {
  const h = roster.hierarchy;
  const lo = scope === null ? 0 : h.indexOf(scope);
  if (lo < 0) throw new GualianError('hierarchy.unknown', { value: String(scope) });
  const hi = scope === null ? h.size : h.subtreeEnd(lo);
  const [y0, y1] = yearRange(year);
  const c0 = Math.max(y0, dayNumber(policy.campaign.from));
  const c1 = Math.min(y1, dayNumber(policy.campaign.to));
  const P = roster.pairingColumns();
  const nP = P.cadre.length;
  const nC = roster.cadreCount;
  const index = indexPairings(P, nC, c0, c1, roster.cadreHome);
  const { slot, slotRows, holder } = slotsOf(h, lo, hi);
  const s: CheckState = {
    roster,
    h,
    policy,
    findingsOn,
    lo,
    hi,
    y0,
    y1,
    quarterStarts: [0, 1, 2, 3].map((q) => quarterRange(year, q)[0]),
    P,
    V: roster.visitColumns(),
    ...index,
    required: requiredVisits(P, index.active, policy, y0, y1, c0, c1),
    visitsOf: new Int32Array(nP),
    quartersOf: new Uint8Array(nP),
    pairedVisits: new Int32Array(nC),
    slot,
    holder,
    slotRows,
    agg: new Int32Array((slotRows.length + 1) * F),
    structural: [],
    visitIssues: [],
    short: new Map(),
    quarters: new Map(),
    findings: new Map(),
    visitStart: new Int32Array(nC + 1),
    visitList: new Int32Array(0),
    laterVisits: new Map(),
    settled: false,
  };
  const counts = scopePairings(s, index.cadreVillages, index.cadreLeads);
  divisionRules(s, counts.villageCadres, counts.leadsOf, counts.cadresAt);
  for (const v of s.structural) countViolation(s, v, 1);
  const V = s.V;
  countAllVisits(s);
  settleAll(s);
  s.settled = true;
  if (findingsOn) {
    indexVisitsByCadre(s);
    for (let c = 0; c < nC; c++) if (findsFor(s, c)) refreshFindings(s, c);
  }
  for (const id of new Set(roster.duplicateVisitIds())) {
    const i = roster.visitIndex(id);
    const t = V.village[i]!;
    if (t >= lo && t < hi) addVisitIssue(s, { code: 'visit.duplicate', severity: 'warning', rule: 'data', divisions: [h.codeAt(t)], cadres: V.cadre[i]! >= 0 ? [roster.cadreId(V.cadre[i]!)] : [], details: { visit: id } });
  }
  return s;
}

/** Pass 1 over every pairing (not only the scope's): active pairings, pairings by cadre, and each cadre's attribution row, so a cadre counts in exactly one scope whatever scope is asked. */
function indexPairings(P: CheckState['P'], nC: number, c0: number, c1: number, home: Int32Array) {
  const nP = P.cadre.length;
  const active = new Uint8Array(nP);
  const cadreVillage = new Int32Array(nC).fill(-1);
  const cadreLead = new Int32Array(nC).fill(-1);
  const cadreVillages = new Int32Array(nC);
  const cadreLeads = new Int32Array(nC);
  const cadreOfActive = new Int32Array(nP).fill(-1);
  for (let p = 0; p < nP; p++) {
    const c = P.cadre[p]!;
    const t = P.target[p]!;
    if (c < 0 || t < 0 || P.from[p]! > P.to[p]! || P.from[p]! > c1 || P.to[p]! < c0) continue;
    active[p] = 1;
    cadreOfActive[p] = c;
    if (P.role[p] === ROLE_VILLAGE) {
      cadreVillages[c]!++;
      if (cadreVillage[c]! < 0 || t < cadreVillage[c]!) cadreVillage[c] = t;
    } else {
      cadreLeads[c]!++;
      if (cadreLead[c]! < 0 || t < cadreLead[c]!) cadreLead[c] = t;
    }
  }
  const { start: firstOf, list: byCadre } = groupBy(cadreOfActive, nC);
  const attribution = new Int32Array(nC);
  for (let c = 0; c < nC; c++) attribution[c] = cadreVillage[c]! >= 0 ? cadreVillage[c]! : cadreLead[c]! >= 0 ? cadreLead[c]! : home[c]!;
  return { active, firstOf, byCadre, attribution, cadreVillages, cadreLeads };
}

/** The requirement of each village pairing, prorated when the pairing (or the campaign) covers only part of the year; rounded to the nearest visit (half a year of four asks two). */
function requiredVisits(P: CheckState['P'], active: Uint8Array, policy: PairingPolicy, y0: number, y1: number, c0: number, c1: number): Int32Array {
  const required = new Int32Array(P.cadre.length);
  const yearDays = y1 - y0 + 1;
  for (let p = 0; p < P.cadre.length; p++) {
    if (!active[p] || P.role[p] !== ROLE_VILLAGE) continue;
    const span = Math.min(P.to[p]!, c1) - Math.max(P.from[p]!, c0) + 1;
    required[p] = span >= yearDays ? policy.minVisitsPerYear : Math.round((policy.minVisitsPerYear * span) / yearDays);
  }
  return required;
}

function slotsOf(h: Hierarchy, lo: number, hi: number): { slot: Int32Array; slotRows: number[]; holder: Int32Array } {
  const slot = new Int32Array(hi - lo).fill(-1);
  const holder = new Int32Array(hi - lo);
  const slotRows: number[] = [];
  for (let row = lo; row < hi; row++) {
    const l = h.levelAt(row);
    if (l === LEVEL_COUNTY || l === LEVEL_TOWNSHIP) {
      slot[row - lo] = slotRows.length;
      slotRows.push(row);
    }
  }
  // Pre-order: a row's parent comes before it, so its holder is already known.
  for (let row = lo; row < hi; row++) {
    const k = row - lo;
    const parent = h.parentIndex(row);
    holder[k] = slot[k]! >= 0 ? slot[k]! : parent >= lo && row > lo ? holder[parent - lo]! : slotRows.length;
  }
  return { slot, slotRows, holder };
}

/** The scope's pairings: per-row counts of village cadres and leads, and the structural violations of pairings and cadres. */
function scopePairings(s: CheckState, cadreVillages: Int32Array, cadreLeads: Int32Array) {
  const { roster, h, policy, P, lo, hi, active, attribution } = s;
  const inScope = (row: number) => row >= lo && row < hi;
  const add = (code: ViolationCode, severity: Severity, rule: string, divisions: string[], cadres: string[], details: Record<string, string | number> = {}) =>
    s.structural.push({ code, severity, rule, divisions, cadres, details });
  const cadreId = (c: number) => roster.cadreId(c);
  const pairingCode = (p: number) => roster.pairings[p]?.code ?? (P.target[p]! >= 0 ? h.codeAt(P.target[p]!) : '?');
  const ledLevel = (rank: number): number => {
    const l = policy.leads[CADRE_RANKS[rank] as 'prefectural' | 'divisional'];
    return l === 'county' ? LEVEL_COUNTY : l === 'township' ? LEVEL_TOWNSHIP : -1;
  };
  const campaignFrom = dayNumber(policy.campaign.from);
  const campaignTo = dayNumber(policy.campaign.to);
  const size = hi - lo;
  const villageCadres = new Int32Array(size);
  const leadsOf = new Int32Array(size);
  const cadresAt = new Int32Array(size);
  for (let p = 0; p < P.cadre.length; p++) {
    const t = P.target[p]!;
    const c = P.cadre[p]!;
    if (t < 0) {
      const code = pairingCode(p);
      const near = nearestKnown(h, code);
      if (near >= 0 && inScope(near)) add('pairing.unknown-division', 'error', 'data', [code], [c >= 0 ? cadreId(c) : (roster.pairings[p]?.cadreId ?? '?')], { pairing: p });
      continue;
    }
    if (!inScope(t)) continue;
    if (c < 0) {
      add('pairing.unknown-cadre', 'error', 'data', [pairingCode(p)], [roster.pairings[p]?.cadreId ?? '?'], { pairing: p });
      continue;
    }
    if (P.from[p]! > P.to[p]!) {
      add('pairing.bad-period', 'error', 'data', [pairingCode(p)], [cadreId(c)], { pairing: p, from: roster.pairings[p]?.from ?? '', to: roster.pairings[p]?.to ?? '' });
      continue;
    }
    if (!active[p]) {
      // Valid some other year, or never within the campaign: only the latter is a problem.
      if (P.from[p]! > campaignTo || P.to[p]! < campaignFrom) add('pairing.outside-campaign', 'warning', 'campaign', [pairingCode(p)], [cadreId(c)], { pairing: p });
      continue;
    }
    const level = h.levelAt(t);
    const role = P.role[p]!;
    if (role === ROLE_VILLAGE) {
      if (level !== LEVEL_VILLAGE) {
        active[p] = 0;
        add('pairing.wrong-level', 'error', 'minCadresPerVillage', [pairingCode(p)], [cadreId(c)], { pairing: p, level: h.at(t).level });
        continue;
      }
      villageCadres[t - lo]!++;
    } else {
      const wanted = role === ROLE_COUNTY ? LEVEL_COUNTY : LEVEL_TOWNSHIP;
      if (level !== wanted) {
        add('lead.wrong-level', 'error', 'leads', [pairingCode(p)], [cadreId(c)], { pairing: p, level: h.at(t).level });
        continue;
      }
      if (ledLevel(roster.cadreRank[c]!) !== wanted) add('lead.wrong-rank', 'warning', 'leads', [pairingCode(p)], [cadreId(c)], { pairing: p, rank: CADRE_RANKS[roster.cadreRank[c]!]! });
      leadsOf[t - lo]!++;
    }
  }
  const leadsByRank = CADRE_RANKS.map((_, r) => ledLevel(r) >= 0);
  const ranks = roster.cadreRank;
  for (let c = 0; c < roster.cadreCount; c++) {
    const at = attribution[c]!;
    if (at < lo || at >= hi) continue;
    cadresAt[at - lo]!++;
    const rank = ranks[c]!;
    const leads = leadsByRank[rank]!;
    const wantsVillage = !leads || policy.leadersPairVillage;
    const villages = cadreVillages[c]!;
    const leadCount = cadreLeads[c]!;
    if (villages === policy.villagesPerCadre && (!leads || leadCount === 1)) continue;
    const where = [h.codeAt(at)];
    const id = [cadreId(c)];
    if (villages === 0 && leadCount === 0) add('cadre.unpaired', 'error', 'villagesPerCadre', where, id);
    else if (wantsVillage && villages < policy.villagesPerCadre) add('cadre.no-village', 'error', 'villagesPerCadre', where, id, { count: villages, required: policy.villagesPerCadre });
    if (villages > policy.villagesPerCadre) add('cadre.too-many-villages', 'error', 'villagesPerCadre', where, id, { count: villages, allowed: policy.villagesPerCadre });
    if (leads && leadCount === 0) add('cadre.no-lead', 'error', 'leads', where, id, { rank: CADRE_RANKS[rank]! });
    if (leadCount > 1) add('cadre.too-many-leads', 'error', 'leads', where, id, { count: leadCount });
  }
  for (const id of new Set(roster.duplicateCadres)) {
    const at = attribution[roster.cadreIndex(id)]!;
    if (at >= 0 && inScope(at)) add('cadre.duplicate', 'warning', 'data', [h.codeAt(at)], [id]);
  }
  return { villageCadres, leadsOf, cadresAt };
}

/** Village coverage and county and township leads, with their totals. */
function divisionRules(s: CheckState, villageCadres: Int32Array, leadsOf: Int32Array, cadresAt: Int32Array): void {
  const { h, policy, lo, hi } = s;
  const add = (code: ViolationCode, divisions: string[], details: Record<string, string | number>, severity: Severity = 'error', rule = 'minCadresPerVillage') =>
    s.structural.push({ code, severity, rule, divisions, cadres: [], details });
  const size = hi - lo;
  const state = new Int8Array(size); // per village: 1 covered, 2 short, 3 uncovered
  const min = policy.minCadresPerVillage;
  for (let row = lo; row < hi; row++) {
    const level = h.levelAt(row);
    const k = row - lo;
    if (level === LEVEL_VILLAGE) {
      const n = villageCadres[k]!;
      if (n >= min) state[k] = 1;
      else if (n > 0) {
        state[k] = 2;
        add('village.short', [h.codeAt(row)], { count: n, required: min });
      } else {
        state[k] = 3;
        add('village.uncovered', [h.codeAt(row)], { required: min });
      }
    } else if (level === LEVEL_TOWNSHIP || level === LEVEL_COUNTY) {
      const led = leadsOf[k]!;
      const county = level === LEVEL_COUNTY;
      bumpRow(s, row, county ? Fi.counties : Fi.townships, 1);
      if (led > 0) bumpRow(s, row, county ? Fi.countiesLed : Fi.townshipsLed, 1);
      if (led === 0 && (county ? policy.everyCountyLed : policy.everyTownshipLed)) add(county ? 'county.no-lead' : 'township.no-lead', [h.codeAt(row)], {}, 'error', county ? 'everyCountyLed' : 'everyTownshipLed');
      if (led > 1) add(county ? 'county.many-leads' : 'township.many-leads', [h.codeAt(row)], { count: led }, 'warning', 'leads');
    }
  }
  // Fold the per-row facts into the slots in one pass, rather than a walk per fact.
  const agg = s.agg;
  const holder = s.holder;
  const whole = s.slotRows.length * F;
  const fields = [Fi.villages, Fi.villagesCovered, Fi.villagesShort, Fi.villagesUncovered];
  for (let k = 0; k < size; k++) {
    const at = holder[k]! * F;
    const st = state[k]!;
    if (st > 0) {
      agg[at + Fi.villages]!++;
      agg[at + fields[st]!]!++;
    }
    if (leadsOf[k]! > 0) agg[at + Fi.leads]! += leadsOf[k]!;
    if (cadresAt[k]! > 0) agg[at + Fi.cadres]! += cadresAt[k]!;
  }
  // The scope's own totals are the sum of the slots': fold those once.
  addSlotsIntoWhole(s, [Fi.villages, Fi.villagesCovered, Fi.villagesShort, Fi.villagesUncovered, Fi.leads, Fi.cadres], whole);
}

/** Add the listed fields of every county and township slot (not the scope's) into the scope's totals. */
function addSlotsIntoWhole(s: CheckState, fields: number[], whole: number): void {
  const agg = s.agg;
  for (let slot = 0; slot < s.slotRows.length; slot++) for (const f of fields) agg[whole + f]! += agg[slot * F + f]!;
}

/**
 * The first pass over every visit, with the columns in locals. Most cadres have one village
 * pairing valid all year: their visits are matched through two arrays indexed by cadre; anything
 * else goes the slow way.
 */
function countAllVisits(s: CheckState): void {
  const { lo, hi, y0, y1, firstOf, byCadre, visitsOf, quartersOf, pairedVisits, active } = s;
  const { cadre: Vc, village: Vv, day: Vd } = s.V;
  const { target: Pt, role: Pr, from: Pf, to: Pto } = s.P;
  const nC = pairedVisits.length;
  const only = new Int32Array(nC).fill(-1);
  const onlyTarget = new Int32Array(nC).fill(-1);
  for (let c = 0; c < nC; c++) {
    if (firstOf[c + 1]! - firstOf[c]! < 1) continue;
    let village = -1;
    let count = 0;
    for (let k = firstOf[c]!, end = firstOf[c + 1]!; k < end; k++) {
      const p = byCadre[k]!;
      if (Pr[p] === ROLE_VILLAGE && active[p]) {
        count++;
        village = p;
      }
    }
    if (count === 1 && Pf[village]! <= y0 && Pto[village]! >= y1) {
      only[c] = village;
      onlyTarget[c] = Pt[village]!;
    }
  }
  const [, q1, q2, q3] = s.quarterStarts as [number, number, number, number];
  const n = Vc.length;
  for (let v = 0; v < n; v++) {
    const day = Vd[v]!;
    if (day < y0 || day > y1) continue;
    const c = Vc[v]!;
    const t = Vv[v]!;
    if (c >= 0 && t >= lo && t < hi && onlyTarget[c] === t) {
      const p = only[c]!;
      visitsOf[p]!++;
      quartersOf[p]! |= 1 << (day >= q3 ? 3 : day >= q2 ? 2 : day >= q1 ? 1 : 0);
      pairedVisits[c]!++;
    } else if (c < 0 || t < 0 || (t >= lo && t < hi)) countVisit(s, v);
  }
}

/** Compliance of every village pairing of the scope after the first pass, folded into the totals in one pass. */
function settleAll(s: CheckState): void {
  const { lo, hi, active, visitsOf, required, holder, agg } = s;
  const { target: Pt, role: Pr } = s.P;
  const whole = s.slotRows.length * F;
  for (let p = 0; p < Pt.length; p++) {
    const t = Pt[p]!;
    if (!active[p] || Pr[p] !== ROLE_VILLAGE || t < lo || t >= hi) continue;
    const at = holder[t - lo]! * F;
    const made = visitsOf[p]!;
    agg[at + Fi.villagePairings]!++;
    agg[at + Fi.visits]! += made;
    if (made >= required[p]!) agg[at + Fi.pairingsCompliant]!++;
    else {
      agg[at + Fi.pairingsShort]!++;
      agg[at + Fi.visitShortfall]! += required[p]! - made;
      recordShort(s, p);
    }
    if (s.policy.visitEveryQuarter) settleQuarters(s, p);
  }
  addSlotsIntoWhole(s, [Fi.villagePairings, Fi.visits, Fi.pairingsCompliant, Fi.pairingsShort, Fi.visitShortfall], whole);
}

/** Apply one visit added to the roster after the check. */
function applyVisit(s: CheckState, v: number): void {
  s.V = s.roster.visitColumns();
  const pairing = countVisit(s, v);
  if (pairing >= 0) settleCompliance(s, pairing);
  const c = s.V.cadre[v]!;
  const day = s.V.day[v]!;
  if (!s.findingsOn || c < 0 || !findsFor(s, c) || s.V.village[v]! < 0 || day < s.y0 || day > s.y1) return;
  let later = s.laterVisits.get(c);
  if (!later) s.laterVisits.set(c, (later = []));
  later.push(v);
  refreshFindings(s, c);
}

/** Count one visit; returns the pairing it counted for, or -1. */
function countVisit(s: CheckState, v: number): number {
  const { V, P, lo, hi } = s;
  const t = V.village[v]!;
  const day = V.day[v]!;
  if (day < s.y0 || day > s.y1) return -1;
  const c = V.cadre[v]!;
  if (t < 0 || c < 0) {
    const at = t >= 0 ? t : c >= 0 ? s.attribution[c]! : -1;
    if (at >= lo && at < hi) addVisitIssue(s, { code: t < 0 ? 'visit.unknown-village' : 'visit.unknown-cadre', severity: 'error', rule: 'data', divisions: [s.h.codeAt(at)], cadres: c >= 0 ? [s.roster.cadreId(c)] : [], details: { visit: s.roster.visitId(v) } });
    return -1;
  }
  if (t < lo || t >= hi) return -1;
  let pairing = -1;
  let anyPeriod = false;
  for (let k = s.firstOf[c]!; k < s.firstOf[c + 1]!; k++) {
    const p = s.byCadre[k]!;
    if (P.target[p] !== t || P.role[p] !== ROLE_VILLAGE || !s.active[p]) continue;
    anyPeriod = true;
    if (day >= P.from[p]! && day <= P.to[p]!) pairing = p;
  }
  if (pairing < 0) {
    addVisitIssue(s, { code: anyPeriod ? 'visit.outside-pairing' : 'visit.unpaired-village', severity: 'warning', rule: 'minVisitsPerYear', divisions: [s.h.codeAt(t)], cadres: [s.roster.cadreId(c)], details: { visit: s.roster.visitId(v), date: isoDate(day) } });
    return -1;
  }
  s.visitsOf[pairing]!++;
  const q = s.quarterStarts;
  s.quartersOf[pairing]! |= 1 << (day >= q[3]! ? 3 : day >= q[2]! ? 2 : day >= q[1]! ? 1 : 0);
  s.pairedVisits[c]!++;
  // The first pass adds each pairing's visits to the totals when it settles it.
  if (s.settled) bumpRow(s, t, Fi.visits, 1);
  return pairing;
}

/** Bring a pairing's compliance up to date after a new visit. */
function settleCompliance(s: CheckState, p: number): void {
  const t = s.P.target[p]!;
  const made = s.visitsOf[p]!;
  const wasShort = s.short.get(p);
  if (wasShort) {
    bumpRow(s, t, Fi.visitShortfall, -Number(wasShort.details['shortfall']));
    countViolation(s, wasShort, -1);
    s.short.delete(p);
    if (made >= s.required[p]!) {
      bumpRow(s, t, Fi.pairingsShort, -1);
      bumpRow(s, t, Fi.pairingsCompliant, 1);
    } else {
      bumpRow(s, t, Fi.visitShortfall, s.required[p]! - made);
      recordShort(s, p);
    }
  }
  if (s.policy.visitEveryQuarter) settleQuarters(s, p);
}

/** The `visits.short` violation of a pairing, recorded and counted. */
function recordShort(s: CheckState, p: number): void {
  const made = s.visitsOf[p]!;
  const required = s.required[p]!;
  const v: Violation = { code: 'visits.short', severity: 'error', rule: 'minVisitsPerYear', divisions: [s.h.codeAt(s.P.target[p]!)], cadres: [s.roster.cadreId(s.P.cadre[p]!)], details: { made, required, shortfall: required - made, pairing: p } };
  s.short.set(p, v);
  countViolation(s, v, 1);
}

/** The quarters rule for one pairing. */
function settleQuarters(s: CheckState, p: number): void {
  const { P, policy } = s;
  const old = s.quarters.get(p);
  if (old) countViolation(s, old, -1);
  s.quarters.delete(p);
  const from = Math.max(P.from[p]!, s.y0, dayNumber(policy.campaign.from));
  const to = Math.min(P.to[p]!, s.y1, dayNumber(policy.campaign.to));
  const missing: string[] = [];
  for (let q = quarterOf(from); q <= quarterOf(to); q++) if (!(s.quartersOf[p]! & (1 << q))) missing.push(`Q${q + 1}`);
  if (missing.length > 0) {
    const v: Violation = { code: 'visits.quarter-missing', severity: 'error', rule: 'visitEveryQuarter', divisions: [s.h.codeAt(P.target[p]!)], cadres: [s.roster.cadreId(P.cadre[p]!)], details: { quarters: missing.join(' '), pairing: p } };
    s.quarters.set(p, v);
    countViolation(s, v, 1);
  }
}

/** Whether cadre `c` is attributed to the scope and paired with a village this year. */
function findsFor(s: CheckState, c: number): boolean {
  const at = s.attribution[c]!;
  if (at < s.lo || at >= s.hi) return false;
  for (let k = s.firstOf[c]!; k < s.firstOf[c + 1]!; k++) if (s.P.role[s.byCadre[k]!] === ROLE_VILLAGE) return true;
  return false;
}

/** The year's visits (to known villages) of the cadres the findings look at, grouped by cadre. */
function indexVisitsByCadre(s: CheckState): void {
  const V = s.V;
  const nC = s.roster.cadreCount;
  const wanted = new Uint8Array(nC);
  for (let c = 0; c < nC; c++) if (findsFor(s, c)) wanted[c] = 1;
  const cadreOfKept = new Int32Array(V.cadre.length).fill(-1);
  for (let v = 0; v < V.cadre.length; v++) {
    const c = V.cadre[v]!;
    if (c >= 0 && wanted[c] === 1 && V.village[v]! >= 0 && V.day[v]! >= s.y0 && V.day[v]! <= s.y1) cadreOfKept[v] = c;
  }
  const { start, list } = groupBy(cadreOfKept, nC);
  s.visitStart = start;
  s.visitList = list;
}

/**
 * Items grouped by key, in item order (a counting sort): the items of group `g` are
 * `list[start[g]]` to `list[start[g + 1] - 1]`; an item with key -1 is left out.
 */
function groupBy(keys: Int32Array, groups: number): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) if (keys[i]! >= 0) start[keys[i]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const list = new Int32Array(start[groups]!);
  const fill = start.slice(0, groups);
  for (let i = 0; i < keys.length; i++) if (keys[i]! >= 0) list[fill[keys[i]!]!++] = i;
  return { start, list };
}

function refreshFindings(s: CheckState, c: number): void {
  const had = s.findings.get(c);
  if (had) for (const v of had) countViolation(s, v, -1);
  const later = s.laterVisits.get(c);
  const from = c + 1 < s.visitStart.length ? s.visitStart[c]! : 0;
  const to = c + 1 < s.visitStart.length ? s.visitStart[c + 1]! : 0;
  const visits = later ? [...s.visitList.subarray(from, to), ...later] : s.visitList.subarray(from, to);
  const found = cadreFindings(s.roster, c, s.h.codeAt(s.attribution[c]!), visits, s.pairedVisits[c]!, s.y1, s.policy.findings, s.V);
  if (found.length > 0) s.findings.set(c, found);
  else if (had) s.findings.delete(c);
  for (const v of found) countViolation(s, v, 1);
}

function addVisitIssue(s: CheckState, v: Violation): void {
  s.visitIssues.push(v);
  countViolation(s, v, 1);
}

function countViolation(s: CheckState, v: Violation, sign: 1 | -1): void {
  if (v.severity === 'info') return;
  const row = s.h.indexOf(v.divisions[0] ?? '');
  const at = row >= 0 ? row : nearestKnown(s.h, v.divisions[0] ?? '');
  const field = v.severity === 'error' ? Fi.errors : Fi.warnings;
  if (at >= s.lo && at < s.hi) bumpRow(s, at, field, sign);
  else s.agg[s.slotRows.length * F + field]! += sign;
}

/** Add to the totals of the nearest county or township holding `row`, and to the scope's. */
function bumpRow(s: CheckState, row: number, field: number, n: number): void {
  const whole = s.slotRows.length;
  const slot = s.holder[row - s.lo]!;
  s.agg[slot * F + field]! += n;
  if (slot !== whole) s.agg[whole * F + field]! += n;
}

/** A slot's totals with those of the slots below it (townships under a county): each row added into its nearest slot only, so every slot below contributes exactly once. */
function rolledUp(s: CheckState, slot: number): CoverageTotals {
  const t = totalsFrom(s.agg, slot);
  const end = s.h.subtreeEnd(s.slotRows[slot]!);
  for (let k = slot + 1; k < s.slotRows.length && s.slotRows[k]! < end; k++) {
    for (let f = 0; f < F; f++) t[FIELDS[f]!] += s.agg[k * F + f]!;
  }
  return t;
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
  sortViolations(violations);
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

