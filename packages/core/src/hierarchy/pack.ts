/**
 * Division packs: the compact JSON the widgets fetch by URL (`[code, name, kind?]` rows; parents
 * and levels come from the codes).
 */
import { GualianError } from '../errors/index.js';
import { levelRank, type DivisionLevel } from './codes.js';
import { Hierarchy } from './hierarchy.js';
import { divisionPackSchema, DIVISION_KINDS, type DivisionKind, type DivisionPack } from './schema.js';
import { loadDivisionTable } from './load/table.js';

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
 * {@link DivisionFileError} naming each one.
 * @example
 * const zhaotong = fromDivisionPack(await (await fetch('/data/2023/5306.json')).json());
 */
export function fromDivisionPack(input: unknown, base?: Hierarchy): Hierarchy {
  const parsed = divisionPackSchema.safeParse(typeof input === 'string' ? JSON.parse(input) : input);
  if (!parsed.success) throw new GualianError('file.header', { value: parsed.error.issues[0]?.path.join('.') || 'format' });
  const { rows, edition } = parsed.data;
  const records = rows.map(([code, name, kind]) => ({ code, name, type: kind !== undefined && (DIVISION_KINDS as readonly string[]).includes(kind) ? (kind as DivisionKind) : '' }));
  if (base === undefined) return loadDivisionTable(records, { edition, source: 'pack' }).hierarchy;
  // A chunk repeats the ancestors of its rows; only the rows the base lacks are new.
  return loadDivisionTable(records.filter((r) => !base.has(r.code)), { edition: base.edition, source: 'pack', base }).hierarchy;
}

function impliedByName(name: string, kind: DivisionKind): boolean {
  return (kind === 'residents-committee' && /(居委会|社区)$/.test(name)) || (kind === 'villagers-committee' && /(村委会|村)$/.test(name));
}

