import { GualianError, type ErrorCode } from '../errors/index.js';
import type { Lang } from '../i18n/index.js';
import type { InputIssue } from './read.js';
import { describeInputIssue } from './read.js';
import { t } from './messages.js';

/**
 * The stable codes of the command line's own errors: options, files it cannot use, the
 * divisions, writing the report. Problems the core finds in a file (its encoding, its header,
 * a workbook over its limits) keep the core's `file.*` code inside `cli.file.input`.
 */
export const CLI_ERROR_CODES = [
  'cli.option.required',
  'cli.option.bad',
  'cli.option.parse',
  'cli.command.unknown',
  'cli.expected.out',
  'cli.file.missing',
  'cli.file.kind',
  'cli.file.empty',
  'cli.file.novalid',
  'cli.file.input',
  'cli.policy.bad',
  'cli.divisions.missing',
  'cli.divisions.empty',
  'cli.divisions.rejected',
  'cli.scope.unknown',
  'cli.write',
] as const;
/** A command-line error's stable code. */
export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

declare module '../errors/index.js' {
  interface ErrorCodes {
    'cli.option.required': true;
    'cli.option.bad': true;
    'cli.option.parse': true;
    'cli.command.unknown': true;
    'cli.expected.out': true;
    'cli.file.missing': true;
    'cli.file.kind': true;
    'cli.file.empty': true;
    'cli.file.novalid': true;
    'cli.file.input': true;
    'cli.policy.bad': true;
    'cli.divisions.missing': true;
    'cli.divisions.empty': true;
    'cli.divisions.rejected': true;
    'cli.scope.unknown': true;
    'cli.write': true;
  }
}

/**
 * Input the command cannot use at all (a missing file or column, an unreadable encoding, no
 * valid row, a bad option): the command stops with exit status 2 and this message on stderr.
 * One of gualian's errors: a stable code, and words in the three languages through `describe`.
 * @example
 * new UnusableInput('cli.file.missing', { file: '干部.csv' }).describe('en'); // '干部.csv: no such file, or it cannot be read'
 */
export class UnusableInput extends GualianError {
  override readonly name = 'UnusableInput';
  declare readonly code: CliErrorCode;
  constructor(
    code: CliErrorCode,
    values: Readonly<Record<string, string | number>> = {},
    /** The first bad row, for a file none of whose rows is usable. */
    readonly issue?: InputIssue,
    /** The core's error behind `cli.file.input` and `cli.divisions.rejected`. */
    readonly reason?: GualianError,
  ) {
    super(code as ErrorCode, values);
    this.message = this.describe('en');
  }

  override describe(lang: Lang = 'zh-Hans'): string {
    const values: Record<string, string | number> = { ...this.details };
    if (this.issue) values['first'] = describeInputIssue(this.issue, lang);
    if (typeof values['expected'] === 'string') values['expected'] = t(values['expected'], lang);
    if (this.reason) {
      const file = String(values['file'] ?? '');
      const text = this.reason.describe(lang);
      // The core's message may name the file already.
      if (this.code === 'cli.file.input') return file === '' || text.includes(file) ? text : t('cli.file.input', lang, { file, reason: text });
      values['reason'] = text;
    }
    return t(this.code, lang, values);
  }
}
