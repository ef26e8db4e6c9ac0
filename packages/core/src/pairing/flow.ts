/**
 * Minimum-cost flow by the primal-dual method: Dijkstra on reduced costs to raise the node
 * potentials, then a blocking flow (Dinic) over the arcs whose reduced cost is zero. With
 * integer costs it finds an exact optimum; the planner's graphs have few distinct path costs, so
 * it needs few Dijkstra phases however many units flow.
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
    return { flow, cost: total, phases };
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
