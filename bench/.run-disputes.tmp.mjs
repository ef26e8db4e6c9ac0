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
  const r = {
    ms: median(runs.map((x) => x.ms)),
    heapMB: median(runs.map((x) => x.retainedHeapMB ?? 0)),
    peakRssMB: median(runs.map((x) => x.peakRssMB ?? 0)),
    rows: runs[0].rows ?? runs[0].visits,
    counts: runs[0].villagesUnder3 === undefined ? undefined : `${runs[0].villagesUnder3} villages under 3 cadres, ${runs[0].cadresUnder4} cadres under 4 visits`,
    cost: runs[0].cost,
    km: runs[0].km,
    arcs: runs[0].arcsSolved,
    phases: runs[0].phases,
    all: runs.map((x) => Math.round(x.ms)),
  };
  results[name] = r;
  const memory = r.heapMB ? `retained heap ${r.heapMB.toFixed(0)} MB` : `peak RSS ${Math.round(r.peakRssMB)} MB`;
  console.log(`  ${name.padEnd(58)} ${String(Math.round(r.ms)).padStart(6)} ms  (runs ${r.all.join(', ')})  ${memory}`);
  return r;
}

console.log(`\n矛盾纠纷 record: 1,000,000 events of ~150,000 Zhaotong cases (2024, seeded), hash-chained; medians of ${RUNS}`);
{
  const runsOf = (mode) => Array.from({ length: RUNS }, () => nodeMeasure('bench/disputes.ts', mode));
  const ours = runsOf('gualian');
  const duck = runsOf('duckdb');
  const mid = (runs, key) => median(runs.map((x) => x[key]));
  const line = (label, runs, extra) => console.log(`  ${label.padEnd(58)} ${String(Math.round(mid(runs, 'ms'))).padStart(6)} ms  (runs ${runs.map((x) => Math.round(x.ms)).join(', ')})  ${extra}`);
  line('gualian: verify chain + replay + summary', ours, `peak RSS ${Math.round(mid(ours, 'peakRssMB'))} MB`);
  console.log(`    verify ${Math.round(mid(ours, 'verifyMs'))} ms (Web Crypto SHA-256; ${Math.round(mid(ours, 'verifyNodeShaMs'))} ms with node:crypto passed as digest) + replay ${Math.round(mid(ours, 'replayMs'))} ms + summary ${Math.round(mid(ours, 'summaryMs'))} ms; ${ours[0].events.toLocaleString('en')} events, ${ours[0].cases.toLocaleString('en')} cases, as of ${ours[0].asOf}`);
  line('peer: DuckDB in memory, the same summary counts (after load)', duck, `load ${Math.round(mid(duck, 'loadMs'))} ms, peak RSS ${Math.round(mid(duck, 'peakRssMB'))} MB`);
  const agree = [...ours, ...duck].every((r) => r.counts === ours[0].counts);
  console.log(`  counts agree: ${agree ? 'yes' : 'NO'} (states, categories, severities, levels, accepted, resolved, resolution levels, median days, ${JSON.parse(ours[0].counts).grids.toLocaleString('en')} grids)`);
  console.log(`  ratio gualian (replay + summary) / DuckDB: ${((mid(ours, 'replayMs') + mid(ours, 'summaryMs')) / mid(duck, 'ms')).toFixed(2)}×; with verification: ${(mid(ours, 'ms') / mid(duck, 'ms')).toFixed(2)}×`);
  if (!agree) process.exitCode = 1;
  results.disputes = { ms: mid(ours, 'ms'), verifyMs: mid(ours, 'verifyMs'), verifyNodeShaMs: mid(ours, 'verifyNodeShaMs'), replayMs: mid(ours, 'replayMs'), summaryMs: mid(ours, 'summaryMs'), peakRssMB: mid(ours, 'peakRssMB'), duckdbMs: mid(duck, 'ms'), duckdbPeakRssMB: mid(duck, 'peakRssMB'), countsAgree: agree, runs: ours, duckdb: duck };
}

console.log(JSON.stringify({ms: results.disputes.ms, agree: results.disputes.countsAgree}));
