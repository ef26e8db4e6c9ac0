/**
 * The record replayed: the state of every case from its events, and {@link CaseRecord}, a
 * small store of chained, frozen entries with the states they lead to.
 */
import { RecordsError, type ParseMode, type RecordIssue } from '../errors/schema.js';
import { chainEvents, EMPTY_HEAD, eventChecker, frozenCopy, isSealed, verifyRecord, type ChainHead } from './chain.js';
import { DisputeError } from './errors.js';
import { prepare, step, validEvent, type CaseState, type LifecycleContext, type PreparedContext } from './lifecycle.js';
import { caseEventSchema, type CaseEvent, type RecordEntry } from './schema.js';

/** An event of a record the lifecycle refused on replay: its position and why. */
export interface RefusedEntry {
  position: number;
  id: string;
  error: DisputeError;
}

/**
 * Every event that was refused in a lenient replay, in input order: those the lifecycle refused
 * and those their schema refused (one entry per event, its fields at fault in the error's
 * `issues`), so a page can list them together.
 * @example
 * const replay = replayRecord(events, { hierarchy, mode: 'lenient' });
 * allRefused(replay.refused, replay.issues, 'dispute.invalid-event').length; // events not applied
 */
export function allRefused(refused: readonly RefusedEntry[], issues: readonly RecordIssue[], code: 'dispute.invalid-event' | 'workorder.invalid-event'): RefusedEntry[] {
  const malformed = new Map<number, { id: string; issues: RecordIssue[] }>();
  for (const issue of issues) {
    const seen = malformed.get(issue.index);
    if (seen) seen.issues.push(issue);
    else malformed.set(issue.index, { id: issue.id ?? '', issues: [issue] });
  }
  const out: RefusedEntry[] = [...refused];
  for (const [position, m] of malformed) {
    const first = m.issues[0]!;
    out.push({ position, id: m.id, error: new DisputeError(code, { event: m.id, field: first.field, reason: first.reason }, m.issues) });
  }
  return out.sort((a, b) => a.position - b.position);
}

/** The result of {@link replayRecord}. */
export interface Replay {
  /** Every case's state, by case id. */
  states: Map<string, CaseState>;
  /** Valid events the lifecycle refused (out of order, not allowed, out of scope, …), not applied. */
  refused: RefusedEntry[];
  /** In `lenient` mode, the events their schema refuses, not applied: position, field and reason. */
  issues: RecordIssue[];
}

/**
 * Replay a record (or any list of case events in order) into the state of every case. Every
 * event is checked against its schema first, as `applyEvent` checks it (an entry's `seq`,
 * `prev` and `hash` aside): in `strict` mode (the default) an invalid event refuses the whole
 * replay with a `RecordsError` listing every issue; in `lenient` mode invalid events are left
 * out and listed in `issues` with their position, field and reason. Valid events the lifecycle
 * refuses are listed in `refused`, not applied, and the replay goes on. Every event is applied,
 * refused or listed. Built for whole records: a million events fold in place into one state
 * object per case.
 * @example
 * const { states, refused } = replayRecord(entries, { hierarchy });
 * states.get('ZT-2024-000001')?.status; // 'archived'
 * const { issues } = replayRecord(rows, { hierarchy, mode: 'lenient' });
 */
export function replayRecord(entries: Iterable<CaseEvent>, context: LifecycleContext & { mode?: ParseMode } = {}): Replay {
  const ctx = prepare(context);
  const states = new Map<string, CaseState>();
  const refused: RefusedEntry[] = [];
  const issues: RecordIssue[] = [];
  const ids = new Set<string>();
  const check = eventChecker(caseEventSchema, 'case-event');
  let position = 0;
  for (const e of entries) {
    const bad = isSealed(e) ? NONE : check(e, position);
    if (bad.length > 0) {
      for (const i of bad) issues.push(i);
      position++;
      continue;
    }
    let added = false;
    try {
      // One look-up in a million ids, not two: the id goes in first and out again if refused.
      const known = ids.size;
      ids.add(e.id);
      if (ids.size === known) throw new DisputeError('dispute.duplicate-event', { event: e.id });
      added = true;
      const before = states.get(e.caseId);
      // Copy on write only when a refusal could leave the state half changed: the guards run
      // before any change, so in-place is safe for the states this replay made.
      const after = applyChecked(before, e, ctx, states);
      if (after !== before) states.set(e.caseId, after);
    } catch (err) {
      if (added) ids.delete(e.id);
      refused.push({ position, id: typeof e?.id === 'string' ? e.id : '', error: asDisputeError(err, e) });
    }
    position++;
  }
  if (context.mode !== 'lenient' && issues.length > 0) throw new RecordsError(issues, 'case-event');
  return { states, refused, issues };
}
const NONE: RecordIssue[] = [];

function applyChecked(before: CaseState | undefined, e: CaseEvent, ctx: PreparedContext, states: ReadonlyMap<string, CaseState>): CaseState {
  if (e.type === 'merged' && before && e.payload.into !== before.id && !states.has(e.payload.into)) throw new DisputeError('dispute.unknown-case', { case: e.payload.into, event: e.type });
  return step(before, e, ctx, before !== undefined);
}

function asDisputeError(err: unknown, e: CaseEvent): DisputeError {
  if (err instanceof DisputeError) return err;
  return new DisputeError('dispute.invalid-event', { event: typeof e?.id === 'string' ? e.id : '', field: '', reason: 'value.invalid' });
}

/**
 * A case record as a small store: the chained entries, the state of every case, and
 * subscribers told of each append. `append` checks the event (schema, scope, role, lifecycle),
 * chains it and keeps it, or throws a {@link DisputeError} and keeps nothing; appends run one
 * after the other in the order called. Entries are kept as frozen copies: changing an event
 * object after it was appended or loaded changes neither the record nor a case's state.
 * @example
 * const record = new CaseRecord({ hierarchy });
 * await record.append(registration);
 * record.stateOf(registration.caseId)?.status; // 'registered'
 * const again = await CaseRecord.load(importJsonl(text).entries, { hierarchy });
 */
export class CaseRecord {
  readonly #entries: RecordEntry<CaseEvent>[] = [];
  #view: readonly RecordEntry<CaseEvent>[] | undefined;
  readonly #states = new Map<string, CaseState>();
  readonly #ids = new Set<string>();
  readonly #ctx: PreparedContext;
  readonly #listeners = new Set<(entry: RecordEntry<CaseEvent>) => void>();
  #tail: Promise<unknown> = Promise.resolve();

  constructor(context: LifecycleContext = {}) {
    this.#ctx = prepare(context);
  }

  /**
   * A record from existing entries (frozen copies are kept, unless they are already the frozen
   * entries of {@link importJsonl} or {@link chainEvents}): the chain is verified, against the
   * published `head` if given, and every event replayed.
   * @throws {DisputeError} `dispute.record-broken` naming the first bad entry, or the error of
   * the first event the lifecycle refuses; a `RecordsError` for events their schema refuses.
   */
  static async load(entries: readonly RecordEntry<CaseEvent>[], context: LifecycleContext & { head?: ChainHead } = {}): Promise<CaseRecord> {
    // Verified and replayed are the same frozen objects: nothing can change between the two.
    const own = entries.map((e) => (isSealed(e) ? e : frozenCopy(e)));
    const check = await verifyRecord(own, context.head === undefined ? {} : { head: context.head });
    if (!check.ok) throw new DisputeError('dispute.record-broken', { line: check.line, event: check.id ?? '', problem: check.problem });
    const record = new CaseRecord(context);
    const { states, refused } = replayRecord(own, context);
    if (refused.length > 0) throw refused[0]!.error;
    for (const [id, s] of states) record.#states.set(id, s);
    for (const e of own) {
      record.#entries.push(e);
      record.#ids.add(e.id);
    }
    return record;
  }

  /** The entries, in order: a frozen list of frozen entries. */
  get entries(): readonly RecordEntry<CaseEvent>[] {
    return (this.#view ??= Object.freeze(this.#entries.slice()));
  }

  /** The last entry's seq and hash: publish it (print it on a report, store it elsewhere) to detect a cut or rewritten record later. */
  get head(): ChainHead {
    const last = this.#entries[this.#entries.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : { ...EMPTY_HEAD };
  }

  /** A case's state, or `undefined`. */
  stateOf(caseId: string): CaseState | undefined {
    return this.#states.get(caseId);
  }

  /** Every case's state. */
  cases(): IterableIterator<CaseState> {
    return this.#states.values();
  }

  /**
   * Check, chain and keep one event; resolves to its entry.
   * @throws {DisputeError} when refused; nothing is kept.
   */
  append(event: CaseEvent): Promise<RecordEntry<CaseEvent>> {
    const run = this.#tail.then(() => this.#append(event));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Be told of each new entry; returns the unsubscribe function. */
  subscribe(listener: (entry: RecordEntry<CaseEvent>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #append(given: CaseEvent): Promise<RecordEntry<CaseEvent>> {
    validEvent(given);
    // The state is folded from the same frozen copy that is chained, never from the caller's object.
    const event = frozenCopy(given);
    if (this.#ids.has(event.id)) throw new DisputeError('dispute.duplicate-event', { event: event.id });
    const before = this.#states.get(event.caseId);
    if (event.type === 'merged' && before && event.payload.into !== before.id && !this.#states.has(event.payload.into)) throw new DisputeError('dispute.unknown-case', { case: event.payload.into, event: event.type });
    const after = step(before, event, this.#ctx, false);
    const [entry] = await chainEvents([event], this.head);
    this.#entries.push(entry!);
    this.#view = undefined;
    this.#ids.add(event.id);
    this.#states.set(event.caseId, after);
    for (const l of this.#listeners) l(entry!);
    return entry!;
  }
}
