/**
 * How the case widgets name what a case holds: its place (the divisions' names from the
 * hierarchy, with the grid and household unit numbered under the village), days counted to a
 * moment, and the core's labels of statuses, events, levels and categories. Presentation only.
 */
import type { Hierarchy } from '@gualian/core';
import { CASE_CATEGORIES, type CaseLevel, type CaseStatus, type KnownCategory } from '@gualian/core/disputes';
import type { MessageKey } from '../i18n/index.js';

type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

/**
 * A place code as names: the division's path from `from` levels down (0: the province), then the
 * grid and household unit by number. Without the hierarchy, or for a code it lacks, the code.
 * @example
 * placeName(h, '530602101001-003-07', t, 3); // '旧圃镇 / 某某村 / 第 003 网格 / 第 07 联户单元'
 */
export function placeName(h: Hierarchy | null, code: string, t: Translate, from = 0): string {
  const [division = code, grid, household] = code.split('-');
  if (h === null || !h.has(division)) return code;
  const names = h.pathOf(division).slice(from).map((d) => d.name);
  if (grid !== undefined) names.push(t('ui.case.grid', { grid }));
  if (household !== undefined) names.push(t('ui.case.household', { household }));
  return names.join(' / ');
}

/** Whole days from one moment to another (ISO dates or timestamps), by the calendar of UTC+8. */
export function daysBetween(from: string, to: string): number {
  return civilDay(to) - civilDay(from);
}

/** The day number (days since 1970-01-01) of a date or timestamp, read in China's time zone. */
export function civilDay(at: string): number {
  const ms = at.length === 10 ? Date.parse(`${at}T00:00:00+08:00`) : Date.parse(at);
  return Math.floor((ms + 8 * 3_600_000) / 86_400_000);
}

/**
 * The moment the widgets compare deadlines with: `as-of` as given (a date or a timestamp), else now.
 * @example
 * momentOf('2024-12-31'); // '2024-12-31T23:59:59+08:00'
 */
export function momentOf(asOf: string | null): string {
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) return `${asOf}T23:59:59+08:00`;
  if (asOf && !Number.isNaN(Date.parse(asOf))) return asOf;
  const now = new Date(Date.now() + 8 * 3_600_000).toISOString();
  return `${now.slice(0, 19)}+08:00`;
}

/** The core's labels of a case's words. */
export const caseWords = {
  status: (t: Translate, s: CaseStatus) => t(`dispute.status.${s}` as MessageKey),
  level: (t: Translate, l: CaseLevel) => t('ui.case.level', { level: t(`level.${l}` as MessageKey) }),
  severity: (t: Translate, s: string) => t(`dispute.severity.${s}` as MessageKey),
  /** A known category by its label; a place's own category as it is written. */
  category: (t: Translate, c: string) => (CASE_CATEGORIES.includes(c as KnownCategory) ? t(`dispute.category.${c}` as MessageKey) : c),
};
