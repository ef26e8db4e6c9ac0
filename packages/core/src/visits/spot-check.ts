/**
 * Spot checks (督查抽查): a reproducible, seeded, stratified sample of cadres or villages for an
 * inspection team, weighted toward those the records already flag, and the comparison of what
 * the inspectors found with what the ledgers say.
 */
import * as z from 'zod/mini';
import { dateSchema } from '../time/schema.js';
import { dayNumber, yearRange } from '../time/days.js';
import { isDivisionCode } from '../hierarchy/codes.js';
import type { CoverageReport } from '../pairing/check.js';
import type { Roster } from '../pairing/roster.js';
import { seededRandom } from '../util/random.js';

/** Options of {@link drawSpotCheck}. */
export interface SpotCheckOptions {
  /** The same seed gives the same sample. */
  seed: number;
  /** How many to draw in all. */
  size: number;
  /** Draw cadres (default) or villages. */
  unit?: 'cadre' | 'village';
  /** Strata: counties (default) or townships; each gets a share of the sample in proportion to its population. */
  strata?: 'county' | 'township';
  /** How much more likely a flagged cadre or village is to be drawn (default 3). */
  flaggedWeight?: number;
}

/** One drawn cadre or village, with why it weighed more. */
export interface SpotCheckItem {
  /** A cadre id, or a village code. */
  id: string;
  /** The village (for a cadre: the one they pair with). */
  village: string;
  /** The county or township it was drawn from. */
  stratum: string;
  weight: number;
  /** The violation codes that flagged it, if any. */
  flags: string[];
}

/** A drawn sample. */
export interface SpotCheckDraw {
  seed: number;
  unit: 'cadre' | 'village';
  items: SpotCheckItem[];
  strata: Array<{ code: string; population: number; drawn: number }>;
}

/**
 * Draw a stratified sample for an inspection. Each stratum (county or township) gets a share of
 * `size` in proportion to its population (largest remainders); within a stratum, cadres or
 * villages are drawn without replacement with probability proportional to their weight
 * (Efraimidis–Spirakis), flagged ones weighing `flaggedWeight`.
 * @example
 * const draw = drawSpotCheck(report, roster, { seed: 20240601, size: 40 });
 * draw.items.map((i) => i.id); // the same 40 cadres for the same seed
 */
export function drawSpotCheck(report: CoverageReport, roster: Roster, options: SpotCheckOptions): SpotCheckDraw {
  const h = roster.hierarchy;
  const unit = options.unit ?? 'cadre';
  const strataLevel = options.strata === 'township' ? 3 : 2;
  const heavy = options.flaggedWeight ?? 3;
  const [y0, y1] = yearRange(report.year);
  const scopes = report.scopes.map((s) => (s === '' ? -1 : h.indexOf(s)));
  const inScope = (row: number) => scopes.some((s) => s < 0 || (row >= s && row < h.subtreeEnd(s)));
  const flags = new Map<string, string[]>();
  const flag = (key: string, code: string) => {
    const list = flags.get(key) ?? [];
    if (!list.includes(code)) list.push(code);
    flags.set(key, list);
  };
  for (const v of report.violations) {
    if (v.severity === 'info') continue;
    if (unit === 'cadre') for (const c of v.cadres) flag(c, v.code);
    else if (v.divisions[0] && h.indexOf(v.divisions[0]) >= 0 && h.levelAt(h.indexOf(v.divisions[0])) === 4) flag(v.divisions[0], v.code);
  }
  // The population: cadres by the village they pair with this year, or the villages themselves.
  const population: Array<{ id: string; village: number }> = [];
  if (unit === 'cadre') {
    const P = roster.pairingColumns();
    const seen = new Set<number>();
    for (let p = 0; p < P.cadre.length; p++) {
      const c = P.cadre[p]!;
      const t = P.target[p]!;
      if (c < 0 || t < 0 || P.role[p] !== 2 || seen.has(c) || P.from[p]! > y1 || P.to[p]! < y0 || h.levelAt(t) !== 4 || !inScope(t)) continue;
      seen.add(c);
      population.push({ id: roster.cadreId(c), village: t });
    }
  } else {
    for (let row = 0; row < h.size; row++) if (h.levelAt(row) === 4 && inScope(row)) population.push({ id: h.codeAt(row), village: row });
  }
  const stratumOf = (row: number) => {
    let a = row;
    while (a >= 0 && h.levelAt(a) > strataLevel) a = h.parentIndex(a);
    return a >= 0 ? h.codeAt(a) : '';
  };
  const groups = new Map<string, typeof population>();
  for (const item of population) {
    const s = stratumOf(item.village);
    const list = groups.get(s);
    if (list) list.push(item);
    else groups.set(s, [item]);
  }
  // Proportional allocation with largest remainders, ties broken by code for reproducibility.
  const size = Math.min(options.size, population.length);
  const codes = [...groups.keys()].sort();
  const quotas = codes.map((code) => ({ code, exact: (groups.get(code)!.length * size) / Math.max(1, population.length) }));
  const alloc = new Map(quotas.map((q) => [q.code, Math.floor(q.exact)]));
  let left = size - [...alloc.values()].reduce((a, b) => a + b, 0);
  for (const q of [...quotas].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || (a.code < b.code ? -1 : 1))) {
    if (left-- <= 0) break;
    alloc.set(q.code, alloc.get(q.code)! + 1);
  }
  const rnd = seededRandom(options.seed);
  const items: SpotCheckItem[] = [];
  const strata: SpotCheckDraw['strata'] = [];
  for (const code of codes) {
    const members = groups.get(code)!;
    const k = alloc.get(code)!;
    const keyed = members.map((m) => {
      const f = flags.get(m.id) ?? [];
      const weight = f.length > 0 ? heavy : 1;
      return { m, f, weight, key: Math.pow(rnd(), 1 / weight) };
    });
    keyed.sort((a, b) => b.key - a.key);
    for (const { m, f, weight } of keyed.slice(0, k)) items.push({ id: m.id, village: h.codeAt(m.village), stratum: code, weight, flags: f });
    strata.push({ code, population: members.length, drawn: k });
  }
  return { seed: options.seed, unit, items, strata };
}

/** What an inspection team found when it checked a cadre on a day (明察暗访). */
export const inspectionSchema = z.object({
  id: z.string().check(z.minLength(1)),
  cadreId: z.string().check(z.minLength(1)),
  villageCode: z.string().check(z.refine(isDivisionCode, 'expect.code')),
  date: dateSchema,
  inspector: z.string().check(z.minLength(1)),
  /** Whether the cadre was in the village. */
  present: z.boolean(),
  /** Whether the cadre was doing the pairing work (not just passing through). */
  working: z.boolean(),
  notes: z.optional(z.string()),
});
/** An inspection record. */
export type Inspection = z.output<typeof inspectionSchema>;

/** What an inspection says against the ledger. */
export type InspectionOutcome = 'confirmed' | 'idle' | 'absent' | 'contradicts-ledger';

/** One inspection compared with the ledger. */
export interface InspectionFinding {
  inspection: Inspection;
  outcome: InspectionOutcome;
  /** The ledger's visits of that cadre to that village on that day. */
  ledgerVisits: string[];
}

/**
 * Compare inspections with the ledgers: a cadre found absent on a day the ledger records a
 * visit is the clearest sign of a nominal (挂名) pairing; found present but idle, of a
 * commute-style (走读式) one.
 * @example
 * compareInspections(roster, [{ id: 'I1', cadreId: 'C000123', villageCode: '530627100201',
 *   date: '2024-05-02', inspector: '督查组一', present: false, working: false }]);
 * // → [{ outcome: 'contradicts-ledger', ledgerVisits: ['V0000456'], … }] if the ledger says they were there
 */
export function compareInspections(roster: Roster, inspections: readonly Inspection[]): InspectionFinding[] {
  const V = roster.visitColumns();
  const wanted = new Map<string, InspectionFinding[]>();
  const key = (cadre: number, village: number, day: number) => `${cadre}|${village}|${day}`;
  const out: InspectionFinding[] = inspections.map((inspection) => {
    const finding: InspectionFinding = { inspection, outcome: 'confirmed', ledgerVisits: [] };
    const c = roster.cadreIndex(inspection.cadreId);
    const t = roster.hierarchy.indexOf(inspection.villageCode);
    const k = key(c, t, dayNumber(inspection.date));
    wanted.set(k, [...(wanted.get(k) ?? []), finding]);
    return finding;
  });
  for (let v = 0; v < V.cadre.length; v++) {
    for (const f of wanted.get(key(V.cadre[v]!, V.village[v]!, V.day[v]!)) ?? []) f.ledgerVisits.push(roster.visitId(v));
  }
  for (const f of out) {
    const { present, working } = f.inspection;
    f.outcome = !present ? (f.ledgerVisits.length > 0 ? 'contradicts-ledger' : 'absent') : working ? 'confirmed' : 'idle';
  }
  return out;
}
