// Property-based tests of the record's doors (fast-check, seeded): JSON Lines round trips with
// exact line accounting and only typed issues for hostile lines, the bulk paths checking every
// event exactly as its schema does, and any single-byte tamper seen by verification.
import { expect } from 'chai';
import fc from 'fast-check';
import {
  CASE_LEVELS,
  RECORD_ERROR_CODES,
  SEVERITIES,
  caseEventSchema,
  chainEvents,
  describeJsonlIssue,
  describeVerification,
  exportJsonl,
  importJsonl,
  replayRecord,
  verifyRecord,
  workOrderEventSchema,
  type CaseEvent,
  type JsonlIssue,
  type RecordEntry,
  type WorkOrderEvent,
} from '../src/disputes/index.js';
import { fastCheck } from '../src/disputes/validate.js';
import { FOUNDATION_ERROR_CODES, GualianError } from '../src/errors/index.js';
import { RecordsError } from '../src/errors/schema.js';
import { generateCases } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
/** Generated cases per property (10,000; fewer with PROPERTY_RUNS while working on one). */
const RUNS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env['PROPERTY_RUNS'] ?? 10_000);
const CODES = new Set<string>([...FOUNDATION_ERROR_CODES, ...RECORD_ERROR_CODES]);

/** Text a record may hold: no space at either end, any Unicode inside (quotes, escapes, CJK, emoji, lone surrogates). */
const text = fc
  .array(fc.oneof(fc.constantFrom('"', '\\', '\n', '\u2028', '中', '國', '😀', '\ud800', '\u0000', ' ', 'é'), fc.string({ unit: 'binary', maxLength: 2 })), { minLength: 1, maxLength: 8 })
  .map((parts) => `甲${parts.join('')}乙`);

/** Every path (keys and indices) of a value, for mutations. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      paths(x, p, out);
    }
  }
  return out;
}

const HOSTILE = [null, 0, -1, 1.5, 1e21, '', ' x', 'x ', '2024-02-30T09:00:00+08:00', '2024-03-01T25:00:00+08:00', '2024-03-01', 'boss', 'city', 'grave', [], {}, true, 'very-major', 'prefecture', '530602', '5306029', 'abc', { id: 'p' }, [{}]];

/** An event changed in one place: a field deleted, set to a hostile value, or an unknown field added. */
const mutation = fc.record({ op: fc.integer({ min: 0, max: 2 }), at: fc.nat(), value: fc.constantFrom(...HOSTILE), key: fc.constantFrom('colour', '__proto__', 'constructor', 'seq2', 'Id') });
function mutate<T>(e: T, m: { op: number; at: number; value: unknown; key: string }): T {
  const copy = structuredClone(e) as Record<string, unknown>;
  const all = paths(copy);
  const path = all[m.at % all.length]!;
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (m.op === 0) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.op === 1) parent[last] = structuredClone(m.value);
  else Object.defineProperty(Array.isArray(parent) ? copy : parent, m.key, { value: 1, enumerable: true, writable: true, configurable: true });
  return copy as T;
}

describe('disputes: the record under generated input (fast-check, seeded)', function () {
  this.timeout(900_000);
  let cases: CaseEvent[];
  let orders: WorkOrderEvent[];
  before(async () => {
    const h = (await edition('2023')).subtree('530602');
    const g = generateCases(h, { scope: '530602', year: 2024, seed: 7, casesPerVillage: 2 });
    cases = g.events.slice(0, 3000);
    orders = g.workOrderEvents.slice(0, 1000);
  });

  /** A short record: consecutive events from a real seeded year, free text replaced by generated text. */
  const record = <E extends { id: string }>(pool: () => E[]) =>
    fc.record({ from: fc.nat(), length: fc.integer({ min: 1, max: 6 }), texts: fc.array(text, { minLength: 6, maxLength: 6 }) }).map(({ from, length, texts }) => {
      const list = pool();
      const start = from % (list.length - length);
      return list.slice(start, start + length).map((e, i) => {
        const copy = structuredClone(e) as Record<string, unknown>;
        const p = copy['payload'] as Record<string, unknown> | undefined;
        for (const key of ['summary', 'note', 'reason', 'terms']) if (p && typeof p[key] === 'string') p[key] = texts[i]!;
        const actor = copy['actor'] as Record<string, unknown> | undefined;
        if (actor && typeof actor['unit'] === 'string') actor['unit'] = texts[(i + 1) % 6]!.slice(0, 60);
        return copy as E;
      });
    });

  for (const [name, pool, kind] of [
    ['case events', () => cases, 'cases'],
    ['work-order events', () => orders, 'work-orders'],
  ] as const) {
    it(`${name}: chain, export, import gives the same entries, every time (10,000 records)`, async () => {
      await fc.assert(
        fc.asyncProperty(record<CaseEvent | WorkOrderEvent>(pool as () => (CaseEvent | WorkOrderEvent)[]), async (events) => {
          const entries = await chainEvents(events as CaseEvent[], undefined, { kind });
          const text = exportJsonl(entries);
          const back = importJsonl(text, { kind } as { kind: 'cases' });
          expect(back.issues).to.deep.equal([]);
          expect(back.entries).to.deep.equal(entries);
          expect(exportJsonl(back.entries)).to.equal(text);
          expect(await verifyRecord(back.entries, { head: { seq: entries.length - 1, hash: entries.at(-1)!.hash } })).to.deep.include({ ok: true });
        }),
        { seed: kind === 'cases' ? 1101 : 1102, numRuns: RUNS },
      );
    });

    it(`${name}: a hostile line is refused with typed issues in three languages, every line accounted for (10,000 files)`, async () => {
      const schema = kind === 'cases' ? caseEventSchema : workOrderEventSchema;
      const lineEdit = fc.oneof(
        mutation.map((m) => ({ kind: 'mutate' as const, m })),
        fc.constantFrom('duplicate key', 'spaces', 'reordered', 'not json', 'array', 'number', 'deep', 'huge number', 'bom', 'blank').map((k) => ({ kind: 'raw' as const, k })),
        fc.string({ maxLength: 30 }).map((s) => ({ kind: 'text' as const, s })),
      );
      await fc.assert(
        fc.asyncProperty(record<CaseEvent | WorkOrderEvent>(pool as () => (CaseEvent | WorkOrderEvent)[]), fc.nat(), lineEdit, async (events, at, edit) => {
          const entries = await chainEvents(events as CaseEvent[], undefined, { kind });
          const lines = exportJsonl(entries).trimEnd().split('\n');
          const i = at % lines.length;
          const o = JSON.parse(lines[i]!) as Record<string, unknown>;
          if (edit.kind === 'mutate') {
            const { seq: _s, prev: _p, hash: _h, ...event } = mutate(o, edit.m);
            lines[i] = JSON.stringify(Object.fromEntries(Object.entries({ ...event, seq: o['seq'], prev: o['prev'], hash: o['hash'] }).sort(([a], [b]) => (a < b ? -1 : 1))));
          } else if (edit.kind === 'text') lines[i] = edit.s;
          else if (edit.k === 'duplicate key') lines[i] = lines[i]!.replace(/^\{"actor":/, '{"actor":{"id":"forged"},"actor":');
          else if (edit.k === 'spaces') lines[i] = lines[i]!.replace('":', '": ');
          else if (edit.k === 'reordered') lines[i] = JSON.stringify(Object.fromEntries(Object.entries(o).reverse()));
          else if (edit.k === 'not json') lines[i] = lines[i]!.slice(0, -1);
          else if (edit.k === 'array') lines[i] = `[${lines[i]}]`;
          else if (edit.k === 'number') lines[i] = '42';
          else if (edit.k === 'deep') lines[i] = '['.repeat(5000) + ']'.repeat(5000);
          else if (edit.k === 'huge number') lines[i] = lines[i]!.replace(/"seq":\d+/, '"seq":1e999');
          else if (edit.k === 'bom') lines[i] = `\ufeff${lines[i]}`;
          else lines[i] = '   ';
          const text = lines.join('\n') + '\n';
          const { entries: read, issues } = importJsonl(text, { kind } as { kind: 'cases' });
          // Exact accounting: every non-blank line is read or has an issue, never both.
          const nonBlank = text
            .replace(/^\ufeff/, '')
            .split('\n')
            .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
            .filter((l) => l.trim() !== '');
          const issueLines = new Set(issues.map((x) => x.line));
          expect(read.length + issueLines.size).to.equal(nonBlank.length);
          for (const issue of issues) {
            expect(CODES.has(issue.reason), issue.reason).to.equal(true);
            for (const lang of LANGS) {
              const said = describeJsonlIssue(issue as JsonlIssue, lang);
              expect(said).to.be.a('string').and.not.match(/Invalid input|Unrecognized key|expected \w+, received/);
            }
          }
          // A line read is a valid entry, its event exactly as the schema accepts it.
          for (const e of read) {
            const { seq: _s, prev: _p, hash: _h, ...event } = e as Record<string, unknown>;
            expect(schema.safeParse(event).success).to.equal(true);
          }
          // Whatever changed, verification against the published head does not pass.
          const changed = exportJsonl(read) !== exportJsonl(entries);
          const v = await verifyRecord(read, { head: { seq: entries.length - 1, hash: entries.at(-1)!.hash } });
          expect(v.ok).to.equal(!changed);
          // Entries read from lines are verified from their lines' text; plain copies from their canonical bytes: the same answer.
          expect(await verifyRecord(read.map((e) => structuredClone(e)), { head: { seq: entries.length - 1, hash: entries.at(-1)!.hash } })).to.deep.equal(v);
          for (const lang of LANGS) expect(describeVerification(v, lang)).to.be.a('string').with.length.greaterThan(4);
        }),
        { seed: kind === 'cases' ? 2201 : 2202, numRuns: RUNS },
      );
    });
  }

  it('the bulk paths check each event exactly as its schema does (10,000 mutated events, both kinds)', async () => {
    const strip = (e: object) => {
      const { seq: _s, prev: _p, hash: _h, ...rest } = e as Record<string, unknown>;
      return rest;
    };
    const checkCases = fastCheck(caseEventSchema, ['seq', 'prev', 'hash']);
    const checkOrders = fastCheck(workOrderEventSchema, ['seq', 'prev', 'hash']);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 0, maxLength: 2 }), fc.boolean(), async (at, ms, asOrder) => {
        let e: object = asOrder ? orders[at % orders.length]! : cases[at % cases.length]!;
        for (const m of ms) e = mutate(e, m);
        const schema = asOrder ? workOrderEventSchema : caseEventSchema;
        const valid = schema.safeParse(strip(e)).success;
        // The compiled check says yes only where the schema does.
        if ((asOrder ? checkOrders : checkCases)(e)) expect(valid, JSON.stringify(e)).to.equal(true);
        const lenient = await chainEvents([e as CaseEvent], undefined, { kind: asOrder ? 'work-orders' : 'cases', mode: 'lenient' });
        expect(lenient.entries.length).to.equal(valid ? 1 : 0);
        expect(lenient.issues.length > 0).to.equal(!valid);
        for (const issue of lenient.issues) expect(CODES.has(issue.reason)).to.equal(true);
        const strict = await chainEvents([e as CaseEvent], undefined, { kind: asOrder ? 'work-orders' : 'cases' }).catch((x: unknown) => x);
        if (valid) expect(strict).to.be.an('array').with.length(1);
        else expect(strict).to.be.instanceOf(RecordsError);
        if (!asOrder) {
          const replay = replayRecord([e as CaseEvent], { mode: 'lenient' });
          expect(replay.issues.length > 0).to.equal(!valid);
          expect(replay.states.size + replay.refused.length + (replay.issues.length > 0 ? 1 : 0)).to.equal(1);
        }
      }),
      { seed: 3301, numRuns: RUNS },
    );
  });

  it('verification finds any single-byte change of a record, against its published head (10,000 tampers)', async () => {
    const entries = await chainEvents(cases.slice(0, 40));
    const bytes = new TextEncoder().encode(exportJsonl(entries));
    const head = { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash };
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const bad = bytes.slice();
        const i = at % bad.length;
        bad[i] = (bad[i]! + delta) & 255;
        const { entries: read } = importJsonl(new TextDecoder().decode(bad));
        const v = await verifyRecord(read, { head });
        expect(v.ok, `byte ${i}`).to.equal(false);
        expect(await verifyRecord(read.map((e) => structuredClone(e)), { head }), `byte ${i}, copies`).to.deep.equal(v);
      }),
      { seed: 4401, numRuns: RUNS },
    );
  });

  it('every typed code has its message in the three languages', () => {
    for (const code of RECORD_ERROR_CODES) for (const lang of LANGS) expect(new GualianError(code, { value: 'x', first: 1 }).describe(lang)).not.to.contain('error.');
    expect(SEVERITIES.length + CASE_LEVELS.length).to.be.greaterThan(0);
  });
});

export type { RecordEntry };
