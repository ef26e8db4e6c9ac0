/**
 * The common last step of every loader: rows collected in columns are sorted and indexed by
 * the hierarchy's build, which reports duplicates and orphans row by row; strict mode then
 * refuses the whole input, lenient mode keeps the good rows.
 */
import { DivisionFileError, type RowIssue } from '../../errors/index.js';
import type { EncodingOption } from '../../io/encodings.js';
import { Hierarchy, NO_KIND } from '../hierarchy.js';
import { DIVISION_KINDS, type DivisionKind } from '../schema.js';

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
  /**
   * The text encoding of byte input: `auto` (the default) reads UTF-8, or detects GB18030 or
   * Big5 and refuses with `file.encoding` when it cannot tell; name one to skip the guess.
   */
  encoding?: EncodingOption;
}

/** What a loader returns: the hierarchy of every good row and the issues of the others. */
export interface LoadResult {
  hierarchy: Hierarchy;
  /** Rows accepted from the input (not counting a base hierarchy's). */
  accepted: number;
  /** Every rejected row, with line, field and reason. Empty in strict mode (it throws instead). */
  issues: RowIssue[];
}

/**
 * Rows accepted by the field checks, waiting for the structural ones: columns, with the file
 * of each run of rows kept as a range rather than per row.
 * @internal
 */
export class RowSink {
  readonly codes: string[] = [];
  readonly names: string[] = [];
  kinds = new Uint8Array(1024);
  lines = new Int32Array(1024);
  readonly #sources: Array<{ from: number; source: string | undefined }> = [];

  get size(): number {
    return this.codes.length;
  }

  add(code: string, name: string, kind: DivisionKind | undefined, line: number, source: string | undefined): void {
    this.addRow(code, name, kind === undefined ? NO_KIND : DIVISION_KINDS.indexOf(kind), line, source);
  }

  addRow(code: string, name: string, kind: number, line: number, source: string | undefined): void {
    const i = this.codes.length;
    if (i === this.kinds.length) {
      const kinds = new Uint8Array(i * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const lines = new Int32Array(i * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.codes.push(code);
    this.names.push(name);
    this.kinds[i] = kind;
    this.lines[i] = line;
    const last = this.#sources[this.#sources.length - 1];
    if (last === undefined || last.source !== source) this.#sources.push({ from: i, source });
  }

  /** The file row `i` came from. */
  sourceOf(i: number): string | undefined {
    let lo = 0;
    let hi = this.#sources.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.#sources[mid]!.from <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.#sources[lo]?.source;
  }
}

/** @internal */
export function assemble(sink: RowSink, issues: RowIssue[], options: LoadOptions, base?: Hierarchy): LoadResult {
  let rows = sink;
  if (base) {
    rows = new RowSink();
    for (let i = 0; i < base.size; i++) {
      const d = base.at(i);
      rows.add(d.code, d.name, d.kind, 0, undefined);
    }
    for (let i = 0; i < sink.size; i++) rows.addRow(sink.codes[i]!, sink.names[i]!, sink.kinds[i]!, sink.lines[i]!, sink.sourceOf(i));
  }
  let rejected = 0;
  const hierarchy = Hierarchy.build(rows, options.edition ?? base?.edition ?? '', (r, reason, value, other) => {
    rejected++;
    const issue: RowIssue = { line: rows.lines[r]!, field: reason === 'row.parent' ? 'parentCode' : 'code', reason, value };
    if (other !== undefined) issue.details = { other: rows.lines[other]! };
    const source = rows.sourceOf(r);
    if (source !== undefined) issue.source = source;
    issues.push(issue);
  });
  issues.sort((a, b) => (a.source ?? '').localeCompare(b.source ?? '') || a.line - b.line);
  if (issues.length > 0 && (options.mode ?? 'strict') === 'strict') throw new DivisionFileError(issues, options.source);
  return { hierarchy, accepted: sink.size - rejected, issues };
}
