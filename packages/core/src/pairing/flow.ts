import { PlannerError } from './planner-errors.js';

/**
 * Minimum-cost flow with two exact methods on one graph:
 *
 * - {@link FlowGraph.solve}, the primal-dual method: Dijkstra on reduced costs to raise the node
 *   potentials, then a blocking flow (Dinic) over the arcs whose reduced cost is zero. The
 *   planner's tier-only graphs have few distinct path costs, so it needs few Dijkstra phases
 *   however many units flow.
 * - {@link FlowGraph.solveSupplies}, cost scaling (Goldberg's push–relabel for minimum-cost
 *   flow) on node supplies: its running time does not grow with the number of distinct path
 *   costs, which is what distances in kilometres bring.
 *
 * Costs must be integers (exact in a double up to 2^53); both methods then find an exact
 * optimum, and {@link FlowGraph.potentials} gives exact optimal node potentials (duals) for it.
 *
 * Every failure is a {@link PlannerError}: `planner.too-large` when the costs are beyond exact
 * arithmetic, `planner.internal` for a broken invariant (a bug of the caller or of the solver).
 * @internal
 */
export class FlowGraph {
  private n: number;
  private head: Int32Array;
  /** Slots in use: arcs and their twins. */
  private m = 0;
  private next: Int32Array;
  private to: Int32Array;
  private cap: Int32Array;
  private cost: Float64Array;
  /** A graph of `nodes` nodes; `arcs` reserves room for that many arcs (it grows as needed). */
  constructor(nodes: number, arcs = 32) {
    this.n = nodes;
    this.head = new Int32Array(nodes).fill(-1);
    const slots = 2 * Math.max(1, arcs);
    this.next = new Int32Array(slots);
    this.to = new Int32Array(slots);
    this.cap = new Int32Array(slots);
    this.cost = new Float64Array(slots);
  }

  get nodes(): number {
    return this.n;
  }

  get arcs(): number {
    return this.m / 2;
  }

  /** Add an arc and its residual twin; returns the arc's id (its twin is id ^ 1). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    const e = this.m;
    if (e + 2 > this.to.length) this.grow();
    this.to[e] = to;
    this.to[e + 1] = from;
    this.cap[e] = capacity;
    this.cost[e] = cost;
    this.cost[e + 1] = -cost;
    this.next[e] = this.head[from]!;
    this.next[e + 1] = this.head[to]!;
    this.head[from] = e;
    this.head[to] = e + 1;
    this.m = e + 2;
    return e;
  }

  private grow(): void {
    const size = this.to.length * 2;
    const next = new Int32Array(size);
    next.set(this.next);
    this.next = next;
    const to = new Int32Array(size);
    to.set(this.to);
    this.to = to;
    const cap = new Int32Array(size);
    cap.set(this.cap);
    this.cap = cap;
    const cost = new Float64Array(size);
    cost.set(this.cost);
    this.cost = cost;
  }

  /** The tail and head of an arc. */
  ends(arc: number): [number, number] {
    return [this.to[arc ^ 1]!, this.to[arc]!];
  }

  /** The tail of an arc. */
  tailOf(arc: number): number {
    return this.to[arc ^ 1]!;
  }

  /** The head of an arc. */
  headOf(arc: number): number {
    return this.to[arc]!;
  }

  /** The capacity an arc was given. */
  capacityOf(arc: number): number {
    return this.cap[arc]!;
  }

  /** The cost of an arc. */
  costOf(arc: number): number {
    return this.cost[arc]!;
  }

  /** Flow on an arc after {@link solve}. */
  flowOn(arc: number): number {
    return this.capacity![arc ^ 1]!;
  }

  private capacity: Int32Array | null = null;
  private pi: Float64Array | null = null;

  /**
   * Send up to `demand` units from `source` to `sink` at minimum cost (all costs must be
   * non-negative). Returns the flow sent, its cost and the number of Dijkstra phases.
   */
  solve(source: number, sink: number, demand: number): { flow: number; cost: number; phases: number } {
    const n = this.n;
    const head = this.head;
    const next = this.next.slice(0, this.m);
    const to = this.to.slice(0, this.m);
    const cost = this.cost.slice(0, this.m);
    const cap = this.cap.slice(0, this.m);
    this.capacity = cap;
    const pi = new Float64Array(n);
    const dist = new Float64Array(n);
    const level = new Int32Array(n);
    const iter = new Int32Array(n);
    const heap = new MinHeap(n);
    const queue = new Int32Array(n);
    let flow = 0;
    let total = 0;
    let phases = 0;
    while (flow < demand) {
      // Dijkstra on reduced costs.
      dist.fill(Infinity);
      dist[source] = 0;
      heap.clear();
      heap.push(source, 0);
      while (heap.size > 0) {
        const u = heap.pop();
        const du = dist[u]!;
        for (let e = head[u]!; e >= 0; e = next[e]!) {
          if (cap[e]! <= 0) continue;
          const v = to[e]!;
          const nd = du + cost[e]! + pi[u]! - pi[v]!;
          if (nd < dist[v]!) {
            dist[v] = nd;
            heap.push(v, nd);
          }
        }
      }
      if (dist[sink] === Infinity) break;
      phases++;
      const cut = dist[sink]!;
      for (let v = 0; v < n; v++) pi[v]! += Math.min(dist[v]!, cut);
      // Blocking flows over the admissible arcs (reduced cost 0).
      for (;;) {
        level.fill(-1);
        level[source] = 0;
        let qh = 0;
        let qt = 0;
        queue[qt++] = source;
        while (qh < qt) {
          const u = queue[qh++]!;
          for (let e = head[u]!; e >= 0; e = next[e]!) {
            const v = to[e]!;
            if (cap[e]! > 0 && level[v]! < 0 && cost[e]! + pi[u]! - pi[v]! === 0) {
              level[v] = level[u]! + 1;
              queue[qt++] = v;
            }
          }
        }
        if (level[sink]! < 0) break;
        for (let v = 0; v < n; v++) iter[v] = head[v]!;
        for (;;) {
          const pushed = this.augment(source, sink, demand - flow, level, iter, to, next, cap, cost, pi);
          if (pushed === 0) break;
          flow += pushed;
          total += pushed * (pi[sink]! - pi[source]!);
          if (flow >= demand) break;
        }
        if (flow >= demand) break;
      }
    }
    this.pi = pi;
    return { flow, cost: total, phases };
  }

  /**
   * Minimum-cost flow meeting node supplies (`supply[v] > 0` sends, `< 0` receives; they must
   * sum to 0 and a feasible flow must exist; throws otherwise) by cost scaling, each connected
   * component on its own. Costs are multiplied by n + 1 (n: the component's nodes), ε starts at
   * the largest cost and is divided by `alpha` each phase; each phase ("refine") turns the
   * αε-optimal flow into an ε-optimal one by push and relabel (FIFO, push look-ahead, global
   * price updates). A flow that is 1-optimal for the scaled costs is 1/(n+1)-optimal for the
   * integer costs, hence exactly optimal; a component stops earlier when, with ε below half a unit
   * of cost, a bounded Bellman–Ford finds exact potentials proving its flow optimal. Returns the
   * cost and the number of refine phases (summed over components). Throws `planner.too-large` when the
   * costs are too large for exact arithmetic in a double.
   */
  solveSupplies(supply: ArrayLike<number>, options: { alpha?: number } = {}): { cost: number; phases: number } {
    const n = this.n;
    const m2 = this.m;
    const to = this.to.subarray(0, m2);
    const capacity = this.cap.subarray(0, m2);
    const costs = this.cost.subarray(0, m2);
    for (let e = 0; e < m2; e += 2) {
      if (!Number.isInteger(costs[e])) throw new PlannerError('planner.internal', { reason: `flow: arc ${e >> 1} has a cost that is not an integer` });
      if (to[e] === to[e + 1]) throw new PlannerError('planner.internal', { reason: `flow: arc ${e >> 1} is a loop` });
    }
    const excess = new Float64Array(n);
    let balance = 0;
    for (let v = 0; v < n; v++) {
      excess[v] = supply[v] ?? 0;
      balance += excess[v]!;
    }
    if (balance !== 0) throw new PlannerError('planner.internal', { reason: 'flow: supplies do not sum to 0' });
    const solver = new CostScaling(n, to, capacity, costs, excess, options.alpha ?? 8);
    const phases = solver.solve();
    const residual = solver.residual();
    let total = 0;
    for (let e = 0; e < m2; e += 2) total += (capacity[e]! - residual[e]!) * costs[e]!;
    this.capacity = residual;
    this.pi = solver.potentials();
    return { cost: total, phases };
  }

  /**
   * Exact optimal potentials for the flow found last: node values `pi` with
   * `cost + pi[tail] − pi[head] ≥ 0` on every residual arc (Bellman–Ford from the solver's own
   * prices, which it corrects in a pass or two). Then an arc of positive reduced cost carries no
   * flow in any optimal flow, and one of negative reduced cost is full in every optimal flow.
   */
  potentials(): Float64Array {
    const cap = this.capacity;
    if (!cap) throw new PlannerError('planner.internal', { reason: 'flow: potentials asked before solving' });
    const n = this.n;
    const pi = this.pi ? Float64Array.from(this.pi, (p) => Math.floor(p)) : new Float64Array(n);
    const head = this.head;
    const next = this.next;
    const to = this.to;
    const cost = this.cost;
    const queue = new Int32Array(n);
    const queued = new Uint8Array(n).fill(1);
    const relaxed = new Int32Array(n);
    for (let v = 0; v < n; v++) queue[v] = v;
    let qh = 0;
    let count = n;
    while (count > 0) {
      const u = queue[qh]!;
      qh = qh + 1 === n ? 0 : qh + 1;
      queued[u] = 0;
      count--;
      for (let e = head[u]!; e >= 0; e = next[e]!) {
        if (cap[e]! <= 0) continue;
        const v = to[e]!;
        const d = pi[u]! + cost[e]!;
        if (d < pi[v]!) {
          pi[v] = d;
          if (++relaxed[v]! > n) throw new PlannerError('planner.internal', { reason: 'flow: not optimal (negative cycle)' });
          if (!queued[v]) {
            queue[(qh + count) % n] = v;
            queued[v] = 1;
            count++;
          }
        }
      }
    }
    return pi;
  }

  /** One augmenting path in the level graph, found iteratively (graphs are deep enough to overflow recursion). */
  private augment(source: number, sink: number, limit: number, level: Int32Array, iter: Int32Array, to: Int32Array, next: Int32Array, cap: Int32Array, cost: Float64Array, pi: Float64Array): number {
    const path: number[] = [];
    let u = source;
    for (;;) {
      if (u === sink) {
        let push = limit;
        for (const e of path) push = Math.min(push, cap[e]!);
        for (const e of path) {
          cap[e]! -= push;
          cap[e ^ 1]! += push;
        }
        return push;
      }
      let e = iter[u]!;
      for (; e >= 0; e = next[e]!) {
        const v = to[e]!;
        if (cap[e]! > 0 && level[v] === level[u]! + 1 && cost[e]! + pi[u]! - pi[v]! === 0) break;
      }
      iter[u] = e;
      if (e >= 0) {
        path.push(e);
        u = to[e]!;
        continue;
      }
      // Dead end: retreat and skip the arc that led here.
      if (path.length === 0) return 0;
      level[u] = -1;
      const back = path.pop()!;
      u = to[back ^ 1]!;
      iter[u] = next[iter[u]!]!;
    }
  }
}

/** Relabels (per node of the component) between global price updates. */
const UPDATE_EVERY = 4;

/**
 * Goldberg's cost-scaling push–relabel on compressed rows, one connected component at a time.
 * Prices only fall. While a component is solved its costs are scaled in place (× n + 1), and
 * the reduced cost of slot i from v to w is `cost[i] + price[v] − price[w]`.
 *
 * Each node's row holds its forward arcs, then the residual twins of the arcs into it. Those
 * twins have room only while their arc carries flow, which for a village fed by hundreds of
 * cadres is a handful of them: they are kept at the front of their part (`live[v]` ends them;
 * emptied ones are swept out when the node is relabelled), so scans and relabels read only
 * `[first[v], live[v])`.
 */
class CostScaling {
  private readonly first: Int32Array;
  private readonly live: Int32Array;
  /** Where each row's twins begin (twins start empty: FlowGraph gives them no capacity). */
  private readonly twins: Int32Array;
  private readonly head: Int32Array;
  private readonly rev: Int32Array;
  private readonly cap: Int32Array;
  private readonly cost: Float64Array;
  /** The FlowGraph arc of each slot. */
  private readonly arc: Int32Array;
  private readonly excess: Float64Array;
  private readonly alpha: number;
  private readonly price: Float64Array;
  private readonly scaleOf: Float64Array;
  private readonly start: Float64Array;
  private readonly current: Int32Array;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private readonly dist: Float64Array;
  private readonly scanned: Uint8Array;
  private readonly buckets: Int32Array;
  private readonly after: Int32Array;
  private readonly before: Int32Array;
  private readonly n: number;

  constructor(n: number, to: Int32Array, capacity: Int32Array, cost: Float64Array, excess: Float64Array, alpha: number) {
    const m2 = to.length;
    this.n = n;
    const first = new Int32Array(n + 1);
    for (let e = 0; e < m2; e++) first[to[e ^ 1]! + 1]!++;
    for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
    const fill = first.slice(0, n);
    const slot = new Int32Array(m2);
    // Forward arcs (even ids) first, then the twins (odd ids), each row in id order.
    for (let e = 0; e < m2; e += 2) slot[e] = fill[to[e + 1]!]!++;
    this.live = fill.slice();
    this.twins = fill.slice();
    for (let e = 1; e < m2; e += 2) slot[e] = fill[to[e - 1]!]!++;
    this.first = first;
    const head = (this.head = new Int32Array(m2));
    const rev = (this.rev = new Int32Array(m2));
    const caps = (this.cap = new Int32Array(m2));
    const costs = (this.cost = new Float64Array(m2));
    const arc = (this.arc = new Int32Array(m2));
    for (let e = 0; e < m2; e++) {
      const i = slot[e]!;
      head[i] = to[e]!;
      rev[i] = slot[e ^ 1]!;
      caps[i] = capacity[e]!;
      costs[i] = cost[e]!;
      arc[i] = e;
    }
    this.excess = excess;
    this.alpha = alpha;
    this.price = new Float64Array(n);
    this.scaleOf = new Float64Array(n).fill(1);
    this.start = new Float64Array(n);
    this.current = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.queued = new Uint8Array(n);
    this.dist = new Float64Array(n);
    this.scanned = new Uint8Array(n);
    this.buckets = new Int32Array(n + 1);
    this.after = new Int32Array(n);
    this.before = new Int32Array(n);
  }

  /** Solve every connected component; returns the number of phases. */
  solve(): number {
    const n = this.n;
    const first = this.first;
    const head = this.head;
    const component = new Uint8Array(n);
    const members = new Int32Array(n);
    let phases = 0;
    for (let root = 0; root < n; root++) {
      if (component[root] === 1) continue;
      component[root] = 1;
      members[0] = root;
      let size = 1;
      for (let k = 0; k < size; k++) {
        const v = members[k]!;
        for (let i = first[v]!; i < first[v + 1]!; i++) {
          const w = head[i]!;
          if (component[w] === 0) {
            component[w] = 1;
            members[size++] = w;
          }
        }
      }
      if (size > 1) phases += this.run(members.subarray(0, size));
      else if (this.excess[root] !== 0) throw new PlannerError('planner.internal', { reason: 'flow: no feasible flow meets the supplies' });
    }
    return phases;
  }

  /** Residual capacity of each FlowGraph arc. */
  residual(): Int32Array {
    const out = new Int32Array(this.cap.length);
    for (let i = 0; i < out.length; i++) out[this.arc[i]!] = this.cap[i]!;
    return out;
  }

  /** Unscaled prices, for {@link FlowGraph.potentials} to start from. */
  potentials(): Float64Array {
    return this.price.map((p, v) => p / this.scaleOf[v]!);
  }

  /** Swap two slots of one row, keeping the twins' links. */
  private swap(a: number, b: number): void {
    if (a === b) return;
    const head = this.head;
    const rev = this.rev;
    const cap = this.cap;
    const cost = this.cost;
    const arc = this.arc;
    let t = head[a]!;
    head[a] = head[b]!;
    head[b] = t;
    t = cap[a]!;
    cap[a] = cap[b]!;
    cap[b] = t;
    t = cost[a]!;
    cost[a] = cost[b]!;
    cost[b] = t;
    t = arc[a]!;
    arc[a] = arc[b]!;
    arc[b] = t;
    const ra = rev[a]!;
    const rb = rev[b]!;
    rev[a] = rb;
    rev[b] = ra;
    rev[rb] = a;
    rev[ra] = b;
  }

  /** Slot i has just got room: make it live in its row. */
  private wake(i: number): void {
    const v = this.head[this.rev[i]!]!;
    const live = this.live[v]!;
    if (i >= live) {
      this.swap(i, live);
      this.live[v] = live + 1;
    }
  }

  /** Move the emptied twins of a row out of its live part. */
  private sweep(v: number): void {
    const cap = this.cap;
    let live = this.live[v]!;
    for (let i = this.twins[v]!; i < live; ) {
      if (cap[i]! > 0) i++;
      else this.swap(i, --live);
    }
    this.live[v] = live;
  }

  /** Lower the price of v until one of its residual arcs becomes admissible; false if it has none. */
  private relabel(v: number, eps: number, bound: number): boolean {
    this.sweep(v);
    const first = this.first;
    const head = this.head;
    const cap = this.cap;
    const cost = this.cost;
    const price = this.price;
    let best = -Infinity;
    const end = this.live[v]!;
    for (let i = first[v]!; i < end; i++) {
      if (cap[i]! > 0) {
        const p = price[head[i]!]! - cost[i]!;
        if (p > best) best = p;
      }
    }
    if (best === -Infinity) return false;
    // An active node has a residual path to a deficit, whose price never moves, and the reverse
    // path was residual in the phase's starting flow (the previous phase's, εₚ-optimal, or for
    // the first phase any feasible flow, C-optimal): with a feasible problem its price falls by
    // at most n·(εₚ + ε) in a phase (Goldberg and Tarjan).
    if (this.excess[v]! > 0 && this.start[v]! - (best - eps) > bound) throw new PlannerError('planner.internal', { reason: 'flow: no feasible flow meets the supplies' });
    price[v] = best - eps;
    this.current[v] = first[v]!;
    return true;
  }

  /** Whether w has an admissible arc (advancing its current arc to it). */
  private admissible(w: number): boolean {
    const head = this.head;
    const cap = this.cap;
    const cost = this.cost;
    const price = this.price;
    const pw = price[w]!;
    const end = this.live[w]!;
    for (let i = this.current[w]!; i < end; i++) {
      if (cap[i]! > 0 && cost[i]! + pw - price[head[i]!]! < 0) {
        this.current[w] = i;
        return true;
      }
    }
    this.current[w] = end;
    return false;
  }

  /** Scale the costs of a component's rows in place; returns the largest cost before scaling. */
  private scale(nodes: Int32Array, scale: number): number {
    const first = this.first;
    const cost = this.cost;
    const scaleOf = this.scaleOf;
    let maxCost = 0;
    for (let k = 0; k < nodes.length; k++) {
      const v = nodes[k]!;
      scaleOf[v] = scale;
      const end = first[v + 1]!;
      for (let i = first[v]!; i < end; i++) {
        const c = cost[i]!;
        if (c > maxCost) maxCost = c;
        else if (-c > maxCost) maxCost = -c;
        cost[i] = c * scale;
      }
    }
    return maxCost;
  }

  /** Start a phase: saturate every arc of negative reduced cost (the flow becomes 0-optimal, not feasible); queue the nodes with excess. */
  private saturate(nodes: Int32Array): number {
    const first = this.first;
    const live = this.live;
    const head = this.head;
    const rev = this.rev;
    const cap = this.cap;
    const cost = this.cost;
    const excess = this.excess;
    const price = this.price;
    const start = this.start;
    const current = this.current;
    for (let k = 0; k < nodes.length; k++) {
      const v = nodes[k]!;
      const pv = price[v]!;
      start[v] = pv;
      current[v] = first[v]!;
      for (let i = first[v]!; i < live[v]!; i++) {
        const r = cap[i]!;
        if (r > 0 && cost[i]! + pv - price[head[i]!]! < 0) {
          cap[i] = 0;
          const j = rev[i]!;
          if (cap[j] === 0) {
            cap[j] = r;
            this.wake(j);
          } else cap[j]! += r;
          excess[v]! -= r;
          excess[head[i]!]! += r;
        }
      }
    }
    const queue = this.queue;
    const queued = this.queued;
    let count = 0;
    for (let k = 0; k < nodes.length; k++) {
      const v = nodes[k]!;
      if (excess[v]! > 0) {
        queue[count++] = v;
        queued[v] = 1;
      }
    }
    this.qh = 0;
    this.count = count;
    return count;
  }

  /** Push v's excess along admissible arcs, relabelling v as needed; returns the relabels done. */
  private discharge(v: number, eps: number, bound: number): number {
    const first = this.first;
    const live = this.live;
    const head = this.head;
    const rev = this.rev;
    const cap = this.cap;
    const cost = this.cost;
    const excess = this.excess;
    const price = this.price;
    const current = this.current;
    const queued = this.queued;
    let relabels = 0;
    let ev = excess[v]!;
    while (ev > 0) {
      const pv = price[v]!;
      const end = live[v]!;
      let i = current[v]!;
      for (; i < end; i++) {
        const r = cap[i]!;
        if (r <= 0) continue;
        const w = head[i]!;
        if (cost[i]! + pv - price[w]! >= 0) continue;
        // Look-ahead: pushing into a node that could only push it back is wasted work.
        if (excess[w]! >= 0 && !this.admissible(w) && this.relabel(w, eps, bound)) {
          relabels++;
          if (cost[i]! + pv - price[w]! >= 0) continue;
        }
        const d = r < ev ? r : ev;
        cap[i] = r - d;
        const j = rev[i]!;
        if (cap[j] === 0) {
          cap[j] = d;
          this.wake(j);
        } else cap[j]! += d;
        ev -= d;
        const before = excess[w]!;
        excess[w] = before + d;
        if (before <= 0 && before + d > 0 && queued[w] === 0) this.enqueue(w);
        if (ev === 0) break;
      }
      current[v] = i < end ? i : end;
      excess[v] = ev;
      if (ev > 0) {
        if (!this.relabel(v, eps, bound)) throw new PlannerError('planner.internal', { reason: 'flow: no feasible flow meets the supplies' });
        relabels++;
      }
    }
    return relabels;
  }

  private qh = 0;
  private count = 0;
  private size = 1;

  private enqueue(w: number): void {
    const at = this.qh + this.count;
    this.queue[at < this.size ? at : at - this.size] = w;
    this.queued[w] = 1;
    this.count++;
  }

  /** Solve one component; returns the number of phases. */
  private run(nodes: Int32Array): number {
    const size = nodes.length;
    const scale = size + 1;
    const maxCost = this.scale(nodes, scale);
    // Prices fall by at most about 4·size·(largest scaled cost) over all phases (the bound in
    // relabel): all of it exact in a double.
    if (maxCost * scale * 4 * size > Number.MAX_SAFE_INTEGER) throw new PlannerError('planner.too-large', { reason: 'cost scaling' });
    const queue = this.queue;
    const queued = this.queued;
    this.size = size;
    let eps = maxCost * scale;
    let phases = 0;
    let relabels = 0;
    do {
      const previous = eps;
      eps = Math.max(1, Math.floor(eps / this.alpha));
      phases++;
      const bound = size * (previous + eps);
      if (this.saturate(nodes) > 0) this.priceUpdate(nodes, eps);
      // Active nodes, first in first out, with a global price update every few relabels.
      let budget = relabels + UPDATE_EVERY * size;
      while (this.count > 0) {
        const v = queue[this.qh]!;
        this.qh = this.qh + 1 === size ? 0 : this.qh + 1;
        queued[v] = 0;
        this.count--;
        relabels += this.discharge(v, eps, bound);
        if (relabels > budget && this.count > 0) {
          this.priceUpdate(nodes, eps);
          budget = relabels + UPDATE_EVERY * size;
        }
      }
      // Once ε is well below one unit of the integer costs the flow is often optimal already:
      // a bounded Bellman–Ford looks for exact potentials, and finding them ends the component.
    } while (eps > 1 && !(2 * eps < scale && this.optimal(nodes, scale)));
    return phases;
  }

  /**
   * Whether the component's flow is optimal: looks for potentials with no negative reduced
   * (integer) cost on a residual arc, by Bellman–Ford (queue-based) from the scaled prices,
   * within a budget of arc scans. True only with such potentials in hand (a proof, which become
   * the prices); false when there are none or the budget ran out.
   */
  private optimal(nodes: Int32Array, scale: number): boolean {
    const first = this.first;
    const live = this.live;
    const head = this.head;
    const cap = this.cap;
    const cost = this.cost;
    const price = this.price;
    const d = this.dist;
    const queued = this.scanned;
    const queue = this.queue;
    const size = nodes.length;
    let budget = 0;
    let count = 0;
    for (let k = 0; k < nodes.length; k++) {
      const v = nodes[k]!;
      d[v] = Math.floor(price[v]! / scale);
      budget += live[v]! - first[v]!;
      queue[count++] = v;
      queued[v] = 1;
    }
    budget *= 3;
    let qh = 0;
    let ok = true;
    while (count > 0) {
      const u = queue[qh]!;
      qh = qh + 1 === size ? 0 : qh + 1;
      queued[u] = 0;
      count--;
      const du = d[u]!;
      const end = live[u]!;
      budget -= end - first[u]!;
      if (budget < 0) {
        ok = false;
        break;
      }
      for (let i = first[u]!; i < end; i++) {
        if (cap[i]! <= 0) continue;
        const v = head[i]!;
        const dv = du + cost[i]! / scale;
        if (dv < d[v]!) {
          d[v] = dv;
          if (queued[v] === 0) {
            queue[qh + count < size ? qh + count : qh + count - size] = v;
            queued[v] = 1;
            count++;
          }
        }
      }
    }
    for (let k = 0; k < nodes.length; k++) queued[nodes[k]!] = 0;
    if (!ok) return false;
    for (let k = 0; k < nodes.length; k++) price[nodes[k]!] = d[nodes[k]!]! * scale;
    return true;
  }

  /**
   * Global price update: a Dijkstra-like search backwards from the deficits, in steps of ε,
   * lowers every price by as few ε as give each node with excess an admissible path to a
   * deficit, keeping the flow ε-optimal. It stops once every node with excess is reached; the
   * nodes not reached fall by the last distance.
   */
  private priceUpdate(nodes: Int32Array, eps: number): void {
    const first = this.first;
    const head = this.head;
    const rev = this.rev;
    const cap = this.cap;
    const cost = this.cost;
    const excess = this.excess;
    const price = this.price;
    const dist = this.dist;
    const done = this.scanned;
    // Buckets of nodes by distance, doubly linked; distances past the last bucket are not
    // followed (the update stays valid, it just reaches less).
    const buckets = this.buckets;
    const after = this.after;
    const before = this.before;
    const B = Math.min(buckets.length, nodes.length + 1);
    buckets.fill(-1, 0, B);
    let active = 0;
    for (let k = 0; k < nodes.length; k++) {
      const v = nodes[k]!;
      dist[v] = Infinity;
      done[v] = 0;
      if (excess[v]! < 0) {
        dist[v] = 0;
        const h = buckets[0]!;
        after[v] = h;
        before[v] = -1;
        if (h >= 0) before[h] = v;
        buckets[0] = v;
      } else if (excess[v]! > 0) active++;
    }
    let last = 0;
    for (let d = 0; d < B && active > 0; d++) {
      for (let w = buckets[d]!; w >= 0 && active > 0; w = buckets[d]!) {
        const next = after[w]!;
        buckets[d] = next;
        if (next >= 0) before[next] = -1;
        done[w] = 1;
        last = d;
        if (excess[w]! > 0) active--;
        const pw = price[w]!;
        // Every slot of the row: a twin's partner is an arc into w with room.
        const end = first[w + 1]!;
        for (let i = first[w]!; i < end; i++) {
          const j = rev[i]!;
          if (cap[j]! <= 0) continue;
          const v = head[i]!;
          if (done[v] === 1) continue;
          const reduced = cost[j]! + price[v]! - pw;
          const dv = reduced < 0 ? d : d + Math.floor(reduced / eps) + 1;
          const old = dist[v]!;
          if (dv < old && dv < B) {
            if (old < B) {
              // Out of its old bucket.
              const a = after[v]!;
              const b = before[v]!;
              if (b >= 0) after[b] = a;
              else buckets[old] = a;
              if (a >= 0) before[a] = b;
            }
            dist[v] = dv;
            const h = buckets[dv]!;
            after[v] = h;
            before[v] = -1;
            if (h >= 0) before[h] = v;
            buckets[dv] = v;
          }
        }
      }
    }
    for (let k = 0; k < nodes.length; k++) {
      const v = nodes[k]!;
      price[v]! -= (done[v] === 1 ? dist[v]! : last) * eps;
    }
  }
}

class MinHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.nodes = new Int32Array(Math.max(16, capacity * 4));
    this.keys = new Float64Array(Math.max(16, capacity * 4));
  }
  clear(): void {
    this.size = 0;
  }
  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.nodes[i] = this.nodes[p]!;
      this.keys[i] = this.keys[p]!;
      i = p;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }
  /** Pop the smallest; stale entries (lazy deletion) are skipped by the caller's distance check. */
  pop(): number {
    const top = this.nodes[0]!;
    const lastNode = this.nodes[--this.size]!;
    const lastKey = this.keys[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= lastKey) break;
      this.nodes[i] = this.nodes[c]!;
      this.keys[i] = this.keys[c]!;
      i = c;
    }
    this.nodes[i] = lastNode;
    this.keys[i] = lastKey;
    return top;
  }
}
