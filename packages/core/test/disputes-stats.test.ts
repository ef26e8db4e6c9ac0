import { expect } from 'chai';
import { CASE_LEVELS, CASE_STATUSES, DisputeError, mergeSummaries, replayRecord, resolutionLevel, summariseCases, type CaseState, type CaseSummary } from '../src/disputes/index.js';
import { generateCases } from '../src/demo/index.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

/** A summary's figures: everything but the list of the parts it covers. */
const figures = ({ scopes: _scopes, ...rest }: CaseSummary) => rest;

describe('disputes: statistics as mergeable summaries, on a generated year of Zhaotong cases', function () {
  this.timeout(180_000);
  let h: Hierarchy;
  let states: CaseState[];
  const asOf = '2024-12-31';
  before(async () => {
    h = (await edition('2023')).subtree('5306');
    const demo = generateCases(h, { scope: '5306', year: 2024, seed: 2024 });
    const replay = replayRecord(demo.events, { hierarchy: h });
    expect(replay.refused).to.deep.equal([]);
    expect(replay.states.size).to.equal(demo.cases);
    states = [...replay.states.values()];
  });

  it('counts a year of the prefecture: states, categories, severities, levels, rates, median, resolution levels, grids', () => {
    const s = summariseCases(states, { asOf });
    expect(s.cases).to.equal(1402 * 8);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    for (const part of [s.byStatus, s.byCategory, s.bySeverity, s.byLevel]) expect(sum(part)).to.equal(s.cases);
    expect(Object.keys(s.byStatus)).to.deep.equal([...CASE_STATUSES]);
    expect(sum(s.resolvedByLevel)).to.equal(s.resolved);
    expect(sum(s.daysToResolve)).to.equal(s.resolved);
    expect(sum(Object.fromEntries(Object.entries(s.byGrid).map(([k, g]) => [k, g.reported])))).to.equal(s.cases);
    // Brute force from the states.
    const resolved = states.filter((c) => c.resolution);
    expect(s.resolved).to.equal(resolved.length);
    expect(s.accepted).to.equal(states.filter((c) => c.steps.some((x) => x.status === 'accepted')).length);
    const days = resolved.map((c) => c.resolution!.day - c.steps[0]!.day).sort((a, b) => a - b);
    expect(s.medianDaysToResolve).to.equal((days[(days.length - 1) >> 1]! + days[days.length >> 1]!) / 2);
    for (const l of CASE_LEVELS) expect(s.resolvedByLevel[l]).to.equal(resolved.filter((c) => resolutionLevel(c) === l).length);
    expect(s.resolutionRate).to.equal(s.resolved / s.accepted);
    expect(s.onTimeRate).to.equal(s.concludedOnTime / s.concluded);
    // 小事不出村、大事不出镇: most resolved in the village, nearly all by the township.
    expect(s.resolutionLevelShares.village!).to.be.greaterThan(0.5);
    expect(s.resolutionLevelShares.village! + s.resolutionLevelShares.township!).to.be.greaterThan(0.9);
    expect(s.onTimeRate!).to.be.within(0.8, 0.99);
    expect(s.overdue).to.be.greaterThan(0);
    expect(s.byStatus.archived).to.be.greaterThan(s.cases * 0.8);
    // The seed's 8,100 reported / 7,715 closed kind of figure, per grid.
    const grid = Object.entries(s.byGrid).find(([k]) => k.split('-').length === 2)!;
    expect(grid[1].reported).to.be.greaterThan(0);
    expect(Object.keys(s.byGrid).every((k) => k.split('-').length <= 2)).to.equal(true);
  });

  it('merges the 11 counties’ summaries into exactly the prefecture’s (deep-equal), and townships into their county', () => {
    const whole = summariseCases(states, { asOf });
    const counties = h.childrenOf('5306').map((c) => c.code);
    expect(counties).to.have.length(11);
    const parts = counties.map((c) => summariseCases(states, { asOf, scope: c }));
    expect(parts.reduce((t, p) => t + p.cases, 0)).to.equal(whole.cases);
    expect(figures(mergeSummaries(parts[0]!, ...parts.slice(1)))).to.deep.equal(figures(whole));
    expect(mergeSummaries(parts[0]!, ...parts.slice(1)).scopes).to.deep.equal([...counties].sort());
    // Pairwise, in any order and grouping.
    const folded = parts.reduceRight((acc, p) => mergeSummaries(p, acc));
    expect(folded).to.deep.equal(mergeSummaries(parts));
    expect(mergeSummaries(mergeSummaries(parts[3]!, parts[7]!), mergeSummaries(parts[1]!, ...parts.filter((_, i) => i !== 1 && i !== 3 && i !== 7)))).to.deep.equal(mergeSummaries(parts));
    // 镇雄县 from its townships, through JSON as a county would send it.
    const county = '530627';
    const townships = h.childrenOf(county).map((t) => JSON.parse(JSON.stringify(summariseCases(states, { asOf, scope: t.code }))) as CaseSummary);
    expect(figures(mergeSummaries(townships[0]!, ...townships.slice(1)))).to.deep.equal(figures(summariseCases(states, { asOf, scope: county })));
    // A summary merged with an empty one is itself.
    expect(mergeSummaries(whole, summariseCases([], { asOf }))).to.deep.equal(whole);
    expect(summariseCases([], { asOf })).to.include({ cases: 0, resolutionRate: null, onTimeRate: null, medianDaysToResolve: null });
  });

  it('merges only summaries of the same day, and judges deadlines on that day', () => {
    const a = summariseCases(states, { asOf: '2024-12-31', scope: '530602' });
    const b = summariseCases(states, { asOf: '2024-12-30T18:00:00+08:00', scope: '530621' });
    expect(b.asOf).to.equal('2024-12-30');
    expect(() => mergeSummaries(a, b)).to.throw(DisputeError).with.property('code', 'dispute.summary-mismatch');
    // A later day sees more deadlines run out for the cases still open.
    const later = summariseCases(states, { asOf: '2025-03-31', scope: '530602' });
    expect(later.overdue).to.be.greaterThan(a.overdue);
    expect({ ...later, overdue: 0, asOf: '' }).to.deep.equal({ ...a, overdue: 0, asOf: '' });
  });
});
