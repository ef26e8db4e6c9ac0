// One measurement of national scoring, in a fresh process. Prints one JSON line.
//   node --import tsx bench/assessment.ts <score|rescore>
// The roster is the national one of the 包掛聯 benchmark (620,573 villages, three cadres each
// plus the leads, 4–6 visits per cadre in 2024); the rubric is the example rubric for paired
// cadres.
import { Roster } from '../packages/core/src/pairing/index.ts';
import { EXAMPLE_CADRE_RUBRIC, computeFacts, period, scoreAll, scoreSheet } from '../packages/core/src/assessment/index.ts';
import { YEAR, loadCountry, nationalColumns } from './national-roster.ts';

const mode = process.argv[2] ?? 'score';
const h = loadCountry();
const cols = nationalColumns(h);
const roster = Roster.fromColumns(h, { cadreIds: (i) => `C${i}`, cadreRank: cols.cadreRank, pairings: cols.pairings, visits: cols.visits });
const when = period('year', YEAR);
const out: Record<string, unknown> = { mode, cadres: cols.cadreRank.length, visits: cols.visits.cadre.length };
globalThis.gc?.();
const heapBefore = process.memoryUsage();

const t0 = performance.now();
const facts = computeFacts(roster, when, { rubric: EXAMPLE_CADRE_RUBRIC });
const t1 = performance.now();
const scores = scoreAll(EXAMPLE_CADRE_RUBRIC, facts);
const t2 = performance.now();
out.factsMs = t1 - t0;
out.scoreMs = t2 - t1;
out.ms = t2 - t0;
out.subjects = scores.size;
const grades = new Map<string, number>();
for (let r = 0; r < scores.size; r++) {
  const g = EXAMPLE_CADRE_RUBRIC.grades[scores.grade[r]!]!.id;
  grades.set(g, (grades.get(g) ?? 0) + 1);
}
out.grades = Object.fromEntries(grades);
out.vetoed = scores.vetoed.reduce((a, b) => a + b, 0);

if (mode === 'rescore') {
  // One new fact: a reviewer records a completed task for one cadre; the table with the entry is
  // made (the other columns are shared) and that cadre's sheet re-scored.
  const times: number[] = [];
  let total = 0;
  for (let k = 0; k < 200; k++) {
    const row = (k * 7919) % facts.size;
    const t = performance.now();
    const next = facts.withEntries([{ subject: facts.subjectId(row), period: '2024', fact: 'tasksCompleted', value: 3 + (k % 4), evidence: `验收单 ${k}`, author: 'bench', at: '2024-12-20T10:00:00+08:00' }]);
    const sheet = scoreSheet(EXAMPLE_CADRE_RUBRIC, next.subject(row), when);
    total += sheet.total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  out.ms = times[times.length >> 1];
  out.p99Ms = times[Math.floor(times.length * 0.99)];
  out.firstScoreMs = t2 - t0;
  out.checksum = total;
}
globalThis.gc?.();
out.retainedHeapMB = (process.memoryUsage().heapUsed - heapBefore.heapUsed) / 2 ** 20;
out.peakRssMB = process.resourceUsage().maxRSS / 1024;
void scores;
console.log(JSON.stringify(out));
