import { expect } from 'chai';
import {
  ancestorCodes,
  compareCodes,
  countyKind,
  gridCode,
  isDivisionCode,
  isWithin,
  levelOfCode,
  normalizeCode,
  normalizeCodeAt,
  parentCode,
  toStatisticalCode,
  townshipKind,
  villageKind,
} from '../src/hierarchy/codes.js';
import { Hierarchy } from '../src/hierarchy/hierarchy.js';
import { checkPairing, mergeReports, PairingError, Roster, watchPairing } from '../src/pairing/index.js';
import { generateRoster } from '../src/demo/index.js';
import { edition } from '../../../tests/fixtures/data.js';

/** Each short code of the real data beside its 12-digit padded form. */
const PADDED: Array<[string, string]> = [
  ['53', '530000000000'],
  ['5306', '530600000000'],
  ['530627', '530627000000'],
  ['530602001', '530602001000'],
];

describe('padded 12-digit codes are accepted wherever a code is', function () {
  this.timeout(120_000);

  it('by every code function (the same answer as for the short form)', () => {
    for (const [short, padded] of PADDED) {
      expect(normalizeCode(padded)).to.equal(short);
      expect(isDivisionCode(padded)).to.equal(true);
      expect(levelOfCode(padded)).to.equal(levelOfCode(short));
      expect(parentCode(padded)).to.equal(parentCode(short));
      expect(ancestorCodes(padded)).to.deep.equal(ancestorCodes(short));
      expect(toStatisticalCode(padded)).to.equal(padded);
      expect(compareCodes(padded, short), padded).to.equal(0);
      expect(isWithin(padded, short) && isWithin(short, padded)).to.equal(true);
      expect(normalizeCodeAt(padded, levelOfCode(short) as 'province')).to.equal(short);
    }
    expect(['530627000000', '53', '530602001000', '530600000000'].sort(compareCodes)).to.deep.equal(['53', '530600000000', '530602001000', '530627000000']);
    expect(isWithin('530627100201', '530627000000')).to.equal(true);
    expect(countyKind('530627000000')).to.equal('county');
    expect(townshipKind('530602001000')).to.equal('subdistrict');
    expect(villageKind('530627100201')).to.equal('villagers-committee');
    expect(gridCode('530602001001', 3)).to.equal('530602001001-003');
  });

  it('by every hierarchy method that takes a code (today some answered false or empty)', async () => {
    const h = await edition('2023');
    for (const [short, padded] of PADDED) {
      expect(h.has(padded), padded).to.equal(true);
      expect(h.get(padded)).to.deep.equal(h.get(short));
      expect(h.require(padded)).to.deep.equal(h.require(short));
      expect(h.parentOf(padded)).to.deep.equal(h.parentOf(short));
      expect(h.ancestorsOf(padded)).to.deep.equal(h.ancestorsOf(short));
      expect(h.pathOf(padded)).to.deep.equal(h.pathOf(short));
      expect(h.childrenOf(padded)).to.deep.equal(h.childrenOf(short));
      expect(h.descendantsOf(padded, 'township')).to.deep.equal(h.descendantsOf(short, 'township'));
      expect(h.countsByLevel(padded)).to.deep.equal(h.countsByLevel(short));
      expect(h.search('村', { scope: padded, limit: 5 })).to.deep.equal(h.search('村', { scope: short, limit: 5 }));
      expect(h.subtree(padded).size).to.equal(h.subtree(short).size);
    }
    expect(h.has(' 5306 ')).to.equal(true);
    // 金门县's placeholder village is held as a 12-digit code of its own: found as itself.
    // indexOf is the exact row lookup of loaders: a padded code is not a row.
    expect(h.indexOf('530600000000')).to.equal(-1);
    const kinmen = h.indexOf('350527000000');
    if (kinmen >= 0) expect(h.levelAt(kinmen)).to.equal(4);
    // Under its placeholder township the code is that village's or nothing, never the county.
    if (h.has('350527000')) expect(Hierarchy.fromDivisions([...h.subtree('350527')].filter((d) => d.code !== '350527000000')).has('350527000000')).to.equal(false);
    expect(h.has('530699000000')).to.equal(false);
    expect(h.has('53x')).to.equal(false);
  });

  it('by the pairing check, its monitor, merges and the roster', async () => {
    const h = (await edition('2023')).subtree('5306');
    const demo = generateRoster(h, { scope: '5306', year: 2024, seed: 3, faults: true });
    const roster = Roster.from(h, demo);
    const short = checkPairing(roster, { year: 2024, scope: '530627' });
    const padded = checkPairing(roster, { year: 2024, scope: '530627000000' });
    expect(padded).to.deep.equal(short);
    const monitor = watchPairing(roster, { year: 2024, scope: '530600000000' });
    expect(monitor.totals('530627000000')).to.deep.equal(monitor.totals('530627'));
    monitor.stop();
    // Overlap is seen through the padding.
    const whole = checkPairing(roster, { year: 2024, scope: '5306' });
    expect(() => mergeReports([short, { ...whole, scopes: ['530600000000'] }])).to.throw(PairingError).with.property('code', 'report.merge-overlap');
    // Padded codes in records resolve to the same divisions, and violations name them short.
    const village = demo.pairings.find((p) => p.role === 'village')!.code;
    const lead = Roster.from(h, { cadres: demo.cadres.slice(0, 1), pairings: [{ cadreId: demo.cadres[0]!.id, role: 'village', code: '530627000000' }] });
    const wrong = checkPairing(lead, { year: 2024, scope: '530627' }).violations.find((v) => v.code === 'pairing.wrong-level')!;
    expect(wrong.divisions).to.deep.equal(['530627']);
    expect(Roster.from(h, { cadres: demo.cadres.slice(0, 1), pairings: [{ cadreId: demo.cadres[0]!.id, role: 'village', code: village }] }).pairingColumns().target[0]).to.equal(h.indexOf(village));
  });
});
