/**
 * The three outputs of `gualian check`: a summary to read in a terminal, the JSON report for
 * tools, and a workbook for the office (summary, violations, one ledger per cadre, input issues).
 */
import { translate } from '../i18n/index.js';
import { VIOLATION_CODES } from '../pairing/violations.js';
import type { Cadre, Pairing, Visit } from '../pairing/schema.js';
import { activityLabel, t, violationLabel, type CliMessageKey } from './messages.js';
import { inputIssueReason, loadExcelJS } from './read.js';
import { inputIssuesOf, namer, type CheckRun } from './report.js';
import type { CheckReport, ReportViolation } from './report-schema.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The scope as a reader names it: `5306 昭通市`. */
function scopeText(report: CheckReport): string {
  const s = report.scope;
  if (s === null) return t('text.scope.all', report.lang);
  const named = `${s.code} ${s.name}`;
  return s.inferred ? t('text.scope.inferred', report.lang, { scope: named }) : named;
}

function fileLine(report: CheckReport, input: CheckReport['inputs'][number]): string {
  const line = `${t(`input.${input.input}`, report.lang)} ${t('text.input', report.lang, { file: input.file, rows: input.rows, accepted: input.accepted, rejected: input.rejected })}`;
  const unknown = input.unrecognisedColumns ?? [];
  return unknown.length === 0 ? line : `${line}\n    ${t('text.input.unrecognised', report.lang, { columns: unknown.join(report.lang === 'en' ? ', ' : '、') })}`;
}

/** Violations grouped by code: errors first, then warnings, each in the core's code order. */
function groups(violations: readonly ReportViolation[]): Array<[string, ReportViolation[]]> {
  const by = new Map<string, ReportViolation[]>();
  for (const v of violations) {
    const list = by.get(v.code);
    if (list) list.push(v);
    else by.set(v.code, [v]);
  }
  const rank = (code: string) => (VIOLATION_CODES as readonly string[]).indexOf(code);
  return [...by.entries()].sort(([a, va], [b, vb]) => SEVERITY_ORDER[va[0]!.severity] - SEVERITY_ORDER[vb[0]!.severity] || rank(a) - rank(b));
}

/**
 * The summary for a terminal: the totals, the violations grouped by code with the first `limit`
 * of each, the input issues, and the result.
 */
export function formatText(report: CheckReport, limit: number): string {
  const lang = report.lang;
  const out: string[] = [];
  const T = report.totals;
  const policy = report.policy;
  out.push(t('text.title', lang, { year: report.year, scope: scopeText(report) }));
  out.push(t('text.policy', lang, { name: policy.name, perVillage: policy.minCadresPerVillage, visits: policy.minVisitsPerYear }));
  out.push(t('text.divisions', lang, { source: report.divisionData.source, edition: report.divisionData.edition || '-' }));
  for (const input of report.inputs) out.push(fileLine(report, input));
  out.push('', t('text.totals', lang));
  out.push(`  ${t('text.totals.villages', lang, { villages: T.villages, covered: T.villagesCovered, short: T.villagesShort, uncovered: T.villagesUncovered })}`);
  out.push(`  ${t('text.totals.townships', lang, { townships: T.townships, led: T.townshipsLed })}`);
  out.push(`  ${t('text.totals.counties', lang, { counties: T.counties, led: T.countiesLed })}`);
  out.push(`  ${t('text.totals.cadres', lang, { cadres: T.cadres, pairings: T.villagePairings, leads: T.leads })}`);
  out.push(`  ${t('text.totals.visits', lang, { visits: T.visits, compliant: T.pairingsCompliant, short: T.pairingsShort, shortfall: T.visitShortfall })}`);
  out.push(`  ${t('text.totals.problems', lang, { errors: T.errors, warnings: T.warnings })}`);
  out.push('', t('text.violations', lang));
  if (report.violations.length === 0) out.push(`  ${t('text.violations.none', lang)}`);
  for (const [code, list] of groups(report.violations)) {
    out.push(`  ${t('text.group', lang, { label: violationLabel(code, lang), code, severity: t(`severity.${list[0]!.severity}`, lang), count: list.length })}`);
    for (const v of list.slice(0, limit)) out.push(`    ${v.divisions[0] ?? ''}  ${v.message}`);
    if (list.length > limit) out.push(`    ${t('text.more', lang, { count: list.length - limit })}`);
  }
  const skipped = new Set(report.inputIssues.map((i) => `${i.file}\n${i.line}`)).size;
  out.push('', t('text.issues', lang, { count: skipped }));
  if (report.inputIssues.length === 0) out.push(`  ${t('text.issues.none', lang)}`);
  for (const i of report.inputIssues.slice(0, limit)) out.push(`  ${i.message}`);
  if (report.inputIssues.length > limit) out.push(`  ${t('text.more', lang, { count: report.inputIssues.length - limit })}`);
  const errors = report.violations.filter((v) => v.severity === 'error').length;
  out.push('', errors === 0 ? t('text.result.ok', lang) : t('text.result.errors', lang, { errors }));
  return `${out.join('\n')}\n`;
}

/** The JSON report, indented. */
export function formatJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One cadre's ledger (一人一工作台账): the year's visits in date order. */
export interface LedgerEntry {
  cadre: Cadre;
  /** The villages the cadre pairs with (codes). */
  villages: string[];
  visits: Visit[];
}

/**
 * The ledgers of the cadres of the scope: each cadre once (the first record of a duplicated
 * id), in the order of the cadres file, with their visits of the year in date order. A cadre
 * belongs to the scope when a pairing of theirs, or else their home, lies in it; a cadre with
 * neither is listed too, so that no one is left out unseen.
 */
export function ledgers(run: CheckRun): LedgerEntry[] {
  const scope = run.scope?.code;
  const within = (code: string | undefined) => scope === undefined || (code !== undefined && code.startsWith(scope));
  const pairingsOf = new Map<string, Pairing[]>();
  for (const p of run.pairings.records) {
    const list = pairingsOf.get(p.cadreId);
    if (list) list.push(p);
    else pairingsOf.set(p.cadreId, [p]);
  }
  const visitsOf = new Map<string, Visit[]>();
  const year = String(run.year);
  for (const v of run.visits.records) {
    if (!v.date.startsWith(year)) continue;
    const list = visitsOf.get(v.cadreId);
    if (list) list.push(v);
    else visitsOf.set(v.cadreId, [v]);
  }
  const seen = new Set<string>();
  const out: LedgerEntry[] = [];
  for (const cadre of run.cadres.records) {
    if (seen.has(cadre.id)) continue;
    seen.add(cadre.id);
    const pairings = pairingsOf.get(cadre.id) ?? [];
    const inScope = pairings.length > 0 ? pairings.some((p) => within(p.code)) : cadre.homeCode === undefined || within(cadre.homeCode);
    if (!inScope) continue;
    const villages = pairings.filter((p) => p.role === 'village').map((p) => p.code);
    const visits = (visitsOf.get(cadre.id) ?? []).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.push({ cadre, villages, visits });
  }
  return out;
}

type Row = Array<string | number | Date | null>;

/**
 * The workbook: 汇总 (the run, the totals and each county's and township's), 问题清单 (one row per
 * violation), 工作台账 (each cadre's visits in date order, then a total row), 输入错误 (one row
 * per input issue). Sheet and column names follow the report's language.
 */
export async function writeWorkbook(report: CheckReport, run: CheckRun, file: string): Promise<void> {
  const ExcelJS = await loadExcelJS();
  const lang = report.lang;
  const h = run.divisions.hierarchy;
  const name = namer(h);
  // The streaming writer: rows go to the file as they are made, so a large scope does not hold
  // the whole workbook in memory.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  wb.creator = 'gualian check';
  const sheet = (key: CliMessageKey, header: CliMessageKey[], widths: number[], rows: Row[], emphasise?: (row: Row) => boolean) => {
    const ws = wb.addWorksheet(t(key, lang), { views: [{ state: 'frozen', ySplit: 1 }] });
    const dates = header.map((_, c) => rows.some((r) => r[c] instanceof Date));
    ws.columns = header.map((k, i) => ({ header: t(k, lang), width: widths[i] ?? 12, ...(dates[i] ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.commit();
    for (const r of rows) {
      const row = ws.addRow(r);
      if (emphasise?.(r)) row.font = { bold: true };
      row.commit();
    }
    ws.commit();
  };

  // 汇总
  const totalsKeys = Object.keys(report.totals) as Array<keyof CheckReport['totals']>;
  const summary: Row[] = [
    [t('col.year', lang), report.year],
    [t('col.scope', lang), scopeText(report)],
    [t('col.policy', lang), report.policy.name],
    [t('col.divisionsSource', lang), `${report.divisionData.source}${report.divisionData.edition ? ` (${report.divisionData.edition})` : ''}`],
    ...report.inputs.map((i): Row => [t(`input.${i.input}`, lang), t('text.input', lang, { file: i.file, rows: i.rows, accepted: i.accepted, rejected: i.rejected })]),
    ...totalsKeys.map((k): Row => [t(`totals.${k}`, lang), report.totals[k]]),
    [t('totals.inputIssues', lang), report.inputIssues.length],
    [],
    [t('col.divisionCode', lang), t('col.divisionName', lang), t('col.level', lang), ...totalsKeys.map((k) => t(`totals.${k}`, lang))],
    ...report.divisions.map((d): Row => [d.code, d.name, translate(`level.${d.level}`, lang), ...totalsKeys.map((k) => d.totals[k])]),
  ];
  const divisionHeader = summary[summary.length - report.divisions.length - 1]!;
  sheet('sheet.summary', ['col.item', 'col.value'], [28, 40], summary, (r) => r === divisionHeader);

  // 问题清单
  sheet(
    'sheet.violations',
    ['col.code', 'col.category', 'col.severity', 'col.divisionCode', 'col.divisionName', 'col.cadreIds', 'col.message', 'col.sources'],
    [26, 22, 8, 16, 20, 20, 70, 24],
    report.violations.map((v) => [v.code, violationLabel(v.code, lang), t(`severity.${v.severity}`, lang), v.divisions[0] ?? '', v.divisionName ?? '', v.cadres.join(', '), v.message, v.sources.map((s) => `${s.file}:${s.line}`).join(', ')]),
  );

  // 工作台账
  const rank = (r: string) => translate(`rank.${r}`, lang);
  const activities = (list: readonly Visit['activities'][number][]) => list.map((a) => activityLabel(a, lang)).join(lang === 'en' ? ', ' : '、');
  const ledgerRows: Row[] = [];
  const totalRows = new Set<Row>();
  for (const { cadre, villages, visits } of ledgers(run)) {
    const who: Row = [cadre.id, cadre.name, cadre.unit, rank(cadre.rank), villages.map((c) => `${c} ${name(c) ?? ''}`.trim()).join('; ')];
    for (const v of visits) {
      const [y, m, d] = v.date.split('-').map(Number) as [number, number, number];
      ledgerRows.push([...who, v.id, new Date(Date.UTC(y, m - 1, d)), v.villageCode, name(v.villageCode) ?? '', v.minutes, v.households, activities(v.activities), v.notes ?? '']);
    }
    const counts = new Map<string, number>();
    for (const v of visits) for (const a of v.activities) counts.set(a, (counts.get(a) ?? 0) + 1);
    const total: Row = [
      ...who,
      visits.length === 0 ? `${t('ledger.total', lang, { visits: 0 })}（${t('ledger.noVisits', lang)}）` : t('ledger.total', lang, { visits: visits.length }),
      null,
      null,
      null,
      visits.reduce((s, v) => s + v.minutes, 0),
      visits.reduce((s, v) => s + v.households, 0),
      [...counts].map(([a, n]) => `${activityLabel(a as Visit['activities'][number], lang)} ${n}`).join(lang === 'en' ? ', ' : '、'),
      null,
    ];
    totalRows.add(total);
    ledgerRows.push(total);
  }
  sheet(
    'sheet.ledger',
    ['col.cadreId', 'col.cadreName', 'col.unit', 'col.rank', 'col.pairedVillage', 'col.visitId', 'col.date', 'col.villageCode', 'col.villageName', 'col.minutes', 'col.households', 'col.activities', 'col.notes'],
    [12, 10, 10, 10, 30, 16, 12, 16, 20, 10, 8, 40, 30],
    ledgerRows,
    (r) => totalRows.has(r),
  );

  // 输入错误
  sheet(
    'sheet.issues',
    ['col.file', 'col.line', 'col.field', 'col.rawValue', 'col.issueCode', 'col.message'],
    [30, 8, 14, 24, 18, 70],
    inputIssuesOf(run).map((i) => [i.file, i.line, i.column, i.value, i.code, inputIssueReason(i, lang)]),
  );

  await wb.commit();
}
