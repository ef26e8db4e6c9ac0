import { expect } from 'chai';
import type { CodeFate, EditionErrorCode, ErrorCode } from '../src/index.js';
import type { PlannerErrorCode, PlanResult, Shortage, Shortfall, ShortfallReason } from '../src/planner.js';

// Type tests of the planner's and the editions' public API: a wrong use must not compile
// (`npx tsc -p tsconfig.json --noEmit` fails if an `@ts-expect-error` line compiles).
describe('planner and editions: types', () => {
  it('names what a plan reports, and no surplus as a shortage', () => {
    const shortage: Shortage = { rule: 'everyTownshipLed', needed: 150, given: 147, of: 'divisional' };
    // @ts-expect-error surplus leaders are not a shortage any more (see PlanResult.surplus)
    const surplus: Shortage = { rule: 'leads', needed: 13, given: 11, of: 'prefectural' };
    const reason: ShortfallReason = 'no-free-cadre-in-county';
    // @ts-expect-error not a reason of the planner
    const wrong: ShortfallReason = 'no-cadres';
    const shortfall: Shortfall = { code: '530602001001', name: '双院子社区居民委员会', role: 'village', needed: 3, given: 2, reason, details: {} };
    // @ts-expect-error a shortfall names its unit's role
    const noRole: Shortfall = { code: '530602001001', name: '', needed: 3, given: 2, reason, details: {} };
    const keys: Array<keyof PlanResult> = ['feasible', 'shortages', 'shortfalls', 'surplus', 'pairings', 'cost', 'stats'];
    expect([shortage, surplus, wrong, shortfall, noRole, keys.length]).to.have.length(6);
  });

  it('puts the planner and edition codes in the one ErrorCode union', () => {
    const planner: PlannerErrorCode = 'planner.duplicate-cadre';
    const edition: EditionErrorCode = 'edition.unknown-code';
    const codes: ErrorCode[] = [planner, edition];
    // @ts-expect-error not a code of any domain
    const unknown: ErrorCode = 'planner.duplicate';
    expect([...codes, unknown]).to.have.length(3);
  });

  it('gives carryOver fates that a switch must handle', () => {
    const describe = (fate: CodeFate): string => {
      switch (fate.status) {
        case 'kept':
        case 'renamed':
        case 'moved':
        case 'succeeded':
        case 'new':
          return fate.code;
        case 'removed':
          // @ts-expect-error a removed unit has no code
          return fate.code.length > 0 ? '' : 'removed';
      }
    };
    expect(describe({ status: 'succeeded', code: '530602004' })).to.equal('530602004');
  });
});
