/**
 * The board's columns and its cards, as data: every status of the core's lifecycle in exactly
 * one column, in the order a case moves; each card with what is due on it (the core's `dueOf`)
 * and how urgent it is; the filters and the urgency order. Presentation only: overdue and due
 * days are the core's.
 */
import { dueOf, type CaseState, type CaseStatus, type DisputePolicy, type DisputePolicyInput, type DueItem } from '@gualian/core/disputes';
import { daysBetween } from '../case-timeline/words.js';

/** The columns of the board, left to right. */
export const BOARD_COLUMNS = ['intake', 'assigned', 'mediating', 'resolved', 'unresolved', 'followed-up', 'closed'] as const;
/** A column of the board. */
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

/**
 * The column of each status: 登记/受理, 交办 (and sent down), 调处中, 达成协议/司法确认, 未果/移送/上交
 * (mediation failed, confirmation refused, referred, escalated), 回访, 办结归档 (archived, and the
 * ends without a resolution: declined, withdrawn, merged, a petition answered, reviewed or
 * re-reviewed); a request for review or re-review is taken in again (登记/受理).
 * @example
 * COLUMN_OF['confirmation-applied']; // 'resolved'
 */
export const COLUMN_OF: Readonly<Record<CaseStatus, BoardColumn>> = {
  registered: 'intake',
  accepted: 'intake',
  assigned: 'assigned',
  'sent-down': 'assigned',
  mediating: 'mediating',
  agreement: 'resolved',
  'confirmation-applied': 'resolved',
  confirmed: 'resolved',
  'mediation-failed': 'unresolved',
  'confirmation-refused': 'unresolved',
  referred: 'unresolved',
  escalated: 'unresolved',
  'followed-up': 'followed-up',
  archived: 'closed',
  declined: 'closed',
  withdrawn: 'closed',
  merged: 'closed',
  // A petition's answer ends its handling; a request for review (复查) or re-review (复核) is a
  // new matter to take in and answer within 30 days.
  answered: 'closed',
  'review-requested': 'intake',
  reviewed: 'closed',
  're-review-requested': 'intake',
  're-reviewed': 'closed',
};

/** A case as a card: its state, what is due, whether something is overdue, and days open. */
export interface Card {
  state: CaseState;
  due: DueItem[];
  overdue: boolean;
  /** Days to the nearest due day (negative when overdue), or `Infinity` with nothing due. */
  urgency: number;
  /** Days from registration to the moment asked, or to its conclusion. */
  daysOpen: number;
  column: BoardColumn;
}

/**
 * The card of a case at a moment.
 * @example
 * cardOf(state, '2024-12-31T23:59:59+08:00').overdue;
 */
export function cardOf(state: CaseState, at: string, policy?: DisputePolicyInput | DisputePolicy): Card {
  const due = dueOf(state, at, policy);
  const end = state.concludedAt && state.concludedAt < at ? state.concludedAt : at;
  return {
    state,
    due,
    overdue: due.some((d) => d.overdue),
    urgency: due.length > 0 ? due[0]!.daysLeft : Infinity,
    daysOpen: Math.max(0, daysBetween(state.registeredAt, end)),
    column: COLUMN_OF[state.status],
  };
}

/** The board's filters: blank (or false) lets everything through. */
export interface BoardFilters {
  category: string;
  level: string;
  severity: string;
  overdue: boolean;
  /** Text found in the case id or summary. */
  query: string;
}

/** Whether a card passes the filters. */
export function passes(card: Card, f: BoardFilters): boolean {
  const s = card.state;
  if (f.category && s.facts.category !== f.category) return false;
  if (f.level && s.level !== f.level) return false;
  if (f.severity && s.facts.severity !== f.severity) return false;
  if (f.overdue && !card.overdue) return false;
  const q = f.query.trim().toLowerCase();
  return !q || s.id.toLowerCase().includes(q) || s.facts.summary.toLowerCase().includes(q);
}

/**
 * Urgency order: overdue first (the longest overdue first), then the nearest due day, then
 * the cases with nothing due; ties by id.
 */
export function byUrgency(a: Card, b: Card): number {
  // Infinity − Infinity is NaN: equal urgencies compare as ties.
  const d = a.urgency === b.urgency ? 0 : a.urgency - b.urgency;
  return d || (a.state.id < b.state.id ? -1 : a.state.id > b.state.id ? 1 : 0);
}

/**
 * The cards that pass the filters, by column, each column in urgency order.
 * @example
 * const columns = arrange(cards, { category: '', level: 'village', severity: '', overdue: true, query: '' });
 * columns.get('mediating')?.length;
 */
export function arrange(cards: readonly Card[], filters: BoardFilters): Map<BoardColumn, Card[]> {
  const out = new Map<BoardColumn, Card[]>(BOARD_COLUMNS.map((c) => [c, []]));
  for (const card of cards) if (passes(card, filters)) out.get(card.column)!.push(card);
  for (const list of out.values()) list.sort(byUrgency);
  return out;
}
