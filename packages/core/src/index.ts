/**
 * `@gualian/core`: the domain of grassroots political-legal work. Pure TypeScript with zod
 * schemas, the same in browsers and in Node. The pairing planner and the spot checks are
 * entries of their own, `@gualian/core/planner` and `@gualian/core/inspection`; so are disputes
 * and hotline work orders, `@gualian/core/disputes`; the demo generator is `@gualian/core/demo`.
 * @packageDocumentation
 * @mergeModuleWith <project>
 */
export * from './hierarchy/index.js';
export { parseCsv, type CsvRecord } from './io/csv.js';
export { decodeText, type TextEncodingName } from './io/encodings.js';
export { GualianError, DivisionCodeError, DivisionFileError, describeError, describeIssue, type ErrorCode, type RowIssue } from './errors/index.js';
export { translate, resolveLang, type Lang, type MessageKey } from './i18n/index.js';
export * from './pairing/index.js';
export * from './assessment/index.js';
export { dayNumber, isoDate, yearRange, quarterOf } from './time/days.js';
