/**
 * Tables from CSV (with a header row) or from a JSON array of objects, with the line number of
 * every row, read by column position so a national file costs no object per row.
 */
import type { RowIssue } from '../errors/index.js';
import { parseCsv } from './csv.js';
import { FileError } from './errors.js';

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
 * The records of a JSON text (or an array given as is): an array, else `file.json`.
 * @internal
 */
export function jsonRecords(input: string | readonly unknown[], source: string): readonly unknown[] {
  if (typeof input !== 'string') return input;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch (e) {
    throw new FileError('file.json', { source, reason: e instanceof Error ? e.message : String(e) });
  }
  if (!Array.isArray(parsed)) throw new FileError('file.json', { source, reason: 'not an array of records' });
  return parsed;
}

/**
 * The columns of JSON records: every key of every record, in the order first seen, so a field
 * that the first record leaves out is still read in the others.
 * @internal
 */
export function jsonColumns(records: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const r of records) if (isRecord(r)) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** Whether a JSON entry is a record (an object, not an array). @internal */
export function isRecord(r: unknown): r is Record<string, unknown> {
  return r !== null && typeof r === 'object' && !Array.isArray(r);
}

/**
 * Read CSV or JSON text as a table. `wanted` lists column names, each with optional aliases
 * (`['code', '代码']`), matched without regard to case; a required column that is missing
 * throws `file.header`. Rows that cannot be read (a quote left open, a count of fields unlike
 * the header's, a JSON entry that is not an object) go to `issues`, each with its line.
 * @internal
 */
export function readTable(input: string | readonly unknown[], source: string, issues: RowIssue[], wanted: ReadonlyArray<string | readonly string[]>, required = wanted.length): Table {
  let columns: string[];
  let size: number;
  let line: Table['line'];
  let record: (i: number) => unknown[] | Record<string, unknown>;
  const text = typeof input === 'string' ? input.trimStart() : '';
  let json = false;
  if (typeof input !== 'string' || text.startsWith('[') || text.startsWith('{')) {
    json = true;
    const records = jsonRecords(typeof input === 'string' ? text : input, source);
    columns = jsonColumns(records);
    // JSON records are numbered from 1 in array order: the "line" of a record.
    const kept: number[] = [];
    for (let i = 0; i < records.length; i++) {
      if (isRecord(records[i])) kept.push(i);
      else issues.push({ line: i + 1, field: '*', reason: 'row.object', value: kindOf(records[i]), source });
    }
    size = kept.length;
    line = kept.length === records.length ? (i) => i + 1 : (i) => kept[i]! + 1;
    record = kept.length === records.length ? (i) => records[i] as Record<string, unknown> : (i) => records[kept[i]!] as Record<string, unknown>;
  } else {
    const records = parseCsv(input);
    columns = records[0]?.fields.map((h) => h.trim()) ?? [];
    const rows: { line: number; fields: string[] }[] = [];
    for (let r = 1; r < records.length; r++) {
      const row = records[r]!;
      if (row.malformed === 'quote') {
        issues.push({ line: row.line, field: '*', reason: 'row.quote', value: shorten(row.fields.join(',')), source });
        continue;
      }
      if (row.fields.length !== columns.length) {
        issues.push({ line: row.line, field: '*', reason: 'row.columns', value: shorten(row.fields.join(',')), details: { count: row.fields.length, expected: columns.length }, source });
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
    // A JSON record carries its own keys: one it lacks is its row's issue, not the file's.
    if (at < 0 && k < required && size > 0 && !json) throw new FileError('file.header', { value: aliases[0]!, aliases: aliases.join(', '), line: 1, header: shorten(columns.join(' | ')), source });
    return at < 0 ? undefined : at;
  });
  const names = positions.map((at) => (at === undefined ? undefined : columns[at]));
  const cell: Table['cell'] = json
    ? (i, k) => (names[k] === undefined ? undefined : (record(i) as Record<string, unknown>)[names[k]!])
    : (i, k) => (positions[k] === undefined ? undefined : (record(i) as unknown[])[positions[k]!]);
  const values: Table['values'] = json ? (i) => columns.map((c) => (record(i) as Record<string, unknown>)[c]) : (i) => record(i) as unknown[];
  return { columns, positions, size, line, cell, values };
}

/** What a JSON entry that is not a record is, for the issue (never its whole text). */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[…${v.length}]`;
  return typeof v === 'string' ? shorten(v) : typeof v === 'object' ? '{…}' : String(v);
}

/** A value cut to 80 characters for an issue. @internal */
export function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}
