/**
 * The planner's door: everything `planPairings` is given is checked here before anything is
 * solved, and every problem is reported at once as a {@link PlannerError} (`planner.rejected`)
 * whose issues name the record (kind and position), the field and the reason.
 */
import * as z from 'zod/mini';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { DIVISION_LEVELS, normalizeCode } from '../hierarchy/codes.js';
import { parseRecords, recordIssues, showValue, type RecordIssue } from '../errors/schema.js';
import { cadreSchema, pairingPolicySchema, pairingSchema, type Cadre, type Pairing, type PairingPolicy } from './schema.js';
import { PlannerError } from './planner-errors.js';

/** A point in WGS-84 degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Tier costs of distance between a cadre's anchor and a village (integers from 0 to {@link MAX_TIER_COST}). */
export interface PlanCosts {
  sameTownship: number;
  sameCounty: number;
  elsewhere: number;
}

/**
 * The largest tier cost: the tiers are weighted so that each term of the plan's cost outweighs
 * every total of the later ones, and larger costs would leave exact integer arithmetic.
 * @example
 * planPairings(h, { scope: '5306', cadres, costs: { elsewhere: MAX_TIER_COST } });
 */
export const MAX_TIER_COST = 1000;

const tierCost = z.optional(z.number().check(z.int(), z.gte(0), z.lte(MAX_TIER_COST)));
const optionsSchema = z.strictObject({
  scope: z.string(),
  cadres: z.array(z.unknown()),
  fixed: z.optional(z.array(z.unknown())),
  policy: z.optional(z.unknown()),
  costs: z.optional(z.strictObject({ sameTownship: tierCost, sameCounty: tierCost, elsewhere: tierCost })),
  spreadUnits: z.optional(z.boolean()),
  villageLocations: z.optional(z.unknown()),
  solver: z.optional(z.enum(['primal-dual', 'cost-scaling'])),
});
const latLonSchema = z.object({ lat: z.number().check(z.gte(-90), z.lte(90)), lon: z.number().check(z.gte(-180), z.lte(180)) });

/** What the planner works on once its input is checked. */
export interface PlanInput {
  scope: string;
  /** The scope's row in the hierarchy. */
  row: number;
  cadres: Cadre[];
  fixed: Pairing[];
  policy: PairingPolicy;
  costs: PlanCosts;
  spread: boolean;
  solver: 'primal-dual' | 'cost-scaling';
  /** Village locations by row of the hierarchy; `null` when none were given. */
  locations: Map<number, LatLon> | null;
}

const DEFAULT_COSTS: PlanCosts = { sameTownship: 0, sameCounty: 1, elsewhere: 4 };
const ROLE_LEVEL = { village: 4, 'township-lead': 3, 'county-lead': 2 } as const;

/**
 * Check the planner's input. Throws a {@link PlannerError}: `planner.rejected` with every issue
 * (duplicate cadre ids, unknown ranks, fixed pairings naming cadres not in the roster or codes not
 * in the hierarchy or of the wrong level, bad costs, coordinates out of range or half given,
 * unknown options), or `planner.scope` for a scope not in the hierarchy.
 * @internal
 */
export function checkPlanInput(h: Hierarchy, options: unknown): PlanInput {
  const issues: RecordIssue[] = [];
  const head = optionsSchema.safeParse(options);
  let o: z.output<typeof optionsSchema>;
  if (head.success) o = head.data;
  else {
    issues.push(...recordIssues(head.error.issues, options, 'plan-options', 0));
    // Go on with the records when they can be read, so that every problem is named at once.
    const raw = (options ?? {}) as Record<string, unknown>;
    const readable = typeof options === 'object' && options !== null && Array.isArray(raw['cadres']) && (raw['fixed'] === undefined || Array.isArray(raw['fixed']));
    if (!readable) throw new PlannerError('planner.rejected', {}, issues);
    o = { scope: String(raw['scope'] ?? ''), cadres: raw['cadres'] as unknown[], fixed: raw['fixed'] as unknown[] | undefined, policy: raw['policy'], villageLocations: raw['villageLocations'] };
  }
  const row = h.indexOf(safeNormalize(o.scope));
  if (row < 0 && issues.length > 0 && typeof (options as Record<string, unknown>)['scope'] === 'string') {
    issues.push({ index: 0, kind: 'plan-options', field: 'scope', reason: 'planner.scope', value: showValue(o.scope) });
  }

  const policyRun = pairingPolicySchema.safeParse(o.policy ?? {});
  if (!policyRun.success) issues.push(...recordIssues(policyRun.error.issues, o.policy, 'pairing-policy', 0));

  const cadreRun = parseRecords(cadreSchema, o.cadres, { kind: 'cadre', mode: 'lenient' });
  issues.push(...cadreRun.issues);
  // Ids as the schema reads them (trimmed), also of records refused for another field, so that a
  // fixed pairing of a cadre whose rank is misspelt is not reported a second time as unknown.
  const firstOf = new Map<string, number>();
  o.cadres.forEach((c, index) => {
    const raw = c !== null && typeof c === 'object' ? (c as Record<string, unknown>)['id'] : undefined;
    if (typeof raw !== 'string' || raw.trim() === '') return;
    const id = raw.trim();
    const first = firstOf.get(id);
    if (first === undefined) firstOf.set(id, index);
    else issues.push({ index, id: showValue(id), kind: 'cadre', field: 'id', reason: 'planner.duplicate-cadre', value: showValue(id), details: { first: first + 1 } });
  });
  cadreRun.records.forEach((c, k) => {
    if ((c.lat === undefined) === (c.lon === undefined)) return;
    const field = c.lat === undefined ? 'lat' : 'lon';
    issues.push({ index: cadreRun.positions[k]!, id: showValue(c.id), kind: 'cadre', field, reason: 'planner.lat-lon', value: '' });
  });

  const fixedRun = parseRecords(pairingSchema, o.fixed ?? [], { kind: 'pairing', mode: 'lenient', idOf: (p) => idOf(p, 'cadreId') });
  issues.push(...fixedRun.issues);
  const seen = new Map<string, number>();
  const fixed: Pairing[] = [];
  fixedRun.records.forEach((p, k) => {
    const index = fixedRun.positions[k]!;
    const at = { index, id: showValue(p.cadreId), kind: 'pairing' };
    let bad = false;
    if (!firstOf.has(p.cadreId)) {
      issues.push({ ...at, field: 'cadreId', reason: 'planner.unknown-cadre', value: showValue(p.cadreId) });
      bad = true;
    }
    const code = safeNormalize(p.code);
    const r = h.indexOf(code);
    if (r < 0) {
      issues.push({ ...at, field: 'code', reason: 'planner.unknown-division', value: showValue(p.code) });
      bad = true;
    } else if (h.levelAt(r) !== ROLE_LEVEL[p.role]) {
      issues.push({ ...at, field: 'code', reason: 'planner.wrong-level', value: showValue(p.code), details: { level: DIVISION_LEVELS[h.levelAt(r)]!, expected: DIVISION_LEVELS[ROLE_LEVEL[p.role]] } });
      bad = true;
    }
    const key = `${p.cadreId}\u0000${p.role}\u0000${r < 0 ? p.code : h.codeAt(r)}\u0000${p.from ?? ''}\u0000${p.to ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ ...at, field: '', reason: 'planner.duplicate-pairing', value: '', details: { first: first + 1 } });
      bad = true;
    } else seen.set(key, index);
    if (!bad) fixed.push(r < 0 ? p : { ...p, code: h.codeAt(r) });
  });

  const locations = o.villageLocations === undefined ? null : checkLocations(h, o.villageLocations, issues);
  if (issues.length > 0) throw new PlannerError('planner.rejected', {}, issues.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.index - b.index));
  if (row < 0) throw new PlannerError('planner.scope', { value: showValue(o.scope) });
  return {
    scope: h.codeAt(row),
    row,
    cadres: cadreRun.records,
    fixed,
    policy: policyRun.data!,
    costs: { ...DEFAULT_COSTS, ...definedOnly(o.costs ?? {}) },
    spread: o.spreadUnits ?? true,
    solver: o.solver ?? 'primal-dual',
    locations,
  };
}

/** Village locations: a Map or a plain object from village code to `{ lat, lon }`. */
function checkLocations(h: Hierarchy, table: unknown, issues: RecordIssue[]): Map<number, LatLon> {
  const out = new Map<number, LatLon>();
  let entries: Array<[unknown, unknown]>;
  if (table instanceof Map) entries = [...table];
  else if (table !== null && typeof table === 'object' && !Array.isArray(table)) entries = Object.entries(table);
  else {
    issues.push({ index: 0, kind: 'plan-options', field: 'villageLocations', reason: 'value.type', value: showValue(table), details: { expected: 'type.object' } });
    return out;
  }
  entries.forEach(([code, at], index) => {
    const id = showValue(code);
    const r = typeof code === 'string' ? h.indexOf(safeNormalize(code)) : -1;
    if (r < 0) issues.push({ index, id, kind: 'village-location', field: '', reason: 'planner.unknown-division', value: id });
    else if (h.levelAt(r) !== 4) issues.push({ index, id, kind: 'village-location', field: '', reason: 'planner.wrong-level', value: id, details: { level: DIVISION_LEVELS[h.levelAt(r)]!, expected: 'village' } });
    const point = latLonSchema.safeParse(at);
    if (!point.success) issues.push(...recordIssues(point.error.issues, at, 'village-location', index).map((i) => ({ ...i, id })));
    else if (r >= 0) out.set(r, point.data);
  });
  return out;
}

const KIND_ORDER = ['plan-options', 'pairing-policy', 'cadre', 'pairing', 'village-location'];
function kindOrder(kind: string): number {
  return KIND_ORDER.indexOf(kind);
}

function idOf(input: unknown, key: string): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const v = (input as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 ? showValue(v) : undefined;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The short code of a division code, or the input itself when it is not one (then no row matches). */
export function safeNormalize(code: string): string {
  try {
    return normalizeCode(code);
  } catch {
    return code;
  }
}
