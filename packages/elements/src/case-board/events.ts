/**
 * The events of `<gualian-case-board>`, typed like the shared events in `base/events.ts`:
 * classes with their own fields instead of an untyped `detail`, bubbling and crossing shadow roots.
 */
import type { CaseState } from '@gualian/core/disputes';

/**
 * The user opened a case of the board (Enter or a click on its card); the board shows its
 * timeline.
 * @example
 * board.addEventListener('gualian-case-select', (e) => history.replaceState(null, '', `#${e.caseId}`));
 */
export class GualianCaseSelectEvent extends Event {
  static readonly eventName = 'gualian-case-select';
  constructor(
    /** The case's id. */
    readonly caseId: string,
    /** The case's state as the board shows it. */
    readonly state: CaseState,
  ) {
    super(GualianCaseSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-case-select': GualianCaseSelectEvent;
  }
}
