import { expect } from 'chai';
import fc from 'fast-check';
import { dayNumber, isoDate, yearRange } from '../src/time/days.js';
import { dateSchema, timestampMs, timestampSchema } from '../src/time/schema.js';

describe('civil dates: one rule for the whole core', () => {
  it('reads back every day of years 0000–9999 exactly (isoDate ∘ dayNumber is the identity)', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('0000-01-01'), max: dayNumber('9999-12-31') }), (day) => {
        expect(dayNumber(isoDate(day))).to.equal(day);
      }),
      { seed: 20261207, numRuns: 10_000 },
    );
  });

  it('agrees with Date for years 1000–9999, and refuses every impossible day of a month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        expect(Number.isNaN(dayNumber(iso))).to.equal(!real);
        expect(dateSchema.safeParse(iso).success).to.equal(real);
        if (real) expect(dayNumber(iso)).to.equal(Date.UTC(y, m - 1, d) / 86_400_000);
      }),
      { seed: 7, numRuns: 10_000 },
    );
  });

  it('knows the leap years of the first century (year 0 is a leap year, 100 is not)', () => {
    expect(dayNumber('0000-02-29')).to.be.a('number').and.not.be.NaN;
    expect(dayNumber('0004-02-29')).to.not.be.NaN;
    expect(dayNumber('0100-02-29')).to.be.NaN;
    expect(dayNumber('2000-02-29')).to.not.be.NaN;
    expect(dayNumber('2024-02-30')).to.be.NaN;
    expect(yearRange(2024)).to.deep.equal([dayNumber('2024-01-01'), dayNumber('2024-12-31')]);
  });

  it('refuses trailing text, missing parts and impossible times; a real timestamp is its instant', () => {
    for (const bad of ['2024-03-01abc', '2024-03-01 ', ' 2024-03-01', '2024-3-1', '2024/03/01', '20240301', '']) {
      expect(dateSchema.safeParse(bad).success, bad).to.equal(false);
    }
    for (const bad of ['2024-02-30T09:00:00+08:00', '2024-03-01T24:00:00+08:00', '2024-03-01T09:60:00+08:00', '2024-03-01T09:00:00', '2024-03-01 09:00:00+08:00', '2024-03-01T09:00:00+15:00', '2024-03-01T09:00:00+08:00x']) {
      expect(timestampSchema.safeParse(bad).success, bad).to.equal(false);
      expect(timestampMs(bad), bad).to.be.NaN;
    }
    expect(timestampMs('2024-03-01T09:30:00+08:00')).to.equal(Date.parse('2024-03-01T09:30:00+08:00'));
    expect(timestampMs('2024-03-01T01:30:00.250Z')).to.equal(Date.parse('2024-03-01T01:30:00.250Z'));
  });
});
