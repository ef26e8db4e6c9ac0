/**
 * Cell values as data staff write them: Chinese rank and role words, dates in the forms
 * spreadsheets produce (and Excel's day numbers), activity lists. Each reader answers a value or
 * `null`/an issue code; none throws, so one bad cell never hides the next.
 */
import { DivisionCodeError, type ErrorCode } from '../errors/index.js';
import { normalizeCode } from '../hierarchy/codes.js';
import { ACTIVITIES, type Activity, type CadreRank, type PairingRole } from '../pairing/schema.js';
import { dayNumber, isoDate } from '../time/days.js';
import { timestampMs } from '../time/schema.js';

/** A cell read: its value, or the reason it could not be read. */
export type CellResult = { ok: true; value: unknown } | { ok: false; code: ErrorCode; details?: Record<string, string | number> };

/**
 * A rank as the schema has it, from the words personnel files use (厅级, 副处级领导, 科员 …).
 * @example
 * parseRank('副处级'); // 'divisional'
 */
export function parseRank(s: string): CadreRank | null {
  const w = s.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  if (w === 'prefectural' || w === 'divisional' || w === 'staff') return w;
  if (/^(正|副)?(厅|廳|地厅|地廳|厅局|廳局|市厅|市廳)(级|級)?(干部|幹部|领导|領導)?$/.test(w)) return 'prefectural';
  if (/^(正|副)?(处|處|县处|縣處)(级|級)?(干部|幹部|领导|領導)?$/.test(w)) return 'divisional';
  if (/^(一般干部|一般幹部|一般|干部|幹部|工作人员|工作人員|科员|科員|办事员|辦事員|(正|副)?科(级|級)?(干部|幹部)?)$/.test(w)) return 'staff';
  return null;
}

/**
 * A pairing role as the schema has it, from the words of the campaign's lists (包县, 包乡, 挂村 …).
 * @example
 * parseRole('包乡领导'); // 'township-lead'
 */
export function parseRole(s: string): PairingRole | null {
  const w = s.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  if (w === 'county-lead' || w === 'township-lead' || w === 'village') return w;
  if (/^包(县|縣|区|區|县区|縣區)(领导|領導)?$/.test(w)) return 'county-lead';
  if (/^包(乡|鄉|镇|鎮|乡镇|鄉鎮|街道)(领导|領導)?$/.test(w)) return 'township-lead';
  if (/^(挂|掛)(联|聯)?(村|社区|社區)?$/.test(w)) return 'village';
  return null;
}

/** Excel's day 25569 is 1970-01-01; its day 60 is 1900-02-29, a day that never was. */
function excelDay(serial: number): string | null {
  if (!(serial >= 1 && serial < 2_958_466)) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null;
  // Excel counts the phantom 1900-02-29, so days before it are one day later than their count says.
  return isoDate(whole < 60 ? whole - 25_568 : whole - 25_569);
}

const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?`;
const DASHED = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const CHINESE = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日${TIME}$`);

/**
 * A date as YYYY-MM-DD from YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 (each optionally
 * followed by a clock time, which is checked and dropped), YYYYMMDD, an .xlsx date cell, or an
 * Excel day number; `null` when it is not a real date or anything else follows it
 * (`2024-03-01abc`, `2024-03-01 上午`). Nothing is rolled over: `2024-02-30` is `null`.
 * @example
 * parseDate('2024年3月5日'); // '2024-03-05'
 * parseDate(45356); // '2024-03-05' (Excel's day number)
 * parseDate('2024-02-30'); // null
 */
export function parseDate(raw: unknown): string | null {
  if (raw instanceof Date) {
    const t = raw.getTime();
    return Number.isNaN(t) ? null : isoDate(Math.floor(t / 86_400_000));
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 19_000_101 && raw <= 21_001_231) return parseDate(String(raw));
    return excelDay(raw);
  }
  if (typeof raw !== 'string') return null;
  const s = raw.normalize('NFKC').trim();
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return excelDay(Number(s));
  let y: string, m: string, d: string, time: (string | undefined)[];
  const dashed = DASHED.exec(s);
  const chinese = dashed ? null : CHINESE.exec(s);
  const compact = dashed || chinese ? null : /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (dashed) [y, m, d, time] = [dashed[1]!, dashed[3]!, dashed[4]!, dashed.slice(5)];
  else if (chinese) [y, m, d, time] = [chinese[1]!, chinese[2]!, chinese[3]!, chinese.slice(4)];
  else if (compact) [y, m, d, time] = [compact[1]!, compact[2]!, compact[3]!, []];
  else return null;
  if (time[0] !== undefined && (Number(time[0]) > 23 || Number(time[1]) > 59 || Number(time[2] ?? 0) > 59)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return Number.isNaN(dayNumber(iso)) ? null : iso;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * A moment as an ISO timestamp with its offset, for `recordedAt`: an ISO timestamp as it is, or a
 * date with an optional clock time in any form {@link parseDate} reads (a wall-clock time in
 * China, +08:00; a date alone is its midnight), an .xlsx date-time cell, or an Excel serial
 * with a fraction of a day; `null` when it is not a real moment.
 * @example
 * parseTimestamp('2024-03-05 14:30'); // '2024-03-05T14:30:00+08:00'
 * parseTimestamp('2024-03-05T06:30:00Z'); // '2024-03-05T06:30:00Z'
 * parseTimestamp('2024-02-30 14:30'); // null
 */
export function parseTimestamp(raw: unknown): string | null {
  let day: string | null;
  let seconds = 0;
  if (raw instanceof Date) {
    // An .xlsx cell holds a wall-clock time, which the reader gives as that time in UTC.
    const t = raw.getTime();
    if (Number.isNaN(t)) return null;
    day = isoDate(Math.floor(t / 86_400_000));
    seconds = Math.floor((t - Math.floor(t / 86_400_000) * 86_400_000) / 1000);
  } else if (typeof raw === 'number') {
    day = excelDay(raw);
    seconds = Math.round((raw - Math.floor(raw)) * 86_400);
    if (seconds >= 86_400) return null;
  } else if (typeof raw === 'string') {
    const s = raw.normalize('NFKC').trim();
    if (!Number.isNaN(timestampMs(s))) return s;
    day = parseDate(s);
    const dashed = DASHED.exec(s);
    const chinese = dashed ? null : CHINESE.exec(s);
    const time = dashed ? dashed.slice(5) : chinese ? chinese.slice(4) : [];
    if (time[0] !== undefined) seconds = Number(time[0]) * 3600 + Number(time[1]) * 60 + Number(time[2] ?? 0);
  } else return null;
  if (day === null) return null;
  return `${day}T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}+08:00`;
}

/** The words of each activity: its id, its names in both scripts, and the seed's longer wordings. */
let activityWords: ReadonlyMap<string, Activity> | undefined;
const ACTIVITY_NAMES: Readonly<Record<Activity, readonly string[]>> = {
  'public-opinion': ['收集社情民意'],
  'dispute-resolution': ['化解矛盾纠纷', '化解矛盾糾紛'],
  'legal-education': ['普法送法'],
  'security-guidance': ['指导治安防范', '指導治安防範'],
  'law-class': ['法治课', '法治課', '上法治课', '上法治課'],
  'risk-assessment': ['风险评估', '風險評估', '重大安全隐患风险评估', '重大安全隱患風險評估'],
  'key-person-management': ['重点人员管控', '重點人員管控', '教育管控特殊重点人员', '教育管控特殊重點人員'],
  other: ['其他', '其它'],
};

/**
 * Activities separated by `;` `、` `,` `|` or `/` (half or full width), as ids or Chinese names;
 * a JSON array of them works too.
 * @example
 * parseActivities('普法送法、法治课'); // { ok: true, value: ['legal-education', 'law-class'] }
 */
export function parseActivities(raw: string | readonly unknown[]): CellResult {
  activityWords ??= new Map<string, Activity>(ACTIVITIES.flatMap((a) => [[a, a] as [string, Activity], ...ACTIVITY_NAMES[a].map((w) => [w.normalize('NFKC'), a] as [string, Activity])]));
  const parts = typeof raw === 'string' ? raw.normalize('NFKC').split(/[;、,|/\n]+/) : raw.map((p) => (typeof p === 'string' ? p.normalize('NFKC') : '\u0000'));
  const out: Activity[] = [];
  for (const part of parts) {
    const word = part.trim().toLowerCase();
    if (word === '') continue;
    const a = activityWords.get(word);
    if (a === undefined) return { ok: false, code: 'input.activity', details: { item: part.trim() } };
    if (!out.includes(a)) out.push(a);
  }
  return { ok: true, value: out };
}

/**
 * A division code from a cell: text or a whole number, checked and put in short form; a code a
 * spreadsheet turned into scientific notation is named as such.
 * @example
 * parseCodeCell(530621100201); // { ok: true, value: '530621100201' }
 */
export function parseCodeCell(raw: unknown): CellResult {
  const s = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : cellString(raw);
  // What a spreadsheet does to a 12-digit number it was not told is text.
  if (/^\d(?:\.\d+)?e\+?\d+$/i.test(s)) return { ok: false, code: 'input.scientific' };
  try {
    return { ok: true, value: normalizeCode(s) };
  } catch (e) {
    if (e instanceof DivisionCodeError) {
      const { value: _value, ...details } = e.details;
      return Object.keys(details).length > 0 ? { ok: false, code: e.code, details } : { ok: false, code: e.code };
    }
    return { ok: false, code: 'code.format' };
  }
}

/** A cell of a simple kind as trimmed text (a date cell as YYYY-MM-DD). @internal */
export function cellString(v: unknown): string {
  if (v instanceof Date) return parseDate(v) ?? '';
  return String(v).trim();
}
