import { expect } from 'chai';
import { checkPairing, describeViolation, mergeReports, Roster, type Cadre, type Pairing, type Visit } from '../src/pairing/index.js';
import { generateRoster } from '../src/demo/index.js';
import { RecordsError } from '../src/errors/schema.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('包掛聯 check on the real Zhaotong hierarchy', function () {
  this.timeout(120_000);

  const zhaotong = async () => (await edition('2023')).subtree('5306');
  const codesOf = (r: ReturnType<typeof checkPairing>, code: string) => r.violations.filter((v) => v.code === code);

  it('finds a clean generated roster fully covered and compliant (4,206 cadres for 1,402 villages)', async () => {
    const h = await zhaotong();
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 1 });
    expect(demo.cadres).to.have.length(4206);
    const report = checkPairing(Roster.from(h, demo), { year: 2024, scope: '5306' });
    expect(report.totals).to.include({ villages: 1402, villagesCovered: 1402, villagesUncovered: 0, townships: 150, townshipsLed: 150, counties: 11, countiesLed: 11, cadres: 4206, villagePairings: 4206, pairingsShort: 0, errors: 0 });
    expect(report.violations.filter((v) => v.severity === 'error')).to.deep.equal([]);
  });

  it('finds exactly the planted faults, each explained', async () => {
    const h = await zhaotong();
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
    const report = checkPairing(Roster.from(h, demo), { year: 2024, scope: '5306' });
    expect(codesOf(report, 'village.uncovered').map((v) => v.divisions[0]).sort()).to.deep.equal([...demo.planted.uncovered].sort());
    expect(codesOf(report, 'village.short').map((v) => v.divisions[0]).sort()).to.deep.equal([...demo.planted.short].sort());
    expect(codesOf(report, 'township.no-lead').map((v) => v.divisions[0])).to.deep.equal(demo.planted.unledTownship);
    expect(codesOf(report, 'nominal.no-visits').map((v) => v.cadres[0]).sort()).to.deep.equal([...demo.planted.noVisits].sort());
    expect(codesOf(report, 'visits.short').map((v) => v.cadres[0]).sort()).to.deep.equal([...demo.planted.noVisits, ...demo.planted.fewVisits].sort());
    expect(codesOf(report, 'commute.short-visits').map((v) => v.cadres[0]).sort()).to.deep.equal([...demo.planted.driveBy].sort());
    expect(codesOf(report, 'nominal.empty-visits').map((v) => v.cadres[0]).sort()).to.deep.equal([...demo.planted.driveBy].sort());
    expect(codesOf(report, 'commute.crammed').map((v) => v.cadres[0]).sort()).to.deep.equal([...demo.planted.crammed].sort());
    expect(codesOf(report, 'commute.same-day-distant').map((v) => v.cadres[0]).sort()).to.deep.equal([...demo.planted.sameDay].sort());
    const short = codesOf(report, 'visits.short')[0]!;
    expect(short.details['required']).to.equal(4);
    expect(Number(short.details['made']) + Number(short.details['shortfall'])).to.equal(4);
    const zh = describeViolation(short, 'zh-Hans', (c) => h.get(c)?.name);
    expect(zh).to.contain(h.get(short.divisions[0]!)!.name).and.contain('应不少于 4 次');
    expect(describeViolation(short, 'zh-Hant')).to.contain('應不少於 4 次');
    expect(describeViolation(short, 'en')).to.contain('at least 4 required');
    expect(report.totals.errors).to.equal(report.violations.filter((v) => v.severity === 'error').length);
    // The same-day finding names both villages, in the reader's language.
    const sameDay = codesOf(report, 'commute.same-day-distant')[0]!;
    const [, first, second] = sameDay.divisions;
    expect(h.get(first!)!.level).to.equal('village');
    expect(first!.slice(0, 6)).to.not.equal(second!.slice(0, 6));
    const named = describeViolation(sameDay, 'en', (c) => h.get(c)?.name);
    expect(named).to.contain(h.get(first!)!.name).and.contain(h.get(second!)!.name).and.contain(String(sameDay.details['date']));
  });

  it('counts every listed violation exactly once, in the scope and in each county and township', async () => {
    const h = await zhaotong();
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 11, faults: true, visitsPerCadre: [2, 5] });
    const roster = Roster.from(h, { ...demo, visits: [...demo.visits, { id: 'stray', cadreId: 'nobody', villageCode: demo.pairings[0]!.code, date: '2024-05-05', minutes: 60, households: 1, activities: [] }] });
    for (const policy of [{}, { minVisitsPerYear: 4, visitEveryQuarter: true, minCadresPerVillage: 4 }]) {
      const report = checkPairing(roster, { year: 2024, scope: '5306', policy });
      const count = (severity: string, under = '') => report.violations.filter((v) => v.severity === severity && v.divisions[0]!.startsWith(under)).length;
      expect(report.totals.errors).to.equal(count('error'));
      expect(report.totals.warnings).to.equal(count('warning'));
      expect(report.totals.errors).to.be.greaterThan(100);
      for (const d of report.divisions) {
        expect(d.totals.errors, d.code).to.equal(count('error', d.code));
        expect(d.totals.warnings, d.code).to.equal(count('warning', d.code));
      }
    }
  });

  it('merges the 11 counties’ reports into exactly the prefecture’s report', async () => {
    const h = await zhaotong();
    const roster = Roster.from(h, generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true }));
    const whole = checkPairing(roster, { year: 2024, scope: '5306' });
    const parts = h.childrenOf('5306').map((c) => checkPairing(roster, { year: 2024, scope: c.code }));
    const merged = mergeReports(parts);
    expect({ ...merged, scopes: [] }).to.deep.equal({ ...whole, scopes: [] });
    // Townships merge into their county the same way.
    const county = '530627';
    const byTownship = mergeReports(h.childrenOf(county).map((t) => checkPairing(roster, { year: 2024, scope: t.code })));
    const countyReport = checkPairing(roster, { year: 2024, scope: county });
    expect(byTownship.violations).to.deep.equal(countyReport.violations.filter((v) => v.code !== 'county.no-lead'));
    expect(byTownship.totals.villages).to.equal(countyReport.totals.villages);
  });

  it('reports bad records instead of crashing: unknown codes and cadres, wrong levels, periods, double pairing', async () => {
    const h = await zhaotong();
    const [v1, v2] = h.descendantsOf('530627', 'village');
    const cadres: Cadre[] = [
      { id: 'A', name: '甲', unit: '法院', rank: 'staff' },
      { id: 'B', name: '乙', unit: '公安', rank: 'staff' },
      { id: 'L', name: '丙', unit: '政法委', rank: 'divisional' },
      { id: 'A', name: '甲二', unit: '法院', rank: 'staff' },
    ];
    const pairings: Pairing[] = [
      { cadreId: 'A', role: 'village', code: v1!.code },
      { cadreId: 'A', role: 'village', code: v2!.code },
      // A real code that the hierarchy lacks: kept and reported by the check.
      { cadreId: 'B', role: 'village', code: '530627001599' },
      { cadreId: 'B', role: 'village', code: '530627', from: '2024-01-01' },
      { cadreId: 'Z', role: 'village', code: v1!.code },
      { cadreId: 'L', role: 'county-lead', code: '530627' },
      { cadreId: 'L', role: 'village', code: v2!.code, from: '2024-06-01', to: '2024-01-01' },
    ];
    const visits: Visit[] = [{ id: 'x1', cadreId: 'A', villageCode: v1!.code, date: '2024-03-01', minutes: 120, households: 3, activities: ['law-class'] }];
    // A pairing that ends before it starts is refused at the door (the check reports it only
    // for rosters built from columns); in lenient mode the rest is checked.
    expect(() => Roster.from(h, { cadres, pairings, visits })).to.throw(RecordsError).with.property('code', 'schema.rejected');
    const roster = Roster.from(h, { cadres, pairings, visits }, { mode: 'lenient' });
    expect(roster.issues.map((i) => [i.kind, i.index, i.field, i.details?.['expected']])).to.deep.equal([['pairing', 6, 'to', 'expect.range']]);
    const report = checkPairing(roster, { year: 2024, scope: '530627' });
    const got = new Set(report.violations.map((v) => v.code));
    for (const code of ['pairing.unknown-division', 'pairing.wrong-level', 'pairing.unknown-cadre', 'cadre.too-many-villages', 'lead.wrong-rank', 'cadre.duplicate', 'village.short'] as const) {
      expect(got.has(code), code).to.equal(true);
    }
    expect(report.violations.find((v) => v.code === 'pairing.unknown-division')!.divisions).to.deep.equal(['530627001599']);
  });

  it('applies another place’s policy: six visits, every quarter', async () => {
    const h = await zhaotong();
    const roster = Roster.from(h, generateRoster(h, { scope: '5306', year: 2024, seed: 1, visitsPerCadre: [4, 4] }));
    const strict = checkPairing(roster, { year: 2024, scope: '530602', policy: { minVisitsPerYear: 6, visitEveryQuarter: true, minCadresPerVillage: 4 } });
    expect(strict.totals.pairingsShort).to.equal(strict.totals.villagePairings);
    expect(strict.totals.visitShortfall).to.equal(2 * strict.totals.villagePairings);
    expect(strict.totals.villagesCovered).to.equal(0);
    // Four visits spread through the year fall one in each quarter.
    expect(strict.violations.filter((v) => v.code === 'visits.quarter-missing')).to.deep.equal([]);
  });

  it('prorates the requirement for a pairing that starts mid-year (the campaign began in July 2021)', async () => {
    const h = await zhaotong();
    const village = h.descendantsOf('530602', 'village')[0]!.code;
    const cadres: Cadre[] = [{ id: 'A', name: '甲', unit: '法院', rank: 'staff' }];
    const pairings: Pairing[] = [{ cadreId: 'A', role: 'village', code: village }];
    const visit = (id: string, date: string): Visit => ({ id, cadreId: 'A', villageCode: village, date, minutes: 120, households: 4, activities: ['public-opinion'] });
    const report = checkPairing(Roster.from(h, { cadres, pairings, visits: [visit('1', '2021-08-10'), visit('2', '2021-11-20')] }), { year: 2021, scope: village });
    expect(report.totals.pairingsCompliant).to.equal(1);
    const late = checkPairing(Roster.from(h, { cadres, pairings, visits: [visit('1', '2021-08-10')] }), { year: 2021, scope: village });
    expect(late.violations.find((v) => v.code === 'visits.short')!.details).to.include({ made: 1, required: 2 });
  });
});
