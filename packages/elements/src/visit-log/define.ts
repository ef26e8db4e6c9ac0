// Registers <gualian-visit-log>; guarded so two copies of the bundle on one page do not throw.
import { GualianVisitLog } from './visit-log.js';

customElements.get('gualian-visit-log') ?? customElements.define('gualian-visit-log', GualianVisitLog);
