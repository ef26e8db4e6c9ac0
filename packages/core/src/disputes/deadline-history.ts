/**
 * A case's deadlines over its whole life, not only those running now: each run of a rule's
 * clock (from the day the case entered the rule's states to the day it left them), its last
 * day, and whether it was kept. {@link dueOf} says what is due now; this says, as well, which
 * deadlines were missed on the way — an acceptance decided on the 20th day, a case handled
 * beyond its 60 — so that a timeline can show them and a review can ask why.
 */
import { isoDate } from '../time/days.js';
import { levelIndex, severityIndex, sourceIndex, statusIndex, type CaseState } from './lifecycle.js';
import { dayOfMoment } from './deadlines.js';
import { compilePolicy, type DisputePolicy, type DisputePolicyInput } from './policy.js';

/** One run of a deadline's clock on a case. */
export interface DeadlineRun {
  /** The rule's id (`acceptance`, `handling`, …). */
  id: string;
  /** The rule's source, when it names one. */
  label?: string;
  /** The day the clock started (ISO date). */
  since: string;
  /** The last day (ISO date), extensions included. */
  due: string;
  /** The day the run ended — the case left the rule's states — or absent while it runs. */
  ended?: string;
  /** Whether the run ended after its last day, or runs past it at the moment asked. */
  missed: boolean;
  /** Days past the last day (at the end of the run, or at the moment asked while it runs); 0 when kept. */
  daysLate: number;
}

/**
 * Every run of a deadline on a case as of a moment, in the order they started: finished runs
 * (kept or missed) and those still running (an archived case has none running).
 * @throws {SchemaError} when `at` is not a real date or time.
 * @example
 * deadlineHistory(state, '2024-12-31T18:00:00+08:00').filter((r) => r.ended && r.missed);
 * // [{ id: 'acceptance', since: '2024-03-02', due: '2024-03-18', ended: '2024-03-22', missed: true, daysLate: 4, … }]
 */
export function deadlineHistory(state: CaseState, at: string, policy?: DisputePolicyInput | DisputePolicy): DeadlineRun[] {
  const p = compilePolicy(policy);
  const today = dayOfMoment(at, 'at', 'deadline-query');
  const steps = state.steps;
  const severity = severityIndex(state.facts.severity);
  const runs: DeadlineRun[] = [];
  steps.forEach((start, k) => {
    for (const rule of p.rulesFor(statusIndex(start.status), severity, levelIndex(start.level), sourceIndex(state.facts.source))) {
      // A run starts where the step before was outside the rule's states.
      const previous = steps[k - 1];
      if (previous && rule.while.includes(previous.status)) continue;
      let next = k + 1;
      while (next < steps.length && rule.while.includes(steps[next]!.status)) next++;
      const ended = steps[next]?.day;
      if (ended === undefined && state.status === 'archived') continue;
      const due = p.dueDay(start.day, rule.days + (state.extensions?.[rule.id] ?? 0), rule.count);
      const late = Math.max(0, (ended ?? today) - due);
      runs.push({
        id: rule.id,
        ...(rule.source ? { label: rule.source } : {}),
        since: isoDate(start.day),
        due: isoDate(due),
        ...(ended !== undefined ? { ended: isoDate(ended) } : {}),
        missed: late > 0,
        daysLate: late,
      });
    }
  });
  return runs;
}
