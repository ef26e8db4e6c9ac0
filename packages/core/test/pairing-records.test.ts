import { expect } from 'chai';
import fc from 'fast-check';
import { checkPairing, ledgerOf, parsePairingPolicy, PairingMonitor, Roster, watchPairing, cadreSchema, pairingSchema, visitSchema, type Cadre, type Pairing, type Visit } from '../src/pairing/index.js';
import { plainCadre, plainPairing, plainVisit } from '../src/pairing/parse.js';
import { describeError, GualianError } from '../src/errors/index.js';
import { describeRecordIssue, RecordsError, SchemaError } from '../src/errors/schema.js';
import { edition } from '../../../tests/fixtures/data.js';

const zhaotong = async () => (await edition('2023')).subtree('5306');
const V1 = '530602001001';
const cadres: Cadre[] = [{ id: 'A', name: '甲', unit: '法院', rank: 'staff' }];
const pairings: Pairing[] = [{ cadreId: 'A', role: 'village', code: V1 }];
const visit = (over: Record<string, unknown> = {}): Visit => ({ id: 'V1', cadreId: 'A', villageCode: V1, date: '2024-03-01', minutes: 120, households: 3, activities: ['law-class'], ...over }) as Visit;

/** The error a call throws (it must throw). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}

describe('the roster’s door: every record through its schema', function () {
  this.timeout(120_000);

  it('refuses an impossible date instead of storing day 0 (shown as 1970-01-01)', async () => {
    const h = await zhaotong();
    const e = thrown(() => Roster.from(h, { cadres, pairings, visits: [visit({ date: '2024-02-30' })] }));
    expect(e).to.be.instanceOf(RecordsError);
    const issue = (e as RecordsError).issues[0]!;
    expect(issue).to.deep.include({ index: 0, kind: 'visit', field: 'date', reason: 'value.format', value: '2024-02-30', id: 'V1' });
    expect(describeRecordIssue(issue, 'zh-Hans')).to.contain('走访记录').and.contain('日期').and.contain('真实存在的日期');
    const roster = Roster.from(h, { cadres, pairings });
    expect(() => roster.addVisit(visit({ date: '2024-02-30' }))).to.throw(SchemaError);
    expect(roster.visitCount).to.equal(0);
    expect(ledgerOf(roster, 'A').lines).to.deep.equal([]);
  });

  it('refuses negative minutes and households, and minutes given as text', async () => {
    const h = await zhaotong();
    const roster = Roster.from(h, { cadres, pairings });
    for (const [over, field, reason] of [
      [{ minutes: -30 }, 'minutes', 'value.too-small'],
      [{ households: -2 }, 'households', 'value.too-small'],
      [{ minutes: 'abc' }, 'minutes', 'value.type'],
      [{ minutes: 1.5 }, 'minutes', 'value.type'],
      [{ households: 20_000 }, 'households', 'value.too-big'],
      [{ activities: ['dancing'] }, 'activities.0', 'value.enum'],
    ] as const) {
      const e = thrown(() => roster.addVisit(visit(over)));
      expect(e, field).to.be.instanceOf(SchemaError);
      expect((e as SchemaError).issues[0], JSON.stringify(over)).to.deep.include({ field, reason });
    }
    expect(roster.visitCount).to.equal(0);
    expect(checkPairing(roster, { year: 2024 }).totals.visits).to.equal(0);
  });

  it('answers malformed input with typed errors, never a bare TypeError', async () => {
    const h = await zhaotong();
    const bad: Array<() => unknown> = [
      () => Roster.from(h, null as never),
      () => Roster.from(h, 'text' as never),
      () => Roster.from(h, { cadres: 5, pairings: [] } as never),
      () => Roster.from(h, { cadres: 'abc', pairings: [] } as never),
      () => Roster.from(h, { cadres: [], pairings: null } as never),
      () => Roster.from(h, { cadres: [null], pairings: [] } as never),
      () => Roster.from(h, { cadres: [], pairings: [], visits: [null, 3, 'x', [], {}] } as never),
      () => Roster.from(null as never, { cadres: [], pairings: [] }),
      () => Roster.from(h, { cadres: [], pairings: [] }, { mode: 'sloppy' as never }),
      () => Roster.from(h, { cadres, pairings }).addVisit(undefined as never),
      () => Roster.from(h, { cadres, pairings }).addPairing({ cadreId: 'A', role: 'village', code: '53x' }),
      () => Roster.from(h, { cadres, pairings }).addCadre({ id: ' ', name: '乙', unit: '法院', rank: 'staff' }),
    ];
    for (const f of bad) {
      const e = thrown(f);
      expect(e, String(f)).to.be.instanceOf(GualianError);
      expect(describeError(e, 'zh-Hans')).to.not.match(/Invalid input|TypeError|undefined/);
    }
  });

  it('in lenient mode keeps the good records and lists every bad one with kind, position, field and reason', async () => {
    const h = await zhaotong();
    const roster = Roster.from(
      h,
      {
        cadres: [...cadres, { id: 'B', name: '乙', unit: '公安', rank: 'boss' } as never],
        pairings: [...pairings, { cadreId: 'A', role: 'village', code: V1, from: '2024-05-01', to: '2024-01-01' }],
        visits: [visit(), visit({ id: 'V2', date: '2024-02-30' }), visit({ id: 'V3', minutes: 'abc', households: -1 }), visit({ id: 'V4' })],
      },
      { mode: 'lenient' },
    );
    expect(roster.issues.map((i) => [i.kind, i.index, i.field, i.reason])).to.deep.equal([
      ['cadre', 1, 'rank', 'value.enum'],
      ['pairing', 1, 'to', 'value.format'],
      ['visit', 1, 'date', 'value.format'],
      ['visit', 2, 'minutes', 'value.type'],
      ['visit', 2, 'households', 'value.too-small'],
    ]);
    expect([roster.cadreCount, roster.pairingCount, roster.visitCount]).to.deep.equal([1, 1, 2]);
    // Text that needs trimming is accepted in its normal form, as the schema gives it.
    const trimmed = Roster.from(h, { cadres: [{ id: ' A ', name: '甲', unit: '法院', rank: 'staff' }], pairings });
    expect(trimmed.cadreIndex('A')).to.equal(0);
  });

  it('takes a padded 12-digit village code in a visit and a pairing as the same village', async () => {
    const h = await zhaotong();
    const roster = Roster.from(h, { cadres, pairings: [{ cadreId: 'A', role: 'village', code: V1 }], visits: [visit({ villageCode: ` ${V1} ` })] });
    expect(roster.visitColumns().village[0]).to.equal(h.indexOf(V1));
  });

  it('the fast gate accepts exactly what the schemas accept (seeded, 10,000 cases each)', () => {
    const text = fc.oneof(fc.constantFrom('', ' ', 'A', ' A', 'A ', '甲', 'C000123'), fc.string({ maxLength: 4 }));
    const date = fc.oneof(fc.constantFrom('2024-02-29', '2023-02-29', '2024-02-30', '2024-13-01', '2024-3-1', '2024-03-01x', '1970-01-01', '0000-01-01', '9999-12-31'), fc.string({ maxLength: 10 }));
    const stamp = fc.constantFrom('2024-03-01T09:00:00+08:00', '2024-02-29T23:59:59Z', '2024-03-01T00:30:00+08:00', '2024-02-29T15:59:00Z', '2024-02-29T16:00:00Z', '2024-03-01 09:00', '2024-02-30T09:00:00Z', '2025-01-01T00:00:00+14:00');
    const num = fc.oneof(fc.integer({ min: -3, max: 1500 }), fc.constantFrom(0, 1440, 1441, 10_000, 10_001, -0, 1.5, Number.NaN, Infinity, '60', null));
    const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const visits = fc.record(
      {
        id: text,
        cadreId: text,
        villageCode: fc.constantFrom(V1),
        date,
        minutes: num,
        households: num,
        activities: fc.oneof(fc.array(fc.constantFrom('law-class', 'other', 'dancing', 3)), fc.constant('law-class')),
        notes: opt(fc.oneof(fc.string(), fc.integer())),
        recordedAt: opt(fc.oneof(stamp, fc.constant('2024-02-29'))),
        recordedBy: opt(text),
      },
      { requiredKeys: [] },
    );
    const objects = (a: fc.Arbitrary<Record<string, unknown>>) => fc.oneof({ weight: 20, arbitrary: a }, { weight: 1, arbitrary: fc.constantFrom(null, [], 'x', 5) });
    fc.assert(
      fc.property(objects(visits), (v) => plainVisit(v) === visitSchema.safeParse(v).success),
      { seed: 1101, numRuns: 10_000 },
    );
    const pairingsArb = fc.record({ cadreId: text, role: fc.constantFrom('village', 'county-lead', 'township-lead', 'boss'), code: fc.constantFrom(V1), from: opt(date), to: opt(date) }, { requiredKeys: [] });
    fc.assert(
      fc.property(objects(pairingsArb), (p) => plainPairing(p) === pairingSchema.safeParse(p).success),
      { seed: 1102, numRuns: 10_000 },
    );
    const coord = fc.oneof(fc.double({ min: -200, max: 200 }), fc.constantFrom(Number.NaN, Infinity, '3', 90, -180));
    const cadresArb = fc.record({ id: text, name: text, unit: text, rank: fc.constantFrom('staff', 'divisional', 'prefectural', 'boss'), homeCode: opt(fc.constantFrom(V1)), lat: opt(coord), lon: opt(coord) }, { requiredKeys: [] });
    // The gate may send a record to the schema (text to trim); it must never pass one the schema refuses.
    fc.assert(
      fc.property(objects(cadresArb), (c) => !plainCadre(c) || cadreSchema.safeParse(c).success),
      { seed: 1103, numRuns: 10_000 },
    );
  });

  it('in lenient mode accounts for every input exactly (seeded property)', async () => {
    const h = await zhaotong();
    const villages = h.descendantsOf('530602', 'village').map((d) => d.code);
    const good = fc.record({ id: fc.constantFrom('V1', 'V2', 'V3'), cadreId: fc.constantFrom('A', 'B', 'Z'), villageCode: fc.constantFrom(...villages.slice(0, 5), '530602001599'), date: fc.constantFrom('2024-01-05', '2024-07-31'), minutes: fc.integer({ min: 0, max: 1440 }), households: fc.integer({ min: 0, max: 50 }), activities: fc.constant(['law-class']) });
    const anyVisit = fc.oneof(good, fc.anything(), good.map((v) => ({ ...v, date: '2024-02-30' })), good.map((v) => ({ ...v, villageCode: '53x' })), good.map((v) => ({ ...v, minutes: -1 })));
    const cadreArb = fc.oneof(fc.constantFrom<unknown>({ id: 'A', name: '甲', unit: '法院', rank: 'staff' }, { id: 'B', name: '乙', unit: '法院', rank: 'staff' }, { id: 'A', name: '甲二', unit: '法院', rank: 'staff' }), fc.anything());
    const pairingArb = fc.oneof(fc.constantFrom<unknown>({ cadreId: 'A', role: 'village', code: villages[0] }, { cadreId: 'B', role: 'village', code: '530602001599' }, { cadreId: 'B', role: 'village', code: '5306x' }), fc.anything());
    fc.assert(
      fc.property(fc.array(cadreArb, { maxLength: 6 }), fc.array(pairingArb, { maxLength: 6 }), fc.array(anyVisit, { maxLength: 12 }), (cs, ps, vs) => {
        const roster = Roster.from(h, { cadres: cs as Cadre[], pairings: ps as Pairing[], visits: vs as Visit[] }, { mode: 'lenient' });
        const refused = (kind: string) => new Set(roster.issues.filter((i) => i.kind === kind).map((i) => i.index)).size;
        expect(roster.cadreCount + roster.duplicateCadres.length + refused('cadre')).to.equal(cs.length);
        expect(roster.pairingCount + refused('pairing')).to.equal(ps.length);
        expect(roster.visitCount + refused('visit')).to.equal(vs.length);
        // Strict mode accepts the same input exactly when lenient mode found nothing to refuse.
        let strictOk = true;
        try {
          Roster.from(h, { cadres: cs as Cadre[], pairings: ps as Pairing[], visits: vs as Visit[] });
        } catch (e) {
          expect(e).to.be.instanceOf(RecordsError);
          strictOk = false;
        }
        expect(strictOk).to.equal(roster.issues.length === 0);
        // And the check runs on whatever was accepted.
        checkPairing(roster, { year: 2024, scope: '530602' });
      }),
      { seed: 1104, numRuns: 2_000 },
    );
  });
});

describe('the pairing policy: unknown keys and contradictions refused with typed errors', function () {
  this.timeout(120_000);

  it('refuses misspelt keys at every depth, and campaigns or bounds that contradict themselves', async () => {
    const h = await zhaotong();
    const roster = Roster.from(h, { cadres, pairings });
    const cases: Array<[unknown, string, string]> = [
      [{ minVisitPerYear: 6 }, 'minVisitPerYear', 'value.unknown-key'],
      [{ leads: { prefecture: 'county' } }, 'leads.prefecture', 'value.unknown-key'],
      [{ campaign: { from: '2021-07-01', to: '2025-12-31', until: '2026-01-01' } }, 'campaign.until', 'value.unknown-key'],
      [{ findings: { minMinute: 30 } }, 'findings.minMinute', 'value.unknown-key'],
      [{ campaign: { from: '2025-07-01', to: '2021-12-31' } }, 'campaign.to', 'value.format'],
      [{ campaign: { from: '2021-07-01', to: '2025-02-30' } }, 'campaign.to', 'value.format'],
      [{ findings: { minMinutes: 120, maxMinutesPerVisit: 60 } }, 'findings.maxMinutesPerVisit', 'value.format'],
      [{ findings: { maxHouseholdsPerVisit: 0 } }, 'findings.maxHouseholdsPerVisit', 'value.too-small'],
      [{ minVisitsPerYear: '4' }, 'minVisitsPerYear', 'value.type'],
      ['Zhaotong', '', 'value.type'],
    ];
    for (const [policy, field, reason] of cases) {
      for (const run of [() => checkPairing(roster, { year: 2024, policy: policy as never }), () => watchPairing(roster, { year: 2024, policy: policy as never }), () => new PairingMonitor(roster, { year: 2024, policy: policy as never }), () => parsePairingPolicy(policy as never)]) {
        const e = thrown(run);
        expect(e, JSON.stringify(policy)).to.be.instanceOf(SchemaError);
        expect((e as SchemaError).issues.map((i) => [i.field, i.reason]), JSON.stringify(policy)).to.deep.include([field, reason]);
        expect((e as SchemaError).details['kind']).to.equal('pairing-policy');
      }
    }
    const e = thrown(() => parsePairingPolicy({ findings: { minMinute: 30 } } as never)) as SchemaError;
    expect(e.describe('zh-Hans')).to.contain('挂联政策').and.contain('发现规则');
    expect(e.describe('zh-Hans')).to.not.contain('Invalid input');
    // A policy already parsed (every default filled in) is taken as it is.
    const full = parsePairingPolicy({ minVisitsPerYear: 6 });
    expect(parsePairingPolicy(full)).to.deep.equal(full);
  });

  it('refuses nonsense check options with typed errors', async () => {
    const h = await zhaotong();
    const roster = Roster.from(h, { cadres, pairings });
    for (const options of [{ year: Number.NaN }, { year: '2024' }, { year: 2024.5 }, {}, { year: 2024, findings: 'yes' }, { year: 2024, scope: 5306 }, { year: 2024, scope: '53x' }, { year: 2024, scope: '539999' }, null]) {
      const e = thrown(() => checkPairing(roster, options as never));
      expect(e, JSON.stringify(options)).to.be.instanceOf(GualianError);
    }
    expect(thrown(() => ledgerOf(roster, 'A', 2024.5))).to.be.instanceOf(SchemaError);
  });
});

describe('ledger findings: plausibility bounds and back-filled ledgers', function () {
  this.timeout(120_000);

  const run = async (visits: Visit[], policy = {}) => {
    const h = await zhaotong();
    const roster = Roster.from(h, { cadres, pairings, visits });
    return { roster, report: checkPairing(roster, { year: 2024, scope: '530602', policy }) };
  };
  const quarterly = (over: (k: number) => Record<string, unknown> = () => ({})) => [0, 1, 2, 3].map((k) => visit({ id: `V${k}`, date: `2024-${String(3 * k + 2).padStart(2, '0')}-10`, ...over(k) }));

  it('flags visits beyond the policy’s plausibility bounds, and refuses the impossible at the door', async () => {
    const { report } = await run(quarterly((k) => (k === 1 ? { minutes: 900 } : k === 2 ? { households: 400 } : {})));
    const found = report.violations.filter((v) => v.code === 'ledger.implausible');
    expect(found).to.have.length(1);
    expect(found[0]!.details).to.include({ count: 2, visits: 4, maxMinutes: 720, maxHouseholds: 100, evidence: 'V1 V2' });
    // Looser bounds as policy data: nothing to flag.
    const loose = await run(quarterly((k) => (k === 1 ? { minutes: 900 } : k === 2 ? { households: 400 } : {})), { findings: { maxMinutesPerVisit: 1000, maxHouseholdsPerVisit: 500 } });
    expect(loose.report.violations.filter((v) => v.code === 'ledger.implausible')).to.deep.equal([]);
    const { describeViolation } = await import('../src/pairing/index.js');
    expect(describeViolation(found[0]!, 'zh-Hans')).to.contain('超过合理范围');
    expect(describeViolation(found[0]!, 'zh-Hant')).to.contain('超過合理範圍');
    expect(describeViolation(found[0]!, 'en')).to.contain('beyond plausible bounds');
  });

  it('flags a ledger back-filled long after the visits, keeps who recorded what, and refuses a record made before its visit', async () => {
    const { report, roster } = await run(quarterly((k) => ({ recordedAt: k < 3 ? '2024-12-28T17:00:00+08:00' : '2024-11-10T20:00:00+08:00', recordedBy: 'clerk-7' })));
    const found = report.violations.filter((v) => v.code === 'ledger.backfilled');
    expect(found).to.have.length(1);
    expect(found[0]!.details).to.include({ count: 3, visits: 4, days: 30, evidence: 'V0 V1 V2' });
    expect(found[0]!.cadres).to.deep.equal(['A']);
    const { describeViolation } = await import('../src/pairing/index.js');
    expect(describeViolation(found[0]!, 'zh-Hans')).to.contain('补记台账');
    expect(describeViolation(found[0]!, 'zh-Hant')).to.contain('補記台帳');
    expect(describeViolation(found[0]!, 'en')).to.contain('back-filled');
    expect(ledgerOf(roster, 'A', 2024).lines[0]).to.include({ recordedAt: '2024-12-28T17:00:00+08:00', recordedBy: 'clerk-7' });
    // Old data without the times: no finding; entered the same evening: none either.
    expect((await run(quarterly())).report.violations.filter((v) => v.code === 'ledger.backfilled')).to.deep.equal([]);
    expect((await run(quarterly(() => ({ recordedAt: '2024-12-01T00:00:00Z' })), { findings: { maxRecordDelayDays: 400 } })).report.violations.filter((v) => v.code === 'ledger.backfilled')).to.deep.equal([]);
    // Recorded the evening before the visit's day in China (UTC 15:59 is 23:59 in Beijing): refused.
    const h = await zhaotong();
    const e = thrown(() => Roster.from(h, { cadres, pairings, visits: [visit({ recordedAt: '2024-02-29T15:59:00Z' })] })) as RecordsError;
    expect(e.issues[0]).to.deep.include({ field: 'recordedAt', reason: 'value.format' });
    expect(describeRecordIssue(e.issues[0]!, 'zh-Hans')).to.contain('不早于走访日期');
    expect(Roster.from(h, { cadres, pairings, visits: [visit({ recordedAt: '2024-02-29T16:00:00Z' })] }).visitCount).to.equal(1);
  });

  it('watches back-filled entries as they come in', async () => {
    const h = await zhaotong();
    const roster = Roster.from(h, { cadres, pairings, visits: quarterly() });
    const options = { year: 2024, scope: '530602' };
    const monitor = watchPairing(roster, options);
    roster.addVisit(visit({ id: 'late', date: '2024-01-15', recordedAt: '2024-12-30T09:00:00+08:00' }));
    expect(monitor.report()).to.deep.equal(checkPairing(roster, options));
    expect(monitor.report().violations.some((v) => v.code === 'ledger.backfilled')).to.equal(true);
    monitor.stop();
  });
});
