/**
 * The immutable, indexed hierarchy. Divisions are kept in columns sorted in depth-first
 * pre-order (see {@link compareCodes}), so every subtree is one contiguous run of rows: a
 * scope's descendants, counts and search are slices, not walks.
 */
import { GualianError } from '../errors/index.js';
import { DIVISION_LEVELS, type DivisionLevel, levelRank, parentOfShortCode, rankOfShortCode, sortKey } from './codes.js';
import { DIVISION_KINDS, type Division, type DivisionKind } from './schema.js';

/** A division as given to {@link Hierarchy.fromDivisions}: already validated codes in short form. */
export interface DivisionInput {
  code: string;
  name: string;
  /** Defaults to the level the code denotes. */
  level?: DivisionLevel;
  kind?: DivisionKind | undefined;
}

/** Options of {@link Hierarchy.search}. */
export interface SearchOptions {
  /** Only divisions within this code. */
  scope?: string;
  /** Only divisions of these levels. */
  levels?: readonly DivisionLevel[];
  /** At most this many results (default 50). */
  limit?: number;
}

/** Counts of divisions per level. */
export type LevelCounts = Record<DivisionLevel, number>;

const NO_KIND = 255;

/**
 * An immutable hierarchy of divisions, indexed by code.
 * @example
 * const h = Hierarchy.fromDivisions([
 *   { code: '53', name: '云南省' },
 *   { code: '5306', name: '昭通市' },
 *   { code: '530602', name: '昭阳区' },
 * ]);
 * h.childrenOf('53').map((d) => d.name); // ['昭通市']
 */
export class Hierarchy implements Iterable<Division> {
  /** The edition's label, such as '2023'. */
  readonly edition: string;
  readonly #codes: string[];
  readonly #names: string[];
  readonly #levels: Uint8Array;
  readonly #kinds: Uint8Array;
  readonly #parents: Int32Array;
  readonly #ends: Int32Array;
  readonly #index: Map<string, number>;

  private constructor(edition: string, codes: string[], names: string[], levels: Uint8Array, kinds: Uint8Array) {
    this.edition = edition;
    this.#codes = codes;
    this.#names = names;
    this.#levels = levels;
    this.#kinds = kinds;
    const n = codes.length;
    this.#index = new Map();
    this.#parents = new Int32Array(n);
    this.#ends = new Int32Array(n);
    // One pass with a stack of open ancestors: pre-order makes each node's parent the nearest
    // open node whose code is a prefix of its own.
    const stack: number[] = [];
    for (let i = 0; i < n; i++) {
      const code = codes[i]!;
      if (this.#index.has(code)) throw new GualianError('row.duplicate', { value: code, other: this.#index.get(code)! + 1 });
      this.#index.set(code, i);
      while (stack.length > 0 && !isChildOf(code, codes[stack[stack.length - 1]!]!)) this.#ends[stack.pop()!] = i;
      const parent = stack.length > 0 ? stack[stack.length - 1]! : -1;
      const expected = parentOfShortCode(code);
      if (expected !== null && (parent < 0 || codes[parent] !== expected)) throw new GualianError('row.parent', { value: expected });
      this.#parents[i] = parent;
      stack.push(i);
    }
    for (const i of stack) this.#ends[i] = n;
  }

  /**
   * Build a hierarchy from divisions in any order. Every division but a province needs its
   * parent among them; duplicates and orphans throw (the loaders report them row by row first).
   */
  static fromDivisions(divisions: Iterable<DivisionInput>, edition = ''): Hierarchy {
    const rows = Array.isArray(divisions) ? (divisions as DivisionInput[]) : [...divisions];
    const n = rows.length;
    const primary = new Float64Array(n);
    const grid = new Int32Array(n);
    const unit = new Int32Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const k = sortKey(rows[i]!.code);
      primary[i] = k[0];
      grid[i] = k[1];
      unit[i] = k[2];
      if (sorted && i > 0 && (primary[i - 1]! - k[0] || grid[i - 1]! - k[1] || unit[i - 1]! - k[2]) > 0) sorted = false;
    }
    let order: ArrayLike<number> | null = null;
    if (!sorted) {
      const idx = new Uint32Array(n);
      for (let i = 0; i < n; i++) idx[i] = i;
      order = Array.from(idx).sort((a, b) => primary[a]! - primary[b]! || grid[a]! - grid[b]! || unit[a]! - unit[b]!);
    }
    const codes = new Array<string>(n);
    const names = new Array<string>(n);
    const levels = new Uint8Array(n);
    const kinds = new Uint8Array(n);
    for (let j = 0; j < n; j++) {
      const row = rows[order ? order[j]! : j]!;
      codes[j] = row.code;
      names[j] = row.name;
      levels[j] = row.level ? levelRank(row.level) : rankOfShortCode(row.code);
      kinds[j] = row.kind ? DIVISION_KINDS.indexOf(row.kind) : NO_KIND;
    }
    return new Hierarchy(edition, codes, names, levels, kinds);
  }

  /** Number of divisions. */
  get size(): number {
    return this.#codes.length;
  }

  /** Whether the code is in the hierarchy (short form). */
  has(code: string): boolean {
    return this.#index.has(code);
  }

  /** The division with this code, or `undefined`. */
  get(code: string): Division | undefined {
    const i = this.#index.get(code);
    return i === undefined ? undefined : this.at(i);
  }

  /** The division with this code; throws `hierarchy.unknown` if absent. */
  require(code: string): Division {
    return this.at(this.#require(code));
  }

  /** The parent division, or `null` for a root. */
  parentOf(code: string): Division | null {
    const p = this.#parents[this.#require(code)]!;
    return p < 0 ? null : this.at(p);
  }

  /** The ancestors from the root down to the parent. */
  ancestorsOf(code: string): Division[] {
    const out: Division[] = [];
    for (let p = this.#parents[this.#require(code)]!; p >= 0; p = this.#parents[p]!) out.unshift(this.at(p));
    return out;
  }

  /** The ancestors and the division itself: the path shown as 云南省 / 昭通市 / 镇雄县. */
  pathOf(code: string): Division[] {
    return [...this.ancestorsOf(code), this.require(code)];
  }

  /** The direct children, in code order. */
  childrenOf(code: string): Division[] {
    return this.childIndices(this.#require(code)).map((i) => this.at(i));
  }

  /** The number of direct children. */
  childCount(code: string): number {
    return this.childIndices(this.#require(code)).length;
  }

  /**
   * All descendants (excluding the division itself), optionally only of one level.
   * @example
   * zhaotong.descendantsOf('5306', 'village').length; // 1402
   */
  descendantsOf(code: string, level?: DivisionLevel): Division[] {
    const i = this.#require(code);
    const out: Division[] = [];
    const want = level === undefined ? -1 : levelRank(level);
    for (let j = i + 1; j < this.#ends[i]!; j++) if (want < 0 || this.#levels[j] === want) out.push(this.at(j));
    return out;
  }

  /** The number of divisions per level, in the whole hierarchy or within a scope (the scope included). */
  countsByLevel(scope?: string): LevelCounts {
    const counts = Object.fromEntries(DIVISION_LEVELS.map((l) => [l, 0])) as LevelCounts;
    const [from, to] = scope === undefined ? [0, this.size] : this.#range(scope);
    for (let j = from; j < to; j++) counts[DIVISION_LEVELS[this.#levels[j]!]!]++;
    return counts;
  }

  /**
   * The smallest hierarchy holding everything under `scope`: the scope, its ancestors and all
   * its descendants.
   * @example
   * national.subtree('530627').countsByLevel().province; // 1
   */
  subtree(scope: string): Hierarchy {
    const [from, to] = this.#range(scope);
    const picked: number[] = [];
    for (let p = this.#parents[from]!; p >= 0; p = this.#parents[p]!) picked.unshift(p);
    for (let j = from; j < to; j++) picked.push(j);
    return new Hierarchy(
      this.edition,
      picked.map((j) => this.#codes[j]!),
      picked.map((j) => this.#names[j]!),
      Uint8Array.from(picked, (j) => this.#levels[j]!),
      Uint8Array.from(picked, (j) => this.#kinds[j]!),
    );
  }

  /**
   * Divisions whose name contains `fragment`, exact names first, then names that start with it,
   * then the rest, each group in code order.
   * @example
   * national.search('昭通')[0].code; // '5306'
   */
  search(fragment: string, options: SearchOptions = {}): Division[] {
    const needle = fragment.trim();
    if (needle === '') return [];
    const limit = options.limit ?? 50;
    const [from, to] = options.scope === undefined ? [0, this.size] : this.#range(options.scope);
    const levels = options.levels ? new Set(options.levels.map(levelRank)) : null;
    const exact: number[] = [];
    const prefix: number[] = [];
    const inner: number[] = [];
    for (let j = from; j < to && exact.length < limit; j++) {
      const name = this.#names[j]!;
      const at = name.indexOf(needle);
      if (at < 0 || (levels && !levels.has(this.#levels[j]!))) continue;
      (name.length === needle.length ? exact : at === 0 ? prefix : inner).push(j);
    }
    return [...exact, ...prefix, ...inner].slice(0, limit).map((j) => this.at(j));
  }

  /** Every division in code order (depth-first pre-order). */
  *[Symbol.iterator](): Iterator<Division> {
    for (let i = 0; i < this.size; i++) yield this.at(i);
  }

  /** The top-level divisions (provinces, or whatever the hierarchy starts with). */
  roots(): Division[] {
    const out: Division[] = [];
    for (let i = 0; i < this.size; i = this.#ends[i]!) out.push(this.at(i));
    return out;
  }

  // The row-level view below is for widgets that render thousands of rows: positions instead
  // of objects, so a virtual list can page through the country without allocating it.

  /** The row position of a code, or -1. */
  indexOf(code: string): number {
    return this.#index.get(code) ?? -1;
  }

  /** The division at a row position. */
  at(i: number): Division {
    const kind = this.#kinds[i]!;
    const parent = this.#parents[i]!;
    const d: Division = {
      code: this.#codes[i]!,
      name: this.#names[i]!,
      level: DIVISION_LEVELS[this.#levels[i]!]!,
      parentCode: parent < 0 ? null : this.#codes[parent]!,
    };
    if (kind !== NO_KIND) d.kind = DIVISION_KINDS[kind]!;
    return d;
  }

  /** The code at a row position. */
  codeAt(i: number): string {
    return this.#codes[i]!;
  }

  /** The name at a row position. */
  nameAt(i: number): string {
    return this.#names[i]!;
  }

  /** The level rank (0 province … 6 household unit) at a row position. */
  levelAt(i: number): number {
    return this.#levels[i]!;
  }

  /** The parent's row position, or -1. */
  parentIndex(i: number): number {
    return this.#parents[i]!;
  }

  /** One past the last descendant's row position. */
  subtreeEnd(i: number): number {
    return this.#ends[i]!;
  }

  /** The row positions of the children of row `i` (or of the roots for -1). */
  childIndices(i: number): number[] {
    const out: number[] = [];
    const end = i < 0 ? this.size : this.#ends[i]!;
    for (let j = i + 1; j < end; j = this.#ends[j]!) out.push(j);
    return out;
  }

  #require(code: string): number {
    const i = this.#index.get(code);
    if (i === undefined) throw new GualianError('hierarchy.unknown', { value: code });
    return i;
  }

  #range(scope: string): [number, number] {
    const i = this.#require(scope);
    return [i, this.#ends[i]!];
  }
}

function isChildOf(code: string, ancestor: string): boolean {
  return code.length > ancestor.length && code.startsWith(ancestor) && (!ancestor.includes('-') || code[ancestor.length] === '-');
}
