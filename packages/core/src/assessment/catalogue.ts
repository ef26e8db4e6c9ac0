/**
 * The catalogue of the facts gualian computes from the records: their names, types and
 * meanings. A rubric may read any of them without declaring it.
 */
import { ACTIVITIES, type Activity } from '../pairing/schema.js';
import type { InspectionOutcome } from '../visits/spot-check.js';
import type { FactType } from './schema.js';

/** What gualian knows about a fact. */
export interface FactDefinition {
  name: string;
  type: FactType;
  /** `records`, `findings`, `inspections`, `manual`, or a provider's name. */
  source: string;
  /** Whether a year's value is the sum of its months' (and a quarter's of its months'). */
  additive: boolean;
  description: string;
  /** For a declared fact: the least and most value an entry or adjustment may give. */
  min?: number;
  max?: number;
}

/** The fact counting the visits with each activity: `activity.lawClass` for 'law-class'. */
export const ACTIVITY_FACTS: Readonly<Record<Activity, string>> = Object.fromEntries(ACTIVITIES.map((a) => [a, `activity.${a.replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase())}`])) as Record<Activity, string>;

const count = (name: string, description: string, additive = true): FactDefinition => ({ name, type: 'count', source: 'records', additive, description });
const flag = (name: string, description: string): FactDefinition => ({ name, type: 'flag', source: 'findings', additive: false, description });
const inspection = (name: string, description: string): FactDefinition => ({ name, type: 'count', source: 'inspections', additive: true, description });

/** Finding codes of the pairing check and the facts that flag them. @internal */
export const FINDING_FACTS = {
  'nominal.no-visits': 'nominal.noVisits',
  'nominal.empty-visits': 'nominal.emptyVisits',
  'commute.short-visits': 'commute.shortVisits',
  'commute.crammed': 'commute.crammed',
  'commute.same-day-distant': 'commute.sameDayDistant',
} as const;

/** Spot-check outcomes and the facts that count them. @internal */
export const OUTCOME_FACTS: Readonly<Record<InspectionOutcome, string>> = {
  confirmed: 'spotChecks.confirmed',
  idle: 'spotChecks.idle',
  absent: 'spotChecks.absent',
  'contradicts-ledger': 'spotChecks.contradicted',
};

/**
 * The facts gualian computes from the records, with their types and meanings. A rubric may read
 * any of them without declaring it.
 */
export const RECORD_FACTS: readonly FactDefinition[] = [
  count('pairings', 'Village pairings (挂村) active in the period.', false),
  count('leads', 'County and township leads (包县, 包乡) active in the period.', false),
  count('visits', 'Visits recorded in the period, to any village: the ledger’s count.'),
  count('pairedVisits', 'Visits to the paired village within the pairing’s dates: the check’s “made”.'),
  count('visitsRequired', 'Visits the policy asks for in the period: the year’s number prorated by days, rounded to the nearest visit, as the check does (a quarter asks 1 of 4, a month 0).', false),
  count('visitShortfall', 'Visits missing against the requirement, per pairing: the check’s shortfall.', false),
  count('visitMinutes', 'Minutes spent in villages in the period.'),
  count('households', 'Households visited (入户) in the period.'),
  count('emptyVisits', 'Visits with no activity and no household.'),
  count('shortVisits', 'Visits shorter than the policy’s findings.minMinutes.'),
  ...ACTIVITIES.map((a) => count(ACTIVITY_FACTS[a], `Visits with the activity '${a}'.`)),
  flag('nominal.noVisits', 'Paired, at least one visit required in the period, and none made (挂名).'),
  flag('nominal.emptyVisits', 'Too many visits with no activity and no household (挂名).'),
  flag('commute.shortVisits', 'Too many visits shorter than the threshold (走读式).'),
  flag('commute.crammed', 'All of a year’s visits in its last weeks (走读式); years only.'),
  flag('commute.sameDayDistant', 'Recorded in two distant villages on one day (走读式).'),
  inspection('spotChecks', 'Spot checks (督查抽查) of the cadre in the period.'),
  inspection('spotChecks.confirmed', 'Spot checks that found the cadre present and working.'),
  inspection('spotChecks.idle', 'Spot checks that found the cadre present but not working.'),
  inspection('spotChecks.absent', 'Spot checks that found the cadre absent, with no visit in the ledger that day.'),
  inspection('spotChecks.contradicted', 'Spot checks that found the cadre absent on a day the ledger records a visit.'),
];

/** The record facts by name. @internal */
export const RECORD_FACT_MAP: ReadonlyMap<string, FactDefinition> = new Map(RECORD_FACTS.map((f) => [f.name, f]));

