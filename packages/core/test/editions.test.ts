import { expect } from 'chai';
import { carryOver, describeError, diffEditions, Hierarchy, type Division, type EditionDiff } from '../src/index.js';
import { EditionError } from '../src/hierarchy/editions.js';
import { edition } from '../../../tests/fixtures/data.js';

/** Every unit of either edition is accounted for exactly once, by code. */
function expectExactAccounting(diff: EditionDiff, older: Hierarchy, newer: Hierarchy, scope?: string): void {
  const rows = (h: Hierarchy) => (scope === undefined ? [...h] : [h.require(scope), ...h.descendantsOf(scope)]);
  const oldCodes = rows(older).map((d) => d.code);
  const newCodes = rows(newer).map((d) => d.code);
  const oldSide = [...diff.renamed.map((r) => r.code), ...diff.moved.map((m) => m.oldCode), ...diff.successors.map((s) => s.oldCode), ...diff.removed.map((r) => r.code)];
  const newSide = [...diff.renamed.map((r) => r.code), ...diff.moved.map((m) => m.newCode), ...diff.successors.map((s) => s.newCode), ...diff.added.map((a) => a.code)];
  expect(new Set(oldSide).size).to.equal(oldSide.length);
  expect(new Set(newSide).size).to.equal(newSide.length);
  expect(diff.unchanged + oldSide.length).to.equal(oldCodes.length);
  expect(diff.unchanged + newSide.length).to.equal(newCodes.length);
  for (const c of oldSide) expect(older.has(c), c).to.equal(true);
  for (const c of newSide) expect(newer.has(c), c).to.equal(true);
}

/**
 * The rule of issue 11: a unit moves (or is succeeded) only with its parent — under the new code
 * of its old parent — or, for villages and townships, within its county (the county's code in
 * the new edition); a township whose county was abolished may go within its prefecture.
 */
function expectPlausiblePlaces(diff: EditionDiff, older: Hierarchy, newer: Hierarchy): { withParent: number; withinCounty: number; other: number } {
  const fate = new Map<string, string>();
  for (const m of diff.moved) fate.set(m.oldCode, m.newCode);
  for (const s of diff.successors) fate.set(s.oldCode, s.newCode);
  const now = (code: string) => (newer.has(code) ? code : fate.get(code));
  const tally = { withParent: 0, withinCounty: 0, other: 0 };
  for (const x of [...diff.moved, ...diff.successors]) {
    if (x.oldParent !== null && now(x.oldParent) === x.newParent) tally.withParent++;
    else if ((x.level === 'village' || x.level === 'township') && now(x.oldCode.slice(0, 6)) === x.newCode.slice(0, 6)) tally.withinCounty++;
    else {
      tally.other++;
      if (x.level === 'village') expect.fail(`village ${x.oldCode} → ${x.newCode} is neither with its township nor within its county`);
      if (x.level === 'township') {
        expect(now(x.oldCode.slice(0, 6)), x.oldCode).to.equal(undefined);
        expect(older.has(x.oldCode.slice(0, 6))).to.equal(true);
        expect(x.newCode.slice(0, 4)).to.equal(x.oldCode.slice(0, 4));
      } else expect(x.newCode.slice(0, 2)).to.equal(x.oldCode.slice(0, 2));
    }
  }
  return tally;
}

describe('editions', function () {
  this.timeout(300_000);

  it('tells what changed in Zhaotong between the 2020 and 2023 editions', async () => {
    const [e2020, e2023] = await Promise.all([edition('2020'), edition('2023')]);
    expect(e2020.countsByLevel('5306')).to.include({ township: 146, village: 1379 });
    const diff = diffEditions(e2020, e2023, { scope: '5306' });
    expectExactAccounting(diff, e2020, e2023, '5306');
    expectPlausiblePlaces(diff, e2020, e2023);
    // Measured 2026-12-07: 119 moves, 16 successors (5 towns became subdistricts, 11 villagers'
    // committees became communities), 10 removed, 37 added.
    expect({ moved: diff.moved.length, successors: diff.successors.length, removed: diff.removed.length, added: diff.added.length }).to.deep.equal({ moved: 119, successors: 16, removed: 10, added: 37 });
    // The restructuring of 昭阳区: 北闸镇 became 北闸街道 under a new code, its communities went with it.
    expect(diff.successors).to.deep.include({ oldCode: '530602103', newCode: '530602004', level: 'township', oldName: '北闸镇', newName: '北闸街道', oldParent: '530602', newParent: '530602', change: 'reclassified' });
    const newTownships = diff.added.filter((d) => d.level === 'township').map((d) => d.name);
    expect(newTownships).to.not.include('北闸街道');
    const moved = diff.moved.find((m) => m.name === '北闸社区居民委员会');
    expect(moved).to.include({ oldCode: '530602103001', newParent: '530602004' });
    // A villagers' committee that became a community under a new code is its successor.
    expect(diff.successors).to.deep.include({ oldCode: '530628102201', newCode: '530628102001', level: 'village', oldName: '毛坪村民委员会', newName: '毛坪社区居民委员会', oldParent: '530628102', newParent: '530628102', change: 'reclassified' });
    const fate = carryOver(diff);
    expect(fate('530602103001')).to.deep.equal({ status: 'moved', code: moved!.newCode });
    expect(fate('530602103')).to.deep.equal({ status: 'succeeded', code: '530602004' });
    expect(fate('530628102201')).to.deep.equal({ status: 'succeeded', code: '530628102001' });
    expect(fate(e2023.descendantsOf('530627', 'village')[0]!.code).status).to.be.oneOf(['kept', 'renamed']);
    expect(fate('530622101002')).to.deep.equal({ status: 'removed', code: null });
    expect(fate('530602004')).to.deep.equal({ status: 'new', code: '530602004' });
    // Padded 12-digit codes are the same codes.
    expect(fate('530602103000')).to.deep.equal({ status: 'succeeded', code: '530602004' });
  });

  it('carryOver refuses codes in neither edition, outside the scope, and diffs it cannot check', async () => {
    const [e2020, e2023] = await Promise.all([edition('2020'), edition('2023')]);
    const diff = diffEditions(e2020, e2023, { scope: '5306' });
    const fate = carryOver(diff);
    for (const code of ['530699', '530602999201', 'abc', '']) {
      expect(() => fate(code), code).to.throw(EditionError).with.property('code', 'edition.unknown-code');
    }
    expect(() => fate('530102')).to.throw(EditionError).with.property('code', 'edition.out-of-scope');
    // A scope in neither edition compares nothing: refused, not an empty diff.
    expect(() => diffEditions(e2020, e2023, { scope: '5399' })).to.throw(EditionError).with.property('code', 'edition.unknown-code');
    expect(diffEditions(e2020, e2023, { scope: '530600000000' }).moved.length).to.equal(diff.moved.length);
    try {
      fate('530699');
    } catch (e) {
      expect(describeError(e, 'zh-Hans')).to.equal('代码“530699”在 2020 版和 2023 版区划中都没有');
      expect(describeError(e, 'zh-Hant')).to.equal('代碼「530699」在 2020 版和 2023 版區劃中都沒有');
      expect(describeError(e, 'en')).to.equal('code "530699" is in neither the 2020 nor the 2023 edition');
    }
    // A diff read back from storage: the editions must be given.
    const stored = JSON.parse(JSON.stringify(diff)) as EditionDiff;
    expect(() => carryOver(stored)).to.throw(EditionError).with.property('code', 'edition.no-editions');
    const again = carryOver(stored, { older: e2020, newer: e2023, scope: '5306' });
    expect(again('530602103')).to.deep.equal({ status: 'succeeded', code: '530602004' });
    expect(() => again('530699')).to.throw(EditionError);
  });

  it('a same name in another prefecture is not a move (regression)', () => {
    const rows = (villages: Array<[string, string]>): Division[] => [
      { code: '53', name: '云南省', level: 'province', parentCode: null },
      { code: '5303', name: '曲靖市', level: 'prefecture', parentCode: '53' },
      { code: '530302', name: '麒麟区', level: 'county', parentCode: '5303' },
      { code: '530302001', name: '南宁街道', level: 'township', parentCode: '530302' },
      { code: '5306', name: '昭通市', level: 'prefecture', parentCode: '53' },
      { code: '530602', name: '昭阳区', level: 'county', parentCode: '5306' },
      { code: '530602001', name: '凤凰街道', level: 'township', parentCode: '530602' },
      { code: '530602002', name: '龙泉街道', level: 'township', parentCode: '530602' },
      ...villages.map(([code, name]): Division => ({ code, name, level: 'village', parentCode: code.slice(0, 9) })),
    ];
    const older = Hierarchy.fromDivisions(rows([['530602001201', '凤凰村委会']]), 'old');
    // Gone from 昭阳区; a namesake appears in 麒麟区 (another prefecture of the same province).
    const newer = Hierarchy.fromDivisions(rows([['530302001201', '凤凰村委会']]), 'new');
    const diff = diffEditions(older, newer);
    expect(diff.moved).to.deep.equal([]);
    expect(diff.removed.map((d) => d.code)).to.deep.equal(['530602001201']);
    expect(diff.added.map((d) => d.code)).to.deep.equal(['530302001201']);
    expect(carryOver(diff)('530602001201')).to.deep.equal({ status: 'removed', code: null });
    // Within its county (another township of 昭阳区) it is a move; as a community, a successor.
    const inCounty = Hierarchy.fromDivisions(rows([['530602002201', '凤凰村委会']]), 'new');
    expect(diffEditions(older, inCounty).moved.map((m) => m.newCode)).to.deep.equal(['530602002201']);
    const community = Hierarchy.fromDivisions(rows([['530602001001', '凤凰社区居委会']]), 'new');
    const succeeded = diffEditions(older, community);
    expect(succeeded.successors).to.deep.equal([{ oldCode: '530602001201', newCode: '530602001001', level: 'village', oldName: '凤凰村委会', newName: '凤凰社区居委会', oldParent: '530602001', newParent: '530602001', change: 'reclassified' }]);
    expect(carryOver(succeeded)('530602001201')).to.deep.equal({ status: 'succeeded', code: '530602001001' });
  });

  it('follows Yunnan from 2020 to 2023: moves with the parent or within the county, successors, every unit counted once', async () => {
    const [e2020, e2023] = await Promise.all([edition('2020'), edition('2023')]);
    const diff = diffEditions(e2020, e2023, { scope: '53' });
    expectExactAccounting(diff, e2020, e2023, '53');
    const places = expectPlausiblePlaces(diff, e2020, e2023);
    // Measured 2026-12-07 (counts of this algorithm on the real editions).
    expect({ moved: diff.moved.length, successors: diff.successors.length, removed: diff.removed.length, added: diff.added.length }).to.deep.equal({ moved: 510, successors: 231, removed: 85, added: 341 });
    expect(places.other).to.equal(0);
    // 禄丰县 became 禄丰市 under a new code; its towns and villages went with it.
    expect(diff.successors).to.deep.include({ oldCode: '532331', newCode: '532302', level: 'county', oldName: '禄丰县', newName: '禄丰市', oldParent: '5323', newParent: '5323', change: 'reclassified' });
    const fate = carryOver(diff);
    expect(fate('532331')).to.deep.equal({ status: 'succeeded', code: '532302' });
    expect(fate('532331101001')).to.deep.equal({ status: 'moved', code: '532302101001' });
  });

  it('follows the whole country from 2020 to 2023, every unit counted once and no move beyond its county or parent', async () => {
    const [e2020, e2023] = await Promise.all([edition('2020'), edition('2023')]);
    const diff = diffEditions(e2020, e2023);
    expectExactAccounting(diff, e2020, e2023);
    const places = expectPlausiblePlaces(diff, e2020, e2023);
    // Measured 2026-12-07.
    expect({ moved: diff.moved.length, successors: diff.successors.length, removed: diff.removed.length, added: diff.added.length, renamed: diff.renamed.length }).to.deep.equal({
      moved: 18374,
      successors: 5890,
      removed: 35693,
      added: 22007,
      renamed: 93107,
    });
    expect(places.withParent + places.withinCounty + places.other).to.equal(diff.moved.length + diff.successors.length);
    const reclassified = diff.successors.filter((s) => s.level === 'village' && s.change === 'reclassified');
    expect(reclassified.length).to.be.greaterThan(1000);
    for (const s of reclassified.slice(0, 200)) expect(e2020.require(s.oldCode).name).to.not.equal(e2023.require(s.newCode).name);
    const fate = carryOver(diff);
    // 南牛乡 became 南牛镇 (Hebei) under a new code.
    expect(fate('130123200')).to.deep.equal({ status: 'succeeded', code: '130123106' });
  });

  it('tells a rename from a new unit between 2022 and 2023 nationally', async () => {
    const [e2022, e2023] = await Promise.all([edition('2022'), edition('2023')]);
    const diff = diffEditions(e2022, e2023);
    expectExactAccounting(diff, e2022, e2023);
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
