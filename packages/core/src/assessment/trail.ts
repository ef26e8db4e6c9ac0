/**
 * Tamper evidence for the four-level review: who drafted, reviewed, adjusted and approved a
 * score sheet, and when, on a hash-chained trail. Each step of a {@link SheetReview} becomes an
 * entry of the same chain as the dispute record (`chainEvents` / `verifyRecord` of the disputes
 * module: SHA-256 of the entry's canonical JSON, each entry holding the previous one's hash), so
 * one verifier and one canonical form serve both. An entry also holds the SHA-256 of the sheet
 * revision the step left, so a revision rewritten behind a step is caught too.
 *
 * What a chain alone cannot prove: someone who can rewrite the whole trail from some step on,
 * recomputing every hash, makes a chain that is consistent in itself. Keep the head hash
 * somewhere else (printed on the published score sheet, sent to the level above, stored in
 * another system) and pass it to {@link verifyReviewTrail}.
 */
import * as z from 'zod/mini';
import { canonicalJson, chainEvents, verifyRecord, type ChainHead, type RecordEntry, type RecordProblem, type Sha256 } from '../disputes/index.js';
import { type Lang, translate } from '../i18n/index.js';
import { timestampSchema } from '../time/schema.js';
import { parseRecord, showValue } from '../errors/schema.js';
import { AssessmentError } from './errors.js';
import { periodKey } from './period.js';
import { REVIEW_ACTIONS, REVIEW_LEVELS, REVIEW_STATES, sheetReviewSchema, type ReviewStep, type ScoreSheet, type SheetReview } from './schema.js';
import { deepFreeze } from './validate.js';

/**
 * One step of a review as the trail holds it: the sheet's subject, period and rubric; the step
 * (`draft` for the drafting, when {@link startReview} was told who drafted); its place in the
 * review (`step`, 0 for the first entry); and `sheet`, the SHA-256 of the revision the step left.
 */
export const reviewTrailStepSchema = z.strictObject({
  subject: z.string(),
  period: z.string(),
  rubric: z.string(),
  rubricVersion: z.optional(z.string()),
  step: z.number().check(z.int(), z.gte(0)),
  action: z.enum(['draft', ...REVIEW_ACTIONS]),
  from: z.enum(REVIEW_STATES),
  to: z.enum(REVIEW_STATES),
  by: z.string(),
  level: z.enum(REVIEW_LEVELS),
  scope: z.string(),
  at: timestampSchema,
  reason: z.optional(z.string()),
  revision: z.number().check(z.int(), z.gte(1)),
  adjustments: z.optional(z.array(z.strictObject({ fact: z.string(), from: z.number(), to: z.number(), evidence: z.optional(z.string()) }))),
  sheet: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expect.hash')),
});
/** A review step on the trail. */
export type ReviewTrailStep = z.output<typeof reviewTrailStepSchema>;
/** A review step on the trail, chained: `seq`, `prev` and `hash` as in the dispute record. */
export type ReviewTrailEntry = RecordEntry<ReviewTrailStep>;

/** Options of {@link reviewTrail} and {@link verifyReviewTrail}. */
export interface ReviewTrailOptions {
  /** A SHA-256 (see the disputes module's `Sha256`); Web Crypto by default. */
  digest?: Sha256;
}

const webCrypto: Sha256 = (bytes) => globalThis.crypto.subtle.digest('SHA-256', bytes);
const utf8 = new TextEncoder();

/**
 * The SHA-256 of a score sheet revision's canonical JSON, in lowercase hex.
 * @example
 * await sheetDigest(currentSheet(review)); // '3f1c…' (64 hex digits)
 */
export async function sheetDigest(sheet: ScoreSheet, options: ReviewTrailOptions = {}): Promise<string> {
  const digest = await (options.digest ?? webCrypto)(utf8.encode(canonicalJson(sheet)) as Uint8Array<ArrayBuffer>);
  const bytes = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The steps of a review as trail steps (without the chain fields), the drafting first when known. */
async function trailSteps(review: SheetReview, options: ReviewTrailOptions): Promise<ReviewTrailStep[]> {
  const base = {
    subject: review.subject.id,
    period: periodKey(review.period),
    rubric: review.rubric.id,
    ...(review.rubric.version !== undefined ? { rubricVersion: review.rubric.version } : {}),
  };
  const digests = await Promise.all(review.sheets.map((s) => sheetDigest(s, options)));
  const out: ReviewTrailStep[] = [];
  if (review.drafted) {
    const d = review.drafted;
    out.push({ ...base, step: 0, action: 'draft', from: 'draft', to: 'draft', by: d.by, level: d.level, scope: d.scope, at: d.at, revision: 1, sheet: digests[0]! });
  }
  review.steps.forEach((s: ReviewStep) => {
    out.push({
      ...base,
      step: out.length,
      action: s.action,
      from: s.from,
      to: s.to,
      by: s.by,
      level: s.level,
      scope: s.scope,
      at: s.at,
      ...(s.reason !== undefined ? { reason: s.reason } : {}),
      revision: s.revision,
      ...(s.adjustments ? { adjustments: s.adjustments.map((a) => ({ ...a })) } : {}),
      sheet: digests[s.revision - 1] ?? '',
    });
  });
  return out;
}

/**
 * The trail of a review: every step (and the drafting, when known) chained, with the hash of
 * the sheet revision each step left. Given the trail stored so far, only the new steps are
 * chained on: stored entries are kept as they are (the same frozen objects), never recomputed,
 * and a review whose earlier steps no longer match them is refused with
 * `review.trail-mismatch`. Entries are frozen.
 * @example
 * let trail = await reviewTrail(review);               // after the submit step
 * review = reviewSheet(review, { action: 'review', by: township, at: '2025-01-06T09:05:00+08:00' }, ctx);
 * trail = await reviewTrail(review, { trail });        // one more entry; the first is unchanged
 * publish({ seq: trail.at(-1)!.seq, hash: trail.at(-1)!.hash }); // the head, kept elsewhere
 */
export async function reviewTrail(review: SheetReview, options: ReviewTrailOptions & { trail?: readonly ReviewTrailEntry[] } = {}): Promise<readonly ReviewTrailEntry[]> {
  const stored = options.trail ?? [];
  // A review read back from storage is checked first: a NaN or a missing field is a SchemaError, not a broken hash.
  const steps = await trailSteps(parseRecord(sheetReviewSchema, review, 'sheet-review'), options);
  if (stored.length > steps.length) throw new AssessmentError('review.trail-mismatch', { position: steps.length + 1, subject: review.subject.id });
  for (let i = 0; i < stored.length; i++) {
    const { seq: _seq, prev: _prev, hash: _hash, ...content } = stored[i]!;
    if (canonicalJson(content) !== canonicalJson(steps[i])) throw new AssessmentError('review.trail-mismatch', { position: i + 1, subject: review.subject.id });
  }
  const last = stored[stored.length - 1];
  const after: ChainHead | undefined = last ? { seq: last.seq, hash: last.hash } : undefined;
  // The steps are checked as what they are, review steps (not as dispute events).
  const added = await chainEvents(steps.slice(stored.length), after, { schema: reviewTrailStepSchema, ...(options.digest ? { digest: options.digest } : {}) });
  return deepFreeze([...stored, ...added.map((e) => deepFreeze(e))]);
}

/**
 * What {@link verifyReviewTrail} found at the first bad entry, besides the chain's own problems
 * (`altered`, `missing`, `inserted`, `reordered`, `broken`, `truncated`): `malformed` (not a
 * trail entry at all), `foreign` (an entry of another sheet), `differs` (the review says
 * otherwise than the trail about this step), `unrecorded` (the review has steps the trail does
 * not: not yet sealed, or added behind the trail's back), `lost` (the trail has steps the review
 * no longer has).
 */
export type ReviewTrailProblem = RecordProblem | 'malformed' | 'foreign' | 'differs' | 'unrecorded' | 'lost';

/** The result of {@link verifyReviewTrail}. */
export type ReviewTrailVerification =
  | { ok: true; count: number; head: ChainHead }
  | {
      ok: false;
      count: number;
      /** The first bad entry's position (0-based; for `truncated` or `unrecorded`, the number of entries). */
      position: number;
      problem: ReviewTrailProblem;
      /** The step's action, who took it and when, where there is an entry there. */
      action?: string;
      by?: string;
      at?: string;
      /** For `missing`: how many entries are gone before it. */
      missing?: number;
    };

/**
 * Verify a review's trail: every entry's hash recomputed and every link checked (the dispute
 * record's `verifyRecord`), every entry of one sheet; with `head`, the published head (`{ seq,
 * hash }` of the last entry), a cut tail, an appended entry or a rewritten chain is caught; with `review`, each step of the review is compared with
 * its entry, and each revision of the sheet with the hash the entry holds. Names the first bad
 * entry and what is wrong ({@link ReviewTrailProblem}); {@link describeReviewTrail} says it in
 * three languages.
 * @example
 * const v = await verifyReviewTrail(trail, { review, head: publishedHead });
 * if (!v.ok) console.log(describeReviewTrail(v, 'zh-Hans')); // '第 3 步（审核，T01，2025-01-06T09:05:00+08:00）被改动过'
 */
export async function verifyReviewTrail(
  trail: readonly unknown[],
  options: ReviewTrailOptions & { review?: SheetReview; head?: ChainHead } = {},
): Promise<ReviewTrailVerification> {
  if (!Array.isArray(trail)) return { ok: false, count: 0, position: 0, problem: 'malformed' };
  const count = trail.length;
  const entries: ReviewTrailEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = trail[i];
    const ok =
      e !== null &&
      typeof e === 'object' &&
      reviewTrailStepSchema.safeParse(stepOf(e as ReviewTrailEntry)).success &&
      typeof (e as ReviewTrailEntry).seq === 'number' &&
      typeof (e as ReviewTrailEntry).prev === 'string' &&
      typeof (e as ReviewTrailEntry).hash === 'string';
    if (!ok) return { ok: false, count, position: i, problem: 'malformed' };
    entries.push(e as ReviewTrailEntry);
  }
  const chain = await verifyRecord(entries, { ...(options.digest ? { digest: options.digest } : {}), ...(options.head !== undefined ? { head: options.head } : {}) });
  if (!chain.ok) return { ok: false, count, position: chain.position, problem: chain.problem, ...(chain.missing !== undefined ? { missing: chain.missing } : {}), ...where(entries[chain.position]) };
  // One sheet, its steps in order: an entry of another sheet chained in is not this review's.
  const first = entries[0];
  for (let i = 0; i < count; i++) {
    const e = entries[i]!;
    if (e.subject !== first!.subject || e.period !== first!.period || e.rubric !== first!.rubric || e.rubricVersion !== first!.rubricVersion) return { ok: false, count, position: i, problem: 'foreign', ...where(e) };
    if (e.step !== i) return { ok: false, count, position: i, problem: 'reordered', ...where(e) };
  }
  if (options.review) {
    const expected = await trailSteps(parseRecord(sheetReviewSchema, options.review, 'sheet-review'), options);
    const n = Math.min(expected.length, count);
    for (let i = 0; i < n; i++) if (canonicalJson(stepOf(entries[i]!)) !== canonicalJson(expected[i])) return { ok: false, count, position: i, problem: 'differs', ...where(entries[i]) };
    if (expected.length > count) return { ok: false, count, position: count, problem: 'unrecorded', ...where(expected[count]) };
    if (expected.length < count) return { ok: false, count, position: expected.length, problem: 'lost', ...where(entries[expected.length]) };
  }
  return { ok: true, count, head: chain.head };
}

function stepOf(e: ReviewTrailEntry): ReviewTrailStep {
  const { seq: _seq, prev: _prev, hash: _hash, ...step } = e;
  return step;
}

function where(e: ReviewTrailStep | undefined): { action?: string; by?: string; at?: string } {
  if (!e || typeof e !== 'object') return {};
  const out: { action?: string; by?: string; at?: string } = {};
  if (typeof e.action === 'string') out.action = e.action;
  if (typeof e.by === 'string') out.by = e.by;
  if (typeof e.at === 'string') out.at = e.at;
  return out;
}

/**
 * A trail verification in a language: that the trail holds, or which step is wrong and how.
 * @example
 * describeReviewTrail(await verifyReviewTrail(trail, { head }), 'en');
 * // 'the review trail holds: 5 steps' or 'step 3 (review, T01, 2025-01-06T09:05:00+08:00) was altered'
 */
export function describeReviewTrail(v: ReviewTrailVerification, lang: Lang = 'zh-Hans'): string {
  if (v.ok) return translate('review.trail.ok', lang, { count: v.count });
  // An action of a forged entry may be anything: shown as it is (escaped) when the catalogue has no name for it.
  const named = v.action === undefined ? '' : translate(`review.action.${v.action}`, lang);
  const action = named === `review.action.${v.action}` ? showValue(v.action) : named;
  const step = v.action === undefined ? translate('review.trail.position', lang, { n: v.position + 1 }) : translate('review.trail.step', lang, { n: v.position + 1, action, by: showValue(v.by ?? ''), at: showValue(v.at ?? '') });
  return translate(`review.trail.${v.problem}`, lang, { step, missing: v.missing ?? 0, count: v.count });
}
