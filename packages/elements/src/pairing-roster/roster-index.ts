/**
 * Look-ups the roster widget needs to draw a scope: which cadres sit in which village this year,
 * who leads which unit, and a cadre search ordered for the person filling a village. These are
 * views of the data for display; whether the pairings satisfy the policy is the core's
 * `checkPairing`, never decided here.
 */
import { normalizeCode } from '@gualian/core';
import { KNOWN_UNITS, type Cadre, type Pairing, type PairingPolicy } from '@gualian/core/pairing';

/** The pairings of one year, indexed for drawing. Positions are indices into the `pairings` array given. */
export interface RosterIndex {
  /** Cadres by id (the first record of an id wins, as in the core's roster). */
  cadreById: Map<string, Cadre>;
  /** Positions of the village pairings in force in the year, by village code. */
  seats: Map<string, number[]>;
  /** Positions of the county and township leads in force in the year, by the code led. */
  leads: Map<string, number[]>;
  /** The villages each cadre pairs with in the year, by cadre id. */
  villagesOf: Map<string, string[]>;
  /** The units each cadre leads in the year, by cadre id. */
  ledBy: Map<string, string[]>;
}

/**
 * A division code in its short form, or the input unchanged when it is no code (such a pairing
 * is reported by the core's check as pointing nowhere).
 * @example
 * shortCode('530627000000'); // '530627'
 */
export function shortCode(code: string): string {
  try {
    return normalizeCode(code);
  } catch {
    return code;
  }
}

/**
 * Whether `code` is `scope` or lies below it, for short or padded codes; never throws.
 * @example
 * within('530627110204', '530627'); // true
 */
export function within(code: string, scope: string): boolean {
  const c = shortCode(code);
  const s = shortCode(scope);
  return c === s || (c.startsWith(s) && c.length > s.length);
}

/**
 * The first and last day (ISO dates) a pairing must overlap to count in `year`: the year cut to
 * the policy's campaign, the same window the core's check uses; `null` when the year lies
 * outside the campaign.
 * @example
 * yearWindow(2021, ZHAOTONG_POLICY); // ['2021-07-01', '2021-12-31']
 */
export function yearWindow(year: number, policy: PairingPolicy): [string, string] | null {
  const from = `${year}-01-01` > policy.campaign.from ? `${year}-01-01` : policy.campaign.from;
  const to = `${year}-12-31` < policy.campaign.to ? `${year}-12-31` : policy.campaign.to;
  return from <= to ? [from, to] : null;
}

/**
 * Index the pairings in force in `year` (their period overlaps the year within the campaign).
 * @example
 * const index = indexRoster(cadres, pairings, 2024, ZHAOTONG_POLICY);
 * index.seats.get('530627110204')?.map((i) => pairings[i].cadreId);
 */
export function indexRoster(cadres: readonly Cadre[], pairings: readonly Pairing[], year: number, policy: PairingPolicy): RosterIndex {
  const cadreById = new Map<string, Cadre>();
  for (const c of cadres) if (!cadreById.has(c.id)) cadreById.set(c.id, c);
  const index: RosterIndex = { cadreById, seats: new Map(), leads: new Map(), villagesOf: new Map(), ledBy: new Map() };
  const window = yearWindow(year, policy);
  if (window === null) return index;
  const [first, last] = window;
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [value]);
    else list.push(value);
  };
  pairings.forEach((p, i) => {
    // ISO dates compare as strings; a missing end is open.
    if ((p.from !== undefined && p.from > last) || (p.to !== undefined && p.to < first)) return;
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) return;
    const code = shortCode(p.code);
    if (p.role === 'village') {
      push(index.seats, code, i);
      push(index.villagesOf, p.cadreId, code);
    } else {
      push(index.leads, code, i);
      push(index.ledBy, p.cadreId, code);
    }
  });
  return index;
}

/** Options of {@link findCadres}. */
export interface FindOptions {
  /** Cadres not to offer (those already in the village). */
  exclude: ReadonlySet<string>;
  /** The village being filled: cadres living nearer come first. */
  near: string;
  /** How many villages a cadre may pair with (the policy's `villagesPerCadre`). */
  villagesPerCadre: number;
  /** How many hits to return at most. */
  limit: number;
}

/**
 * Cadres matching a search (a fragment of the name, id or unit; case-insensitive; empty matches
 * all), ordered for filling a village: cadres with a free seat before those already paired up to
 * the policy's number, then those living in the village's township, then its county, then by id.
 * @example
 * findCadres(index, cadres, '公安', { exclude: new Set(), near: '530627110204', villagesPerCadre: 1, limit: 20 });
 * // { hits: the first 20 matches, total: how many match }
 */
export function findCadres(index: RosterIndex, cadres: readonly Cadre[], query: string, options: FindOptions): { hits: Cadre[]; total: number } {
  const q = query.trim().toLowerCase();
  const near = shortCode(options.near);
  const matches: Array<{ c: Cadre; key: number }> = [];
  const seen = new Set<string>();
  for (const c of cadres) {
    if (seen.has(c.id) || options.exclude.has(c.id)) continue;
    seen.add(c.id);
    if (q !== '' && !c.name.toLowerCase().includes(q) && !c.id.toLowerCase().includes(q) && !c.unit.toLowerCase().includes(q)) continue;
    const taken = index.villagesOf.get(c.id)?.length ?? 0;
    const home = c.homeCode === undefined ? '' : shortCode(c.homeCode);
    const distance = home.length >= 9 && near.startsWith(home.slice(0, 9)) ? 0 : home.length >= 6 && near.startsWith(home.slice(0, 6)) ? 1 : 2;
    matches.push({ c, key: (taken < options.villagesPerCadre ? 0 : 3) + distance });
  }
  matches.sort((a, b) => a.key - b.key || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
  return { hits: matches.slice(0, options.limit).map((m) => m.c), total: matches.length };
}

/**
 * How many of the cadres come from each unit: the seed's units (政法委, 法院, 检察院, 公安,
 * 司法局, 信访局) in that order, then any others by name.
 * @example
 * unitSpread([{ unit: '公安' }, { unit: '法院' }, { unit: '公安' }] as Cadre[]); // [['法院', 1], ['公安', 2]]
 */
export function unitSpread(cadres: readonly Pick<Cadre, 'unit'>[]): Array<[unit: string, count: number]> {
  const counts = new Map<string, number>();
  for (const c of cadres) counts.set(c.unit, (counts.get(c.unit) ?? 0) + 1);
  const order = (u: string) => {
    const k = (KNOWN_UNITS as readonly string[]).indexOf(u);
    return k < 0 ? KNOWN_UNITS.length : k;
  };
  return [...counts].sort((a, b) => order(a[0]) - order(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
