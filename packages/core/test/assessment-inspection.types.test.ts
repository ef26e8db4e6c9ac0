/**
 * Type tests for the public API of issue 11's assessment and inspection parts: wrong calls must
 * not compile (`@ts-expect-error`), and each mode's result has its own type.
 */
import { expect } from 'chai';
import { compareInspections, drawSpotCheck, type InspectionComparison, type InspectionFinding } from '../src/inspection.js';
import { disputeFacts, reviewTrail, verifyReviewTrail, type ReviewTrailVerification, type SheetReview } from '../src/assessment/index.js';
import type { Roster } from '../src/pairing/index.js';
import type { CoverageReport } from '../src/pairing/check.js';

describe('types of the inspection, trail and dispute-facts API', () => {
  it('compile as documented', () => {
    // Only checked by the compiler: the functions are never called.
    const never = (_: () => unknown) => undefined;
    never(() => {
      const roster = null as unknown as Roster;
      const report = null as unknown as CoverageReport;
      const strict: InspectionFinding[] = compareInspections(roster, []);
      const lenient: InspectionComparison = compareInspections(roster, [], { mode: 'lenient' });
      // @ts-expect-error lenient mode returns findings with their issues, not a bare list
      const wrong: InspectionFinding[] = compareInspections(roster, [], { mode: 'lenient' });
      drawSpotCheck(report, roster, { seed: 1, size: 10 });
      drawSpotCheck(report, roster, { seed: 1, share: 0.1, scope: '530627' });
      // @ts-expect-error an unknown unit does not compile
      drawSpotCheck(report, roster, { seed: 1, size: 10, unit: 'township' });
      // @ts-expect-error the seed is a number
      drawSpotCheck(report, roster, { seed: '1', size: 10 });
      const review = null as unknown as SheetReview;
      const check = async (): Promise<ReviewTrailVerification> => verifyReviewTrail(await reviewTrail(review), { review, head: { seq: 6, hash: 'abc' } });
      // @ts-expect-error the head is the published { seq, hash }, not a bare hash
      void verifyReviewTrail([], { head: 'abc' });
      // @ts-expect-error a link from case to cadre returns ids
      disputeFacts([], { cadreOf: () => 1 });
      return [strict, lenient, wrong, check];
    });
    expect(true).to.equal(true);
  });
});
