/**
 * `@gualian/core`: the foundation of grassroots political-legal work: the administrative
 * hierarchy with official codes, reading division files, typed errors, messages in three
 * languages and civil dates. Pure TypeScript with zod schemas, the same in browsers and in Node.
 * Each domain is an entry of its own, so a page loads only what it uses:
 * `@gualian/core/pairing` (包掛聯: cadres, pairings, visits and the coverage check),
 * `@gualian/core/assessment` (rubrics, scores, review, rankings), `@gualian/core/planner`,
 * `@gualian/core/inspection` (spot checks), `@gualian/core/disputes` (disputes and 12345 work
 * orders) and `@gualian/core/demo` (the seeded demo generators).
 * @packageDocumentation
 * @mergeModuleWith <project>
 */
export * from './hierarchy/index.js';
export { parseCsv, type CsvRecord } from './io/csv.js';
export { decodeText, type TextEncodingName } from './io/encodings.js';
export {
  GualianError,
  DivisionCodeError,
  DivisionFileError,
  FOUNDATION_ERROR_CODES,
  describeError,
  describeIssue,
  type ErrorCode,
  type FoundationErrorCode,
  type RowIssue,
} from './errors/index.js';
export {
  SchemaError,
  RecordsError,
  describeRecordIssue,
  parseRecord,
  parseRecords,
  type RecordIssue,
  type RecordKind,
  type ParseMode,
  type ParsedRecords,
} from './errors/schema.js';
export { translate, resolveLang, type Lang, type MessageKey } from './i18n/index.js';
export { dayNumber, isoDate, yearRange, quarterOf } from './time/days.js';
export { dateSchema, timestampSchema, timestampMs } from './time/schema.js';
