/**
 * Task forces (一事一专班) for major matters: a lead, members from several units, and duties
 * with deadlines, formed and progressed by events on the case's own record
 * (`taskforce-formed`, `duty-progress`), so that its progress is part of the history.
 */
import { dayNumber } from '../time/days.js';
import { civilDay, type CaseState, type DutyState } from './lifecycle.js';
import { dayOfMoment } from './deadlines.js';

/** Where a case's task force stands at a moment. */
export interface TaskForceProgress {
  /** The units taking part (the lead's first), each once. */
  units: string[];
  duties: number;
  done: number;
  /** Open duties past their due day, soonest due first. */
  overdue: DutyState[];
  /** Done duties reported after their due day. */
  doneLate: DutyState[];
  /** Share of duties done, 0–1. */
  share: number;
}

/**
 * The progress of a case's task force at a moment (a date, or a date and time with its
 * offset), or `null` if it has none.
 * @throws {SchemaError} when `at` is not a real date or time.
 * @example
 * const p = taskForceProgress(state, '2024-06-01T09:00:00+08:00');
 * p?.overdue.map((d) => `${d.title}（${d.assignee}，${d.due}）`);
 */
export function taskForceProgress(state: CaseState, at: string): TaskForceProgress | null {
  const tf = state.taskForce;
  if (!tf) return null;
  const today = dayOfMoment(at, 'at', 'deadline-query');
  const units: string[] = [];
  for (const u of [tf.lead.unit, ...tf.members.map((m) => m.unit)]) if (!units.includes(u)) units.push(u);
  const overdue = tf.duties.filter((d) => !d.done && today > dayNumber(d.due)).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const doneLate = tf.duties.filter((d) => d.done && d.doneAt !== undefined && civilDay(d.doneAt) > dayNumber(d.due));
  const done = tf.duties.filter((d) => d.done).length;
  return { units, duties: tf.duties.length, done, overdue, doneLate, share: tf.duties.length === 0 ? 0 : done / tf.duties.length };
}
