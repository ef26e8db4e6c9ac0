/**
 * A rubric being edited, kept as the JSON a place would write (every field may be missing or
 * wrong while someone types), and where the core's validation issues belong in the form. Pure:
 * no Lit, no DOM. Validity is the core's alone (`validateRubric`); this module only says which
 * field an issue is about.
 */
import { DEFAULT_GRADES, type RubricIssue } from '@gualian/core/assessment';

/** A JSON object as written. */
export type Json = Record<string, unknown>;

/** A draft section: its items are drafts too. */
export interface DraftSection extends Json {
  items: Json[];
}

/** A rubric being edited. */
export interface Draft extends Json {
  range: Json;
  facts: Json[];
  sections: DraftSection[];
  grades: Json[];
  quota?: Json;
}

const isObject = (x: unknown): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x);
const objects = (x: unknown): Json[] => (Array.isArray(x) ? x.map((o) => (isObject(o) ? o : {})) : []);

/**
 * A draft of a rubric (or of anything read from a file): a deep copy, with the parts the form
 * edits made present. Left-out defaults are written out as the core fills them in (the range
 * 0–100, no declared facts, the four usual grades), so the draft scores the same.
 * @example
 * const draft = toDraft(EXAMPLE_CADRE_RUBRIC);
 * draft.sections[0].items[0].formula; // '40 * min(1, pairedVisits / max(visitsRequired, 1))'
 */
export function toDraft(input: unknown): Draft {
  const copy: Json = isObject(input) ? (JSON.parse(JSON.stringify(input)) as Json) : {};
  const sections = objects(copy['sections']).map((s) => ({ ...s, items: objects(s['items']) }));
  const draft: Draft = {
    ...copy,
    range: isObject(copy['range']) ? copy['range'] : { min: 0, max: 100 },
    facts: objects(copy['facts']),
    sections,
    grades: 'grades' in copy ? objects(copy['grades']) : DEFAULT_GRADES.map((g) => JSON.parse(JSON.stringify(g)) as Json),
  };
  if ('quota' in copy) {
    if (isObject(copy['quota'])) draft.quota = copy['quota'];
    else delete draft.quota;
  }
  if (draft['subject'] === undefined) draft['subject'] = 'cadre';
  return draft;
}

/**
 * The draft as JSON text (what export writes and validation reads): fields left empty are
 * left out.
 * @example
 * JSON.parse(draftJson(draft)); // what validateRubric is given
 */
export function draftJson(draft: Draft, indent = 2): string {
  return JSON.stringify(draft, null, indent);
}

/** A blank rubric to start from: one section with one item, the usual grades. */
export function blankDraft(): Draft {
  return toDraft({ id: '', name: '', sections: [{ id: 'section-1', label: '', items: [blankItem(1)] }] });
}

/** A new item for a section. */
export function blankItem(n: number): Json {
  return { id: `item-${n}`, label: '', kind: 'base', fact: '', points: 1 };
}

/** A new section. */
export function blankSection(n: number): DraftSection {
  return { id: `section-${n}`, label: '', items: [blankItem(1)] };
}

/** An id not yet used among `taken`, as `prefix-n`. */
export function freshId(prefix: string, taken: readonly unknown[]): string {
  const used = new Set(taken.map(String));
  for (let n = taken.length + 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/**
 * A number field's text as the JSON value: '' leaves the field out, a number is a number, and
 * anything else stays text, so that validation names it rather than the form hiding it.
 * @example
 * numberValue(' 7.5 '); // 7.5
 * numberValue('');      // undefined
 * numberValue('七');    // '七' (validation reports it)
 */
export function numberValue(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/** A JSON value as the text of a field. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** The key validation names a section or item by: its id, or `#n` when it has none. */
export function idKey(o: Json, index: number): string {
  const id = o['id'];
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : `#${index + 1}`;
}

/** The place of a field in the form: a block (`rubric`, `fact:2`, `section:visits`, `item:visits/made`, `grade:pass`, `quota`) and a field name. */
export interface Place {
  at: string;
  field: string;
}

/**
 * Where in the form an issue belongs: the section, item, grade, declared fact or quota it names,
 * and its field (`cap`, `formula`, `range.min`, …; '' for the block itself).
 * @example
 * placeOf({ code: 'rubric.unknown-fact', section: 'visits', item: 'made', field: 'fact', details: { fact: 'visit' } }, draft);
 * // { at: 'item:visits/made', field: 'fact' }
 */
export function placeOf(issue: RubricIssue, draft: Draft): Place {
  const field = issue.field ?? '';
  const first = field.split('.')[0] ?? '';
  if (issue.item !== undefined) return { at: `item:${(issue.section ?? '').trim()}/${issue.item.trim()}`, field: first };
  if (issue.section !== undefined) return { at: `section:${issue.section.trim()}`, field: first };
  if (issue.grade !== undefined) return { at: `grade:${issue.grade.trim()}`, field: first };
  const facts = /^facts\.(\d+)(?:\.(.*))?$/.exec(field);
  if (facts) return { at: `fact:${facts[1]}`, field: (facts[2] ?? '').split('.')[0] ?? '' };
  if (field === 'facts') {
    const name = issue.details['fact'] ?? issue.details['id'];
    // The later declaration is the one at fault (the first of a name is kept).
    let at = -1;
    draft.facts.forEach((f, k) => {
      if (f['name'] === name) at = k;
    });
    if (at >= 0) return { at: `fact:${at}`, field: 'name' };
  }
  if (field === 'quota' || field.startsWith('quota.')) return { at: 'quota', field: field.slice('quota.'.length) };
  if (field.startsWith('range')) return { at: 'rubric', field };
  return { at: 'rubric', field: first };
}

/** Move an element of an array by `delta` places (a no-op at either end). */
export function move<T>(list: T[], index: number, delta: number): boolean {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return false;
  const [x] = list.splice(index, 1);
  list.splice(to, 0, x!);
  return true;
}
