/**
 * Issue 11, rubrics as an import path: whatever is given to validateRubric / parseRubric, the
 * answer is a rubric or a RubricError listing every problem, each in three languages without
 * raw keys or zod's English; planted problems are each named at their section, item or grade,
 * and nothing else is (fast-check, seeded, 11,000 generated rubrics).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { ASSESSMENT_ERROR_CODES, AssessmentError, RubricError, describeRubricIssue, parseManualEntries, parseRubric, validateRubric, type RubricInput, type RubricIssue } from '../src/assessment/index.js';
import { RecordsError, describeRecordIssue } from '../src/errors/schema.js';
import { GualianError, describeError } from '../src/errors/index.js';

const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
const FACTS = ['visits', 'households', 'pairedVisits', 'emptyVisits', 'activity.lawClass'] as const;

/** The same answer from both doors, only typed errors, every issue readable in each language. */
function checkDoors(input: unknown): RubricIssue[] {
  let v: ReturnType<typeof validateRubric>;
  try {
    v = validateRubric(input);
  } catch (e) {
    throw new Error(`validateRubric threw ${String(e)}`);
  }
  let thrown: unknown = null;
  try {
    parseRubric(input as RubricInput);
  } catch (e) {
    thrown = e;
  }
  if (v.ok) {
    expect(thrown).to.equal(null);
    return [];
  }
  expect(v.issues.length).to.be.greaterThan(0);
  expect(thrown).to.be.instanceOf(RubricError).and.instanceOf(AssessmentError).and.instanceOf(GualianError);
  expect((thrown as RubricError).issues).to.deep.equal(v.issues);
  for (const lang of LANGS) expect(describeError(thrown, lang)).to.not.match(/\b(error|expect|type|assessment)\.[a-z]/);
  for (const issue of v.issues) {
    expect(ASSESSMENT_ERROR_CODES).to.include(issue.code);
    for (const lang of LANGS) {
      const text = describeRubricIssue(issue, lang);
      expect(text, text).to.not.match(/\b(error|expect|type|value|assessment)\.[a-z]|\{(value|expected|min|max|options|reason|where|field|section|item|grade|id|fact|kind|cap|award|maximum|items|from|to|other|share|formula|position|found|name)\}/);
      if (lang !== 'en') expect(text, text).to.not.match(/Invalid|expected|received/);
    }
  }
  return v.issues;
}

const key = (i: RubricIssue) => [i.code, i.section ?? '', i.item ?? '', i.grade ?? '', i.field ?? ''].join('|');

describe('rubrics: only typed errors, every problem listed (fast-check, issue 11)', function () {
  this.timeout(180_000);

  it('reads schema problems in Chinese without zod\'s English, and refuses misspelt keys (regression)', () => {
    const v = validateRubric({ id: 'r', name: '考核', sections: [{ id: 's', label: '走访', items: [{ id: 'v', label: '走访', kind: 'bonus-ish', fact: 'visits', points: 2, capExpectd: true }] }] });
    expect(v.ok).to.equal(false);
    expect(v.issues.map((i) => [i.code, i.section, i.item, i.field])).to.deep.equal([
      ['rubric.schema', 's', 'v', 'kind'],
      ['rubric.schema', 's', 'v', 'capExpectd'],
    ]);
    expect(describeRubricIssue(v.issues[0]!, 'zh-Hans')).to.equal('考核部分“s”的“v”项，字段 kind：格式不对：“bonus-ish”不是可选的值（可选：base、bonus、deduction、veto）');
    expect(describeRubricIssue(v.issues[1]!, 'zh-Hant')).to.equal('考核部分「s」的「v」項，欄位 capExpectd：格式不對：沒有這個欄位（可能是拼寫錯誤）');
  });

  it('answers any input, however hostile, with a rubric or a RubricError (5,000 cases)', () => {
    const junk = fc.oneof(fc.anything({ maxDepth: 2 }), fc.constantFrom(null, undefined, NaN, Infinity, -1, '', ' ', '__proto__', 'x'.repeat(2000), [], {}));
    const item = fc.record(
      { id: fc.oneof(fc.constantFrom('a', 'b', 'a'), junk), label: fc.oneof(fc.constant('走访'), junk), kind: fc.oneof(fc.constantFrom('base', 'bonus', 'deduction', 'veto'), junk), fact: fc.oneof(fc.constantFrom(...FACTS, 'nope'), junk), points: fc.oneof(fc.integer({ min: -2, max: 20 }), junk), formula: fc.oneof(fc.constantFrom('visits * 2', 'min(visits, 4) +', 'max(', 'households / members', 'visits ** 2'), junk), cap: fc.oneof(fc.integer({ min: -1, max: 50 }), junk), capExpected: fc.oneof(fc.boolean(), junk), grade: junk },
      { requiredKeys: [] },
    );
    const section = fc.record({ id: fc.oneof(fc.constantFrom('s1', 's2', 's1'), junk), label: fc.oneof(fc.constant('部分'), junk), cap: fc.oneof(fc.integer({ min: -1, max: 60 }), junk), items: fc.oneof(fc.array(item, { maxLength: 4 }), junk) }, { requiredKeys: [] });
    const grade = fc.record({ id: fc.oneof(fc.constantFrom('g1', 'g2', 'g1'), junk), label: fc.constant('等次'), min: fc.oneof(fc.integer({ min: -10, max: 110 }), junk), max: fc.oneof(fc.integer({ min: -10, max: 110 }), junk) }, { requiredKeys: [] });
    const rubric = fc.record(
      {
        id: fc.oneof(fc.constant('r'), junk),
        name: fc.oneof(fc.constant('考核'), junk),
        subject: fc.oneof(fc.constantFrom('cadre', 'unit', 'region'), junk),
        range: fc.oneof(fc.record({ min: fc.integer({ min: -10, max: 100 }), max: fc.integer({ min: -10, max: 110 }) }), junk),
        facts: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.constantFrom('manual1', 'visits', 'manual1', 'a b'), junk), source: fc.oneof(fc.constantFrom('manual', 'provider'), junk), type: fc.oneof(fc.constantFrom('count', 'number', 'flag'), junk), min: fc.oneof(fc.integer({ min: -5, max: 5 }), junk), max: fc.oneof(fc.integer({ min: -5, max: 5 }), junk) }, { requiredKeys: ['name', 'source'] }), { maxLength: 3 }), junk),
        sections: fc.oneof(fc.array(section, { maxLength: 3 }), junk),
        grades: fc.oneof(fc.array(grade, { maxLength: 4 }), junk),
        quota: fc.oneof(fc.record({ share: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), junk), grade: fc.oneof(fc.constantFrom('g1', 'excellent'), junk) }, { requiredKeys: ['share'] }), junk),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(rubric, junk), (input) => {
        checkDoors(input);
      }),
      { seed: 1107, numRuns: 5_000 },
    );
  });

  /** A valid rubric: sections of fact × points items on record facts, the default grades, no section caps. */
  const base = fc
    .array(fc.array(fc.record({ fact: fc.constantFrom(...FACTS), points: fc.integer({ min: 2, max: 10 }), kind: fc.constantFrom('base', 'bonus', 'deduction') }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 })
    .map(
      (sections): RubricInput => ({
        id: 'planted',
        name: '挂联干部考核',
        sections: sections.map((items, s) => ({ id: `s${s}`, label: `部分${s}`, items: items.map((it, i) => ({ id: `s${s}i${i}`, label: `项${i}`, kind: it.kind, fact: it.fact, points: it.points, cap: it.points * 4 })) })),
      }),
    );

  it('names every planted problem of meaning at its place, and nothing else (4,000 cases)', () => {
    const MUTATIONS = ['unknown-fact', 'cap-below-award', 'both-sources', 'bad-formula', 'duplicate-id', 'no-points'] as const;
    fc.assert(
      fc.property(base, fc.array(fc.tuple(fc.constantFrom(...MUTATIONS), fc.nat()), { maxLength: 6 }), fc.boolean(), fc.boolean(), (r, mutations, gap, quota) => {
        const rubric = structuredClone(r) as RubricInput & { sections: Array<{ id: string; items: Array<Record<string, unknown>> }> };
        const slots = rubric.sections.flatMap((s, si) => s.items.map((_, ii) => [si, ii] as const));
        const used = new Set<string>();
        const expected: string[] = [];
        for (const [m, at] of mutations) {
          const [si, ii] = slots[at % slots.length]!;
          // One mutation per item, and a duplicate id only on an item after an untouched first one.
          if (used.has(`${si}:${ii}`) || (m === 'duplicate-id' && (ii === 0 || used.has(`${si}:${ii - 1}`) || used.has(`${si}:dup`)))) continue;
          used.add(`${si}:${ii}`);
          const s = rubric.sections[si]!;
          const item = s.items[ii]!;
          const where = (code: string, field: string, id = item['id'] as string) => expected.push([code, s.id, id, '', field].join('|'));
          if (m === 'unknown-fact') {
            item['fact'] = `nope${ii}`;
            where('rubric.unknown-fact', 'fact');
          } else if (m === 'cap-below-award') {
            item['cap'] = (item['points'] as number) - 1;
            where('rubric.cap-below-award', 'cap');
          } else if (m === 'both-sources') {
            item['formula'] = 'visits * 2';
            where('rubric.item-source', 'formula');
          } else if (m === 'bad-formula') {
            delete item['fact'];
            delete item['points'];
            item['formula'] = 'min(visits, 4) +';
            where('formula.syntax', 'formula');
          } else if (m === 'no-points') {
            delete item['points'];
            where('rubric.item-source', 'points');
          } else {
            used.add(`${si}:${ii - 1}`);
            used.add(`${si}:dup`);
            item['id'] = s.items[ii - 1]!['id'];
            where('rubric.duplicate-id', 'id', item['id'] as string);
          }
        }
        if (gap) {
          // No 基本合格 band: 60 to 75 has no grade.
          rubric.grades = [
            { id: 'excellent', label: '优秀', min: 90, max: 100 },
            { id: 'pass', label: '合格', min: 75, max: 90 },
            { id: 'fail', label: '不合格', min: 0, max: 60 },
          ];
          expected.push(['rubric.grade-gap', '', '', 'pass', 'min'].join('|'));
        }
        if (quota) {
          rubric.quota = { share: 1.5, grade: 'excellent' };
          expected.push(['rubric.quota-range', '', '', '', 'quota.share'].join('|'));
        }
        const issues = checkDoors(rubric);
        expect(issues.map(key).sort()).to.deep.equal(expected.sort());
      }),
      { seed: 2024, numRuns: 4_000 },
    );
  });

  it('names every planted problem of shape at its field, and nothing else (2,000 cases)', () => {
    const MUTATIONS = ['kind', 'points', 'label', 'id', 'unknown-key'] as const;
    fc.assert(
      fc.property(base, fc.array(fc.tuple(fc.constantFrom(...MUTATIONS), fc.nat()), { minLength: 1, maxLength: 6 }), (r, mutations) => {
        const rubric = structuredClone(r) as unknown as { sections: Array<{ id: string; items: Array<Record<string, unknown>> }> };
        const slots = rubric.sections.flatMap((s, si) => s.items.map((_, ii) => [si, ii] as const));
        const used = new Set<string>();
        const expected: string[] = [];
        for (const [m, at] of mutations) {
          const [si, ii] = slots[at % slots.length]!;
          if (used.has(`${si}:${ii}`)) continue;
          used.add(`${si}:${ii}`);
          const s = rubric.sections[si]!;
          const item = s.items[ii]!;
          const id = item['id'] as string;
          if (m === 'kind') item['kind'] = 'bonnus';
          else if (m === 'points') item['points'] = -3;
          else if (m === 'label') item['label'] = '   ';
          else if (m === 'id') item['id'] = 'x'.repeat(65);
          else item['pionts'] = 3;
          // The item is named by its id when it has a usable one, else by its position.
          const named = m === 'id' ? 'x'.repeat(65) : id;
          expected.push(['rubric.schema', s.id, named, '', m === 'unknown-key' ? 'pionts' : m].join('|'));
        }
        const issues = checkDoors(rubric);
        expect(issues.map(key).sort()).to.deep.equal(expected.sort());
      }),
      { seed: 77, numRuns: 2_000 },
    );
  });
});

describe('manual entries: one door, exact accounting (issue 11)', () => {
  const rubric: RubricInput = {
    id: 'manual',
    name: '人工录入',
    facts: [
      { name: 'tasksCompleted', source: 'manual' },
      { name: 'evaluation', type: 'number', source: 'manual', min: 0, max: 100 },
      { name: 'trained', type: 'flag', source: 'manual' },
    ],
    sections: [{ id: 's', label: '工作', items: [{ id: 'i', label: '任务', kind: 'base', fact: 'tasksCompleted', points: 1 }] }],
  };
  it('refuses unknown or computed facts and values outside type or range, naming each entry (regression)', () => {
    const good = { subject: 'C1', period: '2024', fact: 'tasksCompleted', value: 3, evidence: '验收单', author: 'T01', at: '2024-12-20T10:00:00+08:00' };
    const rows = [good, { ...good, fact: 'visits' }, { ...good, value: 2.5 }, { ...good, fact: 'evaluation', value: 120 }, { ...good, fact: 'trained', value: 2 }, { ...good, at: '2024-12-32T10:00:00+08:00' }];
    expect(() => parseManualEntries(rubric, rows)).to.throw(RecordsError);
    const r = parseManualEntries(rubric, rows, { mode: 'lenient' });
    expect(r.positions).to.deep.equal([0]);
    expect(r.issues.map((i) => [i.index, i.field, i.reason])).to.deep.equal([
      [1, 'fact', 'facts.not-manual'],
      [2, 'value', 'value.format'],
      [3, 'value', 'value.too-big'],
      [4, 'value', 'value.format'],
      [5, 'at', 'value.format'],
    ]);
    expect(describeRecordIssue(r.issues[1]!, 'zh-Hans')).to.equal('第 3 条人工录入，值：“2.5”不是不小于 0 的整数');
  });
  it('accounts for every generated entry exactly (fast-check, 3,000 cases)', () => {
    const entry = fc.record({
      subject: fc.constantFrom('C1', '', 3),
      period: fc.constantFrom('2024', '2024-Q2'),
      fact: fc.constantFrom('tasksCompleted', 'evaluation', 'trained', 'visits', 'x y'),
      value: fc.oneof(fc.integer({ min: -2, max: 120 }), fc.double({ noNaN: false }), fc.constantFrom('3', null)),
      evidence: fc.constantFrom('验收单', ' '),
      author: fc.constant('T01'),
      at: fc.constantFrom('2024-12-20T10:00:00+08:00', '2024-02-30T10:00:00+08:00', '2024-12-20'),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(entry, fc.anything({ maxDepth: 1 })), { maxLength: 10 }), (rows) => {
        const r = parseManualEntries(rubric, rows, { mode: 'lenient' });
        const refused = new Set(r.issues.map((i) => i.index));
        expect(r.records.length + refused.size).to.equal(rows.length);
        for (const p of r.positions) expect(refused.has(p)).to.equal(false);
        for (const i of r.issues) for (const lang of LANGS) expect(describeRecordIssue(i, lang)).to.not.match(/\b(error|expect|type)\.[a-z]/);
      }),
      { seed: 31, numRuns: 3_000 },
    );
  });
});
