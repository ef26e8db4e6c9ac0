/**
 * Scoring: a pure function of rubric, facts and period. The same inputs always give the same
 * sheet, and the sheet explains every point: each item with the facts it read and their values,
 * its raw value, the cap that cut it, the vetoes that fired, each section's subtotal and cap, the
 * total and the grade. {@link scoreAll} scores a whole {@link FactTable} into columns, and makes
 * any subject's sheet on demand by the same arithmetic.
 */
import { AssessmentError } from './errors.js';
import type { FactTable } from './facts.js';
import { compileFormula, hasOwn, parseFormula } from './formula.js';
import { samePeriod, type Period } from './period.js';
import type { FactEvidence, ItemKind, Rubric, RubricInput, ScoreSheet, SheetLine, SheetSection, SubjectFacts } from './schema.js';
import { itemFacts, parseRubric } from './validate.js';

/** One subject's result, as rankings read it. */
export interface ScoredSubject {
  subject: string;
  /** The division the subject is attributed to, or ''. */
  place: string;
  unit: string;
  total: number;
  deductions: number;
  /** The grade after vetoes (before any quota). */
  grade: string;
  vetoed: boolean;
}

interface CompiledItem {
  id: string;
  label: string;
  kind: ItemKind;
  fact: string | undefined;
  rate: number | undefined;
  formula: string | undefined;
  cap: number | undefined;
  reads: number[];
  value: (values: ArrayLike<number>) => number;
  /** For a veto: the grade it forces (its rank, 0 the lowest) and the total's cap. */
  vetoRank: number;
  capTotal: number;
}

interface Compiled {
  rubric: Rubric;
  /** Every fact of the sheet: those read, then those declared and not read. */
  facts: string[];
  defaults: Map<string, number>;
  sections: Array<{ id: string; label: string; cap: number | undefined; items: CompiledItem[] }>;
  /** Grade indices (into `rubric.grades`) from the lowest band to the highest. */
  ascending: number[];
  /** The rank (0 lowest) of each grade index. */
  rankOf: number[];
}

const COMPILED = new WeakMap<Rubric, Compiled>();

function compile(input: Rubric | RubricInput): Compiled {
  const rubric = parseRubric(input);
  const cached = COMPILED.get(rubric);
  if (cached) return cached;
  const facts: string[] = [];
  const slot = (name: string) => {
    let k = facts.indexOf(name);
    if (k < 0) k = facts.push(name) - 1;
    return k;
  };
  const ascending = rubric.grades.map((_, i) => i).sort((a, b) => rubric.grades[a]!.min - rubric.grades[b]!.min);
  const rankOf: number[] = [];
  ascending.forEach((g, rank) => (rankOf[g] = rank));
  const sections = rubric.sections.map((s) => ({
    id: s.id,
    label: s.label,
    cap: s.cap,
    items: s.items.map((item): CompiledItem => {
      const reads = itemFacts(item).map(slot);
      let value: (values: ArrayLike<number>) => number;
      if (item.formula !== undefined) value = compileFormula(parseFormula(item.formula), slot);
      else if (item.kind === 'veto' && item.points === undefined) {
        const k = reads[0]!;
        value = (v) => v[k]!;
      } else {
        const k = reads[0]!;
        const rate = item.points!;
        value = (v) => v[k]! * rate;
      }
      const forced = item.grade !== undefined ? rubric.grades.findIndex((g) => g.id === item.grade) : ascending[0]!;
      return {
        id: item.id,
        label: item.label,
        kind: item.kind,
        fact: item.fact,
        rate: item.formula === undefined ? item.points : undefined,
        formula: item.formula,
        cap: item.cap,
        reads,
        value,
        vetoRank: rankOf[forced]!,
        capTotal: item.capTotal ?? Infinity,
      };
    }),
  }));
  for (const d of rubric.facts) slot(d.name);
  const compiled: Compiled = { rubric, facts, defaults: new Map(rubric.facts.map((d) => [d.name, d.default])), sections, ascending, rankOf };
  COMPILED.set(rubric, compiled);
  return compiled;
}

/** Points are kept to two decimals at every step, so that sums are exact and repeatable. */
// `+ 0` turns -0 into 0, so that a sheet survives JSON unchanged.
const round2 = (x: number) => Math.round(x * 100) / 100 + 0;

interface RowResult {
  total: number;
  deductions: number;
  /** Grade indices into `rubric.grades`. */
  band: number;
  grade: number;
  vetoed: boolean;
}

type Explain = { sections: SheetSection[]; vetoes: ScoreSheet['vetoes']; raw: number; rangeAdjustment: number; vetoAdjustment: number };

/**
 * Score one subject's fact vector into `out` (reused across rows: no allocation per subject);
 * with `explain`, fill in the sheet's sections and vetoes too.
 */
function scoreRow(c: Compiled, values: ArrayLike<number>, out: RowResult, explain: Explain | null): void {
  const { rubric, sections } = c;
  let raw = 0;
  let deductions = 0;
  let vetoRank = Infinity;
  let capTotal = Infinity;
  for (let si = 0; si < sections.length; si++) {
    const s = sections[si]!;
    const items = s.items;
    let points = 0;
    const lines: SheetLine[] | null = explain ? [] : null;
    for (let ii = 0; ii < items.length; ii++) {
      const item = items[ii]!;
      let v = item.value(values);
      if (!Number.isFinite(v)) v = 0;
      if (item.kind === 'veto') {
        const fired = v > 0;
        if (fired) {
          if (item.vetoRank < vetoRank) vetoRank = item.vetoRank;
          if (item.capTotal < capTotal) capTotal = item.capTotal;
          explain?.vetoes.push({ section: s.id, item: item.id, grade: rubric.grades[c.ascending[item.vetoRank]!]!.id });
        }
        lines?.push(line(item, values, c, round2(v), false, 0, fired));
        continue;
      }
      const magnitude = round2(v > 0 ? v : 0);
      const capped = item.cap !== undefined && magnitude > item.cap;
      const awarded = capped ? item.cap! : magnitude;
      if (item.kind === 'deduction') {
        points = round2(points - awarded);
        deductions = round2(deductions + awarded);
      } else points = round2(points + awarded);
      lines?.push(line(item, values, c, magnitude, capped, item.kind === 'deduction' ? 0 - awarded + 0 : awarded, undefined));
    }
    const subtotal = s.cap !== undefined ? Math.min(s.cap, Math.max(-s.cap, points)) : points;
    raw = round2(raw + subtotal);
    explain?.sections.push({ id: s.id, label: s.label, lines: lines!, points, ...(s.cap !== undefined ? { cap: s.cap } : {}), capAdjustment: round2(subtotal - points), subtotal });
  }
  const inRange = Math.min(rubric.range.max, Math.max(rubric.range.min, raw));
  const total = capTotal < inRange ? Math.max(rubric.range.min, capTotal) : inRange;
  if (explain) {
    explain.raw = raw;
    explain.rangeAdjustment = round2(inRange - raw);
    explain.vetoAdjustment = round2(total - inRange);
  }
  const band = bandOf(c, total);
  const vetoed = vetoRank !== Infinity;
  out.total = total;
  out.deductions = deductions;
  out.band = band;
  out.grade = vetoed && vetoRank < c.rankOf[band]! ? c.ascending[vetoRank]! : band;
  out.vetoed = vetoed;
}

const newResult = (): RowResult => ({ total: 0, deductions: 0, band: 0, grade: 0, vetoed: false });

/** The grade band holding a score: the highest band whose `min` it reaches. */
function bandOf(c: Compiled, total: number): number {
  for (let k = c.ascending.length - 1; k > 0; k--) if (total >= c.rubric.grades[c.ascending[k]!]!.min) return c.ascending[k]!;
  return c.ascending[0]!;
}

function line(item: CompiledItem, values: ArrayLike<number>, c: Compiled, raw: number, capped: boolean, points: number, fired: boolean | undefined): SheetLine {
  const out: SheetLine = {
    item: item.id,
    label: item.label,
    kind: item.kind,
    facts: item.reads.map((k) => ({ name: c.facts[k]!, value: values[k]! })),
    raw,
    capped,
    points,
  };
  if (item.rate !== undefined) out.rate = item.rate;
  if (item.formula !== undefined) out.formula = item.formula;
  if (item.cap !== undefined) out.cap = item.cap;
  if (fired !== undefined) out.fired = fired;
  return out;
}

/**
 * The score sheet (成绩单) of one subject for a period: a pure function, the same sheet for the
 * same inputs. Every point is explained: Σ lines' points + each section's `capAdjustment` +
 * `rangeAdjustment` + `vetoAdjustment` = `total`. A fact the rubric reads that `facts` lacks is
 * refused (`facts.missing`), except a declared fact, which takes its default.
 * @example
 * const facts = computeFacts(roster, period('year', 2024), { rubric: EXAMPLE_CADRE_RUBRIC });
 * const sheet = scoreSheet(EXAMPLE_CADRE_RUBRIC, facts.subject(facts.rowOf('C000123')), period('year', 2024));
 * sheet.total; // 81.5
 * sheet.sections[0].lines[0]; // { item: 'visits', facts: [{ name: 'pairedVisits', value: 5 }, …], raw: 40, cap: 40, capped: false, points: 40, … }
 */
export function scoreSheet(rubric: Rubric | RubricInput, facts: SubjectFacts, when: Period): ScoreSheet {
  const c = compile(rubric);
  if (!samePeriod(facts.period, when)) throw new AssessmentError('facts.period-mismatch', { subject: facts.subject.id, expected: periodLabel(when), found: periodLabel(facts.period) });
  const values = new Float64Array(c.facts.length);
  c.facts.forEach((name, k) => {
    const v = hasOwn(facts.values, name) ? facts.values[name] : undefined;
    if (v !== undefined) values[k] = v;
    else if (c.defaults.has(name)) values[k] = c.defaults.get(name)!;
    else throw new AssessmentError('facts.missing', { subject: facts.subject.id, fact: name });
  });
  const explain: Explain = { sections: [], vetoes: [], raw: 0, rangeAdjustment: 0, vetoAdjustment: 0 };
  const r = newResult();
  scoreRow(c, values, r, explain);
  const sheetFacts: ScoreSheet['facts'] = {};
  c.facts.forEach((name, k) => {
    const given = facts.evidence && hasOwn(facts.evidence, name) ? facts.evidence[name] : undefined;
    const evidence: FactEvidence = given ?? { source: c.defaults.has(name) && !hasOwn(facts.values, name) ? 'manual' : 'records' };
    sheetFacts[name] = { value: values[k]!, evidence };
  });
  const { rubric: rb } = c;
  return {
    rubric: { id: rb.id, name: rb.name, ...(rb.version !== undefined ? { version: rb.version } : {}) },
    subject: { ...facts.subject },
    period: { ...when },
    facts: sheetFacts,
    sections: explain.sections,
    raw: explain.raw,
    rangeAdjustment: explain.rangeAdjustment,
    vetoAdjustment: explain.vetoAdjustment,
    total: r.total,
    deductions: r.deductions,
    vetoes: explain.vetoes,
    bandGrade: rb.grades[r.band]!.id,
    grade: rb.grades[r.grade]!.id,
  };
}

const periodLabel = (p: Period) => `${p.kind} ${p.year} ${p.index}`;

/**
 * The scores of every subject of a fact table, in columns (row for row with the table). Sheets
 * are made on demand with {@link Scores.sheet}, by the same arithmetic as {@link scoreSheet}.
 * @example
 * const scores = scoreAll(EXAMPLE_CADRE_RUBRIC, computeFacts(roster, period('year', 2024), { rubric: EXAMPLE_CADRE_RUBRIC }));
 * scores.total[0]; // the first cadre's total
 * scores.sheet(0).sections.length; // 5
 */
export function scoreAll(rubric: Rubric | RubricInput, facts: FactTable): Scores {
  const c = compile(rubric);
  const columns = c.facts.map((name) => {
    const col = facts.column(name);
    if (col) return col;
    if (c.defaults.has(name)) return null;
    throw new AssessmentError('facts.missing', { subject: facts.size > 0 ? facts.subjectId(0) : '', fact: name });
  });
  const n = facts.size;
  const total = new Float64Array(n);
  const deductions = new Float64Array(n);
  const band = new Uint8Array(n);
  const grade = new Uint8Array(n);
  const vetoed = new Uint8Array(n);
  const values = new Float64Array(c.facts.length);
  // Declared facts the table lacks take their default once; the others are read row by row.
  const slots: number[] = [];
  const cols: Array<ArrayLike<number>> = [];
  for (let k = 0; k < columns.length; k++) {
    const col = columns[k];
    if (col) {
      slots.push(k);
      cols.push(col);
    } else values[k] = c.defaults.get(c.facts[k]!)!;
  }
  const res = newResult();
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < cols.length; j++) values[slots[j]!] = cols[j]![r]!;
    scoreRow(c, values, res, null);
    total[r] = res.total;
    deductions[r] = res.deductions;
    band[r] = res.band;
    grade[r] = res.grade;
    vetoed[r] = res.vetoed ? 1 : 0;
  }
  return new Scores(c.rubric, facts, total, deductions, band, grade, vetoed);
}

/**
 * The result of {@link scoreAll}: one row per subject of the fact table, in typed columns.
 * @example
 * const scores = scoreAll(rubric, facts);
 * const row = facts.rowOf('C000123');
 * scores.total[row]; rubric.grades[scores.grade[row]].label; // 86.5, '合格'
 * scores.sheet(row); // the explained sheet
 */
export class Scores {
  /** @internal */
  constructor(
    readonly rubric: Rubric,
    readonly facts: FactTable,
    /** Each subject's total. */
    readonly total: Float64Array,
    /** Each subject's deduction points (after item caps). */
    readonly deductions: Float64Array,
    /** Each subject's grade by the bands (an index into `rubric.grades`). */
    readonly band: Uint8Array,
    /** Each subject's grade after vetoes (an index into `rubric.grades`). */
    readonly grade: Uint8Array,
    /** 1 where a veto fired. */
    readonly vetoed: Uint8Array,
  ) {}

  /** Number of subjects. */
  get size(): number {
    return this.total.length;
  }

  /** The explained sheet of the subject at a row. */
  sheet(row: number): ScoreSheet {
    return scoreSheet(this.rubric, this.facts.subject(row), this.facts.period);
  }

  /** Every subject's result, for rankings. */
  subjects(): ScoredSubject[] {
    const out: ScoredSubject[] = new Array(this.size);
    const grades = this.rubric.grades;
    for (let r = 0; r < this.size; r++) {
      out[r] = { subject: this.facts.subjectId(r), place: this.facts.placeOf(r), unit: this.facts.unitOf(r), total: this.total[r]!, deductions: this.deductions[r]!, grade: grades[this.grade[r]!]!.id, vetoed: this.vetoed[r] === 1 };
    }
    return out;
  }
}

/**
 * A sheet's result, as rankings read it.
 * @example
 * rankSubjects(sheets.map(scoredOf));
 */
export function scoredOf(sheet: ScoreSheet): ScoredSubject {
  return { subject: sheet.subject.id, place: sheet.subject.place ?? '', unit: sheet.subject.unit ?? '', total: sheet.total, deductions: sheet.deductions, grade: sheet.grade, vetoed: sheet.vetoes.length > 0 };
}
