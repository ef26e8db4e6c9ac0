/**
 * The ledger as an Excel workbook, written by `write-excel-file` (an ES module on `fflate`:
 * 72 KB minified, 20 KB gzipped). This module is only ever loaded through a dynamic `import()` when a
 * reader asks for the file, so the library stays out of every page that never exports; it
 * imports nothing from the rest of the package, so its chunk holds the library and this file
 * alone. The element prepares every text (in the reader's language); this module lays it out.
 *
 * Why not exceljs, which the core's CLI uses in Node: its browser build is a 950 KB UMD script
 * that sets `window.ExcelJS`, calls `define()` instead when a portal runs RequireJS, and refers
 * to `require`, which a bundler must shim; inlined into the script-tag bundle it fails the
 * site's self-contained check and runs at every page load.
 *
 * Strict CSP: nothing here evaluates code. fflate would compress a single file of 160 KB or
 * more in a Worker made from a blob: URL, which `script-src 'self'` forbids; a ledger sheet is
 * a few KB (a line per visit), far below that (tests/csp/visit-log.html checks the export).
 *
 * Every text goes into a string cell (`type: String`): a note such as `=HYPERLINK(…)` stays text
 * and is never a formula in the spreadsheet.
 */
import writeXlsxFile, { type Cell, type CellObject, type SheetData } from 'write-excel-file/browser';

/** The name of the ledger's sheet, fixed whatever the language, so scripts can find it. */
export const LEDGER_SHEET = '台账';

/** The MIME type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of the ledger sheet. */
export interface SheetColumn {
  header: string;
  /** `date` cells take ISO dates (`2024-03-05`) and are written as Excel dates. */
  kind: 'text' | 'number' | 'date';
  /** Width in characters. */
  width: number;
}

/** Everything the workbook shows, already in the reader's language. */
export interface LedgerBook {
  columns: SheetColumn[];
  /** The ledger lines, one value per column. */
  rows: (string | number)[][];
  /** The totals line, below the rows. */
  totals: (string | number)[];
  /** The second sheet: the cadre, the village, the year and the compliance, as label and value pairs. */
  about: { sheet: string; lines: [string, string | number][] };
}

/**
 * Write the ledger workbook: sheet 台账 with a bold header row (kept in view when scrolling),
 * the lines and a bold totals row, and a second sheet describing the ledger.
 * @example
 * const blob = await ledgerWorkbook({ columns, rows, totals, about: { sheet: '干部信息', lines } });
 * blob.type; // 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
 */
export async function ledgerWorkbook(book: LedgerBook): Promise<Blob> {
  const bold = (c: CellObject | null): Cell => (c === null ? null : { ...c, fontWeight: 'bold' });
  const ledger: SheetData = [
    book.columns.map((c) => bold(cellOf(c.header, undefined))),
    ...book.rows.map((row) => row.map((v, i) => cellOf(v, book.columns[i]))),
    book.totals.map((v) => bold(cellOf(v, undefined))),
  ];
  const about: SheetData = book.about.lines.map(([label, value]) => [bold(cellOf(label, undefined)), cellOf(value, undefined)]);
  return writeXlsxFile([
    { sheet: LEDGER_SHEET, data: ledger, columns: book.columns.map((c) => ({ width: c.width })), stickyRowsCount: 1 },
    { sheet: book.about.sheet, data: about, columns: [{ width: 16 }, { width: 60 }] },
  ]).toBlob();
}

function cellOf(value: string | number, column: SheetColumn | undefined): CellObject | null {
  if (typeof value === 'number') return { value, type: Number };
  if (value === '') return null;
  if (column?.kind === 'date') return { value: excelDate(value), type: Date, format: 'yyyy-mm-dd' };
  return { value, type: String };
}

// Excel counts days with no time zone; a Date at UTC midnight is exactly that day.
function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}
