/**
 * The event `<gualian-rubric-editor>` fires: a typed class, like those of base/events.ts, so
 * listeners read typed fields instead of an untyped `detail`.
 */
import type { Rubric } from '@gualian/core/assessment';

/**
 * The user changed the rubric and it is valid: `rubric` is what the core's `parseRubric` makes
 * of the edited JSON (defaults filled in, frozen). An edit that leaves the rubric invalid fires
 * nothing; the editor shows why instead.
 * @example
 * editor.addEventListener('gualian-rubric-change', (e) => {
 *   board.rubric = e.rubric;
 *   save(e.json);
 * });
 */
export class GualianRubricChangeEvent extends Event {
  static readonly eventName = 'gualian-rubric-change';
  constructor(
    /** The valid rubric. */
    readonly rubric: Rubric,
    /** The edited JSON as written (what export saves). */
    readonly json: string,
  ) {
    super(GualianRubricChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-rubric-change': GualianRubricChangeEvent;
  }
}
