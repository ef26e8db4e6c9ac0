/**
 * Tables from CSV (with a header row) or from a JSON array of objects, with the line number of
 * every row, read by column position so a national file costs no object per row.
 */
import { GualianError, type RowIssue } from '../errors/index.js';
import { parseCsv } from './csv.js';

/**
 * A table: its columns, the positions of the columns asked for, and its rows. A CSV row's
 * values are its fields; a JSON row is read through the column names, so a national file
 * costs no extra array per row.
 * @internal
 */
export interface Table {
  columns: string[];
  /** Position of each wanted column (undefined when absent). */
  positions: (number | undefined)[];
  rows: Array<{ line: number; values: unknown[] | Record<string, unknown> }>;
  /** The value of wanted column `k` in a row (`undefined` when the column is absent). */
  cell(row: { values: unknown[] | Record<string, unknown> }, k: number): unknown;
}

/**
 * Read CSV or JSON text as a table. `wanted` lists column names, each with optional aliases
 * (`['code', '代码']`), matched without regard to case; a required column that is missing
 * throws `file.header`.
 * @internal
 */
export function readTable(input: string | readonly unknown[], source: string, issues: RowIssue[], wanted: ReadonlyArray<string | readonly string[]>, required = wanted.length): Table {
  let columns: string[];
  let rows: Table['rows'];
  const text = typeof input === 'string' ? input.trimStart() : '';
  if (typeof input !== 'string' || text.startsWith('[')) {
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
    // JSON records are numbered from 1 in array order: the "line" of a record.
    rows = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      rows[i] = { line: i + 1, values: r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : {} };
    }
  } else {
    const records = parseCsv(input);
    columns = records[0]?.fields.map((h) => h.trim()) ?? [];
    rows = [];
    for (let r = 1; r < records.length; r++) {
      const { line, fields } = records[r]!;
      if (fields.length !== columns.length) {
        issues.push({ line, field: '*', reason: 'row.columns', value: fields.join(',').slice(0, 80), details: { count: fields.length, expected: columns.length }, source });
        continue;
      }
      rows.push({ line, values: fields });
    }
  }
  const lower = columns.map((c) => c.toLowerCase());
  const positions = wanted.map((names, k) => {
    const aliases = typeof names === 'string' ? [names] : names;
    const at = lower.findIndex((c) => aliases.some((a) => a.toLowerCase() === c));
    if (at < 0 && k < required && rows.length > 0) throw new GualianError('file.header', { value: aliases[0]!, source });
    return at < 0 ? undefined : at;
  });
  const names = positions.map((at) => (at === undefined ? undefined : columns[at]));
  const cell: Table['cell'] = Array.isArray(rows[0]?.values) || rows.length === 0
    ? (row, k) => (positions[k] === undefined ? undefined : (row.values as unknown[])[positions[k]!])
    : (row, k) => (names[k] === undefined ? undefined : (row.values as Record<string, unknown>)[names[k]!]);
  return { columns, positions, rows, cell };
}

