/**
 * Generators for the property tests of the import paths: records that the schemas accept,
 * written the many ways staff write them (headers from the accepted names, ranks and roles in
 * Chinese or as ids, dates as YYYY/M/D or 年月日, Excel day numbers), hostile rows among them,
 * and writers for CSV, JSON and .xlsx that keep the line of every row.
 */
import fc from 'fast-check';
import { ACTIVITIES, CADRE_RANKS, PAIRING_ROLES, type Cadre, type Pairing, type Visit } from '../src/pairing/schema.js';
import { SHEET_COLUMNS, type SheetKind, type SheetRecords } from '../src/io/sheets.js';

export type Format = 'csv' | 'json' | 'xlsx';

/** Real codes of every level (Zhaotong, Beijing, Guangzhou), short and padded. */
export const CODES = ['53', '5306', '530602', '530602001', '530602001001', '530621100201', '530627104201', '11', '1101', '110101', '110101001', '110101001001', '44', '4401', '440103', '530600000000', '110000000000'];
const SHORT = (c: string) => c.replace(/^(\d{2}?)(?:0{10}|0{8})$/, '$1').replace(/^(\d{4})00000000$/, '$1');

const CJK = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文法院检察公安司法局镇村社区网格綏陽縣鎮';
const TEXT_CHARS = [...CJK, ...'abcXYZ0129 -_.·（）()', ',', '"', '\n', "'", '；'];
/** Trimmed, non-empty text of names, units and notes; commas, quotes and line breaks included. */
export const text = (max = 12) =>
  fc
    .string({ unit: fc.constantFrom(...TEXT_CHARS), minLength: 1, maxLength: max })
    .map((s) => s.trim())
    // A cell opening with a quote or comma after its own quote could pair with an unclosed
    // quote of an earlier row; mid-cell quotes and commas are kept.
    .filter((s) => s !== '' && !/^[",]/.test(s));

/** A real date from 2000 to 2099 as YYYY-MM-DD. */
export const isoDate = fc.integer({ min: 10_957, max: 47_481 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

const RANK_WORDS: Record<string, string[]> = { prefectural: ['prefectural', '厅级', '副厅级', '廳級'], divisional: ['divisional', '处级', '正处', '處級'], staff: ['staff', '一般干部', '科员', '副科级'] };
const ROLE_WORDS: Record<string, string[]> = { 'county-lead': ['county-lead', '包县', '包縣'], 'township-lead': ['township-lead', '包乡', '包镇'], village: ['village', '挂村', '掛村', '挂联'] };
const ACTIVITY_WORDS: Record<string, string> = { 'public-opinion': '收集社情民意', 'dispute-resolution': '化解矛盾纠纷', 'legal-education': '普法送法', 'security-guidance': '指导治安防范', 'law-class': '法治课', 'risk-assessment': '风险评估', 'key-person-management': '重点人员管控', other: '其他' };

const cadre: fc.Arbitrary<Cadre> = fc
  .record({ id: text(8), name: text(), unit: text(), rank: fc.constantFrom(...CADRE_RANKS), homeCode: fc.option(fc.constantFrom(...CODES), { nil: undefined }), lat: fc.option(fc.double({ min: -90, max: 90, noNaN: true }), { nil: undefined }), lon: fc.option(fc.double({ min: -180, max: 180, noNaN: true }), { nil: undefined }) })
  .map((c) => {
    const out: Cadre = { id: c.id, name: c.name, unit: c.unit, rank: c.rank };
    if (c.homeCode !== undefined) out.homeCode = SHORT(c.homeCode);
    if (c.lat !== undefined) out.lat = c.lat === 0 ? 0 : c.lat;
    if (c.lon !== undefined) out.lon = c.lon === 0 ? 0 : c.lon;
    return out;
  });
const pairing: fc.Arbitrary<Pairing> = fc.record({ cadreId: text(8), role: fc.constantFrom(...PAIRING_ROLES), code: fc.constantFrom(...CODES), from: fc.option(isoDate, { nil: undefined }), to: fc.option(isoDate, { nil: undefined }) }).map((p) => {
  const out: Pairing = { cadreId: p.cadreId, role: p.role, code: SHORT(p.code) };
  // A period that ends before it starts is refused at the door: a good pairing has from ≤ to.
  const [from, to] = p.from !== undefined && p.to !== undefined && p.to < p.from ? [p.to, p.from] : [p.from, p.to];
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  return out;
});
const visit: fc.Arbitrary<Visit> = fc
  .record({ id: text(10), cadreId: text(8), villageCode: fc.constantFrom(...CODES), date: isoDate, minutes: fc.integer({ min: 0, max: 1440 }), households: fc.integer({ min: 0, max: 500 }), activities: fc.uniqueArray(fc.constantFrom(...ACTIVITIES), { maxLength: 4 }), notes: fc.option(text(30), { nil: undefined }) })
  .map((v) => {
    const out: Visit = { id: v.id, cadreId: v.cadreId, villageCode: SHORT(v.villageCode), date: v.date, minutes: v.minutes, households: v.households, activities: v.activities };
    if (v.notes !== undefined) out.notes = v.notes;
    return out;
  });

/** Records each sheet's schema accepts. */
export const RECORDS: { [K in SheetKind]: fc.Arbitrary<SheetRecords[K]> } = { cadres: cadre, pairings: pairing, visits: visit };

/** Values that are not what a column holds, or not data at all. */
export const hostileText = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('2024-03-01abc', '2024-03-01 上午', '2024-02-30', '2023-02-29', '5.30622E+11', '局长', '包村', '-5', 'abc', '1e400', '12.5', '\u001b[31m红\u001b[0m', '\u202e反向', '\r覆盖', '  ', '', '60') },
  { weight: 5, arbitrary: fc.string({ maxLength: 20 }) },
  // Longer than any cell may be (rare: each costs its length in every writer and reader).
  { weight: 1, arbitrary: fc.integer({ min: 10_001, max: 12_000 }).map((n) => 'x'.repeat(n)) },
);
export const HOSTILE_JSON = fc.oneof(hostileText, fc.constant({ a: 1 }), fc.constant(null), fc.constant(true), fc.constant([1, [2]]), fc.integer({ min: 1, max: 2000 }).map((depth) => { let v: unknown = []; for (let i = 0; i < depth; i++) v = [v]; return v; }), fc.double());

/** A row of a generated sheet: a record to be read back as it is, or a hostile row. */
export type GenRow<T> = { record: T; cells: unknown[] } | { hostile: true; cells: unknown[]; rawAt?: number };

/** A sheet: its header (an accepted name for each column) and rows. */
export interface GenSheet<T> {
  header: string[];
  fields: string[];
  rows: GenRow<T>[];
}

/** The cells of a record in the order of `fields`, written as staff write them. */
function cellsOf(kind: SheetKind, record: Record<string, unknown>, fields: string[], format: Format, style: number): unknown[] {
  return fields.map((f, k) => {
    const v = record[f];
    if (v === undefined) return '';
    const pick = (xs: readonly string[]) => xs[(style + k) % xs.length]!;
    if (f === 'rank') return pick(RANK_WORDS[v as string]!);
    if (f === 'role') return pick(ROLE_WORDS[v as string]!);
    if (f === 'activities') return format === 'json' && style % 2 === 0 ? v : (v as string[]).map((a) => (style % 3 === 0 ? a : ACTIVITY_WORDS[a]!)).join(style % 2 ? '、' : ';');
    if (f === 'date' || f === 'from' || f === 'to') {
      const iso = v as string;
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      switch ((style + k) % 4) {
        case 0:
          return iso;
        case 1:
          return `${y}/${m}/${d}`;
        case 2:
          return `${y}年${m}月${d}日`;
        default:
          // A date cell in a workbook, Excel's day number in JSON.
          return format === 'xlsx' ? new Date(Date.UTC(y, m - 1, d)) : format === 'json' ? Date.UTC(y, m - 1, d) / 86_400_000 + 25_569 : iso;
      }
    }
    if ((f === 'minutes' || f === 'households' || f === 'lat' || f === 'lon') && format === 'csv') return String(v);
    return v;
  });
}

/** A sheet of a kind: 0–`max` rows, about one in four hostile. */
export function sheet<K extends SheetKind>(kind: K, format: Format, max = 8, min = 0): fc.Arbitrary<GenSheet<SheetRecords[K]>> {
  const specs = SHEET_COLUMNS[kind];
  const row = fc.oneof(
    { weight: 3, arbitrary: fc.record({ record: RECORDS[kind], style: fc.nat(11) }) },
    { weight: 1, arbitrary: fc.record({ record: RECORDS[kind], style: fc.nat(11), hostileAt: fc.nat(specs.length - 1), value: format === 'json' ? HOSTILE_JSON : hostileText, rawQuote: fc.boolean() }) },
  );
  return fc.record({ aliases: fc.array(fc.nat(30), { minLength: specs.length, maxLength: specs.length }), rows: fc.array(row, { minLength: min, maxLength: max }) }).map(({ aliases, rows }) => {
    const fields = specs.map((s) => s.field);
    const header = specs.map((s, k) => s.aliases[aliases[k]! % s.aliases.length]!);
    const out: GenRow<SheetRecords[K]>[] = rows.map((r) => {
      const cells = cellsOf(kind, r.record as Record<string, unknown>, fields, format, r.style);
      if (!('hostileAt' in r)) return { record: r.record, cells };
      // An unclosed quote: a cell that opens a quote and never closes it (CSV only).
      if (format === 'csv' && r.rawQuote) {
        cells[r.hostileAt] = `"${String(cells[r.hostileAt] ?? '').replace(/["\r\n,]/g, '') || 'x'}`.replace(/^"([^A-Za-z0-9\u4e00-\u9fff])/, '"x$1');
        // Reading goes on at the next line: a line break inside this row's other cells would
        // make the rest of the row a line of its own (reported, but not the row the test wrote).
        cells.forEach((c, k) => {
          if (k !== r.hostileAt && typeof c === 'string') cells[k] = c.replace(/[\r\n]/g, ' ');
        });
        return { hostile: true, cells, rawAt: r.hostileAt };
      }
      cells[r.hostileAt] = r.value;
      return { hostile: true, cells };
    });
    // With a quote left open, a later cell whose own quote is followed at once by a separator
    // or a line end could close it: such a file can be read two ways, and no reader can know
    // which was meant. Hostile cells of such files start with a letter.
    if (out.some((r) => 'rawAt' in r && r.rawAt !== undefined)) {
      for (const r of out) if ('hostile' in r && r.rawAt === undefined) r.cells = r.cells.map((c) => (typeof c === 'string' && /^[\s",]/.test(c) ? `x${c}` : c));
    }
    return { header, fields, rows: out };
  });
}

export function csvCell(v: unknown): string {
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A sheet as CSV text, with the line each row starts on. Raw-quote cells are written as they are. */
export function toCsv<T>(s: GenSheet<T>): { text: string; lines: number[] } {
  let line = 2;
  const out = [s.header.map(csvCell).join(',')];
  const lines: number[] = [];
  for (const r of s.rows) {
    const cells = r.cells.map((c, k) => ('rawAt' in r && r.rawAt === k ? String(c) : csvCell(c ?? '')));
    const text = cells.join(',');
    lines.push(line);
    out.push(text);
    line += 1 + (text.match(/\n/g)?.length ?? 0);
  }
  return { text: `${out.join('\r\n')}\r\n`, lines };
}

/** A sheet as JSON records (the fields' accepted names as keys); blank cells are left out. */
export function toJson<T>(s: GenSheet<T>): { records: Record<string, unknown>[]; lines: number[] } {
  const records = s.rows.map((r) => {
    const o: Record<string, unknown> = {};
    r.cells.forEach((c, k) => {
      if (c !== '' && c !== undefined) o[s.header[k]!] = c;
    });
    return o;
  });
  return { records, lines: records.map((_, i) => i + 1) };
}

/** A sheet as an .xlsx workbook, with the row of each. */
export async function toXlsx<T>(s: GenSheet<T>): Promise<{ bytes: Uint8Array; lines: number[] }> {
  const { loadExcelJS } = await import('../src/io/xlsx.js');
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(s.header);
  const lines: number[] = [];
  for (const r of s.rows) {
    // XML cannot hold most control characters: a workbook never has them.
    ws.addRow(r.cells.map((c) => (c === '' ? null : typeof c === 'string' ? c.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '') : c)));
    lines.push(ws.rowCount);
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), lines };
}
