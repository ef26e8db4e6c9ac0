/**
 * The events of `<gualian-review-queue>`, typed like the shared events in `base/events.ts`:
 * classes with their own fields instead of an untyped `detail`, bubbling and crossing shadow roots.
 */
import type { AssessmentError, ReviewAction, ReviewStep, SheetReview } from '@gualian/core/assessment';

const FLAGS: EventInit = { bubbles: true, composed: true };

/**
 * A review step was taken through the queue: the core's `reviewSheet` accepted it and returned
 * the new review, which the queue now shows. The page persists it (the queue keeps it in memory
 * only); `previous` is the review as it was, unchanged.
 * @example
 * queue.addEventListener('gualian-review', async (e) => {
 *   await fetch(`/api/reviews/${e.review.subject.id}`, { method: 'PUT', body: JSON.stringify(e.review) });
 * });
 */
export class GualianReviewEvent extends Event {
  static readonly eventName = 'gualian-review';
  constructor(
    /** The review after the step: its new state, revision and step. */
    readonly review: SheetReview,
    /** The review before the step. */
    readonly previous: SheetReview,
    /** The step recorded (`review.steps` ends with it). */
    readonly step: ReviewStep,
  ) {
    super(GualianReviewEvent.eventName, FLAGS);
  }

  /** The action taken. */
  get action(): ReviewAction {
    return this.step.action;
  }
}

/**
 * The core refused a step asked for through the queue (an illegal action, the wrong level, a
 * subject outside the reviewer's division, a missing reason): nothing changed. The queue shows
 * the message; the page may log it.
 * @example
 * queue.addEventListener('gualian-review-refused', (e) => console.warn(e.error.code, e.review.subject.id));
 */
export class GualianReviewRefusedEvent extends Event {
  static readonly eventName = 'gualian-review-refused';
  constructor(
    /** The core's refusal, with its stable `code`. */
    readonly error: AssessmentError,
    /** The action asked for. */
    readonly action: ReviewAction,
    /** The review, unchanged. */
    readonly review: SheetReview,
  ) {
    super(GualianReviewRefusedEvent.eventName, FLAGS);
  }
}

/**
 * The user opened a sheet of the list.
 * @example
 * queue.addEventListener('gualian-review-select', (e) => history.replaceState(null, '', `#${e.review.subject.id}`));
 */
export class GualianReviewSelectEvent extends Event {
  static readonly eventName = 'gualian-review-select';
  constructor(
    /** The review opened. */
    readonly review: SheetReview,
  ) {
    super(GualianReviewSelectEvent.eventName, FLAGS);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-review': GualianReviewEvent;
    'gualian-review-refused': GualianReviewRefusedEvent;
    'gualian-review-select': GualianReviewSelectEvent;
  }
}
