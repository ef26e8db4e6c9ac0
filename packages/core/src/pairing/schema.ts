/**
 * 包掛聯 records: cadres, their pairings with counties, townships and villages, their visits,
 * and the pairing policy, which is data (Zhaotong's numbers are the default).
 */
import * as z from 'zod/mini';
import { isDivisionCode } from '../hierarchy/codes.js';
import { dateSchema, timestampMs, timestampSchema } from '../time/schema.js';
import { dayNumber } from '../time/days.js';
import { parseRecord } from '../errors/schema.js';

/** Ranks: 厅级 (prefectural), 处级 (divisional, including committee members), everyone else. */
export const CADRE_RANKS = ['prefectural', 'divisional', 'staff'] as const;
/** A cadre's rank. */
export type CadreRank = (typeof CADRE_RANKS)[number];

/** The units the seed names; any other unit name is accepted as it is. */
export const KNOWN_UNITS = ['政法委', '法院', '检察院', '公安', '司法局', '信访局'] as const;

/** What a pairing is: leading a county (包县), leading a township (包乡), or pairing with a village (掛村). */
export const PAIRING_ROLES = ['county-lead', 'township-lead', 'village'] as const;
/** A pairing's role. */
export type PairingRole = (typeof PAIRING_ROLES)[number];

/** The work done on a visit (seed 000), in a fixed order: each is one bit of a visit's activity mask. */
export const ACTIVITIES = [
  'public-opinion', // 收集社情民意
  'dispute-resolution', // 化解矛盾纠纷
  'legal-education', // 普法送法
  'security-guidance', // 指导治安防范
  'law-class', // 上法治课
  'risk-assessment', // 重大安全隐患风险评估
  'key-person-management', // 教育管控特殊重点人员
  'other',
] as const;
/** An activity of a visit. */
export type Activity = (typeof ACTIVITIES)[number];

// One date schema for the whole core: no roll-over of 2024-02-30, nothing after the date.
const isoDate = dateSchema;
const code = z.string().check(z.refine(isDivisionCode, 'expect.code'));

/** A cadre of the political-legal or petitions system. */
export const cadreSchema = z.object({
  id: z.string().check(z.trim(), z.minLength(1)),
  name: z.string().check(z.trim(), z.minLength(1)),
  unit: z.string().check(z.trim(), z.minLength(1)),
  rank: z.enum(CADRE_RANKS),
  /** Where the cadre works or lives: a division code, used by the planner and the same-day check. */
  homeCode: z.optional(code),
  /** Coordinates of the home, where known (WGS-84 degrees). */
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  lon: z.optional(z.number().check(z.gte(-180), z.lte(180))),
});
/** A cadre. */
export type Cadre = z.output<typeof cadreSchema>;

/** The most households one visit can record: more is not a visit but a typing error (and would not fit the roster's columns). */
export const MAX_HOUSEHOLDS = 10_000;

/**
 * The civil day (in China, UTC+8) of a timestamp, as a day number; `NaN` for an impossible one.
 * @example
 * recordedDay('2024-03-01T23:30:00Z'); // dayNumber('2024-03-02'): 07:30 the next morning in China
 */
export function recordedDay(timestamp: string): number {
  const ms = timestampMs(timestamp);
  return Math.floor((ms + 8 * 3_600_000) / 86_400_000);
}

/** Whether an optional `from`–`to` period runs forwards (dates compare as text when both are real). */
function periodInOrder(p: { from?: string | undefined; to?: string | undefined }): boolean {
  return p.from === undefined || p.to === undefined || typeof p.from !== 'string' || typeof p.to !== 'string' || p.from <= p.to;
}

/** A cadre's responsibility for a county or township, or pairing with a village, with an optional validity period. */
export const pairingSchema = z.object({
  cadreId: z.string().check(z.minLength(1)),
  role: z.enum(PAIRING_ROLES),
  code,
  /** First day the pairing holds (inclusive). */
  from: z.optional(isoDate),
  /** Last day the pairing holds (inclusive); not before `from`. */
  to: z.optional(isoDate),
}).check(z.refine(periodInOrder, { message: 'expect.range', path: ['to'] }));
/** A pairing. */
export type Pairing = z.output<typeof pairingSchema>;

/** One visit of a cadre to a village: one line of the cadre's ledger (一人一工作台账). */
export const visitSchema = z.object({
  id: z.string().check(z.minLength(1)),
  cadreId: z.string().check(z.minLength(1)),
  villageCode: code,
  date: isoDate,
  /** Time spent in the village, in minutes. */
  minutes: z.number().check(z.int(), z.gte(0), z.lte(24 * 60)),
  /** Households visited (进村入户). */
  households: z.number().check(z.int(), z.gte(0), z.lte(MAX_HOUSEHOLDS)),
  activities: z.array(z.enum(ACTIVITIES)),
  notes: z.optional(z.string()),
  /**
   * When the visit was entered in the ledger (an ISO timestamp with its offset), not before the
   * visit's day. Optional for old data; a visit entered long after it was made is a finding
   * (`ledger.backfilled`, see {@link FindingThresholds.maxRecordDelayDays}).
   */
  recordedAt: z.optional(timestampSchema),
  /** Who entered the visit in the ledger (a user id or name); optional for old data. */
  recordedBy: z.optional(z.string().check(z.trim(), z.minLength(1))),
}).check(z.refine(recordedOnOrAfter, { message: 'expect.recorded-after-visit', path: ['recordedAt'] }));

/** Whether a visit was not recorded before the day it was made (checked only when both are real). */
function recordedOnOrAfter(v: { date: string; recordedAt?: string | undefined }): boolean {
  if (typeof v.recordedAt !== 'string' || typeof v.date !== 'string') return true;
  const day = dayNumber(v.date);
  const at = recordedDay(v.recordedAt);
  return Number.isNaN(day) || Number.isNaN(at) || at >= day;
}
/** A visit. */
export type Visit = z.output<typeof visitSchema>;

/** Thresholds of the nominal (挂名) and commute-style (走读式) pairing findings. */
export const findingThresholdsSchema = z.strictObject({
  /** A visit shorter than this many minutes is flagged as a drive-by. */
  minMinutes: z._default(z.number().check(z.int(), z.gte(0)), 60),
  /** Flag a cadre when at least this share of their visits are short or empty. */
  shortShare: z._default(z.number().check(z.gte(0), z.lte(1)), 0.5),
  /** "Crammed": all of a year's visits within its last this-many weeks. */
  crammedWeeks: z._default(z.number().check(z.int(), z.gte(1), z.lte(52)), 6),
  /**
   * Two villages visited on one day are "distant" when they lie in different counties, or, with
   * coordinates known, farther apart than this many kilometres.
   */
  sameDayKm: z._default(z.number().check(z.gte(0)), 60),
  /** Plausibility: a visit longer than this many minutes is implausible (a finding; more than a day is refused). */
  maxMinutesPerVisit: z._default(z.number().check(z.int(), z.gte(1), z.lte(24 * 60)), 720),
  /** Plausibility: a visit to more than this many households is implausible (a finding; more than {@link MAX_HOUSEHOLDS} is refused). */
  maxHouseholdsPerVisit: z._default(z.number().check(z.int(), z.gte(1), z.lte(MAX_HOUSEHOLDS)), 100),
  /** A visit entered in the ledger more than this many days after it was made is back-filled (a finding). */
  maxRecordDelayDays: z._default(z.number().check(z.int(), z.gte(0)), 30),
}).check(z.refine((t) => !(t.maxMinutesPerVisit < t.minMinutes), { message: 'expect.range', path: ['maxMinutesPerVisit'] }));
/** Finding thresholds. */
export type FindingThresholds = z.output<typeof findingThresholdsSchema>;

/**
 * A pairing policy. The defaults are Zhaotong's (seed 000): at least 3 cadres per village, one
 * village per cadre, prefectural leaders each lead one county, divisional leaders one township,
 * every county and township led, at least 4 visits a year, campaign July 2021 – December 2025.
 * @example
 * Unknown keys (a misspelt field) and contradictions (a campaign that ends before it starts) are
 * refused; parse with {@link parsePairingPolicy} to get a typed error instead of zod's.
 * @example
 * const policy = parsePairingPolicy({}); // Zhaotong
 * const stricter = parsePairingPolicy({ minVisitsPerYear: 6, visitEveryQuarter: true });
 */
export const pairingPolicySchema = z.strictObject({
  name: z._default(z.string(), '昭通市“包掛聯”（2021）'),
  minCadresPerVillage: z._default(z.number().check(z.int(), z.gte(1)), 3),
  /** How many villages each paired cadre pairs with (exactly). */
  villagesPerCadre: z._default(z.number().check(z.int(), z.gte(1)), 1),
  /** The level each rank leads (one unit each); ranks not listed lead nothing. */
  leads: z._default(z.strictObject({ prefectural: z.optional(z.enum(['county', 'township'])), divisional: z.optional(z.enum(['county', 'township'])) }), {
    prefectural: 'county',
    divisional: 'township',
  }),
  /** Leaders pair with a village too (包县/包乡并掛聯1個村). */
  leadersPairVillage: z._default(z.boolean(), true),
  everyCountyLed: z._default(z.boolean(), true),
  everyTownshipLed: z._default(z.boolean(), true),
  minVisitsPerYear: z._default(z.number().check(z.int(), z.gte(0)), 4),
  /** The optional stricter rule: at least one visit in each quarter of the year. */
  visitEveryQuarter: z._default(z.boolean(), false),
  /** The campaign's first and last days; `to` not before `from`. */
  campaign: z._default(z.strictObject({ from: isoDate, to: isoDate }).check(z.refine(periodInOrder, { message: 'expect.range', path: ['to'] })), { from: '2021-07-01', to: '2025-12-31' }),
  findings: z._default(findingThresholdsSchema, { minMinutes: 60, shortShare: 0.5, crammedWeeks: 6, sameDayKm: 60, maxMinutesPerVisit: 720, maxHouseholdsPerVisit: 100, maxRecordDelayDays: 30 }),
});
/** A pairing policy (input form: every field optional). */
export type PairingPolicyInput = z.input<typeof pairingPolicySchema>;
/** A pairing policy with every default filled in. */
export type PairingPolicy = z.output<typeof pairingPolicySchema>;

/**
 * Parse a pairing policy (every field optional, Zhaotong's values by default). A misspelt key,
 * a value out of range or a contradiction is refused with a {@link SchemaError} naming the
 * field (`campaign.to`, `findings.minMinutes`, …), never a raw zod error.
 * @example
 * parsePairingPolicy({ minVisitsPerYear: 6 }).minVisitsPerYear; // 6
 * parsePairingPolicy({ minVisitPerYear: 6 }); // throws SchemaError: field "minVisitPerYear" unknown
 */
export function parsePairingPolicy(input: PairingPolicyInput | PairingPolicy | undefined): PairingPolicy {
  return parseRecord(pairingPolicySchema, input ?? {}, 'pairing-policy');
}

/** Zhaotong's policy, the default. */
export const ZHAOTONG_POLICY: PairingPolicy = pairingPolicySchema.parse({});
