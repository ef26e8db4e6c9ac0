/**
 * The keys of every widget's own labels, for the type of `translateLabel` (types only: no
 * widget's labels are loaded by this file).
 */
import type { messages as caseBoard } from '../case-board/messages.zh-Hans.js';
import type { messages as caseTimeline } from '../case-timeline/messages.zh-Hans.js';
import type { messages as coverageBoard } from '../coverage-board/messages.zh-Hans.js';
import type { messages as leaderboard } from '../leaderboard/messages.zh-Hans.js';
import type { messages as pairingRoster } from '../pairing-roster/messages.zh-Hans.js';
import type { messages as resolutionLevels } from '../resolution-levels/messages.zh-Hans.js';
import type { messages as reviewQueue } from '../review-queue/messages.zh-Hans.js';
import type { messages as rubricEditor } from '../rubric-editor/messages.zh-Hans.js';
import type { messages as scoreSheet } from '../score-sheet/messages.zh-Hans.js';
import type { messages as visitLog } from '../visit-log/messages.zh-Hans.js';
import type { messages as workorderStats } from '../workorder-stats/messages.zh-Hans.js';

/** A key of some widget's own labels. */
export type WidgetMessageKey =
  | keyof typeof caseBoard
  | keyof typeof caseTimeline
  | keyof typeof coverageBoard
  | keyof typeof leaderboard
  | keyof typeof pairingRoster
  | keyof typeof resolutionLevels
  | keyof typeof reviewQueue
  | keyof typeof rubricEditor
  | keyof typeof scoreSheet
  | keyof typeof visitLog
  | keyof typeof workorderStats;
