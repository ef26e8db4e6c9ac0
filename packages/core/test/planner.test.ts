import { expect } from 'chai';
import { checkPairing, Hierarchy, Roster, watchPairing, type Pairing } from '../src/index.js';
import { planPairings } from '../src/planner.js';
import { generateRoster, seededRandom } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('pairing planner on Zhaotong (4,206 cadres × 1,402 villages)', function () {
  this.timeout(120_000);
  const zhaotong = async () => (await edition('2023')).subtree('5306');

  it('proposes a plan that passes the policy check, at the minimum locality cost', async () => {
    const h = await zhaotong();
    const { cadres } = generateRoster(h, { scope: '5306', year: 2024, seed: 3 });
    const plan = planPairings(h, { scope: '5306', cadres, spreadUnits: false });
    expect(plan.feasible).to.equal(true);
    expect(plan.pairings.filter((p) => p.role === 'village')).to.have.length(4206);
    expect(plan.pairings.filter((p) => p.role === 'county-lead')).to.have.length(11);
    expect(plan.pairings.filter((p) => p.role === 'township-lead')).to.have.length(150);
    const report = checkPairing(Roster.from(h, { cadres, pairings: plan.pairings }), { year: 2024, scope: '5306', findings: false });
    expect(report.violations.filter((v) => v.severity === 'error' && v.code !== 'visits.short')).to.deep.equal([]);
    expect(report.totals.villagesCovered).to.equal(1402);
    // Staff live in their village's township, township leads lead their home township: every
    // one of them can stay in it; only the 11 county leads pay the county tier. That is the floor.
    expect(plan.cost).to.include({ total: 11, sameCounty: 11, elsewhere: 0 });
  });

  it('finds the optimum that a brute-force search finds, on small real instances', async () => {
    const full = await zhaotong();
    // Real divisions: two townships of 昭阳区 and one of 鲁甸县, two villages each.
    const towns = [...full.childrenOf('530602').slice(0, 2), full.childrenOf('530621')[0]!];
    const picked = towns.flatMap((t) => full.childrenOf(t.code).slice(0, 2));
    const rows = [...full.pathOf('530602'), full.require('530621'), ...towns, ...picked];
    const h = Hierarchy.fromDivisions(rows, '2023');
    const villages = picked.map((v) => v.code);
    const homes = [...towns.map((t) => t.code), '530602', '530621', '53'];
    const tier = (home: string, village: string) => (home.length === 9 && village.startsWith(home) ? 0 : home.length >= 6 && village.startsWith(home.slice(0, 6)) ? 1 : 4);
    const policy = { minCadresPerVillage: 1, leads: {}, everyCountyLed: false, everyTownshipLed: false };
    for (let trial = 0; trial < 25; trial++) {
      const rnd = seededRandom(100 + trial);
      const n = 6 + Math.floor(rnd() * 2);
      const cadres = Array.from({ length: n }, (_, i) => ({ id: `S${i}`, name: `S${i}`, unit: '法院', rank: 'staff' as const, homeCode: homes[Math.floor(rnd() * homes.length)]! }));
      let best = Infinity;
      const used = new Array<number>(villages.length).fill(0);
      const rec = (i: number, cost: number) => {
        if (cost >= best) return;
        if (i === n) {
          if (used.every((u) => u >= 1)) best = cost;
          return;
        }
        for (let v = 0; v < villages.length; v++) {
          used[v]!++;
          rec(i + 1, cost + tier(cadres[i]!.homeCode, villages[v]!));
          used[v]!--;
        }
      };
      rec(0, 0);
      const plan = planPairings(h, { scope: '5306', cadres, policy, spreadUnits: false });
      expect(plan.feasible, `trial ${trial}`).to.equal(true);
      expect(plan.cost.total, `trial ${trial}`).to.equal(best);
      const recomputed = plan.pairings.reduce((a, p) => a + tier(cadres.find((c) => c.id === p.cadreId)!.homeCode, p.code), 0);
      expect(recomputed).to.equal(best);
    }
  });

  it('keeps fixed pairings and says exactly how far short a roster is', async () => {
    const h = await zhaotong();
    const { cadres } = generateRoster(h, { scope: '5306', year: 2024, seed: 3 });
    const staff = cadres.filter((c) => c.rank === 'staff');
    const village = h.descendantsOf('530627', 'village')[5]!.code;
    const fixed: Pairing[] = [{ cadreId: staff[0]!.id, role: 'village', code: village }];
    const plan = planPairings(h, { scope: '5306', cadres, fixed });
    expect(plan.pairings.some((p) => p.cadreId === staff[0]!.id)).to.equal(false);
    const report = checkPairing(Roster.from(h, { cadres, pairings: [...fixed, ...plan.pairings] }), { year: 2024, scope: '5306', findings: false });
    expect(report.totals.villagesCovered).to.equal(1402);
    const fewer = cadres.filter((c) => c.rank !== 'staff' || Number(c.id.slice(1)) % 40 !== 0);
    const short = planPairings(h, { scope: '5306', cadres: fewer });
    expect(short.feasible).to.equal(false);
    expect(short.shortages).to.deep.include({ rule: 'minCadresPerVillage', needed: 4206, given: fewer.length, of: 'cadres' });
    const noLeaders = planPairings(h, { scope: '5306', cadres: cadres.filter((c) => c.rank !== 'prefectural' || c.homeCode !== '530602') });
    expect(noLeaders.shortages).to.deep.include({ rule: 'everyCountyLed', needed: 11, given: 10, of: 'prefectural' });
  });

  it('spreads units without giving up distance', async () => {
    const h = await zhaotong();
    const { cadres } = generateRoster(h, { scope: '5306', year: 2024, seed: 3 });
    const flat = planPairings(h, { scope: '5306', cadres, spreadUnits: false });
    const spread = planPairings(h, { scope: '5306', cadres, spreadUnits: true });
    expect(spread.cost.total).to.equal(flat.cost.total);
    const sameUnit = (plan: typeof flat) => {
      const unitOf = new Map(cadres.map((c) => [c.id, c.unit]));
      const seen = new Map<string, number>();
      for (const p of plan.pairings) if (p.role === 'village') seen.set(`${p.code}|${unitOf.get(p.cadreId)}`, (seen.get(`${p.code}|${unitOf.get(p.cadreId)}`) ?? 0) + 1);
      return [...seen.values()].reduce((a, n) => a + n - 1, 0);
    };
    expect(sameUnit(spread)).to.equal(spread.cost.sameUnitExtras);
    expect(sameUnit(spread)).to.be.at.most(sameUnit(flat));
  });
});
