/**
 * A visit as the form holds it (text from the inputs) and its check: the core's `visitSchema`
 * first, then the two rules of a *recorded* visit that the schema leaves open because imported
 * records may break them and the checks report them instead (a visit with no work is the
 * "nominal pairing" finding; a visit of another year belongs to another ledger). Each problem
 * is attached to the field it concerns, as a message key, so it is shown in the reader's
 * language and follows a language switch.
 */
import { dayNumber, yearRange } from '@gualian/core';
import { visitSchema, type Activity, type Visit } from '@gualian/core/pairing';
import type { MessageKey } from '../i18n/index.js';

/** The fields of the visit form. */
export const VISIT_FIELDS = ['villageCode', 'date', 'minutes', 'households', 'activities', 'notes'] as const;
/** A field of the visit form. */
export type VisitField = (typeof VISIT_FIELDS)[number];

/** A visit as typed: every value is the text of its input. */
export interface VisitDraft {
  villageCode: string;
  date: string;
  minutes: string;
  households: string;
  activities: Activity[];
  notes: string;
}

/** A problem with one field: a message key and its values. */
export interface FieldError {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** The outcome of {@link checkDraft}: the visit to record, or the problems by field. */
export type DraftCheck = { ok: true; visit: Visit } | { ok: false; errors: Partial<Record<VisitField, FieldError>> };

/** The most minutes one visit can last: a day (the schema's bound). */
export const MAX_MINUTES = 24 * 60;

/**
 * An empty draft.
 * @example
 * const draft = emptyDraft('530627102201');
 */
export function emptyDraft(villageCode = ''): VisitDraft {
  return { villageCode, date: '', minutes: '', households: '', activities: [], notes: '' };
}

/**
 * Check a draft for a cadre and a year: the core's `visitSchema`, then at least one activity
 * and a date inside the year. The notes are trimmed and left out when empty.
 * @example
 * const result = checkDraft(draft, { id: 'C000123-20240305-1a2b3c4d', cadreId: 'C000123', year: 2024 });
 * if (result.ok) roster.addVisit(result.visit);
 * else result.errors.minutes?.key; // 'ui.visitLog.error.negative'
 */
export function checkDraft(draft: VisitDraft, context: { id: string; cadreId: string; year: number }): DraftCheck {
  const notes = draft.notes.trim();
  const candidate = {
    id: context.id,
    cadreId: context.cadreId,
    villageCode: draft.villageCode,
    date: draft.date.trim(),
    minutes: toNumber(draft.minutes),
    households: toNumber(draft.households),
    activities: draft.activities,
    ...(notes === '' ? {} : { notes }),
  };
  const errors: Partial<Record<VisitField, FieldError>> = {};
  const parsed = visitSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field !== 'string' || !isField(field) || errors[field]) continue;
      errors[field] = errorFor(field, issue.code);
    }
  }
  if (!errors.activities && draft.activities.length === 0) errors.activities = { key: 'ui.visitLog.error.activities' };
  if (!errors.date) {
    const [first, last] = yearRange(context.year);
    const day = dayNumber(candidate.date);
    if (!(day >= first && day <= last)) errors.date = { key: 'ui.visitLog.error.dateYear', values: { year: context.year } };
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, visit: parsed.data };
  return { ok: false, errors };
}

/**
 * A visit id no visit of the roster has yet: the cadre, the date and 32 random bits. Uses
 * `crypto.getRandomValues`, which, unlike `crypto.randomUUID`, also exists on the plain-HTTP
 * pages many portals are still served from.
 * @example
 * newVisitId('C000123', '2024-03-05', (id) => roster.visitIndex(id) >= 0); // 'C000123-20240305-9f86d081'
 */
export function newVisitId(cadreId: string, date: string, taken: (id: string) => boolean): string {
  const words = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(words);
    const id = `${cadreId}-${date.split('-').join('')}-${words[0]!.toString(16).padStart(8, '0')}`;
    if (!taken(id)) return id;
  }
}

// An empty input is no number at all, whereas Number('') would be 0 and pass as "no household".
function toNumber(text: string): number {
  const t = text.trim();
  return t === '' ? Number.NaN : Number(t);
}

function isField(name: string): name is VisitField {
  return (VISIT_FIELDS as readonly string[]).includes(name);
}

function errorFor(field: VisitField, code: string): FieldError {
  switch (field) {
    case 'villageCode':
      return { key: 'ui.visitLog.error.village' };
    case 'date':
      return { key: 'ui.visitLog.error.date' };
    case 'minutes':
    case 'households':
      if (code === 'too_small') return { key: 'ui.visitLog.error.negative' };
      if (code === 'too_big') return { key: 'ui.visitLog.error.minutesMax', values: { max: MAX_MINUTES } };
      return { key: 'ui.visitLog.error.wholeNumber' };
    case 'activities':
      return { key: 'ui.visitLog.error.activities' };
    default:
      return { key: 'ui.visitLog.error.invalid' };
  }
}
