/**
 * The one home of calendar dates and timestamps in records. Every domain's schema uses these,
 * so an impossible date (`2024-02-30`), an impossible time (`25:00`) or trailing text is refused
 * the same way everywhere, and nothing is rolled over to the next month.
 */
import * as z from 'zod/mini';
import { dayNumber } from './days.js';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant of an ISO 8601 timestamp with its offset (`2024-03-01T09:30:00+08:00`), in
 * milliseconds since 1970, or `NaN` when it is not a real date and time (no roll-over:
 * `2024-02-30T…`, `T24:00` and offsets beyond ±14:00 are `NaN`).
 * @example
 * timestampMs('2024-03-01T09:30:00+08:00'); // 1709256600000
 * timestampMs('2024-02-30T09:30:00+08:00'); // NaN
 */
export function timestampMs(s: string): number {
  const m = TIMESTAMP.exec(s);
  if (!m) return NaN;
  const day = dayNumber(m[1]!);
  const h = Number(m[2]);
  const min = Number(m[3]);
  const sec = m[4] === undefined ? 0 : Number(m[4]);
  if (Number.isNaN(day) || h > 23 || min > 59 || sec > 59) return NaN;
  let offset = 0;
  if (m[6] !== 'Z') {
    const oh = Number(m[8]);
    const om = Number(m[9]);
    if (oh > 14 || om > 59) return NaN;
    offset = (m[7] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const frac = m[5] === undefined ? 0 : Math.floor(Number(m[5]) * 1000);
  return day * 86_400_000 + ((h * 60 + min - offset) * 60 + sec) * 1000 + frac;
}

/**
 * A civil date as `YYYY-MM-DD` that exists in the calendar; nothing before or after it.
 * @example
 * dateSchema.safeParse('2024-02-29').success; // true
 * dateSchema.safeParse('2024-02-30').success; // false
 */
export const dateSchema = z.string().check(z.refine((s) => !Number.isNaN(dayNumber(s)), 'expect.date'));

/**
 * A date and time with its offset (`2024-03-01T09:30:00+08:00`) that exists in the calendar.
 * @example
 * timestampSchema.safeParse('2024-03-01T09:30:00+08:00').success; // true
 * timestampSchema.safeParse('2024-03-01 09:30').success; // false: no offset
 */
export const timestampSchema = z.string().check(z.refine((s) => !Number.isNaN(timestampMs(s)), 'expect.timestamp'));
