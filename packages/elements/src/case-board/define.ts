// Registers <gualian-case-board> and the <gualian-case-timeline> it opens; guarded so two copies
// of the bundle on one page do not throw.
import '../case-timeline/define.js';
import { GualianCaseBoard } from './case-board.js';

customElements.get('gualian-case-board') ?? customElements.define('gualian-case-board', GualianCaseBoard);
