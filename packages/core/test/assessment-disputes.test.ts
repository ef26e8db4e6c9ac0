/**
 * Issue 11: dispute cases as assessment facts. A hand-built record checks each fact exactly
 * (the link from case to cadre, village and township resolution, overdue, periods); the demo
 * record of 昭阳区 on the real 2023 hierarchy checks that months add up to the year and that the
 * bulk replay agrees with replaying each case alone.
 */
import { expect } from 'chai';
import { Roster } from '../src/pairing/index.js';
import { DisputeError, replayCase, type Actor, type CaseEvent, type CaseEventType } from '../src/disputes/index.js';
import { AssessmentError, computeFacts, disputeFacts, DISPUTE_FACTS, EXAMPLE_CADRE_RUBRIC, period, periodsWithin, scoreAll, type RubricInput } from '../src/assessment/index.js';
import { RecordsError } from '../src/errors/schema.js';
import { generateCases, generateRoster } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

const VILLAGE = '530602101001';
const TOWNSHIP = '530602101';
const actor = (role: Actor['role'], division: string, id = `${role}@${division}`): Actor => ({ id, role, unit: role === 'handler' ? '司法所' : '综治中心', division });
const parties = [
  { id: 'p1', kind: 'person' as const, name: '王建国', side: 'applicant' as const },
  { id: 'p2', kind: 'person' as const, name: '李秀英', side: 'respondent' as const },
];

describe('assessment: dispute cases as facts per cadre (issue 11)', function () {
  this.timeout(180_000);
  let n = 0;
  const ev = (caseId: string, type: CaseEventType, at: string, who: Actor, payload: object): CaseEvent => ({ id: `E${++n}`, caseId, type, at, actor: who, payload }) as CaseEvent;
  const opened = (caseId: string, day: string, handler: string): CaseEvent[] => [
    ev(caseId, 'registered', `${day}T09:00:00+08:00`, actor('registrar', VILLAGE), { source: 'gridder', category: 'neighbours', parties, place: VILLAGE, severity: 'general', riskFlags: [], level: 'village', summary: '宅基地边界纠纷' }),
    ev(caseId, 'accepted', `${day}T10:00:00+08:00`, actor('registrar', VILLAGE), {}),
    ev(caseId, 'assigned', `${day}T11:00:00+08:00`, actor('reviewer', VILLAGE), { unit: '村人民调解委员会', handler }),
  ];
  const agreed = (caseId: string, at: string, division: string, handler: string): CaseEvent[] => [
    ev(caseId, 'mediation-started', at.replace(/T\d\d/, 'T08'), actor('handler', division, handler), {}),
    ev(caseId, 'agreement-reached', at, actor('handler', division, handler), { terms: '界桩重新确认', consents: [{ party: 'p1', form: 'signature' }, { party: 'p2', form: 'thumbprint' }] }),
  ];

  let roster: Roster;
  let A: string, B: string;
  before(async () => {
    const h = (await edition('2023')).subtree('5306');
    roster = Roster.from(h, generateRoster(h, { scope: '530602', year: 2024, seed: 3 }));
    [A, B] = [roster.cadreId(0), roster.cadreId(1)];
  });

  const record = () => [
    // 1: resolved in the village in March, by A.
    ...opened('K1', '2024-03-01', A),
    ...agreed('K1', '2024-03-10T15:00:00+08:00', VILLAGE, A),
    // 2: A's, escalated to the township, resolved there in June.
    ...opened('K2', '2024-05-01', A),
    ev('K2', 'escalated', '2024-05-03T09:00:00+08:00', actor('reviewer', VILLAGE), { to: 'township', reason: '涉及两村，村级无法调处' }),
    ev('K2', 'assigned', '2024-05-04T09:00:00+08:00', actor('reviewer', TOWNSHIP), { unit: '乡镇司法所', handler: A }),
    ...agreed('K2', '2024-06-01T15:00:00+08:00', TOWNSHIP, A),
    // 3: B's, assigned in January and left open: overdue by the end of the year (60 days to handle).
    ...opened('K3', '2024-01-10', B),
    // 4: B's, concluded in 2023: handled in 2023, not in 2024.
    ...opened('K4', '2023-05-01', B),
    ...agreed('K4', '2023-06-01T15:00:00+08:00', VILLAGE, B),
    // 5: assigned to A, then to B: B's (the latest assignment holds), resolved in the village in December.
    ...opened('K5', '2024-11-01', A),
    ev('K5', 'assigned', '2024-11-02T09:00:00+08:00', actor('reviewer', VILLAGE), { unit: '村人民调解委员会', handler: B }),
    ...agreed('K5', '2024-12-31T23:30:00+08:00', VILLAGE, B),
    // 6: someone not on the roster: counted for nobody.
    ...opened('K6', '2024-04-01', 'H-elsewhere'),
  ];
  const rubric: RubricInput = {
    id: 'disputes-2024',
    name: '矛盾纠纷化解考核',
    facts: DISPUTE_FACTS.map((f) => ({ name: f.name, source: 'provider' as const })),
    sections: [
      {
        id: 'disputes',
        label: '矛盾纠纷化解',
        items: [
          { id: 'village', label: '小事不出村', kind: 'bonus', fact: 'disputes.resolvedInVillage', points: 2, cap: 10 },
          { id: 'township', label: '大事不出镇', kind: 'bonus', fact: 'disputes.resolvedInTownship', points: 1, cap: 5 },
          { id: 'overdue', label: '超期未办结', kind: 'deduction', fact: 'disputes.overdue', points: 3, cap: 15 },
          { id: 'handled', label: '承办件数', kind: 'base', fact: 'disputes.handled', points: 0, cap: 0 },
          { id: 'resolved', label: '化解件数', kind: 'base', fact: 'disputes.resolved', points: 0, cap: 0 },
        ],
      },
    ],
  };

  it('counts each case for the cadre named by its latest assignment: handled, resolved in village or township, overdue', () => {
    const facts = computeFacts(roster, period('year', 2024), { rubric, providers: [disputeFacts(record())], all: true });
    const row = (id: string) => facts.rowOf(id);
    const of = (id: string) => DISPUTE_FACTS.map((f) => facts.value(f.name, row(id)));
    // handled, resolved, resolvedInVillage, resolvedInTownship, overdue
    expect(of(A)).to.deep.equal([2, 2, 1, 1, 0]);
    expect(of(B)).to.deep.equal([2, 1, 1, 0, 1]);
    expect(facts.evidence('disputes.resolved', row(A))).to.deep.equal({ source: 'disputes', note: 'K1, K2' });
    expect(facts.evidence('disputes.overdue', row(B)).note).to.equal('K3');
    // 2023: K4 was B's and resolved in the village; the others did not exist yet.
    const y2023 = computeFacts(roster, period('year', 2023), { rubric, providers: [disputeFacts(record())], all: true });
    expect(DISPUTE_FACTS.map((f) => y2023.value(f.name, y2023.rowOf(B)))).to.deep.equal([1, 1, 1, 0, 0]);
    expect(DISPUTE_FACTS.map((f) => y2023.value(f.name, y2023.rowOf(A)))).to.deep.equal([0, 0, 0, 0, 0]);
    // March: only K1 resolved; K3 open and already overdue (accepted 10 January, 60 days).
    const march = computeFacts(roster, period('month', 2024, 3), { rubric, providers: [disputeFacts(record())], all: true });
    expect(DISPUTE_FACTS.map((f) => march.value(f.name, march.rowOf(A)))).to.deep.equal([1, 1, 1, 0, 0]);
    expect(DISPUTE_FACTS.map((f) => march.value(f.name, march.rowOf(B)))).to.deep.equal([1, 0, 0, 0, 1]);
    // Scored: A gets 2 + 1 bonus points, B 2 − 3.
    const scores = scoreAll(rubric, facts);
    const bonus = (id: string) => scores.sheet(row(id)).sections[0]!.subtotal;
    expect([bonus(A), bonus(B)]).to.deep.equal([3, -1]);
  });

  it('takes another link from case to cadre when a place records its cadres differently', () => {
    // The handler actor who reached the agreement, instead of the assignee.
    const byMediator = disputeFacts(record(), { cadreOf: (s) => (s.resolution ? [s.assignee!.handler, B] : s.assignee?.handler) });
    const facts = computeFacts(roster, period('year', 2024), { rubric, providers: [byMediator], all: true });
    expect(facts.value('disputes.resolved', facts.rowOf(B))).to.equal(3); // K1, K2 and K5, each once
  });

  it('refuses a record with events its schema or the lifecycle refuses (strict), or reports them (lenient)', () => {
    const bad = [...record(), { ...record()[1]!, id: 'X1', at: '2024-02-30T09:00:00+08:00' }, ev('K9', 'accepted', '2024-03-01T09:00:00+08:00', actor('registrar', VILLAGE), {})];
    expect(() => disputeFacts(bad)).to.throw(RecordsError);
    expect(() => disputeFacts(bad.slice(0, -2).concat(bad.slice(-1)))).to.throw(DisputeError); // an event of an unknown case
    const lenient = disputeFacts(bad, { mode: 'lenient' });
    expect(lenient.issues.map((i) => [i.index, i.field])).to.deep.equal([[bad.length - 2, 'at']]);
    expect(lenient.refused.map((r) => [r.position, r.id])).to.deep.equal([[bad.length - 1, `E${n}`]]);
    const facts = computeFacts(roster, period('year', 2024), { rubric, providers: [lenient], all: true });
    expect(facts.value('disputes.resolved', facts.rowOf(A))).to.equal(2);
    // A rubric asking for the facts without the provider is refused, as before.
    expect(() => computeFacts(roster, period('year', 2024), { rubric })).to.throw(AssessmentError).with.property('code', 'facts.no-provider');
    // The example rubric, without dispute facts, is unaffected by the provider.
    expect(computeFacts(roster, period('year', 2024), { rubric: EXAMPLE_CADRE_RUBRIC, providers: [disputeFacts(record())] }).size).to.be.greaterThan(0);
  });

  it('on the demo record of 昭阳区: months add up to the year, and the bulk replay agrees with each case replayed alone', async () => {
    const h = roster.hierarchy;
    const generated = generateCases(h, { scope: '530602', year: 2024, seed: 9, casesPerVillage: 2 });
    // Link the demo's handlers to cadres paired with the case's village (the documented link: payload.handler of `assigned`).
    const P = roster.pairingColumns();
    const byVillage = new Map<string, string[]>();
    for (let p = 0; p < P.cadre.length; p++) if (P.target[p]! >= 0) byVillage.set(h.codeAt(P.target[p]!), [...(byVillage.get(h.codeAt(P.target[p]!)) ?? []), roster.cadreId(P.cadre[p]!)]);
    const cadreOfHandler = new Map<string, string>();
    const place = new Map<string, string>();
    const events = generated.events.map((e) => {
      if (e.type === 'registered') place.set(e.caseId, e.payload.place.slice(0, 12));
      if (e.type !== 'assigned') return e;
      const pool = byVillage.get(place.get(e.caseId)!) ?? [];
      if (pool.length === 0) return e;
      const cadre = pool[e.caseId.length % pool.length]!;
      cadreOfHandler.set(e.payload.handler, cadre);
      return { ...e, payload: { ...e.payload, handler: cadre } } as CaseEvent;
    });
    const provider = disputeFacts(events, { hierarchy: h });
    const year = computeFacts(roster, period('year', 2024), { rubric, providers: [provider], all: true });
    const months = periodsWithin(period('year', 2024), 'month').map((m) => computeFacts(roster, m, { rubric, providers: [provider], all: true }));
    let resolved = 0;
    const refusedLater = events.some((e) => e.type === 'confirmation-refused');
    for (let r = 0; r < year.size; r++) {
      for (const f of ['disputes.resolved', 'disputes.resolvedInVillage', 'disputes.resolvedInTownship']) {
        // Each case resolved in the year is resolved at the end of its month; a month may also count an agreement refused later.
        const sum = months.reduce((s, m) => s + m.value(f, m.rowOf(year.subjectId(r))), 0);
        expect(sum, `${f} of ${year.subjectId(r)}`).to.be.at.least(year.value(f, r));
        if (!refusedLater) expect(sum).to.equal(year.value(f, r));
      }
      for (const m of months) expect(m.value('disputes.handled', m.rowOf(year.subjectId(r)))).to.be.at.most(year.value('disputes.handled', r));
      resolved += year.value('disputes.resolved', r);
      expect(year.value('disputes.resolvedInVillage', r) + year.value('disputes.resolvedInTownship', r)).to.be.at.most(year.value('disputes.resolved', r));
    }
    // Each case replayed alone: the cases resolved in 2024 whose assignee is on the roster.
    const byCase = new Map<string, CaseEvent[]>();
    for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
    let expected = 0;
    for (const list of byCase.values()) {
      const s = replayCase(list, { hierarchy: h });
      if (s.resolution && s.resolution.day >= 19723 && s.resolution.day <= 20088 && s.assignee && roster.cadreIndex(s.assignee.handler) >= 0) expected++;
    }
    expect(resolved).to.equal(expected);
    expect(expected).to.be.greaterThan(20);
  });
});
