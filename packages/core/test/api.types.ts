/**
 * Type tests of the public API: `tsc -p tsconfig.json` (a step of `npm test`) checks this file,
 * and each `@ts-expect-error` fails the check if the call it marks ever starts compiling.
 * Nothing here runs.
 */
import {
  GualianError,
  SchemaError,
  RecordsError,
  describeError,
  parseRecord,
  parseRecords,
  translate,
  dateSchema,
  type ErrorCode,
  type RecordIssue,
  type Lang,
} from '../src/index.js';
import { visitSchema, checkPairing, type Visit, type Roster } from '../src/pairing/index.js';
import { DisputeError, type DisputeErrorCode } from '../src/disputes/index.js';
import { AssessmentError } from '../src/assessment/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T): void => undefined;
declare const input: unknown;
declare const roster: Roster;

export function errorFamily(): void {
  new GualianError('hierarchy.unknown', { value: '539999' });
  // @ts-expect-error: a code that no domain declares
  new GualianError('hierarchy.unknwon');
  new DisputeError('dispute.unknown-case', { case: 'A1' });
  // @ts-expect-error: a dispute error takes only dispute codes
  new DisputeError('rubric.invalid');
  // @ts-expect-error: an assessment error takes only assessment codes
  new AssessmentError('dispute.unknown-case');
  // Every domain's error is a GualianError, and its code is one of the family's codes.
  const e: GualianError = new DisputeError('dispute.unknown-case');
  const c: ErrorCode = e.code;
  expectType<Equal<DisputeError['code'], DisputeErrorCode>>(true);
  // describeError takes anything that was thrown.
  const s: string = describeError(input, 'zh-Hant');
  // @ts-expect-error: only gualian's three languages
  describeError(e, 'fr');
  // @ts-expect-error: only gualian's three languages
  translate('level.village', 'ja');
  void [c, s];
}

export function parseStep(): void {
  const v = parseRecord(visitSchema, input, 'visit');
  expectType<Equal<typeof v, Visit>>(true);
  // @ts-expect-error: a parsed visit has no such field
  void v.minute;
  const many = parseRecords(visitSchema, [input], { kind: 'visit', mode: 'lenient' });
  expectType<Equal<typeof many.records, Visit[]>>(true);
  const issue: RecordIssue = many.issues[0]!;
  const where: number = issue.index;
  // @ts-expect-error: there is no third mode
  parseRecords(visitSchema, [input], { mode: 'relaxed' });
  const d: string = dateSchema.parse('2024-02-29');
  const err: GualianError = new SchemaError([]);
  const err2: GualianError = new RecordsError([]);
  const lang: Lang = 'zh-Hans';
  void [where, d, err, err2, lang];
}

export function pairingCheck(): void {
  checkPairing(roster, { year: 2024, scope: '5306' });
  // @ts-expect-error: the year is required
  checkPairing(roster, { scope: '5306' });
  // @ts-expect-error: the year is a number
  checkPairing(roster, { year: '2024' });
}
