/**
 * `gualian check` end to end on real data: a Zhaotong roster generated on the NBS 2023 codes
 * with planted faults, written the ways data staff keep it (CSV with English headers in UTF-8
 * with a BOM, CSV with Chinese headers in GB18030, .xlsx with date cells), checked by the
 * command run from source in a child process, and compared with the core's check run here.
 *
 * Node only. The browser runner's `tests/**` glob finds this file too: there the suite is
 * skipped, and Node's modules are never loaded (computed specifiers keep the dev server from
 * resolving them).
 */
import { expect } from 'chai';
import type ExcelJSType from 'exceljs';
import { type Hierarchy } from '../../packages/core/src/index.js';
import { checkPairing, Roster, type Cadre, type CoverageReport, type Pairing, type PairingPolicyInput, type Visit } from '../../packages/core/src/pairing/index.js';
import { generateRoster, type GeneratedRoster } from '../../packages/core/src/demo/index.js';
import type { CheckReport } from '../../packages/core/src/cli/report-schema.js';
import { edition } from '../fixtures/data.js';

const inNode = typeof window === 'undefined';
const load = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

let spawn: typeof import('node:child_process').spawn;
let fs: typeof import('node:fs');
let join: typeof import('node:path').join;
let tmpdir: typeof import('node:os').tmpdir;
let ExcelJS: typeof ExcelJSType;
let iconv: typeof import('iconv-lite');
let schemas: typeof import('../../packages/core/src/cli/report-schema.js');
let MAIN: string;
let TSX: string;

async function loadNodeModules(): Promise<void> {
  const schemaModule = '../../packages/core/src/cli/report-schema.js';
  const [cp, fsModule, path, os, url, nodeModule, excel, iconvModule, schemaExports] = await Promise.all(['node:child_process', 'node:fs', 'node:path', 'node:os', 'node:url', 'node:module', 'exceljs', 'iconv-lite', schemaModule].map(load));
  spawn = (cp as typeof import('node:child_process')).spawn;
  fs = fsModule as typeof import('node:fs');
  join = (path as typeof import('node:path')).join;
  tmpdir = (os as typeof import('node:os')).tmpdir;
  ExcelJS = (excel as { default: typeof ExcelJSType }).default;
  iconv = (iconvModule as { default: typeof import('iconv-lite') }).default;
  schemas = schemaExports as typeof import('../../packages/core/src/cli/report-schema.js');
  const { fileURLToPath, pathToFileURL } = url as typeof import('node:url');
  MAIN = fileURLToPath(new URL('../../packages/core/src/cli/main.ts', import.meta.url));
  // The child runs in a temporary directory, so tsx is named by its full URL.
  TSX = pathToFileURL((nodeModule as typeof import('node:module')).createRequire(import.meta.url).resolve('tsx')).href;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the command from source in `cwd`, as data staff would run it there. */
function gualian(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

const RANK_ZH = { prefectural: '厅级', divisional: '处级', staff: '一般干部' } as const;
const ROLE_ZH = { 'county-lead': '包县', 'township-lead': '包乡', village: '挂村' } as const;
const ACTIVITY_ZH = {
  'public-opinion': '收集社情民意',
  'dispute-resolution': '化解矛盾纠纷',
  'legal-education': '普法送法',
  'security-guidance': '指导治安防范',
  'law-class': '法治课',
  'risk-assessment': '风险评估',
  'key-person-management': '重点人员管控',
  other: '其他',
} as const;

const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (header: string[], rows: unknown[][]) => [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/** The roster as CSV with English headers and values, UTF-8 with a BOM. */
function writeEnglish(dir: string, r: Pick<GeneratedRoster, 'cadres' | 'pairings' | 'visits'>): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(join(dir, 'cadres.csv'), '\uFEFF' + csv(['id', 'name', 'unit', 'rank', 'homeCode'], r.cadres.map((c) => [c.id, c.name, c.unit, c.rank, c.homeCode])));
  fs.writeFileSync(join(dir, 'pairings.csv'), '\uFEFF' + csv(['cadreId', 'role', 'code', 'from', 'to'], r.pairings.map((p) => [p.cadreId, p.role, p.code, p.from, p.to])));
  fs.writeFileSync(
    join(dir, 'visits.csv'),
    '\uFEFF' + csv(['id', 'cadreId', 'villageCode', 'date', 'minutes', 'households', 'activities', 'notes'], r.visits.map((v) => [v.id, v.cadreId, v.villageCode, v.date, v.minutes, v.households, v.activities.join(';'), v.notes])),
  );
}

/** The roster as a county office's spreadsheet export: Chinese headers and words, YYYY/M/D dates, GB18030. */
function writeChinese(dir: string, r: GeneratedRoster): void {
  fs.mkdirSync(dir, { recursive: true });
  const gb = (text: string) => iconv.encode(text, 'gb18030');
  const slashed = (d: string) => d.split('-').map(Number).join('/');
  fs.writeFileSync(join(dir, '干部.csv'), gb(csv(['工号', '姓名', '单位', '职级', '所在地代码'], r.cadres.map((c) => [c.id, c.name, c.unit, RANK_ZH[c.rank], c.homeCode]))));
  fs.writeFileSync(join(dir, '挂联.csv'), gb(csv(['干部编号', '挂联类型', '区划代码', '开始日期', '结束日期'], r.pairings.map((p) => [p.cadreId, ROLE_ZH[p.role], p.code, p.from, p.to]))));
  fs.writeFileSync(
    join(dir, '走访.csv'),
    gb(csv(['编号', '干部编号', '村代码', '日期', '时长（分钟）', '入户数', '工作内容', '备注'], r.visits.map((v) => [v.id, v.cadreId, v.villageCode, slashed(v.date), v.minutes, v.households, v.activities.map((a) => ACTIVITY_ZH[a]).join('、'), v.notes]))),
  );
}

/** The roster as three workbooks: numbers as numbers, visit dates as date cells. */
async function writeWorkbooks(dir: string, r: GeneratedRoster): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const book = async (file: string, header: string[], rows: unknown[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(header);
    for (const row of rows) ws.addRow(row);
    await wb.xlsx.writeFile(join(dir, file));
  };
  const day = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, dd));
  };
  await book('cadres.xlsx', ['编号', '姓名', '单位', '职级', '住址代码'], r.cadres.map((c) => [c.id, c.name, c.unit, RANK_ZH[c.rank], Number(c.homeCode)]));
  await book('pairings.xlsx', ['干部编号', '类型', '挂联村代码'], r.pairings.map((p) => [p.cadreId, ROLE_ZH[p.role], Number(p.code)]));
  await book('visits.xlsx', ['编号', '干部编号', '村代码', '日期', '时长(分钟)', '入户数', '工作内容', '备注'], r.visits.map((v) => [v.id, v.cadreId, Number(v.villageCode), day(v.date), v.minutes, v.households, v.activities.map((a) => ACTIVITY_ZH[a]).join('；'), v.notes ?? null]));
}

/** What a report says, without the words: to compare the command's report with the core's. */
const facts = (r: Pick<CoverageReport, 'totals' | 'divisions'> & { violations: ReadonlyArray<{ code: string; severity: string; divisions: string[]; cadres: string[]; details: Record<string, string | number> }> }) => ({
  totals: r.totals,
  divisions: r.divisions,
  violations: r.violations.map((v) => ({ code: v.code, severity: v.severity, divisions: v.divisions, cadres: v.cadres, details: v.details })),
});

(inNode ? describe : describe.skip)('gualian check (the command line) on a real Zhaotong roster', function () {
  this.timeout(600_000);

  let national: Hierarchy;
  let demo: GeneratedRoster;
  let dir: string;
  let expected: CoverageReport;
  const check = (roster: { cadres: Cadre[]; pairings: Pairing[]; visits: Visit[] }, policy?: PairingPolicyInput) =>
    checkPairing(Roster.from(national, roster), { year: 2024, scope: '5306', ...(policy ? { policy } : {}) });
  const codes = (r: CheckReport, code: string, key: 'divisions' | 'cadres') => r.violations.filter((v) => v.code === code).map((v) => v[key][0]).sort();

  before(async () => {
    await loadNodeModules();
    national = await edition('2023');
    demo = generateRoster(national.subtree('5306'), { scope: '5306', year: 2024, seed: 7, faults: true });
    expected = check(demo);
    dir = fs.mkdtempSync(join(tmpdir(), 'gualian-cli-'));
    writeEnglish(join(dir, 'en'), demo);
    writeChinese(join(dir, 'zh'), demo);
    await writeWorkbooks(join(dir, 'xlsx'), demo);
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads GB18030 files with Chinese headers, exits 1, and reports every planted fault', async () => {
    const run = await gualian(join(dir, 'zh'), 'check', '--year', '2024', '--cadres', '干部.csv', '--pairings', '挂联.csv', '--visits', '走访.csv', '--format', 'json');
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(1);
    const report = schemas.checkReportSchema.parse(JSON.parse(run.stdout));
    expect(report.scope).to.deep.equal({ code: '5306', name: '昭通市', level: 'prefecture', inferred: true });
    expect(report.inputs.map((i) => [i.encoding, i.accepted, i.rejected])).to.deep.equal([
      ['gb18030', demo.cadres.length, 0],
      ['gb18030', demo.pairings.length, 0],
      ['gb18030', demo.visits.length, 0],
    ]);
    expect(report.inputIssues).to.deep.equal([]);
    const { planted } = demo;
    expect(codes(report, 'village.uncovered', 'divisions')).to.deep.equal([...planted.uncovered].sort());
    expect(codes(report, 'village.short', 'divisions')).to.deep.equal([...planted.short].sort());
    expect(codes(report, 'township.no-lead', 'divisions')).to.deep.equal(planted.unledTownship);
    expect(codes(report, 'nominal.no-visits', 'cadres')).to.deep.equal([...planted.noVisits].sort());
    expect(codes(report, 'visits.short', 'cadres')).to.deep.equal([...planted.noVisits, ...planted.fewVisits].sort());
    expect(codes(report, 'commute.short-visits', 'cadres')).to.deep.equal([...planted.driveBy].sort());
    expect(codes(report, 'commute.crammed', 'cadres')).to.deep.equal([...planted.crammed].sort());
    expect(codes(report, 'commute.same-day-distant', 'cadres')).to.deep.equal([...planted.sameDay].sort());
    // Each message names the place, and each visit-level violation points at its row.
    const uncovered = report.violations.find((v) => v.code === 'village.uncovered')!;
    expect(uncovered.message).to.contain(national.get(uncovered.divisions[0]!)!.name);
    const short = report.violations.find((v) => v.code === 'visits.short')!;
    expect(short.sources).to.have.length(1);
    expect(short.sources[0]!.file).to.equal('挂联.csv');
    const line = short.sources[0]!.line;
    expect(demo.pairings[line - 2]!.cadreId).to.equal(short.cadres[0]);
    // The same numbers as the core's check of the same records.
    expect(facts(report)).to.deep.equal(facts(expected));
  });

  it('runs as the installed `gualian` command: the bin launches the built CLI with the same result', async () => {
    const bin = join(MAIN, '../../../bin/gualian.mjs');
    const built = join(MAIN, '../../../dist/cli.js');
    expect(fs.existsSync(built), 'npm run build makes dist/cli.js before the tests').to.equal(true);
    const run = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'check', '--year', '2024', '--cadres', '干部.csv', '--pairings', '挂联.csv', '--visits', '走访.csv', '--format', 'json'], { cwd: join(dir, 'zh') });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(1);
    expect(facts(schemas.checkReportSchema.parse(JSON.parse(run.stdout)))).to.deep.equal(facts(expected));
  });

  it('prints the JSON Schema of the report, made from the same zod schema', async () => {
    const run = await gualian(dir, 'schema');
    expect(run.code).to.equal(0);
    const schema = JSON.parse(run.stdout) as { $schema: string; type: string; required: string[]; properties: Record<string, unknown> };
    expect(schema).to.deep.equal(schemas.checkReportJsonSchema());
    expect(schema.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).to.include.members(['format', 'version', 'year', 'scope', 'policy', 'totals', 'divisions', 'violations', 'inputIssues']);
  });

  it('writes a text summary in the chosen language from UTF-8 files with English headers', async () => {
    const zh = await gualian(join(dir, 'en'), 'check', '--year', '2024', '--cadres', 'cadres.csv', '--pairings', 'pairings.csv', '--visits', 'visits.csv', '--scope', '5306', '--limit', '5');
    expect(zh.code).to.equal(1);
    expect(zh.stdout).to.contain('包掛聯检查 · 2024 年 · 5306 昭通市');
    expect(zh.stdout).to.contain(`村（社区）：1402 个；挂联达标 ${expected.totals.villagesCovered} 个，人数不足 ${expected.totals.villagesShort} 个，无人挂联 ${expected.totals.villagesUncovered} 个`);
    expect(zh.stdout).to.contain(`村无人挂联［village.uncovered，错误］：${demo.planted.uncovered.length} 条`);
    for (const code of demo.planted.uncovered) expect(zh.stdout).to.contain(`${code}  ${national.get(code)!.name}：没有挂联干部`);
    expect(zh.stdout).to.contain(`走访次数不足［visits.short，错误］：${demo.planted.noVisits.length + demo.planted.fewVisits.length} 条`);
    expect(zh.stdout).to.contain('……另有'); // ten short pairings, five shown
    expect(zh.stdout).to.contain('输入文件没有错误行');
    expect(zh.stdout).to.contain(`结论：有 ${expected.totals.errors} 条错误级问题`);
    const en = await gualian(join(dir, 'en'), 'check', '--year', '2024', '--cadres', 'cadres.csv', '--pairings', 'pairings.csv', '--visits', 'visits.csv', '--scope', '5306', '--lang', 'en');
    expect(en.code).to.equal(1);
    expect(en.stdout).to.contain(`Villages with no paired cadre [village.uncovered, error]: ${demo.planted.uncovered.length}`);
    expect(en.stdout).to.contain(`Result: ${expected.totals.errors} violations of error severity.`);
  });

  it('reads .xlsx input (date cells, codes as numbers) and writes the four-sheet workbook', async () => {
    const out = join(dir, 'xlsx', 'report.xlsx');
    const run = await gualian(join(dir, 'xlsx'), 'check', '--year', '2024', '--cadres', 'cadres.xlsx', '--pairings', 'pairings.xlsx', '--visits', 'visits.xlsx', '--format', 'xlsx', '--out', out);
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).to.deep.equal(['汇总', '问题清单', '工作台账', '输入错误']);
    const [summary, violations, ledger, issues] = wb.worksheets as [ExcelJSType.Worksheet, ExcelJSType.Worksheet, ExcelJSType.Worksheet, ExcelJSType.Worksheet];
    // 汇总: header, 4 lines on the run, 3 input files, 17 totals, input issues, a blank row, then a table of every county and township.
    expect(summary.rowCount).to.equal(1 + 4 + 3 + 17 + 1 + 1 + 1 + expected.divisions.length);
    const valueOf = (label: string) => {
      for (let r = 1; r <= summary.rowCount; r++) if (summary.getCell(r, 1).value === label) return summary.getCell(r, 2).value;
      return undefined;
    };
    expect(valueOf('村（社区）数')).to.equal(expected.totals.villages);
    expect(valueOf('无人挂联的村')).to.equal(expected.totals.villagesUncovered);
    expect(valueOf('走访次数')).to.equal(expected.totals.visits);
    expect(valueOf('共差走访次数')).to.equal(expected.totals.visitShortfall);
    // 问题清单: one row per violation, in the core's order.
    expect(violations.rowCount).to.equal(1 + expected.violations.length);
    expect(violations.getRow(2).getCell(1).value).to.equal(expected.violations[0]!.code);
    // 工作台账: each cadre's visits of the year in date order, then the cadre's total row.
    const visits2024 = demo.visits.filter((v) => v.date.startsWith('2024')).length;
    expect(ledger.rowCount).to.equal(1 + visits2024 + demo.cadres.length);
    const first = demo.cadres[0]!;
    const firstVisits = demo.visits.filter((v) => v.cadreId === first.id).sort((a, b) => a.date.localeCompare(b.date));
    const dates = firstVisits.map((_, i) => (ledger.getCell(2 + i, 7).value as Date).toISOString().slice(0, 10));
    expect(dates).to.deep.equal(firstVisits.map((v) => v.date));
    const total = ledger.getRow(2 + firstVisits.length);
    expect(total.getCell(1).value).to.equal(first.id);
    expect(String(total.getCell(6).value)).to.contain(`${firstVisits.length} 次`);
    expect(total.getCell(10).value).to.equal(firstVisits.reduce((s, v) => s + v.minutes, 0));
    // A cadre who never visited still has a ledger: one total row saying so.
    const idle = demo.planted.noVisits[0]!;
    const idleRows = ledger.getSheetValues().filter((r) => Array.isArray(r) && r[1] === idle);
    expect(idleRows).to.have.length(1);
    // 输入错误: the header only.
    expect(issues.rowCount).to.equal(1);
  });

  it('exits 2 with the reason on stderr when a required column is missing', async () => {
    const sub = join(dir, 'no-rank');
    fs.mkdirSync(sub);
    fs.writeFileSync(join(sub, 'cadres.csv'), csv(['id', 'name', 'unit', 'homeCode'], demo.cadres.map((c) => [c.id, c.name, c.unit, c.homeCode])));
    const run = await gualian(sub, 'check', '--year', '2024', '--cadres', 'cadres.csv', '--pairings', '../en/pairings.csv', '--visits', '../en/visits.csv', '--format', 'json');
    expect(run.code).to.equal(2);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.contain('cadres.csv').and.contain('rank').and.contain('职级');
  });

  it('exits 2 for unusable options and files, naming the problem', async () => {
    const en = join(dir, 'en');
    const files = ['--cadres', 'cadres.csv', '--pairings', 'pairings.csv', '--visits', 'visits.csv'];
    const cases: Array<[string[], string]> = [
      [['check', '--year', '2024', '--cadres', 'missing.csv', '--pairings', 'pairings.csv', '--visits', 'visits.csv'], 'missing.csv'],
      [['check', ...files], '--year'],
      [['check', '--year', '24', ...files, '--lang', 'en'], 'a year from 2000 to 2100'],
      [['check', '--year', '2024', ...files, '--format', 'xlsx'], '--out'],
      [['check', '--year', '2024', ...files, '--colour'], '--colour'],
      [['check', '--year', '2024', ...files, '--scope', 'Zhaotong', '--lang', 'en'], 'a division code expected'],
      [['frobnicate'], 'frobnicate'],
    ];
    for (const [args, says] of cases) {
      const run = await gualian(en, ...args);
      expect(run.code, args.join(' ')).to.equal(2);
      expect(run.stderr, args.join(' ')).to.contain(says);
    }
  });

  it('reports malformed rows with file, line and field, skips them, and checks the rest', async () => {
    const sub = join(dir, 'bad');
    // Data row i of a file is on line i + 2 (the header is line 1).
    const badVisits = new Map<number, [string, string, string]>([
      [6, ['2024-02-30', 'date', 'input.date']],
      [11, ['abc', 'minutes', 'input.integer']],
      [16, ['走访;law-class', 'activities', 'input.activity']],
      [21, ['5.30622E+11', 'villageCode', 'input.scientific']],
      [26, ['2000', 'minutes', 'value.too-big']],
    ]);
    const visitRow = (v: Visit, line: number): unknown[] => {
      const row: unknown[] = [v.id, v.cadreId, v.villageCode, v.date, v.minutes, v.households, v.activities.join(';'), v.notes];
      const bad = badVisits.get(line);
      if (bad) row[{ date: 3, minutes: 4, activities: 6, villageCode: 2 }[bad[1]]!] = bad[0];
      return row;
    };
    fs.mkdirSync(sub);
    const visitsCsv = csv(['id', 'cadreId', 'villageCode', 'date', 'minutes', 'households', 'activities', 'notes'], demo.visits.map((v, i) => visitRow(v, i + 2))).split('\r\n');
    visitsCsv[30] = 'V-broken,C000001'; // line 31: too few columns
    fs.writeFileSync(join(sub, 'visits.csv'), visitsCsv.join('\r\n'));
    const cadresCsv = csv(['id', 'name', 'unit', 'rank', 'homeCode'], demo.cadres.map((c, i) => [c.id, c.name, c.unit, i === 2 ? '局长' : c.rank, c.homeCode]));
    fs.writeFileSync(join(sub, 'cadres.csv'), cadresCsv);
    const pairingsCsv = csv(['cadreId', 'role', 'code', 'from', 'to'], demo.pairings.map((p, i) => [p.cadreId, i === 7 ? '包村' : p.role, p.code, p.from, i === 8 ? '2024-13-01' : p.to]));
    fs.writeFileSync(join(sub, 'pairings.csv'), pairingsCsv);
    const run = await gualian(sub, 'check', '--year', '2024', '--cadres', 'cadres.csv', '--pairings', 'pairings.csv', '--visits', 'visits.csv', '--format', 'json', '--lang', 'en');
    expect(run.code).to.equal(1);
    const report = schemas.checkReportSchema.parse(JSON.parse(run.stdout));
    const got = report.inputIssues.map((i) => [i.file, i.line, i.field, i.code]);
    expect(got).to.deep.equal([
      ['cadres.csv', 4, 'rank', 'input.rank'],
      ['pairings.csv', 9, 'role', 'input.role'],
      ['pairings.csv', 10, 'to', 'input.date'],
      ...[...badVisits].map(([line, [, field, code]]) => ['visits.csv', line, field, code]),
      ['visits.csv', 31, '*', 'row.columns'],
    ]);
    for (const i of report.inputIssues) expect(i.message).to.match(new RegExp(`^${i.file}: line ${i.line}, field "`));
    expect(report.inputs.map((i) => i.rejected)).to.deep.equal([1, 2, 6]);
    // The rest is checked exactly as the core checks the records that were accepted.
    const skippedVisits = new Set([...badVisits.keys(), 31].map((line) => line - 2));
    const accepted = {
      cadres: demo.cadres.filter((_, i) => i !== 2),
      pairings: demo.pairings.filter((_, i) => i !== 7 && i !== 8),
      visits: demo.visits.filter((_, i) => !skippedVisits.has(i)),
    };
    expect(facts(report)).to.deep.equal(facts(check(accepted)));
    // The skipped cadre's pairings now point at nobody: said, not dropped silently.
    expect(report.violations.some((v) => v.code === 'pairing.unknown-cadre' && v.cadres[0] === demo.cadres[2]!.id)).to.equal(true);
  });

  it('applies a policy file, and exits 0 on a roster that keeps the policy', async () => {
    const clean = generateRoster(national.subtree('5306'), { scope: '5306', year: 2024, seed: 1 });
    const sub = join(dir, 'clean');
    writeEnglish(sub, clean);
    const ok = await gualian(sub, 'check', '--year', '2024', '--cadres', 'cadres.csv', '--pairings', 'pairings.csv', '--visits', 'visits.csv', '--scope', '5306', '--format', 'json');
    expect(ok.stderr).to.equal('');
    expect(ok.code).to.equal(0);
    expect(facts(schemas.checkReportSchema.parse(JSON.parse(ok.stdout)))).to.deep.equal(facts(check(clean)));
    const policy = { name: '更严的标准', minVisitsPerYear: 5 };
    fs.writeFileSync(join(sub, 'policy.json'), JSON.stringify(policy));
    const strict = await gualian(sub, 'check', '--year', '2024', '--cadres', 'cadres.csv', '--pairings', 'pairings.csv', '--visits', 'visits.csv', '--scope', '5306', '--policy', 'policy.json', '--format', 'json');
    expect(strict.code).to.equal(1);
    const report = schemas.checkReportSchema.parse(JSON.parse(strict.stdout));
    expect(report.policy).to.include({ name: '更严的标准', minVisitsPerYear: 5, minCadresPerVillage: 3 });
    expect(facts(report)).to.deep.equal(facts(check(clean, policy)));
    fs.writeFileSync(join(sub, 'bad-policy.json'), JSON.stringify({ minVisitsPerYear: -1 }));
    const bad = await gualian(sub, 'check', '--year', '2024', '--cadres', 'cadres.csv', '--pairings', 'pairings.csv', '--visits', 'visits.csv', '--policy', 'bad-policy.json');
    expect(bad.code).to.equal(2);
    // The field is named in the reader's language, never by its variable name.
    expect(bad.stderr).to.contain('bad-policy.json').and.contain('每年最少走访次数').and.not.contain('minVisitsPerYear');
  });
});
