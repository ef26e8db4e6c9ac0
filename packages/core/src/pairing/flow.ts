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
 * @internal
 */
export class FlowGraph {
  #n: number;
  #head: Int32Array;
  #next: number[] = [];
  #to: number[] = [];
  #cap: number[] = [];
  #cost: number[] = [];
  constructor(nodes: number) {
    this.#n = nodes;
    this.#head = new Int32Array(nodes).fill(-1);
  }

  get nodes(): number {
    return this.#n;
  }

  get arcs(): number {
    return this.#to.length / 2;
  }

  /** Add an arc and its residual twin; returns the arc's id (its twin is id ^ 1). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    const e = this.#to.length;
    this.#to.push(to, from);
    this.#cap.push(capacity, 0);
    this.#cost.push(cost, -cost);
    this.#next.push(this.#head[from]!, this.#head[to]!);
    this.#head[from] = e;
    this.#head[to] = e + 1;
    return e;
  }

  /** The tail and head of an arc. */
  ends(arc: number): [number, number] {
    return [this.#to[arc ^ 1]!, this.#to[arc]!];
  }

  /** The cost of an arc. */
  costOf(arc: number): number {
    return this.#cost[arc]!;
  }

  /** Flow on an arc after {@link solve}. */
  flowOn(arc: number): number {
    return this.#capacity![arc ^ 1]!;
  }

  #capacity: Int32Array | null = null;
  #pi: Float64Array | null = null;

  /**
   * Send up to `demand` units from `source` to `sink` at minimum cost (all costs must be
   * non-negative). Returns the flow sent, its cost and the number of Dijkstra phases.
   */
  solve(source: number, sink: number, demand: number): { flow: number; cost: number; phases: number } {
    const n = this.#n;
    const head = this.#head;
    const next = Int32Array.from(this.#next);
    const to = Int32Array.from(this.#to);
    const cost = Float64Array.from(this.#cost);
    const cap = Int32Array.from(this.#cap);
    this.#capacity = cap;
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
          const pushed = this.#augment(source, sink, demand - flow, level, iter, to, next, cap, cost, pi);
          if (pushed === 0) break;
          flow += pushed;
          total += pushed * (pi[sink]! - pi[source]!);
          if (flow >= demand) break;
        }
        if (flow >= demand) break;
      }
    }
    this.#pi = pi;
    return { flow, cost: total, phases };
  }

  /**
   * Minimum-cost flow meeting node supplies (`supply[v] > 0` sends, `< 0` receives; they must
   * sum to 0 and a feasible flow must exist; throws otherwise) by cost scaling, each connected
   * component on its own. Costs are multiplied by n + 1 (n: the component's nodes), ε starts at
   * the largest cost and is divided by `alpha` each phase; each phase ("refine") turns the
   * αε-optimal flow into an ε-optimal one by push and relabel (FIFO, push look-ahead, global
   * price updates). A flow that is 1-optimal for the scaled costs is 1/(n+1)-optimal for the
   * integer costs, hence exactly optimal. Returns the cost and the number of refine phases (summed
   * over components).
   */
  solveSupplies(supply: ArrayLike<number>, alpha = 8): { cost: number; phases: number } {
    const n = this.#n;
    const m2 = this.#to.length;
    // Compressed rows: the residual arcs of each node are contiguous.
    const first = new Int32Array(n + 1);
    for (let e = 0; e < m2; e++) first[this.#to[e ^ 1]! + 1]!++;
    for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
    const pos = new Int32Array(m2);
    const fill = first.slice(0, n);
    for (let e = 0; e < m2; e++) pos[e] = fill[this.#to[e ^ 1]!]!++;
    const head = new Int32Array(m2);
    const rev = new Int32Array(m2);
    const cap = new Int32Array(m2);
    const cost = new Float64Array(m2);
    for (let e = 0; e < m2; e++) {
      const i = pos[e]!;
      const c = this.#cost[e]!;
      if (!Number.isInteger(c)) throw new RangeError(`arc ${e >> 1}: costs must be integers`);
      head[i] = this.#to[e]!;
      rev[i] = pos[e ^ 1]!;
      cap[i] = this.#cap[e]!;
      cost[i] = c;
    }
    const excess = new Float64Array(n);
    let balance = 0;
    for (let v = 0; v < n; v++) {
      excess[v] = supply[v] ?? 0;
      balance += excess[v]!;
    }
    if (balance !== 0) throw new RangeError('supplies must sum to 0');
    const solver = new CostScaling(n, first, head, rev, cap, cost, excess, alpha);
    // Connected components, each solved on its own (smaller n: smaller scaled costs, fewer phases).
    const component = new Int32Array(n).fill(-1);
    const members = new Int32Array(n);
    let phases = 0;
    for (let root = 0; root < n; root++) {
      if (component[root]! >= 0) continue;
      component[root] = root;
      members[0] = root;
      let size = 1;
      let arcs = 0;
      for (let k = 0; k < size; k++) {
        const v = members[k]!;
        arcs += first[v + 1]! - first[v]!;
        for (let i = first[v]!; i < first[v + 1]!; i++) {
          const w = head[i]!;
          if (component[w]! < 0) {
            component[w] = root;
            members[size++] = w;
          }
        }
      }
      if (arcs > 0) phases += solver.run(members.subarray(0, size));
      else if (excess[root] !== 0) throw new Error('no feasible flow meets the supplies');
    }
    const residual = new Int32Array(m2);
    let total = 0;
    for (let e = 0; e < m2; e++) {
      residual[e] = cap[pos[e]!]!;
      if ((e & 1) === 0) total += (this.#cap[e]! - residual[e]!) * this.#cost[e]!;
    }
    this.#capacity = residual;
    this.#pi = solver.potentials();
    return { cost: total, phases };
  }

  /**
   * Exact optimal potentials for the flow found last: node values `pi` with
   * `cost + pi[tail] − pi[head] ≥ 0` on every residual arc (Bellman–Ford from the solver's own
   * prices, which it corrects in a pass or two). Then an arc of positive reduced cost carries no
   * flow in any optimal flow, and one of negative reduced cost is full in every optimal flow.
   */
  potentials(): Float64Array {
    const cap = this.#capacity;
    if (!cap) throw new Error('solve first');
    const n = this.#n;
    const pi = this.#pi ? Float64Array.from(this.#pi, (p) => Math.floor(p)) : new Float64Array(n);
    const head = this.#head;
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
      for (let e = head[u]!; e >= 0; e = this.#next[e]!) {
        if (cap[e]! <= 0) continue;
        const v = this.#to[e]!;
        const d = pi[u]! + this.#cost[e]!;
        if (d < pi[v]!) {
          pi[v] = d;
          if (++relaxed[v]! > n) throw new Error('the flow is not optimal (negative cycle)');
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
  #augment(source: number, sink: number, limit: number, level: Int32Array, iter: Int32Array, to: Int32Array, next: Int32Array, cap: Int32Array, cost: Float64Array, pi: Float64Array): number {
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

/**
 * Goldberg's cost-scaling push–relabel on compressed rows, run one connected component at a time.
 * Prices only fall; the reduced cost of arc i from v to w is `cost·scale + price[v] − price[w]`.
 */
class CostScaling {
  #price: Float64Array;
  #scaleOf: Float64Array;
  #start: Float64Array;
  #current: Int32Array;
  #queue: Int32Array;
  #queued: Uint8Array;
  #dist: Float64Array;
  #scanned: Uint8Array;
  #heap: MinHeap;
  constructor(
    private n: number,
    private first: Int32Array,
    private head: Int32Array,
    private rev: Int32Array,
    private cap: Int32Array,
    /** Integer costs, unscaled. */
    private cost: Float64Array,
    private excess: Float64Array,
    private alpha: number,
  ) {
    this.#price = new Float64Array(n);
    this.#scaleOf = new Float64Array(n).fill(1);
    this.#start = new Float64Array(n);
    this.#current = new Int32Array(n);
    this.#queue = new Int32Array(n);
    this.#queued = new Uint8Array(n);
    this.#dist = new Float64Array(n);
    this.#scanned = new Uint8Array(n);
    this.#heap = new MinHeap(n);
  }

  /** Unscaled prices, for {@link FlowGraph.potentials} to start from. */
  potentials(): Float64Array {
    return this.#price.map((p, v) => p / this.#scaleOf[v]!);
  }

  /** Solve one component; returns the number of phases. */
  run(nodes: Int32Array): number {
    const { first, head, rev, cap, excess, alpha } = this;
    const price = this.#price;
    const start = this.#start;
    const current = this.#current;
    const queue = this.#queue;
    const queued = this.#queued;
    const size = nodes.length;
    const scale = size + 1;
    // Scaled costs of this component's arcs, in place.
    const cost = this.cost;
    let maxCost = 0;
    for (const v of nodes) {
      this.#scaleOf[v] = scale;
      for (let i = first[v]!; i < first[v + 1]!; i++) {
        const c = Math.abs(cost[i]!);
        if (c > maxCost) maxCost = c;
      }
    }
    // Prices fall by at most about 3·size·(largest scaled cost) over the phases (see the bound below).
    if (maxCost * scale * 4 * size > Number.MAX_SAFE_INTEGER) throw new RangeError('costs too large for exact cost scaling');
    const scaled = (i: number) => cost[i]! * scale;
    let eps = maxCost * scale;
    let phases = 0;
    let relabels = 0;
    let budget = 0;

    const relabel = (v: number, eps: number, bound: number): boolean => {
      let best = -Infinity;
      const end = first[v + 1]!;
      for (let i = first[v]!; i < end; i++) {
        if (cap[i]! > 0) {
          const p = price[head[i]!]! - cost[i]! * scale;
          if (p > best) best = p;
        }
      }
      if (best === -Infinity) return false;
      // An active node has a residual path to a deficit, whose price never moves, and the reverse
      // path was residual in the phase's starting flow (the previous phase's, εₚ-optimal, or for
      // the first phase any feasible flow, C-optimal): with a feasible problem its price falls by
      // at most n·(εₚ + ε) in a phase (Goldberg and Tarjan).
      if (excess[v]! > 0 && start[v]! - (best - eps) > bound) throw new Error('no feasible flow meets the supplies');
      price[v] = best - eps;
      current[v] = first[v]!;
      relabels++;
      return true;
    };
    const hasAdmissible = (w: number): boolean => {
      const pw = price[w]!;
      const end = first[w + 1]!;
      for (let i = current[w]!; i < end; i++) {
        if (cap[i]! > 0 && cost[i]! * scale + pw - price[head[i]!]! < 0) {
          current[w] = i;
          return true;
        }
      }
      current[w] = end;
      return false;
    };

    do {
      const previous = eps;
      eps = Math.max(1, Math.floor(eps / alpha));
      phases++;
      const bound = size * (previous + eps);
      for (const v of nodes) start[v] = price[v]!;
      // Saturate every arc of negative reduced cost: the flow becomes 0-optimal, not feasible.
      for (const v of nodes) {
        const pv = price[v]!;
        const end = first[v + 1]!;
        for (let i = first[v]!; i < end; i++) {
          const r = cap[i]!;
          if (r > 0 && scaled(i) + pv - price[head[i]!]! < 0) {
            cap[i] = 0;
            cap[rev[i]!]! += r;
            excess[v]! -= r;
            excess[head[i]!]! += r;
          }
        }
        current[v] = first[v]!;
      }
      let qh = 0;
      let qt = 0;
      let count = 0;
      const enqueue = (v: number) => {
        queue[qt] = v;
        qt = qt + 1 === size ? 0 : qt + 1;
        queued[v] = 1;
        count++;
      };
      for (const v of nodes) if (excess[v]! > 0) enqueue(v);
      if (count > 0) this.#priceUpdate(nodes, eps, scale);
      budget = relabels + size;
      while (count > 0) {
        const v = queue[qh]!;
        qh = qh + 1 === size ? 0 : qh + 1;
        queued[v] = 0;
        count--;
        while (excess[v]! > 0) {
          const end = first[v + 1]!;
          let i = current[v]!;
          for (; i < end; i++) {
            if (cap[i]! <= 0) continue;
            const w = head[i]!;
            if (cost[i]! * scale + price[v]! - price[w]! >= 0) continue;
            // Look-ahead: pushing into a node that could only push it back is wasted work.
            if (excess[w]! >= 0 && !hasAdmissible(w) && relabel(w, eps, bound) && cost[i]! * scale + price[v]! - price[w]! >= 0) continue;
            const r = cap[i]!;
            const d = r < excess[v]! ? r : excess[v]!;
            cap[i] = r - d;
            cap[rev[i]!]! += d;
            excess[v]! -= d;
            const before = excess[w]!;
            excess[w] = before + d;
            if (before <= 0 && before + d > 0 && queued[w] === 0) enqueue(w);
            if (excess[v] === 0) break;
          }
          current[v] = i < end ? i : end;
          if (excess[v]! > 0 && !relabel(v, eps, bound)) throw new Error('no feasible flow meets the supplies');
        }
        if (relabels > budget && count > 0) {
          this.#priceUpdate(nodes, eps, scale);
          budget = relabels + size;
        }
      }
    } while (eps > 1);
    return phases;
  }

  /**
   * Global price update: a Dijkstra-like search backwards from the deficits, in steps of ε,
   * lowers every price by as few ε as give each node with excess an admissible path to a
   * deficit, keeping the flow ε-optimal. It stops once every node with excess is reached; the
   * nodes not reached fall by the last distance.
   */
  #priceUpdate(nodes: Int32Array, eps: number, scale: number): void {
    const { first, head, rev, cap, cost, excess } = this;
    const price = this.#price;
    const dist = this.#dist;
    const heap = this.#heap;
    heap.clear();
    let active = 0;
    for (const v of nodes) {
      dist[v] = Infinity;
      if (excess[v]! < 0) {
        dist[v] = 0;
        heap.push(v, 0);
      } else if (excess[v]! > 0) active++;
    }
    const done = this.#scanned;
    const scannedMark = 1;
    let last = 0;
    const scanned: number[] = [];
    while (heap.size > 0 && active > 0) {
      const w = heap.pop();
      const dw = dist[w]!;
      if ((done[w]! & scannedMark) !== 0) continue;
      done[w] = done[w]! | scannedMark;
      scanned.push(w);
      last = dw;
      if (excess[w]! > 0) active--;
      const pw = price[w]!;
      for (let i = first[w]!; i < first[w + 1]!; i++) {
        // Arc rev[i] runs from v to w; its residual capacity is cap[rev[i]].
        const j = rev[i]!;
        if (cap[j]! <= 0) continue;
        const v = head[i]!;
        if ((done[v]! & scannedMark) !== 0) continue;
        const reduced = cost[j]! * scale + price[v]! - pw;
        const d = dw + (reduced < 0 ? 0 : Math.floor(reduced / eps) + 1);
        if (d < dist[v]!) {
          dist[v] = d;
          heap.push(v, d);
        }
      }
    }
    for (const v of nodes) {
      const scannedHere = (done[v]! & scannedMark) !== 0;
      price[v]! -= (scannedHere ? dist[v]! : last) * eps;
    }
    for (const v of scanned) done[v] = done[v]! & ~scannedMark;
  }
}

class MinHeap {
  #nodes: Int32Array;
  #keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.#nodes = new Int32Array(Math.max(16, capacity * 4));
    this.#keys = new Float64Array(Math.max(16, capacity * 4));
  }
  clear(): void {
    this.size = 0;
  }
  push(node: number, key: number): void {
    if (this.size === this.#nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.#nodes);
      this.#nodes = nodes;
      const keys = new Float64Array(this.size * 2);
      keys.set(this.#keys);
      this.#keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.#keys[p]! <= key) break;
      this.#nodes[i] = this.#nodes[p]!;
      this.#keys[i] = this.#keys[p]!;
      i = p;
    }
    this.#nodes[i] = node;
    this.#keys[i] = key;
  }
  /** Pop the smallest; stale entries (lazy deletion) are skipped by the caller's distance check. */
  pop(): number {
    const top = this.#nodes[0]!;
    const lastNode = this.#nodes[--this.size]!;
    const lastKey = this.#keys[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.#keys[c + 1]! < this.#keys[c]!) c++;
      if (this.#keys[c]! >= lastKey) break;
      this.#nodes[i] = this.#nodes[c]!;
      this.#keys[i] = this.#keys[c]!;
      i = c;
    }
    this.#nodes[i] = lastNode;
    this.#keys[i] = lastKey;
    return top;
  }
}
