// Registers <gualian-case-board> (which loads the <gualian-case-timeline> of its panel when a
// case is first opened); guarded so two copies of the bundle on one page do not throw.
import { GualianCaseBoard } from './case-board.js';

customElements.get('gualian-case-board') ?? customElements.define('gualian-case-board', GualianCaseBoard);
