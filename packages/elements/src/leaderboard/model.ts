/**
 * What the leaderboard shows, worked out from the core's rankings: the subjects narrowed by
 * unit and region, ranked (cadres with `rankSubjects`, units and regions with `rankGroups`),
 * the red and black lists (`redBlackLists`) and the grades with the quota (`applyGradeQuota`).
 * Pure: no Lit, no DOM. Every rule (order, ties, lists, quota) stays in the core; this module
 * only chooses which subjects go in and reads the results.
 */
import { compareCodes, type Hierarchy, type Lang } from '@gualian/core';
import {
  applyGradeQuota,
  rankGroups,
  rankSubjects,
  redBlackLists,
  type GradeBand,
  type Period,
  type QuotaResult,
  type RankedSubject,
  type RedBlackOptions,
  type Rubric,
  type ScoredSubject,
  type Scores,
} from '@gualian/core/assessment';
import type { MessageKey } from '../i18n/index.js';

/** What the board ranks: cadres, their units, or the counties or townships they work in. */
export type RankKind = 'cadre' | 'unit' | 'county' | 'township';

/** The kinds a user can choose, in the order of the select. */
export const RANK_KINDS: readonly RankKind[] = ['cadre', 'unit', 'county', 'township'];

/** Which rows the table lists: all, the red list, the black list, or those the quota moved. */
export type ShowFilter = 'all' | 'red' | 'black' | 'moved';

/** The filters that choose who is ranked together. */
export interface Scope {
  kind: RankKind;
  /** A unit name, or '' for all units. */
  unit: string;
  /** A county or township code, or '' for the whole area. */
  region: string;
}

/** A ranked row: a cadre (`members` undefined) or a unit or region. */
export type Entry = RankedSubject & { members?: number; vetoes?: number };

/** One ranking as the board draws it. */
export interface Ranking {
  scope: Scope;
  entries: Entry[];
  red: Entry[];
  black: Entry[];
  /** Subject id → the quota's result for cadres ranked here (final grade, grade before), else empty. */
  grades: Map<string, { grade: string; before: string }>;
  /** Who the quota moved, among the cadres ranked here, in ranking order. */
  moved: QuotaResult['moved'];
}

/**
 * A cadre's county code (the first six digits of an official code), or ''. Places are
 * official codes or grids under them, so the digits alone say where they lie.
 */
export function countyOf(place: string): string {
  return place.length >= 6 ? place.slice(0, 6) : '';
}

/** A cadre's township code (the first nine digits), or ''. */
export function townshipOf(place: string): string {
  return place.length >= 9 ? place.slice(0, 9) : '';
}

/** Whether a place lies in a region (a county or township code; '' is everywhere). */
export function inRegion(place: string, region: string): boolean {
  if (region === '') return true;
  return region.length === 6 ? countyOf(place) === region : townshipOf(place) === region;
}

/**
 * The subjects of a scope: cadres of the unit and region chosen (for every kind: a county's
 * units are ranked by that county's cadres).
 */
export function subjectsIn(all: readonly ScoredSubject[], scope: Scope): ScoredSubject[] {
  if (scope.unit === '' && scope.region === '') return all as ScoredSubject[];
  return all.filter((s) => (scope.unit === '' || s.unit === scope.unit) && inRegion(s.place, scope.region));
}

/** The units and regions the filters offer: those with at least one subject. */
export interface Choices {
  units: string[];
  counties: string[];
  /** County code → its townships with subjects, in code order. */
  townships: Map<string, string[]>;
}

/** The units, counties and townships of a list of subjects. */
export function choicesOf(all: readonly ScoredSubject[]): Choices {
  const units = new Set<string>();
  const townships = new Map<string, Set<string>>();
  for (const s of all) {
    if (s.unit !== '') units.add(s.unit);
    const county = countyOf(s.place);
    if (county === '') continue;
    let set = townships.get(county);
    if (set === undefined) townships.set(county, (set = new Set()));
    const township = townshipOf(s.place);
    if (township !== '') set.add(township);
  }
  const collator = new Intl.Collator('zh-Hans-u-co-pinyin');
  return {
    units: [...units].sort(collator.compare),
    counties: [...townships.keys()].sort(compareCodes),
    townships: new Map([...townships].map(([c, set]) => [c, [...set].sort(compareCodes)])),
  };
}

/**
 * The deepest division holding every subject's place (by the digits of the codes), for the
 * title: the prefecture of a city's cadres, the county of one county's.
 */
export function commonPlace(all: readonly ScoredSubject[]): string {
  let prefix: string | null = null;
  for (const s of all) {
    if (s.place === '') continue;
    if (prefix === null) prefix = s.place;
    else {
      let k = 0;
      while (k < prefix.length && k < s.place.length && prefix[k] === s.place[k]) k++;
      prefix = prefix.slice(0, k);
    }
  }
  if (prefix === null) return '';
  // Cut back to a whole level: 2 (province), 4, 6, 9 or 12 digits.
  for (const len of [12, 9, 6, 4, 2]) if (prefix.length >= len) return prefix.slice(0, len);
  return '';
}

/**
 * Rank one scope with the core: cadres through `rankSubjects`, units and regions through
 * `rankGroups`, each against the same scope of the previous period; then the red and black
 * lists, and for cadres the quota's grades (worked out once over everyone, in `quota`).
 */
export function rank(current: readonly ScoredSubject[], previous: readonly ScoredSubject[] | null, scope: Scope, lists: RedBlackOptions, hierarchy: Hierarchy, quota: QuotaResult | null): Ranking {
  const now = subjectsIn(current, scope);
  const before = previous === null ? null : subjectsIn(previous, scope);
  let entries: Entry[];
  if (scope.kind === 'cadre') entries = rankSubjects(now, before === null ? {} : { previous: before });
  else {
    const grouping = scope.kind === 'unit' ? ({ by: 'unit' } as const) : ({ by: 'region', level: scope.kind, hierarchy } as const);
    entries = rankGroups(now, grouping, before === null ? {} : { previous: rankGroups(before, grouping) });
  }
  const { red, black } = redBlackLists(entries, lists);
  const grades = new Map<string, { grade: string; before: string }>();
  const moved: QuotaResult['moved'] = [];
  if (scope.kind === 'cadre' && quota !== null) {
    const here = new Set(now.map((s) => s.subject));
    for (const g of quota.grades) if (here.has(g.subject)) grades.set(g.subject, { grade: g.grade, before: g.before });
    for (const m of quota.moved) if (here.has(m.subject)) moved.push(m);
  }
  return { scope, entries, red, black, grades, moved };
}

/**
 * The quota's grades for everyone scored together: the cadres of the whole input, whatever
 * the filters (a cadre's grade does not change with the view).
 */
export function quotaOf(scores: Scores, subjects: readonly ScoredSubject[]): QuotaResult {
  return applyGradeQuota(rankSubjects(subjects), scores.rubric);
}

/** A rubric's label for a grade, section or item in a language (its own wording by default). */
export function labelIn(thing: { label: string; labels?: { 'zh-Hans'?: string; 'zh-Hant'?: string; en?: string } | undefined }, lang: Lang): string {
  const other = thing.labels?.[lang];
  return other !== undefined && other !== '' ? other : thing.label;
}

/** A rubric's grades, best first. */
export function gradesBestFirst(rubric: Rubric): GradeBand[] {
  return [...rubric.grades].sort((a, b) => b.min - a.min);
}

/** Whether two periods are the same. */
export function samePeriod(a: Period, b: Period): boolean {
  return a.kind === b.kind && a.year === b.year && a.index === b.index;
}

const monthFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A month's name in a language (`March`; Chinese labels spell `3月` themselves). */
export function monthName(lang: Lang, month: number): string {
  let f = monthFormats.get(lang);
  if (f === undefined) monthFormats.set(lang, (f = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' })));
  return f.format(Date.UTC(2000, month - 1, 1));
}

/**
 * A period as people say it: `2024 年第 2 季度`, `Q2 2024`, `March 2024`.
 * @example
 * periodLabel(period('month', 2024, 3), 'en', (k, v) => translateLabel(k, 'en', v)); // 'March 2024'
 */
export function periodLabel(p: Period, lang: Lang, t: (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string): string {
  if (p.kind === 'year') return t('ui.leaderboard.periodLabel.year', { year: p.year });
  if (p.kind === 'quarter') return t('ui.leaderboard.periodLabel.quarter', { year: p.year, index: p.index });
  return t('ui.leaderboard.periodLabel.month', { year: p.year, index: p.index, month: monthName(lang, p.index) });
}
