/**
 * Real dispute data for the case widgets' tests, once per test file: the Zhaotong hierarchy of
 * the 2023 NBS codes and a year of cases from the core's seeded generator (2024, seed 7), replayed
 * by the core; a case with a task force and an escalation to follow through its life; and a
 * one-event case at any place (for the hostile names).
 */
import type { Hierarchy } from '@gualian/core';
import { replayRecord, type CaseEvent, type CaseState } from '@gualian/core/disputes';
import { generateCases } from '@gualian/core/demo';
import { edition } from '../../../../../tests/fixtures/data.js';

/** The moment the tests measure deadlines at: the end of the generated year. */
export const AS_OF = '2024-12-31';

export interface CasesFixture {
  h: Hierarchy;
  /** Every case event of the year, in order. */
  events: CaseEvent[];
  /** The core's replay of them. */
  states: Map<string, CaseState>;
  /** Events by case. */
  byCase: Map<string, CaseEvent[]>;
  /** A case with a task force and an escalation, in order. */
  escalated: CaseEvent[];
}

let fixture: Promise<CasesFixture> | null = null;

/**
 * The fixture, computed once.
 * @example
 * const { events, states } = await zhaotongCases();
 */
export function zhaotongCases(): Promise<CasesFixture> {
  fixture ??= (async () => {
    const h = (await edition('2023')).subtree('5306');
    const { events } = generateCases(h, { scope: '5306', year: 2024, seed: 7 });
    const { states } = replayRecord(events, { hierarchy: h });
    const byCase = new Map<string, CaseEvent[]>();
    for (const e of events) {
      let list = byCase.get(e.caseId);
      if (!list) byCase.set(e.caseId, (list = []));
      list.push(e);
    }
    let escalated: CaseEvent[] = [];
    for (const list of byCase.values()) {
      if (list.some((e) => e.type === 'taskforce-formed') && list.some((e) => e.type === 'escalated') && list.some((e) => e.type === 'agreement-reached')) {
        escalated = list;
        break;
      }
    }
    return { h, events, states, byCase, escalated };
  })();
  return fixture;
}

/** A case's events up to (not including) its first event of `type`. */
export function before(events: readonly CaseEvent[], type: CaseEvent['type']): CaseEvent[] {
  const i = events.findIndex((e) => e.type === type);
  if (i < 0) throw new Error(`the case has no ${type} event`);
  return events.slice(0, i);
}

/** The first event of `type` in a case's events. */
export function eventOf(events: readonly CaseEvent[], type: CaseEvent['type']): CaseEvent {
  const e = events.find((x) => x.type === type);
  if (!e) throw new Error(`the case has no ${type} event`);
  return e;
}

/** A clock an hour after a case's last event. */
export function clockAfter(events: readonly CaseEvent[]): () => Date {
  const last = Date.parse(events[events.length - 1]!.at);
  return () => new Date(last + 3_600_000);
}

/**
 * The registration of a case at a place (a village code), by a registrar of that village: a
 * one-event record, for a hierarchy the generator does not know (the hostile names).
 * @example
 * board.events = caseAt('530627102201');
 */
export function caseAt(place: string, id = 'HOSTILE-1'): CaseEvent[] {
  return [
    {
      id: `${id}-1`,
      caseId: id,
      type: 'registered',
      at: '2024-12-20T09:00:00+08:00',
      actor: { id: 'R-1', role: 'registrar', unit: '村人民调解委员会', division: place },
      payload: {
        source: 'gridder',
        category: 'neighbours',
        parties: [
          { id: 'p1', kind: 'person', name: '王建国', side: 'applicant' },
          { id: 'p2', kind: 'person', name: '李四', side: 'respondent' },
        ],
        place,
        severity: 'general',
        riskFlags: [],
        level: 'village',
        summary: '宅基地边界纠纷',
      },
    },
  ];
}
