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
