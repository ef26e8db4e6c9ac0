/**
 * The errors of disputes and work orders: every refusal carries a stable code, the values it
 * was raised with, and a message in zh-Hans, zh-Hant or English. A refused event changes
 * nothing: the record, the states and the summaries stay as they were.
 */
import { localiseDetails, registerMessages, translate, type Lang } from '../i18n/index.js';
import { GualianError, fieldLabel } from '../errors/index.js';
import { registerOptionPrefixes, type RecordIssue } from '../errors/schema.js';
import { disputeMessages } from '../i18n/messages.disputes.js';

// This domain's messages join the catalogues only where the domain is used.
registerMessages(disputeMessages);

/**
 * The stable codes of dispute and work-order errors (the docs explain each).
 * @example
 * DISPUTE_ERROR_CODES.map((c) => `${c}: ${translate(`error.${c}`, 'en')}`); // a table for the docs
 */
export const DISPUTE_ERROR_CODES = [
  'dispute.invalid-event',
  'dispute.unknown-case',
  'dispute.illegal-event',
  'dispute.time-order',
  'dispute.duplicate-event',
  'dispute.role',
  'dispute.out-of-scope',
  'dispute.unknown-place',
  'dispute.bad-level',
  'dispute.escalation-skip',
  'dispute.consent-missing',
  'dispute.unknown-party',
  'dispute.no-resolution',
  'dispute.merge-self',
  'dispute.taskforce-severity',
  'dispute.taskforce-units',
  'dispute.taskforce-exists',
  'dispute.no-taskforce',
  'dispute.unknown-member',
  'dispute.unknown-duty',
  'dispute.extension-limit',
  'dispute.summary-mismatch',
  'dispute.record-broken',
  'dispute.out-of-level',
  'dispute.not-petition',
  'dispute.review-late',
  'dispute.confirmation-late',
  'dispute.same-severity',
  'dispute.summary-policy',
  'dispute.summary-overlap',
  'dispute.summary-empty',
  'workorder.invalid-event',
  'workorder.unknown-order',
  'workorder.illegal-event',
  'workorder.time-order',
  'workorder.not-reached',
  'workorder.already-linked',
  'workorder.wrong-unit',
  'workorder.not-dispatcher',
] as const;
/** A dispute or work-order error's stable code. */
export type DisputeErrorCode = (typeof DISPUTE_ERROR_CODES)[number];

/**
 * A refused dispute or work-order event (or a summary or record that cannot be used). The
 * `details` name what was refused: `state` and `event` for an illegal transition, `case`,
 * `actor`, `place`, the missing `parties`, …
 * @example
 * try {
 *   applyEvent(state, followUp, { hierarchy });
 * } catch (e) {
 *   if (e instanceof DisputeError) e.code; // 'dispute.no-resolution'
 * }
 */
export class DisputeError extends GualianError {
  override readonly name: string = 'DisputeError';
  declare readonly code: DisputeErrorCode;
  constructor(
    code: DisputeErrorCode,
    details: Readonly<Record<string, string | number>> = {},
    /** For an event its schema refuses (`*.invalid-event`): every field at fault, with its reason. */
    readonly issues: readonly RecordIssue[] = [],
  ) {
    super(code, details);
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    return describeDisputeError(this, lang);
  }
}

/** Detail fields holding a status, an event type or a level, and the catalogue prefix that names them. */
const NAMED: ReadonlyArray<readonly [string, string]> = [
  ['state', 'dispute.status.'],
  ['event', 'dispute.event.'],
  ['from', 'level.'],
  ['to', 'level.'],
  ['level', 'level.'],
  ['severity', 'dispute.severity.'],
  ['role', 'dispute.role.'],
  ['source', 'dispute.source.'],
  ['rule', 'dispute.deadline.'],
  ['first', 'dispute.scope.'],
  ['other', 'dispute.scope.'],
];

/**
 * A dispute or work-order error in a language (zh-Hans by default), with states, events and
 * levels named in that language.
 * @example
 * describeDisputeError(new DisputeError('dispute.illegal-event', { case: 'A1', state: 'registered', event: 'agreement-reached' }), 'en');
 * // 'case A1: the event "agreement reached" is not allowed in the state "registered"'
 */
export function describeDisputeError(error: DisputeError, lang: Lang = 'zh-Hans'): string {
  const values: Record<string, string | number> = { ...error.details };
  const order = error.code.startsWith('workorder.') ? 'workorder.' : 'dispute.';
  for (const [key, prefix] of NAMED) {
    const v = values[key];
    if (typeof v !== 'string') continue;
    const p = order === 'workorder.' && (key === 'state' || key === 'event') ? prefix.replace('dispute.', 'workorder.') : prefix;
    const t = translate(p + v, lang);
    if (t !== p + v) values[key] = t;
  }
  // Times as a reader writes them: the date, a space, the time (no ISO `T`).
  for (const key of ['at', 'last']) {
    const v = values[key];
    if (typeof v === 'string' && lang !== 'en') values[key] = v.replace('T', ' ');
  }
  // The default policy's name is ours to translate; a place's own name is shown as written.
  for (const key of ['first', 'other']) {
    const v = values[key];
    if (typeof v === 'string' && v.startsWith(`${DEFAULT_POLICY_NAME}#`)) values[key] = translate('dispute.policy.default', lang) + v.slice(DEFAULT_POLICY_NAME.length);
  }
  const issue = error.issues[0];
  if (issue) {
    // The schema's reason in the reader's words, never zod's English or a catalogue key.
    values['field'] = fieldLabel(issue.field, lang);
    values['reason'] = issueReason(issue, lang);
  } else if (typeof values['field'] === 'string') values['field'] = fieldLabel(values['field'], lang);
  return translate(`error.${error.code}`, lang, localiseDetails(values, lang));
}

const DEFAULT_POLICY_NAME = 'national practice';

/** Catalogue prefixes of the values the dispute and work-order schemas enumerate. */
const OPTION_PREFIXES = [
  'level.',
  'dispute.severity.',
  'dispute.source.',
  'dispute.role.',
  'dispute.referral.',
  'dispute.status.',
  'dispute.event.',
  'dispute.review-outcome.',
  'dispute.option.',
  'workorder.event.',
  'workorder.status.',
];
registerOptionPrefixes(OPTION_PREFIXES);

/**
 * An enumerated value in a language, where the catalogue names it (`major` → `重大`), else as
 * it is.
 * @internal
 */
export function optionLabel(value: string, lang: Lang): string {
  if (lang === 'en') return value;
  for (const prefix of OPTION_PREFIXES) {
    const t = translate(prefix + value, lang);
    if (t !== prefix + value) return t;
  }
  return value;
}

/** Why a field was refused, in a language (`“ x ”不是首尾无空格的非空文字`), its options named in that language. */
function issueReason(issue: RecordIssue, lang: Lang): string {
  const details: Record<string, string | number> = { value: issue.value, ...issue.details };
  const expected = details['expected'];
  if (typeof expected === 'string' && (expected.startsWith('expect.') || expected.startsWith('type.'))) details['expected'] = translate(expected, lang);
  const options = details['options'];
  if (typeof options === 'string' && lang !== 'en') details['options'] = options.split(', ').map((o) => optionLabel(o, lang)).join('、');
  return translate(`error.${issue.reason}`, lang, localiseDetails(details, lang));
}
