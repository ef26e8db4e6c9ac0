// Type tests of the disputes API: each `@ts-expect-error` marks a call that must not compile
// (`npx tsc -p tsconfig.json --noEmit` fails if it does); the runtime checks keep mocha honest.
import { expect } from 'chai';
import {
  mergeSummaries,
  replayWorkOrders,
  summariseCases,
  type CaseEventOf,
  type CaseStatus,
  type DisputePolicyInput,
  type WorkOrderMeasure,
  type WorkOrderPolicyInput,
  type WorkOrderReplay,
} from '../src/disputes/index.js';

describe('disputes: types of the public API', () => {
  it('types the new states, events, options and measures', () => {
    const status: CaseStatus = 're-review-requested';
    // @ts-expect-error: not a state
    const wrong: CaseStatus = 'reopened';
    const change: CaseEventOf<'severity-changed'>['payload'] = { to: 'major', reason: '涉及群体增多' };
    // @ts-expect-error: not a severity
    const bad: CaseEventOf<'severity-changed'>['payload'] = { to: 'huge', reason: '—' };
    const answer: CaseEventOf<'review-answered'>['payload'] = { outcome: 'upheld', opinion: '维持' };
    // @ts-expect-error: a review's answer upholds, changes or revokes
    const answer2: CaseEventOf<'review-answered'>['payload'] = { outcome: 'maybe', opinion: '—' };
    const policy: DisputePolicyInput = { judicialConfirmation: { late: 'refuse' }, petitions: { sources: ['petition', 'hotline'] }, deadlines: [{ id: 'acceptance', while: ['registered'], days: 3, sources: ['hotline'] }] };
    // @ts-expect-error: a misspelt key does not compile (and is refused at run time)
    const misspelt: DisputePolicyInput = { escalaton: { maxStep: 2 } };
    // @ts-expect-error: flag or refuse
    const late: DisputePolicyInput = { judicialConfirmation: { late: 'ignore' } };
    const orders: WorkOrderPolicyInput = { dispatchers: ['12345热线'], weights: { signFor: 1, callBack: 1 } };
    const replay: WorkOrderReplay = replayWorkOrders([], { mode: 'lenient', policy: orders });
    // @ts-expect-error: strict or lenient
    replayWorkOrders([], { mode: 'loose' });
    const m: Pick<WorkOrderMeasure, 'signForRate' | 'callBackRate'> = { signForRate: null, callBackRate: 1 };
    const empty = mergeSummaries([], { asOf: '2024-12-31' });
    // @ts-expect-error: the day is a string
    expect(() => mergeSummaries([], { asOf: 20241231 })).to.throw();
    // @ts-expect-error: a summary, not a state
    expect(() => mergeSummaries([{ id: 'C1' }])).to.throw();
    expect(summariseCases([], { asOf: '2024-12-31', slice: '2024-Q4' }).scopes).to.deep.equal(['*@2024-Q4']);
    expect([status, wrong, change, bad, answer, answer2, policy, misspelt, late, m].length).to.equal(10);
    expect(replay.issues).to.deep.equal([]);
    expect(empty.cases).to.equal(0);
  });
});
