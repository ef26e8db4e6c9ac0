/**
 * The errors of disputes and work orders: every refusal carries a stable code, the values it
 * was raised with, and a message in zh-Hans, zh-Hant or English. A refused event changes
 * nothing: the record, the states and the summaries stay as they were.
 */
import { localiseDetails, registerMessages, translate, type Lang } from '../i18n/index.js';
import { GualianError } from '../errors/index.js';
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
  'workorder.invalid-event',
  'workorder.unknown-order',
  'workorder.illegal-event',
  'workorder.time-order',
  'workorder.not-reached',
  'workorder.already-linked',
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
  constructor(code: DisputeErrorCode, details: Readonly<Record<string, string | number>> = {}) {
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
  ['severity', 'dispute.severity.'],
  ['role', 'dispute.role.'],
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
  return translate(`error.${error.code}`, lang, localiseDetails(values, lang));
}
