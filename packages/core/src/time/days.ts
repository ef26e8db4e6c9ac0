/**
 * Calendar days as integers (days since 1970-01-01), so that visit dates fit typed arrays and
 * compare with `<`. Dates are civil dates (YYYY-MM-DD) in China's time zone; no clock time.
 */

/**
 * The day number of an ISO date (`YYYY-MM-DD`), or `NaN` if it is not a real date.
 * @example
 * dayNumber('1970-01-02'); // 1
 */
export function dayNumber(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

/**
 * Days since 1970-01-01 of a civil date of the proleptic Gregorian calendar, by whole 400-year
 * eras (not `Date.UTC`, which reads the years 0–99 as 1900–1999).
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The ISO date of a day number.
 * @example
 * isoDate(19723); // '2024-01-01'
 */
export function isoDate(day: number): string {
  // Civil date from a day count, by whole 400-year eras of the proleptic Gregorian calendar
  // (no Date object: reports format tens of thousands of these).
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The first and last day numbers of a year. @example yearRange(2024); // [19723, 20088] */
export function yearRange(year: number): [number, number] {
  return [daysFromCivil(year, 1, 1), daysFromCivil(year, 12, 31)];
}

/** The first and last day numbers of quarter `q` (0–3) of a year. */
export function quarterRange(year: number, q: number): [number, number] {
  return [daysFromCivil(year, 3 * q + 1, 1), daysFromCivil(year, 3 * q + 3, daysInMonth(year, 3 * q + 3))];
}

/** The quarter (0–3) of a day number. */
export function quarterOf(day: number): number {
  return Math.floor(new Date(day * 86_400_000).getUTCMonth() / 3);
}

function daysInMonth(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}
