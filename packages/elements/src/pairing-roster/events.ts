/**
 * The event `<gualian-pairing-roster>` fires when the user edits the pairings: a typed class,
 * like those of base/events.ts, so listeners read typed fields instead of an untyped `detail`.
 */
import type { Pairing } from '@gualian/core/pairing';

/** What the user did: added a cadre to a village, removed one, changed a lead, accepted a proposal. */
export type PairingsChangeCause = 'add' | 'remove' | 'lead' | 'plan';

/**
 * The user changed the pairings. `pairings` is a new array (the one the element was given is
 * never modified); `added` and `removed` say what changed, for hosts that keep a history or
 * send only the difference to a server.
 * @example
 * roster.addEventListener('gualian-pairings-change', (e) => {
 *   console.log(e.cause, e.added.length, e.removed.length);
 *   save(e.pairings);
 * });
 */
export class GualianPairingsChangeEvent extends Event {
  static readonly eventName = 'gualian-pairings-change';
  constructor(
    /** The whole new list of pairings. */
    readonly pairings: Pairing[],
    /** The pairings that were added (also in `pairings`). */
    readonly added: readonly Pairing[],
    /** The pairings that were removed (no longer in `pairings`). */
    readonly removed: readonly Pairing[],
    /** What the user did. */
    readonly cause: PairingsChangeCause,
  ) {
    super(GualianPairingsChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-pairings-change': GualianPairingsChangeEvent;
  }
}
