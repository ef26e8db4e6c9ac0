/**
 * A record as JSON Lines: one canonical entry per line, in order. Reading accepts only
 * canonical lines (a line must be exactly the canonical JSON of its value) and checks each
 * entry against its schema; every other line is reported with its line, field and reason, in
 * the three languages, and never silently dropped or silently read differently.
 */
import { fieldLabel, type ErrorCode } from '../errors/index.js';
import { recordIssues, showValue } from '../errors/schema.js';
import { localiseDetails, translate, type Lang } from '../i18n/index.js';
import { eventChecker, schemaOf, seal, write, type ChainKind } from './chain.js';
import { chainFieldsSchema, type CaseEvent, type RecordEntry } from './schema.js';
import type { WorkOrderEvent } from './workorders.js';
import { RECORD_ERROR_CODES } from './record-codes.js';
import { fastCheck } from './validate.js';

const [NOT_JSON, NOT_CANONICAL, DUPLICATE_ID] = RECORD_ERROR_CODES;

/**
 * A record as JSON Lines: one canonical entry per line, in order. Reads back with
 * {@link importJsonl} exactly: the same entries, none lost.
 * @example
 * await writeFile('record.jsonl', exportJsonl(record.entries));
 */
export function exportJsonl(entries: Iterable<object>): string {
  let out = '';
  for (const e of entries) out += (write(e, undefined) ?? 'null') + '\n';
  return out;
}

/**
 * One refused line of a JSON Lines file: its number (1-based, blank lines counted), the event
 * id where the line has a readable one, the field (a dotted path; empty for the line itself),
 * the stable reason and the offending value (shortened, control characters escaped). Described
 * in three languages by {@link describeJsonlIssue}.
 */
export interface JsonlIssue {
  line: number;
  id?: string;
  field: string;
  reason: ErrorCode;
  value: string;
  /** Values of the message (`expected`, `min`, `first`, …). */
  details?: Record<string, string | number>;
}

/** Options of {@link importJsonl}. */
export interface ImportOptions {
  /** The entries' kind: case events (the default) or work-order events. */
  kind?: ChainKind;
}

/**
 * Read a record from JSON Lines. Each line must be the canonical JSON of one entry (what
 * {@link exportJsonl} writes: keys sorted, no spaces, each key once; a line with a duplicate
 * key, or written otherwise, could show a reader another value than the one hashed, and is
 * refused), and the entry must be a valid case event (or, with `kind: 'work-orders'`, a
 * work-order event) with its `seq`, `prev` and `hash`, and an id not seen on an earlier line.
 * Every other line is reported with its line, field and reason and left out; blank lines are
 * skipped. The entries are frozen. Verify the chain afterwards: a line left out shows as
 * `missing`.
 * @example
 * const { entries, issues } = importJsonl(text);
 * issues.map((i) => describeJsonlIssue(i, 'zh-Hans')); // ['第 3 行，字段“时间”：…']
 * const check = await verifyRecord(entries);
 */
export function importJsonl(text: string, options: ImportOptions & { kind: 'work-orders' }): { entries: RecordEntry<WorkOrderEvent>[]; issues: JsonlIssue[] };
export function importJsonl(text: string, options?: ImportOptions & { kind?: 'cases' }): { entries: RecordEntry<CaseEvent>[]; issues: JsonlIssue[] };
export function importJsonl(text: string, options: ImportOptions = {}): { entries: RecordEntry<CaseEvent | WorkOrderEvent>[]; issues: JsonlIssue[] } {
  const { kind, schema } = schemaOf(options);
  const entries: RecordEntry<CaseEvent | WorkOrderEvent>[] = [];
  const issues: JsonlIssue[] = [];
  const seen = new Map<string, number>();
  const check = eventChecker(schema, kind);
  const chainFields = fastCheck(chainFieldsSchema);
  // A byte-order mark is not part of the first line's JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    line++;
    const raw = body.slice(start, end > start && body.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      issues.push({ line, field: '', reason: NOT_JSON, value: showValue(raw) });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ line, field: '', reason: NOT_JSON, value: showValue(raw) });
      continue;
    }
    const entry = value as Record<string, unknown>;
    // The id as it may be shown, worked out only for a line with an issue.
    const withId = (i: JsonlIssue): JsonlIssue => (typeof entry['id'] !== 'string' || i.id !== undefined ? i : { ...i, id: showValue(entry['id']) });
    let canonical: string | undefined;
    try {
      canonical = write(value, undefined);
    } catch {
      canonical = undefined; // a number with no JSON form (1e999) or a value too deep
    }
    if (canonical !== raw) {
      issues.push(withId({ line, field: '', reason: NOT_CANONICAL, value: showValue(raw) }));
      continue;
    }
    const found: JsonlIssue[] = [];
    if (!chainFields(entry)) {
      const chain = chainFieldsSchema.safeParse({ seq: entry['seq'], prev: entry['prev'], hash: entry['hash'] });
      if (!chain.success) for (const i of recordIssues(chain.error.issues, entry, kind, line - 1)) found.push(asLine(i, line));
    }
    for (const i of check(entry, line - 1)) found.push(asLine(i, line));
    if (found.length === 0 && typeof entry['id'] === 'string') {
      const first = seen.get(entry['id']);
      if (first !== undefined) found.push({ line, field: 'id', reason: DUPLICATE_ID, value: showValue(entry['id']), details: { first } });
      else seen.set(entry['id'] as string, line);
    }
    if (found.length > 0) for (const i of found) issues.push(withId(i));
    else entries.push(seal(entry, raw) as unknown as RecordEntry<CaseEvent>);
  }
  return { entries, issues };
}

function asLine(issue: { field: string; reason: ErrorCode; value: string; details?: Record<string, string | number>; id?: string }, line: number): JsonlIssue {
  const out: JsonlIssue = { line, field: issue.field, reason: issue.reason, value: issue.value };
  if (issue.id !== undefined) out.id = issue.id;
  if (issue.details) out.details = issue.details;
  return out;
}

/**
 * A refused line in a language (zh-Hans by default): the line, the field and the reason, with
 * what was expected named in that language (never the validator's English).
 * @example
 * describeJsonlIssue({ line: 3, field: 'at', reason: 'value.format', value: '2024-02-30T09:00:00+08:00', details: { expected: 'expect.timestamp' } }, 'en');
 * // 'line 3, field "at": "2024-02-30T09:00:00+08:00" is not …'
 */
export function describeJsonlIssue(issue: JsonlIssue, lang: Lang = 'zh-Hans'): string {
  const details: Record<string, string | number> = { value: issue.value, ...issue.details };
  const expected = details['expected'];
  if (typeof expected === 'string' && (expected.startsWith('expect.') || expected.startsWith('type.'))) details['expected'] = translate(expected, lang);
  if (typeof details['options'] === 'string' && lang !== 'en') details['options'] = localiseOptions(details['options'], lang);
  const reason = translate(`error.${issue.reason}`, lang, localiseDetails(details, lang));
  if (issue.field === '') return translate('jsonl.where.line', lang, { line: issue.line, reason });
  return translate('jsonl.where', lang, { line: issue.line, field: fieldLabel(issue.field, lang), reason });
}

/** The catalogue prefixes of the values a record's enums take (roles, severities, levels, event types, …). */
const OPTION_PREFIXES = ['dispute.role.', 'dispute.severity.', 'dispute.source.', 'dispute.referral.', 'level.', 'dispute.event.', 'workorder.event.', 'workorder.type.'];

/** Enum options named in the reader's language where the catalogue knows them. */
function localiseOptions(options: string, lang: Lang): string {
  return options
    .split(', ')
    .map((o) => {
      for (const prefix of OPTION_PREFIXES) {
        const t = translate(prefix + o, lang);
        if (t !== prefix + o) return t;
      }
      return o;
    })
    .join('、');
}
