// Registers <gualian-workorder-stats>; guarded so two copies of the bundle on one page do not throw.
import { GualianWorkorderStats } from './workorder-stats.js';

customElements.get('gualian-workorder-stats') ?? customElements.define('gualian-workorder-stats', GualianWorkorderStats);
