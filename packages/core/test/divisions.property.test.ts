/**
 * Property tests of `loadDivisionTable`, seeded, 10,000 generated tables for each of CSV in
 * UTF-8, CSV in GB18030 and JSON: grids under the real villages of 昭阳区's first township (530602001), hostile rows
 * among them (bad codes, names, levels and types, unclosed quotes, cells of the wrong kind).
 * Only typed errors; every data row accepted or reported; every good row loaded as written;
 * strict mode refuses exactly what lenient mode reports.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { DivisionFileError, GualianError } from '../src/errors/index.js';
import type { Hierarchy } from '../src/hierarchy/hierarchy.js';
import { loadDivisionTable } from '../src/hierarchy/load/table.js';
import { GRID_TYPES } from '../src/hierarchy/schema.js';
import { edition } from '../../../tests/fixtures/data.js';
import { csvCell, HOSTILE_JSON, hostileText, text } from './sheets-gen.js';

interface Row {
  cells: unknown[];
  good?: { code: string; name: string; kind?: string };
  rawAt?: number;
}

const HEADER = ['code', 'name', 'parentCode', 'level', 'type'];
const HEADERS_ZH = ['代码', '名称', '上级代码', '层级', '类型'];

function table(villages: readonly string[], json: boolean): fc.Arbitrary<{ header: string[]; rows: Row[] }> {
  const good = fc.record({ village: fc.constantFrom(...villages), name: text(10).filter((s) => !/[\u0000-\u001f]/.test(s)), withParent: fc.boolean(), level: fc.constantFrom('', 'grid', '网格'), type: fc.constantFrom('', ...GRID_TYPES) });
  const row = fc.oneof(
    { weight: 3, arbitrary: good.map((g) => ({ g })) },
    { weight: 1, arbitrary: fc.record({ g: good, at: fc.nat(4), value: json ? HOSTILE_JSON : hostileText, rawQuote: fc.boolean() }) },
  );
  return fc.record({ zh: fc.boolean(), rows: fc.array(row, { maxLength: 8 }) }).map(({ zh, rows }) => {
    const out: Row[] = rows.map((r, i) => {
      // A number of its own for every row, so no two good rows share a code.
      const code = `${r.g.village}-${String(i + 1).padStart(3, '0')}`;
      const cells: unknown[] = [code, r.g.name, r.g.withParent ? r.g.village : '', r.g.level, r.g.type];
      if (!('at' in r)) return { cells, good: { code, name: r.g.name, ...(r.g.type !== '' ? { kind: r.g.type } : {}) } };
      if (!json && r.rawQuote) {
        cells[r.at] = `"x${String(cells[r.at] ?? '').replace(/["\r\n,]/g, '')}`;
        for (let k = 0; k < cells.length; k++) if (k !== r.at) cells[k] = String(cells[k]).replace(/[\r\n]/g, ' ');
        return { cells, rawAt: r.at };
      }
      // A hostile code keeps a number no good row has, so it cannot take a good row's place.
      cells[r.at] = r.at === 0 && typeof r.value === 'string' && /^\d+$/.test(r.value.trim()) ? `9${r.value}` : r.value;
      return { cells };
    });
    if (out.some((r) => r.rawAt !== undefined)) for (const r of out) if (r.good === undefined && r.rawAt === undefined) r.cells = r.cells.map((c) => (typeof c === 'string' && /^[\s",]/.test(c) ? `x${c}` : c));
    return { header: zh ? HEADERS_ZH : HEADER, rows: out };
  });
}

function toCsv(t: { header: string[]; rows: Row[] }): { text: string; lines: number[] } {
  const out = [t.header.join(',')];
  const lines: number[] = [];
  let line = 2;
  for (const r of t.rows) {
    const s = r.cells.map((c, k) => (k === r.rawAt ? String(c) : csvCell(c ?? ''))).join(',');
    lines.push(line);
    out.push(s);
    line += 1 + (s.match(/\n/g)?.length ?? 0);
  }
  return { text: `${out.join('\n')}\n`, lines };
}

function check(t: { rows: Row[] }, base: Hierarchy, input: Parameters<typeof loadDivisionTable>[0], options: Parameters<typeof loadDivisionTable>[1] = {}, strictToo = false): void {
  let result;
  try {
    result = loadDivisionTable(input, { base, mode: 'lenient', ...options });
  } catch (e) {
    expect(e, String(e instanceof Error ? e.stack : e)).to.be.instanceOf(GualianError);
    throw e;
  }
  const reported = new Set(result.issues.map((i) => i.line));
  expect(result.accepted + reported.size, JSON.stringify(result.issues)).to.equal(t.rows.length);
  for (const r of t.rows) {
    if (r.good === undefined) continue;
    const d = result.hierarchy.get(r.good.code);
    expect(d, `${r.good.code} loaded; issues ${JSON.stringify(result.issues)}`).to.not.equal(undefined);
    expect(d!.name).to.equal(r.good.name);
    if (r.good.kind !== undefined) expect(d!.kind).to.equal(r.good.kind);
  }
  if (!strictToo) return;
  try {
    loadDivisionTable(input, { base, ...options });
    expect(result.issues).to.deep.equal([]);
  } catch (e) {
    expect(e).to.be.instanceOf(DivisionFileError);
    expect((e as DivisionFileError).issues).to.deep.equal(result.issues);
  }
}

describe('loadDivisionTable: properties (seeded, 10,000 tables per format)', function () {
  this.timeout(300_000);
  let base: Hierarchy;
  let villages: string[];
  before(async () => {
    base = (await edition('2023')).subtree('530602001');
    villages = base.descendantsOf('530602001', 'village').map((v) => v.code);
  });

  it('CSV in UTF-8: only typed errors, exact row accounting, round trips', () => {
    fc.assert(
      fc.property(fc.constant(null).chain(() => table(villages, false)), (t) => {
        check(t, base, new TextEncoder().encode(toCsv(t).text));
      }),
      { seed: 12_001, numRuns: 10_000 },
    );
  });

  it('strict mode refuses exactly what lenient mode reports (CSV and JSON)', () => {
    fc.assert(
      fc.property(fc.constant(null).chain(() => table(villages, false)), (t) => {
        check(t, base, toCsv(t).text, {}, true);
      }),
      { seed: 12_004, numRuns: 1_000 },
    );
  });

  (typeof window === 'undefined' ? it : it.skip)('CSV in GB18030: the same', async () => {
    const iconv = ((await import(/* @vite-ignore */ 'iconv-lite' as string)) as { default: typeof import('iconv-lite') }).default;
    fc.assert(
      fc.property(fc.constant(null).chain(() => table(villages, false)), (t) => {
        check(t, base, new Uint8Array(iconv.encode(toCsv(t).text, 'gb18030')), { encoding: 'gb18030' });
      }),
      { seed: 12_002, numRuns: 10_000 },
    );
  });

  it('JSON (text and arrays), with cells of every kind: the same', () => {
    fc.assert(
      fc.property(fc.constant(null).chain(() => table(villages, true)), fc.boolean(), (t, asText) => {
        const records = t.rows.map((r) => Object.fromEntries(r.cells.map((c, k) => [HEADER[k]!, c]).filter(([, c]) => c !== '')));
        check(t, base, asText ? JSON.stringify(records) : records);
      }),
      { seed: 12_003, numRuns: 10_000 },
    );
  });
});
