// The planner on Zhaotong (4,206 cadres, 1,402 villages) against HiGHS (npm `highs`, WebAssembly)
// on the same instance: costs 0 same township, 1 same county, 4 elsewhere; every village gets
// at least 3 cadres, every cadre exactly one village. HiGHS is given the sparse model of the
// peers' measurement (each cadre offered the villages of its own county plus 4 others), as
// arrays; gualian plans the all-pairs instance (5.9 M cadre-village pairs) through its
// compressed flow graph. `gualian-coordinates` plans the same roster with seeded coordinates for
// every cadre and village (great-circle km refine the choice within a tier). Prints one JSON line.
//   node --import tsx bench/planner.ts <gualian|gualian-coordinates|highs>
import type { Cadre } from '../packages/core/src/pairing/index.ts';
import { planPairings } from '../packages/core/src/planner.ts';
import { generateLocations, generateRoster, locateCadres, seededRandom } from '../packages/core/src/demo/index.ts';
import { loadCountry } from './national-roster.ts';

const mode = process.argv[2] ?? 'gualian';
const h = loadCountry().subtree('5306');
// Every cadre is planned as staff, living in a township drawn at random within their county:
// counties have the cadres they need, townships do not, so the optimum moves cadres between
// townships (cost 1) and is not trivial.
const townshipsOf = new Map<string, string[]>();
for (const t of h.descendantsOf('5306', 'township')) townshipsOf.set(t.parentCode!, [...(townshipsOf.get(t.parentCode!) ?? []), t.code]);
const draw = seededRandom(42);
const cadres: Cadre[] = generateRoster(h, { scope: '5306', year: 2024, seed: 42 }).cadres.map((c) => {
  const list = townshipsOf.get(c.homeCode!.slice(0, 6))!;
  return { ...c, rank: 'staff', homeCode: list[Math.floor(draw() * list.length)]! };
});
const villages = h.descendantsOf('5306', 'village').map((v) => v.code);
const tier = (home: string, village: string) => (home.length === 9 && village.startsWith(home) ? 0 : village.startsWith(home.slice(0, 6)) ? 1 : 4);
const out: Record<string, unknown> = { mode, cadres: cadres.length, villages: villages.length };

if (mode === 'gualian') {
  const t0 = performance.now();
  const plan = planPairings(h, { scope: '5306', cadres, spreadUnits: false, policy: { leads: {}, everyCountyLed: false, everyTownshipLed: false } });
  out.ms = performance.now() - t0;
  out.cost = plan.cost.total;
  out.feasible = plan.feasible;
  out.arcsSolved = plan.stats.arcs;
  out.phases = plan.stats.phases;
  out.allPairs = cadres.length * villages.length;
  out.check = plan.pairings.reduce((a, p) => a + tier(cadres.find((c) => c.id === p.cadreId)!.homeCode!, p.code), 0);
} else if (mode === 'gualian-coordinates') {
  // Coordinates: each township a seeded centre in Zhaotong's bounding box, villages around it,
  // each cadre within 1.5 km of a village of their home township.
  const villageLocations = generateLocations(h, { scope: '5306', seed: 42 });
  const located = locateCadres(h, cadres, villageLocations, { seed: 42 });
  const t0 = performance.now();
  const plan = planPairings(h, { scope: '5306', cadres: located, villageLocations, spreadUnits: false, policy: { leads: {}, everyCountyLed: false, everyTownshipLed: false } });
  out.ms = performance.now() - t0;
  out.cost = plan.cost.total;
  out.km = plan.cost.km;
  out.feasible = plan.feasible;
  out.arcsSolved = plan.stats.arcs;
  out.phases = plan.stats.phases;
  out.pricedPairs = plan.stats.pricedPairs;
  out.check = plan.pairings.reduce((a, p) => a + tier(cadres.find((c) => c.id === p.cadreId)!.homeCode!, p.code), 0);
  // The same plan with units spread too (the planner's default), for the record.
  const t1 = performance.now();
  const spread = planPairings(h, { scope: '5306', cadres: located, villageLocations, policy: { leads: {}, everyCountyLed: false, everyTownshipLed: false } });
  out.spreadMs = performance.now() - t1;
  out.spreadCost = [spread.cost.total, spread.cost.km, spread.cost.sameUnitExtras];
} else {
  const highsLoader = (await import('highs')).default;
  const highs = await highsLoader();
  const rnd = seededRandom(7);
  const colCadre: number[] = [];
  const colVillage: number[] = [];
  const colCost: number[] = [];
  cadres.forEach((c, i) => {
    const county = c.homeCode!.slice(0, 6);
    const offered = new Set<number>();
    villages.forEach((v, j) => v.startsWith(county) && offered.add(j));
    while (offered.size < villages.filter((v) => v.startsWith(county)).length + 4) offered.add(Math.floor(rnd() * villages.length));
    for (const j of offered) {
      colCadre.push(i);
      colVillage.push(j);
      colCost.push(tier(c.homeCode!, villages[j]!));
    }
  });
  const n = colCost.length;
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(2 * n);
  const values = new Float64Array(2 * n).fill(1);
  for (let j = 0; j < n; j++) {
    starts[j + 1] = 2 * (j + 1);
    indices[2 * j] = colCadre[j]!;
    indices[2 * j + 1] = cadres.length + colVillage[j]!;
  }
  const rows = cadres.length + villages.length;
  const rowLower = new Float64Array(rows);
  const rowUpper = new Float64Array(rows);
  for (let i = 0; i < cadres.length; i++) rowLower[i] = rowUpper[i] = 1;
  for (let j = 0; j < villages.length; j++) {
    rowLower[cadres.length + j] = 3;
    rowUpper[cadres.length + j] = highs.infinity;
  }
  const t0 = performance.now();
  const model = highs.createModel({
    numCols: n,
    numRows: rows,
    colCost: Float64Array.from(colCost),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: rows, numCols: n, starts, indices, values },
  });
  model.run();
  out.ms = performance.now() - t0;
  out.cost = model.getObjectiveValue();
  out.arcsSolved = n;
  out.status = String(model.getModelStatus());
}
out.peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
