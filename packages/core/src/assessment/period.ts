/**
 * Assessment periods: a year, a quarter or a month, so that everyday work shows as it happens
 * and a year's figures are the sum of its months'. Days are day numbers (see `time/days.ts`).
 */
import * as z from 'zod/mini';
import { yearRange } from '../time/days.js';
import { AssessmentError } from './errors.js';

/** The kinds of period. */
export const PERIOD_KINDS = ['year', 'quarter', 'month'] as const;
/** A kind of period. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const MAX_INDEX: Record<PeriodKind, number> = { year: 1, quarter: 4, month: 12 };

/**
 * A period: `index` counts from 1 as people say it (quarter 1–4, month 1–12; 1 for a year).
 * @example
 * periodSchema.parse({ kind: 'quarter', year: 2024, index: 2 }); // April–June 2024
 */
export const periodSchema = z
  .object({
    kind: z.enum(PERIOD_KINDS),
    year: z.number().check(z.int(), z.gte(1900), z.lte(2200)),
    index: z._default(z.number().check(z.int(), z.gte(1)), 1),
  })
  .check(z.refine((p) => p.index <= MAX_INDEX[p.kind], { message: 'expect.period-index', path: ['index'] }));
/** A period. */
export type Period = z.output<typeof periodSchema>;

/**
 * A period from its parts, checked.
 * @example
 * period('month', 2024, 3); // { kind: 'month', year: 2024, index: 3 }: March 2024
 */
export function period(kind: PeriodKind, year: number, index = 1): Period {
  const p = { kind, year, index };
  if (!periodSchema.safeParse(p).success) throw new AssessmentError('period.invalid', { value: `${kind} ${year} ${index}` });
  return p;
}

/**
 * The first and last day numbers of a period (inclusive).
 * @example
 * periodRange({ kind: 'month', year: 2024, index: 2 }).map(isoDate); // ['2024-02-01', '2024-02-29']
 */
export function periodRange(p: Period): [number, number] {
  if (p.kind === 'year') return yearRange(p.year);
  const months = p.kind === 'quarter' ? 3 : 1;
  const first = p.kind === 'quarter' ? 3 * (p.index - 1) : p.index - 1;
  return [Date.UTC(p.year, first, 1) / 86_400_000, Date.UTC(p.year, first + months, 0) / 86_400_000];
}

/**
 * The period's key: `2024`, `2024-Q2` or `2024-03`. Keys of one kind sort in time order.
 * @example
 * periodKey({ kind: 'quarter', year: 2024, index: 2 }); // '2024-Q2'
 */
export function periodKey(p: Period): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'quarter') return `${p.year}-Q${p.index}`;
  return `${p.year}-${p.index < 10 ? '0' : ''}${p.index}`;
}

/**
 * The period of a key (`2024`, `2024-Q2`, `2024-03`).
 * @example
 * parsePeriod('2024-Q2'); // { kind: 'quarter', year: 2024, index: 2 }
 */
export function parsePeriod(key: string): Period {
  const m = /^(\d{4})(?:-Q([1-4])|-(\d{2}))?$/.exec(key.trim());
  if (!m) throw new AssessmentError('period.invalid', { value: key });
  const year = Number(m[1]);
  if (m[2] !== undefined) return period('quarter', year, Number(m[2]));
  if (m[3] !== undefined) {
    const month = Number(m[3]);
    if (month < 1 || month > 12) throw new AssessmentError('period.invalid', { value: key });
    return period('month', year, month);
  }
  return period('year', year);
}

/**
 * The period before, of the same kind (December 2023 before January 2024), for movements in
 * the rankings.
 * @example
 * previousPeriod({ kind: 'month', year: 2024, index: 1 }); // { kind: 'month', year: 2023, index: 12 }
 */
export function previousPeriod(p: Period): Period {
  if (p.index > 1) return { ...p, index: p.index - 1 };
  return { kind: p.kind, year: p.year - 1, index: MAX_INDEX[p.kind] };
}

/**
 * The periods of a kind that make up a period: the months of a quarter, the quarters or months
 * of a year. Asking for a longer kind than the period's gives the period itself.
 * @example
 * periodsWithin({ kind: 'year', year: 2024, index: 1 }, 'month').length; // 12
 */
export function periodsWithin(p: Period, kind: PeriodKind): Period[] {
  const order = { year: 0, quarter: 1, month: 2 } as const;
  if (order[kind] <= order[p.kind]) return [p];
  if (p.kind === 'quarter') return [1, 2, 3].map((m) => ({ kind: 'month' as const, year: p.year, index: 3 * (p.index - 1) + m }));
  return Array.from({ length: MAX_INDEX[kind] }, (_, k) => ({ kind, year: p.year, index: k + 1 }));
}

/** Whether two periods are the same. @internal */
export function samePeriod(a: Period, b: Period): boolean {
  return a.kind === b.kind && a.year === b.year && a.index === b.index;
}
