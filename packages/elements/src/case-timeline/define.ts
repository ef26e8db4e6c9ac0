// Registers <gualian-case-timeline>; guarded so two copies of the bundle on one page do not throw.
import { GualianCaseTimeline } from './case-timeline.js';

customElements.get('gualian-case-timeline') ?? customElements.define('gualian-case-timeline', GualianCaseTimeline);
