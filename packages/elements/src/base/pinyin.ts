/**
 * Pinyin search over division names, for the search boxes of the region picker and the
 * hierarchy tree: `zhaotong` or its initials `zt` find 昭通市, `zhenx` finds 镇雄县, `镇x` mixes
 * characters and pinyin, and a polyphonic character (长 chang/zhang, 重 chong/zhong, 乐 le/yue)
 * answers to every reading. Case, spaces, apostrophes and tone marks are ignored.
 *
 * The pinyin data (the dictionary of `pinyin-match`, about 23 KB gzip) is a chunk of its own,
 * imported the first time a query contains Latin letters: a page whose users type characters
 * never loads it. From the dictionary one table is built, once per page, giving the readings of
 * every character by its UTF-16 code; names are then read through that table as they are, so
 * there is no index per hierarchy to build or keep: the whole country, 665,276 names, is
 * scanned in about 0.1–0.2 s per query, 50–70 times faster than calling `pinyin-match`'s own
 * `match` on each name (`bench/pinyin.ts`); a prefecture's few thousand names in a millisecond
 * or two.
 */
import type { ReactiveControllerHost } from 'lit';
import type { DivisionLevel, Hierarchy } from '@gualian/core';
import { levelRank } from '@gualian/core';

/**
 * How well a name matches a pinyin query, best first: the whole name in full pinyin
 * (`zhaotongshi`), the start of the name in full pinyin (`zhaotong`, `zhenx`), the start of the
 * name in initials or any other mix (`zt`, `zhaot`), or somewhere inside the name.
 */
export const PINYIN_RANKS = ['exact', 'prefix', 'initials', 'inside'] as const;

/** A rank of {@link PINYIN_RANKS}. */
export type PinyinRank = (typeof PINYIN_RANKS)[number];

/** The characters of a name that a query matched: `name.slice(start, end)`. */
export interface NameMatch {
  start: number;
  end: number;
  rank: PinyinRank;
}

/** Tests names against one query; see {@link PinyinMatcher.forQuery}. */
export type NameTest = (name: string) => NameMatch | null;

/** Matches names against pinyin queries; what {@link loadPinyin} gives once the data is here. */
export interface PinyinMatcher {
  /**
   * A test of names against `query` (characters, pinyin, initials or a mix): which characters
   * of a name matched, or `null` when it does not match. Made once per query, run per name.
   * @example
   * const test = matcher.forQuery('zt');
   * test('昭通市'); // { start: 0, end: 2, rank: 'initials' }
   * test('镇雄县'); // null
   */
  forQuery(query: string, options?: { inside?: boolean }): NameTest;
}

/** One result of {@link searchDivisions}: a row of the hierarchy and the characters matched. */
export interface DivisionHit {
  /** The row position in the hierarchy. */
  row: number;
  /** The matched characters are `nameAt(row).slice(start, end)`. */
  start: number;
  end: number;
  /** Found through pinyin rather than by the characters typed. */
  byPinyin: boolean;
}

/** Options of {@link searchDivisions}. */
export interface DivisionSearchOptions {
  /** Only divisions within this code (which must be in the hierarchy). */
  scope?: string | undefined;
  /** Only divisions of these levels. */
  levels?: readonly DivisionLevel[] | undefined;
  /** At most this many results. */
  limit: number;
}

/** Where the pinyin data is: not asked for, on its way, here, or failed to arrive. */
export type PinyinState = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * Whether a query holds Latin letters, so that pinyin may answer it (full-width letters count).
 * @example
 * hasLatin('昭t'); // true
 * hasLatin('昭通'); // false
 */
export function hasLatin(query: string): boolean {
  return /[a-z]/i.test(query.normalize('NFKC'));
}

/**
 * A query as the matcher reads it: full-width letters made ASCII, lower case, ü as v, tone marks,
 * spaces and apostrophes dropped.
 * @example
 * normalizeQuery("Xi'an"); // 'xian'
 * normalizeQuery('Zhāo Tōng'); // 'zhaotong'
 */
export function normalizeQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f\s'’‘`]/g, '');
}

/** The dictionary as `pinyin-match` ships it: each toneless syllable and its characters. */
type PinyinDictionary = Readonly<Record<string, string>>;

const A = 97;
const Z = 122;
const isLetter = (c: number) => c >= A && c <= Z;
/** ASCII upper case to lower case; everything else as it is. */
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
/** One past the longest name the memo tables cover; longer names are matched without them. */
const MEMO_NAME = 64;
/** The bit of a lower-case ASCII letter in a letter mask, or 0 for any other code. */
const bitOf = (c: number) => (isLetter(c) ? 1 << (c - A) : 0);

/**
 * Builds the matcher from a dictionary: the readings of each character by UTF-16 code. A
 * character outside the dictionary (a digit, a letter, a rare character) matches itself only.
 * @example
 * const matcher = createPinyinMatcher((await import('pinyin-match/src/simplified_dict.js')).dict);
 * @internal
 */
export function createPinyinMatcher(dictionary: PinyinDictionary): PinyinMatcher {
  const readings: (Uint8Array[] | undefined)[] = new Array(0x10000);
  // The letters a character can begin a match with: the first letter of each of its readings,
  // and an ASCII letter itself, in either case.
  const starts = new Uint32Array(0x10000);
  // The second letters of its readings: a start is tried only where the query's second letter
  // can follow, within the reading or as the next character's first letter.
  const seconds = new Uint32Array(0x10000);
  for (let c = A; c <= Z; c++) starts[c] = starts[c - 32] = bitOf(c);
  for (const [syllable, chars] of Object.entries(dictionary)) {
    const bytes = Uint8Array.from(syllable, (ch) => ch.charCodeAt(0));
    if (!bytes.every(isLetter)) continue;
    for (let k = 0; k < chars.length; k++) {
      const c = chars.charCodeAt(k);
      const list = (readings[c] ??= []);
      if (list.some((r) => r.length === bytes.length && r.every((b, x) => b === bytes[x]))) continue;
      list.push(bytes);
      starts[c]! |= bitOf(bytes[0]!);
      seconds[c]! |= bitOf(bytes[1] ?? 0);
    }
  }

  // The query being matched and the name being read, and memo tables stamped per (name,
  // start), so a name is never matched in more than (length × query length) steps whatever its
  // readings. Results are encoded as rank × 1024 + end: the smaller, the better.
  let q = new Uint16Array(0);
  let k = 0;
  let name = '';
  let m = 0;
  let stamp = 0;
  let stamps = new Int32Array(0);
  let memo = new Int32Array(0);

  /** The best match from character `i` and query position `j`, every character before having used its full reading. */
  function full(i: number, j: number): number {
    if (i === m) return -1;
    const slot = i < MEMO_NAME ? 2 * (i * (k + 1) + j) : -1;
    if (slot >= 0 && stamps[slot] === stamp) return memo[slot]!;
    let best = -1;
    const c = name.charCodeAt(i);
    if (lower(c) === q[j]) best = j + 1 === k ? (i + 1 === m ? 0 : 1024) + i + 1 : full(i + 1, j + 1);
    const rs = readings[c];
    if (rs !== undefined && isLetter(q[j]!)) {
      for (let x = 0; x < rs.length && (best < 0 || best >= 1024); x++) {
        const r = rs[x]!;
        let t = 0;
        while (t < r.length && j + t < k && r[t] === q[j + t]) t++;
        if (t === 0) continue;
        let found = -1;
        if (t === r.length) found = j + t === k ? (i + 1 === m ? 0 : 1024) + i + 1 : full(i + 1, j + t);
        if (found >= 0 && (best < 0 || found < best)) best = found;
        // A reading cut short: the query ends here (the start of the name), or goes on as initials.
        for (let p = Math.min(t, r.length - 1); p >= 1 && (best < 0 || best >= 2048); p--) {
          found = j + p === k ? 1024 + i + 1 : any(i + 1, j + p);
          if (found >= 0 && (best < 0 || found < best)) best = found;
        }
      }
    }
    if (slot >= 0) {
      stamps[slot] = stamp;
      memo[slot] = best;
    }
    return best;
  }

  /** Any match from character `i` and query position `j`: 'initials' at best. */
  function any(i: number, j: number): number {
    if (i === m) return -1;
    const slot = i < MEMO_NAME ? 2 * (i * (k + 1) + j) + 1 : -1;
    if (slot >= 0 && stamps[slot] === stamp) return memo[slot]!;
    let found = -1;
    const c = name.charCodeAt(i);
    if (lower(c) === q[j]) found = j + 1 === k ? 2048 + i + 1 : any(i + 1, j + 1);
    const rs = found < 0 && isLetter(q[j]!) ? readings[c] : undefined;
    if (rs !== undefined) {
      search: for (let x = 0; x < rs.length; x++) {
        const r = rs[x]!;
        for (let p = 0; p < r.length && j + p < k && r[p] === q[j + p]; p++) {
          found = j + p + 1 === k ? 2048 + i + 1 : any(i + 1, j + p + 1);
          if (found >= 0) break search;
        }
      }
    }
    if (slot >= 0) {
      stamps[slot] = stamp;
      memo[slot] = found;
    }
    return found;
  }

  return {
    forQuery(query: string, options: { inside?: boolean } = {}): NameTest {
      const normalized = normalizeQuery(query);
      const inside = options.inside ?? true;
      const codes = Uint16Array.from(normalized, (ch) => ch.charCodeAt(0));
      const first = codes[0] ?? 0;
      const bit = bitOf(first);
      const bit2 = bitOf(codes[1] ?? 0);
      const size = 2 * MEMO_NAME * (codes.length + 1);
      const ownStamps = new Int32Array(size);
      const ownMemo = new Int32Array(size);
      return (text: string): NameMatch | null => {
        if (codes.length === 0) return null;
        const last = inside ? text.length : Math.min(1, text.length);
        for (let s = 0; s < last; s++) {
          const c = text.charCodeAt(s);
          if (bit === 0 ? c !== first : (starts[c]! & bit) === 0) continue;
          if (bit2 !== 0 && bit !== 0 && lower(c) !== first && ((seconds[c]! | starts[text.charCodeAt(s + 1)]!) & bit2) === 0) continue;
          q = codes;
          k = codes.length;
          stamps = ownStamps;
          memo = ownMemo;
          name = text;
          m = text.length;
          stamp++;
          const found = s === 0 ? full(0, 0) : any(s, 0);
          if (found < 0) continue;
          return { start: s, end: found & 1023, rank: PINYIN_RANKS[s === 0 ? found >> 10 : 3]! };
        }
        return null;
      };
    },
  };
}

// Where the data comes from: a literal specifier, so bundlers make a chunk of it.
const importDictionary = async (): Promise<PinyinDictionary> => (await import('pinyin-match/src/simplified_dict.js')).dict;

let importer: () => Promise<PinyinDictionary> = importDictionary;
let state: PinyinState = 'idle';
let loading: Promise<PinyinMatcher | null> | null = null;
let loaded: PinyinMatcher | null = null;
let imports = 0;

/**
 * Where the pinyin data is now. A page whose users typed only characters stays `idle`.
 * @example
 * pinyinState(); // 'idle', then 'loading', 'ready' (or 'failed') once a query had letters
 */
export function pinyinState(): PinyinState {
  return state;
}

/**
 * The matcher, importing the pinyin data the first time: resolves to `null`, never rejecting,
 * when the data cannot be fetched (a portal that copied the script-tag bundle without its
 * bundle-chunks/ folder), after which searches go on by characters alone.
 * @example
 * const matcher = await loadPinyin();
 * matcher?.forQuery('zt')('昭通市');
 */
export function loadPinyin(): Promise<PinyinMatcher | null> {
  if (loading === null) {
    state = 'loading';
    imports++;
    loading = importer().then(
      (dictionary) => {
        state = 'ready';
        loaded = createPinyinMatcher(dictionary);
        return loaded;
      },
      (error: unknown) => {
        state = 'failed';
        console.warn('gualian: the pinyin data could not be loaded (is the bundle-chunks/ folder next to the bundle?); searching by characters only.', error);
        return null;
      },
    );
  }
  return loading;
}

/**
 * For tests: how many times the pinyin data was asked for, and a way to load it from elsewhere
 * (a URL that fails, say), which starts over from `idle` with no import counted; without an
 * argument, the real data.
 * @internal
 */
export const pinyinForTests = {
  imports: (): number => imports,
  useImporter(load?: () => Promise<PinyinDictionary>): void {
    importer = load ?? importDictionary;
    state = 'idle';
    loading = null;
    loaded = null;
    imports = 0;
  },
};

/**
 * Divisions whose name matches `query`, characters first (as `Hierarchy.search` ranks them),
 * then, when a matcher is given and the query holds Latin letters, pinyin matches by
 * {@link PinyinRank}; within a rank, higher levels first (the city before a village that sounds
 * the same), then code order.
 * @example
 * searchDivisions(zhaotong, 'zhenx', { limit: 20 }, matcher).map((hit) => zhaotong.nameAt(hit.row)); // ['镇雄县', …]
 */
export function searchDivisions(h: Hierarchy, query: string, options: DivisionSearchOptions, matcher: PinyinMatcher | null = null): DivisionHit[] {
  const needle = query.trim();
  const { scope, levels, limit } = options;
  const hits: DivisionHit[] = h.search(needle, { scope, levels, limit }).map((d) => {
    const row = h.indexOf(d.code);
    const start = h.nameAt(row).indexOf(needle);
    return { row, start, end: start + needle.length, byPinyin: false };
  });
  const need = limit - hits.length;
  if (matcher === null || need <= 0 || !hasLatin(needle)) return hits;
  const found = new Set(hits.map((hit) => hit.row));
  const wanted = levels === undefined ? null : new Set(levels.map(levelRank));
  // One bucket per rank and level: within a rank a city comes before a village that sounds the
  // same (昭通市 before 赵同村 for zhaotong), and within a level code order. A later row can be
  // of a higher level, so every row is read; each bucket keeps only the first `need` it gets.
  const LEVELS = 8;
  const buckets: DivisionHit[][] = Array.from({ length: PINYIN_RANKS.length * LEVELS }, () => []);
  const first = scope === undefined ? 0 : h.indexOf(scope);
  const end = scope === undefined ? h.size : h.subtreeEnd(first);
  let atStart = 0;
  // Matches inside a name are looked for only while the better ranks leave room for them.
  let test = matcher.forQuery(needle);
  for (let row = first; row < end; row++) {
    const level = h.levelAt(row);
    if (wanted !== null && !wanted.has(level)) continue;
    const match = test(h.nameAt(row));
    if (match === null || found.has(row)) continue;
    const bucket = buckets[PINYIN_RANKS.indexOf(match.rank) * LEVELS + Math.min(level, LEVELS - 1)]!;
    if (bucket.length < need) bucket.push({ row, start: match.start, end: match.end, byPinyin: true });
    if (match.rank !== 'inside' && ++atStart === need) test = matcher.forQuery(needle, { inside: false });
  }
  return [...hits, ...buckets.flat()].slice(0, limit);
}

/**
 * A widget's pinyin search: searches at once by characters (and by pinyin once the data is
 * here), starts fetching the data the first time a query holds Latin letters, and runs the
 * widget's search again when it arrives.
 * @example
 * readonly #pinyin = new PinyinSearch(this, () => this.#runSearch());
 * // #runSearch(): this.#hits = this.#pinyin.search(h, query, { limit: 20 });
 * // render(): const note = this.#pinyin.note(query); // 'ui.pinyin.loading', 'ui.pinyin.unavailable' or null
 */
export class PinyinSearch {
  readonly #host: ReactiveControllerHost;
  readonly #rerun: () => void;
  #waiting = false;

  constructor(host: ReactiveControllerHost, rerun: () => void) {
    this.#host = host;
    this.#rerun = rerun;
  }

  /** {@link searchDivisions} with the pinyin data if it is here; asks for it when `query` holds letters. */
  search(h: Hierarchy, query: string, options: DivisionSearchOptions): DivisionHit[] {
    if (loaded === null && hasLatin(query) && state !== 'failed' && !this.#waiting) {
      this.#waiting = true;
      void loadPinyin().then(() => {
        this.#waiting = false;
        this.#rerun();
        this.#host.requestUpdate();
      });
    }
    return searchDivisions(h, query, options, hasLatin(query) ? loaded : null);
  }

  /** What to say about pinyin for `query`: its data is on its way, or could not be loaded; else `null`. */
  note(query: string): 'ui.pinyin.loading' | 'ui.pinyin.unavailable' | null {
    if (!hasLatin(query)) return null;
    if (state === 'failed') return 'ui.pinyin.unavailable';
    return loaded === null ? 'ui.pinyin.loading' : null;
  }
}
