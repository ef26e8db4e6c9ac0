// Registers <gualian-resolution-levels>; guarded so two copies of the bundle on one page do not throw.
import { GualianResolutionLevels } from './resolution-levels.js';

customElements.get('gualian-resolution-levels') ?? customElements.define('gualian-resolution-levels', GualianResolutionLevels);
