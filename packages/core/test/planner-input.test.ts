import { expect } from 'chai';
import fc from 'fast-check';
import { describeError, GualianError, Hierarchy, type Division } from '../src/index.js';
import type { Cadre, Pairing } from '../src/pairing/index.js';
import { describeShortfall, describeSurplus, planPairings, PlannerError, PLANNER_ERROR_CODES, type PlanOptions } from '../src/planner.js';
import { FlowGraph } from '../src/pairing/flow.js';
import { edition } from '../../../tests/fixtures/data.js';

/**
 * A small real piece of Zhaotong (2023): two counties, two townships each, two or three villages
 * each, with their province and prefecture, so that every plan is solved in milliseconds.
 */
async function piece(): Promise<{ h: Hierarchy; counties: Division[]; townships: Division[]; villages: Division[] }> {
  const full = (await edition('2023')).subtree('5306');
  const counties = [full.require('530602'), full.require('530621')];
  const townships = counties.flatMap((c) => full.childrenOf(c.code).slice(0, 2));
  const villages = townships.flatMap((t, i) => full.childrenOf(t.code).slice(0, 2 + (i % 2)));
  const h = Hierarchy.fromDivisions([...full.pathOf('5306'), ...counties, ...townships, ...villages], '2023');
  return { h, counties, townships, villages };
}

/** Every issue of a refusal, as the fields a test names. */
function issuesOf(run: () => unknown): Array<{ kind: string; index: number; field: string; reason: string }> {
  try {
    run();
  } catch (e) {
    expect(e).to.be.instanceOf(PlannerError);
    return (e as PlannerError).issues.map(({ kind, index, field, reason }) => ({ kind, index, field, reason }));
  }
  throw new Error('expected a refusal');
}

/** A message in each language: filled in, no catalogue key, and no English in the Chinese ones. */
function expectReadable(error: unknown): void {
  for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) {
    const text = describeError(error, lang);
    expect(text, lang).to.not.match(/\{\w+\}|error\.|planner\.|kind\.record|field\.|internal\./);
    if (lang !== 'en') expect(text, lang).to.not.match(/\b(the|is|not|cadre|village|county|roster)\b/);
  }
}

describe('planner: every input is checked before planning (regressions of issue 11)', function () {
  this.timeout(180_000);

  it('refuses duplicate cadre ids, naming the second and the first', async () => {
    const { h, townships } = await piece();
    const a: Cadre = { id: 'A1', name: '甲', unit: '法院', rank: 'staff', homeCode: townships[0]!.code };
    const run = () => planPairings(h, { scope: '5306', cadres: [a, { ...a, name: '乙' }] });
    expect(issuesOf(run)).to.deep.equal([{ kind: 'cadre', index: 1, field: 'id', reason: 'planner.duplicate-cadre' }]);
    try {
      run();
    } catch (e) {
      expect(e).to.be.instanceOf(GualianError);
      expect((e as PlannerError).code).to.equal('planner.rejected');
      expect(describeError(e, 'zh-Hans')).to.equal('挂联方案的输入有 1 处问题，未作规划；第一处：第 2 条干部（A1），编号：干部编号“A1”与第 1 名干部重复');
      expect(describeError(e, 'en')).to.contain('cadre id "A1" repeats cadre no. 1');
      expectReadable(e);
    }
  });

  it('refuses unknown ranks with the schema reason', async () => {
    const { h } = await piece();
    const bad = { id: 'B1', name: '甲', unit: '法院', rank: 'chief' } as unknown as Cadre;
    expect(issuesOf(() => planPairings(h, { scope: '5306', cadres: [bad] }))).to.deep.equal([{ kind: 'cadre', index: 0, field: 'rank', reason: 'value.enum' }]);
  });

  it('refuses fixed pairings naming unknown cadres, unknown villages, codes of the wrong level, and repeats', async () => {
    const { h, townships, villages } = await piece();
    const cadres: Cadre[] = [{ id: 'C1', name: '甲', unit: '法院', rank: 'staff' }];
    const fixed: Pairing[] = [
      { cadreId: 'C9', role: 'village', code: villages[0]!.code },
      { cadreId: 'C1', role: 'village', code: '530622100201' },
      { cadreId: 'C1', role: 'village', code: townships[0]!.code },
      { cadreId: 'C1', role: 'county-lead', code: villages[1]!.code },
      { cadreId: 'C1', role: 'village', code: villages[1]!.code },
      { cadreId: 'C1', role: 'village', code: villages[1]!.code },
      { cadreId: 'C1', role: 'village', code: 'x' },
    ];
    expect(issuesOf(() => planPairings(h, { scope: '5306', cadres, fixed }))).to.deep.equal([
      { kind: 'pairing', index: 0, field: 'cadreId', reason: 'planner.unknown-cadre' },
      { kind: 'pairing', index: 1, field: 'code', reason: 'planner.unknown-division' },
      { kind: 'pairing', index: 2, field: 'code', reason: 'planner.wrong-level' },
      { kind: 'pairing', index: 3, field: 'code', reason: 'planner.wrong-level' },
      { kind: 'pairing', index: 5, field: '', reason: 'planner.duplicate-pairing' },
      { kind: 'pairing', index: 6, field: 'code', reason: 'value.format' },
    ]);
    try {
      planPairings(h, { scope: '5306', cadres, fixed: [fixed[2]!] });
    } catch (e) {
      expect(describeError(e, 'zh-Hans')).to.contain(`“${townships[0]!.code}”是乡级，这里应为村级`);
    }
  });

  it('refuses bad costs, bad coordinates, half coordinates and unknown options', async () => {
    const { h, villages } = await piece();
    const cadres: Cadre[] = [
      { id: 'C1', name: '甲', unit: '法院', rank: 'staff', lat: 27.3 },
      { id: 'C2', name: '乙', unit: '法院', rank: 'staff', lat: Number.NaN, lon: 103 },
    ];
    // Every problem at once: the options and the records.
    expect(issuesOf(() => planPairings(h, { scope: '5306', cadres, costs: { sameCounty: -1, elsewhere: 2.5 } }))).to.deep.equal([
      { kind: 'plan-options', index: 0, field: 'costs.sameCounty', reason: 'value.too-small' },
      { kind: 'plan-options', index: 0, field: 'costs.elsewhere', reason: 'value.type' },
      { kind: 'cadre', index: 0, field: 'lon', reason: 'planner.lat-lon' },
      { kind: 'cadre', index: 1, field: 'lat', reason: 'value.type' },
    ]);
    expect(issuesOf(() => planPairings(h, { scope: '5306', cadres: [], costs: { sameCounty: 1e12 } }))).to.deep.equal([{ kind: 'plan-options', index: 0, field: 'costs.sameCounty', reason: 'value.too-big' }]);
    const locations = new Map([
      [villages[0]!.code, { lat: 27, lon: 200 }],
      ['530699999999', { lat: 27, lon: 103 }],
      ['530602', { lat: 27, lon: 103 }],
    ]);
    expect(issuesOf(() => planPairings(h, { scope: '5306', cadres, villageLocations: locations }))).to.deep.equal([
      { kind: 'cadre', index: 0, field: 'lon', reason: 'planner.lat-lon' },
      { kind: 'cadre', index: 1, field: 'lat', reason: 'value.type' },
      { kind: 'village-location', index: 0, field: 'lon', reason: 'value.too-big' },
      { kind: 'village-location', index: 1, field: '', reason: 'planner.unknown-division' },
      { kind: 'village-location', index: 2, field: '', reason: 'planner.wrong-level' },
    ]);
    const misspelt = { scope: '5306', cadres: [], spreadUnit: false } as unknown as PlanOptions;
    expect(issuesOf(() => planPairings(h, misspelt))).to.deep.equal([{ kind: 'plan-options', index: 0, field: 'spreadUnit', reason: 'value.unknown-key' }]);
    expect(issuesOf(() => planPairings(h, null as unknown as PlanOptions))).to.deep.equal([{ kind: 'plan-options', index: 0, field: '', reason: 'value.type' }]);
    expect(issuesOf(() => planPairings(h, { scope: '5306', cadres: [], policy: { minCadresPerVillage: 0 } }))).to.deep.equal([{ kind: 'pairing-policy', index: 0, field: 'minCadresPerVillage', reason: 'value.too-small' }]);
  });

  it('refuses a scope not in the hierarchy with its own code', async () => {
    const { h } = await piece();
    for (const scope of ['5307', '530699', 'abc', '']) {
      try {
        planPairings(h, { scope, cadres: [] });
        expect.fail(`scope ${scope}`);
      } catch (e) {
        expect(e).to.be.instanceOf(PlannerError);
        expect((e as PlannerError).code).to.equal('planner.scope');
        expectReadable(e);
      }
    }
    // A padded 12-digit scope is the same scope.
    expect(planPairings(h, { scope: '530600000000', cadres: [] }).feasible).to.equal(false);
  });

  it('reports a broken invariant of the flow solver as a typed internal error', () => {
    const g = new FlowGraph(2);
    g.addArc(0, 1, 1, 0.5);
    expect(() => g.solveSupplies([1, -1])).to.throw(PlannerError).with.property('code', 'planner.internal');
    const infeasible = new FlowGraph(3);
    infeasible.addArc(0, 1, 1, 1);
    expect(() => infeasible.solveSupplies([1, 0, -1])).to.throw(PlannerError).with.property('code', 'planner.internal');
    expect(() => new FlowGraph(2).potentials()).to.throw(PlannerError).with.property('code', 'planner.internal');
    try {
      new FlowGraph(2).potentials();
    } catch (e) {
      for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(describeError(e, lang)).to.not.match(/\{\w+\}|error\./);
    }
  });

  it('has a message in three languages for every code', () => {
    for (const code of PLANNER_ERROR_CODES) {
      const e = new PlannerError(code, { value: '5307', reason: 'x', count: 1, first: 'y', level: 'township', expected: 'village' });
      expectReadable(e);
    }
  });
});

describe('planner: a plan that cannot be completed names the units left short and why', function () {
  this.timeout(180_000);

  it('names each village left short, and says its county ran out of cadres (regression)', async () => {
    const { h, counties, townships, villages } = await piece();
    // Enough cadres in 昭阳区, one in 鲁甸县: 鲁甸县's villages are short, 昭阳区's are not.
    const zhaoyang = villages.filter((v) => v.code.startsWith('530602'));
    const ludian = villages.filter((v) => v.code.startsWith('530621'));
    const cadres: Cadre[] = [
      ...Array.from({ length: zhaoyang.length * 3 }, (_, i): Cadre => ({ id: `Z${i}`, name: `Z${i}`, unit: '法院', rank: 'staff', homeCode: townships[i % 2]!.code })),
      { id: 'L0', name: 'L0', unit: '公安', rank: 'staff', homeCode: townships[2]!.code },
    ];
    const policy = { leads: {}, everyCountyLed: false, everyTownshipLed: false };
    const plan = planPairings(h, { scope: '5306', cadres, policy });
    expect(plan.feasible).to.equal(false);
    expect(plan.shortages).to.deep.equal([{ rule: 'minCadresPerVillage', needed: villages.length * 3, given: cadres.length, of: 'cadres' }]);
    expect(plan.shortfalls.map((s) => s.code)).to.deep.equal(ludian.map((v) => v.code));
    const counted = new Map<string, number>();
    for (const p of plan.pairings) counted.set(p.code, (counted.get(p.code) ?? 0) + 1);
    for (const s of plan.shortfalls) {
      expect(s).to.deep.include({ role: 'village', needed: 3, given: counted.get(s.code) ?? 0, reason: 'no-free-cadre-in-county' });
      expect(s.details).to.deep.equal({ county: counties[1]!.code, countyName: counties[1]!.name, own: 1, countyNeed: ludian.length * 3 });
    }
    const text = describeShortfall(plan.shortfalls[0]!, 'zh-Hans');
    expect(text).to.contain(`${ludian[0]!.name}（${ludian[0]!.code}）：挂联干部`).and.contain('鲁甸县已无空闲干部');
    for (const lang of ['zh-Hant', 'en'] as const) expect(describeShortfall(plan.shortfalls[0]!, lang)).to.not.match(/\{\w+\}|planner\./);
  });

  it('reports surplus leaders as surplus, not as a shortage (regression)', async () => {
    const { h, counties, townships, villages } = await piece();
    const staff = Array.from({ length: villages.length * 3 }, (_, i): Cadre => ({ id: `S${i}`, name: `S${i}`, unit: '法院', rank: 'staff', homeCode: townships[i % townships.length]!.code }));
    const leaders = Array.from({ length: 3 }, (_, i): Cadre => ({ id: `P${i}`, name: `P${i}`, unit: '政法委', rank: 'prefectural', homeCode: counties[i % 2]!.code }));
    const deputies = Array.from({ length: townships.length }, (_, i): Cadre => ({ id: `D${i}`, name: `D${i}`, unit: '司法局', rank: 'divisional', homeCode: townships[i]!.code }));
    const plan = planPairings(h, { scope: '5306', cadres: [...staff, ...leaders, ...deputies] });
    expect(plan.shortages).to.deep.equal([]);
    expect(plan.shortfalls).to.deep.equal([]);
    expect(plan.feasible).to.equal(true);
    expect(plan.surplus).to.have.length(1);
    const [s] = plan.surplus;
    expect(s).to.deep.include({ rank: 'prefectural', level: 'county', leaders: 3, units: 2 });
    expect(s!.cadreIds).to.have.length(1);
    const led = plan.pairings.filter((p) => p.role === 'county-lead').map((p) => p.cadreId);
    expect(led).to.not.include(s!.cadreIds[0]);
    expect(describeSurplus(s!, 'zh-Hans')).to.equal(`厅级领导 3 名，待包的县只有 2 个：${s!.cadreIds[0]} 未包县`);
    expect(describeSurplus(s!, 'en')).to.equal(`3 prefectural leaders for 2 counties: ${s!.cadreIds[0]} lead none`);
  });

  it('names the townships left without a lead and the rank that ran out', async () => {
    const { h, counties, townships, villages } = await piece();
    const staff = Array.from({ length: villages.length * 3 }, (_, i): Cadre => ({ id: `S${i}`, name: `S${i}`, unit: '法院', rank: 'staff', homeCode: townships[i % townships.length]!.code }));
    const leaders = counties.map((c, i): Cadre => ({ id: `P${i}`, name: `P${i}`, unit: '政法委', rank: 'prefectural', homeCode: c.code }));
    const deputy: Cadre = { id: 'D0', name: 'D0', unit: '司法局', rank: 'divisional', homeCode: townships[1]!.code };
    const plan = planPairings(h, { scope: '5306', cadres: [...staff, ...leaders, deputy] });
    expect(plan.feasible).to.equal(false);
    expect(plan.surplus).to.deep.equal([]);
    expect(plan.shortages).to.deep.equal([{ rule: 'everyTownshipLed', needed: townships.length, given: 1, of: 'divisional' }]);
    // The deputy leads their home township; the three others are named.
    expect(plan.shortfalls.map((s) => s.code)).to.deep.equal(townships.filter((_, i) => i !== 1).map((t) => t.code));
    expect(plan.shortfalls[0]).to.deep.include({ role: 'township-lead', needed: 1, given: 0, reason: 'no-free-leader' });
    expect(describeShortfall(plan.shortfalls[0]!, 'zh-Hans')).to.contain('没有包乡领导；处级领导已全部包了单位');
    // A policy that wants every township led but gives townships to no rank says so.
    const none = planPairings(h, { scope: '5306', cadres: staff, policy: { leads: { prefectural: 'county' }, everyCountyLed: false } });
    expect(none.shortfalls.map((s) => s.reason)).to.deep.equal(townships.map(() => 'no-leading-rank'));
    expect(none.feasible).to.equal(false);
  });

  it('counts every fixed lead of a cadre who holds two (regression)', async () => {
    const { h, counties, townships, villages } = await piece();
    const staff = Array.from({ length: villages.length * 3 }, (_, i): Cadre => ({ id: `S${i}`, name: `S${i}`, unit: '法院', rank: 'staff', homeCode: townships[i % townships.length]!.code }));
    const p: Cadre = { id: 'P0', name: 'P0', unit: '政法委', rank: 'prefectural', homeCode: counties[0]!.code };
    const fixed: Pairing[] = counties.map((c) => ({ cadreId: 'P0', role: 'county-lead', code: c.code }));
    const plan = planPairings(h, { scope: '5306', cadres: [...staff, p], fixed, policy: { everyTownshipLed: false } });
    expect(plan.shortfalls).to.deep.equal([]);
    expect(plan.feasible).to.equal(true);
  });

  it('gives two ranks that lead the same level different units (regression)', async () => {
    const { h, townships, villages } = await piece();
    const staff = Array.from({ length: villages.length * 3 }, (_, i): Cadre => ({ id: `S${i}`, name: `S${i}`, unit: '法院', rank: 'staff', homeCode: townships[i % townships.length]!.code }));
    const a: Cadre = { id: 'P0', name: 'P0', unit: '政法委', rank: 'prefectural', homeCode: townships[0]!.code };
    const b: Cadre = { id: 'D0', name: 'D0', unit: '司法局', rank: 'divisional', homeCode: townships[0]!.code };
    const plan = planPairings(h, { scope: '5306', cadres: [...staff, a, b], policy: { leads: { prefectural: 'township', divisional: 'township' }, everyCountyLed: false, everyTownshipLed: false } });
    const leads = plan.pairings.filter((p) => p.role === 'township-lead').map((p) => p.code);
    expect(leads).to.have.length(2);
    expect(new Set(leads).size).to.equal(2);
  });
});

describe('planner: properties (fast-check, seeded)', function () {
  this.timeout(600_000);
  let world: Awaited<ReturnType<typeof piece>>;
  before(async () => {
    world = await piece();
  });

  const RANKS = ['prefectural', 'divisional', 'staff'] as const;
  interface Roster {
    cadres: Cadre[];
    fixed: Pairing[];
    policy: { minCadresPerVillage: number; villagesPerCadre: number; leadersPairVillage: boolean; everyTownshipLed: boolean };
    villageLocations: Record<string, { lat: number; lon: number }> | undefined;
  }
  /** A valid roster of the piece, with valid fixed pairings (each cadre at most once per unit). */
  const rosterArb = () =>
    fc
      .record({
        cadres: fc.array(fc.record({ rank: fc.constantFrom(...RANKS, 'staff', 'staff'), home: fc.nat(40), unit: fc.nat(3), located: fc.boolean(), lat: fc.double({ min: 26, max: 28, noNaN: true }), lon: fc.double({ min: 103, max: 105, noNaN: true }) }), { minLength: 8, maxLength: 30 }),
        fixed: fc.array(fc.record({ cadre: fc.nat(29), role: fc.constantFrom('village', 'village', 'township-lead', 'county-lead'), unit: fc.nat(40) }), { maxLength: 8 }),
        min: fc.integer({ min: 1, max: 3 }),
        perCadre: fc.integer({ min: 1, max: 2 }),
        leadersPairVillage: fc.boolean(),
        everyTownshipLed: fc.boolean(),
        locate: fc.boolean(),
      })
      .map((r): Roster => {
        const { townships, counties, villages } = world;
        const homes = [...townships, ...counties, ...villages].map((d) => d.code).concat('530102', '53');
        const cadres: Cadre[] = r.cadres.map((c, i) => {
          const cadre: Cadre = { id: `K${i}`, name: `K${i}`, unit: ['法院', '公安', '检察院', '司法局'][c.unit]!, rank: c.rank, homeCode: homes[c.home % homes.length]! };
          if (c.located) Object.assign(cadre, { lat: c.lat, lon: c.lon });
          return cadre;
        });
        const seen = new Set<string>();
        const fixed: Pairing[] = [];
        for (const f of r.fixed) {
          const cadre = cadres[f.cadre % cadres.length]!;
          const list = f.role === 'village' ? villages : f.role === 'township-lead' ? townships : counties;
          const p: Pairing = { cadreId: cadre.id, role: f.role, code: list[f.unit % list.length]!.code };
          const key = `${p.cadreId} ${p.role} ${p.code}`;
          if (seen.has(key)) continue;
          seen.add(key);
          fixed.push(p);
        }
        const villageLocations = r.locate ? Object.fromEntries(villages.map((v, i) => [v.code, { lat: 26 + (i % 5) * 0.4, lon: 103 + (i % 7) * 0.3 }])) : undefined;
        const policy = { minCadresPerVillage: r.min, villagesPerCadre: r.perCadre, leadersPairVillage: r.leadersPairVillage, everyTownshipLed: r.everyTownshipLed };
        return { cadres, fixed, policy, villageLocations };
      });


  /** Faults to inject: each changes one record and says the one issue it must cause. */
  const FAULTS = ['duplicate-id', 'unknown-rank', 'unknown-cadre', 'unknown-village', 'wrong-level', 'bad-cost', 'bad-lat', 'half-coordinates', 'bad-location', 'unknown-option'] as const;
  type Fault = (typeof FAULTS)[number];
  interface Expected {
    kind: string;
    index: number;
    field: string;
    reason: string;
  }
  /** Apply faults (distinct, each to its own record) to a copy of the roster; the issues they must cause. */
  function inject(r: Roster, faults: readonly Fault[], pick: number): { options: PlanOptions; expected: Expected[] } {
    const cadres: Array<Record<string, unknown>> = r.cadres.map((c) => ({ ...c }));
    const fixed: Array<Record<string, unknown>> = r.fixed.map((p) => ({ ...p }));
    const options: Record<string, unknown> = { scope: '5306', policy: r.policy };
    let locations: Record<string, unknown> | undefined = r.villageLocations ? { ...r.villageLocations } : undefined;
    const expected: Expected[] = [];
    const costs: Record<string, unknown> = {};
    // Cadre faults go to cadres 0, 1 and 2 in turn: one record each.
    for (const fault of faults) {
      switch (fault) {
        case 'unknown-rank':
          cadres[0]!['rank'] = ['chief', 'Staff', '', 'staff '][pick % 4];
          expected.push({ kind: 'cadre', index: 0, field: 'rank', reason: 'value.enum' });
          break;
        case 'bad-lat':
          Object.assign(cadres[1]!, { lat: [91, -95, 1e9][pick % 3], lon: 104 });
          expected.push({ kind: 'cadre', index: 1, field: 'lat', reason: pick % 3 === 1 ? 'value.too-small' : 'value.too-big' });
          break;
        case 'half-coordinates':
          delete cadres[2]!['lon'];
          cadres[2]!['lat'] = 27;
          expected.push({ kind: 'cadre', index: 2, field: 'lon', reason: 'planner.lat-lon' });
          break;
        case 'unknown-cadre':
          fixed.push({ cadreId: `nobody-${pick}`, role: 'village', code: world.villages[pick % world.villages.length]!.code });
          expected.push({ kind: 'pairing', index: fixed.length - 1, field: 'cadreId', reason: 'planner.unknown-cadre' });
          break;
        case 'unknown-village':
          fixed.push({ cadreId: 'K3', role: 'village', code: `5306${String(90 + (pick % 9))}100200` });
          expected.push({ kind: 'pairing', index: fixed.length - 1, field: 'code', reason: 'planner.unknown-division' });
          break;
        case 'wrong-level': {
          const code = pick % 2 === 0 ? world.townships[pick % world.townships.length]!.code : world.counties[pick % 2]!.code;
          fixed.push({ cadreId: 'K4', role: 'village', code });
          expected.push({ kind: 'pairing', index: fixed.length - 1, field: 'code', reason: 'planner.wrong-level' });
          break;
        }
        case 'bad-cost': {
          const tier = (['sameTownship', 'sameCounty', 'elsewhere'] as const)[pick % 3]!;
          const [value, reason] = ([[-1, 'value.too-small'], [1.5, 'value.type'], [10_001, 'value.too-big'], [Number.NaN, 'value.type'], ['2', 'value.type']] as const)[pick % 5]!;
          costs[tier] = value;
          expected.push({ kind: 'plan-options', index: 0, field: `costs.${tier}`, reason });
          break;
        }
        case 'bad-location': {
          locations ??= {};
          const v = world.villages[pick % world.villages.length]!.code;
          locations = { ...locations, [v]: { lat: 27, lon: 181 + (pick % 50) } };
          expected.push({ kind: 'village-location', index: Object.keys(locations).indexOf(v), field: 'lon', reason: 'value.too-big' });
          break;
        }
        case 'unknown-option':
          options['spreadunits'] = true;
          expected.push({ kind: 'plan-options', index: 0, field: 'spreadunits', reason: 'value.unknown-key' });
          break;
        case 'duplicate-id':
          // Last: a copy of cadre 5 (a valid record) under the same id, at the end.
          cadres.push({ ...r.cadres[5]!, name: '重复' });
          expected.push({ kind: 'cadre', index: cadres.length - 1, field: 'id', reason: 'planner.duplicate-cadre' });
          break;
      }
    }
    if (Object.keys(costs).length > 0) options['costs'] = costs;
    Object.assign(options, { cadres, fixed, villageLocations: locations });
    if (locations === undefined) delete options['villageLocations'];
    return { options: options as unknown as PlanOptions, expected };
  }

  const order = (xs: Expected[]) => [...xs].sort((a, b) => `${a.kind}|${a.index}|${a.field}`.localeCompare(`${b.kind}|${b.index}|${b.field}`));

  it('a roster with injected faults gives only a typed error naming exactly those faults (10,000 cases)', () => {
    const faultsArb = fc.uniqueArray(fc.constantFrom(...FAULTS), { minLength: 1, maxLength: 4 }).map((fs) => [...fs].sort((a, b) => (a === 'duplicate-id' ? 1 : b === 'duplicate-id' ? -1 : 0)));
    fc.assert(
      fc.property(rosterArb(), faultsArb, fc.nat(1000), (r, faults, pick) => {
        const { options, expected } = inject(r, faults, pick);
        let caught: unknown;
        try {
          planPairings(world.h, options);
        } catch (e) {
          caught = e;
        }
        expect(caught, faults.join()).to.be.instanceOf(PlannerError);
        const e = caught as PlannerError;
        expect(e.code).to.equal('planner.rejected');
        expect(order(e.issues.map(({ kind, index, field, reason }) => ({ kind, index, field, reason })))).to.deep.equal(order(expected));
        expectReadable(e);
      }),
      { seed: 20261207, numRuns: 10_000 },
    );
  });

  it('plans: no village over its need while one is short, no cadre over their count, shortfalls as counted independently (1,500 cases)', () => {
    fc.assert(
      fc.property(rosterArb(), fc.boolean(), (r, spreadUnits) => {
        const { h, villages, townships, counties } = world;
        const plan = planPairings(h, { scope: '5306', cadres: r.cadres, fixed: r.fixed, policy: r.policy, spreadUnits, ...(r.villageLocations ? { villageLocations: r.villageLocations } : {}) });
        const all = [...r.fixed, ...plan.pairings];
        const min = r.policy.minCadresPerVillage;
        // Seats per village and villages per cadre, counted from the pairings themselves.
        const seats = new Map(villages.map((v) => [v.code, 0]));
        const fixedSeats = new Map(villages.map((v) => [v.code, 0]));
        const perCadre = new Map<string, number>();
        for (const p of all) {
          if (p.role !== 'village') continue;
          seats.set(p.code, seats.get(p.code)! + 1);
          perCadre.set(p.cadreId, (perCadre.get(p.cadreId) ?? 0) + 1);
        }
        for (const p of r.fixed) if (p.role === 'village') fixedSeats.set(p.code, fixedSeats.get(p.code)! + 1);
        // No cadre is paired twice with one village, counting the fixed pairings (regression: a
        // cadre taking two villages was sent twice to one when alone in their anchor group).
        const pairs = all.filter((p) => p.role === 'village').map((p) => `${p.cadreId} ${p.code}`);
        expect(new Set(pairs).size, 'a cadre twice in one village').to.equal(pairs.length);
        // Proposed pairings never take a cadre past their count (fixed ones may already be past it).
        for (const c of r.cadres) {
          const proposed = plan.pairings.filter((p) => p.cadreId === c.id && p.role === 'village').length;
          if (proposed > 0) expect(perCadre.get(c.id)).to.be.at.most(r.policy.villagesPerCadre);
        }
        const shortVillages = villages.filter((v) => seats.get(v.code)! < min);
        // No village gets more than it needs while another is left short.
        if (shortVillages.length > 0) for (const v of villages) expect(seats.get(v.code)).to.be.at.most(Math.max(min, fixedSeats.get(v.code)!));
        const villageShortfalls = plan.shortfalls.filter((s) => s.role === 'village');
        expect(villageShortfalls.map((s) => [s.code, s.given, s.needed])).to.deep.equal(shortVillages.map((v) => [v.code, seats.get(v.code)!, min]));
        for (const s of villageShortfalls) expect(s.reason).to.be.oneOf(['no-free-cadre-in-county', 'no-free-cadre']);
        // Leads: every unled township (when required) is named; counties always are (the default).
        const led = new Set(all.filter((p) => p.role !== 'village').map((p) => p.code));
        const unled = [...counties, ...townships.filter(() => r.policy.everyTownshipLed)].filter((u) => !led.has(u.code)).map((u) => u.code);
        expect(plan.shortfalls.filter((s) => s.role !== 'village').map((s) => s.code).sort()).to.deep.equal(unled.sort());
        expect(plan.feasible).to.equal(shortVillages.length === 0 && unled.length === 0);
        // Surplus: leaders without a lead, only when every unit of their level is led.
        for (const s of plan.surplus) {
          for (const id of s.cadreIds) expect(all.some((p) => p.cadreId === id && p.role !== 'village')).to.equal(false);
          const units = s.level === 'county' ? counties : townships;
          expect(units.every((u) => led.has(u.code))).to.equal(true);
          expect(plan.shortfalls.some((f) => f.role === (s.level === 'county' ? 'county-lead' : 'township-lead'))).to.equal(false);
        }
        for (const s of plan.shortfalls) for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(describeShortfall(s, lang)).to.not.match(/\{\w+\}|planner\./);
      }),
      { seed: 20261208, numRuns: 1500 },
    );
  });
});
