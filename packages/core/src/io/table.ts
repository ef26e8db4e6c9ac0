/**
 * Tables from CSV (with a header row) or from a JSON array of objects, with the line number of
 * every row, read by column position so a national file costs no object per row.
 */
import { GualianError, type RowIssue } from '../errors/index.js';
import { parseCsv } from './csv.js';

/**
 * A table: its columns, the positions of the columns asked for, and its rows, read by index. A
 * CSV row's values are its fields; a JSON record is read through the column names, so a
 * national file costs no extra object or array per row.
 * @internal
 */
export interface Table {
  columns: string[];
  /** Position of each wanted column (undefined when absent). */
  positions: (number | undefined)[];
  /** How many rows. */
  size: number;
  /** The line of row `i`: its line in a CSV file, its position (from 1) in a JSON array. */
  line(i: number): number;
  /** The value of wanted column `k` in row `i` (`undefined` when the column is absent). */
  cell(i: number, k: number): unknown;
  /** Every value of row `i`, in the order of `columns`. */
  values(i: number): unknown[];
}

/**
 * Read CSV or JSON text as a table. `wanted` lists column names, each with optional aliases
 * (`['code', '代码']`), matched without regard to case; a required column that is missing
 * throws `file.header`.
 * @internal
 */
export function readTable(input: string | readonly unknown[], source: string, issues: RowIssue[], wanted: ReadonlyArray<string | readonly string[]>, required = wanted.length): Table {
  let columns: string[];
  let size: number;
  let line: Table['line'];
  let record: (i: number) => unknown[] | Record<string, unknown>;
  const text = typeof input === 'string' ? input.trimStart() : '';
  let json = false;
  if (typeof input !== 'string' || text.startsWith('[')) {
    json = true;
    let parsed: unknown = input;
    if (typeof input === 'string') {
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new GualianError('file.json', { source, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    const records = (Array.isArray(parsed) ? parsed : []) as unknown[];
    const first = records.find((r) => r !== null && typeof r === 'object') as Record<string, unknown> | undefined;
    columns = first ? Object.keys(first) : [];
    size = records.length;
    // JSON records are numbered from 1 in array order: the "line" of a record.
    line = (i) => i + 1;
    const none = {};
    record = (i) => {
      const r = records[i];
      return r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : none;
    };
  } else {
    const records = parseCsv(input);
    columns = records[0]?.fields.map((h) => h.trim()) ?? [];
    const rows: { line: number; fields: string[] }[] = [];
    for (let r = 1; r < records.length; r++) {
      const row = records[r]!;
      if (row.fields.length !== columns.length) {
        issues.push({ line: row.line, field: '*', reason: 'row.columns', value: row.fields.join(',').slice(0, 80), details: { count: row.fields.length, expected: columns.length }, source });
        continue;
      }
      rows.push(row);
    }
    size = rows.length;
    line = (i) => rows[i]!.line;
    record = (i) => rows[i]!.fields;
  }
  const lower = columns.map((c) => c.toLowerCase());
  const positions = wanted.map((names, k) => {
    const aliases = typeof names === 'string' ? [names] : names;
    const at = lower.findIndex((c) => aliases.some((a) => a.toLowerCase() === c));
    if (at < 0 && k < required && size > 0) throw new GualianError('file.header', { value: aliases[0]!, source });
    return at < 0 ? undefined : at;
  });
  const names = positions.map((at) => (at === undefined ? undefined : columns[at]));
  const cell: Table['cell'] = json
    ? (i, k) => (names[k] === undefined ? undefined : (record(i) as Record<string, unknown>)[names[k]!])
    : (i, k) => (positions[k] === undefined ? undefined : (record(i) as unknown[])[positions[k]!]);
  const values: Table['values'] = json ? (i) => columns.map((c) => (record(i) as Record<string, unknown>)[c]) : (i) => record(i) as unknown[];
  return { columns, positions, size, line, cell, values };
}
