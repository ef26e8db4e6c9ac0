/**
 * The four-level review of score sheets (一级对一级把关、一级对一级负责): a sheet moves draft →
 * submitted → reviewed → approved → published, each step taken by the level that vouches for
 * the one below, within its own part of the hierarchy. Every step is recorded with who, when
 * and why. Nothing is edited: an adjustment of a manual fact or a correction after publication
 * adds a new revision of the sheet, and a published sheet is frozen.
 *
 * The functions are pure: the time of a step is passed in, never read from the clock, and a
 * refused step throws an {@link AssessmentError} and records nothing.
 */
import { DIVISION_LEVELS } from '../hierarchy/codes.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { AssessmentError } from './errors.js';
import { hasOwn } from './formula.js';
import { scoreSheet } from './score.js';
import {
  REVIEW_LEVELS,
  reviewFlowSchema,
  reviewRequestSchema,
  reviewerSchema,
  type ReviewAction,
  type ReviewFlow,
  type ReviewLevel,
  type ReviewRequest,
  type ReviewState,
  type ReviewStep,
  type Reviewer,
  type Rubric,
  type RubricInput,
  type ScoreSheet,
  type SheetReview,
} from './schema.js';
import { deepFreeze, parseRubric } from './validate.js';
import { factValueProblem } from './values.js';
import { RECORD_FACT_MAP } from './catalogue.js';
import { timestampMs } from '../time/schema.js';
import { parseRecord, showValue } from '../errors/schema.js';

/** The division level each review level answers for. */
const SCOPE_LEVEL: Readonly<Record<ReviewLevel, (typeof DIVISION_LEVELS)[number]>> = { village: 'village', township: 'township', county: 'county', city: 'prefecture' };

/** The moves of the lifecycle: the action, the states it applies in, and where it leads. */
const MOVES: Readonly<Record<ReviewAction, { from: readonly ReviewState[]; to: ReviewState | null }>> = {
  submit: { from: ['draft'], to: 'submitted' },
  review: { from: ['submitted'], to: 'reviewed' },
  approve: { from: ['reviewed'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
  return: { from: ['submitted', 'reviewed', 'approved'], to: 'draft' },
  adjust: { from: ['draft', 'submitted', 'reviewed', 'approved'], to: null },
  correct: { from: ['published'], to: null },
};

/** The step of the flow whose level holds a sheet in each state (and so may adjust or return it). */
const HOLDER: Readonly<Record<ReviewState, keyof Omit<ReviewFlow, 'higherMayAct'>>> = {
  draft: 'submit',
  submitted: 'review',
  reviewed: 'approve',
  approved: 'publish',
  published: 'publish',
};

/** What {@link reviewSheet} needs besides the review and the request. */
export interface ReviewContext {
  /** The hierarchy the reviewers' scopes and the subjects' places are codes of. */
  hierarchy: Hierarchy;
  /** The sheet's rubric, to re-score after an adjustment or correction. */
  rubric: Rubric | RubricInput;
  /** Who takes which step (the default: village, township, county, city). */
  flow?: Partial<ReviewFlow>;
}

/**
 * Put a freshly scored sheet under review, as a draft (revision 1, no step yet). Given who
 * drafted it and when, the review keeps that as `drafted`, the first entry of its trail (see
 * `reviewTrail`); a drafter of the wrong shape is `review.bad-reviewer`, an impossible time
 * `review.bad-time`.
 * @example
 * const review = startReview(scoreSheet(rubric, facts.subject(row), period('year', 2024)));
 * review.state; // 'draft'
 * startReview(sheet, { by: { id: 'V01', level: 'village', scope: '530602001201' }, at: '2025-01-04T16:00:00+08:00' }).drafted?.by; // 'V01'
 */
export function startReview(sheet: ScoreSheet, drafted?: { by: Reviewer; at: string }): SheetReview {
  let who: SheetReview['drafted'];
  if (drafted !== undefined) {
    const by = reviewerSchema.safeParse(drafted?.by);
    if (!by.success) throw new AssessmentError('review.bad-reviewer', { reviewer: showValue(drafted?.by?.id), scope: showValue(drafted?.by?.scope), field: 'by' });
    if (typeof drafted.at !== 'string' || Number.isNaN(timestampMs(drafted.at))) throw new AssessmentError('review.bad-time', { at: showValue(drafted.at) });
    who = { by: by.data.id, level: by.data.level, scope: by.data.scope, at: drafted.at };
  }
  // A sheet is JSON data: a JSON copy is a deep copy (and structuredClone is missing from Chromium 83).
  const frozen = deepFreeze(JSON.parse(JSON.stringify(sheet)) as ScoreSheet);
  return deepFreeze({ subject: frozen.subject, period: frozen.period, rubric: { id: frozen.rubric.id, ...(frozen.rubric.version !== undefined ? { version: frozen.rubric.version } : {}) }, state: 'draft', ...(who ? { drafted: who } : {}), sheets: [frozen], steps: [] });
}

/**
 * The sheet as it stands: the latest revision.
 * @example
 * currentSheet(review).total;
 */
export function currentSheet(review: SheetReview): ScoreSheet {
  return review.sheets[review.sheets.length - 1]!;
}

/**
 * Take one step on a sheet and return the new review (the given one is unchanged). The steps:
 *
 * | action | from | to | who (default flow) |
 * |---|---|---|---|
 * | submit | draft | submitted | village |
 * | review | submitted | reviewed | township |
 * | approve | reviewed | approved | county |
 * | publish | approved | published | city |
 * | return (with a reason) | submitted, reviewed, approved | draft | the level holding it |
 * | adjust (with a reason) | draft … approved | the same, new revision | the level holding it |
 * | correct (with a reason) | published | published, new revision | city |
 *
 * `adjust` and `correct` change manual facts only (declared `source: 'manual'` in the rubric),
 * to values the fact's declaration admits (its type, `min` and `max`), and re-score. Refusals,
 * each an {@link AssessmentError}: `review.illegal` (the action does not apply in this state;
 * names both), `review.wrong-level`, `review.out-of-scope` (the subject is not within the
 * reviewer's division), `review.bad-reviewer` (a scope that is not a division of the reviewer's
 * level, or a reviewer of the wrong shape), `review.bad-request` (an unknown action, a field of
 * the wrong shape), `review.reason-required`, `review.no-adjustment`, `review.unknown-fact` (no
 * such fact), `review.not-manual` (a fact computed from the records or supplied by a provider),
 * `review.bad-value` (a value the fact refuses), `review.duplicate-adjustment`, `review.bad-time`
 * (not a real date and time with its offset), `review.time-order` (a step dated before the last
 * one), `review.rubric-mismatch`.
 * @example
 * const township = { id: 'T01', level: 'township', scope: '530602001' } as const;
 * let r = reviewSheet(review, { action: 'submit', by: villageReviewer, at: '2025-01-05T10:00:00+08:00' }, { hierarchy, rubric });
 * r = reviewSheet(r, { action: 'adjust', by: township, at: '2025-01-06T09:00:00+08:00', reason: '任务清单验收补录',
 *   adjustments: [{ fact: 'tasksCompleted', value: 6, evidence: '验收单 2024-017' }] }, { hierarchy, rubric });
 * r = reviewSheet(r, { action: 'review', by: township, at: '2025-01-06T09:05:00+08:00' }, { hierarchy, rubric });
 * r.steps.length; // 3
 */
export function reviewSheet(review: SheetReview, request: ReviewRequest, context: ReviewContext): SheetReview {
  const parsed = reviewRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const input = request as { at?: unknown; by?: { id?: unknown; scope?: unknown } } | null | undefined;
    // The time first: an impossible time is the refusal a clerk can act on.
    if (issues.some((i) => i.path[0] === 'at')) throw new AssessmentError('review.bad-time', { at: showValue(input?.at) });
    const by = issues.find((i) => i.path[0] === 'by');
    if (by) throw new AssessmentError('review.bad-reviewer', { reviewer: showValue(input?.by?.id), scope: showValue(input?.by?.scope), field: by.path.map(String).join('.') });
    throw new AssessmentError('review.bad-request', { field: issues[0]?.path.map(String).join('.') ?? '' });
  }
  const req = parsed.data;
  const flow = parseRecord(reviewFlowSchema, context.flow ?? {}, 'review-flow');
  const { action, by } = req;
  const state = review.state;
  const move = MOVES[action];
  if (!move.from.includes(state)) throw new AssessmentError('review.illegal', { state, action });
  const required = action === 'submit' || action === 'review' || action === 'approve' || action === 'publish' ? flow[action] : flow[HOLDER[state]];
  if (!levelMayAct(by.level, required, flow.higherMayAct)) throw new AssessmentError('review.wrong-level', { reviewer: by.id, level: by.level, required, action });
  checkScope(context.hierarchy, by, review);
  const reason = req.reason?.trim() ?? '';
  if ((action === 'return' || action === 'adjust' || action === 'correct') && reason === '') throw new AssessmentError('review.reason-required', { action });
  const last = review.steps[review.steps.length - 1] ?? review.drafted;
  if (last && timestampMs(req.at) < timestampMs(last.at)) throw new AssessmentError('review.time-order', { at: req.at, last: last.at });

  let sheets = review.sheets;
  let adjustments: ReviewStep['adjustments'];
  if (action === 'adjust' || action === 'correct') {
    const changes = req.adjustments ?? [];
    if (changes.length === 0) throw new AssessmentError('review.no-adjustment', { action });
    const rubric = parseRubric(context.rubric);
    if (rubric.id !== review.rubric.id || rubric.version !== review.rubric.version) throw new AssessmentError('review.rubric-mismatch', { expected: review.rubric.id, found: rubric.id });
    const sheet = currentSheet(review);
    const values: Record<string, number> = {};
    const evidence: Record<string, ScoreSheet['facts'][string]['evidence']> = {};
    for (const [name, f] of Object.entries(sheet.facts)) {
      values[name] = f.value;
      evidence[name] = f.evidence;
    }
    adjustments = [];
    const seen = new Set<string>();
    for (const a of changes) {
      const declared = rubric.facts.find((d) => d.name === a.fact);
      // A fact the rubric does not know, one computed from the records or supplied by a provider,
      // or a value the fact's declaration refuses, is refused as a manual entry of it would be.
      if (!declared && !RECORD_FACT_MAP.has(a.fact)) throw new AssessmentError('review.unknown-fact', { fact: a.fact });
      if (!declared || declared.source !== 'manual') throw new AssessmentError('review.not-manual', { fact: a.fact });
      if (seen.has(a.fact)) throw new AssessmentError('review.duplicate-adjustment', { fact: a.fact });
      seen.add(a.fact);
      const problem = factValueProblem(declared, a.value);
      if (problem !== null) throw new AssessmentError('review.bad-value', { fact: a.fact, value: a.value, reason: problem, ...(declared.min !== undefined ? { min: declared.min } : {}), ...(declared.max !== undefined ? { max: declared.max } : {}) });
      adjustments.push({ fact: a.fact, from: hasOwn(values, a.fact) ? values[a.fact]! : declared.default, to: a.value, ...(a.evidence !== undefined ? { evidence: a.evidence } : {}) });
      values[a.fact] = a.value;
      evidence[a.fact] = { source: 'manual', note: a.evidence ?? reason, author: by.id, at: req.at };
    }
    const next = scoreSheet(rubric, { subject: sheet.subject, period: sheet.period, values, evidence }, sheet.period);
    sheets = [...sheets, deepFreeze(next)];
  }
  const step: ReviewStep = {
    action,
    from: state,
    to: move.to ?? state,
    by: by.id,
    level: by.level,
    scope: by.scope,
    at: req.at,
    ...(reason !== '' ? { reason } : {}),
    revision: sheets.length,
    ...(adjustments ? { adjustments } : {}),
  };
  return deepFreeze({ ...review, state: step.to, sheets, steps: [...review.steps, step] });
}

/**
 * The reviews waiting for a reviewer: not published, held by the reviewer's level, with the
 * subject within the reviewer's division.
 * @example
 * reviewQueue(reviews, { id: 'T01', level: 'township', scope: '530602001' }, hierarchy)
 *   .map((r) => r.subject.id); // the submitted sheets of that township's cadres
 */
export function reviewQueue(reviews: readonly SheetReview[], reviewer: Reviewer, hierarchy: Hierarchy, flow: Partial<ReviewFlow> = {}): SheetReview[] {
  const f = parseRecord(reviewFlowSchema, flow, 'review-flow');
  // A reviewer of the wrong shape is refused, not silently given an empty queue.
  const who = reviewerSchema.safeParse(reviewer);
  if (!who.success) throw new AssessmentError('review.bad-reviewer', { reviewer: showValue((reviewer as { id?: unknown } | null)?.id), scope: showValue((reviewer as { scope?: unknown } | null)?.scope), field: 'by' });
  return reviews.filter((r) => {
    if (r.state === 'published' || f[HOLDER[r.state]] !== reviewer.level) return false;
    try {
      checkScope(hierarchy, reviewer, r);
      return true;
    } catch {
      return false;
    }
  });
}

function levelMayAct(level: ReviewLevel, required: ReviewLevel, higherMayAct: boolean): boolean {
  const have = REVIEW_LEVELS.indexOf(level);
  const need = REVIEW_LEVELS.indexOf(required);
  return have === need || (higherMayAct && have > need);
}

/** The reviewer's scope must be a division of their level, and hold the subject's place. */
function checkScope(h: Hierarchy, by: Reviewer, review: SheetReview): void {
  const scope = h.indexOf(by.scope);
  if (scope < 0 || h.levelAt(scope) !== DIVISION_LEVELS.indexOf(SCOPE_LEVEL[by.level])) {
    throw new AssessmentError('review.bad-reviewer', { reviewer: by.id, scope: by.scope, level: by.level });
  }
  const place = review.subject.place ?? '';
  const at = place === '' ? -1 : h.indexOf(place);
  if (at < scope || at >= h.subtreeEnd(scope)) throw new AssessmentError('review.out-of-scope', { reviewer: by.id, scope: by.scope, subject: review.subject.id, place });
}
