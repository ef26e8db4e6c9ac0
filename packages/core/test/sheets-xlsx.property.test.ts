/**
 * Property tests of the spreadsheet readers (`@gualian/core/sheets`), seeded, 10,000 cases for
 * each of cadres, pairings and visits: .xlsx workbooks (many rows per workbook), hostile rows among good ones.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { sheet, toXlsx } from './sheets-gen.js';
import { accountFor, KINDS, read } from './sheets-check.js';

// Node only, as the command line that reads workbooks (the browser runner skips this suite).
const inNode = typeof window === 'undefined';

(inNode ? describe : describe.skip)('spreadsheet readers, .xlsx workbooks (many rows per workbook): properties', function () {
  this.timeout(300_000);
  for (const kind of KINDS) {
    it(`${kind} from .xlsx: exact row accounting and round trips (10,000 rows in 100 workbooks)`, async () => {
      let rows = 0;
      await fc.assert(
        fc.asyncProperty(sheet(kind, 'xlsx', 150, 100), async (s) => {
          const { bytes, lines } = await toXlsx(s);
          const result = await read(kind, bytes, { mode: 'lenient', source: 's.xlsx' });
          accountFor(s, lines, result);
          rows += s.rows.length;
        }),
        { seed: 11_004, numRuns: 100 },
      );
      expect(rows).to.be.at.least(10_000);
    });
  }
});
