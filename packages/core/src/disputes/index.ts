/**
 * `@gualian/core/disputes`: disputes (矛盾纠纷) and 12345 hotline work orders as event-sourced
 * lifecycles. A case's state is a fold of its events, with guards, role and scope checks and
 * deadlines as policy data; task forces (一事一专班), the level of resolution
 * (小事不出村、大事不出镇) and petitions' review and re-review (复查、复核) are part of it. The
 * record of events is append-only and hash-chained (SHA-256: node:crypto in Node, Web Crypto in
 * browsers), imported and exported as JSON Lines. Statistics are mergeable
 * summaries. Pure functions and one small store, the same in browsers and in Node.
 * @packageDocumentation
 */
export {
  CASE_SOURCES,
  CASE_CATEGORIES,
  SEVERITIES,
  CASE_LEVELS,
  ACTOR_ROLES,
  RISK_FLAGS,
  REFERRAL_TARGETS,
  CASE_STATUSES,
  CASE_EVENT_TYPES,
  actorSchema,
  partySchema,
  partyContactSchema,
  caseFactsSchema,
  caseEventSchema,
  type CaseSource,
  type KnownCategory,
  type Severity,
  type CaseLevel,
  type ActorRole,
  type CaseStatus,
  type CaseEventType,
  type Actor,
  type Party,
  type PartyContact,
  type CaseFacts,
  type CaseEvent,
  type CaseEventOf,
  type CasePayload,
  type TaskForceMember,
  type TaskForceDuty,
  type RecordEntry,
} from './schema.js';
export {
  disputePolicySchema,
  parseDisputePolicy,
  deadlineRuleSchema,
  workCalendarSchema,
  DEFAULT_DEADLINES,
  DEFAULT_PERMISSIONS,
  type DisputePolicy,
  type DisputePolicyInput,
  type DeadlineRule,
  type DeadlineRuleInput,
  type WorkCalendar,
} from './policy.js';
export {
  applyEvent,
  replayCase,
  allowedEvents,
  EVENT_STATUS,
  CONCLUDED_STATUSES,
  type CaseState,
  type CaseStep,
  type DutyState,
  type TaskForceState,
  type LifecycleContext,
} from './lifecycle.js';
export { dueOf, deadlineDate, isWorkingDay, type DueItem } from './deadlines.js';
export { actionsFor, actsWithin } from './actions.js';
export { deadlineHistory, type DeadlineRun } from './deadline-history.js';
export { taskForceProgress, type TaskForceProgress } from './taskforce.js';
export {
  WORK_ORDER_TYPES,
  WORK_ORDER_STATUSES,
  WORK_ORDER_EVENT_TYPES,
  DEFAULT_WORK_ORDER_LIMITS,
  workOrderEventSchema,
  workOrderLimitSchema,
  workOrderPolicySchema,
  applyWorkOrderEvent,
  replayWorkOrders,
  allowedWorkOrderEvents,
  parseWorkOrderPolicy,
  completedOnTime,
  signedOnTime,
  calledBackOnTime,
  dueOfWorkOrder,
  workOrderMeasures,
  redBlackList,
  openCaseFromWorkOrder,
  type WorkOrderStatus,
  type WorkOrderEventType,
  type WorkOrderEvent,
  type WorkOrderEventOf,
  type WorkOrderLimit,
  type WorkOrderPolicy,
  type WorkOrderPolicyInput,
  type WorkOrderDispatch,
  type WorkOrderState,
  type WorkOrderOptions,
  type WorkOrderReplay,
  type WorkOrderMeasure,
  type RankedUnit,
} from './workorders.js';
export {
  GENESIS_HASH,
  canonicalJson,
  chainEvents,
  verifyRecord,
  describeVerification,
  type ChainHead,
  type ChainKind,
  type ChainOptions,
  type RecordProblem,
  type RecordVerification,
  type VerifyOptions,
  type Sha256,
} from './chain.js';
export { exportJsonl, importJsonl, describeJsonlIssue, type JsonlIssue, type ImportOptions } from './jsonl.js';
export { replayRecord, allRefused, CaseRecord, type Replay, type RefusedEntry } from './store.js';
export { RECORD_ERROR_CODES, type RecordErrorCode } from './record-codes.js';
export { summariseCases, mergeSummaries, resolutionLevel, type CaseSummary, type GridCounts, type SummaryOptions } from './stats.js';
export { resolutionLevelsOverTime, resolutionPeriod, type ResolutionInterval, type ResolutionLevelOptions, type ResolutionLevels, type ResolutionPeriod } from './levels.js';
export { DisputeError, describeDisputeError, DISPUTE_ERROR_CODES, type DisputeErrorCode } from './errors.js';
