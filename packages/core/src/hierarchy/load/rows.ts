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
  const value = raw == null ? '' : String(raw).trim();
  if (value === '') return report(ctx, field, 'row.missing', value);
  try {
    return normalize(value);
  } catch (e) {
    return report(ctx, field, e instanceof DivisionCodeError ? e.code : 'code.format', value, e instanceof DivisionCodeError ? stringDetails(e.details) : undefined);
  }
}

/** A non-empty name, or `null` with the issue recorded. @internal */
export function checkName(raw: unknown, ctx: RowContext): string | null {
  const value = raw == null ? '' : String(raw).trim();
  if (value === '') return report(ctx, 'name', 'row.missing', value);
  if (value.length > 100 || /[\u0000-\u001f]/.test(value)) return report(ctx, 'name', 'row.name', value);
  // V8 keeps a slice of 13 or more characters as a view of the whole file's text; a copy lets
  // that text be freed once the load is done (about 70 MB for the national villages file).
  return value.length >= 13 ? value.split('').join('') : value;
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
