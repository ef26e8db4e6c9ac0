/**
 * The event of `<gualian-visit-log>`, typed like the shared events in `base/events.ts`: a class
 * with its own fields instead of an untyped `detail`, bubbling and crossing shadow roots.
 */
import type { Visit } from '@gualian/core/pairing';

/**
 * A visit was recorded through the form: it passed the core's `visitSchema`, was added to the
 * roster with `roster.addVisit`, and the ledger shows it. The page saves it (the roster lives in
 * memory only); `visit` is the complete record, notes included.
 * @example
 * log.addEventListener('gualian-visit', async (e) => {
 *   await fetch('/api/visits', { method: 'POST', body: JSON.stringify(e.visit) });
 * });
 */
export class GualianVisitEvent extends Event {
  static readonly eventName = 'gualian-visit';
  constructor(
    /** The visit as recorded, with its new unique `id`. */
    readonly visit: Visit,
  ) {
    super(GualianVisitEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-visit': GualianVisitEvent;
  }
}
