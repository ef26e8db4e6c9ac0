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
