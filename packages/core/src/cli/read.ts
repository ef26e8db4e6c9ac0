/// <reference types="node" />
// (The core builds without Node types; the command line is Node-only.)
/**
 * The data staff's files → validated records. A file is CSV (UTF-8 or GB18030, with or without
 * a BOM, read by the core's `decodeText` and `readTable`), the first sheet of an .xlsx workbook,
 * or a JSON array of objects. Headers are matched against English and Chinese aliases; cell
 * values are read the way spreadsheets write them (Chinese rank and role words, YYYY/M/D and
 * Excel dates, activity lists), then every record is parsed by the core's zod schema. A bad row
 * is reported with its file, line, field and reason, and skipped; the rest are kept.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import * as z from 'zod/mini';
import { DivisionCodeError, GualianError, type RowIssue } from '../errors/index.js';
import { normalizeCode } from '../hierarchy/codes.js';
import { localiseDetails, translate, type Lang } from '../i18n/index.js';
import { decodeText } from '../io/encodings.js';
import { parseCsv } from '../io/csv.js';
import { readTable } from '../io/table.js';
import { ACTIVITIES, cadreSchema, pairingSchema, visitSchema, type Activity, type Cadre, type CadreRank, type Pairing, type PairingRole, type Visit } from '../pairing/schema.js';
import { dayNumber, isoDate } from '../time/days.js';
import { UnusableInput } from './errors.js';
import { activityLabel, t } from './messages.js';

/** The three inputs of a check. */
export type InputKind = 'cadres' | 'pairings' | 'visits';

/** The stable codes of input-row issues: the core's row and code issues, and the command line's own. */
export const INPUT_ISSUE_CODES = [
  'row.missing',
  'row.columns',
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
  'input.range',
  'input.invalid',
] as const;
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

/** A column of an input file: its field, the header names accepted for it, and whether it must be there. */
export interface ColumnSpec {
  field: string;
  aliases: readonly string[];
  required: boolean;
}

/**
 * The columns of each input file. Headers are compared after NFKC (full-width letters and
 * brackets become half-width), lower-casing, and removing spaces, `_`, `-` and `*`.
 */
export const COLUMNS: Readonly<Record<InputKind, readonly ColumnSpec[]>> = {
  cadres: [
    { field: 'id', aliases: ['id', 'cadreId', '编号', '工号', '干部编号', '編號', '幹部編號'], required: true },
    { field: 'name', aliases: ['name', '姓名', '名字'], required: true },
    { field: 'unit', aliases: ['unit', '单位', '單位', '工作单位', '所在单位'], required: true },
    { field: 'rank', aliases: ['rank', '职级', '職級', '级别', '級別'], required: true },
    { field: 'homeCode', aliases: ['homeCode', 'home', '住址代码', '所在地代码', '居住地代码', '住址代碼', '所在地代碼'], required: false },
    { field: 'lat', aliases: ['lat', 'latitude', '纬度', '緯度'], required: false },
    { field: 'lon', aliases: ['lon', 'lng', 'longitude', '经度', '經度'], required: false },
  ],
  pairings: [
    { field: 'cadreId', aliases: ['cadreId', 'cadre', '干部编号', '幹部編號', '工号'], required: true },
    { field: 'role', aliases: ['role', 'type', '类型', '挂联类型', '類型', '掛聯類型'], required: true },
    { field: 'code', aliases: ['code', 'divisionCode', 'villageCode', '区划代码', '挂联村代码', '挂联代码', '代码', '區劃代碼', '掛聯村代碼', '掛聯代碼', '代碼'], required: true },
    { field: 'from', aliases: ['from', 'start', '开始日期', '起始日期', '開始日期'], required: false },
    { field: 'to', aliases: ['to', 'end', '结束日期', '截止日期', '結束日期'], required: false },
  ],
  visits: [
    { field: 'id', aliases: ['id', 'visitId', '编号', '走访编号', '編號', '走訪編號'], required: false },
    { field: 'cadreId', aliases: ['cadreId', 'cadre', '干部编号', '幹部編號', '工号'], required: true },
    { field: 'villageCode', aliases: ['villageCode', 'village', '村代码', '走访村代码', '村代碼', '走訪村代碼'], required: true },
    { field: 'date', aliases: ['date', '日期', '走访日期', '走訪日期'], required: true },
    { field: 'minutes', aliases: ['minutes', '时长(分钟)', '时长', '分钟', '時長(分鐘)', '時長'], required: true },
    { field: 'households', aliases: ['households', '入户数', '入户', '入戶數'], required: true },
    { field: 'activities', aliases: ['activities', '工作内容', '工作內容'], required: true },
    { field: 'notes', aliases: ['notes', 'note', '备注', '備註'], required: false },
  ],
};

/** A file's rows, before validation. */
export interface Sheet {
  file: string;
  format: 'csv' | 'xlsx' | 'json';
  /** The text encoding found (CSV and JSON), or null (xlsx). */
  encoding: string | null;
  columns: string[];
  rows: Array<{ line: number; values: unknown[] }>;
  /** Rows the reader could not split into the header's columns. */
  issues: RowIssue[];
}

/** The validated records of an input file with the line of each, and the issues of the rows skipped. */
export interface InputFile<T> {
  input: InputKind;
  file: string;
  format: Sheet['format'];
  encoding: string | null;
  /** Data rows in the file. */
  rows: number;
  records: T[];
  /** The line of each record. */
  lines: number[];
  issues: InputIssue[];
}

/**
 * Whether a row holds every required column of an input: the header. Office spreadsheets often
 * put a title row or two above it (“2024年挂联干部名单”), which are skipped.
 */
export function headerOf(specs: readonly ColumnSpec[]): (cells: readonly unknown[]) => boolean {
  const required = specs.filter((s) => s.required).map((s) => s.aliases.map(normalizeHeader));
  return (cells) => {
    const names = cells.map((c) => normalizeHeader(String(c ?? '')));
    return required.every((aliases) => names.some((n) => aliases.includes(n)));
  };
}

/** How many rows at the top of a file are searched for the header. */
const HEADER_SEARCH = 10;

/**
 * Read a file's rows: CSV, JSON or the first sheet of an .xlsx workbook. The header is the
 * first row of the first ten that `isHeader` accepts, else the first row. Unusable files throw
 * {@link UnusableInput}.
 */
export async function readSheet(file: string, isHeader: (cells: readonly unknown[]) => boolean = () => true): Promise<Sheet> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv' && ext !== '.txt' && ext !== '.json') {
    throw new UnusableInput('cli.file.kind', { file });
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new UnusableInput('cli.file.missing', { file });
  }
  if (ext === '.xlsx') return readWorkbook(file, bytes, isHeader);
  let text: string;
  let encoding: string;
  try {
    ({ text, encoding } = decodeText(bytes));
  } catch {
    throw new UnusableInput('cli.file.encoding', { file });
  }
  const issues: RowIssue[] = [];
  let table;
  try {
    table = readTable(text.trimStart().startsWith('[') ? text : skipTitleLines(text, isHeader), file, issues, [], 0);
  } catch (e) {
    if (e instanceof GualianError && e.code === 'file.json') throw new UnusableInput('cli.file.json', { file, reason: String(e.details['reason'] ?? '') });
    throw e;
  }
  const columns = table.columns;
  const rows = Array.from({ length: table.size }, (_, i) => ({ line: table.line(i), values: table.values(i) }));
  return { file, format: text.trimStart().startsWith('[') ? 'json' : 'csv', encoding, columns, rows, issues };
}

/** The text with the lines above the header blanked, so that line numbers stay those of the file. */
function skipTitleLines(text: string, isHeader: (cells: readonly unknown[]) => boolean): string {
  let end = -1;
  for (let n = 0; n < HEADER_SEARCH; n++) {
    const next = text.indexOf('\n', end + 1);
    if (next < 0) {
      end = text.length;
      break;
    }
    end = next;
  }
  const header = parseCsv(text.slice(0, end)).find((r) => isHeader(r.fields));
  if (header === undefined || header.line === 1) return text;
  let cut = -1;
  for (let n = 1; n < header.line; n++) cut = text.indexOf('\n', cut + 1);
  return '\n'.repeat(header.line - 1) + text.slice(cut + 1);
}

async function readWorkbook(file: string, bytes: Uint8Array, isHeader: (cells: readonly unknown[]) => boolean): Promise<Sheet> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new UnusableInput('cli.file.xlsx', { file, reason: e instanceof Error ? e.message : String(e) });
  }
  const sheet = workbook.worksheets[0];
  const all: Sheet['rows'] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const raw = row.values as unknown[];
    const values: unknown[] = [];
    for (let i = 1; i < raw.length; i++) values.push(cellValue(raw[i]));
    if (!values.every((v) => v === '')) all.push({ line, values });
  });
  const at = Math.max(0, all.slice(0, HEADER_SEARCH).findIndex((r) => isHeader(r.values)));
  const columns = all[at]?.values.map((v) => String(v).trim()) ?? [];
  // Cells beyond the header (notes in the margin) are not part of the table.
  const rows = all.slice(at + 1).map(({ line, values }) => ({ line, values: Array.from({ length: columns.length }, (_, i) => values[i] ?? '') }));
  return { file, format: 'xlsx', encoding: null, columns, rows, issues: [] };
}

/** exceljs, loaded when a workbook is read or written, so the rest of the command works without it. @internal */
export async function loadExcelJS(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') };
  return mod.default ?? mod;
}

/** The plain value of an exceljs cell: rich text as its text, a formula as its result, a hyperlink as its text. */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o['richText'])) return (o['richText'] as Array<{ text: string }>).map((r) => r.text).join('');
  if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellValue(o['result']);
  if ('text' in o) return cellValue(o['text']);
  if ('error' in o) return String(o['error']);
  return String(v);
}

const normalizeHeader = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_\-*]/g, '');

/** The position of each wanted column in the sheet (-1 when absent); a missing required column throws {@link UnusableInput}. */
export function locateColumns(sheet: Sheet, specs: readonly ColumnSpec[]): number[] {
  const headers = sheet.columns.map(normalizeHeader);
  return specs.map((spec) => {
    const wanted = spec.aliases.map(normalizeHeader);
    const at = headers.findIndex((h) => wanted.includes(h));
    if (at < 0 && spec.required) throw new UnusableInput('cli.file.header', { file: sheet.file, column: spec.field, aliases: spec.aliases.join(', ') });
    return at;
  });
}

type Parsed = { ok: true; value: unknown } | { ok: false; code: InputIssueCode; details?: Record<string, string | number> };
type FieldType = 'text' | 'code' | 'rank' | 'role' | 'date' | 'int' | 'number' | 'activities';

const FIELD_TYPES: Readonly<Record<InputKind, Readonly<Record<string, FieldType>>>> = {
  cadres: { id: 'text', name: 'text', unit: 'text', rank: 'rank', homeCode: 'code', lat: 'number', lon: 'number' },
  pairings: { cadreId: 'text', role: 'role', code: 'code', from: 'date', to: 'date' },
  visits: { id: 'text', cadreId: 'text', villageCode: 'code', date: 'date', minutes: 'int', households: 'int', activities: 'activities', notes: 'text' },
};

const SCHEMAS = { cadres: cadreSchema, pairings: pairingSchema, visits: visitSchema } as const;

/** The records each input file yields. */
export interface InputRecords {
  cadres: Cadre;
  pairings: Pairing;
  visits: Visit;
}

/**
 * Validate a sheet's rows as cadres, pairings or visits. Every row is read field by field, then
 * parsed by the core's schema; each problem is an issue, and a row with any is skipped. A
 * visit without an id gets `file#line`.
 */
export function validateSheet<K extends InputKind>(sheet: Sheet, input: K): InputFile<InputRecords[K]> {
  const specs = COLUMNS[input];
  const positions = locateColumns(sheet, specs);
  const types = FIELD_TYPES[input];
  const schema = SCHEMAS[input] as unknown as z.ZodMiniType<InputRecords[K]>;
  const issues: InputIssue[] = sheet.issues.map((i) => ({ file: sheet.file, input, line: i.line, field: i.field, column: i.field, code: i.reason as InputIssueCode, value: i.value, ...(i.details ? { details: i.details } : {}) }));
  const records: InputRecords[K][] = [];
  const lines: number[] = [];
  for (const row of sheet.rows) {
    const object: Record<string, unknown> = {};
    const rowIssues: InputIssue[] = [];
    const issue = (k: number, code: InputIssueCode, raw: unknown, details?: Record<string, string | number>) =>
      rowIssues.push({ file: sheet.file, input, line: row.line, field: specs[k]!.field, column: positions[k]! >= 0 ? sheet.columns[positions[k]!]! : specs[k]!.field, code, value: shown(raw), ...(details && Object.keys(details).length > 0 ? { details } : {}) });
    specs.forEach((spec, k) => {
      const raw = positions[k]! >= 0 ? row.values[positions[k]!] : undefined;
      const type = types[spec.field]!;
      if (isBlank(raw)) {
        if (type === 'activities') object[spec.field] = [];
        else if (spec.required) issue(k, 'row.missing', '');
        return;
      }
      const parsed = parseField(type, raw);
      if (parsed.ok) object[spec.field] = parsed.value;
      else if (parsed.code === 'input.activity') issue(k, parsed.code, parsed.details?.['item'] ?? raw);
      else issue(k, parsed.code, raw, parsed.details);
    });
    if (input === 'visits' && object['id'] === undefined && rowIssues.length === 0) object['id'] = `${sheet.file}#${row.line}`;
    if (rowIssues.length === 0) {
      const result = schema.safeParse(object);
      if (result.success) {
        records.push(result.data);
        lines.push(row.line);
        continue;
      }
      for (const zi of result.error.issues) {
        const k = Math.max(0, specs.findIndex((s) => s.field === zi.path[0]));
        const raw = object[specs[k]!.field];
        if (zi.code === 'too_big' || zi.code === 'too_small') issue(k, 'input.range', raw, { range: zi.code === 'too_big' ? `≤ ${String((zi as { maximum?: unknown }).maximum)}` : `≥ ${String((zi as { minimum?: unknown }).minimum)}` });
        else issue(k, 'input.invalid', raw, { reason: zi.message });
      }
    }
    issues.push(...rowIssues);
  }
  issues.sort((a, b) => a.line - b.line);
  return { input, file: sheet.file, format: sheet.format, encoding: sheet.encoding, rows: sheet.rows.length + sheet.issues.length, records, lines, issues };
}

/** Read and validate one input file; a file with no valid row is unusable. */
export async function readInput<K extends InputKind>(file: string, input: K): Promise<InputFile<InputRecords[K]>> {
  const sheet = await readSheet(file, headerOf(COLUMNS[input]));
  const result = validateSheet(sheet, input);
  if (result.rows === 0) throw new UnusableInput('cli.file.empty', { file });
  if (result.records.length === 0) throw new UnusableInput('cli.file.novalid', { file, count: result.rows }, result.issues[0]);
  return result;
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
  const values = localiseDetails({ value: issue.value, ...(issue.code === 'input.activity' ? { allowed: ACTIVITIES.map((a) => activityLabel(a, lang)).join(lang === 'en' ? ', ' : '、') } : {}), ...issue.details }, lang);
  return t(`error.${issue.code}`, lang, values);
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function shown(v: unknown): string {
  const s = v instanceof Date ? (Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString().slice(0, 10)) : Array.isArray(v) ? v.join(';') : String(v ?? '');
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

function text(v: unknown): string {
  if (v instanceof Date) return shown(v);
  return String(v).trim();
}

function parseField(type: FieldType, raw: unknown): Parsed {
  switch (type) {
    case 'text':
      return { ok: true, value: text(raw) };
    case 'code':
      return parseCode(raw);
    case 'rank': {
      const rank = parseRank(text(raw));
      return rank ? { ok: true, value: rank } : { ok: false, code: 'input.rank' };
    }
    case 'role': {
      const role = parseRole(text(raw));
      return role ? { ok: true, value: role } : { ok: false, code: 'input.role' };
    }
    case 'date': {
      const date = parseDate(raw);
      return date ? { ok: true, value: date } : { ok: false, code: 'input.date' };
    }
    case 'int': {
      const n = typeof raw === 'number' ? raw : /^\d+(?:\.0*)?$/.test(text(raw)) ? Number(text(raw)) : NaN;
      return Number.isInteger(n) && n >= 0 ? { ok: true, value: n } : { ok: false, code: 'input.integer' };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : text(raw) === '' ? NaN : Number(text(raw));
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, code: 'input.number' };
    }
    case 'activities':
      return parseActivities(text(raw));
  }
}

function parseCode(raw: unknown): Parsed {
  const s = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : text(raw);
  // What a spreadsheet does to a 12-digit number it was not told is text.
  if (/^\d(?:\.\d+)?e\+?\d+$/i.test(s)) return { ok: false, code: 'input.scientific' };
  try {
    return { ok: true, value: normalizeCode(s) };
  } catch (e) {
    if (e instanceof DivisionCodeError) {
      const { value: _value, ...details } = e.details;
      return { ok: false, code: e.code as InputIssueCode, details };
    }
    throw e;
  }
}

/** Ranks as the schema has them, and as personnel files write them. */
export function parseRank(s: string): CadreRank | null {
  const w = s.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  if (w === 'prefectural' || w === 'divisional' || w === 'staff') return w;
  if (/^(正|副)?(厅|廳|地厅|地廳|厅局|廳局|市厅|市廳)(级|級)?(干部|幹部|领导|領導)?$/.test(w)) return 'prefectural';
  if (/^(正|副)?(处|處|县处|縣處)(级|級)?(干部|幹部|领导|領導)?$/.test(w)) return 'divisional';
  if (/^(一般干部|一般幹部|一般|干部|幹部|工作人员|工作人員|科员|科員|办事员|辦事員|(正|副)?科(级|級)?(干部|幹部)?)$/.test(w)) return 'staff';
  return null;
}

/** Pairing roles as the schema has them, and as the campaign's lists write them. */
export function parseRole(s: string): PairingRole | null {
  const w = s.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  if (w === 'county-lead' || w === 'township-lead' || w === 'village') return w;
  if (/^包(县|縣|区|區|县区|縣區)(领导|領導)?$/.test(w)) return 'county-lead';
  if (/^包(乡|鄉|镇|鎮|乡镇|鄉鎮|街道)(领导|領導)?$/.test(w)) return 'township-lead';
  if (/^(挂|掛)(联|聯)?(村|社区|社區)?$/.test(w)) return 'village';
  return null;
}

/**
 * A date as YYYY-MM-DD from YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, YYYYMMDD (a time after
 * it is ignored), an .xlsx date cell, or an Excel day number; null when it is not a real date.
 */
export function parseDate(raw: unknown): string | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 19_000_101 && raw <= 21_001_231) return parseDate(String(raw));
    // Excel's day 25569 is 1970-01-01 (the 1900 leap-year bug only shifts days before March 1900).
    return raw > 0 && raw < 2_958_466 ? isoDate(Math.floor(raw) - 25_569) : null;
  }
  const s = String(raw).normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return Number.isNaN(dayNumber(iso)) ? null : iso;
}

const ACTIVITY_WORDS: ReadonlyMap<string, Activity> = new Map<string, Activity>([
  ...ACTIVITIES.map((a) => [a, a] as [string, Activity]),
  ...(['zh-Hans', 'zh-Hant'] as const).flatMap((lang) => ACTIVITIES.map((a) => [activityLabel(a, lang), a] as [string, Activity])),
  // The seed's longer wordings.
  ['上法治课', 'law-class'],
  ['上法治課', 'law-class'],
  ['重大安全隐患风险评估', 'risk-assessment'],
  ['重大安全隱患風險評估', 'risk-assessment'],
  ['教育管控特殊重点人员', 'key-person-management'],
  ['教育管控特殊重點人員', 'key-person-management'],
  ['其它', 'other'],
]);

/** Activities separated by `;` `、` `,` `|` or `/` (half or full width), as ids or Chinese labels. */
export function parseActivities(s: string): Parsed {
  const out: Activity[] = [];
  for (const part of s.normalize('NFKC').split(/[;、,|/\n]+/)) {
    const word = part.trim().toLowerCase();
    if (word === '') continue;
    const a = ACTIVITY_WORDS.get(word);
    if (a === undefined) return { ok: false, code: 'input.activity', details: { item: part.trim() } };
    if (!out.includes(a)) out.push(a);
  }
  return { ok: true, value: out };
}
