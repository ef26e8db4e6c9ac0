import { expect } from 'chai';
import fc from 'fast-check';
import {
  DisputeError,
  applyWorkOrderEvent,
  mergeSummaries,
  replayRecord,
  replayWorkOrders,
  summariseCases,
  workOrderEventSchema,
  type CaseState,
  type CaseSummary,
  type WorkOrderEvent,
} from '../src/disputes/index.js';
import { generateCases } from '../src/demo/index.js';
import { GualianError } from '../src/errors/index.js';
import { RecordsError } from '../src/errors/schema.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

/** A summary's figures: everything but the list of the parts it covers. */
const figures = ({ scopes: _scopes, ...rest }: CaseSummary) => rest;

describe('disputes: properties (fast-check, seeded)', function () {
  this.timeout(180_000);
  let h: Hierarchy;
  let states: CaseState[];
  let orderEvents: WorkOrderEvent[];
  before(async () => {
    h = (await edition('2023')).subtree('5306');
    const demo = generateCases(h, { scope: '5306', year: 2024, seed: 11, casesPerVillage: 2 });
    states = [...replayRecord(demo.events, { hierarchy: h }).states.values()];
    orderEvents = demo.workOrderEvents;
  });

  it('merge law: summaries of the parts, in any order and grouping, merge to the summary of the whole', () => {
    const asOf = '2024-12-31';
    const townships = h.descendantsOf('5306', 'township').map((t) => t.code);
    const parts = new Map(townships.map((t) => [t, summariseCases(states, { asOf, scope: t })]));
    const whole = figures(summariseCases(states, { asOf }));
    expect(whole.cases).to.equal(states.length);
    // A random partition of a random subset of townships into groups, merged group by group then
    // all together, in random order: the figures are those of the subset's cases summarised at once.
    const arbitrary = fc.record({
      picked: fc.subarray(townships, { minLength: 1 }),
      cuts: fc.array(fc.nat(), { maxLength: 8 }),
      order: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
    });
    let runs = 0;
    fc.assert(
      fc.property(arbitrary, ({ picked, cuts, order }) => {
        runs++;
        const shuffled = [...picked].sort((a, b) => ((order[a.length % order.length]! * 31 + Number(a.slice(-3))) % 97) - ((order[b.length % order.length]! * 31 + Number(b.slice(-3))) % 97) || (a < b ? -1 : 1));
        const bounds = [...new Set(cuts.map((c) => c % shuffled.length))].sort((a, b) => a - b);
        const groups: string[][] = [];
        let from = 0;
        for (const b of [...bounds, shuffled.length]) {
          if (b > from) groups.push(shuffled.slice(from, b));
          from = Math.max(from, b);
        }
        const merged = mergeSummaries(groups.map((g) => mergeSummaries(g.map((t) => parts.get(t)!))).reverse());
        const subset = states.filter((c) => picked.some((t) => c.facts.place.startsWith(t)));
        const direct = picked.length === townships.length ? whole : figures(mergeSummaries([summariseCases(subset, { asOf })]));
        expect(figures(merged)).to.deep.equal(direct);
        expect(merged.scopes).to.deep.equal([...picked].sort());
        // The same parts in one flat merge give the same summary, coverage included.
        expect(mergeSummaries(picked.map((t) => parts.get(t)!))).to.deep.equal(merged);
      }),
      { seed: 20241231, numRuns: 200 },
    );
    expect(runs).to.equal(200);
    // All of them: exactly the whole.
    expect(figures(mergeSummaries([...parts.values()]))).to.deep.equal(whole);
  });

  it('merge refuses overlap: a part merged with a scope that contains it, or with itself, is a typed error', () => {
    const asOf = '2024-12-31';
    const townships = h.descendantsOf('5306', 'township').map((t) => t.code);
    fc.assert(
      fc.property(fc.constantFrom(...townships), fc.boolean(), (township, withCounty) => {
        const part = summariseCases(states, { asOf, scope: township });
        fc.pre(part.cases > 0);
        const other = withCounty ? summariseCases(states, { asOf, scope: township.slice(0, 6) }) : part;
        try {
          mergeSummaries(part, other);
        } catch (e) {
          return e instanceof DisputeError && e.code === 'dispute.summary-overlap';
        }
        return false;
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('replayWorkOrders, lenient: every input is applied, refused or reported, never lost and never a raw error; strict agrees', () => {
    const valid = orderEvents.slice(0, 4000);
    // Damage to an event: a wrong value in one field, a field dropped, a key added, or not an event at all.
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('at' as const), value: fc.oneof(fc.string(), fc.constantFrom('2024-02-30T09:00:00+08:00', '2024-03-01 09:00', '2024-03-01T24:00:00+08:00', '')) }),
      fc.record({ kind: fc.constant('type' as const), value: fc.oneof(fc.string(), fc.constantFrom('closed', 'Signed', 'rated ')) }),
      fc.record({ kind: fc.constant('drop' as const), value: fc.constantFrom('id', 'orderId', 'type', 'at', 'actor', 'payload') }),
      fc.record({ kind: fc.constant('extra' as const), value: fc.string({ minLength: 1, maxLength: 8 }) }),
      fc.record({ kind: fc.constant('payload' as const), value: fc.anything() }),
      fc.record({ kind: fc.constant('garbage' as const), value: fc.anything() }),
    );
    const input = fc.record({
      start: fc.nat({ max: valid.length - 60 }),
      length: fc.integer({ min: 1, max: 50 }),
      damages: fc.array(fc.tuple(fc.nat(), damage), { maxLength: 10 }),
      swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    });
    let total = 0;
    let reported = 0;
    let refusedTotal = 0;
    fc.assert(
      fc.property(input, ({ start, length, damages, swaps }) => {
        const events: unknown[] = valid.slice(start, start + length).map((e) => structuredClone(e));
        for (const [i, j] of swaps) [events[i % length], events[j % length]] = [events[j % length], events[i % length]];
        for (const [at, d] of damages) {
          const k = at % length;
          const e = events[k] as Record<string, unknown>;
          if (d.kind === 'garbage') events[k] = d.value;
          else if (typeof e !== 'object' || e === null) continue;
          else if (d.kind === 'drop') delete e[d.value];
          else if (d.kind === 'extra') e[`x-${d.value}`] = 1;
          else e[d.kind] = d.value;
        }
        total += events.length;
        let lenient: ReturnType<typeof replayWorkOrders>;
        try {
          lenient = replayWorkOrders(events as WorkOrderEvent[], { mode: 'lenient' });
        } catch (e) {
          throw new Error(`lenient replay threw ${String(e)}`);
        }
        const { orders, refused, issues } = lenient;
        const bad = new Set(issues.map((i) => i.index));
        const refusedAt = new Set(refused.map((r) => r.position));
        const applied = [...orders.values()].reduce((t, o) => t + o.events, 0);
        reported += bad.size;
        refusedTotal += refused.length;
        // Exact accounting, and the reported positions are exactly the events the schema refuses.
        expect(applied + refused.length + bad.size).to.equal(events.length);
        expect([...refusedAt].some((p) => bad.has(p))).to.equal(false);
        events.forEach((e, i) => expect(workOrderEventSchema.safeParse(e).success, `position ${i}`).to.equal(!bad.has(i)));
        for (const r of refused) expect(r.error).to.be.instanceOf(DisputeError);
        // applyWorkOrderEvent refuses a malformed event the same way, with the same field first.
        for (const i of bad) {
          try {
            applyWorkOrderEvent(undefined, events[i] as WorkOrderEvent);
            expect.fail(`position ${i} was accepted`);
          } catch (e) {
            expect(e).to.be.instanceOf(DisputeError);
            expect((e as DisputeError).code).to.equal('workorder.invalid-event');
            expect((e as DisputeError).issues[0]!.field).to.equal(issues.find((x) => x.index === i)!.field);
          }
        }
        // Strict: refuses the whole input exactly when something is malformed, else the same replay.
        try {
          const strict = replayWorkOrders(events as WorkOrderEvent[]);
          expect(bad.size).to.equal(0);
          expect(strict.refused.map((r) => r.position)).to.deep.equal(refused.map((r) => r.position));
          expect(strict.orders).to.deep.equal(orders);
        } catch (e) {
          if (!(e instanceof GualianError)) throw e;
          expect(e).to.be.instanceOf(RecordsError);
          expect(bad.size).to.be.greaterThan(0);
          expect((e as RecordsError).issues).to.deep.equal(issues);
        }
      }),
      { seed: 12345, numRuns: 500 },
    );
    // The generator reached every outcome, over at least 10,000 events.
    expect(total).to.be.greaterThan(10_000);
    expect(reported).to.be.greaterThan(500);
    expect(refusedTotal).to.be.greaterThan(100);
  });
});
