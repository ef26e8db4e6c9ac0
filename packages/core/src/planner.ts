/**
 * `@gualian/core/planner`: the pairing planner, an entry of its own so that a page pays for it
 * only when it plans (the pairing roster widget loads it when asked for a proposal).
 * @packageDocumentation
 */
export { planPairings, type PlanOptions, type PlanResult, type PlanCosts, type Shortage, type LatLon } from './pairing/planner.js';
export { MAX_TIER_COST } from './pairing/planner-input.js';
export { PlannerError, PLANNER_ERROR_CODES, describeShortfall, describeSurplus, type PlannerErrorCode, type Shortfall, type ShortfallReason, type Surplus } from './pairing/planner-errors.js';
