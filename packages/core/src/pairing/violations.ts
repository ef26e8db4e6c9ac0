/**
 * Violations: what a check found, each with a stable code, a severity, the divisions and
 * cadres concerned, the policy rule that fired, and a message in three languages.
 */
import { translate, type Lang } from '../i18n/index.js';
import { sortKey } from '../hierarchy/codes.js';

/** The stable codes of violations and findings. */
export const VIOLATION_CODES = [
  'village.uncovered',
  'village.short',
  'county.no-lead',
  'county.many-leads',
  'township.no-lead',
  'township.many-leads',
  'cadre.no-village',
  'cadre.too-many-villages',
  'cadre.no-lead',
  'cadre.too-many-leads',
  'cadre.unpaired',
  'cadre.duplicate',
  'lead.wrong-rank',
  'lead.wrong-level',
  'pairing.wrong-level',
  'pairing.unknown-division',
  'pairing.unknown-cadre',
  'pairing.bad-period',
  'pairing.outside-campaign',
  'visits.short',
  'visits.quarter-missing',
  'visit.unpaired-village',
  'visit.unknown-cadre',
  'visit.unknown-village',
  'visit.outside-pairing',
  'visit.duplicate',
  'nominal.no-visits',
  'nominal.empty-visits',
  'commute.short-visits',
  'commute.crammed',
  'commute.same-day-distant',
] as const;
/** A violation's stable code. */
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/** How bad a violation is: errors break the policy; warnings need a look; info is for the record. */
export type Severity = 'error' | 'warning' | 'info';

/** One violation. */
export interface Violation {
  code: ViolationCode;
  severity: Severity;
  /** The policy rule that fired (a key of the policy), or `data` for records that point nowhere. */
  rule: string;
  /** The divisions concerned, the one it is attributed to first. */
  divisions: string[];
  /** The cadre ids concerned. */
  cadres: string[];
  /** Values for the message and for tools: counts, required numbers, visit ids. */
  details: Record<string, string | number>;
}

/**
 * The violation's message in a language (zh-Hans by default).
 * @example
 * describeViolation({ code: 'village.short', severity: 'error', rule: 'minCadresPerVillage',
 *   divisions: ['530627100201'], cadres: [], details: { count: 2, required: 3 } }, 'en');
 * // '530627100201: 2 paired cadres, at least 3 required'
 */
export function describeViolation(v: Violation, lang: Lang = 'zh-Hans', names?: (code: string) => string | undefined): string {
  const where = v.divisions[0] ?? '';
  const place = names?.(where) ?? where;
  return translate(`violation.${v.code}`, lang, { place, cadre: v.cadres.join(', '), ...v.details });
}

/** The order of violations in a report: by division (code order), then code, then cadre. @internal */
export function compareViolations(a: Violation, b: Violation): number {
  const ka = keyOf(a);
  const kb = keyOf(b);
  return (
    ka[0] - kb[0] ||
    ka[1] - kb[1] ||
    ka[2] - kb[2] ||
    VIOLATION_CODES.indexOf(a.code) - VIOLATION_CODES.indexOf(b.code) ||
    (a.cadres[0] ?? '').localeCompare(b.cadres[0] ?? '') ||
    String(a.details['pairing'] ?? '').localeCompare(String(b.details['pairing'] ?? ''))
  );
}

function keyOf(v: Violation): [number, number, number] {
  const k = sortKey(v.divisions[0] ?? '');
  return Number.isNaN(k[0]) ? [-1, 0, 0] : k;
}
