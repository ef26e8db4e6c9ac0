/**
 * Editions: what changed between two years of division codes, and how to carry a portal's
 * data (assignments keyed by division code) from one to the next.
 */
import type { Division } from './schema.js';
import type { Hierarchy } from './hierarchy.js';

/** A unit whose code stayed and whose name changed. */
export interface Renamed {
  code: string;
  level: Division['level'];
  oldName: string;
  newName: string;
}

/** A unit that reappears under a new code with the same name (it moved to another parent, or was recoded in place). */
export interface Moved {
  oldCode: string;
  newCode: string;
  name: string;
  level: Division['level'];
  oldParent: string | null;
  newParent: string | null;
}

/** What changed between two editions. */
export interface EditionDiff {
  from: string;
  to: string;
  /** Units only in the new edition (not explained as moves). */
  added: Division[];
  /** Units only in the old edition (not explained as moves): abolished or merged away. */
  removed: Division[];
  renamed: Renamed[];
  moved: Moved[];
  /** Units present in both with the same code and name. */
  unchanged: number;
}

/**
 * Compare two editions. A code in both is unchanged or renamed. Among the codes in only one of
 * them, an old and a new unit of the same level and name are paired as a move, preferring the
 * pair whose parents share the longest code prefix (the same township before the same county);
 * what stays unpaired is removed or added.
 * @example
 * const diff = diffEditions(edition2020, edition2021, { scope: '5306' });
 * diff.added.filter((d) => d.level === 'township').length;
 */
export function diffEditions(older: Hierarchy, newer: Hierarchy, options: { scope?: string } = {}): EditionDiff {
  const scope = options.scope;
  const oldRows = scope === undefined ? [...older] : older.has(scope) ? [older.require(scope), ...older.descendantsOf(scope)] : [];
  const newRows = scope === undefined ? [...newer] : newer.has(scope) ? [newer.require(scope), ...newer.descendantsOf(scope)] : [];
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
  const candidates = new Map<string, Division[]>();
  for (const n of fresh) {
    const key = `${n.level}\u0000${n.name}`;
    const list = candidates.get(key);
    if (list) list.push(n);
    else candidates.set(key, [n]);
  }
  const moved: Moved[] = [];
  const removed: Division[] = [];
  const taken = new Set<string>();
  for (const o of gone) {
    const options = (candidates.get(`${o.level}\u0000${o.name}`) ?? []).filter((n) => !taken.has(n.code));
    let best: Division | undefined;
    let bestShared = -1;
    for (const n of options) {
      const shared = commonPrefix(o.parentCode ?? '', n.parentCode ?? '');
      if (shared > bestShared) [best, bestShared] = [n, shared];
    }
    // A namesake in another province is a coincidence, not a move.
    if (best === undefined || bestShared < 2) {
      removed.push(o);
      continue;
    }
    taken.add(best.code);
    moved.push({ oldCode: o.code, newCode: best.code, name: o.name, level: o.level, oldParent: o.parentCode, newParent: best.parentCode });
  }
  return { from: older.edition, to: newer.edition, added: fresh.filter((n) => !taken.has(n.code)), removed, renamed, moved, unchanged };
}

/** Where a code of the old edition lives in the new one. */
export type CodeFate = { status: 'kept' | 'renamed'; code: string } | { status: 'moved'; code: string } | { status: 'removed'; code: null };

/**
 * A function that tells, for any code of the old edition, its code in the new edition, so that
 * assignments can be carried across (and those to abolished units listed for a person to decide).
 * @example
 * const fate = carryOver(diffEditions(e2020, e2021));
 * fate('530627100201'); // { status: 'kept', code: '530627100201' }
 */
export function carryOver(diff: EditionDiff): (code: string) => CodeFate {
  const moves = new Map(diff.moved.map((m) => [m.oldCode, m.newCode]));
  const renames = new Set(diff.renamed.map((r) => r.code));
  const removed = new Set(diff.removed.map((r) => r.code));
  return (code) => {
    const to = moves.get(code);
    if (to !== undefined) return { status: 'moved', code: to };
    if (removed.has(code)) return { status: 'removed', code: null };
    return { status: renames.has(code) ? 'renamed' : 'kept', code };
  };
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
