import { expect } from '@open-wc/testing';
import { dayNumber, isoDate } from '@gualian/core';
import { columnOf, dayAt, moveDay, rowOf, shadeOf, yearGrid } from './calendar.js';

const d = dayNumber;

describe('visit-log calendar grid', () => {
  it('lays 2024 out from Monday 1 January over 53 weeks, months as column spans', () => {
    const grid = yearGrid(2024);
    expect(grid.lead).to.equal(0);
    expect(grid.weeks).to.equal(53);
    expect(grid.months.map((m) => m.start)).to.deep.equal([0, 4, 8, 13, 17, 21, 26, 30, 34, 39, 43, 47]);
    expect(grid.months.reduce((a, m) => a + m.span, 0)).to.equal(53);
    // 1 September 2024 was a Sunday: the last day of column 34.
    expect(columnOf(grid, d('2024-09-01'))).to.equal(34);
    expect(isoDate(dayAt(grid, 6, 51)!)).to.equal('2024-12-29');
    expect(isoDate(dayAt(grid, 1, 52)!)).to.equal('2024-12-31');
    expect(dayAt(grid, 2, 52)).to.equal(null); // 1 January 2025
    expect(columnOf(grid, d('2024-12-31'))).to.equal(52);
  });

  it('needs 54 columns only when a leap year starts on a Sunday (2040), and leads with the days of the previous year left empty', () => {
    expect(yearGrid(2040).lead).to.equal(6);
    expect(yearGrid(2040).weeks).to.equal(54);
    expect(yearGrid(2023).lead).to.equal(6); // 1 January 2023 was a Sunday
    expect(yearGrid(2023).weeks).to.equal(53);
    expect(dayAt(yearGrid(2023), 0, 0)).to.equal(null);
    expect(isoDate(dayAt(yearGrid(2023), 6, 0)!)).to.equal('2023-01-01');
  });

  it('finds weekdays and shades', () => {
    expect(rowOf(d('2024-01-07'))).to.equal(6);
    expect(rowOf(d('1970-01-01'))).to.equal(3);
    expect([0, 1, 2, 3, 9].map(shadeOf)).to.deep.equal([0, 1, 2, 3, 3]);
  });

  it('moves by day, week, month and to the ends of the week and year, never leaving the year', () => {
    const grid = yearGrid(2024);
    const move = (from: string, key: Parameters<typeof moveDay>[2]) => isoDate(moveDay(grid, d(from), key));
    expect(move('2024-03-05', 'ArrowDown')).to.equal('2024-03-06');
    expect(move('2024-03-05', 'ArrowUp')).to.equal('2024-03-04');
    expect(move('2024-03-05', 'ArrowRight')).to.equal('2024-03-12');
    expect(move('2024-03-05', 'ArrowLeft')).to.equal('2024-02-27');
    expect(move('2024-03-06', 'Home')).to.equal('2024-03-04');
    expect(move('2024-03-06', 'End')).to.equal('2024-03-10');
    expect(move('2024-03-31', 'PageUp')).to.equal('2024-02-29');
    expect(move('2024-01-31', 'PageDown')).to.equal('2024-02-29');
    expect(move('2024-01-03', 'ArrowLeft')).to.equal('2024-01-01');
    expect(move('2024-12-30', 'ArrowRight')).to.equal('2024-12-31');
    expect(move('2024-12-15', 'PageDown')).to.equal('2024-12-31');
    expect(move('2024-06-01', 'YearStart')).to.equal('2024-01-01');
    expect(move('2024-06-01', 'YearEnd')).to.equal('2024-12-31');
  });
});
