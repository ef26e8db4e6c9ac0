// Registers <gualian-coverage-board>; guarded so two copies of the bundle on one page do not throw.
import { GualianCoverageBoard } from './coverage-board.js';

customElements.get('gualian-coverage-board') ?? customElements.define('gualian-coverage-board', GualianCoverageBoard);
