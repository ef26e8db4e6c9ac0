/**
 * The record: an append-only log of events, hash-chained so that it cannot be silently
 * rewritten. Each entry is the event with its position `seq` and the previous entry's hash
 * `prev`; its `hash` is the SHA-256 (Web Crypto, the same in browsers and Node) of the entry's
 * canonical JSON without `hash`: keys sorted, no spaces, strings and numbers as `JSON.stringify`
 * writes them (the JSON Canonicalization Scheme, RFC 8785, for the values events hold).
 *
 * Verification recomputes every hash, many digests in flight at once, and names the first bad
 * entry: altered, missing (deleted), inserted or reordered. A chain rewritten from some point
 * on, every hash recomputed, is consistent in itself: keep the head hash somewhere else (a
 * register, a daily report) and pass it to {@link verifyRecord} to detect that too.
 *
 * Import and export are JSON Lines, one canonical entry per line, validated line by line.
 */
import type { Lang } from '../i18n/index.js';
import { translate } from '../i18n/index.js';
import { DisputeError } from './errors.js';
import { prepare, step, type CaseState, type LifecycleContext, type PreparedContext } from './lifecycle.js';
import { caseEventSchema, chainFieldsSchema, type CaseEvent, type RecordEntry } from './schema.js';
import { workOrderEventSchema, type WorkOrderEvent } from './workorders.js';

/**
 * The `prev` of the first entry: 64 zeros.
 * @example
 * entries[0].prev === GENESIS_HASH; // true
 */
export const GENESIS_HASH = '0'.repeat(64);

/** Where a chain ends: the last entry's `seq` (-1 for none) and `hash`. */
export interface ChainHead {
  seq: number;
  hash: string;
}

const EMPTY: ChainHead = { seq: -1, hash: GENESIS_HASH };

/**
 * The canonical JSON of a value: object keys sorted (by UTF-16 code units), no whitespace,
 * `undefined` members left out, strings and numbers as `JSON.stringify` writes them.
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

function write(v: unknown, skip: string | undefined): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${v} has no JSON form`);
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
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${v} has no JSON form`);
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

/**
 * A SHA-256 function: bytes in, the 32-byte digest out (or a promise of it). It must read the
 * bytes before it returns. The default is Web Crypto's `crypto.subtle.digest('SHA-256', …)`;
 * a Node server verifying whole records may pass `node:crypto`'s, which is much faster per
 * call: `(b) => createHash('sha256').update(b).digest()`.
 */
export type Sha256 = (bytes: Uint8Array<ArrayBuffer>) => ArrayBuffer | Uint8Array | Promise<ArrayBuffer | Uint8Array>;

const webCrypto: Sha256 = (bytes) => globalThis.crypto.subtle.digest('SHA-256', bytes);

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
 * Chain events onto a record: each gets its `seq`, the previous hash and its own hash. Hashing
 * is sequential (each hash depends on the one before); use it to append, and
 * {@link verifyRecord} to check.
 * @example
 * const entries = await chainEvents(events);
 * const more = await chainEvents(later, { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
 */
export async function chainEvents<E extends object = CaseEvent>(events: Iterable<E>, after: ChainHead = EMPTY, options: { digest?: Sha256 } = {}): Promise<RecordEntry<E>[]> {
  const digest = options.digest ?? webCrypto;
  const out: RecordEntry<E>[] = [];
  let { seq, hash } = after;
  for (const e of events) {
    const entry = { ...e, seq: ++seq, prev: hash } as RecordEntry<E>;
    hash = hex(await digest(wbuf.slice(0, entryBytes(entry))));
    entry.hash = hash;
    out.push(entry);
  }
  return out;
}

/** How many entries' bytes {@link verifyRecord} writes before asking for their digests. */
const STAGE = 64;
const stageEnds = new Int32Array(STAGE);

/** What went wrong at the first bad entry. */
export type RecordProblem = 'altered' | 'missing' | 'inserted' | 'reordered' | 'broken' | 'truncated';

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
      /** For `missing`: how many entries are gone before it. */
      missing?: number;
    };

/**
 * Verify a chain: every entry's hash recomputed, every link and position checked. Names the
 * first bad entry and what is wrong with it: `altered` (its content no longer matches its
 * hash, or it was rewritten), `missing` (entries deleted before it), `inserted`, `reordered`,
 * `broken` (it links to nothing known), `truncated` (the chain ends before the expected head).
 * Digests are computed `batch` at a time (256 unless given), all in flight together, with Web
 * Crypto unless a `digest` is given (see {@link Sha256}).
 * @example
 * const v = await verifyRecord(entries);
 * if (!v.ok) console.log(`line ${v.line}: ${v.problem} (${v.id})`);
 * await verifyRecord(entries, { head: publishedHeadHash });
 */
export async function verifyRecord(
  entries: readonly RecordEntry<object>[],
  options: { after?: ChainHead; head?: string; batch?: number; digest?: Sha256 } = {},
): Promise<RecordVerification> {
  const after = options.after ?? EMPTY;
  const batch = Math.max(1, options.batch ?? 256);
  const digest = options.digest ?? webCrypto;
  // Web Crypto copies its input when called (and a digest passed in reads it before returning),
  // so one buffer serves every entry: written and digested with no await between. A window of a
  // few hundred keeps Node's thread pool busy; thousands in flight only make the promises and
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
  const head = n === 0 ? after : { seq: entries[n - 1]!.seq, hash: entries[n - 1]!.hash };
  if (options.head !== undefined && options.head !== head.hash) {
    const at = entries.findIndex((e) => e.hash === options.head);
    if (at < 0) return { ok: false, count: n, position: n, line: n + 1, problem: 'truncated' };
    return { ok: false, count: n, position: at + 1, line: at + 2, ...(entries[at + 1] ? { id: idOf(entries[at + 1]!), seq: entries[at + 1]!.seq } : {}), problem: 'inserted' };
  }
  return { ok: true, count: n, head };
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

function idOf(e: object): string | undefined {
  const id = (e as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * A record as JSON Lines: one canonical entry per line, in order.
 * @example
 * await writeFile('record.jsonl', exportJsonl(record.entries));
 */
export function exportJsonl(entries: Iterable<object>): string {
  let out = '';
  for (const e of entries) out += write(e, undefined) + '\n';
  return out;
}

/**
 * Why a line of a JSON Lines file was left out.
 * @example
 * RECORD_ISSUE_CODES.map((c) => translate(`error.${c}`, 'en', { value: '…' }));
 */
export const RECORD_ISSUE_CODES = ['record.json', 'record.missing', 'record.unknown-field', 'record.invalid', 'record.duplicate'] as const;
/** A reason a line was left out. */
export type RecordIssueCode = (typeof RECORD_ISSUE_CODES)[number];

/** One bad line: its number (1-based), the field (a dotted path; empty for the line itself), the reason and the offending value. */
export interface RecordIssue {
  line: number;
  field: string;
  reason: RecordIssueCode;
  value: string;
  /** The validator's message (in English), for `record.invalid`. */
  message?: string;
  /** The kind of check that failed (the validator's issue code: `invalid_type`, `invalid_format`, …), for `record.invalid`. */
  check?: string;
}

/**
 * Read a record from JSON Lines, validating each line: a case event (or, with
 * `kind: 'work-orders'`, a work-order event) with its `seq`, `prev` and `hash`. Bad lines are
 * reported with their line, field and reason and left out; the good ones are kept, as written.
 * Blank lines are skipped. Verify the chain afterwards: a line left out shows as `missing`.
 * @example
 * const { entries, issues } = importJsonl(text);
 * issues.map((i) => describeRecordIssue(i, 'zh-Hans')); // ['第 3 行，字段“at”：…']
 * const check = await verifyRecord(entries);
 */
export function importJsonl(text: string, options: { kind: 'work-orders' }): { entries: RecordEntry<WorkOrderEvent>[]; issues: RecordIssue[] };
export function importJsonl(text: string, options?: { kind?: 'cases' }): { entries: RecordEntry<CaseEvent>[]; issues: RecordIssue[] };
export function importJsonl(text: string, options: { kind?: 'cases' | 'work-orders' } = {}): { entries: RecordEntry<CaseEvent | WorkOrderEvent>[]; issues: RecordIssue[] } {
  const schema = options.kind === 'work-orders' ? workOrderEventSchema : caseEventSchema;
  const entries: RecordEntry<CaseEvent | WorkOrderEvent>[] = [];
  const issues: RecordIssue[] = [];
  const seen = new Map<string, number>();
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      issues.push({ line, field: '', reason: 'record.json', value: clip(raw) });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ line, field: '', reason: 'record.json', value: clip(raw) });
      continue;
    }
    const { seq, prev, hash, ...event } = value as Record<string, unknown>;
    const found: RecordIssue[] = [];
    const chain = chainFieldsSchema.safeParse({ seq, prev, hash });
    if (!chain.success) for (const i of chain.error.issues) found.push(issueOf(line, i, { seq, prev, hash }));
    const ev = schema.safeParse(event);
    if (!ev.success) for (const i of ev.error.issues) found.push(issueOf(line, i, event));
    if (found.length === 0) {
      const id = String(event['id']);
      const first = seen.get(id);
      if (first !== undefined) found.push({ line, field: 'id', reason: 'record.duplicate', value: id, message: String(first) });
      else seen.set(id, line);
    }
    if (found.length > 0) issues.push(...found);
    else entries.push(value as RecordEntry<CaseEvent>);
  }
  return { entries, issues };
}

function issueOf(line: number, issue: { code: string; path: PropertyKey[]; message: string; keys?: string[]; input?: unknown }, root: unknown): RecordIssue {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys?.[0] ?? '';
    return { line, field: [...path, key].filter(Boolean).join('.'), reason: 'record.unknown-field', value: key };
  }
  let v: unknown = root;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  if (v === undefined && issue.code === 'invalid_type') return { line, field: path.join('.'), reason: 'record.missing', value: '' };
  return { line, field: path.join('.'), reason: 'record.invalid', value: clip(typeof v === 'string' ? v : JSON.stringify(v) ?? ''), message: issue.message, check: issue.code };
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * A bad line in a language (zh-Hans by default).
 * @example
 * describeRecordIssue({ line: 3, field: 'at', reason: 'record.invalid', value: 'yesterday', message: '…' }, 'en');
 * // 'line 3, field "at": "yesterday" is not valid (…)'
 */
export function describeRecordIssue(issue: RecordIssue, lang: Lang = 'zh-Hans'): string {
  // The validator's own message is English: in Chinese the kind of check that failed is named instead.
  const checkKey = `record.check.${issue.check ?? ''}`;
  const checked = lang !== 'en' && issue.check !== undefined ? translate(checkKey, lang) : checkKey;
  const message = checked !== checkKey ? checked : (issue.message ?? '');
  const reason = translate(`error.${issue.reason}`, lang, { value: issue.value, message, first: issue.message ?? '' });
  return translate('issue.where', lang, { line: issue.line, field: issue.field, reason });
}

/** An event of a record the lifecycle refused on replay: its position and why. */
export interface RefusedEntry {
  position: number;
  id: string;
  error: DisputeError;
}

/**
 * Replay a record (or any list of case events in order) into the state of every case. Refused
 * events are listed, not applied, and the replay goes on. Built for whole records: a million
 * events fold in place into one state object per case.
 * @example
 * const { states, refused } = replayRecord(entries, { hierarchy });
 * states.get('ZT-2024-000001')?.status; // 'archived'
 */
export function replayRecord(entries: Iterable<CaseEvent>, context: LifecycleContext = {}): { states: Map<string, CaseState>; refused: RefusedEntry[] } {
  const ctx = prepare(context);
  const states = new Map<string, CaseState>();
  const refused: RefusedEntry[] = [];
  const ids = new Set<string>();
  let position = 0;
  for (const e of entries) {
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
  return { states, refused };
}

function applyChecked(before: CaseState | undefined, e: CaseEvent, ctx: PreparedContext, states: ReadonlyMap<string, CaseState>): CaseState {
  if (e.type === 'merged' && before && e.payload.into !== before.id && !states.has(e.payload.into)) throw new DisputeError('dispute.unknown-case', { case: e.payload.into, event: e.type });
  return step(before, e, ctx, before !== undefined);
}

function asDisputeError(err: unknown, e: CaseEvent): DisputeError {
  if (err instanceof DisputeError) return err;
  return new DisputeError('dispute.invalid-event', { event: typeof e?.id === 'string' ? e.id : '', field: '', reason: err instanceof Error ? err.message : String(err) });
}

/**
 * A case record as a small store: the chained entries, the state of every case, and
 * subscribers told of each append. `append` checks the event (schema, scope, role, lifecycle),
 * chains it and keeps it, or throws a {@link DisputeError} and keeps nothing; appends run one
 * after the other in the order called.
 * @example
 * const record = new CaseRecord({ hierarchy });
 * await record.append(registration);
 * record.stateOf(registration.caseId)?.status; // 'registered'
 * const again = await CaseRecord.load(importJsonl(text).entries, { hierarchy });
 */
export class CaseRecord {
  readonly #entries: RecordEntry<CaseEvent>[] = [];
  readonly #states = new Map<string, CaseState>();
  readonly #ids = new Set<string>();
  readonly #ctx: PreparedContext;
  readonly #listeners = new Set<(entry: RecordEntry<CaseEvent>) => void>();
  #tail: Promise<unknown> = Promise.resolve();

  constructor(context: LifecycleContext = {}) {
    this.#ctx = prepare(context);
  }

  /**
   * A record from existing entries: the chain is verified and every event replayed.
   * @throws {DisputeError} `dispute.record-broken` naming the first bad entry, or the error of
   * the first event the lifecycle refuses.
   */
  static async load(entries: readonly RecordEntry<CaseEvent>[], context: LifecycleContext = {}): Promise<CaseRecord> {
    const check = await verifyRecord(entries);
    if (!check.ok) throw new DisputeError('dispute.record-broken', { line: check.line, event: check.id ?? '', problem: check.problem });
    const record = new CaseRecord(context);
    const { states, refused } = replayRecord(entries, context);
    if (refused.length > 0) throw refused[0]!.error;
    for (const [id, s] of states) record.#states.set(id, s);
    for (const e of entries) {
      record.#entries.push(e);
      record.#ids.add(e.id);
    }
    return record;
  }

  /** The entries, in order (read only). */
  get entries(): readonly RecordEntry<CaseEvent>[] {
    return this.#entries;
  }

  /** The last entry's seq and hash: keep it elsewhere to detect a rewritten tail. */
  get head(): ChainHead {
    const last = this.#entries[this.#entries.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : EMPTY;
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

  async #append(event: CaseEvent): Promise<RecordEntry<CaseEvent>> {
    const parsed = caseEventSchema.safeParse(event);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DisputeError('dispute.invalid-event', { event: String((event as { id?: unknown })?.id ?? ''), field: issue.path.join('.'), reason: issue.message });
    }
    if (this.#ids.has(event.id)) throw new DisputeError('dispute.duplicate-event', { event: event.id });
    const before = this.#states.get(event.caseId);
    if (event.type === 'merged' && before && event.payload.into !== before.id && !this.#states.has(event.payload.into)) throw new DisputeError('dispute.unknown-case', { case: event.payload.into, event: event.type });
    const after = step(before, event, this.#ctx, false);
    const [entry] = await chainEvents([event], this.head);
    this.#entries.push(entry!);
    this.#ids.add(event.id);
    this.#states.set(event.caseId, after);
    for (const l of this.#listeners) l(entry!);
    return entry!;
  }
}
