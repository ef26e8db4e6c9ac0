/**
 * Rubric validation: a rubric that cannot work is refused before anything is scored, with
 * every problem named (section, item or grade, field) under a stable code.
 */
import { AssessmentError, RubricError, type RubricIssue } from './errors.js';
import { factsOfFormula, parseFormula, type FormulaNode } from './formula.js';
import { rubricSchema, type FactDeclaration, type Rubric, type RubricInput } from './schema.js';
import { RECORD_FACT_MAP } from './catalogue.js';
import { factValueProblem } from './values.js';
import { recordIssues, type RecordIssue } from '../errors/schema.js';

/** The result of {@link validateRubric}. */
export type RubricValidation = { ok: true; rubric: Rubric; issues: [] } | { ok: false; rubric: null; issues: RubricIssue[] };

/** Rubrics that passed validation (frozen, so they stay valid). */
const VALID = new WeakSet<object>();

/**
 * Check a rubric and list every problem: fields of the wrong shape, repeated ids, unknown facts,
 * formulas that do not parse, an item with both or neither of `fact` and `formula`, an item cap
 * below its single award, a section whose items can exceed its cap unless each such item says
 * `capExpected`, an empty or inverted range, grade bands that overlap, leave gaps or leave the
 * range, unknown grades, a quota share outside (0, 1].
 * @example
 * const result = validateRubric({ id: 'r', name: '考核', sections: [{ id: 's', label: '走访',
 *   items: [{ id: 'v', label: '走访', kind: 'base', fact: 'visit', points: 10 }] }] });
 * result.ok; // false
 * result.issues[0]; // { code: 'rubric.unknown-fact', section: 's', item: 'v', field: 'fact', details: { fact: 'visit' } }
 */
export function validateRubric(input: unknown): RubricValidation {
  if (input !== null && typeof input === 'object' && VALID.has(input)) return { ok: true, rubric: input as Rubric, issues: [] };
  const parsed = rubricSchema.safeParse(input);
  // Each field at fault once, with a stable reason (never zod's English message).
  if (!parsed.success) return { ok: false, rubric: null, issues: recordIssues(parsed.error.issues, input, 'rubric', 0).map((i) => schemaIssue(input, i)) };
  const rubric = parsed.data;
  const issues = checkRubric(rubric);
  if (issues.length > 0) return { ok: false, rubric: null, issues };
  deepFreeze(rubric);
  VALID.add(rubric);
  return { ok: true, rubric, issues: [] };
}

/**
 * A valid rubric with its defaults filled in (frozen), or a {@link RubricError} listing every
 * problem.
 * @example
 * const rubric = parseRubric(JSON.parse(await readFile('rubric.json', 'utf8')));
 */
export function parseRubric(input: RubricInput | Rubric): Rubric {
  const result = validateRubric(input);
  if (!result.ok) throw new RubricError(result.issues, typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : '');
  return result.rubric;
}

/** The facts a rubric reads (in order of first use) and the facts it declares. @internal */
export function rubricFacts(input: RubricInput | Rubric): { rubric: Rubric; reads: string[]; declarations: FactDeclaration[] } {
  const rubric = parseRubric(input);
  const reads: string[] = [];
  for (const s of rubric.sections) for (const item of s.items) for (const f of itemFacts(item)) if (!reads.includes(f)) reads.push(f);
  return { rubric, reads, declarations: rubric.facts };
}

/** The facts an item reads. @internal */
export function itemFacts(item: Rubric['sections'][number]['items'][number]): string[] {
  if (item.formula !== undefined) return factsOfFormula(parseFormula(item.formula));
  return item.fact !== undefined ? [item.fact] : [];
}

function checkRubric(r: Rubric): RubricIssue[] {
  const issues: RubricIssue[] = [];
  const add = (issue: Omit<RubricIssue, 'details'> & { details?: RubricIssue['details'] }) => issues.push({ ...issue, details: issue.details ?? {} });
  if (!(r.range.min < r.range.max)) add({ code: 'rubric.range', field: 'range', details: { min: r.range.min, max: r.range.max } });

  // Facts: the records' own, and those the rubric declares (once each, never a record fact's name).
  const known = new Map<string, string>();
  for (const [name, def] of RECORD_FACT_MAP) known.set(name, def.type);
  if (r.subject !== 'cadre') known.set('members', 'count');
  const declared = new Set<string>();
  for (const d of r.facts) {
    if (known.has(d.name) && !declared.has(d.name)) add({ code: 'rubric.fact-redeclared', field: 'facts', details: { fact: d.name } });
    else if (declared.has(d.name)) add({ code: 'rubric.duplicate-id', field: 'facts', details: { id: d.name } });
    declared.add(d.name);
    known.set(d.name, d.type);
    // The bounds an entry or adjustment is held to must admit the default, or nothing could stand.
    if (d.min !== undefined && d.max !== undefined && d.min > d.max) add({ code: 'rubric.fact-range', field: 'facts', details: { fact: d.name, min: d.min, max: d.max } });
    else if (factValueProblem(d, d.default) !== null) add({ code: 'rubric.fact-default', field: 'facts', details: { fact: d.name, value: d.default } });
  }

  const gradeIds = new Set(r.grades.map((g) => g.id));
  const sectionIds = new Set<string>();
  for (const s of r.sections) {
    if (sectionIds.has(s.id)) add({ code: 'rubric.duplicate-id', section: s.id, field: 'id', details: { id: s.id } });
    sectionIds.add(s.id);
    const itemIds = new Set<string>();
    // The most each direction of the section can reach, and the items that reach it unasked.
    const most = { up: 0, down: 0 };
    const unintended = { up: [] as string[], down: [] as string[] };
    for (const item of s.items) {
      const at = { section: s.id, item: item.id };
      if (itemIds.has(item.id)) add({ ...at, code: 'rubric.duplicate-id', field: 'id', details: { id: item.id } });
      itemIds.add(item.id);
      const hasFact = item.fact !== undefined;
      const hasFormula = item.formula !== undefined;
      const veto = item.kind === 'veto';
      if (hasFact === hasFormula) {
        add({ ...at, code: 'rubric.item-source', field: hasFact ? 'formula' : 'fact', details: { kind: item.kind } });
        continue;
      }
      if (!veto && hasFact && item.points === undefined) {
        add({ ...at, code: 'rubric.item-source', field: 'points', details: { kind: item.kind } });
        continue;
      }
      if (!veto && hasFormula && item.points !== undefined) {
        add({ ...at, code: 'rubric.item-source', field: 'points', details: { kind: item.kind } });
        continue;
      }
      let node: FormulaNode | null = null;
      if (hasFormula) {
        try {
          node = parseFormula(item.formula!);
        } catch (e) {
          if (!(e instanceof AssessmentError)) throw e;
          add({ ...at, code: e.code, field: 'formula', details: { ...e.details } });
          continue;
        }
      }
      const facts = node ? factsOfFormula(node) : [item.fact!];
      for (const f of facts) if (!known.has(f)) add({ ...at, code: 'rubric.unknown-fact', field: hasFormula ? 'formula' : 'fact', details: { fact: f } });
      if (veto) {
        if (item.grade !== undefined && !gradeIds.has(item.grade)) add({ ...at, code: 'rubric.unknown-grade', field: 'grade', details: { grade: item.grade } });
        continue;
      }
      if (hasFact && item.cap !== undefined && item.points! > item.cap) add({ ...at, code: 'rubric.cap-below-award', field: 'cap', details: { cap: item.cap, award: item.points! } });
      // The item's maximum: its cap, else one award of a flag, else unbounded.
      const max = item.cap ?? (hasFact && known.get(item.fact!) === 'flag' ? item.points! : Infinity);
      const dir = item.kind === 'deduction' ? 'down' : 'up';
      most[dir] += max;
      if (!item.capExpected) unintended[dir].push(item.id);
    }
    if (s.cap !== undefined) {
      for (const dir of ['up', 'down'] as const) {
        if (most[dir] > s.cap && unintended[dir].length > 0) {
          add({ code: 'rubric.section-over-cap', section: s.id, field: 'cap', details: { cap: s.cap, maximum: Number.isFinite(most[dir]) ? most[dir] : '∞', items: unintended[dir].join(', ') } });
        }
      }
    }
  }

  // Grade bands: within the range, each once, together covering it without gap or overlap.
  const seenGrades = new Set<string>();
  for (const g of r.grades) {
    if (seenGrades.has(g.id)) add({ code: 'rubric.duplicate-id', grade: g.id, field: 'id', details: { id: g.id } });
    seenGrades.add(g.id);
    if (!(g.min < g.max) || g.min < r.range.min || g.max > r.range.max) add({ code: 'rubric.grade-range', grade: g.id, field: 'min', details: { min: g.min, max: g.max, from: r.range.min, to: r.range.max } });
  }
  const bands = [...r.grades].sort((a, b) => a.min - b.min || a.max - b.max);
  if (bands.length > 0 && r.range.min < r.range.max) {
    if (bands[0]!.min > r.range.min) add({ code: 'rubric.grade-gap', grade: bands[0]!.id, field: 'min', details: { from: r.range.min, to: bands[0]!.min } });
    for (let k = 1; k < bands.length; k++) {
      const lower = bands[k - 1]!;
      const upper = bands[k]!;
      if (upper.min > lower.max) add({ code: 'rubric.grade-gap', grade: upper.id, field: 'min', details: { from: lower.max, to: upper.min } });
      else if (upper.min < lower.max) add({ code: 'rubric.grade-overlap', grade: upper.id, field: 'min', details: { other: lower.id, from: upper.min, to: Math.min(lower.max, upper.max) } });
    }
    const top = bands.reduce((a, b) => (b.max > a.max ? b : a));
    if (top.max < r.range.max) add({ code: 'rubric.grade-gap', grade: top.id, field: 'max', details: { from: top.max, to: r.range.max } });
  }
  if (r.quota) {
    const q = r.quota;
    if (!(q.share > 0 && q.share <= 1)) add({ code: 'rubric.quota-range', field: 'quota.share', details: { share: q.share } });
    if (q.grade !== undefined && !gradeIds.has(q.grade)) add({ code: 'rubric.unknown-grade', field: 'quota.grade', details: { grade: q.grade } });
    if (q.demoteTo !== undefined && !gradeIds.has(q.demoteTo)) add({ code: 'rubric.unknown-grade', field: 'quota.demoteTo', details: { grade: q.demoteTo } });
  }
  return issues;
}

/** A schema issue as a rubric issue, naming the section, item or grade by id where the path goes through one. */
function schemaIssue(input: unknown, found: RecordIssue): RubricIssue {
  const path: PropertyKey[] = found.field === '' ? [] : found.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const issue: RubricIssue = { code: 'rubric.schema', details: { reason: found.reason, value: found.value, ...found.details } };
  const at = (o: unknown, k: PropertyKey): unknown => (o !== null && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined);
  const idOf = (o: unknown, k: number) => {
    const v = at(o, 'id');
    return typeof v === 'string' && v.trim() !== '' ? v : `#${k + 1}`;
  };
  let rest = [...path];
  if (rest[0] === 'sections' && typeof rest[1] === 'number') {
    const section = at(at(input, 'sections'), rest[1]);
    issue.section = idOf(section, rest[1]);
    rest = rest.slice(2);
    if (rest[0] === 'items' && typeof rest[1] === 'number') {
      issue.item = idOf(at(at(section, 'items'), rest[1]), rest[1]);
      rest = rest.slice(2);
    }
  } else if (rest[0] === 'grades' && typeof rest[1] === 'number') {
    issue.grade = idOf(at(at(input, 'grades'), rest[1]), rest[1]);
    rest = rest.slice(2);
  }
  if (rest.length > 0) issue.field = rest.map(String).join('.');
  return issue;
}

/** Freeze an object and everything in it. @internal */
export function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
