/**
 * Regression tests of the spreadsheet readers (`@gualian/core/sheets`), one for each bug class
 * of issue 11's "Nothing lost without a word".
 */
import { expect } from 'chai';
import { GualianError, describeError } from '../src/errors/index.js';
import { DEFAULT_XLSX_LIMITS, SHEET_COLUMNS, SheetRowsError, describeSheetIssue, parseDate, readCadres, readPairings, readVisits, type SheetKind } from '../src/io/sheets.js';

const VISITS = '编号,干部编号,村代码,日期,时长（分钟）,入户数,工作内容\n';
const caught = async (p: Promise<unknown>): Promise<GualianError> => {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(GualianError);
    return e as GualianError;
  }
  throw new Error('expected an error');
};

describe('spreadsheet readers (@gualian/core/sheets)', () => {
  it('reports an unclosed quote at its line and reads every line after it', async () => {
    const text = `${VISITS}V1,C1,530621100201,2024-03-01,90,3,"普法送法\nV2,C1,530621100201,2024-03-02,90,3,普法送法\nV3,C1,530621100201,2024-03-03,90,3,"法治课、\n风险评估"\n`;
    const r = await readVisits(text, { mode: 'lenient', source: 'v.csv' });
    expect(r.issues.map((i) => [i.line, i.reason])).to.deep.equal([[2, 'row.quote']]);
    expect(r.records.map((v) => v.id)).to.deep.equal(['V2', 'V3']);
    expect(r.lines).to.deep.equal([3, 4]);
    expect(r.rows).to.equal(3);
    expect(describeSheetIssue(r.issues[0]!, 'zh-Hans')).to.match(/^v\.csv: 第 2 行.*引号没有闭合/);
    const strict = await caught(readVisits(text, { source: 'v.csv' }));
    expect(strict).to.be.instanceOf(SheetRowsError);
    expect((strict as SheetRowsError).issues).to.deep.equal(r.issues);
  });

  it('reads JSON columns from every record, not the first one only', async () => {
    const r = await readVisits(
      [
        { id: 'V1', cadreId: 'C1', villageCode: '530621100201', date: '2024-03-01', minutes: 90, households: 3 },
        { id: 'V2', cadreId: 'C1', villageCode: '530621100201', date: '2024-03-02', minutes: 90, households: 3, activities: ['法治课'], notes: '第二条才有备注' },
      ],
      { mode: 'lenient' },
    );
    expect(r.records[1]).to.include({ notes: '第二条才有备注' });
    expect(r.records[1]!.activities).to.deep.equal(['law-class']);
    expect(r.header.columns).to.deep.equal(['id', 'cadreId', 'villageCode', 'date', 'minutes', 'households', 'activities', 'notes']);
  });

  it('makes a cell of the wrong kind a row issue, never a crash', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const base = { cadreId: 'C1', villageCode: '530621100201', date: '2024-03-01', minutes: 90, households: 3, activities: [] };
    const r = await readVisits([{ ...base, id: { a: 1 } }, { ...base, id: 'V2', notes: deep }, { ...base, id: 'V3', notes: 'x'.repeat(20_000) }, 'V4', null, { ...base, id: 'V6' }], { mode: 'lenient' });
    expect(r.issues.map((i) => [i.line, i.field, i.reason])).to.deep.equal([
      [1, 'id', 'row.cell'],
      [2, 'notes', 'row.cell'],
      [3, 'notes', 'row.too-long'],
      [4, '*', 'row.object'],
      [5, '*', 'row.object'],
    ]);
    expect(r.records.map((v) => v.id)).to.deep.equal(['V6']);
    for (const i of r.issues) expect(describeSheetIssue(i, 'en').length).to.be.below(300);
  });

  it('refuses text after a date and impossible dates, and reads Excel day numbers', () => {
    for (const bad of ['2024-03-01abc', '2024-03-01 上午', '2024-03-01 25:00', '2024-02-30', '2023-02-29', '2024/3-1', '2024-13-01', 60, '60', 0, -3, 2_958_466]) expect(parseDate(bad), String(bad)).to.equal(null);
    expect(parseDate('2024-03-01 09:30')).to.equal('2024-03-01');
    expect(parseDate('2024-03-01T09:30:15')).to.equal('2024-03-01');
    expect(parseDate('２０２４年３月１日')).to.equal('2024-03-01');
    expect(parseDate(45_352)).to.equal('2024-03-01');
    expect(parseDate('45352')).to.equal('2024-03-01');
    expect(parseDate(45_352.75)).to.equal('2024-03-01'); // a time of day in the fraction
    expect(parseDate(61)).to.equal('1900-03-01');
    expect(parseDate(59)).to.equal('1900-02-28'); // before Excel's phantom 1900-02-29
    expect(parseDate(1)).to.equal('1900-01-01');
  });

  it('accepts the headers staff write, notes the others, and lets the caller map columns', async () => {
    const cadres = await readCadres('干部姓名,人员编号,派出单位,身份/职务级别,联系电话\n张三,C1,县法院,处级,13800000000\n');
    expect(cadres.records).to.deep.equal([{ id: 'C1', name: '张三', unit: '县法院', rank: 'divisional' }]);
    expect(cadres.notes).to.deep.equal([{ code: 'file.column-unknown', column: '联系电话', position: 5 }]);
    const twice = await readCadres('工号,干部编号,姓名,单位,职级\nC1,X9,张三,县法院,处级\n');
    expect(twice.records[0]!.id).to.equal('C1');
    expect(twice.notes).to.deep.equal([{ code: 'file.column-duplicate', column: '干部编号', position: 2, field: 'id' }]);
    const pairings = await readPairings('干部编号,挂联方式,挂联村\nC1,挂村,530621100201\n');
    expect(pairings.records).to.deep.equal([{ cadreId: 'C1', role: 'village', code: '530621100201' }]);
    const visits = await readVisits('干部编号,村（社区）代码,走访时间,走访时长【分钟】,入户户数,开展工作\nC1,530621100201,2024/3/1,90,3,普法送法\n', { source: 'v.csv' });
    expect(visits.records[0]).to.deep.include({ villageCode: '530621100201', date: '2024-03-01', minutes: 90, households: 3 });
    const mapped = await readVisits('干部编号,村代码,日期,在村多久,户,工作内容\nC1,530621100201,2024-03-01,90,3,\n', { columns: { 在村多久: 'minutes', 户: 'households' } });
    expect(mapped.records[0]).to.include({ minutes: 90, households: 3 });
    const bad = await caught(readVisits(VISITS, { columns: { 时长: 'duration' } }));
    expect(bad.code).to.equal('file.column-map');
  });

  it('no two columns of a sheet share an accepted header', () => {
    for (const kind of Object.keys(SHEET_COLUMNS) as SheetKind[]) {
      const seen = new Map<string, string>();
      for (const c of SHEET_COLUMNS[kind]) {
        for (const a of c.aliases) {
          const n = a.normalize('NFKC').toLowerCase().replace(/[\s_\-*/、:：]/g, '');
          expect(seen.get(n) ?? c.field, `${kind}: ${a}`).to.equal(c.field);
          seen.set(n, c.field);
        }
      }
    }
  });

  it('names the column that is really missing, below a title row, and shows the header read', async () => {
    const e = await caught(readCadres('2024年挂联干部名单\n工号,姓名,单位\nC1,张三,县法院\n', { source: 'c.csv' }));
    expect(e.code).to.equal('file.header');
    expect(e.details).to.include({ value: 'rank', line: 2, header: '工号 | 姓名 | 单位' });
    expect(describeError(e, 'zh-Hans')).to.contain('读到的表头（第 2 行）：工号 | 姓名 | 单位');
  });

  it('detects GB18030 and Big5 and refuses what it cannot tell, with an encoding option', async () => {
    const gbk = new Uint8Array([...new TextEncoder().encode('id,name,unit,rank\nC1,'), 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xcf, 0xd8, 0xb7, 0xa8, 0xd4, 0xba, 0x2c, 0xb4, 0xa6, 0xbc, 0xb6, 0x0a]); // 张三,县法院,处级
    const read = await readCadres(gbk);
    expect(read.encoding).to.equal('gb18030');
    expect(read.records[0]).to.deep.equal({ id: 'C1', name: '张三', unit: '县法院', rank: 'divisional' });
    const two = new Uint8Array([...new TextEncoder().encode('id,name,unit,rank\nC1,'), 0xb8, 0xc9, 0x2c, 0x61, 0x2c, 0x73, 0x74, 0x61, 0x66, 0x66, 0x0a]);
    expect((await caught(readCadres(two))).code).to.equal('file.encoding-ambiguous');
    expect((await readCadres(two, { encoding: 'big5' })).records[0]!.name).to.equal('補');
    expect((await readCadres(two, { encoding: 'gb18030' })).records[0]!.name).to.equal('干');
    expect((await caught(readCadres(gbk, { encoding: 'utf-8' }))).code).to.equal('file.encoding-invalid');
  });

  // Node only: the test writes its workbooks with exceljs, whose package the browser runner cannot load.
  (typeof window === 'undefined' ? it : it.skip)('refuses workbooks over their limits with file.xlsx-limit, before exceljs reads them', async () => {
    const { loadExcelJS } = await import('../src/io/xlsx.js');
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['工号', '姓名', '单位', '职级']);
    for (let i = 0; i < 50; i++) ws.addRow([`C${i}`, '张三', '县法院', '处级']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await readCadres(bytes)).records).to.have.length(50);
    for (const [limits, limit] of [
      [{ maxBytes: 1000 }, 'maxBytes'],
      [{ maxExpandedBytes: 5000 }, 'maxExpandedBytes'],
      [{ maxRows: 20 }, 'maxRows'],
      [{ maxColumns: 3 }, 'maxColumns'],
    ] as const) {
      const e = await caught(readCadres(bytes, { limits, source: 'c.xlsx' }));
      expect(e.code, limit).to.equal('file.xlsx-limit');
      expect(e.details['limit']).to.equal(limit);
      expect(describeError(e, 'zh-Hans')).to.contain('c.xlsx：工作簿超出限制');
    }
    // An archive that lies about its sizes: every declared uncompressed size set to 1 byte.
    const lying = bytes.slice();
    const view = new DataView(lying.buffer);
    for (let i = 0; i + 46 < lying.length; i++) if (view.getUint32(i, true) === 0x02014b50 && view.getUint16(i + 10, true) === 8) view.setUint32(i + 24, 1, true);
    const e = await caught(readCadres(lying));
    expect(e.code).to.equal('file.xlsx-limit');
    expect(DEFAULT_XLSX_LIMITS.maxRows).to.equal(500_000);
    expect((await caught(readCadres(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).code).to.equal('file.xlsx');
  });
});
