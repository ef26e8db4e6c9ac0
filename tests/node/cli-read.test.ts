/**
 * How `gualian check` reads the values data staff write: ranks, pairing types, dates,
 * activity lists and headers, and the scope it infers from the pairings.
 *
 * Node only: in the browser runner (whose `tests/**` glob finds this file) the suite is skipped
 * and the command's Node modules are never loaded.
 */
import { expect } from 'chai';
import type ExcelJSType from 'exceljs';

const inNode = typeof window === 'undefined';
const load = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

let R: typeof import('../../packages/core/src/cli/read.js');
let D: typeof import('../../packages/core/src/cli/divisions.js');
let S: typeof import('../../packages/core/src/io/sheets.js');
let fs: typeof import('node:fs');
let tmpdir: typeof import('node:os').tmpdir;
let join: typeof import('node:path').join;
let ExcelJS: typeof ExcelJSType;
let iconv: typeof import('iconv-lite');

(inNode ? describe : describe.skip)('gualian check: reading spreadsheet values', function () {
  this.timeout(60_000);
  before(async () => {
    const [read, divisions, fsModule, os, path, excel, iconvModule, sheets] = await Promise.all(
      ['../../packages/core/src/cli/read.js', '../../packages/core/src/cli/divisions.js', 'node:fs', 'node:os', 'node:path', 'exceljs', 'iconv-lite', '../../packages/core/src/io/sheets.js'].map(load),
    );
    S = sheets as typeof S;
    R = read as typeof R;
    D = divisions as typeof D;
    fs = fsModule as typeof fs;
    tmpdir = (os as typeof import('node:os')).tmpdir;
    join = (path as typeof import('node:path')).join;
    ExcelJS = (excel as { default: typeof ExcelJSType }).default;
    iconv = (iconvModule as { default: typeof import('iconv-lite') }).default;
  });

  it('reads ranks in English, simplified and traditional Chinese', () => {
    for (const w of ['prefectural', '厅级', '副厅级', '廳級', '正厅级干部']) expect(R.parseRank(w), w).to.equal('prefectural');
    for (const w of ['divisional', '处级', '正处', '處級', '县处级', '副处级领导']) expect(R.parseRank(w), w).to.equal('divisional');
    for (const w of ['staff', '一般干部', '科级', '副科级', '科员', '一般幹部', ' Staff ']) expect(R.parseRank(w), w).to.equal('staff');
    for (const w of ['局长', '', 'boss']) expect(R.parseRank(w), w).to.equal(null);
  });

  it('reads pairing types', () => {
    for (const w of ['county-lead', '包县', '包縣', '包县领导']) expect(R.parseRole(w), w).to.equal('county-lead');
    for (const w of ['township-lead', '包乡', '包镇', '包街道', '包鄉']) expect(R.parseRole(w), w).to.equal('township-lead');
    for (const w of ['village', '挂村', '掛村', '挂联', '挂联村']) expect(R.parseRole(w), w).to.equal('village');
    for (const w of ['包村', 'lead']) expect(R.parseRole(w), w).to.equal(null);
  });

  it('reads dates as spreadsheets write them, and refuses dates that do not exist', () => {
    expect(R.parseDate('2024-03-05')).to.equal('2024-03-05');
    expect(R.parseDate('2024/3/5')).to.equal('2024-03-05');
    expect(R.parseDate('2024.3.5')).to.equal('2024-03-05');
    expect(R.parseDate('2024年3月5日')).to.equal('2024-03-05');
    expect(R.parseDate('20240305')).to.equal('2024-03-05');
    expect(R.parseDate('2024-03-05 00:00:00')).to.equal('2024-03-05');
    expect(R.parseDate(new Date(Date.UTC(2024, 2, 5)))).to.equal('2024-03-05');
    expect(R.parseDate(45356)).to.equal('2024-03-05'); // Excel's day number
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', '3/5/2024', 'soon', '']) expect(R.parseDate(bad), bad).to.equal(null);
    expect(R.parseDate('2024-02-29')).to.equal('2024-02-29');
  });

  it('reads activity lists with any of the usual separators, in ids or Chinese', () => {
    expect(R.parseActivities('law-class;public-opinion')).to.deep.equal({ ok: true, value: ['law-class', 'public-opinion'] });
    expect(R.parseActivities('普法送法、法治课，风险评估；其他|重点人员管控')).to.deep.equal({ ok: true, value: ['legal-education', 'law-class', 'risk-assessment', 'other', 'key-person-management'] });
    expect(R.parseActivities('化解矛盾糾紛 / 上法治课')).to.deep.equal({ ok: true, value: ['dispute-resolution', 'law-class'] });
    expect(R.parseActivities('')).to.deep.equal({ ok: true, value: [] });
    expect(R.parseActivities('普法送法、走访')).to.deep.equal({ ok: false, code: 'input.activity', details: { item: '走访' } });
  });

  it('matches headers whatever their width, case and spacing, and keeps line numbers', async () => {
    const text = '编号, 干部编号 ,村代码,日期,时长（分钟）,入户数,工作内容\na,C1,530621100201,2024/1/2,90,3,普法送法\n,C1,530621100201,2024/1/3,90,3,\n\nc,C1,53062110020,2024/1/4,90,3,\n';
    const read = await S.readVisits(text, { source: 'v.csv', mode: 'lenient' });
    expect(read.records.map((v) => v.id)).to.deep.equal(['a', 'v.csv#3']);
    expect(read.lines).to.deep.equal([2, 3]);
    expect(read.issues).to.deep.equal([{ line: 5, field: 'villageCode', column: '村代码', reason: 'code.format', value: '53062110020', source: 'v.csv' }]);
  });

  it('skips title rows above the header, in CSV and .xlsx, keeping the file’s line numbers', async () => {
    const csv = iconv.encode('2024年挂联干部名单,,,\r\n,,,\r\n工号,姓名,单位,职级\r\nC1,张三,法院,处级\r\nC2,李四,公安,科长\r\n', 'gb18030');
    const fromCsv = await S.readCadres(new Uint8Array(csv), { source: 'c.csv', mode: 'lenient', encoding: 'gb18030' });
    expect(fromCsv.records.map((c) => [c.id, c.rank])).to.deep.equal([['C1', 'divisional']]);
    expect(fromCsv.lines).to.deep.equal([4]);
    expect(fromCsv.issues.map((i) => [i.line, i.column, i.reason])).to.deep.equal([[5, '职级', 'input.rank']]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['2024年挂联干部名单']);
    ws.addRow([]);
    ws.addRow(['编号', '姓名', '单位', '职级', '住址代码']);
    ws.addRow([1001, '张三', '法院', '厅级', 530621]);
    const fromXlsx = await S.readCadres(new Uint8Array(await wb.xlsx.writeBuffer()), { source: 'c.xlsx' });
    expect(fromXlsx.records).to.deep.equal([{ id: '1001', name: '张三', unit: '法院', rank: 'prefectural', homeCode: '530621' }]);
    expect(fromXlsx.lines).to.deep.equal([4]);
  });

  it('infers the scope as the nearest division holding every pairing', () => {
    expect(D.commonAncestor(['530621100201', '530621', '530627104201'])).to.equal('5306');
    expect(D.commonAncestor(['530621100201', '530621100202'])).to.equal('530621100');
    expect(D.commonAncestor(['530621100201'])).to.equal('530621100201');
    expect(D.commonAncestor(['530621100201', '520381'])).to.equal(null);
    expect(D.commonAncestor([])).to.equal(null);
  });
});
