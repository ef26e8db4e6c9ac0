/**
 * The events `<gualian-leaderboard>` fires: typed classes, like those of base/events.ts, so
 * listeners read typed fields instead of an untyped `detail`. Both bubble and cross shadow roots.
 */
import type { Period } from '@gualian/core/assessment';
import type { Entry, RankKind } from './model.js';

/**
 * The user opened a row of the ranking (a cadre, a unit or a region): a host may show that
 * subject's score sheet.
 * @example
 * board.addEventListener('gualian-rank-select', (e) => {
 *   if (e.kind === 'cadre') sheet.subject = e.subject;
 * });
 */
export class GualianRankSelectEvent extends Event {
  static readonly eventName = 'gualian-rank-select';
  constructor(
    /** The subject's id: a cadre id, a unit name, or a county or township code. */
    readonly subject: string,
    /** What the ranking ranks. */
    readonly kind: RankKind,
    /** The row as ranked by the core: rank, total, deductions, movement (and members for a group). */
    readonly entry: Entry,
  ) {
    super(GualianRankSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * The user chose another period. A board computing from a roster has already scored it; a
 * board given `scores` waits for the host to set the scores (and previous scores) of `period`.
 * @example
 * board.addEventListener('gualian-period-change', async (e) => {
 *   board.scores = await fetchScores(e.key);
 * });
 */
export class GualianPeriodChangeEvent extends Event {
  static readonly eventName = 'gualian-period-change';
  constructor(
    /** The period chosen. */
    readonly period: Period,
    /** Its key: `2024`, `2024-Q2` or `2024-03`. */
    readonly key: string,
  ) {
    super(GualianPeriodChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-rank-select': GualianRankSelectEvent;
    'gualian-period-change': GualianPeriodChangeEvent;
  }
}
