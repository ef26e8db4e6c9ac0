/**
 * The errors of assessment: every refusal carries a stable code, the values it was raised
 * with, and a message in zh-Hans, zh-Hant or English. A rubric that cannot work is refused with
 * every problem listed at once, each naming its section, item or grade and field.
 */
import { localiseDetails, registerMessages, translate, type Lang } from '../i18n/index.js';
import { GualianError, fieldLabel } from '../errors/index.js';
import { assessmentMessages } from '../i18n/messages.assessment.js';

// This domain's messages join the catalogues only where the domain is used.
registerMessages(assessmentMessages);

/** The stable codes of assessment errors (the docs explain each). */
export const ASSESSMENT_ERROR_CODES = [
  'rubric.invalid',
  'rubric.schema',
  'rubric.duplicate-id',
  'rubric.unknown-fact',
  'rubric.fact-redeclared',
  'rubric.item-source',
  'rubric.cap-below-award',
  'rubric.section-over-cap',
  'rubric.range',
  'rubric.grade-range',
  'rubric.grade-gap',
  'rubric.grade-overlap',
  'rubric.unknown-grade',
  'rubric.quota-range',
  'rubric.fact-range',
  'rubric.fact-default',
  'formula.syntax',
  'formula.function',
  'formula.arity',
  'formula.too-long',
  'formula.too-deep',
  'period.invalid',
  'facts.unknown-subject',
  'facts.missing',
  'facts.not-manual',
  'facts.no-provider',
  'facts.period-mismatch',
  'facts.bad-entry',
  'review.illegal',
  'review.wrong-level',
  'review.out-of-scope',
  'review.reason-required',
  'review.not-manual',
  'review.no-adjustment',
  'review.bad-reviewer',
  'review.bad-time',
  'review.time-order',
  'review.rubric-mismatch',
  'review.bad-request',
  'review.unknown-fact',
  'review.bad-value',
  'review.duplicate-adjustment',
  'review.trail-mismatch',
] as const;
/** An assessment error's stable code. */
export type AssessmentErrorCode = (typeof ASSESSMENT_ERROR_CODES)[number];

/**
 * One problem of a rubric: the code, where it is (section, item or grade id, and field) and the
 * values of the message.
 */
export interface RubricIssue {
  code: AssessmentErrorCode;
  /** The section's id, when the problem is in a section or one of its items. */
  section?: string;
  /** The item's id, when the problem is in an item. */
  item?: string;
  /** The grade's id, when the problem is in a grade band. */
  grade?: string;
  /** The field at fault (`cap`, `formula`, `fact`, `min`, `quota.share`, …). */
  field?: string;
  details: Record<string, string | number>;
}

/**
 * An assessment refusal: an invalid rubric, formula, period or manual entry, or a review step
 * that is not allowed. Nothing is recorded when one is thrown.
 * @example
 * try {
 *   reviewSheet(review, { action: 'publish', by: townshipReviewer, at: '2025-01-10T09:00:00+08:00' }, { hierarchy, rubric });
 * } catch (e) {
 *   if (e instanceof AssessmentError) e.code; // 'review.illegal'
 * }
 */
export class AssessmentError extends GualianError {
  override readonly name: string = 'AssessmentError';
  declare readonly code: AssessmentErrorCode;
  constructor(code: AssessmentErrorCode, details: Readonly<Record<string, string | number>> = {}) {
    super(code, details);
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    return translate(`error.${this.code}`, lang, localiseDetails(localiseReview(this.details, lang), lang));
  }
}

/**
 * A rubric that cannot work: lists every problem, not just the first.
 * @example
 * const result = validateRubric(draft);
 * if (!result.ok) result.issues.map((i) => describeRubricIssue(i, 'zh-Hans'));
 */
export class RubricError extends AssessmentError {
  override readonly name = 'RubricError';
  constructor(
    readonly issues: readonly RubricIssue[],
    rubric = '',
  ) {
    super('rubric.invalid', { rubric, count: issues.length, first: issues[0] ? describeRubricIssue(issues[0], 'en') : '' });
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    return translate('error.rubric.invalid', lang, { ...this.details, first: this.issues[0] ? describeRubricIssue(this.issues[0], lang) : '' });
  }
}

/**
 * An assessment error in a language (zh-Hans by default); the same as `describeError`.
 * @example
 * describeAssessmentError(new AssessmentError('review.illegal', { state: 'published', action: 'adjust' }), 'en');
 * // 'a sheet in state "published" cannot take the action "adjust"'
 */
export function describeAssessmentError(error: AssessmentError, lang: Lang = 'zh-Hans'): string {
  return error.describe(lang);
}

/**
 * A rubric problem in a language, naming where it is.
 * @example
 * describeRubricIssue({ code: 'rubric.unknown-fact', section: 'basic', item: 'visits', field: 'fact', details: { fact: 'visit' } }, 'en');
 * // 'section "basic", item "visits", field "fact": unknown fact "visit"'
 */
export function describeRubricIssue(issue: RubricIssue, lang: Lang = 'zh-Hans'): string {
  const values = { section: issue.section ?? '', item: issue.item ?? '', grade: issue.grade ?? '', field: issue.field ?? '' };
  let where =
    issue.item !== undefined
      ? translate('assessment.where.item', lang, values)
      : issue.section !== undefined
        ? translate('assessment.where.section', lang, values)
        : issue.grade !== undefined
          ? translate('assessment.where.grade', lang, values)
          : translate('assessment.where.rubric', lang, values);
  if (issue.field !== undefined) where += translate('assessment.where.field', lang, values);
  let details: Record<string, string | number> = issue.details;
  if (issue.code === 'rubric.schema' && typeof details['reason'] === 'string') {
    // The reason is a stable code of the record schemas (value.type, value.missing, …), read in the reader's words.
    const values: Record<string, string | number> = { ...details };
    const expected = values['expected'];
    if (typeof expected === 'string' && (expected.startsWith('expect.') || expected.startsWith('type.'))) values['expected'] = translate(expected, lang);
    // The options are the values to write in the file, so they stay as they are; only the list reads in the reader's punctuation.
    if (typeof values['options'] === 'string' && lang !== 'en') values['options'] = values['options'].split(', ').join('、');
    details = { ...details, reason: translate(`error.${details['reason']}`, lang, values) };
  }
  return translate('assessment.issue', lang, { where, reason: translate(`error.${issue.code}`, lang, details) });
}

/** Review states, actions and levels in the details of an error, in the reader's language. */
function localiseReview(details: Readonly<Record<string, string | number>>, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = { ...details };
  // A reason given as a message key (a value that does not fit a fact, a field at fault) reads in the reader's words.
  if (typeof out['field'] === 'string') out['field'] = fieldLabel(out['field'], lang);
  const reason = out['reason'];
  if (typeof reason === 'string' && (reason.startsWith('assessment.') || reason.startsWith('expect.'))) out['reason'] = translate(reason, lang, out);
  for (const [key, prefix] of [['state', 'review.state'], ['action', 'review.action'], ['required', 'review.level'], ['level', 'review.level']] as const) {
    const v = out[key];
    if (typeof v === 'string') {
      const t = translate(`${prefix}.${v}`, lang);
      if (t !== `${prefix}.${v}`) out[key] = t;
    }
  }
  return out;
}
