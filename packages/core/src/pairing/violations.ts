/**
 * Violations: what a check found, each with a stable code, a severity, the divisions and
 * cadres concerned, the policy rule that fired, and a message in three languages.
 */
import { localiseDetails, registerMessages, translate, type Lang } from '../i18n/index.js';
import { pairingMessages } from '../i18n/messages.pairing.js';
import { sortKey } from '../hierarchy/codes.js';

// This domain's messages join the catalogues only where the domain is used.
registerMessages(pairingMessages);

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
  'ledger.implausible',
  'ledger.backfilled',
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
  const details = { ...v.details };
  // Details that are division codes (the two villages of a same-day finding) are named too.
  for (const key of DIVISION_DETAILS) {
    const code = details[key];
    if (typeof code === 'string' && names) details[key] = names(code) ?? code;
  }
  return translate(`violation.${v.code}`, lang, localiseDetails({ place, cadre: v.cadres.join(', '), ...details }, lang));
}

const DIVISION_DETAILS = ['first', 'second'] as const;

/**
 * Sort violations into report order: by division (code order), then violation code, then cadre,
 * then pairing. Keys are computed once per violation, not per comparison.
 * @internal
 */
export function sortViolations(list: Violation[]): Violation[] {
  const keys = list.map((v) => {
    const k = keyOf(v);
    return { v, k0: k[0], k1: k[1], k2: k[2], code: CODE_RANK.get(v.code)!, cadre: v.cadres[0] ?? '', pairing: Number(v.details['pairing'] ?? -1), visit: String(v.details['visit'] ?? '') };
  });
  keys.sort((a, b) => a.k0 - b.k0 || a.k1 - b.k1 || a.k2 - b.k2 || a.code - b.code || (a.cadre < b.cadre ? -1 : a.cadre > b.cadre ? 1 : 0) || a.pairing - b.pairing || (a.visit < b.visit ? -1 : a.visit > b.visit ? 1 : 0));
  for (let i = 0; i < keys.length; i++) list[i] = keys[i]!.v;
  return list;
}

const CODE_RANK = new Map<string, number>(VIOLATION_CODES.map((c, i) => [c, i]));

function keyOf(v: Violation): [number, number, number] {
  const k = sortKey(v.divisions[0] ?? '');
  return Number.isNaN(k[0]) ? [-1, 0, 0] : k;
}
