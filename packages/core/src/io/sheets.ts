/**
 * The spreadsheets data staff keep (cadres, pairings, visits) read into validated records:
 * CSV (UTF-8, GB18030 or Big5), the first sheet of an .xlsx workbook, or a JSON array of
 * records. These are the readers the `gualian` command uses, so a portal that takes uploads
 * reads them the same way without shelling out.
 *
 * Every data row is accepted or reported with its line, field and reason: `records.length`
 * plus the number of distinct lines in `issues` is `rows`. Headers are found among the first
 * rows (title rows above them are skipped), matched against the names staff write (干部姓名,
 * 村(社区)代码, 走访时间, 时长（分钟） …), or mapped by the caller; columns not recognised are
 * returned as notes.
 */
import type * as z from 'zod/mini';
import { GualianError, describeIssue, type ErrorCode, type RowIssue } from '../errors/index.js';
import { recordIssues, type ParseMode } from '../errors/schema.js';
import { localiseDetails, translate, type Lang } from '../i18n/index.js';
import { cadreSchema, pairingSchema, visitSchema, type Cadre, type Pairing, type Visit } from '../pairing/schema.js';
import { cellString, parseActivities, parseCodeCell, parseDate, parseRank, parseRole, parseTimestamp, type CellResult } from './cells.js';
import { parseCsv } from './csv.js';
import { decodeText, type EncodingOption, type TextEncodingName } from './encodings.js';
import { isRecord, jsonColumns, jsonRecords, shorten } from './table.js';
import { DEFAULT_XLSX_LIMITS, isZip, readWorkbookRows, type XlsxLimits } from './xlsx.js';
import { FileError } from './errors.js';

export { parseActivities, parseCodeCell, parseDate, parseRank, parseRole, type CellResult } from './cells.js';
export { DEFAULT_XLSX_LIMITS, type XlsxLimits } from './xlsx.js';
export { ENCODING_OPTIONS, decodeText, type EncodingOption, type TextEncodingName } from './encodings.js';
export { FileError, type FileErrorCode } from './errors.js';

/** The three spreadsheets of the 包掛聯 check. */
export type SheetKind = 'cadres' | 'pairings' | 'visits';

/** The record each spreadsheet yields. */
export interface SheetRecords {
  cadres: Cadre;
  pairings: Pairing;
  visits: Visit;
}

/** The formats a sheet may come in. */
export type SheetFormat = 'csv' | 'xlsx' | 'json';

/** A column of a sheet: its field, the header names accepted for it, and whether it must be there. */
export interface SheetColumn {
  field: string;
  aliases: readonly string[];
  required: boolean;
}

/**
 * The columns of each sheet and the headers accepted for them. Headers are compared after NFKC
 * (full-width letters and brackets become half-width), lower-casing, removing spaces and
 * `_ - * /`, and dropping bracketed parts (`时长（分钟）` is `时长`, `村(社区)代码` is `村代码`).
 * @example
 * SHEET_COLUMNS.visits.find((c) => c.field === 'minutes')!.aliases.includes('走访时长'); // true
 */
export const SHEET_COLUMNS: Readonly<Record<SheetKind, readonly SheetColumn[]>> = {
  cadres: [
    { field: 'id', aliases: ['id', 'cadreId', '编号', '工号', '干部编号', '人员编号', '干部id', '編號', '幹部編號', '人員編號'], required: true },
    { field: 'name', aliases: ['name', '姓名', '名字', '干部姓名', '幹部姓名', '人员姓名', '人員姓名'], required: true },
    { field: 'unit', aliases: ['unit', '单位', '單位', '工作单位', '工作單位', '所在单位', '所在單位', '派出单位', '派出單位', '单位名称', '單位名稱'], required: true },
    { field: 'rank', aliases: ['rank', '职级', '職級', '级别', '級別', '职务级别', '職務級別', '身份职务级别', '身份職務級別', '身份', '职务', '職務', '干部级别', '幹部級別'], required: true },
    { field: 'homeCode', aliases: ['homeCode', 'home', '住址代码', '所在地代码', '居住地代码', '住址代碼', '所在地代碼', '居住地代碼'], required: false },
    { field: 'lat', aliases: ['lat', 'latitude', '纬度', '緯度'], required: false },
    { field: 'lon', aliases: ['lon', 'lng', 'longitude', '经度', '經度'], required: false },
  ],
  pairings: [
    { field: 'cadreId', aliases: ['cadreId', 'cadre', '干部编号', '幹部編號', '工号', '人员编号', '人員編號'], required: true },
    { field: 'role', aliases: ['role', 'type', '类型', '挂联类型', '類型', '掛聯類型', '挂联方式', '掛聯方式', '包联类型', '包聯類型'], required: true },
    { field: 'code', aliases: ['code', 'divisionCode', 'villageCode', '区划代码', '挂联村代码', '挂联代码', '代码', '區劃代碼', '掛聯村代碼', '掛聯代碼', '代碼', '挂联村', '掛聯村', '挂联单位代码', '掛聯單位代碼', '村代码', '村代碼'], required: true },
    { field: 'from', aliases: ['from', 'start', '开始日期', '起始日期', '開始日期', '开始时间', '開始時間', '挂联开始日期'], required: false },
    { field: 'to', aliases: ['to', 'end', '结束日期', '截止日期', '結束日期', '结束时间', '結束時間', '挂联结束日期'], required: false },
  ],
  visits: [
    { field: 'id', aliases: ['id', 'visitId', '编号', '走访编号', '編號', '走訪編號', '记录编号', '記錄編號'], required: false },
    { field: 'cadreId', aliases: ['cadreId', 'cadre', '干部编号', '幹部編號', '工号', '人员编号', '人員編號'], required: true },
    { field: 'villageCode', aliases: ['villageCode', 'village', '村代码', '走访村代码', '村代碼', '走訪村代碼', '挂联村代码', '掛聯村代碼', '村社区代码', '村社區代碼', '走访村', '走訪村'], required: true },
    { field: 'date', aliases: ['date', '日期', '走访日期', '走訪日期', '走访时间', '走訪時間', '时间', '時間'], required: true },
    { field: 'minutes', aliases: ['minutes', '时长', '分钟', '時長', '分鐘', '走访时长', '走訪時長', '在村时长', '在村時長'], required: true },
    { field: 'households', aliases: ['households', '入户数', '入户', '入戶數', '入戶', '入户户数', '入戶戶數', '走访户数', '走訪戶數'], required: true },
    { field: 'activities', aliases: ['activities', '工作内容', '工作內容', '开展工作', '開展工作', '走访内容', '走訪內容'], required: true },
    { field: 'notes', aliases: ['notes', 'note', '备注', '備註', '說明', '说明'], required: false },
    { field: 'recordedAt', aliases: ['recordedAt', '录入时间', '錄入時間', '填报时间', '填報時間', '登记时间', '登記時間'], required: false },
    { field: 'recordedBy', aliases: ['recordedBy', '录入人', '錄入人', '填报人', '填報人', '登记人', '登記人'], required: false },
  ],
};

type FieldType = 'text' | 'code' | 'rank' | 'role' | 'date' | 'timestamp' | 'int' | 'number' | 'activities';

const FIELD_TYPES: Readonly<Record<SheetKind, Readonly<Record<string, FieldType>>>> = {
  cadres: { id: 'text', name: 'text', unit: 'text', rank: 'rank', homeCode: 'code', lat: 'number', lon: 'number' },
  pairings: { cadreId: 'text', role: 'role', code: 'code', from: 'date', to: 'date' },
  visits: { id: 'text', cadreId: 'text', villageCode: 'code', date: 'date', minutes: 'int', households: 'int', activities: 'activities', notes: 'text', recordedAt: 'timestamp', recordedBy: 'text' },
};

const SCHEMAS = { cadres: cadreSchema, pairings: pairingSchema, visits: visitSchema } as const;
const RECORD_KINDS = { cadres: 'cadre', pairings: 'pairing', visits: 'visit' } as const;

/** How many rows at the top of a file are searched for the header. */
const HEADER_SEARCH = 10;
/** The longest cell read as data; longer is a row issue (`row.too-long`). */
const MAX_CELL = 10_000;

/** Options of {@link readSheet}. */
export interface SheetOptions {
  /** `strict` (the default) throws {@link SheetRowsError} listing every bad row; `lenient` keeps the good rows. */
  mode?: ParseMode;
  /** A name for the input in messages and visit ids (a file name). */
  source?: string;
  /** The format; by default an .xlsx is known by its bytes, JSON by its `[`, anything else is CSV. */
  format?: SheetFormat;
  /** The text encoding of CSV or JSON bytes: `auto` (the default) detects UTF-8, GB18030 or Big5. */
  encoding?: EncodingOption;
  /**
   * Headers of the file mapped to fields, for columns the built-in names do not cover:
   * `{ '时长': 'minutes', '村名代码': 'villageCode' }`.
   */
  columns?: Readonly<Record<string, string>>;
  /** Size limits of .xlsx workbooks (defaults: {@link DEFAULT_XLSX_LIMITS}). */
  limits?: Partial<XlsxLimits>;
}

/** One problem of one row: its line, the field, the column as headed in the file, the reason and the value. */
export interface SheetIssue extends RowIssue {
  /** The column's header as written in the file (the field's name when the column is absent). */
  column: string;
}

/**
 * Something worth saying about a file that loses no row: a column that was not recognised, or
 * a second column for a field already read (the first one is read).
 */
export interface SheetNote {
  code: 'file.column-unknown' | 'file.column-duplicate';
  /** The header as written. */
  column: string;
  /** Its position, from 1. */
  position: number;
  /** The field, for a duplicate. */
  field?: string;
}

/** What a reader returns: the records with the line of each, the issues of the rows refused, and notes. */
export interface SheetResult<T> {
  kind: SheetKind;
  source: string;
  format: SheetFormat;
  /** The text encoding found (CSV and JSON bytes), or null. */
  encoding: TextEncodingName | null;
  /** The header row read: its line and its cells as written. */
  header: { line: number; columns: string[] };
  /** Data rows in the file (blank rows and title rows above the header not counted). */
  rows: number;
  records: T[];
  /** The line of each record (CSV line, sheet row, or position from 1 in a JSON array). */
  lines: number[];
  /** Every refused row's problems, in line order. Empty in strict mode (it throws instead). */
  issues: SheetIssue[];
  notes: SheetNote[];
}

/**
 * Rows refused in `strict` mode: lists every issue, not just the first; no record was used.
 * @example
 * try {
 *   await readVisits(bytes, { source: '走访.xlsx' });
 * } catch (e) {
 *   if (e instanceof SheetRowsError) e.issues.map((i) => describeSheetIssue(i, 'zh-Hans'));
 * }
 */
export class SheetRowsError extends GualianError {
  override readonly name = 'SheetRowsError';
  declare readonly code: 'file.sheet-rejected';
  constructor(
    readonly issues: readonly SheetIssue[],
    source: string,
  ) {
    super('file.sheet-rejected', { source, count: new Set(issues.map((i) => i.line)).size, first: issues[0] ? describeSheetIssue(issues[0], 'en') : '' });
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    return new FileError('file.sheet-rejected', { ...this.details, first: this.issues[0] ? describeSheetIssue(this.issues[0], lang) : '' }).describe(lang);
  }
}

/**
 * A sheet issue in words, the field named by the file's own header:
 * `走访.csv: 第 4 行，“走访日期”：“2024-02-30”不是有效日期…`.
 * @example
 * describeSheetIssue({ line: 4, field: 'date', column: '走访日期', reason: 'input.date', value: '2024-02-30', source: 'v.csv' }, 'en');
 * // 'v.csv: line 4, field "走访日期": "2024-02-30" is not a date (…)'
 */
export function describeSheetIssue(issue: SheetIssue, lang: Lang = 'zh-Hans'): string {
  // The column as the file heads it, shown as written; a whole-row issue names no column.
  if (issue.column === '*' || issue.column === issue.field) return describeIssue(issue, lang);
  const reason = translate(`error.${issue.reason}`, lang, localiseDetails({ value: issue.value, ...issue.details }, lang));
  const where = translate('issue.where', lang, { line: issue.line, field: issue.column, reason });
  return issue.source ? `${issue.source}: ${where}` : where;
}

const normalizeHeader = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[(\[【〔［][^)\]】〕］]*[)\]】〕］]/g, '')
    .toLowerCase()
    .replace(/[\s_\-*/、:：]/g, '');

const aliasIndexes = new Map<SheetKind, Map<string, number>>();
/** Each accepted header, normalised, and its column (the first that names it). */
function aliasIndexOf(kind: SheetKind): Map<string, number> {
  let index = aliasIndexes.get(kind);
  if (index === undefined) {
    index = new Map();
    for (const [k, spec] of SHEET_COLUMNS[kind].entries()) for (const a of spec.aliases) if (!index.has(normalizeHeader(a))) index.set(normalizeHeader(a), k);
    aliasIndexes.set(kind, index);
  }
  return index;
}

/** A cell of a simple kind, or the reason it is not one. */
function plainCell(v: unknown, type: FieldType): CellResult {
  if (v === undefined || v === null) return { ok: true, value: '' };
  if (typeof v === 'string') return v.length > MAX_CELL ? { ok: false, code: 'row.too-long', details: { length: v.length, max: MAX_CELL } } : { ok: true, value: v };
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return { ok: true, value: v };
  // A JSON list of activities is data; any other list or object is not a cell.
  if (Array.isArray(v) && type === 'activities' && v.length <= 100 && v.every((x) => typeof x === 'string' && x.length <= 200)) return { ok: true, value: v };
  return { ok: false, code: 'row.cell', details: { kind: Array.isArray(v) ? 'array' : typeof v } };
}

function isBlank(v: unknown): boolean {
  return v === '' || v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** A value as an issue shows it: short, never an object's whole text. */
function shown(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return shorten(v);
  if (v instanceof Date) return parseDate(v) ?? 'Invalid Date';
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') && v.length <= 100 ? shorten(v.join(';')) : `[…${v.length}]`;
  if (typeof v === 'object') return '{…}';
  return String(v);
}

function parseField(type: FieldType, raw: unknown): CellResult {
  switch (type) {
    case 'text':
      return { ok: true, value: cellString(raw) };
    case 'code':
      return parseCodeCell(raw);
    case 'rank': {
      const rank = parseRank(cellString(raw));
      return rank ? { ok: true, value: rank } : { ok: false, code: 'input.rank' };
    }
    case 'role': {
      const role = parseRole(cellString(raw));
      return role ? { ok: true, value: role } : { ok: false, code: 'input.role' };
    }
    case 'date': {
      const date = parseDate(raw);
      return date ? { ok: true, value: date } : { ok: false, code: 'input.date' };
    }
    case 'timestamp': {
      const at = parseTimestamp(raw);
      return at ? { ok: true, value: at } : { ok: false, code: 'input.date' };
    }
    case 'int': {
      const s = cellString(raw);
      const n = typeof raw === 'number' ? raw : /^\d{1,15}(?:\.0*)?$/.test(s) ? Number(s) : NaN;
      return Number.isSafeInteger(n) && n >= 0 ? { ok: true, value: n } : { ok: false, code: 'input.integer' };
    }
    case 'number': {
      const s = cellString(raw);
      const n = typeof raw === 'number' ? raw : s.length <= 40 && /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d{1,3})?$/i.test(s) ? Number(s) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, code: 'input.number' };
    }
    case 'activities':
      return Array.isArray(raw) ? parseActivities(raw) : parseActivities(cellString(raw));
  }
}

/** A table before validation: its header, its data rows, and the rows already refused. */
interface RawTable {
  format: SheetFormat;
  encoding: TextEncodingName | null;
  header: { line: number; columns: string[] };
  rows: Array<{ line: number; values: unknown[] }>;
  issues: SheetIssue[];
  /** Data rows, counting those refused while splitting. */
  count: number;
}

/** How many columns of a row a sheet's specs recognise. */
function recognised(cells: readonly unknown[], match: (header: string) => number): number {
  let n = 0;
  for (const c of cells) if (typeof c === 'string' && match(c) >= 0) n++;
  return n;
}

/**
 * Read any spreadsheet of the check: cadres, pairings or visits.
 * @example
 * const upload = new Uint8Array(await file.arrayBuffer());
 * const { records, issues, notes } = await readSheet('visits', upload, { source: file.name, mode: 'lenient' });
 */
export async function readSheet<K extends SheetKind>(kind: K, input: string | Uint8Array | ArrayBuffer | readonly unknown[], options: SheetOptions = {}): Promise<SheetResult<SheetRecords[K]>> {
  // Callers from plain JavaScript get a typed error for a wrong kind or mode, not a TypeError.
  if (!Object.hasOwn(SHEET_COLUMNS, kind)) throw new GualianError('value.enum', { value: String(kind), options: Object.keys(SHEET_COLUMNS).join(', ') });
  if (options.mode !== undefined && options.mode !== 'strict' && options.mode !== 'lenient') throw new GualianError('value.enum', { value: String(options.mode), options: 'strict, lenient' });
  const source = options.source ?? 'input';
  const specs = SHEET_COLUMNS[kind];
  const mapping = new Map<string, number>();
  for (const [header, field] of Object.entries(options.columns ?? {})) {
    const k = specs.findIndex((s) => s.field === field);
    if (k < 0) throw new FileError('file.column-map', { value: `${header}=${field}`, field, fields: specs.map((s) => s.field).join(', ') });
    mapping.set(normalizeHeader(header), k);
  }
  const aliasIndex = aliasIndexOf(kind);
  const match = (header: string): number => {
    const h = normalizeHeader(header);
    return mapping.get(h) ?? aliasIndex.get(h) ?? -1;
  };
  const table = await rawTable(input, options, source, match);
  return validate(kind, table, source, match, options.mode ?? 'strict');
}

async function rawTable(input: string | Uint8Array | ArrayBuffer | readonly unknown[], options: SheetOptions, source: string, match: (h: string) => number): Promise<RawTable> {
  if (Array.isArray(input)) return jsonTable(input, null, source);
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  if (bytes instanceof Uint8Array && (options.format === 'xlsx' || (options.format === undefined && isZip(bytes)))) {
    const rows = await readWorkbookRows(bytes, source, { ...DEFAULT_XLSX_LIMITS, ...options.limits });
    return splitRows(rows, 'xlsx', null, match);
  }
  if (options.format === 'xlsx') throw new FileError('file.kind', { source });
  let text: string;
  let encoding: TextEncodingName | null = null;
  if (typeof bytes === 'string') text = bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes;
  else {
    try {
      ({ text, encoding } = decodeText(bytes as Uint8Array, options.encoding));
    } catch (e) {
      if (e instanceof FileError) throw new FileError(e.code, { ...e.details, source });
      throw e;
    }
  }
  const head = text.trimStart();
  if (options.format === 'json' || (options.format === undefined && (head.startsWith('[') || head.startsWith('{')))) return jsonTable(jsonRecords(head, source), encoding, source);
  return csvTable(text, encoding, match);
}

function jsonTable(records: readonly unknown[], encoding: TextEncodingName | null, source: string): RawTable {
  const columns = jsonColumns(records);
  const rows: RawTable['rows'] = [];
  const issues: SheetIssue[] = [];
  records.forEach((r, i) => {
    if (isRecord(r)) rows.push({ line: i + 1, values: columns.map((c) => r[c]) });
    else issues.push({ line: i + 1, field: '*', column: '*', reason: 'row.object', value: shown(r), source });
  });
  return { format: 'json', encoding, header: { line: 0, columns }, rows, issues, count: records.length };
}

/** The header: of the first rows, the one with the most recognised columns (the first such). */
function headerAt(rows: ReadonlyArray<{ values: readonly unknown[] }>, match: (h: string) => number): number {
  let best = 0;
  let score = -1;
  for (let i = 0; i < Math.min(HEADER_SEARCH, rows.length); i++) {
    const s = recognised(rows[i]!.values, match);
    if (s > score) [best, score] = [i, s];
  }
  return best;
}

function splitRows(all: Array<{ line: number; values: unknown[] }>, format: SheetFormat, encoding: TextEncodingName | null, match: (h: string) => number): RawTable {
  const at = headerAt(all, match);
  const columns = all[at]?.values.map((v) => cellString(v)) ?? [];
  // Cells beyond the header (notes in the margin) are not part of the table.
  const rows = all.slice(at + 1).map(({ line, values }) => ({ line, values: Array.from({ length: columns.length }, (_, i) => values[i] ?? '') }));
  return { format, encoding, header: { line: all[at]?.line ?? 0, columns }, rows, issues: [], count: rows.length };
}

function csvTable(text: string, encoding: TextEncodingName | null, match: (h: string) => number): RawTable {
  // The header is looked for in the first lines, then the file is read knowing its width, so a
  // quote left open is told from a cell over several lines.
  let end = -1;
  for (let n = 0; n < HEADER_SEARCH && end < text.length; n++) {
    const next = text.indexOf('\n', end + 1);
    end = next < 0 ? text.length : next;
  }
  const head = parseCsv(text.slice(0, end)).filter((r) => !r.fields.every((f) => f.trim() === ''));
  const at = headerAt(head.map((r) => ({ values: r.fields })), match);
  const headerLine = head[at]?.line ?? 0;
  const columns = head[at]?.fields.map((f) => f.trim()) ?? [];
  const records = parseCsv(text, { fields: columns.length });
  const rows: RawTable['rows'] = [];
  const issues: SheetIssue[] = [];
  let count = 0;
  for (const r of records) {
    if (r.line <= headerLine) continue;
    if (r.malformed === undefined && r.fields.every((f) => f.trim() === '')) continue;
    count++;
    if (r.malformed === 'quote') {
      issues.push({ line: r.line, field: '*', column: '*', reason: 'row.quote', value: shorten(r.fields.join(',')) });
      continue;
    }
    let fields = r.fields;
    // Spreadsheets pad rows with empty cells beyond the header; only text there is a problem.
    if (fields.length > columns.length && fields.slice(columns.length).every((f) => f.trim() === '')) fields = fields.slice(0, columns.length);
    if (fields.length !== columns.length) {
      issues.push({ line: r.line, field: '*', column: '*', reason: 'row.columns', value: shorten(r.fields.join(',')), details: { count: r.fields.length, expected: columns.length } });
      continue;
    }
    rows.push({ line: r.line, values: fields });
  }
  return { format: 'csv', encoding, header: { line: headerLine, columns }, rows, issues, count };
}

function validate<K extends SheetKind>(kind: K, table: RawTable, source: string, match: (h: string) => number, mode: ParseMode): SheetResult<SheetRecords[K]> {
  const specs = SHEET_COLUMNS[kind];
  const types = FIELD_TYPES[kind];
  const positions = specs.map(() => -1);
  const notes: SheetNote[] = [];
  table.header.columns.forEach((c, i) => {
    const k = c === '' ? -1 : match(c);
    if (k >= 0 && positions[k] === -1) positions[k] = i;
    else if (k >= 0) notes.push({ code: 'file.column-duplicate', column: c, position: i + 1, field: specs[k]!.field });
    else if (c !== '') notes.push({ code: 'file.column-unknown', column: c, position: i + 1 });
  });
  // JSON records carry their own keys: a key a record lacks is that record's issue, not the file's.
  if (table.format !== 'json' && (table.count > 0 || table.header.columns.length > 0)) {
    const missing = specs.findIndex((s, k) => s.required && positions[k] === -1);
    if (missing >= 0) {
      const spec = specs[missing]!;
      throw new FileError('file.header', { value: spec.field, aliases: spec.aliases.join(', '), line: table.header.line, header: shorten(table.header.columns.join(' | ')), source });
    }
  }
  const schema = SCHEMAS[kind] as unknown as z.ZodMiniType<SheetRecords[K]>;
  const issues: SheetIssue[] = table.issues.map((i) => ({ ...i, source }));
  const records: SheetRecords[K][] = [];
  const lines: number[] = [];
  const columnOf = (field: string): string => {
    const k = specs.findIndex((s) => s.field === field);
    return k >= 0 && positions[k]! >= 0 ? table.header.columns[positions[k]!]! : field;
  };
  for (const row of table.rows) {
    const object: Record<string, unknown> = {};
    const before = issues.length;
    const issue = (field: string, reason: ErrorCode, raw: unknown, details?: Record<string, string | number>): void => {
      const i: SheetIssue = { line: row.line, field, column: columnOf(field), reason, value: shown(raw), source };
      if (details && Object.keys(details).length > 0) i.details = details;
      issues.push(i);
    };
    specs.forEach((spec, k) => {
      const raw = positions[k]! >= 0 ? row.values[positions[k]!] : undefined;
      const type = types[spec.field]!;
      const plain = plainCell(raw, type);
      if (!plain.ok) return issue(spec.field, plain.code, raw, plain.details);
      if (isBlank(raw)) {
        if (type === 'activities') object[spec.field] = [];
        else if (spec.required) issue(spec.field, 'row.missing', '');
        return;
      }
      const parsed = parseField(type, raw);
      if (parsed.ok) object[spec.field] = parsed.value;
      else if (parsed.code === 'input.activity') issue(spec.field, parsed.code, parsed.details?.['item'] ?? raw);
      else issue(spec.field, parsed.code, raw, parsed.details);
    });
    if (issues.length > before) continue;
    if (kind === 'visits' && object['id'] === undefined) object['id'] = `${source}#${row.line}`;
    const result = schema.safeParse(object);
    if (result.success) {
      records.push(result.data);
      lines.push(row.line);
      continue;
    }
    for (const ri of recordIssues(result.error.issues, object, RECORD_KINDS[kind], 0)) {
      const field = ri.field.split('.')[0] ?? '';
      issue(field, ri.reason, object[field], ri.details);
    }
  }
  issues.sort((a, b) => a.line - b.line);
  if (mode === 'strict' && issues.length > 0) throw new SheetRowsError(issues, source);
  return { kind, source, format: table.format, encoding: table.encoding, header: table.header, rows: table.count, records, lines, issues, notes };
}

/**
 * Read a cadre list.
 * @example
 * const { records } = await readCadres('工号,姓名,单位,职级\nC1,张三,县法院,处级\n');
 * records[0]; // { id: 'C1', name: '张三', unit: '县法院', rank: 'divisional' }
 */
export function readCadres(input: string | Uint8Array | ArrayBuffer | readonly unknown[], options?: SheetOptions): Promise<SheetResult<Cadre>> {
  return readSheet('cadres', input, options);
}

/**
 * Read a list of pairings (挂联关系).
 * @example
 * const { records } = await readPairings('干部编号,挂联类型,挂联村代码\nC1,挂村,530621100201\n');
 * records[0]; // { cadreId: 'C1', role: 'village', code: '530621100201' }
 */
export function readPairings(input: string | Uint8Array | ArrayBuffer | readonly unknown[], options?: SheetOptions): Promise<SheetResult<Pairing>> {
  return readSheet('pairings', input, options);
}

/**
 * Read a visit ledger (走访记录). A visit without an id gets `source#line`.
 * @example
 * const { records, issues } = await readVisits(bytes, { source: '走访.xlsx', mode: 'lenient', columns: { 时长: 'minutes' } });
 */
export function readVisits(input: string | Uint8Array | ArrayBuffer | readonly unknown[], options?: SheetOptions): Promise<SheetResult<Visit>> {
  return readSheet('visits', input, options);
}
