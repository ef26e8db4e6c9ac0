import type { messages as reference } from './messages.zh-Hans.js';

/** The labels of <gualian-case-board> in English: loaded the first time the widget speaks en. */
export const messages: Record<keyof typeof reference, string> = {
  'ui.caseBoard.title': 'Dispute cases',
  'ui.caseBoard.counts': '{total} cases, {shown} shown, {overdue} of them overdue (as of {date})',
  'ui.caseBoard.refused': '{count} events were refused by the core and left out',
  'ui.caseBoard.empty': 'No cases',
  'ui.caseBoard.any': 'All',
  'ui.caseBoard.filters': 'Filter cases',
  'ui.caseBoard.search': 'Search id or summary',
  'ui.caseBoard.overdueOnly': 'Overdue only',
  'ui.caseBoard.column.intake': 'Registered / accepted',
  'ui.caseBoard.column.assigned': 'Assigned',
  'ui.caseBoard.column.mediating': 'Mediating',
  'ui.caseBoard.column.resolved': 'Agreement / confirmed',
  'ui.caseBoard.column.unresolved': 'Failed / referred / escalated',
  'ui.caseBoard.column.followed-up': 'Followed up',
  'ui.caseBoard.column.closed': 'Closed and archived',
  'ui.caseBoard.columnCount': '{count} cases',
  'ui.caseBoard.none': 'No cases',
  'ui.caseBoard.more': 'Show {count} more ({rest} left)',
  'ui.caseBoard.daysOpen': 'open {days} d',
  'ui.caseBoard.panelTitle': 'Case {id}: its history',
  'ui.caseBoard.close': 'Close',
};
