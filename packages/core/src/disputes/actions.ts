/**
 * What an actor may do on a case now: the events the lifecycle leaves open to their role
 * ({@link allowedEvents}), and none when the case's place lies outside the division they act
 * for, or when the case is held at a level above theirs (escalated past them) — the same scope
 * `applyEvent` enforces. A form of next actions offers these; the guards
 * that depend on what is written (consents, the level escalated to) stay with `applyEvent`.
 */
import * as z from 'zod/mini';
import { parseRecord } from '../errors/schema.js';
import { isDivisionCode, normalizeCode } from '../hierarchy/codes.js';
import { actsAtLevel, allowedEvents, type CaseState } from './lifecycle.js';
import type { DisputePolicy, DisputePolicyInput } from './policy.js';
import { placeCodeSchema, type Actor, type CaseEventType } from './schema.js';

/** A code in its short form (a padded 12-digit code accepted), or a `SchemaError` naming the field. */
function shortCode(code: unknown, field: string): string {
  const short = typeof code === 'string' && isDivisionCode(code) ? normalizeCode(code) : code;
  return parseRecord(z.strictObject({ [field]: placeCodeSchema }), { [field]: short }, 'actor')[field] as string;
}

/**
 * Whether an actor's division contains a place (a division, grid or household-unit code), read
 * from the codes' digits as `applyEvent` does once a case is registered. Padded 12-digit codes
 * (`530602000000`) are read as their short forms; anything that is not a code is a
 * `SchemaError`, never a silent `false`.
 * @throws {SchemaError} naming `division` or `place`.
 * @example
 * actsWithin({ id: 'H1', role: 'handler', unit: '县司法局', division: '530602' }, '530602101001-003'); // true
 * actsWithin({ id: 'H1', role: 'handler', unit: '县司法局', division: '530602' }, '530621100201');     // false
 */
export function actsWithin(actor: Actor, place: string): boolean {
  const scope = shortCode(actor?.division, 'division');
  place = shortCode(place, 'place');
  if (!place.startsWith(scope)) return false;
  return place.length === scope.length || !scope.includes('-') || place[scope.length] === '-';
}

/**
 * The events an actor may record on a case now, in the order of `CASE_EVENT_TYPES`: those
 * `allowedEvents` leaves open to the actor's role, or none when the case is outside the
 * actor's division or held at a level above it.
 * @example
 * actionsFor(state, handler);                  // ['agreement-reached', 'mediation-failed', 'escalated', 'withdrawn', …]
 * actionsFor(state, handlerOfAnotherCounty);   // []
 * actionsFor(escalatedToCounty, townshipHandler); // []: the county holds it now
 */
export function actionsFor(state: CaseState, actor: Actor, options: { policy?: DisputePolicyInput | DisputePolicy } = {}): CaseEventType[] {
  if (!actsWithin(actor, state.facts.place) || !actsAtLevel(shortCode(actor.division, 'division'), state.level)) return [];
  return allowedEvents(state, { role: actor.role, ...(options.policy ? { policy: options.policy } : {}) });
}
