/**
 * The pairing planner: proposes county leads, township leads and village pairings for a roster
 * so that the policy holds, at minimum cost, with the user's fixed pairings kept.
 *
 * **The cost.** A cadre is anchored where they are responsible (the unit a leader leads), else
 * at home (`homeCode`). Putting cadre c in village v has
 *
 * - a *tier*: `sameTownship` when v lies in c's anchor township, `sameCounty` when it lies in
 *   c's anchor county, `elsewhere` otherwise, costing 0, 1 and 4 by default ({@link PlanCosts};
 *   integers, and a village can always be taken at the `elsewhere` cost);
 * - a *distance* `km(c, v)`: the great-circle distance between c's coordinates (`lat`, `lon`)
 *   and v's ({@link PlanOptions.villageLocations}), rounded to whole kilometres, counted when v
 *   lies in c's anchor county and both coordinates are given; 0 otherwise (beyond the county
 *   the `elsewhere` cost is flat, and without coordinates only the tier counts).
 *
 * A plan minimises, in this order, strictly (no amount of a later term buys any of an earlier
 * one): (1) the seats filled beyond a village's minimum while another village lacks one, (2) the
 * sum of tier costs, (3) the sum of `km`, (4) the second, third… cadres of one unit in one
 * village (when `spreadUnits`). The result is an exact optimum of this order over every possible
 * cadre × village assignment, not a greedy one.
 *
 * **The method.** Without coordinates, cadres anchored in one township are interchangeable, so
 * the problem is solved as one minimum-cost flow on a compressed graph — groups of cadres →
 * township, county and "anywhere" hubs → villages — with the four terms weighted so that each
 * outweighs every later one; the primal-dual method needs a few Dijkstra phases. With
 * coordinates, cadres are no longer interchangeable and the plan is solved lexicographically:
 * first the compressed tier problem (terms 1 and 2) and its exact optimal potentials; then, on
 * the expanded graph with an arc from each located cadre to each village of its county, only the
 * arcs of zero reduced tier cost are kept (complementary slackness: exactly the flows using them,
 * with the arcs of negative reduced cost full, are the tier-optimal plans), and terms 3 and 4 are
 * minimised over them by cost scaling ({@link FlowGraph.solveSupplies}).
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { normalizeCode } from '../hierarchy/codes.js';
import { FlowGraph } from './flow.js';
import { pairingPolicySchema, type Cadre, type Pairing, type PairingPolicy, type PairingPolicyInput } from './schema.js';

/** Tier costs of distance between a cadre's anchor and a village (integers). */
export interface PlanCosts {
  sameTownship: number;
  sameCounty: number;
  elsewhere: number;
}

/** A point in WGS-84 degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Options of {@link planPairings}. */
export interface PlanOptions {
  /** The division to plan (a prefecture or county). */
  scope: string;
  /** The roster; a cadre's `lat`/`lon`, where given, refine the choice within a tier. */
  cadres: readonly Cadre[];
  /** Pairings the user has fixed: kept as they are, and counted. */
  fixed?: readonly Pairing[];
  policy?: PairingPolicyInput | PairingPolicy;
  costs?: Partial<PlanCosts>;
  /** Spread each village's cadres over units (default true). */
  spreadUnits?: boolean;
  /**
   * Village coordinates by village code (the hierarchy has none). With them and cadres'
   * `lat`/`lon`, the distance in kilometres decides between the villages of one tier.
   */
  villageLocations?: ReadonlyMap<string, LatLon> | Readonly<Record<string, LatLon>>;
}

/** Why a roster cannot satisfy the policy, and by how much. */
export interface Shortage {
  rule: 'minCadresPerVillage' | 'everyCountyLed' | 'everyTownshipLed' | 'leads';
  /** How many are needed and how many there are. */
  needed: number;
  given: number;
  /** What is short: cadres, prefectural leaders, divisional leaders. */
  of: 'cadres' | 'prefectural' | 'divisional';
}

/** The planner's proposal. */
export interface PlanResult {
  /** Whether the proposal satisfies the policy completely. */
  feasible: boolean;
  shortages: Shortage[];
  /** Proposed pairings (the fixed ones are not repeated). */
  pairings: Pairing[];
  /**
   * The cost of the proposed village pairings: `total`, the sum of tier costs, and how many
   * pairings fall in each tier; `km`, the sum of the distance term; `sameUnitExtras`, the
   * second, third… cadres of one unit in one village.
   */
  cost: { total: number; sameTownship: number; sameCounty: number; elsewhere: number; km: number; sameUnitExtras: number };
  /**
   * Size of the solved problems, for the curious and the benchmark: nodes and arcs summed over
   * the graphs solved, their phases (Dijkstra phases, then cost-scaling phases), and how many
   * cadre–village pairs were priced by distance (0 without coordinates).
   */
  stats: { groups: number; nodes: number; arcs: number; phases: number; pricedPairs: number };
}

const DEFAULT_COSTS: PlanCosts = { sameTownship: 0, sameCounty: 1, elsewhere: 4 };
/** Extra cost of an unfilled need, large enough that every need is filled before any extra seat. */
const EXTRA_SEAT = 1_000_000_000;
const EARTH_KM = 6371.0088;
const TIERS = ['sameTownship', 'sameCounty', 'elsewhere'] as const;
type Tier = (typeof TIERS)[number];

/** One cadre's share of a supply node: the cadre, as many times as they still take villages. */
interface Supply {
  cadres: Cadre[];
  supply: number[];
}

/** What turns a solved graph back into pairings. */
interface Routes {
  supplies: Supply[];
  /** Per hub: its tier, the supply nodes feeding it, the villages it feeds. */
  hubs: Array<{ tier: Tier; in: Array<[supply: number, arc: number]>; out: Array<[village: number, arc: number]> }>;
  /** Arcs from a supply node straight to a village. */
  direct: Array<{ supply: number; village: number; arc: number; tier: Tier; km: number }>;
  /** The arcs that charge a same-unit extra. */
  penalties: number[];
}

/**
 * Propose pairings that satisfy the policy at minimum cost (see the module's description for the
 * cost and its order).
 * @example
 * const plan = planPairings(zhaotong, { scope: '5306', cadres });
 * plan.feasible;          // true with 4,206 cadres for 1,402 villages
 * plan.cost.elsewhere;    // how many cadres had to go outside their county
 * // With coordinates: cadres carry lat/lon, villages come as a map from code to { lat, lon }.
 * const near = planPairings(zhaotong, { scope: '5306', cadres, villageLocations });
 * near.cost.km;           // the kilometres between cadres and villages within their counties
 */
export function planPairings(h: Hierarchy, options: PlanOptions): PlanResult {
  const policy = pairingPolicySchema.parse(options.policy ?? {});
  const costs = { ...DEFAULT_COSTS, ...options.costs };
  for (const t of TIERS) if (!Number.isInteger(costs[t])) throw new RangeError(`costs.${t} must be an integer`);
  const spread = options.spreadUnits ?? true;
  const scope = normalizeCode(options.scope);
  const lo = h.indexOf(scope);
  if (lo < 0) throw new Error(`scope ${scope} is not in the hierarchy`);
  const hi = h.subtreeEnd(lo);
  const fixed = options.fixed ?? [];
  const shortages: Shortage[] = [];
  const proposed: Pairing[] = [];

  const rowsAt = (level: number) => {
    const out: number[] = [];
    for (let r = lo; r < hi; r++) if (h.levelAt(r) === level) out.push(r);
    return out;
  };
  const counties = rowsAt(2);
  const townships = rowsAt(3);
  const villages = rowsAt(4);
  const ancestorAt = (row: number, level: number) => {
    let a = row;
    while (a >= 0 && h.levelAt(a) > level) a = h.parentIndex(a);
    return a >= 0 && h.levelAt(a) === level ? a : -1;
  };
  const homeRow = (c: Cadre) => (c.homeCode === undefined ? -1 : h.indexOf(safeNormalize(c.homeCode)));

  // Leads first: each leading rank takes units of its level, nearest first.
  const leadOf = new Map<string, number>();
  for (const p of fixed) if (p.role !== 'village') leadOf.set(p.cadreId, h.indexOf(safeNormalize(p.code)));
  const ledUnits = new Set([...leadOf.values()]);
  for (const [rank, levelName] of Object.entries(policy.leads) as Array<['prefectural' | 'divisional', 'county' | 'township' | undefined]>) {
    if (levelName === undefined) continue;
    const units = (levelName === 'county' ? counties : townships).filter((u) => !ledUnits.has(u));
    const leaders = options.cadres.filter((c) => c.rank === rank && !leadOf.has(c.id));
    const required = levelName === 'county' ? policy.everyCountyLed : policy.everyTownshipLed;
    if (required && leaders.length < units.length) shortages.push({ rule: levelName === 'county' ? 'everyCountyLed' : 'everyTownshipLed', needed: units.length, given: leaders.length, of: rank });
    if (leaders.length > units.length) shortages.push({ rule: 'leads', needed: leaders.length, given: units.length, of: rank });
    const assignment = assignNearest(h, leaders.map(homeRow), units, costs, ancestorAt);
    assignment.forEach((unit, i) => {
      if (unit < 0) return;
      leadOf.set(leaders[i]!.id, unit);
      proposed.push({ cadreId: leaders[i]!.id, role: levelName === 'county' ? 'county-lead' : 'township-lead', code: h.codeAt(unit) });
    });
  }

  // Village pairings: needs per village after the fixed pairings, supply per cadre.
  const villageIndex = new Map(villages.map((v, i) => [v, i]));
  const need = new Int32Array(villages.length).fill(policy.minCadresPerVillage);
  const taken = new Map<string, number>();
  const unitsOf = new Map<string, number>();
  const unitIndex = (unit: string) => {
    let u = unitsOf.get(unit);
    if (u === undefined) unitsOf.set(unit, (u = unitsOf.size));
    return u;
  };
  const seated = new Set<string>(); // village,unit pairs with a cadre already there
  const cadreById = new Map(options.cadres.map((c) => [c.id, c]));
  for (const p of fixed) {
    if (p.role !== 'village') continue;
    taken.set(p.cadreId, (taken.get(p.cadreId) ?? 0) + 1);
    const v = villageIndex.get(h.indexOf(safeNormalize(p.code)));
    if (v === undefined) continue;
    need[v] = Math.max(0, need[v]! - 1);
    const c = cadreById.get(p.cadreId);
    if (c) seated.add(`${v},${unitIndex(c.unit)}`);
  }
  const wantsVillage = (c: Cadre) => (c.rank === 'staff' || policy.leads[c.rank] === undefined ? true : policy.leadersPairVillage);
  // Groups: cadres with the same anchor township (or county, or none) are interchangeable as far
  // as tiers go.
  const groupOf = new Map<number, Group>();
  for (const c of options.cadres) {
    if (!wantsVillage(c)) continue;
    const supply = policy.villagesPerCadre - (taken.get(c.id) ?? 0);
    if (supply <= 0) continue;
    const led = leadOf.get(c.id);
    const home = led !== undefined && led >= 0 ? led : homeRow(c);
    const anchor = home < lo || home >= hi ? -1 : h.levelAt(home) >= 3 ? ancestorAt(home, 3) : ancestorAt(home, 2);
    let g = groupOf.get(anchor);
    if (!g) groupOf.set(anchor, (g = { anchor, county: anchor >= 0 ? ancestorAt(anchor, 2) : -1, cadres: [], supply: [], units: [], total: 0 }));
    g.cadres.push(c);
    g.supply.push(supply);
    g.units.push(unitIndex(c.unit));
    g.total += supply;
  }
  const groups = [...groupOf.values()];
  const totalSupply = groups.reduce((a, g) => a + g.total, 0);
  const totalNeed = need.reduce((a, b) => a + b, 0);
  if (totalSupply < totalNeed) shortages.push({ rule: 'minCadresPerVillage', needed: totalNeed, given: totalSupply, of: 'cadres' });

  const ctx: Context = { h, costs, counties, townships, villages, need, seated, ancestorAt, U: spread ? Math.max(1, unitsOf.size) : 1, spread, totalSupply };
  const located = locate(h, options, villages, groups);
  let routes: Routes;
  let solved: FlowGraph;
  let stats: PlanResult['stats'];
  if (!located) {
    const tier = tierGraph(ctx, groups, spread);
    const run = tier.graph.solve(tier.source, tier.sink, totalSupply);
    ({ routes, graph: solved } = tier);
    stats = { groups: tier.routes.supplies.length, nodes: tier.graph.nodes, arcs: tier.graph.arcs, phases: run.phases, pricedPairs: 0 };
  } else {
    const tier = tierGraph(ctx, groups, false);
    const first = tier.graph.solve(tier.source, tier.sink, totalSupply);
    const near = distanceGraph(ctx, groups, tier, located);
    const __t = performance.now();
    const second = near.graph.solveSupplies(near.supply);
    if (process.env.GDEBUG) {
      let sinkArcs = 0; for (let a = 0; a < near.graph.arcs * 2; a += 2) if (near.graph.ends(a)[1] >= near.graph.nodes - 1402) sinkArcs++;
      let forced = 0; for (let v = 1; v < near.graph.nodes; v++) if (near.supply[v]! < 0) forced++;
      console.log('DEBUG solveSupplies', (performance.now() - __t).toFixed(0), 'ms', second, 'sinkArcs', sinkArcs, 'forced', forced, 'sinkSupply', near.supply[0]);
    }
    ({ routes, graph: solved } = near);
    stats = {
      groups: near.routes.supplies.length,
      nodes: tier.graph.nodes + near.graph.nodes,
      arcs: tier.graph.arcs + near.graph.arcs,
      phases: first.phases + second.phases,
      pricedPairs: near.priced,
    };
  }

  const cost = { total: 0, sameTownship: 0, sameCounty: 0, elsewhere: 0, km: 0, sameUnitExtras: 0 };
  const placed = decompose(solved, routes, (supply, village, tier, km) => {
    proposed.push({ cadreId: supply.id, role: 'village', code: h.codeAt(villages[village]!) });
    cost[tier]++;
    cost.total += costs[tier];
    cost.km += km;
  });
  if (spread) for (const arc of routes.penalties) cost.sameUnitExtras += solved.flowOn(arc);
  return {
    feasible: shortages.length === 0 && placed === totalSupply,
    shortages,
    pairings: proposed,
    cost,
    stats,
  };
}

interface Group {
  /** The anchor township (or county) row, -1 for none in scope. */
  anchor: number;
  county: number;
  cadres: Cadre[];
  supply: number[];
  units: number[];
  total: number;
}

interface Context {
  h: Hierarchy;
  costs: PlanCosts;
  counties: number[];
  townships: number[];
  villages: number[];
  need: Int32Array;
  seated: Set<string>;
  ancestorAt: (row: number, level: number) => number;
  U: number;
  spread: boolean;
  totalSupply: number;
}

/** A supply node's cadres and what each still takes. */
function supplyOf(cadres: Cadre[], supply: number[]): Supply {
  return { cadres, supply };
}

/**
 * The compressed tier graph: source → groups (by anchor, and by unit when spreading) → township,
 * county and anywhere hubs → (village-unit →) village → sink. Costs: tier × W + same-unit
 * extras, with W above any total of extras, and EXTRA_SEAT for a seat beyond the need.
 */
function tierGraph(ctx: Context, groups: Group[], spread: boolean) {
  const { h, costs, counties, townships, villages, need, seated, ancestorAt } = ctx;
  const U = spread ? ctx.U : 1;
  // Split the anchor groups by unit when spreading.
  const parts: Array<{ group: number; unit: number; supply: Supply; total: number }> = [];
  groups.forEach((g, gi) => {
    const byUnit = new Map<number, { cadres: Cadre[]; supply: number[]; total: number }>();
    g.cadres.forEach((c, k) => {
      const u = spread ? g.units[k]! : 0;
      let p = byUnit.get(u);
      if (!p) byUnit.set(u, (p = { cadres: [], supply: [], total: 0 }));
      p.cadres.push(c);
      p.supply.push(g.supply[k]!);
      p.total += g.supply[k]!;
    });
    for (const [unit, p] of [...byUnit].sort((a, b) => a[0] - b[0])) parts.push({ group: gi, unit, supply: supplyOf(p.cadres, p.supply), total: p.total });
  });
  let next = 2;
  const partNode = parts.map(() => next++);
  const townHub = new Map<number, number>();
  const countyHub = new Map<number, number>();
  const hubKey = (row: number, u: number) => row * U + u;
  for (const t of townships) for (let u = 0; u < U; u++) townHub.set(hubKey(t, u), next++);
  for (const c of counties) for (let u = 0; u < U; u++) countyHub.set(hubKey(c, u), next++);
  const anyHub = Array.from({ length: U }, () => next++);
  const vuBase = next;
  next += spread ? villages.length * U : 0;
  const villageBase = next;
  next += villages.length;
  const graph = new FlowGraph(next);
  const SOURCE = 0;
  const SINK = 1;
  // Weights: each term outweighs every total of the later ones.
  const W = spread ? ctx.totalSupply + 1 : 1;
  const hubIndex = new Map<number, number>();
  const routes: Routes = { supplies: parts.map((p) => p.supply), hubs: [], direct: [], penalties: [] };
  const hubOf = (node: number, tier: Tier) => {
    let i = hubIndex.get(node);
    if (i === undefined) {
      hubIndex.set(node, (i = routes.hubs.length));
      routes.hubs.push({ tier, in: [], out: [] });
    }
    return routes.hubs[i]!;
  };
  /** Per anchor group: its arcs to hubs (for the potentials of the distance stage). */
  const groupArcs: Array<Array<{ arc: number; hub: number; tier: Tier }>> = groups.map(() => []);
  parts.forEach((p, i) => {
    const node = partNode[i]!;
    const g = groups[p.group]!;
    graph.addArc(SOURCE, node, p.total, 0);
    const link = (hub: number, tier: Tier) => {
      const arc = graph.addArc(node, hub, p.total, costs[tier] * W);
      hubOf(hub, tier).in.push([i, arc]);
      groupArcs[p.group]!.push({ arc, hub, tier });
    };
    if (g.anchor >= 0 && h.levelAt(g.anchor) === 3) link(townHub.get(hubKey(g.anchor, p.unit))!, 'sameTownship');
    if (g.county >= 0) link(countyHub.get(hubKey(g.county, p.unit))!, 'sameCounty');
    link(anyHub[p.unit]!, 'elsewhere');
  });
  const INF = 1 << 30;
  const villageTown: number[] = [];
  const villageCounty: number[] = [];
  villages.forEach((v, i) => {
    const t = ancestorAt(v, 3);
    const c = ancestorAt(v, 2);
    villageTown.push(t);
    villageCounty.push(c);
    for (let u = 0; u < U; u++) {
      const into = spread ? vuBase + i * U + u : villageBase + i;
      const feed = (hub: number | undefined, tier: Tier) => {
        if (hub === undefined) return;
        const arc = graph.addArc(hub, into, INF, 0);
        hubOf(hub, tier).out.push([i, arc]);
      };
      if (t >= 0) feed(townHub.get(hubKey(t, u)), 'sameTownship');
      if (c >= 0) feed(countyHub.get(hubKey(c, u)), 'sameCounty');
      feed(anyHub[u], 'elsewhere');
      if (spread) {
        // The first cadre of a unit in a village is free; each further one costs 1.
        if (!seated.has(`${i},${u}`)) graph.addArc(into, villageBase + i, 1, 0);
        routes.penalties.push(graph.addArc(into, villageBase + i, INF, 1));
      }
    }
    if (need[i]! > 0) graph.addArc(villageBase + i, SINK, need[i]!, 0);
    graph.addArc(villageBase + i, SINK, INF, EXTRA_SEAT);
  });
  // Hubs that nobody feeds stay out of the routes (they carry nothing).
  routes.hubs = routes.hubs.filter((hub) => hub.in.length > 0);
  // Without spreading there is one part per group, in order.
  const groupNode = spread ? [] : partNode;
  return {
    graph,
    source: SOURCE,
    sink: SINK,
    routes,
    groupNode,
    groupArcs,
    townHub,
    countyHub,
    anyHub,
    villageBase,
    villageTown,
    villageCounty,
  };
}

/** Unit vectors of located cadres (by group and position) and villages, or null when nothing can be priced by distance. */
interface Located {
  cadre: Array<Array<Float64Array | null>>;
  village: Array<Float64Array | null>;
}

function locate(h: Hierarchy, options: PlanOptions, villages: number[], groups: Group[]): Located | null {
  const table = options.villageLocations;
  if (!table) return null;
  const entries: Array<[string, LatLon]> = table instanceof Map ? [...table] : Object.entries(table as Record<string, LatLon>);
  const byRow = new Map<number, Float64Array>();
  for (const [code, at] of entries) {
    const row = h.indexOf(safeNormalize(code));
    const point = unitVector(at, `village ${code}`);
    if (row >= 0) byRow.set(row, point);
  }
  const village = villages.map((v) => byRow.get(v) ?? null);
  let any = false;
  const cadre = groups.map((g) =>
    g.cadres.map((c) => {
      if (c.lat === undefined && c.lon === undefined) return null;
      if (c.lat === undefined || c.lon === undefined) throw new RangeError(`cadre ${c.id}: give both lat and lon, or neither`);
      if (g.county < 0) return null;
      any = true;
      return unitVector({ lat: c.lat, lon: c.lon }, `cadre ${c.id}`);
    }),
  );
  return any && village.some((v) => v !== null) ? { cadre, village } : null;
}

function unitVector(at: LatLon, what: string): Float64Array {
  const { lat, lon } = at ?? ({} as LatLon);
  if (typeof lat !== 'number' || typeof lon !== 'number' || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
    throw new RangeError(`${what}: coordinates must be { lat: −90…90, lon: −180…180 } in degrees`);
  }
  const φ = (lat * Math.PI) / 180;
  const λ = (lon * Math.PI) / 180;
  return Float64Array.of(Math.cos(φ) * Math.cos(λ), Math.cos(φ) * Math.sin(λ), Math.sin(φ));
}

/** Great-circle distance between two unit vectors, in whole kilometres. */
function kmBetween(a: Float64Array, b: Float64Array): number {
  const dx = a[0]! - b[0]!;
  const dy = a[1]! - b[1]!;
  const dz = a[2]! - b[2]!;
  const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return Math.round(2 * EARTH_KM * Math.asin(Math.min(1, chord / 2)));
}

/**
 * The distance stage: the expanded graph restricted to the tier-optimal arcs. Nodes: sink,
 * supply nodes (located cadres, merged when they share anchor, unit and coordinates; the other
 * cadres by anchor and unit), hubs per unit, village-units, villages. With the tier graph's exact
 * potentials π, an arc is kept when its reduced tier cost is 0, dropped when it is positive, and
 * taken as full (moved into the supplies) when it is negative. Costs: km × M + same-unit extras,
 * M above any total of extras.
 */
function distanceGraph(ctx: Context, groups: Group[], tier: ReturnType<typeof tierGraph>, located: Located) {
  const { h, costs, counties, townships, villages, need, seated, U, spread } = ctx;
  const pi = tier.graph.potentials();
  const g1 = tier.graph;
  const reduced = (arc: number) => {
    const [from, to] = g1.ends(arc);
    return g1.costOf(arc) + pi[from]! - pi[to]!;
  };
  // Supply nodes.
  interface Node {
    group: number;
    unit: number;
    point: Float64Array | null;
    cadres: Cadre[];
    supply: number[];
    total: number;
  }
  const nodes: Node[] = [];
  const m = groups.map((g, gi) => Math.min(...tier.groupArcs[gi]!.map((a) => reduced(a.arc))));
  groups.forEach((g, gi) => {
    const byKey = new Map<string, Node>();
    g.cadres.forEach((c, k) => {
      const unit = spread ? g.units[k]! : 0;
      const point = located.cadre[gi]![k]!;
      const key = point ? `${unit},${point[0]},${point[1]},${point[2]}` : `${unit}`;
      let node = byKey.get(key);
      if (!node) byKey.set(key, (node = { group: gi, unit, point, cadres: [], supply: [], total: 0 }));
      node.cadres.push(c);
      node.supply.push(g.supply[k]!);
      node.total += g.supply[k]!;
    });
    nodes.push(...byKey.values());
  });
  let next = 0;
  const supplyNode = nodes.map(() => next++);
  const hubKey = (row: number, u: number) => row * U + u;
  const townHub = new Map<number, number>();
  const countyHub = new Map<number, number>();
  for (const t of townships) for (let u = 0; u < U; u++) townHub.set(hubKey(t, u), next++);
  for (const c of counties) for (let u = 0; u < U; u++) countyHub.set(hubKey(c, u), next++);
  const anyHub = Array.from({ length: U }, () => next++);
  const vuBase = next;
  next += spread ? villages.length * U : 0;
  const villageBase = next;
  next += villages.length;
  // One sink per connected component (at most one per village): a component sends its sink
  // exactly its own supplies in any feasible flow, so the split is exact, and the components
  // are solved apart.
  const sinkBase = next;
  next += villages.length;
  const graph = new FlowGraph(next);
  const supply = new Float64Array(next);
  const INF = ctx.totalSupply + 1;
  const M = spread ? ctx.totalSupply + 1 : 1;
  const routes: Routes = { supplies: nodes.map((n) => supplyOf(n.cadres, n.supply)), hubs: [], direct: [], penalties: [] };
  // Stage-2 hubs: the stage-1 hubs split by unit, each keeping its potential.
  const hubs = new Map<number, { tier: Tier; unit: number; pi: number; feeds: readonly number[]; index: number }>();
  const hubOf = (tierName: Tier, row: number, g1Hub: number, unit: number) => {
    const node = tierName === 'sameTownship' ? townHub.get(hubKey(row, unit))! : tierName === 'sameCounty' ? countyHub.get(hubKey(row, unit))! : anyHub[unit]!;
    let hub = hubs.get(node);
    if (!hub) {
      const feeds = tierName === 'elsewhere' ? villages.map((_, i) => i) : (villagesIn.get(row) ?? []);
      hubs.set(node, (hub = { tier: tierName, unit, pi: pi[g1Hub]!, feeds, index: routes.hubs.length }));
      routes.hubs.push({ tier: tierName, in: [], out: [] });
    }
    return { node, hub };
  };
  // Villages per township and county (for the hubs' fan-out and the located cadres' arcs).
  const villagesIn = new Map<number, number[]>();
  villages.forEach((_, i) => {
    for (const row of [tier.villageTown[i]!, tier.villageCounty[i]!]) {
      if (row < 0) continue;
      let list = villagesIn.get(row);
      if (!list) villagesIn.set(row, (list = []));
      list.push(i);
    }
  });
  const target = (i: number, u: number) => (spread ? vuBase + i * U + u : villageBase + i);
  const piVillage = (i: number) => pi[tier.villageBase + i]!;
  let priced = 0;
  nodes.forEach((n, k) => {
    const g = groups[n.group]!;
    const p2 = pi[tier.groupNode[n.group]!]! - m[n.group]!;
    const from = supplyNode[k]!;
    for (const a of tier.groupArcs[n.group]!) {
      // A located cadre reaches the villages of its county straight; the hubs serve the rest.
      if (n.point && a.tier !== 'elsewhere') continue;
      if (g1.costOf(a.arc) + p2 - pi[a.hub]! !== 0) continue;
      const { node, hub } = hubOf(a.tier, a.tier === 'sameTownship' ? g.anchor : g.county, a.hub, n.unit);
      routes.hubs[hub.index]!.in.push([k, graph.addArc(from, node, n.total, 0)]);
    }
    if (n.point) {
      const inTown = g.anchor >= 0 && h.levelAt(g.anchor) === 3 ? g.anchor : -1;
      const townCost = Math.min(costs.sameTownship, costs.sameCounty);
      const cap = n.cadres.length;
      for (const i of villagesIn.get(g.county) ?? []) {
        const sameTown = tier.villageTown[i] === inTown;
        const tierCost = sameTown ? townCost : costs.sameCounty;
        if (tierCost + p2 - piVillage(i) !== 0) continue;
        priced++;
        const at = located.village[i];
        const km = at ? kmBetween(n.point, at) : 0;
        const arc = graph.addArc(from, target(i, n.unit), cap, km * M);
        routes.direct.push({ supply: k, village: i, arc, tier: sameTown && costs.sameTownship <= costs.sameCounty ? 'sameTownship' : 'sameCounty', km });
      }
    }
  });
  // Hubs to villages, over the arcs of zero reduced cost.
  for (const [node, hub] of hubs) {
    for (const i of hub.feeds) {
      if (hub.pi - piVillage(i) !== 0) continue;
      routes.hubs[hub.index]!.out.push([i, graph.addArc(node, target(i, hub.unit), INF, 0)]);
    }
  }
  routes.hubs = routes.hubs.filter((hub) => hub.in.length > 0);
  // Village-units to villages.
  if (spread) {
    villages.forEach((_, i) => {
      for (let u = 0; u < U; u++) {
        if (!seated.has(`${i},${u}`)) graph.addArc(vuBase + i * U + u, villageBase + i, 1, 0);
        routes.penalties.push(graph.addArc(vuBase + i * U + u, villageBase + i, INF, 1));
      }
    });
  }
  // Needs: a need arc of negative reduced cost is full in every tier-optimal plan (it becomes the
  // village's demand); one of reduced cost 0 is free, as is an extra-seat arc of reduced cost 0.
  const parent = Int32Array.from({ length: next }, (_, v) => v);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  for (let a = 0; a < graph.arcs * 2; a += 2) {
    const [x, y] = graph.ends(a);
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent[rx] = ry;
  }
  const sinkOf = new Map<number, number>();
  const sinkFor = (v: number) => {
    const root = find(v);
    let t = sinkOf.get(root);
    if (t === undefined) sinkOf.set(root, (t = sinkBase + sinkOf.size));
    return t;
  };
  villages.forEach((_, i) => {
    const r = piVillage(i) - pi[tier.sink]!;
    if (need[i]! > 0) {
      if (r < 0) supply[villageBase + i] = -need[i]!;
      else if (r === 0) graph.addArc(villageBase + i, sinkFor(villageBase + i), need[i]!, 0);
    }
    if (EXTRA_SEAT + r === 0) graph.addArc(villageBase + i, sinkFor(villageBase + i), INF, 0);
  });
  nodes.forEach((n, k) => (supply[supplyNode[k]!] = n.total));
  // Each sink takes what its component supplies (finds were taken before the sink arcs).
  for (let v = 0; v < sinkBase; v++) {
    const t = sinkOf.get(find(v));
    if (t !== undefined) supply[t]! -= supply[v]!;
  }
  return { graph, supply, routes, priced };
}

/** Follow the flow from supply nodes to villages, one cadre per unit of flow. */
function decompose(g: FlowGraph, routes: Routes, place: (cadre: Cadre, village: number, tier: Tier, km: number) => void): number {
  const tokens = routes.supplies.map((s) => {
    // Round-robin over the cadres by remaining supply: consecutive units go to different cadres.
    const out: Cadre[] = [];
    const left = [...s.supply];
    for (let more = true; more; ) {
      more = false;
      left.forEach((n, i) => {
        if (n > 0) {
          out.push(s.cadres[i]!);
          left[i] = n - 1;
          more = true;
        }
      });
    }
    return { out, at: 0 };
  });
  const take = (supply: number) => {
    const t = tokens[supply]!;
    return t.at < t.out.length ? t.out[t.at++]! : undefined;
  };
  let placed = 0;
  for (const d of routes.direct) {
    for (let f = g.flowOn(d.arc); f > 0; f--) {
      const cadre = take(d.supply);
      if (!cadre) break;
      place(cadre, d.village, d.tier, d.km);
      placed++;
    }
  }
  for (const hub of routes.hubs) {
    const incoming = hub.in.map(([s, arc]) => ({ s, left: g.flowOn(arc) })).filter((x) => x.left > 0);
    for (const [village, arc] of hub.out) {
      let flow = g.flowOn(arc);
      while (flow > 0 && incoming.length > 0) {
        const src = incoming[0]!;
        const cadre = take(src.s);
        if (cadre === undefined) {
          incoming.shift();
          continue;
        }
        place(cadre, village, hub.tier, 0);
        placed++;
        flow--;
        if (--src.left === 0) incoming.shift();
      }
    }
  }
  return placed;
}

function safeNormalize(code: string): string {
  try {
    return normalizeCode(code);
  } catch {
    return code;
  }
}

/** Leaders to units, nearest first, as an exact minimum-cost assignment. */
function assignNearest(h: Hierarchy, homes: number[], units: number[], costs: PlanCosts, ancestorAt: (row: number, level: number) => number): number[] {
  if (homes.length === 0 || units.length === 0) return homes.map(() => -1);
  const g = new FlowGraph(2 + homes.length + units.length);
  const arcs: number[][] = [];
  homes.forEach((home, i) => {
    g.addArc(0, 2 + i, 1, 0);
    arcs.push(
      units.map((u, j) => {
        const sameTownship = home >= 0 && h.levelAt(u) === 3 && ancestorAt(home, 3) === u;
        const sameCounty = home >= 0 && ancestorAt(home, 2) === ancestorAt(u, 2);
        return g.addArc(2 + i, 2 + homes.length + j, 1, sameTownship || (h.levelAt(u) === 2 && sameCounty) ? costs.sameTownship : sameCounty ? costs.sameCounty : costs.elsewhere);
      }),
    );
  });
  units.forEach((_, j) => g.addArc(2 + homes.length + j, 1, 1, 0));
  g.solve(0, 1, Math.min(homes.length, units.length));
  return arcs.map((row) => {
    const j = row.findIndex((arc) => g.flowOn(arc) > 0);
    return j < 0 ? -1 : units[j]!;
  });
}
