// Registers <gualian-score-sheet>; guarded so two copies of the bundle on one page do not throw.
import { GualianScoreSheet } from './score-sheet.js';

customElements.get('gualian-score-sheet') ?? customElements.define('gualian-score-sheet', GualianScoreSheet);
