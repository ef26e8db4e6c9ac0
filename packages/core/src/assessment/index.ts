/**
 * `@gualian/core/assessment`: assessment (考核): rubrics as data, facts from the records,
 * explainable score sheets, the four-level review, rankings and red/black lists.
 * @packageDocumentation
 */
export {
  rubricSchema,
  rubricSectionSchema,
  rubricItemSchema,
  gradeBandSchema,
  gradeQuotaSchema,
  factDeclarationSchema,
  manualEntrySchema,
  subjectFactsSchema,
  scoreSheetSchema,
  sheetReviewSchema,
  reviewerSchema,
  reviewRequestSchema,
  reviewFlowSchema,
  rubricJsonSchema,
  DEFAULT_GRADES,
  ITEM_KINDS,
  SUBJECT_KINDS,
  FACT_TYPES,
  REVIEW_LEVELS,
  REVIEW_STATES,
  REVIEW_ACTIONS,
  type Rubric,
  type RubricInput,
  type RubricSection,
  type RubricItem,
  type GradeBand,
  type GradeQuota,
  type FactDeclaration,
  type ManualEntry,
  type FactEvidence,
  type SubjectRef,
  type SubjectFacts,
  type ScoreSheet,
  type SheetSection,
  type SheetLine,
  type ItemKind,
  type SubjectKind,
  type FactType,
  type Reviewer,
  type ReviewLevel,
  type ReviewState,
  type ReviewAction,
  type ReviewRequest,
  type ReviewStep,
  type ReviewFlow,
  type SheetReview,
  type Adjustment,
} from './schema.js';
export { period, periodRange, periodKey, parsePeriod, previousPeriod, periodsWithin, periodSchema, PERIOD_KINDS, type Period, type PeriodKind } from './period.js';
export { AssessmentError, RubricError, describeAssessmentError, describeRubricIssue, ASSESSMENT_ERROR_CODES, type AssessmentErrorCode, type RubricIssue } from './errors.js';
export { parseFormula, evaluateFormula, factsOfFormula, type FormulaNode, type BinaryOp } from './formula.js';
export { validateRubric, parseRubric, type RubricValidation } from './validate.js';
export { RECORD_FACTS, ACTIVITY_FACTS, type FactDefinition } from './catalogue.js';
export { computeFacts, rollUpFacts, parseManualEntries, FactTable, type FactOptions, type FactProvider, type FactContext, type FactGrouping } from './facts.js';
export { scoreSheet, scoreAll, scoredOf, Scores, type ScoredSubject } from './score.js';
export { startReview, reviewSheet, reviewQueue, currentSheet, type ReviewContext } from './review.js';
export {
  reviewTrail,
  verifyReviewTrail,
  describeReviewTrail,
  sheetDigest,
  reviewTrailStepSchema,
  type ReviewTrailStep,
  type ReviewTrailEntry,
  type ReviewTrailOptions,
  type ReviewTrailProblem,
  type ReviewTrailVerification,
} from './trail.js';
export { factValueProblem, type FactValueProblem } from './values.js';
export { disputeFacts, DISPUTE_FACTS, type DisputeFactOptions, type DisputeFactProvider } from './dispute-facts.js';
export { rankSubjects, rankGroups, redBlackLists, applyGradeQuota, type RankedSubject, type RankedGroup, type RankGrouping, type RedBlackOptions, type QuotaResult, type ScoredInput } from './rankings.js';
export { EXAMPLE_CADRE_RUBRIC } from './example-rubric.js';
