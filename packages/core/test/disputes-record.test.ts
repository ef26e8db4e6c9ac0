import { expect } from 'chai';
import * as z from 'zod/mini';
import { GualianError } from '../src/errors/index.js';
import {
  CaseRecord,
  DisputeError,
  applyEvent,
  GENESIS_HASH,
  canonicalJson,
  chainEvents,
  describeJsonlIssue,
  exportJsonl,
  importJsonl,
  replayRecord,
  verifyRecord,
  type CaseEvent,
  type CaseState,
  type RecordEntry,
} from '../src/disputes/index.js';
import { generateCases } from '../src/demo/index.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
const sha256 = async (s: string) => hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));

describe('disputes: the record, hash-chained and in JSON Lines', function () {
  this.timeout(180_000);
  let h: Hierarchy;
  let events: CaseEvent[];
  let entries: RecordEntry[];
  before(async () => {
    h = (await edition('2023')).subtree('530602');
    // A year of 昭阳区's cases: the first 600 events.
    events = generateCases(h, { scope: '530602', year: 2024, seed: 3, casesPerVillage: 2 }).events.slice(0, 600);
    entries = await chainEvents(events);
  });
  const copy = () => entries.map((e) => structuredClone(e));

  it('writes canonical JSON: keys sorted, no spaces, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', undefined], c: null, e: undefined }, 'é': '引号"\n' })).to.equal('{"a":{"c":null,"d":[1,"x",null]},"b":1,"é":"引号\\"\\n"}');
    expect(canonicalJson({ z: { y: 1, x: 2 }, a: [] })).to.equal('{"a":[],"z":{"x":2,"y":1}}');
    expect(() => canonicalJson({ n: Number.NaN })).to.throw(GualianError);
  });

  it('hashes exactly the UTF-8 of the canonical JSON, for any string and number', async () => {
    const tricky = {
      id: 'x',
      s: ['"\\/', '\u0001\b\t\n\f\r\u001f\u007f', '\u2028\u2029', '中文 ÿ ĀĀ', '😀𠀀', '\ud800', '\udc00x', 'a\ud83d', ''],
      n: [0, -0, -12, 3.25, 1e21, 1e-7, 2 ** 53, -1.5e-300],
      b: [true, false, null, undefined, { z: undefined, y: [[]], x: {} }],
      nested: { hash: 'kept below the top', 'é': 1, A: 2, a: 3, '': 4 },
    };
    // Any record may be chained with its own schema; here one that takes anything.
    const [entry] = await chainEvents([tricky], undefined, { schema: z.unknown() });
    const { hash, ...rest } = entry!;
    expect(hash).to.equal(await sha256(canonicalJson(rest)));
    expect(canonicalJson(rest)).to.equal(JSON.stringify(JSON.parse(canonicalJson(rest))));
  });

  it('chains each entry to the one before with the SHA-256 of its canonical JSON, and verifies', async () => {
    expect(entries[0]!).to.include({ seq: 0, prev: GENESIS_HASH });
    const { hash, ...rest } = entries[0]!;
    expect(hash).to.equal(await sha256(canonicalJson(rest)));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prev).to.equal(entries[i - 1]!.hash);
    expect(await verifyRecord(entries)).to.deep.equal({ ok: true, count: 600, head: { seq: 599, hash: entries[599]!.hash } });
    // In small batches too, and continued from a head.
    expect((await verifyRecord(entries, { batch: 7 })).ok).to.equal(true);
    const more = await chainEvents([events[0]!], { seq: 599, hash: entries[599]!.hash });
    expect(await verifyRecord(more, { after: { seq: 599, hash: entries[599]!.hash } })).to.deep.include({ ok: true });
    expect(await verifyRecord([])).to.deep.equal({ ok: true, count: 0, head: { seq: -1, hash: GENESIS_HASH } });
    // Another SHA-256 may be passed in (a Node server's node:crypto, say); a wrong one fails at once.
    expect(await verifyRecord(entries, { digest: (b) => crypto.subtle.digest('SHA-256', b) })).to.deep.include({ ok: true });
    expect(await verifyRecord(entries, { digest: () => new Uint8Array(32) })).to.deep.include({ ok: false, position: 0, problem: 'altered' });
    expect(await chainEvents(events.slice(0, 5), undefined, { digest: (b) => crypto.subtle.digest('SHA-256', b) })).to.deep.equal(entries.slice(0, 5));
  });

  it('names the first bad entry: altered, deleted, inserted, reordered', async () => {
    const k = 257;
    // Altered: one value changed in place.
    let bad = copy();
    (bad[k]!.actor as { unit: string }).unit = '某单位';
    expect(await verifyRecord(bad)).to.deep.include({ ok: false, position: k, line: k + 1, id: entries[k]!.id, problem: 'altered' });
    // Altered and its hash recomputed: the next entry no longer links to it.
    bad = copy();
    bad[k]!.at = bad[k]!.at.replace('+08:00', 'Z');
    const { hash: _h, ...rest } = bad[k]!;
    bad[k]!.hash = await sha256(canonicalJson(rest));
    expect(await verifyRecord(bad)).to.deep.include({ position: k, id: entries[k]!.id, problem: 'altered' });
    // Deleted.
    bad = copy();
    bad.splice(k, 1);
    expect(await verifyRecord(bad)).to.deep.include({ position: k, id: entries[k + 1]!.id, problem: 'missing', missing: 1 });
    bad = copy();
    bad.splice(k, 3);
    expect(await verifyRecord(bad)).to.deep.include({ position: k, id: entries[k + 3]!.id, problem: 'missing', missing: 3 });
    // Inserted, hashed and linked properly by someone who knows the scheme.
    bad = copy();
    const [forged] = await chainEvents([{ ...events[k]!, id: 'forged' }], { seq: k - 1, hash: entries[k - 1]!.hash });
    bad.splice(k, 0, forged!);
    expect(await verifyRecord(bad)).to.deep.include({ position: k, id: 'forged', problem: 'inserted' });
    // Inserted clumsily: a copy of an earlier entry, and an entry with no valid hash.
    bad = copy();
    bad.splice(k, 0, structuredClone(entries[10]!));
    expect(await verifyRecord(bad)).to.deep.include({ position: k, id: entries[10]!.id, problem: 'inserted' });
    bad = copy();
    bad.splice(k, 0, { ...structuredClone(entries[k]!), id: 'junk' });
    expect(await verifyRecord(bad)).to.deep.include({ position: k, id: 'junk', problem: 'inserted' });
    // Reordered: two neighbours swapped, and one moved far back.
    bad = copy();
    [bad[k], bad[k + 1]] = [bad[k + 1]!, bad[k]!];
    expect(await verifyRecord(bad)).to.deep.include({ position: k, id: entries[k + 1]!.id, problem: 'reordered' });
    bad = copy();
    bad.push(bad.splice(k, 1)[0]!);
    expect(await verifyRecord(bad)).to.deep.include({ position: k, id: entries[k + 1]!.id, problem: 'reordered' });
    // The first entry altered; the tail cut off (seen only against a head kept elsewhere).
    bad = copy();
    bad[0]!.caseId = 'X';
    expect(await verifyRecord(bad)).to.deep.include({ position: 0, problem: 'altered' });
    bad = copy().slice(0, 590);
    expect((await verifyRecord(bad)).ok).to.equal(true);
    expect(await verifyRecord(bad, { head: { seq: 599, hash: entries[599]!.hash } })).to.deep.include({ ok: false, position: 590, problem: 'truncated', missing: 10 });
    expect(await verifyRecord(bad, { head: entries[599]!.hash })).to.deep.include({ ok: false, problem: 'head-unknown' });
    expect(await verifyRecord(entries, { head: entries[599]!.hash })).to.deep.include({ ok: true });
    expect(await verifyRecord(entries, { head: { seq: 599, hash: entries[599]!.hash } })).to.deep.include({ ok: true });
    // Only the first bad entry is named, in whichever batch it falls.
    bad = copy();
    (bad[599]!.payload as Record<string, unknown>)['x'] = 1;
    (bad[300]!.payload as Record<string, unknown>)['x'] = 1;
    expect(await verifyRecord(bad, { batch: 64 })).to.deep.include({ position: 300, problem: 'altered' });
  });

  it('exports and imports JSON Lines; bad lines are reported with line, field and reason, good ones kept', async () => {
    const text = exportJsonl(entries);
    expect(text.split('\n')).to.have.length(601);
    const back = importJsonl(text);
    expect(back.issues).to.deep.equal([]);
    expect(back.entries).to.deep.equal(entries);
    expect(await verifyRecord(back.entries)).to.deep.include({ ok: true });
    expect(exportJsonl(back.entries)).to.equal(text);

    const lines = text.trimEnd().split('\n');
    // Edits written back in canonical form: refused for what they say, not for how they are written.
    const edit = (i: number, f: (o: Record<string, unknown>) => void) => {
      const o = JSON.parse(lines[i]!) as Record<string, unknown>;
      f(o);
      lines[i] = canonicalJson(o);
    };
    lines[2] = '{"id": "broken';
    edit(4, (o) => delete o['at']);
    edit(7, (o) => (o['at'] = 'yesterday'));
    edit(9, (o) => (o['colour'] = 'red'));
    edit(11, (o) => ((o['actor'] as Record<string, unknown>)['role'] = 'boss'));
    edit(13, (o) => (o['hash'] = 'abc'));
    lines[20] = lines[15]!; // a duplicate id
    lines.splice(30, 0, '', '   ');
    const { entries: kept, issues } = importJsonl(lines.join('\r\n') + '\r\n');
    expect(issues.map((i) => [i.line, i.field, i.reason])).to.deep.equal([
      [3, '', 'jsonl.not-json'],
      [5, 'at', 'value.missing'],
      [8, 'at', 'value.format'],
      [10, 'colour', 'value.unknown-key'],
      [12, 'actor.role', 'value.enum'],
      [14, 'hash', 'value.format'],
      [21, 'id', 'record.duplicate-id'],
    ]);
    expect(kept).to.have.length(600 - 7);
    expect(kept[2]).to.deep.equal(entries[3]);
    expect(describeJsonlIssue(issues[1]!, 'zh-Hans')).to.equal('第 5 行，字段“时间”：缺少必填值');
    expect(describeJsonlIssue(issues[2]!, 'en')).to.match(/^line 8, field "at": "yesterday" /);
    // In Chinese the expected form is named in Chinese, never with the validator's English message.
    for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
      for (const i of issues) {
        // The data quoted (the value, a field's own name) aside, no Latin words: no validator English.
        let said = describeJsonlIssue(i, lang).replaceAll(i.value, '').replace('JSON', '').replace('SHA-256', '');
        for (const seg of i.field.split('.')) said = said.replaceAll(seg, '');
        expect(said, said).not.to.match(/[A-Za-z]{3,}/);
      }
    }
    expect(describeJsonlIssue(issues[6]!, 'en')).to.equal(`line 21, field "id": the id "${entries[15]!.id}" is given twice (first at no. 16)`);
    // The chain shows the gap where the first bad line was.
    expect(await verifyRecord(kept)).to.deep.include({ ok: false, position: 2, id: entries[3]!.id, problem: 'missing', missing: 1 });
    // Work-order records are read the same way.
    const orders = generateCases(h, { scope: '530602', year: 2024, seed: 3, casesPerVillage: 1 }).workOrderEvents.slice(0, 50);
    const chainedOrders = await chainEvents(orders, undefined, { kind: 'work-orders' });
    const read = importJsonl(exportJsonl(chainedOrders), { kind: 'work-orders' });
    expect(read.issues).to.deep.equal([]);
    expect(read.entries).to.deep.equal(chainedOrders);
    expect(importJsonl(exportJsonl(chainedOrders)).issues[0]).to.include({ line: 1, field: 'type' });
  });

  it('keeps an append-only case record: appends are checked and chained, refusals keep nothing, a load verifies and replays', async () => {
    const record = new CaseRecord({ hierarchy: h });
    const seen: string[] = [];
    const stop = record.subscribe((e) => seen.push(e.id));
    // Appends called together run in order.
    await Promise.all(events.slice(0, 100).map((e) => record.append(e)));
    expect(record.entries).to.deep.equal(entries.slice(0, 100));
    expect(seen).to.deep.equal(events.slice(0, 100).map((e) => e.id));
    expect(record.head).to.deep.equal({ seq: 99, hash: entries[99]!.hash });
    // Refused: the same event again, and an event out of scope; nothing kept, the store goes on.
    const refusedDuplicate = await record.append(events[5]!).catch((e: unknown) => e);
    expect((refusedDuplicate as DisputeError).code).to.equal('dispute.duplicate-event');
    const victim = events.find((e) => e.type === 'registered')!;
    const outsider = { ...events[100]!, id: 'outsider', caseId: victim.caseId, type: 'withdrawn', payload: { reason: '—' }, actor: { id: 'x', role: 'handler', unit: '镇雄县司法局', division: '530627' } } as CaseEvent;
    expect(((await record.append(outsider).catch((e: unknown) => e)) as DisputeError).code).to.equal('dispute.out-of-scope');
    expect(record.entries).to.have.length(100);
    await record.append(events[100]!);
    expect(record.entries[100]).to.deep.equal(entries[100]);
    stop();
    // A whole record loaded: verified, replayed, the same states as a replay.
    const loaded = await CaseRecord.load(entries, { hierarchy: h });
    const { states, refused } = replayRecord(entries, { hierarchy: h });
    expect(refused).to.deep.equal([]);
    expect([...loaded.cases()]).to.deep.equal([...states.values()]);
    const bad = entries.map((e) => structuredClone(e));
    bad[42]!.caseId = 'X';
    const err = await CaseRecord.load(bad, { hierarchy: h }).catch((e: unknown) => e);
    expect((err as DisputeError).code).to.equal('dispute.record-broken');
    expect((err as DisputeError).details).to.include({ line: 43, problem: 'altered' });
  });

  it('lists the events a replay refuses and goes on', () => {
    const registration = events.slice(0, 50).find((e) => e.type === 'registered')!;
    const accepted = events.slice(0, 50).find((e) => e.type === 'accepted')!;
    const withBad = [...events.slice(0, 50), { ...registration, id: 'again' }, { ...accepted, id: 'orphan', caseId: 'nobody' }, events[7]!, ...events.slice(50, 100)];
    const { states, refused } = replayRecord(withBad, { hierarchy: h });
    expect(refused.map((r) => [r.position, r.id, r.error.code])).to.deep.equal([
      [50, 'again', 'dispute.illegal-event'],
      [51, 'orphan', 'dispute.unknown-case'],
      [52, events[7]!.id, 'dispute.duplicate-event'],
    ]);
    expect(states).to.deep.equal(replayRecord(events.slice(0, 100), { hierarchy: h }).states);
  });
});

describe('disputes: the fast paths agree with the straightforward ones, on a seeded Zhaotong year', function () {
  this.timeout(600_000);
  let h: Hierarchy;
  let events: CaseEvent[];
  before(async () => {
    h = (await edition('2023')).subtree('5306');
    events = generateCases(h, { scope: '5306', year: 2024, seed: 2024 }).events;
  });

  /** A seeded generator (mulberry32), so a failure names a position that can be replayed. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  it('windowed verification names the same first bad entry as one digest at a time, wherever the tampering is', async () => {
    const entries = await chainEvents(events.slice(0, 1000));
    const n = entries.length;
    const copy = () => entries.map((e) => structuredClone(e));
    const rehash = async (e: RecordEntry) => {
      const { hash: _h, ...rest } = e;
      e.hash = await sha256(canonicalJson(rest));
    };
    /** The straightforward check: each hash recomputed from the canonical JSON's UTF-8, one by one, then seq and link. */
    const firstBroken = (list: RecordEntry[], digest: (bytes: Uint8Array) => Uint8Array) => {
      const encoder = new TextEncoder();
      for (let i = 0; i < list.length; i++) {
        const { hash, ...rest } = list[i]!;
        const actual = [...digest(encoder.encode(canonicalJson(rest)))].map((x) => x.toString(16).padStart(2, '0')).join('');
        if (hash !== actual || list[i]!.seq !== i || list[i]!.prev !== (i === 0 ? GENESIS_HASH : list[i - 1]!.hash)) return i;
      }
      return -1;
    };
    type Tamper = (bad: RecordEntry[], k: number) => Promise<void> | void;
    const tampers: Record<string, Tamper> = {
      content: (bad, k) => void ((bad[k]!.actor as { unit: string }).unit = '某单位'),
      'content, rehashed': async (bad, k) => {
        bad[k]!.at = bad[k]!.at.replace('+08:00', 'Z');
        await rehash(bad[k]!);
      },
      deletion: (bad, k) => void bad.splice(k, 1),
      'deletion of three': (bad, k) => void bad.splice(k, 3),
      reorder: (bad, k) => {
        const j = k + 1 < bad.length ? k + 1 : k - 1;
        [bad[k], bad[j]] = [bad[j]!, bad[k]!];
      },
      'moved to the end': (bad, k) => void bad.push(bad.splice(k, 1)[0]!),
      'copy inserted': (bad, k) => void bad.splice(k, 0, structuredClone(bad[Math.floor(k / 2)]!)),
    };
    const next = random(5);
    const positions = [0, 1, 255, 256, 257, Math.floor(n / 2), n - 2, n - 1, ...Array.from({ length: 2 }, () => Math.floor(next() * n))];
    let cases = 0;
    for (const [name, tamper] of Object.entries(tampers)) {
      for (const k of positions) {
        const bad = copy();
        await tamper(bad, k);
        const sequential = await verifyRecord(bad, { batch: 1 });
        const digest = await syncSha256(bad);
        const first = firstBroken(bad, digest);
        if (first < 0) {
          // Deleting the last entries leaves a valid, shorter chain (seen against the head kept
          // elsewhere); moving the last one to the end changes nothing.
          expect(sequential.ok, `${name} at ${k}`).to.equal(true);
          if (bad.length < n) expect(await verifyRecord(bad, { head: { seq: n - 1, hash: entries[n - 1]!.hash } })).to.deep.include({ ok: false, problem: 'truncated' });
        } else {
          expect(sequential, `${name} at ${k}`).to.deep.include({ ok: false });
          // The first bad entry, or the one before it when that one was rewritten (inserted or altered).
          expect((sequential as { position: number }).position, `${name} at ${k}`).to.be.within(first - 1, first);
        }
        for (const batch of [7, 256, 100_000]) expect(await verifyRecord(bad, { batch }), `${name} at ${k}, batch ${batch}`).to.deep.equal(sequential);
        expect(await verifyRecord(bad), `${name} at ${k}, default batch`).to.deep.equal(sequential);
        // A digest passed in, answering at once (as node:crypto's does), gives the same answer.
        expect(await verifyRecord(bad, { digest }), `${name} at ${k}, synchronous digest`).to.deep.equal(sequential);
        cases++;
      }
    }
    expect(cases).to.equal(Object.keys(tampers).length * positions.length);
  });

  it('a tamper in a later window never masks an earlier one', async () => {
    const entries = await chainEvents(events.slice(0, 2000));
    const next = random(11);
    for (let round = 0; round < 12; round++) {
      const a = Math.floor(next() * 1000);
      const b = a + 1 + Math.floor(next() * 900);
      const bad = entries.map((e) => structuredClone(e));
      // The later one first in the list of edits, and of another kind.
      if (round % 2) bad.splice(b, 1);
      else (bad[b]!.payload as Record<string, unknown>)['x'] = 1;
      (bad[a]!.actor as { unit: string }).unit = '某单位';
      for (const batch of [1, 16, 256, 4096]) expect(await verifyRecord(bad, { batch }), `rounds ${round}, batch ${batch}`).to.deep.include({ ok: false, position: a, problem: 'altered', id: entries[a]!.id });
    }
  });

  it('replays a seeded year exactly as a one-event-at-a-time fold with every check, refusals included', () => {
    // Hostile events spliced in at seeded places: a repeated id, a wrong role, an actor out of
    // scope, a time going backwards, an unknown case, an illegal step, a merge into no case.
    const next = random(2024);
    const stream: CaseEvent[] = [];
    const seen: CaseEvent[] = [];
    for (const e of events) {
      stream.push(e);
      seen.push(e);
      if (next() < 0.002 && seen.length > 10) {
        const old = seen[Math.floor(next() * (seen.length - 1))]!;
        const kind = Math.floor(next() * 7);
        const twin = { ...e, id: `${e.id}-x${stream.length}` } as CaseEvent;
        if (kind === 0) stream.push(old);
        else if (kind === 1) stream.push({ ...twin, actor: { ...e.actor, role: 'registrar' } } as CaseEvent);
        else if (kind === 2) stream.push({ ...twin, actor: { ...e.actor, division: e.actor.division.startsWith('530627') ? '530602' : '530627' } } as CaseEvent);
        else if (kind === 3) stream.push({ ...twin, at: '2023-06-01T08:00:00+08:00' } as CaseEvent);
        else if (kind === 4) stream.push({ ...twin, caseId: 'nobody' } as CaseEvent);
        else if (kind === 5) stream.push({ ...twin, type: 'archived', payload: {} } as CaseEvent);
        else stream.push({ ...twin, type: 'merged', payload: { into: 'nobody' } } as CaseEvent);
      }
    }
    // The straightforward fold: each event validated and applied to a copy (applyEvent).
    const ref = new Map<string, CaseState>();
    const ids = new Set<string>();
    const refRefused: [number, string, string][] = [];
    const checkpoints = new Set([0, 1, 100, ...Array.from({ length: 9 }, (_, i) => Math.floor(((i + 1) * stream.length) / 10)), stream.length - 1]);
    const snapshots = new Map<number, Map<string, CaseState>>();
    stream.forEach((e, position) => {
      try {
        if (ids.has(e.id)) throw new DisputeError('dispute.duplicate-event', { event: e.id });
        const before = ref.get(e.caseId);
        if (e.type === 'merged' && before && e.payload.into !== before.id && !ref.has(e.payload.into)) throw new DisputeError('dispute.unknown-case', { case: e.payload.into, event: e.type });
        ref.set(e.caseId, applyEvent(before, e, { hierarchy: h }));
        ids.add(e.id);
      } catch (err) {
        refRefused.push([position, e.id, (err as DisputeError).code]);
      }
      if (checkpoints.has(position)) snapshots.set(position, structuredClone(ref));
    });
    expect(refRefused.length).to.be.greaterThan(50);
    expect(new Set(refRefused.map(([, , code]) => code)).size).to.be.greaterThan(4);
    // The fast replay, folding in place, at each checkpoint and at the end.
    for (const [position, states] of snapshots) {
      const fast = replayRecord(stream.slice(0, position + 1), { hierarchy: h });
      expect(fast.refused.map((r) => [r.position, r.id, r.error.code])).to.deep.equal(refRefused.filter(([p]) => p <= position));
      expect(fast.states, `after event ${position}`).to.deep.equal(states);
    }
    // Event by event: each event's case as the fast replay leaves it equals the fold's, in order.
    const fast = replayRecord(stream, { hierarchy: h });
    expect(fast.states).to.deep.equal(ref);
    expect([...fast.states.keys()]).to.deep.equal([...ref.keys()]);
  });
});

/**
 * A SHA-256 answering at once, as node:crypto's does: the real digests of the entries' canonical
 * JSON (computed beforehand with Web Crypto), looked up by the bytes asked for.
 */
async function syncSha256(list: readonly RecordEntry[]): Promise<(bytes: Uint8Array) => Uint8Array> {
  const known = new Map<string, Uint8Array>();
  for (const e of list) {
    const { hash: _h, ...rest } = e;
    const json = canonicalJson(rest);
    known.set(json, new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json))));
  }
  const decoder = new TextDecoder();
  return (bytes) => known.get(decoder.decode(bytes))!;
}
