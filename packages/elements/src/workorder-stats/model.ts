/**
 * What the work-order stats show, read from the core's measures (`workOrderMeasures`): the rows
 * of a month sorted by a column, a unit's (or all units') rates by month for the chart, and
 * months as people read them. Pure: no Lit, no DOM. The measures and the red/black list
 * themselves are the core's.
 */
import type { Lang } from '@gualian/core';
import type { WorkOrderMeasure } from '@gualian/core/disputes';
import { displayPercent } from '../coverage-board/figures.js';

/** The columns of the month's table, in order; each sorts the table. The timely sign-for (签收) and call-back (回访) rates come last. */
export const MEASURE_COLUMNS = ['unit', 'dispatched', 'returned', 'completed', 'completedOnTime', 'onTimeRate', 'rated', 'satisfied', 'satisfactionRate', 'signForRate', 'callBackRate'] as const;
/** A column of the month's table. */
export type MeasureColumn = (typeof MEASURE_COLUMNS)[number];

/**
 * The month's rows sorted by a column: numbers largest first (descending) or smallest first, a
 * missing rate always last; ties by unit name (code-point order) so the order is stable.
 * @example
 * sortMeasures(rows, 'onTimeRate', false).map((m) => m.unit);
 */
export function sortMeasures(rows: readonly WorkOrderMeasure[], column: MeasureColumn, descending: boolean): WorkOrderMeasure[] {
  const byUnit = (a: WorkOrderMeasure, b: WorkOrderMeasure) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);
  if (column === 'unit') return [...rows].sort((a, b) => (descending ? -byUnit(a, b) : byUnit(a, b)));
  return [...rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    if (x === null || y === null) return x === y ? byUnit(a, b) : x === null ? 1 : -1;
    return (descending ? y - x : x - y) || byUnit(a, b);
  });
}

/** One month of a unit (or of all units): the counts the two rates come from. */
export interface MonthRates {
  month: string;
  completed: number;
  completedOnTime: number;
  rated: number;
  satisfied: number;
}

/**
 * The counts behind the rates of one unit, or of all units together (`''`), for every month of
 * the measures, in order: a month without the unit's orders has zero counts (and so no rates).
 * @example
 * monthlyRates(measures, '').map((m) => displayPercent(m.completedOnTime, m.completed));
 */
export function monthlyRates(measures: readonly WorkOrderMeasure[], unit: string): MonthRates[] {
  const months = new Map<string, MonthRates>();
  for (const m of measures) {
    let r = months.get(m.month);
    if (!r) months.set(m.month, (r = { month: m.month, completed: 0, completedOnTime: 0, rated: 0, satisfied: 0 }));
    if (unit !== '' && m.unit !== unit) continue;
    r.completed += m.completed;
    r.completedOnTime += m.completedOnTime;
    r.rated += m.rated;
    r.satisfied += m.satisfied;
  }
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/**
 * A rate as the percentage people read (rounded down to one decimal, see `displayPercent`), or
 * `null` with nothing to count.
 * @example
 * ratePercent(130, 132); // 98.4
 */
export function ratePercent(part: number, whole: number): number | null {
  return displayPercent(part, whole, 1);
}

const monthFormats = new Map<Lang, Intl.DateTimeFormat>();

/**
 * A month (`2024-03`) as people read it: 2024年3月, March 2024.
 * @example
 * monthLabel('2024-03', 'en'); // 'March 2024'
 */
export function monthLabel(month: string, lang: Lang): string {
  let f = monthFormats.get(lang);
  if (f === undefined) monthFormats.set(lang, (f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' })));
  return f.format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
}
