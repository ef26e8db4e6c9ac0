/**
 * `@gualian/core/pairing`: 包掛聯, the pairing of cadres with counties, townships and villages.
 * The roster (cadres, pairings, visits) as zod schemas and a columnar `Roster`; the policy as
 * data; the coverage and visit-compliance check with its violations, mergeable reports and a
 * live monitor; the ledger of each cadre (一人一工作台账).
 * @packageDocumentation
 */
export * from './schema.js';
export { Roster, activityMask, type RosterInput, type RosterOptions } from './roster.js';
export { PairingError, PAIRING_ERROR_CODES, type PairingErrorCode } from './errors.js';
export { checkPairing, watchPairing, PairingMonitor, mergeReports, emptyTotals, type CheckOptions, type CoverageReport, type CoverageTotals, type DivisionTotals } from './check.js';
export { describeViolation, VIOLATION_CODES, type Violation, type ViolationCode, type Severity } from './violations.js';
// The planner and the spot checks are entries of their own: `@gualian/core/planner`, `@gualian/core/inspection`.
export { ledgerOf, type Ledger, type LedgerLine } from '../visits/ledger.js';
export { seededRandom } from '../util/random.js';
