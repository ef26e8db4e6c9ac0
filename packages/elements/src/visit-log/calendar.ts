/**
 * The year grid of the visit calendar: one column per week (Monday first, as calendars in China
 * are printed), one row per weekday, and the month each week column starts. Pure functions of
 * day numbers (days since 1970-01-01, the core's `dayNumber`), so the layout is tested without a
 * DOM and never depends on the reader's time zone.
 */
import { yearRange } from '@gualian/core';

/** How many shades the calendar uses: no visit, one, two, three or more. */
export const SHADES = 4;

/** The layout of one year. */
export interface YearGrid {
  year: number;
  /** Day number of 1 January. */
  first: number;
  /** Day number of 31 December. */
  last: number;
  /** Weekday of 1 January, 0 = Monday … 6 = Sunday: the empty cells before it in the first column. */
  lead: number;
  /** Number of week columns: 53 for most years, 54 when a leap year starts on a Sunday (2040). */
  weeks: number;
  /** The months as column spans, January first: `start` is the column of the month's first day. */
  months: { month: number; start: number; span: number }[];
}

/**
 * The grid of a year.
 * @example
 * const grid = yearGrid(2024);
 * grid.weeks; // 53
 * grid.lead; // 0: 1 January 2024 was a Monday
 */
export function yearGrid(year: number): YearGrid {
  const [first, last] = yearRange(year);
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const lead = (((first + 3) % 7) + 7) % 7;
  const weeks = Math.ceil((lead + last - first + 1) / 7);
  const starts: number[] = [];
  for (let m = 0; m < 12; m++) starts.push(columnOf({ first, lead }, Date.UTC(year, m, 1) / 86_400_000));
  const months = starts.map((start, m) => ({ month: m, start, span: (m < 11 ? starts[m + 1]! : weeks) - start }));
  return { year, first, last, lead, weeks, months };
}

/**
 * The week column of a day of the grid's year.
 * @example
 * columnOf(yearGrid(2024), dayNumber('2024-01-08')); // 1
 */
export function columnOf(grid: Pick<YearGrid, 'first' | 'lead'>, day: number): number {
  return Math.floor((day - grid.first + grid.lead) / 7);
}

/**
 * The weekday row (0 = Monday … 6 = Sunday) of a day.
 * @example
 * rowOf(dayNumber('2024-01-07')); // 6: a Sunday
 */
export function rowOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The day at a row and column of the grid, or `null` for the empty cells outside the year.
 * @example
 * dayAt(yearGrid(2024), 0, 0) === dayNumber('2024-01-01'); // true
 */
export function dayAt(grid: YearGrid, row: number, column: number): number | null {
  const day = grid.first - grid.lead + column * 7 + row;
  return day < grid.first || day > grid.last ? null : day;
}

/**
 * The shade of a day with `count` visits: 0 for none, then 1, 2, and 3 for three or more.
 * @example
 * shadeOf(5); // 3
 */
export function shadeOf(count: number): number {
  return Math.max(0, Math.min(SHADES - 1, count));
}

/** A key of the calendar grid. */
export type GridKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'PageUp' | 'PageDown' | 'YearStart' | 'YearEnd';

/**
 * Where a key moves the focus from `day`, kept inside the year: ↑/↓ the previous or next day
 * (the rows are weekdays), ←/→ the same weekday a week earlier or later, Home/End the first or
 * last day of that week, PageUp/PageDown the same date a month earlier or later (the month's
 * last day when it is shorter), YearStart/YearEnd (Ctrl+Home/Ctrl+End) the first or last day of the year.
 * @example
 * moveDay(yearGrid(2024), dayNumber('2024-03-05'), 'ArrowRight') === dayNumber('2024-03-12'); // true
 */
export function moveDay(grid: YearGrid, day: number, key: GridKey): number {
  let next = day;
  switch (key) {
    case 'ArrowUp':
      next = day - 1;
      break;
    case 'ArrowDown':
      next = day + 1;
      break;
    case 'ArrowLeft':
      next = day - 7;
      break;
    case 'ArrowRight':
      next = day + 7;
      break;
    case 'Home':
      next = day - rowOf(day);
      break;
    case 'End':
      next = day + 6 - rowOf(day);
      break;
    case 'PageUp':
    case 'PageDown': {
      const d = new Date(day * 86_400_000);
      const month = d.getUTCMonth() + (key === 'PageUp' ? -1 : 1);
      const lastOfMonth = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
      next = Date.UTC(d.getUTCFullYear(), month, Math.min(d.getUTCDate(), lastOfMonth)) / 86_400_000;
      break;
    }
    case 'YearStart':
      next = grid.first;
      break;
    case 'YearEnd':
      next = grid.last;
      break;
  }
  return Math.max(grid.first, Math.min(grid.last, next));
}
