/**
 * `@gualian/core/inspection`: spot checks for inspection teams (督查抽查), an entry of its own
 * as few pages need it: a reproducible, stratified draw of cadres or villages, and the
 * comparison of what the inspectors found with the ledgers.
 * @packageDocumentation
 */
export {
  drawSpotCheck,
  compareInspections,
  inspectionSchema,
  type SpotCheckOptions,
  type SpotCheckDraw,
  type SpotCheckItem,
  type Inspection,
  type InspectionOutcome,
  type InspectionFinding,
} from './visits/spot-check.js';
