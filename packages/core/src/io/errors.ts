import { GualianError, type ErrorCode } from '../errors/index.js';

/** The codes of files that cannot be read at all: encoding, format, header, limits, mappings. */
export type FileErrorCode = Extract<ErrorCode, `file.${string}`>;

/**
 * A file that cannot be read at all: its encoding cannot be told (`file.encoding-ambiguous`),
 * its format is unknown, a required column is missing (`file.header`, naming it and showing the
 * header read), a workbook is over its limits (`file.xlsx-limit`), a column mapping names no
 * field. Row problems are not errors but issues, each with its line.
 * @example
 * try {
 *   await readVisits(bytes);
 * } catch (e) {
 *   if (e instanceof FileError && e.code === 'file.encoding-ambiguous') askForEncoding();
 * }
 */
export class FileError extends GualianError {
  override readonly name = 'FileError';
  declare readonly code: FileErrorCode;
  constructor(code: FileErrorCode, details: Readonly<Record<string, string | number>> = {}) {
    super(code, details);
  }
}
