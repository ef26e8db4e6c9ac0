/**
 * The form of next actions, as data: which fields each event type asks for, how the typed
 * values become the event's payload, and which field each of the core's schema issues belongs
 * to. The rules (which events are open, what a payload must hold) stay the core's:
 * `allowedEvents` decides the types offered and `caseEventSchema` checks the payload.
 */
import { caseEventSchema, CASE_LEVELS, REFERRAL_TARGETS, SEVERITIES, type CaseEvent, type CaseEventType, type CaseState, type DueItem } from '@gualian/core/disputes';

/** What a form field holds: a line of text, a paragraph, a choice, a date, a whole number, a yes/no, one consent per party, or lines of comma-separated values. */
export type FieldKind = 'text' | 'textarea' | 'select' | 'date' | 'number' | 'checkbox' | 'consents' | 'lines';

/** A choice of a select: its value and the message key (or literal text) naming it. */
export interface FieldOption {
  value: string;
  /** A message key, or the text itself when `literal`. */
  label: string;
  literal?: boolean;
}

/** One field of an event's form; `name` is the payload's field. */
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** The choices of a select. */
  options?: FieldOption[];
}

/** The values typed into the form, by field name (consents by `consent.<party id>`). */
export type FormValues = Readonly<Record<string, string>>;

const text = (name: string, required = true): FieldSpec => ({ name, kind: 'text', required });
const para = (name: string, required = true): FieldSpec => ({ name, kind: 'textarea', required });
const NOTE = para('note', false);
const REASON = para('reason');

/**
 * The fields of an event type for a case in a state, with the choices the state leaves open
 * (the levels above or below it, the open duties, the running deadlines).
 * @example
 * fieldsOf('escalated', state, due).map((f) => f.name); // ['to', 'reason']
 */
export function fieldsOf(type: CaseEventType, state: CaseState, due: readonly DueItem[]): FieldSpec[] {
  const level = CASE_LEVELS.indexOf(state.level);
  const levels = (ls: readonly string[]): FieldOption[] => ls.map((l) => ({ value: l, label: `level.${l}` }));
  switch (type) {
    case 'accepted':
    case 'archived':
      return [NOTE];
    case 'declined':
    case 'mediation-failed':
    case 'confirmation-refused':
    case 'withdrawn':
      return [REASON];
    case 'assigned':
      return [text('unit'), text('handler'), NOTE];
    case 'mediation-started':
      return [text('mediators', false), NOTE];
    case 'agreement-reached':
      return [para('terms'), { name: 'consents', kind: 'consents', required: true }, { name: 'effectiveOn', kind: 'date', required: false }];
    case 'confirmation-applied':
      return [text('court')];
    case 'confirmation-granted':
      return [text('ruling', false)];
    case 'referred':
      return [{ name: 'to', kind: 'select', required: true, options: REFERRAL_TARGETS.map((t) => ({ value: t, label: `dispute.referral.${t}` })) }, text('body'), para('reason', false)];
    case 'escalated':
      return [{ name: 'to', kind: 'select', required: true, options: levels(CASE_LEVELS.slice(level + 1)) }, REASON];
    case 'sent-down':
      return [{ name: 'to', kind: 'select', required: true, options: levels(CASE_LEVELS.slice(0, level).reverse()) }, REASON];
    case 'followed-up':
      return [{ name: 'outcome', kind: 'select', required: true, options: FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: `ui.caseTimeline.outcome.${o}` })) }, NOTE];
    case 'merged':
      return [text('into')];
    case 'taskforce-formed':
      return [text('lead'), { name: 'members', kind: 'lines', required: true }, { name: 'duties', kind: 'lines', required: true }];
    case 'duty-progress':
      return [
        { name: 'duty', kind: 'select', required: true, options: (state.taskForce?.duties ?? []).filter((d) => !d.done).map((d) => ({ value: d.id, label: d.title, literal: true })) },
        para('note'),
        { name: 'done', kind: 'checkbox', required: false },
      ];
    case 'deadline-extended':
      return [
        { name: 'rule', kind: 'select', required: true, options: due.filter((d) => d.kind === 'deadline').map((d) => ({ value: d.id, label: `dispute.deadline.${d.id}` })) },
        { name: 'days', kind: 'number', required: true },
        REASON,
      ];
    case 'answered':
      return [para('opinion'), { name: 'deliveredOn', kind: 'date', required: false }];
    case 'review-requested':
    case 're-review-requested':
      return [REASON];
    case 'review-answered':
    case 're-review-answered':
      return [
        { name: 'outcome', kind: 'select', required: true, options: REVIEW_OUTCOMES.map((o) => ({ value: o, label: `dispute.review-outcome.${o}` })) },
        para('opinion'),
        { name: 'deliveredOn', kind: 'date', required: false },
      ];
    case 'severity-changed':
      return [{ name: 'to', kind: 'select', required: true, options: SEVERITIES.filter((s) => s !== state.facts.severity).map((s) => ({ value: s, label: `dispute.severity.${s}` })) }, REASON];
    case 'registered':
      return [];
  }
}

/** The outcomes of a review (复查) or re-review (复核): the answer upheld, changed or revoked. */
export const REVIEW_OUTCOMES = ['upheld', 'changed', 'revoked'] as const;

/** The outcomes of a follow-up visit (回访), as the core's schema lists them. */
export const FOLLOW_UP_OUTCOMES = ['satisfied', 'unsatisfied', 'unreachable'] as const;

/** The forms of a party's consent to an agreement, as the core's schema lists them. */
export const CONSENT_FORMS = ['signature', 'thumbprint', 'seal', 'oral'] as const;

const SEPARATORS = /\s*[,，、]\s*/;

/**
 * The payload typed into the form: blank optional fields left out, text trimmed, lists split on
 * commas (a line per member or duty: `id, name, unit` and `id, title, assignee, YYYY-MM-DD`).
 * Nothing is checked here: the core's schema does that.
 * @example
 * payloadOf(fieldsOf('escalated', state, []), { to: 'county', reason: '跨乡镇' }); // { to: 'county', reason: '跨乡镇' }
 */
export function payloadOf(fields: readonly FieldSpec[], values: FormValues, state: CaseState): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = (values[f.name] ?? '').trim();
    switch (f.kind) {
      case 'consents': {
        const consents = state.facts.parties.flatMap((p) => {
          const form = values[`consent.${p.id}`] ?? '';
          return form ? [{ party: p.id, form }] : [];
        });
        payload[f.name] = consents;
        break;
      }
      case 'checkbox':
        if (values[f.name] === 'true') payload[f.name] = true;
        break;
      case 'number':
        if (raw !== '') payload[f.name] = Number(raw);
        break;
      case 'lines': {
        const rows = raw.split(/\n/).map((l) => l.trim()).filter((l) => l !== '');
        payload[f.name] = rows.map((l) => rowOf(f.name, l.split(SEPARATORS)));
        break;
      }
      default:
        if (f.name === 'lead' && raw !== '') payload[f.name] = rowOf('members', raw.split(SEPARATORS));
        else if (f.name === 'mediators') {
          const ids = raw.split(/[\s,，、]+/).filter((s) => s !== '');
          if (ids.length > 0) payload[f.name] = ids;
        } else if (raw !== '' || f.required) payload[f.name] = raw;
    }
  }
  return payload;
}

/** A member (`id, name, unit`, the name optional as `id, unit`) or a duty (`id, title, assignee, due`) from a line's cells. */
function rowOf(kind: string, cells: string[]): Record<string, string> {
  if (kind === 'duties') {
    const [id = '', title = '', assignee = '', due = ''] = cells;
    return { id, title, assignee, due };
  }
  if (cells.length < 3) return { id: cells[0] ?? '', unit: cells[1] ?? '' };
  const [id = '', name = '', unit = ''] = cells;
  return name ? { id, name, unit } : { id, unit };
}

/** A field the schema found wrong: blank (`missing`) or not as the schema wants it (`invalid`). */
export interface FieldProblem {
  field: string;
  problem: 'missing' | 'invalid';
}

/**
 * The event checked against the core's schema: `null` when it passes, else the problem of each
 * field the schema named (the first issue of each, in the form's order).
 * @example
 * checkEvent(event, fields, values); // [{ field: 'reason', problem: 'missing' }]
 */
export function checkEvent(event: CaseEvent, fields: readonly FieldSpec[], values: FormValues): FieldProblem[] | null {
  const result = caseEventSchema.safeParse(event);
  if (result.success) return null;
  const named = new Map<string, FieldProblem['problem']>();
  for (const issue of result.error.issues) {
    const field = issue.path[0] === 'payload' && issue.path.length > 1 ? String(issue.path[1]) : '';
    if (named.has(field)) continue;
    const blank = (values[field] ?? '').trim() === '' && field !== 'consents';
    named.set(field, blank ? 'missing' : 'invalid');
  }
  const out: FieldProblem[] = fields.filter((f) => named.has(f.name)).map((f) => ({ field: f.name, problem: named.get(f.name)! }));
  // An issue outside the fields (the id, the time, the actor) is the host's: name it as a whole.
  for (const [field, problem] of named) if (!fields.some((f) => f.name === field)) out.push({ field, problem });
  return out;
}
