/**
 * Dispute records as zod schemas, the single source of truth: a case's facts (where it came
 * from, what it is about, who the parties are, where it happened, how grave it is, which level
 * holds it), the events of its life, and the record entries that chain them. The TypeScript
 * types are inferred from them.
 *
 * Contact data of the parties (phone numbers, ID numbers, addresses) never appears on a case or
 * an event: it is a record of its own ({@link partyContactSchema}), keyed by case and party, so
 * that the record can be exported, shared and verified while the contacts are withheld.
 *
 * The event schemas only check: they never trim, default or rewrite a value, so an event parsed
 * from a file is the event that was hashed.
 */
import * as z from 'zod/mini';
import { dateSchema, timestampSchema as instantSchema } from '../time/schema.js';
import { isDivisionCode, normalizeCode } from '../hierarchy/codes.js';

/**
 * Where a dispute was found: a gridder, a paired cadre, the hotline, a petition, a walk-in, a police referral.
 * @example
 * CASE_SOURCES.map((s) => translate(`dispute.source.${s}`, 'zh-Hans')); // ['网格员', '挂联干部', …]
 */
export const CASE_SOURCES = ['gridder', 'paired-cadre', 'hotline', 'petition', 'walk-in', 'police-referral', 'other'] as const;
/** Where a dispute was found. */
export type CaseSource = (typeof CASE_SOURCES)[number];

/**
 * The usual categories (婚姻家庭, 邻里, 债务, 土地资源, 劳动, 企业, 其他). A place may use its own:
 * any other non-blank name is accepted and counted as it is.
 * @example
 * const category = CASE_CATEGORIES.includes(c as KnownCategory) ? translate(`dispute.category.${c}`) : c;
 */
export const CASE_CATEGORIES = ['marriage-family', 'neighbours', 'debts', 'land-resources', 'labour', 'enterprises', 'other'] as const;
/** A known category. */
export type KnownCategory = (typeof CASE_CATEGORIES)[number];

/**
 * How grave a matter is: general (一般), major (重大), very major (特别重大).
 * @example
 * SEVERITIES.indexOf('major'); // 1
 */
export const SEVERITIES = ['general', 'major', 'very-major'] as const;
/** A case's severity. */
export type Severity = (typeof SEVERITIES)[number];

/**
 * The levels that hold and resolve cases, bottom up (小事不出村、大事不出镇).
 * @example
 * CASE_LEVELS[CASE_LEVELS.indexOf('village') + 1]; // 'township': one level up
 */
export const CASE_LEVELS = ['village', 'township', 'county', 'prefecture'] as const;
/** A level holding a case. */
export type CaseLevel = (typeof CASE_LEVELS)[number];

/**
 * Who acts on a case: the registrar (登记), the handler (承办) and the reviewer (审核, the leadership).
 * @example
 * ACTOR_ROLES.filter((r) => DEFAULT_PERMISSIONS.archived.includes(r)); // ['registrar', 'reviewer']
 */
export const ACTOR_ROLES = ['registrar', 'handler', 'reviewer'] as const;
/** An actor's role. */
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * Risk flags commonly recorded; any other non-blank flag is accepted.
 * @example
 * facts.riskFlags.filter((f) => RISK_FLAGS.includes(f as (typeof RISK_FLAGS)[number]));
 */
export const RISK_FLAGS = ['violence', 'mass-incident', 'repeat-petition', 'vulnerable-party', 'extreme-behaviour', 'public-opinion'] as const;

/**
 * Where a case is referred: a court (诉讼), arbitration (仲裁), or another authority (其他有权机关).
 * @example
 * REFERRAL_TARGETS.map((t) => translate(`dispute.referral.${t}`, 'en')); // ['litigation', 'arbitration', 'another authority']
 */
export const REFERRAL_TARGETS = ['litigation', 'arbitration', 'authority'] as const;

/**
 * The states of a case. `agreement` is 达成协议, `confirmed` 司法确认 granted, `archived` 归档;
 * `withdrawn` and `merged` (as a duplicate) end a case early. A petition answered (`answered`,
 * 出具处理意见) or declined may be reviewed (`review-requested` → `reviewed`, 复查) and the review
 * re-reviewed (`re-review-requested` → `re-reviewed`, 复核).
 * @example
 * CASE_STATUSES.map((s) => ({ status: s, cases: summary.byStatus[s] })); // a board's columns
 */
export const CASE_STATUSES = [
  'registered',
  'accepted',
  'declined',
  'assigned',
  'mediating',
  'agreement',
  'mediation-failed',
  'confirmation-applied',
  'confirmed',
  'confirmation-refused',
  'referred',
  'escalated',
  'sent-down',
  'followed-up',
  'archived',
  'withdrawn',
  'merged',
  'answered',
  'review-requested',
  'reviewed',
  're-review-requested',
  're-reviewed',
] as const;
/** A state of a case. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * The events of a case's life. Most move the case to a state; the task-force events, a
 * deadline extension and a change of severity are recorded without changing it. The petition
 * events (`answered`, `review-requested`, `review-answered`, `re-review-requested`,
 * `re-review-answered`) follow the Petition Work Regulations (信访工作条例, 2022).
 * @example
 * CASE_EVENT_TYPES.filter((t) => EVENT_STATUS[t] === null); // ['taskforce-formed', 'duty-progress', 'deadline-extended', 'severity-changed']
 */
export const CASE_EVENT_TYPES = [
  'registered',
  'accepted',
  'declined',
  'assigned',
  'mediation-started',
  'agreement-reached',
  'mediation-failed',
  'confirmation-applied',
  'confirmation-granted',
  'confirmation-refused',
  'referred',
  'escalated',
  'sent-down',
  'followed-up',
  'archived',
  'withdrawn',
  'merged',
  'taskforce-formed',
  'duty-progress',
  'deadline-extended',
  'answered',
  'review-requested',
  'review-answered',
  're-review-requested',
  're-review-answered',
  'severity-changed',
] as const;
/** The type of an event. */
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

// Checks only, no transforms (see the module's comment).
const describe = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.describe(description)) as T;
const NO_EDGE_SPACE = /^\S(?:[\s\S]*\S)?$/;
/** An id: 1–128 characters, no spaces at either end. @internal */
export const idSchema = describe(z.string().check(z.minLength(1), z.maxLength(128), z.regex(NO_EDGE_SPACE, 'expect.trimmed')), 'A stable id.');
const text = (max = 4000) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(NO_EDGE_SPACE, 'expect.trimmed'));
const name = text(64);
/** An ISO 8601 date and time with its offset, as `2024-03-01T09:30:00+08:00`. @internal */
export const timestampSchema = describe(instantSchema, 'A date and time with its offset (ISO 8601).');
/** A calendar date, `YYYY-MM-DD`. @internal */
export const isoDateSchema = describe(dateSchema, 'A date (YYYY-MM-DD).');
/** A division, grid or household-unit code in its short form (`530602001001`, `530602001001-003-07`). @internal */
export const placeCodeSchema = describe(
  z.string().check(z.refine((s) => isDivisionCode(s) && normalizeCode(s) === s, 'expect.short-code')),
  'A division, grid or household-unit code (short form).',
);

/**
 * Who did something: their id, role, unit (司法所, 综治中心, …) and the division they act for.
 * @example
 * actorSchema.parse({ id: 'H-0101', role: 'handler', unit: '旧圃镇司法所', division: '530602101' });
 */
export const actorSchema = z.strictObject({
  id: idSchema,
  role: z.enum(ACTOR_ROLES),
  unit: name,
  /** The division the actor acts for: they may act on cases placed within it. */
  division: placeCodeSchema,
});
/** An actor. */
export type Actor = z.output<typeof actorSchema>;

/**
 * A party to a dispute: a person or an organisation, without contact data.
 * @example
 * partySchema.parse({ id: 'p1', kind: 'person', name: '王建国', side: 'applicant' });
 */
export const partySchema = z.strictObject({
  id: idSchema,
  kind: z.enum(['person', 'organisation']),
  name: text(200),
  side: z.optional(z.enum(['applicant', 'respondent', 'third-party'])),
});
/** A party. */
export type Party = z.output<typeof partySchema>;

/**
 * A party's contact data, kept apart from the case and its events so that it can be withheld:
 * store it where only those who need it can read it, and join it by case and party id.
 * @example
 * partyContactSchema.parse({ caseId: 'ZT-2024-000001', partyId: 'p1', phone: '13800000000' });
 */
export const partyContactSchema = z.strictObject({
  caseId: idSchema,
  partyId: idSchema,
  phone: z.optional(text(40)),
  idNumber: z.optional(text(40)),
  address: z.optional(text(400)),
});
/** A party's contact data. */
export type PartyContact = z.output<typeof partyContactSchema>;

/**
 * What a case is: given when it is registered.
 * @example
 * caseFactsSchema.parse({ source: 'gridder', category: 'neighbours', parties, place: '530602101001-003-07',
 *   severity: 'general', riskFlags: [], level: 'village', summary: '宅基地边界纠纷' });
 */
export const caseFactsSchema = z
  .strictObject({
    source: z.enum(CASE_SOURCES),
    /** One of {@link CASE_CATEGORIES} or a place's own category. */
    category: name,
    parties: z.array(partySchema).check(z.minLength(1)),
    /** Where it happened: a division, grid or household-unit code. */
    place: placeCodeSchema,
    severity: z.enum(SEVERITIES),
    riskFlags: z.array(name),
    /** The level that holds the case when it is registered. */
    level: z.enum(CASE_LEVELS),
    summary: text(),
    /** The hotline work order that opened the case, if one did. */
    workOrderId: z.optional(idSchema),
  })
  .check(z.refine((f) => new Set(f.parties.map((p) => p.id)).size === f.parties.length, { message: 'expect.unique', path: ['parties'] }));
/** A case's facts. */
export type CaseFacts = z.output<typeof caseFactsSchema>;

const member = z.strictObject({ id: idSchema, name: z.optional(text(200)), unit: name });
/** A member of a task force (the lead is one too): id, name, unit. */
export type TaskForceMember = z.output<typeof member>;
const duty = z.strictObject({ id: idSchema, title: text(400), assignee: idSchema, due: isoDateSchema });
/** A duty of a task force: what, who (a member's id) and by when. */
export type TaskForceDuty = z.output<typeof duty>;

const reason = z.strictObject({ reason: text() });
/** A petition's written answer (信访处理意见); the days to ask for a review run from `deliveredOn` when given. */
const answer = z.strictObject({ opinion: text(), deliveredOn: z.optional(isoDateSchema) });
/** A review's (or re-review's) answer: the first answer upheld (维持), changed (变更) or revoked (撤销). */
const reviewAnswer = z.strictObject({ outcome: z.enum(['upheld', 'changed', 'revoked']), opinion: text(), deliveredOn: z.optional(isoDateSchema) });
const note = z.strictObject({ note: z.optional(text()) });

/** The payload of each event type. */
const PAYLOADS = {
  registered: caseFactsSchema,
  accepted: note,
  declined: reason,
  assigned: z.strictObject({ unit: name, handler: idSchema, note: z.optional(text()) }),
  'mediation-started': z.strictObject({ mediators: z.optional(z.array(idSchema)), note: z.optional(text()) }),
  'agreement-reached': z.strictObject({
    terms: text(),
    /** Every party's consent (签字, 按印, 盖章, or oral consent recorded by the mediator). */
    consents: z.array(z.strictObject({ party: idSchema, form: z.enum(['signature', 'thumbprint', 'seal', 'oral']) })),
    /** The day the agreement takes effect, when not the day it was reached. */
    effectiveOn: z.optional(isoDateSchema),
  }),
  'mediation-failed': reason,
  'confirmation-applied': z.strictObject({ court: name }),
  'confirmation-granted': z.strictObject({ ruling: z.optional(text(200)) }),
  'confirmation-refused': reason,
  referred: z.strictObject({ to: z.enum(REFERRAL_TARGETS), body: text(200), reason: z.optional(text()) }),
  escalated: z.strictObject({ to: z.enum(CASE_LEVELS), reason: text() }),
  'sent-down': z.strictObject({ to: z.enum(CASE_LEVELS), reason: text() }),
  'followed-up': z.strictObject({ outcome: z.enum(['satisfied', 'unsatisfied', 'unreachable']), note: z.optional(text()) }),
  archived: note,
  withdrawn: reason,
  merged: z.strictObject({ into: idSchema }),
  'taskforce-formed': z.strictObject({ lead: member, members: z.array(member).check(z.minLength(1)), duties: z.array(duty).check(z.minLength(1)) }),
  'duty-progress': z.strictObject({ duty: idSchema, note: text(), done: z.optional(z.boolean()) }),
  'deadline-extended': z.strictObject({ rule: idSchema, days: z.number().check(z.int(), z.gte(1), z.lte(365)), reason: text() }),
  answered: answer,
  'review-requested': reason,
  'review-answered': reviewAnswer,
  're-review-requested': reason,
  're-review-answered': reviewAnswer,
  'severity-changed': z.strictObject({ to: z.enum(SEVERITIES), reason: text() }),
} as const;

const eventOf = <T extends CaseEventType>(type: T) =>
  z.strictObject({ id: idSchema, caseId: idSchema, type: z.literal(type), at: timestampSchema, actor: actorSchema, payload: PAYLOADS[type] as (typeof PAYLOADS)[T] });

/**
 * One event of a case: its id, the case, the type, when (`at`, with its offset; the time is
 * given, never read from the clock), who (`actor`) and the type's payload.
 * @example
 * caseEventSchema.parse({
 *   id: 'E1', caseId: 'ZT-2024-000001', type: 'accepted', at: '2024-03-01T09:30:00+08:00',
 *   actor: { id: 'R01', role: 'registrar', unit: '守望乡综治中心', division: '530602200' }, payload: {},
 * });
 */
export const caseEventSchema = z.discriminatedUnion('type', [
  eventOf('registered'),
  eventOf('accepted'),
  eventOf('declined'),
  eventOf('assigned'),
  eventOf('mediation-started'),
  eventOf('agreement-reached'),
  eventOf('mediation-failed'),
  eventOf('confirmation-applied'),
  eventOf('confirmation-granted'),
  eventOf('confirmation-refused'),
  eventOf('referred'),
  eventOf('escalated'),
  eventOf('sent-down'),
  eventOf('followed-up'),
  eventOf('archived'),
  eventOf('withdrawn'),
  eventOf('merged'),
  eventOf('taskforce-formed'),
  eventOf('duty-progress'),
  eventOf('deadline-extended'),
  eventOf('answered'),
  eventOf('review-requested'),
  eventOf('review-answered'),
  eventOf('re-review-requested'),
  eventOf('re-review-answered'),
  eventOf('severity-changed'),
]);
/** An event of a case. */
export type CaseEvent = z.output<typeof caseEventSchema>;
/** The event of one type. */
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
/** The payload of one event type. */
export type CasePayload<T extends CaseEventType> = CaseEventOf<T>['payload'];

/** The fields the record adds to an event: its position, the previous entry's hash and its own. @internal */
export const chainFieldsSchema = z.object({
  seq: z.number().check(z.int(), z.gte(0)),
  prev: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expect.hash')),
  hash: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expect.hash')),
});
/**
 * An event as the record holds it: the event, its position `seq` (0, 1, 2, …), the hash of the
 * entry before it (`prev`; 64 zeros for the first) and its own `hash`, the SHA-256 of the
 * entry's canonical JSON without `hash`.
 */
export type RecordEntry<E = CaseEvent> = E & { seq: number; prev: string; hash: string };
