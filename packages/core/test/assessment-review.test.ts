import { expect } from 'chai';
import { type Hierarchy } from '../src/index.js';
import { Roster } from '../src/pairing/index.js';
import {
  AssessmentError,
  EXAMPLE_CADRE_RUBRIC,
  computeFacts,
  currentSheet,
  describeAssessmentError,
  period,
  reviewQueue,
  reviewSheet,
  scoreAll,
  sheetReviewSchema,
  startReview,
  type ReviewRequest,
  type Reviewer,
  type SheetReview,
} from '../src/assessment/index.js';
import { generateRoster } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

const Y2024 = period('year', 2024);

describe('assessment: four-level review (一级对一级把关) on the real Zhaotong hierarchy', function () {
  this.timeout(180_000);

  let h: Hierarchy;
  let reviews: SheetReview[];
  let village: Reviewer, township: Reviewer, county: Reviewer, city: Reviewer;
  let otherTownship: Reviewer, otherVillage: Reviewer;
  const context = () => ({ hierarchy: h, rubric: EXAMPLE_CADRE_RUBRIC });
  let clock = 0;
  /** Times are passed in, a minute apart: nothing reads the clock. */
  const at = () => `2025-01-${String(6 + Math.floor(clock / 600)).padStart(2, '0')}T${String(8 + Math.floor((clock % 600) / 60)).padStart(2, '0')}:${String(clock++ % 60).padStart(2, '0')}:00+08:00`;
  const act = (r: SheetReview, by: Reviewer, action: ReviewRequest['action'], more: Partial<ReviewRequest> = {}) => reviewSheet(r, { action, by, at: at(), ...more }, context());
  /** The village, township and county reviewers answering for a review's subject. */
  const team = (r: SheetReview) => {
    const place = r.subject.place!;
    const tw = h.parentOf(place)!.code;
    return {
      village: { ...village, scope: place },
      township: { ...township, scope: tw },
      county: { ...county, scope: h.parentOf(tw)!.code },
    };
  };
  const refused = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).to.be.instanceOf(AssessmentError);
      return e as AssessmentError;
    }
    return expect.fail('the step was taken');
  };

  before(async () => {
    h = (await edition('2023')).subtree('5306');
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 7 });
    const roster = Roster.from(h, demo);
    const facts = computeFacts(roster, Y2024, { rubric: EXAMPLE_CADRE_RUBRIC });
    const scores = scoreAll(EXAMPLE_CADRE_RUBRIC, facts);
    reviews = Array.from({ length: 60 }, (_, r) => startReview(scores.sheet(r)));
    const place = reviews[0]!.subject.place!;
    const townshipCode = h.parentOf(place)!.code;
    village = { id: 'V01', name: '村级审核', level: 'village', scope: place };
    township = { id: 'T01', level: 'township', scope: townshipCode };
    county = { id: 'X01', level: 'county', scope: h.parentOf(townshipCode)!.code };
    city = { id: 'S01', level: 'city', scope: '5306' };
    otherTownship = { id: 'T99', level: 'township', scope: h.descendantsOf('5306', 'township').find((t) => !place.startsWith(t.code))!.code };
    otherVillage = { id: 'V99', level: 'village', scope: h.descendantsOf(townshipCode, 'village').find((v) => v.code !== place)!.code };
  });

  it('follows the legal path, recording every step with who and when, adjusting a manual item with a reason', () => {
    let r = reviews[0]!;
    expect(r.state).to.equal('draft');
    r = act(r, village, 'submit');
    r = act(r, township, 'adjust', { reason: '任务清单验收补录', adjustments: [{ fact: 'tasksAssigned', value: 4 }, { fact: 'tasksCompleted', value: 2, evidence: '验收单 2024-017' }] });
    expect(r.state).to.equal('submitted');
    r = act(r, township, 'review');
    r = act(r, county, 'approve');
    r = act(r, city, 'publish');
    expect(r.state).to.equal('published');
    expect(r.steps.map((s) => [s.action, s.from, s.to, s.by, s.level, s.revision])).to.deep.equal([
      ['submit', 'draft', 'submitted', 'V01', 'village', 1],
      ['adjust', 'submitted', 'submitted', 'T01', 'township', 2],
      ['review', 'submitted', 'reviewed', 'T01', 'township', 2],
      ['approve', 'reviewed', 'approved', 'X01', 'county', 2],
      ['publish', 'approved', 'published', 'S01', 'city', 2],
    ]);
    expect(r.steps.every((s) => /^2025-01-\d\dT/.test(s.at))).to.equal(true);
    expect(r.steps[1]!.reason).to.equal('任务清单验收补录');
    expect(r.steps[1]!.adjustments).to.deep.equal([
      { fact: 'tasksAssigned', from: 0, to: 4 },
      { fact: 'tasksCompleted', from: 0, to: 2, evidence: '验收单 2024-017' },
    ]);
    // The first revision stays as it was; the second is re-scored: tasks at half, 5 points fewer.
    const [first, second] = r.sheets;
    expect(first).to.deep.equal(reviews[0]!.sheets[0]);
    const tasks = (s: typeof first) => s!.sections.find((x) => x.id === 'work')!.lines.find((l) => l.item === 'tasks')!.points;
    expect(tasks(first)).to.equal(10);
    expect(tasks(second)).to.equal(5);
    expect(second!.facts['tasksCompleted']!.evidence).to.deep.equal({ source: 'manual', note: '验收单 2024-017', author: 'T01', at: r.steps[1]!.at });
    expect(sheetReviewSchema.parse(JSON.parse(JSON.stringify(r)))).to.deep.equal(r);
  });

  it('refuses illegal transitions, naming the state and the action, and records nothing', () => {
    const draft = reviews[1]!;
    const t = team(draft);
    const snapshot = JSON.parse(JSON.stringify(draft));
    for (const [by, action] of [
      [city, 'publish'],
      [t.township, 'review'],
      [t.county, 'approve'],
      [t.township, 'return'],
      [city, 'correct'],
    ] as const) {
      const e = refused(() => act(draft, by, action, { reason: '测试' }));
      expect(e.code, action).to.equal('review.illegal');
      expect(e.details).to.deep.equal({ state: 'draft', action });
    }
    expect(JSON.parse(JSON.stringify(draft))).to.deep.equal(snapshot);
    const submitted = act(draft, t.village, 'submit');
    expect(refused(() => act(submitted, t.village, 'submit')).details).to.deep.equal({ state: 'submitted', action: 'submit' });
    const e = refused(() => act(submitted, city, 'publish'));
    expect(describeAssessmentError(e, 'zh-Hans')).to.equal('处于“已提交”状态的成绩单不能“公布”');
    expect(describeAssessmentError(e, 'zh-Hant')).to.equal('處於「已提交」狀態的成績單不能「公佈」');
    expect(describeAssessmentError(e, 'en')).to.equal('a sheet in state "submitted" cannot take the action "publish"');
    expect(submitted.steps).to.have.length(1);
  });

  it('lets each level act only at its step, and only within its own division', () => {
    const draft = reviews.find((r, k) => k > 0 && r.subject.place === reviews[0]!.subject.place)!;
    expect(draft, 'another cadre of the same village').to.not.equal(undefined);
    const wrong = refused(() => act(draft, county, 'submit'));
    expect(wrong.code).to.equal('review.wrong-level');
    expect(describeAssessmentError(wrong, 'zh-Hans')).to.equal('“提交”应由村级审核人办理，X01 是县级审核人');
    // A place may let a higher level act in place of a lower one.
    expect(reviewSheet(draft, { action: 'submit', by: county, at: at() }, { ...context(), flow: { higherMayAct: true } }).state).to.equal('submitted');
    const out = refused(() => act(draft, otherVillage, 'submit'));
    expect(out.code).to.equal('review.out-of-scope');
    expect(out.details).to.include({ reviewer: 'V99', subject: draft.subject.id, place: draft.subject.place });
    const submitted = act(draft, village, 'submit');
    expect(refused(() => act(submitted, otherTownship, 'review')).code).to.equal('review.out-of-scope');
    expect(refused(() => act(submitted, { ...township, scope: county.scope }, 'review')).code).to.equal('review.bad-reviewer');
    expect(refused(() => act(submitted, { ...township, scope: '530699999' }, 'review')).code).to.equal('review.bad-reviewer');
    expect(act(submitted, township, 'review').state).to.equal('reviewed');
    // The queues: the township sees its submitted sheets, the other township none of them.
    const all = [submitted, ...reviews.slice(3, 40).map((r) => act(r, team(r).village, 'submit'))];
    const mine = reviewQueue(all, township, h).map((r) => r.subject.id);
    expect(mine).to.include(submitted.subject.id);
    expect(mine).to.deep.equal(all.filter((r) => r.subject.place!.startsWith(township.scope)).map((r) => r.subject.id));
    expect(mine.length).to.be.below(all.length);
    expect(reviewQueue(all, otherTownship, h).map((r) => r.subject.id)).to.not.include(submitted.subject.id);
    expect(reviewQueue(all, county, h)).to.deep.equal([]);
  });

  it('asks a reason to return, adjust or correct; adjusts manual facts only; keeps time in order', () => {
    const t = team(reviews[3]!);
    const submitted = act(reviews[3]!, t.village, 'submit');
    const tw = t.township;
    expect(refused(() => act(submitted, tw, 'return')).code).to.equal('review.reason-required');
    expect(refused(() => act(submitted, tw, 'return', { reason: '  ' })).code).to.equal('review.reason-required');
    expect(refused(() => act(submitted, tw, 'adjust', { adjustments: [{ fact: 'tasksCompleted', value: 1 }] })).code).to.equal('review.reason-required');
    expect(refused(() => act(submitted, tw, 'adjust', { reason: '补录' })).code).to.equal('review.no-adjustment');
    const notManual = refused(() => act(submitted, tw, 'adjust', { reason: '改走访次数', adjustments: [{ fact: 'pairedVisits', value: 9 }] }));
    expect(notManual.code).to.equal('review.not-manual');
    expect(notManual.details).to.deep.equal({ fact: 'pairedVisits' });
    const returned = act(submitted, tw, 'return', { reason: '台账附件不全' });
    expect(returned.state).to.equal('draft');
    expect(returned.steps[1]).to.include({ action: 'return', from: 'submitted', to: 'draft', reason: '台账附件不全', revision: 1 });
    expect(refused(() => reviewSheet(returned, { action: 'submit', by: t.village, at: '2024-12-31T23:59:00+08:00' }, context())).code).to.equal('review.time-order');
    expect(refused(() => reviewSheet(returned, { action: 'submit', by: t.village, at: '2025-01-10 09:00' }, context())).code).to.equal('review.bad-time');
  });

  it('freezes a published sheet; a correction is a new recorded step and revision, never an edit', () => {
    let r = reviews[4]!;
    const { village: vl, township: tw, county: cn } = team(r);
    r = act(r, vl, 'submit');
    r = act(r, tw, 'review');
    r = act(r, cn, 'approve');
    r = act(r, city, 'publish');
    const published = currentSheet(r);
    expect(Object.isFrozen(published)).to.equal(true);
    expect(Object.isFrozen(published.sections[0]!.lines[0])).to.equal(true);
    expect(() => {
      (published as { total: number }).total = 100;
    }).to.throw(TypeError);
    expect(Object.isFrozen(r.steps)).to.equal(true);
    expect(refused(() => act(r, city, 'adjust', { reason: '补录', adjustments: [{ fact: 'commendations', value: 1 }] })).details).to.deep.equal({ state: 'published', action: 'adjust' });
    expect(refused(() => act(r, cn, 'correct', { reason: '补录表彰', adjustments: [{ fact: 'commendations', value: 1 }] })).code).to.equal('review.wrong-level');
    const before = JSON.parse(JSON.stringify(r));
    const corrected = act(r, city, 'correct', { reason: '补录县级表彰', adjustments: [{ fact: 'commendations', value: 1, evidence: '县委政法委通报 2025-3 号' }] });
    expect(JSON.parse(JSON.stringify(r))).to.deep.equal(before);
    expect(corrected.state).to.equal('published');
    expect(corrected.sheets).to.have.length(2);
    expect(corrected.sheets[0]).to.deep.equal(published);
    expect(corrected.steps.at(-1)).to.deep.include({ action: 'correct', from: 'published', to: 'published', by: 'S01', reason: '补录县级表彰', revision: 2 });
    const bonus = (s: typeof published) => s.sections.find((x) => x.id === 'bonus')!.subtotal;
    expect(bonus(currentSheet(corrected))).to.equal(bonus(published) + 5);
    expect(currentSheet(corrected).total).to.equal(Math.min(100, published.total + 5));
  });
});
