import { expect } from 'chai';
import { carryOver, diffEditions } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

describe('editions', function () {
  this.timeout(180_000);

  it('tells what changed in Zhaotong between the 2020 and 2023 editions', async () => {
    const [e2020, e2023] = await Promise.all([edition('2020'), edition('2023')]);
    expect(e2020.countsByLevel('5306')).to.include({ township: 146, village: 1379 });
    const diff = diffEditions(e2020, e2023, { scope: '5306' });
    // Every unit of either edition is accounted for exactly once.
    const oldCount = e2020.countsByLevel('5306');
    const oldTotal = Object.values(oldCount).reduce((a, b) => a + b, 0);
    expect(diff.unchanged + diff.renamed.length + diff.moved.length + diff.removed.length).to.equal(oldTotal);
    const newTotal = Object.values(e2023.countsByLevel('5306')).reduce((a, b) => a + b, 0);
    expect(diff.unchanged + diff.renamed.length + diff.moved.length + diff.added.length).to.equal(newTotal);
    // The restructuring of 昭阳区: new subdistricts, and communities moved into them with their names.
    const newTownships = diff.added.filter((d) => d.level === 'township').map((d) => d.name);
    expect(newTownships).to.include('北闸街道');
    const moved = diff.moved.find((m) => m.name === '北闸社区居民委员会');
    expect(moved).to.include({ oldCode: '530602103001', newParent: '530602004' });
    const fate = carryOver(diff);
    expect(fate('530602103001')).to.deep.equal({ status: 'moved', code: moved!.newCode });
    expect(fate(e2023.descendantsOf('530627', 'village')[0]!.code).status).to.be.oneOf(['kept', 'renamed']);
  });

  it('tells a rename from a new unit between 2022 and 2023 nationally', async () => {
    const [e2022, e2023] = await Promise.all([edition('2022'), edition('2023')]);
    const diff = diffEditions(e2022, e2023);
    expect(diff.renamed.length).to.be.greaterThan(0);
    for (const r of diff.renamed.slice(0, 50)) {
      expect(e2022.require(r.code).name).to.equal(r.oldName);
      expect(e2023.require(r.code).name).to.equal(r.newName);
    }
    for (const a of diff.added.slice(0, 50)) expect(e2022.has(a.code)).to.equal(false);
    for (const m of diff.moved.slice(0, 50)) {
      expect(e2022.has(m.newCode)).to.equal(false);
      expect(e2023.has(m.oldCode)).to.equal(false);
    }
  });
});
