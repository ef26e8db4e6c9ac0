/**
 * The errors of spot checks and inspections (督查抽查): a draw asked for with options that make
 * no sense, and inspection records naming cadres or villages the roster does not know. Each
 * has a stable code and reads in zh-Hans, zh-Hant and English through `describeError`.
 */
import { registerMessages } from '../i18n/index.js';
import { GualianError } from '../errors/index.js';
import { inspectionMessages } from '../i18n/messages.inspection.js';

// This domain's messages join the catalogues only where spot checks are used.
registerMessages(inspectionMessages);

/**
 * The stable codes of spot-check and inspection errors and issues (docs/error-hints explain each).
 * @example
 * INSPECTION_ERROR_CODES.includes('inspection.unknown-cadre'); // true
 */
export const INSPECTION_ERROR_CODES = [
  'inspection.unknown-cadre',
  'inspection.unknown-village',
  'inspection.duplicate-id',
  'spot-check.unknown-scope',
  'spot-check.out-of-report',
  'spot-check.too-large',
] as const;
/** A spot-check or inspection error's stable code. */
export type InspectionErrorCode = (typeof INSPECTION_ERROR_CODES)[number];

declare module '../errors/index.js' {
  // The codes join the one ErrorCode union through the augmentation point errors/index.ts keeps for domains.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends Record<InspectionErrorCode, true> {}
}

/**
 * A spot check that cannot be drawn as asked (a scope outside the report, more than there is
 * to draw). Options of the wrong shape are refused earlier, field by field, as a `SchemaError`.
 * @example
 * try {
 *   drawSpotCheck(report, roster, { seed: 1, size: 40, scope: '539999' });
 * } catch (e) {
 *   if (e instanceof InspectionError) e.code; // 'spot-check.unknown-scope'
 * }
 */
export class InspectionError extends GualianError {
  override readonly name = 'InspectionError';
  declare readonly code: InspectionErrorCode;
  constructor(code: InspectionErrorCode, details: Readonly<Record<string, string | number>> = {}) {
    super(code, details);
  }
}
