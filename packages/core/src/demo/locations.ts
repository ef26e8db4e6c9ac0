/**
 * Seeded, plausible coordinates for the demo: the official hierarchy has no coordinates, so the
 * demo invents them — each county a centre inside the scope's bounding box, each township a
 * centre near its county's, each village a point near its township's, each cadre a point near
 * a village of their home division. The same seed gives the same points.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import type { Cadre } from '../pairing/schema.js';
import { seededRandom } from '../util/random.js';

/** A point in WGS-84 degrees. */
export interface DemoPoint {
  lat: number;
  lon: number;
}

/** Options of {@link generateLocations}. */
export interface LocationOptions {
  /** The division to place (a prefecture, usually). */
  scope: string;
  seed?: number;
  /** The bounding box of county centres, in degrees: Zhaotong's (26.5–28.5 N, 102.9–105.3 E) by default. */
  box?: { south: number; north: number; west: number; east: number };
}

/** Zhaotong's bounding box. */
export const ZHAOTONG_BOX = { south: 26.5, north: 28.5, west: 102.9, east: 105.3 } as const;

const KM_PER_DEGREE = 111.195;
/** How far a township centre lies from its county's, a village from its township's, a cadre from a village (km). */
const SPREAD_KM = { township: 22, village: 6, cadre: 1.5 };

/**
 * Coordinates for every village under the scope, by village code.
 * @example
 * const villageLocations = generateLocations(zhaotong, { scope: '5306', seed: 7 });
 * villageLocations['530602001001']; // { lat: 28.17322, lon: 104.54517 }
 */
export function generateLocations(h: Hierarchy, options: LocationOptions): Record<string, DemoPoint> {
  const rnd = seededRandom(((options.seed ?? 2021) ^ 0x6c6f63) >>> 0);
  const box = options.box ?? ZHAOTONG_BOX;
  const clamp = (p: DemoPoint): DemoPoint => ({ lat: Math.min(box.north, Math.max(box.south, p.lat)), lon: Math.min(box.east, Math.max(box.west, p.lon)) });
  const near = (c: DemoPoint, km: number): DemoPoint => {
    // Uniform in a disc of radius km.
    const r = km * Math.sqrt(rnd());
    const a = 2 * Math.PI * rnd();
    return clamp({ lat: c.lat + (r * Math.sin(a)) / KM_PER_DEGREE, lon: c.lon + (r * Math.cos(a)) / (KM_PER_DEGREE * Math.cos((c.lat * Math.PI) / 180)) });
  };
  const round = (p: DemoPoint): DemoPoint => ({ lat: Math.round(p.lat * 1e5) / 1e5, lon: Math.round(p.lon * 1e5) / 1e5 });
  const centre = new Map<string, DemoPoint>();
  const out: Record<string, DemoPoint> = {};
  const top = h.require(options.scope);
  for (const d of [top, ...h.descendantsOf(options.scope)]) {
    const parent = d.parentCode ? centre.get(d.parentCode) : undefined;
    let at: DemoPoint;
    if (d.level === 'village') at = near(parent ?? { lat: (box.south + box.north) / 2, lon: (box.west + box.east) / 2 }, SPREAD_KM.village);
    else if (d.level === 'township') at = near(parent ?? { lat: (box.south + box.north) / 2, lon: (box.west + box.east) / 2 }, SPREAD_KM.township);
    else if (d.level === 'county') at = { lat: box.south + rnd() * (box.north - box.south), lon: box.west + rnd() * (box.east - box.west) };
    else at = { lat: (box.south + box.north) / 2, lon: (box.west + box.east) / 2 };
    centre.set(d.code, at);
    if (d.level === 'village') out[d.code] = round(at);
  }
  return out;
}

/**
 * The cadres with coordinates: each one a point near a village of their home division (drawn at
 * random among its villages), within 1.5 km. Cadres without a home, or whose home has no
 * located village, are returned unchanged.
 * @example
 * const located = locateCadres(zhaotong, cadres, villageLocations, { seed: 7 });
 */
export function locateCadres(h: Hierarchy, cadres: readonly Cadre[], villageLocations: Readonly<Record<string, DemoPoint>>, options: { seed?: number } = {}): Cadre[] {
  const rnd = seededRandom(((options.seed ?? 2021) ^ 0x636164) >>> 0);
  const villagesUnder = new Map<string, string[]>();
  for (const code of Object.keys(villageLocations)) {
    for (const prefix of [code.slice(0, 2), code.slice(0, 4), code.slice(0, 6), code.slice(0, 9), code]) {
      let list = villagesUnder.get(prefix);
      if (!list) villagesUnder.set(prefix, (list = []));
      list.push(code);
    }
  }
  return cadres.map((c) => {
    if (c.homeCode === undefined) return c;
    // Short codes are prefixes of the codes below them.
    const list = villagesUnder.get(h.get(c.homeCode)?.code ?? '');
    if (!list) return c;
    const v = villageLocations[list[Math.floor(rnd() * list.length)]!]!;
    const r = SPREAD_KM.cadre * Math.sqrt(rnd());
    const a = 2 * Math.PI * rnd();
    const lat = v.lat + (r * Math.sin(a)) / KM_PER_DEGREE;
    const lon = v.lon + (r * Math.cos(a)) / (KM_PER_DEGREE * Math.cos((v.lat * Math.PI) / 180));
    return { ...c, lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
  });
}

