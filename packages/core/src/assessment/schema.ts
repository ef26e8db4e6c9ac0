/**
 * Assessment records as zod schemas, the single source of truth: the rubric (考核评分标准) a
 * place writes, the manual facts a reviewer enters, the score sheet (成绩单) scoring produces,
 * and the review record (一级对一级把关) a sheet moves through. The TypeScript types are inferred
 * from them; {@link rubricJsonSchema} exports the rubric's as JSON Schema.
 */
import * as z from 'zod/mini';
import { timestampSchema } from '../time/schema.js';
import { periodSchema } from './period.js';

const describe = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.describe(description)) as T;
const text = z.string().check(z.trim(), z.minLength(1));
const id = describe(z.string().check(z.trim(), z.minLength(1), z.maxLength(64)), 'A stable id: the sheet and the reviews refer to it.');
/** Labels in the other two languages; the main `label` is the place's own wording. */
const labels = z.optional(describe(z.strictObject({ 'zh-Hans': z.optional(z.string()), 'zh-Hant': z.optional(z.string()), en: z.optional(z.string()) }), 'The label in other languages.'));
/** A fact's name: a letter or _, then letters, digits, _ or dots (`visits`, `activity.lawClass`). */
const factName = describe(
  z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'expect.fact-name'), z.refine((s) => s !== '__proto__', 'expect.fact-name')),
  'The name of a fact.',
);
/** An ISO 8601 date and time with its offset, as `2025-01-10T09:30:00+08:00`: the core's one timestamp schema (no impossible date or time, no trailing text). */
const timestamp = describe(timestampSchema, 'A date and time with its offset (ISO 8601).');

/** What kind of item: a base item, a bonus (加分), a deduction (扣分) or a veto (一票否决). */
export const ITEM_KINDS = ['base', 'bonus', 'deduction', 'veto'] as const;
/** A kind of rubric item. */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** What a fact is about: a cadre, or (for rankings) a unit or a region. */
export const SUBJECT_KINDS = ['cadre', 'unit', 'region'] as const;
/** A kind of subject. */
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** How a fact's values look: a count (whole, ≥ 0), any number, or a flag (0 or 1). */
export const FACT_TYPES = ['count', 'number', 'flag'] as const;
/** A fact's type. */
export type FactType = (typeof FACT_TYPES)[number];

/**
 * A fact a rubric declares because the records do not provide it: entered by a reviewer
 * (`manual`, with evidence and author) or supplied by a {@link FactProvider} (`provider`, such
 * as disputes handled once the disputes module exists).
 */
export const factDeclarationSchema = z.strictObject({
  name: factName,
  type: z._default(z.enum(FACT_TYPES), 'count'),
  source: z.enum(['manual', 'provider']),
  label: z.optional(z.string()),
  labels,
  /** The value when nothing was entered or provided. */
  default: z._default(z.number(), 0),
  /** The least value an entry or adjustment may give (a democratic evaluation from 0, say). */
  min: z.optional(z.number()),
  /** The most value an entry or adjustment may give (a democratic evaluation up to 100, say). */
  max: z.optional(z.number()),
});
/** A declared fact. */
export type FactDeclaration = z.output<typeof factDeclarationSchema>;

/**
 * One item of a rubric. Its value is either `points` per unit of one `fact` (points × value) or a
 * `formula` over facts (see `formula.ts`); points are magnitudes, and a deduction subtracts them.
 * A negative value counts as 0. A veto item fires when its value is above 0.
 */
export const rubricItemSchema = z.strictObject({
  id,
  label: text,
  labels,
  kind: z.enum(ITEM_KINDS),
  /** The standard's own wording (评分细则), shown on the sheet. */
  description: z.optional(z.string()),
  /** The fact counted (with `points`). */
  fact: z.optional(factName),
  /** Points per unit of the fact. */
  points: z.optional(z.number().check(z.gte(0))),
  /** A formula over facts, instead of `fact` and `points`. */
  formula: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  /** The most this item can give (or take away). */
  cap: z.optional(z.number().check(z.gte(0))),
  /** The author knows this item's maximum, with the others', exceeds its section's cap: the section cap is meant to do the capping. */
  capExpected: z.optional(z.boolean()),
  /** For a veto: the grade it forces (default the lowest). */
  grade: z.optional(z.string()),
  /** For a veto: the total becomes at most this (for example 0, so that a vetoed subject ranks last). */
  capTotal: z.optional(z.number()),
});
/** A rubric item. */
export type RubricItem = z.output<typeof rubricItemSchema>;

/** A section of a rubric: items, and optionally a cap on what the section adds or takes away (its subtotal stays within ±cap). */
export const rubricSectionSchema = z.strictObject({
  id,
  label: text,
  labels,
  cap: z.optional(z.number().check(z.gte(0))),
  items: z.array(rubricItemSchema).check(z.minLength(1)),
});
/** A rubric section. */
export type RubricSection = z.output<typeof rubricSectionSchema>;

/** A grade band: scores from `min` (inclusive) to `max` (exclusive; inclusive for the band that ends at the top of the range). */
export const gradeBandSchema = z.strictObject({
  id,
  label: text,
  labels,
  min: z.number(),
  max: z.number(),
});
/** A grade band. */
export type GradeBand = z.output<typeof gradeBandSchema>;

/**
 * A quota for the top grade (or another): at most `share` of the subjects graded together get it
 * (rounded down by default); those over the quota move to `demoteTo` (default the next grade
 * down). `ties` decides subjects tied at the cut (same total and same deductions):
 * `exclude-tied` moves them all down (the quota is never exceeded), `include-tied` keeps them all,
 * `rank` follows the ranking order (fewer deductions, then id).
 */
export const gradeQuotaSchema = z.strictObject({
  grade: z.optional(z.string()),
  share: z.number(),
  rounding: z._default(z.enum(['floor', 'round', 'ceil']), 'floor'),
  ties: z._default(z.enum(['exclude-tied', 'include-tied', 'rank']), 'exclude-tied'),
  demoteTo: z.optional(z.string()),
});
/** A grade quota. */
export type GradeQuota = z.output<typeof gradeQuotaSchema>;

/** The grades most places use: 优秀 90–100, 合格 75–90, 基本合格 60–75, 不合格 below 60. */
export const DEFAULT_GRADES: readonly GradeBand[] = [
  { id: 'excellent', label: '优秀', labels: { 'zh-Hant': '優秀', en: 'Excellent' }, min: 90, max: 100 },
  { id: 'pass', label: '合格', labels: { 'zh-Hant': '合格', en: 'Pass' }, min: 75, max: 90 },
  { id: 'basic', label: '基本合格', labels: { 'zh-Hant': '基本合格', en: 'Basic pass' }, min: 60, max: 75 },
  { id: 'fail', label: '不合格', labels: { 'zh-Hant': '不合格', en: 'Fail' }, min: 0, max: 60 },
];

/**
 * A rubric (考核评分标准) as data: sections of items, the total's range, grade bands and an
 * optional quota. Validate it with `validateRubric` or `parseRubric`: a rubric that cannot work is
 * refused with every problem named.
 * @example
 * const rubric = parseRubric({
 *   id: 'village-2024', name: '挂联干部考核', range: { min: 0, max: 100 },
 *   sections: [{ id: 'visits', label: '走访', cap: 60, items: [
 *     { id: 'made', label: '走访次数', kind: 'base', fact: 'pairedVisits', points: 15, cap: 60 },
 *     { id: 'nominal', label: '挂名', kind: 'veto', fact: 'nominal.noVisits' },
 *   ] }],
 * });
 */
export const rubricSchema = z.strictObject({
  id,
  name: text,
  version: z.optional(z.string()),
  /** What the rubric scores. */
  subject: z._default(z.enum(SUBJECT_KINDS), 'cadre'),
  /** The total is kept within this range. */
  range: z._default(z.strictObject({ min: z.number(), max: z.number() }), { min: 0, max: 100 }),
  /** Facts the records do not provide: manual entries and provided facts. */
  facts: z._default(z.array(factDeclarationSchema), []),
  sections: z.array(rubricSectionSchema).check(z.minLength(1)),
  grades: z._default(z.array(gradeBandSchema).check(z.minLength(1)), () => DEFAULT_GRADES.map((g) => ({ ...g, labels: { ...g.labels } }))),
  quota: z.optional(gradeQuotaSchema),
});
/** A rubric as written (defaults may be left out). */
export type RubricInput = z.input<typeof rubricSchema>;
/** A rubric with its defaults filled in. */
export type Rubric = z.output<typeof rubricSchema>;

/**
 * The JSON Schema (draft 2020-12) of a rubric as written, for editors and for places that keep
 * rubrics in files.
 * @example
 * const schema = rubricJsonSchema();
 * schema.title; // 'gualian rubric, version 1'
 */
export function rubricJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(rubricSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $schema: schema['$schema'], title: 'gualian rubric, version 1', ...schema };
}

/**
 * A manual fact entered by a reviewer for one subject and period, with its evidence and author
 * (tasks completed, commendations, a democratic evaluation). The latest entry (by `at`) of a
 * subject, fact and period holds.
 * @example
 * manualEntrySchema.parse({ subject: 'C000123', period: '2024', fact: 'tasksCompleted', value: 5,
 *   evidence: '任务清单 2024-017 验收单', author: 'T530602001', at: '2024-12-20T10:00:00+08:00' });
 */
export const manualEntrySchema = z.object({
  subject: text,
  /** The period's key: `2024`, `2024-Q2`, `2024-03`. */
  period: text,
  fact: factName,
  value: z.number(),
  evidence: text,
  author: text,
  at: timestamp,
});
/** A manual entry. */
export type ManualEntry = z.output<typeof manualEntrySchema>;

/** Where a fact's value came from, and on what evidence. */
export const factEvidenceSchema = z.object({
  /** `records`, `findings`, `inspections`, `manual`, or a provider's name. */
  source: z.string(),
  /** The finding's or violation's code, when a finding set the fact. */
  code: z.optional(z.string()),
  /** The evidence: visit ids, a document, a note. */
  note: z.optional(z.string()),
  author: z.optional(z.string()),
  at: z.optional(z.string()),
});
/** A fact's evidence. */
export type FactEvidence = z.output<typeof factEvidenceSchema>;

/** The subject of facts and of a sheet. */
export const subjectRefSchema = z.object({
  id: text,
  kind: z.enum(SUBJECT_KINDS),
  /** The division the subject is attributed to (a cadre's paired village), which scopes the review. */
  place: z.optional(z.string()),
  unit: z.optional(z.string()),
});
/** A subject. */
export type SubjectRef = z.output<typeof subjectRefSchema>;

/** The facts of one subject for one period, with their evidence. */
export const subjectFactsSchema = z.object({
  subject: subjectRefSchema,
  period: periodSchema,
  values: z.record(z.string(), z.number()),
  evidence: z._default(z.record(z.string(), factEvidenceSchema), {}),
});
/** One subject's facts. */
export type SubjectFacts = z.output<typeof subjectFactsSchema>;

/** One item on a score sheet, explained. */
export const sheetLineSchema = z.object({
  item: z.string(),
  label: z.string(),
  kind: z.enum(ITEM_KINDS),
  /** The facts the item read, with their values. */
  facts: z.array(z.object({ name: z.string(), value: z.number() })),
  /** Points per unit of the fact, for a `fact × points` item. */
  rate: z.optional(z.number()),
  formula: z.optional(z.string()),
  /** The item's value before its cap (a magnitude; 0 for a negative value). */
  raw: z.number(),
  cap: z.optional(z.number()),
  /** Whether the cap cut the value. */
  capped: z.boolean(),
  /** The points the item adds (negative for a deduction; 0 for a veto). */
  points: z.number(),
  /** For a veto: whether it fired. */
  fired: z.optional(z.boolean()),
});
/** A line of a sheet. */
export type SheetLine = z.output<typeof sheetLineSchema>;

/** One section of a score sheet. */
export const sheetSectionSchema = z.object({
  id: z.string(),
  label: z.string(),
  lines: z.array(sheetLineSchema),
  /** The sum of the lines' points. */
  points: z.number(),
  cap: z.optional(z.number()),
  /** What the section cap added or took away (subtotal − points). */
  capAdjustment: z.number(),
  subtotal: z.number(),
});
/** A section of a sheet. */
export type SheetSection = z.output<typeof sheetSectionSchema>;

/**
 * A score sheet (成绩单): every point explained. `total` = Σ section subtotals + `rangeAdjustment`
 * + `vetoAdjustment`, and each subtotal = Σ its lines' points + its `capAdjustment`.
 * @example
 * const sheet = scoreSheetSchema.parse(JSON.parse(stored)); // a sheet kept as JSON, checked on the way in
 */
export const scoreSheetSchema = z.object({
  rubric: z.object({ id: z.string(), name: z.string(), version: z.optional(z.string()) }),
  subject: subjectRefSchema,
  period: periodSchema,
  /** Every fact the rubric reads or declares, with its value and evidence. */
  facts: z.record(z.string(), z.object({ value: z.number(), evidence: factEvidenceSchema })),
  sections: z.array(sheetSectionSchema),
  /** Σ section subtotals. */
  raw: z.number(),
  /** What keeping the total within the rubric's range added or took away. */
  rangeAdjustment: z.number(),
  /** What a fired veto's `capTotal` took away. */
  vetoAdjustment: z.number(),
  total: z.number(),
  /** Deduction points after item caps (before section caps): the first tie-break of rankings. */
  deductions: z.number(),
  /** The vetoes that fired. */
  vetoes: z.array(z.object({ section: z.string(), item: z.string(), grade: z.string() })),
  /** The grade by the score bands. */
  bandGrade: z.string(),
  /** The grade after vetoes (before any quota, which applies across subjects). */
  grade: z.string(),
});
/** A score sheet. */
export type ScoreSheet = z.output<typeof scoreSheetSchema>;

/** The four levels of review, bottom up (一级对一级把关). */
export const REVIEW_LEVELS = ['village', 'township', 'county', 'city'] as const;
/** A review level. */
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];

/** A sheet's states, in order. */
export const REVIEW_STATES = ['draft', 'submitted', 'reviewed', 'approved', 'published'] as const;
/** A review state. */
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The actions on a sheet. */
export const REVIEW_ACTIONS = ['submit', 'review', 'approve', 'publish', 'return', 'adjust', 'correct'] as const;
/** A review action. */
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * Someone who acts on sheets: their level and the division they answer for (a township
 * reviewer's township code, a city reviewer's prefecture code).
 * @example
 * reviewerSchema.parse({ id: 'T01', name: '乡镇政法委员', level: 'township', scope: '530602001' });
 */
export const reviewerSchema = z.object({
  id: text,
  name: z.optional(z.string()),
  level: z.enum(REVIEW_LEVELS),
  scope: text,
});
/** A reviewer. */
export type Reviewer = z.output<typeof reviewerSchema>;

/** A change of a manual fact, with its evidence. */
export const adjustmentSchema = z.object({
  fact: factName,
  value: z.number(),
  evidence: z.optional(z.string()),
});
/** An adjustment. */
export type Adjustment = z.output<typeof adjustmentSchema>;

/** A request to act on a sheet. `at` is passed in: nothing reads the clock. */
export const reviewRequestSchema = z.object({
  action: z.enum(REVIEW_ACTIONS),
  by: reviewerSchema,
  at: timestamp,
  reason: z.optional(z.string()),
  adjustments: z.optional(z.array(adjustmentSchema)),
});
/** A review request. */
export type ReviewRequest = z.input<typeof reviewRequestSchema>;

/** One recorded step of a review. */
export const reviewStepSchema = z.object({
  action: z.enum(REVIEW_ACTIONS),
  from: z.enum(REVIEW_STATES),
  to: z.enum(REVIEW_STATES),
  by: z.string(),
  level: z.enum(REVIEW_LEVELS),
  scope: z.string(),
  at: timestamp,
  reason: z.optional(z.string()),
  /** The revision the step left the sheet at. */
  revision: z.number(),
  adjustments: z.optional(z.array(z.object({ fact: z.string(), from: z.number(), to: z.number(), evidence: z.optional(z.string()) }))),
});
/** A review step. */
export type ReviewStep = z.output<typeof reviewStepSchema>;

/**
 * A sheet's review: its state, every revision of the sheet (an adjustment or a correction adds
 * one; none is edited) and every step, with who and when.
 */
export const sheetReviewSchema = z.object({
  subject: subjectRefSchema,
  period: periodSchema,
  rubric: z.object({ id: z.string(), version: z.optional(z.string()) }),
  state: z.enum(REVIEW_STATES),
  /** Who drafted the sheet and when, when `startReview` was told: the first entry of the review's trail. */
  drafted: z.optional(z.object({ by: z.string(), level: z.enum(REVIEW_LEVELS), scope: z.string(), at: timestamp })),
  sheets: z.array(scoreSheetSchema).check(z.minLength(1)),
  steps: z.array(reviewStepSchema),
});
/** A sheet's review record. */
export type SheetReview = z.output<typeof sheetReviewSchema>;

/**
 * Which level takes each step (default: the village submits, the township reviews, the county
 * approves, the city publishes and corrects). With `higherMayAct`, a higher level may act in place
 * of a lower one.
 * @example
 * // A place without village-level review: townships submit, counties review.
 * reviewSheet(review, request, { hierarchy, rubric, flow: { submit: 'township', review: 'county', approve: 'city', publish: 'city' } });
 */
export const reviewFlowSchema = z.strictObject({
  submit: z._default(z.enum(REVIEW_LEVELS), 'village'),
  review: z._default(z.enum(REVIEW_LEVELS), 'township'),
  approve: z._default(z.enum(REVIEW_LEVELS), 'county'),
  publish: z._default(z.enum(REVIEW_LEVELS), 'city'),
  higherMayAct: z._default(z.boolean(), false),
});
/** A review flow. */
export type ReviewFlow = z.output<typeof reviewFlowSchema>;
