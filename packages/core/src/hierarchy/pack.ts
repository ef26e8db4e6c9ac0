/**
 * Division packs: the compact JSON the widgets fetch by URL (`[code, name, kind?]` rows; parents
 * and levels come from the codes).
 */
import { GualianError, type RowIssue } from '../errors/index.js';
import { levelRank, normalizeCode, villageKind, type DivisionLevel } from './codes.js';
import { Hierarchy, NO_KIND } from './hierarchy.js';
import { divisionPackSchema, DIVISION_KINDS, type DivisionKind, type DivisionPack } from './schema.js';
import { assemble, RowSink } from './load/assemble.js';
import { checkCode, checkName, report, type RowContext } from './load/rows.js';

/**
 * Write a hierarchy (or the subtree of one scope) as a division pack.
 * @example
 * const pack = toDivisionPack(national, { scope: '5306' });
 * JSON.stringify(pack).length; // about 60 KB for Zhaotong
 */
export function toDivisionPack(hierarchy: Hierarchy, options: { scope?: string; source?: string; maxLevel?: DivisionLevel; chunks?: Record<string, string> } = {}): DivisionPack {
  const h = options.scope === undefined ? hierarchy : hierarchy.subtree(options.scope);
  const rows: DivisionPack['rows'] = [];
  const deepest = options.maxLevel === undefined ? 6 : levelRank(options.maxLevel);
  for (let i = 0; i < h.size; i++) {
    if (h.levelAt(i) > deepest) continue;
    const d = h.at(i);
    // Village kinds that the name already tells are left out to keep packs small.
    rows.push(d.kind && !(d.level === 'village' && impliedByName(d.name, d.kind)) ? [d.code, d.name, d.kind] : [d.code, d.name]);
  }
  const pack: DivisionPack = { format: 'gualian-divisions', version: 1, edition: h.edition, rows };
  if (options.source !== undefined) pack.source = options.source;
  if (options.chunks !== undefined) pack.chunks = options.chunks;
  return pack;
}

/**
 * Read a division pack (an object, or its JSON text) into a hierarchy; bad rows throw a
 * {@link DivisionFileError} naming each one. Given a `base`, the pack's rows are added to it
 * (a chunk repeats the ancestors of its rows; rows the base already has are skipped).
 * @example
 * const zhaotong = fromDivisionPack(await (await fetch('/data/2023/5306.json')).json());
 */
export function fromDivisionPack(input: unknown, base?: Hierarchy): Hierarchy {
  return mergeDivisionPacks([input], base);
}

/**
 * Read several packs at once into one hierarchy (with an optional base): one index build for
 * all of them, which is what loading every province's chunk for a national search needs.
 * @example
 * const country = mergeDivisionPacks(await Promise.all(urls.map((u) => fetch(u).then((r) => r.json()))));
 */
export function mergeDivisionPacks(inputs: readonly unknown[], base?: Hierarchy): Hierarchy {
  const issues: RowIssue[] = [];
  const sink = new RowSink();
  const seen = new Set<string>();
  let edition = base?.edition;
  const normalize = (c: string) => normalizeCode(c, { padded: false });
  for (const input of inputs) {
    // The envelope is checked by its schema; the rows, by the same row checks as every loader
    // (a schema pass over 665,276 tuples would cost more than the load itself).
    const parsed = divisionPackSchema.safeParse(typeof input === 'string' ? JSON.parse(input) : input);
    if (!parsed.success) throw new GualianError('file.header', { value: parsed.error.issues[0]?.path.join('.') || 'format' });
    edition ??= parsed.data.edition;
    const rows = parsed.data.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const ctx: RowContext = { line: i + 1, source: 'pack', issues };
      if (!Array.isArray(row)) {
        report(ctx, '*', 'row.columns', String(row), { count: 0, expected: 2 });
        continue;
      }
      const raw = String(row[0] ?? '');
      // Exact lookup: a row's code is matched one for one, never read as a padded code.
      if (seen.has(raw) || (base !== undefined && base.indexOf(raw) >= 0)) continue;
      const code = checkCode(raw, 'code', ctx, normalize);
      const name = checkName(row[1], ctx);
      if (code === null || name === null) continue;
      const kind = row[2] === undefined ? NO_KIND : DIVISION_KINDS.indexOf(row[2] as DivisionKind);
      if (kind < 0) {
        report(ctx, 'type', 'row.type', String(row[2]));
        continue;
      }
      seen.add(code);
      const village = code.length === 12;
      sink.addRow(code, name, kind === NO_KIND && village ? DIVISION_KINDS.indexOf(villageKind(code, name)) : kind, i + 1, 'pack');
    }
  }
  return assemble(sink, issues, { edition: edition ?? '', source: 'pack' }, base).hierarchy;
}

function impliedByName(name: string, kind: DivisionKind): boolean {
  return (kind === 'residents-committee' && /(居委会|社区)$/.test(name)) || (kind === 'villagers-committee' && /(村委会|村)$/.test(name));
}

