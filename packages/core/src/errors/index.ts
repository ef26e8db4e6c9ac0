/**
 * One family of errors. Every error gualian throws extends {@link GualianError}: it carries a
 * stable `code` that the documentation explains (docs/errors.html), the `details` it was raised
 * with, and reads in zh-Hans, zh-Hant or English through {@link describeError}. Domain errors
 * (assessment, disputes, the planner, schema failures of records) are subclasses, so one
 * `instanceof GualianError` and one `describeError` serve them all.
 */
import { type Lang, localiseDetails, translate } from '../i18n/index.js';
import type { AssessmentErrorCode } from '../assessment/errors.js';
import type { DisputeErrorCode } from '../disputes/errors.js';
import type { PlannerErrorCode } from '../pairing/planner-errors.js';
import type { EditionErrorCode } from '../hierarchy/edition-errors.js';
import type { PairingErrorCode } from '../pairing/errors.js';

/**
 * The stable codes of the foundation's errors and issues: division codes, rows of files, the
 * hierarchy, and values of records that their schema refuses.
 * @example
 * FOUNDATION_ERROR_CODES.includes('value.format'); // true
 */
export const FOUNDATION_ERROR_CODES = [
  'code.empty',
  'code.format',
  'code.province',
  'code.segment',
  'code.level',
  'row.missing',
  'row.duplicate',
  'row.parent',
  'row.level',
  'row.type',
  'row.name',
  'row.columns',
  'row.quote',
  'row.object',
  'row.cell',
  'row.too-long',
  'file.header',
  'file.encoding',
  'file.encoding-ambiguous',
  'file.encoding-invalid',
  'file.kind',
  'file.xlsx',
  'file.xlsx-limit',
  'file.empty',
  'file.column-map',
  'file.column-unknown',
  'file.column-duplicate',
  'file.sheet-rejected',
  'input.rank',
  'input.role',
  'input.date',
  'input.integer',
  'input.number',
  'input.activity',
  'input.scientific',
  'file.json',
  'file.rejected',
  'hierarchy.unknown',
  'value.missing',
  'value.type',
  'value.too-small',
  'value.too-big',
  'value.format',
  'value.enum',
  'value.unknown-key',
  'value.invalid',
  'schema.invalid',
  'schema.rejected',
  'internal.unexpected',
] as const;
/** A foundation error's stable code. */
export type FoundationErrorCode = (typeof FOUNDATION_ERROR_CODES)[number];

/**
 * Every stable code of gualian's errors and issues, of every domain. Each domain adds its own
 * codes to this union (assessment, disputes, …), and docs/errors.html explains each.
 */
export type ErrorCode = FoundationErrorCode | AssessmentErrorCode | DisputeErrorCode | PairingErrorCode | PlannerErrorCode | EditionErrorCode | ExtraErrorCode;

/**
 * Codes of domains that declare theirs by augmenting this interface (the key is the code):
 * `declare module '../errors/index.js' { interface ErrorCodes { 'planner.unknown-cadre': true } }`.
 * @internal
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorCodes {}
/** @internal */
export type ExtraErrorCode = keyof ErrorCodes & string;

/**
 * Base class of every error gualian throws.
 * @example
 * try {
 *   hierarchy.get('539999');
 * } catch (e) {
 *   if (e instanceof GualianError) console.log(e.code, describeError(e, 'zh-Hans'));
 * }
 */
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

  /**
   * The message in a language. Subclasses name the states, events and levels of their details
   * in that language; {@link describeError} calls this.
   */
  describe(lang: Lang = 'zh-Hans'): string {
    return translate(`error.${this.code}`, lang, localiseDetails(this.details, lang));
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
  constructor(
    readonly issues: readonly RowIssue[],
    source = 'input',
  ) {
    super('file.rejected', { source, count: issues.length, first: issues[0] ? describeIssue(issues[0], 'en') : '' });
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    const first = this.issues[0] ? describeIssue(this.issues[0], lang) : '';
    return translate('error.file.rejected', lang, { ...this.details, first });
  }
}

/**
 * Describe any error in the given language (zh-Hans by default). A {@link GualianError} of any
 * domain reads in its own words; a schema failure that escaped as a raw zod error is described
 * field by field; anything else is described as an unexpected internal error, never with its
 * English text.
 * @example
 * describeError(new GualianError('hierarchy.unknown', { value: '539999' }), 'zh-Hans');
 * // '区划“539999”不在层级中'
 */
export function describeError(error: unknown, lang: Lang = 'zh-Hans'): string {
  if (error instanceof GualianError) return error.describe(lang);
  return translate('error.internal.unexpected', lang, { name: error instanceof Error ? error.name : typeof error });
}

/**
 * Describe a row issue in the given language, naming the line, field and reason.
 * @example
 * describeIssue({ line: 4, field: 'code', reason: 'code.format', value: '53x6' }, 'en');
 * // → 'line 4, field "code": "53x6" is not a division code of 2, 4, 6, 9 or 12 digits'
 */
export function describeIssue(issue: RowIssue, lang: Lang = 'zh-Hans'): string {
  const reason = translate(`error.${issue.reason}`, lang, localiseDetails({ value: issue.value, ...issue.details }, lang));
  const where = translate('issue.where', lang, { line: issue.line, field: fieldLabel(issue.field, lang), reason });
  return issue.source ? `${issue.source}: ${where}` : where;
}

/**
 * A field's name in the reader's language (`minutes` → `时长（分钟）`), or the name itself where
 * the catalogue has none. Nested fields keep their path (`facts.parties.0.name`).
 * @internal
 */
export function fieldLabel(field: string, lang: Lang): string {
  if (field === '' || field === '*') return translate('field.record', lang);
  if (lang === 'en') return field; // the schema's own names are English
  const segs = field.split('.');
  return segs
    .map((seg, i) => {
      if (/^\d+$/.test(seg)) return translate('field.item', lang, { n: Number(seg) + 1 });
      // A name read in its context first (`actor.role` is not a pairing's role), then alone.
      for (const key of i > 0 ? [`field.${segs[i - 1]}.${seg}`, `field.${seg}`] : [`field.${seg}`]) {
        const t = translate(key, lang);
        if (t !== key) return t;
      }
      return seg;
    })
    .join('·');
}
