/**
 * The list of the review queue: one entry per review, searched, filtered and sorted for the
 * screen, and the reading of a typed value for an adjustment. Presentation only: which reviews
 * wait for whom, and what a step does, is the core's (`reviewQueue`, `reviewSheet`).
 */
import { currentSheet, periodKey, type FactType, type ReviewState, type ScoreSheet, type SheetReview } from '@gualian/core/assessment';

/** The orders of the list. */
export const QUEUE_SORTS = ['place', 'total-desc', 'total-asc', 'subject', 'waiting'] as const;
/** An order of the list. */
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** One review as the list shows it. @internal */
export interface QueueEntry {
  review: SheetReview;
  key: string;
  sheet: ScoreSheet;
  name: string;
  /** The subject's place, as the list shows it (below the reviewer's scope). */
  where: string;
  /** Lower-cased id, name and place names, for the search. */
  search: string;
  /** When the sheet last moved ('' for a draft no one has acted on). */
  since: string;
}

/**
 * A review's identity in the list: one subject, period and rubric.
 * @example
 * reviewKey(review); // 'C000123|2024|example-paired-cadre'
 */
export function reviewKey(review: SheetReview): string {
  return `${review.subject.id}|${periodKey(review.period)}|${review.rubric.id}`;
}

/** An entry of the list. @internal */
export function entryOf(review: SheetReview, name: string, where: string, placeNames: string): QueueEntry {
  const last = review.steps[review.steps.length - 1];
  return {
    review,
    key: reviewKey(review),
    sheet: currentSheet(review),
    name,
    where,
    search: `${review.subject.id} ${name} ${placeNames}`.toLowerCase(),
    since: last?.at ?? '',
  };
}

/** What the list is narrowed to. */
export interface QueueFilter {
  query: string;
  state: ReviewState | '';
  grade: string;
}

/** The entries matching the filter, in the order asked for (the original order breaks ties). @internal */
export function arrange(entries: readonly QueueEntry[], filter: QueueFilter, sort: QueueSort): QueueEntry[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = entries.filter((e) => (filter.state === '' || e.review.state === filter.state) && (filter.grade === '' || e.sheet.grade === filter.grade) && words.every((w) => e.search.includes(w)));
  const order = new Map(entries.map((e, i) => [e, i]));
  const byId = (a: QueueEntry, b: QueueEntry) => (a.review.subject.id < b.review.subject.id ? -1 : a.review.subject.id > b.review.subject.id ? 1 : 0);
  const compare: Record<QueueSort, (a: QueueEntry, b: QueueEntry) => number> = {
    place: (a, b) => (a.review.subject.place ?? '').localeCompare(b.review.subject.place ?? '') || byId(a, b),
    'total-desc': (a, b) => b.sheet.total - a.sheet.total || byId(a, b),
    'total-asc': (a, b) => a.sheet.total - b.sheet.total || byId(a, b),
    subject: byId,
    // Oldest first: the sheet that has waited longest (Date.parse: the offsets may differ).
    waiting: (a, b) => (a.since === '' ? 0 : Date.parse(a.since)) - (b.since === '' ? 0 : Date.parse(b.since)) || byId(a, b),
  };
  return kept.sort((a, b) => compare[sort](a, b) || order.get(a)! - order.get(b)!);
}

/** Why a typed value cannot be used, as a label key of the widget. */
export type ValueProblem = 'ui.reviewQueue.error.empty' | 'ui.reviewQueue.error.number' | 'ui.reviewQueue.error.count' | 'ui.reviewQueue.error.flag';

/**
 * A value typed for a manual fact, read as a number of the fact's type: full-width digits and a
 * full-width point or minus are accepted (a Chinese input method types them), thousands
 * separators and units are not.
 * @example
 * readValue('６', 'count'); // { ok: true, value: 6 }
 * readValue('2.5', 'count'); // { ok: false, problem: 'ui.reviewQueue.error.count' }
 */
export function readValue(text: string, type: FactType): { ok: true; value: number } | { ok: false; problem: ValueProblem } {
  const plain = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/＋/g, '+');
  if (plain === '') return { ok: false, problem: 'ui.reviewQueue.error.empty' };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return { ok: false, problem: 'ui.reviewQueue.error.number' };
  const value = Number(plain) + 0;
  if (!Number.isFinite(value)) return { ok: false, problem: 'ui.reviewQueue.error.number' };
  if (type === 'count' && (!Number.isInteger(value) || value < 0)) return { ok: false, problem: 'ui.reviewQueue.error.count' };
  if (type === 'flag' && value !== 0 && value !== 1) return { ok: false, problem: 'ui.reviewQueue.error.flag' };
  return { ok: true, value };
}
