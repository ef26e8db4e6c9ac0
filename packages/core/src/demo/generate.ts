/**
 * A seeded generator of a realistic 包掛聯 roster for any scope of a real hierarchy: the docs'
 * demo (Zhaotong: 11 county leads, 150 township leads, 4,206 cadres for 1,402 villages), the
 * tests and the benchmarks. The same seed gives the same roster. Names are invented; places are
 * the hierarchy's own.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { seededRandom } from '../util/random.js';

export { seededRandom };
import { isoDate, quarterRange, yearRange } from '../time/days.js';
import { ACTIVITIES, KNOWN_UNITS, type Activity, type Cadre, type Pairing, type Visit } from '../pairing/schema.js';
import { generateLocations, locateCadres, type DemoPoint } from './locations.js';

/** Options of {@link generateRoster}. */
export interface GenerateOptions {
  /** The division to generate for (a prefecture, usually). */
  scope: string;
  year: number;
  seed?: number;
  cadresPerVillage?: number;
  /** Inclusive range of visits per paired cadre in the year. */
  visitsPerCadre?: [number, number];
  /**
   * Plant violations for the demo and the tests: villages left uncovered or short, cadres who
   * never visit, who visit too little, drive-by and crammed visits, same-day visits in two
   * counties, a township without a lead. Off by default.
   */
  faults?: boolean;
  /**
   * Invent coordinates too (off by default; the rest of the roster is the same either way):
   * villages scattered around seeded township centres in Zhaotong's bounding box, each cadre
   * near a village of their home division. See {@link generateLocations}.
   */
  coordinates?: boolean;
}

/** What {@link generateRoster} returns, plus the planted faults for checking a checker. */
export interface GeneratedRoster {
  cadres: Cadre[];
  pairings: Pairing[];
  visits: Visit[];
  planted: { uncovered: string[]; short: string[]; noVisits: string[]; fewVisits: string[]; driveBy: string[]; crammed: string[]; sameDay: string[]; unledTownship: string[] };
  /** With `coordinates: true`: every village's coordinates, by code (the planner's `villageLocations`). */
  villageLocations?: Record<string, DemoPoint>;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红文辉建国志鹏飞雪梅琳斌宇浩凯健俊帆鑫波东云峰林海燕松涛婷丹蕾晨阳晓光荣'.split('');

/**
 * Generate cadres, pairings and a year of visits that follow Zhaotong's policy for a scope.
 * @example
 * const demo = generateRoster(hierarchy, { scope: '5306', year: 2024, seed: 7, faults: true });
 * demo.cadres.length; // 4206
 */
export function generateRoster(h: Hierarchy, options: GenerateOptions): GeneratedRoster {
  const rnd = seededRandom(options.seed ?? 2021);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const perVillage = options.cadresPerVillage ?? 3;
  const [vMin, vMax] = options.visitsPerCadre ?? [4, 6];
  const counties = h.descendantsOf(options.scope, 'county');
  const townships = h.descendantsOf(options.scope, 'township');
  const villages = h.descendantsOf(options.scope, 'village');
  const cadres: Cadre[] = [];
  const pairings: Pairing[] = [];
  let serial = 0;
  const newCadre = (rank: Cadre['rank'], homeCode: string): Cadre => {
    const c: Cadre = { id: `C${String(++serial).padStart(6, '0')}`, name: pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : ''), unit: pick(KNOWN_UNITS), rank, homeCode };
    cadres.push(c);
    return c;
  };
  const planted: GeneratedRoster['planted'] = { uncovered: [], short: [], noVisits: [], fewVisits: [], driveBy: [], crammed: [], sameDay: [], unledTownship: [] };
  const faultVillages = new Set<string>();
  if (options.faults) {
    // Spread over the scope, deterministic in the seed.
    for (let i = 0; i < 3; i++) planted.uncovered.push(villages[Math.floor(rnd() * villages.length)]!.code);
    for (let i = 0; i < 4; i++) planted.short.push(villages[Math.floor(rnd() * villages.length)]!.code);
    planted.short = planted.short.filter((c) => !planted.uncovered.includes(c));
    for (const c of [...planted.uncovered, ...planted.short]) faultVillages.add(c);
    planted.unledTownship.push(townships[Math.floor(rnd() * townships.length)]!.code);
  }
  const seats = new Map<string, number>(villages.map((v) => [v.code, planted.uncovered.includes(v.code) ? 0 : planted.short.includes(v.code) ? perVillage - 1 : perVillage]));
  const take = (village: string, cadre: Cadre) => {
    seats.set(village, seats.get(village)! - 1);
    pairings.push({ cadreId: cadre.id, role: 'village', code: village });
  };
  const openVillageUnder = (code: string) => villages.find((v) => v.code.startsWith(code) && seats.get(v.code)! > 0)?.code;
  // Leaders: each county and township has its lead, who also pairs with a village under it.
  for (const county of counties) {
    const lead = newCadre('prefectural', county.code);
    pairings.push({ cadreId: lead.id, role: 'county-lead', code: county.code });
    const v = openVillageUnder(county.code);
    if (v) take(v, lead);
  }
  for (const township of townships) {
    if (planted.unledTownship.includes(township.code)) continue;
    const lead = newCadre('divisional', township.code);
    pairings.push({ cadreId: lead.id, role: 'township-lead', code: township.code });
    const v = openVillageUnder(township.code);
    if (v) take(v, lead);
  }
  // Staff fill the remaining seats, living in the village's township.
  for (const v of villages) {
    while (seats.get(v.code)! > 0) take(v.code, newCadre('staff', v.parentCode!));
  }
  // A year of visits.
  const [y0, y1] = yearRange(options.year);
  const visits: Visit[] = [];
  let visitSerial = 0;
  const villageOf = new Map(pairings.filter((p) => p.role === 'village').map((p) => [p.cadreId, p.code]));
  const staff = cadres.filter((c) => villageOf.has(c.id));
  const roles = new Map<string, keyof GeneratedRoster['planted']>();
  if (options.faults) {
    const plant = (kind: keyof GeneratedRoster['planted'], n: number) => {
      for (let i = 0; i < n; i++) {
        const c = staff[Math.floor(rnd() * staff.length)]!;
        if (roles.has(c.id) || faultVillages.has(villageOf.get(c.id)!)) continue;
        roles.set(c.id, kind);
        planted[kind].push(c.id);
      }
    };
    plant('noVisits', 4);
    plant('fewVisits', 6);
    plant('driveBy', 3);
    plant('crammed', 3);
    plant('sameDay', 2);
  }
  const otherCounty = (village: string) => villages.find((v) => v.code.slice(0, 6) !== village.slice(0, 6))?.code ?? village;
  for (const c of staff) {
    const village = villageOf.get(c.id)!;
    const role = roles.get(c.id);
    const n = role === 'noVisits' ? 0 : role === 'fewVisits' ? 1 + Math.floor(rnd() * 2) : vMin + Math.floor(rnd() * (vMax - vMin + 1));
    for (let k = 0; k < n; k++) {
      // Spread through the year: the first four in the four quarters, the rest anywhere.
      const quarter = k < 4 ? quarterRange(options.year, k) : [y0, y1];
      const day = role === 'crammed' ? y1 - Math.floor(rnd() * 30) : quarter[0]! + Math.floor(rnd() * (quarter[1]! - quarter[0]! + 1));
      const activities: Activity[] = role === 'driveBy' ? [] : ACTIVITIES.filter((a) => a !== 'other' && rnd() < 0.3);
      if (activities.length === 0 && role !== 'driveBy') activities.push(pick(ACTIVITIES.slice(0, 4)));
      visits.push({
        id: `V${String(++visitSerial).padStart(7, '0')}`,
        cadreId: c.id,
        villageCode: village,
        date: isoDate(day),
        minutes: role === 'driveBy' ? 10 + Math.floor(rnd() * 15) : 90 + Math.floor(rnd() * 240),
        households: role === 'driveBy' ? 0 : 2 + Math.floor(rnd() * 14),
        activities,
      });
    }
    if (role === 'sameDay' && n > 0) {
      const last = visits[visits.length - 1]!;
      visits.push({ ...last, id: `V${String(++visitSerial).padStart(7, '0')}`, villageCode: otherCounty(village) });
    }
  }
  if (options.coordinates) {
    // Their own random streams: the roster above is the same with or without coordinates.
    const villageLocations = generateLocations(h, { scope: options.scope, seed: options.seed ?? 2021 });
    return { cadres: locateCadres(h, cadres, villageLocations, { seed: options.seed ?? 2021 }), pairings, visits, planted, villageLocations };
  }
  return { cadres, pairings, visits, planted };
}
