import { expect } from 'chai';
import { Hierarchy } from '../src/index.js';
import { checkPairing, Roster, watchPairing, type Cadre, type Pairing } from '../src/pairing/index.js';
import { planPairings, PlannerError } from '../src/planner.js';
import { FlowGraph } from '../src/pairing/flow.js';
import { generateRoster, locateCadres, seededRandom } from '../src/demo/index.js';
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
    // Each village left short is named, and the seats they lack add up to the shortage.
    const lacking = short.shortfalls.filter((s) => s.role === 'village').reduce((a, s) => a + s.needed - s.given, 0);
    expect(lacking).to.equal(4206 - fewer.length);
    expect(short.surplus).to.deep.equal([]);
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

describe('pairing planner with coordinates: tiers first, then kilometres', function () {
  this.timeout(180_000);
  const zhaotong = async () => (await edition('2023')).subtree('5306');
  const R = 6371.0088;
  /** Great-circle km by the haversine formula (the planner uses the chord: an independent check). */
  const haversine = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
    const rad = Math.PI / 180;
    const s = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
  };
  type Point = { lat: number; lon: number };
  /** The planner's cost of one pairing, from its definition: [tier cost, km]. */
  const pairCost = (home: string | undefined, at: Point | undefined, village: string, where: Point | undefined): [number, number] => {
    const h = home ?? '';
    const tier = h.length === 9 && village.startsWith(h) ? 0 : h.length >= 6 && village.startsWith(h.slice(0, 6)) ? 1 : 4;
    const km = tier < 4 && at && where ? Math.round(haversine(at, where)) : 0;
    return [tier, km];
  };

  it('finds the exact optimum (tiers, then km, then units) that a brute-force search finds, on small real instances', async () => {
    const full = await zhaotong();
    // Real divisions: two townships of 昭阳区 and one of 鲁甸县, two villages each.
    const towns = [...full.childrenOf('530602').slice(0, 2), full.childrenOf('530621')[0]!];
    const picked = towns.flatMap((t) => full.childrenOf(t.code).slice(0, 2));
    const rows = [...full.pathOf('530602'), full.require('530621'), ...towns, ...picked];
    const h = Hierarchy.fromDivisions(rows, '2023');
    const villages = picked.map((v) => v.code);
    const homes = [...towns.map((t) => t.code), '530602', '530621', '53'];
    const policy = { minCadresPerVillage: 1, leads: {}, everyCountyLed: false, everyTownshipLed: false };
    let refined = 0;
    for (let trial = 0; trial < 30; trial++) {
      const rnd = seededRandom(500 + trial);
      const near = (c: Point, km: number): Point => ({ lat: c.lat + ((rnd() - 0.5) * km) / 111, lon: c.lon + ((rnd() - 0.5) * km) / 99 });
      const centre = { lat: 27.3, lon: 103.7 };
      const where: Record<string, Point> = {};
      for (const v of villages) if (trial % 7 !== 6 || rnd() < 0.7) where[v] = near(centre, 40);
      const spread = trial % 3 === 2;
      const n = 6 + Math.floor(rnd() * 2);
      const cadres = Array.from({ length: n }, (_, i) => {
        const at = rnd() < 0.85 ? near(centre, 40) : undefined;
        return { id: `S${i}`, name: `S${i}`, unit: spread ? ['法院', '公安', '检察院'][Math.floor(rnd() * 3)]! : '法院', rank: 'staff' as const, homeCode: homes[Math.floor(rnd() * homes.length)]!, ...(at ? { lat: at.lat, lon: at.lon } : {}) };
      });
      const costOf = cadres.map((c) => villages.map((v) => pairCost(c.homeCode, c.lat === undefined ? undefined : { lat: c.lat, lon: c.lon! }, v, where[v])));
      // Exhaustive search, lexicographic on (tier cost, km, same-unit extras), with pruning.
      let best: [number, number, number] = [Infinity, Infinity, Infinity];
      const less = (a: number[], b: number[]) => a[0]! < b[0]! || (a[0] === b[0] && (a[1]! < b[1]! || (a[1] === b[1] && a[2]! < b[2]!)));
      const used = new Array<number>(villages.length).fill(0);
      const units = villages.map(() => new Map<string, number>());
      const rec = (i: number, tier: number, km: number, extras: number) => {
        if (!less([tier, km, extras], best) && !(tier === best[0] && km === best[1] && extras === best[2])) return;
        if (i === n) {
          if (used.every((u) => u >= 1) && less([tier, km, extras], best)) best = [tier, km, extras];
          return;
        }
        for (let v = 0; v < villages.length; v++) {
          const [t, k] = costOf[i]![v]!;
          const seen = units[v]!.get(cadres[i]!.unit) ?? 0;
          used[v]!++;
          units[v]!.set(cadres[i]!.unit, seen + 1);
          rec(i + 1, tier + t, km + k, extras + (spread && seen > 0 ? 1 : 0));
          units[v]!.set(cadres[i]!.unit, seen);
          used[v]!--;
        }
      };
      rec(0, 0, 0, 0);
      const plan = planPairings(h, { scope: '5306', cadres, policy, spreadUnits: spread, villageLocations: where });
      expect(plan.feasible, `trial ${trial}`).to.equal(true);
      expect([plan.cost.total, plan.cost.km, plan.cost.sameUnitExtras], `trial ${trial}`).to.deep.equal(best);
      // The reported cost is the cost of the pairings proposed.
      const again = plan.pairings.reduce(
        (a, p) => {
          const i = cadres.findIndex((c) => c.id === p.cadreId);
          const [t, k] = costOf[i]![villages.indexOf(p.code)]!;
          return [a[0]! + t, a[1]! + k];
        },
        [0, 0],
      );
      expect(again, `trial ${trial}`).to.deep.equal([best[0], best[1]]);
      // Distance mattered in most trials: the tier-only plan is worse in km.
      const tierOnly = planPairings(h, { scope: '5306', cadres, policy, spreadUnits: spread });
      expect(tierOnly.cost.total).to.equal(best[0]);
      const tierOnlyKm = tierOnly.pairings.reduce((a, p) => a + costOf[cadres.findIndex((c) => c.id === p.cadreId)]![villages.indexOf(p.code)]![1], 0);
      expect(tierOnlyKm).to.be.at.least(best[1]);
      if (tierOnlyKm > best[1]) refined++;
    }
    expect(refined).to.be.greaterThan(10);
  });

  it('gives the optimum of one weighted model of the whole instance, on medium real instances', async () => {
    // The planner solves tiers, kilometres and units one after the other; here one flow over
    // every cadre × village pair with weights (each term above any total of the later ones)
    // must find the same optimum.
    const full = await edition('2023');
    const countyCodes = ['530602', '530621'];
    for (let seed = 1; seed <= 6; seed++) {
      const rnd = seededRandom(seed * 31);
      const villages = countyCodes.flatMap((c) => full.descendantsOf(c, 'village').map((v) => v.code)).filter(() => rnd() < 0.5);
      const keep = new Set(villages);
      const rows = [...full.pathOf('5306'), ...countyCodes.flatMap((c) => [full.require(c), ...full.descendantsOf(c).filter((d) => d.level === 'township' || keep.has(d.code))]), full.require('530623')];
      const h = Hierarchy.fromDivisions(rows, '2023');
      const towns = countyCodes.flatMap((c) => full.descendantsOf(c, 'township').map((t) => t.code));
      const where: Record<string, Point> = {};
      for (const v of villages) if (rnd() < 0.9) where[v] = { lat: 27 + rnd() * 0.6, lon: 103.4 + rnd() * 0.6 };
      const units = ['法院', '公安', '检察院', '司法局'];
      const n = Math.floor(villages.length * (1.6 + rnd() * 0.8));
      const homes = [...towns, ...countyCodes, '530623', undefined];
      const cadres = Array.from({ length: n }, (_, i) => {
        const home = homes[Math.floor(rnd() * homes.length)];
        const at = rnd() < 0.9 ? { lat: 27 + rnd() * 0.6, lon: 103.4 + rnd() * 0.6 } : undefined;
        return { id: `C${i}`, name: `C${i}`, unit: units[Math.floor(rnd() * units.length)]!, rank: 'staff' as const, ...(home ? { homeCode: home } : {}), ...(at ? { lat: at.lat, lon: at.lon } : {}) };
      });
      const policy = { minCadresPerVillage: 2, leads: {}, everyCountyLed: false, everyTownshipLed: false };
      const spread = seed % 2 === 0;
      const plan = planPairings(h, { scope: '5306', cadres, policy, spreadUnits: spread, villageLocations: where });
      const cost = cadres.map((c) => villages.map((v) => pairCost(c.homeCode, c.lat === undefined ? undefined : { lat: c.lat, lon: c.lon! }, v, where[v])));
      const M = spread ? n + 1 : 1;
      const Dmax = Math.max(...cost.flat().map(([, km]) => km));
      const K = M * (n * Dmax + 1);
      const EXTRA = 5 * K;
      const U = spread ? units.length : 1;
      const V = villages.length;
      const g = new FlowGraph(2 + n + V * U + V);
      const vu = (j: number, u: number) => 2 + n + j * U + u;
      const village = (j: number) => 2 + n + V * U + j;
      cadres.forEach((c, i) => {
        g.addArc(0, 2 + i, 1, 0);
        const u = spread ? units.indexOf(c.unit) : 0;
        villages.forEach((_, j) => g.addArc(2 + i, vu(j, u), 1, cost[i]![j]![0] * K + cost[i]![j]![1] * M));
      });
      villages.forEach((_, j) => {
        for (let u = 0; u < U; u++) {
          if (spread) g.addArc(vu(j, u), village(j), 1, 0);
          g.addArc(vu(j, u), village(j), n, spread ? 1 : 0);
        }
        g.addArc(village(j), 1, 2, 0);
        g.addArc(village(j), 1, n, EXTRA);
      });
      const supply = new Array<number>(g.nodes).fill(0);
      supply[0] = n;
      supply[1] = -n;
      const weighted = g.solveSupplies(supply).cost;
      const staged = Math.max(0, n - 2 * V) * EXTRA + plan.cost.total * K + plan.cost.km * M + plan.cost.sameUnitExtras;
      expect(staged, `instance ${seed}: ${n} cadres, ${V} villages`).to.equal(weighted);
      expect(plan.pairings).to.have.length(n);
    }
  });

  it('never gives up a tier for kilometres', async () => {
    const full = await zhaotong();
    const [t1, t2] = full.childrenOf('530602');
    const v1 = full.childrenOf(t1!.code)[0]!.code;
    const v2 = full.childrenOf(t2!.code)[0]!.code;
    const h = Hierarchy.fromDivisions([...full.pathOf('530602'), t1!, t2!, full.require(v1), full.require(v2)], '2023');
    const where = { [v1]: { lat: 27.2, lon: 103.6 }, [v2]: { lat: 27.9, lon: 104.4 } };
    // Each cadre lives in one township but right next to the other township's village.
    const cadres = [
      { id: 'A', name: 'A', unit: '法院', rank: 'staff' as const, homeCode: t1!.code, lat: 27.9, lon: 104.4 },
      { id: 'B', name: 'B', unit: '法院', rank: 'staff' as const, homeCode: t2!.code, lat: 27.2, lon: 103.6 },
    ];
    const policy = { minCadresPerVillage: 1, leads: {}, everyCountyLed: false, everyTownshipLed: false };
    const plan = planPairings(h, { scope: '530602', cadres, policy, villageLocations: where });
    expect(plan.pairings).to.deep.include.members([
      { cadreId: 'A', role: 'village', code: v1 },
      { cadreId: 'B', role: 'village', code: v2 },
    ]);
    expect(plan.cost).to.include({ total: 0, sameTownship: 2 });
    expect(plan.cost.km).to.be.greaterThan(200);
    // With a county lead's tier (both villages at sameCounty), the distance decides.
    const leads = cadres.map((c) => ({ ...c, homeCode: '530602' }));
    const near = planPairings(h, { scope: '530602', cadres: leads, policy, villageLocations: where });
    expect(near.pairings).to.deep.include.members([
      { cadreId: 'A', role: 'village', code: v2 },
      { cadreId: 'B', role: 'village', code: v1 },
    ]);
    expect(near.cost).to.include({ total: 2, sameCounty: 2, km: 0 });
  });

  it('plans Zhaotong with coordinates: feasible, the tier optimum of the plan without them, and fewer kilometres', async () => {
    const h = await zhaotong();
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 42, coordinates: true });
    expect(Object.keys(demo.villageLocations!)).to.have.length(1402);
    expect(demo.cadres.every((c) => c.lat !== undefined && c.lon !== undefined)).to.equal(true);
    // The roster without coordinates is the same roster.
    const plain = generateRoster(h, { scope: '5306', year: 2024, seed: 42 });
    expect(demo.cadres.map(({ lat, lon, ...c }) => (void lat, void lon, c))).to.deep.equal(plain.cadres);
    expect(demo.pairings).to.deep.equal(plain.pairings);
    // As in the benchmark: staff living anywhere in their county, so townships must trade cadres.
    const townshipsOf = new Map<string, string[]>();
    for (const t of h.descendantsOf('5306', 'township')) townshipsOf.set(t.parentCode!, [...(townshipsOf.get(t.parentCode!) ?? []), t.code]);
    const draw = seededRandom(42);
    const moved = plain.cadres.map((c) => {
      const list = townshipsOf.get(c.homeCode!.slice(0, 6))!;
      return { ...c, rank: 'staff' as const, homeCode: list[Math.floor(draw() * list.length)]! };
    });
    const cadres = locateCadres(h, moved, demo.villageLocations!, { seed: 42 });
    const policy = { leads: {}, everyCountyLed: false, everyTownshipLed: false };
    const withKm = planPairings(h, { scope: '5306', cadres, villageLocations: demo.villageLocations, spreadUnits: false, policy });
    const tiers = planPairings(h, { scope: '5306', cadres, spreadUnits: false, policy });
    expect(withKm.feasible).to.equal(true);
    expect(withKm.pairings).to.have.length(4206);
    expect(tiers.cost.total).to.equal(794);
    expect(withKm.cost).to.include({ total: 794, sameTownship: tiers.cost.sameTownship, sameCounty: tiers.cost.sameCounty, elsewhere: 0 });
    expect(withKm.stats.pricedPairs).to.be.greaterThan(100_000);
    // The tier-only plan is one of the tier-optimal plans: the distance stage can only do better.
    const byId = new Map(cadres.map((c) => [c.id, c]));
    const kmOf = (plan: typeof tiers) =>
      plan.pairings.reduce((a, p) => {
        const c = byId.get(p.cadreId)!;
        return a + pairCost(c.homeCode, { lat: c.lat!, lon: c.lon! }, p.code, demo.villageLocations![p.code])[1];
      }, 0);
    expect(kmOf(withKm)).to.equal(withKm.cost.km);
    expect(withKm.cost.km).to.be.below(kmOf(tiers));
    const report = checkPairing(Roster.from(h, { cadres, pairings: withKm.pairings }), { year: 2024, scope: '5306', findings: false });
    expect(report.totals.villagesCovered).to.equal(1402);
    // Spreading units too: the same tiers and kilometres, fewer same-unit extras.
    const spread = planPairings(h, { scope: '5306', cadres, villageLocations: demo.villageLocations, policy });
    expect(spread.cost).to.include({ total: 794, km: withKm.cost.km });
    expect(spread.cost.sameUnitExtras).to.be.at.most(sameUnitExtras(withKm.pairings, cadres));
    expect(spread.cost.sameUnitExtras).to.equal(sameUnitExtras(spread.pairings, cadres));
  });

  it('keeps fixed pairings and says exactly how far short, with coordinates', async () => {
    const h = await zhaotong();
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 3, coordinates: true });
    const staff = demo.cadres.filter((c) => c.rank === 'staff');
    const village = h.descendantsOf('530627', 'village')[5]!.code;
    const fixed: Pairing[] = [{ cadreId: staff[0]!.id, role: 'village', code: village }];
    const plan = planPairings(h, { scope: '5306', cadres: demo.cadres, fixed, villageLocations: demo.villageLocations });
    expect(plan.feasible).to.equal(true);
    expect(plan.pairings.some((p) => p.cadreId === staff[0]!.id)).to.equal(false);
    const report = checkPairing(Roster.from(h, { cadres: demo.cadres, pairings: [...fixed, ...plan.pairings] }), { year: 2024, scope: '5306', findings: false });
    expect(report.totals.villagesCovered).to.equal(1402);
    expect(report.violations.filter((v) => v.severity === 'error' && v.code !== 'visits.short')).to.deep.equal([]);
    // Short of cadres: every one of them is placed where the need is, at the least cost.
    const fewer = demo.cadres.filter((c) => c.rank !== 'staff' || Number(c.id.slice(1)) % 40 !== 0);
    const short = planPairings(h, { scope: '5306', cadres: fewer, villageLocations: demo.villageLocations });
    const shortTiers = planPairings(h, { scope: '5306', cadres: fewer });
    expect(short.feasible).to.equal(false);
    expect(short.shortages).to.deep.include({ rule: 'minCadresPerVillage', needed: 4206, given: fewer.length, of: 'cadres' });
    expect(short.pairings.filter((p) => p.role === 'village')).to.have.length(fewer.length);
    expect(short.cost.total).to.equal(shortTiers.cost.total);
    const perVillage = new Map<string, number>();
    for (const p of short.pairings) if (p.role === 'village') perVillage.set(p.code, (perVillage.get(p.code) ?? 0) + 1);
    expect([...perVillage.values()].every((n) => n <= 3)).to.equal(true);
  });

  it('rejects coordinates out of range', async () => {
    const h = await zhaotong();
    const { cadres } = generateRoster(h, { scope: '530602', year: 2024, seed: 1 });
    const v = h.descendantsOf('530602', 'village')[0]!.code;
    expect(() => planPairings(h, { scope: '530602', cadres, villageLocations: { [v]: { lat: 91, lon: 103 } } }))
      .to.throw(PlannerError)
      .with.property('issues')
      .that.deep.include({ index: 0, id: v, kind: 'village-location', field: 'lat', reason: 'value.too-big', value: '91', details: { max: '90' } });
    const bad = [{ ...cadres[0]!, lat: 27, lon: 190 }, ...cadres.slice(1)];
    expect(() => planPairings(h, { scope: '530602', cadres: bad, villageLocations: { [v]: { lat: 27, lon: 103 } } }))
      .to.throw(PlannerError)
      .with.property('issues')
      .that.deep.include({ index: 0, id: cadres[0]!.id, kind: 'cadre', field: 'lon', reason: 'value.too-big', value: '190', details: { max: '180' } });
  });
});

describe('the flow solvers agree', function () {
  this.timeout(180_000);

  it('cost scaling finds the primal-dual optimum on random graphs, and exact potentials for it', () => {
    for (let t = 0; t < 400; t++) {
      const rnd = seededRandom(9000 + t);
      const n = 3 + Math.floor(rnd() * 12);
      const arcs: Array<[number, number, number, number]> = [];
      for (let i = 0; i < n * 4; i++) {
        const a = Math.floor(rnd() * n);
        const b = Math.floor(rnd() * n);
        if (a !== b) arcs.push([a, b, 1 + Math.floor(rnd() * 5), Math.floor(rnd() * (t % 2 ? 1_000_000 : 20))]);
      }
      const pd = new FlowGraph(n);
      const cs = new FlowGraph(n);
      for (const [a, b, c, w] of arcs) {
        pd.addArc(a, b, c, w);
        cs.addArc(a, b, c, w);
      }
      const r1 = pd.solve(0, 1, 1 + Math.floor(rnd() * 8));
      const supply = new Array<number>(n).fill(0);
      supply[0] = r1.flow;
      supply[1] = -r1.flow;
      const r2 = cs.solveSupplies(supply, { alpha: 2 + (t % 7) });
      expect(r2.cost, `graph ${t}`).to.equal(r1.cost);
      for (const g of [pd, cs]) {
        const pi = g.potentials();
        for (let e = 0; e < g.arcs * 2; e++) {
          const room = (e & 1 ? g.flowOn(e ^ 1) : g.capacityOf(e) - g.flowOn(e)) > 0;
          if (room) expect(g.costOf(e) + pi[g.tailOf(e)]! - pi[g.headOf(e)]!, `graph ${t} arc ${e}`).to.be.at.least(0);
        }
      }
    }
  });

  it('cost scaling finds the tier optimum of Zhaotong (794 with the benchmark roster)', async () => {
    const h = (await edition('2023')).subtree('5306');
    const townshipsOf = new Map<string, string[]>();
    for (const t of h.descendantsOf('5306', 'township')) townshipsOf.set(t.parentCode!, [...(townshipsOf.get(t.parentCode!) ?? []), t.code]);
    const draw = seededRandom(42);
    const cadres = generateRoster(h, { scope: '5306', year: 2024, seed: 42 }).cadres.map((c) => {
      const list = townshipsOf.get(c.homeCode!.slice(0, 6))!;
      return { ...c, rank: 'staff' as const, homeCode: list[Math.floor(draw() * list.length)]! };
    });
    const policy = { leads: {}, everyCountyLed: false, everyTownshipLed: false };
    const pd = planPairings(h, { scope: '5306', cadres, spreadUnits: false, policy });
    const cs = planPairings(h, { scope: '5306', cadres, spreadUnits: false, policy, solver: 'cost-scaling' });
    expect(pd.cost.total).to.equal(794);
    expect(cs.cost).to.deep.equal(pd.cost);
    expect(cs.feasible).to.equal(true);
  });
});

function sameUnitExtras(pairings: readonly Pairing[], cadres: readonly Cadre[]): number {
  const unitOf = new Map(cadres.map((c) => [c.id, c.unit]));
  const seen = new Map<string, number>();
  for (const p of pairings) if (p.role === 'village') seen.set(`${p.code}|${unitOf.get(p.cadreId)}`, (seen.get(`${p.code}|${unitOf.get(p.cadreId)}`) ?? 0) + 1);
  return [...seen.values()].reduce((a, n) => a + n - 1, 0);
}
