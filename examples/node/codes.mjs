// Official statistical codes (统计用区划代码) and the codes of grids and household units.
//   node examples/node/codes.mjs
import {
  normalizeCode, isDivisionCode, levelOfCode, parentCode, ancestorCodes, toStatisticalCode,
  isWithin, compareCodes, gridCode, householdUnitCode, countyKind, townshipKind, villageKind,
  DivisionCodeError, describeError,
} from '@gualian/core';

console.log(normalizeCode('530600000000')); // '5306'  (12-digit padded form → short form)
console.log(toStatisticalCode('5306')); // '530600000000'
console.log(levelOfCode('530627')); // 'county'
console.log(parentCode('530627100')); // '530627'
console.log(ancestorCodes('530627100201')); // [ '53', '5306', '530627', '530627100' ]
console.log(isWithin('530627100201', '5306')); // true
console.log(['530627', '53', '530602'].sort(compareCodes)); // [ '53', '530602', '530627' ]
console.log(countyKind('530602'), countyKind('530627'), countyKind('530681')); // district county county-city
console.log(townshipKind('530602001'), townshipKind('530627100')); // subdistrict town

// Grids and household units have no national code: number them under their village.
const grid = gridCode('530602001001', 3);
console.log(grid); // '530602001001-003'
console.log(householdUnitCode(grid, 7)); // '530602001001-003-07'
console.log(levelOfCode(grid), parentCode(grid)); // grid 530602001001
console.log(villageKind('530602001001', '凤凰社区居委会')); // 'residents-committee'

console.log(isDivisionCode('5306x')); // false
try {
  normalizeCode('5306x');
} catch (e) {
  if (!(e instanceof DivisionCodeError)) throw e;
  console.log(e.code); // 'code.format'
  console.log(describeError(e)); // “5306x”不是 2、4、6、9 或 12 位的区划代码
  console.log(describeError(e, 'en')); // "5306x" is not a division code of 2, 4, 6, 9 or 12 digits
}
