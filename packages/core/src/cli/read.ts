/// <reference types="node" />
// (The core builds without Node types; the command line is Node-only.)
/**
 * The data staff's files → validated records, through the core's spreadsheet readers
 * (`@gualian/core/sheets`): CSV (UTF-8, GB18030 or Big5), the first sheet of an .xlsx workbook,
 * or a JSON array of records. The command reads leniently: a bad row is reported with its file,
 * line, field and reason, and skipped; the rest are kept.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { GualianError, type ErrorCode } from '../errors/index.js';
import { translate, localiseDetails, type Lang } from '../i18n/index.js';
import type { EncodingOption } from '../io/encodings.js';
import { readSheet, SHEET_COLUMNS, type SheetFormat, type SheetIssue, type SheetKind, type SheetNote, type SheetRecords } from '../io/sheets.js';
import { UnusableInput } from './errors.js';

export { parseActivities, parseDate, parseRank, parseRole } from '../io/cells.js';
export { loadExcelJS } from '../io/xlsx.js';

/** The three inputs of a check. */
export type InputKind = SheetKind;

/** The stable codes of input-row issues: the core's row, cell and value issues. */
export const INPUT_ISSUE_CODES = [
  'row.missing',
  'row.columns',
  'row.quote',
  'row.object',
  'row.cell',
  'row.too-long',
  'row.duplicate',
  'row.parent',
  'row.level',
  'row.type',
  'row.name',
  'code.empty',
  'code.format',
  'code.province',
  'code.segment',
  'code.level',
  'input.rank',
  'input.role',
  'input.date',
  'input.integer',
  'input.number',
  'input.activity',
  'input.scientific',
  'value.missing',
  'value.type',
  'value.too-small',
  'value.too-big',
  'value.format',
  'value.enum',
  'value.invalid',
] as const satisfies readonly ErrorCode[];
/** The code of an input-row issue. */
export type InputIssueCode = (typeof INPUT_ISSUE_CODES)[number];

/** One problem in one row of an input file: the row is skipped and this says why. */
export interface InputIssue {
  /** The file as given on the command line. */
  file: string;
  input: InputKind | 'divisions';
  /** The line (CSV, counting the header as 1), the sheet row (.xlsx) or the record number (JSON). */
  line: number;
  /** The field (the English name of the column, `*` for the whole row). */
  field: string;
  /** The column's header as written in the file. */
  column: string;
  code: InputIssueCode;
  /** The offending value as read (shortened to 80 characters). */
  value: string;
  details?: Record<string, string | number>;
}

/** The validated records of an input file with the line of each, and the issues of the rows skipped. */
export interface InputFile<T> {
  input: InputKind;
  file: string;
  format: SheetFormat;
  encoding: string | null;
  /** Data rows in the file. */
  rows: number;
  records: T[];
  /** The line of each record. */
  lines: number[];
  issues: InputIssue[];
  /** Columns that were not recognised. */
  notes: SheetNote[];
}

/** How the command reads its inputs: `--encoding` and `--column` mappings. */
export interface ReadOptions {
  /** The encoding of the files that are not UTF-8 (`--encoding`). */
  encoding?: EncodingOption;
  /** Headers mapped to fields, those of this input only. */
  columns?: Readonly<Record<string, string>>;
}

const FORMATS: Readonly<Record<string, SheetFormat>> = { '.xlsx': 'xlsx', '.csv': 'csv', '.txt': 'csv', '.json': 'json' };

/** A sheet issue as the command reports it. @internal */
export function inputIssueOf(file: string, input: InputIssue['input'], i: SheetIssue | (Omit<SheetIssue, 'column'> & { column?: string })): InputIssue {
  return { file, input, line: i.line, field: i.field, column: i.column ?? i.field, code: i.reason as InputIssueCode, value: i.value, ...(i.details ? { details: i.details } : {}) };
}

/** Read and validate one input file; a file with no valid row is unusable. */
export async function readInput<K extends InputKind>(file: string, input: K, options: ReadOptions = {}): Promise<InputFile<SheetRecords[K]>> {
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) throw new UnusableInput('cli.file.kind', { file });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new UnusableInput('cli.file.missing', { file });
  }
  let result;
  try {
    const encoding = legacyEncoding(bytes, options.encoding);
    result = await readSheet(input, bytes, { source: file, mode: 'lenient', format, ...(encoding ? { encoding } : {}), ...(options.columns ? { columns: options.columns } : {}) });
  } catch (e) {
    if (e instanceof GualianError) throw new UnusableInput('cli.file.input', { file }, undefined, e);
    throw e;
  }
  const issues = result.issues.map((i) => inputIssueOf(file, input, i));
  const read: InputFile<SheetRecords[K]> = { input, file, format: result.format, encoding: result.encoding, rows: result.rows, records: result.records, lines: result.lines, issues, notes: result.notes };
  if (read.rows === 0) throw new UnusableInput('cli.file.empty', { file });
  if (read.records.length === 0) throw new UnusableInput('cli.file.novalid', { file, count: read.rows }, issues[0]);
  return read;
}

/**
 * The encoding to read a file in: `--encoding` names the encoding of the files that are not
 * UTF-8 (one export from an old spreadsheet among files saved as UTF-8), so a UTF-8 file, or one
 * with a byte-order mark, is read as what it is.
 * @internal
 */
export function legacyEncoding(bytes: Uint8Array, encoding: EncodingOption | undefined): EncodingOption | undefined {
  if (encoding === undefined || encoding === 'auto') return undefined;
  if ((bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    return encoding;
  }
}

/**
 * The `--column 表头=field` mappings that concern one input: those naming one of its fields.
 * @internal
 */
export function columnsFor(input: InputKind, mappings: Readonly<Record<string, string>>): Record<string, string> {
  const fields = new Set(SHEET_COLUMNS[input].map((c) => c.field));
  return Object.fromEntries(Object.entries(mappings).filter(([, field]) => fields.has(field)));
}

/**
 * An issue in words: `file: line 4, field "职级": …`, the field named by the file's own header.
 * @example
 * describeInputIssue({ file: 'cadres.csv', input: 'cadres', line: 4, field: 'rank', column: '职级', code: 'input.rank', value: '局长' }, 'en');
 * // 'cadres.csv: line 4, field "职级": rank "局长" is not recognised (…)'
 */
export function describeInputIssue(issue: InputIssue, lang: Lang): string {
  return `${issue.file}: ${translate('issue.where', lang, { line: issue.line, field: issue.column, reason: inputIssueReason(issue, lang) })}`;
}

/** What is wrong with the value, without the file, line and field. */
export function inputIssueReason(issue: InputIssue, lang: Lang): string {
  const details: Record<string, string | number> = { value: issue.value, ...issue.details };
  for (const key of ['expected', 'kind'] as const) {
    const v = details[key];
    if (typeof v === 'string' && (v.startsWith('expect.') || v.startsWith('type.'))) details[key] = translate(v, lang);
  }
  return translate(`error.${issue.code}`, lang, localiseDetails(details, lang));
}
