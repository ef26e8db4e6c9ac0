/**
 * Errors with stable codes. Every error gualian throws or reports carries a `code` that the
 * documentation explains, the `details` it was raised with, and can be described in zh-Hans,
 * zh-Hant or English with {@link describeError}.
 */
import { type Lang, localiseDetails, translate } from '../i18n/index.js';

/** The stable codes of gualian's errors and row issues. */
export type ErrorCode =
  | 'code.empty'
  | 'code.format'
  | 'code.province'
  | 'code.segment'
  | 'code.level'
  | 'row.missing'
  | 'row.duplicate'
  | 'row.parent'
  | 'row.level'
  | 'row.type'
  | 'row.name'
  | 'row.columns'
  | 'file.header'
  | 'file.encoding'
  | 'file.json'
  | 'file.rejected'
  | 'hierarchy.unknown';

/** Base class of every error gualian throws. */
export class GualianError extends Error {
  override readonly name: string = 'GualianError';
  constructor(
    /** Stable code, explained in the docs. */
    readonly code: ErrorCode,
    /** Values the message was built from (the offending value, the row, ...). */
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(translate(`error.${code}`, 'en', details));
  }
}

/** A code that is not a valid statistical division code (or a grid / household code). */
export class DivisionCodeError extends GualianError {
  override readonly name = 'DivisionCodeError';
}

/**
 * One problem in one row of an input file: the line number (1-based, counting the header),
 * the field, the stable reason code and the offending value.
 */
export interface RowIssue {
  line: number;
  field: string;
  reason: ErrorCode;
  value: string;
  /** Extra facts for the message, such as the other line of a duplicate. */
  details?: Record<string, string | number>;
  /** The file the row came from, when a loader reads several. */
  source?: string;
}

/** Thrown in `strict` mode when a file has bad rows: lists every issue, not just the first. */
export class DivisionFileError extends GualianError {
  override readonly name = 'DivisionFileError';
  constructor(readonly issues: readonly RowIssue[], source = 'input') {
    super('file.rejected', { source, count: issues.length, first: issues[0] ? describeIssue(issues[0], 'en') : '' });
  }
}

/** Describe an error in the given language (zh-Hans by default). */
export function describeError(error: GualianError, lang: Lang = 'zh-Hans'): string {
  return translate(`error.${error.code}`, lang, localiseDetails(error.details, lang));
}

/**
 * Describe a row issue in the given language, naming the line, field and reason.
 * @example
 * describeIssue({ line: 4, field: 'code', reason: 'code.format', value: '53x6' }, 'en');
 * // → 'line 4, field "code": "53x6" is not a division code of 2, 4, 6, 9 or 12 digits'
 */
export function describeIssue(issue: RowIssue, lang: Lang = 'zh-Hans'): string {
  const reason = translate(`error.${issue.reason}`, lang, localiseDetails({ value: issue.value, ...issue.details }, lang));
  const where = translate('issue.where', lang, { line: issue.line, field: issue.field, reason });
  return issue.source ? `${issue.source}: ${where}` : where;
}
