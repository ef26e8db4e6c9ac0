/**
 * The errors of 包掛聯: a roster built from columns that do not hold together, and reports that
 * cannot be merged. Records refused by their schema (a visit with an impossible date, a policy
 * with a misspelt key) are {@link SchemaError}s and {@link RecordsError}s of the parse step,
 * naming the record, the field and the reason.
 */
import { localiseDetails, registerMessages, translate, type Lang } from '../i18n/index.js';
import { GualianError } from '../errors/index.js';
import { pairingMessages } from '../i18n/messages.pairing.js';

// This domain's messages join the catalogues only where the domain is used.
registerMessages(pairingMessages);

/**
 * The stable codes of pairing errors (the docs explain each).
 * @example
 * PAIRING_ERROR_CODES.includes('report.merge-year'); // true
 */
export const PAIRING_ERROR_CODES = ['roster.columns', 'roster.closed', 'report.merge-year', 'report.merge-policy', 'report.merge-overlap'] as const;
/** A pairing error's stable code. */
export type PairingErrorCode = (typeof PAIRING_ERROR_CODES)[number];

/**
 * A refusal of the pairing domain; nothing was changed when one is thrown.
 * @example
 * try {
 *   mergeReports([report2023, report2024]);
 * } catch (e) {
 *   if (e instanceof PairingError) e.code; // 'report.merge-year'
 * }
 */
export class PairingError extends GualianError {
  override readonly name: string = 'PairingError';
  declare readonly code: PairingErrorCode;
  constructor(code: PairingErrorCode, details: Readonly<Record<string, string | number>> = {}) {
    super(code, details);
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    return translate(`error.${this.code}`, lang, localiseDetails(this.details, lang));
  }
}
