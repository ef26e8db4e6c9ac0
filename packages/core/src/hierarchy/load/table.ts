/**
 * Loading a portal's own divisions (usually grids and household units under official villages)
 * from a generic table: CSV text or bytes (UTF-8 or GB18030, with or without a BOM), or JSON.
 * Columns: `code,name,parentCode` with optional `level` and `type`; Chinese headers
 * (代码, 名称, 上级代码, 层级, 类型) work too.
 */
import type { RowIssue } from '../../errors/index.js';
import { toText } from '../../io/encodings.js';
import { DIVISION_LEVELS, type DivisionLevel, normalizeCode, parentOfShortCode, rankOfShortCode, villageKind } from '../codes.js';
import { GRID_TYPES, type DivisionKind } from '../schema.js';
import type { Hierarchy } from '../hierarchy.js';
import { assemble, RowSink, type LoadOptions, type LoadResult } from './assemble.js';
import { readTable } from '../../io/table.js';
import { cellText, checkCode, checkName, report, type RowContext } from './rows.js';

/** Options of {@link loadDivisionTable}. */
export interface TableLoadOptions extends LoadOptions {
  /** The hierarchy the rows hang under (the official divisions); the result contains it too. */
  base?: Hierarchy;
  /**
   * Whether 12-digit codes may be padded shorter codes (`530600000000` for 5306). True by
   * default, as spreadsheets hold them; false for data known to hold short codes only.
   */
  paddedCodes?: boolean;
}

const HEADERS: Record<string, readonly string[]> = {
  code: ['code', '代码', '编码', '区划代码', '统计用区划代码', '編碼', '代碼'],
  name: ['name', '名称', '名字', '名稱'],
  parentCode: ['parentcode', 'parent_code', 'parent', '上级代码', '上级编码', '父级代码', '上級代碼'],
  level: ['level', '层级', '级别', '層級'],
  type: ['type', 'kind', '类型', '网格类型', '類型'],
};

const WANTED_FIELDS = ['code', 'name', 'parentCode', 'level', 'type'] as const;

const LEVEL_WORDS: Record<string, DivisionLevel> = {
  省: 'province', 市: 'prefecture', 州: 'prefecture', 县: 'county', 縣: 'county', 区: 'county', 乡: 'township', 鄉: 'township',
  镇: 'township', 街道: 'township', 乡镇: 'township', 村: 'village', 社区: 'village', 网格: 'grid', 網格: 'grid',
  联户单元: 'household', 聯戶單元: 'household', 联户: 'household', household_unit: 'household',
};

const TYPE_WORDS: Array<[RegExp, DivisionKind]> = [
  [/^(open-estate|开放式|開放式)/, 'open-estate'],
  [/^(closed-estate|封闭式|封閉式)/, 'closed-estate'],
  [/^(rural|农村|農村)/, 'rural'],
  [/^(special|专属|專屬)/, 'special'],
  [/^(residents-committee|社区|居委会|社區)/, 'residents-committee'],
  [/^(villagers-committee|村委会|村|村委會)/, 'villagers-committee'],
  [/^(like-unit|类似)/, 'like-unit'],
];

/**
 * Load a generic division table. Codes of 1–4 digits under a village or grid are the portal's
 * local numbers and become grid or household codes (`3` under `530602001001` →
 * `530602001001-003`).
 * @example
 * const { hierarchy, issues } = loadDivisionTable(
 *   'code,name,parentCode,type\n1,一网格,530602001001,closed-estate\n',
 *   { base: zhaotong, mode: 'lenient' },
 * );
 * hierarchy.get('530602001001-001')?.kind; // 'closed-estate'
 */
export function loadDivisionTable(input: string | Uint8Array | readonly Record<string, unknown>[], options: TableLoadOptions = {}): LoadResult {
  const issues: RowIssue[] = [];
  const source = options.source;
  const wanted = [HEADERS['code']!, HEADERS['name']!, HEADERS['parentCode']!, HEADERS['level']!, HEADERS['type']!];
  const table = readTable(typeof input === 'string' || input instanceof Uint8Array ? toText(input, options.encoding) : input, source ?? 'input', issues, wanted, 2);
  if (source === undefined) for (const i of issues) delete i.source;
  const sink = new RowSink();
  const normalize = (c: string) => normalizeCode(c, { padded: options.paddedCodes !== false });
  for (let i = 0; i < table.size; i++) {
    const line = table.line(i);
    const ctx: RowContext = { line, source, issues };
    // Every cell as text first: a cell of the wrong kind is the row's issue, not a crash.
    const texts: string[] = [];
    let readable = true;
    for (let k = 0; k < 5; k++) {
      const t = cellText(table.cell(i, k), WANTED_FIELDS[k]!, ctx);
      if (t === null) readable = false;
      texts.push(t === null ? '' : t.trim());
    }
    if (!readable) continue;
    const get = (k: number) => texts[k]!;
    const rawParent = get(2);
    const parent = rawParent === '' ? null : checkCode(rawParent, 'parentCode', ctx, normalize);
    if (rawParent !== '' && parent === null) continue;
    let rawCode = get(0);
    // A portal's own number for a grid or household unit, under its village or grid.
    if (/^\d{1,4}$/.test(rawCode) && parent !== null && (parent.length === 12 || parent.includes('-'))) rawCode = `${parent}-${rawCode.padStart(parent.includes('-') ? 2 : 3, '0')}`;
    const code = checkCode(rawCode, 'code', ctx, normalize);
    const name = checkName(get(1), ctx);
    if (code === null || name === null) continue;
    if (parent !== null && parentOfShortCode(code) !== parent) {
      report(ctx, 'parentCode', 'row.parent', rawParent);
      continue;
    }
    const level = DIVISION_LEVELS[rankOfShortCode(code)]!;
    const rawLevel = get(3);
    if (rawLevel !== '' && parseLevel(rawLevel) !== level) {
      report(ctx, 'level', 'row.level', rawLevel);
      continue;
    }
    const rawType = get(4);
    let kind: DivisionKind | undefined = level === 'village' ? villageKind(code, name) : undefined;
    if (rawType !== '') {
      const parsed = TYPE_WORDS.find(([re]) => re.test(rawType.toLowerCase()))?.[1];
      const isGridType = parsed !== undefined && (GRID_TYPES as readonly string[]).includes(parsed);
      if (parsed === undefined || (level === 'grid' ? !isGridType : level !== 'village' || isGridType)) {
        report(ctx, 'type', 'row.type', rawType);
        continue;
      }
      kind = parsed;
    }
    sink.add(code, name, kind, line, source);
  }
  return assemble(sink, issues, options, options.base);
}

function parseLevel(raw: string): DivisionLevel | undefined {
  const t = raw.trim().toLowerCase();
  return (DIVISION_LEVELS as readonly string[]).includes(t) ? (t as DivisionLevel) : LEVEL_WORDS[t];
}
