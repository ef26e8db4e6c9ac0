/**
 * The first sheet of an .xlsx workbook as rows of plain values, read with exceljs, which is
 * loaded only when a workbook is read (a page that reads CSV never downloads it). A workbook is
 * a ZIP archive, and a small one can expand to a huge sheet, so its sizes are checked against
 * {@link XlsxLimits} before exceljs sees it: the file, the declared size of every part, the
 * actual inflated size (declared sizes can lie), then the sheet's rows and columns.
 */
import { FileError } from './errors.js';

/** How big a workbook may be. Each limit exceeded is a `file.xlsx-limit` error naming it. */
export interface XlsxLimits {
  /** The file itself, in bytes. */
  maxBytes: number;
  /** All parts of the archive once inflated, in bytes. */
  maxExpandedBytes: number;
  /** Rows of the sheet. */
  maxRows: number;
  /** Columns of the sheet. */
  maxColumns: number;
}

/**
 * The limits used when none are given: 32 MiB of file, 256 MiB inflated, 500,000 rows and 200
 * columns, ample for a province's visits of a year.
 * @example
 * readVisits(bytes, { limits: { ...DEFAULT_XLSX_LIMITS, maxRows: 1_000_000 } });
 */
export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({ maxBytes: 32 * 1024 * 1024, maxExpandedBytes: 256 * 1024 * 1024, maxRows: 500_000, maxColumns: 200 });

/** Whether bytes start like a ZIP archive (an .xlsx workbook). @internal */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function limitError(source: string, limit: keyof XlsxLimits, value: number, max: number): FileError {
  return new FileError('file.xlsx-limit', { source, limit, value, max });
}

function notWorkbook(source: string, reason: string): FileError {
  return new FileError('file.xlsx', { source, reason });
}

/** Check an archive's sizes, declared and actual, without holding any part inflated. @internal */
export async function checkArchive(bytes: Uint8Array, source: string, limits: XlsxLimits): Promise<void> {
  if (bytes.length > limits.maxBytes) throw limitError(source, 'maxBytes', bytes.length, limits.maxBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notWorkbook(source, 'not a ZIP archive');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: Array<{ method: number; size: number; compressed: number; local: number }> = [];
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw notWorkbook(source, 'damaged ZIP directory');
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    // ZIP64 sizes (0xffffffff) are far beyond any limit a sheet needs.
    if (size === 0xffffffff || compressed === 0xffffffff) throw limitError(source, 'maxExpandedBytes', size, limits.maxExpandedBytes);
    total += size;
    if (total > limits.maxExpandedBytes) throw limitError(source, 'maxExpandedBytes', total, limits.maxExpandedBytes);
    entries.push({ method, size, compressed, local: view.getUint32(at + 42, true) });
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  // The declared sizes are the archive's own word: inflate each part, counting, and stop at the
  // first byte beyond what it declared.
  for (const e of entries) {
    if (e.method !== 8) continue;
    if (e.local + 30 > bytes.length || view.getUint32(e.local, true) !== 0x04034b50) throw notWorkbook(source, 'damaged ZIP entry');
    const start = e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.length, start + e.compressed));
    const inflated = await inflatedSize(data, e.size + 1);
    if (inflated > e.size) throw limitError(source, 'maxExpandedBytes', inflated, e.size);
  }
}

/** How many bytes raw deflate data inflates to, counting no further than `stop`. */
async function inflatedSize(data: Uint8Array, stop: number): Promise<number> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return n;
      n += value.byteLength;
      if (n >= stop) {
        await reader.cancel();
        return n;
      }
    }
  } catch {
    // Damaged data: exceljs will say so when it reads the part.
    return n;
  }
}

type ExcelJS = typeof import('exceljs');

/** exceljs, loaded when a workbook is read or written. @internal */
export async function loadExcelJS(): Promise<ExcelJS> {
  const mod = (await import('exceljs')) as ExcelJS & { default?: ExcelJS };
  return mod.default ?? mod;
}

/** The plain value of an exceljs cell: rich text as its text, a formula as its result, a hyperlink as its text. */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o['richText'])) return (o['richText'] as Array<{ text?: unknown }>).map((r) => String(r.text ?? '')).join('');
  if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellValue(o['result']);
  if ('text' in o) return cellValue(o['text']);
  if ('error' in o) return String(o['error']);
  return '';
}

/**
 * The non-blank rows of a workbook's first sheet, each with its sheet row number.
 * @internal
 */
export async function readWorkbookRows(bytes: Uint8Array, source: string, limits: XlsxLimits): Promise<Array<{ line: number; values: unknown[] }>> {
  await checkArchive(bytes, source, limits);
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw notWorkbook(source, (e instanceof Error ? e.message : String(e)).slice(0, 120));
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  if (sheet.rowCount > limits.maxRows) throw limitError(source, 'maxRows', sheet.rowCount, limits.maxRows);
  if (sheet.columnCount > limits.maxColumns) throw limitError(source, 'maxColumns', sheet.columnCount, limits.maxColumns);
  const rows: Array<{ line: number; values: unknown[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const raw = row.values as unknown[];
    const values: unknown[] = [];
    for (let i = 1; i < raw.length; i++) values.push(cellValue(raw[i]));
    if (!values.every((v) => v === '' || (typeof v === 'string' && v.trim() === ''))) rows.push({ line, values });
  });
  return rows;
}
