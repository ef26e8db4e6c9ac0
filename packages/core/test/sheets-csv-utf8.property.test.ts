/**
 * Property tests of the spreadsheet readers (`@gualian/core/sheets`), seeded, 10,000 cases for
 * each of cadres, pairings and visits: CSV in UTF-8 (lenient and strict), hostile rows among good ones.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { readSheet, SheetRowsError } from '../src/io/sheets.js';
import { sheet, toCsv } from './sheets-gen.js';
import { accountFor, KINDS, read } from './sheets-check.js';

describe('spreadsheet readers, CSV in UTF-8 (lenient and strict): properties', function () {
  this.timeout(300_000);
  for (const kind of KINDS) {
    it(`${kind} from CSV in UTF-8: exact row accounting and round trips`, async () => {
      await fc.assert(
        fc.asyncProperty(sheet(kind, 'csv'), async (s) => {
          const { text, lines } = toCsv(s);
          accountFor(s, lines, await read(kind, new TextEncoder().encode(text), { mode: 'lenient', source: 's.csv' }));
        }),
        { seed: 11_001, numRuns: 10_000 },
      );
    });

    it(`${kind} from CSV in strict mode: refuses exactly what lenient mode reports`, async () => {
      await fc.assert(
        fc.asyncProperty(sheet(kind, 'csv'), async (s) => {
          const { text } = toCsv(s);
          const lenient = await read(kind, text, { mode: 'lenient', source: 's.csv' });
          try {
            const strict = await readSheet(kind, text, { source: 's.csv' });
            expect(lenient.issues).to.deep.equal([]);
            expect(strict.records).to.deep.equal(lenient.records);
          } catch (e) {
            expect(e).to.be.instanceOf(SheetRowsError);
            expect((e as SheetRowsError).issues).to.deep.equal(lenient.issues);
          }
        }),
        { seed: 11_005, numRuns: 1_000 },
      );
    });
  }
});
