/**
 * From a check's inputs and the core's coverage report to the command's report: the violations
 * with their messages and the input rows behind them, the input issues, and the exit status.
 */
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import type { Lang } from '../i18n/index.js';
import type { CoverageReport } from '../pairing/check.js';
import type { Cadre, Pairing, PairingPolicy, Visit } from '../pairing/schema.js';
import { describeViolation } from '../pairing/violations.js';
import type { LoadedDivisions } from './divisions.js';
import { describeInputIssue, type InputFile, type InputIssue } from './read.js';
import type { CheckReport, ReportViolation } from './report-schema.js';

/** Everything one run of `gualian check` read and computed. */
export interface CheckRun {
  lang: Lang;
  year: number;
  /** Whether skipped input rows make the exit status 1. */
  strict: boolean;
  scope: { code: string; name: string; level: string; inferred: boolean } | null;
  policy: PairingPolicy;
  divisions: LoadedDivisions;
  cadres: InputFile<Cadre>;
  pairings: InputFile<Pairing>;
  visits: InputFile<Visit>;
  coverage: CoverageReport;
}

/** Every input issue of a run, divisions first, then cadres, pairings and visits, each by line. */
export function inputIssuesOf(run: CheckRun): InputIssue[] {
  return [...run.divisions.issues, ...run.cadres.issues, ...run.pairings.issues, ...run.visits.issues];
}

/** The name of a division for messages. */
export function namer(h: Hierarchy): (code: string) => string | undefined {
  return (code) => h.get(code)?.name;
}

/** Build the report of a run (the object `--format json` prints). */
export function buildReport(run: CheckRun): CheckReport {
  const { lang, coverage } = run;
  const name = namer(run.divisions.hierarchy);
  const visitLines = new Map<string, number[]>();
  run.visits.records.forEach((v, i) => {
    const lines = visitLines.get(v.id);
    if (lines) lines.push(run.visits.lines[i]!);
    else visitLines.set(v.id, [run.visits.lines[i]!]);
  });
  const violations: ReportViolation[] = coverage.violations.map((v) => {
    const sources: ReportViolation['sources'] = [];
    const pairing = v.details['pairing'];
    if (typeof pairing === 'number' && run.pairings.lines[pairing] !== undefined) sources.push({ file: run.pairings.file, line: run.pairings.lines[pairing]! });
    const visit = v.details['visit'];
    if (visit !== undefined) for (const line of visitLines.get(String(visit)) ?? []) sources.push({ file: run.visits.file, line });
    return {
      code: v.code,
      severity: v.severity,
      rule: v.rule,
      divisions: v.divisions,
      divisionName: (v.divisions[0] !== undefined ? name(v.divisions[0]) : undefined) ?? null,
      cadres: v.cadres,
      details: v.details,
      message: describeViolation(v, lang, name),
      sources,
    };
  });
  const issues = inputIssuesOf(run);
  const errors = violations.some((v) => v.severity === 'error');
  return {
    format: 'gualian-check',
    version: 1,
    lang,
    year: run.year,
    scope: run.scope,
    policy: run.policy,
    divisionData: { source: run.divisions.source, edition: run.divisions.edition },
    inputs: [run.cadres, run.pairings, run.visits].map((f) => ({ input: f.input, file: f.file, format: f.format, encoding: f.encoding, rows: f.rows, accepted: f.records.length, rejected: new Set(f.issues.map((i) => i.line)).size, ...(f.notes.some((n) => n.code === 'file.column-unknown') ? { unrecognisedColumns: f.notes.filter((n) => n.code === 'file.column-unknown').map((n) => n.column) } : {}) })),
    totals: coverage.totals,
    divisions: coverage.divisions,
    violations,
    inputIssues: issues.map((i) => ({ ...i, message: describeInputIssue(i, lang) })),
    exitCode: errors || (run.strict && issues.length > 0) ? 1 : 0,
  };
}
