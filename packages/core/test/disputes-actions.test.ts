import { expect } from 'chai';
import { actionsFor, actsWithin, allowedEvents, applyEvent, DisputeError, replayRecord, type Actor, type CaseEvent, type CaseState } from '../src/disputes/index.js';
import { generateCases } from '../src/demo/index.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

/** One payload per event type that passes the schema, so that only scope and lifecycle decide. */
const PAYLOADS: Partial<Record<CaseEvent['type'], object>> = {
  accepted: {},
  declined: { reason: '不属于受理范围' },
  withdrawn: { reason: '当事人撤回' },
  'mediation-started': {},
  'mediation-failed': { reason: '分歧较大' },
  archived: {},
  referred: { to: 'litigation', body: '人民法院' },
  'confirmation-applied': { court: '人民法院' },
  'confirmation-granted': {},
  'confirmation-refused': { reason: '违反法律规定' },
  'followed-up': { outcome: 'satisfied' },
  assigned: { unit: '司法所', handler: 'H9' },
};

describe('disputes: the actions open to an actor (actionsFor, actsWithin) on the seeded Zhaotong cases', function () {
  this.timeout(120_000);
  let h: Hierarchy;
  let events: CaseEvent[];
  let states: Map<string, CaseState>;

  before(async () => {
    h = (await edition('2023')).subtree('5306');
    events = generateCases(h, { scope: '5306', year: 2024, seed: 7 }).events;
    states = replayRecord(events, { hierarchy: h }).states;
  });

  it('reads scope from the codes: a division contains its villages, grids and household units, not its neighbours’', () => {
    const a = (division: string): Actor => ({ id: 'A', role: 'handler', unit: '司法所', division });
    expect(actsWithin(a('530602'), '530602101001-003-07')).to.equal(true);
    expect(actsWithin(a('530602101001-003'), '530602101001-003-07')).to.equal(true);
    expect(actsWithin(a('530602101001-003'), '530602101001-003')).to.equal(true);
    expect(actsWithin(a('530602101001-003'), '530602101001-0031')).to.equal(false);
    expect(actsWithin(a('530602101001-003'), '530602101001-004-01')).to.equal(false);
    expect(actsWithin(a('530621'), '530602101001')).to.equal(false);
  });

  it('offers the role’s allowed events inside the actor’s division and none outside, as applyEvent decides', () => {
    const counties = h.descendantsOf('5306', 'county').map((c) => c.code);
    let checked = 0;
    let refused = 0;
    for (const state of [...states.values()].filter((s) => s.status !== 'archived').slice(0, 300)) {
      const own = events.find((e) => e.caseId === state.id && e.type !== 'registered' && e.actor.role === 'handler') ?? events.find((e) => e.caseId === state.id)!;
      // An actor of the level that holds the case now (after an escalation, no longer the first handler's).
      const inside: Actor = { ...own.actor, division: state.facts.place.slice(0, { village: 12, township: 9, county: 6, prefecture: 4 }[state.level]) };
      const outside: Actor = { ...inside, id: 'X', division: counties.find((c) => !state.facts.place.startsWith(c))! };
      expect(actionsFor(state, inside)).to.deep.equal(allowedEvents(state, { role: inside.role }));
      expect(actionsFor(state, outside)).to.deep.equal([]);
      // Every event the role may record is refused for the outsider, for being out of scope.
      for (const type of allowedEvents(state, { role: outside.role })) {
        const payload = PAYLOADS[type];
        if (!payload) continue;
        const at = new Date(Date.parse(state.lastAt) + 3_600_000).toISOString();
        const e = { id: `T-${checked}`, caseId: state.id, type, at, actor: outside, payload } as CaseEvent;
        expect(() => applyEvent(state, e, { hierarchy: h })).to.throw(DisputeError).with.property('code', 'dispute.out-of-scope');
        expect(() => applyEvent(state, { ...e, actor: inside }, { hierarchy: h })).to.not.throw();
        refused++;
      }
      checked++;
    }
    expect(checked).to.equal(300);
    expect(refused).to.be.greaterThan(100);
  });
});
