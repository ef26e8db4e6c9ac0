/**
 * 12345 hotline work orders: received, dispatched to a unit, signed for (签收), handled,
 * completed, called back (回访) and rated satisfied or not; returned (退单) by a unit that
 * declines and dispatched again. Like cases, an order's state is a fold of its events. Limits
 * (sign-for, completion, call-back) are set locally per order type; the measures per unit and
 * month (on-time completion rate, satisfaction rate, counts) and the monthly red/black list
 * (红黑榜) are computed from the states. An order can open a dispute case and stay linked to it.
 */
import * as z from 'zod/mini';
import { isoDate } from '../time/days.js';
import { timestampMs } from '../time/schema.js';
import { parseRecord, parseRecords, recordIssues, RecordsError, type ParseMode, type RecordIssue } from '../errors/schema.js';
import { fastCheck, type FastCheck } from './validate.js';
import { DisputeError } from './errors.js';
import { civilDay, invalidEvent } from './lifecycle.js';
import { compilePolicy, workCalendarSchema, type CompiledPolicy } from './policy.js';
import { idSchema, placeCodeSchema, timestampSchema, type Actor, type CaseEventOf, type CaseFacts } from './schema.js';
import { dayOfMoment, type DueItem } from './deadlines.js';

/**
 * The usual order types: consultation (咨询), request for help (求助), complaint (投诉), report (举报), suggestion (建议); a place may add its own.
 * @example
 * WORK_ORDER_TYPES.map((t) => translate(`workorder.type.${t}`)); // ['咨询', '求助', '投诉', '举报', '建议']
 */
export const WORK_ORDER_TYPES = ['consultation', 'request', 'complaint', 'report', 'suggestion'] as const;

/**
 * The states of a work order.
 * @example
 * WORK_ORDER_STATUSES.indexOf('completed') > WORK_ORDER_STATUSES.indexOf('signed'); // true
 */
export const WORK_ORDER_STATUSES = ['received', 'dispatched', 'signed', 'returned', 'handled', 'completed', 'called-back', 'rated'] as const;
/** A state of a work order. */
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/**
 * The events of a work order; `linked` ties it to a dispute case and leaves its state as it is.
 * @example
 * WORK_ORDER_EVENT_TYPES.includes('returned'); // true: 退单
 */
export const WORK_ORDER_EVENT_TYPES = ['received', 'dispatched', 'signed', 'returned', 'handled', 'completed', 'called-back', 'rated', 'linked'] as const;
/** The type of a work-order event. */
export type WorkOrderEventType = (typeof WORK_ORDER_EVENT_TYPES)[number];

const NO_EDGE_SPACE = /^\S(?:[\s\S]*\S)?$/;
const text = (max = 4000) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(NO_EDGE_SPACE, 'expect.trimmed'));
const optionalNote = z.optional(text());

const PAYLOADS = {
  received: z.strictObject({
    /** One of {@link WORK_ORDER_TYPES} or a local type. */
    orderType: text(64),
    summary: text(),
    channel: z.optional(z.enum(['phone', 'web', 'app', 'letter', 'other'])),
    place: z.optional(placeCodeSchema),
  }),
  dispatched: z.strictObject({ unit: text(64), note: optionalNote }),
  signed: z.strictObject({ note: optionalNote }),
  returned: z.strictObject({ reason: text() }),
  handled: z.strictObject({ note: text() }),
  completed: z.strictObject({ note: optionalNote }),
  'called-back': z.strictObject({ reached: z.boolean(), note: optionalNote }),
  rated: z.strictObject({ satisfied: z.boolean(), note: optionalNote }),
  linked: z.strictObject({ caseId: idSchema }),
} as const;

const orderEvent = <T extends WorkOrderEventType>(type: T) =>
  z.strictObject({ id: idSchema, orderId: idSchema, type: z.literal(type), at: timestampSchema, actor: z.strictObject({ id: idSchema, unit: text(64) }), payload: PAYLOADS[type] as (typeof PAYLOADS)[T] });

/**
 * One event of a work order: id, order, type, when, who (id and unit) and the payload.
 * @example
 * workOrderEventSchema.parse({ id: 'W1-1', orderId: 'W1', type: 'dispatched', at: '2024-03-01T09:05:00+08:00',
 *   actor: { id: 'op7', unit: '12345热线' }, payload: { unit: '昭阳区住建局' } });
 */
export const workOrderEventSchema = z.discriminatedUnion('type', [
  orderEvent('received'),
  orderEvent('dispatched'),
  orderEvent('signed'),
  orderEvent('returned'),
  orderEvent('handled'),
  orderEvent('completed'),
  orderEvent('called-back'),
  orderEvent('rated'),
  orderEvent('linked'),
]);
/** A work-order event. */
export type WorkOrderEvent = z.output<typeof workOrderEventSchema>;
/** The work-order event of one type. */
export type WorkOrderEventOf<T extends WorkOrderEventType> = Extract<WorkOrderEvent, { type: T }>;

/**
 * The limits of one order type: sign for within hours, complete and call back within days.
 * Unknown keys are refused.
 * @example
 * workOrderLimitSchema.parse({ signForHours: 2, completeDays: 3 }); // count: 'working', callBackDays: 3
 */
export const workOrderLimitSchema = z.strictObject({
  signForHours: z._default(z.number().check(z.gt(0), z.lte(24 * 365)), 24),
  completeDays: z.number().check(z.int(), z.gte(0), z.lte(3650)),
  callBackDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(3650)), 3),
  count: z._default(z.enum(['calendar', 'working']), 'working'),
});
/** The limits of an order type. */
export type WorkOrderLimit = z.output<typeof workOrderLimitSchema>;

/**
 * Example limits, to be replaced by the place's own (hotline limits are set locally): sign for
 * within 2 hours (consultations) or 24 hours; complete within 1 working day (consultations), 5
 * (requests for help, complaints) or 15 (reports, suggestions); call back within 3 working days.
 * @example
 * const policy = { limits: { ...DEFAULT_WORK_ORDER_LIMITS, complaint: { signForHours: 2, completeDays: 3, callBackDays: 2, count: 'working' } } };
 */
export const DEFAULT_WORK_ORDER_LIMITS: Readonly<Record<string, WorkOrderLimit>> = {
  consultation: { signForHours: 2, completeDays: 1, callBackDays: 3, count: 'working' },
  request: { signForHours: 24, completeDays: 5, callBackDays: 3, count: 'working' },
  complaint: { signForHours: 24, completeDays: 5, callBackDays: 3, count: 'working' },
  report: { signForHours: 24, completeDays: 15, callBackDays: 3, count: 'working' },
  suggestion: { signForHours: 24, completeDays: 15, callBackDays: 3, count: 'working' },
};

/**
 * A work-order policy: limits per order type (types not listed use `fallback`), the working
 * calendar, the red/black list's weights, and optionally the hotline's dispatching units (only
 * they may receive, dispatch, call back, rate and link orders). Unknown keys are refused at
 * every depth, and so are weights that are all zero (a ranking by nothing).
 * @example
 * const policy = workOrderPolicySchema.parse({ limits: { complaint: { completeDays: 3 } }, dispatchers: ['12345热线'] });
 */
export const workOrderPolicySchema = z.strictObject({
  limits: z._default(z.record(z.string().check(z.minLength(1), z.maxLength(64)), workOrderLimitSchema), () => ({ ...DEFAULT_WORK_ORDER_LIMITS })),
  fallback: z._default(workOrderLimitSchema, { signForHours: 24, completeDays: 5, callBackDays: 3, count: 'working' }),
  calendar: z._default(workCalendarSchema, { holidays: [], workdays: [], rollOver: true }),
  /**
   * How the red/black list weighs the rates (a missing rate is left out and the others count
   * alone): on-time completion and satisfaction by default; timely sign-for and call-back may be
   * weighed in too.
   */
  weights: z._default(
    z
      .strictObject({
        onTime: z._default(z.number().check(z.gte(0)), 0.5),
        satisfaction: z._default(z.number().check(z.gte(0)), 0.5),
        signFor: z._default(z.number().check(z.gte(0)), 0),
        callBack: z._default(z.number().check(z.gte(0)), 0),
      })
      .check(z.refine((w) => w.onTime + w.satisfaction + w.signFor + w.callBack > 0, 'expect.some-weight')),
    { onTime: 0.5, satisfaction: 0.5, signFor: 0, callBack: 0 },
  ),
  /** The hotline's units (12345热线): when given, only their actors may receive, dispatch, call back, rate and link. */
  dispatchers: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1))),
});
/** A work-order policy with its defaults. */
export type WorkOrderPolicy = z.output<typeof workOrderPolicySchema>;
/** A work-order policy as written. */
export type WorkOrderPolicyInput = z.input<typeof workOrderPolicySchema>;

/** One dispatch of an order to a unit, and what the unit did with it. */
export interface WorkOrderDispatch {
  readonly unit: string;
  readonly at: string;
  readonly signedAt?: string;
  readonly returnedAt?: string;
  readonly reason?: string;
}

/** A work order as its events leave it. `unit` is the unit it is with now (the last dispatch). */
export interface WorkOrderState {
  readonly id: string;
  readonly orderType: string;
  readonly status: WorkOrderStatus;
  readonly summary: string;
  readonly place?: string;
  readonly receivedAt: string;
  readonly lastAt: string;
  readonly dispatches: readonly WorkOrderDispatch[];
  readonly unit?: string;
  readonly handledAt?: string;
  readonly completedAt?: string;
  readonly callBacks: number;
  /** The first call-back (回访) attempt: its timeliness is measured. */
  readonly firstCalledBackAt?: string;
  readonly calledBackAt?: string;
  readonly reached?: boolean;
  readonly rating?: 'satisfied' | 'unsatisfied';
  readonly ratedAt?: string;
  /** The dispute case it opened or was linked to. */
  readonly caseId?: string;
  readonly events: number;
}

const TRANSITIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderEventType[]>> = {
  received: ['dispatched', 'linked'],
  dispatched: ['signed', 'returned', 'linked'],
  signed: ['handled', 'returned', 'linked'],
  returned: ['dispatched', 'linked'],
  handled: ['completed', 'linked'],
  completed: ['called-back', 'linked'],
  'called-back': ['called-back', 'rated', 'linked'],
  rated: ['linked'],
};

/**
 * The events that may be recorded on an order now (`['received']` for a new one).
 * @example
 * allowedWorkOrderEvents(order); // ['signed', 'returned', 'linked'] once dispatched
 */
export function allowedWorkOrderEvents(state: WorkOrderState | undefined): WorkOrderEventType[] {
  if (!state) return ['received'];
  return TRANSITIONS[state.status].filter((t) => !(t === 'linked' && state.caseId !== undefined) && !(t === 'rated' && !state.reached));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Options of {@link applyWorkOrderEvent}. */
export interface WorkOrderOptions {
  /** The policy (its `dispatchers` say who may dispatch); limits do not affect the fold. */
  policy?: WorkOrderPolicyInput;
}

/**
 * Apply one event to a work order and return the new state (the given one is unchanged). An
 * actor acts only for its own unit: signing for, returning, handling and completing are done by
 * the unit the order is with; with the policy's `dispatchers`, receiving, dispatching, calling
 * back, rating and linking only by them.
 * @throws {DisputeError} `workorder.illegal-event` (naming the state and the event),
 * `workorder.unknown-order`, `workorder.invalid-event` (with every field at fault in `issues`),
 * `workorder.time-order`, `workorder.not-reached` (rated without reaching the caller),
 * `workorder.already-linked`, `workorder.wrong-unit`, `workorder.not-dispatcher`.
 * @example
 * let order = applyWorkOrderEvent(undefined, received);
 * order = applyWorkOrderEvent(order, dispatched);
 * order.unit; // '昭阳区住建局'
 */
export function applyWorkOrderEvent(state: WorkOrderState | undefined, event: WorkOrderEvent, options: WorkOrderOptions = {}): WorkOrderState {
  const r = workOrderEventSchema.safeParse(event);
  if (!r.success) throw invalidEvent('workorder.invalid-event', event, recordIssues(r.error.issues, event, 'work-order-event', 0));
  return orderStep(state, event, false, compileOrders(options.policy));
}

/** What {@link replayWorkOrders} returns: every event is applied, refused or an issue. */
export interface WorkOrderReplay {
  orders: Map<string, WorkOrderState>;
  /** Events the schema accepted and the lifecycle refused, with their position and error. */
  refused: { position: number; id: string; error: DisputeError }[];
  /** In `lenient` mode: every field of every event the schema refused, with its position (`index`). */
  issues: RecordIssue[];
}

/**
 * Replay work-order events, in order, into the state of every order. Every event is checked
 * against its schema exactly as {@link applyWorkOrderEvent} checks it: in `strict` mode (the
 * default) one malformed event refuses the whole input with a `RecordsError` listing every
 * issue; in `lenient` mode the malformed events are returned in `issues` (position, field,
 * reason) and the others replayed. Events the lifecycle refuses are listed in `refused` and the
 * replay goes on. The accounting is exact: each input is applied (counted in its order's
 * `events`), refused, or reported in `issues`.
 * @throws {RecordsError} in `strict` mode, when an event is malformed.
 * @example
 * const { orders, refused } = replayWorkOrders(events);
 * const { issues } = replayWorkOrders(rowsFromAFile, { mode: 'lenient' });
 * issues.map((i) => describeRecordIssue(i, 'zh-Hans')); // ['第 3 条工单事件（W1-3），时间：…']
 */
export function replayWorkOrders(events: Iterable<WorkOrderEvent>, options: WorkOrderOptions & { mode?: ParseMode } = {}): WorkOrderReplay {
  const policy = compileOrders(options.policy);
  // Each event is checked as applyWorkOrderEvent checks it: a quick check built from the schema
  // passes the well-formed ones, and the schema itself names the field and reason of the others.
  quickCheck ??= fastCheck(workOrderEventSchema);
  const orders = new Map<string, WorkOrderState>();
  const refused: WorkOrderReplay['refused'] = [];
  const issues: RecordIssue[] = [];
  let position = -1;
  for (const input of events) {
    position++;
    let e = input;
    if (!quickCheck(input)) {
      const r = workOrderEventSchema.safeParse(input);
      if (!r.success) {
        for (const i of recordIssues(r.error.issues, input, 'work-order-event', position)) issues.push(i);
        continue;
      }
      e = r.data;
    }
    try {
      const before = orders.get(e.orderId);
      const after = orderStep(before, e, before !== undefined, policy);
      if (after !== before) orders.set(e.orderId, after);
    } catch (err) {
      if (!(err instanceof DisputeError)) throw err;
      refused.push({ position, id: e.id, error: err });
    }
  }
  if ((options.mode ?? 'strict') === 'strict' && issues.length > 0) throw new RecordsError(issues, 'work-order-event');
  return { orders, refused, issues };
}

let quickCheck: FastCheck | undefined;

/** The events a unit does for itself, and those of the hotline that dispatches. */
const UNIT_EVENTS: ReadonlySet<WorkOrderEventType> = new Set<WorkOrderEventType>(['signed', 'returned', 'handled', 'completed']);

function orderStep(state: WorkOrderState | undefined, e: WorkOrderEvent, mutate: boolean, policy: CompiledOrders): WorkOrderState {
  const dispatchers = policy.policy.dispatchers;
  if (dispatchers && !UNIT_EVENTS.has(e.type) && !dispatchers.includes(e.actor.unit)) throw new DisputeError('workorder.not-dispatcher', { order: e.orderId, actor: e.actor.id, actorUnit: e.actor.unit, event: e.type });
  if (!state) {
    if (e.type !== 'received') throw new DisputeError('workorder.unknown-order', { order: e.orderId, event: e.type });
    return { id: e.orderId, orderType: e.payload.orderType, status: 'received', summary: e.payload.summary, ...(e.payload.place ? { place: e.payload.place } : {}), receivedAt: e.at, lastAt: e.at, dispatches: [], callBacks: 0, events: 1 };
  }
  if (e.orderId !== state.id) throw new DisputeError('workorder.unknown-order', { order: e.orderId, event: e.type });
  if (e.type === 'received' || !TRANSITIONS[state.status].includes(e.type)) throw new DisputeError('workorder.illegal-event', { order: state.id, state: state.status, event: e.type });
  if (timestampMs(e.at) < timestampMs(state.lastAt)) throw new DisputeError('workorder.time-order', { order: state.id, at: e.at, last: state.lastAt });
  // A unit acts only on the orders it holds.
  if (UNIT_EVENTS.has(e.type) && e.actor.unit !== state.unit) throw new DisputeError('workorder.wrong-unit', { order: state.id, unit: state.unit ?? '', actor: e.actor.id, actorUnit: e.actor.unit, event: e.type });
  if (e.type === 'rated' && !state.reached) throw new DisputeError('workorder.not-reached', { order: state.id });
  if (e.type === 'linked' && state.caseId !== undefined) throw new DisputeError('workorder.already-linked', { order: state.id, case: state.caseId });
  const d = (mutate ? state : { ...state }) as Mutable<WorkOrderState>;
  const dispatches = (mutate ? state.dispatches : state.dispatches.slice()) as WorkOrderDispatch[];
  const last = dispatches.length - 1;
  switch (e.type) {
    case 'dispatched':
      dispatches.push({ unit: e.payload.unit, at: e.at });
      d.unit = e.payload.unit;
      break;
    case 'signed':
      dispatches[last] = { ...dispatches[last]!, signedAt: e.at };
      break;
    case 'returned':
      dispatches[last] = { ...dispatches[last]!, returnedAt: e.at, reason: e.payload.reason };
      d.unit = undefined;
      break;
    case 'handled':
      d.handledAt = e.at;
      break;
    case 'completed':
      d.completedAt = e.at;
      break;
    case 'called-back':
      d.callBacks = state.callBacks + 1;
      d.firstCalledBackAt ??= e.at;
      d.calledBackAt = e.at;
      d.reached = e.payload.reached;
      break;
    case 'rated':
      d.rating = e.payload.satisfied ? 'satisfied' : 'unsatisfied';
      d.ratedAt = e.at;
      break;
    case 'linked':
      d.caseId = e.payload.caseId;
      break;
  }
  d.dispatches = dispatches;
  if (e.type !== 'linked') d.status = e.type;
  d.lastAt = e.at;
  d.events = state.events + 1;
  return d;
}

interface CompiledOrders {
  policy: WorkOrderPolicy;
  calendar: CompiledPolicy;
  limit(type: string): WorkOrderLimit;
}
const compiledOrders = new WeakMap<object, CompiledOrders>();
let defaultOrders: CompiledOrders | undefined;

/**
 * Parse a work-order policy as written: every default filled in, or a `SchemaError` naming each
 * field at fault (an unknown key, all weights zero), never a raw zod error.
 * @throws {SchemaError} `schema.invalid`.
 * @example
 * const policy = parseWorkOrderPolicy({ limits: { complaint: { completeDays: 3 } } });
 */
export function parseWorkOrderPolicy(input: unknown): WorkOrderPolicy {
  return parseRecord(workOrderPolicySchema, input, 'work-order-policy');
}

function compileOrders(input?: WorkOrderPolicyInput): CompiledOrders {
  if (input === undefined && defaultOrders) return defaultOrders;
  const cached = input !== null && typeof input === 'object' ? compiledOrders.get(input) : undefined;
  if (cached) return cached;
  const policy = parseWorkOrderPolicy(input ?? {});
  const c: CompiledOrders = { policy, calendar: compilePolicy({ calendar: policy.calendar }), limit: (t) => policy.limits[t] ?? policy.fallback };
  if (input !== null && typeof input === 'object') compiledOrders.set(input, c);
  else defaultOrders = c;
  return c;
}

/** The dispatch an order was completed under: the last one. */
function completingDispatch(o: WorkOrderState): WorkOrderDispatch | undefined {
  return o.dispatches[o.dispatches.length - 1];
}

/**
 * Whether an order was completed within its type's limit, counted from its last dispatch (the
 * unit that completed it); `null` while it is not completed.
 * @example
 * completedOnTime(order); // true
 */
export function completedOnTime(order: WorkOrderState, policy?: WorkOrderPolicyInput): boolean | null {
  const d = completingDispatch(order);
  if (order.completedAt === undefined || !d) return null;
  const c = compileOrders(policy);
  const limit = c.limit(order.orderType);
  return civilDay(order.completedAt) <= c.calendar.dueDay(civilDay(d.at), limit.completeDays, limit.count);
}

/**
 * What is due on a work order at a moment: signing for (a moment, hours after the dispatch),
 * completion (a day), the call-back (a day after completion). `at` is a date, or a date and
 * time with its offset.
 * @throws {SchemaError} when `at` is not a real date or time.
 * @example
 * dueOfWorkOrder(order, '2024-03-04T09:00:00+08:00').filter((d) => d.overdue);
 */
export function dueOfWorkOrder(order: WorkOrderState, at: string, policy?: WorkOrderPolicyInput): DueItem[] {
  const c = compileOrders(policy);
  const limit = c.limit(order.orderType);
  const today = dayOfMoment(at, 'at', 'deadline-query');
  // A day alone is its first moment in China's time zone.
  const now = at.length === 10 ? timestampMs(`${at}T00:00:00+08:00`) : timestampMs(at);
  const out: DueItem[] = [];
  const d = completingDispatch(order);
  if (order.status === 'dispatched' && d) {
    const dueMs = timestampMs(d.at) + limit.signForHours * 3_600_000;
    const due = new Date(dueMs + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
    out.push({ kind: 'deadline', id: 'sign-for', since: isoDate(civilDay(d.at)), due, overdue: now > dueMs, daysLeft: civilDay(due) - today });
  }
  if ((order.status === 'dispatched' || order.status === 'signed' || order.status === 'handled') && d) {
    const due = c.calendar.dueDay(civilDay(d.at), limit.completeDays, limit.count);
    out.push({ kind: 'deadline', id: 'completion', since: isoDate(civilDay(d.at)), due: isoDate(due), overdue: today > due, daysLeft: due - today });
  }
  if ((order.status === 'completed' || (order.status === 'called-back' && !order.reached)) && order.completedAt) {
    const since = civilDay(order.completedAt);
    const due = c.calendar.dueDay(since, limit.callBackDays, limit.count);
    out.push({ kind: 'deadline', id: 'call-back', since: isoDate(since), due: isoDate(due), overdue: today > due, daysLeft: due - today });
  }
  return out;
}

/** The measures of one unit in one month. */
export interface WorkOrderMeasure {
  unit: string;
  /** `YYYY-MM`. */
  month: string;
  /** Orders dispatched to the unit in the month. */
  dispatched: number;
  /** Orders the unit returned in the month. */
  returned: number;
  /** Orders the unit completed in the month, and of them those within the limit. */
  completed: number;
  completedOnTime: number;
  /** Orders of the unit rated in the month, and of them those rated satisfied. */
  rated: number;
  satisfied: number;
  /** completedOnTime / completed, or `null` without completions. */
  onTimeRate: number | null;
  /** satisfied / rated, or `null` without ratings. */
  satisfactionRate: number | null;
  /** Dispatches the unit signed for (签收) in the month, and of them those within the sign-for limit. */
  signed: number;
  signedOnTime: number;
  /** signedOnTime / signed, or `null` without sign-fors. */
  signForRate: number | null;
  /** Orders of the unit first called back (回访) in the month, and of them those within the call-back limit after completion. */
  calledBack: number;
  calledBackOnTime: number;
  /** calledBackOnTime / calledBack, or `null` without call-backs. */
  callBackRate: number | null;
}

/**
 * Whether a dispatch was signed for within its order type's limit (hours after the dispatch);
 * `null` while it is not signed for.
 * @example
 * signedOnTime(order, order.dispatches[0]!); // true
 */
export function signedOnTime(order: WorkOrderState, dispatch: WorkOrderDispatch, policy?: WorkOrderPolicyInput): boolean | null {
  if (dispatch.signedAt === undefined) return null;
  const limit = compileOrders(policy).limit(order.orderType);
  return timestampMs(dispatch.signedAt) <= timestampMs(dispatch.at) + limit.signForHours * 3_600_000;
}

/**
 * Whether an order was first called back within its type's limit after completion; `null`
 * while it is not called back.
 * @example
 * calledBackOnTime(order); // true
 */
export function calledBackOnTime(order: WorkOrderState, policy?: WorkOrderPolicyInput): boolean | null {
  if (order.firstCalledBackAt === undefined || order.completedAt === undefined) return null;
  const c = compileOrders(policy);
  const limit = c.limit(order.orderType);
  return civilDay(order.firstCalledBackAt) <= c.calendar.dueDay(civilDay(order.completedAt), limit.callBackDays, limit.count);
}

/**
 * Measures per unit and month: dispatches and returns by the month they happened, sign-fors
 * (timely or not) by the month signed, completions (on time or not) by the month of
 * completion, first call-backs (timely or not) and ratings by their month, both for the unit
 * that completed the order; sorted by month, then unit.
 * @example
 * workOrderMeasures(orders.values()).filter((m) => m.month === '2024-03');
 * // [{ unit: '昭阳区住建局', month: '2024-03', completed: 41, completedOnTime: 41, onTimeRate: 1, satisfactionRate: 0.975, … }]
 */
export function workOrderMeasures(orders: Iterable<WorkOrderState>, policy?: WorkOrderPolicyInput): WorkOrderMeasure[] {
  compileOrders(policy); // a bad policy is refused even when there is nothing to measure
  const rows = new Map<string, WorkOrderMeasure>();
  const row = (unit: string, at: string): WorkOrderMeasure => {
    const month = isoDate(civilDay(at)).slice(0, 7);
    const key = `${month}\u0000${unit}`;
    let r = rows.get(key);
    if (!r)
      rows.set(
        key,
        (r = { unit, month, dispatched: 0, returned: 0, completed: 0, completedOnTime: 0, rated: 0, satisfied: 0, onTimeRate: null, satisfactionRate: null, signed: 0, signedOnTime: 0, signForRate: null, calledBack: 0, calledBackOnTime: 0, callBackRate: null }),
      );
    return r;
  };
  for (const o of orders) {
    for (const d of o.dispatches) {
      row(d.unit, d.at).dispatched++;
      if (d.returnedAt) row(d.unit, d.returnedAt).returned++;
      if (d.signedAt) {
        const r = row(d.unit, d.signedAt);
        r.signed++;
        if (signedOnTime(o, d, policy)) r.signedOnTime++;
      }
    }
    const d = completingDispatch(o);
    if (!d || d.returnedAt) continue;
    if (o.completedAt) {
      const r = row(d.unit, o.completedAt);
      r.completed++;
      if (completedOnTime(o, policy)) r.completedOnTime++;
    }
    if (o.firstCalledBackAt && o.completedAt) {
      const r = row(d.unit, o.firstCalledBackAt);
      r.calledBack++;
      if (calledBackOnTime(o, policy)) r.calledBackOnTime++;
    }
    if (o.rating && o.ratedAt) {
      const r = row(d.unit, o.ratedAt);
      r.rated++;
      if (o.rating === 'satisfied') r.satisfied++;
    }
  }
  const out = [...rows.values()];
  for (const r of out) {
    r.onTimeRate = r.completed === 0 ? null : r.completedOnTime / r.completed;
    r.satisfactionRate = r.rated === 0 ? null : r.satisfied / r.rated;
    r.signForRate = r.signed === 0 ? null : r.signedOnTime / r.signed;
    r.callBackRate = r.calledBack === 0 ? null : r.calledBackOnTime / r.calledBack;
  }
  return out.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

/** A unit's place in a month's ranking. */
export interface RankedUnit {
  unit: string;
  /** 1 for the best. */
  rank: number;
  /** The weighted rates, 0–1. */
  score: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  completed: number;
}

/**
 * The monthly red/black list (红黑榜): the units of a month ranked by the weighted on-time and
 * satisfaction rates; ties go to the unit with more completions, then by unit name (code-point
 * order), so the list is the same on every run. The red list is the top `size`, best first; the
 * black list the bottom `size` not on the red list, worst first. Units with fewer than
 * `minCompleted` completions in the month are not ranked.
 * @example
 * const { red, black } = redBlackList(workOrderMeasures(orders.values()), '2024-03', { size: 3 });
 * red.map((u) => u.unit);
 */
export function redBlackList(
  measures: readonly WorkOrderMeasure[],
  month: string,
  options: { size?: number; minCompleted?: number; policy?: WorkOrderPolicyInput } = {},
): { month: string; ranking: RankedUnit[]; red: RankedUnit[]; black: RankedUnit[] } {
  const size = options.size ?? 3;
  const { onTime: wt, satisfaction: ws, signFor: wf, callBack: wc } = compileOrders(options.policy).policy.weights;
  const ranked = measures
    .filter((m) => m.month === month && m.completed >= (options.minCompleted ?? 1))
    .map((m) => {
      let sum = 0;
      let weight = 0;
      if (m.onTimeRate !== null) (sum += wt * m.onTimeRate), (weight += wt);
      if (m.satisfactionRate !== null) (sum += ws * m.satisfactionRate), (weight += ws);
      // Rows made before the sign-for and call-back rates existed lack them: left out.
      if (wf > 0 && m.signForRate != null) (sum += wf * m.signForRate), (weight += wf);
      if (wc > 0 && m.callBackRate != null) (sum += wc * m.callBackRate), (weight += wc);
      return { unit: m.unit, rank: 0, score: weight === 0 ? 0 : sum / weight, onTimeRate: m.onTimeRate, satisfactionRate: m.satisfactionRate, completed: m.completed };
    })
    .sort((a, b) => b.score - a.score || b.completed - a.completed || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  ranked.forEach((r, i) => (r.rank = i + 1));
  const red = ranked.slice(0, size);
  const black = ranked.slice(Math.max(red.length, ranked.length - size)).reverse();
  return { month, ranking: ranked, red, black };
}

/**
 * Open a dispute case from a work order: the case's registration (source `hotline`, with the
 * order's id) and the order's `linked` event, to record on each.
 * @example
 * const { registration, link } = openCaseFromWorkOrder(order, {
 *   caseId: 'ZT-2024-000123', eventId: 'ZT-2024-000123-1', linkEventId: 'W1-9', at: '2024-03-02T10:00:00+08:00',
 *   actor: registrar, facts: { category: 'neighbours', parties, place: order.place!, severity: 'general', riskFlags: [], level: 'village', summary: order.summary },
 * });
 */
export function openCaseFromWorkOrder(
  order: WorkOrderState,
  init: { caseId: string; eventId: string; linkEventId: string; at: string; actor: Actor; facts: Omit<CaseFacts, 'source' | 'workOrderId'> },
): { registration: CaseEventOf<'registered'>; link: WorkOrderEventOf<'linked'> } {
  if (order.caseId !== undefined) throw new DisputeError('workorder.already-linked', { order: order.id, case: order.caseId });
  return {
    registration: { id: init.eventId, caseId: init.caseId, type: 'registered', at: init.at, actor: init.actor, payload: { ...init.facts, source: 'hotline', workOrderId: order.id } },
    link: { id: init.linkEventId, orderId: order.id, type: 'linked', at: init.at, actor: { id: init.actor.id, unit: init.actor.unit }, payload: { caseId: init.caseId } },
  };
}
