export * from './schema.js';
export { Roster, activityMask, type RosterInput } from './roster.js';
export { checkPairing, watchPairing, PairingMonitor, mergeReports, emptyTotals, type CheckOptions, type CoverageReport, type CoverageTotals, type DivisionTotals } from './check.js';
export { describeViolation, VIOLATION_CODES, type Violation, type ViolationCode, type Severity } from './violations.js';
// The planner and the spot checks are entries of their own: `@gualian/core/planner`, `@gualian/core/inspection`.
export { ledgerOf, type Ledger, type LedgerLine } from '../visits/ledger.js';
export { seededRandom } from '../util/random.js';
