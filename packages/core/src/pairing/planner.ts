/**
 * The pairing planner: proposes county leads, township leads and village pairings for a roster
 * so that the policy holds, at minimum cost, with the user's fixed pairings kept.
 *
 * The cost of putting a cadre in a village is set by where the cadre is anchored (the unit a
 * leader leads, else the cadre's home): 0 in the same township, 1 in the same county, 4
 * elsewhere (configurable). All cadres anchored in one township are interchangeable, so the
 * problem is solved exactly as a minimum-cost flow on a compressed graph — groups of cadres →
 * township, county and "anywhere" hubs → villages — which has the optimum of the full
 * cadre × village assignment (5.9 M arcs for Zhaotong) with a few tens of thousands of arcs.
 * An optional second objective spreads each village's cadres over units (政法委, 法院, …): a
 * second cadre of one unit in a village costs a little, never enough to outweigh distance.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { normalizeCode } from '../hierarchy/codes.js';
import { FlowGraph } from './flow.js';
import { pairingPolicySchema, type Cadre, type Pairing, type PairingPolicy, type PairingPolicyInput } from './schema.js';

/** Tier costs of distance between a cadre's anchor and a village. */
export interface PlanCosts {
  sameTownship: number;
  sameCounty: number;
  elsewhere: number;
}

/** Options of {@link planPairings}. */
export interface PlanOptions {
  /** The division to plan (a prefecture or county). */
  scope: string;
  cadres: readonly Cadre[];
  /** Pairings the user has fixed: kept as they are, and counted. */
  fixed?: readonly Pairing[];
  policy?: PairingPolicyInput | PairingPolicy;
  costs?: Partial<PlanCosts>;
  /** Spread each village's cadres over units (default true). */
  spreadUnits?: boolean;
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
  /** The locality cost (sum of tier costs over village pairings) and how it splits by tier. */
  cost: { total: number; sameTownship: number; sameCounty: number; elsewhere: number; sameUnitExtras: number };
  /** Size of the solved problems, for the curious and the benchmark. */
  stats: { groups: number; nodes: number; arcs: number; phases: number };
}

const DEFAULT_COSTS: PlanCosts = { sameTownship: 0, sameCounty: 1, elsewhere: 4 };
/** Extra cost of an unfilled need, large enough that every need is filled before any extra seat. */
const EXTRA_SEAT = 1_000_000_000;

/**
 * Propose pairings that satisfy the policy at minimum cost.
 * @example
 * const plan = planPairings(zhaotong, { scope: '5306', cadres });
 * plan.feasible;          // true with 4,206 cadres for 1,402 villages
 * plan.cost.elsewhere;    // how many cadres had to go outside their county
 */
export function planPairings(h: Hierarchy, options: PlanOptions): PlanResult {
  const policy = pairingPolicySchema.parse(options.policy ?? {});
  const costs = { ...DEFAULT_COSTS, ...options.costs };
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
  const unitNames: string[] = [];
  const unitIndex = (unit: string) => {
    let u = unitsOf.get(unit);
    if (u === undefined) {
      u = unitNames.length;
      unitsOf.set(unit, u);
      unitNames.push(unit);
    }
    return spread ? u : 0;
  };
  const seated = new Map<string, number>(); // village,unit → cadres already there
  const cadreById = new Map(options.cadres.map((c) => [c.id, c]));
  for (const p of fixed) {
    if (p.role !== 'village') continue;
    taken.set(p.cadreId, (taken.get(p.cadreId) ?? 0) + 1);
    const v = villageIndex.get(h.indexOf(safeNormalize(p.code)));
    if (v === undefined) continue;
    need[v] = Math.max(0, need[v]! - 1);
    const c = cadreById.get(p.cadreId);
    if (c) seated.set(`${v},${unitIndex(c.unit)}`, (seated.get(`${v},${unitIndex(c.unit)}`) ?? 0) + 1);
  }
  const wantsVillage = (c: Cadre) => (c.rank === 'staff' || policy.leads[c.rank] === undefined ? true : policy.leadersPairVillage);
  // Groups: cadres with the same anchor township (or county, or none) and unit are interchangeable.
  const groups = new Map<string, { anchor: number; unit: number; cadres: Cadre[]; supply: number }>();
  for (const c of options.cadres) {
    if (!wantsVillage(c)) continue;
    const supply = policy.villagesPerCadre - (taken.get(c.id) ?? 0);
    if (supply <= 0) continue;
    const led = leadOf.get(c.id);
    const home = led !== undefined && led >= 0 ? led : homeRow(c);
    const anchor = home < lo || home >= hi ? -1 : h.levelAt(home) >= 3 ? ancestorAt(home, 3) : ancestorAt(home, 2);
    const unit = unitIndex(c.unit);
    const key = `${anchor},${unit}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { anchor, unit, cadres: [], supply: 0 }));
    g.cadres.push(c);
    g.supply += supply;
  }
  const supply = [...groups.values()].reduce((a, g) => a + g.supply, 0);
  const totalNeed = need.reduce((a, b) => a + b, 0);
  if (supply < totalNeed) shortages.push({ rule: 'minCadresPerVillage', needed: totalNeed, given: supply, of: 'cadres' });

  // Nodes: source, sink, groups, hubs per (township|county|anywhere, unit), village-unit, village.
  const U = spread ? Math.max(1, unitNames.length) : 1;
  const groupList = [...groups.values()];
  let next = 2;
  const groupNode = groupList.map(() => next++);
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
  const g = new FlowGraph(next);
  const SOURCE = 0;
  const SINK = 1;
  const W = spread ? 1000 : 1;
  groupList.forEach((grp, i) => {
    g.addArc(SOURCE, groupNode[i]!, grp.supply, 0);
    const a = grp.anchor;
    if (a >= 0 && h.levelAt(a) === 3) g.addArc(groupNode[i]!, townHub.get(hubKey(a, grp.unit))!, grp.supply, costs.sameTownship * W);
    const county = a >= 0 ? ancestorAt(a, 2) : -1;
    if (county >= 0) g.addArc(groupNode[i]!, countyHub.get(hubKey(county, grp.unit))!, grp.supply, costs.sameCounty * W);
    g.addArc(groupNode[i]!, anyHub[grp.unit]!, grp.supply, costs.elsewhere * W);
  });
  const INF = 1 << 30;
  villages.forEach((v, i) => {
    const t = ancestorAt(v, 3);
    const c = ancestorAt(v, 2);
    for (let u = 0; u < U; u++) {
      const into = spread ? vuBase + i * U + u : villageBase + i;
      if (t >= 0) g.addArc(townHub.get(hubKey(t, u))!, into, INF, 0);
      if (c >= 0) g.addArc(countyHub.get(hubKey(c, u))!, into, INF, 0);
      g.addArc(anyHub[u]!, into, INF, 0);
      if (spread) {
        // The first cadre of a unit in a village is free; each further one costs 1.
        const already = seated.get(`${i},${u}`) ?? 0;
        if (already === 0) g.addArc(into, villageBase + i, 1, 0);
        g.addArc(into, villageBase + i, INF, 1);
      }
    }
    if (need[i]! > 0) g.addArc(villageBase + i, SINK, need[i]!, 0);
    g.addArc(villageBase + i, SINK, INF, EXTRA_SEAT);
  });
  const solved = g.solve(SOURCE, SINK, supply);

  // Decompose the flow into cadres and villages: per hub, match incoming groups to outgoing
  // villages in order (hub → village arcs cost nothing, so any matching is optimal).
  const arcsFrom = buildArcIndex(g, groupList, groupNode, townHub, countyHub, anyHub, villages, U, spread, vuBase, villageBase);
  const cost = { total: 0, sameTownship: 0, sameCounty: 0, elsewhere: 0, sameUnitExtras: 0 };
  const queue = groupList.map((grp) => [...grp.cadres]);
  for (const hub of arcsFrom.hubs) {
    const incoming = hub.in.map(([gi, arc]) => ({ gi, left: g.flowOn(arc) })).filter((x) => x.left > 0);
    for (const [vi, arc] of hub.out) {
      let flow = g.flowOn(arc);
      while (flow > 0 && incoming.length > 0) {
        const src = incoming[0]!;
        const cadre = queue[src.gi]!.shift();
        if (cadre === undefined) {
          incoming.shift();
          continue;
        }
        proposed.push({ cadreId: cadre.id, role: 'village', code: h.codeAt(villages[vi]!) });
        cost[hub.tier]++;
        cost.total += costs[hub.tier];
        flow--;
        if (--src.left === 0) incoming.shift();
      }
    }
  }
  if (spread) for (const arc of arcsFrom.penalties) cost.sameUnitExtras += g.flowOn(arc);
  return {
    feasible: shortages.length === 0 && solved.flow === supply,
    shortages,
    pairings: proposed,
    cost,
    stats: { groups: groupList.length, nodes: g.nodes, arcs: g.arcs, phases: solved.phases },
  };
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

interface HubArcs {
  tier: 'sameTownship' | 'sameCounty' | 'elsewhere';
  in: Array<[group: number, arc: number]>;
  out: Array<[village: number, arc: number]>;
}

/** The arcs into and out of each hub, recovered from the graph's construction order. */
function buildArcIndex(
  g: FlowGraph,
  groups: Array<{ anchor: number; unit: number }>,
  groupNode: number[],
  townHub: Map<number, number>,
  countyHub: Map<number, number>,
  anyHub: number[],
  villages: number[],
  U: number,
  spread: boolean,
  vuBase: number,
  villageBase: number,
): { hubs: HubArcs[]; penalties: number[] } {
  const hubs = new Map<number, HubArcs>();
  const tierOf = new Map<number, HubArcs['tier']>();
  for (const n of townHub.values()) tierOf.set(n, 'sameTownship');
  for (const n of countyHub.values()) tierOf.set(n, 'sameCounty');
  for (const n of anyHub) tierOf.set(n, 'elsewhere');
  const hubOf = (node: number) => {
    let x = hubs.get(node);
    if (!x) hubs.set(node, (x = { tier: tierOf.get(node)!, in: [], out: [] }));
    return x;
  };
  const penalties: number[] = [];
  const groupOfNode = new Map(groupNode.map((n, i) => [n, i]));
  for (let arc = 0; arc < g.arcs * 2; arc += 2) {
    const [from, to] = g.ends(arc);
    if (groupOfNode.has(from) && tierOf.has(to)) hubOf(to).in.push([groupOfNode.get(from)!, arc]);
    else if (tierOf.has(from)) {
      const vi = spread ? Math.floor((to - vuBase) / U) : to - villageBase;
      hubOf(from).out.push([vi, arc]);
    } else if (spread && from >= vuBase && from < villageBase && to >= villageBase && g.costOf(arc) > 0) penalties.push(arc);
  }
  void groups;
  void villages;
  return { hubs: [...hubs.values()], penalties };
}
