/**
 * The common last step of every loader: reject duplicates and orphans row by row, then build
 * the hierarchy from what is left, or refuse the whole file in strict mode.
 */
import { DivisionFileError, type RowIssue } from '../../errors/index.js';
import { parentOfShortCode, rankOfShortCode } from '../codes.js';
import { Hierarchy, type DivisionInput } from '../hierarchy.js';

/** How a loader treats bad rows: `strict` refuses the whole input, `lenient` keeps the good rows and reports the rest. */
export type LoadMode = 'strict' | 'lenient';

/** Options shared by the loaders. */
export interface LoadOptions {
  /** `strict` (the default) throws {@link DivisionFileError} listing every bad row; `lenient` keeps the good rows. */
  mode?: LoadMode;
  /** The edition's label, such as '2023'. */
  edition?: string;
  /** A name for the input in messages (a file name). */
  source?: string;
}

/** What a loader returns: the hierarchy of every good row and the issues of the others. */
export interface LoadResult {
  hierarchy: Hierarchy;
  /** Rows accepted from the input (not counting a base hierarchy's). */
  accepted: number;
  /** Every rejected row, with line, field and reason. Empty in strict mode (it throws instead). */
  issues: RowIssue[];
}

/** A validated row waiting for its parent check. @internal */
export interface Candidate extends DivisionInput {
  line: number;
  source?: string | undefined;
}

/** @internal */
export function assemble(candidates: Candidate[], issues: RowIssue[], options: LoadOptions, base?: Hierarchy): LoadResult {
  const seen = new Map<string, number>();
  const byRank: Candidate[][] = [[], [], [], [], [], [], []];
  for (const c of candidates) {
    const other = seen.get(c.code);
    if (other !== undefined || base?.has(c.code)) {
      issues.push({ line: c.line, field: 'code', reason: 'row.duplicate', value: c.code, details: { other: other ?? 0 }, ...src(c) });
      continue;
    }
    seen.set(c.code, c.line);
    byRank[rankOfShortCode(c.code)]!.push(c);
  }
  // Parents always sit at a higher level, so taking the levels top down settles each row's
  // parent before the row itself, and an orphan's children are reported as orphans too.
  const accepted = new Set<string>();
  const rows: DivisionInput[] = base ? [...base] : [];
  for (const group of byRank) {
    for (const c of group) {
      const parent = parentOfShortCode(c.code);
      if (parent !== null && !accepted.has(parent) && !base?.has(parent)) {
        issues.push({ line: c.line, field: 'parentCode', reason: 'row.parent', value: parent, ...src(c) });
        continue;
      }
      accepted.add(c.code);
      rows.push(c);
    }
  }
  issues.sort((a, b) => (a.source ?? '').localeCompare(b.source ?? '') || a.line - b.line);
  if (issues.length > 0 && (options.mode ?? 'strict') === 'strict') throw new DivisionFileError(issues, options.source);
  return { hierarchy: Hierarchy.fromDivisions(rows, options.edition ?? base?.edition ?? ''), accepted: accepted.size, issues };
}

function src(c: Candidate): { source?: string } {
  return c.source === undefined ? {} : { source: c.source };
}
