/**
 * Property tests of the spreadsheet readers (`@gualian/core/sheets`), seeded, 10,000 cases for
 * each of cadres, pairings and visits: CSV in GB18030, hostile rows among good ones.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { sheet, toCsv } from './sheets-gen.js';
import { accountFor, KINDS, read } from './sheets-check.js';

// Node only: the browser has no GB18030 encoder (the browser runner skips this suite).
const inNode = typeof window === 'undefined';
let iconv: typeof import('iconv-lite');

(inNode ? describe : describe.skip)('spreadsheet readers, CSV in GB18030: properties', function () {
  this.timeout(300_000);
  before(async () => {
    iconv = ((await import(/* @vite-ignore */ 'iconv-lite' as string)) as { default: typeof import('iconv-lite') }).default;
  });
  for (const kind of KINDS) {
    it(`${kind} from CSV in GB18030: exact row accounting and round trips`, async () => {
      await fc.assert(
        fc.asyncProperty(sheet(kind, 'csv'), async (s) => {
          const { text, lines } = toCsv(s);
          const result = await read(kind, new Uint8Array(iconv.encode(text, 'gb18030')), { mode: 'lenient', source: 's.csv', encoding: 'gb18030' });
          accountFor(s, lines, result);
        }),
        { seed: 11_002, numRuns: 10_000 },
      );
    });
  }
});
