/**
 * The roster: cadres, pairings and visits resolved against a hierarchy and kept in columns
 * (typed arrays of row positions and day numbers), so that a check over a whole province or
 * the country is a few passes over arrays. Records that point nowhere are kept, marked -1, and
 * reported by the checks rather than dropped.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { normalizeCode } from '../hierarchy/codes.js';
import { dayNumber } from '../time/days.js';
import { ACTIVITIES, CADRE_RANKS, PAIRING_ROLES, type Activity, type Cadre, type Pairing, type Visit } from './schema.js';

/** A day number meaning "no limit" at either end of a validity period. */
const OPEN_START = -1e9;
const OPEN_END = 1e9;

/** What the roster is built from. */
export interface RosterInput {
  cadres: Iterable<Cadre>;
  pairings: Iterable<Pairing>;
  visits?: Iterable<Visit>;
}

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
  readonly #visitIds: string[] = [];
  /** Notes of the visits that have any, by visit position (most have none). */
  readonly #visitNotes = new Map<number, string>();
  readonly #visitIndex = new Map<string, number>();
  #listeners = new Set<(visit: number) => void>();

  private constructor(hierarchy: Hierarchy) {
    this.hierarchy = hierarchy;
  }

  /** Build a roster from records (already validated by their schemas). */
  static from(hierarchy: Hierarchy, input: RosterInput): Roster {
    const r = new Roster(hierarchy);
    for (const c of input.cadres) r.addCadre(c);
    for (const p of input.pairings) r.addPairing(p);
    for (const v of input.visits ?? []) r.addVisit(v);
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
      visits: { cadre: Int32Array; village: Int32Array; day: Int32Array; minutes: Int32Array; households: Int32Array; activities: Int32Array };
    },
  ): Roster {
    const r = new Roster(hierarchy);
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

  /** Add a cadre; a second record with an id already present is ignored and listed in {@link duplicateCadres}. */
  addCadre(c: Cadre): number {
    if (this.#cadreIndex.has(c.id)) {
      this.duplicateCadres.push(c.id);
      return this.#cadreIndex.get(c.id)!;
    }
    if (this.#idOf) throw new Error('a roster built from columns takes no new cadres');
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
    this.cadreHome[i] = c.homeCode === undefined ? -1 : this.#row(c.homeCode);
    return i;
  }

  /** Add a pairing; its cadre and division are resolved now (-1 when unknown). */
  addPairing(p: Pairing): number {
    this.pairings.push(p);
    this.#pCadre.push(this.cadreIndex(p.cadreId));
    this.#pRole.push(PAIRING_ROLES.indexOf(p.role));
    this.#pTarget.push(this.#row(p.code));
    this.#pFrom.push(p.from === undefined ? OPEN_START : dayNumber(p.from));
    this.#pTo.push(p.to === undefined ? OPEN_END : dayNumber(p.to));
    return this.#pCadre.length - 1;
  }

  /** Add a visit and tell the subscribers (the incremental checks). */
  addVisit(v: Visit): number {
    const i = this.#vCadre.length;
    this.#visitIds.push(v.id);
    if (!this.#visitIndex.has(v.id)) this.#visitIndex.set(v.id, i);
    this.#vCadre.push(this.cadreIndex(v.cadreId));
    this.#vVillage.push(this.#row(v.villageCode));
    this.#vDay.push(dayNumber(v.date));
    this.#vMinutes.push(v.minutes);
    this.#vHouseholds.push(v.households);
    this.#vActivities.push(activityMask(v.activities));
    if (v.notes !== undefined && v.notes !== '') this.#visitNotes.set(i, v.notes);
    for (const l of this.#listeners) l(i);
    return i;
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
  visitColumns(): { cadre: Int32Array; village: Int32Array; day: Int32Array; minutes: Int32Array; households: Int32Array; activities: Int32Array } {
    return {
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
    let short: string;
    try {
      short = normalizeCode(code);
    } catch {
      return -1;
    }
    return this.hierarchy.indexOf(short);
  }
}

export { OPEN_START, OPEN_END };
