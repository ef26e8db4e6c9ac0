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
import { SchemaError, showValue } from '../errors/schema.js';
import { dayNumber, isoDate, quarterRange, yearRange } from '../time/days.js';
import { compareCodes, isWithin, normalizeCode } from '../hierarchy/codes.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { NOT_RECORDED, cadreFindings } from '../visits/findings.js';
import { PairingError } from './errors.js';
import { Ints, Roster } from './roster.js';
import { CADRE_RANKS, parsePairingPolicy, type PairingPolicy, type PairingPolicyInput } from './schema.js';
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
  /** The name of the policy applied. */
  policy: string;
  /** The policy applied, every default filled in: reports merge only when theirs are the same. */
  appliedPolicy: PairingPolicy;
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

/** The position of each total in the per-slot rows of `agg` (a plain literal: fast to read in hot loops). */
const Fi = {
  villages: 0,
  villagesCovered: 1,
  villagesShort: 2,
  villagesUncovered: 3,
  townships: 4,
  townshipsLed: 5,
  counties: 6,
  countiesLed: 7,
  cadres: 8,
  villagePairings: 9,
  leads: 10,
  visits: 11,
  pairingsCompliant: 12,
  pairingsShort: 13,
  visitShortfall: 14,
  errors: 15,
  warnings: 16,
} as const satisfies Record<keyof CoverageTotals, number>;
const FIELDS = Object.keys(Fi) as Array<keyof CoverageTotals>;
const F = FIELDS.length;

/** All-zero totals. */
export function emptyTotals(): CoverageTotals {
  return totalsAt(new Int32Array(F), 0);
}

/** The totals stored at offset `o` of `a`, as an object made in one go. */
function totalsAt(a: Int32Array, o: number): CoverageTotals {
  return {
    villages: a[o + Fi.villages]!,
    villagesCovered: a[o + Fi.villagesCovered]!,
    villagesShort: a[o + Fi.villagesShort]!,
    villagesUncovered: a[o + Fi.villagesUncovered]!,
    townships: a[o + Fi.townships]!,
    townshipsLed: a[o + Fi.townshipsLed]!,
    counties: a[o + Fi.counties]!,
    countiesLed: a[o + Fi.countiesLed]!,
    cadres: a[o + Fi.cadres]!,
    villagePairings: a[o + Fi.villagePairings]!,
    leads: a[o + Fi.leads]!,
    visits: a[o + Fi.visits]!,
    pairingsCompliant: a[o + Fi.pairingsCompliant]!,
    pairingsShort: a[o + Fi.pairingsShort]!,
    visitShortfall: a[o + Fi.visitShortfall]!,
    errors: a[o + Fi.errors]!,
    warnings: a[o + Fi.warnings]!,
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
 * {@link watchPairing}. Constructing it computes every count and total; the violations
 * themselves are listed by {@link PairingMonitor.report}, from the same rules that counted them.
 * @example
 * const monitor = new PairingMonitor(roster, { year: 2024 });
 * monitor.totals().villagesUncovered; // the counts, without listing the violations
 */
export class PairingMonitor {
  readonly roster: Roster;
  readonly year: number;
  readonly scope: string | null;
  readonly policy: PairingPolicy;
  readonly #s: CheckState;
  #unsubscribe: (() => void) | null = null;
  readonly #listeners = new Set<(monitor: PairingMonitor) => void>();

  constructor(roster: Roster, options: CheckOptions) {
    const checked = checkOptions(roster, options);
    this.roster = roster;
    this.year = checked.year;
    this.scope = checked.scope;
    this.policy = parsePairingPolicy(options.policy);
    this.#s = runCheck(roster, this.policy, this.scope, checked.year, options.findings !== false);
  }

  /** Follow the roster: each visit added updates this check. */
  start(): void {
    // Made now, so that no single visit pays for grouping the pairings (or, for the findings,
    // each cadre's visits).
    pairingsByCadre(this.#s);
    if (this.#s.findingsOn && this.#s.visitStart.length === 0) indexVisitsByCadre(this.#s);
    this.#unsubscribe ??= this.roster.onVisit((v) => {
      applyVisit(this.#s, v);
      for (const l of this.#listeners) l(this);
    });
  }

  /**
   * Be told after every visit this monitor has applied (while started). Returns the function
   * that unsubscribes.
   * @example
   * const off = monitor.subscribe((m) => render(m.totals()));
   */
  subscribe(listener: (monitor: PairingMonitor) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stop following the roster. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** The totals of the scope, or of one county or township in it. */
  totals(code?: string): CoverageTotals {
    const s = this.#s;
    if (code === undefined) return totalsAt(s.whole, 0);
    const row = s.h.indexOf(shortCode(code));
    const slot = row >= s.lo && row < s.hi ? slotOf(s.slotRows, row) : -1;
    if (slot < 0) throw new GualianError('hierarchy.unknown', { value: code });
    return rolledUp(s, slot);
  }

  /** The full report as it stands, every violation listed. */
  report(): CoverageReport {
    const s = this.#s;
    const h = s.h;
    const divisions: DivisionTotals[] = s.slotRows.map((row, slot) => ({
      code: h.codeAt(row),
      name: h.nameAt(row),
      level: h.levelAt(row) === LEVEL_COUNTY ? 'county' : 'township',
      totals: rolledUp(s, slot),
    }));
    const violations = listViolations(s);
    sortViolations(violations);
    return { scopes: [this.scope ?? ''], year: this.year, policy: this.policy.name, appliedPolicy: this.policy, totals: this.totals(), divisions, violations };
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
  /** The part of the year inside the campaign. */
  c0: number;
  c1: number;
  quarterStarts: [number, number, number, number];
  P: ReturnType<Roster['pairingColumns']>;
  V: ReturnType<Roster['visitColumns']>;
  /** Per pairing: valid this year (and, in scope, at the right level). */
  active: Uint8Array;
  /** Per cadre: active village pairings and leads. */
  cadreVillages: Int32Array;
  cadreLeads: Int32Array;
  /** Per cadre: the row its facts count at (its village, else the unit it leads, else its home). */
  attribution: Int32Array;
  /** Per cadre: its last active village pairing, or -1. */
  villagePairing: Int32Array;
  /** Per cadre: the village of its only pairing when that pairing is in scope and valid all year (the fast path), else -2. */
  onlyTarget: Int32Array;
  /** Active pairings grouped by cadre, made when first needed (see {@link pairingsByCadre}). */
  byCadre: { start: Int32Array; list: Int32Array } | null;
  /** Visits counted per pairing, for cadres off the fast path (made when first needed); a fast-path cadre's count is its `pairedVisits`. */
  visitsOf: Int32Array | null;
  /** Quarters visited per pairing, as bits; only when the policy asks for a visit each quarter. */
  quartersOf: Uint8Array | null;
  /** Per cadre: the year's visits counted for its village pairings. */
  pairedVisits: Int32Array;
  /** Per scope row: paired cadres at a village, leads at a county or township. */
  pairedAt: Int32Array;
  /** The counties and townships of the scope, in row order; slot `k` is `slotRows[k]`. */
  slotRows: number[];
  /** The slot each scope row's facts add into: its own, or its nearest county or township's; -1 for rows above them (the scope's own). */
  holder: Int32Array;
  /** The totals of each slot, `F` numbers per slot; each row's facts add into its nearest slot only. */
  agg: Int32Array;
  /** The totals of the whole scope. */
  whole: Int32Array;
  /** Cadres of the scope whose pairings break a rule (listed by {@link cadreRules}). */
  slowCadres: Int32Array;
  /** Visits that could not be counted for a pairing (listed by {@link visitRule}). */
  issueVisits: Ints;
  /** Violations made as they were found: records that point nowhere, duplicates, findings aside. */
  structural: Violation[];
  findings: Map<number, Violation[]>;
  visitStart: Int32Array;
  visitList: Int32Array;
  laterVisits: Map<number, number[]>;
  /** Whether the first pass is over (visits are then counted one by one). */
  settled: boolean;
}

/** What a rule found, as one number: errors in the low byte, warnings above. */
const ERROR = 1;
const WARNING = 256;

/**
 * The check in four passes: pairings, cadres, divisions, visits; then one over the scope's
 * village pairings. Nothing is made per visit, and the visit pass touches one counter per
 * visit for the usual cadre (one village, all year). Violations are counted by the same rule
 * functions that list them in {@link listViolations}.
 */
function runCheck(roster: Roster, policy: PairingPolicy, scope: string | null, year: number, findingsOn: boolean): CheckState {
  const h = roster.hierarchy;
  const lo = scope === null ? 0 : h.indexOf(scope);
  if (lo < 0) throw new GualianError('hierarchy.unknown', { value: String(scope) });
  const hi = scope === null ? h.size : h.subtreeEnd(lo);
  const [y0, y1] = yearRange(year);
  const P = roster.pairingColumns();
  const nC = roster.cadreCount;
  const s: CheckState = {
    roster,
    h,
    policy,
    findingsOn,
    lo,
    hi,
    y0,
    y1,
    c0: Math.max(y0, dayNumber(policy.campaign.from)),
    c1: Math.min(y1, dayNumber(policy.campaign.to)),
    quarterStarts: [0, 1, 2, 3].map((q) => quarterRange(year, q)[0]) as [number, number, number, number],
    P,
    V: roster.visitColumns(),
    active: new Uint8Array(P.cadre.length),
    cadreVillages: new Int32Array(nC),
    cadreLeads: new Int32Array(nC),
    attribution: new Int32Array(nC),
    villagePairing: new Int32Array(nC).fill(-1),
    onlyTarget: new Int32Array(nC),
    byCadre: null,
    visitsOf: null,
    quartersOf: policy.visitEveryQuarter ? new Uint8Array(P.cadre.length) : null,
    pairedVisits: new Int32Array(nC),
    pairedAt: new Int32Array(hi - lo),
    slotRows: [],
    holder: new Int32Array(hi - lo),
    agg: new Int32Array(0),
    whole: new Int32Array(F),
    slowCadres: new Int32Array(0),
    issueVisits: new Ints(),
    structural: [],
    findings: new Map(),
    visitStart: new Int32Array(0),
    visitList: new Int32Array(0),
    laterVisits: new Map(),
    settled: false,
  };
  pairingPass(s);
  rowsPass(s);
  cadrePass(s);
  countAllVisits(s);
  settleAll(s);
  s.settled = true;
  if (findingsOn) bulkFindings(s);
  const V = s.V;
  for (const id of new Set(roster.duplicateVisitIds())) {
    const i = roster.visitIndex(id);
    const t = V.village[i]!;
    if (t >= lo && t < hi) s.structural.push({ code: 'visit.duplicate', severity: 'warning', rule: 'data', divisions: [h.codeAt(t)], cadres: V.cadre[i]! >= 0 ? [roster.cadreId(V.cadre[i]!)] : [], details: { visit: id } });
  }
  for (const v of s.structural) countViolation(s, v, 1);
  return s;
}

/** Every violation of the check as it stands, from the rules that counted them. */
function listViolations(s: CheckState): Violation[] {
  const out: Violation[] = [...s.structural];
  const { lo, hi, active } = s;
  const { levels } = s.h.columns();
  for (let row = lo; row < hi; row++) {
    const level = levels[row]!;
    if (level === LEVEL_VILLAGE) villageRule(s, row, out);
    else if (level === LEVEL_COUNTY || level === LEVEL_TOWNSHIP) leadRule(s, row, out);
  }
  const { target: Pt, role: Pr } = s.P;
  for (let p = 0; p < Pt.length; p++) {
    const t = Pt[p]!;
    if (!active[p] || Pr[p] !== ROLE_VILLAGE || t < lo || t >= hi) continue;
    shortRule(s, p, madeOf(s, p), out);
    if (s.quartersOf) quarterRule(s, p, quartersOfPairing(s, p), out);
  }
  for (const c of s.slowCadres) cadreRules(s, c, out);
  for (const v of s.issueVisits.view()) visitRule(s, v, out);
  for (const found of s.findings.values()) out.push(...found);
  return out;
}

/**
 * One pass over every pairing (not only the scope's, so that a cadre counts in exactly one
 * scope whatever scope is asked): which pairings are active this year, each cadre's village
 * pairings, leads and attribution; and, in scope, the cadres paired at each village and the
 * leads of each unit, with the structural violations of the pairings.
 */
function pairingPass(s: CheckState): void {
  const P = s.P;
  const ranks = s.roster.cadreRank;
  const ledLevels = Uint8Array.from(CADRE_RANKS, (_, r) => ledLevel(s.policy, r) + 1);
  const slow = fastPairings(P.cadre, P.role, P.target, P.from, P.to, s.c0, s.c1, s.lo, s.hi, s.h.columns().levels, ranks, ledLevels, s.active, s.cadreVillages, s.cadreLeads, s.attribution, s.villagePairing, s.pairedAt);
  for (const p of slow) slowPairing(s, p);
}

/** The level a rank leads under the policy (county or township level), or -1. */
function ledLevel(policy: PairingPolicy, rank: number): number {
  const l = policy.leads[CADRE_RANKS[rank] as 'prefectural' | 'divisional'];
  return l === 'county' ? LEVEL_COUNTY : l === 'township' ? LEVEL_TOWNSHIP : -1;
}

/** The hot loop of {@link pairingPass}: the usual pairing, active and at the right level; returns the others for {@link slowPairing}. */
function fastPairings(
  Pc: Int32Array,
  Pr: Int32Array,
  Pt: Int32Array,
  Pf: Int32Array,
  Pto: Int32Array,
  c0: number,
  c1: number,
  lo: number,
  hi: number,
  levels: Uint8Array,
  ranks: Uint8Array,
  ledLevels: Uint8Array,
  active: Uint8Array,
  cadreVillages: Int32Array,
  cadreLeads: Int32Array,
  attribution: Int32Array,
  villagePairing: Int32Array,
  pairedAt: Int32Array,
): Int32Array {
  const slow = new Ints();
  for (let p = 0; p < Pc.length; p++) {
    const t = Pt[p]!;
    const c = Pc[p]!;
    const from = Pf[p]!;
    const to = Pto[p]!;
    if (t < 0 || c < 0 || from > to || from > c1 || to < c0) {
      slow.push(p);
      continue;
    }
    const role = Pr[p]!;
    if (t >= lo && t < hi) {
      const wanted = role === ROLE_VILLAGE ? LEVEL_VILLAGE : role === ROLE_COUNTY ? LEVEL_COUNTY : LEVEL_TOWNSHIP;
      if (levels[t] !== wanted || (role !== ROLE_VILLAGE && ledLevels[ranks[c]!] !== wanted + 1)) {
        slow.push(p);
        continue;
      }
      pairedAt[t - lo]!++;
    }
    active[p] = 1;
    // A cadre counts at the first of its villages in code order, else the first unit it leads.
    if (role === ROLE_VILLAGE) {
      if (cadreVillages[c] === 0 || t < attribution[c]!) attribution[c] = t;
      cadreVillages[c]!++;
      villagePairing[c] = p;
    } else {
      if (cadreVillages[c] === 0 && (cadreLeads[c] === 0 || t < attribution[c]!)) attribution[c] = t;
      cadreLeads[c]!++;
    }
  }
  return slow.view();
}

/** A pairing off the usual path: reported, and counted as far as it counts. */
function slowPairing(s: CheckState, p: number): void {
  const { roster, h, policy, P, lo, hi, c0, c1, active, cadreVillages, cadreLeads, attribution, villagePairing } = s;
  // Named in the hierarchy's short form when known (a padded code names the same division).
  const pairingCode = () => (P.target[p]! >= 0 ? h.codeAt(P.target[p]!) : shortCode(roster.pairings[p]?.code ?? '?'));
  const add = (code: ViolationCode, severity: Severity, rule: string, cadre: string, details: Record<string, string | number> = {}) =>
    s.structural.push({ code, severity, rule, divisions: [pairingCode()], cadres: [cadre], details: { pairing: p, ...details } });
  const t = P.target[p]!;
  const c = P.cadre[p]!;
  if (t < 0) {
    const near = nearestKnown(h, pairingCode());
    if (near >= lo && near < hi) add('pairing.unknown-division', 'error', 'data', c >= 0 ? roster.cadreId(c) : (roster.pairings[p]?.cadreId ?? '?'));
    return;
  }
  const inScope = t >= lo && t < hi;
  if (c < 0) {
    if (inScope) add('pairing.unknown-cadre', 'error', 'data', roster.pairings[p]?.cadreId ?? '?');
    return;
  }
  const from = P.from[p]!;
  const to = P.to[p]!;
  if (from > to) {
    if (inScope) add('pairing.bad-period', 'error', 'data', roster.cadreId(c), { from: roster.pairings[p]?.from ?? '', to: roster.pairings[p]?.to ?? '' });
    return;
  }
  if (from > c1 || to < c0) {
    // Valid some other year, or never within the campaign: only the latter is a problem.
    if (inScope && (from > dayNumber(policy.campaign.to) || to < dayNumber(policy.campaign.from))) add('pairing.outside-campaign', 'warning', 'campaign', roster.cadreId(c));
    return;
  }
  const role = P.role[p]!;
  active[p] = 1;
  if (role === ROLE_VILLAGE) {
    if (cadreVillages[c] === 0 || t < attribution[c]!) attribution[c] = t;
    cadreVillages[c]!++;
    villagePairing[c] = p;
  } else {
    if (cadreVillages[c] === 0 && (cadreLeads[c] === 0 || t < attribution[c]!)) attribution[c] = t;
    cadreLeads[c]!++;
  }
  if (!inScope) return;
  const level = h.levelAt(t);
  if (role === ROLE_VILLAGE) {
    if (level !== LEVEL_VILLAGE) {
      active[p] = 0;
      add('pairing.wrong-level', 'error', 'minCadresPerVillage', roster.cadreId(c), { level: h.at(t).level });
      return;
    }
  } else {
    const wanted = role === ROLE_COUNTY ? LEVEL_COUNTY : LEVEL_TOWNSHIP;
    if (level !== wanted) {
      add('lead.wrong-level', 'error', 'leads', roster.cadreId(c), { level: h.at(t).level });
      return;
    }
    if (ledLevel(policy, roster.cadreRank[c]!) !== wanted) add('lead.wrong-rank', 'warning', 'leads', roster.cadreId(c), { rank: CADRE_RANKS[roster.cadreRank[c]!]! });
  }
  s.pairedAt[t - lo]!++;
}

/** One pass over every cadre: attribution of the unpaired, the cadres per slot, the cadres breaking a rule, and the fast path of the visit pass. */
function cadrePass(s: CheckState): void {
  const { roster, policy, P, lo, hi, attribution } = s;
  const leadsByRank = Uint8Array.from(CADRE_RANKS, (_, r) => (ledLevel(policy, r) >= 0 ? 1 : 0));
  s.slowCadres = fastCadres(roster.cadreRank, roster.cadreHome, leadsByRank, policy.villagesPerCadre, s.cadreVillages, s.cadreLeads, attribution, s.villagePairing, s.active, P.target, P.from, P.to, s.y0, s.y1, lo, hi, s.onlyTarget, s.holder, s.agg, s.whole).slice();
  for (const c of s.slowCadres) countAt(s, attribution[c]!, cadreRules(s, c, null), 1);
  for (const id of new Set(roster.duplicateCadres)) {
    const at = attribution[roster.cadreIndex(id)]!;
    if (at >= lo && at < hi) s.structural.push({ code: 'cadre.duplicate', severity: 'warning', rule: 'data', divisions: [s.h.codeAt(at)], cadres: [id], details: {} });
  }
}

/** The hot loop of {@link cadrePass}; returns the cadres of the scope whose pairings break a rule. */
function fastCadres(
  ranks: Uint8Array,
  home: Int32Array,
  leadsByRank: Uint8Array,
  perCadre: number,
  cadreVillages: Int32Array,
  cadreLeads: Int32Array,
  attribution: Int32Array,
  villagePairing: Int32Array,
  active: Uint8Array,
  Pt: Int32Array,
  Pf: Int32Array,
  Pto: Int32Array,
  y0: number,
  y1: number,
  lo: number,
  hi: number,
  onlyTarget: Int32Array,
  holder: Int32Array,
  agg: Int32Array,
  whole: Int32Array,
): Int32Array {
  const slow = new Ints();
  let cadres = 0;
  for (let c = 0; c < onlyTarget.length; c++) {
    const villages = cadreVillages[c]!;
    const leadCount = cadreLeads[c]!;
    if (villages === 0 && leadCount === 0) attribution[c] = home[c]!;
    const p = villagePairing[c]!;
    const t = p >= 0 ? Pt[p]! : -1;
    onlyTarget[c] = villages === 1 && active[p] === 1 && t >= lo && t < hi && Pf[p]! <= y0 && Pto[p]! >= y1 ? t : -2;
    const at = attribution[c]!;
    if (at < lo || at >= hi) continue;
    cadres++;
    const slot = holder[at - lo]!;
    if (slot >= 0) agg[slot * F + Fi.cadres]!++;
    if (villages !== perCadre || (leadsByRank[ranks[c]!] === 1 && leadCount !== 1)) slow.push(c);
  }
  whole[Fi.cadres]! += cadres;
  return slow.view();
}

/** The rules on one cadre's pairings: listed into `out` when given; returns what fired (see {@link ERROR}). */
function cadreRules(s: CheckState, c: number, out: Violation[] | null): number {
  const { policy } = s;
  const villages = s.cadreVillages[c]!;
  const leadCount = s.cadreLeads[c]!;
  const rank = s.roster.cadreRank[c]!;
  const leads = ledLevel(policy, rank) >= 0;
  const perCadre = policy.villagesPerCadre;
  let found = 0;
  const add = (code: ViolationCode, rule: string, details: Record<string, string | number> = {}) => {
    found += ERROR;
    out?.push({ code, severity: 'error', rule, divisions: [s.h.codeAt(s.attribution[c]!)], cadres: [s.roster.cadreId(c)], details });
  };
  if (villages === 0 && leadCount === 0) add('cadre.unpaired', 'villagesPerCadre');
  else if ((!leads || policy.leadersPairVillage) && villages < perCadre) add('cadre.no-village', 'villagesPerCadre', { count: villages, required: perCadre });
  if (villages > perCadre) add('cadre.too-many-villages', 'villagesPerCadre', { count: villages, allowed: perCadre });
  if (leads && leadCount === 0) add('cadre.no-lead', 'leads', { rank: CADRE_RANKS[rank]! });
  if (leadCount > 1) add('cadre.too-many-leads', 'leads', { count: leadCount });
  return found;
}

/** The coverage rule of a village. */
function villageRule(s: CheckState, row: number, out: Violation[] | null): number {
  const n = s.pairedAt[row - s.lo]!;
  const min = s.policy.minCadresPerVillage;
  if (n >= min) return 0;
  out?.push({ code: n > 0 ? 'village.short' : 'village.uncovered', severity: 'error', rule: 'minCadresPerVillage', divisions: [s.h.codeAt(row)], cadres: [], details: n > 0 ? { count: n, required: min } : { required: min } });
  return ERROR;
}

/** The lead rule of a county or township. */
function leadRule(s: CheckState, row: number, out: Violation[] | null): number {
  const led = s.pairedAt[row - s.lo]!;
  const county = s.h.levelAt(row) === LEVEL_COUNTY;
  if (led === 0 && (county ? s.policy.everyCountyLed : s.policy.everyTownshipLed)) {
    out?.push({ code: county ? 'county.no-lead' : 'township.no-lead', severity: 'error', rule: county ? 'everyCountyLed' : 'everyTownshipLed', divisions: [s.h.codeAt(row)], cadres: [], details: {} });
    return ERROR;
  }
  if (led > 1) {
    out?.push({ code: county ? 'county.many-leads' : 'township.many-leads', severity: 'warning', rule: 'leads', divisions: [s.h.codeAt(row)], cadres: [], details: { count: led } });
    return WARNING;
  }
  return 0;
}

/** The visits rule of a village pairing, given the visits made. */
function shortRule(s: CheckState, p: number, made: number, out: Violation[] | null): number {
  const required = requiredOf(s, p);
  if (made >= required) return 0;
  out?.push({ code: 'visits.short', severity: 'error', rule: 'minVisitsPerYear', divisions: [s.h.codeAt(s.P.target[p]!)], cadres: [s.roster.cadreId(s.P.cadre[p]!)], details: { made, required, shortfall: required - made, pairing: p } });
  return ERROR;
}

/** The quarters rule of a village pairing, given the quarters visited (bits). */
function quarterRule(s: CheckState, p: number, bits: number, out: Violation[] | null): number {
  const first = quarterIn(s.quarterStarts, Math.max(s.P.from[p]!, s.c0));
  const last = quarterIn(s.quarterStarts, Math.min(s.P.to[p]!, s.c1));
  const missing: string[] = [];
  for (let k = first; k <= last; k++) if (!(bits & (1 << k))) missing.push(`Q${k + 1}`);
  if (missing.length === 0) return 0;
  out?.push({ code: 'visits.quarter-missing', severity: 'error', rule: 'visitEveryQuarter', divisions: [s.h.codeAt(s.P.target[p]!)], cadres: [s.roster.cadreId(s.P.cadre[p]!)], details: { quarters: missing.join(' '), pairing: p } });
  return ERROR;
}

/** The rule on a visit that was not counted for a pairing, and the row it is reported at (or -1 outside the scope). */
function visitRule(s: CheckState, v: number, out: Violation[] | null): number {
  const { V, P } = s;
  const t = V.village[v]!;
  const c = V.cadre[v]!;
  const cadres = c >= 0 ? [s.roster.cadreId(c)] : [];
  if (t < 0 || c < 0) {
    const at = t >= 0 ? t : c >= 0 ? s.attribution[c]! : -1;
    out?.push({ code: t < 0 ? 'visit.unknown-village' : 'visit.unknown-cadre', severity: 'error', rule: 'data', divisions: [s.h.codeAt(at)], cadres, details: { visit: s.roster.visitId(v) } });
    return ERROR;
  }
  let anyPeriod = false;
  if (s.cadreVillages[c]! > 0) {
    const { start, list } = pairingsByCadre(s);
    for (let k = start[c]!; k < start[c + 1]! && !anyPeriod; k++) {
      const p = list[k]!;
      anyPeriod = P.target[p] === t && P.role[p] === ROLE_VILLAGE && s.active[p] === 1;
    }
  }
  out?.push({ code: anyPeriod ? 'visit.outside-pairing' : 'visit.unpaired-village', severity: 'warning', rule: 'minVisitsPerYear', divisions: [s.h.codeAt(t)], cadres, details: { visit: s.roster.visitId(v), date: isoDate(V.day[v]!) } });
  return WARNING;
}

/** The row a visit's issue is reported at, or -1. */
function visitRow(s: CheckState, v: number): number {
  const t = s.V.village[v]!;
  const c = s.V.cadre[v]!;
  return t >= 0 ? t : c >= 0 ? s.attribution[c]! : -1;
}

/** The quarter (0–3) of a day of the checked year, from the quarters' first days. */
function quarterIn(starts: readonly [number, number, number, number], day: number): number {
  return day >= starts[3] ? 3 : day >= starts[2] ? 2 : day >= starts[1] ? 1 : 0;
}

/** The visits a village pairing asks for this year, prorated when the pairing (or the campaign) covers only part of it; rounded to the nearest visit (half a year of four asks two). */
function requiredOf(s: CheckState, p: number): number {
  const yearDays = s.y1 - s.y0 + 1;
  const span = Math.min(s.P.to[p]!, s.c1) - Math.max(s.P.from[p]!, s.c0) + 1;
  return span >= yearDays ? s.policy.minVisitsPerYear : Math.round((s.policy.minVisitsPerYear * span) / yearDays);
}

/** The slot of a county or township row (binary search of the slot rows), or -1. */
function slotOf(slotRows: readonly number[], row: number): number {
  let a = 0;
  let b = slotRows.length - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    if (slotRows[m]! < row) a = m + 1;
    else if (slotRows[m]! > row) b = m - 1;
    else return m;
  }
  return -1;
}

/**
 * One pass over the scope's rows: the counties and townships (the slots of the totals) and the
 * slot each row adds into, village coverage and the leads of counties and townships.
 */
function rowsPass(s: CheckState): void {
  const { lo, hi, holder, pairedAt, whole } = s;
  const { levels, parents } = s.h.columns();
  const slotRows: number[] = [];
  let agg = new Int32Array(64 * F);
  const min = s.policy.minCadresPerVillage;
  const countyLedRequired = s.policy.everyCountyLed;
  const townshipLedRequired = s.policy.everyTownshipLed;
  // Each fact adds into its row's slot and into the scope's totals.
  const add = (slot: number, field: number, n: number) => {
    if (slot >= 0) agg[slot * F + field]! += n;
    whole[field]! += n;
  };
  for (let row = lo; row < hi; row++) {
    const k = row - lo;
    const level = levels[row]!;
    const n = pairedAt[k]!;
    if (level === LEVEL_VILLAGE) {
      // Pre-order: the parent comes first, so its slot is known.
      const parent = parents[row]!;
      const slot = parent >= lo && row > lo ? holder[parent - lo]! : -1;
      holder[k] = slot;
      add(slot, Fi.villages, 1);
      if (n >= min) add(slot, Fi.villagesCovered, 1);
      else {
        add(slot, n > 0 ? Fi.villagesShort : Fi.villagesUncovered, 1);
        add(slot, Fi.errors, 1);
      }
    } else if (level === LEVEL_TOWNSHIP || level === LEVEL_COUNTY) {
      const slot = slotRows.length;
      slotRows.push(row);
      if ((slot + 1) * F > agg.length) {
        const grown = new Int32Array(2 * agg.length);
        grown.set(agg);
        agg = grown;
      }
      holder[k] = slot;
      const county = level === LEVEL_COUNTY;
      add(slot, county ? Fi.counties : Fi.townships, 1);
      if (n > 0) {
        add(slot, county ? Fi.countiesLed : Fi.townshipsLed, 1);
        add(slot, Fi.leads, n);
        if (n > 1) add(slot, Fi.warnings, 1);
      } else if (county ? countyLedRequired : townshipLedRequired) add(slot, Fi.errors, 1);
    } else {
      const parent = parents[row]!;
      holder[k] = parent >= lo && row > lo ? holder[parent - lo]! : -1;
    }
  }
  s.slotRows = slotRows;
  s.agg = agg.slice(0, slotRows.length * F);
}

/**
 * The first pass over every visit. The usual cadre (one village pairing, valid all year) is
 * matched by one comparison and counted in one counter; anything else goes the slow way,
 * through {@link countVisit}.
 */
function countAllVisits(s: CheckState): void {
  const V = s.V;
  const slow = fastVisits(V.cadre, V.village, V.day, s.y0, s.y1, s.lo, s.hi, s.onlyTarget, s.pairedVisits, s.quartersOf, s.villagePairing, s.quarterStarts);
  for (const v of slow) countVisit(s, v);
}

/** The visits counted for a village pairing. */
function madeOf(s: CheckState, p: number): number {
  const c = s.P.cadre[p]!;
  return s.onlyTarget[c]! >= 0 ? s.pairedVisits[c]! : (s.visitsOf?.[p] ?? 0);
}

/** The quarters visited (bits) for a village pairing. */
function quartersOfPairing(s: CheckState, p: number): number {
  return s.quartersOf?.[p] ?? 0;
}

/** The hot loop of {@link countAllVisits}, over plain arguments so that it compiles tight; returns the visits left for the slow way. */
function fastVisits(
  Vc: Int32Array,
  Vv: Int32Array,
  Vd: Int32Array,
  y0: number,
  y1: number,
  lo: number,
  hi: number,
  onlyTarget: Int32Array,
  counts: Int32Array,
  quartersOf: Uint8Array | null,
  villagePairing: Int32Array,
  quarterStarts: [number, number, number, number],
): Int32Array {
  const slow = new Ints();
  const n = Vc.length;
  for (let v = 0; v < n; v++) {
    const day = Vd[v]!;
    if (day < y0 || day > y1) continue;
    const c = Vc[v]!;
    const t = Vv[v]!;
    if (c >= 0 && onlyTarget[c] === t) {
      counts[c]!++;
      if (quartersOf !== null) quartersOf[villagePairing[c]!]! |= 1 << quarterIn(quarterStarts, day);
    } else if (c < 0 || t < 0 || (t >= lo && t < hi)) slow.push(v);
  }
  return slow.view();
}

/** Compliance of every village pairing of the scope after the first pass, folded into the totals in one pass. */
function settleAll(s: CheckState): void {
  const { lo, hi, active, holder, agg, whole } = s;
  const { target: Pt, role: Pr } = s.P;
  const add = (slot: number, field: number, n: number) => {
    if (slot >= 0) agg[slot * F + field]! += n;
    whole[field]! += n;
  };
  for (let p = 0; p < Pt.length; p++) {
    const t = Pt[p]!;
    if (!active[p] || Pr[p] !== ROLE_VILLAGE || t < lo || t >= hi) continue;
    const slot = holder[t - lo]!;
    const made = madeOf(s, p);
    const required = requiredOf(s, p);
    add(slot, Fi.villagePairings, 1);
    add(slot, Fi.visits, made);
    if (made >= required) add(slot, Fi.pairingsCompliant, 1);
    else {
      add(slot, Fi.pairingsShort, 1);
      add(slot, Fi.visitShortfall, required - made);
      add(slot, Fi.errors, 1);
    }
    if (s.quartersOf && quarterRule(s, p, s.quartersOf[p]!, null)) add(slot, Fi.errors, 1);
  }
}

/** Apply one visit added to the roster after the check. */
function applyVisit(s: CheckState, v: number): void {
  s.V = s.roster.visitColumns();
  countVisit(s, v);
  const c = s.V.cadre[v]!;
  const day = s.V.day[v]!;
  if (!s.findingsOn || c < 0 || !findsFor(s, c) || s.V.village[v]! < 0 || day < s.y0 || day > s.y1) return;
  let later = s.laterVisits.get(c);
  if (!later) s.laterVisits.set(c, (later = []));
  later.push(v);
  refreshFindings(s, c);
}

/** Count one visit the slow way (or a visit added after the check), with what it changes in the totals. */
function countVisit(s: CheckState, v: number): void {
  const { V, P, lo, hi } = s;
  const t = V.village[v]!;
  const day = V.day[v]!;
  if (day < s.y0 || day > s.y1) return;
  const c = V.cadre[v]!;
  let pairing = -1;
  if (t >= 0 && c >= 0) {
    if (t < lo || t >= hi) return;
    if (s.onlyTarget[c] === t) pairing = s.villagePairing[c]!;
    else if (s.cadreVillages[c]! > 0) {
      const { start, list } = pairingsByCadre(s);
      for (let k = start[c]!; k < start[c + 1]!; k++) {
        const p = list[k]!;
        if (P.target[p] === t && P.role[p] === ROLE_VILLAGE && s.active[p] && day >= P.from[p]! && day <= P.to[p]!) pairing = p;
      }
    }
  }
  if (pairing < 0) {
    const at = visitRow(s, v);
    if (at < lo || at >= hi) return;
    s.issueVisits.push(v);
    countAt(s, at, visitRule(s, v, null), 1);
    return;
  }
  const before = madeOf(s, pairing);
  const bitsBefore = quartersOfPairing(s, pairing);
  if (s.onlyTarget[c] === t) s.pairedVisits[c]!++;
  else {
    (s.visitsOf ??= new Int32Array(P.cadre.length))[pairing]!++;
    s.pairedVisits[c]!++;
  }
  if (s.quartersOf) s.quartersOf[pairing]! |= 1 << quarterIn(s.quarterStarts, day);
  // Before the first pass settles, it adds each pairing's visits and compliance itself.
  if (s.settled) settleVisit(s, pairing, before, bitsBefore);
}

/** Bring a pairing's totals up to date after one more visit. */
function settleVisit(s: CheckState, p: number, before: number, bitsBefore: number): void {
  const t = s.P.target[p]!;
  const made = before + 1;
  const required = requiredOf(s, p);
  bumpRow(s, t, Fi.visits, 1);
  if (before < required) {
    bumpRow(s, t, Fi.visitShortfall, -1);
    if (made >= required) {
      bumpRow(s, t, Fi.pairingsShort, -1);
      bumpRow(s, t, Fi.pairingsCompliant, 1);
    }
  }
  countAt(s, t, shortRule(s, p, before, null), -1);
  countAt(s, t, shortRule(s, p, made, null), 1);
  if (s.quartersOf) {
    countAt(s, t, quarterRule(s, p, bitsBefore, null), -1);
    countAt(s, t, quarterRule(s, p, s.quartersOf[p]!, null), 1);
  }
}

/** The active pairings grouped by cadre, made the first time a visit needs them. */
function pairingsByCadre(s: CheckState): { start: Int32Array; list: Int32Array } {
  if (s.byCadre) return s.byCadre;
  const active = s.active;
  return (s.byCadre = groupBy(s.P.cadre, s.roster.cadreCount, (p) => active[p] === 1));
}

/** Whether cadre `c` is attributed to the scope and paired with a village this year. */
function findsFor(s: CheckState, c: number): boolean {
  const at = s.attribution[c]!;
  return at >= s.lo && at < s.hi && s.cadreVillages[c]! > 0;
}

/** The year's visits (to known villages) of the cadres the findings look at, grouped by cadre. */
function indexVisitsByCadre(s: CheckState, only: Uint8Array | null = null): void {
  const nC = s.roster.cadreCount;
  const wanted = only ?? new Uint8Array(nC);
  if (only === null) for (let c = 0; c < nC; c++) if (findsFor(s, c)) wanted[c] = 1;
  const { start, list } = groupVisits(s.V.cadre, s.V.village, s.V.day, s.y0, s.y1, wanted);
  s.visitStart = start;
  s.visitList = list;
}

/** {@link groupBy} of the year's visits to known villages by wanted cadre, as one tight loop (no call per visit). */
function groupVisits(Vc: Int32Array, Vv: Int32Array, Vd: Int32Array, y0: number, y1: number, wanted: Uint8Array): { start: Int32Array; list: Int32Array } {
  const groups = wanted.length;
  const start = new Int32Array(groups + 1);
  const n = Vc.length;
  for (let v = 0; v < n; v++) {
    const c = Vc[v]!;
    if (c >= 0 && wanted[c] === 1 && Vv[v]! >= 0 && Vd[v]! >= y0 && Vd[v]! <= y1) start[c]!++;
  }
  for (let g = 1; g < groups; g++) start[g]! += start[g - 1]!;
  const total = groups > 0 ? start[groups - 1]! : 0;
  start[groups] = total;
  const list = new Int32Array(total);
  for (let v = n - 1; v >= 0; v--) {
    const c = Vc[v]!;
    if (c >= 0 && wanted[c] === 1 && Vv[v]! >= 0 && Vd[v]! >= y0 && Vd[v]! <= y1) list[--start[c]!] = v;
  }
  return { start, list };
}

/**
 * The findings of every cadre of the scope. One pass over the visits counts, per cadre, what
 * each finding looks at (all sums, in visit order, no grouping); only the cadres whose counts
 * could make a finding, or who visited two villages (a same-day pair needs two), have their
 * visits grouped and read by {@link cadreFindings}, which then finds exactly what it would
 * have found for every cadre. Linear in the visits, and nothing per cadre for the usual one.
 */
function bulkFindings(s: CheckState): void {
  const nC = s.roster.cadreCount;
  const wanted = new Uint8Array(nC);
  for (let c = 0; c < nC; c++) if (findsFor(s, c)) wanted[c] = 1;
  const t = s.policy.findings;
  const counts = countFindings(s.V, s.y0, s.y1, wanted, s.y1 - t.crammedWeeks * 7 + 1, t.minMinutes, t.maxMinutesPerVisit, t.maxHouseholdsPerVisit, t.maxRecordDelayDays);
  const candidates = new Uint8Array(nC);
  let any = false;
  const share = t.shortShare;
  for (let c = 0; c < nC; c++) {
    if (wanted[c] === 0) continue;
    const n = counts.n[c]!;
    const base = c * 5;
    const f = counts.f;
    const empty = f[base]!;
    const brief = f[base + 1]!;
    if (
      s.pairedVisits[c] === 0 ||
      (n > 0 && ((empty > 0 && empty >= share * n) || (brief > 0 && brief >= share * n) || (n >= 2 && f[base + 2] === n) || f[base + 3]! > 0 || f[base + 4]! > 0 || counts.many[c] === 1))
    ) {
      candidates[c] = 1;
      any = true;
    }
  }
  if (!any) return;
  // The candidates' visits grouped: the counts above give each group's size, so one pass fills them.
  const start = new Int32Array(nC + 1);
  for (let c = 0; c < nC; c++) start[c + 1] = start[c]! + (candidates[c] === 1 ? counts.n[c]! : 0);
  const list = fillGroups(s.V.cadre, s.V.village, s.V.day, s.y0, s.y1, candidates, start);
  for (let c = 0; c < nC; c++) {
    if (candidates[c] === 0) continue;
    const found = cadreFindings(s.roster, c, s.h.codeAt(s.attribution[c]!), list, s.pairedVisits[c]!, s.y1, t, s.V, start[c]!, start[c + 1]!);
    if (found.length === 0) continue;
    s.findings.set(c, found);
    for (const v of found) countViolation(s, v, 1);
  }
}

/** The visits of each wanted cadre in the year, to known villages, in visit order, into groups whose starts are known. */
function fillGroups(Vc: Int32Array, Vv: Int32Array, Vd: Int32Array, y0: number, y1: number, wanted: Uint8Array, start: Int32Array): Int32Array {
  const list = new Int32Array(start[wanted.length]!);
  const next = start.slice(0, wanted.length);
  const n = Vc.length;
  for (let v = 0; v < n; v++) {
    const c = Vc[v]!;
    if (c >= 0 && wanted[c] === 1 && Vv[v]! >= 0 && Vd[v]! >= y0 && Vd[v]! <= y1) list[next[c]!++] = v;
  }
  return list;
}

/**
 * Per wanted cadre, over the year's visits to known villages: the visits (`n`), and five counts
 * in `f` (empty, brief, late, implausible, back-filled), and whether two villages were visited.
 * The hot loop touches `n`, the late count and the first village; the rarer counts are added
 * only for the visits that have one of them.
 */
function countFindings(
  V: ReturnType<Roster['visitColumns']>,
  y0: number,
  y1: number,
  wanted: Uint8Array,
  lateFrom: number,
  minMinutes: number,
  maxMinutes: number,
  maxHouseholds: number,
  maxDelay: number,
): { n: Int32Array; f: Int32Array; many: Uint8Array } {
  const nC = wanted.length;
  const n = new Int32Array(nC);
  const late = new Int32Array(nC);
  const f = new Int32Array(nC * 5);
  const many = new Uint8Array(nC);
  const firstVillage = new Int32Array(nC).fill(-1);
  const { cadre: Vc, village: Vv, day: Vd, minutes: Vm, households: Vh, activities: Va, recorded: Vr } = V;
  const total = Vc.length;
  for (let v = 0; v < total; v++) {
    const c = Vc[v]!;
    if (c < 0 || wanted[c] === 0) continue;
    const village = Vv[v]!;
    const day = Vd[v]!;
    if (village < 0 || day < y0 || day > y1) continue;
    n[c]!++;
    if (day >= lateFrom) late[c]!++;
    const first = firstVillage[c]!;
    if (first !== village) {
      if (first < 0) firstVillage[c] = village;
      else many[c] = 1;
    }
    const minutes = Vm[v]!;
    const households = Vh[v]!;
    const r = Vr[v]!;
    if (minutes < minMinutes || minutes > maxMinutes || households > maxHouseholds || households === 0 || (r !== NOT_RECORDED && r - day > maxDelay)) {
      const base = c * 5;
      if (Va[v] === 0 && households === 0) f[base]!++;
      if (minutes < minMinutes) f[base + 1]!++;
      if (minutes > maxMinutes || households > maxHouseholds) f[base + 3]!++;
      if (r !== NOT_RECORDED && r - day > maxDelay) f[base + 4]!++;
    }
  }
  for (let c = 0; c < nC; c++) f[c * 5 + 2] = late[c]!;
  return { n, f, many };
}

/**
 * Items grouped by key, in item order (a counting sort): the items of group `g` are
 * `list[start[g]]` to `list[start[g + 1] - 1]`. Items with a negative key, or that `keep`
 * refuses, are left out. Two passes over the keys, no array per item.
 */
function groupBy(keys: Int32Array, groups: number, keep: (item: number, key: number) => boolean = () => true): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k >= 0 && keep(i, k)) start[k]!++;
  }
  // Ends of the groups, then filled from the back so each end moves down to its group's start.
  for (let g = 1; g < groups; g++) start[g]! += start[g - 1]!;
  const total = groups > 0 ? start[groups - 1]! : 0;
  start[groups] = total;
  const list = new Int32Array(total);
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    if (k >= 0 && keep(i, k)) list[--start[k]!] = i;
  }
  return { start, list };
}

function refreshFindings(s: CheckState, c: number): void {
  const had = s.findings.get(c);
  if (had) for (const v of had) countViolation(s, v, -1);
  const later = s.laterVisits.get(c);
  const from = c + 1 < s.visitStart.length ? s.visitStart[c]! : 0;
  const to = c + 1 < s.visitStart.length ? s.visitStart[c + 1]! : 0;
  const found = later
    ? cadreFindings(s.roster, c, s.h.codeAt(s.attribution[c]!), [...s.visitList.subarray(from, to), ...later], s.pairedVisits[c]!, s.y1, s.policy.findings, s.V)
    : cadreFindings(s.roster, c, s.h.codeAt(s.attribution[c]!), s.visitList, s.pairedVisits[c]!, s.y1, s.policy.findings, s.V, from, to);
  if (found.length > 0) s.findings.set(c, found);
  else if (had) s.findings.delete(c);
  for (const v of found) countViolation(s, v, 1);
}

/** Count a violation made as an object (structural ones, findings) at its first division. */
function countViolation(s: CheckState, v: Violation, sign: 1 | -1): void {
  if (v.severity === 'info') return;
  const row = s.h.indexOf(v.divisions[0] ?? '');
  const at = row >= 0 ? row : nearestKnown(s.h, v.divisions[0] ?? '');
  countAt(s, at, v.severity === 'error' ? ERROR : WARNING, sign);
}

/** Count what a rule found (see {@link ERROR}) at a row; outside the scope, in the scope's own totals. */
function countAt(s: CheckState, row: number, found: number, sign: 1 | -1): void {
  if (found === 0) return;
  const errors = found & 255;
  const warnings = found >> 8;
  if (row >= s.lo && row < s.hi) {
    bumpRow(s, row, Fi.errors, sign * errors);
    bumpRow(s, row, Fi.warnings, sign * warnings);
  } else {
    s.whole[Fi.errors]! += sign * errors;
    s.whole[Fi.warnings]! += sign * warnings;
  }
}

/** Add to the totals of the nearest county or township holding `row`, and to the scope's. */
function bumpRow(s: CheckState, row: number, field: number, n: number): void {
  const slot = s.holder[row - s.lo]!;
  if (slot >= 0) s.agg[slot * F + field]! += n;
  s.whole[field]! += n;
}

/** A slot's totals with those of the slots below it (townships under a county): each row added into its nearest slot only, so every slot below contributes exactly once. */
function rolledUp(s: CheckState, slot: number): CoverageTotals {
  const agg = s.agg;
  const end = s.h.subtreeEnd(s.slotRows[slot]!);
  let last = slot + 1;
  while (last < s.slotRows.length && s.slotRows[last]! < end) last++;
  if (last === slot + 1) return totalsAt(agg, slot * F);
  const sum = agg.slice(slot * F, slot * F + F);
  for (let k = slot + 1; k < last; k++) for (let f = 0; f < F; f++) sum[f]! += agg[k * F + f]!;
  return totalsAt(sum, 0);
}

/**
 * Merge reports of disjoint scopes for the same year and policy: totals add up, the division
 * lists and violations interleave in code order. The merge of a prefecture's counties equals
 * the prefecture's own report. Reports of different years or policies, or of scopes that
 * overlap (a county and its prefecture, the same county twice), are refused with a
 * {@link PairingError}: their sum would mean nothing or count twice. The merge of no reports is
 * the empty report (no scopes, zero totals), which merges with any report as nothing.
 * @example
 * const parts = zhaotong.childrenOf('5306').map((c) => checkPairing(roster, { year: 2024, scope: c.code }));
 * const whole = mergeReports(parts); // deep-equal to checkPairing(roster, { year: 2024, scope: '5306' }) but for `scopes`
 * mergeReports([]).totals.villages; // 0
 */
export function mergeReports(reports: readonly CoverageReport[]): CoverageReport {
  const parts = reports.filter((r) => r.scopes.length > 0);
  const first = parts[0];
  if (first === undefined) return { scopes: [], year: reports[0]?.year ?? 0, policy: reports[0]?.policy ?? '', appliedPolicy: reports[0]?.appliedPolicy ?? parsePairingPolicy({}), totals: emptyTotals(), divisions: [], violations: [] };
  const key = policyKey(first.appliedPolicy);
  for (const r of parts) {
    if (r.year !== first.year) throw new PairingError('report.merge-year', { first: first.year, other: r.year });
    if (r.policy !== first.policy || policyKey(r.appliedPolicy) !== key) throw new PairingError('report.merge-policy', { first: first.policy, other: r.policy });
  }
  refuseOverlaps(parts.flatMap((r) => r.scopes));
  const totals = emptyTotals();
  const byCode = new Map<string, DivisionTotals>();
  const violations: Violation[] = [];
  for (const r of parts) {
    addTotals(totals, r.totals);
    for (const d of r.divisions) {
      const seen = byCode.get(d.code);
      if (seen) addTotals(seen.totals, d.totals);
      else byCode.set(d.code, { ...d, totals: { ...d.totals } });
    }
    for (const v of r.violations) violations.push(v);
  }
  const divisions = [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code));
  sortViolations(violations);
  return { scopes: parts.flatMap((r) => r.scopes), year: first.year, policy: first.policy, appliedPolicy: first.appliedPolicy, totals, divisions, violations };
}

/** A policy as text with its keys in order, so that two equal policies give the same text. */
function policyKey(policy: PairingPolicy | undefined): string {
  const canonical = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
  return JSON.stringify(canonical(policy ?? null));
}

/**
 * Refuse scopes that overlap: in code order every subtree is one run, so a scope overlaps an
 * earlier one exactly when it lies within a scope still open on the stack (n log n, not n²).
 * The whole hierarchy (`''`) overlaps everything.
 */
function refuseOverlaps(scopes: readonly string[]): void {
  if (scopes.length > 1 && scopes.includes('')) throw new PairingError('report.merge-overlap', { first: '(all)', other: scopes.find((s) => s !== '') ?? '(all)' });
  const sorted = scopes.map(shortCode).sort(compareCodes);
  const open: string[] = [];
  for (const code of sorted) {
    while (open.length > 0 && !isWithin(code, open[open.length - 1]!)) open.pop();
    if (open.length > 0) throw new PairingError('report.merge-overlap', { first: open[open.length - 1]!, other: code });
    open.push(code);
  }
}

/** A code in its short form (a padded 12-digit code is accepted), or the code as given when it is none (then nothing matches it). */
function shortCode(code: string): string {
  try {
    return normalizeCode(code);
  } catch {
    return code;
  }
}

/** Check the options of a check: a whole year, a known scope (padded codes accepted), a boolean for findings. */
function checkOptions(roster: Roster, options: CheckOptions): { year: number; scope: string | null } {
  const refuse = (field: string, value: unknown, reason: 'value.type' | 'value.missing' | 'value.too-small' | 'value.too-big', details: Record<string, string | number>) =>
    new SchemaError([{ index: 0, kind: 'check-options', field, reason, value: showValue(value), details }]);
  if (!(roster instanceof Roster)) throw refuse('roster', roster, 'value.type', { expected: 'type.object' });
  if (typeof options !== 'object' || options === null) throw refuse('', options, 'value.type', { expected: 'type.object' });
  const { year, scope, findings } = options;
  if (year === undefined) throw refuse('year', year, 'value.missing', {});
  if (typeof year !== 'number' || !Number.isInteger(year)) throw refuse('year', year, 'value.type', { expected: 'type.int' });
  if (year < 1949) throw refuse('year', year, 'value.too-small', { min: 1949 });
  if (year > 9999) throw refuse('year', year, 'value.too-big', { max: 9999 });
  if (findings !== undefined && typeof findings !== 'boolean') throw refuse('findings', findings, 'value.type', { expected: 'type.boolean' });
  if (scope === undefined) return { year, scope: null };
  if (typeof scope !== 'string') throw refuse('scope', scope, 'value.type', { expected: 'type.string' });
  // A padded 12-digit code names the same division as its short form; a code that is no code
  // is refused with the reason (DivisionCodeError).
  const short = normalizeCode(scope);
  if (roster.hierarchy.indexOf(short) < 0) throw new GualianError('hierarchy.unknown', { value: scope });
  return { year, scope: short };
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

