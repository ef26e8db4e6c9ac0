/**
 * The events of `<gualian-case-timeline>`, typed like the shared events in `base/events.ts`:
 * classes with their own fields instead of an untyped `detail`, bubbling and crossing shadow roots.
 */
import type { CaseEvent, CaseState, DisputeError } from '@gualian/core/disputes';

const FLAGS: EventInit = { bubbles: true, composed: true };

/**
 * An event was recorded through the timeline's form: the core's `applyEvent` accepted it, and
 * the timeline now shows it appended. The page persists it (appends it to its record); the
 * timeline keeps it in memory only.
 * @example
 * timeline.addEventListener('gualian-case-event', async (e) => {
 *   await record.append(e.event);
 *   console.log(e.state.status); // 'mediating'
 * });
 */
export class GualianCaseEventEvent extends Event {
  static readonly eventName = 'gualian-case-event';
  constructor(
    /** The event recorded, as the core accepted it. */
    readonly event: CaseEvent,
    /** The case's state after it. */
    readonly state: CaseState,
  ) {
    super(GualianCaseEventEvent.eventName, FLAGS);
  }
}

/**
 * The core refused an event asked for through the form (an illegal transition, a missing
 * consent, an actor out of scope…): nothing was recorded. The timeline shows the message; the
 * page may log it.
 * @example
 * timeline.addEventListener('gualian-case-refused', (e) => console.warn(e.error.code, e.event.type));
 */
export class GualianCaseRefusedEvent extends Event {
  static readonly eventName = 'gualian-case-refused';
  constructor(
    /** The core's refusal, with its stable `code`. */
    readonly error: DisputeError,
    /** The event that was refused. */
    readonly event: CaseEvent,
  ) {
    super(GualianCaseRefusedEvent.eventName, FLAGS);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-case-event': GualianCaseEventEvent;
    'gualian-case-refused': GualianCaseRefusedEvent;
  }
}
