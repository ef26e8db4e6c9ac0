// Regression tests of issue 11 for the record: each bug named there, shown fixed.
import { expect } from 'chai';
import {
  CaseRecord,
  applyEvent,
  canonicalJson,
  chainEvents,
  describeJsonlIssue,
  describeVerification,
  exportJsonl,
  importJsonl,
  replayRecord,
  verifyRecord,
  type CaseEvent,
  type RecordEntry,
} from '../src/disputes/index.js';
import { DisputeError } from '../src/disputes/errors.js';
import { RecordsError, describeRecordIssue } from '../src/errors/schema.js';
import { generateCases } from '../src/demo/index.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('disputes: the record, regressions of issue 11', function () {
  this.timeout(300_000);
  let h: Hierarchy;
  let events: CaseEvent[];
  before(async () => {
    h = (await edition('2023')).subtree('530602');
    events = generateCases(h, { scope: '530602', year: 2024, seed: 3, casesPerVillage: 2 }).events.slice(0, 200);
  });
  const registration = () => structuredClone(events.find((e) => e.type === 'registered')!) as CaseEvent & { type: 'registered' };
  /** The events applyEvent refuses, each with the field it names. */
  const refusedByApplyEvent = (): [string, CaseEvent][] => {
    const r = registration();
    const withFacts = (f: (p: Record<string, unknown>) => void): CaseEvent => {
      const e = structuredClone(r);
      f(e.payload as unknown as Record<string, unknown>);
      return { ...e, id: `bad-${Math.random().toString(36).slice(2, 8)}` };
    };
    return [
      ['payload.level', withFacts((p) => (p['level'] = 'city'))],
      ['payload.severity', withFacts((p) => (p['severity'] = 'grave'))],
      ['payload.parties', withFacts((p) => (p['parties'] = []))],
      ['at', { ...r, id: 'bad-time', at: '2024-02-30T09:00:00+08:00' }],
      ['payload.summary', withFacts((p) => delete p['summary'])],
    ];
  };

  it('replayRecord and chainEvents refuse what applyEvent refuses (unknown level or severity, no parties, impossible time, missing field)', async () => {
    const bad = refusedByApplyEvent();
    for (const [field, e] of bad) {
      expect(() => applyEvent(undefined, e, { hierarchy: h }), field).to.throw(DisputeError);
      // Strict (the default): the whole input refused, naming the position and the field.
      const input = [...events.slice(0, 20), e, ...events.slice(20, 40)];
      const replayErr = (() => {
        try {
          replayRecord(input, { hierarchy: h });
        } catch (x) {
          return x;
        }
        return undefined;
      })();
      expect(replayErr, field).to.be.instanceOf(RecordsError);
      expect((replayErr as RecordsError).issues[0], field).to.include({ index: 20, field });
      const chainErr = await chainEvents(input).catch((x: unknown) => x);
      expect(chainErr, field).to.be.instanceOf(RecordsError);
      expect((chainErr as RecordsError).issues[0], field).to.include({ index: 20, field });
      // Lenient: the good ones kept, the bad one listed; every input accounted for.
      const lenient = replayRecord(input, { hierarchy: h, mode: 'lenient' });
      expect(lenient.issues.map((i) => [i.index, i.field])).to.deep.equal([[20, field]]);
      expect(lenient.states).to.deep.equal(replayRecord([...events.slice(0, 40)], { hierarchy: h }).states);
      const chained = await chainEvents(input, undefined, { mode: 'lenient' });
      expect(chained.entries.map((x) => x.id)).to.deep.equal(events.slice(0, 40).map((x) => x.id));
      expect(chained.issues.map((i) => [i.index, i.field])).to.deep.equal([[20, field]]);
      // In Chinese, without the validator's English.
      expect(describeRecordIssue(chained.issues[0]!, 'zh-Hans')).not.to.match(/Invalid|expected|received/);
    }
  });

  it('importJsonl(exportJsonl(chainEvents(…))) never loses an entry: what cannot be read back is not chained', async () => {
    const entries = await chainEvents(events);
    const back = importJsonl(exportJsonl(entries));
    expect(back.issues).to.deep.equal([]);
    expect(back.entries).to.deep.equal(entries);
    // An id given twice would be refused on reading: it is refused on chaining.
    const twice = await chainEvents([events[0]!, events[1]!, events[0]!], undefined, { mode: 'lenient' });
    expect(twice.entries).to.have.length(2);
    expect(twice.issues).to.deep.equal([{ index: 2, id: events[0]!.id, kind: 'case-event', field: 'id', reason: 'record.duplicate-id', value: events[0]!.id, details: { first: 1 } }]);
  });

  it('importJsonl reads only canonical lines: a duplicate key cannot show a reader a forged value while verifying', async () => {
    const entries = await chainEvents(events.slice(0, 5));
    const lines = exportJsonl(entries).trimEnd().split('\n');
    const real = lines[2]!;
    // A reader that keeps the first of two keys sees the forged actor; JSON.parse keeps the last, and the hash matches.
    const forged = real.replace('{"actor":', '{"actor":{"id":"X","role":"reviewer","unit":"某局","division":"530602"},"actor":');
    expect(forged).not.to.equal(real);
    expect(canonicalJson(JSON.parse(forged))).to.equal(real);
    const spaced = lines[3]!.replace('","', '", "');
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(lines[4]!) as object).reverse()));
    const { entries: read, issues } = importJsonl([lines[0], lines[1], forged, spaced, reordered].join('\n'));
    expect(read).to.have.length(2);
    expect(issues.map((i) => [i.line, i.field, i.reason])).to.deep.equal([
      [3, '', 'jsonl.not-canonical'],
      [4, '', 'jsonl.not-canonical'],
      [5, '', 'jsonl.not-canonical'],
    ]);
    expect(describeJsonlIssue(issues[0]!, 'zh-Hans')).to.match(/^第 3 行：不是规范格式/);
    expect(describeJsonlIssue(issues[0]!, 'zh-Hant')).to.match(/^第 3 行：不是規範格式/);
    expect(describeJsonlIssue(issues[0]!, 'en')).to.match(/^line 3: not in canonical form/);
  });

  it('stored entries are immutable: changing an event or entry object in memory changes neither a state nor the verification', async () => {
    const record = new CaseRecord({ hierarchy: h });
    const given = registration();
    await record.append(given);
    const state = structuredClone(record.stateOf(given.caseId));
    // The caller's object, changed after the append.
    given.payload.parties[0]!.name = '改过的名字';
    given.payload.severity = 'very-major';
    given.at = '2020-01-01T00:00:00+08:00';
    expect(record.stateOf(given.caseId)).to.deep.equal(state);
    expect(await verifyRecord(record.entries)).to.deep.include({ ok: true });
    // The stored entries and the list of them are frozen.
    expect(() => ((record.entries[0]!.payload as { summary: string }).summary = 'x')).to.throw(TypeError);
    expect(() => (record.entries as RecordEntry<CaseEvent>[]).push(record.entries[0]!)).to.throw(TypeError);
    // Entries read from a file, and entries chained, are frozen too.
    const { entries } = importJsonl(exportJsonl(await chainEvents(events.slice(0, 30))));
    expect(() => ((entries[5]!.actor as { unit: string }).unit = 'x')).to.throw(TypeError);
    // A load from plain objects keeps copies: changing the originals afterwards changes nothing.
    const plain = entries.map((e) => structuredClone(e));
    const loaded = await CaseRecord.load(plain, { hierarchy: h });
    const before = [...loaded.cases()].map((c) => structuredClone(c));
    for (const e of plain) (e as { caseId: string }).caseId = 'X';
    expect([...loaded.cases()]).to.deep.equal(before);
    expect(await verifyRecord(loaded.entries)).to.deep.include({ ok: true });
  });

  it('against the published head, a cut tail, appended entries and a rewritten chain are told apart, in three languages', async () => {
    const entries = await chainEvents(events.slice(0, 60));
    const head = { seq: 49, hash: entries[49]!.hash };
    const published = entries.slice(0, 50);
    expect(await verifyRecord(published, { head })).to.deep.equal({ ok: true, count: 50, head });
    // Cut: the last 3 entries before the head gone; the chain alone holds together.
    const cut = published.slice(0, 47);
    expect((await verifyRecord(cut)).ok).to.equal(true);
    const vCut = await verifyRecord(cut, { head });
    expect(vCut).to.deep.include({ ok: false, problem: 'truncated', missing: 3, position: 47 });
    // Appended: 10 entries after the head.
    const vMore = await verifyRecord(entries, { head });
    expect(vMore).to.deep.include({ ok: false, problem: 'appended', appended: 10, position: 50, id: entries[50]!.id });
    // Rewritten from entry 30 on, every hash recomputed: consistent in itself, not with the head.
    const changed = events.slice(30, 50).map((e) => structuredClone(e));
    (changed[0]!.actor as { unit: string }).unit = '另一个单位';
    const rewritten = [...entries.slice(0, 30), ...(await chainEvents(changed, { seq: 29, hash: entries[29]!.hash }))];
    expect((await verifyRecord(rewritten)).ok).to.equal(true);
    expect(await verifyRecord(rewritten, { head })).to.deep.include({ ok: false, problem: 'rewritten', position: 49 });
    // Rewritten and longer than the head: still rewritten, not appended.
    const longer = [...rewritten, ...(await chainEvents(events.slice(50, 55), { seq: 49, hash: rewritten[49]!.hash }))];
    expect(await verifyRecord(longer, { head })).to.deep.include({ ok: false, problem: 'rewritten' });
    expect(describeVerification(vCut, 'zh-Hans')).to.equal('记录被截短：公布的末条之前缺少最后 3 条（现只到第 47 行）');
    expect(describeVerification(vMore, 'zh-Hant')).to.equal('第 51 行起有 10 筆記錄是公布的末筆之後追加的');
    expect(describeVerification(await verifyRecord(rewritten, { head }), 'en')).to.match(/^the record was rewritten: line 50/);
    expect(describeVerification(await verifyRecord(published, { head }), 'zh-Hans')).to.equal('记录完整：共 50 条');
  });
});
