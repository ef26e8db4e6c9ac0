/**
 * Facts: named, typed quantities per subject and period that rubrics read. The records give
 * most of them (visits made and missing, households, activities, findings of nominal and
 * commute-style pairing, spot-check outcomes); reviewers enter the rest by hand, each with its
 * evidence and author; and {@link FactProvider}s add more (dispute work: `disputeFacts`).
 *
 * {@link computeFacts} computes every cadre's facts for a period in one pass over the pairings
 * and one over the visits, into typed columns: the national benchmark has 1.9 million cadres
 * and 9 million visits, so nothing scans the visits per cadre.
 */
import { dayNumber, yearRange } from '../time/days.js';
import { timestampMs } from '../time/schema.js';
import { RecordsError, parseRecord, parseRecords, showValue, type ParseMode, type RecordIssue } from '../errors/schema.js';
import { factValueProblem } from './values.js';
import { DIVISION_LEVELS, type DivisionLevel } from '../hierarchy/codes.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import type { Roster } from '../pairing/roster.js';
import { ACTIVITIES, pairingPolicySchema, type PairingPolicy, type PairingPolicyInput } from '../pairing/schema.js';
import { ACTIVITY_FACTS, FINDING_FACTS, OUTCOME_FACTS, RECORD_FACTS, RECORD_FACT_MAP, type FactDefinition } from './catalogue.js';
import { cadreFindings } from '../visits/findings.js';
import type { InspectionFinding } from '../visits/spot-check.js';
import { AssessmentError } from './errors.js';
import { periodKey, periodRange, type Period } from './period.js';
import { manualEntrySchema, type FactEvidence, type FactType, type ManualEntry, type Rubric, type RubricInput, type SubjectFacts, type SubjectKind } from './schema.js';
import { parseRubric, rubricFacts } from './validate.js';

/** A typed column of one fact. */
type Column = Int32Array | Uint8Array | Float64Array;

/**
 * The extension point for facts the records do not hold (a portal's own figures; dispute work
 * per cadre ships as `disputeFacts`, in dispute-facts.ts). A provider names
 * the facts it supplies; {@link computeFacts} gives it the period and the subjects and it sets
 * their values. A rubric declares such facts with `source: 'provider'`.
 * @example
 * const disputes: FactProvider = {
 *   name: 'disputes',
 *   facts: [{ name: 'disputes.resolvedInVillage', type: 'count' }],
 *   provide(ctx) {
 *     for (const d of myDisputes) {
 *       const row = ctx.rowOf(d.cadreId);
 *       if (row >= 0 && d.day >= ctx.range[0] && d.day <= ctx.range[1]) ctx.add('disputes.resolvedInVillage', row, 1);
 *     }
 *   },
 * };
 * computeFacts(roster, period('year', 2024), { rubric, providers: [disputes] });
 */
export interface FactProvider {
  /** Shown as the source of its facts. */
  readonly name: string;
  readonly facts: ReadonlyArray<{ name: string; type?: FactType; additive?: boolean; description?: string }>;
  provide(context: FactContext): void;
}

/** What a {@link FactProvider} is given. */
export interface FactContext {
  roster: Roster;
  period: Period;
  /** The period's first and last day numbers. */
  range: [number, number];
  /** How many subjects. */
  size: number;
  /** The subject id of a row. */
  subjectId(row: number): string;
  /** The row of a subject id, or -1. */
  rowOf(id: string): number;
  /** Set a fact of a row. */
  set(fact: string, row: number, value: number, evidence?: string): void;
  /** Add to a fact of a row. */
  add(fact: string, row: number, value: number): void;
}

/** Options of {@link computeFacts}. */
export interface FactOptions {
  /** The pairing policy (Zhaotong's by default): required visits, campaign, finding thresholds. */
  policy?: PairingPolicyInput | PairingPolicy;
  /** The rubric: its declared facts are made, and only the record facts it reads are computed (unless `facts` says otherwise). */
  rubric?: Rubric | RubricInput;
  /** The record facts to compute (default: the rubric's, else all). */
  facts?: readonly string[];
  /** Manual entries; those of other periods are ignored. */
  manual?: readonly ManualEntry[];
  /** Spot-check outcomes (from `compareInspections`); those of other periods are ignored. */
  inspections?: readonly InspectionFinding[];
  providers?: readonly FactProvider[];
  /** Every cadre of the roster, not only those paired or leading in the period. */
  all?: boolean;
}

interface TableInit {
  period: Period;
  kind: SubjectKind;
  hierarchy: Hierarchy;
  size: number;
  ids: (row: number) => string;
  places: Int32Array;
  units: (row: number) => string;
  cadres: Int32Array | null;
  columns: Map<string, Column>;
  definitions: Map<string, FactDefinition>;
  evidence: Map<string, Map<number, FactEvidence>>;
}

/**
 * The facts of every subject for one period, in typed columns (one per fact, one row per
 * subject). Made by {@link computeFacts} or {@link rollUpFacts}; read by scoring.
 * @example
 * const facts = computeFacts(roster, period('year', 2024));
 * facts.value('pairedVisits', facts.rowOf('C000123')); // 5
 * facts.subject(facts.rowOf('C000123')).values['households']; // 37
 */
export class FactTable {
  readonly period: Period;
  readonly kind: SubjectKind;
  readonly hierarchy: Hierarchy;
  /** Number of subjects. */
  readonly size: number;
  readonly #init: TableInit;
  #index: Map<string, number> | null = null;

  /** @internal */
  constructor(init: TableInit) {
    this.#init = init;
    this.period = init.period;
    this.kind = init.kind;
    this.hierarchy = init.hierarchy;
    this.size = init.size;
  }

  /** The id of the subject at a row. */
  subjectId(row: number): string {
    return this.#init.ids(row);
  }

  /** The row of a subject id, or -1. */
  rowOf(id: string): number {
    if (!this.#index) {
      this.#index = new Map();
      for (let r = 0; r < this.size; r++) this.#index.set(this.#init.ids(r), r);
    }
    return this.#index.get(id) ?? -1;
  }

  /** The division a subject is attributed to (a cadre's paired village, else the unit it leads, else its home), or ''. */
  placeOf(row: number): string {
    const at = this.#init.places[row]!;
    return at >= 0 ? this.hierarchy.codeAt(at) : '';
  }

  /** The hierarchy row of a subject's place, or -1. @internal */
  placeRow(row: number): number {
    return this.#init.places[row]!;
  }

  /** A cadre's unit (政法委, 法院, …), or ''. */
  unitOf(row: number): string {
    return this.#init.units(row);
  }

  /** The roster position of the cadre at a row (cadre tables only), or -1. */
  cadreOf(row: number): number {
    return this.#init.cadres ? this.#init.cadres[row]! : -1;
  }

  /** The facts the table holds. */
  names(): string[] {
    return [...this.#init.columns.keys()];
  }

  /** What a fact is. */
  definition(name: string): FactDefinition | undefined {
    return this.#init.definitions.get(name);
  }

  /** A fact's column (read only), or undefined when the table does not hold it. */
  column(name: string): ArrayLike<number> | undefined {
    return this.#init.columns.get(name);
  }

  /** One fact of one subject (0 when the table does not hold the fact). */
  value(name: string, row: number): number {
    return this.#init.columns.get(name)?.[row] ?? 0;
  }

  /** Where a fact's value came from. */
  evidence(name: string, row: number): FactEvidence {
    return this.#init.evidence.get(name)?.get(row) ?? { source: this.#init.definitions.get(name)?.source ?? 'records' };
  }

  /** Everything about one subject, as scoring and the sheet read it. */
  subject(row: number): SubjectFacts {
    const values: Record<string, number> = {};
    const evidence: Record<string, FactEvidence> = {};
    for (const [name, col] of this.#init.columns) {
      values[name] = col[row]!;
      evidence[name] = this.evidence(name, row);
    }
    const place = this.placeOf(row);
    const unit = this.unitOf(row);
    return { subject: { id: this.subjectId(row), kind: this.kind, ...(place ? { place } : {}), ...(unit ? { unit } : {}) }, period: this.period, values, evidence };
  }

  /**
   * A table with manual entries applied on top of this one (this one is unchanged). Entries of
   * other periods are ignored; the latest entry (by `at`) of a subject and fact holds.
   * @example
   * const withTasks = facts.withEntries([{ subject: 'C000123', period: '2024', fact: 'tasksCompleted', value: 5,
   *   evidence: '验收单 2024-017', author: 'T530602001', at: '2024-12-20T10:00:00+08:00' }]);
   */
  withEntries(entries: readonly ManualEntry[]): FactTable {
    const columns = new Map(this.#init.columns);
    const evidence = new Map(this.#init.evidence);
    applyManual(this, entries, columns, evidence, this.#init.definitions);
    return new FactTable({ ...this.#init, columns, evidence });
  }
}

const LEVEL_VILLAGE = 4;
const ROLE_VILLAGE = 2;
const ROLE_COUNTY = 0;

/**
 * The facts of every cadre for a period, computed from the roster in one pass over the
 * pairings and one over the visits (plus the nominal and commute-style findings of each paired
 * cadre, over their own visits). Subjects are the cadres paired with a village or leading a
 * county or township in the period (all cadres with `all`), in roster order.
 *
 * Figures agree with the pairing check: `pairedVisits` is the check's visits made,
 * `visitShortfall` its shortfall, and the findings flags its findings, for a year. For a quarter
 * or a month the requirement is prorated (a month asks none, so no month flags `nominal.noVisits`),
 * and `commute.crammed` applies to years only.
 * @example
 * const facts = computeFacts(roster, period('year', 2024), { rubric: EXAMPLE_CADRE_RUBRIC, inspections: compareInspections(roster, found) });
 * facts.size; // 4206 on the Zhaotong demo
 */
export function computeFacts(roster: Roster, when: Period, options: FactOptions = {}): FactTable {
  const policy = parseRecord(pairingPolicySchema, options.policy ?? {}, 'pairing-policy');
  const declared = options.rubric ? rubricFacts(options.rubric) : null;
  const wanted = new Set<string>(options.facts ?? (declared ? declared.reads.filter((n) => RECORD_FACT_MAP.has(n)) : RECORD_FACTS.map((f) => f.name)));
  for (const name of wanted) if (!RECORD_FACT_MAP.has(name)) throw new AssessmentError('rubric.unknown-fact', { fact: name });
  for (const name of ['pairings', 'leads', 'visits']) wanted.add(name);
  const h = roster.hierarchy;
  const range = periodRange(when);
  const nC = roster.cadreCount;
  const byCadre = new Map<string, Column>();
  const evidenceByCadre = new Map<string, Map<number, FactEvidence>>();
  const place = recordFacts(roster, when, range, policy, wanted, byCadre, evidenceByCadre);
  inspectionFacts(roster, range, options.inspections ?? [], wanted, byCadre, nC);
  // The subjects: cadres active in the period, in roster order.
  const pairings = byCadre.get('pairings') as Int32Array;
  const leads = byCadre.get('leads') as Int32Array;
  let size = 0;
  const rows = new Int32Array(nC);
  for (let c = 0; c < nC; c++) if (options.all || pairings[c]! > 0 || leads[c]! > 0) rows[size++] = c;
  const identity = size === nC;
  const cadres = identity ? rows : rows.slice(0, size);
  const columns = new Map<string, Column>();
  const definitions = new Map<string, FactDefinition>();
  for (const def of RECORD_FACTS) {
    const col = byCadre.get(def.name);
    if (!col) continue;
    definitions.set(def.name, def);
    columns.set(def.name, identity ? col : gather(col, cadres));
  }
  const rowOfCadre = identity ? null : new Int32Array(nC).fill(-1);
  if (rowOfCadre) for (let r = 0; r < size; r++) rowOfCadre[cadres[r]!] = r;
  const evidence = new Map<string, Map<number, FactEvidence>>();
  for (const [name, byC] of evidenceByCadre) {
    const m = new Map<number, FactEvidence>();
    for (const [c, e] of byC) {
      const r = rowOfCadre ? rowOfCadre[c]! : c;
      if (r >= 0) m.set(r, e);
    }
    evidence.set(name, m);
  }
  const places = identity ? place : gather(place, cadres);
  const table = new FactTable({
    period: when,
    kind: 'cadre',
    hierarchy: h,
    size,
    ids: (r) => roster.cadreId(cadres[r]!),
    places,
    units: (r) => roster.cadre(cadres[r]!).unit,
    cadres,
    columns,
    definitions,
    evidence,
  });
  // Declared facts: manual ones start at their default, provided ones come from the providers.
  const providers = options.providers ?? [];
  const supplied = new Map<string, FactProvider>();
  for (const p of providers) for (const f of p.facts) supplied.set(f.name, p);
  for (const d of declared?.declarations ?? []) {
    if (d.source === 'provider' && !supplied.has(d.name)) throw new AssessmentError('facts.no-provider', { fact: d.name });
    if (d.source === 'manual') {
      definitions.set(d.name, { name: d.name, type: d.type, source: 'manual', additive: false, description: d.label ?? '', ...(d.min !== undefined ? { min: d.min } : {}), ...(d.max !== undefined ? { max: d.max } : {}) });
      columns.set(d.name, new Float64Array(size).fill(d.default));
    }
  }
  const defaults = new Map((declared?.declarations ?? []).map((d) => [d.name, d.default]));
  for (const p of providers) runProvider(p, table, roster, when, range, columns, definitions, evidence, defaults);
  if (options.manual) applyManual(table, options.manual, columns, evidence, definitions);
  return table;
}

function gather<T extends Column>(col: T, rows: Int32Array): T {
  const out = new (col.constructor as new (n: number) => T)(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = col[rows[r]!]!;
  return out;
}

function runProvider(
  p: FactProvider,
  table: FactTable,
  roster: Roster,
  when: Period,
  range: [number, number],
  columns: Map<string, Column>,
  definitions: Map<string, FactDefinition>,
  evidence: Map<string, Map<number, FactEvidence>>,
  defaults: ReadonlyMap<string, number>,
): void {
  const own = new Map<string, Float64Array>();
  for (const f of p.facts) {
    const col = new Float64Array(table.size).fill(defaults.get(f.name) ?? 0);
    own.set(f.name, col);
    columns.set(f.name, col);
    definitions.set(f.name, { name: f.name, type: f.type ?? 'count', source: p.name, additive: f.additive ?? false, description: f.description ?? '' });
  }
  const column = (fact: string) => {
    const col = own.get(fact);
    if (!col) throw new AssessmentError('facts.no-provider', { fact });
    return col;
  };
  p.provide({
    roster,
    period: when,
    range,
    size: table.size,
    subjectId: (row) => table.subjectId(row),
    rowOf: (id) => table.rowOf(id),
    set(fact, row, value, note) {
      column(fact)[row] = value;
      if (note !== undefined) {
        let m = evidence.get(fact);
        if (!m) evidence.set(fact, (m = new Map()));
        m.set(row, { source: p.name, note });
      }
    },
    add(fact, row, value) {
      column(fact)[row]! += value;
    },
  });
}

/** Apply manual entries of the table's period into `columns` (copying each column it changes). */
function applyManual(table: FactTable, entries: readonly ManualEntry[], columns: Map<string, Column>, evidence: Map<string, Map<number, FactEvidence>>, definitions: ReadonlyMap<string, FactDefinition>): void {
  const key = periodKey(table.period);
  const parsed = entries.map((e) => {
    const r = manualEntrySchema.safeParse(e);
    if (!r.success) {
      // The field at fault, named by a message key, never zod's English.
      const field = r.error.issues[0]?.path.map(String).join('.') ?? '';
      throw new AssessmentError('facts.bad-entry', { subject: showValue((e as { subject?: unknown } | null)?.subject), fact: showValue((e as { fact?: unknown } | null)?.fact), reason: 'assessment.entry.field', field });
    }
    return r.data;
  });
  // The latest entry holds: sort by time, stably, and let later ones overwrite.
  const ordered = parsed.map((e, i) => ({ e, i, t: timestampMs(e.at) })).sort((a, b) => a.t - b.t || a.i - b.i);
  const copied = new Set<string>();
  for (const { e } of ordered) {
    if (e.period !== key) continue;
    const def = definitions.get(e.fact);
    if (!def || def.source !== 'manual') throw new AssessmentError('facts.not-manual', { fact: e.fact, subject: e.subject });
    const problem = factValueProblem(def, e.value);
    if (problem !== null) throw new AssessmentError('facts.bad-entry', { subject: e.subject, fact: e.fact, reason: problem, value: e.value, ...(def.min !== undefined ? { min: def.min } : {}), ...(def.max !== undefined ? { max: def.max } : {}) });
    const row = table.rowOf(e.subject);
    if (row < 0) throw new AssessmentError('facts.unknown-subject', { subject: e.subject, fact: e.fact });
    if (!copied.has(e.fact)) {
      copied.add(e.fact);
      columns.set(e.fact, Float64Array.from(columns.get(e.fact) ?? new Float64Array(table.size)));
      evidence.set(e.fact, new Map(evidence.get(e.fact)));
    }
    columns.get(e.fact)![row] = e.value;
    evidence.get(e.fact)!.set(row, { source: 'manual', note: e.evidence, author: e.author, at: e.at });
  }
}

/**
 * Parse manual entries before they are applied, the door for entries kept in a file or typed in
 * a form: each must pass {@link manualEntrySchema} (a real time with its offset, non-blank
 * evidence and author), name a fact the rubric declares `source: 'manual'`, and give a value
 * the declaration admits (its type, `min` and `max`). Strict mode (the default) throws a
 * `RecordsError` listing every issue; lenient mode keeps the good entries and returns every bad
 * one with its position, field and reason. (Whether the subject is assessed in the period is
 * checked when the entries are applied.)
 * @example
 * const { records, issues } = parseManualEntries(rubric, rows, { mode: 'lenient' });
 * const facts = computeFacts(roster, period('year', 2024), { rubric, manual: records });
 */
export function parseManualEntries(rubric: Rubric | RubricInput, entries: Iterable<unknown>, options: { mode?: ParseMode } = {}): { records: ManualEntry[]; positions: number[]; issues: RecordIssue[] } {
  const declared = new Map(parseRubric(rubric).facts.filter((d) => d.source === 'manual').map((d) => [d.name, d]));
  const parsed = parseRecords(manualEntrySchema, entries, { kind: 'manual-entry', mode: 'lenient', idOf: () => undefined });
  const out = { records: [] as ManualEntry[], positions: [] as number[], issues: parsed.issues };
  parsed.records.forEach((entry, k) => {
    const index = parsed.positions[k]!;
    const d = declared.get(entry.fact);
    const issue = (field: string, reason: RecordIssue['reason'], value: unknown, details?: Record<string, string | number>) =>
      out.issues.push({ index, kind: 'manual-entry', field, reason, value: showValue(value), ...(details ? { details } : {}) });
    if (!d) return issue('fact', 'facts.not-manual', entry.fact, { fact: entry.fact, subject: entry.subject });
    const problem = factValueProblem(d, entry.value);
    if (problem === null) {
      out.records.push(entry);
      out.positions.push(index);
    } else if (problem === 'assessment.value.min') issue('value', 'value.too-small', entry.value, { min: d.min! });
    else if (problem === 'assessment.value.max') issue('value', 'value.too-big', entry.value, { max: d.max! });
    else issue('value', 'value.format', entry.value, { expected: problem === 'assessment.value.count' ? 'expect.count' : problem === 'assessment.value.flag' ? 'expect.flag' : 'expect.finite' });
  });
  out.issues.sort((a, b) => a.index - b.index);
  if ((options.mode ?? 'strict') === 'strict' && out.issues.length > 0) throw new RecordsError(out.issues, 'manual-entry');
  return out;
}

/**
 * The record facts: fills `out` with one column per wanted fact, indexed by roster position,
 * and returns each cadre's place (hierarchy row).
 */
function recordFacts(
  roster: Roster,
  when: Period,
  [d0, d1]: [number, number],
  policy: PairingPolicy,
  wanted: ReadonlySet<string>,
  out: Map<string, Column>,
  evidence: Map<string, Map<number, FactEvidence>>,
): Int32Array {
  const h = roster.hierarchy;
  const nC = roster.cadreCount;
  const P = roster.pairingColumns();
  const V = roster.visitColumns();
  const nP = P.cadre.length;
  const [y0, y1] = yearRange(when.year);
  const yearDays = y1 - y0 + 1;
  // The part of the period inside the campaign.
  const w0 = Math.max(d0, dayNumber(policy.campaign.from));
  const w1 = Math.min(d1, dayNumber(policy.campaign.to));
  const min = policy.minVisitsPerYear;
  const col = (name: string) => {
    if (!wanted.has(name)) return null;
    const c = new Int32Array(nC);
    out.set(name, c);
    return c;
  };
  const pairings = col('pairings')!;
  const leads = col('leads')!;
  const visits = col('visits')!;
  const need = (name: string) => wanted.has(name);
  const findingsOn = Object.values(FINDING_FACTS).some(need);
  const pairedOn = findingsOn || need('pairedVisits') || need('visitShortfall');
  const required = need('visitsRequired') || need('visitShortfall') || findingsOn ? new Int32Array(nC) : null;
  if (required && need('visitsRequired')) out.set('visitsRequired', required);
  const paired = pairedOn ? new Int32Array(nC) : null;
  if (paired && need('pairedVisits')) out.set('pairedVisits', paired);
  const minutes = col('visitMinutes');
  const households = col('households');
  const empty = col('emptyVisits');
  const short = col('shortVisits');
  const activity = ACTIVITIES.map((a) => col(ACTIVITY_FACTS[a]));
  const anyActivity = activity.some((c) => c !== null);

  // Pairings: which are active in the period, each cadre's requirement and place.
  const villageAt = new Int32Array(nC).fill(-1);
  const leadAt = new Int32Array(nC).fill(-1);
  // The cadre's only active village pairing, -1 for none, -2 for several.
  const only = new Int32Array(nC).fill(-1);
  const activeVillage = new Uint8Array(nP);
  const { cadre: Pc, role: Pr, target: Pt, from: Pf, to: Pto } = P;
  const requiredOf = (p: number) => {
    const span = Math.min(Pto[p]!, w1) - Math.max(Pf[p]!, w0) + 1;
    return span >= yearDays ? min : Math.round((min * span) / yearDays);
  };
  for (let p = 0; p < nP; p++) {
    const c = Pc[p]!;
    const t = Pt[p]!;
    if (c < 0 || t < 0 || Pf[p]! > Pto[p]! || Pf[p]! > w1 || Pto[p]! < w0) continue;
    const role = Pr[p]!;
    const level = h.levelAt(t);
    if (role === ROLE_VILLAGE) {
      if (level !== LEVEL_VILLAGE) continue;
      activeVillage[p] = 1;
      pairings[c]!++;
      only[c] = only[c] === -1 ? p : -2;
      if (required) required[c]! += requiredOf(p);
      if (villageAt[c]! < 0 || t < villageAt[c]!) villageAt[c] = t;
    } else {
      if (level !== (role === ROLE_COUNTY ? 2 : 3)) continue;
      leads[c]!++;
      if (leadAt[c]! < 0 || t < leadAt[c]!) leadAt[c] = t;
    }
  }
  const place = new Int32Array(nC);
  for (let c = 0; c < nC; c++) place[c] = villageAt[c]! >= 0 ? villageAt[c]! : leadAt[c]! >= 0 ? leadAt[c]! : roster.cadreHome[c]!;

  // Visits, in one pass.
  const { cadre: Vc, village: Vv, day: Vd, minutes: Vm, households: Vh, activities: Va } = V;
  const minMinutes = policy.findings.minMinutes;
  const kept = findingsOn ? new Int32Array(Vc.length).fill(-1) : null;
  const slow: number[] = [];
  for (let v = 0; v < Vc.length; v++) {
    const d = Vd[v]!;
    if (d < d0 || d > d1) continue;
    const c = Vc[v]!;
    if (c < 0) continue;
    visits[c]!++;
    if (minutes) minutes[c]! += Vm[v]!;
    if (households) households[c]! += Vh[v]!;
    const mask = Va[v]!;
    if (empty && mask === 0 && Vh[v] === 0) empty[c]!++;
    if (short && Vm[v]! < minMinutes) short[c]!++;
    if (anyActivity) for (let m = mask, b = 0; m !== 0; m >>>= 1, b++) if (m & 1 && activity[b]) activity[b]![c]!++;
    const t = Vv[v]!;
    if (t < 0) continue;
    if (kept) kept[v] = c;
    if (!paired) continue;
    const o = only[c]!;
    if (o >= 0) {
      if (t === Pt[o] && d >= Pf[o]! && d <= Pto[o]!) paired[c]!++;
    } else if (o === -2) slow.push(v);
  }

  // Cadres with several village pairings: each visit counts once, for the pairing it falls in.
  const several = new Map<number, number[]>();
  const madeOf = new Map<number, number>();
  if (paired) {
    for (let p = 0; p < nP; p++) {
      if (activeVillage[p] !== 1 || only[Pc[p]!] !== -2) continue;
      const list = several.get(Pc[p]!);
      if (list) list.push(p);
      else several.set(Pc[p]!, [p]);
    }
    for (const v of slow) {
      const c = Vc[v]!;
      let match = -1;
      for (const p of several.get(c) ?? []) if (Pt[p] === Vv[v] && Vd[v]! >= Pf[p]! && Vd[v]! <= Pto[p]!) match = p;
      if (match < 0) continue;
      paired[c]!++;
      madeOf.set(match, (madeOf.get(match) ?? 0) + 1);
    }
  }
  if (need('visitShortfall') && paired && required) {
    const shortfall = new Int32Array(nC);
    out.set('visitShortfall', shortfall);
    for (let c = 0; c < nC; c++) {
      const o = only[c]!;
      if (o >= 0) shortfall[c] = Math.max(0, required[c]! - paired[c]!);
      else if (o === -2) for (const p of several.get(c)!) shortfall[c]! += Math.max(0, requiredOf(p) - (madeOf.get(p) ?? 0));
    }
  }

  // Findings, over each paired cadre's own visits (grouped by a counting sort).
  if (kept && paired && required) {
    const flags = new Map<string, Uint8Array>();
    for (const name of Object.values(FINDING_FACTS)) {
      if (!need(name)) continue;
      const f = new Uint8Array(nC);
      flags.set(name, f);
      out.set(name, f);
      evidence.set(name, new Map());
    }
    const start = new Int32Array(nC + 1);
    for (let v = 0; v < kept.length; v++) if (kept[v]! >= 0) start[kept[v]! + 1]!++;
    for (let c = 0; c < nC; c++) start[c + 1]! += start[c]!;
    const list = new Int32Array(start[nC]!);
    const fill = start.slice(0, nC);
    for (let v = 0; v < kept.length; v++) if (kept[v]! >= 0) list[fill[kept[v]!]!++] = v;
    const isYear = when.kind === 'year';
    for (let c = 0; c < nC; c++) {
      if (pairings[c] === 0) continue;
      const found = cadreFindings(roster, c, place[c]! >= 0 ? h.codeAt(place[c]!) : '', list.subarray(start[c]!, start[c + 1]!), paired[c]!, d1, policy.findings, V);
      for (const f of found) {
        if (f.code === 'nominal.no-visits' && required[c] === 0) continue;
        if (f.code === 'commute.crammed' && !isYear) continue;
        const name = FINDING_FACTS[f.code as keyof typeof FINDING_FACTS];
        const column = name ? flags.get(name) : undefined;
        if (!column) continue;
        column[c] = 1;
        const note = Object.entries(f.details).map(([k, v]) => `${k}: ${v}`).join('; ');
        evidence.get(name)!.set(c, { source: 'findings', code: f.code, note });
      }
    }
  }
  return place;
}

function inspectionFacts(roster: Roster, [d0, d1]: [number, number], findings: readonly InspectionFinding[], wanted: ReadonlySet<string>, out: Map<string, Column>, nC: number): void {
  const names = ['spotChecks', ...Object.values(OUTCOME_FACTS)];
  if (!names.some((n) => wanted.has(n))) return;
  const cols = new Map(names.map((n) => [n, new Int32Array(nC)]));
  for (const f of findings) {
    const day = dayNumber(f.inspection.date);
    if (!(day >= d0 && day <= d1)) continue;
    const c = roster.cadreIndex(f.inspection.cadreId);
    if (c < 0) continue;
    cols.get('spotChecks')![c]!++;
    cols.get(OUTCOME_FACTS[f.outcome])![c]!++;
  }
  for (const n of names) if (wanted.has(n)) out.set(n, cols.get(n)!);
}

/** How {@link rollUpFacts} groups cadres: by unit, or by the region (an ancestor at a level) of their place. */
export type FactGrouping = { by: 'unit' } | { by: 'region'; level: Extract<DivisionLevel, 'prefecture' | 'county' | 'township' | 'village'> };

/**
 * The facts of units or regions: each fact summed over the cadres of the group (a flag becomes
 * the count of cadres flagged), with `members`, the number of cadres. A rubric with
 * `subject: 'unit'` or `'region'` scores them (and may divide by `members`).
 * @example
 * const counties = rollUpFacts(facts, { by: 'region', level: 'county' });
 * counties.value('visits', counties.rowOf('530627')); // visits of 镇雄县's paired cadres
 */
export function rollUpFacts(table: FactTable, grouping: FactGrouping): FactTable {
  const h = table.hierarchy;
  const key = new Int32Array(table.size);
  const ids: string[] = [];
  const places: number[] = [];
  const seen = new Map<string, number>();
  const levelRank = grouping.by === 'region' ? DIVISION_LEVELS.indexOf(grouping.level) : -1;
  for (let r = 0; r < table.size; r++) {
    let id = '';
    let at = -1;
    if (grouping.by === 'unit') id = table.unitOf(r);
    else {
      at = table.placeRow(r);
      while (at >= 0 && h.levelAt(at) > levelRank) at = h.parentIndex(at);
      if (at >= 0 && h.levelAt(at) === levelRank) id = h.codeAt(at);
      else at = -1;
    }
    if (id === '') {
      key[r] = -1;
      continue;
    }
    let g = seen.get(id);
    if (g === undefined) {
      seen.set(id, (g = ids.length));
      ids.push(id);
      places.push(at);
    }
    key[r] = g;
  }
  // Groups in a stable order: region codes in hierarchy order, units by name.
  const order = ids.map((_, g) => g).sort((a, b) => (grouping.by === 'region' ? places[a]! - places[b]! : ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const rank = new Int32Array(ids.length);
  order.forEach((g, k) => (rank[g] = k));
  const n = ids.length;
  const columns = new Map<string, Column>();
  const definitions = new Map<string, FactDefinition>();
  const members = new Float64Array(n);
  for (let r = 0; r < table.size; r++) if (key[r]! >= 0) members[rank[key[r]!]!]!++;
  for (const name of table.names()) {
    const src = table.column(name)!;
    const sum = new Float64Array(n);
    for (let r = 0; r < table.size; r++) if (key[r]! >= 0) sum[rank[key[r]!]!]! += src[r]!;
    columns.set(name, sum);
    const def = table.definition(name)!;
    definitions.set(name, { ...def, type: def.type === 'flag' ? 'count' : def.type });
  }
  columns.set('members', members);
  definitions.set('members', { name: 'members', type: 'count', source: 'records', additive: false, description: 'Cadres in the group.' });
  const groupIds = order.map((g) => ids[g]!);
  const groupPlaces = Int32Array.from(order.map((g) => places[g]!));
  return new FactTable({
    period: table.period,
    kind: grouping.by === 'unit' ? 'unit' : 'region',
    hierarchy: h,
    size: n,
    ids: (r) => groupIds[r]!,
    places: groupPlaces,
    units: (r) => (grouping.by === 'unit' ? groupIds[r]! : ''),
    cadres: null,
    columns,
    definitions,
    evidence: new Map(),
  });
}
