/**
 * Issue 11, spot checks and inspections: nonsense options are refused with typed errors instead
 * of falling back, and inspections naming unknown cadres or villages, or impossible dates, are
 * refused (strict) or reported one by one with exact accounting (lenient). Real Zhaotong data.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { checkPairing, Roster } from '../src/pairing/index.js';
import { compareInspections, drawSpotCheck, InspectionError, parseInspections, type Inspection, type SpotCheckOptions } from '../src/inspection.js';
import { GualianError, describeError } from '../src/errors/index.js';
import { RecordsError, SchemaError, describeRecordIssue } from '../src/errors/schema.js';
import { generateRoster } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('spot checks and inspections refuse nonsense (issue 11)', function () {
  this.timeout(180_000);
  let cached: Promise<{ roster: Roster; report: ReturnType<typeof checkPairing>; demo: ReturnType<typeof generateRoster> }> | null = null;
  const setup = () =>
    (cached ??= (async () => {
      const h = (await edition('2023')).subtree('5306');
      const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
      const roster = Roster.from(h, demo);
      return { roster, report: checkPairing(roster, { year: 2024, scope: '5306' }), demo };
    })());

  const schemaFields = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (e) {
      expect(e).to.be.instanceOf(SchemaError);
      return (e as SchemaError).issues.map((i) => i.field);
    }
    throw new Error('not refused');
  };

  it('refuses negative, fractional and missing counts, shares outside (0, 1], bad seeds, unknown units and keys', async () => {
    const { roster, report } = await setup();
    const draw = (o: unknown) => () => drawSpotCheck(report, roster, o as SpotCheckOptions);
    expect(schemaFields(draw({ seed: 1, size: -3 }))).to.deep.equal(['size']);
    expect(schemaFields(draw({ seed: 1, size: 2.5 }))).to.deep.equal(['size']);
    expect(schemaFields(draw({ seed: 1, size: 0 }))).to.deep.equal(['size']);
    expect(schemaFields(draw({ seed: 1 }))).to.deep.equal(['size']); // neither size nor share
    expect(schemaFields(draw({ seed: 1, size: 3, share: 0.1 }))).to.deep.equal(['size']); // both
    expect(schemaFields(draw({ seed: 1, share: 1.5 }))).to.deep.equal(['share']);
    expect(schemaFields(draw({ seed: 1, share: 0 }))).to.deep.equal(['share']);
    expect(schemaFields(draw({ seed: 1, share: Number.NaN }))).to.deep.equal(['share']);
    expect(schemaFields(draw({ seed: -1, size: 3 }))).to.deep.equal(['seed']);
    expect(schemaFields(draw({ seed: 1.5, size: 3 }))).to.deep.equal(['seed']);
    expect(schemaFields(draw({ seed: 2 ** 32, size: 3 }))).to.deep.equal(['seed']);
    expect(schemaFields(draw({ seed: '7', size: 3 }))).to.deep.equal(['seed']);
    expect(schemaFields(draw({ seed: 1, size: 3, unit: 'cadres' }))).to.deep.equal(['unit']);
    expect(schemaFields(draw({ seed: 1, size: 3, strata: 'village' }))).to.deep.equal(['strata']);
    expect(schemaFields(draw({ seed: 1, size: 3, flaggedWeight: 0.5 }))).to.deep.equal(['flaggedWeight']);
    expect(schemaFields(draw({ seed: 1, size: 3, flaggedWeight: Infinity }))).to.deep.equal(['flaggedWeight']);
    expect(schemaFields(draw({ seed: 1, size: 3, sise: 4 }))).to.deep.equal(['sise']); // a misspelt key is not ignored
    expect(schemaFields(draw({ seed: 1, size: 3, scope: '53x6' }))).to.deep.equal(['scope']);
    expect(schemaFields(draw(null))).to.deep.equal(['']);
    // Messages in Chinese name the field, with no English.
    try {
      draw({ seed: 1, size: -3 })();
    } catch (e) {
      expect(describeError(e, 'zh-Hans')).to.include('抽取数量').and.not.match(/[A-Za-z]{4,}/);
    }
  });

  it('refuses scopes outside the hierarchy or the report, and sizes beyond the population', async () => {
    const { roster, report } = await setup();
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).to.be.instanceOf(InspectionError).and.instanceOf(GualianError);
        for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect((e as InspectionError).describe(lang)).to.not.include('error.');
        return (e as InspectionError).code;
      }
      throw new Error('not refused');
    };
    expect(code(() => drawSpotCheck(report, roster, { seed: 1, size: 3, scope: '539999' }))).to.equal('spot-check.unknown-scope');
    expect(code(() => drawSpotCheck(report, roster, { seed: 1, size: 3, scope: '5301' }))).to.equal('spot-check.unknown-scope'); // not in the Zhaotong subtree
    expect(code(() => drawSpotCheck(report, roster, { seed: 1, size: 5000, unit: 'village' }))).to.equal('spot-check.too-large');
    // A county scope, padded to 12 digits, and a share: 10% of 镇雄县's villages, rounded up, all in it.
    const villages = roster.hierarchy.descendantsOf('530627', 'village').length;
    const d = drawSpotCheck(report, roster, { seed: 3, share: 0.1, unit: 'village', scope: '530627000000' });
    expect(d.items).to.have.length(Math.ceil(villages / 10));
    expect(d.items.every((i) => i.id.startsWith('530627'))).to.equal(true);
    const whole = drawSpotCheck(report, roster, { seed: 3, share: 1, unit: 'village', scope: '530627' });
    expect(whole.items).to.have.length(villages);
  });

  it('refuses inspections naming unknown cadres, unknown villages or impossible dates, with every issue (strict)', async () => {
    const { roster, demo } = await setup();
    const visit = demo.visits[0]!;
    const good: Inspection = { id: 'I1', cadreId: visit.cadreId, villageCode: visit.villageCode, date: visit.date, inspector: '市督查组', present: true, working: true };
    const bad = [
      good,
      { ...good, id: 'I2', cadreId: 'C-nobody' },
      { ...good, id: 'I3', villageCode: visit.villageCode.slice(0, 9) + '598' }, // well formed, not in the hierarchy
      { ...good, id: 'I4', date: '2024-02-30' },
      { ...good, id: 'I5', villageCode: '530627' }, // a county, not a village
      { ...good, id: 'I1' }, // repeated id
      { ...good, id: 'I7', present: 'yes' },
    ];
    let err: unknown;
    try {
      compareInspections(roster, bad);
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(RecordsError);
    const issues = (err as RecordsError).issues;
    expect(issues.map((i) => [i.index, i.field, i.reason])).to.deep.equal([
      [1, 'cadreId', 'inspection.unknown-cadre'],
      [2, 'villageCode', 'inspection.unknown-village'],
      [3, 'date', 'value.format'],
      [4, 'villageCode', 'inspection.unknown-village'],
      [5, 'id', 'inspection.duplicate-id'],
      [6, 'present', 'value.type'],
    ]);
    expect(describeRecordIssue(issues[0]!, 'zh-Hans')).to.equal('第 2 条督查记录（I2），干部编号：干部“C-nobody”不在名册中');
    expect(describeRecordIssue(issues[4]!, 'en')).to.include('repeats record no. 1');
    // Lenient: the good one compared, every bad one reported.
    const lenient = compareInspections(roster, bad, { mode: 'lenient' });
    expect(lenient.findings.map((f) => f.inspection.id)).to.deep.equal(['I1']);
    expect(lenient.positions).to.deep.equal([0]);
    expect(new Set(lenient.issues.map((i) => i.index)).size + lenient.findings.length).to.equal(bad.length);
    // A padded village code finds the ledger's visits.
    const padded = compareInspections(roster, [{ ...good, present: false }, { ...good, id: 'I9', present: false, villageCode: visit.villageCode.padEnd(12, '0') }]);
    expect(padded[1]!.outcome).to.equal(padded[0]!.outcome);
  });

  it('lenient mode accounts exactly for every generated inspection (fast-check, 10,000 cases)', async () => {
    // One county (昭阳区) keeps each comparison's pass over the ledger short.
    const h = (await edition('2023')).subtree('530602');
    const demo = generateRoster(h, { scope: '530602', year: 2024, seed: 11 });
    const roster = Roster.from(h, demo);
    const cadres = demo.cadres.slice(0, 50).map((c) => c.id);
    const villages = [...new Set(demo.visits.slice(0, 200).map((v) => v.villageCode))];
    const field = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: bad, weight: 1 });
    const inspection = fc.record(
      {
        id: field(fc.constantFrom('I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8'), fc.constantFrom('', 7, null)),
        cadreId: field(fc.constantFrom(...cadres), fc.constantFrom('C-none', '', 3)),
        villageCode: field(fc.constantFrom(...villages), fc.constantFrom('530627999999', '5306', 'x', '530627')),
        date: field(
          fc.integer({ min: 0, max: 365 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)),
          fc.constantFrom('2024-02-30', '2024-13-01', '2024-1-1', '2024-03-01x', ''),
        ),
        inspector: field(fc.constant('督查组'), fc.constantFrom('', 0)),
        present: field(fc.boolean(), fc.constantFrom('yes', 1)),
        working: field(fc.boolean(), fc.constantFrom('no', null)),
      },
      { requiredKeys: ['id', 'cadreId', 'villageCode', 'date', 'present', 'working'] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(inspection, fc.constantFrom(null, 5, 'x', [])), { maxLength: 12 }), (inputs) => {
        const r = compareInspections(roster, inputs, { mode: 'lenient' });
        const refused = new Set(r.issues.map((i) => i.index));
        // Exact: each input is a finding or refused, never both, never lost.
        expect(r.findings.length + refused.size).to.equal(inputs.length);
        for (const p of r.positions) expect(refused.has(p)).to.equal(false);
        for (const i of r.issues) {
          expect(i.kind).to.equal('inspection');
          for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(describeRecordIssue(i, lang)).to.not.include('error.');
        }
        // Strict agrees: throws exactly when lenient reports something, and with the same issues.
        try {
          const strict = compareInspections(roster, inputs);
          expect(r.issues).to.deep.equal([]);
          expect(strict.length).to.equal(r.findings.length);
        } catch (e) {
          expect(e).to.be.instanceOf(RecordsError);
          expect((e as RecordsError).issues).to.deep.equal(r.issues);
        }
        // Every accepted inspection is really valid: a known cadre and village, a real date.
        for (const f of r.findings) {
          expect(roster.cadreIndex(f.inspection.cadreId)).to.be.at.least(0);
          expect(parseInspections(roster, [f.inspection]).records).to.have.length(1);
        }
      }),
      { seed: 20261207, numRuns: 10_000 },
    );
  });
});
