// Registers <gualian-region-picker>; guarded so two copies of the bundle on one page do not throw.
import { GualianRegionPicker } from './region-picker.js';

customElements.get('gualian-region-picker') ?? customElements.define('gualian-region-picker', GualianRegionPicker);
