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
import { cadreFindings } from '../visits/findings.js';
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
 * {@link watchPairing}.
 */
export class PairingMonitor {
  readonly roster: Roster;
  readonly year: number;
  readonly scope: string | null;
  readonly policy: PairingPolicy;
  readonly #withFindings: boolean;
  readonly #lo: number;
  readonly #hi: number;
  readonly #y0: number;
  readonly #y1: number;
  // Pairings (fixed for the monitor's life: a new pairing needs a new check).
  readonly #active: Uint8Array;
  readonly #firstOf: Int32Array;
  readonly #byCadre: Int32Array;
  readonly #attribution: Int32Array;
  readonly #required: Int32Array;
  readonly #visitsOf: Int32Array;
  readonly #quartersOf: Uint8Array;
  readonly #pairedVisits: Int32Array;
  // Totals: one slot per county and township of the scope, and the scope's own.
  readonly #slot: Int32Array;
  readonly #slotRows: number[];
  readonly #agg: Int32Array;
  // Violations: those visits cannot change, and those they can, kept per pairing and cadre.
  readonly #structural: Violation[] = [];
  readonly #visitIssues: Violation[] = [];
  readonly #short = new Map<number, Violation>();
  readonly #quarters = new Map<number, Violation>();
  readonly #findings = new Map<number, Violation[]>();
  /** The year's visits of each cadre the findings look at: CSR from the first pass, then a list per cadre for visits added later. */
  #visitStart: Int32Array = new Int32Array(1);
  #visitList: Int32Array = new Int32Array(0);
  readonly #laterVisits = new Map<number, number[]>();
  #P: ReturnType<Roster['pairingColumns']>;
  #V: ReturnType<Roster['visitColumns']>;
  #unsubscribe: (() => void) | null = null;

  constructor(roster: Roster, options: CheckOptions) {
    this.roster = roster;
    this.year = options.year;
    this.scope = options.scope ?? null;
    this.policy = pairingPolicySchema.parse(options.policy ?? {});
    this.#withFindings = options.findings !== false;
    const policy = this.policy;
    const h = roster.hierarchy;
    const lo = this.scope === null ? 0 : h.indexOf(this.scope);
    if (lo < 0) throw new GualianError('hierarchy.unknown', { value: String(this.scope) });
    const hi = this.scope === null ? h.size : h.subtreeEnd(lo);
    this.#lo = lo;
    this.#hi = hi;
    const inScope = (row: number) => row >= lo && row < hi;
    const [y0, y1] = yearRange(options.year);
    this.#y0 = y0;
    this.#y1 = y1;
    const c0 = Math.max(y0, dayNumber(policy.campaign.from));
    const c1 = Math.min(y1, dayNumber(policy.campaign.to));
    const add = (code: ViolationCode, severity: Severity, rule: string, divisions: string[], cadres: string[], details: Record<string, string | number> = {}) =>
      this.#structural.push({ code, severity, rule, divisions, cadres, details });

    const P = (this.#P = roster.pairingColumns());
    this.#V = roster.visitColumns();
    const nP = P.cadre.length;
    const nC = roster.cadreCount;
    const cadreId = (c: number) => roster.cadres[c]!.id;
    const pairingCode = (p: number) => roster.pairings[p]?.code ?? (P.target[p]! >= 0 ? h.codeAt(P.target[p]!) : '?');
    const ledLevel = (rank: number): number => {
      const l = policy.leads[CADRE_RANKS[rank] as 'prefectural' | 'divisional'];
      return l === 'county' ? LEVEL_COUNTY : l === 'township' ? LEVEL_TOWNSHIP : -1;
    };

    // Pass 1 over every pairing (not only the scope's): each cadre's attribution row, so that a
    // cadre is counted in exactly one scope whatever scope is asked.
    const active = (this.#active = new Uint8Array(nP));
    const cadreVillage = new Int32Array(nC).fill(-1);
    const cadreLead = new Int32Array(nC).fill(-1);
    const cadreVillages = new Int32Array(nC);
    const cadreLeads = new Int32Array(nC);
    const firstOf = (this.#firstOf = new Int32Array(nC + 1));
    for (let p = 0; p < nP; p++) {
      const c = P.cadre[p]!;
      const t = P.target[p]!;
      if (c < 0 || t < 0 || P.from[p]! > P.to[p]! || P.from[p]! > c1 || P.to[p]! < c0) continue;
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
    const byCadre = (this.#byCadre = new Int32Array(firstOf[nC]!));
    const fill = firstOf.slice(0, nC);
    for (let p = 0; p < nP; p++) if (active[p]) byCadre[fill[P.cadre[p]!]!++] = p;
    const attribution = (this.#attribution = new Int32Array(nC));
    for (let c = 0; c < nC; c++) attribution[c] = cadreVillage[c]! >= 0 ? cadreVillage[c]! : cadreLead[c]! >= 0 ? cadreLead[c]! : roster.cadreHome[c]!;

    // Per-row counts, over the scope's rows only.
    const size = hi - lo;
    const villageCadres = new Int32Array(size);
    const leadsOf = new Int32Array(size);
    const cadresAt = new Int32Array(size);
    for (let p = 0; p < nP; p++) {
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
        if (P.from[p]! > dayNumber(policy.campaign.to) || P.to[p]! < dayNumber(policy.campaign.from)) add('pairing.outside-campaign', 'warning', 'campaign', [pairingCode(p)], [cadreId(c)], { pairing: p });
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

    // Cadres attributed to the scope.
    for (let c = 0; c < nC; c++) {
      const at = attribution[c]!;
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
      const at = attribution[roster.cadreIndex(id)]!;
      if (at >= 0 && inScope(at)) add('cadre.duplicate', 'warning', 'data', [h.codeAt(at)], [id]);
    }

    // The requirement of each village pairing, prorated when the pairing (or the campaign)
    // covers only part of the year; rounded to the nearest visit (half a year of four asks two).
    this.#required = new Int32Array(nP);
    const yearDays = y1 - y0 + 1;
    for (let p = 0; p < nP; p++) {
      if (!active[p] || P.role[p] !== ROLE_VILLAGE) continue;
      const span = Math.min(P.to[p]!, c1) - Math.max(P.from[p]!, c0) + 1;
      this.#required[p] = span >= yearDays ? policy.minVisitsPerYear : Math.round((policy.minVisitsPerYear * span) / yearDays);
    }

    // Totals: a slot per county and township; each row adds into its nearest slot.
    this.#slot = new Int32Array(size).fill(-1);
    this.#slotRows = [];
    for (let row = lo; row < hi; row++) {
      const l = h.levelAt(row);
      if (l === LEVEL_COUNTY || l === LEVEL_TOWNSHIP) {
        this.#slot[row - lo] = this.#slotRows.length;
        this.#slotRows.push(row);
      }
    }
    this.#agg = new Int32Array((this.#slotRows.length + 1) * F);
    for (let row = lo; row < hi; row++) {
      const level = h.levelAt(row);
      const k = row - lo;
      if (level === LEVEL_VILLAGE) {
        const n = villageCadres[k]!;
        this.#bumpRow(row, Fi.villages, 1);
        if (n >= policy.minCadresPerVillage) this.#bumpRow(row, Fi.villagesCovered, 1);
        else if (n > 0) {
          this.#bumpRow(row, Fi.villagesShort, 1);
          add('village.short', 'error', 'minCadresPerVillage', [h.codeAt(row)], [], { count: n, required: policy.minCadresPerVillage });
        } else {
          this.#bumpRow(row, Fi.villagesUncovered, 1);
          add('village.uncovered', 'error', 'minCadresPerVillage', [h.codeAt(row)], [], { required: policy.minCadresPerVillage });
        }
      } else if (level === LEVEL_TOWNSHIP || level === LEVEL_COUNTY) {
        const led = leadsOf[k]!;
        const county = level === LEVEL_COUNTY;
        this.#bumpRow(row, county ? Fi.counties : Fi.townships, 1);
        if (led > 0) this.#bumpRow(row, county ? Fi.countiesLed : Fi.townshipsLed, 1);
        const code = h.codeAt(row);
        if (led === 0 && (county ? policy.everyCountyLed : policy.everyTownshipLed)) add(county ? 'county.no-lead' : 'township.no-lead', 'error', county ? 'everyCountyLed' : 'everyTownshipLed', [code], []);
        if (led > 1) add(county ? 'county.many-leads' : 'township.many-leads', 'warning', 'leads', [code], [], { count: led });
      }
      if (leadsOf[k]! > 0) this.#bumpRow(row, Fi.leads, leadsOf[k]!);
      if (cadresAt[k]! > 0) this.#bumpRow(row, Fi.cadres, cadresAt[k]!);
    }
    for (const v of this.#structural) this.#countViolation(v, 1);

    // Visits, then compliance and findings.
    this.#visitsOf = new Int32Array(nP);
    this.#quartersOf = new Uint8Array(nP);
    this.#pairedVisits = new Int32Array(nC);
    for (let p = 0; p < nP; p++) {
      const t = P.target[p]!;
      if (active[p] && P.role[p] === ROLE_VILLAGE && inScope(t)) this.#bumpRow(t, Fi.villagePairings, 1);
    }
    const V = this.#V;
    for (let v = 0; v < V.cadre.length; v++) this.#countVisit(v);
    if (this.#withFindings) this.#indexVisitsByCadre();
    for (let p = 0; p < nP; p++) {
      const t = P.target[p]!;
      if (!active[p] || P.role[p] !== ROLE_VILLAGE || !inScope(t)) continue;
      this.#settleCompliance(p, true);
    }
    if (this.#withFindings) for (let c = 0; c < nC; c++) if (this.#findsFor(c)) this.#refreshFindings(c);
    for (const id of new Set(roster.duplicateVisitIds())) {
      const i = roster.visitIndex(id);
      const t = V.village[i]!;
      if (t >= 0 && inScope(t)) this.#addVisitIssue({ code: 'visit.duplicate', severity: 'warning', rule: 'data', divisions: [h.codeAt(t)], cadres: V.cadre[i]! >= 0 ? [cadreId(V.cadre[i]!)] : [], details: { visit: id } });
    }
  }

  /** Follow the roster: each visit added updates this check. */
  start(): void {
    this.#unsubscribe ??= this.roster.onVisit((v) => this.#onVisit(v));
  }

  /** Stop following the roster. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** The totals of the scope, or of one county or township in it. */
  totals(code?: string): CoverageTotals {
    if (code === undefined) return totalsFrom(this.#agg, this.#slotRows.length);
    const row = this.roster.hierarchy.indexOf(code);
    const s = row >= this.#lo && row < this.#hi ? this.#slot[row - this.#lo]! : -1;
    if (s < 0) throw new GualianError('hierarchy.unknown', { value: code });
    return this.#rolledUp(s);
  }

  /** The full report as it stands. */
  report(): CoverageReport {
    const h = this.roster.hierarchy;
    const divisions: DivisionTotals[] = this.#slotRows.map((row, s) => ({
      code: h.codeAt(row),
      name: h.nameAt(row),
      level: h.levelAt(row) === LEVEL_COUNTY ? 'county' : 'township',
      totals: this.#rolledUp(s),
    }));
    const violations = [...this.#structural, ...this.#visitIssues, ...this.#short.values(), ...this.#quarters.values(), ...[...this.#findings.values()].flat()];
    violations.sort(compareViolations);
    return { scopes: [this.scope ?? ''], year: this.year, policy: this.policy.name, totals: this.totals(), divisions, violations };
  }

  #onVisit(v: number): void {
    this.#V = this.roster.visitColumns();
    const pairing = this.#countVisit(v);
    if (pairing >= 0) this.#settleCompliance(pairing, false);
    const c = this.#V.cadre[v]!;
    const day = this.#V.day[v]!;
    if (!this.#withFindings || c < 0 || !this.#findsFor(c) || this.#V.village[v]! < 0 || day < this.#y0 || day > this.#y1) return;
    let later = this.#laterVisits.get(c);
    if (!later) this.#laterVisits.set(c, (later = []));
    later.push(v);
    this.#refreshFindings(c);
  }

  /** The year's visits (to known villages) of the cadres the findings look at, grouped by cadre. */
  #indexVisitsByCadre(): void {
    const V = this.#V;
    const nC = this.roster.cadreCount;
    const wanted = new Uint8Array(nC);
    for (let c = 0; c < nC; c++) if (this.#findsFor(c)) wanted[c] = 1;
    const keep = (v: number) => {
      const c = V.cadre[v]!;
      return c >= 0 && wanted[c] === 1 && V.village[v]! >= 0 && V.day[v]! >= this.#y0 && V.day[v]! <= this.#y1;
    };
    const start = new Int32Array(nC + 1);
    for (let v = 0; v < V.cadre.length; v++) if (keep(v)) start[V.cadre[v]! + 1]!++;
    for (let c = 0; c < nC; c++) start[c + 1]! += start[c]!;
    const list = new Int32Array(start[nC]!);
    const fill = start.slice(0, nC);
    for (let v = 0; v < V.cadre.length; v++) if (keep(v)) list[fill[V.cadre[v]!]!++] = v;
    this.#visitStart = start;
    this.#visitList = list;
  }

  #visitsOfCadre(c: number): ArrayLike<number> {
    const own = c + 1 < this.#visitStart.length ? this.#visitList.subarray(this.#visitStart[c]!, this.#visitStart[c + 1]!) : new Int32Array(0);
    const later = this.#laterVisits.get(c);
    return later ? [...own, ...later] : own;
  }

  /** Count one visit; returns the pairing it counted for, or -1. */
  #countVisit(v: number): number {
    const roster = this.roster;
    const h = roster.hierarchy;
    const V = this.#V;
    const P = this.#P;
    const t = V.village[v]!;
    const day = V.day[v]!;
    if (day < this.#y0 || day > this.#y1) return -1;
    const c = V.cadre[v]!;
    const inScope = (row: number) => row >= this.#lo && row < this.#hi;
    if (t < 0 || c < 0) {
      const at = t >= 0 ? t : c >= 0 ? this.#attribution[c]! : -1;
      if (at >= 0 && inScope(at)) this.#addVisitIssue({ code: t < 0 ? 'visit.unknown-village' : 'visit.unknown-cadre', severity: 'error', rule: 'data', divisions: [h.codeAt(at)], cadres: c >= 0 ? [roster.cadres[c]!.id] : [], details: { visit: roster.visitId(v) } });
      return -1;
    }
    if (!inScope(t)) return -1;
    let pairing = -1;
    let anyPeriod = false;
    for (let k = this.#firstOf[c]!; k < this.#firstOf[c + 1]!; k++) {
      const p = this.#byCadre[k]!;
      if (P.target[p] !== t || P.role[p] !== ROLE_VILLAGE || !this.#active[p]) continue;
      anyPeriod = true;
      if (day >= P.from[p]! && day <= P.to[p]!) pairing = p;
    }
    if (pairing < 0) {
      this.#addVisitIssue({ code: anyPeriod ? 'visit.outside-pairing' : 'visit.unpaired-village', severity: 'warning', rule: 'minVisitsPerYear', divisions: [h.codeAt(t)], cadres: [roster.cadres[c]!.id], details: { visit: roster.visitId(v), date: isoDate(day) } });
      return -1;
    }
    this.#visitsOf[pairing]!++;
    this.#quartersOf[pairing]! |= 1 << quarterOf(day);
    this.#pairedVisits[c]!++;
    this.#bumpRow(t, Fi.visits, 1);
    return pairing;
  }

  /** Bring a pairing's compliance counts and violations up to date. */
  #settleCompliance(p: number, first: boolean): void {
    const h = this.roster.hierarchy;
    const P = this.#P;
    const t = P.target[p]!;
    const made = this.#visitsOf[p]!;
    const required = this.#required[p]!;
    const wasShort = this.#short.get(p);
    const isShort = made < required;
    if (first) this.#bumpRow(t, isShort ? Fi.pairingsShort : Fi.pairingsCompliant, 1);
    else if (wasShort && !isShort) {
      this.#bumpRow(t, Fi.pairingsShort, -1);
      this.#bumpRow(t, Fi.pairingsCompliant, 1);
    }
    if (wasShort) {
      this.#bumpRow(t, Fi.visitShortfall, -Number(wasShort.details['shortfall']));
      this.#countViolation(wasShort, -1);
      this.#short.delete(p);
    }
    if (isShort) {
      const v: Violation = { code: 'visits.short', severity: 'error', rule: 'minVisitsPerYear', divisions: [h.codeAt(t)], cadres: [this.roster.cadres[P.cadre[p]!]!.id], details: { made, required, shortfall: required - made, pairing: p } };
      this.#short.set(p, v);
      this.#bumpRow(t, Fi.visitShortfall, required - made);
      this.#countViolation(v, 1);
    }
    if (this.policy.visitEveryQuarter) {
      const old = this.#quarters.get(p);
      if (old) this.#countViolation(old, -1);
      this.#quarters.delete(p);
      const from = Math.max(P.from[p]!, this.#y0, dayNumber(this.policy.campaign.from));
      const to = Math.min(P.to[p]!, this.#y1, dayNumber(this.policy.campaign.to));
      const missing: string[] = [];
      for (let q = quarterOf(from); q <= quarterOf(to); q++) if (!(this.#quartersOf[p]! & (1 << q))) missing.push(`Q${q + 1}`);
      if (missing.length > 0) {
        const v: Violation = { code: 'visits.quarter-missing', severity: 'error', rule: 'visitEveryQuarter', divisions: [h.codeAt(t)], cadres: [this.roster.cadres[P.cadre[p]!]!.id], details: { quarters: missing.join(' '), pairing: p } };
        this.#quarters.set(p, v);
        this.#countViolation(v, 1);
      }
    }
  }

  /** Whether cadre `c` is attributed to the scope and paired with a village this year. */
  #findsFor(c: number): boolean {
    const at = this.#attribution[c]!;
    if (at < this.#lo || at >= this.#hi) return false;
    const P = this.#P;
    for (let k = this.#firstOf[c]!; k < this.#firstOf[c + 1]!; k++) if (P.role[this.#byCadre[k]!] === ROLE_VILLAGE) return true;
    return false;
  }

  #refreshFindings(c: number): void {
    for (const v of this.#findings.get(c) ?? []) this.#countViolation(v, -1);
    const found = cadreFindings(this.roster, c, this.roster.hierarchy.codeAt(this.#attribution[c]!), this.#visitsOfCadre(c), this.#pairedVisits[c]!, this.#y1, this.policy.findings);
    if (found.length > 0) this.#findings.set(c, found);
    else this.#findings.delete(c);
    for (const v of found) this.#countViolation(v, 1);
  }

  #addVisitIssue(v: Violation): void {
    this.#visitIssues.push(v);
    this.#countViolation(v, 1);
  }

  #countViolation(v: Violation, sign: 1 | -1): void {
    if (v.severity === 'info') return;
    const h = this.roster.hierarchy;
    const row = h.indexOf(v.divisions[0] ?? '');
    const at = row >= 0 ? row : nearestKnown(h, v.divisions[0] ?? '');
    const field = v.severity === 'error' ? Fi.errors : Fi.warnings;
    if (at >= this.#lo && at < this.#hi) this.#bumpRow(at, field, sign);
    else this.#agg[this.#slotRows.length * F + field]! += sign;
  }

  /** Add to the totals of the nearest county or township holding `row`, and to the scope's. */
  #bumpRow(row: number, field: number, n: number): void {
    const h = this.roster.hierarchy;
    for (let a = row; a >= this.#lo; a = h.parentIndex(a)) {
      const s = this.#slot[a - this.#lo]!;
      if (s >= 0) {
        this.#agg[s * F + field]! += n;
        break;
      }
    }
    this.#agg[this.#slotRows.length * F + field]! += n;
  }

  /** A slot's totals with those of the slots below it (townships under a county). */
  #rolledUp(s: number): CoverageTotals {
    const t = totalsFrom(this.#agg, s);
    const row = this.#slotRows[s]!;
    const end = this.roster.hierarchy.subtreeEnd(row);
    // Each row added into its nearest slot only, so every slot below contributes exactly once.
    for (let k = s + 1; k < this.#slotRows.length && this.#slotRows[k]! < end; k++) {
      for (let f = 0; f < F; f++) t[FIELDS[f]!] += this.#agg[k * F + f]!;
    }
    return t;
  }
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

