/**
 * Rankings and red/black lists (红黑榜) of cadres, units and regions for a period, with the
 * movement against the previous period, and grades with the top grade's quota applied.
 *
 * The order is stable and documented: higher total first, then fewer deduction points, then
 * the subject id (by code units). Subjects equal in total and deductions share a `rank`
 * (1, 2, 2, 4); `position` is the strict order.
 */
import { DIVISION_LEVELS, type DivisionLevel } from '../hierarchy/codes.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { Scores, scoredOf, type ScoredSubject } from './score.js';
import type { Rubric, RubricInput, ScoreSheet } from './schema.js';
import { parseRubric } from './validate.js';

/** A ranked subject. */
export interface RankedSubject extends ScoredSubject {
  /** 1-based place in the strict order. */
  position: number;
  /** 1-based rank shared by subjects equal in total and deductions (1, 2, 2, 4). */
  rank: number;
  /** The rank in the previous ranking, or null when the subject was not in it. */
  previousRank: number | null;
  /** Places gained since the previous ranking (previous rank − rank; negative for a fall), or null. */
  movement: number | null;
}

/** What rankings accept: a {@link Scores}, sheets, or results. */
export type ScoredInput = Scores | readonly (ScoredSubject | ScoreSheet)[];

function scoredList(input: ScoredInput): ScoredSubject[] {
  if (input instanceof Scores) return input.subjects();
  return input.map((x) => ('sections' in x ? scoredOf(x) : x));
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The documented order: total desc, deductions asc, id asc. */
function compareScored(a: ScoredSubject, b: ScoredSubject): number {
  return b.total - a.total || a.deductions - b.deductions || compareIds(a.subject, b.subject);
}

const tied = (a: ScoredSubject, b: ScoredSubject) => a.total === b.total && a.deductions === b.deductions;

/**
 * Rank subjects by score: higher total first, then fewer deductions, then id. With `previous`
 * (the previous period's ranking or scores), each entry says its previous rank and movement.
 * @example
 * const march = rankSubjects(scoreAll(rubric, computeFacts(roster, period('month', 2024, 3), { rubric })), { previous: february });
 * march[0]; // { subject: 'C000123', total: 96, rank: 1, position: 1, previousRank: 4, movement: 3, … }
 */
export function rankSubjects<T extends ScoredSubject = ScoredSubject>(input: ScoredInput | readonly T[], options: { previous?: ScoredInput | readonly RankedSubject[] } = {}): Array<RankedSubject & T> {
  const list = scoredList(input as ScoredInput).slice().sort(compareScored) as T[];
  let before: Map<string, number> | null = null;
  if (options.previous) {
    const prev = options.previous as readonly (ScoredSubject | RankedSubject | ScoreSheet)[] | Scores;
    const ranked = !(prev instanceof Scores) && prev.length > 0 && 'rank' in prev[0]! ? (prev as readonly RankedSubject[]) : rankSubjects(prev as ScoredInput);
    before = new Map(ranked.map((e) => [e.subject, e.rank]));
  }
  const out: Array<RankedSubject & T> = [];
  for (let k = 0; k < list.length; k++) {
    const e = list[k]!;
    const rank = k > 0 && tied(e, list[k - 1]!) ? out[k - 1]!.rank : k + 1;
    const previousRank = before?.get(e.subject) ?? null;
    out.push({ ...e, position: k + 1, rank, previousRank, movement: previousRank === null ? null : previousRank - rank });
  }
  return out;
}

/** How {@link redBlackLists} picks: by count from either end, or by threshold, or both. */
export interface RedBlackOptions {
  /** The red list (红榜): the best `top` by rank (all tied at the cut are listed). */
  top?: number;
  /** The red list: every subject with at least this total. With `top` too, both must hold. */
  above?: number;
  /** The black list (黑榜): the worst `bottom` (all tied at the cut are listed). */
  bottom?: number;
  /** The black list: every subject with a total below this. */
  below?: number;
}

/**
 * The red and black lists (红黑榜) of a ranking. A subject with a veto is never on the red list
 * and always on the black list; nobody is on both. The black list runs worst first.
 * @example
 * const { red, black } = redBlackLists(rankSubjects(scores), { top: 10, bottom: 10 });
 * const byThreshold = redBlackLists(rankSubjects(scores), { above: 90, below: 60 });
 */
export function redBlackLists<T extends RankedSubject>(ranking: readonly T[], options: RedBlackOptions): { red: T[]; black: T[] } {
  const n = ranking.length;
  // The rank from the bottom: 1 + the number of subjects strictly worse.
  const fromBottom = new Array<number>(n);
  for (let k = n - 1; k >= 0; k--) fromBottom[k] = k < n - 1 && tied(ranking[k]!, ranking[k + 1]!) ? fromBottom[k + 1]! : n - k;
  const black: T[] = [];
  const onBlack = new Set<number>();
  for (let k = n - 1; k >= 0; k--) {
    const e = ranking[k]!;
    const byCount = options.bottom !== undefined && fromBottom[k]! <= options.bottom;
    const byThreshold = options.below !== undefined && e.total < options.below;
    if (e.vetoed || byCount || byThreshold) {
      black.push(e);
      onBlack.add(k);
    }
  }
  const red: T[] = [];
  if (options.top !== undefined || options.above !== undefined) {
    for (let k = 0; k < n; k++) {
      const e = ranking[k]!;
      if (onBlack.has(k) || e.vetoed) continue;
      if (options.top !== undefined && e.rank > options.top) continue;
      if (options.above !== undefined && e.total < options.above) continue;
      red.push(e);
    }
  }
  return { red, black };
}

/** The result of {@link applyGradeQuota}. */
export interface QuotaResult {
  /** The grade under quota. */
  grade: string;
  /** How many may have it. */
  limit: number;
  /** Every subject's final grade, in ranking order. */
  grades: Array<{ subject: string; grade: string; before: string }>;
  /** Who moved grade because of the quota, in ranking order. */
  moved: Array<{ subject: string; from: string; to: string; position: number; total: number }>;
}

/**
 * Grades with the rubric's quota applied to the subjects graded together (a county's cadres, a
 * city's): at most `share` of them (rounded as the quota says) keep the quota grade, in ranking
 * order; the rest move to `demoteTo` (default the next grade down). Subjects tied at the cut
 * (equal total and deductions) follow the quota's `ties` rule. Without a quota, grades stay.
 * @example
 * const { moved } = applyGradeQuota(rankSubjects(scores), rubric); // rubric.quota = { share: 0.2 }
 * moved; // [{ subject: 'C000456', from: 'excellent', to: 'pass', position: 843, total: 91 }, …]
 */
export function applyGradeQuota(ranking: readonly RankedSubject[], rubricInput: Rubric | RubricInput): QuotaResult {
  const rubric = parseRubric(rubricInput);
  const ascending = [...rubric.grades].sort((a, b) => a.min - b.min);
  const quota = rubric.quota;
  const grade = quota?.grade ?? ascending[ascending.length - 1]!.id;
  const grades = ranking.map((e) => ({ subject: e.subject, grade: e.grade, before: e.grade }));
  if (!quota) return { grade, limit: ranking.length, grades, moved: [] };
  const exact = quota.share * ranking.length;
  // A hair of tolerance, so that 0.2 × 35 = 7.000000000000001 is 7.
  const limit = quota.rounding === 'ceil' ? Math.ceil(exact - 1e-9) : quota.rounding === 'round' ? Math.round(exact) : Math.floor(exact + 1e-9);
  const below = ascending.findIndex((g) => g.id === grade);
  const demoteTo = quota.demoteTo ?? ascending[Math.max(0, below - 1)]!.id;
  const holders: number[] = [];
  ranking.forEach((e, k) => {
    if (e.grade === grade) holders.push(k);
  });
  let keep = Math.min(limit, holders.length);
  if (keep < holders.length && quota.ties !== 'rank') {
    const cut = ranking[holders[keep]!]!;
    if (quota.ties === 'include-tied') while (keep < holders.length && tied(ranking[holders[keep]!]!, cut)) keep++;
    else while (keep > 0 && tied(ranking[holders[keep - 1]!]!, cut)) keep--;
  }
  const moved: QuotaResult['moved'] = [];
  for (const k of holders.slice(keep)) {
    grades[k]!.grade = demoteTo;
    const e = ranking[k]!;
    moved.push({ subject: e.subject, from: grade, to: demoteTo, position: e.position, total: e.total });
  }
  return { grade, limit, grades, moved };
}

/** How {@link rankGroups} groups subjects: by unit, or by region (the ancestor of their place at a level). */
export type RankGrouping = { by: 'unit' } | { by: 'region'; level: Extract<DivisionLevel, 'prefecture' | 'county' | 'township' | 'village'>; hierarchy: Hierarchy };

/** A ranked unit or region. */
export interface RankedGroup extends RankedSubject {
  /** Subjects in the group. */
  members: number;
  /** Members with a veto. */
  vetoes: number;
}

/**
 * Rank units or regions by the mean total of their members (then the mean deductions, then the
 * id), with movement against a previous ranking. A group's `grade` is empty: grades belong to
 * subjects (or to a rubric that scores regions from {@link rollUpFacts}).
 * @example
 * rankGroups(scores, { by: 'region', level: 'county', hierarchy }); // 11 counties of Zhaotong
 * rankGroups(scores, { by: 'unit' }); // 政法委, 法院, 公安, …
 */
export function rankGroups(input: ScoredInput, grouping: RankGrouping, options: { previous?: readonly RankedGroup[] } = {}): RankedGroup[] {
  const list = scoredList(input);
  const groups = new Map<string, { total: number; deductions: number; members: number; vetoes: number }>();
  const level = grouping.by === 'region' ? DIVISION_LEVELS.indexOf(grouping.level) : -1;
  for (const e of list) {
    let id = '';
    if (grouping.by === 'unit') id = e.unit;
    else {
      const h = grouping.hierarchy;
      let at = e.place === '' ? -1 : h.indexOf(e.place);
      while (at >= 0 && h.levelAt(at) > level) at = h.parentIndex(at);
      if (at >= 0 && h.levelAt(at) === level) id = h.codeAt(at);
    }
    if (id === '') continue;
    const g = groups.get(id) ?? { total: 0, deductions: 0, members: 0, vetoes: 0 };
    g.total += e.total;
    g.deductions += e.deductions;
    g.members++;
    if (e.vetoed) g.vetoes++;
    groups.set(id, g);
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const scored = [...groups].map(([id, g]) => ({
    subject: id,
    place: grouping.by === 'region' ? id : '',
    unit: grouping.by === 'unit' ? id : '',
    total: round2(g.total / g.members),
    deductions: round2(g.deductions / g.members),
    grade: '',
    vetoed: false,
    members: g.members,
    vetoes: g.vetoes,
  }));
  return rankSubjects(scored, options.previous ? { previous: options.previous } : {});
}
