// Type tests of the record's public API: each call that must not compile carries the directive
// that expects an error, and tsc fails if such a call compiles.
import { expect } from 'chai';
import { GualianError } from '../src/errors/index.js';
import type { RecordIssue } from '../src/errors/schema.js';
import { chainEvents, importJsonl, replayRecord, verifyRecord, type CaseEvent, type JsonlIssue, type RecordEntry, type RecordVerification, type WorkOrderEvent } from '../src/disputes/index.js';

describe('disputes: the record API, as types', () => {
  it('gives entries in strict mode and entries with issues in lenient mode; refuses unknown kinds and modes', async () => {
    const events: CaseEvent[] = [];
    const strict: RecordEntry<CaseEvent>[] = await chainEvents(events);
    const lenient: { entries: RecordEntry<CaseEvent>[]; issues: RecordIssue[] } = await chainEvents(events, undefined, { mode: 'lenient' });
    // @ts-expect-error lenient mode gives an object, not a list
    const wrong: RecordEntry<CaseEvent>[] = await chainEvents(events, undefined, { mode: 'lenient' });
    // @ts-expect-error no such mode
    await chainEvents(events, undefined, { mode: 'loose' }).catch(() => undefined);
    const orders: { entries: RecordEntry<WorkOrderEvent>[]; issues: JsonlIssue[] } = importJsonl('', { kind: 'work-orders' });
    // @ts-expect-error no such kind
    importJsonl('', { kind: 'visits' });
    const replay = replayRecord(events, { mode: 'lenient' });
    const issues: RecordIssue[] = replay.issues;
    // @ts-expect-error the head is { seq, hash } or a hash, not a number (and at run time a GualianError)
    expect(await verifyRecord(strict, { head: 41 }).catch((e: unknown) => e)).to.be.instanceOf(GualianError);
    const v: RecordVerification = await verifyRecord(strict, { head: { seq: -1, hash: '0'.repeat(64) } });
    if (!v.ok) {
      const problem: 'truncated' | 'appended' | 'rewritten' | 'head-unknown' | 'altered' | 'missing' | 'inserted' | 'reordered' | 'broken' = v.problem;
      void problem;
    }
    expect([strict, lenient.entries, orders.entries, issues]).to.deep.equal([[], [], [], []]);
    expect(wrong).to.deep.equal({ entries: [], issues: [] }); // what the type said it is not
  });
});
