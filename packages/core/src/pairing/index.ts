export * from './schema.js';
export { Roster, activityMask, type RosterInput } from './roster.js';
export { checkPairing, watchPairing, PairingMonitor, mergeReports, emptyTotals, type CheckOptions, type CoverageReport, type CoverageTotals, type DivisionTotals } from './check.js';
export { describeViolation, VIOLATION_CODES, type Violation, type ViolationCode, type Severity } from './violations.js';
export { planPairings, type PlanOptions, type PlanResult, type PlanCosts, type Shortage } from './planner.js';
export { drawSpotCheck, compareInspections, inspectionSchema, type SpotCheckOptions, type SpotCheckDraw, type SpotCheckItem, type Inspection, type InspectionOutcome, type InspectionFinding } from '../visits/spot-check.js';
export { ledgerOf, type Ledger, type LedgerLine } from '../visits/ledger.js';
export { seededRandom } from '../util/random.js';
