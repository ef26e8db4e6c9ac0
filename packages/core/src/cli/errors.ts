import type { CliMessageKey } from './messages.js';
import type { InputIssue } from './read.js';

/**
 * Input the command cannot use at all (a missing file or column, an unreadable encoding, no
 * valid row, a bad option): the command stops with exit status 2 and this message on stderr.
 */
export class UnusableInput extends Error {
  override readonly name = 'UnusableInput';
  constructor(
    readonly key: CliMessageKey,
    readonly values: Readonly<Record<string, string | number>> = {},
    /** The first bad row, for a file none of whose rows is usable. */
    readonly issue?: InputIssue,
  ) {
    super(`${key} ${JSON.stringify(values)}`);
  }
}
