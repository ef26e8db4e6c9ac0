/**
 * Row-level validation shared by the loaders: each check reports a {@link RowIssue} and
 * returns `null` rather than throwing, so one bad row never hides the next.
 */
import { DivisionCodeError, type RowIssue } from '../../errors/index.js';
import { normalizeCode } from '../codes.js';

/** @internal */
export interface RowContext {
  line: number;
  source?: string | undefined;
  issues: RowIssue[];
}

/** A valid code in short form, or `null` with the issue recorded. @internal */
export function checkCode(raw: unknown, field: string, ctx: RowContext, normalize: (code: string) => string = normalizeCode): string | null {
  const text = cellText(raw, field, ctx);
  if (text === null) return null;
  const value = text.trim();
  if (value === '') return report(ctx, field, 'row.missing', value);
  try {
    return normalize(value);
  } catch (e) {
    return report(ctx, field, e instanceof DivisionCodeError ? e.code : 'code.format', value, e instanceof DivisionCodeError ? stringDetails(e.details) : undefined);
  }
}

/** A non-empty name, or `null` with the issue recorded. @internal */
export function checkName(raw: unknown, ctx: RowContext): string | null {
  const text = cellText(raw, 'name', ctx);
  if (text === null) return null;
  const value = text.trim();
  if (value === '') return report(ctx, 'name', 'row.missing', value);
  if (value.length > 100 || /[\u0000-\u001f]/.test(value)) return report(ctx, 'name', 'row.name', value);
  // V8 keeps a slice of 13 or more characters as a view of the whole file's text; a copy lets
  // that text be freed once the load is done (about 70 MB for the national villages file).
  return value.length >= 13 ? value.split('').join('') : value;
}

/** The longest cell a division table may hold: codes and names are short, so more is not data. */
const MAX_CELL = 1000;

/**
 * A cell as text: a string, number or boolean as written; `''` when absent. A cell of another
 * kind (an object, an array, however deeply nested, from a JSON file or an API caller) or a
 * string too long to be a code or a name is reported, never turned into text.
 * @internal
 */
export function cellText(raw: unknown, field: string, ctx: RowContext): string | null {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw.length > MAX_CELL ? report(ctx, field, 'row.too-long', `${raw.slice(0, 40)}…`, { length: raw.length, max: MAX_CELL }) : raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  return report(ctx, field, 'row.cell', Array.isArray(raw) ? '[…]' : typeof raw === 'object' ? '{…}' : typeof raw, { kind: Array.isArray(raw) ? 'array' : typeof raw });
}

/** Record an issue and return `null`. @internal */
export function report(ctx: RowContext, field: string, reason: RowIssue['reason'], value: string, details?: Record<string, string | number>): null {
  const issue: RowIssue = { line: ctx.line, field, reason, value };
  if (details) issue.details = details;
  if (ctx.source !== undefined) issue.source = ctx.source;
  ctx.issues.push(issue);
  return null;
}

function stringDetails(details: Readonly<Record<string, string | number>>): Record<string, string | number> | undefined {
  const { value: _value, ...rest } = details;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
