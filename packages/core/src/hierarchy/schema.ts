/**
 * Zod schemas of division records: the single source of truth for their types.
 */
import * as z from 'zod/mini';
import { DIVISION_LEVELS, isDivisionCode, normalizeCode } from './codes.js';

/** Grid types (seed 003): open estate, closed estate, rural, special. */
export const GRID_TYPES = ['open-estate', 'closed-estate', 'rural', 'special'] as const;
/** A grid type. */
export type GridType = (typeof GRID_TYPES)[number];

/** The kinds a division may carry: village-level kinds, or a grid's type. */
export const DIVISION_KINDS = ['residents-committee', 'villagers-committee', 'like-unit', ...GRID_TYPES] as const;
/** A division's kind. */
export type DivisionKind = (typeof DIVISION_KINDS)[number];

/** A division code in short or 12-digit form, normalised to the short form. */
export const divisionCodeSchema = z.pipe(
  z.string().check(z.refine(isDivisionCode, { message: 'expect.code' })),
  z.transform((c: string) => normalizeCode(c)),
);

/** A level of the hierarchy. */
export const divisionLevelSchema = z.enum(DIVISION_LEVELS);

/** One division: code, name, level, the parent's code, and its kind where known. */
export const divisionSchema = z.object({
  code: divisionCodeSchema,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  level: divisionLevelSchema,
  parentCode: z.nullable(divisionCodeSchema),
  kind: z.optional(z.enum(DIVISION_KINDS)),
});
/** One division of the hierarchy. */
export type Division = z.output<typeof divisionSchema>;

/**
 * A compact, serialisable edition of divisions, as the widgets fetch it by URL:
 * `{ format: 'gualian-divisions', version: 1, edition: '2023', rows: [[code, name, kind?], ...] }`.
 * The parent and level of official rows come from their codes.
 */
export const divisionPackSchema = z.object({
  format: z.literal('gualian-divisions'),
  version: z.literal(1),
  edition: z.string(),
  source: z.optional(z.string()),
  /** `[code, name]` or `[code, name, kind]`; each row is checked by the loader, line by line. */
  rows: z.array(z.unknown()),
  /**
   * Where the descendants of some rows live, for lazy loading: code → URL of another pack,
   * relative to this one (`{ "53": "53.json" }`).
   */
  chunks: z.optional(z.record(z.string(), z.string())),
});
/** A division pack (see {@link divisionPackSchema}). */
export type DivisionPack = Omit<z.output<typeof divisionPackSchema>, 'rows'> & { rows: Array<[code: string, name: string, kind?: string]> };
