/**
 * The stable codes of the record's issues: lines of a JSON Lines file that are not JSON or not
 * in canonical form, and ids given twice. Schema failures of an entry use the foundation's
 * `value.*` codes. Messages in the three languages are in i18n/messages.record.ts.
 */
import { registerMessages } from '../i18n/index.js';
import { recordMessages } from '../i18n/messages.record.js';

registerMessages(recordMessages);

/**
 * The record's own issue codes (the docs explain each).
 * @example
 * RECORD_ERROR_CODES.map((c) => translate(`error.${c}`, 'en', { value: '…', first: 1 }));
 */
export const RECORD_ERROR_CODES = ['jsonl.not-json', 'jsonl.not-canonical', 'record.duplicate-id'] as const;
/** A record issue's own code. */
export type RecordErrorCode = (typeof RECORD_ERROR_CODES)[number];

declare module '../errors/index.js' {
  interface ErrorCodes {
    'jsonl.not-json': true;
    'jsonl.not-canonical': true;
    'record.duplicate-id': true;
  }
}
