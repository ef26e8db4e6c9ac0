import { expect } from 'chai';
import { checkPairing, ledgerOf, Roster } from '../src/pairing/index.js';
import { compareInspections, drawSpotCheck } from '../src/inspection.js';
import { generateRoster } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('spot checks and ledgers on Zhaotong', function () {
  this.timeout(120_000);

  const setup = async () => {
    const h = (await edition('2023')).subtree('5306');
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
    const roster = Roster.from(h, demo);
    const report = checkPairing(roster, { year: 2024, scope: '5306' });
    return { h, demo, roster, report };
  };

  it('draws the same stratified sample for the same seed, a different one for another', async () => {
    const { roster, report } = await setup();
    const a = drawSpotCheck(report, roster, { seed: 1, size: 60 });
    const b = drawSpotCheck(report, roster, { seed: 1, size: 60 });
    const c = drawSpotCheck(report, roster, { seed: 2, size: 60 });
    expect(a.items).to.have.length(60);
    expect(a).to.deep.equal(b);
    expect(a.items.map((i) => i.id)).to.not.deep.equal(c.items.map((i) => i.id));
    expect(new Set(a.items.map((i) => i.id)).size).to.equal(60);
    // Every county is a stratum, with its share in proportion to its cadres.
    expect(a.strata).to.have.length(11);
    const total = a.strata.reduce((s, x) => s + x.population, 0);
    for (const s of a.strata) expect(Math.abs(s.drawn - (60 * s.population) / total)).to.be.lessThan(1);
    expect(a.strata.reduce((s, x) => s + x.drawn, 0)).to.equal(60);
    for (const item of a.items) expect(item.village.startsWith(item.stratum)).to.equal(true);
  });

  it('weighs flagged cadres more: they are drawn far more often than their share', async () => {
    const { roster, report, demo } = await setup();
    const flagged = new Set([...demo.planted.noVisits, ...demo.planted.fewVisits, ...demo.planted.driveBy, ...demo.planted.crammed, ...demo.planted.sameDay]);
    let hits = 0;
    let plain = 0;
    for (let seed = 1; seed <= 40; seed++) {
      hits += drawSpotCheck(report, roster, { seed, size: 200, flaggedWeight: 10 }).items.filter((i) => flagged.has(i.id)).length;
      plain += drawSpotCheck(report, roster, { seed, size: 200, flaggedWeight: 1 }).items.filter((i) => flagged.has(i.id)).length;
    }
    expect(hits).to.be.greaterThan(3 * plain);
    const villages = drawSpotCheck(report, roster, { seed: 5, size: 30, unit: 'village', strata: 'township' });
    expect(villages.items).to.have.length(30);
    expect(villages.items.every((i) => i.id.length === 12)).to.equal(true);
  });

  it('compares inspections with the ledger', async () => {
    const { roster, demo } = await setup();
    const visit = demo.visits[0]!;
    const base = { inspector: '市督查组', villageCode: visit.villageCode, cadreId: visit.cadreId };
    const found = compareInspections(roster, [
      { ...base, id: 'I1', date: visit.date, present: false, working: false },
      { ...base, id: 'I2', date: visit.date, present: true, working: true },
      { ...base, id: 'I3', date: '2024-02-29', present: false, working: false },
      { ...base, id: 'I4', date: visit.date, present: true, working: false },
    ]);
    expect(found.map((f) => f.outcome)).to.deep.equal(['contradicts-ledger', 'confirmed', demo.visits.some((v) => v.cadreId === visit.cadreId && v.date === '2024-02-29') ? 'contradicts-ledger' : 'absent', 'idle']);
    expect(found[0]!.ledgerVisits).to.include(visit.id);
  });

  it('keeps one ledger per cadre, in date order, with totals', async () => {
    const { roster, demo } = await setup();
    const cadre = demo.visits[10]!.cadreId;
    const ledger = ledgerOf(roster, cadre, 2024);
    const mine = demo.visits.filter((v) => v.cadreId === cadre);
    expect(ledger.lines.map((l) => l.visit).sort()).to.deep.equal(mine.map((v) => v.id).sort());
    expect(ledger.lines.map((l) => l.date)).to.deep.equal([...ledger.lines.map((l) => l.date)].sort());
    expect(ledger.totals.minutes).to.equal(mine.reduce((a, v) => a + v.minutes, 0));
    expect(ledger.totals.households).to.equal(mine.reduce((a, v) => a + v.households, 0));
    expect(ledger.lines[0]!.villageName).to.not.equal('');
    expect(ledgerOf(roster, 'nobody', 2024).lines).to.deep.equal([]);
  });

  it('keeps what the cadre noted on each visit', async () => {
    const { roster, demo } = await setup();
    const first = demo.visits[0]!;
    roster.addVisit({ ...first, id: 'noted', date: '2024-12-30', notes: '调解邻里纠纷一起，已达成口头协议' });
    roster.addVisit({ ...first, id: 'blank', date: '2024-12-31', notes: '' });
    const lines = ledgerOf(roster, first.cadreId, 2024).lines;
    expect(lines.find((l) => l.visit === 'noted')!.notes).to.equal('调解邻里纠纷一起，已达成口头协议');
    expect(lines.find((l) => l.visit === 'blank')).to.not.have.property('notes');
  });
});
