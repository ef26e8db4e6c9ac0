/**
 * The immutable, indexed hierarchy. Divisions are kept in columns sorted in depth-first
 * pre-order (see {@link compareCodes}), so every subtree is one contiguous run of rows: a
 * scope's descendants, counts and search are slices, not walks, and a code is found by binary
 * search over numeric keys instead of a hash table of 665,276 strings.
 */
import { GualianError, type ErrorCode } from '../errors/index.js';
import { DIVISION_LEVELS, type DivisionLevel, levelRank, localNumber, normalizeCode, parentOfShortCode, primaryKey } from './codes.js';
import { DIVISION_KINDS, type Division, type DivisionKind } from './schema.js';

/** A division as given to {@link Hierarchy.fromDivisions}: codes in short form. */
export interface DivisionInput {
  code: string;
  name: string;
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

/** Rows in columns, as the loaders collect them. @internal */
export interface RowColumns {
  codes: string[];
  names: string[];
  /** Index into {@link DIVISION_KINDS}, or {@link NO_KIND}. */
  kinds: number[] | Uint8Array;
}

/** @internal */
export const NO_KIND = 255;

/** Called for each row the build leaves out: its position in the input and why. @internal */
export type RejectRow = (row: number, reason: ErrorCode, value: string, other?: number) => void;

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
  readonly #keys: Float64Array;
  readonly #locals: Int32Array | null;

  private constructor(edition: string, codes: string[], names: string[], levels: Uint8Array, kinds: Uint8Array, keys: Float64Array, locals: Int32Array | null, parents: Int32Array) {
    this.edition = edition;
    this.#codes = codes;
    this.#names = names;
    this.#levels = levels;
    this.#kinds = kinds;
    this.#keys = keys;
    this.#locals = locals;
    this.#parents = parents;
    const n = codes.length;
    this.#ends = new Int32Array(n).fill(n);
    // A node's subtree ends where the first row not under it starts.
    const stack: number[] = [];
    for (let i = 0; i < n; i++) {
      while (stack.length > 0 && stack[stack.length - 1] !== parents[i]) this.#ends[stack.pop()!] = i;
      stack.push(i);
    }
  }

  /**
   * Build a hierarchy from divisions in any order. Every division but a province needs its
   * parent among them; a duplicate or an orphan throws (the loaders report them row by row).
   */
  static fromDivisions(divisions: Iterable<DivisionInput>, edition = ''): Hierarchy {
    const codes: string[] = [];
    const names: string[] = [];
    const kinds: number[] = [];
    for (const d of divisions) {
      codes.push(d.code);
      names.push(d.name);
      kinds.push(d.kind ? DIVISION_KINDS.indexOf(d.kind) : NO_KIND);
    }
    return Hierarchy.build({ codes, names, kinds }, edition, (_row, reason, value, other) => {
      throw new GualianError(reason, other === undefined ? { value } : { value, other: other + 1 });
    });
  }

  /**
   * Sort rows into pre-order, drop duplicates and orphans (telling `reject` of each), and
   * index the rest. Parents are checked on the numeric keys, without building a string per
   * row; the sort finds the runs of already sorted input (a loader's files, level by level)
   * and merges them.
   * @internal
   */
  static build(rows: RowColumns, edition: string, reject: RejectRow): Hierarchy {
    const n = rows.codes.length;
    const primary = new Float64Array(n);
    let locals: Int32Array | null = null;
    let invalid: Set<number> | null = null;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const code = rows.codes[i]!;
      const key = primaryKey(code);
      if (Number.isNaN(key)) {
        // Not a short code: sorted first, rejected in the pass below.
        (invalid ??= new Set()).add(i);
        primary[i] = -1;
      } else primary[i] = key;
      if (code.length > 12) {
        locals ??= new Int32Array(2 * n);
        locals[2 * i] = localNumber(code, 1);
        locals[2 * i + 1] = localNumber(code, 2);
      }
      if (sorted && i > 0 && compareRows(primary, locals, i - 1, i) > 0) sorted = false;
    }
    let order: Int32Array | null = null;
    if (!sorted) {
      const idx = new Array<number>(n);
      for (let i = 0; i < n; i++) idx[i] = i;
      idx.sort((a, b) => compareRows(primary, locals, a, b));
      order = Int32Array.from(idx);
    }
    const codes = new Array<string>(n);
    const names = new Array<string>(n);
    const levels = new Uint8Array(n);
    const kinds = new Uint8Array(n);
    const keys = new Float64Array(n);
    const keptLocals = locals ? new Int32Array(2 * n) : null;
    const parents = new Int32Array(n);
    const kept = new Int32Array(n);
    // Open ancestors of the current row, as positions among the rows kept so far.
    const stack = new Int32Array(8);
    let depth = 0;
    let m = 0;
    for (let j = 0; j < n; j++) {
      const r = order === null ? j : order[j]!;
      const code = rows.codes[r]!;
      if (invalid?.has(r)) {
        reject(r, 'code.format', code);
        continue;
      }
      const key = primary[r]!;
      const grid = locals ? locals[2 * r]! : 0;
      const unit = locals ? locals[2 * r + 1]! : 0;
      if (m > 0 && keys[m - 1] === key && codes[m - 1] === code) {
        reject(r, 'row.duplicate', code, kept[m - 1]);
        continue;
      }
      const rank = unit > 0 ? 6 : grid > 0 ? 5 : key % 8;
      const padded = Math.floor(key / 8);
      while (depth > 0 && !contains(stack[depth - 1]!, padded, grid)) depth--;
      if (rank > 0) {
        const p = depth > 0 ? stack[depth - 1]! : -1;
        if (p < 0 || !isParent(p, rank, padded, grid)) {
          reject(r, 'row.parent', parentOfShortCode(code)!);
          continue;
        }
      }
      kept[m] = r;
      parents[m] = depth > 0 ? stack[depth - 1]! : -1;
      codes[m] = code;
      names[m] = rows.names[r]!;
      kinds[m] = rows.kinds[r]!;
      keys[m] = key;
      levels[m] = rank;
      if (keptLocals) {
        keptLocals[2 * m] = grid;
        keptLocals[2 * m + 1] = unit;
      }
      stack[depth++] = m;
      m++;
    }
    return new Hierarchy(
      edition,
      m === n ? codes : codes.slice(0, m),
      m === n ? names : names.slice(0, m),
      levels.slice(0, m),
      kinds.slice(0, m),
      keys.slice(0, m),
      keptLocals ? keptLocals.slice(0, 2 * m) : null,
      parents.slice(0, m),
    );

    /** Whether kept row `a` has the row with these padded digits and grid number in its subtree. */
    function contains(a: number, padded: number, grid: number): boolean {
      const aPadded = Math.floor(keys[a]! / 8);
      const aRank = levels[a]!;
      if (aRank < 4) return padded >= aPadded && padded < aPadded + SPAN[aRank]!;
      if (padded !== aPadded) return false;
      return aRank === 4 ? grid > 0 : aRank === 5 && grid === keptLocals![2 * a];
    }

    /** Whether kept row `p`, open on the stack, is the parent of a row of this rank. */
    function isParent(p: number, rank: number, padded: number, grid: number): boolean {
      if (levels[p] !== rank - 1) return false;
      if (rank <= 4) return Math.floor(keys[p]! / 8) === padded - (padded % SPAN[rank - 1]!);
      return rank === 5 || keptLocals![2 * p] === grid;
    }
  }

  /** Number of divisions. */
  get size(): number {
    return this.#codes.length;
  }

  /** Whether the code is in the hierarchy (short or 12-digit padded form). */
  has(code: string): boolean {
    return this.#find(code) >= 0;
  }

  /** The division with this code (short or 12-digit padded form), or `undefined`. */
  get(code: string): Division | undefined {
    const i = this.#find(code);
    return i < 0 ? undefined : this.at(i);
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
    const tally = new Array<number>(DIVISION_LEVELS.length).fill(0);
    const [from, to] = scope === undefined ? [0, this.size] : this.#range(scope);
    for (let j = from; j < to; j++) tally[this.#levels[j]!]!++;
    return Object.fromEntries(DIVISION_LEVELS.map((l, k) => [l, tally[k]!])) as LevelCounts;
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
    const offset = from - (picked.length - (to - from));
    const position = (p: number) => (p < from ? picked.indexOf(p) : p - offset);
    let locals: Int32Array | null = null;
    if (this.#locals) {
      locals = new Int32Array(2 * picked.length);
      picked.forEach((j, k) => locals!.set(this.#locals!.subarray(2 * j, 2 * j + 2), 2 * k));
    }
    return new Hierarchy(
      this.edition,
      picked.map((j) => this.#codes[j]!),
      picked.map((j) => this.#names[j]!),
      Uint8Array.from(picked, (j) => this.#levels[j]!),
      Uint8Array.from(picked, (j) => this.#kinds[j]!),
      Float64Array.from(picked, (j) => this.#keys[j]!),
      locals,
      Int32Array.from(picked, (j) => (this.#parents[j]! < 0 ? -1 : position(this.#parents[j]!))),
    );
  }

  /**
   * Divisions whose name contains `fragment`: exact names first, then names that start with it,
   * then the rest, each group in code order.
   * @example
   * national.search('昭通', { levels: ['prefecture'] })[0].code; // '5306'
   */
  search(fragment: string, options: SearchOptions = {}): Division[] {
    const needle = fragment.trim();
    if (needle === '') return [];
    const limit = options.limit ?? 50;
    const [from, to] = options.scope === undefined ? [0, this.size] : this.#range(options.scope);
    const levels = options.levels ? new Set(options.levels.map(levelRank)) : null;
    const groups: [number[], number[], number[]] = [[], [], []];
    for (let j = from; j < to && groups[0].length < limit; j++) {
      const name = this.#names[j]!;
      const at = name.indexOf(needle);
      if (at < 0 || (levels && !levels.has(this.#levels[j]!))) continue;
      groups[name.length === needle.length ? 0 : at === 0 ? 1 : 2].push(j);
    }
    return groups.flat().slice(0, limit).map((j) => this.at(j));
  }

  /** Every division in code order (depth-first pre-order). */
  *[Symbol.iterator](): Iterator<Division> {
    for (let i = 0; i < this.size; i++) yield this.at(i);
  }

  /** The top-level divisions (provinces, or whatever the hierarchy starts with). */
  roots(): Division[] {
    return this.childIndices(-1).map((i) => this.at(i));
  }

  // The row-level view below is for widgets that render thousands of rows: positions instead
  // of objects, so a virtual list can page through the country without allocating it.

  /**
   * The row position of a code exactly as the hierarchy holds it (short form), or -1: the
   * row-level lookup of loaders and widgets, which match codes from data one for one.
   * @example
   * national.indexOf('5306'); // the row of 昭通市
   */
  indexOf(code: string): number {
    return this.#exactIndexOf(code);
  }

  /**
   * The row of a code as a user may write it: the short form, or the 12-digit padded form
   * (`530600000000` for 5306), with spaces around it; every method below that takes a code
   * reads it here. A code held exactly (金门县's placeholder village `350527000000`) is found as
   * itself first, and under a placeholder township (`350527000`) is never read as padded.
   * @example
   * national.has('530600000000'); // true: 昭通市
   */
  #find(code: string): number {
    const i = this.#exactIndexOf(code);
    if (i >= 0 || typeof code !== 'string') return i;
    // Only a miss pays for reading the code: the hot paths look up short codes.
    let short: string;
    try {
      short = normalizeCode(code);
    } catch {
      return -1;
    }
    if (short === code) return -1;
    if (code.trim().length === 12 && short.length < 9 && this.#exactIndexOf(code.trim().slice(0, 9)) >= 0) return -1;
    return this.#exactIndexOf(short);
  }

  #exactIndexOf(code: string): number {
    const key = primaryKey(code);
    if (Number.isNaN(key)) return -1;
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    // Grids share their village's key; the few rows with that key are checked by code.
    for (let i = lo; i < this.#keys.length && this.#keys[i] === key; i++) if (this.#codes[i] === code) return i;
    return -1;
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

  /** The level ranks and parent positions of every row, for passes over the whole hierarchy (read only). @internal */
  columns(): { levels: Uint8Array; parents: Int32Array } {
    return { levels: this.#levels, parents: this.#parents };
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
    const i = this.#find(code);
    if (i < 0) throw new GualianError('hierarchy.unknown', { value: code });
    return i;
  }

  #range(scope: string): [number, number] {
    const i = this.#require(scope);
    return [i, this.#ends[i]!];
  }
}

function compareRows(primary: Float64Array, locals: Int32Array | null, a: number, b: number): number {
  const d = primary[a]! - primary[b]!;
  if (d !== 0 || locals === null) return d;
  return locals[2 * a]! - locals[2 * b]! || locals[2 * a + 1]! - locals[2 * b + 1]!;
}

/** How many padded 12-digit values the subtree of a province, prefecture, county or township spans. */
const SPAN = [1e10, 1e8, 1e6, 1e3];
