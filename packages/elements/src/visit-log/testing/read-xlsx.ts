/**
 * Reading a workbook back in the tests, with exceljs: the spreadsheet library the core's CLI
 * reads workbooks with, and an implementation independent of the one that wrote the file.
 */
import type { Workbook } from 'exceljs';

type ExcelJSModule = typeof import('exceljs');

/**
 * The rows of every sheet of an .xlsx file, by sheet name; each row as its cell values (dates
 * as `Date`, empty cells as `undefined`).
 * @example
 * const sheets = await readXlsx(blob);
 * sheets.get('台账')![0]; // the header row
 */
export async function readXlsx(bytes: Blob | ArrayBuffer): Promise<Map<string, unknown[][]>> {
  // @ts-expect-error: the browser build of exceljs is a UMD script without typings of its own.
  const mod = (await import('exceljs/dist/exceljs.min.js')) as { default?: ExcelJSModule };
  // Loaded as a native module it exports nothing and sets window.ExcelJS.
  const ExcelJS = mod.default ?? (globalThis as { ExcelJS?: ExcelJSModule }).ExcelJS!;
  const wb: Workbook = new ExcelJS.Workbook();
  // Read through this realm's Response: an ArrayBuffer from another frame fails exceljs's instanceof checks.
  await wb.xlsx.load(await new Response(bytes).arrayBuffer());
  const out = new Map<string, unknown[][]>();
  wb.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    out.set(sheet.name, rows);
  });
  return out;
}
