/**
 * Real disputes data for the statistics widgets' tests, once per test file: the Zhaotong
 * hierarchy of the 2023 NBS codes and a year of cases and 12345 work orders from the core's
 * seeded generator (seed 7, the docs' demo), replayed by the core.
 */
import type { Hierarchy } from '@gualian/core';
import { replayRecord, replayWorkOrders, type CaseState, type WorkOrderState } from '@gualian/core/disputes';
import { generateCases, type GeneratedCases } from '@gualian/core/demo';
import { edition } from '../../../../../tests/fixtures/data.js';

export interface DisputesFixture {
  h: Hierarchy;
  generated: GeneratedCases;
  /** The cases' states, replayed with the hierarchy (none refused). */
  states: CaseState[];
  /** The work orders' states (none refused). */
  orders: WorkOrderState[];
}

let fixture: Promise<DisputesFixture> | null = null;

/**
 * The fixture, computed once.
 * @example
 * const { generated, orders } = await zhaotongDisputes();
 */
export function zhaotongDisputes(): Promise<DisputesFixture> {
  fixture ??= (async () => {
    const h = (await edition('2023')).subtree('5306');
    const generated = generateCases(h, { scope: '5306', year: 2024, seed: 7 });
    const cases = replayRecord(generated.events, { hierarchy: h });
    const orders = replayWorkOrders(generated.workOrderEvents);
    if (cases.refused.length > 0 || orders.refused.length > 0) throw new Error('the demo data replays with refusals');
    return { h, generated, states: [...cases.states.values()], orders: [...orders.orders.values()] };
  })();
  return fixture;
}
