/**
 * The errors of editions: a code that `carryOver` cannot place. Each has a stable code and a
 * message in zh-Hans, zh-Hant and English.
 */
import { GualianError } from '../errors/index.js';
import { registerMessages } from '../i18n/index.js';
import { editionMessages } from '../i18n/messages.editions.js';

// The messages join the catalogues only where editions are compared.
registerMessages(editionMessages);

/**
 * The stable codes of edition errors (the docs explain each).
 * @example
 * EDITION_ERROR_CODES.includes('edition.unknown-code'); // true
 */
export const EDITION_ERROR_CODES = ['edition.unknown-code', 'edition.out-of-scope', 'edition.no-editions'] as const;
/** An edition error's stable code. */
export type EditionErrorCode = (typeof EDITION_ERROR_CODES)[number];

/**
 * A code `carryOver` refuses: not a division code, or in neither edition (`edition.unknown-code`);
 * in an edition but outside the scope the diff compared (`edition.out-of-scope`); or a diff that
 * did not come from `diffEditions` in this session and was given no editions
 * (`edition.no-editions`).
 * @example
 * try {
 *   carryOver(diff)('539999');
 * } catch (e) {
 *   if (e instanceof EditionError) e.code; // 'edition.unknown-code'
 * }
 */
export class EditionError extends GualianError {
  override readonly name = 'EditionError';
  declare readonly code: EditionErrorCode;
  constructor(code: EditionErrorCode, details: Readonly<Record<string, string | number>> = {}) {
    super(code, details);
  }
}
