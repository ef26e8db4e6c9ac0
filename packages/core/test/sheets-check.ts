/**
 * The assertions of the spreadsheet readers' property tests (`sheets-*.property.test.ts`): only
 * typed errors come out, the row accounting is exact (every data row accepted or reported,
 * once, at its own line), and every good record comes back as it was written.
 */
import { expect } from 'chai';
import { GualianError } from '../src/errors/index.js';
import { translate } from '../src/i18n/index.js';
import { readSheet, type SheetKind, type SheetResult } from '../src/io/sheets.js';
import type { GenSheet } from './sheets-gen.js';

export const KINDS: SheetKind[] = ['cadres', 'pairings', 'visits'];

/** The assertions shared by every import path. */
export function accountFor<T>(s: GenSheet<T>, lines: number[], result: SheetResult<unknown>): void {
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

export async function read(kind: SheetKind, input: Parameters<typeof readSheet>[1], options: Parameters<typeof readSheet>[2]): Promise<SheetResult<unknown>> {
  try {
    return await readSheet(kind, input, options);
  } catch (e) {
    // Only gualian's errors may escape, and with a valid header and lenient mode, none should.
    expect(e, String(e instanceof Error ? e.stack : e)).to.be.instanceOf(GualianError);
    throw e;
  }
}

