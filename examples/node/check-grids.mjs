// Check a portal's grid file (CSV, UTF-8 or GB18030, English or Chinese headers) against the
// official villages, and print every bad row in Chinese (or English with --en).
//   node examples/node/check-grids.mjs tests/fixtures/malformed-grids.csv
//   node examples/node/check-grids.mjs tests/fixtures/zhaotong-grids.gb18030.csv --en
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fromDivisionPack, loadDivisionTable, describeIssue } from '@gualian/core';

const file = process.argv[2];
if (!file) {
  console.error('usage: node examples/node/check-grids.mjs <grids.csv> [--en]');
  process.exit(2);
}
const lang = process.argv.includes('--en') ? 'en' : 'zh-Hans';
// The official divisions the grids hang under: here Zhaotong's pack from the docs site
// (`npm run build` writes it); a county IT team would load its own province's pack.
const base = fromDivisionPack(await readFile('site/data/2023/5306.json', 'utf8'));
const { hierarchy, accepted, issues } = loadDivisionTable(await readFile(file), { base, mode: 'lenient', source: basename(file) });

console.log(`${accepted} rows accepted, ${issues.length} rejected`);
for (const issue of issues) console.log(describeIssue(issue, lang));
console.log(hierarchy.countsByLevel('5306'));
process.exit(issues.length === 0 ? 0 : 1);
