/**
 * Assessment facts from dispute cases (矛盾纠纷): how many cases each cadre handled, resolved,
 * resolved at village or township level (小事不出村、大事不出镇), and left overdue, per period.
 * A {@link FactProvider} for `computeFacts`, so a rubric can score everyday dispute work from the
 * record as it happens instead of from a year-end tally.
 *
 * The link from a case to a cadre: a case belongs to the cadre whose roster id equals the
 * `handler` of the case's latest `assigned` event (`payload.handler`, kept as the case state's
 * `assignee.handler`). A place that records its cadres differently (the id of the actor of role
 * `handler` who mediated, say) passes its own `cadreOf`.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { dueOf, replayRecord, type CaseEvent, type CaseState, type DisputePolicy, type DisputePolicyInput, type RefusedEntry } from '../disputes/index.js';
import { type ParseMode, type RecordIssue } from '../errors/schema.js';
import { isoDate } from '../time/days.js';
import { timestampMs } from '../time/schema.js';
import type { FactContext, FactProvider } from './facts.js';

/** The facts the dispute provider supplies, as a rubric declares them (`source: 'provider'`). */
export const DISPUTE_FACTS = [
  { name: 'disputes.handled', type: 'count', additive: false, description: 'Cases assigned to the cadre and open at some time in the period (assigned by its end, not concluded before its start).' },
  // Not additive: a month counts an agreement that the court refuses in a later month, the year does not.
  { name: 'disputes.resolved', type: 'count', additive: false, description: 'Cases of the cadre resolved by agreement in the period and still resolved at its end (an agreement the court refused by then does not count).' },
  { name: 'disputes.resolvedInVillage', type: 'count', additive: false, description: 'Of those, resolved while the village held the case (小事不出村).' },
  { name: 'disputes.resolvedInTownship', type: 'count', additive: false, description: 'Of those, resolved while the township held the case (大事不出镇).' },
  { name: 'disputes.overdue', type: 'count', additive: false, description: 'Open cases of the cadre (not concluded) with a deadline or task-force duty overdue at the end of the period; a concluded case is not counted, whatever its state still runs (the optional 30 days to apply for judicial confirmation).' },
] as const;

/** Options of {@link disputeFacts}. */
export interface DisputeFactOptions {
  /** The dispute policy (deadlines, escalation): the one the record was kept under. */
  policy?: DisputePolicyInput | DisputePolicy;
  /** The hierarchy, for the lifecycle's scope checks on replay. */
  hierarchy?: Hierarchy;
  /**
   * The cadre (or cadres) a case counts for. Default: the `handler` of the case's latest
   * `assigned` event, `state.assignee?.handler`.
   */
  cadreOf?: (state: CaseState) => string | readonly string[] | undefined;
  /**
   * `strict` (the default) refuses a record with an event its schema refuses (`RecordsError`)
   * or the lifecycle refuses (the `DisputeError`); `lenient` leaves those events out and lists
   * them in `issues` and `refused`.
   */
  mode?: ParseMode;
}

/** The provider {@link disputeFacts} makes, with what it left out in `lenient` mode. */
export interface DisputeFactProvider extends FactProvider {
  /** Events their schema refused: position, field and reason. */
  readonly issues: readonly RecordIssue[];
  /** Events the lifecycle refused on replay of the whole record: position and error. */
  readonly refused: readonly RefusedEntry[];
}

const DAY_MS = 86_400_000;
/** Dates are civil dates in China's time zone (UTC+8), as everywhere in gualian. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const NOTE_IDS = 10;

/**
 * A fact provider of dispute work per cadre, from the events of a dispute record: for each
 * period, the cases are replayed up to the period's last day and each counts for its cadre (see
 * the module comment for the link). Declare the facts it supplies in the rubric
 * (`{ name: 'disputes.resolvedInVillage', source: 'provider' }`, …; see {@link DISPUTE_FACTS});
 * each value's evidence lists the case ids.
 * @example
 * const rubric = parseRubric({ ...myRubric, facts: [...myRubric.facts, { name: 'disputes.resolvedInVillage', source: 'provider' }] });
 * const facts = computeFacts(roster, period('year', 2024), { rubric, providers: [disputeFacts(record.entries, { hierarchy })] });
 * facts.value('disputes.resolvedInVillage', facts.rowOf('C000123')); // 3
 * facts.evidence('disputes.resolvedInVillage', facts.rowOf('C000123')).note; // 'ZT-2024-000017, ZT-2024-000088, ZT-2024-000311'
 */
export function disputeFacts(events: Iterable<CaseEvent | unknown>, options: DisputeFactOptions = {}): DisputeFactProvider {
  const mode = options.mode ?? 'strict';
  const all = [...events] as CaseEvent[];
  const context = { ...(options.hierarchy ? { hierarchy: options.hierarchy } : {}), ...(options.policy ? { policy: options.policy } : {}) };
  // The whole record once (each event checked against its schema as applyEvent checks it), so
  // that a malformed or refused event is reported now, not in some period's counts.
  const whole = replayRecord(all, { ...context, mode });
  if (mode === 'strict' && whole.refused.length > 0) throw whole.refused[0]!.error;
  const dropped = new Set([...whole.refused.map((r) => r.position), ...whole.issues.map((i) => i.index)]);
  const kept = all.filter((_, i) => !dropped.has(i));
  const refused = whole.refused;
  const parsed = { issues: whole.issues };
  const at = kept.map((e) => timestampMs(e.at));
  const cadreOf = options.cadreOf ?? ((s: CaseState) => s.assignee?.handler);
  return {
    name: 'disputes',
    facts: DISPUTE_FACTS,
    issues: parsed.issues,
    refused,
    provide(ctx: FactContext): void {
      const [d0, d1] = ctx.range;
      const start = d0 * DAY_MS - CHINA_OFFSET_MS;
      const end = (d1 + 1) * DAY_MS - CHINA_OFFSET_MS;
      const { states } = replayRecord(
        kept.filter((_, i) => at[i]! < end),
        context,
      );
      const endStamp = `${isoDate(d1)}T23:59:59+08:00`;
      const cases = new Map<string, string[]>();
      const count = (fact: string, row: number, id: string) => {
        const key = `${fact}\u0000${row}`;
        const list = cases.get(key);
        if (list) list.push(id);
        else cases.set(key, [id]);
      };
      for (const state of states.values()) {
        const who = cadreOf(state);
        if (who === undefined) continue;
        const rows = (typeof who === 'string' ? [who] : who).map((id) => ctx.rowOf(id)).filter((r) => r >= 0);
        if (rows.length === 0) continue;
        const concluded = state.concludedAt === undefined ? Infinity : timestampMs(state.concludedAt);
        const handled = concluded >= start;
        const resolved = state.resolution !== undefined && state.resolution.day >= d0 && state.resolution.day <= d1;
        const overdue = concluded === Infinity && dueOf(state, endStamp, options.policy).some((d) => d.overdue);
        for (const row of new Set(rows)) {
          if (handled) count('disputes.handled', row, state.id);
          if (resolved) {
            count('disputes.resolved', row, state.id);
            if (state.resolution!.level === 'village') count('disputes.resolvedInVillage', row, state.id);
            if (state.resolution!.level === 'township') count('disputes.resolvedInTownship', row, state.id);
          }
          if (overdue) count('disputes.overdue', row, state.id);
        }
      }
      for (const [key, ids] of cases) {
        const [fact, row] = key.split('\u0000') as [string, string];
        ids.sort();
        const note = ids.length > NOTE_IDS ? `${ids.slice(0, NOTE_IDS).join(', ')} … (${ids.length})` : ids.join(', ');
        ctx.set(fact, Number(row), ids.length, note);
      }
    },
  };
}
