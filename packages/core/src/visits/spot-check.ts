/**
 * Spot checks (督查抽查): a reproducible, seeded, stratified sample of cadres or villages for an
 * inspection team, weighted toward those the records already flag, and the comparison of what
 * the inspectors found with what the ledgers say.
 */
import * as z from 'zod/mini';
import { dateSchema } from '../time/schema.js';
import { dayNumber, yearRange } from '../time/days.js';
import { isDivisionCode, normalizeCode } from '../hierarchy/codes.js';
import { RecordsError, parseRecord, parseRecords, showValue, type ParseMode, type RecordIssue } from '../errors/schema.js';
import { InspectionError } from './inspection-errors.js';
import type { CoverageReport } from '../pairing/check.js';
import type { Roster } from '../pairing/roster.js';
import { seededRandom } from '../util/random.js';

/**
 * Options of {@link drawSpotCheck}, checked field by field: a seed that is not a whole number
 * from 0 to 2³²−1, a size that is not a positive whole number, a share outside (0, 1], both or
 * neither of `size` and `share`, an unknown unit or strata, a flagged weight below 1, a scope that
 * is not a division code, or an unknown key, is refused with a `SchemaError` naming the field,
 * never replaced by a default.
 * @example
 * spotCheckOptionsSchema.safeParse({ seed: 1, size: -3 }).success; // false
 * spotCheckOptionsSchema.safeParse({ seed: 1, share: 0.1, unit: 'village' }).success; // true
 */
export const spotCheckOptionsSchema = z
  .strictObject({
    /** The same seed gives the same sample (a whole number from 0 to 4294967295). */
    seed: z.number().check(z.refine((n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff, 'expect.seed')),
    /** How many to draw in all (a positive whole number; or give `share`). */
    size: z.optional(z.number().check(z.int(), z.gte(1))),
    /** What share of the population to draw, in (0, 1], rounded up to whole cadres or villages (or give `size`). */
    share: z.optional(z.number().check(z.gt(0), z.lte(1))),
    /** Draw cadres (default) or villages. */
    unit: z.optional(z.enum(['cadre', 'village'])),
    /** Strata: counties (default) or townships; each gets a share of the sample in proportion to its population. */
    strata: z.optional(z.enum(['county', 'township'])),
    /** How much more likely a flagged cadre or village is to be drawn (default 3; at least 1, finite). */
    flaggedWeight: z.optional(z.number().check(z.gte(1), z.lte(1e6))),
    /** Draw only within this division (a county or township of the report's scopes; padded codes are accepted). */
    scope: z.optional(z.string().check(z.refine(isDivisionCode, 'expect.code'))),
  })
  .check(z.refine((o) => (o.size === undefined) !== (o.share === undefined), { message: 'expect.size-or-share', path: ['size'] }));

/** Options of {@link drawSpotCheck}. */
export type SpotCheckOptions = z.input<typeof spotCheckOptionsSchema>;

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
 * `size` (or of `share` × the population, rounded up) in proportion to its population (largest
 * remainders); within a stratum, cadres or villages are drawn without replacement with
 * probability proportional to their weight (Efraimidis–Spirakis), flagged ones weighing
 * `flaggedWeight`. Options are checked first (see {@link spotCheckOptionsSchema}): nonsense is a
 * `SchemaError`; a `scope` outside the hierarchy or the report, or a `size` larger than the
 * population, an {@link InspectionError}. Nothing falls back to a default silently.
 * @example
 * const draw = drawSpotCheck(report, roster, { seed: 20240601, size: 40 });
 * draw.items.map((i) => i.id); // the same 40 cadres for the same seed
 * drawSpotCheck(report, roster, { seed: 7, share: 0.1, unit: 'village', scope: '530627' }); // 10% of 镇雄县's villages
 */
export function drawSpotCheck(report: CoverageReport, roster: Roster, options: SpotCheckOptions): SpotCheckDraw {
  const o = parseRecord(spotCheckOptionsSchema, options, 'spot-check-options');
  const h = roster.hierarchy;
  const unit = o.unit ?? 'cadre';
  const strataLevel = o.strata === 'township' ? 3 : 2;
  const heavy = o.flaggedWeight ?? 3;
  const [y0, y1] = yearRange(report.year);
  const scopes = report.scopes.map((s) => (s === '' ? -1 : h.indexOf(s)));
  const within = (row: number, s: number) => s < 0 || (row >= s && row < h.subtreeEnd(s));
  let only = -1;
  if (o.scope !== undefined) {
    const code = normalizeCode(o.scope);
    only = h.indexOf(code);
    if (only < 0) throw new InspectionError('spot-check.unknown-scope', { scope: o.scope });
    // The scope must lie within what the report checked: the flags come from the report.
    if (!scopes.some((s) => within(only, s))) throw new InspectionError('spot-check.out-of-report', { scope: o.scope, scopes: report.scopes.join(', ') || '—' });
  }
  const inScope = (row: number) => within(row, only) && scopes.some((s) => within(row, s));
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
  const size = o.size ?? Math.ceil(o.share! * population.length - 1e-9);
  if (size > population.length) throw new InspectionError('spot-check.too-large', { size, population: population.length });
  const codes = [...groups.keys()].sort();
  const quotas = codes.map((code) => ({ code, exact: (groups.get(code)!.length * size) / Math.max(1, population.length) }));
  const alloc = new Map(quotas.map((q) => [q.code, Math.floor(q.exact)]));
  let left = size - [...alloc.values()].reduce((a, b) => a + b, 0);
  for (const q of [...quotas].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || (a.code < b.code ? -1 : 1))) {
    if (left-- <= 0) break;
    alloc.set(q.code, alloc.get(q.code)! + 1);
  }
  const rnd = seededRandom(o.seed);
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
  return { seed: o.seed, unit, items, strata };
}

/**
 * What an inspection team found when it checked a cadre on a day (明察暗访). Unknown keys are
 * refused, so a misspelt field is not silently dropped; that the cadre and the village exist is
 * checked against the roster by {@link compareInspections}.
 * @example
 * inspectionSchema.safeParse({ id: 'I1', cadreId: 'C000123', villageCode: '530627100201', date: '2024-02-30',
 *   inspector: '督查组一', present: true, working: true }).success; // false: no 30 February
 */
export const inspectionSchema = z.strictObject({
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

/** What {@link compareInspections} returns in `lenient` mode: every input is a finding or is reported. */
export interface InspectionComparison {
  findings: InspectionFinding[];
  /** Positions (0-based) in the input of the inspections behind `findings`, parallel to it. */
  positions: number[];
  /** Every problem of every refused inspection: position, id, field and reason. */
  issues: RecordIssue[];
}

/**
 * Parse inspections and check them against the roster: each must pass {@link inspectionSchema}
 * (a real date, a division code, every field), name a cadre of the roster and a village of its
 * hierarchy (a padded 12-digit code is accepted), and not repeat an earlier inspection's id.
 * Strict mode (the default) throws a `RecordsError` listing every issue; lenient mode keeps the
 * good inspections and reports every bad one.
 * @example
 * const { records, issues } = parseInspections(roster, rows, { mode: 'lenient' });
 * issues.map((i) => describeRecordIssue(i, 'zh-Hans')); // '第 3 条督查记录（I3），干部编号：干部“C9”不在名册中'
 */
export function parseInspections(roster: Roster, inputs: Iterable<unknown>, options: { mode?: ParseMode } = {}): { records: Inspection[]; positions: number[]; issues: RecordIssue[] } {
  const parsed = parseRecords(inspectionSchema, inputs, { kind: 'inspection', mode: 'lenient' });
  const h = roster.hierarchy;
  const out = { records: [] as Inspection[], positions: [] as number[], issues: parsed.issues };
  const firstOf = new Map<string, number>();
  parsed.records.forEach((inspection, k) => {
    const index = parsed.positions[k]!;
    const bad: RecordIssue[] = [];
    const issue = (field: string, reason: RecordIssue['reason'], value: string, details?: Record<string, string | number>): void => {
      bad.push({ index, id: inspection.id, kind: 'inspection', field, reason, value: showValue(value), ...(details ? { details } : {}) });
    };
    if (roster.cadreIndex(inspection.cadreId) < 0) issue('cadreId', 'inspection.unknown-cadre', inspection.cadreId);
    const village = h.indexOf(normalizeCode(inspection.villageCode));
    if (village < 0 || h.levelAt(village) !== VILLAGE_LEVEL) issue('villageCode', 'inspection.unknown-village', inspection.villageCode);
    const first = firstOf.get(inspection.id);
    if (first !== undefined) issue('id', 'inspection.duplicate-id', inspection.id, { first: first + 1 });
    else firstOf.set(inspection.id, index);
    if (bad.length > 0) out.issues.push(...bad);
    else {
      // The village in short form, so that a padded code finds the ledger's visits.
      out.records.push(village >= 0 && inspection.villageCode !== h.codeAt(village) ? { ...inspection, villageCode: h.codeAt(village) } : inspection);
      out.positions.push(index);
    }
  });
  out.issues.sort((a, b) => a.index - b.index);
  if ((options.mode ?? 'strict') === 'strict' && out.issues.length > 0) throw new RecordsError(out.issues, 'inspection');
  return out;
}

const VILLAGE_LEVEL = 4;

/**
 * Compare inspections with the ledgers: a cadre found absent on a day the ledger records a
 * visit is the clearest sign of a nominal (挂名) pairing; found present but idle, of a
 * commute-style (走读式) one. The inspections are parsed first ({@link parseInspections}): an
 * impossible date, an unknown cadre or village, or a repeated id refuses them all with a
 * `RecordsError` (strict, the default); `mode: 'lenient'` compares the good ones and reports
 * every bad one with its position, field and reason.
 * @example
 * compareInspections(roster, [{ id: 'I1', cadreId: 'C000123', villageCode: '530627100201',
 *   date: '2024-05-02', inspector: '督查组一', present: false, working: false }]);
 * // → [{ outcome: 'contradicts-ledger', ledgerVisits: ['V0000456'], … }] if the ledger says they were there
 * const { findings, issues } = compareInspections(roster, rows, { mode: 'lenient' });
 */
export function compareInspections(roster: Roster, inspections: Iterable<Inspection | unknown>, options?: { mode?: 'strict' }): InspectionFinding[];
export function compareInspections(roster: Roster, inspections: Iterable<Inspection | unknown>, options: { mode: 'lenient' }): InspectionComparison;
export function compareInspections(roster: Roster, inspections: Iterable<Inspection | unknown>, options: { mode?: ParseMode } = {}): InspectionFinding[] | InspectionComparison {
  const { records, positions, issues } = parseInspections(roster, inspections, options);
  const V = roster.visitColumns();
  const wanted = new Map<string, InspectionFinding[]>();
  const key = (cadre: number, village: number, day: number) => `${cadre}|${village}|${day}`;
  const out: InspectionFinding[] = records.map((inspection) => {
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
  return options.mode === 'lenient' ? { findings: out, positions, issues } : out;
}
