import { expect } from 'chai';
import { CASE_LEVELS, mergeSummaries, replayRecord, resolutionLevel, resolutionLevelsOverTime, resolutionPeriod, summariseCases, type CaseState, type CaseSummary } from '../src/disputes/index.js';
import { generateCases } from '../src/demo/index.js';
import { dayNumber } from '../src/time/days.js';
import type { Hierarchy } from '../src/index.js';
import { edition } from '../../../tests/fixtures/data.js';

/** A summary's figures: everything but the list of the parts it covers. */
const figures = ({ scopes: _scopes, ...rest }: CaseSummary) => rest;

describe('disputes: where cases were resolved, over time (小事不出村、大事不出镇), on a generated year of Zhaotong', function () {
  this.timeout(180_000);
  let h: Hierarchy;
  let states: CaseState[];
  const asOf = '2025-01-31';
  before(async () => {
    h = (await edition('2023')).subtree('5306');
    const demo = generateCases(h, { scope: '5306', year: 2024, seed: 7 });
    const replay = replayRecord(demo.events, { hierarchy: h });
    expect(replay.refused).to.deep.equal([]);
    states = [...replay.states.values()];
  });

  it('names the month or quarter of a day', () => {
    expect(resolutionPeriod(dayNumber('2024-01-01'), 'month')).to.equal('2024-01');
    expect(resolutionPeriod(dayNumber('2024-03-31'), 'quarter')).to.equal('2024-Q1');
    expect(resolutionPeriod(dayNumber('2024-04-01'), 'quarter')).to.equal('2024-Q2');
    expect(resolutionPeriod(dayNumber('2024-12-31'), 'quarter')).to.equal('2024-Q4');
  });

  it('buckets every resolved case once, by the month of its resolution, and the buckets merge into the summary of them all', () => {
    const r = resolutionLevelsOverTime(states, { asOf });
    const resolved = states.filter((c) => resolutionLevel(c) !== null);
    expect(resolved.length).to.be.greaterThan(5000);
    expect(r.periods.map((p) => p.period)).to.deep.equal([...new Set(resolved.map((c) => resolutionPeriod(c.resolution!.day, 'month')))].sort());
    expect(r.periods.reduce((t, p) => t + p.summary.resolved, 0)).to.equal(resolved.length);
    for (const p of r.periods) {
      const mine = resolved.filter((c) => resolutionPeriod(c.resolution!.day, 'month') === p.period);
      for (const l of CASE_LEVELS) expect(p.summary.resolvedByLevel[l], `${p.period} ${l}`).to.equal(mine.filter((c) => resolutionLevel(c) === l).length);
    }
    // The whole span is the summary of the resolved cases, exactly (mergeable summaries).
    expect(figures(r.whole!)).to.deep.equal(figures(summariseCases(resolved, { asOf })));
    // The parts merged are the months, slices of every place's cases.
    expect(r.whole!.scopes).to.deep.equal(r.periods.map((p) => `*@${p.period}`));
    expect(r.whole!.resolutionLevelShares).to.deep.equal(summariseCases(states, { asOf }).resolutionLevelShares);
    // 小事不出村、大事不出镇, read from the whole span's shares.
    const village = resolved.filter((c) => c.resolution!.level === 'village').length;
    const township = resolved.filter((c) => c.resolution!.level === 'township').length;
    expect(r.village).to.equal(village / resolved.length);
    expect(r.townshipOrBelow).to.be.closeTo((village + township) / resolved.length, 1e-12);
    expect(r.village!).to.be.within(0.5, 1);
    expect(r.townshipOrBelow!).to.be.greaterThan(r.village!);
  });

  it('by quarter: four buckets for 2024 (and what ran into 2025), each the merge of its months', () => {
    const months = resolutionLevelsOverTime(states, { asOf });
    const quarters = resolutionLevelsOverTime(states, { asOf, interval: 'quarter' });
    expect(quarters.periods.map((p) => p.period).slice(0, 4)).to.deep.equal(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    const q2 = months.periods.filter((p) => ['2024-04', '2024-05', '2024-06'].includes(p.period)).map((p) => p.summary);
    expect(figures(quarters.periods[1]!.summary)).to.deep.equal(figures(mergeSummaries(q2[0]!, ...q2.slice(1))));
    expect(figures(quarters.whole!)).to.deep.equal(figures(months.whole!));
    expect(quarters.village).to.equal(months.village);
  });

  it('keeps a scope, a category and a severity, and defaults the day to the latest event', () => {
    const county = '530627';
    const r = resolutionLevelsOverTime(states, { scope: county, category: 'neighbours', severity: 'general' });
    const mine = states.filter((c) => c.resolution && c.facts.place.startsWith(county) && c.facts.category === 'neighbours' && c.facts.severity === 'general');
    expect(mine.length).to.be.greaterThan(100);
    expect(r.whole!.resolved).to.equal(mine.length);
    expect(r.whole!.byCategory).to.deep.equal({ neighbours: mine.length });
    const latest = states.reduce((a, c) => (Date.parse(c.lastAt) > Date.parse(a) ? c.lastAt : a), states[0]!.lastAt);
    expect(r.whole!.asOf).to.equal(summariseCases([], { asOf: latest }).asOf);
  });

  it('has nothing to show without resolved cases', () => {
    expect(resolutionLevelsOverTime([])).to.deep.equal({ interval: 'month', periods: [], whole: null, village: null, townshipOrBelow: null });
    const open = states.filter((c) => !c.resolution);
    expect(resolutionLevelsOverTime(open, { interval: 'quarter' })).to.include({ whole: null, village: null, townshipOrBelow: null, interval: 'quarter' });
  });
});
