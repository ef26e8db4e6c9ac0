/**
 * The fast gate of the roster's door: plain checks that accept exactly what the zod schemas
 * accept, so that millions of well-formed records are validated without the cost of a schema
 * parse each (about 3 µs a visit: 30 s for a national ledger). A record the gate does not pass
 * goes through its schema, which refuses it with the field and the reason, or accepts it in its
 * normal form (trimmed text). Division codes are checked by the roster as it resolves them.
 * A property test holds the gate to the schemas (test/pairing-records.test.ts).
 */
import { dayNumber } from '../time/days.js';
import { timestampMs } from '../time/schema.js';
import { ACTIVITIES, CADRE_RANKS, MAX_HOUSEHOLDS, PAIRING_ROLES, recordedDay } from './schema.js';

const ACTIVITY_SET: ReadonlySet<unknown> = new Set(ACTIVITIES);
const RANK_SET: ReadonlySet<unknown> = new Set(CADRE_RANKS);
const ROLE_SET: ReadonlySet<unknown> = new Set(PAIRING_ROLES);

type Fields = Record<string, unknown>;

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** Non-blank text already trimmed: the schema's `trim` would leave it as it is. */
const trimmed = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.trim() === v;
const realDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(dayNumber(v));
const intIn = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
const numberIn = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

/**
 * The day number of a visit that passes its schema as it is (its village code aside), or `NaN`
 * when it does not: the roster stores the day, so the date is read once.
 * @internal
 */
export function plainVisitDay(v: unknown): number {
  if (!isRecord(v)) return NaN;
  const { id, cadreId, villageCode, date, minutes, households, activities, notes, recordedAt, recordedBy } = v;
  if (!nonEmpty(id) || !nonEmpty(cadreId) || typeof villageCode !== 'string' || typeof date !== 'string') return NaN;
  if (!intIn(minutes, 0, 24 * 60) || !intIn(households, 0, MAX_HOUSEHOLDS) || !Array.isArray(activities)) return NaN;
  for (let k = 0; k < activities.length; k++) if (!ACTIVITY_SET.has(activities[k])) return NaN;
  if (notes !== undefined && typeof notes !== 'string') return NaN;
  if (recordedBy !== undefined && !trimmed(recordedBy)) return NaN;
  const day = dayNumber(date);
  if (recordedAt !== undefined) {
    if (typeof recordedAt !== 'string' || Number.isNaN(timestampMs(recordedAt))) return NaN;
    if (recordedDay(recordedAt) < day) return NaN;
  }
  return day;
}

/**
 * Whether a visit passes its schema as it is (its village code aside).
 * @internal
 */
export function plainVisit(v: unknown): boolean {
  return !Number.isNaN(plainVisitDay(v));
}

/**
 * Whether a pairing passes its schema as it is (its code aside).
 * @internal
 */
export function plainPairing(p: unknown): boolean {
  if (!isRecord(p)) return false;
  const { cadreId, role, code, from, to } = p;
  if (!nonEmpty(cadreId) || !ROLE_SET.has(role) || typeof code !== 'string') return false;
  if (from !== undefined && !realDate(from)) return false;
  if (to !== undefined && !realDate(to)) return false;
  return from === undefined || to === undefined || (from as string) <= (to as string);
}

/**
 * Whether a cadre passes its schema as it is (its home code aside).
 * @internal
 */
export function plainCadre(c: unknown): boolean {
  if (!isRecord(c)) return false;
  const { id, name, unit, rank, homeCode, lat, lon } = c;
  if (!trimmed(id) || !trimmed(name) || !trimmed(unit) || !RANK_SET.has(rank)) return false;
  if (homeCode !== undefined && typeof homeCode !== 'string') return false;
  if (lat !== undefined && !numberIn(lat, -90, 90)) return false;
  return lon === undefined || numberIn(lon, -180, 180);
}
