/**
 * The parse step of every door: records from outside go through their zod schema here, and a
 * refusal becomes a {@link SchemaError} (one record) or a list of {@link RecordIssue}s (many),
 * each naming the record's position, the field and the reason in the reader's language. No raw
 * zod error, and no English "Invalid input", reaches a user.
 */
import type * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import { type Lang, localiseDetails, translate } from '../i18n/index.js';
import { type ErrorCode, GualianError, fieldLabel } from './index.js';

/**
 * What kind of record was refused, named in messages (`visit` → 走访记录). Domains use their own
 * words; an unknown kind is shown as it is.
 */
export type RecordKind = string;

/** How a bulk path treats bad records: `strict` refuses the whole input, `lenient` keeps the good ones. */
export type ParseMode = 'strict' | 'lenient';

/**
 * One problem of one record given to a function: its position in the input (0-based), its id
 * where it has one, the field, the stable reason and the offending value.
 */
export interface RecordIssue {
  /** Position of the record in the input (0-based). */
  index: number;
  /** The record's id, where it has a readable one. */
  id?: string;
  /** The kind of record (`visit`, `cadre`, `case-event`, …). */
  kind: RecordKind;
  /** The field at fault, as a dotted path (`facts.parties.0.name`); empty for the record itself. */
  field: string;
  reason: ErrorCode;
  /** The offending value, shortened and with control characters escaped. */
  value: string;
  /** Values of the message (`min`, `max`, `expected`, `options`, …). */
  details?: Record<string, string | number>;
}

/**
 * A record its schema refuses. `issues` names every field at fault.
 * @example
 * try {
 *   parseRecord(visitSchema, { id: 'V1', date: '2024-02-30' }, 'visit');
 * } catch (e) {
 *   if (e instanceof SchemaError) e.issues.map((i) => describeRecordIssue(i, 'zh-Hans'));
 * }
 */
export class SchemaError extends GualianError {
  override readonly name = 'SchemaError';
  constructor(readonly issues: readonly RecordIssue[]) {
    const first = issues[0];
    super('schema.invalid', { kind: first?.kind ?? 'record', count: issues.length, first: first ? describeRecordIssue(first, 'en') : '' });
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    const first = this.issues[0];
    return translate('error.schema.invalid', lang, { kind: kindLabel(String(this.details['kind']), lang), count: this.issues.length, first: first ? describeRecordIssue(first, lang) : '' });
  }
}

/**
 * Records refused in `strict` mode: lists every issue of every record, not just the first; the
 * input was not used at all.
 */
export class RecordsError extends GualianError {
  override readonly name = 'RecordsError';
  constructor(
    readonly issues: readonly RecordIssue[],
    kind: RecordKind = 'record',
  ) {
    super('schema.rejected', { kind, count: new Set(issues.map((i) => i.index)).size, first: issues[0] ? describeRecordIssue(issues[0], 'en') : '' });
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    const first = this.issues[0];
    return translate('error.schema.rejected', lang, { kind: kindLabel(String(this.details['kind']), lang), count: this.details['count'] ?? 0, first: first ? describeRecordIssue(first, lang) : '' });
  }
}

/**
 * Parse one record through its schema, or throw a {@link SchemaError} naming every field at fault.
 * @example
 * const policy = parseRecord(pairingPolicySchema, JSON.parse(text), 'pairing-policy');
 */
export function parseRecord<S extends z.ZodMiniType>(schema: S, input: unknown, kind: RecordKind = 'record', index = 0): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data as z.output<S>;
  throw new SchemaError(recordIssues(r.error.issues, input, kind, index));
}

/** The records that passed, in input order, and an issue for every field of every record that did not. */
export interface ParsedRecords<T> {
  records: T[];
  /** Positions (0-based) of the accepted records in the input, parallel to `records`. */
  positions: number[];
  issues: RecordIssue[];
}

/**
 * Parse many records. In `strict` mode (the default) any bad record refuses the whole input with
 * a {@link RecordsError} listing every issue; in `lenient` mode the good records are kept and
 * every bad one is returned with its position, field and reason. Either way each input is
 * accepted or reported: `records.length` plus the number of distinct issue positions is the
 * input's length.
 * @example
 * const { records, issues } = parseRecords(visitSchema, rows, { kind: 'visit', mode: 'lenient' });
 */
export function parseRecords<S extends z.ZodMiniType>(
  schema: S,
  inputs: Iterable<unknown>,
  options: { kind?: RecordKind; mode?: ParseMode; idOf?: (input: unknown) => string | undefined } = {},
): ParsedRecords<z.output<S>> {
  const kind = options.kind ?? 'record';
  const out: ParsedRecords<z.output<S>> = { records: [], positions: [], issues: [] };
  let index = 0;
  for (const input of inputs) {
    const r = schema.safeParse(input);
    if (r.success) {
      out.records.push(r.data as z.output<S>);
      out.positions.push(index);
    } else {
      const id = options.idOf?.(input) ?? defaultId(input);
      for (const issue of recordIssues(r.error.issues, input, kind, index)) out.issues.push(id === undefined ? issue : { ...issue, id });
    }
    index++;
  }
  if ((options.mode ?? 'strict') === 'strict' && out.issues.length > 0) throw new RecordsError(out.issues, kind);
  return out;
}

/**
 * Turn zod's issues for one record into gualian's: one per field, with a stable reason.
 * @internal
 */
export function recordIssues(issues: readonly $ZodIssue[], input: unknown, kind: RecordKind, index: number): RecordIssue[] {
  const out: RecordIssue[] = [];
  const seen = new Set<string>();
  const id = defaultId(input);
  const push = (path: readonly PropertyKey[], reason: ErrorCode, details?: Record<string, string | number>): void => {
    const field = path.map(String).join('.');
    if (seen.has(field)) return;
    seen.add(field);
    const issue: RecordIssue = { index, kind, field, reason, value: showValue(valueAt(input, path)) };
    if (id !== undefined) issue.id = id;
    if (details) issue.details = details;
    out.push(issue);
  };
  for (const issue of issues) {
    const at = valueAt(input, issue.path);
    switch (issue.code) {
      case 'invalid_type':
        if (at === undefined) push(issue.path, 'value.missing');
        else push(issue.path, 'value.type', { expected: `type.${issue.expected}` });
        break;
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) push(issue.path, 'value.missing');
        else push(issue.path, 'value.too-small', { min: String(issue.minimum) });
        break;
      case 'too_big':
        push(issue.path, 'value.too-big', { max: String(issue.maximum) });
        break;
      case 'invalid_value':
        push(issue.path, 'value.enum', { options: issue.values.map(String).join(', ') });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) push([...issue.path, key], 'value.unknown-key');
        break;
      case 'invalid_format':
      case 'custom':
        if (issue.message.startsWith('expect.')) push(issue.path, 'value.format', { expected: issue.message });
        else push(issue.path, 'value.invalid');
        break;
      default:
        push(issue.path, 'value.invalid');
    }
  }
  return out;
}

/**
 * Describe a record issue in a language: which record, which field, and why.
 * @example
 * describeRecordIssue({ index: 2, kind: 'visit', field: 'date', reason: 'value.format', value: '2024-02-30', details: { expected: 'expect.date' } }, 'en');
 * // 'visit no. 3, field "date": "2024-02-30" is not a real date as YYYY-MM-DD'
 */
export function describeRecordIssue(issue: RecordIssue, lang: Lang = 'zh-Hans'): string {
  const details: Record<string, string | number> = { value: issue.value, ...issue.details };
  for (const key of ['expected'] as const) {
    const v = details[key];
    if (typeof v === 'string' && (v.startsWith('expect.') || v.startsWith('type.'))) details[key] = translate(v, lang);
  }
  if (typeof details['options'] === 'string') details['options'] = localiseOptions(details['options'], lang);
  const reason = translate(`error.${issue.reason}`, lang, localiseDetails(details, lang));
  const where = translate(issue.id === undefined ? 'record.where' : 'record.where.id', lang, {
    kind: kindLabel(issue.kind, lang),
    n: issue.index + 1,
    id: issue.id ?? '',
    field: fieldLabel(issue.field, lang),
  });
  return `${where}${reason}`;
}

function kindLabel(kind: string, lang: Lang): string {
  const t = translate(`kind.record.${kind}`, lang);
  return t === `kind.record.${kind}` ? translate('kind.record.record', lang) : t;
}

const OPTION_PREFIXES: string[] = ['level.', 'rank.', 'role.', 'activity.'];

/**
 * Catalogue prefixes under which a domain names the allowed values of its enums
 * (`dispute.severity.` for `major`), so a refused value's options read in the reader's language.
 * @internal
 */
export function registerOptionPrefixes(prefixes: readonly string[]): void {
  for (const p of prefixes) if (!OPTION_PREFIXES.includes(p)) OPTION_PREFIXES.push(p);
}

/** Enum options named in the reader's language where the catalogue knows them (levels, ranks, …). */
function localiseOptions(options: string, lang: Lang): string {
  if (lang === 'en') return options;
  const named = options.split(', ').map((o) => {
    for (const prefix of OPTION_PREFIXES) {
      const t = translate(prefix + o, lang);
      if (t !== prefix + o) return t;
    }
    return o;
  });
  return named.join('、');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function defaultId(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const id = (input as Record<string, unknown>)['id'];
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? showValue(id) : undefined;
}

/**
 * A value as it may be shown: at most 60 characters, control characters escaped, objects and
 * arrays summarised (never their whole text).
 * @internal
 */
export function showValue(v: unknown): string {
  let s: string;
  if (v === undefined) return '';
  if (v === null) s = 'null';
  else if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') s = String(v);
  else if (Array.isArray(v)) s = `[…${v.length}]`;
  else if (typeof v === 'object') s = '{…}';
  else s = typeof v;
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}
