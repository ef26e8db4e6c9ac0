/**
 * The flattened visible rows of a tree over a {@link Hierarchy}: row positions in pre-order,
 * in an Int32Array, built by skipping collapsed subtrees (each is one contiguous run), so the
 * cost follows what is visible, not the 665,276 divisions of the country.
 */
import type { Hierarchy } from '@gualian/core';

/**
 * The visible rows under `top` (the row to start from, or -1 for the whole hierarchy): `top`
 * itself, then the descendants of every open row.
 * @example
 * const rows = visibleRows(national, -1, (i) => national.codeAt(i) === '53');
 * rows.length; // 31 provinces + 16 prefectures of Yunnan
 */
export function visibleRows(h: Hierarchy, top: number, isOpen: (row: number) => boolean): Int32Array {
  const start = top < 0 ? 0 : top;
  const end = top < 0 ? h.size : h.subtreeEnd(top);
  const out = new Int32Array(end - start);
  let n = 0;
  for (let j = start; j < end; ) {
    out[n++] = j;
    j = isOpen(j) ? j + 1 : h.subtreeEnd(j);
  }
  return out.slice(0, n);
}

/**
 * The index of row position `row` among the visible rows (sorted, being pre-order), or -1.
 * @example
 * visibleIndex(rows, national.indexOf('5306'));
 */
export function visibleIndex(rows: Int32Array, row: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < row) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length && rows[lo] === row ? lo : -1;
}

/**
 * A read-only array view of the rows for `@lit-labs/virtualizer`, which accepts only values
 * that pass `Array.isArray` and reads nothing but `length` and indices: a Proxy over an empty
 * array passes, so the Int32Array is never copied into 665,276 boxed numbers.
 * @example
 * virtualize({ items: asArray(rows), renderItem: (row) => html`${h.nameAt(row)}` });
 */
export function asArray(rows: Int32Array): number[] {
  return new Proxy<number[]>([], {
    get(target, key, receiver) {
      if (key === 'length') return rows.length;
      if (typeof key === 'string') {
        const i = toIndex(key);
        if (i >= 0) return i < rows.length ? rows[i] : undefined;
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string') {
        const i = toIndex(key);
        if (i >= 0) return i < rows.length;
      }
      return Reflect.has(target, key);
    },
  });
}

function toIndex(key: string): number {
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return -1;
  const i = Number(key);
  return Number.isInteger(i) ? i : -1;
}
