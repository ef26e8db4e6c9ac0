import { expect } from 'chai';
import {
  ancestorCodes,
  compareCodes,
  countyKind,
  DivisionCodeError,
  describeError,
  gridCode,
  householdUnitCode,
  isDivisionCode,
  isWithin,
  levelOfCode,
  normalizeCode,
  normalizeCodeAt,
  parentCode,
  toStatisticalCode,
  townshipKind,
  villageKind,
} from '../src/index.js';

describe('division codes', () => {
  it('accepts the short forms and the 12-digit padded form, and infers the level', () => {
    expect(levelOfCode('53')).to.equal('province');
    expect(levelOfCode('5306')).to.equal('prefecture');
    expect(levelOfCode('530627')).to.equal('county');
    expect(levelOfCode('530627100')).to.equal('township');
    expect(levelOfCode('530627100201')).to.equal('village');
    expect(normalizeCode('530600000000')).to.equal('5306');
    expect(normalizeCode('530627100000')).to.equal('530627100');
    expect(normalizeCode(' 530627 ')).to.equal('530627');
    expect(toStatisticalCode('5306')).to.equal('530600000000');
  });

  it('rejects malformed codes with a typed error and a reason in three languages', () => {
    for (const bad of ['', '5', '530', '53062', '5306271', '53x6', '5306271002011']) expect(isDivisionCode(bad), bad).to.equal(false);
    expect(isDivisionCode('99')).to.equal(false);
    expect(isDivisionCode('5300')).to.equal(false);
    expect(isDivisionCode('530627700')).to.equal(false);
    try {
      normalizeCode('53x6');
      expect.fail('should throw');
    } catch (e) {
      expect(e).to.be.instanceOf(DivisionCodeError);
      const err = e as DivisionCodeError;
      expect(err.code).to.equal('code.format');
      expect(describeError(err, 'zh-Hans')).to.contain('53x6');
      expect(describeError(err, 'zh-Hant')).to.contain('區劃代碼');
      expect(describeError(err, 'en')).to.contain('not a division code');
    }
  });

  it('keeps a code at the level a file says, for 金门县 placeholder rows', () => {
    expect(normalizeCodeAt('350527000000', 'village')).to.equal('350527000000');
    expect(normalizeCodeAt('530600000000', 'prefecture')).to.equal('5306');
    expect(() => normalizeCodeAt('530627', 'village')).to.throw(DivisionCodeError).with.property('code', 'code.level');
  });

  it('derives parents and ancestors from the digits', () => {
    expect(parentCode('53')).to.equal(null);
    expect(parentCode('530627100201')).to.equal('530627100');
    expect(ancestorCodes('530627100201')).to.deep.equal(['53', '5306', '530627', '530627100']);
    expect(parentCode('530627100201-003-07')).to.equal('530627100201-003');
  });

  it('numbers grids and household units under their village without colliding with official codes', () => {
    const grid = gridCode('530627100201', 3);
    expect(grid).to.equal('530627100201-003');
    expect(levelOfCode(grid)).to.equal('grid');
    const unit = householdUnitCode(grid, 7);
    expect(unit).to.equal('530627100201-003-07');
    expect(levelOfCode(unit)).to.equal('household');
    expect(ancestorCodes(unit)).to.deep.equal(['53', '5306', '530627', '530627100', '530627100201', grid]);
    // A grid code is never a valid official code, padded or not.
    expect(/^\d+$/.test(grid)).to.equal(false);
    expect(() => gridCode('530627100', 1)).to.throw(DivisionCodeError);
    expect(() => gridCode('530627100201', 0)).to.throw(DivisionCodeError);
  });

  it('sorts parents before children and siblings by number', () => {
    const codes = ['530627100201-010', '530627', '53', '530627100201-002', '530602', '530627100201', '5306'];
    expect([...codes].sort(compareCodes)).to.deep.equal(['53', '5306', '530602', '530627', '530627100201', '530627100201-002', '530627100201-010']);
    expect(isWithin('530627100201-002', '530627')).to.equal(true);
    expect(isWithin('530602', '530627')).to.equal(false);
    expect(isWithin('530627100201-010', '530627100201-01')).to.equal(false);
  });

  it('reads the kind of unit from the digits and names', () => {
    expect(countyKind('530602')).to.equal('district');
    expect(countyKind('530627')).to.equal('county');
    expect(countyKind('520381')).to.equal('county-city');
    expect(townshipKind('530602001')).to.equal('subdistrict');
    expect(townshipKind('530627100')).to.equal('town');
    expect(townshipKind('530627200')).to.equal('township');
    expect(villageKind('530602001001', '凤凰社区居委会')).to.equal('residents-committee');
    expect(villageKind('530627100201', '某某村委会')).to.equal('villagers-committee');
    expect(villageKind('530627100201')).to.equal('villagers-committee');
    expect(villageKind('530627100450')).to.equal('like-unit');
  });
});
