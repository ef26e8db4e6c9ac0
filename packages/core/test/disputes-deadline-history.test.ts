import { expect } from 'chai';
import { deadlineHistory, dueOf, replayRecord, type CaseState } from '../src/disputes/index.js';
import { deadlineRecord } from '../src/disputes/deadlines.js';
import { civilDay } from '../src/disputes/lifecycle.js';
import { compilePolicy } from '../src/disputes/policy.js';
import { generateCases } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

const AT = '2024-12-31T23:59:59+08:00';

describe('disputes: deadlineHistory, every run of a case’s deadlines, on the seeded Zhaotong cases', function () {
  this.timeout(120_000);
  let states: CaseState[];

  before(async () => {
    const h = (await edition('2023')).subtree('5306');
    states = [...replayRecord(generateCases(h, { scope: '5306', year: 2024, seed: 7 }).events, { hierarchy: h }).states.values()];
  });

  it('agrees with the deadlines the statistics count (missed on the way, overdue now) and with dueOf for the runs still running', () => {
    const p = compilePolicy();
    let missed = 0;
    for (const s of states) {
      const runs = deadlineHistory(s, AT);
      const record = deadlineRecord(s, p, civilDay(AT));
      expect(runs.some((r) => r.ended !== undefined && r.missed), s.id).to.equal(record.missed);
      expect(runs.some((r) => r.ended === undefined && r.missed), s.id).to.equal(record.overdue);
      const running = runs.filter((r) => r.ended === undefined).map((r) => `${r.id} ${r.since} ${r.due}`);
      const due = dueOf(s, AT).filter((d) => d.kind === 'deadline').map((d) => `${d.id} ${d.since} ${d.due}`);
      expect(running.sort(), s.id).to.deep.equal(due.sort());
      if (record.missed) missed++;
    }
    expect(missed, 'some cases missed a deadline on the way').to.be.greaterThan(100);
  });

  it('names a late acceptance: the run, its last day, the day it ended and the days late', () => {
    const late = states.find((s) => s.steps[1]?.status === 'accepted' && s.steps[1].day - s.steps[0]!.day > 16)!;
    expect(late, 'a case accepted after more than 16 days').to.not.equal(undefined);
    const acceptance = deadlineHistory(late, AT).find((r) => r.id === 'acceptance')!;
    const registered = late.steps[0]!.day;
    const accepted = late.steps[1]!.day;
    expect(acceptance.since).to.equal(late.registeredAt.slice(0, 10));
    expect(acceptance.ended).to.equal(late.steps[1]!.at.slice(0, 10));
    expect(acceptance.missed).to.equal(true);
    // 15 calendar days, moved to the next working day when the 15th is a rest day.
    const dueDay = civilDay(`${acceptance.due}T12:00:00+08:00`);
    expect(dueDay - registered).to.be.within(15, 17);
    expect(acceptance.daysLate).to.equal(accepted - dueDay);
    // An archived case has nothing running.
    const archived = states.find((s) => s.status === 'archived')!;
    expect(deadlineHistory(archived, AT).every((r) => r.ended !== undefined)).to.equal(true);
  });
});
