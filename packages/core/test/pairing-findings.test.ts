import { expect } from 'chai';
import fc from 'fast-check';
import { checkPairing, Roster, type Visit } from '../src/pairing/index.js';
import { findingWork } from '../src/visits/findings.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('findings are linear in the number of visits', function () {
  this.timeout(180_000);

  const zhaotong = async () => (await edition('2023')).subtree('5306');

  /** `n` visits by `k` cadres, each cadre alternating between its village and one in another county, never twice on one day in two counties. */
  async function bigLedger(n: number, k: number) {
    const h = await zhaotong();
    const home = h.descendantsOf('530602', 'village').map((d) => d.code);
    const away = h.descendantsOf('530621', 'village').map((d) => d.code);
    const cadres = Array.from({ length: k }, (_, i) => ({ id: `C${i}`, name: `干部${i}`, unit: '法院', rank: 'staff' as const }));
    const pairings = cadres.map((c, i) => ({ cadreId: c.id, role: 'village' as const, code: home[i]! }));
    const visits: Visit[] = [];
    // Days run through the year; a cadre's odd days go to the other county, so no day mixes counties.
    for (let i = 0; i < n; i++) {
      const c = i % k;
      const day = Math.floor(i / k) % 365;
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      visits.push({ id: `V${i}`, cadreId: `C${c}`, villageCode: day % 2 === 0 ? home[c]! : away[c]!, date, minutes: 90, households: 3, activities: ['law-class'] });
    }
    const awayVisits = visits.filter((v) => !home.includes(v.villageCode)).length;
    return { h, awayVisits, roster: Roster.from(h, { cadres, pairings, visits }) };
  }

  for (const [n, k] of [
    [100_000, 1],
    [60_000, 3],
  ] as const) {
    it(`reads each of ${n.toLocaleString('en')} visits by ${k} cadre(s) once, with one same-day probe each (was a comparison of every pair)`, async () => {
      const { roster, awayVisits } = await bigLedger(n, k);
      findingWork.visits = 0;
      findingWork.sameDayProbes = 0;
      const report = checkPairing(roster, { year: 2024, scope: '5306' });
      // Every visit is read once by the findings, and probed at most once for a same-day pair:
      // the old pairwise look made n²/2 comparisons (5 billion for 100,000 visits).
      expect(findingWork.visits).to.equal(n);
      expect(findingWork.sameDayProbes).to.be.at.most(n);
      expect(report.violations.filter((v) => v.code === 'commute.same-day-distant')).to.deep.equal([]);
      // The visits to the other county's village, not the cadre's own: each is reported.
      expect(awayVisits).to.be.greaterThan(n / 3);
      expect(report.violations.filter((v) => v.code === 'visit.unpaired-village')).to.have.length(awayVisits);
    });
  }

  it('finds the same same-day pair as comparing every pair of visits (seeded property)', async () => {
    const h = await zhaotong();
    const villages = ['530602', '530621', '530622'].flatMap((c) => h.descendantsOf(c, 'village').slice(0, 2).map((d) => d.code));
    const county = (code: string) => code.slice(0, 6);
    fc.assert(
      fc.property(fc.array(fc.record({ village: fc.constantFrom(...villages), day: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 14 }), (list) => {
        const visits: Visit[] = list.map((x, i) => ({ id: `V${i}`, cadreId: 'A', villageCode: x.village, date: `2024-05-0${x.day}`, minutes: 90, households: 2, activities: ['law-class'] }));
        const roster = Roster.from(h, { cadres: [{ id: 'A', name: '甲', unit: '法院', rank: 'staff' }], pairings: [{ cadreId: 'A', role: 'village', code: villages[0]! }], visits });
        const found = checkPairing(roster, { year: 2024, scope: '5306' }).violations.find((v) => v.code === 'commute.same-day-distant');
        let expected: [number, number] | null = null;
        for (let k = 0; k < list.length && !expected; k++) for (let j = 0; j < k && !expected; j++) if (list[j]!.day === list[k]!.day && county(list[j]!.village) !== county(list[k]!.village)) expected = [j, k];
        if (expected === null) expect(found).to.equal(undefined);
        else expect(found?.details['evidence']).to.equal(`V${expected[0]} V${expected[1]}`);
      }),
      { seed: 1106, numRuns: 1_000 },
    );
  });
});
