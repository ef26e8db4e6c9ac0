/**
 * The errors and explanations of the pairing planner. A roster, fixed pairings or options that
 * the planner cannot use are refused before anything is solved, with every problem listed (the
 * record, the field and the reason); a plan that cannot be completed names each unit left short
 * and why, and the leaders left over. Everything reads in zh-Hans, zh-Hant and English.
 */
import { GualianError } from '../errors/index.js';
import { describeRecordIssue, type RecordIssue } from '../errors/schema.js';
import { type Lang, localiseDetails, registerMessages, translate } from '../i18n/index.js';
import { plannerMessages } from '../i18n/messages.planner.js';

// The planner's messages join the catalogues only where the planner is loaded.
registerMessages(plannerMessages);

/**
 * The stable codes of the planner's errors and of the reasons of its record issues (the docs
 * explain each).
 * @example
 * PLANNER_ERROR_CODES.includes('planner.duplicate-cadre'); // true
 */
export const PLANNER_ERROR_CODES = [
  'planner.rejected',
  'planner.scope',
  'planner.duplicate-cadre',
  'planner.unknown-cadre',
  'planner.unknown-division',
  'planner.wrong-level',
  'planner.duplicate-pairing',
  'planner.lat-lon',
  'planner.too-large',
  'planner.internal',
] as const;
/** A planner error's stable code. */
export type PlannerErrorCode = (typeof PLANNER_ERROR_CODES)[number];

/**
 * A refusal of the planner. `planner.rejected` lists in `issues` every problem of the roster,
 * the fixed pairings, the policy, the costs and the coordinates at once (each naming its record
 * by kind and position, its field and its reason); `planner.scope` is a scope not in the
 * hierarchy; `planner.too-large` a problem beyond exact arithmetic; `planner.internal` a broken
 * invariant of the solver (a bug: please report it). Nothing is planned when one is thrown.
 * @example
 * try {
 *   planPairings(h, { scope: '5306', cadres: [a, a] });
 * } catch (e) {
 *   if (e instanceof PlannerError) e.issues.map((i) => i.reason); // ['planner.duplicate-cadre']
 * }
 */
export class PlannerError extends GualianError {
  override readonly name = 'PlannerError';
  declare readonly code: PlannerErrorCode;
  constructor(
    code: PlannerErrorCode,
    details: Readonly<Record<string, string | number>> = {},
    /** Every problem of the input (for `planner.rejected`), in input order. */
    readonly issues: readonly RecordIssue[] = [],
  ) {
    super(code, issues.length > 0 ? { ...details, count: issues.length, first: describeRecordIssue(issues[0]!, 'en') } : details);
  }
  override describe(lang: Lang = 'zh-Hans'): string {
    const first = this.issues[0];
    const details = first ? { ...this.details, first: describeRecordIssue(first, lang) } : this.details;
    return translate(`error.${this.code}`, lang, localiseDetails(details, lang));
  }
}

/**
 * Why a unit is left short by a plan:
 * - `no-free-cadre-in-county`: the village's county has fewer cadre seats of its own than its
 *   villages need, and no cadre elsewhere in the scope is free;
 * - `no-free-cadre`: every cadre seat of the scope is taken (the county's own cadres went to
 *   villages the policy's costs preferred);
 * - `no-free-leader`: every leader of the rank that leads this level already leads a unit;
 * - `no-leading-rank`: the policy gives this level to no rank, yet wants every unit of it led.
 */
/**
 * @example
 * plan.shortfalls.filter((s) => s.reason === 'no-free-cadre-in-county').map((s) => s.details.countyName);
 */
export type ShortfallReason = 'no-free-cadre-in-county' | 'no-free-cadre' | 'no-free-leader' | 'no-leading-rank';

/**
 * One unit a plan leaves short: a village with fewer cadres than the policy's minimum, or a
 * county or township without a lead. `given` counts the fixed and the proposed pairings.
 * `details` holds the figures of the reason: `county` and `countyName`, `own` (cadre seats
 * anchored in the county) and `countyNeed` (seats its villages still needed) for
 * `no-free-cadre-in-county`; `supply` and `need` (the scope's) for `no-free-cadre`; `rank`,
 * `leaders` and `units` for the lead reasons.
 * @example
 * for (const s of plan.shortfalls) console.log(s.code, s.given, '/', s.needed, describeShortfall(s, 'zh-Hans'));
 */
export interface Shortfall {
  /** The unit left short. */
  code: string;
  name: string;
  role: 'village' | 'county-lead' | 'township-lead';
  needed: number;
  given: number;
  reason: ShortfallReason;
  details: Record<string, string | number>;
}

/**
 * Leaders left without a unit to lead: more leaders of a rank than units of the level the rank
 * leads. Not a shortage (every unit has its lead), but the policy's check will flag each of
 * them (`cadre.no-lead`) until someone decides what they lead.
 * @example
 * plan.surplus.flatMap((s) => s.cadreIds); // leaders to give another duty
 */
export interface Surplus {
  rank: 'prefectural' | 'divisional';
  level: 'county' | 'township';
  /** Leaders of the rank without a fixed lead, and units of the level still unled, before planning. */
  leaders: number;
  units: number;
  /** The leaders the plan gives no unit. */
  cadreIds: string[];
}

/**
 * A shortfall in a language, naming the unit and the reason.
 * @example
 * describeShortfall(plan.shortfalls[0], 'zh-Hans');
 * // '双院子社区居民委员会（530602001001）：挂联干部 2 名，需要 3 名；昭阳区已无空闲干部（本县干部共 580 个名额，本县各村还需 594 个），范围内其他干部也已全部挂联'
 */
export function describeShortfall(s: Shortfall, lang: Lang = 'zh-Hans'): string {
  const what = translate(`planner.short.${s.role}`, lang, { place: s.name, code: s.code, needed: s.needed, given: s.given });
  const why = translate(`planner.reason.${s.reason}`, lang, localiseDetails(s.details, lang));
  return translate('planner.short', lang, { what, why });
}

/**
 * A surplus of leaders in a language.
 * @example
 * describeSurplus({ rank: 'prefectural', level: 'county', leaders: 13, units: 11, cadreIds: ['P12', 'P13'] }, 'en');
 * // '13 prefectural leaders for 11 counties: P12, P13 lead none'
 */
export function describeSurplus(s: Surplus, lang: Lang = 'zh-Hans'): string {
  return translate(`planner.surplus.${s.level}`, lang, localiseDetails({ rank: s.rank, leaders: s.leaders, units: s.units, cadres: s.cadreIds.join(lang === 'en' ? ', ' : '、') }, lang));
}
