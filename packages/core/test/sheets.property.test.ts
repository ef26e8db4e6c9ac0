/**
 * Property tests of the spreadsheet readers (`@gualian/core/sheets`), seeded: cadres, pairings
 * and visits in CSV (UTF-8 and GB18030), JSON and .xlsx, with hostile rows among good ones.
 * Each asserts that only typed errors come out, that the row accounting is exact (every data row
 * accepted or reported, once, at its own line), and that every good record comes back as it
 * was written.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { GualianError } from '../src/errors/index.js';
import { translate } from '../src/i18n/index.js';
import { readSheet, SheetRowsError, type SheetKind, type SheetResult } from '../src/io/sheets.js';
import { sheet, toCsv, toJson, toXlsx, type Format, type GenSheet } from './sheets-gen.js';

const KINDS: SheetKind[] = ['cadres', 'pairings', 'visits'];

/** The assertions shared by every import path. */
function accountFor<T>(s: GenSheet<T>, lines: number[], result: SheetResult<unknown>): void {
  const reported = new Set(result.issues.map((i) => i.line));
  expect(result.rows, 'data rows').to.equal(s.rows.length);
  expect(result.records.length + reported.size, 'accepted + reported').to.equal(result.rows);
  // Each row once, at its own line: none lost, none swallowed into another.
  expect([...result.lines, ...reported].sort((a, b) => a - b)).to.deep.equal([...lines].sort((a, b) => a - b));
  s.rows.forEach((r, i) => {
    if ('record' in r) {
      const at = result.lines.indexOf(lines[i]!);
      expect(at, `row ${i} (line ${lines[i]}) accepted; issues ${JSON.stringify(result.issues.filter((x) => x.line === lines[i]))}`).to.be.at.least(0);
      expect(result.records[at]).to.deep.equal(r.record);
    } else if (r.rawAt !== undefined) {
      expect(result.issues.some((x) => x.line === lines[i] && x.reason === 'row.quote'), `unclosed quote on line ${lines[i]}`).to.equal(true);
    }
  });
  for (const issue of result.issues) {
    // Every reason reads in each language (a missing message would come back as its key).
    for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) expect(translate(`error.${issue.reason}`, lang)).not.to.equal(`error.${issue.reason}`);
    expect(issue.value.length).to.be.at.most(80);
  }
}

async function read(kind: SheetKind, input: Parameters<typeof readSheet>[1], options: Parameters<typeof readSheet>[2]): Promise<SheetResult<unknown>> {
  try {
    return await readSheet(kind, input, options);
  } catch (e) {
    // Only gualian's errors may escape, and with a valid header and lenient mode, none should.
    expect(e, String(e instanceof Error ? e.stack : e)).to.be.instanceOf(GualianError);
    throw e;
  }
}

describe('spreadsheet readers: properties (seeded, 10,000 cases per import path)', function () {
  this.timeout(300_000);

  for (const kind of KINDS) {
    it(`${kind} from CSV in UTF-8: exact row accounting, round trips, strict refuses what lenient reports`, async () => {
      await fc.assert(
        fc.asyncProperty(sheet(kind, 'csv'), async (s) => {
          const { text, lines } = toCsv(s);
          const bytes = new TextEncoder().encode(text);
          const result = await read(kind, bytes, { mode: 'lenient', source: 's.csv' });
          accountFor(s, lines, result);
          try {
            const strict = await readSheet(kind, text, { source: 's.csv' });
            expect(result.issues).to.deep.equal([]);
            expect(strict.records).to.deep.equal(result.records);
          } catch (e) {
            expect(e).to.be.instanceOf(SheetRowsError);
            expect((e as SheetRowsError).issues).to.deep.equal(result.issues);
          }
        }),
        { seed: 11_001, numRuns: 10_000 },
      );
    });

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

    it(`${kind} from .xlsx: exact row accounting and round trips (10,000 rows in 100 workbooks)`, async () => {
      let rows = 0;
      await fc.assert(
        fc.asyncProperty(sheet(kind, 'xlsx', 150).filter((s) => s.rows.length >= 100), async (s) => {
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

export type { Format };
