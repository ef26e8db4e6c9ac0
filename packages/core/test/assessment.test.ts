import { expect } from 'chai';
import { isoDate, type Hierarchy } from '../src/index.js';
import { ACTIVITIES, Roster, checkPairing, ledgerOf } from '../src/pairing/index.js';
import {
  AssessmentError,
  describeAssessmentError,
  describeRubricIssue,
  evaluateFormula,
  factsOfFormula,
  parseFormula,
  rubricJsonSchema,
  validateRubric,
  ACTIVITY_FACTS,
  EXAMPLE_CADRE_RUBRIC,
  RECORD_FACTS,
  applyGradeQuota,
  computeFacts,
  parsePeriod,
  parseRubric,
  period,
  periodKey,
  periodRange,
  periodsWithin,
  previousPeriod,
  rankGroups,
  rankSubjects,
  redBlackLists,
  rollUpFacts,
  scoreAll,
  scoreSheet,
  scoreSheetSchema,
  scoredOf,
  type FactProvider,
  type FactTable,
  type ManualEntry,
  type RubricInput,
  type ScoreSheet,
  type ScoredSubject,
} from '../src/assessment/index.js';
import { compareInspections, type Inspection } from '../src/visits/spot-check.js';
import { generateRoster, seededRandom, type GeneratedRoster } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

const Y2024 = period('year', 2024);
const round2 = (x: number) => Math.round(x * 100) / 100;

let cached: Promise<{ h: Hierarchy; demo: GeneratedRoster; roster: Roster }> | null = null;
/** The real Zhaotong hierarchy with the generated roster and its planted faults (once per run). */
function zhaotong() {
  cached ??= (async () => {
    const h = (await edition('2023')).subtree('5306');
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 7, faults: true });
    return { h, demo, roster: Roster.from(h, demo) };
  })();
  return cached;
}

/** Σ every explained point of a sheet: lines, section caps, the range and the veto. */
function explained(sheet: ScoreSheet): number {
  let sum = 0;
  for (const s of sheet.sections) {
    for (const l of s.lines) sum += l.points;
    sum += s.capAdjustment;
  }
  return round2(sum + sheet.rangeAdjustment + sheet.vetoAdjustment);
}

function rowsOf(facts: FactTable, ids: readonly string[]): number[] {
  return ids.map((id) => {
    const r = facts.rowOf(id);
    expect(r, id).to.be.at.least(0);
    return r;
  });
}

describe('assessment: facts from the records, on the real Zhaotong hierarchy', function () {
  this.timeout(180_000);

  it('agrees with the pairing check: visits made, required, shortfall, and every finding', async () => {
    const { demo, roster } = await zhaotong();
    const report = checkPairing(roster, { year: 2024, scope: '5306' });
    const facts = computeFacts(roster, Y2024);
    expect(facts.size).to.equal(report.totals.cadres);
    const sum = (name: string) => Array.from(facts.column(name)!).reduce((a, b) => a + b, 0);
    expect(sum('pairedVisits')).to.equal(report.totals.visits);
    expect(sum('visitShortfall')).to.equal(report.totals.visitShortfall);
    expect(sum('pairings')).to.equal(report.totals.villagePairings);
    const short = report.violations.filter((v) => v.code === 'visits.short');
    expect(short.length).to.be.greaterThan(0);
    for (const v of short) {
      const r = facts.rowOf(v.cadres[0]!);
      expect({ made: facts.value('pairedVisits', r), required: facts.value('visitsRequired', r), shortfall: facts.value('visitShortfall', r) }, v.cadres[0]).to.deep.equal({
        made: v.details['made'],
        required: v.details['required'],
        shortfall: v.details['shortfall'],
      });
    }
    const flagged = (name: string) => facts.names().includes(name) ? Array.from({ length: facts.size }, (_, r) => r).filter((r) => facts.value(name, r) === 1).map((r) => facts.subjectId(r)).sort() : [];
    const found = (code: string) => report.violations.filter((v) => v.code === code).map((v) => v.cadres[0]!).sort();
    for (const [code, fact] of [
      ['nominal.no-visits', 'nominal.noVisits'],
      ['nominal.empty-visits', 'nominal.emptyVisits'],
      ['commute.short-visits', 'commute.shortVisits'],
      ['commute.crammed', 'commute.crammed'],
      ['commute.same-day-distant', 'commute.sameDayDistant'],
    ] as const) {
      expect(flagged(fact), fact).to.deep.equal(found(code));
    }
    expect(flagged('nominal.noVisits')).to.deep.equal([...demo.planted.noVisits].sort());
    // The finding is the fact's evidence.
    const r = facts.rowOf(demo.planted.driveBy[0]!);
    expect(facts.evidence('commute.shortVisits', r)).to.include({ source: 'findings', code: 'commute.short-visits' });
    expect(facts.evidence('commute.shortVisits', r).note).to.match(/evidence: V\d+/);
  });

  it('agrees with each cadre’s ledger (一人一工作台账): visits, minutes, households, activities', async () => {
    const { demo, roster } = await zhaotong();
    const facts = computeFacts(roster, Y2024);
    const rnd = seededRandom(4);
    const ids = new Set<string>([...demo.planted.sameDay, ...demo.planted.driveBy, ...demo.planted.noVisits, ...demo.planted.crammed]);
    while (ids.size < 120) ids.add(facts.subjectId(Math.floor(rnd() * facts.size)));
    for (const id of ids) {
      const ledger = ledgerOf(roster, id, 2024);
      const r = facts.rowOf(id);
      expect(facts.value('visits', r), id).to.equal(ledger.totals.visits);
      expect(facts.value('visitMinutes', r), id).to.equal(ledger.totals.minutes);
      expect(facts.value('households', r), id).to.equal(ledger.totals.households);
      for (const a of ACTIVITIES) expect(facts.value(ACTIVITY_FACTS[a], r), `${id} ${a}`).to.equal(ledger.totals.byActivity[a]);
    }
    // A same-day cadre recorded one visit outside their village: the ledger counts it, the check does not.
    const same = facts.rowOf(demo.planted.sameDay[0]!);
    expect(facts.value('visits', same)).to.equal(facts.value('pairedVisits', same) + 1);
  });

  it('adds up over periods: the year’s visits are the sum of its months’ and of its quarters’', async () => {
    const { roster } = await zhaotong();
    const year = computeFacts(roster, Y2024);
    const months = periodsWithin(Y2024, 'month').map((p) => computeFacts(roster, p));
    const quarters = periodsWithin(Y2024, 'quarter').map((p) => computeFacts(roster, p));
    expect(months).to.have.length(12);
    const additive = RECORD_FACTS.filter((f) => f.additive).map((f) => f.name);
    expect(additive).to.include.members(['visits', 'pairedVisits', 'households', 'visitMinutes', 'activity.lawClass', 'spotChecks']);
    let checked = 0;
    for (let r = 0; r < year.size; r++) {
      const id = year.subjectId(r);
      for (const name of additive) {
        const m = months.reduce((a, t) => a + t.value(name, t.rowOf(id)), 0);
        const q = quarters.reduce((a, t) => a + t.value(name, t.rowOf(id)), 0);
        if (m !== year.value(name, r) || q !== year.value(name, r)) expect.fail(`${id} ${name}: year ${year.value(name, r)}, months ${m}, quarters ${q}`);
        checked++;
      }
    }
    expect(checked).to.equal(year.size * additive.length);
    // The requirement is prorated: a quarter asks one of the year's four, a month none, so no month flags a cadre as nominal.
    const c = year.rowOf(year.subjectId(0));
    expect(year.value('visitsRequired', c)).to.equal(4);
    expect(quarters.map((t) => t.value('visitsRequired', t.rowOf(year.subjectId(0))))).to.deep.equal([1, 1, 1, 1]);
    expect(months.every((t) => Array.from(t.column('nominal.noVisits')!).every((v) => v === 0))).to.equal(true);
    expect(months.every((t) => Array.from(t.column('commute.crammed')!).every((v) => v === 0))).to.equal(true);
  });

  it('has periods with day ranges, keys and neighbours', () => {
    expect(periodRange(period('month', 2024, 2)).map(isoDate)).to.deep.equal(['2024-02-01', '2024-02-29']);
    expect(periodRange(period('quarter', 2024, 4)).map(isoDate)).to.deep.equal(['2024-10-01', '2024-12-31']);
    expect(periodRange(Y2024).map(isoDate)).to.deep.equal(['2024-01-01', '2024-12-31']);
    for (const key of ['2024', '2024-Q3', '2024-03', '2023-12']) expect(periodKey(parsePeriod(key))).to.equal(key);
    expect(previousPeriod(period('month', 2024, 1))).to.deep.equal(period('month', 2023, 12));
    expect(previousPeriod(period('quarter', 2024, 3))).to.deep.equal(period('quarter', 2024, 2));
    expect(periodsWithin(period('quarter', 2024, 2), 'month').map(periodKey)).to.deep.equal(['2024-04', '2024-05', '2024-06']);
    // The months of a year tile it: no day missed, none twice.
    const days = periodsWithin(Y2024, 'month').map((p) => periodRange(p));
    for (let k = 1; k < 12; k++) expect(days[k]![0]).to.equal(days[k - 1]![1] + 1);
    for (const bad of ['2024-13', '2024-Q5', '24', '2024-00']) expect(() => parsePeriod(bad), bad).to.throw().with.property('code', 'period.invalid');
    expect(() => period('month', 2024, 13)).to.throw().with.property('code', 'period.invalid');
  });

  it('takes manual entries with evidence and author, the latest holding, and refuses bad ones', async () => {
    const { roster } = await zhaotong();
    const facts = computeFacts(roster, Y2024, { rubric: EXAMPLE_CADRE_RUBRIC });
    const id = facts.subjectId(10);
    const entry = (fact: string, value: number, at: string, over: Partial<ManualEntry> = {}): ManualEntry => ({ subject: id, period: '2024', fact, value, evidence: `验收单 ${at}`, author: 'T530602001', at, ...over });
    const withTasks = facts.withEntries([
      entry('tasksAssigned', 4, '2024-12-01T09:00:00+08:00'),
      entry('tasksCompleted', 3, '2024-12-20T10:00:00+08:00'),
      entry('tasksCompleted', 1, '2024-12-02T10:00:00+08:00'), // earlier: overridden
      entry('tasksCompleted', 9, '2025-01-05T10:00:00+08:00', { period: '2025' }), // another period: ignored
    ]);
    const r = withTasks.rowOf(id);
    expect(withTasks.value('tasksCompleted', r)).to.equal(3);
    expect(withTasks.evidence('tasksCompleted', r)).to.deep.equal({ source: 'manual', note: '验收单 2024-12-20T10:00:00+08:00', author: 'T530602001', at: '2024-12-20T10:00:00+08:00' });
    expect(facts.value('tasksCompleted', r), 'the original table is unchanged').to.equal(0);
    const sheet = scoreSheet(EXAMPLE_CADRE_RUBRIC, withTasks.subject(r), Y2024);
    const tasks = sheet.sections.find((s) => s.id === 'work')!.lines.find((l) => l.item === 'tasks')!;
    expect(tasks.points).to.equal(7.5);
    expect(tasks.facts).to.deep.equal([{ name: 'tasksAssigned', value: 4 }, { name: 'tasksCompleted', value: 3 }]);
    expect(sheet.facts['tasksCompleted']!.evidence.author).to.equal('T530602001');
    expect(() => facts.withEntries([entry('visits', 9, '2024-12-01T09:00:00+08:00')])).to.throw().with.property('code', 'facts.not-manual');
    expect(() => facts.withEntries([entry('tasksCompleted', 2, '2024-12-01T09:00:00+08:00', { subject: 'C999999' })])).to.throw().with.property('code', 'facts.unknown-subject');
    expect(() => facts.withEntries([entry('tasksCompleted', 2.5, '2024-12-01T09:00:00+08:00')])).to.throw().with.property('code', 'facts.bad-entry');
    expect(() => facts.withEntries([entry('tasksCompleted', 2, '2024-12-01T09:00:00+08:00', { evidence: ' ' })])).to.throw().with.property('code', 'facts.bad-entry');
    expect(() => facts.withEntries([entry('tasksCompleted', 2, '2024-12-01 09:00')])).to.throw().with.property('code', 'facts.bad-entry');
  });

  it('takes facts from a provider (the extension point for disputes) and refuses a declared fact nobody provides', async () => {
    const { roster } = await zhaotong();
    const rubric = parseRubric({
      ...EXAMPLE_CADRE_RUBRIC,
      id: 'with-disputes',
      facts: [...EXAMPLE_CADRE_RUBRIC.facts, { name: 'disputes.resolvedInVillage', type: 'count', source: 'provider' }],
      sections: [
        ...EXAMPLE_CADRE_RUBRIC.sections.filter((s) => s.id !== 'bonus'),
        { id: 'bonus', label: '加分项', cap: 10, items: [{ id: 'village-level', label: '小事不出村', kind: 'bonus', fact: 'disputes.resolvedInVillage', points: 1, cap: 10 }] },
      ],
    });
    expect(() => computeFacts(roster, Y2024, { rubric })).to.throw().with.property('code', 'facts.no-provider');
    const disputes: FactProvider = {
      name: 'disputes',
      facts: [{ name: 'disputes.resolvedInVillage', type: 'count', additive: true }],
      provide(ctx) {
        for (let row = 0; row < ctx.size; row += 100) ctx.set('disputes.resolvedInVillage', row, 3, '纠纷登记 2024-001');
      },
    };
    const facts = computeFacts(roster, Y2024, { rubric, providers: [disputes] });
    expect(facts.value('disputes.resolvedInVillage', 100)).to.equal(3);
    expect(facts.evidence('disputes.resolvedInVillage', 100)).to.deep.equal({ source: 'disputes', note: '纠纷登记 2024-001' });
    const sheet = scoreAll(rubric, facts).sheet(100);
    expect(sheet.sections.find((s) => s.id === 'bonus')!.subtotal).to.equal(3);
  });

  it('rolls cadres’ facts up to counties and units', async () => {
    const { h, roster } = await zhaotong();
    const facts = computeFacts(roster, Y2024);
    const counties = rollUpFacts(facts, { by: 'region', level: 'county' });
    expect(counties.size).to.equal(11);
    expect(counties.kind).to.equal('region');
    expect(counties.subjectId(0)).to.equal(h.childrenOf('5306')[0]!.code);
    const total = (t: FactTable, name: string) => Array.from(t.column(name)!).reduce((a, b) => a + b, 0);
    for (const name of ['visits', 'pairedVisits', 'visitShortfall', 'nominal.noVisits']) expect(total(counties, name), name).to.equal(total(facts, name));
    expect(total(counties, 'members')).to.equal(facts.size);
    const zx = counties.rowOf('530627');
    let visits = 0;
    for (let r = 0; r < facts.size; r++) if (facts.placeOf(r).startsWith('530627')) visits += facts.value('visits', r);
    expect(counties.value('visits', zx)).to.equal(visits);
    const units = rollUpFacts(facts, { by: 'unit' });
    expect(units.size).to.equal(6);
    expect(total(units, 'members')).to.equal(facts.size);
  });
});

describe('assessment: score sheets on the real Zhaotong hierarchy', function () {
  this.timeout(180_000);

  it('vetoes the planted nominal-pairing cadres, and only them', async () => {
    const { demo, roster } = await zhaotong();
    const facts = computeFacts(roster, Y2024, { rubric: EXAMPLE_CADRE_RUBRIC });
    const scores = scoreAll(EXAMPLE_CADRE_RUBRIC, facts);
    const vetoed = Array.from({ length: scores.size }, (_, r) => r).filter((r) => scores.vetoed[r] === 1).map((r) => facts.subjectId(r)).sort();
    expect(vetoed).to.deep.equal([...demo.planted.noVisits].sort());
    for (const r of rowsOf(facts, demo.planted.noVisits)) {
      const sheet = scores.sheet(r);
      expect(sheet.vetoes).to.deep.equal([{ section: 'veto', item: 'nominal', grade: 'fail' }]);
      expect(sheet.grade).to.equal('fail');
      expect(sheet.total).to.equal(0);
      expect(sheet.vetoAdjustment).to.equal(round2(-(sheet.raw + sheet.rangeAdjustment)));
      const line = sheet.sections.find((s) => s.id === 'veto')!.lines[0]!;
      expect(line).to.include({ item: 'nominal', kind: 'veto', fired: true, points: 0 });
      expect(line.facts).to.deep.include({ name: 'nominal.noVisits', value: 1 });
      expect(sheet.facts['nominal.noVisits']!.evidence).to.include({ source: 'findings', code: 'nominal.no-visits' });
    }
  });

  it('is deterministic and explains every point: Σ lines + caps + range + veto = total, for every cadre', async () => {
    const { roster } = await zhaotong();
    const facts = computeFacts(roster, Y2024, { rubric: EXAMPLE_CADRE_RUBRIC });
    const scores = scoreAll(EXAMPLE_CADRE_RUBRIC, facts);
    const again = scoreAll(EXAMPLE_CADRE_RUBRIC, computeFacts(roster, Y2024, { rubric: EXAMPLE_CADRE_RUBRIC }));
    expect(again.total).to.deep.equal(scores.total);
    expect(again.grade).to.deep.equal(scores.grade);
    for (let r = 0; r < facts.size; r++) {
      const sheet = scores.sheet(r);
      if (explained(sheet) !== sheet.total) expect.fail(`${sheet.subject.id}: explained ${explained(sheet)}, total ${sheet.total}`);
      if (sheet.total !== scores.total[r] || sheet.deductions !== scores.deductions[r]) expect.fail(`${sheet.subject.id}: sheet and columns differ`);
      for (const s of sheet.sections) if (round2(s.points + s.capAdjustment) !== s.subtotal) expect.fail(`${sheet.subject.id} ${s.id}`);
      for (const s of sheet.sections) for (const l of s.lines) for (const f of l.facts) if (f.value !== facts.value(f.name, r)) expect.fail(`${sheet.subject.id} ${l.item} ${f.name}`);
      if (sheet.total < 0 || sheet.total > 100) expect.fail(`${sheet.subject.id}: ${sheet.total} outside the range`);
    }
    const one = scores.sheet(5);
    expect(scoreSheet(EXAMPLE_CADRE_RUBRIC, facts.subject(5), Y2024)).to.deep.equal(one);
    expect(JSON.parse(JSON.stringify(one))).to.deep.equal(one);
    expect(scoreSheetSchema.parse(JSON.parse(JSON.stringify(one)))).to.deep.equal(one);
    expect(() => scoreSheet(EXAMPLE_CADRE_RUBRIC, facts.subject(5), period('year', 2023))).to.throw().with.property('code', 'facts.period-mismatch');
    const { values } = facts.subject(5);
    delete values['households'];
    expect(() => scoreSheet(EXAMPLE_CADRE_RUBRIC, { ...facts.subject(5), values }, Y2024)).to.throw().with.property('code', 'facts.missing');
  });

  it('applies item caps, section caps and deductions, with manual facts and spot checks', async () => {
    const { demo, roster } = await zhaotong();
    const V = roster.visitColumns();
    // Inspections: twice found at work; once idle; once absent on a day the ledger has a visit.
    const planted = new Set(Object.values(demo.planted).flat());
    const [id, idle, liar] = demo.cadres.filter((c) => c.rank === 'staff' && !planted.has(c.id)).map((c) => c.id) as [string, string, string];
    const visitOf = (cadre: string) => {
      const c = roster.cadreIndex(cadre);
      for (let v = 0; v < V.cadre.length; v++) if (V.cadre[v] === c) return { village: roster.hierarchy.codeAt(V.village[v]!), date: isoDate(V.day[v]!) };
      throw new Error(cadre);
    };
    const inspect = (n: string, cadre: string, present: boolean, working: boolean): Inspection => ({ id: n, cadreId: cadre, villageCode: visitOf(cadre).village, date: visitOf(cadre).date, inspector: '督查组一', present, working });
    const inspections = compareInspections(roster, [inspect('I1', id, true, true), inspect('I2', id, true, true), inspect('I3', idle, true, false), inspect('I4', liar, false, false)]);
    expect(inspections.map((f) => f.outcome)).to.deep.equal(['confirmed', 'confirmed', 'idle', 'contradicts-ledger']);
    const manual: ManualEntry[] = [{ subject: id, period: '2024', fact: 'commendations', value: 2, evidence: '县委政法委表彰文件', author: 'C530602', at: '2024-12-30T09:00:00+08:00' }];
    const facts = computeFacts(roster, Y2024, { rubric: EXAMPLE_CADRE_RUBRIC, inspections, manual });
    const scores = scoreAll(EXAMPLE_CADRE_RUBRIC, facts);
    const sheet = scores.sheet(facts.rowOf(id));
    const bonus = sheet.sections.find((s) => s.id === 'bonus')!;
    expect(bonus.lines.map((l) => [l.item, l.raw, l.points])).to.deep.equal([
      ['commendations', 10, 10],
      ['spot-confirmed', 4, 4],
    ]);
    expect(bonus).to.include({ points: 14, cap: 10, capAdjustment: -4, subtotal: 10 });
    const idleSheet = scores.sheet(facts.rowOf(idle));
    expect(idleSheet.sections.find((s) => s.id === 'deductions')!.lines.find((l) => l.item === 'spot-idle')!.points).to.equal(-5);
    expect(idleSheet.deductions).to.be.at.least(5);
    const liarSheet = scores.sheet(facts.rowOf(liar));
    expect(liarSheet.vetoes.map((v) => v.item)).to.deep.equal(['nominal']);
    expect(liarSheet.sections.find((s) => s.id === 'veto')!.lines[0]!.facts).to.deep.include({ name: 'spotChecks.contradicted', value: 1 });
    // Households at 0.5 a point are capped at 10; the section and the total stay explained.
    const capped = Array.from({ length: facts.size }, (_, r) => r).find((r) => facts.value('households', r) * 0.5 > 10)!;
    const line = scores.sheet(capped).sections.find((s) => s.id === 'work')!.lines.find((l) => l.item === 'households')!;
    expect(line.capped).to.equal(true);
    expect(line.points).to.equal(10);
    expect(line.raw).to.equal(facts.value('households', capped) * 0.5);
    // Drive-by visits: commute-style and empty visits are deducted.
    const drive = scores.sheet(facts.rowOf(demo.planted.driveBy[0]!));
    const ded = drive.sections.find((s) => s.id === 'deductions')!;
    expect(ded.lines.find((l) => l.item === 'commute')!.points).to.equal(-5);
    expect(ded.lines.find((l) => l.item === 'empty')!.points).to.equal(-10);
    expect(drive.deductions).to.equal(-ded.points);
    // A total below the range is lifted to its minimum, and said so.
    const harsh = parseRubric({ ...EXAMPLE_CADRE_RUBRIC, id: 'harsh', sections: [{ id: 'd', label: '扣分', items: [{ id: 'short', label: '走访不足', kind: 'deduction', fact: 'visitShortfall', points: 30 }] }] });
    const few = facts.rowOf(demo.planted.fewVisits[0]!);
    const harshSheet = scoreSheet(harsh, facts.subject(few), Y2024);
    expect(harshSheet.raw).to.be.below(0);
    expect(harshSheet.total).to.equal(0);
    expect(harshSheet.rangeAdjustment).to.equal(-harshSheet.raw);
  });

  it('keeps its invariants on random facts (seeded): explained, within range, monotone in a bonus', () => {
    const rnd = seededRandom(20240601);
    const names = [...RECORD_FACTS.map((f) => f.name), ...EXAMPLE_CADRE_RUBRIC.facts.map((d) => d.name)];
    for (let k = 0; k < 500; k++) {
      const values: Record<string, number> = {};
      for (const n of names) values[n] = n.includes('.') && /nominal|commute/.test(n) ? (rnd() < 0.1 ? 1 : 0) : Math.floor(rnd() * 12);
      const facts = { subject: { id: `S${k}`, kind: 'cadre' as const }, period: Y2024, values, evidence: {} };
      const sheet = scoreSheet(EXAMPLE_CADRE_RUBRIC, facts, Y2024);
      expect(explained(sheet)).to.equal(sheet.total);
      expect(sheet.total).to.be.within(0, 100);
      expect(scoreSheet(EXAMPLE_CADRE_RUBRIC, facts, Y2024)).to.deep.equal(sheet);
      const more = scoreSheet(EXAMPLE_CADRE_RUBRIC, { ...facts, values: { ...values, commendations: values['commendations']! + 1 } }, Y2024);
      expect(more.total).to.be.at.least(sheet.total);
      const worse = scoreSheet(EXAMPLE_CADRE_RUBRIC, { ...facts, values: { ...values, visitShortfall: values['visitShortfall']! + 1 } }, Y2024);
      expect(worse.total).to.be.at.most(sheet.total);
    }
  });
});

describe('assessment: rubric validation', () => {
  const base = (): RubricInput => JSON.parse(JSON.stringify(EXAMPLE_CADRE_RUBRIC)) as RubricInput;
  const issuesOf = (r: unknown) => {
    try {
      parseRubric(r as RubricInput);
    } catch (e) {
      expect(e).to.have.property('code', 'rubric.invalid');
      return (e as { issues: Array<{ code: string; section?: string; item?: string; grade?: string; field?: string; details: Record<string, unknown> }> }).issues;
    }
    return expect.fail('the rubric was accepted');
  };

  it('accepts the example, exported as data and as JSON Schema', () => {
    expect(parseRubric(base())).to.deep.equal(EXAMPLE_CADRE_RUBRIC);
    expect(Object.isFrozen(EXAMPLE_CADRE_RUBRIC.sections[0]!.items[0])).to.equal(true);
    const schema = rubricJsonSchema();
    expect(schema['title']).to.equal('gualian rubric, version 1');
    expect(schema['$schema']).to.equal('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys((schema['properties'] as Record<string, unknown>) ?? {})).to.include.members(['id', 'sections', 'grades', 'quota', 'facts', 'range']);
  });

  it('refuses an unknown fact, naming the section, item and field, in three languages', () => {
    const r = base();
    r.sections[0]!.items[0]!.formula = '40 * min(1, pairedVisit / max(visitsRequired, 1))';
    r.sections[1]!.items[0]!.fact = 'houshold';
    const issues = issuesOf(r);
    expect(issues).to.deep.equal([
      { code: 'rubric.unknown-fact', section: 'visits', item: 'visits', field: 'formula', details: { fact: 'pairedVisit' } },
      { code: 'rubric.unknown-fact', section: 'work', item: 'households', field: 'fact', details: { fact: 'houshold' } },
    ]);
    const issue = issues[1] as Parameters<typeof describeRubricIssue>[0];
    expect(describeRubricIssue(issue, 'zh-Hans')).to.equal('考核部分“work”的“households”项，字段 fact：未知的事实“houshold”');
    expect(describeRubricIssue(issue, 'zh-Hant')).to.equal('考核部分「work」的「households」項，欄位 fact：未知的事實「houshold」');
    expect(describeRubricIssue(issue, 'en')).to.equal('section "work", item "households", field "fact": unknown fact "houshold"');
    try {
      parseRubric(r);
    } catch (e) {
      expect((e as Error).message).to.contain('2 problems').and.contain('pairedVisit');
      expect(describeAssessmentError(e as AssessmentError, 'zh-Hans')).to.contain('共 2 处问题');
    }
  });

  it('refuses overlapping, gapped and out-of-range grade bands', () => {
    const overlap = base();
    overlap.grades = [
      { id: 'a', label: '优秀', min: 85, max: 100 },
      { id: 'b', label: '合格', min: 60, max: 90 },
      { id: 'fail', label: '不合格', min: 0, max: 60 },
    ];
    expect(issuesOf(overlap)).to.deep.equal([{ code: 'rubric.grade-overlap', grade: 'a', field: 'min', details: { other: 'b', from: 85, to: 90 } }]);
    const gap = base();
    gap.grades = [
      { id: 'a', label: '优秀', min: 90, max: 100 },
      { id: 'b', label: '合格', min: 60, max: 85 },
      { id: 'fail', label: '不合格', min: 10, max: 60 },
    ];
    expect(issuesOf(gap)).to.deep.equal([
      { code: 'rubric.grade-gap', grade: 'fail', field: 'min', details: { from: 0, to: 10 } },
      { code: 'rubric.grade-gap', grade: 'a', field: 'min', details: { from: 85, to: 90 } },
    ]);
    const outside = base();
    outside.grades = [
      { id: 'a', label: '优秀', min: 90, max: 120 },
      { id: 'fail', label: '不合格', min: 0, max: 90 },
    ];
    expect(issuesOf(outside).map((i) => [i.code, i.grade])).to.deep.equal([['rubric.grade-range', 'a']]);
    const top = base();
    top.grades = [{ id: 'fail', label: '不合格', min: 0, max: 95 }];
    expect(issuesOf(top)).to.deep.equal([{ code: 'rubric.grade-gap', grade: 'fail', field: 'max', details: { from: 95, to: 100 } }]);
  });

  it('refuses a cap below a single award, and a section its items exceed unless that is intended', () => {
    const r = base();
    r.sections[1]!.items[0]!.points = 12; // households: 12 a household, capped at 10
    expect(issuesOf(r)).to.deep.equal([{ code: 'rubric.cap-below-award', section: 'work', item: 'households', field: 'cap', details: { cap: 10, award: 12 } }]);
    const over = base();
    for (const item of over.sections.find((s) => s.id === 'bonus')!.items) delete item.capExpected;
    expect(issuesOf(over)).to.deep.equal([{ code: 'rubric.section-over-cap', section: 'bonus', field: 'cap', details: { cap: 10, maximum: 14, items: 'commendations, spot-confirmed' } }]);
    const uncapped = base();
    delete uncapped.sections.find((s) => s.id === 'safety')!.items[1]!.cap;
    expect(issuesOf(uncapped)).to.deep.equal([{ code: 'rubric.section-over-cap', section: 'safety', field: 'cap', details: { cap: 10, maximum: '∞', items: 'prevention, opinion' } }]);
    // Marking the items says the section cap is meant to do the work.
    for (const item of uncapped.sections.find((s) => s.id === 'safety')!.items) item.capExpected = true;
    expect(validateRubric(uncapped).ok).to.equal(true);
  });

  it('refuses a quota out of range, unknown grades, bad formulas, item sources, ids, ranges and shapes', () => {
    const quota = base();
    quota.quota = { share: 1.5, grade: 'best' };
    expect(issuesOf(quota)).to.deep.equal([
      { code: 'rubric.quota-range', field: 'quota.share', details: { share: 1.5 } },
      { code: 'rubric.unknown-grade', field: 'quota.grade', details: { grade: 'best' } },
    ]);
    const zero = base();
    zero.quota = { share: 0 };
    expect(issuesOf(zero).map((i) => i.code)).to.deep.equal(['rubric.quota-range']);
    const formula = base();
    formula.sections[0]!.items[0]!.formula = '40 * min(1, pairedVisits / ';
    formula.sections[1]!.items[1]!.formula = 'floor(tasksCompleted)';
    expect(issuesOf(formula)).to.deep.equal([
      { code: 'formula.syntax', section: 'visits', item: 'visits', field: 'formula', details: { formula: '40 * min(1, pairedVisits / ', position: 28, found: '(end)' } },
      { code: 'formula.function', section: 'work', item: 'tasks', field: 'formula', details: { formula: 'floor(tasksCompleted)', name: 'floor', position: 1 } },
    ]);
    const both = base();
    both.sections[1]!.items[0]!.formula = 'households / 2';
    const neither = base();
    delete neither.sections[1]!.items[0]!.fact;
    const noPoints = base();
    delete noPoints.sections[1]!.items[0]!.points;
    expect(issuesOf(both).map((i) => [i.code, i.item, i.field])).to.deep.equal([['rubric.item-source', 'households', 'formula']]);
    expect(issuesOf(neither).map((i) => [i.code, i.item, i.field])).to.deep.equal([['rubric.item-source', 'households', 'fact']]);
    expect(issuesOf(noPoints).map((i) => [i.code, i.item, i.field])).to.deep.equal([['rubric.item-source', 'households', 'points']]);
    const dup = base();
    dup.sections[1]!.items[1]!.id = 'households';
    dup.sections[2]!.id = 'work';
    expect(issuesOf(dup).map((i) => [i.code, i.section, i.item])).to.deep.equal([
      ['rubric.duplicate-id', 'work', 'households'],
      ['rubric.duplicate-id', 'work', undefined],
    ]);
    const redeclared = base();
    redeclared.facts = [...(redeclared.facts ?? []), { name: 'visits', source: 'manual' }];
    expect(issuesOf(redeclared).map((i) => [i.code, i.details['fact']])).to.deep.equal([['rubric.fact-redeclared', 'visits']]);
    const range = base();
    range.range = { min: 100, max: 0 };
    expect(issuesOf(range).map((i) => i.code)).to.deep.include('rubric.range');
    const vetoGrade = base();
    vetoGrade.sections[5]!.items[0]!.grade = 'terrible';
    expect(issuesOf(vetoGrade)).to.deep.equal([{ code: 'rubric.unknown-grade', section: 'veto', item: 'nominal', field: 'grade', details: { grade: 'terrible' } }]);
    const shape = base() as unknown as { sections: Array<{ items: Array<Record<string, unknown>> }> };
    shape.sections[1]!.items[0]!['kind'] = 'bonus-ish';
    shape.sections[1]!.items[0]!['cap'] = -1;
    const schemaIssues = issuesOf(shape);
    expect(schemaIssues.map((i) => [i.code, i.section, i.item, i.field])).to.deep.equal([
      ['rubric.schema', 'work', 'households', 'kind'],
      ['rubric.schema', 'work', 'households', 'cap'],
    ]);
    expect(issuesOf({ id: 'x' }).map((i) => [i.code, i.field])).to.deep.include(['rubric.schema', 'name']);
  });
});

describe('assessment: formulas', () => {
  it('evaluates numbers, facts, + - * /, min, max and comparisons, without eval', () => {
    const f = (text: string, values: Record<string, number> = {}) => evaluateFormula(parseFormula(text), values);
    expect(f('1 + 2 * 3')).to.equal(7);
    expect(f('(1 + 2) * 3')).to.equal(9);
    expect(f('10 - 4 - 3')).to.equal(3);
    expect(f('12 / 3 / 2')).to.equal(2);
    expect(f('-2 * -3')).to.equal(6);
    expect(f('min(3, 1, 2) + max(4, 9)')).to.equal(10);
    expect(f('visits >= 4', { visits: 4 })).to.equal(1);
    expect(f('visits < 4', { visits: 4 })).to.equal(0);
    expect(f('(a == 2) + (a != 2) * 10', { a: 3 })).to.equal(10);
    expect(f('x / 0', { x: 5 })).to.equal(0);
    expect(f('activity.lawClass * 2.5', { 'activity.lawClass': 3 })).to.equal(7.5);
    expect(f('.5 + missing')).to.equal(0.5);
    // Names are facts, never properties of objects.
    expect(f('constructor + toString + 1')).to.equal(1);
    expect(factsOfFormula(parseFormula('a + b * a + min(c, a)'))).to.deep.equal(['a', 'b', 'c']);
  });

  it('refuses what it cannot parse, with the position', () => {
    const code = (text: string) => {
      try {
        parseFormula(text);
      } catch (e) {
        return [(e as AssessmentError).code, (e as AssessmentError).details['position']];
      }
      return null;
    };
    expect(code('1 +')).to.deep.equal(['formula.syntax', 4]);
    expect(code('a b')).to.deep.equal(['formula.syntax', 3]);
    expect(code('a ; b')).to.deep.equal(['formula.syntax', 3]);
    expect(code('(a + 1')).to.deep.equal(['formula.syntax', 7]);
    expect(code('a.')).to.deep.equal(['formula.syntax', 2]);
    expect(code('alert(1)')).to.deep.equal(['formula.function', 1]);
    expect(code('min + 1')).to.deep.equal(['formula.arity', 1]);
    expect(code('a = 1')).to.deep.equal(['formula.syntax', 3]);
    expect(code('x'.repeat(2000))![0]).to.equal('formula.too-long');
    expect(code('('.repeat(200) + '1' + ')'.repeat(200))![0]).to.equal('formula.too-deep');
    expect(code('-'.repeat(200) + '1')![0]).to.equal('formula.too-deep');
  });
});

describe('assessment: rankings, red/black lists and the quota', function () {
  this.timeout(180_000);
  const subject = (id: string, total: number, deductions = 0, grade = 'pass', vetoed = false): ScoredSubject => ({ subject: id, place: '', unit: '', total, deductions, grade, vetoed });

  it('ranks by total, then fewer deductions, then id, the same whatever the input order', () => {
    const list = [subject('C3', 90, 5), subject('C1', 90, 5), subject('C2', 90, 0), subject('C4', 95), subject('C5', 80), subject('C6', 80)];
    const expected = ['C4', 'C2', 'C1', 'C3', 'C5', 'C6'];
    const rnd = seededRandom(9);
    for (let k = 0; k < 50; k++) {
      const shuffled = list.map((e) => ({ e, key: rnd() })).sort((a, b) => a.key - b.key).map((x) => x.e);
      const ranked = rankSubjects(shuffled);
      expect(ranked.map((e) => e.subject)).to.deep.equal(expected);
      expect(ranked.map((e) => e.rank)).to.deep.equal([1, 2, 3, 3, 5, 5]);
      expect(ranked.map((e) => e.position)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    }
  });

  it('draws red and black lists by count and by threshold; a veto is never red and always black', () => {
    const ranked = rankSubjects([subject('A', 98), subject('B', 95), subject('C', 95), subject('D', 90), subject('E', 70), subject('F', 55), subject('G', 55), subject('H', 80, 0, 'fail', true)]);
    const byCount = redBlackLists(ranked, { top: 2, bottom: 1 });
    expect(byCount.red.map((e) => e.subject)).to.deep.equal(['A', 'B', 'C']); // B and C tie at the cut
    expect(byCount.black.map((e) => e.subject)).to.deep.equal(['G', 'F', 'H']);
    const byThreshold = redBlackLists(ranked, { above: 95, below: 60 });
    expect(byThreshold.red.map((e) => e.subject)).to.deep.equal(['A', 'B', 'C']);
    expect(byThreshold.black.map((e) => e.subject)).to.deep.equal(['G', 'F', 'H']);
    const both = redBlackLists(ranked, { top: 1, above: 99 });
    expect(both.red).to.deep.equal([]);
  });

  it('moves exactly those over the quota, with each tie rule', () => {
    const rubric = (ties: 'exclude-tied' | 'include-tied' | 'rank') => parseRubric({ ...JSON.parse(JSON.stringify(EXAMPLE_CADRE_RUBRIC)), quota: { share: 0.2, ties } });
    const list = [95, 93, 93, 91, 90, 85, 80, 80, 70, 50].map((t, k) => subject(`C${k}`, t, 0, t >= 90 ? 'excellent' : t >= 75 ? 'pass' : t >= 60 ? 'basic' : 'fail'));
    const ranked = rankSubjects(list);
    const excluded = applyGradeQuota(ranked, rubric('exclude-tied'));
    expect(excluded.limit).to.equal(2);
    expect(excluded.moved.map((m) => [m.subject, m.from, m.to])).to.deep.equal([
      ['C1', 'excellent', 'pass'],
      ['C2', 'excellent', 'pass'],
      ['C3', 'excellent', 'pass'],
      ['C4', 'excellent', 'pass'],
    ]);
    expect(excluded.grades.filter((g) => g.grade === 'excellent').map((g) => g.subject)).to.deep.equal(['C0']);
    const included = applyGradeQuota(ranked, rubric('include-tied'));
    expect(included.grades.filter((g) => g.grade === 'excellent').map((g) => g.subject)).to.deep.equal(['C0', 'C1', 'C2']);
    const strict = applyGradeQuota(ranked, rubric('rank'));
    expect(strict.grades.filter((g) => g.grade === 'excellent').map((g) => g.subject)).to.deep.equal(['C0', 'C1']);
    expect(strict.moved.map((m) => m.subject)).to.deep.equal(['C2', 'C3', 'C4']);
    // Nobody else's grade changes.
    for (const g of strict.grades) if (!strict.moved.some((m) => m.subject === g.subject)) expect(g.grade).to.equal(g.before);
  });

  it('applies the quota to the Zhaotong cadres: only the top grade moves, the best keep it, at most 20%', async () => {
    const { roster } = await zhaotong();
    const generous = parseRubric({ ...JSON.parse(JSON.stringify(EXAMPLE_CADRE_RUBRIC)), id: 'generous', grades: [
      { id: 'excellent', label: '优秀', min: 80, max: 100 },
      { id: 'pass', label: '合格', min: 70, max: 80 },
      { id: 'basic', label: '基本合格', min: 60, max: 70 },
      { id: 'fail', label: '不合格', min: 0, max: 60 },
    ] });
    const scores = scoreAll(generous, computeFacts(roster, Y2024, { rubric: generous }));
    const ranked = rankSubjects(scores);
    const before = ranked.filter((e) => e.grade === 'excellent').length;
    const { limit, moved, grades } = applyGradeQuota(ranked, generous);
    expect(limit).to.equal(Math.floor(0.2 * ranked.length));
    expect(before).to.be.greaterThan(limit);
    const kept = grades.filter((g) => g.grade === 'excellent');
    expect(kept.length).to.be.at.most(limit);
    expect(kept.length + moved.length).to.equal(before);
    expect(moved.every((m) => m.from === 'excellent' && m.to === 'pass')).to.equal(true);
    const worstKept = Math.max(...kept.map((g) => ranked.find((e) => e.subject === g.subject)!.position));
    expect(Math.min(...moved.map((m) => m.position))).to.be.greaterThan(worstKept);
    // Under exclude-tied, the first moved is not tied with the last kept.
    const lastKept = ranked[worstKept - 1]!;
    const firstMoved = ranked.find((e) => e.subject === moved[0]!.subject)!;
    expect(lastKept.total !== firstMoved.total || lastKept.deductions !== firstMoved.deductions).to.equal(true);
  });

  it('ranks months with movement, and counties and units by their cadres’ mean', async () => {
    const { h, roster } = await zhaotong();
    const rubric = EXAMPLE_CADRE_RUBRIC;
    const month = (m: number) => scoreAll(rubric, computeFacts(roster, period('month', 2024, m), { rubric }));
    const feb = rankSubjects(month(2));
    const mar = rankSubjects(month(3), { previous: feb });
    const before = new Map(feb.map((e) => [e.subject, e.rank]));
    for (const e of mar) expect(e.movement).to.equal(before.get(e.subject)! - e.rank);
    expect(mar.some((e) => e.movement! > 0) && mar.some((e) => e.movement! < 0)).to.equal(true);
    const year = scoreAll(rubric, computeFacts(roster, Y2024, { rubric }));
    const counties = rankGroups(year, { by: 'region', level: 'county', hierarchy: h });
    expect(counties).to.have.length(11);
    const zx = counties.find((c) => c.subject === '530627')!;
    const members = year.subjects().filter((s) => s.place.startsWith('530627'));
    expect(zx.members).to.equal(members.length);
    expect(zx.total).to.equal(round2(members.reduce((a, s) => a + s.total, 0) / members.length));
    for (let k = 1; k < counties.length; k++) expect(counties[k - 1]!.total).to.be.at.least(counties[k]!.total);
    const units = rankGroups(year, { by: 'unit' });
    expect(units.map((u) => u.subject).sort()).to.deep.equal(['信访局', '公安', '司法局', '政法委', '检察院', '法院']);
    expect(units.reduce((a, u) => a + u.members, 0)).to.equal(year.size);
    // Sheets rank like the columns they came from.
    const fromSheets = rankSubjects(Array.from({ length: 50 }, (_, r) => year.sheet(r)));
    const fromColumns = rankSubjects(year.subjects().slice(0, 50));
    expect(fromSheets).to.deep.equal(fromColumns);
    expect(scoredOf(year.sheet(0))).to.deep.equal(year.subjects()[0]);
  });
});

