/**
 * The roster: cadres, pairings and visits resolved against a hierarchy and kept in columns
 * (typed arrays of row positions and day numbers), so that a check over a whole province or
 * the country is a few passes over arrays. Every record comes in through its schema (an
 * impossible date, negative minutes or text where a number belongs is refused, never stored);
 * records that are valid but point nowhere (a cadre or a village not known) are kept, marked
 * -1, and reported by the checks rather than dropped.
 */
import { Hierarchy } from '../hierarchy/hierarchy.js';
import { normalizeCode } from '../hierarchy/codes.js';
import { dayNumber } from '../time/days.js';
import { type ParseMode, type RecordIssue, RecordsError, SchemaError, recordIssues, showValue } from '../errors/schema.js';
import { NOT_RECORDED } from '../visits/findings.js';
import { PairingError } from './errors.js';
import { plainCadre, plainPairing, plainVisitDay } from './parse.js';
import {
  ACTIVITIES,
  CADRE_RANKS,
  MAX_HOUSEHOLDS,
  PAIRING_ROLES,
  cadreSchema,
  pairingSchema,
  recordedDay,
  visitSchema,
  type Activity,
  type Cadre,
  type Pairing,
  type Visit,
} from './schema.js';

/** A day number meaning "no limit" at either end of a validity period. */
const OPEN_START = -1e9;
const OPEN_END = 1e9;

/** What the roster is built from: records as read (each is parsed through its schema). */
export interface RosterInput {
  cadres: Iterable<Cadre>;
  pairings: Iterable<Pairing>;
  visits?: Iterable<Visit>;
}

/**
 * Options of {@link Roster.from}.
 * @example
 * const roster = Roster.from(zhaotong, rows, { mode: 'lenient' });
 * roster.issues.length; // the records left out, each with its position, field and reason
 */
export interface RosterOptions {
  /**
   * `strict` (the default): any bad record refuses the whole input with a `RecordsError`
   * listing every issue. `lenient`: the good records are kept and every bad one is listed in
   * {@link Roster.issues} with its kind, position, field and reason.
   */
  mode?: ParseMode;
}

/** A code that is not a division code at all (as opposed to one the hierarchy lacks, -1). */
const INVALID_CODE = -2;
/** At most this many distinct codes are remembered (the country has 665,276 divisions). */
const CODE_CACHE = 1 << 20;
/** Bits of the activity mask that name an activity. */
const ACTIVITY_BITS = (1 << ACTIVITIES.length) - 1;

/** The bit of each activity in a visit's activity mask. */
export function activityMask(activities: readonly Activity[]): number {
  let mask = 0;
  for (const a of activities) mask |= 1 << ACTIVITIES.indexOf(a);
  return mask;
}

/** A growing column of 32-bit integers. @internal */
export class Ints {
  data: Int32Array<ArrayBufferLike>;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  static of(values: Int32Array): Ints {
    const column = new Ints(0);
    column.data = values.length > 0 ? values : new Int32Array(16);
    column.length = values.length;
    return column;
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Cadres, pairings and visits against one hierarchy.
 * @example
 * const roster = Roster.from(zhaotong, { cadres, pairings, visits });
 * roster.cadreCount; // 4206
 */
export class Roster {
  readonly hierarchy: Hierarchy;
  readonly #cadreIndex = new Map<string, number>();
  readonly #cadres: Cadre[] = [];
  /** For rosters built from columns: ids by position, and no cadre records until asked. */
  #idOf: ((i: number) => string) | null = null;
  #columnCadres = 0;
  /** Rank of each cadre (index into {@link CADRE_RANKS}). */
  cadreRank: Uint8Array = new Uint8Array(16);
  /** Hierarchy row of each cadre's home, or -1. */
  cadreHome: Int32Array = new Int32Array(16);
  /** Cadres listed twice: the later record of each id is ignored. */
  readonly duplicateCadres: string[] = [];

  readonly pairings: Pairing[] = [];
  #pCadre = new Ints();
  #pRole = new Ints();
  #pTarget = new Ints();
  #pFrom = new Ints();
  #pTo = new Ints();

  #vCadre = new Ints();
  #vVillage = new Ints();
  #vDay = new Ints();
  #vMinutes = new Ints();
  #vHouseholds = new Ints();
  #vActivities = new Ints();
  #vRecorded = new Ints();
  /** When and by whom each visit was recorded, for rosters that hold any (old data has none). */
  #visitRecordedAt: Array<string | undefined> | null = null;
  #visitRecordedBy: Array<string | undefined> | null = null;
  readonly #visitIds: string[] = [];
  /** Notes of the visits that have any, by visit position (most have none). */
  readonly #visitNotes = new Map<number, string>();
  readonly #visitIndex = new Map<string, number>();
  #listeners = new Set<(visit: number) => void>();
  /**
   * The records {@link Roster.from} left out in `lenient` mode, each with its kind (`cadre`,
   * `pairing`, `visit`), its position in its own list, the field and the reason. Every input
   * record is either in the roster or here (a cadre listed twice is in
   * {@link Roster.duplicateCadres}).
   */
  readonly issues: readonly RecordIssue[] = [];

  private constructor(hierarchy: Hierarchy) {
    if (!(hierarchy instanceof Hierarchy)) throw new SchemaError([{ index: 0, kind: 'roster', field: 'hierarchy', reason: 'value.type', value: showValue(hierarchy), details: { expected: 'type.object' } }]);
    this.hierarchy = hierarchy;
  }

  /**
   * Build a roster from records as read: each cadre, pairing and visit is parsed through its
   * schema. In `strict` mode (the default) a bad record refuses the whole input with a
   * `RecordsError` naming every record, field and reason; in `lenient` mode the good records
   * are kept and the bad ones listed in {@link Roster.issues}. Well-formed records pass a fast
   * gate that accepts exactly what the schemas accept, so the national roster loads at
   * typed-array speed.
   * @example
   * const roster = Roster.from(zhaotong, { cadres, pairings, visits });
   * const { issues } = Roster.from(zhaotong, { cadres, pairings, visits: rows }, { mode: 'lenient' });
   * issues.map((i) => describeRecordIssue(i, 'zh-Hans')); // '第 3 条走访记录（V3），日期：“2024-02-30”不是真实存在的日期…'
   */
  static from(hierarchy: Hierarchy, input: RosterInput, options: RosterOptions = {}): Roster {
    const r = new Roster(hierarchy);
    const mode = options.mode ?? 'strict';
    if (mode !== 'strict' && mode !== 'lenient') throw new SchemaError([{ index: 0, kind: 'roster', field: 'mode', reason: 'value.enum', value: showValue(mode), details: { options: 'strict, lenient' } }]);
    const { cadres, pairings, visits } = rosterLists(input);
    const issues: RecordIssue[] = [];
    let k = 0;
    for (const c of cadres) r.#admitCadre(c, k++, issues);
    k = 0;
    for (const p of pairings) r.#admitPairing(p, k++, issues);
    k = 0;
    for (const v of visits) r.#admitVisit(v, k++, issues);
    if (issues.length > 0 && mode === 'strict') throw new RecordsError(issues, issues[0]!.kind);
    (r as { issues: readonly RecordIssue[] }).issues = issues;
    return r;
  }

  /**
   * Build a roster straight from columns, for data already held in typed arrays (a national
   * benchmark, a database export): rows are hierarchy positions, days are day numbers, -1 an
   * unknown reference. Cadre records are made from the ids and ranks.
   */
  static fromColumns(
    hierarchy: Hierarchy,
    columns: {
      /** The id of each cadre, as a list or a function of the position. */
      cadreIds: string[] | ((i: number) => string);
      cadreRank: Uint8Array;
      cadreHome?: Int32Array;
      pairings: { cadre: Int32Array; role: Int32Array; target: Int32Array; from?: Int32Array; to?: Int32Array };
      visits: { cadre: Int32Array; village: Int32Array; day: Int32Array; minutes: Int32Array; households: Int32Array; activities: Int32Array; recorded?: Int32Array };
    },
  ): Roster {
    const r = new Roster(hierarchy);
    checkColumns(hierarchy, columns);
    const n = columns.cadreRank.length;
    const ids = columns.cadreIds;
    r.cadreRank = columns.cadreRank;
    r.cadreHome = columns.cadreHome ?? new Int32Array(n).fill(-1);
    r.#idOf = typeof ids === 'function' ? ids : (i) => ids[i]!;
    r.#columnCadres = n;
    const p = columns.pairings;
    const m = p.cadre.length;
    r.#pCadre = Ints.of(p.cadre);
    r.#pRole = Ints.of(p.role);
    r.#pTarget = Ints.of(p.target);
    r.#pFrom = Ints.of(p.from ?? new Int32Array(m).fill(OPEN_START));
    r.#pTo = Ints.of(p.to ?? new Int32Array(m).fill(OPEN_END));
    const v = columns.visits;
    r.#vCadre = Ints.of(v.cadre);
    r.#vVillage = Ints.of(v.village);
    r.#vDay = Ints.of(v.day);
    r.#vMinutes = Ints.of(v.minutes);
    r.#vHouseholds = Ints.of(v.households);
    r.#vActivities = Ints.of(v.activities);
    r.#vRecorded = Ints.of(v.recorded ?? new Int32Array(v.cadre.length).fill(NOT_RECORDED));
    return r;
  }

  /** Number of cadres. */
  get cadreCount(): number {
    return this.#idOf ? this.#columnCadres : this.#cadres.length;
  }

  /** The id of the cadre at a position. */
  cadreId(i: number): string {
    return this.#idOf ? this.#idOf(i) : this.#cadres[i]!.id;
  }

  /** The cadre at a position (made on demand for rosters built from columns). */
  cadre(i: number): Cadre {
    if (!this.#idOf) return this.#cadres[i]!;
    const id = this.#idOf(i);
    return { id, name: id, unit: '', rank: CADRE_RANKS[this.cadreRank[i]!]! };
  }



  /** Number of pairings. */
  get pairingCount(): number {
    return this.#pCadre.length;
  }

  /** Number of visits. */
  get visitCount(): number {
    return this.#vCadre.length;
  }

  /** The position of a cadre id, or -1. */
  cadreIndex(id: string): number {
    if (this.#idOf && this.#cadreIndex.size === 0) {
      // Built from columns: the id index is made the first time an id is looked up.
      for (let i = 0; i < this.#columnCadres; i++) this.#cadreIndex.set(this.#idOf(i), i);
    }
    return this.#cadreIndex.get(id) ?? -1;
  }

  /**
   * Add a cadre, parsed through its schema (a `SchemaError` names what is wrong); a second
   * record with an id already present is ignored and listed in {@link duplicateCadres}.
   * @example
   * roster.addCadre({ id: 'C9', name: '张三', unit: '司法局', rank: 'staff' });
   */
  addCadre(c: Cadre): number {
    return this.#admitCadre(c, 0, null);
  }

  #admitCadre(input: unknown, index: number, issues: RecordIssue[] | null): number {
    let c = input as Cadre;
    let home = -1;
    if (plainCadre(input)) home = c.homeCode === undefined ? -1 : this.#rowOrInvalid(c.homeCode);
    if (!plainCadre(input) || home === INVALID_CODE) {
      const parsed = parseOrReport(cadreSchema, input, 'cadre', index, issues);
      if (parsed === null) return -1;
      c = parsed;
      home = c.homeCode === undefined ? -1 : this.#row(c.homeCode);
    }
    if (this.#cadreIndex.has(c.id)) {
      this.duplicateCadres.push(c.id);
      return this.#cadreIndex.get(c.id)!;
    }
    if (this.#idOf) throw new PairingError('roster.closed', { id: c.id });
    const i = this.#cadres.length;
    if (i === this.cadreRank.length) {
      const rank = new Uint8Array(i * 2);
      rank.set(this.cadreRank);
      this.cadreRank = rank;
      const home = new Int32Array(i * 2);
      home.set(this.cadreHome);
      this.cadreHome = home;
    }
    this.#cadres.push(c);
    this.#cadreIndex.set(c.id, i);
    this.cadreRank[i] = CADRE_RANKS.indexOf(c.rank);
    this.cadreHome[i] = home;
    return i;
  }

  /**
   * Add a pairing, parsed through its schema (a `SchemaError` names what is wrong); its cadre
   * and division are resolved now (-1 when unknown, reported by the check).
   * @example
   * roster.addPairing({ cadreId: 'C9', role: 'village', code: '530602001001' });
   */
  addPairing(p: Pairing): number {
    return this.#admitPairing(p, 0, null);
  }

  #admitPairing(input: unknown, index: number, issues: RecordIssue[] | null): number {
    let p = input as Pairing;
    let target = INVALID_CODE;
    if (plainPairing(input)) target = this.#rowOrInvalid(p.code);
    if (target === INVALID_CODE) {
      const parsed = parseOrReport(pairingSchema, input, 'pairing', index, issues);
      if (parsed === null) return -1;
      p = parsed;
      target = this.#row(p.code);
    }
    this.pairings.push(p);
    this.#pCadre.push(this.cadreIndex(p.cadreId));
    this.#pRole.push(PAIRING_ROLES.indexOf(p.role));
    this.#pTarget.push(target);
    this.#pFrom.push(p.from === undefined ? OPEN_START : dayNumber(p.from));
    this.#pTo.push(p.to === undefined ? OPEN_END : dayNumber(p.to));
    return this.#pCadre.length - 1;
  }

  /**
   * Add a visit, parsed through its schema, and tell the subscribers (the incremental checks).
   * A visit the schema refuses (an impossible date, negative or non-numeric minutes, …) throws
   * a `SchemaError` naming the field and the reason, and nothing is added.
   * @example
   * roster.addVisit({ id: 'V9', cadreId: 'C9', villageCode: '530602001001', date: '2024-05-02', minutes: 120, households: 5, activities: ['law-class'], recordedAt: '2024-05-02T18:00:00+08:00', recordedBy: 'C9' });
   */
  addVisit(v: Visit): number {
    return this.#admitVisit(v, 0, null);
  }

  #admitVisit(input: unknown, index: number, issues: RecordIssue[] | null): number {
    let v = input as Visit;
    let village = INVALID_CODE;
    let day = plainVisitDay(input);
    if (!Number.isNaN(day)) village = this.#rowOrInvalid(v.villageCode);
    if (village === INVALID_CODE) {
      const parsed = parseOrReport(visitSchema, input, 'visit', index, issues);
      if (parsed === null) return -1;
      v = parsed;
      village = this.#row(v.villageCode);
      day = dayNumber(v.date);
    }
    const i = this.#vCadre.length;
    this.#visitIds.push(v.id);
    if (!this.#visitIndex.has(v.id)) this.#visitIndex.set(v.id, i);
    this.#vCadre.push(this.cadreIndex(v.cadreId));
    this.#vVillage.push(village);
    this.#vDay.push(day);
    this.#vMinutes.push(v.minutes);
    this.#vHouseholds.push(v.households);
    this.#vActivities.push(activityMask(v.activities));
    this.#vRecorded.push(v.recordedAt === undefined ? NOT_RECORDED : recordedDay(v.recordedAt));
    if (v.notes !== undefined && v.notes !== '') this.#visitNotes.set(i, v.notes);
    if (v.recordedAt !== undefined) (this.#visitRecordedAt ??= [])[i] = v.recordedAt;
    if (v.recordedBy !== undefined) (this.#visitRecordedBy ??= [])[i] = v.recordedBy;
    for (const l of this.#listeners) l(i);
    return i;
  }

  /** When and by whom visit `i` was recorded, as far as its record says. */
  visitRecord(i: number): { recordedAt?: string; recordedBy?: string } {
    const out: { recordedAt?: string; recordedBy?: string } = {};
    const at = this.#visitRecordedAt?.[i];
    const by = this.#visitRecordedBy?.[i];
    if (at !== undefined) out.recordedAt = at;
    if (by !== undefined) out.recordedBy = by;
    return out;
  }

  /** Be told of every visit added from now on. @internal */
  onVisit(listener: (visit: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The pairing columns (views, valid until the next addition). */
  pairingColumns(): { cadre: Int32Array; role: Int32Array; target: Int32Array; from: Int32Array; to: Int32Array } {
    return { cadre: this.#pCadre.view(), role: this.#pRole.view(), target: this.#pTarget.view(), from: this.#pFrom.view(), to: this.#pTo.view() };
  }

  /** The visit columns (views, valid until the next addition). */
  visitColumns(): { cadre: Int32Array; village: Int32Array; day: Int32Array; minutes: Int32Array; households: Int32Array; activities: Int32Array; recorded: Int32Array } {
    return {
      /** The day (in China) each visit was entered in the ledger, or `NOT_RECORDED`. */
      recorded: this.#vRecorded.view(),
      cadre: this.#vCadre.view(),
      village: this.#vVillage.view(),
      day: this.#vDay.view(),
      minutes: this.#vMinutes.view(),
      households: this.#vHouseholds.view(),
      activities: this.#vActivities.view(),
    };
  }

  /** The id of visit `i`. */
  visitId(i: number): string {
    // Rosters built from columns number their visits instead of naming them.
    return this.#visitIds[i] ?? String(i);
  }

  /** The notes of visit `i`, if it has any. */
  visitNotes(i: number): string | undefined {
    return this.#visitNotes.get(i);
  }

  /** The position of the first visit with this id, or -1. */
  visitIndex(id: string): number {
    return this.#visitIndex.get(id) ?? -1;
  }

  /** Ids recorded for more than one visit. */
  duplicateVisitIds(): string[] {
    return this.#visitIds.filter((id, i) => this.#visitIndex.get(id) !== i);
  }

  #row(code: string): number {
    const row = this.#rowOrInvalid(code);
    return row === INVALID_CODE ? -1 : row;
  }

  /** The row of a code, -1 when the hierarchy lacks it, {@link INVALID_CODE} when it is no code. */
  #rowOrInvalid(code: string): number {
    // A roster names each village many times (a visit each): each code is read once.
    const known = this.#codeRows.get(code);
    if (known !== undefined) return known;
    let row: number;
    try {
      row = this.hierarchy.indexOf(normalizeCode(code));
    } catch {
      row = INVALID_CODE;
    }
    if (this.#codeRows.size < CODE_CACHE) this.#codeRows.set(code, row);
    return row;
  }
  readonly #codeRows = new Map<string, number>();
}

/** A record through its schema: the parsed record, or null with its issues reported (or thrown as a `SchemaError` when there is no list to report to). */
function parseOrReport<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } } }, input: unknown, kind: string, index: number, issues: RecordIssue[] | null): T | null {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const found = recordIssues(r.error.issues as Parameters<typeof recordIssues>[0], input, kind, index);
  if (issues === null) throw new SchemaError(found);
  issues.push(...found);
  return null;
}

/** The three lists of a roster input, or a `SchemaError` naming the one that is not a list. */
function rosterLists(input: unknown): { cadres: Iterable<unknown>; pairings: Iterable<unknown>; visits: Iterable<unknown> } {
  const refuse = (field: string, value: unknown, expected: string) => new SchemaError([{ index: 0, kind: 'roster', field, reason: value === undefined ? 'value.missing' : 'value.type', value: showValue(value), details: { expected } }]);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw refuse('', input, 'type.object');
  const lists = input as Record<string, unknown>;
  const list = (field: string, optional: boolean): Iterable<unknown> => {
    const v = lists[field];
    if (v === undefined && optional) return [];
    if (typeof v !== 'object' || v === null || typeof (v as Iterable<unknown>)[Symbol.iterator] !== 'function') throw refuse(field, v, 'type.array');
    return v as Iterable<unknown>;
  };
  return { cadres: list('cadres', false), pairings: list('pairings', false), visits: list('visits', true) };
}

/**
 * The columns of {@link Roster.fromColumns} checked in one pass each: lengths that agree,
 * positions inside the hierarchy and the cadre list (or -1), ranks and roles that exist, and
 * visit values the visit schema would take. A `PairingError` (`roster.columns`) names the
 * column, the position and the value.
 */
function checkColumns(
  h: Hierarchy,
  c: {
    cadreIds: string[] | ((i: number) => string);
    cadreRank: Uint8Array;
    cadreHome?: Int32Array;
    pairings: { cadre: Int32Array; role: Int32Array; target: Int32Array; from?: Int32Array; to?: Int32Array };
    visits: { cadre: Int32Array; village: Int32Array; day: Int32Array; minutes: Int32Array; households: Int32Array; activities: Int32Array; recorded?: Int32Array };
  },
): void {
  const fail = (column: string, index: number, value: number | string) => {
    throw new PairingError('roster.columns', { column, index, value });
  };
  const n = c.cadreRank?.length ?? fail('cadreRank', 0, 'missing');
  if (Array.isArray(c.cadreIds) && c.cadreIds.length !== n) fail('cadreIds', c.cadreIds.length, `length ≠ ${n}`);
  const inRange = (name: string, col: Int32Array | Uint8Array | undefined, length: number, lo: number, hi: number) => {
    if (col === undefined) return;
    if (col.length !== length) fail(name, col.length, `length ≠ ${length}`);
    for (let i = 0; i < col.length; i++) {
      const x = col[i]!;
      if (x < lo || x > hi) fail(name, i, x);
    }
  };
  inRange('cadreRank', c.cadreRank, n, 0, CADRE_RANKS.length - 1);
  inRange('cadreHome', c.cadreHome, n, -1, h.size - 1);
  const P = c.pairings;
  const m = P.cadre.length;
  inRange('pairings.cadre', P.cadre, m, -1, n - 1);
  inRange('pairings.role', P.role, m, 0, PAIRING_ROLES.length - 1);
  inRange('pairings.target', P.target, m, -1, h.size - 1);
  // Validity periods may be open (±1e9) or even reversed: the check reports a reversed one.
  inRange('pairings.from', P.from, m, -1e9, 1e9);
  inRange('pairings.to', P.to, m, -1e9, 1e9);
  const V = c.visits;
  const k = V.cadre.length;
  inRange('visits.cadre', V.cadre, k, -1, n - 1);
  inRange('visits.village', V.village, k, -1, h.size - 1);
  // Days from year 1 to 9999, as `dateSchema` takes them.
  inRange('visits.day', V.day, k, -719_162, 2_932_896);
  inRange('visits.minutes', V.minutes, k, 0, 24 * 60);
  inRange('visits.households', V.households, k, 0, MAX_HOUSEHOLDS);
  inRange('visits.activities', V.activities, k, 0, ACTIVITY_BITS);
  if (V.recorded !== undefined) {
    if (V.recorded.length !== k) fail('visits.recorded', V.recorded.length, `length ≠ ${k}`);
    for (let i = 0; i < k; i++) if (V.recorded[i] !== NOT_RECORDED && V.recorded[i]! < V.day[i]!) fail('visits.recorded', i, V.recorded[i]!);
  }
}

export { OPEN_START, OPEN_END };
