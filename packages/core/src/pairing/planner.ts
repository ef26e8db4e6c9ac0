/**
 * The pairing planner: proposes county leads, township leads and village pairings for a roster
 * so that the policy holds, at minimum cost (defined on {@link planPairings}), with the user's
 * fixed pairings kept.
 *
 * **The method.** Without coordinates, cadres anchored in one township are interchangeable, so
 * the problem is solved as one minimum-cost flow on a compressed graph — groups of cadres →
 * township, county and "anywhere" hubs → villages — with the terms weighted so that each
 * outweighs every total of the later ones; the primal-dual method needs a few Dijkstra phases.
 * With coordinates, cadres are no longer interchangeable and the terms are minimised one after
 * the other, each over the optimal face of the one before: first the compressed tier problem
 * and its exact optimal potentials; then, on the expanded graph with an arc from each located
 * cadre to each village of its county, only the arcs of zero reduced tier cost are kept and those
 * of negative reduced cost are fixed full (complementary slackness: the flows of that graph are
 * exactly the tier-optimal plans), and kilometres are minimised over them by cost scaling
 * (`FlowGraph.solveSupplies`, one connected component at a time); then units, the same way.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { GualianError } from '../errors/index.js';
import { FlowGraph } from './flow.js';
import type { Cadre, Pairing, PairingPolicy, PairingPolicyInput } from './schema.js';
import { checkPlanInput, safeNormalize, type LatLon, type PlanCosts, type PlanInput } from './planner-input.js';
import { PlannerError, type Shortfall, type Surplus } from './planner-errors.js';

export type { LatLon, PlanCosts } from './planner-input.js';

/** Options of {@link planPairings}. */
export interface PlanOptions {
  /** The division to plan (a prefecture or county; padded 12-digit codes are accepted). It must be in the hierarchy. */
  scope: string;
  /** The roster; a cadre's `lat`/`lon`, where given, refine the choice within a tier. */
  cadres: readonly Cadre[];
  /**
   * Pairings the user has fixed: kept as they are, and counted. Each must name a cadre of
   * `cadres` and a unit of the hierarchy of the level its role takes; those outside the scope
   * count against their cadre's number of villages.
   */
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
  /**
   * The exact method for the tier problem: `'primal-dual'` (the default, fastest there) or
   * `'cost-scaling'` (the method of the distance stage). Both find the same optimum; the choice
   * is there to compare them.
   */
  solver?: 'primal-dual' | 'cost-scaling';
}

/**
 * Why a roster cannot satisfy the policy, and by how much, in total: village seats short of
 * cadres, or counties and townships short of leaders of the rank that leads them. Each unit left
 * short is named in {@link PlanResult.shortfalls}.
 */
export interface Shortage {
  rule: 'minCadresPerVillage' | 'everyCountyLed' | 'everyTownshipLed';
  /** How many are needed and how many there are. */
  needed: number;
  given: number;
  /** What is short: cadres, prefectural leaders, divisional leaders. */
  of: 'cadres' | 'prefectural' | 'divisional';
}

/** The planner's proposal. */
export interface PlanResult {
  /**
   * Whether the proposal completes the policy: every village of the scope has its cadres and
   * every county and township that must be led has a lead. Leaders left over ({@link surplus})
   * do not make a plan incomplete.
   */
  feasible: boolean;
  /** The totals of what is short (empty when feasible). */
  shortages: Shortage[];
  /** Each unit the plan leaves short and why, in hierarchy order (empty when feasible). */
  shortfalls: Shortfall[];
  /** Leaders of a rank left without a unit to lead, because there are more of them than units. */
  surplus: Surplus[];
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

const EARTH_KM = 6371.0088;
const TIERS = ['sameTownship', 'sameCounty', 'elsewhere'] as const;
type Tier = (typeof TIERS)[number];

/** A supply node's cadres and how many villages each still takes. */
interface Supply {
  cadres: Cadre[];
  supply: number[];
}

/** What turns a solved graph back into pairings. */
interface Routes {
  supplies: Supply[];
  /** Per hub: its tier, the supply nodes feeding it, the villages it feeds. */
  hubs: Array<{ tier: Tier; in: Array<[supply: number, arc: number, fixed: number]>; out: Array<[village: number, arc: number]> }>;
  /** Arcs from a supply node straight to a village (in its county). */
  direct: Direct;
  /** The arcs that charge a same-unit extra. */
  penalties: number[];
}

/**
 * Propose pairings that satisfy the policy at minimum cost.
 *
 * **The cost.** A cadre is anchored where they are responsible (the unit a leader leads), else
 * at home (`homeCode`). Putting cadre c in village v has
 *
 * - a *tier*: `sameTownship` when v lies in c's anchor township, `sameCounty` when it lies in
 *   c's anchor county, `elsewhere` otherwise, costing 0, 1 and 4 by default ({@link PlanCosts};
 *   a village can always be taken at the `elsewhere` cost);
 * - a *distance* `km(c, v)`: the great-circle distance between c's coordinates (`lat`, `lon`)
 *   and v's ({@link PlanOptions.villageLocations}; R = 6,371.0088 km), rounded to whole
 *   kilometres, counted when v lies in c's anchor county and both coordinates are given; 0
 *   otherwise (beyond the county the `elsewhere` cost is flat, and without coordinates only the
 *   tier counts).
 *
 * A plan minimises, in this order, strictly (no amount of a later term buys any of an earlier
 * one): (1) the seats filled beyond a village's minimum (so every need is filled before any
 * village gets more), (2) the sum of tier costs, (3) the sum of `km`, (4) the second, third…
 * cadres of one unit in one village (with `spreadUnits`). The result is an exact optimum of this
 * order over every possible cadre × village assignment, not a greedy one. Leads are assigned
 * first, by tier only. (With several villages per cadre, a cadre is never paired twice with one
 * village: where the optimum would do so, the cheapest exchange is made.)
 *
 * **Refusals.** Everything is checked first; bad input throws a {@link PlannerError} listing
 * every problem (`planner.rejected`), or `planner.scope` for a scope not in the hierarchy.
 * **Shortfalls.** A plan that cannot be completed names each unit left short and why
 * ({@link PlanResult.shortfalls}); leaders left over are {@link PlanResult.surplus}.
 * @example
 * const plan = planPairings(zhaotong, { scope: '5306', cadres });
 * plan.feasible;          // true with 4,206 cadres for 1,402 villages
 * plan.cost.elsewhere;    // how many cadres had to go outside their county
 * // With coordinates: cadres carry lat/lon, villages come as a map from code to { lat, lon }.
 * const near = planPairings(zhaotong, { scope: '5306', cadres, villageLocations });
 * near.cost.km;           // the kilometres between cadres and villages within their counties
 */
export function planPairings(h: Hierarchy, options: PlanOptions): PlanResult {
  const input = checkPlanInput(h, options);
  try {
    return plan(h, input);
  } catch (e) {
    if (e instanceof GualianError) throw e;
    // Input is checked above: anything else is a bug of the planner, reported as one.
    const error = new PlannerError('planner.internal', { reason: e instanceof Error ? e.name : typeof e });
    Object.defineProperty(error, 'cause', { value: e });
    throw error;
  }
}

function plan(h: Hierarchy, input: PlanInput): PlanResult {
  const { policy, costs, spread, cadres, fixed } = input;
  const lo = input.row;
  const hi = h.subtreeEnd(lo);
  const shortages: Shortage[] = [];
  const shortfalls: Shortfall[] = [];
  const surplus: Surplus[] = [];
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
  const ledUnits = new Set<number>();
  for (const p of fixed) {
    if (p.role === 'village') continue;
    // A cadre may hold several fixed leads: each unit is led, the first anchors the cadre.
    const unit = h.indexOf(p.code);
    ledUnits.add(unit);
    if (!leadOf.has(p.cadreId)) leadOf.set(p.cadreId, unit);
  }
  const leadRanks = { county: [] as Array<{ rank: 'prefectural' | 'divisional'; leaders: number; units: number }>, township: [] as Array<{ rank: 'prefectural' | 'divisional'; leaders: number; units: number }> };
  for (const rank of ['prefectural', 'divisional'] as const) {
    const levelName = policy.leads[rank];
    if (levelName === undefined) continue;
    const units = (levelName === 'county' ? counties : townships).filter((u) => !ledUnits.has(u));
    const leaders = cadres.filter((c) => c.rank === rank && !leadOf.has(c.id));
    leadRanks[levelName].push({ rank, leaders: leaders.length, units: units.length });
    const assignment = assignNearest(h, leaders.map(homeRow), units, costs, ancestorAt);
    const idle: string[] = [];
    assignment.forEach((unit, i) => {
      if (unit < 0) return idle.push(leaders[i]!.id);
      leadOf.set(leaders[i]!.id, unit);
      // Both ranks may lead one level: the second takes only what the first left.
      ledUnits.add(unit);
      proposed.push({ cadreId: leaders[i]!.id, role: levelName === 'county' ? 'county-lead' : 'township-lead', code: h.codeAt(unit) });
    });
    // More leaders than units is a surplus of leaders, not a shortage of anything.
    if (idle.length > 0) surplus.push({ rank, level: levelName, leaders: leaders.length, units: units.length, cadreIds: idle });
  }
  for (const levelName of ['county', 'township'] as const) {
    const required = levelName === 'county' ? policy.everyCountyLed : policy.everyTownshipLed;
    if (!required) continue;
    const unled = (levelName === 'county' ? counties : townships).filter((u) => !ledUnits.has(u));
    if (unled.length === 0) continue;
    const ranks = leadRanks[levelName];
    // The totals of the rank that leads the level (the first, when both do).
    const lead = ranks[0];
    if (lead) shortages.push({ rule: levelName === 'county' ? 'everyCountyLed' : 'everyTownshipLed', needed: lead.units, given: lead.leaders, of: lead.rank });
    for (const u of unled) {
      shortfalls.push({
        code: h.codeAt(u),
        name: h.nameAt(u),
        role: levelName === 'county' ? 'county-lead' : 'township-lead',
        needed: 1,
        given: 0,
        reason: lead ? 'no-free-leader' : 'no-leading-rank',
        details: lead ? { rank: lead.rank, leaders: ranks.reduce((a, r) => a + r.leaders, 0), units: lead.units } : { level: levelName },
      });
    }
  }

  // Village pairings: needs per village after the fixed pairings, supply per cadre.
  const villageIndex = new Map(villages.map((v, i) => [v, i]));
  const need = new Int32Array(villages.length).fill(policy.minCadresPerVillage);
  const seats = new Int32Array(villages.length); // fixed and proposed cadres of each village
  const taken = new Map<string, number>();
  const unitsOf = new Map<string, number>();
  const unitIndex = (unit: string) => {
    let u = unitsOf.get(unit);
    if (u === undefined) unitsOf.set(unit, (u = unitsOf.size));
    return u;
  };
  const seated = new Set<string>(); // village,unit pairs with a cadre already there
  const paired = new Set<string>(); // cadre,village pairs already made
  const cadreById = new Map(cadres.map((c) => [c.id, c]));
  for (const p of fixed) {
    if (p.role !== 'village') continue;
    taken.set(p.cadreId, (taken.get(p.cadreId) ?? 0) + 1);
    const v = villageIndex.get(h.indexOf(p.code));
    if (v === undefined) continue;
    need[v] = Math.max(0, need[v]! - 1);
    seats[v]!++;
    paired.add(`${p.cadreId}\u0000${v}`);
    const c = cadreById.get(p.cadreId);
    if (c) seated.add(`${v},${unitIndex(c.unit)}`);
  }
  const wantsVillage = (c: Cadre) => (c.rank === 'staff' || policy.leads[c.rank] === undefined ? true : policy.leadersPairVillage);
  // Groups: cadres with the same anchor township (or county, or none) are interchangeable as far
  // as tiers go.
  const groupOf = new Map<number, Group>();
  for (const c of cadres) {
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
  // Without villages in scope there is nothing to place (the cadres stay free).
  const groups = villages.length === 0 ? [] : [...groupOf.values()];
  const totalSupply = groups.reduce((a, g) => a + g.total, 0);
  const totalNeed = need.reduce((a, b) => a + b, 0);
  if (totalSupply < totalNeed) shortages.push({ rule: 'minCadresPerVillage', needed: totalNeed, given: totalSupply, of: 'cadres' });

  const ctx: Context = { h, costs, counties, townships, villages, need, seated, ancestorAt, U: spread ? Math.max(1, unitsOf.size) : 1, spread, totalSupply };
  const located = locate(input, villages, groups);
  let routes: Routes;
  let solved: FlowGraph;
  let stats: PlanResult['stats'];
  const solveTier = (tier: ReturnType<typeof tierGraph>) => {
    if (input.solver !== 'cost-scaling') return tier.graph.solve(tier.source, tier.sink, totalSupply);
    const supply = new Float64Array(tier.graph.nodes);
    supply[tier.source] = totalSupply;
    supply[tier.sink] = -totalSupply;
    return tier.graph.solveSupplies(supply);
  };
  if (!located) {
    const tier = tierGraph(ctx, groups, spread);
    const run = solveTier(tier);
    ({ routes, graph: solved } = tier);
    stats = { groups: tier.routes.supplies.length, nodes: tier.graph.nodes, arcs: tier.graph.arcs, phases: run.phases, pricedPairs: 0 };
  } else {
    // Stage 1: the tier optimum and its exact potentials; then kilometres over the tier-optimal
    // arcs, and units over the kilometre-optimal ones.
    const tier = tierGraph(ctx, groups, false);
    const first = solveTier(tier);
    const near = planNear(ctx, groups, tier, located);
    ({ routes, graph: solved } = near);
    stats = {
      groups: near.routes.supplies.length,
      nodes: tier.graph.nodes + near.nodes,
      arcs: tier.graph.arcs + near.arcs,
      phases: first.phases + near.phases,
      pricedPairs: near.priced,
    };
  }

  const placements = decompose(solved, routes, paired);
  if (placements.length !== totalSupply) throw new PlannerError('planner.internal', { reason: `placed ${placements.length} of ${totalSupply} seats` });
  untwin(placements, paired, priceOf(ctx, groups, located), costs, seats, policy.minCadresPerVillage);
  const cost = { total: 0, sameTownship: 0, sameCounty: 0, elsewhere: 0, km: 0, sameUnitExtras: 0 };
  const perUnit = new Map<string, number>();
  for (const p of placements) {
    proposed.push({ cadreId: p.cadre.id, role: 'village', code: h.codeAt(villages[p.village]!) });
    seats[p.village]!++;
    cost[p.tier]++;
    cost.total += costs[p.tier];
    cost.km += p.km;
    if (spread) {
      // The first cadre of a unit in a village is free (unless a fixed one is there); each further one counts.
      const key = `${p.village},${unitIndex(p.cadre.unit)}`;
      const n = (perUnit.get(key) ?? 0) + 1;
      perUnit.set(key, n);
      if (n > 1 || seated.has(key)) cost.sameUnitExtras++;
    }
  }
  shortfalls.push(...villageShortfalls(h, ctx, groups, seats, policy.minCadresPerVillage, totalNeed));
  shortfalls.sort((a, b) => h.indexOf(a.code) - h.indexOf(b.code));
  return {
    feasible: shortages.length === 0 && shortfalls.length === 0,
    shortages,
    shortfalls,
    surplus,
    pairings: proposed,
    cost,
    stats,
  };
}

/**
 * The villages left short, each with its reason. Every seat of the roster is placed and needs are
 * filled before any village gets more than its minimum, so a village is short only when every
 * cadre seat of the scope is taken; the reason says whether its own county ran out.
 */
function villageShortfalls(h: Hierarchy, ctx: Context, groups: Group[], seats: Int32Array, min: number, totalNeed: number): Shortfall[] {
  const { villages, need, ancestorAt, totalSupply } = ctx;
  const own = new Map<number, number>();
  for (const g of groups) if (g.county >= 0) own.set(g.county, (own.get(g.county) ?? 0) + g.total);
  const countyNeed = new Map<number, number>();
  const countyOf = villages.map((v, i) => {
    const c = ancestorAt(v, 2);
    countyNeed.set(c, (countyNeed.get(c) ?? 0) + need[i]!);
    return c;
  });
  const out: Shortfall[] = [];
  villages.forEach((v, i) => {
    if (seats[i]! >= min) return;
    const c = countyOf[i]!;
    const mine = own.get(c) ?? 0;
    const county = mine < countyNeed.get(c)!;
    out.push({
      code: h.codeAt(v),
      name: h.nameAt(v),
      role: 'village',
      needed: min,
      given: seats[i]!,
      reason: county ? 'no-free-cadre-in-county' : 'no-free-cadre',
      details: county ? { county: c >= 0 ? h.codeAt(c) : '', countyName: c >= 0 ? h.nameAt(c) : '', own: mine, countyNeed: countyNeed.get(c)! } : { supply: totalSupply, need: totalNeed },
    });
  });
  return out;
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
 * extras, with W above any total of extras; a seat beyond a village's need costs more than any
 * path to a village, so that every need is filled before any extra seat.
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
  const extra = Math.max(costs.sameTownship, costs.sameCounty, costs.elsewhere) * W + 2;
  const hubIndex = new Map<number, number>();
  const routes: Routes = { supplies: parts.map((p) => p.supply), hubs: [], direct: new Direct(), penalties: [] };
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
      hubOf(hub, tier).in.push([i, arc, 0]);
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
    graph.addArc(villageBase + i, SINK, INF, extra);
  });
  // Hubs that nobody feeds stay out of the routes (they carry nothing).
  routes.hubs = routes.hubs.filter((hub) => hub.in.length > 0);
  // Without spreading there is one part per group, in order.
  const groupNode = spread ? [] : partNode;
  return {
    graph,
    source: SOURCE,
    sink: SINK,
    extra,
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
  /** Per group, the cadres' unit vectors (three numbers each) and whether each has one. */
  cadre: Array<{ xyz: Float64Array; has: Uint8Array }>;
  /** Unit vectors of the villages, three numbers each; `hasVillage[i]` says whether village i has one. */
  village: Float64Array;
  hasVillage: Uint8Array;
}

function locate(input: PlanInput, villages: number[], groups: Group[]): Located | null {
  const table = input.locations;
  if (!table) return null;
  const indexOf = new Map(villages.map((v, i) => [v, i]));
  const village = new Float64Array(3 * villages.length);
  const hasVillage = new Uint8Array(villages.length);
  const point = new Float64Array(3);
  for (const [row, at] of table) {
    // Villages outside the scope may be given (a portal passes all it has); they are not used.
    const i = indexOf.get(row);
    if (i === undefined) continue;
    unitVector(at, point, 0);
    village.set(point, 3 * i);
    hasVillage[i] = 1;
  }
  let any = false;
  const cadre = groups.map((g) => {
    const xyz = new Float64Array(3 * g.cadres.length);
    const has = new Uint8Array(g.cadres.length);
    g.cadres.forEach((c, k) => {
      // Both or neither: checked at the door.
      if (c.lat === undefined || c.lon === undefined) return;
      unitVector(c as LatLon, xyz, 3 * k);
      if (g.county < 0) return;
      has[k] = 1;
      any = true;
    });
    return { xyz, has };
  });
  return any && hasVillage.includes(1) ? { cadre, village, hasVillage } : null;
}

/** Write the unit vector of a point (its range checked at the door) into `out` at `offset`. */
function unitVector(at: LatLon, out: Float64Array, offset: number): void {
  const { lat, lon } = at;
  const φ = (lat * Math.PI) / 180;
  const λ = (lon * Math.PI) / 180;
  out[offset] = Math.cos(φ) * Math.cos(λ);
  out[offset + 1] = Math.cos(φ) * Math.sin(λ);
  out[offset + 2] = Math.sin(φ);
}

/**
 * Arcs from supply nodes straight to villages, as growable columns: `fixed` units are sent
 * whatever the flow (an earlier stage proved them part of every optimum); `arc` is -1 when
 * nothing more can go; `town` is 1 for the same-township tier.
 */
class Direct {
  length = 0;
  supply: Int32Array;
  village: Int32Array;
  arc: Int32Array;
  fixed: Int32Array;
  town: Uint8Array;
  km: Float64Array;
  /** Columns with room for `size` arcs (they grow as needed). */
  constructor(size = 64) {
    const n = Math.max(16, size);
    this.supply = new Int32Array(n);
    this.village = new Int32Array(n);
    this.arc = new Int32Array(n);
    this.fixed = new Int32Array(n);
    this.town = new Uint8Array(n);
    this.km = new Float64Array(n);
  }
  push(supply: number, village: number, arc: number, fixed: number, town: number, km: number): void {
    const e = this.length;
    if (e === this.supply.length) {
      const size = 2 * e;
      let i = new Int32Array(size);
      i.set(this.supply);
      this.supply = i;
      i = new Int32Array(size);
      i.set(this.village);
      this.village = i;
      i = new Int32Array(size);
      i.set(this.arc);
      this.arc = i;
      i = new Int32Array(size);
      i.set(this.fixed);
      this.fixed = i;
      const t = new Uint8Array(size);
      t.set(this.town);
      this.town = t;
      const k = new Float64Array(size);
      k.set(this.km);
      this.km = k;
    }
    this.supply[e] = supply;
    this.village[e] = village;
    this.arc[e] = arc;
    this.fixed[e] = fixed;
    this.town[e] = town;
    this.km[e] = km;
    this.length = e + 1;
  }
}

/**
 * The stages after the tier optimum, each solved over the optimal face of the one before. With
 * exact optimal potentials π of a stage, an arc of reduced cost 0 is kept, one of positive
 * reduced cost is dropped (no optimum uses it) and one of negative reduced cost is full in every
 * optimum (its flow is fixed and moves into the supplies): the flows of the next stage's graph
 * are exactly the optima of the stage before (complementary slackness).
 *
 * - Stage 2, distance: supply nodes (located cadres, merged when they share anchor, unit and
 *   coordinates; the other cadres by anchor and unit) → hubs (per unit) and, for located cadres,
 *   straight to the villages of their county at cost km → villages → sinks. One sink per
 *   connected component (a component sends its sink exactly its own supplies in any feasible
 *   flow, so the split is exact and the components are solved apart).
 * - Stage 3, units (when spreading): the same nodes with village-units between, at cost 1 for a
 *   second, third… cadre of one unit in one village.
 */
function planNear(ctx: Context, groups: Group[], tier: ReturnType<typeof tierGraph>, located: Located) {
  const { h, costs, counties, townships, villages, need, seated, U, spread } = ctx;
  const g1 = tier.graph;
  const pi = g1.potentials();
  const reduced1 = (arc: number) => g1.costOf(arc) + pi[g1.tailOf(arc)]! - pi[g1.headOf(arc)]!;
  // Supply nodes.
  interface Node {
    group: number;
    unit: number;
    /** Whether the node's cadres are located, and where (unit vector). */
    point: boolean;
    x: number;
    y: number;
    z: number;
    cadres: Cadre[];
    supply: number[];
    total: number;
  }
  const nodes: Node[] = [];
  groups.forEach((g, gi) => {
    const { xyz, has } = located.cadre[gi]!;
    const plain = new Map<number, Node>();
    const at = new Map<number, Map<number, Map<number, Node>>>();
    g.cadres.forEach((c, k) => {
      const unit = spread ? g.units[k]! : 0;
      let node: Node | undefined;
      if (has[k] === 1) {
        // Merged by unit and exact coordinates.
        let byLat = at.get(unit);
        if (!byLat) at.set(unit, (byLat = new Map()));
        let byLon = byLat.get(c.lat!);
        if (!byLon) byLat.set(c.lat!, (byLon = new Map()));
        node = byLon.get(c.lon!);
        if (!node) byLon.set(c.lon!, (node = { group: gi, unit, point: true, x: xyz[3 * k]!, y: xyz[3 * k + 1]!, z: xyz[3 * k + 2]!, cadres: [], supply: [], total: 0 }));
      } else {
        node = plain.get(unit);
        if (!node) plain.set(unit, (node = { group: gi, unit, point: false, x: 0, y: 0, z: 0, cadres: [], supply: [], total: 0 }));
      }
      if (node.cadres.length === 0) nodes.push(node);
      node.cadres.push(c);
      node.supply.push(g.supply[k]!);
      node.total += g.supply[k]!;
    });
  });
  // Nodes of both stages: supply nodes, hubs, villages, village-units, sinks.
  let next = nodes.length;
  const hubKey = (row: number, u: number) => row * U + u;
  const townHub = new Map<number, number>();
  const countyHub = new Map<number, number>();
  for (const t of townships) for (let u = 0; u < U; u++) townHub.set(hubKey(t, u), next++);
  for (const c of counties) for (let u = 0; u < U; u++) countyHub.set(hubKey(c, u), next++);
  const anyHub = Array.from({ length: U }, () => next++);
  const villageBase = next;
  next += villages.length;
  const vuBase = next;
  next += spread ? villages.length * U : 0;
  const sinkBase = next;
  next += villages.length;
  const INF = ctx.totalSupply + 1;
  const villageNode = (i: number) => villageBase + i;
  const vu = (i: number, u: number) => vuBase + i * U + u;

  // Villages per township and county (for the hubs' fan-out and the located cadres' arcs).
  const villagesIn = new Map<number, number[]>();
  const villageTown = Int32Array.from(tier.villageTown);
  villages.forEach((_, i) => {
    for (const row of [tier.villageTown[i]!, tier.villageCounty[i]!]) {
      if (row < 0) continue;
      let list = villagesIn.get(row);
      if (!list) villagesIn.set(row, (list = []));
      list.push(i);
    }
  });
  const pi1Village = Float64Array.from(villages, (_, i) => pi[tier.villageBase + i]!);

  // Stage 2: the located cadres' arcs are those of zero reduced tier cost (counted first, to
  // allocate once).
  const m = groups.map((_, gi) => Math.min(...tier.groupArcs[gi]!.map((a) => reduced1(a.arc))));
  // A located node's arcs: the villages of its county of reduced tier cost 0 (sameTown tells the tier).
  const tierOf = (k: number) => {
    const n = nodes[k]!;
    const g = groups[n.group]!;
    const p = pi[tier.groupNode[n.group]!]! - m[n.group]!;
    return {
      list: villagesIn.get(g.county) ?? [],
      inTown: g.anchor >= 0 && h.levelAt(g.anchor) === 3 ? g.anchor : -1,
      townCost: Math.min(costs.sameTownship, costs.sameCounty) + p,
      countyCost: costs.sameCounty + p,
    };
  };
  let room = 0;
  for (let k = 0; k < nodes.length; k++) {
    if (!nodes[k]!.point) continue;
    const { list, inTown, townCost, countyCost } = tierOf(k);
    for (let j = 0; j < list.length; j++) {
      const i = list[j]!;
      if ((villageTown[i] === inTown ? townCost : countyCost) - pi1Village[i]! === 0) room++;
    }
  }
  const g2 = new FlowGraph(next, room + 3 * U * villages.length + 3 * nodes.length);
  const b2 = new Float64Array(next);
  const hubs = new Map<number, { tier: Tier; unit: number; pi: number; feeds: readonly number[] }>();
  const hubIn = { node: [] as number[], hub: [] as number[], arc: [] as number[] };
  const direct = new Direct(room);
  const townTier = costs.sameTownship <= costs.sameCounty ? 1 : 0;
  const at = located.village;
  const has = located.hasVillage;
  const hubOut = { hub: [] as number[], village: [] as number[], arc: [] as number[] };
  const sinkArc = { village: [] as number[], arc: [] as number[] };
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k]!;
    const g = groups[n.group]!;
    // Shifted so that the group's best arc has reduced cost 0 (see the stage-3 shift below).
    const p = pi[tier.groupNode[n.group]!]! - m[n.group]!;
    b2[k] = n.total;
    for (const a of tier.groupArcs[n.group]!) {
      // A located cadre reaches the villages of its county straight; the hubs serve the rest.
      if (n.point && a.tier !== 'elsewhere') continue;
      if (g1.costOf(a.arc) + p - pi[a.hub]! !== 0) continue;
      const row = a.tier === 'sameTownship' ? g.anchor : g.county;
      const node = a.tier === 'sameTownship' ? townHub.get(hubKey(row, n.unit))! : a.tier === 'sameCounty' ? countyHub.get(hubKey(row, n.unit))! : anyHub[n.unit]!;
      if (!hubs.has(node)) hubs.set(node, { tier: a.tier, unit: n.unit, pi: pi[a.hub]!, feeds: a.tier === 'elsewhere' ? villages.map((_, i) => i) : (villagesIn.get(row) ?? []) });
      hubIn.node.push(k);
      hubIn.hub.push(node);
      hubIn.arc.push(g2.addArc(k, node, n.total, 0));
    }
    if (!n.point) continue;
    const { x, y, z } = n;
    const cap = n.cadres.length;
    const { list, inTown, townCost, countyCost } = tierOf(k);
    for (let j = 0; j < list.length; j++) {
      const i = list[j]!;
      const sameTown = villageTown[i] === inTown;
      if ((sameTown ? townCost : countyCost) - pi1Village[i]! !== 0) continue;
      let km = 0;
      if (has[i] === 1) {
        // Great circle from the chord between unit vectors.
        const dx = x - at[3 * i]!;
        const dy = y - at[3 * i + 1]!;
        const dz = z - at[3 * i + 2]!;
        km = Math.round(2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2)));
      }
      direct.push(k, i, g2.addArc(k, villageBase + i, cap, km), 0, sameTown ? townTier : 0, km);
    }
  }
  for (const [node, hub] of hubs) {
    for (const i of hub.feeds) {
      if (hub.pi - pi1Village[i]! !== 0) continue;
      hubOut.hub.push(node);
      hubOut.village.push(i);
      hubOut.arc.push(g2.addArc(node, villageNode(i), INF, 0));
    }
  }
  // Needs: the tier stage's need and extra-seat arcs, by their reduced cost.
  const parent = Int32Array.from({ length: next }, (_, v) => v);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  for (let a = 0; a < g2.arcs * 2; a += 2) {
    const x = find(g2.tailOf(a));
    const y = find(g2.headOf(a));
    if (x !== y) parent[x] = y;
  }
  const sinkOf = new Map<number, number>();
  const sinkFor = (v: number) => {
    const root = find(v);
    let t = sinkOf.get(root);
    if (t === undefined) sinkOf.set(root, (t = sinkBase + sinkOf.size));
    return t;
  };
  villages.forEach((_, i) => {
    const r = pi1Village[i]! - pi[tier.sink]!;
    const v = villageNode(i);
    if (need[i]! > 0) {
      if (r < 0) b2[v] = -need[i]!;
      else if (r === 0) {
        sinkArc.village.push(i);
        sinkArc.arc.push(g2.addArc(v, sinkFor(v), need[i]!, 0));
      }
    }
    if (tier.extra + r === 0) {
      sinkArc.village.push(i);
      sinkArc.arc.push(g2.addArc(v, sinkFor(v), INF, 0));
    }
  });
  // Each sink takes what its component supplies (the finds were taken before the sink arcs).
  for (let v = 0; v < sinkBase; v++) {
    const t = sinkOf.get(find(v));
    if (t !== undefined) b2[t]! -= b2[v]!;
  }
  const run2 = g2.solveSupplies(b2);
  const priced = direct.length;
  const hubRoutes = (arcOf: (e: number) => number, fixedOf: (e: number) => number, outArc: (e: number) => number) => {
    const index = new Map<number, number>();
    const list: Routes['hubs'] = [];
    const of = (node: number) => {
      let i = index.get(node);
      if (i === undefined) {
        index.set(node, (i = list.length));
        list.push({ tier: hubs.get(node)!.tier, in: [], out: [] });
      }
      return list[i]!;
    };
    hubIn.arc.forEach((_, e) => {
      const arc = arcOf(e);
      const fixed = fixedOf(e);
      if (arc >= 0 || fixed > 0) of(hubIn.hub[e]!).in.push([hubIn.node[e]!, arc, fixed]);
    });
    hubOut.arc.forEach((_, e) => {
      const arc = outArc(e);
      if (arc >= 0) of(hubOut.hub[e]!).out.push([hubOut.village[e]!, arc]);
    });
    return list.filter((hub) => hub.in.length > 0);
  };
  const supplies = nodes.map((n) => supplyOf(n.cadres, n.supply));
  if (!spread) {
    const routes: Routes = {
      supplies,
      hubs: hubRoutes((e) => hubIn.arc[e]!, () => 0, (e) => hubOut.arc[e]!),
      direct,
      penalties: [],
    };
    return { graph: g2, routes, priced, phases: run2.phases, nodes: g2.nodes, arcs: g2.arcs };
  }

  // Stage 3: units, over the distance-optimal arcs.
  const p2 = g2.potentials();
  const reduced2 = (arc: number) => g2.costOf(arc) + p2[g2.tailOf(arc)]! - p2[g2.headOf(arc)]!;
  // A supply node has no arcs in: raise its potential until its best used arc costs 0, so that
  // only arcs strictly better than another used one stay fixed (fewer fixed flows).
  const best = new Float64Array(nodes.length).fill(-Infinity);
  const used = (k: number, arc: number) => {
    if (g2.flowOn(arc) > 0) best[k] = Math.max(best[k]!, reduced2(arc));
  };
  hubIn.arc.forEach((arc, e) => used(hubIn.node[e]!, arc));
  for (let e = 0; e < direct.length; e++) used(direct.supply[e]!, direct.arc[e]!);
  nodes.forEach((_, k) => {
    if (best[k]! > -Infinity) p2[k]! -= best[k]!;
  });
  const g3 = new FlowGraph(next);
  const b3 = Float64Array.from(b2);
  const fix = (from: number, to: number, units: number) => {
    b3[from]! -= units;
    b3[to]! += units;
  };
  const hubInArc = hubIn.arc.map((arc, e) => {
    const r = reduced2(arc);
    if (r !== 0) return -1;
    return g3.addArc(hubIn.node[e]!, hubIn.hub[e]!, nodes[hubIn.node[e]!]!.total, 0);
  });
  const hubInFixed = hubIn.arc.map((arc, e) => {
    if (reduced2(arc) >= 0) return 0;
    const k = hubIn.node[e]!;
    fix(k, hubIn.hub[e]!, nodes[k]!.total);
    return nodes[k]!.total;
  });
  const routes: Routes = {
    supplies,
    hubs: [],
    direct: new Direct(),
    penalties: [],
  };
  for (let e = 0; e < direct.length; e++) {
    const r = reduced2(direct.arc[e]!);
    if (r > 0) continue;
    const k = direct.supply[e]!;
    const i = direct.village[e]!;
    const cap = nodes[k]!.cadres.length;
    if (r === 0) routes.direct.push(k, i, g3.addArc(k, vu(i, nodes[k]!.unit), cap, 0), 0, direct.town[e]!, direct.km[e]!);
    else {
      fix(k, vu(i, nodes[k]!.unit), cap);
      routes.direct.push(k, i, -1, cap, direct.town[e]!, direct.km[e]!);
    }
  }
  const hubOutArc = hubOut.arc.map((arc, e) => {
    const r = reduced2(arc);
    if (r > 0) return -1;
    if (r < 0) throw new PlannerError('planner.internal', { reason: 'an uncapacitated arc cannot be fixed' });
    return g3.addArc(hubOut.hub[e]!, vu(hubOut.village[e]!, hubs.get(hubOut.hub[e]!)!.unit), INF, 0);
  });
  routes.hubs = hubRoutes(
    (e) => hubInArc[e]!,
    (e) => hubInFixed[e]!,
    (e) => hubOutArc[e]!,
  );
  villages.forEach((_, i) => {
    for (let u = 0; u < U; u++) {
      // The first cadre of a unit in a village is free; each further one costs 1.
      if (!seated.has(`${i},${u}`)) g3.addArc(vu(i, u), villageNode(i), 1, 0);
      routes.penalties.push(g3.addArc(vu(i, u), villageNode(i), INF, 1));
    }
  });
  sinkArc.arc.forEach((arc, e) => {
    const r = reduced2(arc);
    const v = villageNode(sinkArc.village[e]!);
    const sink = g2.headOf(arc);
    if (r === 0) g3.addArc(v, sink, g2.capacityOf(arc), 0);
    else if (r < 0) {
      if (g2.capacityOf(arc) === INF) throw new PlannerError('planner.internal', { reason: 'an uncapacitated arc cannot be fixed' });
      fix(v, sink, g2.capacityOf(arc));
    }
  });
  const run3 = g3.solveSupplies(b3);
  return { graph: g3, routes, priced, phases: run2.phases + run3.phases, nodes: g2.nodes + g3.nodes, arcs: g2.arcs + g3.arcs };
}

/**
 * Follow the flow from supply nodes to villages, one cadre per unit of flow. The cadres of one
 * supply node are interchangeable in every term of the cost (same anchor, unit and
 * coordinates), so which of them takes which of the node's villages is free: it is chosen so
 * that no cadre is paired twice with one village (counting their fixed pairings) wherever the
 * node's cadres allow it.
 */
function decompose(g: FlowGraph, routes: Routes, fixedPairs: ReadonlySet<string>): Placement[] {
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
  const key = (cadre: Cadre, village: number) => `${cadre.id}\u0000${village}`;
  const count = new Map<string, number>();
  for (const k of fixedPairs) count.set(k, 1);
  const has = (cadre: Cadre, village: number) => (count.get(key(cadre, village)) ?? 0) > 0;
  const bump = (cadre: Cadre, village: number, by: number) => count.set(key(cadre, village), (count.get(key(cadre, village)) ?? 0) + by);
  // The next cadre of the node not yet in the village, where there is one.
  const take = (supply: number, village: number) => {
    const t = tokens[supply]!;
    if (t.at >= t.out.length) return undefined;
    let k = t.at;
    while (k < t.out.length && has(t.out[k]!, village)) k++;
    if (k < t.out.length && k !== t.at) [t.out[k], t.out[t.at]] = [t.out[t.at]!, t.out[k]!];
    const cadre = t.out[t.at++]!;
    bump(cadre, village, 1);
    return cadre;
  };
  const placements: Placement[] = [];
  const flow = (arc: number) => (arc < 0 ? 0 : g.flowOn(arc));
  const d = routes.direct;
  for (let k = 0; k < d.length; k++) {
    for (let f = d.fixed[k]! + flow(d.arc[k]!); f > 0; f--) {
      const cadre = take(d.supply[k]!, d.village[k]!);
      if (!cadre) break;
      placements.push({ supply: d.supply[k]!, cadre, village: d.village[k]!, tier: d.town[k] ? 'sameTownship' : 'sameCounty', km: d.km[k]! });
    }
  }
  for (const hub of routes.hubs) {
    const incoming = hub.in.map(([s, arc, fixed]) => ({ s, left: fixed + flow(arc) })).filter((x) => x.left > 0);
    for (const [village, arc] of hub.out) {
      let left = flow(arc);
      while (left > 0 && incoming.length > 0) {
        const src = incoming[0]!;
        const cadre = take(src.s, village);
        if (cadre === undefined) {
          incoming.shift();
          continue;
        }
        placements.push({ supply: src.s, cadre, village, tier: hub.tier, km: 0 });
        left--;
        if (--src.left === 0) incoming.shift();
      }
    }
  }
  // A cadre still sent twice to one village (the node's later tokens were all that cadre):
  // exchange with an earlier placement of the same node, which costs the same.
  const bySupply = new Map<number, number[]>();
  placements.forEach((p, i) => {
    const list = bySupply.get(p.supply);
    if (list) list.push(i);
    else bySupply.set(p.supply, [i]);
  });
  placements.forEach((p) => {
    if ((count.get(key(p.cadre, p.village)) ?? 0) < 2) return;
    for (const j of bySupply.get(p.supply)!) {
      const q = placements[j]!;
      if (q.cadre === p.cadre || has(p.cadre, q.village) || has(q.cadre, p.village)) continue;
      bump(p.cadre, p.village, -1);
      bump(q.cadre, q.village, -1);
      [p.cadre, q.cadre] = [q.cadre, p.cadre];
      bump(p.cadre, p.village, 1);
      bump(q.cadre, q.village, 1);
      break;
    }
  });
  return placements;
}

/** One cadre placed in one village (by index among the scope's villages), with its tier and kilometres. */
interface Placement {
  supply: number;
  cadre: Cadre;
  village: number;
  tier: Tier;
  km: number;
}

/** The tier and kilometres of any cadre in any village of the scope. */
type Pricer = (cadre: Cadre, village: number) => { tier: Tier; km: number };

/**
 * The price of a cadre in a village, as the solver counts it: the cheapest tier the cadre's
 * anchor allows there, and the whole kilometres when the village lies in the cadre's anchor
 * county and both have coordinates.
 */
function priceOf(ctx: Context, groups: Group[], located: Located | null): Pricer {
  const { h, costs, villages, ancestorAt } = ctx;
  const where = new Map<Cadre, [group: number, k: number]>();
  groups.forEach((g, gi) => g.cadres.forEach((c, k) => where.set(c, [gi, k])));
  const townOf = villages.map((v) => ancestorAt(v, 3));
  const countyOf = villages.map((v) => ancestorAt(v, 2));
  return (cadre, i) => {
    const [gi, k] = where.get(cadre)!;
    const g = groups[gi]!;
    let tier: Tier = 'elsewhere';
    const inTown = g.anchor >= 0 && h.levelAt(g.anchor) === 3 && townOf[i] === g.anchor;
    const inCounty = g.county >= 0 && countyOf[i] === g.county;
    for (const t of TIERS) {
      const admissible = t === 'elsewhere' || (t === 'sameCounty' ? inCounty : inTown);
      if (admissible && costs[t] < costs[tier]) tier = t;
      else if (admissible && costs[t] === costs[tier] && TIERS.indexOf(t) < TIERS.indexOf(tier)) tier = t;
    }
    let km = 0;
    if (located && inCounty && located.cadre[gi]!.has[k] === 1 && located.hasVillage[i] === 1) {
      const a = located.cadre[gi]!.xyz;
      const b = located.village;
      const dx = a[3 * k]! - b[3 * i]!;
      const dy = a[3 * k + 1]! - b[3 * i + 1]!;
      const dz = a[3 * k + 2]! - b[3 * i + 2]!;
      km = Math.round(2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2)));
    }
    return { tier, km };
  };
}

/**
 * The flow treats a cadre who takes several villages as interchangeable seats, so the optimum may
 * send one cadre twice to one village where their supply node has no other cadre. Each such
 * placement is exchanged with the placement elsewhere whose exchange costs least (tiers first,
 * then kilometres), or, when it is a seat beyond the village's minimum, moved to the village
 * where it costs least, so that no cadre is paired twice with one village; the plan then costs
 * at most that much more than the optimum without the rule. With one village per cadre (the
 * default) there is nothing to exchange.
 */
function untwin(placements: Placement[], fixedPairs: ReadonlySet<string>, price: Pricer, costs: PlanCosts, fixedSeats: Int32Array, min: number): void {
  const key = (cadre: Cadre, village: number) => `${cadre.id}\u0000${village}`;
  const count = new Map<string, number>();
  for (const k of fixedPairs) count.set(k, 1);
  for (const p of placements) count.set(key(p.cadre, p.village), (count.get(key(p.cadre, p.village)) ?? 0) + 1);
  const has = (cadre: Cadre, village: number) => (count.get(key(cadre, village)) ?? 0) > 0;
  const bump = (cadre: Cadre, village: number, by: number) => count.set(key(cadre, village), (count.get(key(cadre, village)) ?? 0) + by);
  // Tiers outweigh kilometres (as in the solver's order): a kilometre total stays far below 1e9.
  const value = (x: { tier: Tier; km: number }) => costs[x.tier] * 1e9 + x.km;
  const seats = Int32Array.from(fixedSeats);
  for (const p of placements) seats[p.village]!++;
  for (const p of placements) {
    if ((count.get(key(p.cadre, p.village)) ?? 0) < 2) continue;
    let best = -1;
    let bestDelta = Infinity;
    let bestPrices: [{ tier: Tier; km: number }, { tier: Tier; km: number }] | null = null;
    placements.forEach((q, j) => {
      if (q.cadre === p.cadre || q.village === p.village || has(p.cadre, q.village) || has(q.cadre, p.village)) return;
      const pw = price(p.cadre, q.village);
      const qv = price(q.cadre, p.village);
      const delta = value(pw) + value(qv) - value(p) - value(q);
      if (delta < bestDelta) [best, bestDelta, bestPrices] = [j, delta, [pw, qv]];
    });
    // A seat beyond the village's minimum may go to another village instead (every seat beyond a
    // minimum costs the same wherever it is).
    let moveTo = -1;
    let movePrice: { tier: Tier; km: number } | null = null;
    if (seats[p.village]! > min) {
      for (let w = 0; w < seats.length; w++) {
        if (w === p.village || has(p.cadre, w) || seats[w]! < min) continue;
        const pw = price(p.cadre, w);
        const delta = value(pw) - value(p);
        if (delta < bestDelta) [moveTo, bestDelta, movePrice] = [w, delta, pw];
      }
    }
    if (moveTo >= 0 && movePrice !== null) {
      bump(p.cadre, p.village, -1);
      seats[p.village]!--;
      p.village = moveTo;
      Object.assign(p, movePrice);
      seats[moveTo]!++;
      bump(p.cadre, p.village, 1);
      continue;
    }
    if (best < 0 || bestPrices === null) continue;
    const q = placements[best]!;
    bump(p.cadre, p.village, -1);
    bump(q.cadre, q.village, -1);
    [p.cadre, q.cadre] = [q.cadre, p.cadre];
    // p keeps its village and now has q's old cadre; q keeps its village with p's old cadre.
    Object.assign(p, bestPrices[1]);
    Object.assign(q, bestPrices[0]);
    bump(p.cadre, p.village, 1);
    bump(q.cadre, q.village, 1);
  }
}

/**
 * Leaders to units, nearest first, as an exact minimum-cost assignment on a compressed graph:
 * leaders grouped by home township and county → their own unit (same-township cost), a hub per
 * county (same-county cost, to the county's township units) and an "anywhere" hub (elsewhere
 * cost) → units, each taken once.
 */
function assignNearest(h: Hierarchy, homes: number[], units: number[], costs: PlanCosts, ancestorAt: (row: number, level: number) => number): number[] {
  if (homes.length === 0 || units.length === 0) return homes.map(() => -1);
  const groupOf = new Map<string, { town: number; county: number; leaders: number[] }>();
  homes.forEach((home, i) => {
    const town = home >= 0 ? ancestorAt(home, 3) : -1;
    const county = home >= 0 ? ancestorAt(home, 2) : -1;
    const key = `${town},${county}`;
    let g = groupOf.get(key);
    if (!g) groupOf.set(key, (g = { town, county, leaders: [] }));
    g.leaders.push(i);
  });
  const groups = [...groupOf.values()];
  const unitIndex = new Map(units.map((u, j) => [u, j]));
  const counties = [...new Set(units.map((u) => ancestorAt(u, 2)))];
  // Nodes: source 0, sink 1, groups, units, county hubs, the anywhere hub.
  const unitBase = 2 + groups.length;
  const hubBase = unitBase + units.length;
  const hubOf = new Map(counties.map((c, k) => [c, hubBase + k]));
  const anyHub = hubBase + counties.length;
  const g = new FlowGraph(anyHub + 1);
  const direct: Array<[group: number, unit: number, arc: number]> = [];
  const hubs = new Map<number, { in: Array<[group: number, arc: number]>; out: Array<[unit: number, arc: number]> }>();
  const hub = (node: number) => {
    let x = hubs.get(node);
    if (!x) hubs.set(node, (x = { in: [], out: [] }));
    return x;
  };
  groups.forEach((grp, k) => {
    const node = 2 + k;
    const n = grp.leaders.length;
    g.addArc(0, node, n, 0);
    // A leader's own township, or own county when counties are the units, at the first tier.
    for (const own of [grp.town, grp.county]) {
      const j = own >= 0 ? unitIndex.get(own) : undefined;
      if (j !== undefined && (own === grp.town || h.levelAt(own) === 2)) direct.push([k, j, g.addArc(node, unitBase + j, 1, costs.sameTownship)]);
    }
    const countyHub = grp.county >= 0 ? hubOf.get(grp.county) : undefined;
    if (countyHub !== undefined) hub(countyHub).in.push([k, g.addArc(node, countyHub, n, costs.sameCounty)]);
    hub(anyHub).in.push([k, g.addArc(node, anyHub, n, costs.elsewhere)]);
  });
  units.forEach((u, j) => {
    // The county hub serves the county's townships (a county unit is its own county's, above).
    if (h.levelAt(u) === 3) hub(hubOf.get(ancestorAt(u, 2))!).out.push([j, g.addArc(hubOf.get(ancestorAt(u, 2))!, unitBase + j, 1, 0)]);
    hub(anyHub).out.push([j, g.addArc(anyHub, unitBase + j, 1, 0)]);
    g.addArc(unitBase + j, 1, 1, 0);
  });
  g.solve(0, 1, Math.min(homes.length, units.length));
  const out = homes.map(() => -1);
  const next = groups.map(() => 0);
  const take = (k: number, j: number) => {
    const leader = groups[k]!.leaders[next[k]!++];
    if (leader !== undefined) out[leader] = units[j]!;
  };
  for (const [k, j, arc] of direct) if (g.flowOn(arc) > 0) take(k, j);
  for (const x of hubs.values()) {
    const incoming = x.in.map(([k, arc]) => ({ k, left: g.flowOn(arc) })).filter((y) => y.left > 0);
    for (const [j, arc] of x.out) {
      if (g.flowOn(arc) === 0 || incoming.length === 0) continue;
      take(incoming[0]!.k, j);
      if (--incoming[0]!.left === 0) incoming.shift();
    }
  }
  return out;
}
