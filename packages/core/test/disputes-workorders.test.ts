import { expect } from 'chai';
import {
  DisputeError,
  allowedWorkOrderEvents,
  applyEvent,
  applyWorkOrderEvent,
  calledBackOnTime,
  completedOnTime,
  describeDisputeError,
  dueOfWorkOrder,
  openCaseFromWorkOrder,
  parseWorkOrderPolicy,
  redBlackList,
  replayWorkOrders,
  signedOnTime,
  workOrderMeasures,
  type WorkOrderEvent,
  type WorkOrderMeasure,
  type WorkOrderState,
} from '../src/disputes/index.js';
import { generateCases } from '../src/demo/index.js';
import { RecordsError, SchemaError, describeRecordIssue } from '../src/errors/schema.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

const A = '昭阳区住建局';
const B = '昭阳区人社局';
const C = '旧圃镇人民政府';
const operator = { id: 'OP1', unit: '12345热线' };

let n = 0;
/** The events of one order: [type, day and time in March 2024 (or 'MM-DD HH:MM'), payload]. */
function order(id: string, orderType: string, steps: [WorkOrderEvent['type'], string, object?][]): WorkOrderEvent[] {
  // The unit the order is with: it alone signs for, returns, handles and completes it.
  let unit = 'unit';
  return steps.map(([type, when, payload]) => {
    const at = `2024-${when.length <= 8 ? `03-${when.slice(0, 2)}T${when.slice(3)}` : when.replace(' ', 'T')}:00+08:00`;
    if (type === 'dispatched') unit = (payload as { unit: string }).unit;
    const p = payload ?? (type === 'received' ? { orderType, summary: '小区积水无人处理' } : type === 'returned' ? { reason: '不属于本单位职责' } : type === 'handled' ? { note: '已处理' } : {});
    return { id: `${id}-${++n}`, orderId: id, type, at, actor: type === 'signed' || type === 'handled' || type === 'completed' || type === 'returned' ? { id: 'staff', unit } : operator, payload: p } as WorkOrderEvent;
  });
}

// A hand-computed month: 1 March 2024 is a Friday; no holidays; complaints 5 working days,
// consultations 1, requests 5 (the example limits).
const MARCH = [
  ...order('W1', 'complaint', [['received', '01 09:00'], ['dispatched', '01 09:10', { unit: A }], ['signed', '01 10:00'], ['handled', '06 16:00'], ['completed', '07 10:00'], ['called-back', '08 09:00', { reached: true }], ['rated', '08 09:05', { satisfied: true }]]), // due 8 Mar: on time
  ...order('W2', 'complaint', [['received', '04 09:00'], ['dispatched', '04 09:30', { unit: A }], ['signed', '04 10:00'], ['handled', '12 09:00'], ['completed', '12 10:00'], ['called-back', '13 09:00', { reached: true }], ['rated', '13 09:05', { satisfied: false }]]), // due 11 Mar: late
  ...order('W3', 'consultation', [['received', '01 10:50'], ['dispatched', '01 11:00', { unit: B }], ['returned', '01 15:00'], ['dispatched', '01 16:00', { unit: C }], ['signed', '01 16:30'], ['handled', '04 09:00'], ['completed', '04 10:00'], ['called-back', '05 09:00', { reached: false }], ['called-back', '06 09:00', { reached: true }], ['rated', '06 09:05', { satisfied: true }]]), // C, due 4 Mar: on time
  ...order('W4', 'request', [['received', '25 09:00'], ['dispatched', '25 10:00', { unit: C }], ['signed', '25 11:00'], ['handled', '04-01 09:00'], ['completed', '04-01 10:00'], ['called-back', '04-02 09:00', { reached: true }], ['rated', '04-02 09:05', { satisfied: true }]]), // due 1 Apr: on time, in April
  ...order('W5', 'complaint', [['received', '05 09:00'], ['dispatched', '05 09:30', { unit: B }], ['signed', '05 10:00'], ['handled', '08 09:00'], ['completed', '08 10:00'], ['called-back', '09 09:00', { reached: true }], ['rated', '09 09:05', { satisfied: true }]]),
  ...order('W6', 'complaint', [['received', '20 09:00'], ['dispatched', '20 09:30', { unit: A }], ['signed', '20 10:00'], ['handled', '22 09:00'], ['completed', '22 10:00'], ['called-back', '25 09:00', { reached: true }], ['rated', '25 09:05', { satisfied: true }]]),
  ...order('W7', 'complaint', [['received', '28 09:00'], ['dispatched', '28 09:30', { unit: B }]]), // still open
].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));

describe('disputes: 12345 hotline work orders', function () {
  this.timeout(120_000);

  it('follows an order through return and re-dispatch to completion, call-back and rating', () => {
    const events = MARCH.filter((e) => e.orderId === 'W3');
    let o: WorkOrderState | undefined;
    const allowed: string[][] = [];
    for (const e of events) {
      allowed.push(allowedWorkOrderEvents(o));
      o = applyWorkOrderEvent(o, e);
    }
    expect(allowed.slice(0, 4)).to.deep.equal([['received'], ['dispatched', 'linked'], ['signed', 'returned', 'linked'], ['dispatched', 'linked']]);
    expect(o!.status).to.equal('rated');
    expect(o!.unit).to.equal(C);
    expect(o!.dispatches.map((d) => [d.unit, d.returnedAt !== undefined])).to.deep.equal([
      [B, true],
      [C, false],
    ]);
    expect(o!).to.include({ callBacks: 2, reached: true, rating: 'satisfied' });
    expect(completedOnTime(o!)).to.equal(true);
    expect(replayWorkOrders(events).orders.get('W3')).to.deep.equal(o);
  });

  it('refuses illegal steps with typed errors and leaves the order as it was', () => {
    const [received, dispatched] = MARCH.filter((e) => e.orderId === 'W1');
    const o = applyWorkOrderEvent(applyWorkOrderEvent(undefined, received!), dispatched!);
    const snapshot = structuredClone(o);
    const fail = (e: WorkOrderEvent, state: WorkOrderState | undefined = o) => {
      try {
        applyWorkOrderEvent(state, e);
      } catch (err) {
        if (err instanceof DisputeError) return err;
        throw err;
      }
      throw new Error('not refused');
    };
    const early = fail({ ...dispatched!, id: 'x1', type: 'completed', at: '2024-03-01T12:00:00+08:00', payload: {} } as WorkOrderEvent);
    expect(early.code).to.equal('workorder.illegal-event');
    expect(early.details).to.include({ state: 'dispatched', event: 'completed' });
    expect(describeDisputeError(early, 'zh-Hans')).to.equal('工单 W1：“已派单”状态下不能“办结”');
    expect(fail({ ...dispatched!, id: 'x2', type: 'signed', at: '2024-03-01T08:00:00+08:00', payload: {} } as WorkOrderEvent).code).to.equal('workorder.time-order');
    expect(fail({ ...dispatched!, id: 'x3', orderId: 'W99' }, undefined).code).to.equal('workorder.unknown-order');
    expect(fail({ ...dispatched!, id: 'x4', payload: { unit: '' } } as WorkOrderEvent).code).to.equal('workorder.invalid-event');
    expect(o).to.deep.equal(snapshot);
    // Rated only when the caller was reached; linked once.
    let w3: WorkOrderState | undefined;
    for (const e of MARCH.filter((x) => x.orderId === 'W3').slice(0, 8)) w3 = applyWorkOrderEvent(w3, e);
    expect(w3!).to.include({ status: 'called-back', reached: false });
    expect(allowedWorkOrderEvents(w3)).to.deep.equal(['called-back', 'linked']);
    expect(fail({ ...MARCH.find((x) => x.orderId === 'W3' && x.type === 'rated')!, at: '2024-03-05T10:00:00+08:00' }, w3).code).to.equal('workorder.not-reached');
    const linked = applyWorkOrderEvent(w3, { id: 'L1', orderId: 'W3', type: 'linked', at: '2024-03-05T10:00:00+08:00', actor: operator, payload: { caseId: 'K1' } });
    expect(linked).to.include({ caseId: 'K1', status: 'called-back' });
    expect(fail({ id: 'L2', orderId: 'W3', type: 'linked', at: '2024-03-05T11:00:00+08:00', actor: operator, payload: { caseId: 'K2' } }, linked).code).to.equal('workorder.already-linked');
  });

  it('measures each unit per month: counts, on-time and satisfaction rates, on a hand-computed set', () => {
    const { orders, refused } = replayWorkOrders(MARCH);
    expect(refused).to.deep.equal([]);
    const m = workOrderMeasures(orders.values());
    const row = (unit: string, month: string) => m.find((r) => r.unit === unit && r.month === month);
    expect(m.map((r) => `${r.month} ${r.unit}`)).to.deep.equal([`2024-03 ${C}`, `2024-03 ${B}`, `2024-03 ${A}`, `2024-04 ${C}`]);
    // Sign-for within 24 hours (consultations 2), by the month signed; the first call-back within
    // 3 working days of completion, by its month. A: W1, W2, W6 signed within the hour and called
    // back within a working day. B: W5 signed and called back (W7 not yet signed, W3 returned
    // unsigned). C: W3 (30 minutes after its dispatch) and W4 signed in March; W3 called back in
    // March, W4 in April.
    const timely = { signed: 3, signedOnTime: 3, signForRate: 1, calledBack: 3, calledBackOnTime: 3, callBackRate: 1 };
    expect(row(A, '2024-03')).to.deep.equal({ unit: A, month: '2024-03', dispatched: 3, returned: 0, completed: 3, completedOnTime: 2, rated: 3, satisfied: 2, onTimeRate: 2 / 3, satisfactionRate: 2 / 3, ...timely });
    expect(row(B, '2024-03')).to.deep.equal({ unit: B, month: '2024-03', dispatched: 3, returned: 1, completed: 1, completedOnTime: 1, rated: 1, satisfied: 1, onTimeRate: 1, satisfactionRate: 1, ...timely, signed: 1, signedOnTime: 1, calledBack: 1, calledBackOnTime: 1 });
    expect(row(C, '2024-03')).to.deep.equal({ unit: C, month: '2024-03', dispatched: 2, returned: 0, completed: 1, completedOnTime: 1, rated: 1, satisfied: 1, onTimeRate: 1, satisfactionRate: 1, ...timely, signed: 2, signedOnTime: 2, calledBack: 1, calledBackOnTime: 1 });
    expect(row(C, '2024-04')).to.deep.equal({ unit: C, month: '2024-04', dispatched: 0, returned: 0, completed: 1, completedOnTime: 1, rated: 1, satisfied: 1, onTimeRate: 1, satisfactionRate: 1, signed: 0, signedOnTime: 0, signForRate: null, calledBack: 1, calledBackOnTime: 1, callBackRate: 1 });
    // Stricter local limits make W1 late too.
    expect(workOrderMeasures(orders.values(), { limits: { complaint: { completeDays: 3 } } }).find((r) => r.unit === A)!.completedOnTime).to.equal(1);
    // What is due on the open order: signing for within 24 hours, completion within 5 working days.
    const w7 = orders.get('W7')!;
    expect(dueOfWorkOrder(w7, '2024-03-29T12:00:00+08:00')).to.deep.equal([
      { kind: 'deadline', id: 'sign-for', since: '2024-03-28', due: '2024-03-29T09:30:00+08:00', overdue: true, daysLeft: 0 },
      { kind: 'deadline', id: 'completion', since: '2024-03-28', due: '2024-04-04', overdue: false, daysLeft: 6 },
    ]);
  });

  it('ranks units into a monthly red/black list with a stable tie-break', () => {
    const m = workOrderMeasures(replayWorkOrders(MARCH).orders.values());
    // B and C tie (both 100 %, one completion each): the name decides, in code-point order.
    const list = redBlackList(m, '2024-03', { size: 1 });
    expect(list.ranking.map((u) => [u.rank, u.unit, u.score])).to.deep.equal([
      [1, C, 1],
      [2, B, 1],
      [3, A, 2 / 3],
    ]);
    expect(list.red.map((u) => u.unit)).to.deep.equal([C]);
    expect(list.black.map((u) => u.unit)).to.deep.equal([A]);
    expect(redBlackList([...m].reverse(), '2024-03', { size: 1 })).to.deep.equal(list);
    // With two a side, the lists never share a unit.
    const two = redBlackList(m, '2024-03', { size: 2 });
    expect(two.red.map((u) => u.unit)).to.deep.equal([C, B]);
    expect(two.black.map((u) => u.unit)).to.deep.equal([A]);
    // Crafted rows: a missing rate is left out, volume breaks ties, small units are left out.
    const rows = (unit: string, completed: number, onTime: number, rated: number, satisfied: number): WorkOrderMeasure => ({
      unit,
      month: '2024-05',
      dispatched: completed,
      returned: 0,
      completed,
      completedOnTime: onTime,
      rated,
      satisfied,
      onTimeRate: completed ? onTime / completed : null,
      satisfactionRate: rated ? satisfied / rated : null,
      signed: 0,
      signedOnTime: 0,
      signForRate: null,
      calledBack: 0,
      calledBackOnTime: 0,
      callBackRate: null,
    });
    const may = [rows('甲', 10, 10, 10, 9), rows('乙', 20, 19, 20, 19), rows('丙', 40, 40, 0, 0), rows('丁', 10, 9, 10, 10), rows('戊', 2, 0, 2, 0), rows('己', 20, 19, 20, 19), rows('庚', 1, 0, 1, 0)];
    const ranked = redBlackList(may, '2024-05', { size: 2, minCompleted: 2 });
    expect(ranked.ranking.map((u) => u.unit)).to.deep.equal(['丙', '乙', '己', '丁', '甲', '戊']);
    expect(ranked.red.map((u) => u.unit)).to.deep.equal(['丙', '乙']);
    expect(ranked.black.map((u) => u.unit)).to.deep.equal(['戊', '甲']);
    expect(redBlackList(may, '2024-05', { policy: { weights: { onTime: 1, satisfaction: 0 } } }).ranking[0]!.unit).to.equal('丙');
  });

  it('opens a dispute case from a work order and keeps them linked', async () => {
    const h: Hierarchy = (await edition('2023')).subtree('5306');
    let o: WorkOrderState | undefined;
    for (const e of MARCH.filter((x) => x.orderId === 'W1').slice(0, 3)) o = applyWorkOrderEvent(o, e);
    const registrar = { id: 'R1', role: 'registrar', unit: '旧圃镇综治中心', division: '530602101' } as const;
    const { registration, link } = openCaseFromWorkOrder(o!, {
      caseId: 'K1',
      eventId: 'K1-1',
      linkEventId: 'W1-link',
      at: '2024-03-02T10:00:00+08:00',
      actor: registrar,
      facts: { category: 'neighbours', parties: [{ id: 'p1', kind: 'person', name: '王建国' }, { id: 'p2', kind: 'organisation', name: '某物业公司' }], place: '530602101001-002', severity: 'general', riskFlags: [], level: 'township', summary: o!.summary },
    });
    const state = applyEvent(undefined, registration, { hierarchy: h });
    expect(state.facts).to.include({ source: 'hotline', workOrderId: 'W1' });
    const linked = applyWorkOrderEvent(o, link);
    expect(linked.caseId).to.equal('K1');
    expect(() => openCaseFromWorkOrder(linked, { caseId: 'K2', eventId: 'K2-1', linkEventId: 'x', at: '2024-03-02T11:00:00+08:00', actor: registrar, facts: registration.payload })).to.throw(DisputeError);
  });

  it('replays a generated year of Zhaotong work orders without a refusal, near the seed’s rates', async () => {
    const h: Hierarchy = (await edition('2023')).subtree('5306');
    const { workOrderEvents } = generateCases(h, { scope: '5306', year: 2024, seed: 5, casesPerVillage: 2 });
    const { orders, refused } = replayWorkOrders(workOrderEvents);
    expect(refused).to.deep.equal([]);
    const m = workOrderMeasures(orders.values());
    const total = (k: keyof WorkOrderMeasure) => m.reduce((t, r) => t + (r[k] as number), 0);
    expect(total('completedOnTime') / total('completed')).to.be.within(0.95, 0.99);
    expect(total('satisfied') / total('rated')).to.be.within(0.96, 0.995);
    expect([...orders.values()].filter((o) => o.caseId !== undefined).length).to.be.greaterThan(100);
    const months = [...new Set(m.map((r) => r.month))];
    expect(months).to.have.length(12);
    for (const month of months) {
      const list = redBlackList(m, month, { size: 5 });
      expect(list.red).to.have.length(5);
      expect(list.black.every((u) => !list.red.includes(u))).to.equal(true);
    }
  });

  it('lets an actor act only for its own unit, and the hotline alone dispatch when the policy names it', () => {
    const w1 = MARCH.filter((e) => e.orderId === 'W1');
    const o = applyWorkOrderEvent(applyWorkOrderEvent(undefined, w1[0]!), w1[1]!);
    const signedBy = (unit: string) => ({ ...w1[2]!, actor: { id: 'staff-b', unit } }) as WorkOrderEvent;
    expect(applyWorkOrderEvent(o, signedBy(A)).status).to.equal('signed');
    let e: DisputeError | undefined;
    try {
      applyWorkOrderEvent(o, signedBy(B));
    } catch (x) {
      e = x as DisputeError;
    }
    expect(e).to.be.instanceOf(DisputeError);
    expect(e!.code).to.equal('workorder.wrong-unit');
    expect(describeDisputeError(e!, 'zh-Hans')).to.equal(`工单 W1 现由 ${A} 办理，staff-b（${B}）不能“签收”`);
    // The replay refuses the same, and goes on.
    const { orders, refused } = replayWorkOrders([...w1.slice(0, 2), signedBy(B), ...w1.slice(2)]);
    expect(refused.map((r) => [r.position, r.error.code])).to.deep.equal([[2, 'workorder.wrong-unit']]);
    expect(orders.get('W1')!.status).to.equal('rated');
    // With dispatchers named, only the hotline receives, dispatches, calls back and rates.
    const policy = { dispatchers: ['12345热线'] };
    expect(replayWorkOrders(MARCH, { policy }).refused).to.deep.equal([]);
    const rogue = { ...w1[1]!, actor: { id: 'x', unit: A } } as WorkOrderEvent;
    expect(() => applyWorkOrderEvent(applyWorkOrderEvent(undefined, w1[0]!), rogue, { policy })).to.throw(DisputeError).with.property('code', 'workorder.not-dispatcher');
    expect(applyWorkOrderEvent(applyWorkOrderEvent(undefined, w1[0]!), rogue).unit).to.equal(A);
  });

  it('measures timely sign-for and call-back beside completion and satisfaction', () => {
    // A complaint signed 30 hours after dispatch (limit 24) and first called back 6 working days after completion (limit 3).
    const late = order('W9', 'complaint', [['received', '04 09:00'], ['dispatched', '04 09:30', { unit: A }], ['signed', '05 15:30'], ['handled', '06 09:00'], ['completed', '06 10:00'], ['called-back', '14 09:00', { reached: true }], ['rated', '14 09:05', { satisfied: true }]]);
    const { orders } = replayWorkOrders([...MARCH, ...late].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0)));
    const w9 = orders.get('W9')!;
    expect(signedOnTime(w9, w9.dispatches[0]!)).to.equal(false);
    expect(calledBackOnTime(w9)).to.equal(false);
    expect(calledBackOnTime(w9, { limits: { complaint: { completeDays: 5, callBackDays: 10 } } })).to.equal(true);
    const a = workOrderMeasures(orders.values()).find((r) => r.unit === A && r.month === '2024-03')!;
    expect(a).to.include({ signed: 4, signedOnTime: 3, signForRate: 3 / 4, calledBack: 4, calledBackOnTime: 3, callBackRate: 3 / 4 });
    // Weighed into the red/black list only when the policy says so.
    const m = workOrderMeasures(orders.values());
    const score = (policy?: object) => redBlackList(m, '2024-03', policy ? { policy } : {}).ranking.find((u) => u.unit === A)!.score;
    expect(score()).to.equal((a.onTimeRate! + a.satisfactionRate!) / 2);
    expect(score({ weights: { onTime: 1, satisfaction: 1, signFor: 1, callBack: 1 } })).to.be.closeTo((a.onTimeRate! + a.satisfactionRate! + 0.75 + 0.75) / 4, 1e-12);
  });

  it('validates every event in a replay as applyWorkOrderEvent does: strict refuses the input, lenient reports each bad event', () => {
    const bad = [...MARCH];
    bad[3] = { ...bad[3]!, at: '2024-02-30T09:00:00+08:00' } as WorkOrderEvent;
    bad[5] = { ...bad[5]!, actor: { id: 'op', unit: '12345热线', role: 'x' } } as unknown as WorkOrderEvent;
    bad[8] = { ...bad[8]!, type: 'closed' } as unknown as WorkOrderEvent;
    bad.push(null as unknown as WorkOrderEvent, 'W1' as unknown as WorkOrderEvent);
    let strict: unknown;
    try {
      replayWorkOrders(bad);
    } catch (e) {
      strict = e;
    }
    expect(strict).to.be.instanceOf(RecordsError);
    expect((strict as RecordsError).details).to.include({ count: 5 });
    const { orders, refused, issues } = replayWorkOrders(bad, { mode: 'lenient' });
    expect(issues.map((i) => [i.index, i.field, i.reason])).to.deep.equal([
      [3, 'at', 'value.format'],
      [5, 'actor.role', 'value.unknown-key'],
      [8, 'type', 'value.invalid'],
      [MARCH.length, '', 'value.type'],
      [MARCH.length + 1, '', 'value.type'],
    ]);
    expect(describeRecordIssue(issues[0]!, 'zh-Hans')).to.contain('真实存在的日期和时间');
    // Exact accounting: applied + refused + reported = every input.
    const applied = [...orders.values()].reduce((t, o) => t + o.events, 0);
    expect(applied + refused.length + new Set(issues.map((i) => i.index)).size).to.equal(bad.length);
    // applyWorkOrderEvent refuses the same events, with the same field.
    for (const i of [3, 5, 8]) {
      let e: DisputeError | undefined;
      try {
        applyWorkOrderEvent(undefined, bad[i]!);
      } catch (x) {
        e = x as DisputeError;
      }
      expect(e!.code, String(i)).to.equal('workorder.invalid-event');
      expect(e!.issues[0]!.field).to.equal(issues.find((x) => x.index === i)!.field);
    }
  });

  it('refuses unknown keys and nonsense in the work-order policy with a SchemaError', () => {
    const field = (policy: unknown) => {
      try {
        parseWorkOrderPolicy(policy);
      } catch (e) {
        expect(e).to.be.instanceOf(SchemaError);
        return (e as SchemaError).issues[0]!.field;
      }
      return null;
    };
    expect(field({ limits: { complaint: { completeDays: 3, callbackDays: 2 } } })).to.equal('limits.complaint.callbackDays');
    expect(field({ weight: {} })).to.equal('weight');
    expect(field({ weights: { onTime: 0, satisfaction: 0 } })).to.equal('weights');
    expect(field({ calendar: { holidays: ['2024-10-01'], workdays: ['2024-10-01'] } })).to.equal('calendar.workdays');
    expect(field({ limits: { complaint: { completeDays: 3 } } })).to.equal(null);
    expect(() => workOrderMeasures([], { fallback: { completeDays: -1 } })).to.throw(SchemaError);
    expect(() => dueOfWorkOrder(replayWorkOrders(MARCH).orders.get('W7')!, '2024-02-30T12:00:00+08:00')).to.throw(SchemaError);
  });
});
