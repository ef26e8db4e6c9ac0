/**
 * The ledger of one cadre (一人一工作台账): every visit in date order, with the year's totals,
 * as the cadre, the village and an inspector read it.
 */
import { isoDate, yearRange } from '../time/days.js';
import { SchemaError, showValue } from '../errors/schema.js';
import { ACTIVITIES, type Activity } from '../pairing/schema.js';
import type { Roster } from '../pairing/roster.js';

/** One line of a ledger. */
export interface LedgerLine {
  visit: string;
  date: string;
  village: string;
  villageName: string;
  minutes: number;
  households: number;
  activities: Activity[];
  /** What the cadre noted, when anything. */
  notes?: string;
  /** When the visit was entered in the ledger, where the record says (old data does not). */
  recordedAt?: string;
  /** Who entered it, where the record says. */
  recordedBy?: string;
}

/** A cadre's ledger for a year (or all years). */
export interface Ledger {
  cadreId: string;
  year: number | null;
  lines: LedgerLine[];
  totals: { visits: number; minutes: number; households: number; byActivity: Record<Activity, number> };
}

/**
 * The ledger of a cadre: their visits in date order with the totals, each line with when and by
 * whom it was entered where the record says (a line entered long after its date is a
 * `ledger.backfilled` finding of the check).
 * @example
 * const ledger = ledgerOf(roster, 'C000123', 2024);
 * ledger.totals.visits; // 5
 */
export function ledgerOf(roster: Roster, cadreId: string, year?: number): Ledger {
  if (year !== undefined && !Number.isInteger(year))
    throw new SchemaError([{ index: 0, kind: 'check-options', field: 'year', reason: 'value.type', value: showValue(year), details: { expected: 'type.int' } }]);
  const h = roster.hierarchy;
  const c = roster.cadreIndex(cadreId);
  const V = roster.visitColumns();
  const [y0, y1] = year === undefined ? [-Infinity, Infinity] : yearRange(year);
  const picked: number[] = [];
  if (c >= 0) for (let v = 0; v < V.cadre.length; v++) if (V.cadre[v] === c && V.day[v]! >= y0 && V.day[v]! <= y1) picked.push(v);
  picked.sort((a, b) => V.day[a]! - V.day[b]! || a - b);
  const byActivity = Object.fromEntries(ACTIVITIES.map((a) => [a, 0])) as Record<Activity, number>;
  const lines = picked.map((v) => {
    const activities = ACTIVITIES.filter((_, bit) => V.activities[v]! & (1 << bit));
    for (const a of activities) byActivity[a]++;
    const t = V.village[v]!;
    const line: LedgerLine = { visit: roster.visitId(v), date: isoDate(V.day[v]!), village: t >= 0 ? h.codeAt(t) : '', villageName: t >= 0 ? h.nameAt(t) : '', minutes: V.minutes[v]!, households: V.households[v]!, activities };
    const notes = roster.visitNotes(v);
    if (notes !== undefined) line.notes = notes;
    const { recordedAt, recordedBy } = roster.visitRecord(v);
    if (recordedAt !== undefined) line.recordedAt = recordedAt;
    if (recordedBy !== undefined) line.recordedBy = recordedBy;
    return line;
  });
  return {
    cadreId,
    year: year ?? null,
    lines,
    totals: { visits: lines.length, minutes: lines.reduce((a, l) => a + l.minutes, 0), households: lines.reduce((a, l) => a + l.households, 0), byActivity },
  };
}
