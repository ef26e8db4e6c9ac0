import { expect } from 'chai';
import fc from 'fast-check';
import { checkPairing, emptyTotals, mergeReports, PairingError, Roster, type CoverageReport } from '../src/pairing/index.js';
import { generateRoster } from '../src/demo/index.js';
import { describeError } from '../src/errors/index.js';
import { edition } from '../../../tests/fixtures/data.js';

/** The error a call throws (it must throw). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}

describe('mergeReports: only reports that add up', function () {
  this.timeout(180_000);

  const setup = async () => {
    const h = (await edition('2023')).subtree('5306');
    const roster = Roster.from(h, generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true }));
    return { h, roster };
  };

  it('refuses reports of different years, different policies or overlapping scopes, with typed errors in three languages', async () => {
    const { roster } = await setup();
    const a = checkPairing(roster, { year: 2024, scope: '530602' });
    const b = checkPairing(roster, { year: 2024, scope: '530621' });
    const refusals: Array<[CoverageReport[], string]> = [
      [[a, checkPairing(roster, { year: 2023, scope: '530621' })], 'report.merge-year'],
      // The same name with other numbers is another policy.
      [[a, checkPairing(roster, { year: 2024, scope: '530621', policy: { minVisitsPerYear: 6 } })], 'report.merge-policy'],
      [[a, checkPairing(roster, { year: 2024, scope: '530621', policy: { name: '另一政策' } })], 'report.merge-policy'],
      [[a, b, checkPairing(roster, { year: 2024, scope: '5306' })], 'report.merge-overlap'],
      [[a, a], 'report.merge-overlap'],
      [[b, a, checkPairing(roster, { year: 2024, scope: h530602Township(a) })], 'report.merge-overlap'],
      [[a, checkPairing(roster, { year: 2024 })], 'report.merge-overlap'],
    ];
    for (const [reports, code] of refusals) {
      const e = thrown(() => mergeReports(reports));
      expect(e, code).to.be.instanceOf(PairingError).with.property('code', code);
      for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(describeError(e, lang)).to.not.contain('error.');
    }
    expect(describeError(thrown(() => mergeReports([a, a])), 'zh-Hans')).to.contain('530602').and.contain('重叠');
    expect(mergeReports([a, b]).scopes).to.deep.equal(['530602', '530621']);
  });

  it('defines the empty merge: no scopes, zero totals, and nothing when merged with a report', async () => {
    const empty = mergeReports([]);
    expect(empty).to.deep.include({ scopes: [], totals: emptyTotals(), divisions: [], violations: [] });
    const { roster } = await setup();
    const a = checkPairing(roster, { year: 2024, scope: '530602' });
    expect(mergeReports([empty, a, mergeReports([])])).to.deep.equal(mergeReports([a]));
    expect(mergeReports([a])).to.deep.equal(a);
  });

  it('merges generated rosters split by scope, in any grouping, into the report of the whole (seeded property)', async () => {
    const h = (await edition('2023')).subtree('5306');
    const counties = h.childrenOf('5306').map((c) => c.code);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: counties.length, maxLength: counties.length }), (seed, quarterly, groupOf) => {
        const roster = Roster.from(h, generateRoster(h, { scope: '5306', year: 2024, seed, faults: true, visitsPerCadre: [2, 6] }));
        const policy = quarterly ? { visitEveryQuarter: true, minCadresPerVillage: 4 } : {};
        const whole = checkPairing(roster, { year: 2024, scope: '5306', policy });
        const parts = counties.map((c) => checkPairing(roster, { year: 2024, scope: c, policy }));
        // Parts grouped at random, each group merged, then the groups merged (some groups empty).
        const groups = [0, 1, 2, 3].map((g) => mergeReports(parts.filter((_, i) => groupOf[i] === g)));
        const merged = mergeReports(groups);
        expect({ ...merged, scopes: [] }).to.deep.equal({ ...whole, scopes: [] });
        expect([...merged.scopes].sort()).to.deep.equal([...counties].sort());
      }),
      { seed: 1107, numRuns: 6 },
    );
  });
});

/** A township of 昭阳区, from the report's division list. */
function h530602Township(report: CoverageReport): string {
  return report.divisions.find((d) => d.level === 'township')!.code;
}
