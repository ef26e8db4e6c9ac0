/**
 * Issue 11, the four-level review: impossible times and adjustments the facts would refuse are
 * refused with typed errors (regressions), and the review's steps are on a hash-chained trail
 * whose verification catches any changed, removed, inserted or reordered step (fast-check,
 * 10,000 tampers). Real Zhaotong hierarchy.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { type Hierarchy } from '../src/index.js';
import { Roster } from '../src/pairing/index.js';
import {
  AssessmentError,
  EXAMPLE_CADRE_RUBRIC,
  computeFacts,
  describeReviewTrail,
  period,
  reviewQueue,
  reviewSheet,
  reviewTrail,
  scoreAll,
  sheetReviewSchema,
  startReview,
  verifyReviewTrail,
  type ReviewRequest,
  type ReviewTrailEntry,
  type Reviewer,
  type RubricInput,
  type SheetReview,
} from '../src/assessment/index.js';
import { describeError } from '../src/errors/index.js';
import { SchemaError } from '../src/errors/schema.js';
import { generateRoster } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

const Y2024 = period('year', 2024);
// A digest of the page's own (Web Crypto, in Node and in browsers), given explicitly.
const sha256 = async (b: Uint8Array<ArrayBuffer>): Promise<Uint8Array> => new Uint8Array(await crypto.subtle.digest('SHA-256', b));

describe('assessment: review steps refused as the facts would refuse them, and the review trail (issue 11)', function () {
  this.timeout(180_000);
  let h: Hierarchy;
  let sheets: SheetReview[];
  const rubric: RubricInput = {
    ...EXAMPLE_CADRE_RUBRIC,
    facts: [...(EXAMPLE_CADRE_RUBRIC.facts ?? []), { name: 'evaluation', type: 'number', source: 'manual', min: 0, max: 100, default: 80 }],
  };
  const teamOf = (r: SheetReview) => {
    const place = r.subject.place!;
    const tw = h.parentOf(place)!.code;
    return {
      village: { id: 'V01', level: 'village', scope: place } as Reviewer,
      township: { id: 'T01', level: 'township', scope: tw } as Reviewer,
      county: { id: 'X01', level: 'county', scope: h.parentOf(tw)!.code } as Reviewer,
      city: { id: 'S01', level: 'city', scope: '5306' } as Reviewer,
    };
  };
  const ctx = () => ({ hierarchy: h, rubric });
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).to.be.instanceOf(AssessmentError);
      for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(describeError(e, lang)).to.not.match(/error\.|assessment\.|expect\./);
      expect(describeError(e, 'zh-Hans')).to.not.match(/Invalid|expected|must/);
      return e as AssessmentError;
    }
    return expect.fail('the step was taken');
  };

  before(async () => {
    h = (await edition('2023')).subtree('5306');
    const roster = Roster.from(h, generateRoster(h, { scope: '530602', year: 2024, seed: 5 }));
    const facts = computeFacts(roster, Y2024, { rubric });
    const scores = scoreAll(rubric, facts);
    sheets = Array.from({ length: 12 }, (_, r) => startReview(scores.sheet(r)));
  });

  it('refuses impossible times and trailing text, in the request and for the drafting (regression)', () => {
    const r = sheets[0]!;
    const t = teamOf(r);
    for (const at of ['2025-02-30T09:00:00+08:00', '2025-01-06T24:00:00+08:00', '2025-01-06T09:60:00+08:00', '2025-01-06T09:00:00+15:00', '2025-01-06 09:00', '2025-01-06T09:00:00+08:00 ', '2025-01-06T09:00:00+08:00x', '']) {
      const e = refusal(() => reviewSheet(r, { action: 'submit', by: t.village, at }, ctx()));
      expect(e.code, at).to.equal('review.bad-time');
    }
    expect(refusal(() => startReview(r.sheets[0]!, { by: t.village, at: '2024-02-30T10:00:00+08:00' })).code).to.equal('review.bad-time');
    expect(refusal(() => startReview(r.sheets[0]!, { by: { id: 'V', level: 'hamlet', scope: 'x' } as unknown as Reviewer, at: '2025-01-05T10:00:00+08:00' })).code).to.equal('review.bad-reviewer');
    // A step before the drafting is out of order.
    const drafted = startReview(r.sheets[0]!, { by: t.village, at: '2025-01-05T10:00:00+08:00' });
    expect(refusal(() => reviewSheet(drafted, { action: 'submit', by: t.village, at: '2025-01-05T09:59:00+08:00' }, ctx())).code).to.equal('review.time-order');
    // Offsets compare as instants: 09:00+08:00 is 01:00Z, after 00:30Z.
    const submitted = reviewSheet(drafted, { action: 'submit', by: t.village, at: '2025-01-06T09:00:00+08:00' }, ctx());
    expect(reviewSheet(submitted, { action: 'review', by: t.township, at: '2025-01-06T01:30:00Z' }, ctx()).state).to.equal('reviewed');
    expect(refusal(() => reviewSheet(submitted, { action: 'review', by: t.township, at: '2025-01-06T00:30:00Z' }, ctx())).code).to.equal('review.time-order');
    // An unknown action is a bad request, not a bad reviewer.
    const bad = refusal(() => reviewSheet(r, { action: 'sign', by: t.village, at: '2025-01-06T09:00:00+08:00' } as unknown as ReviewRequest, ctx()));
    expect(bad.code).to.equal('review.bad-request');
    expect(bad.describe('zh-Hans')).to.equal('审核请求的“操作”无效');
  });

  it('refuses adjustments the facts would refuse: unknown, computed or provided facts, values outside type or range, repeats (regression)', () => {
    const r = reviewSheet(sheets[1]!, { action: 'submit', by: teamOf(sheets[1]!).village, at: '2025-01-06T09:00:00+08:00' }, ctx());
    const t = teamOf(r);
    const adjust = (adjustments: ReviewRequest['adjustments']) => () => reviewSheet(r, { action: 'adjust', by: t.township, at: '2025-01-06T10:00:00+08:00', reason: '核实', adjustments }, ctx());
    expect(refusal(adjust([{ fact: 'noSuchFact', value: 1 }])).code).to.equal('review.unknown-fact');
    expect(refusal(adjust([{ fact: 'pairedVisits', value: 9 }])).code).to.equal('review.not-manual'); // computed from the ledgers
    const count = refusal(adjust([{ fact: 'tasksCompleted', value: 2.5 }]));
    expect(count.code).to.equal('review.bad-value');
    expect(count.describe('zh-Hans')).to.equal('不能把“tasksCompleted”调整为 2.5：应为不小于 0 的整数');
    expect(count.describe('en')).to.equal('"tasksCompleted" cannot be adjusted to 2.5: it must be a whole number of at least 0');
    expect(refusal(adjust([{ fact: 'tasksCompleted', value: -1 }])).code).to.equal('review.bad-value');
    const high = refusal(adjust([{ fact: 'evaluation', value: 120 }]));
    expect(high.code).to.equal('review.bad-value');
    expect(high.describe('zh-Hant')).to.equal('不能把「evaluation」調整為 120：不能大於 100');
    expect(refusal(adjust([{ fact: 'evaluation', value: Number.NaN }])).code).to.equal('review.bad-request');
    expect(refusal(adjust([{ fact: 'tasksCompleted', value: 1 }, { fact: 'tasksCompleted', value: 2 }])).code).to.equal('review.duplicate-adjustment');
    // A value the declaration admits is taken, and re-scored.
    expect(reviewSheet(r, { action: 'adjust', by: t.township, at: '2025-01-06T10:00:00+08:00', reason: '民主测评', adjustments: [{ fact: 'evaluation', value: 95.5 }] }, ctx()).sheets).to.have.length(2);
    // The same rules hold for manual entries (one function decides both).
    expect(refusal(() => computeFacts(Roster.from(h, { cadres: [], pairings: [], visits: [] }), Y2024, { rubric, manual: [] }).withEntries([{ subject: 'x', period: '2024', fact: 'evaluation', value: 101, evidence: '测评表', author: 'T01', at: '2025-01-06T10:00:00+08:00' }])).code).to.equal('facts.bad-entry');
  });

  it('refuses a misspelt flow, a reviewer of the wrong shape and a bad policy with typed errors, never a raw zod error (regression)', () => {
    const r = sheets[4]!;
    const t = teamOf(r);
    let e: unknown;
    try {
      reviewSheet(r, { action: 'submit', by: t.village, at: '2025-01-06T09:00:00+08:00' }, { ...ctx(), flow: { sumbit: 'township' } as never });
    } catch (err) {
      e = err;
    }
    expect(e).to.be.instanceOf(SchemaError);
    expect((e as SchemaError).issues.map((i) => [i.field, i.reason])).to.deep.equal([['sumbit', 'value.unknown-key']]);
    expect(describeError(e, 'zh-Hans')).to.include('审核流程');
    expect(refusal(() => reviewQueue([r], { id: 'T01', level: 'township' } as Reviewer, h)).code).to.equal('review.bad-reviewer');
    expect(reviewQueue([reviewSheet(r, { action: 'submit', by: t.village, at: '2025-01-06T09:00:00+08:00' }, ctx())], t.township, h)).to.have.length(1);
    expect(() => computeFacts(Roster.from(h, { cadres: [], pairings: [], visits: [] }), Y2024, { policy: { minVisitsPerYear: -1 } as never })).to.throw(SchemaError);
  });

  it('refuses fact declarations whose bounds are contradictory or exclude the default', async () => {
    const { validateRubric } = await import('../src/assessment/index.js');
    const v = validateRubric({ ...rubric, facts: [...rubric.facts!, { name: 'a', type: 'number', source: 'manual', min: 5, max: 1 }, { name: 'b', type: 'count', source: 'manual', min: 1 }] });
    expect(v.ok).to.equal(false);
    expect(v.issues.map((i) => [i.code, i.details['fact']])).to.deep.equal([
      ['rubric.fact-range', 'a'],
      ['rubric.fact-default', 'b'],
    ]);
  });

  /** A review through every level: drafted, submitted, adjusted, reviewed, returned, …, published. */
  const fullReview = (r0: SheetReview, k: number): SheetReview => {
    const t = teamOf(r0);
    let r = startReview(r0.sheets[0]!, { by: t.village, at: '2025-01-05T10:00:00+08:00' });
    let minute = 0;
    const at = () => `2025-01-06T${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute++ % 60).padStart(2, '0')}:00+08:00`;
    const step = (by: Reviewer, action: ReviewRequest['action'], more: Partial<ReviewRequest> = {}) => (r = reviewSheet(r, { action, by, at: at(), ...more }, ctx()));
    step(t.village, 'submit');
    if (k % 2 === 0) step(t.township, 'adjust', { reason: '验收补录', adjustments: [{ fact: 'tasksCompleted', value: 1 + (k % 4) }] });
    if (k % 3 === 0) {
      step(t.township, 'return', { reason: '材料不全' });
      step(t.village, 'submit');
    }
    step(t.township, 'review');
    step(t.county, 'approve');
    if (k % 4 === 1) step(t.city, 'adjust', { reason: '民主测评', adjustments: [{ fact: 'evaluation', value: 70 + k }] });
    step(t.city, 'publish');
    if (k % 5 === 2) step(t.city, 'correct', { reason: '更正', adjustments: [{ fact: 'commendations', value: 1 }] });
    return r;
  };

  it('records who drafted, reviewed, adjusted and approved, and when, on a trail that verifies; stored steps are immutable', async () => {
    const review = fullReview(sheets[2]!, 2);
    const trail = await reviewTrail(review);
    expect(trail.map((e) => [e.step, e.action, e.by, e.level])).to.deep.equal([
      [0, 'draft', 'V01', 'village'],
      [1, 'submit', 'V01', 'village'],
      [2, 'adjust', 'T01', 'township'],
      [3, 'review', 'T01', 'township'],
      [4, 'approve', 'X01', 'county'],
      [5, 'publish', 'S01', 'city'],
      [6, 'correct', 'S01', 'city'],
    ]);
    expect(trail.every((e) => /^[0-9a-f]{64}$/.test(e.hash) && /^[0-9a-f]{64}$/.test(e.sheet))).to.equal(true);
    const ok = await verifyReviewTrail(trail, { review, head: { seq: trail.at(-1)!.seq, hash: trail.at(-1)!.hash } });
    expect(ok).to.deep.equal({ ok: true, count: 7, head: { seq: 6, hash: trail.at(-1)!.hash } });
    expect(describeReviewTrail(ok, 'zh-Hans')).to.equal('审核链完好：共 7 步');
    // A digest given explicitly gives the same hashes as the default one.
    expect((await reviewTrail(review, { digest: sha256 })).map((e) => e.hash)).to.deep.equal(trail.map((e) => e.hash));
    // Appending: stored entries are kept as they are, the same objects.
    const partial = await reviewTrail({ ...review, steps: review.steps.slice(0, 3), state: review.steps[2]!.to, sheets: review.sheets.slice(0, review.steps[2]!.revision) });
    const extended = await reviewTrail(review, { trail: partial });
    expect(extended.map((e) => e.hash)).to.deep.equal(trail.map((e) => e.hash));
    for (let i = 0; i < partial.length; i++) expect(extended[i]).to.equal(partial[i]);
    // A review whose earlier steps differ from the stored trail cannot extend it.
    const rewritten = { ...review, steps: review.steps.map((s, i) => (i === 1 ? { ...s, by: 'T02' } : s)) };
    try {
      await reviewTrail(rewritten, { trail: partial });
      expect.fail('extended');
    } catch (e) {
      expect(e).to.be.instanceOf(AssessmentError);
      expect((e as AssessmentError).code).to.equal('review.trail-mismatch');
    }
    // Stored steps and entries are frozen: changing one in memory fails and changes nothing.
    expect(() => {
      (review.steps[0] as { by: string }).by = 'forged';
    }).to.throw(TypeError);
    expect(() => {
      (trail[1] as { by: string }).by = 'forged';
    }).to.throw(TypeError);
    expect(() => (trail as ReviewTrailEntry[]).pop()).to.throw(TypeError);
    expect((await verifyReviewTrail(trail, { review })).ok).to.equal(true);
    // A review kept as JSON keeps its drafting.
    expect(sheetReviewSchema.parse(JSON.parse(JSON.stringify(review))).drafted).to.deep.equal(review.drafted);
  });

  it('names a changed, removed, inserted or reordered step, in three languages', async () => {
    const review = fullReview(sheets[3]!, 3);
    const trail = (await reviewTrail(review)).map((e) => JSON.parse(JSON.stringify(e)) as ReviewTrailEntry);
    const head = { seq: trail.at(-1)!.seq, hash: trail.at(-1)!.hash };
    const check = async (t: unknown[], options: { review?: SheetReview; head?: { seq: number; hash: string } } = { head }) => verifyReviewTrail(t, options);
    const changed = trail.map((e, i) => (i === 3 ? { ...e, by: 'T02' } : e));
    const v1 = await check(changed);
    expect(v1).to.include({ ok: false, position: 3, problem: 'altered', by: 'T02' });
    expect(trail.map((e) => e.action)).to.deep.equal(['draft', 'submit', 'return', 'submit', 'review', 'approve', 'publish']);
    expect(describeReviewTrail(v1, 'zh-Hans')).to.equal(`第 4 步（提交，T02，${trail[3]!.at}）被改动过`);
    expect(describeReviewTrail(v1, 'zh-Hant')).to.equal(`第 4 步（提交，T02，${trail[3]!.at}）被改動過`);
    expect(describeReviewTrail(v1, 'en')).to.equal(`step 4 (submit, T02, ${trail[3]!.at}) was altered`);
    expect(await check(trail.filter((_, i) => i !== 2))).to.include({ ok: false, position: 2, problem: 'missing', missing: 1 });
    expect(await check([trail[0], trail[2], trail[1], ...trail.slice(3)])).to.include({ ok: false, problem: 'reordered' });
    expect(await check(trail.slice(0, -1))).to.include({ ok: false, problem: 'truncated' });
    expect(await check(trail.slice(0, -1), { review })).to.include({ ok: false, problem: 'unrecorded', position: trail.length - 1 });
    expect(await check([...trail.slice(0, 2), trail[1], ...trail.slice(2)])).to.include({ ok: false, problem: 'inserted' });
    // The sheet rewritten behind the trail: the review's revision no longer has the hash its step holds.
    const forgedSheets = review.sheets.map((s, i) => (i === 0 ? { ...s, total: s.total + 5 } : s));
    expect(await check(trail, { review: { ...review, sheets: forgedSheets }, head })).to.include({ ok: false, position: 0, problem: 'differs' });
    expect(await check([...trail.slice(0, 2), { nonsense: true }])).to.include({ ok: false, position: 2, problem: 'malformed' });
    expect(describeReviewTrail((await check([null])) as never, 'zh-Hans')).to.equal('第 1 步不是审核链的记录');
    expect(await verifyReviewTrail(null as unknown as unknown[])).to.include({ ok: false, problem: 'malformed' });
    // A review read back with a broken number is refused as a record, not hashed.
    const broken = JSON.parse(JSON.stringify(review)) as SheetReview;
    (broken.sheets[0] as { total: unknown }).total = 'NaN';
    try {
      await reviewTrail(broken);
      expect.fail('chained');
    } catch (e) {
      expect(e).to.be.instanceOf(SchemaError);
    }
  });

  it('catches any tamper of a stored trail (fast-check, 10,000 cases)', async () => {
    const pool = await Promise.all(sheets.map(async (s, k) => {
      const review = fullReview(s, k);
      const trail = (await reviewTrail(review, { digest: sha256 })).map((e) => JSON.parse(JSON.stringify(e)) as ReviewTrailEntry);
      return { review, trail, head: { seq: trail.at(-1)!.seq, hash: trail.at(-1)!.hash } };
    }));
    const fields = ['by', 'at', 'action', 'level', 'scope', 'reason', 'revision', 'sheet', 'seq', 'prev', 'hash', 'subject', 'step'] as const;
    const tamper = fc.oneof(
      fc.record({ op: fc.constant('change' as const), at: fc.nat(), field: fc.constantFrom(...fields), value: fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -3, max: 30 }), fc.constantFrom('2025-01-06T09:00:00+08:00', 'S01', 'approve', 'county')) }),
      fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ op: fc.constant('graft' as const), at: fc.nat(), from: fc.nat() }),
    );
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: pool.length - 1 }), tamper, fc.boolean(), async (k, t, withReview) => {
        const { review, trail, head } = pool[k]!;
        const n = trail.length;
        let forged: unknown[] = trail.slice();
        const i = t.at % n;
        if (t.op === 'change') {
          const before = (trail[i] as unknown as Record<string, unknown>)[t.field];
          fc.pre(before !== t.value);
          forged[i] = { ...trail[i], [t.field]: t.value };
        } else if (t.op === 'remove') forged.splice(i, 1);
        else if (t.op === 'swap') {
          const j = t.with % n;
          fc.pre(i !== j);
          [forged[i], forged[j]] = [forged[j], forged[i]];
        } else if (t.op === 'duplicate') forged.splice(t.to % (n + 1), 0, trail[i]);
        else {
          // An entry of another sheet's trail put in place of one of this trail's.
          const other = pool[(k + 1 + (t.from % (pool.length - 1))) % pool.length]!.trail;
          forged[i] = other[Math.min(i, other.length - 1)];
          fc.pre(JSON.stringify(forged[i]) !== JSON.stringify(trail[i]));
        }
        const v = await verifyReviewTrail(forged, { head, digest: sha256, ...(withReview ? { review } : {}) });
        expect(v.ok, `${t.op} ${JSON.stringify(t)}`).to.equal(false);
        if (!v.ok) for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(describeReviewTrail(v, lang)).to.not.match(/review\.trail|\{(step|n|action|by|at|missing|count)\}/);
        checked++;
        forged = [];
      }),
      { seed: 11_2026, numRuns: 10_000 },
    );
    expect(checked).to.be.at.least(9_000);
  });
});
