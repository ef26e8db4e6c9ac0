/**
 * Editions: what changed between two years of division codes, and how to carry a portal's
 * data (assignments keyed by division code) from one to the next.
 */
import type { Division } from './schema.js';
import type { Hierarchy } from './hierarchy.js';
import { DIVISION_LEVELS, isDivisionCode, normalizeCode, townshipKind, villageKind } from './codes.js';
import { EditionError } from './edition-errors.js';

export { EditionError, EDITION_ERROR_CODES, type EditionErrorCode } from './edition-errors.js';

/** A unit whose code stayed and whose name changed. */
export interface Renamed {
  code: string;
  level: Division['level'];
  oldName: string;
  newName: string;
}

/**
 * A unit that reappears under a new code with the same name: recoded in place, moved within its
 * county, or carried along when its parent got a new code.
 */
export interface Moved {
  oldCode: string;
  newCode: string;
  name: string;
  level: Division['level'];
  oldParent: string | null;
  newParent: string | null;
}

/**
 * A unit that got a new code and a new name that keeps its proper name: `reclassified` when its
 * kind changed (村委会 → 社区, 乡 → 镇, 镇 → 街道, 县 → 区 …), `renamed` otherwise (居委会 →
 * 社区居民委员会). The new unit is its successor: data kept under the old code belongs to it.
 * @example
 * diffEditions(e2020, e2023, { scope: '5306' }).successors[0];
 * // { oldCode: '530602103', newCode: '530602004', oldName: '北闸镇', newName: '北闸街道', change: 'reclassified', … }
 */
export interface Successor {
  oldCode: string;
  newCode: string;
  level: Division['level'];
  oldName: string;
  newName: string;
  oldParent: string | null;
  newParent: string | null;
  change: 'renamed' | 'reclassified';
}

/** What changed between two editions. */
export interface EditionDiff {
  from: string;
  to: string;
  /** Units only in the new edition (not explained as moves or successors). */
  added: Division[];
  /** Units only in the old edition (not explained as moves or successors): abolished or merged away. */
  removed: Division[];
  renamed: Renamed[];
  moved: Moved[];
  successors: Successor[];
  /** Units present in both with the same code and name. */
  unchanged: number;
}

/** The editions each diff came from, so that `carryOver` can tell an unknown code from an unchanged one. */
const sources = new WeakMap<EditionDiff, { older: Hierarchy; newer: Hierarchy; scope: string | undefined }>();

/**
 * Compare two editions. A code in both is unchanged or renamed. The codes in only one of them
 * are paired, level by level from the top, into
 *
 * - **moves**: an old and a new unit of the same level and name, and
 * - **successors**: the same level and proper name (the name without 村委会, 社区居民委员会, 乡,
 *   镇, 街道, 县, 区 … ), such as 南牛乡 → 南牛镇 or 常青村委会 → 常青社区居委会,
 *
 * where the new unit lies where the old one could have gone: **with its parent** (under the
 * new code of its old parent, when the parent itself moved or has a successor), or **within its
 * county** (villages and townships), or, for a township whose county was abolished, within its
 * prefecture; counties and prefectures within their province. A namesake anywhere else (another
 * county, another prefecture) is a coincidence: the old unit is removed and the new one added.
 * Among the candidates, one with the parent comes before one in the county, a same name before
 * a proper name, then the longest shared code prefix. Every unit of either edition is counted
 * once: `unchanged + renamed + moved + successors + removed` is the old edition's size in the
 * scope, `unchanged + renamed + moved + successors + added` the new one's. A scope in neither
 * edition is refused with an {@link EditionError} (`edition.unknown-code`).
 * @example
 * const diff = diffEditions(edition2020, edition2023, { scope: '5306' });
 * diff.successors.filter((s) => s.change === 'reclassified').length;
 */
export function diffEditions(older: Hierarchy, newer: Hierarchy, options: { scope?: string } = {}): EditionDiff {
  const scope = options.scope === undefined ? undefined : safeNormalize(options.scope);
  // A misspelt scope would compare nothing and report no change: refuse it instead.
  if (scope !== undefined && !older.has(scope) && !newer.has(scope)) throw new EditionError('edition.unknown-code', { value: String(options.scope), from: older.edition, to: newer.edition });
  const rowsOf = (h: Hierarchy) => (scope === undefined ? [...h] : h.has(scope) ? [h.require(scope), ...h.descendantsOf(scope)] : []);
  const oldRows = rowsOf(older);
  const newRows = rowsOf(newer);
  const renamed: Renamed[] = [];
  const gone: Division[] = [];
  let unchanged = 0;
  for (const o of oldRows) {
    const n = newer.get(o.code);
    if (n === undefined) gone.push(o);
    else if (n.name !== o.name) renamed.push({ code: o.code, level: o.level, oldName: o.name, newName: n.name });
    else unchanged++;
  }
  const fresh = newRows.filter((n) => !older.has(n.code));
  // Where each old code went: itself when kept, the new code when moved or succeeded.
  const fate = new Map<string, string>();
  const moved: Moved[] = [];
  const successors: Successor[] = [];
  const removed: Division[] = [];
  const taken = new Set<string>();
  for (const level of DIVISION_LEVELS) {
    const olds = gone.filter((d) => d.level === level);
    if (olds.length === 0) continue;
    const byName = new Map<string, Division[]>();
    const byCore = new Map<string, Division[]>();
    for (const n of fresh) {
      if (n.level !== level) continue;
      push(byName, n.name, n);
      const c = properName(n);
      if (c !== '') push(byCore, c, n);
    }
    // Every admissible pair, best first; then each unit is paired at most once.
    const pairs: Array<{ o: Division; n: Division; rank: number }> = [];
    for (const o of olds) {
      const parentNow = o.parentCode === null ? null : newParentOf(o.parentCode, older, newer, fate);
      const seen = new Set<string>();
      const consider = (n: Division, exact: boolean) => {
        if (seen.has(n.code)) return;
        seen.add(n.code);
        const place = placeRank(o, n, parentNow, older, newer, fate);
        if (place < 0) return;
        pairs.push({ o, n, rank: place * 1000 + (exact ? 100 : 0) + commonPrefix(o.code, n.code) });
      };
      for (const n of byName.get(o.name) ?? []) consider(n, true);
      const c = properName(o);
      if (c !== '') for (const n of byCore.get(c) ?? []) consider(n, false);
    }
    pairs.sort((a, b) => b.rank - a.rank || compare(a.o.code, b.o.code) || compare(a.n.code, b.n.code));
    const paired = new Set<string>();
    for (const { o, n } of pairs) {
      if (paired.has(o.code) || taken.has(n.code)) continue;
      paired.add(o.code);
      taken.add(n.code);
      fate.set(o.code, n.code);
      if (n.name === o.name) moved.push({ oldCode: o.code, newCode: n.code, name: o.name, level, oldParent: o.parentCode, newParent: n.parentCode });
      else successors.push({ oldCode: o.code, newCode: n.code, level, oldName: o.name, newName: n.name, oldParent: o.parentCode, newParent: n.parentCode, change: kindOf(o) === kindOf(n) ? 'renamed' : 'reclassified' });
    }
    for (const o of olds) if (!paired.has(o.code)) removed.push(o);
  }
  const byOld = (a: { oldCode: string }, b: { oldCode: string }) => compare(a.oldCode, b.oldCode);
  moved.sort(byOld);
  successors.sort(byOld);
  removed.sort((a, b) => compare(a.code, b.code));
  const diff: EditionDiff = { from: older.edition, to: newer.edition, added: fresh.filter((n) => !taken.has(n.code)), removed, renamed, moved, successors, unchanged };
  sources.set(diff, { older, newer, scope });
  return diff;
}

/**
 * Where a code of the old edition lives in the new one: `kept` or `renamed` (same code), `moved`
 * (same name, new code), `succeeded` (its successor's code), `removed` (abolished or merged away:
 * a person decides), or `new` for a code that is only in the new edition (nothing to carry).
 */
export type CodeFate =
  | { status: 'kept' | 'renamed'; code: string }
  | { status: 'moved'; code: string }
  | { status: 'succeeded'; code: string }
  | { status: 'removed'; code: null }
  | { status: 'new'; code: string };

/**
 * A function that tells, for any code of the old edition, its code in the new edition, so that
 * assignments can be carried across (and those to abolished units listed for a person to decide).
 * It follows moves and successors, accepts padded 12-digit codes, and refuses with an
 * {@link EditionError} a code in neither edition (`edition.unknown-code`) or outside the scope
 * that was compared (`edition.out-of-scope`). A diff made by {@link diffEditions} remembers its
 * editions; a diff read back from storage needs them given.
 * @example
 * const fate = carryOver(diffEditions(e2020, e2023));
 * fate('530627100201');  // { status: 'kept', code: '530627100201' }
 * fate('130123200');     // { status: 'succeeded', code: '130123106' } (南牛乡 → 南牛镇)
 */
export function carryOver(diff: EditionDiff, editions?: { older: Hierarchy; newer: Hierarchy; scope?: string }): (code: string) => CodeFate {
  const source = editions ? { ...editions, scope: editions.scope === undefined ? undefined : safeNormalize(editions.scope) } : sources.get(diff);
  if (source === undefined) throw new EditionError('edition.no-editions');
  const { older, newer, scope } = source;
  const moves = new Map(diff.moved.map((m) => [m.oldCode, m.newCode]));
  const succeeded = new Map(diff.successors.map((s) => [s.oldCode, s.newCode]));
  const renames = new Set(diff.renamed.map((r) => r.code));
  const removed = new Set(diff.removed.map((r) => r.code));
  return (input) => {
    const code = typeof input === 'string' && isDivisionCode(input) ? safeNormalize(input) : null;
    const inOld = code !== null && older.has(code);
    const inNew = code !== null && newer.has(code);
    if (code === null || (!inOld && !inNew)) throw new EditionError('edition.unknown-code', { value: String(input), from: diff.from, to: diff.to });
    if (scope !== undefined && !(code === scope || code.startsWith(scope))) throw new EditionError('edition.out-of-scope', { value: code, scope });
    const to = moves.get(code);
    if (to !== undefined) return { status: 'moved', code: to };
    const next = succeeded.get(code);
    if (next !== undefined) return { status: 'succeeded', code: next };
    if (removed.has(code)) return { status: 'removed', code: null };
    if (!inOld) return { status: 'new', code };
    return { status: renames.has(code) ? 'renamed' : 'kept', code };
  };
}

/**
 * How well a new unit fits where an old one could have gone: 3 with its parent (under its old
 * parent's new code); 2 within its county (villages and townships: under the county's code in
 * the new edition, the same or the one it moved to); 1 within its prefecture for a township
 * whose county was abolished, or within the province for counties and prefectures; -1 anywhere
 * else.
 */
function placeRank(o: Division, n: Division, parentNow: string | null | undefined, older: Hierarchy, newer: Hierarchy, fate: ReadonlyMap<string, string>): number {
  if (parentNow !== undefined && parentNow !== null && n.parentCode === parentNow) return 3;
  if (o.level === 'village' || o.level === 'township') {
    const county = o.code.slice(0, 6);
    const countyNow = newParentOf(county, older, newer, fate);
    if (countyNow !== undefined && countyNow !== null && n.code.slice(0, 6) === countyNow) return 2;
    if (o.level === 'township' && countyNow === undefined && o.code.slice(0, 4) === n.code.slice(0, 4)) return 1;
    return -1;
  }
  return o.code.slice(0, 2) === n.code.slice(0, 2) ? 1 : -1;
}

/**
 * The new code of an old parent: itself when kept, its new code when it moved or has a
 * successor; `undefined` when it was abolished (or lies outside the compared scope).
 */
function newParentOf(parent: string, older: Hierarchy, newer: Hierarchy, fate: ReadonlyMap<string, string>): string | null | undefined {
  if (newer.has(parent)) return parent;
  const f = fate.get(parent);
  if (f !== undefined) return f;
  return older.has(parent) ? undefined : null;
}

/** A unit's proper name: its name without the word for its kind ('' when nothing is left). */
function properName(d: Division): string {
  const suffix = SUFFIXES[d.level];
  return suffix === undefined ? '' : d.name.replace(suffix, '');
}

const SUFFIXES: Partial<Record<Division['level'], RegExp>> = {
  prefecture: /(自治州|地区|盟|市)$/u,
  county: /(自治县|自治旗|特区|林区|县|区|市|旗)$/u,
  township: /(街道办事处|地区办事处|街道|民族乡|民族苏木|苏木|乡|镇)$/u,
  village: /(社区居民委员会|社区居委会|村民委员会|居民委员会|村委会|居委会|社区|村)$/u,
};

/** The kind of a unit for telling a reclassification: the name's word, else what the digits say. */
function kindOf(d: Division): string {
  const m = SUFFIXES[d.level] ? d.name.match(SUFFIXES[d.level]!) : null;
  if (d.level === 'village') return villageKind(d.code, d.name);
  if (d.level === 'township') {
    const word = m?.[1] ?? '';
    return /街道|办事处/.test(word) ? 'subdistrict' : word === '镇' ? 'town' : /乡|苏木/.test(word) ? 'township' : townshipKind(d.code);
  }
  const word = m?.[1] ?? '';
  return word === '自治县' || word === '自治旗' ? '县' : word;
}

function push(map: Map<string, Division[]>, key: string, d: Division): void {
  const list = map.get(key);
  if (list) list.push(d);
  else map.set(key, [d]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function safeNormalize(code: string): string {
  try {
    return normalizeCode(code);
  } catch {
    return code;
  }
}
