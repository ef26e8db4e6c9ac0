import { expect } from 'chai';
import { checkPairing, Roster, watchPairing } from '../src/pairing/index.js';
import { generateRoster } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('watching a roster: one new visit updates the check', function () {
  this.timeout(120_000);

  it('gives after each new visit the same report as a fresh check', async () => {
    const h = (await edition('2023')).subtree('5306');
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
    const roster = Roster.from(h, demo);
    const monitor = watchPairing(roster, { year: 2024, scope: '5306' });
    const before = monitor.totals();
    const told: number[] = [];
    const off = monitor.subscribe((m) => told.push(m.totals().visits));
    const few = demo.planted.fewVisits[0]!;
    const village = demo.pairings.find((p) => p.cadreId === few && p.role === 'village')!.code;
    const added = [
      { id: 'N1', cadreId: few, villageCode: village, date: '2024-06-01', minutes: 150, households: 6, activities: ['law-class' as const] },
      { id: 'N2', cadreId: few, villageCode: village, date: '2024-09-01', minutes: 150, households: 6, activities: ['public-opinion' as const] },
      { id: 'N3', cadreId: demo.planted.noVisits[0]!, villageCode: '530699100201', date: '2024-09-01', minutes: 150, households: 6, activities: [] },
    ];
    for (const v of added) {
      roster.addVisit(v);
      const fresh = checkPairing(roster, { year: 2024, scope: '5306' });
      expect(monitor.report()).to.deep.equal(fresh);
    }
    expect(monitor.totals().visits).to.be.greaterThan(before.visits);
    // Subscribers hear of each visit, after it is counted (the third went to an unknown village).
    expect(told).to.deep.equal([before.visits + 1, before.visits + 2, before.visits + 2]);
    off();
    monitor.stop();
    roster.addVisit({ ...added[0]!, id: 'N4' });
    expect(monitor.report()).to.not.deep.equal(checkPairing(roster, { year: 2024, scope: '5306' }));
  });

  it('follows the quarterly rule too: visits that fill a missing quarter clear it', async () => {
    const h = (await edition('2023')).subtree('5306');
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 3, faults: true, visitsPerCadre: [2, 3] });
    const roster = Roster.from(h, demo);
    const options = { year: 2024, scope: '530602', policy: { minVisitsPerYear: 3, visitEveryQuarter: true } };
    const monitor = watchPairing(roster, options);
    const missing = monitor.report().violations.filter((v) => v.code === 'visits.quarter-missing');
    expect(missing.length).to.be.greaterThan(0);
    const target = missing[0]!;
    const village = target.divisions[0]!;
    const quarters = String(target.details['quarters']).split(' ');
    let k = 0;
    for (const q of quarters) {
      const month = 3 * (Number(q.slice(1)) - 1) + 2;
      roster.addVisit({ id: `Q${k++}`, cadreId: target.cadres[0]!, villageCode: village, date: `2024-${String(month).padStart(2, '0')}-15`, minutes: 120, households: 3, activities: ['law-class'] });
      expect(monitor.report()).to.deep.equal(checkPairing(roster, options));
    }
    const after = monitor.report().violations.filter((v) => v.code === 'visits.quarter-missing' && v.cadres[0] === target.cadres[0]);
    expect(after).to.deep.equal([]);
  });
});
