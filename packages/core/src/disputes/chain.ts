/**
 * The hash chain of a record: each entry is the event with its position `seq` and the previous
 * entry's hash `prev`; its `hash` is the SHA-256 of the entry's canonical JSON without `hash`:
 * keys sorted, no spaces, strings and numbers as `JSON.stringify` writes them (the JSON
 * Canonicalization Scheme, RFC 8785, for the values events hold).
 *
 * SHA-256 is node:crypto's in Node (taken from the running Node, never imported, so a browser
 * bundle carries nothing of it) and Web Crypto's elsewhere; both give the same hashes.
 *
 * Verification recomputes every hash and names the first bad entry: altered, missing (deleted),
 * inserted or reordered. A chain rewritten from some point on, every hash recomputed, or cut at
 * its end, is consistent in itself: only a head kept somewhere else (printed on a report, stored
 * by another body) tells; pass it to {@link verifyRecord} to tell a cut tail, entries appended
 * after it and a rewritten chain apart.
 */
import * as z from 'zod/mini';
import { GualianError } from '../errors/index.js';
import { translate, type Lang } from '../i18n/index.js';
import { RecordsError, recordIssues, showValue, type RecordIssue, type ParseMode } from '../errors/schema.js';
import { caseEventSchema, type CaseEvent, type RecordEntry } from './schema.js';
import { workOrderEventSchema, type WorkOrderEvent } from './workorders.js';
import { fastCheck } from './validate.js';
import { RECORD_ERROR_CODES, type RecordErrorCode } from './record-codes.js';

// Used at run time, so that a bundle keeps the module that registers the record's messages.
const DUPLICATE_ID: RecordErrorCode = RECORD_ERROR_CODES[2];

/**
 * The `prev` of the first entry: 64 zeros.
 * @example
 * entries[0].prev === GENESIS_HASH; // true
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Where a chain ends: the last entry's `seq` (-1 for none) and `hash`. Publish it (print it on a
 * report, send it to another body) to detect later a cut tail or a rewritten chain.
 */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** @internal */
export const EMPTY_HEAD: ChainHead = Object.freeze({ seq: -1, hash: GENESIS_HASH });

/**
 * The canonical JSON of a value: object keys sorted (by UTF-16 code units), no whitespace,
 * `undefined` members left out, strings and numbers as `JSON.stringify` writes them. A number
 * with no JSON form (`NaN`, `Infinity`) is refused with a `GualianError` `value.invalid`.
 * @example
 * canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } }); // '{"a":{"c":null,"d":[1,"x"]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, undefined) ?? 'null';
}

/**
 * The keys of an object in sorted order. Events repeat a few shapes a million times: the sorted
 * order of a shape is kept, found by the first key and the count, and checked key by key
 * (property names are interned strings, so the check is cheap) before it is used.
 */
function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  const n = keys.length;
  if (n < 2) return keys;
  const byFirst = shapes.get(keys[0]!);
  const known = byFirst?.[n];
  if (known) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = known.keys[i] === keys[i];
    if (same) return known.sorted;
  }
  let sorted = keys;
  for (let i = 1; i < n; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = keys.slice().sort();
      break;
    }
  }
  if (shapes.size < 1024) {
    let slot = byFirst;
    if (!slot) shapes.set(keys[0]!, (slot = []));
    slot[n] = { keys, sorted };
  }
  return sorted;
}
const shapes = new Map<string, { keys: string[]; sorted: string[] }[]>();

/** Quoted keys with their colon, as they recur in every event. */
const quotedKeys = new Map<string, string>();

/** @internal */
export function write(v: unknown, skip: string | undefined): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new GualianError('value.invalid', { value: String(v) });
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + (write(v[i], undefined) ?? 'null');
        return out + ']';
      }
      const o = v as Record<string, unknown>;
      const keys = sortedKeys(o);
      let out = '{';
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (k === skip) continue;
        const s = write(o[k], undefined);
        if (s === undefined) continue;
        let q = quotedKeys.get(k);
        if (q === undefined) {
          q = JSON.stringify(k) + ':';
          if (quotedKeys.size < 4096) quotedKeys.set(k, q);
        }
        out += first ? q + s : ',' + q + s;
        first = false;
      }
      return out + '}';
    }
    default:
      return undefined;
  }
}

/**
 * The canonical JSON of an entry without its `hash`, written straight as UTF-8 bytes into one
 * shared buffer: the same bytes as `TextEncoder` would make of {@link canonicalJson}'s string,
 * without building that string (the verification of a million entries spends its time here and
 * in the digests). Returns the length written; the bytes are valid until the next call.
 */
function entryBytes(entry: object): number {
  wpos = 0;
  writeBytes(entry, 'hash');
  return wpos;
}
let wbuf = new Uint8Array(8192);
let wpos = 0;
const HEX_LOWER = '0123456789abcdef';

function room(n: number): void {
  if (wpos + n <= wbuf.length) return;
  const bigger = new Uint8Array(Math.max(wbuf.length * 2, wpos + n));
  bigger.set(wbuf.subarray(0, wpos));
  wbuf = bigger;
}

function ascii(s: string): void {
  room(s.length);
  for (let i = 0; i < s.length; i++) wbuf[wpos++] = s.charCodeAt(i);
}

function escapeUnit(b: Uint8Array, p: number, c: number): number {
  // \u00XX for control characters, \udXXX for lone surrogates, lowercase as JSON.stringify writes them.
  b[p++] = 92;
  b[p++] = 117;
  for (let shift = 12; shift >= 0; shift -= 4) b[p++] = HEX_LOWER.charCodeAt((c >> shift) & 15);
  return p;
}

function stringBytes(s: string): void {
  const n = s.length;
  room(n * 6 + 2);
  // The buffer and the position in locals: this loop runs over every character of a million
  // entries, and module variables would be loaded and stored on each byte.
  const b = wbuf;
  let p = wpos;
  b[p++] = 34;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 34 && c !== 92) b[p++] = c;
      else if (c === 34 || c === 92) {
        b[p++] = 92;
        b[p++] = c;
      } else if (c === 8 || c === 9 || c === 10 || c === 12 || c === 13) {
        b[p++] = 92;
        b[p++] = c === 8 ? 98 : c === 9 ? 116 : c === 10 ? 110 : c === 12 ? 102 : 114;
      } else p = escapeUnit(b, p, c);
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 63);
        b[p++] = 0x80 | ((cp >> 6) & 63);
        b[p++] = 0x80 | (cp & 63);
        i++;
      } else p = escapeUnit(b, p, c);
    } else {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 63);
      b[p++] = 0x80 | (c & 63);
    }
  }
  b[p++] = 34;
  wpos = p;
}

/** A non-negative safe integer's decimal digits, written in place (no string, no reversed copy). */
function digitBytes(v: number): void {
  let digits = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
  room(digits);
  let p = wpos + digits;
  wpos = p;
  let x = v;
  do {
    wbuf[--p] = 48 + (x % 10);
    x = Math.floor(x / 10);
  } while (x > 0);
}

/** {@link write}, as bytes; returns false for a value with no JSON form (left wbuf of objects). */
function writeBytes(v: unknown, skip: string | undefined): boolean {
  switch (typeof v) {
    case 'string':
      stringBytes(v);
      return true;
    case 'number':
      if (Number.isSafeInteger(v) && v >= 0 && !Object.is(v, -0)) {
        // Positions and counts, the usual numbers, digit by digit.
        digitBytes(v);
        return true;
      }
      if (!Number.isFinite(v)) throw new GualianError('value.invalid', { value: String(v) });
      ascii(JSON.stringify(v));
      return true;
    case 'boolean':
      ascii(v ? 'true' : 'false');
      return true;
    case 'object': {
      if (v === null) {
        ascii('null');
        return true;
      }
      if (Array.isArray(v)) {
        room(1);
        wbuf[wpos++] = 91;
        for (let i = 0; i < v.length; i++) {
          if (i > 0) {
            room(1);
            wbuf[wpos++] = 44;
          }
          if (!writeBytes(v[i], undefined)) ascii('null');
        }
        room(1);
        wbuf[wpos++] = 93;
        return true;
      }
      const o = v as Record<string, unknown>;
      const keys = sortedKeys(o);
      room(1);
      wbuf[wpos++] = 123;
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const value = o[k];
        if (k === skip || value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
        if (!first) {
          room(1);
          wbuf[wpos++] = 44;
        }
        stringBytes(k);
        room(1);
        wbuf[wpos++] = 58;
        writeBytes(value, undefined);
        first = false;
      }
      room(1);
      wbuf[wpos++] = 125;
      return true;
    }
    default:
      return false;
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(digest: ArrayBuffer | Uint8Array): string {
  const b = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  let out = '';
  for (let i = 0; i < b.length; i++) out += HEX[b[i]!];
  return out;
}

/** Whether a digest equals a hash in lowercase hex, without building a string. */
function sameHash(digest: ArrayBuffer | Uint8Array, hash: unknown): boolean {
  if (typeof hash !== 'string' || hash.length !== 64) return false;
  const b = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  if (b.length !== 32) return false;
  for (let i = 0; i < 32; i++) {
    const byte = b[i]!;
    if (hash.charCodeAt(2 * i) !== HEX_CODES[byte >> 4] || hash.charCodeAt(2 * i + 1) !== HEX_CODES[byte & 15]) return false;
  }
  return true;
}
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * A SHA-256 function: bytes in, the 32-byte digest out (or a promise of it). It must read the
 * bytes before it returns. Without one, node:crypto's is used in Node and Web Crypto's
 * (`crypto.subtle.digest('SHA-256', …)`) elsewhere.
 * @example
 * await verifyRecord(entries, { digest: (b) => crypto.subtle.digest('SHA-256', b) }); // Web Crypto in Node too
 */
export type Sha256 = (bytes: Uint8Array<ArrayBuffer>) => ArrayBuffer | Uint8Array | Promise<ArrayBuffer | Uint8Array>;

const webCrypto: Sha256 = (bytes) => globalThis.crypto.subtle.digest('SHA-256', bytes);

/** node:crypto's one-call hash to lowercase hex, when running in Node. */
type HexHash = (data: Uint8Array | string) => string;
let nodeHex: HexHash | null | undefined;

/**
 * The running Node's SHA-256, or null. Found through `process.getBuiltinModule` (Node 20.16+,
 * Deno, Bun) or else a dynamic import whose name no bundler can see, so that browser builds
 * neither import nor bundle node:crypto; in a browser there is no `process.versions.node`.
 */
async function nodeSha256(): Promise<HexHash | null> {
  if (nodeHex !== undefined) return nodeHex;
  nodeHex = null;
  const p = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof p?.versions?.node !== 'string') return nodeHex;
  type NodeCrypto = { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string; createHash: (algorithm: string) => { update(b: Uint8Array | string): { digest(encoding: 'hex'): string } } };
  let c: NodeCrypto | undefined;
  try {
    c = (typeof p.getBuiltinModule === 'function' ? p.getBuiltinModule('node:crypto') : undefined) as NodeCrypto | undefined;
    if (!c) {
      const name = ['node', 'crypto'].join(':');
      c = (await import(/* @vite-ignore */ /* webpackIgnore: true */ name)) as NodeCrypto;
    }
  } catch {
    return nodeHex;
  }
  const hash = c.hash;
  nodeHex = typeof hash === 'function' ? (b) => hash('sha256', b, 'hex') : (b) => c.createHash('sha256').update(b).digest('hex');
  return nodeHex;
}

/** The kinds of record a chain holds, by the schema its events are checked with. */
export type ChainKind = 'cases' | 'work-orders';

/** Options of {@link chainEvents}. */
export interface ChainOptions {
  /** A SHA-256 other than the default (see {@link Sha256}). */
  digest?: Sha256;
  /** The events' kind: case events (the default) or work-order events. */
  kind?: ChainKind;
  /** Another schema for the events (a domain's own records), instead of `kind`'s. */
  schema?: z.ZodMiniType;
  /** `strict` (the default) refuses the whole batch if any event is invalid; `lenient` chains the valid ones. */
  mode?: ParseMode;
}

const KINDS = { cases: ['case-event', caseEventSchema], 'work-orders': ['work-order-event', workOrderEventSchema] } as const;

/** The chain fields an entry carries beside its event; checked apart from the event's schema. */
const CHAIN_KEYS = ['seq', 'prev', 'hash'] as const;

/** @internal */
export function schemaOf(options: { kind?: ChainKind; schema?: z.ZodMiniType }): { kind: string; schema: z.ZodMiniType } {
  if (options.schema) return { kind: 'record', schema: options.schema };
  const [kind, schema] = KINDS[options.kind ?? 'cases'] ?? KINDS.cases;
  return { kind, schema };
}

/**
 * The issues of an event against its schema, or none. An entry's own `seq`, `prev` and `hash`
 * are not the event's and are left out of the check (they are checked by the chain).
 * @internal
 */
export function eventIssues(schema: z.ZodMiniType, e: unknown, kind: string, index: number): RecordIssue[] {
  return fastCheck(schema, CHAIN_KEYS)(e) ? NO_ISSUES : slowIssues(schema, e, kind, index);
}
const NO_ISSUES: RecordIssue[] = [];

/**
 * {@link eventIssues} for one schema, looked up once: for the loops over a million events.
 * @internal
 */
export function eventChecker(schema: z.ZodMiniType, kind: string): (e: unknown, index: number) => RecordIssue[] {
  const fast = fastCheck(schema, CHAIN_KEYS);
  return (e, index) => (fast(e) ? NO_ISSUES : slowIssues(schema, e, kind, index));
}

function slowIssues(schema: z.ZodMiniType, e: unknown, kind: string, index: number): RecordIssue[] {
  let event = e;
  if (e !== null && typeof e === 'object' && !Array.isArray(e)) {
    const { seq: _s, prev: _p, hash: _h, ...rest } = e as Record<string, unknown>;
    event = rest;
  }
  let r: ReturnType<z.ZodMiniType['safeParse']>;
  try {
    r = schema.safeParse(event);
  } catch {
    // A value too deep for the validator: a refusal, not a crash.
    return [{ index, kind, field: '', reason: 'value.invalid', value: '' }];
  }
  if (r.success) return [];
  const issues = recordIssues(r.error.issues, event, kind, index);
  // The validator names a missing or unknown event type only as "no option matched": say which.
  const tag = discriminatorOf(schema);
  if (tag) {
    for (const i of issues) {
      if (i.field !== tag.key || i.reason !== 'value.invalid') continue;
      const given = (event as Record<string, unknown> | null)?.[tag.key];
      if (given === undefined) i.reason = 'value.missing';
      else {
        i.reason = 'value.enum';
        i.details = { options: tag.values.join(', ') };
      }
    }
  }
  return issues;
}

/** The discriminating key of a schema that is a union of tagged objects, and its values. */
function discriminatorOf(schema: z.ZodMiniType): { key: string; values: string[] } | undefined {
  const def = (schema as unknown as { _zod: { def: { discriminator?: unknown; options?: { _zod: { def: { shape?: Record<string, { _zod: { def: { values?: unknown[] } } }> } } }[] } } })._zod.def;
  const key = def.discriminator;
  if (typeof key !== 'string' || !def.options) return undefined;
  const values = def.options.flatMap((o) => (o._zod.def.shape?.[key]?._zod.def.values ?? []).map(String));
  return { key, values };
}

/**
 * The mark of entries this module made or read, checked and froze with everything in them:
 * trusted as valid and immutable. A private, non-enumerable symbol (not a WeakSet: a weak
 * collection of a million entries would slow every garbage collection), invisible to JSON,
 * canonical form, spreads and copies, so a copy of an entry is never taken for a sealed one.
 */
const SEALED = Symbol('gualian.record.sealed');

/** @internal */
export function isSealed(entry: object): boolean {
  return (entry as { [SEALED]?: boolean })[SEALED] === true;
}

/**
 * A deep copy of plain data, frozen throughout, so that an entry cannot change after it was
 * hashed: not through the object given, not through the one kept.
 * @internal
 */
export function frozenCopy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = frozenCopy(v[i]);
    return Object.freeze(out) as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = frozenCopy(x);
  }
  return Object.freeze(out) as T;
}

/** Freeze a value and everything in it, in place (for values this module owns). @internal */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

/** @internal */
export function seal<T extends object>(entry: T, line?: string): T {
  for (const k of Object.keys(entry)) deepFreeze((entry as Record<string, unknown>)[k]);
  if (!Object.isFrozen(entry)) {
    Object.defineProperty(entry, SEALED, { value: true });
    const text = line === undefined ? undefined : textToHash(line, (entry as { hash?: unknown }).hash);
    if (text !== undefined) Object.defineProperty(entry, HASHED_TEXT, { value: text });
  }
  return Object.freeze(entry);
}

/**
 * The text an entry read from a canonical line was hashed from: the line less its `hash`
 * member. Kept on the frozen entry, so verification hashes it as it is instead of writing the
 * entry's canonical bytes again (the larger part of verifying, before). Only where the member
 * occurs once in the line, so it can only be the entry's own.
 */
const HASHED_TEXT = Symbol('gualian.record.hashed-text');

function textToHash(line: string, hash: unknown): string | undefined {
  if (typeof hash !== 'string') return undefined;
  const member = `"hash":"${hash}"`;
  const at = line.indexOf(member);
  if (at < 1 || line.indexOf(member, at + 1) >= 0) return undefined;
  const end = at + member.length;
  // replace() builds one flat string, where slices joined would keep the whole file alive and
  // leave three objects an entry for every garbage collection to walk.
  if (line.charCodeAt(at - 1) === 44) return line.replace(`,${member}`, '');
  // The first member: its comma follows it.
  return line.charCodeAt(end) === 44 ? line.replace(`${member},`, '') : line.replace(member, '');
}

/**
 * Chain events onto a record: each is checked against its schema (as `applyEvent` checks it),
 * copied, given its `seq`, the previous hash and its own hash, and frozen. Hashing is
 * sequential (each hash depends on the one before); use it to append, and {@link verifyRecord}
 * to check. In `strict` mode (the default) an invalid event, or an id given twice, refuses the
 * batch with a `RecordsError` listing every issue; in `lenient` mode the valid events are
 * chained and the others returned with their position, field and reason.
 * @example
 * const entries = await chainEvents(events);
 * const more = await chainEvents(later, { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
 * const { entries: good, issues } = await chainEvents(rows, undefined, { mode: 'lenient' });
 */
export async function chainEvents<E extends object = CaseEvent>(events: Iterable<E>, after?: ChainHead, options?: ChainOptions & { mode?: 'strict' }): Promise<RecordEntry<E>[]>;
export async function chainEvents<E extends object = CaseEvent>(events: Iterable<E>, after: ChainHead | undefined, options: ChainOptions & { mode: 'lenient' }): Promise<{ entries: RecordEntry<E>[]; issues: RecordIssue[] }>;
export async function chainEvents<E extends object = CaseEvent>(events: Iterable<E>, after: ChainHead = EMPTY_HEAD, options: ChainOptions = {}): Promise<RecordEntry<E>[] | { entries: RecordEntry<E>[]; issues: RecordIssue[] }> {
  checkHead('after', after);
  const { kind, schema } = schemaOf(options);
  const lenient = options.mode === 'lenient';
  const issues: RecordIssue[] = [];
  const good: E[] = [];
  const ids = new Map<string, number>();
  const check = eventChecker(schema, kind);
  let index = 0;
  for (const e of events) {
    const found = check(e, index).slice();
    const id = (e as { id?: unknown })?.id;
    if (found.length === 0 && typeof id === 'string') {
      // importJsonl refuses a second entry with an id: chaining one would make a record that does not read back.
      const first = ids.get(id);
      if (first !== undefined) found.push({ index, id: showValue(id), kind, field: 'id', reason: DUPLICATE_ID, value: showValue(id), details: { first: first + 1 } });
      else ids.set(id, index);
    }
    if (found.length > 0) issues.push(...found);
    else good.push(e);
    index++;
  }
  if (!lenient && issues.length > 0) throw new RecordsError(issues, kind);
  const digest = options.digest ?? (await nodeSha256()) ?? webCrypto;
  const out: RecordEntry<E>[] = [];
  let { seq, hash } = after;
  for (const e of good) {
    const { seq: _s, prev: _p, hash: _h, ...event } = frozenCopy(e) as Record<string, unknown>;
    const entry = { ...event, seq: ++seq, prev: hash } as unknown as RecordEntry<E>;
    hash = await hashOf(entry, digest);
    (entry as { hash: string }).hash = hash;
    out.push(seal(entry));
  }
  return lenient ? { entries: out, issues } : out;
}

/** A head given by a caller is `{ seq, hash }` with a whole seq from -1 on; anything else is refused with a GualianError. */
function checkHead(name: string, h: ChainHead | undefined): void {
  if (h === undefined) return;
  const ok = typeof h === 'object' && h !== null && Number.isSafeInteger(h.seq) && h.seq >= -1 && typeof h.hash === 'string';
  if (!ok) throw new GualianError('value.invalid', { value: name });
}

/** The hash of one entry (its canonical bytes less `hash`). */
async function hashOf(entry: object, digest: Sha256 | HexHash): Promise<string> {
  const n = entryBytes(entry);
  if (digest === nodeHex) return (digest as HexHash)(wbuf.subarray(0, n));
  return hex(await (digest as Sha256)(wbuf.slice(0, n)));
}

/** How many entries' bytes {@link verifyRecord} writes before asking for their digests. */
const STAGE = 64;
const stageEnds = new Int32Array(STAGE);

/**
 * What went wrong at the first bad entry, or with the record against its published head:
 * `truncated`, the record ends before the head (a cut tail); `appended`, entries follow the
 * head; `rewritten`, the entry at the head's position is another (the chain was rewritten at or
 * before it); `head-unknown`, a head given by its hash alone is not in the record (cut or
 * rewritten: give `{ seq, hash }` to tell which).
 */
export type RecordProblem = 'altered' | 'missing' | 'inserted' | 'reordered' | 'broken' | 'truncated' | 'appended' | 'rewritten' | 'head-unknown';

/** The result of {@link verifyRecord}. */
export type RecordVerification =
  | { ok: true; count: number; head: ChainHead }
  | {
      ok: false;
      count: number;
      /** The first bad entry's position (0-based; for `truncated`, the number of entries). */
      position: number;
      /** Its line in a JSON Lines file (position + 1). */
      line: number;
      /** Its event id and seq, when there is an entry there. */
      id?: string;
      seq?: number;
      problem: RecordProblem;
      /** For `missing`: how many entries are gone before it; for `truncated`, how many after the last. */
      missing?: number;
      /** For `appended`: how many entries follow the published head. */
      appended?: number;
      /** The record's own head, when the chain holds together (for `truncated`, `appended`, `rewritten`). */
      head?: ChainHead;
    };

/** Options of {@link verifyRecord}. */
export interface VerifyOptions {
  /** The head the entries continue from (for a part of a record). */
  after?: ChainHead;
  /**
   * The head published earlier, kept apart from the record. With `{ seq, hash }`, a cut tail,
   * entries appended after it and a rewritten chain are told apart; a hash alone can only say
   * that the head is there or not.
   */
  head?: ChainHead | string;
  /** How many digests are asked for at once when the digest is asynchronous (256 unless given). */
  batch?: number;
  /** A SHA-256 other than the default (see {@link Sha256}). */
  digest?: Sha256;
}

/**
 * Verify a chain: every entry's hash recomputed, every link and position checked. Names the
 * first bad entry and what is wrong with it: `altered` (its content no longer matches its
 * hash, or it was rewritten), `missing` (entries deleted before it), `inserted`, `reordered`,
 * `broken` (it links to nothing known). Given the published `head`, it also says whether the
 * record was cut (`truncated`), has entries after the head (`appended`) or was rewritten
 * (`rewritten`). {@link describeVerification} puts the result in words.
 * @example
 * const v = await verifyRecord(entries, { head: { seq: 41_999, hash: printedOnTheReport } });
 * if (!v.ok) console.log(describeVerification(v, 'zh-Hans')); // '第 42001 行起有 3 条记录是公布的末条之后追加的'
 */
export async function verifyRecord(entries: readonly RecordEntry<object>[], options: VerifyOptions = {}): Promise<RecordVerification> {
  const after = options.after ?? EMPTY_HEAD;
  checkHead('after', options.after);
  if (typeof options.head !== 'string') checkHead('head', options.head);
  const n = entries.length;
  const node = options.digest ? null : await nodeSha256();
  const bad = node ? verifySync(entries, after, node) : await verifyAsync(entries, after, options.digest ?? webCrypto, Math.max(1, options.batch ?? 256));
  if (bad) return bad;
  const head = n === 0 ? after : { seq: entries[n - 1]!.seq, hash: entries[n - 1]!.hash };
  return options.head === undefined ? { ok: true, count: n, head } : againstHead(entries, after, head, options.head);
}

/** The first bad entry with a synchronous SHA-256 giving hex: hashes compared as strings. */
function verifySync(entries: readonly RecordEntry<object>[], after: ChainHead, sha: HexHash): RecordVerification | undefined {
  const n = entries.length;
  let prev = after.hash;
  let seq = after.seq;
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    const text = (e as { [HASHED_TEXT]?: string })[HASHED_TEXT];
    const contentOk = (text !== undefined ? sha(text) : sha(wbuf.subarray(0, entryBytes(e)))) === e.hash;
    if (contentOk && e.seq === ++seq && e.prev === prev) {
      prev = e.hash;
      continue;
    }
    return { ok: false, count: n, ...classify(entries, i, contentOk, after) };
  }
  return undefined;
}

async function verifyAsync(entries: readonly RecordEntry<object>[], after: ChainHead, digest: Sha256, batch: number): Promise<RecordVerification | undefined> {
  // Web Crypto copies its input when called (and a digest passed in reads it before returning),
  // so one buffer serves every entry: written and digested with no await between. A window of a
  // few hundred keeps the thread pool busy; thousands in flight only make the promises and
  // jobs outlive a young-generation collection, and verification slower.
  const n = entries.length;
  for (let from = 0; from < n; from += batch) {
    const to = Math.min(n, from + batch);
    const digests = new Array<ArrayBuffer | Uint8Array | Promise<ArrayBuffer | Uint8Array>>(to - from);
    let pending = false;
    // The bytes of up to STAGE entries are written first, then their digests asked for one after
    // the other: calls in a burst keep the thread pool awake, where a call every few microseconds
    // would wake a sleeping thread each time.
    for (let s = from; s < to; ) {
      const end = Math.min(to, s + STAGE);
      wpos = 0;
      for (let i = s; i < end; i++) {
        writeBytes(entries[i]!, 'hash');
        stageEnds[i - s] = wpos;
      }
      const staged = wbuf;
      for (let i = s, start = 0; i < end; i++) {
        const d = digest(staged.subarray(start, (start = stageEnds[i - s]!)));
        if (d instanceof Promise) pending = true;
        digests[i - from] = d;
      }
      s = end;
    }
    const done = pending ? await Promise.all(digests) : (digests as (ArrayBuffer | Uint8Array)[]);
    for (let i = from; i < to; i++) {
      const e = entries[i]!;
      const contentOk = sameHash(done[i - from]!, e.hash);
      if (contentOk && e.seq === after.seq + 1 + i && e.prev === (i === 0 ? after.hash : entries[i - 1]!.hash)) continue;
      return { ok: false, count: n, ...classify(entries, i, contentOk, after) };
    }
  }
  return undefined;
}

/** A chain that holds together, against the head published for it. */
function againstHead(entries: readonly RecordEntry<object>[], after: ChainHead, head: ChainHead, published: ChainHead | string): RecordVerification {
  const n = entries.length;
  let want: ChainHead;
  if (typeof published === 'string') {
    if (published === head.hash) return { ok: true, count: n, head };
    const at = published === after.hash ? -1 : entries.findIndex((e) => e.hash === published);
    if (at < 0 && published !== after.hash) return { ok: false, count: n, position: n, line: n + 1, problem: 'head-unknown', head };
    want = { seq: at < 0 ? after.seq : entries[at]!.seq, hash: published };
  } else want = published;
  if (want.seq === head.seq && want.hash === head.hash) return { ok: true, count: n, head };
  const pos = want.seq - after.seq - 1; // where the published head sits in these entries
  if (want.seq > head.seq) return { ok: false, count: n, position: n, line: n + 1, problem: 'truncated', missing: want.seq - head.seq, head };
  const atHead = pos < 0 ? (pos === -1 ? after.hash : undefined) : entries[pos]!.hash;
  if (atHead === want.hash) {
    const first = entries[pos + 1]!;
    return { ok: false, count: n, position: pos + 1, line: pos + 2, ...withId(first), problem: 'appended', appended: head.seq - want.seq, head };
  }
  if (pos < 0) return { ok: false, count: n, position: 0, line: 1, problem: 'head-unknown', head };
  return { ok: false, count: n, position: pos, line: pos + 1, ...withId(entries[pos]!), problem: 'rewritten', head };
}

function withId(e: RecordEntry<object>): { id?: string; seq: number } {
  const id = idOf(e);
  return id === undefined ? { seq: e.seq } : { id, seq: e.seq };
}

function classify(entries: readonly RecordEntry<object>[], i: number, contentOk: boolean, after: ChainHead): { position: number; line: number; id?: string; seq?: number; problem: RecordProblem; missing?: number } {
  const at = (k: number, problem: RecordProblem, extra: { missing?: number } = {}) => ({ position: k, line: k + 1, id: idOf(entries[k]!), seq: entries[k]!.seq, problem, ...extra });
  const expectedPrev = (k: number) => (k === 0 ? after.hash : entries[k - 1]!.hash);
  const e = entries[i]!;
  if (!contentOk) {
    // An entry whose successor links past it was put in; otherwise its content was changed.
    return at(i, i + 1 < entries.length && entries[i + 1]!.prev === expectedPrev(i) ? 'inserted' : 'altered');
  }
  if (e.prev === expectedPrev(i)) return at(i, 'altered'); // renumbered and rehashed
  const index = new Map<string, number>();
  for (let k = 0; k < entries.length; k++) if (!index.has(entries[k]!.hash)) index.set(entries[k]!.hash, k);
  const twin = index.get(e.hash)!;
  if (twin < i) return at(i, 'inserted'); // a copy of an earlier entry
  const j = e.prev === after.hash ? -1 : (index.get(e.prev) ?? Number.NaN);
  if (j >= i) return at(i, 'reordered');
  if (j < i - 1) return at(j + 1, 'inserted'); // entries j+1 … i-1 sit between e and its predecessor
  const expectedSeq = after.seq + 1 + i;
  if (e.seq > expectedSeq) return at(i, 'missing', { missing: e.seq - expectedSeq });
  if (i > 0 && e.seq === expectedSeq) return at(i - 1, 'altered'); // the one before was rewritten
  return at(i, 'broken');
}

/** @internal */
export function idOf(e: object): string | undefined {
  const id = (e as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * A verification's result in a language (zh-Hans by default).
 * @example
 * describeVerification(await verifyRecord(entries, { head }), 'en'); // 'the record was cut: the last 3 entries …'
 */
export function describeVerification(v: RecordVerification, lang: Lang = 'zh-Hans'): string {
  if (v.ok) return translate('record.verify.ok', lang, { count: v.count });
  return translate(`record.verify.${v.problem}`, lang, { line: v.line, id: v.id ?? '', count: v.count, missing: v.missing ?? 0, appended: v.appended ?? 0 });
}
