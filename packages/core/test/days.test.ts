import { expect } from 'chai';
import { dayNumber, isoDate, quarterOf, yearRange } from '../src/time/days.ts';

describe('calendar days', () => {
  it('formats days as the Date object does: every day of 1900–2100, every 11th of years 1–9999', () => {
    const same = (d: number) => isoDate(d) === new Date(d * 86_400_000).toISOString().slice(0, 10);
    let mismatches = 0;
    for (let d = yearRange(1900)[0]; d <= yearRange(2100)[1]; d++) if (!same(d)) mismatches++;
    for (let d = yearRange(1)[0]; d <= yearRange(9999)[1]; d += 11) if (!same(d)) mismatches++;
    expect(mismatches).to.equal(0);
    expect(isoDate(dayNumber('2024-02-29'))).to.equal('2024-02-29');
  });

  it('refuses dates that do not exist and finds quarters', () => {
    expect(dayNumber('2023-02-29')).to.be.NaN;
    expect(dayNumber('2024-13-01')).to.be.NaN;
    expect(quarterOf(dayNumber('2024-03-31'))).to.equal(0);
    expect(quarterOf(dayNumber('2024-04-01'))).to.equal(1);
  });
});
