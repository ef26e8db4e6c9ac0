/**
 * The event `<gualian-workorder-stats>` fires: a typed class, like those of base/events.ts, so
 * listeners read typed fields instead of an untyped `detail`. It bubbles and crosses shadow roots.
 */
import type { WorkOrderMeasure } from '@gualian/core/disputes';

/**
 * The user picked a unit (in the table, on the red/black list or for the chart): a host may
 * list that unit's work orders.
 * @example
 * stats.addEventListener('gualian-unit-select', (e) => {
 *   console.log(e.unit, e.month, e.measure?.onTimeRate);
 * });
 */
export class GualianUnitSelectEvent extends Event {
  static readonly eventName = 'gualian-unit-select';
  constructor(
    /** The unit's name, as the orders were dispatched to it; `''` for all units. */
    readonly unit: string,
    /** The month shown, `YYYY-MM`. */
    readonly month: string,
    /** The core's measures of the unit in that month, or `null` when it has none (or for all units). */
    readonly measure: WorkOrderMeasure | null,
  ) {
    super(GualianUnitSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gualian-unit-select': GualianUnitSelectEvent;
  }
}
