/**
 * Property tests of the spreadsheet readers (`@gualian/core/sheets`), seeded, 10,000 cases for
 * each of cadres, pairings and visits: JSON, as text and as arrays given to the API, with cells of every kind, hostile rows among good ones.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { sheet, toJson } from './sheets-gen.js';
import { accountFor, KINDS, read } from './sheets-check.js';

describe('spreadsheet readers, JSON: properties', function () {
  this.timeout(300_000);
  for (const kind of KINDS) {
    it(`${kind} from JSON (text and arrays): exact row accounting and round trips, cells of every kind`, async () => {
      await fc.assert(
        fc.asyncProperty(sheet(kind, 'json'), fc.boolean(), async (s, asText) => {
          const { records, lines } = toJson(s);
          const result = await read(kind, asText ? new TextEncoder().encode(JSON.stringify(records)) : records, { mode: 'lenient', source: 's.json' });
          accountFor(s, lines, result);
        }),
        { seed: 11_003, numRuns: 10_000 },
      );
    });
  }
});
