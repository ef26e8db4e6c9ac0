/**
 * `@gualian/elements`: drop-in Lit web components built on `@gualian/core`. Importing this
 * module registers nothing; import `@gualian/elements/define.js` (or a widget's `define.js`)
 * to register the tags.
 * @packageDocumentation
 */
export { GualianElement } from './base/gualian-element.js';
export { GualianChangeEvent, GualianSelectEvent, GualianToggleEvent } from './base/events.js';
export { GualianRegionPicker, type PickerDepth } from './region-picker/region-picker.js';
export { GualianHierarchyTree, type TreeBadge, type TreeBadges } from './hierarchy-tree/hierarchy-tree.js';
export { GualianCoverageBoard } from './coverage-board/coverage-board.js';
export { coverageBadges } from './hierarchy-tree/coverage-badges.js';
export { GualianVisitLog } from './visit-log/visit-log.js';
export { GualianVisitEvent } from './visit-log/events.js';
export { GualianPairingRoster } from './pairing-roster/pairing-roster.js';
export { GualianPairingsChangeEvent, type PairingsChangeCause } from './pairing-roster/events.js';
export { GualianScoreSheet, type SubjectNames } from './score-sheet/score-sheet.js';
export { GualianReviewQueue } from './review-queue/review-queue.js';
export { GualianReviewEvent, GualianReviewRefusedEvent, GualianReviewSelectEvent } from './review-queue/events.js';
export { QUEUE_SORTS, type QueueSort } from './review-queue/queue.js';
export { GualianLeaderboard } from './leaderboard/leaderboard.js';
export { GualianRankSelectEvent, GualianPeriodChangeEvent } from './leaderboard/events.js';
export type { RankKind, ShowFilter, Ranking, Scope as RankingScope, Entry as RankingEntry } from './leaderboard/model.js';
export { GualianRubricEditor } from './rubric-editor/rubric-editor.js';
export { GualianRubricChangeEvent } from './rubric-editor/events.js';
export type { Effect as RubricEffect } from './rubric-editor/preview.js';
export { GualianCaseBoard } from './case-board/case-board.js';
export { GualianCaseSelectEvent } from './case-board/events.js';
export { BOARD_COLUMNS, COLUMN_OF, type BoardColumn, type BoardFilters } from './case-board/columns.js';
export { GualianCaseTimeline } from './case-timeline/case-timeline.js';
export { GualianCaseEventEvent, GualianCaseRefusedEvent } from './case-timeline/events.js';
export { GualianWorkorderStats } from './workorder-stats/workorder-stats.js';
export { GualianUnitSelectEvent } from './workorder-stats/events.js';
export { GualianResolutionLevels } from './resolution-levels/resolution-levels.js';
