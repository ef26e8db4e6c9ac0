/**
 * The events gualian elements fire: typed classes, so listeners get typed fields instead of an
 * untyped `detail`. All bubble and cross shadow roots.
 */
import type { Division } from '@gualian/core';

const FLAGS: EventInit = { bubbles: true, composed: true };

/**
 * The chosen division changed by the user's action.
 * @example
 * picker.addEventListener('gualian-change', (e) => {
 *   console.log(e.value, e.path.map((d) => d.name).join(' / '));
 * });
 */
export class GualianChangeEvent extends Event {
  static readonly eventName = 'gualian-change';
  constructor(
    /** The official code of the deepest chosen division, or `null` when cleared. */
    readonly value: string | null,
    /** The chosen division and its ancestors, from the province down. */
    readonly path: readonly Division[],
  ) {
    super(GualianChangeEvent.eventName, FLAGS);
  }
}

/**
 * A division was selected (activated) by the user.
 * @example
 * tree.addEventListener('gualian-select', (e) => location.assign(`/village/${e.code}`));
 */
export class GualianSelectEvent extends Event {
  static readonly eventName = 'gualian-select';
  constructor(
    /** The selected division's code. */
    readonly code: string,
    /** The selected division. */
    readonly division: Division,
  ) {
    super(GualianSelectEvent.eventName, FLAGS);
  }
}

/**
 * A node was expanded or collapsed by the user.
 * @example
 * tree.addEventListener('gualian-toggle', (e) => console.log(e.code, e.expanded));
 */
export class GualianToggleEvent extends Event {
  static readonly eventName = 'gualian-toggle';
  constructor(
    /** The node's code. */
    readonly code: string,
    /** Whether it is now expanded. */
    readonly expanded: boolean,
  ) {
    super(GualianToggleEvent.eventName, FLAGS);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-change': GualianChangeEvent;
    'gualian-select': GualianSelectEvent;
    'gualian-toggle': GualianToggleEvent;
  }
}
