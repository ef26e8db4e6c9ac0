/**
 * `@gualian/core/inspection`: spot checks for inspection teams (督查抽查), an entry of its own
 * as few pages need it: a reproducible, stratified draw of cadres or villages, and the
 * comparison of what the inspectors found with the ledgers.
 * @packageDocumentation
 */
export {
  drawSpotCheck,
  compareInspections,
  parseInspections,
  inspectionSchema,
  spotCheckOptionsSchema,
  type SpotCheckOptions,
  type SpotCheckDraw,
  type SpotCheckItem,
  type Inspection,
  type InspectionOutcome,
  type InspectionFinding,
  type InspectionComparison,
} from './visits/spot-check.js';
export { InspectionError, INSPECTION_ERROR_CODES, type InspectionErrorCode } from './visits/inspection-errors.js';
